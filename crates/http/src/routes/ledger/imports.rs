//! Files into the ledger (LED-09, 12, 13, 14, 16): each import is checked whole first —
//! every bad line named, nothing applied — then applied in one transaction. With
//! `dry_run=true` the report says what would happen.

use std::collections::HashMap;

use actix_web::{get, post, put, web};
use chrono::NaiveDate;
use madoguchi_domain::ledger::batch::BatchExpiry;
use madoguchi_domain::ledger::import::{self, Column, ImportKind, ImportedCard, Mapping, Verdict};
use madoguchi_domain::ledger::postal::{self, PostalIndex};
use madoguchi_domain::ledger::qr::QrLayout;
use madoguchi_domain::ledger::status::CardStatus;
use madoguchi_domain::text_file::{self, TextEncoding};
use madoguchi_domain::{FieldError, FieldErrors};
use madoguchi_persistence::{PersistenceError, database, ledger_imports, ledger_settings};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::{LedgerDesk, Staff};
use crate::dto::ledger::CardStatusView;
use crate::extract::{ValidJson, read_body};
use crate::problem::{ApiError, ApiResult, Problem, ProblemCode};
use crate::state::AppState;

/// A city's issuance list or the national postal dictionary (about 12 MB).
const IMPORT_LIMIT: usize = 48 * 1024 * 1024;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LedgerImportQuery {
    /// Check the file and report, without changing anything.
    #[serde(default)]
    pub dry_run: bool,
}

async fn text_of(payload: &mut web::Payload) -> ApiResult<(String, TextEncoding)> {
    let bytes = read_body(payload, IMPORT_LIMIT).await?;
    text_file::decode(&bytes).map_err(ApiError::from)
}

fn encoding_name(encoding: TextEncoding) -> String {
    match encoding {
        TextEncoding::Utf8 => "utf-8",
        TextEncoding::Cp932 => "cp932",
    }
    .to_owned()
}

fn invalid(errors: import::ImportErrors) -> ApiError {
    ApiError::InvalidFile { errors: errors.listed.0, total: errors.total }
}

async fn mapping(state: &AppState, staff: &Staff<LedgerDesk>, kind: ImportKind) -> ApiResult<Mapping> {
    Ok(ledger_settings::column_mappings(&state.db, &staff.scope).await?.remove(kind.as_str()).unwrap_or_default())
}

/// A card as an import will register it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportedCardPreview {
    pub line: u64,
    pub management_number: String,
    pub name: Option<String>,
    pub birth_date: Option<NaiveDate>,
    /// The state it enters the ledger in (`received` for an issuance list).
    pub status: CardStatusView,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CardImportReport {
    pub dry_run: bool,
    pub applied: bool,
    /// `utf-8` or `cp932`, as detected.
    pub encoding: String,
    /// Cards registered (or, in a dry run, that would be).
    pub cards: usize,
    /// The first 50 cards, to check the columns were read right.
    pub preview: Vec<ImportedCardPreview>,
}

async fn import_cards(
    state: &AppState,
    staff: &Staff<LedgerDesk>,
    kind: ImportKind,
    dry_run: bool,
    payload: &mut web::Payload,
) -> ApiResult<CardImportReport> {
    let _turn = state.heavy.turn().await?;
    let (text, encoding) = text_of(payload).await?;
    let cards = import::read_cards(&text, kind, &mapping(state, staff, kind).await?).map_err(invalid)?;
    drop(text);
    if cards.is_empty() {
        return Err(ApiError::Invalid {
            code: ProblemCode::ImportEmpty,
            errors: vec![FieldError::new(
                "file",
                ProblemCode::ImportEmpty.as_str(),
                "the file has a header and no card",
            )],
        });
    }
    let numbers: Vec<&str> = cards.iter().map(|c| c.card.management_number.as_str()).collect();
    let vault = state.vault(&staff.scope).await?;
    // In a transaction of its own (a read: on SQLite it takes no write lock): its hundreds
    // of look-ups are planned for their values.
    let reading = database::begin_read(&state.db).await?;
    let known = ledger_imports::registered_numbers(&reading, &staff.scope, &vault, &numbers).await?;
    reading.commit().await?;
    let registered = cards.iter().filter(|c| known.contains(c.card.management_number.as_str()));
    let total = u64::try_from(registered.clone().count()).unwrap_or(u64::MAX);
    let errors: Vec<FieldError> = registered
        .take(import::LISTED_ERRORS)
        .map(|c| {
            FieldError::new(
                "management_number",
                ProblemCode::LedgerDuplicateQr.as_str(),
                format!("{} is registered in the ledger already", c.card.management_number),
            )
            .at_line(c.line)
        })
        .collect();
    if !errors.is_empty() {
        return Err(ApiError::InvalidFile { errors, total });
    }
    let status =
        |c: &ImportedCard| CardStatusView::from(c.history.as_ref().map_or(CardStatus::Received, |h| h.status()));
    let preview = cards
        .iter()
        .take(50)
        .map(|c| ImportedCardPreview {
            line: c.line,
            management_number: c.card.management_number.as_str().to_owned(),
            name: c.card.name.clone(),
            birth_date: c.card.birth_date,
            status: status(c),
        })
        .collect();
    let report =
        CardImportReport { dry_run, applied: !dry_run, encoding: encoding_name(encoding), cards: cards.len(), preview };
    if dry_run {
        return Ok(report);
    }
    let now = state.clock.now();
    let txn = database::begin_write(&state.db).await?;
    ledger_imports::insert_cards(&txn, &staff.scope, &vault, &cards, kind.as_str(), staff.user.login_id.as_str(), now)
        .await
        .map_err(|e| match e {
            PersistenceError::Conflict(code) => ApiError::conflict(
                ProblemCode::from(code),
                "a card of the file was registered meanwhile; nothing was imported: send it again",
            ),
            other => other.into(),
        })?;
    staff
        .audit(
            &txn,
            state,
            "ledger.import",
            "ledger_card",
            None,
            json!({ "kind": kind.as_str(), "cards": cards.len(), "encoding": report.encoding }),
        )
        .await?;
    txn.commit().await?;
    Ok(report)
}

/// Registers the cards of a 統合端末 カード発行一覧 CSV (LED-13) as delivered. Header row
/// required; default headers 製造管理番号, 申請書ID, 発送番号, 氏名, 氏名カナ, 生年月日,
/// 性別, 郵便番号, 住所, 交付方式, 種別, 署名用電子証明書, 利用者証明用電子証明書,
/// カード有効期限, 電子証明書有効期限 (or the field keys, or the tenant's own mapping);
/// other columns are passed over. UTF-8 or CP932. All or nothing: every bad line —
/// including a card registered already (`ledger.duplicate_qr`) — is named.
#[utoipa::path(
    tag = "ledger",
    security(("bearer" = [])),
    params(LedgerImportQuery),
    request_body(content = String, content_type = "text/csv", description = "The CSV file"),
    responses((status = 200, body = CardImportReport), (status = 409, description = "`ledger.duplicate_qr`: a card of the file was registered meanwhile; send the file again", body = Problem, content_type = "application/problem+json"), (status = 413, body = Problem, content_type = "application/problem+json"), (status = 422, description = "`import.invalid` with each bad line, `import.empty`, `import.unknown_encoding`", body = Problem, content_type = "application/problem+json"), (status = 503, description = "`server.busy`: other large files are being read on this server; send again after `Retry-After` seconds", body = Problem, content_type = "application/problem+json"))
)]
#[post("/ledger/imports/issuance")]
pub async fn import_issuance(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
    query: web::Query<LedgerImportQuery>,
    mut payload: web::Payload,
) -> ApiResult<web::Json<CardImportReport>> {
    Ok(web::Json(import_cards(&state, &staff, ImportKind::Issuance, query.dry_run, &mut payload).await?))
}

/// Brings in the municipality's existing ledger (LED-14): the issuance list's columns
/// plus 検品日, 検品結果, 交付前設定日, 交付通知書発送日, 交付通知書返戻日, 交付日,
/// 交付督促発送日, 交付取りやめ日/理由, 廃止日/理由, 廃棄日/理由, 備考, 申し送り事項,
/// 保管場所. Each card enters in the furthest state its dates show.
#[utoipa::path(
    tag = "ledger",
    security(("bearer" = [])),
    params(LedgerImportQuery),
    request_body(content = String, content_type = "text/csv", description = "The CSV file"),
    responses((status = 200, body = CardImportReport), (status = 413, body = Problem, content_type = "application/problem+json"), (status = 422, description = "`import.invalid` with each bad line", body = Problem, content_type = "application/problem+json"), (status = 503, description = "`server.busy`: other large files are being read on this server; send again after `Retry-After` seconds", body = Problem, content_type = "application/problem+json"))
)]
#[post("/ledger/imports/legacy")]
pub async fn import_legacy(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
    query: web::Query<LedgerImportQuery>,
    mut payload: web::Payload,
) -> ApiResult<web::Json<CardImportReport>> {
    Ok(web::Json(import_cards(&state, &staff, ImportKind::Legacy, query.dry_run, &mut payload).await?))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FindingView {
    pub management_number: String,
    pub verdict: VerdictView,
    /// The list's line, when the card is on it.
    pub line: Option<u64>,
    pub reason: String,
    /// The ledger's card, when there is one.
    pub card_id: Option<Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReconciliationReport {
    pub dry_run: bool,
    /// Whether the cards were flagged with their verdicts.
    pub applied: bool,
    pub encoding: String,
    pub listed: usize,
    pub matched: usize,
    pub conflict: usize,
    pub not_in_ledger: usize,
    pub not_on_list: usize,
    /// Every finding but the matches first, then the matches.
    pub findings: Vec<FindingView>,
}

/// Reconciles J-LIS's e-certificate renewal target list with the ledger (LED-09):
/// matched; on the list but not in the ledger; a renewal card the ledger waits to hand
/// over that the list does not name; a status conflict (the ledger has the card
/// abolished, disposed, cancelled or reissued, or another birth date). Unless a dry run,
/// each card met is flagged (`renewal_check`), searchable.
#[utoipa::path(
    tag = "ledger",
    security(("bearer" = [])),
    params(LedgerImportQuery),
    request_body(content = String, content_type = "text/csv", description = "The CSV file: 製造管理番号 required; 氏名, 生年月日, 電子証明書有効期限 optional"),
    responses((status = 200, body = ReconciliationReport), (status = 422, description = "`import.invalid` with each bad line", body = Problem, content_type = "application/problem+json"), (status = 503, description = "`server.busy`: other large files are being read on this server; send again after `Retry-After` seconds", body = Problem, content_type = "application/problem+json"))
)]
#[post("/ledger/imports/renewal-list")]
pub async fn import_renewal_list(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
    query: web::Query<LedgerImportQuery>,
    mut payload: web::Payload,
) -> ApiResult<web::Json<ReconciliationReport>> {
    let _turn = state.heavy.turn().await?;
    let (text, encoding) = text_of(&mut payload).await?;
    let targets =
        import::read_renewal_targets(&text, &mapping(&state, &staff, ImportKind::Renewal).await?).map_err(invalid)?;
    drop(text);
    let numbers: Vec<&str> = targets.iter().map(|t| t.management_number.as_str()).collect();
    let (facts, ids) =
        ledger_imports::renewal_facts(&state.db, &staff.scope, &state.vault(&staff.scope).await?, &numbers).await?;
    let mut findings = import::reconcile(&targets, &facts);
    findings.sort_by_key(|f| (f.verdict == Verdict::Matched, f.line.unwrap_or(u64::MAX)));
    let count = |v: Verdict| findings.iter().filter(|f| f.verdict == v).count();
    let now = state.clock.now();
    if !query.dry_run {
        let txn = database::begin_write(&state.db).await?;
        ledger_imports::flag_renewals(
            &txn,
            &staff.scope,
            &findings,
            &ids,
            madoguchi_domain::time::japan_date(now),
            now,
        )
        .await?;
        staff.audit(&txn, &state, "ledger.renewal_reconcile", "ledger_card", None, json!({ "listed": targets.len(), "matched": count(Verdict::Matched), "conflict": count(Verdict::Conflict), "not_in_ledger": count(Verdict::NotInLedger), "not_on_list": count(Verdict::NotOnList) })).await?;
        txn.commit().await?;
    }
    let report = ReconciliationReport {
        dry_run: query.dry_run,
        applied: !query.dry_run,
        encoding: encoding_name(encoding),
        listed: targets.len(),
        matched: count(Verdict::Matched),
        conflict: count(Verdict::Conflict),
        not_in_ledger: count(Verdict::NotInLedger),
        not_on_list: count(Verdict::NotOnList),
        findings: findings
            .into_iter()
            .map(|f| FindingView {
                card_id: ids.get(&f.management_number).copied(),
                management_number: f.management_number,
                verdict: f.verdict.into(),
                line: f.line,
                reason: f.reason,
            })
            .collect(),
    };
    Ok(web::Json(report))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PeopleImportReport {
    pub dry_run: bool,
    pub applied: bool,
    pub encoding: String,
    pub people: usize,
    /// Postal codes the file left out and the dictionary filled.
    pub postal_codes_filled: usize,
    /// Addresses the dictionary could not place (their lines).
    pub postal_codes_missing: Vec<u64>,
    /// Cards linked to their person by management number.
    pub cards_linked: u64,
}

/// Imports a per-person address list (LED-12): 宛名番号 and 氏名 required; 氏名カナ,
/// 生年月日, 性別, 郵便番号, 住所, 製造管理番号 optional. A person already imported (same
/// 宛名番号) is replaced. Missing postal codes are filled from the postal dictionary.
#[utoipa::path(
    tag = "ledger",
    security(("bearer" = [])),
    params(LedgerImportQuery),
    request_body(content = String, content_type = "text/csv", description = "The CSV file"),
    responses((status = 200, body = PeopleImportReport), (status = 409, description = "`ledger.changed_meanwhile`: another import changed the address list meanwhile; send the file again", body = Problem, content_type = "application/problem+json"), (status = 422, description = "`import.invalid` with each bad line", body = Problem, content_type = "application/problem+json"), (status = 503, description = "`server.busy`: other large files are being read on this server; send again after `Retry-After` seconds", body = Problem, content_type = "application/problem+json"))
)]
#[post("/ledger/imports/people")]
pub async fn import_people(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
    query: web::Query<LedgerImportQuery>,
    mut payload: web::Payload,
) -> ApiResult<web::Json<PeopleImportReport>> {
    let _turn = state.heavy.turn().await?;
    let (text, encoding) = text_of(&mut payload).await?;
    let mut people =
        import::read_people(&text, &mapping(&state, &staff, ImportKind::People).await?).map_err(invalid)?;
    drop(text);
    let dictionary = ledger_imports::postal_codes(&state.db, &staff.scope).await?;
    let index = PostalIndex::new(&dictionary);
    let (mut filled, mut missing) = (0, Vec::new());
    for person in people.iter_mut().filter(|p| p.postal_code.is_none()) {
        match person.address.as_deref().and_then(|a| index.code_for(a)) {
            Some(code) => {
                person.postal_code = Some(code);
                filled += 1;
            }
            None if person.address.is_some() => missing.push(person.line),
            None => {}
        }
    }
    let mut report = PeopleImportReport {
        dry_run: query.dry_run,
        applied: !query.dry_run,
        encoding: encoding_name(encoding),
        people: people.len(),
        postal_codes_filled: filled,
        postal_codes_missing: missing,
        cards_linked: 0,
    };
    if !query.dry_run {
        let now = state.clock.now();
        let txn = database::begin_write(&state.db).await?;
        report.cards_linked =
            ledger_imports::upsert_people(&txn, &staff.scope, &state.vault(&staff.scope).await?, &people, now).await?;
        staff
            .audit(
                &txn,
                &state,
                "ledger.people_import",
                "ledger_person",
                None,
                json!({ "people": people.len(), "linked": report.cards_linked }),
            )
            .await?;
        txn.commit().await?;
    }
    Ok(web::Json(report))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PostalImportReport {
    /// Entries after split rows were joined.
    pub entries: usize,
    pub encoding: String,
}

/// Replaces the postal-code dictionary with Japan Post's `KEN_ALL.CSV` (CP932) or
/// `utf_ken_all.csv`: split rows are joined, notes dropped from the town names.
#[utoipa::path(
    tag = "ledger",
    security(("bearer" = [])),
    request_body(content = String, content_type = "text/csv", description = "KEN_ALL.CSV or utf_ken_all.csv"),
    responses((status = 200, body = PostalImportReport), (status = 422, description = "`import.invalid` with each bad line", body = Problem, content_type = "application/problem+json"), (status = 503, description = "`server.busy`: other large files are being read on this server; send again after `Retry-After` seconds", body = Problem, content_type = "application/problem+json"))
)]
#[post("/ledger/postal-codes")]
pub async fn import_postal_codes(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
    mut payload: web::Payload,
) -> ApiResult<web::Json<PostalImportReport>> {
    let _turn = state.heavy.turn().await?;
    let (text, encoding) = text_of(&mut payload).await?;
    let entries = postal::read_ken_all(&text).map_err(|e| invalid(e.into()))?;
    let txn = database::begin_write(&state.db).await?;
    ledger_imports::replace_postal_codes(&txn, &staff.scope, &entries).await?;
    staff.audit(&txn, &state, "ledger.postal_import", "postal_code", None, json!({ "entries": entries.len() })).await?;
    txn.commit().await?;
    Ok(web::Json(PostalImportReport { entries: entries.len(), encoding: encoding_name(encoding) }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PostalSummary {
    /// Entries of the dictionary now (0 until one is imported).
    pub entries: u64,
}

/// How many entries the postal dictionary holds.
#[utoipa::path(tag = "ledger", security(("bearer" = [])), responses((status = 200, body = PostalSummary)))]
#[get("/ledger/postal-codes")]
pub async fn postal_summary(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
) -> ApiResult<web::Json<PostalSummary>> {
    Ok(web::Json(PostalSummary { entries: ledger_imports::postal_code_count(&state.db, &staff.scope).await? }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PostalQuery {
    pub address: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PostalAnswer {
    /// `NNN-NNNN`, or absent when no town of the dictionary starts the address.
    pub postal_code: Option<String>,
}

/// The postal code of an address, from the dictionary.
#[utoipa::path(tag = "ledger", security(("bearer" = [])), params(PostalQuery), responses((status = 200, body = PostalAnswer)))]
#[get("/ledger/postal-codes/lookup")]
pub async fn lookup_postal_code(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
    query: web::Query<PostalQuery>,
) -> ApiResult<web::Json<PostalAnswer>> {
    let dictionary = ledger_imports::postal_codes(&state.db, &staff.scope).await?;
    Ok(web::Json(PostalAnswer { postal_code: PostalIndex::new(&dictionary).code_for(&query.address) }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeopleQuery {
    /// Part of the name or its kana.
    pub name: Option<String>,
    /// `YYYY-MM-DD` or 和暦.
    #[param(value_type = Option<crate::params::DateText>)]
    pub birth_date: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PersonView {
    pub id: Uuid,
    pub person_key: String,
    pub name: String,
    pub name_kana: Option<String>,
    pub birth_date: Option<NaiveDate>,
    /// `1` male, `2` female, `9` unknown.
    pub sex: Option<String>,
    pub postal_code: Option<String>,
    pub address: Option<String>,
    pub management_number: Option<String>,
}

impl From<ledger_imports::StoredPerson> for PersonView {
    fn from(p: ledger_imports::StoredPerson) -> Self {
        Self {
            id: p.id.0,
            person_key: p.person_key,
            name: p.name,
            name_kana: p.name_kana,
            birth_date: p.birth_date,
            sex: p.sex,
            postal_code: p.postal_code,
            address: p.address,
            management_number: p.management_number,
        }
    }
}

/// Looks a person up in the imported address lists (LED-16): 氏名・住所・性別・生年月日
/// without a 住基 link. At least one of name and birth date; at most 50 answers. Each
/// look-up is in the audit log.
#[utoipa::path(tag = "ledger", security(("bearer" = [])), params(PeopleQuery), responses((status = 200, body = [PersonView]), (status = 422, body = Problem, content_type = "application/problem+json")))]
#[get("/ledger/people")]
pub async fn find_people(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
    query: web::Query<PeopleQuery>,
) -> ApiResult<web::Json<Vec<PersonView>>> {
    let name = query.name.as_deref().map(madoguchi_domain::width::trim_text).filter(|n| !n.is_empty());
    let birth = query.birth_date.as_deref().map(madoguchi_domain::width::trim_text).filter(|d| !d.is_empty());
    let birth_date = match birth {
        Some(text) => Some(madoguchi_domain::wareki::parse_date(text).ok_or_else(|| {
            ApiError::invalid(FieldError::new(
                "birth_date",
                "validation.date",
                "a date such as 1975-04-01 or 昭和50年4月1日",
            ))
        })?),
        None => None,
    };
    if name.is_none() && birth_date.is_none() {
        return Err(ApiError::invalid(FieldError::new("name", "validation.required", "give a name or a birth date")));
    }
    let people =
        ledger_imports::find_people(&state.db, &staff.scope, &state.vault(&staff.scope).await?, name, birth_date, 50)
            .await?;
    staff
        .audit(
            &state.db,
            &state,
            "ledger.people_lookup",
            "ledger_person",
            None,
            json!({ "name": name.is_some(), "birth_date": birth_date.is_some(), "found": people.len() }),
        )
        .await?;
    Ok(web::Json(people.into_iter().map(PersonView::from).collect()))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct LedgerSettingsView {
    /// `jlis-qr-v1`, or field names in order and an optional separator:
    /// `management_number,skip,name,birth_date;tab`.
    pub qr_layout: String,
    /// Per import (`issuance`, `legacy`, `renewal`, `people`): field key → the header
    /// the tenant's file uses instead of the default.
    pub column_mappings: HashMap<String, HashMap<String, String>>,
    /// The default header of every field key, for reference.
    #[serde(default)]
    pub default_headers: HashMap<String, String>,
    /// Hours an open scan batch may stay untouched before it is discarded (1–720).
    pub batch_expiry_hours: u16,
}

fn defaults() -> HashMap<String, String> {
    ImportKind::ALL
        .iter()
        .flat_map(|k| k.columns().iter())
        .map(|c: &Column| (c.key().to_owned(), c.default_header().to_owned()))
        .collect()
}

/// The QR layout and the import mappings.
#[utoipa::path(tag = "ledger", security(("bearer" = [])), responses((status = 200, body = LedgerSettingsView)))]
#[get("/ledger/settings")]
pub async fn get_ledger_settings(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
) -> ApiResult<web::Json<LedgerSettingsView>> {
    let layout = ledger_settings::qr_layout(&state.db, &staff.scope).await?;
    let column_mappings = ledger_settings::column_mappings(&state.db, &staff.scope).await?;
    let expiry = ledger_settings::batch_expiry(&state.db, &staff.scope).await?;
    Ok(web::Json(LedgerSettingsView {
        qr_layout: layout.spec(),
        column_mappings,
        default_headers: defaults(),
        batch_expiry_hours: expiry.hours(),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LedgerSettingsRequest {
    pub qr_layout: String,
    #[serde(default)]
    pub column_mappings: HashMap<String, HashMap<String, String>>,
    /// Hours an open scan batch may stay untouched before it is discarded (1–720);
    /// unchanged when absent.
    #[schema(minimum = 1, maximum = 720)]
    pub batch_expiry_hours: Option<i64>,
}

/// Changes the QR layout (a layout change is configuration: design.md) and the import
/// mappings. Every faulty part is named.
#[utoipa::path(tag = "ledger", security(("bearer" = [])), request_body = LedgerSettingsRequest, responses((status = 200, body = LedgerSettingsView), (status = 422, body = Problem, content_type = "application/problem+json")))]
#[put("/ledger/settings")]
pub async fn put_ledger_settings(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
    body: ValidJson<LedgerSettingsRequest>,
) -> ApiResult<web::Json<LedgerSettingsView>> {
    let mut errors = FieldErrors::new();
    let layout = QrLayout::parse(&body.0.qr_layout)
        .map_err(|e| errors.0.extend(e.0.into_iter().map(|e| FieldError { field: "qr_layout".to_owned(), ..e })))
        .ok();
    for (kind, mapping) in &body.0.column_mappings {
        match ImportKind::parse(kind) {
            Some(k) => {
                if let Err(found) = import::check_mapping(k, mapping) {
                    errors.0.extend(found.0.into_iter().map(|e| FieldError {
                        field: format!("column_mappings.{kind}.{}", e.field.trim_start_matches("mapping.")),
                        ..e
                    }));
                }
            }
            None => errors.push(FieldError::new(
                format!("column_mappings.{kind}"),
                "import.unknown_kind",
                "issuance, legacy, renewal or people",
            )),
        }
    }
    let expiry = match body.0.batch_expiry_hours.map(BatchExpiry::from_hours) {
        Some(Ok(expiry)) => Some(expiry),
        Some(Err(error)) => {
            errors.push(error);
            None
        }
        None => None,
    };
    errors.into_result().map_err(ApiError::invalid)?;
    let Some(layout) = layout else {
        return Err(ApiError::invalid(FieldError::new("qr_layout", "layout.invalid", "unreadable")));
    };
    let txn = database::begin_write(&state.db).await?;
    ledger_settings::set_qr_layout(&txn, &staff.scope, &layout).await?;
    ledger_settings::set_column_mappings(&txn, &staff.scope, &body.0.column_mappings).await?;
    if let Some(expiry) = expiry {
        ledger_settings::set_batch_expiry(&txn, &staff.scope, expiry).await?;
    }
    let expiry = ledger_settings::batch_expiry(&txn, &staff.scope).await?;
    staff
        .audit(
            &txn,
            &state,
            "ledger.settings",
            "ledger_settings",
            None,
            json!({ "qr_layout": layout.spec(), "column_mappings": body.0.column_mappings, "batch_expiry_hours": expiry.hours() }),
        )
        .await?;
    txn.commit().await?;
    Ok(web::Json(LedgerSettingsView {
        qr_layout: layout.spec(),
        column_mappings: body.0.column_mappings,
        default_headers: defaults(),
        batch_expiry_hours: expiry.hours(),
    }))
}

/// The reconciliation's verdict on a card: on both sides and agreeing (`matched`), on
/// both with different facts (`conflict`), on the list only (`not_in_ledger`), in the
/// ledger only (`not_on_list`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum VerdictView {
    Matched,
    Conflict,
    NotInLedger,
    NotOnList,
}

impl From<Verdict> for VerdictView {
    fn from(verdict: Verdict) -> Self {
        match verdict {
            Verdict::Matched => Self::Matched,
            Verdict::Conflict => Self::Conflict,
            Verdict::NotInLedger => Self::NotInLedger,
            Verdict::NotOnList => Self::NotOnList,
        }
    }
}
