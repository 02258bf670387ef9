//! Files brought into the ledger in one transaction: cards of an issuance list or a
//! legacy ledger, a renewal list's verdicts, an address list, the postal dictionary.
//! Rows go in by the hundred: a city's issuance list has a hundred thousand lines.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_domain::ledger::import::{Finding, ImportedCard, LedgerFacts, Person, Verdict};
use madoguchi_domain::ledger::postal::PostalEntry;
use madoguchi_domain::ledger::status::CardStatus;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use madoguchi_vault::TenantVault;

use crate::Conflict;
use crate::entities::{ledger_cards, ledger_events, ledger_people, postal_codes};
use crate::ledger_cards::{date_text, new_card, open_date};
use crate::sealed::{open, open_opt};
use crate::unique_keys::{self, Kind};
use crate::{PersistenceError, TenantScope};

/// Where each sealed field of an address list's person is kept.
pub(crate) mod places {
    pub const PERSON_KEY: &str = "ledger_people.person_key";
    pub const NAME: &str = "ledger_people.name";
    pub const NAME_KANA: &str = "ledger_people.name_kana";
    pub const BIRTH_DATE: &str = "ledger_people.birth_date";
    pub const POSTAL_CODE: &str = "ledger_people.postal_code";
    pub const ADDRESS: &str = "ledger_people.address";
    pub const MANAGEMENT_NUMBER: &str = "ledger_people.management_number";
}

/// Rows per INSERT: ledger cards have 48 columns, SQLite allows 32,766 parameters.
const CHUNK: usize = 500;

/// Which of these management numbers the ledger has already.
///
/// # Errors
/// Database failures.
pub async fn registered_numbers(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    numbers: &[&str],
) -> Result<HashSet<String>, PersistenceError> {
    crate::bulk::plan_for_values(db).await?;
    Ok(unique_keys::owners(db, scope, vault, Kind::Card, numbers).await?.into_keys().collect())
}

/// Inserts every card, with one history line each: `registered` for an issuance list,
/// `imported` with the state reached for a legacy ledger.
///
/// # Errors
/// `Conflict(Conflict::DuplicateQr)` if a card was registered meanwhile, database failures.
pub async fn insert_cards(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    cards: &[ImportedCard],
    source: &str,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    crate::bulk::plan_for_values(db).await?;
    let today = madoguchi_domain::time::japan_date(now);
    for chunk in cards.chunks(CHUNK) {
        let mut models = Vec::with_capacity(chunk.len());
        let mut events = Vec::with_capacity(chunk.len());
        for imported in chunk {
            let id = Uuid::now_v7();
            let mut model = new_card(scope, id, &imported.card, &format!("{source}:{}", imported.line), now);
            model.name_kana = Set(imported.name_kana.clone());
            model.postal_code = Set(imported.postal_code.clone());
            model.card_expires_on = Set(imported.card_expires_on);
            model.certificate_expires_on = Set(imported.certificate_expires_on);
            let (action, status, on) = if let Some(h) = &imported.history {
                let status = h.status();
                model.status = Set(status.as_str().to_owned());
                model.inspection_result = Set(h
                    .inspection_result
                    .or(h.inspected_on.map(|_| madoguchi_domain::ledger::status::InspectionResult::Ok))
                    .map(|r| r.as_str().to_owned()));
                model.inspected_on = Set(h.inspected_on);
                model.set_up_on = Set(h.set_up_on);
                model.notice_sent_on = Set(h.notice_sent_on);
                model.notice_returned_on = Set(h.notice_returned_on);
                model.handed_over_on = Set(h.handed_over_on);
                model.reminder_sent_on = Set(h.reminder_sent_on);
                model.cancelled_on = Set(h.cancelled_on);
                model.cancel_reason = Set(h.cancel_reason.clone());
                model.abolished_on = Set(h.abolished_on);
                model.abolish_reason = Set(h.abolish_reason.clone());
                model.disposed_on = Set(h.disposed_on);
                model.dispose_reason = Set(h.dispose_reason.clone());
                model.notes = Set(h.notes.clone());
                model.handover_notes = Set(h.handover_notes.clone());
                model.storage_location = Set(h.storage_location.clone());
                ("imported", Some(status), today)
            } else {
                ("registered", None, today)
            };
            models.push(model);
            let reason = format!("{source} line {}", imported.line);
            let event =
                crate::ledger_events::Event { card: id, actor, action, change: None, on: Some(on), reason: &reason };
            let mut event = crate::ledger_events::event_row(scope, vault, &event, now);
            // An imported card enters the ledger where its old ledger had it, from nowhere.
            event.to_status = Set(status.map(|s| s.as_str().to_owned()));
            events.push(event);
        }
        crate::ledger_cards::insert_all(db, scope, vault, models).await?;
        ledger_events::Entity::insert_many(events).exec_without_returning(db).await?;
    }
    Ok(())
}

/// What the ledger knows of the listed cards, and of every renewal card still waiting,
/// with each card's ID by management number (for the report's links).
///
/// # Errors
/// Database failures.
pub async fn renewal_facts(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    numbers: &[&str],
) -> Result<(Vec<LedgerFacts>, HashMap<String, Uuid>), PersistenceError> {
    type Row = (Uuid, String, String, Option<NaiveDate>, Option<String>, Option<String>);
    let select = || {
        ledger_cards::Entity::find()
            .select_only()
            .column(ledger_cards::Column::Id)
            .column(ledger_cards::Column::ManagementNumber)
            .column(ledger_cards::Column::Status)
            .column(ledger_cards::Column::BirthDate)
            .column(ledger_cards::Column::BirthDateSealed)
            .column(ledger_cards::Column::Kind)
            .filter(ledger_cards::Column::TenantId.eq(scope.uuid()))
    };
    let listed: Vec<Uuid> = unique_keys::owners(db, scope, vault, Kind::Card, numbers).await?.into_values().collect();
    let mut rows: HashMap<Uuid, Row> = HashMap::new();
    for chunk in listed.chunks(500) {
        for row in
            select().filter(ledger_cards::Column::Id.is_in(chunk.iter().copied())).into_tuple::<Row>().all(db).await?
        {
            rows.insert(row.0, row);
        }
    }
    for row in select().filter(ledger_cards::Column::Kind.eq("renewal")).into_tuple::<Row>().all(db).await? {
        rows.insert(row.0, row);
    }
    let mut ids = HashMap::with_capacity(rows.len());
    let mut facts = Vec::with_capacity(rows.len());
    for (id, number, status, plain_birth, sealed_birth, kind) in rows.into_values() {
        let management_number = open(vault, crate::ledger_cards::places::MANAGEMENT_NUMBER, number)?;
        let birth_date = open_date(vault, crate::ledger_cards::places::BIRTH_DATE, sealed_birth, plain_birth)?;
        let status = CardStatus::parse(&status)
            .ok_or_else(|| PersistenceError::Corrupt(format!("ledger_cards.status = {status}")))?;
        ids.insert(management_number.clone(), id);
        facts.push(LedgerFacts {
            management_number,
            status,
            birth_date,
            renewal_kind: kind.as_deref() == Some("renewal"),
        });
    }
    Ok((facts, ids))
}

/// Flags every card the reconciliation met with its verdict and the day; `ids` are the
/// cards by management number ([`renewal_facts`]).
///
/// # Errors
/// Database failures.
pub async fn flag_renewals(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    findings: &[Finding],
    ids: &HashMap<String, Uuid>,
    on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    for verdict in [Verdict::Matched, Verdict::Conflict, Verdict::NotOnList] {
        let cards: Vec<Uuid> = findings
            .iter()
            .filter(|f| f.verdict == verdict)
            .filter_map(|f| ids.get(f.management_number.as_str()).copied())
            .collect();
        for chunk in cards.chunks(500) {
            ledger_cards::Entity::update_many()
                .col_expr(ledger_cards::Column::RenewalCheck, Expr::value(verdict.as_str()))
                .col_expr(ledger_cards::Column::RenewalCheckedOn, Expr::value(on))
                .col_expr(ledger_cards::Column::UpdatedAt, Expr::value(now))
                .filter(ledger_cards::Column::TenantId.eq(scope.uuid()))
                .filter(ledger_cards::Column::Id.is_in(chunk.iter().copied()))
                .exec(db)
                .await?;
        }
    }
    Ok(())
}

/// Replaces the tenant's postal dictionary with a new edition.
///
/// # Errors
/// Database failures.
pub async fn replace_postal_codes(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    entries: &[PostalEntry],
) -> Result<(), PersistenceError> {
    postal_codes::Entity::delete_many().filter(postal_codes::Column::TenantId.eq(scope.uuid())).exec(db).await?;
    let mut seq = 0_i32;
    for chunk in entries.chunks(1000) {
        let models = chunk.iter().map(|entry| {
            seq += 1;
            postal_codes::ActiveModel {
                tenant_id: Set(scope.uuid()),
                seq: Set(seq),
                code: Set(entry.code.clone()),
                prefecture: Set(entry.prefecture.clone()),
                city: Set(entry.city.clone()),
                town: Set(entry.town.chars().take(500).collect()),
            }
        });
        postal_codes::Entity::insert_many(models.collect::<Vec<_>>()).exec_without_returning(db).await?;
    }
    Ok(())
}

/// The tenant's postal dictionary, in the file's order.
///
/// # Errors
/// Database failures.
pub async fn postal_codes(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
) -> Result<Vec<PostalEntry>, PersistenceError> {
    Ok(postal_codes::Entity::find()
        .filter(postal_codes::Column::TenantId.eq(scope.uuid()))
        .order_by_asc(postal_codes::Column::Seq)
        .all(db)
        .await?
        .into_iter()
        .map(|m| PostalEntry { code: m.code, prefecture: m.prefecture, city: m.city, town: m.town })
        .collect())
}

/// A person of an address list, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPerson {
    pub id: madoguchi_domain::ids::PersonId,
    /// 宛名番号: what makes two lines one person.
    pub person_key: String,
    pub name: String,
    pub name_kana: Option<String>,
    pub birth_date: Option<chrono::NaiveDate>,
    pub sex: Option<String>,
    pub postal_code: Option<String>,
    pub address: Option<String>,
    pub management_number: Option<String>,
    pub imported_at: DateTime<Utc>,
}

fn person_of(vault: &TenantVault, model: ledger_people::Model) -> Result<StoredPerson, PersistenceError> {
    Ok(StoredPerson {
        id: madoguchi_domain::ids::PersonId(model.id),
        person_key: open(vault, places::PERSON_KEY, model.person_key)?,
        name: open(vault, places::NAME, model.name)?,
        name_kana: open_opt(vault, places::NAME_KANA, model.name_kana)?,
        birth_date: open_date(vault, places::BIRTH_DATE, model.birth_date_sealed, model.birth_date)?,
        sex: model.sex,
        postal_code: open_opt(vault, places::POSTAL_CODE, model.postal_code)?,
        address: open_opt(vault, places::ADDRESS, model.address)?,
        management_number: open_opt(vault, places::MANAGEMENT_NUMBER, model.management_number)?,
        imported_at: model.imported_at,
    })
}

/// A person's row, sealed under the tenant's current key, and the tokens of their name
/// and reading.
fn sealed_person(
    scope: &TenantScope,
    vault: &TenantVault,
    id: Uuid,
    p: &StoredPerson,
) -> (ledger_people::ActiveModel, Vec<i64>) {
    let key = vault.current();
    let seal = |place: &str, text: &Option<String>| text.as_deref().map(|t| vault.seal(place, t));
    let birth = p.birth_date.map(date_text);
    let model = ledger_people::ActiveModel {
        tenant_id: Set(scope.uuid()),
        id: Set(id),
        person_key: Set(vault.seal(places::PERSON_KEY, &p.person_key)),
        name: Set(vault.seal(places::NAME, &p.name)),
        name_kana: Set(seal(places::NAME_KANA, &p.name_kana)),
        birth_date: Set(None),
        birth_date_sealed: Set(seal(places::BIRTH_DATE, &birth)),
        birth_date_index: Set(birth.as_deref().map(|b| key.blind(places::BIRTH_DATE, b))),
        sex: Set(p.sex.clone()),
        postal_code: Set(seal(places::POSTAL_CODE, &p.postal_code)),
        address: Set(seal(places::ADDRESS, &p.address)),
        management_number: Set(seal(places::MANAGEMENT_NUMBER, &p.management_number)),
        management_number_index: Set(p.management_number.as_deref().map(|n| key.blind(places::MANAGEMENT_NUMBER, n))),
        imported_at: Set(p.imported_at),
        key_version: Set(key.version()),
    };
    let mut texts = vec![(places::NAME, p.name.as_str())];
    if let Some(kana) = &p.name_kana {
        texts.push((places::NAME_KANA, kana.as_str()));
    }
    (model, crate::search_tokens::of(vault, &texts))
}

/// Adds or replaces (by 宛名番号) every person of a list, and links each to its card by
/// management number. Answers how many cards were linked.
///
/// # Errors
/// Database failures.
pub async fn upsert_people(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    people: &[Person],
    now: DateTime<Utc>,
) -> Result<u64, PersistenceError> {
    crate::bulk::plan_for_values(db).await?;
    let mut linked = 0;
    for chunk in people.chunks(CHUNK) {
        let keys: Vec<&str> = chunk.iter().map(|p| p.person_key.as_str()).collect();
        // A person imported again keeps their id, so cards linked earlier stay linked.
        let existing = unique_keys::owners(db, scope, vault, Kind::Person, &keys).await?;
        let replaced: Vec<Uuid> = existing.values().copied().collect();
        unique_keys::release(db, scope, Kind::Person, &replaced).await?;
        crate::search_tokens::remove_all(db, scope, &replaced).await?;
        ledger_people::Entity::delete_many()
            .filter(ledger_people::Column::TenantId.eq(scope.uuid()))
            .filter(ledger_people::Column::Id.is_in(replaced.iter().copied()))
            .exec(db)
            .await?;
        let mut models = Vec::with_capacity(chunk.len());
        let mut tokens = Vec::with_capacity(chunk.len());
        let mut owners = Vec::with_capacity(chunk.len());
        let mut numbers = Vec::new();
        for p in chunk {
            let id = existing.get(&p.person_key).copied().unwrap_or_else(Uuid::now_v7);
            let stored = StoredPerson {
                id: madoguchi_domain::ids::PersonId(id),
                person_key: p.person_key.clone(),
                name: p.name.clone(),
                name_kana: p.name_kana.clone(),
                birth_date: p.birth_date,
                sex: p.sex.clone(),
                postal_code: p.postal_code.clone(),
                address: p.address.clone(),
                management_number: p.management_number.as_ref().map(|n| n.as_str().to_owned()),
                imported_at: now,
            };
            let (model, person_tokens) = sealed_person(scope, vault, id, &stored);
            models.push(model);
            tokens.push((id, person_tokens));
            owners.push((id, p.person_key.as_str()));
            if let Some(number) = &p.management_number {
                numbers.push((id, number.as_str()));
            }
        }
        unique_keys::claim(db, scope, vault, Kind::Person, &owners, Conflict::CardChanged).await?;
        ledger_people::Entity::insert_many(models).exec_without_returning(db).await?;
        crate::search_tokens::insert_all(db, scope, &tokens).await?;
        let listed: Vec<&str> = numbers.iter().map(|(_, n)| *n).collect();
        let cards = unique_keys::owners(db, scope, vault, Kind::Card, &listed).await?;
        for (person, number) in numbers {
            if let Some(card) = cards.get(number) {
                linked += ledger_cards::Entity::update_many()
                    .col_expr(ledger_cards::Column::PersonId, Expr::value(person))
                    .filter(ledger_cards::Column::TenantId.eq(scope.uuid()))
                    .filter(ledger_cards::Column::Id.eq(*card))
                    .exec(db)
                    .await?
                    .rows_affected;
            }
        }
    }
    Ok(linked)
}

/// The people of the address list holding these management numbers, by number: a card
/// registered after its person's list is linked to them.
///
/// # Errors
/// A value that does not open, database failures.
pub(crate) async fn people_by_numbers(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    numbers: &[&str],
) -> Result<HashMap<String, Uuid>, PersistenceError> {
    let mut found = HashMap::new();
    for chunk in numbers.chunks(500) {
        let mut number_of: HashMap<i64, &str> = HashMap::new();
        for number in chunk {
            for blind in vault.blinds(places::MANAGEMENT_NUMBER, number) {
                number_of.insert(blind, number);
            }
        }
        let rows: Vec<(Uuid, Option<i64>)> = ledger_people::Entity::find()
            .select_only()
            .column(ledger_people::Column::Id)
            .column(ledger_people::Column::ManagementNumberIndex)
            .filter(ledger_people::Column::TenantId.eq(scope.uuid()))
            .filter(ledger_people::Column::ManagementNumberIndex.is_in(number_of.keys().copied()))
            .into_tuple()
            .all(db)
            .await?;
        for (id, index) in rows {
            if let Some(number) = index.and_then(|i| number_of.get(&i)) {
                found.insert((*number).to_owned(), id);
            }
        }
    }
    Ok(found)
}

/// The readings of these people, by person.
///
/// # Errors
/// A value that does not open, database failures.
pub(crate) async fn readings(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, String>, PersistenceError> {
    let mut found = HashMap::new();
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    for chunk in ids.chunks(500) {
        let rows: Vec<(Uuid, Option<String>)> = ledger_people::Entity::find()
            .select_only()
            .column(ledger_people::Column::Id)
            .column(ledger_people::Column::NameKana)
            .filter(ledger_people::Column::TenantId.eq(scope.uuid()))
            .filter(ledger_people::Column::Id.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        for (id, kana) in rows {
            if let Some(kana) = open_opt(vault, places::NAME_KANA, kana)? {
                found.insert(id, kana);
            }
        }
    }
    Ok(found)
}

/// At most this many people are opened to check a search by a part of a name.
const MAX_NAME_CANDIDATES: u64 = 20_000;

/// People by part of the name or kana and/or birth date, at most `limit`, in reading
/// order (LED-16).
///
/// # Errors
/// Database failures.
pub async fn find_people(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    name: Option<&str>,
    birth_date: Option<NaiveDate>,
    limit: usize,
) -> Result<Vec<StoredPerson>, PersistenceError> {
    use madoguchi_domain::applicant::to_katakana;
    use madoguchi_domain::variants::contains_name;
    let mut query = ledger_people::Entity::find().filter(ledger_people::Column::TenantId.eq(scope.uuid()));
    let name = name.filter(|n| !n.trim().is_empty());
    if let Some(name) = name {
        let mut any = sea_orm::Condition::any();
        for place in [places::NAME, places::NAME_KANA] {
            if let Some(select) = crate::search_tokens::owners_matching(scope, vault, place, name) {
                any = any.add(ledger_people::Column::Id.in_subquery(select));
            }
        }
        if any.is_empty() {
            return Ok(Vec::new());
        }
        query = query.filter(any);
    }
    if let Some(date) = birth_date {
        query = query
            .filter(ledger_people::Column::BirthDateIndex.is_in(vault.blinds(places::BIRTH_DATE, &date_text(date))));
    }
    let mut people = Vec::new();
    for model in query.order_by_asc(ledger_people::Column::Id).limit(MAX_NAME_CANDIDATES).all(db).await? {
        let person = person_of(vault, model)?;
        let matches = name.is_none_or(|n| {
            contains_name(&person.name, n)
                || person.name_kana.as_deref().is_some_and(|k| contains_name(&to_katakana(k), &to_katakana(n)))
        });
        if matches {
            people.push(person);
        }
    }
    people.sort_by(|a, b| (&a.name_kana, &a.person_key).cmp(&(&b.name_kana, &b.person_key)));
    people.truncate(limit);
    Ok(people)
}

/// # Errors
/// Database failures.
pub async fn person(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    id: Uuid,
) -> Result<Option<StoredPerson>, PersistenceError> {
    ledger_people::Entity::find_by_id((scope.uuid(), id)).one(db).await?.map(|m| person_of(vault, m)).transpose()
}

/// Seals again, under the tenant's current key, up to `batch` people stored before
/// sealing began or under an older data key, with their indexes, unique keys and tokens
/// made anew; returns how many (0 when none is left).
///
/// # Errors
/// A value that does not open, database failures.
pub async fn reseal_people(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    batch: u64,
) -> Result<u64, PersistenceError> {
    let models = crate::sealed::under_older_keys::<ledger_people::Entity>(db, scope, vault, batch).await?;
    let ids: Vec<Uuid> = models.iter().map(|m| m.id).collect();
    unique_keys::release(db, scope, Kind::Person, &ids).await?;
    crate::search_tokens::remove_all(db, scope, &ids).await?;
    ledger_people::Entity::delete_many()
        .filter(ledger_people::Column::TenantId.eq(scope.uuid()))
        .filter(ledger_people::Column::Id.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    let people = models.into_iter().map(|m| person_of(vault, m)).collect::<Result<Vec<_>, _>>()?;
    let mut rows = Vec::with_capacity(people.len());
    let mut tokens = Vec::with_capacity(people.len());
    for person in &people {
        let (model, person_tokens) = sealed_person(scope, vault, person.id.0, person);
        rows.push(model);
        tokens.push((person.id.0, person_tokens));
    }
    if !rows.is_empty() {
        ledger_people::Entity::insert_many(rows).exec_without_returning(db).await?;
    }
    let owners: Vec<(Uuid, &str)> = people.iter().map(|p| (p.id.0, p.person_key.as_str())).collect();
    unique_keys::claim(db, scope, vault, Kind::Person, &owners, Conflict::CardChanged).await?;
    crate::search_tokens::insert_all(db, scope, &tokens).await?;
    Ok(u64::try_from(ids.len()).unwrap_or(u64::MAX))
}

/// Removes up to `batch` people of the address list that no list imported since
/// `before` held (a person imported again is kept: each import renews them), with their
/// tokens and unique keys; their cards forget them. Returns how many: 0 when none is left.
///
/// # Errors
/// Database failures.
pub async fn remove_people_before(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    before: DateTime<Utc>,
    batch: u64,
) -> Result<u64, PersistenceError> {
    let ids: Vec<Uuid> = ledger_people::Entity::find()
        .select_only()
        .column(ledger_people::Column::Id)
        .filter(ledger_people::Column::TenantId.eq(scope.uuid()))
        .filter(ledger_people::Column::ImportedAt.lt(before))
        .order_by_asc(ledger_people::Column::Id)
        .limit(batch)
        .into_tuple()
        .all(db)
        .await?;
    if ids.is_empty() {
        return Ok(0);
    }
    ledger_cards::Entity::update_many()
        .col_expr(ledger_cards::Column::PersonId, Expr::value(Option::<Uuid>::None))
        .filter(ledger_cards::Column::TenantId.eq(scope.uuid()))
        .filter(ledger_cards::Column::PersonId.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    unique_keys::release(db, scope, Kind::Person, &ids).await?;
    crate::search_tokens::remove_all(db, scope, &ids).await?;
    ledger_people::Entity::delete_many()
        .filter(ledger_people::Column::TenantId.eq(scope.uuid()))
        .filter(ledger_people::Column::Id.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    Ok(u64::try_from(ids.len()).unwrap_or(u64::MAX))
}

/// How many entries the tenant's postal dictionary holds.
///
/// # Errors
/// Database failures.
pub async fn postal_code_count(db: &impl ConnectionTrait, scope: &TenantScope) -> Result<u64, PersistenceError> {
    use sea_orm::PaginatorTrait;
    Ok(postal_codes::Entity::find().filter(postal_codes::Column::TenantId.eq(scope.uuid())).count(db).await?)
}
