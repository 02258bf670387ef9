//! The ledger's cards: registered from scans and imports, found by what a clerk knows
//! (management number, birth date, name), moved along their life by conditional
//! updates, so two clerks working on one card never both win.

use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_domain::applicant::ManagementNumber;
use madoguchi_domain::ids::{BookingId, CardId, PersonId};
use madoguchi_domain::ledger::qr::ScannedCard;
use madoguchi_domain::ledger::status::{CardStatus, InspectionResult, Step};
use madoguchi_domain::time::japan_date;
use sea_orm::sea_query::{Expr, ExprTrait, SimpleExpr};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

use madoguchi_vault::TenantVault;

use crate::Conflict;
use crate::entities::{ledger_cards, ledger_events};
use crate::ledger_events::{Actor, Event, event_row, record};
use crate::sealed::{open, open_opt};
use crate::unique_keys::{self, Kind};
use crate::{PersistenceError, TenantScope};

/// A card of the ledger with every LED-05 field, as the layers above read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerCard {
    pub id: CardId,
    pub management_number: String,
    pub application_id: Option<String>,
    pub shipment_number: Option<String>,
    pub name: Option<String>,
    pub name_kana: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub sex: Option<String>,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub visit_method: Option<String>,
    pub kind: Option<String>,
    pub signing_certificate: bool,
    pub user_certificate: bool,
    pub card_expires_on: Option<NaiveDate>,
    pub certificate_expires_on: Option<NaiveDate>,
    pub status: CardStatus,
    pub inspection_result: Option<String>,
    pub inspected_on: Option<NaiveDate>,
    pub set_up_on: Option<NaiveDate>,
    pub notice_sent_on: Option<NaiveDate>,
    pub notice_returned_on: Option<NaiveDate>,
    pub handed_over_on: Option<NaiveDate>,
    pub reminder_sent_on: Option<NaiveDate>,
    pub cancelled_on: Option<NaiveDate>,
    pub cancel_reason: String,
    pub reissue_processed_on: Option<NaiveDate>,
    pub reissuable: Option<bool>,
    pub reissue_reason: String,
    pub abolished_on: Option<NaiveDate>,
    pub abolish_reason: String,
    pub disposed_on: Option<NaiveDate>,
    pub dispose_reason: String,
    pub notes: String,
    pub handover_notes: String,
    pub storage_location: String,
    pub booking_id: Option<BookingId>,
    pub source: String,
    pub registered_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
    pub renewal_check: Option<String>,
    pub renewal_checked_on: Option<NaiveDate>,
    pub person_id: Option<PersonId>,
}

/// Where each sealed field of a card is kept: the vault binds a value to its place, and
/// the blind indexes and tokens are derived per place.
pub(crate) mod places {
    pub const MANAGEMENT_NUMBER: &str = "ledger_cards.management_number";
    pub const APPLICATION_ID: &str = "ledger_cards.application_id";
    pub const NAME: &str = "ledger_cards.name";
    pub const NAME_KANA: &str = "ledger_cards.name_kana";
    pub const BIRTH_DATE: &str = "ledger_cards.birth_date";
    pub const ADDRESS: &str = "ledger_cards.address";
    pub const POSTAL_CODE: &str = "ledger_cards.postal_code";
    pub const NOTES: &str = "ledger_cards.notes";
    pub const HANDOVER_NOTES: &str = "ledger_cards.handover_notes";
    pub const SOURCE: &str = "ledger_cards.source";
    pub const CANCEL_REASON: &str = "ledger_cards.cancel_reason";
    pub const REISSUE_REASON: &str = "ledger_cards.reissue_reason";
    pub const ABOLISH_REASON: &str = "ledger_cards.abolish_reason";
    pub const DISPOSE_REASON: &str = "ledger_cards.dispose_reason";
    pub const EVENT_REASON: &str = "ledger_events.reason";
}

/// A sealed text; an empty one stays empty (it tells nothing, and notes mostly are).
pub(crate) fn seal_text(vault: &TenantVault, place: &str, text: &str) -> String {
    if text.is_empty() { String::new() } else { vault.seal(place, text) }
}

/// A birth date as it is sealed and indexed.
pub(crate) fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// A sealed birth date, opened; `plain` is the column of rows stored before sealing.
pub(crate) fn open_date(
    vault: &TenantVault,
    place: &str,
    sealed: Option<String>,
    plain: Option<NaiveDate>,
) -> Result<Option<NaiveDate>, PersistenceError> {
    match sealed {
        None => Ok(plain),
        Some(sealed) => {
            let text = open(vault, place, sealed)?;
            NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| PersistenceError::Corrupt(format!("{place}: not a date")))
        }
    }
}

/// A stored row as a card, opened; a status the domain does not know is corrupt data.
pub(crate) fn card_of(vault: &TenantVault, model: ledger_cards::Model) -> Result<LedgerCard, PersistenceError> {
    let status = CardStatus::parse(&model.status)
        .ok_or_else(|| PersistenceError::Corrupt(format!("ledger_cards.status of {} = {}", model.id, model.status)))?;
    Ok(LedgerCard {
        id: CardId(model.id),
        management_number: open(vault, places::MANAGEMENT_NUMBER, model.management_number)?,
        application_id: open_opt(vault, places::APPLICATION_ID, model.application_id)?,
        shipment_number: model.shipment_number,
        name: open_opt(vault, places::NAME, model.name)?,
        name_kana: open_opt(vault, places::NAME_KANA, model.name_kana)?,
        birth_date: open_date(vault, places::BIRTH_DATE, model.birth_date_sealed, model.birth_date)?,
        sex: model.sex,
        address: open_opt(vault, places::ADDRESS, model.address)?,
        postal_code: open_opt(vault, places::POSTAL_CODE, model.postal_code)?,
        visit_method: model.visit_method,
        kind: model.kind,
        signing_certificate: model.signing_certificate,
        user_certificate: model.user_certificate,
        card_expires_on: model.card_expires_on,
        certificate_expires_on: model.certificate_expires_on,
        status,
        inspection_result: model.inspection_result,
        inspected_on: model.inspected_on,
        set_up_on: model.set_up_on,
        notice_sent_on: model.notice_sent_on,
        notice_returned_on: model.notice_returned_on,
        handed_over_on: model.handed_over_on,
        reminder_sent_on: model.reminder_sent_on,
        cancelled_on: model.cancelled_on,
        cancel_reason: open(vault, places::CANCEL_REASON, model.cancel_reason)?,
        reissue_processed_on: model.reissue_processed_on,
        reissuable: model.reissuable,
        reissue_reason: open(vault, places::REISSUE_REASON, model.reissue_reason)?,
        abolished_on: model.abolished_on,
        abolish_reason: open(vault, places::ABOLISH_REASON, model.abolish_reason)?,
        disposed_on: model.disposed_on,
        dispose_reason: open(vault, places::DISPOSE_REASON, model.dispose_reason)?,
        notes: open(vault, places::NOTES, model.notes)?,
        handover_notes: open(vault, places::HANDOVER_NOTES, model.handover_notes)?,
        storage_location: model.storage_location,
        booking_id: model.booking_id.map(BookingId),
        source: open(vault, places::SOURCE, model.source)?,
        registered_at: model.registered_at,
        updated_at: model.updated_at,
        version: model.version,
        renewal_check: model.renewal_check,
        renewal_checked_on: model.renewal_checked_on,
        person_id: model.person_id.map(PersonId),
    })
}

pub(crate) fn cards_of(
    vault: &TenantVault,
    models: Vec<ledger_cards::Model>,
) -> Result<Vec<LedgerCard>, PersistenceError> {
    models.into_iter().map(|m| card_of(vault, m)).collect()
}

impl LedgerCard {
    #[must_use]
    pub fn inspection(&self) -> Option<InspectionResult> {
        self.inspection_result.as_deref().and_then(InspectionResult::parse)
    }
}

/// A new card as delivered (`received`), in the clear: [`insert_all`] seals it.
pub(crate) fn new_card(
    scope: &TenantScope,
    id: Uuid,
    card: &ScannedCard,
    source: &str,
    now: DateTime<Utc>,
) -> ledger_cards::ActiveModel {
    ledger_cards::ActiveModel {
        tenant_id: Set(scope.uuid()),
        id: Set(id),
        management_number: Set(card.management_number.as_str().to_owned()),
        application_id: Set(card.application_id.as_ref().map(|a| a.as_str().to_owned())),
        application_id_index: Set(None),
        shipment_number: Set(card.shipment_number.as_ref().map(|s| s.as_str().to_owned())),
        name: Set(card.name.clone()),
        name_kana: Set(None),
        birth_date: Set(card.birth_date),
        birth_date_sealed: Set(None),
        birth_date_index: Set(None),
        sex: Set(card.sex.map(|s| s.code().to_owned())),
        address: Set(card.address.clone()),
        postal_code: Set(None),
        visit_method: Set(card.visit_method.map(|v| v.as_str().to_owned())),
        kind: Set(card.kind.map(|k| k.as_str().to_owned())),
        signing_certificate: Set(card.signing_certificate),
        user_certificate: Set(card.user_certificate),
        card_expires_on: Set(None),
        certificate_expires_on: Set(None),
        status: Set(CardStatus::Received.as_str().to_owned()),
        inspection_result: Set(None),
        inspected_on: Set(None),
        set_up_on: Set(None),
        notice_sent_on: Set(None),
        notice_returned_on: Set(None),
        handed_over_on: Set(None),
        reminder_sent_on: Set(None),
        cancelled_on: Set(None),
        cancel_reason: Set(String::new()),
        reissue_processed_on: Set(None),
        reissuable: Set(None),
        reissue_reason: Set(String::new()),
        abolished_on: Set(None),
        abolish_reason: Set(String::new()),
        disposed_on: Set(None),
        dispose_reason: Set(String::new()),
        notes: Set(String::new()),
        handover_notes: Set(String::new()),
        storage_location: Set(String::new()),
        booking_id: Set(None),
        source: Set(source.to_owned()),
        registered_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        renewal_check: Set(None),
        renewal_checked_on: Set(None),
        person_id: Set(None),
        key_version: Set(0),
    }
}

/// A card's personal fields in the clear, as they are sealed into its row.
#[derive(Debug, Clone, Default)]
pub(crate) struct Personal {
    pub management_number: String,
    pub application_id: Option<String>,
    pub name: Option<String>,
    pub name_kana: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub notes: String,
    pub handover_notes: String,
    pub source: String,
    pub cancel_reason: String,
    pub reissue_reason: String,
    pub abolish_reason: String,
    pub dispose_reason: String,
}

impl Personal {
    /// What a new row holds in the clear.
    fn of_model(model: &ledger_cards::ActiveModel) -> Self {
        let text = |v: &sea_orm::ActiveValue<Option<String>>| v.try_as_ref().cloned().flatten();
        let plain = |v: &sea_orm::ActiveValue<String>| v.try_as_ref().cloned().unwrap_or_default();
        Self {
            management_number: plain(&model.management_number),
            application_id: text(&model.application_id),
            name: text(&model.name),
            name_kana: text(&model.name_kana),
            birth_date: model.birth_date.try_as_ref().copied().flatten(),
            address: text(&model.address),
            postal_code: text(&model.postal_code),
            notes: plain(&model.notes),
            handover_notes: plain(&model.handover_notes),
            source: plain(&model.source),
            cancel_reason: plain(&model.cancel_reason),
            reissue_reason: plain(&model.reissue_reason),
            abolish_reason: plain(&model.abolish_reason),
            dispose_reason: plain(&model.dispose_reason),
        }
    }

    pub(crate) fn of_card(card: &LedgerCard) -> Self {
        Self {
            management_number: card.management_number.clone(),
            application_id: card.application_id.clone(),
            name: card.name.clone(),
            name_kana: card.name_kana.clone(),
            birth_date: card.birth_date,
            address: card.address.clone(),
            postal_code: card.postal_code.clone(),
            notes: card.notes.clone(),
            handover_notes: card.handover_notes.clone(),
            source: card.source.clone(),
            cancel_reason: card.cancel_reason.clone(),
            reissue_reason: card.reissue_reason.clone(),
            abolish_reason: card.abolish_reason.clone(),
            dispose_reason: card.dispose_reason.clone(),
        }
    }

    /// Sets every sealed column, blind index and the key version of `model`.
    fn seal_into(&self, vault: &TenantVault, model: &mut ledger_cards::ActiveModel) {
        let key = vault.current();
        let seal = |place: &str, text: &Option<String>| text.as_deref().map(|t| vault.seal(place, t));
        let birth = self.birth_date.map(date_text);
        model.management_number = Set(vault.seal(places::MANAGEMENT_NUMBER, &self.management_number));
        model.application_id = Set(seal(places::APPLICATION_ID, &self.application_id));
        model.application_id_index = Set(self.application_id.as_deref().map(|a| key.blind(places::APPLICATION_ID, a)));
        model.name = Set(seal(places::NAME, &self.name));
        model.name_kana = Set(seal(places::NAME_KANA, &self.name_kana));
        model.birth_date = Set(None);
        model.birth_date_sealed = Set(seal(places::BIRTH_DATE, &birth));
        model.birth_date_index = Set(birth.as_deref().map(|b| key.blind(places::BIRTH_DATE, b)));
        model.address = Set(seal(places::ADDRESS, &self.address));
        model.postal_code = Set(seal(places::POSTAL_CODE, &self.postal_code));
        model.notes = Set(seal_text(vault, places::NOTES, &self.notes));
        model.handover_notes = Set(seal_text(vault, places::HANDOVER_NOTES, &self.handover_notes));
        model.source = Set(seal_text(vault, places::SOURCE, &self.source));
        model.cancel_reason = Set(seal_text(vault, places::CANCEL_REASON, &self.cancel_reason));
        model.reissue_reason = Set(seal_text(vault, places::REISSUE_REASON, &self.reissue_reason));
        model.abolish_reason = Set(seal_text(vault, places::ABOLISH_REASON, &self.abolish_reason));
        model.dispose_reason = Set(seal_text(vault, places::DISPOSE_REASON, &self.dispose_reason));
        model.key_version = Set(key.version());
    }

    /// What a part of the name or reading finds the card by.
    fn tokens(&self, vault: &TenantVault) -> Vec<i64> {
        let mut texts = Vec::new();
        if let Some(name) = &self.name {
            texts.push((places::NAME, name.as_str()));
        }
        if let Some(kana) = &self.name_kana {
            texts.push((places::NAME_KANA, kana.as_str()));
        }
        crate::search_tokens::of(vault, &texts)
    }
}

/// Inserts new cards given in the clear: sealed, claiming their management numbers
/// (`Conflict(Conflict::DuplicateQr)` when one is registered), indexed by the tokens of
/// their names, and linked to their person of the address list when it has them.
///
/// # Errors
/// The conflict, database failures.
pub(crate) async fn insert_all(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    mut models: Vec<ledger_cards::ActiveModel>,
) -> Result<(), PersistenceError> {
    let personal: Vec<Personal> = models.iter().map(Personal::of_model).collect();
    let numbers: Vec<&str> = personal.iter().map(|p| p.management_number.as_str()).collect();
    let people = crate::ledger_imports::people_by_numbers(db, scope, vault, &numbers).await?;
    let mut owners = Vec::with_capacity(models.len());
    let mut tokens = Vec::with_capacity(models.len());
    for (model, personal) in models.iter_mut().zip(&personal) {
        let id = model.id.try_as_ref().copied().unwrap_or_default();
        personal.seal_into(vault, model);
        if let Some(person) = people.get(&personal.management_number) {
            model.person_id = Set(Some(*person));
        }
        owners.push((id, personal.management_number.as_str()));
        tokens.push((id, personal.tokens(vault)));
    }
    unique_keys::claim(db, scope, vault, Kind::Card, &owners, Conflict::DuplicateQr).await?;
    ledger_cards::Entity::insert_many(models)
        .exec_without_returning(db)
        .await
        .map_err(|e| PersistenceError::unique_or(e, Conflict::DuplicateQr))?;
    crate::search_tokens::insert_all(db, scope, &tokens).await
}

/// Registers a card as delivered (`received`), with where it came from.
///
/// # Errors
/// `Conflict(Conflict::DuplicateQr)` when the management number is registered already,
/// database failures.
pub async fn register(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    card: &ScannedCard,
    source: &str,
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> Result<Uuid, PersistenceError> {
    let id = Uuid::now_v7();
    insert_all(db, scope, vault, vec![new_card(scope, id, card, source, now)]).await?;
    record(
        db,
        scope,
        vault,
        Event { card: id, actor, action: "registered", change: None, on: Some(japan_date(now)), reason: "" },
        now,
    )
    .await?;
    Ok(id)
}

/// # Errors
/// Database failures.
pub async fn find(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    id: CardId,
) -> Result<Option<LedgerCard>, PersistenceError> {
    ledger_cards::Entity::find_by_id((scope.uuid(), id.0)).one(db).await?.map(|m| card_of(vault, m)).transpose()
}

/// # Errors
/// Database failures.
pub async fn find_by_number(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    number: &str,
) -> Result<Option<LedgerCard>, PersistenceError> {
    match unique_keys::owner(db, scope, vault, Kind::Card, number).await? {
        Some(id) => find(db, scope, vault, CardId(id)).await,
        None => Ok(None),
    }
}

/// What a clerk searches the ledger by; every given part must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CardFilter {
    pub management_number: Option<ManagementNumber>,
    pub application_id: Option<String>,
    pub birth_date: Option<NaiveDate>,
    /// Part of the name or its reading.
    pub name: Option<String>,
    pub status: Option<CardStatus>,
    pub kind: Option<String>,
    pub visit_method: Option<String>,
    pub storage_location: Option<String>,
    /// A date column and the range it must fall in (both ends included).
    pub dated: Option<(DateColumn, Option<NaiveDate>, Option<NaiveDate>)>,
    /// The last renewal list's verdict (`matched`, `conflict`, `not_on_list`).
    pub renewal_check: Option<String>,
}

/// The dates a search can range over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateColumn {
    Inspected,
    NoticeSent,
    HandedOver,
    CardExpires,
    CertificateExpires,
}

impl DateColumn {
    pub const ALL: [(Self, &'static str); 5] = [
        (Self::Inspected, "inspected_on"),
        (Self::NoticeSent, "notice_sent_on"),
        (Self::HandedOver, "handed_over_on"),
        (Self::CardExpires, "card_expires_on"),
        (Self::CertificateExpires, "certificate_expires_on"),
    ];

    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|(_, n)| *n == name).map(|(c, _)| *c)
    }

    fn column(self) -> ledger_cards::Column {
        match self {
            Self::Inspected => ledger_cards::Column::InspectedOn,
            Self::NoticeSent => ledger_cards::Column::NoticeSentOn,
            Self::HandedOver => ledger_cards::Column::HandedOverOn,
            Self::CardExpires => ledger_cards::Column::CardExpiresOn,
            Self::CertificateExpires => ledger_cards::Column::CertificateExpiresOn,
        }
    }
}

/// At most this many cards are opened to check a search by a part of a name: the
/// other conditions (a status, a date range) narrow it first.
const MAX_NAME_CANDIDATES: u64 = 20_000;

/// The condition of `filter` without the part of a name, which needs the rows opened.
fn condition(scope: &TenantScope, vault: &TenantVault, filter: &CardFilter) -> Condition {
    let mut condition = Condition::all().add(ledger_cards::Column::TenantId.eq(scope.uuid()));
    if let Some(number) = &filter.management_number {
        condition = condition.add(ledger_cards::Column::Id.in_subquery(unique_keys::owner_query(
            scope,
            vault,
            Kind::Card,
            number.as_str(),
        )));
    }
    if let Some(id) = &filter.application_id {
        condition =
            condition.add(ledger_cards::Column::ApplicationIdIndex.is_in(vault.blinds(places::APPLICATION_ID, id)));
    }
    if let Some(date) = filter.birth_date {
        condition = condition
            .add(ledger_cards::Column::BirthDateIndex.is_in(vault.blinds(places::BIRTH_DATE, &date_text(date))));
    }
    if let Some(status) = filter.status {
        condition = condition.add(ledger_cards::Column::Status.eq(status.as_str()));
    }
    if let Some(kind) = &filter.kind {
        condition = condition.add(ledger_cards::Column::Kind.eq(kind.as_str()));
    }
    if let Some(method) = &filter.visit_method {
        condition = condition.add(ledger_cards::Column::VisitMethod.eq(method.as_str()));
    }
    if let Some(location) = &filter.storage_location {
        condition = condition.add(ledger_cards::Column::StorageLocation.eq(location.as_str()));
    }
    if let Some((column, from, to)) = filter.dated {
        condition = condition.add(column.column().is_not_null());
        if let Some(from) = from {
            condition = condition.add(column.column().gte(from));
        }
        if let Some(to) = to {
            condition = condition.add(column.column().lte(to));
        }
    }
    if let Some(check) = &filter.renewal_check {
        condition = condition.add(ledger_cards::Column::RenewalCheck.eq(check.as_str()));
    }
    condition
}

/// The cards among those `base` matches whose name or reading holds `name` — or, for a
/// card read from a QR code (which has no reading), whose person's reading in the address
/// list does — variants, width and spaces aside: the tokens narrow, the opened texts decide.
async fn named(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    name: &str,
    base: Condition,
) -> Result<Vec<Uuid>, PersistenceError> {
    use crate::search_tokens::owners_matching;
    use madoguchi_domain::applicant::to_katakana;
    use madoguchi_domain::variants::contains_name;
    let mut owners = Condition::any();
    for place in [places::NAME, places::NAME_KANA] {
        if let Some(select) = owners_matching(scope, vault, place, name) {
            owners = owners.add(ledger_cards::Column::Id.in_subquery(select));
        }
    }
    if let Some(select) = owners_matching(scope, vault, crate::ledger_imports::places::NAME_KANA, name) {
        owners = owners.add(ledger_cards::Column::PersonId.in_subquery(select));
    }
    if owners.is_empty() {
        return Ok(Vec::new());
    }
    let rows = ledger_cards::Entity::find()
        .filter(base)
        .filter(owners)
        .order_by_asc(ledger_cards::Column::Id)
        .limit(MAX_NAME_CANDIDATES)
        .all(db)
        .await?;
    let person_ids: Vec<Uuid> = rows.iter().filter_map(|r| r.person_id).collect();
    let readings = crate::ledger_imports::readings(db, scope, vault, &person_ids).await?;
    let kana = to_katakana(name);
    let mut found = Vec::new();
    for row in rows {
        let person = row.person_id;
        let card = card_of(vault, row)?;
        let by_name = card.name.as_deref().is_some_and(|n| contains_name(n, name));
        let by_kana = card.name_kana.as_deref().is_some_and(|k| contains_name(&to_katakana(k), &kana));
        let by_person = person.and_then(|p| readings.get(&p)).is_some_and(|k| contains_name(&to_katakana(k), &kana));
        if by_name || by_kana || by_person {
            found.push(card.id.0);
        }
    }
    Ok(found)
}

/// The full condition of `filter`.
async fn full_condition(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    filter: &CardFilter,
) -> Result<Condition, PersistenceError> {
    let base = condition(scope, vault, filter);
    match filter.name.as_deref().filter(|n| !n.trim().is_empty()) {
        None => Ok(base),
        Some(name) => {
            let ids = named(db, scope, vault, name, base.clone()).await?;
            Ok(base.add(ledger_cards::Column::Id.is_in(ids)))
        }
    }
}

/// Every matching card, at most `limit` + 1 (so the caller can tell there are more), in
/// management number order.
///
/// # Errors
/// Database failures.
pub async fn matching(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    filter: &CardFilter,
    limit: u64,
) -> Result<Vec<LedgerCard>, PersistenceError> {
    let mut cards = cards_of(
        vault,
        ledger_cards::Entity::find()
            .filter(full_condition(db, scope, vault, filter).await?)
            .order_by_asc(ledger_cards::Column::Id)
            .limit(limit + 1)
            .all(db)
            .await?,
    )?;
    cards.sort_by(|a, b| a.management_number.cmp(&b.management_number));
    Ok(cards)
}

/// The cards of these IDs that exist in the tenant, in management number order.
///
/// # Errors
/// Database failures.
pub async fn by_ids(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    ids: &[Uuid],
) -> Result<Vec<LedgerCard>, PersistenceError> {
    let mut cards = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        cards.extend(cards_of(
            vault,
            ledger_cards::Entity::find()
                .filter(ledger_cards::Column::TenantId.eq(scope.uuid()))
                .filter(ledger_cards::Column::Id.is_in(chunk.iter().copied()))
                .all(db)
                .await?,
        )?);
    }
    cards.sort_by(|a, b| a.management_number.cmp(&b.management_number));
    Ok(cards)
}

/// How many cards match.
///
/// # Errors
/// Database failures.
pub async fn count(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    filter: &CardFilter,
) -> Result<u64, PersistenceError> {
    Ok(ledger_cards::Entity::find().filter(full_condition(db, scope, vault, filter).await?).count(db).await?)
}

/// Matching cards after `after` (a card's ID), in the order they were registered, for
/// exports that walk the whole ledger without OFFSET.
///
/// # Errors
/// Database failures.
pub async fn page_after(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    filter: &CardFilter,
    after: Option<Uuid>,
    limit: u64,
) -> Result<Vec<LedgerCard>, PersistenceError> {
    let mut query = ledger_cards::Entity::find().filter(full_condition(db, scope, vault, filter).await?);
    if let Some(after) = after {
        query = query.filter(ledger_cards::Column::Id.gt(after));
    }
    cards_of(vault, query.order_by_asc(ledger_cards::Column::Id).limit(limit).all(db).await?)
}

/// What a clerk may edit by hand; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct CardEdit {
    pub name: Option<Option<String>>,
    pub name_kana: Option<Option<String>>,
    pub address: Option<Option<String>>,
    pub postal_code: Option<Option<String>>,
    pub card_expires_on: Option<Option<NaiveDate>>,
    pub certificate_expires_on: Option<Option<NaiveDate>>,
    pub reminder_sent_on: Option<Option<NaiveDate>>,
    pub reissuable: Option<Option<bool>>,
    pub reissue_reason: Option<String>,
    pub notes: Option<String>,
    pub handover_notes: Option<String>,
    pub storage_location: Option<String>,
}

impl CardEdit {
    /// The names of the fields it changes, for the history.
    #[must_use]
    pub fn fields(&self) -> Vec<&'static str> {
        let mut fields = Vec::new();
        let mut mark = |set: bool, name| {
            if set {
                fields.push(name);
            }
        };
        mark(self.name.is_some(), "name");
        mark(self.name_kana.is_some(), "name_kana");
        mark(self.address.is_some(), "address");
        mark(self.postal_code.is_some(), "postal_code");
        mark(self.card_expires_on.is_some(), "card_expires_on");
        mark(self.certificate_expires_on.is_some(), "certificate_expires_on");
        mark(self.reminder_sent_on.is_some(), "reminder_sent_on");
        mark(self.reissuable.is_some(), "reissuable");
        mark(self.reissue_reason.is_some(), "reissue_reason");
        mark(self.notes.is_some(), "notes");
        mark(self.handover_notes.is_some(), "handover_notes");
        mark(self.storage_location.is_some(), "storage_location");
        fields
    }
}

/// Applies a clerk's edit if nobody changed the card since `version`.
///
/// # Errors
/// `Conflict(Conflict::CardChanged)`, database failures.
#[allow(clippy::too_many_arguments)]
pub async fn edit(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    id: Uuid,
    version: i32,
    edit: &CardEdit,
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    use ledger_cards::Column as C;
    let mut update = ledger_cards::Entity::update_many()
        .col_expr(C::UpdatedAt, Expr::value(now))
        .col_expr(C::Version, Expr::col(C::Version).add(1));
    let texts = [
        (C::Name, places::NAME, &edit.name),
        (C::NameKana, places::NAME_KANA, &edit.name_kana),
        (C::Address, places::ADDRESS, &edit.address),
        (C::PostalCode, places::POSTAL_CODE, &edit.postal_code),
    ];
    for (column, place, value) in texts {
        if let Some(value) = value {
            update = update.col_expr(column, Expr::value(value.as_deref().map(|v| vault.seal(place, v))));
        }
    }
    let dates = [
        (C::CardExpiresOn, edit.card_expires_on),
        (C::CertificateExpiresOn, edit.certificate_expires_on),
        (C::ReminderSentOn, edit.reminder_sent_on),
    ];
    for (column, value) in dates {
        if let Some(value) = value {
            update = update.col_expr(column, Expr::value(value));
        }
    }
    if let Some(value) = edit.reissuable {
        update = update.col_expr(C::Reissuable, Expr::value(value));
    }
    for (column, place, value) in [
        (C::Notes, places::NOTES, &edit.notes),
        (C::HandoverNotes, places::HANDOVER_NOTES, &edit.handover_notes),
        (C::ReissueReason, places::REISSUE_REASON, &edit.reissue_reason),
    ] {
        if let Some(value) = value {
            update = update.col_expr(column, Expr::value(seal_text(vault, place, value)));
        }
    }
    if let Some(value) = &edit.storage_location {
        update = update.col_expr(C::StorageLocation, Expr::value(value.clone()));
    }
    update = update.col_expr(C::KeyVersion, key_version_after_sealing(vault));
    let renamed = edit.name.is_some() || edit.name_kana.is_some();
    let changed = update
        .filter(C::TenantId.eq(scope.uuid()))
        .filter(C::Id.eq(id))
        .filter(C::Version.eq(version))
        .exec(db)
        .await?;
    if changed.rows_affected == 0 {
        return Err(PersistenceError::Conflict(Conflict::CardChanged));
    }
    if renamed && let Some(card) = find(db, scope, vault, CardId(id)).await? {
        crate::search_tokens::replace(db, scope, id, &Personal::of_card(&card).tokens(vault)).await?;
    }
    let fields = edit.fields().join(", ");
    record(db, scope, vault, Event { card: id, actor, action: "edited", change: None, on: None, reason: &fields }, now)
        .await
}

/// The key version of a row a value was just sealed into: a row sealed under an older
/// key now holds values of two keys, and the pass that seals rows again must still find
/// it (0: not sealed throughout).
fn key_version_after_sealing(vault: &TenantVault) -> SimpleExpr {
    use ledger_cards::Column as C;
    let current = vault.current().version();
    sea_orm::sea_query::CaseStatement::new().case(Expr::col(C::KeyVersion).eq(current), current).finally(0).into()
}

/// Moves cards to a storage location (empty: none), whatever their version: where a
/// card lies is not a step of its life.
///
/// # Errors
/// Database failures.
pub async fn move_to(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    ids: &[Uuid],
    location: &str,
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> Result<u64, PersistenceError> {
    let mut moved = 0;
    for chunk in ids.chunks(500) {
        moved += ledger_cards::Entity::update_many()
            .col_expr(ledger_cards::Column::StorageLocation, Expr::value(location))
            .col_expr(ledger_cards::Column::UpdatedAt, Expr::value(now))
            .col_expr(ledger_cards::Column::Version, Expr::col(ledger_cards::Column::Version).add(1))
            .filter(ledger_cards::Column::TenantId.eq(scope.uuid()))
            .filter(ledger_cards::Column::Id.is_in(chunk.iter().copied()))
            .exec(db)
            .await?
            .rows_affected;
    }
    for id in ids {
        let event = Event { card: *id, actor, action: "moved", change: None, on: None, reason: location };
        record(db, scope, vault, event, now).await?;
    }
    Ok(moved)
}

/// Deletes a card registered by mistake, with its history and its scans (so that it
/// can be scanned again), if nobody changed it since `version` and no booking holds it.
///
/// # Errors
/// `Conflict(Conflict::CardChanged)`, `Conflict(Conflict::CardBooked)`, database
/// failures.
pub async fn delete(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    card: &LedgerCard,
    version: i32,
) -> Result<(), PersistenceError> {
    if card.booking_id.is_some() {
        return Err(PersistenceError::Conflict(Conflict::CardBooked));
    }
    let deleted = ledger_cards::Entity::delete_many()
        .filter(ledger_cards::Column::TenantId.eq(scope.uuid()))
        .filter(ledger_cards::Column::Id.eq(card.id.0))
        .filter(ledger_cards::Column::Version.eq(version))
        .filter(ledger_cards::Column::BookingId.is_null())
        .exec(db)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(PersistenceError::Conflict(Conflict::CardChanged));
    }
    ledger_events::Entity::delete_many()
        .filter(ledger_events::Column::TenantId.eq(scope.uuid()))
        .filter(ledger_events::Column::CardId.eq(card.id.0))
        .exec(db)
        .await?;
    unique_keys::release(db, scope, Kind::Card, &[card.id.0]).await?;
    crate::search_tokens::remove(db, scope, card.id.0).await?;
    crate::ledger_scans::forget_number(db, scope, vault, &card.management_number).await
}

/// Seals again, under the tenant's current key, up to `batch` cards stored before
/// sealing began or under an older data key — their blind indexes, unique keys and
/// tokens made anew — and answers how many: 0 when none is left. Whole or nothing in
/// the caller's transaction, so the pass resumes where it stopped.
///
/// # Errors
/// A value that does not open, database failures.
pub async fn reseal(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    batch: u64,
) -> Result<u64, PersistenceError> {
    let version = vault.current().version();
    let models = crate::sealed::under_older_keys::<ledger_cards::Entity>(db, scope, vault, batch).await?;
    let read = models.len();
    let mut owners = Vec::with_capacity(models.len());
    let mut tokens = Vec::with_capacity(models.len());
    for model in models {
        let (id, stored_version) = (model.id, model.version);
        let card = card_of(vault, model)?;
        let personal = Personal::of_card(&card);
        let mut sealed = ledger_cards::ActiveModel { ..Default::default() };
        personal.seal_into(vault, &mut sealed);
        let mut update = ledger_cards::Entity::update_many();
        use ledger_cards::Column as C;
        update = update
            .col_expr(C::ManagementNumber, Expr::value(sealed.management_number.take()))
            .col_expr(C::ApplicationId, Expr::value(sealed.application_id.take().flatten()))
            .col_expr(C::ApplicationIdIndex, Expr::value(sealed.application_id_index.take().flatten()))
            .col_expr(C::Name, Expr::value(sealed.name.take().flatten()))
            .col_expr(C::NameKana, Expr::value(sealed.name_kana.take().flatten()))
            .col_expr(C::BirthDate, Expr::value(Option::<NaiveDate>::None))
            .col_expr(C::BirthDateSealed, Expr::value(sealed.birth_date_sealed.take().flatten()))
            .col_expr(C::BirthDateIndex, Expr::value(sealed.birth_date_index.take().flatten()))
            .col_expr(C::Address, Expr::value(sealed.address.take().flatten()))
            .col_expr(C::PostalCode, Expr::value(sealed.postal_code.take().flatten()))
            .col_expr(C::Notes, Expr::value(sealed.notes.take()))
            .col_expr(C::HandoverNotes, Expr::value(sealed.handover_notes.take()))
            .col_expr(C::Source, Expr::value(sealed.source.take()))
            .col_expr(C::CancelReason, Expr::value(sealed.cancel_reason.take()))
            .col_expr(C::ReissueReason, Expr::value(sealed.reissue_reason.take()))
            .col_expr(C::AbolishReason, Expr::value(sealed.abolish_reason.take()))
            .col_expr(C::DisposeReason, Expr::value(sealed.dispose_reason.take()))
            .col_expr(C::KeyVersion, Expr::value(version));
        // A clerk's change meanwhile (its version moved) is sealed by the next pass, its
        // keys and tokens left as the change made them.
        let changed = update
            .filter(C::TenantId.eq(scope.uuid()))
            .filter(C::Id.eq(id))
            .filter(C::Version.eq(stored_version))
            .exec(db)
            .await?;
        if changed.rows_affected == 1 {
            owners.push((id, personal.management_number.clone()));
            tokens.push((id, personal.tokens(vault)));
        }
    }
    let ids: Vec<Uuid> = owners.iter().map(|(id, _)| *id).collect();
    unique_keys::release(db, scope, Kind::Card, &ids).await?;
    crate::search_tokens::remove_all(db, scope, &ids).await?;
    let owners: Vec<(Uuid, &str)> = owners.iter().map(|(id, n)| (*id, n.as_str())).collect();
    unique_keys::claim(db, scope, vault, Kind::Card, &owners, Conflict::DuplicateQr).await?;
    crate::search_tokens::insert_all(db, scope, &tokens).await?;
    Ok(u64::try_from(read).unwrap_or(u64::MAX))
}

/// A page of matching cards in the order they were registered (management numbers are
/// sealed, so the database cannot order by them), and how many match in all.
///
/// # Errors
/// Database failures.
pub async fn search(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    filter: &CardFilter,
    offset: u64,
    limit: u64,
) -> Result<(Vec<LedgerCard>, u64), PersistenceError> {
    let query = ledger_cards::Entity::find().filter(full_condition(db, scope, vault, filter).await?);
    let cards = query.clone().order_by_asc(ledger_cards::Column::Id).offset(offset).limit(limit).all(db).await?;
    // A page that is not full and not past the end tells the total itself: most look-ups
    // (a birth date, a management number) find a handful of cards, and skip the count.
    let total = match u64::try_from(cards.len()).unwrap_or(u64::MAX) {
        found if found > 0 && found < limit => offset + found,
        _ => query.count(db).await?,
    };
    Ok((cards_of(vault, cards)?, total))
}

/// The date column a step sets, with its reason column (and the reason's place) when it
/// has one.
fn dated(step: Step) -> (Option<ledger_cards::Column>, Option<(ledger_cards::Column, &'static str)>) {
    use ledger_cards::Column as C;
    match step {
        Step::Inspect(_) => (Some(C::InspectedOn), None),
        Step::SetUp => (Some(C::SetUpOn), None),
        Step::SendNotice => (Some(C::NoticeSentOn), None),
        Step::ReturnNotice => (Some(C::NoticeReturnedOn), None),
        Step::HandOver => (Some(C::HandedOverOn), None),
        Step::Cancel => (Some(C::CancelledOn), Some((C::CancelReason, places::CANCEL_REASON))),
        Step::Reissue => (Some(C::ReissueProcessedOn), None),
        Step::Abolish => (Some(C::AbolishedOn), Some((C::AbolishReason, places::ABOLISH_REASON))),
        Step::Dispose => (Some(C::DisposedOn), Some((C::DisposeReason, places::DISPOSE_REASON))),
        Step::Book | Step::Release => (None, None),
    }
}

/// A step the domain allowed, `from` → `to`, applied only if the card is still as the
/// caller saw it (status and version): otherwise `Conflict(Conflict::CardChanged)`.
#[derive(Debug, Clone, Copy)]
pub struct Transition<'a> {
    pub card: CardId,
    pub version: i32,
    pub from: CardStatus,
    pub to: CardStatus,
    pub step: Step,
    pub on: NaiveDate,
    pub reason: &'a str,
    pub booking: Option<Uuid>,
}

/// # Errors
/// `Conflict(Conflict::CardChanged)`, database failures.
pub async fn transition(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    t: Transition<'_>,
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    let mut update = ledger_cards::Entity::update_many()
        .col_expr(ledger_cards::Column::Status, Expr::value(t.to.as_str()))
        .col_expr(ledger_cards::Column::UpdatedAt, Expr::value(now))
        .col_expr(ledger_cards::Column::Version, Expr::col(ledger_cards::Column::Version).add(1));
    let (date, reason) = dated(t.step);
    if let Some(column) = date {
        update = update.col_expr(column, Expr::value(t.on));
    }
    if let Some((column, place)) = reason {
        let reason: String = t.reason.chars().take(200).collect();
        update = update
            .col_expr(column, Expr::value(seal_text(vault, place, &reason)))
            .col_expr(ledger_cards::Column::KeyVersion, key_version_after_sealing(vault));
    }
    if let Step::Inspect(result) = t.step {
        update = update.col_expr(ledger_cards::Column::InspectionResult, Expr::value(result.as_str()));
    }
    match t.step {
        Step::Book => update = update.col_expr(ledger_cards::Column::BookingId, Expr::value(t.booking)),
        Step::Release => {
            update =
                update.col_expr(ledger_cards::Column::BookingId, SimpleExpr::from(Expr::value(Option::<Uuid>::None)))
        }
        _ => {}
    }
    let changed = update
        .filter(ledger_cards::Column::TenantId.eq(scope.uuid()))
        .filter(ledger_cards::Column::Id.eq(t.card.0))
        .filter(ledger_cards::Column::Status.eq(t.from.as_str()))
        .filter(ledger_cards::Column::Version.eq(t.version))
        .exec(db)
        .await?;
    if changed.rows_affected == 0 {
        return Err(PersistenceError::Conflict(Conflict::CardChanged));
    }
    record(
        db,
        scope,
        vault,
        Event {
            card: t.card.0,
            actor,
            action: t.step.as_str(),
            change: Some((t.from, t.to)),
            on: Some(t.on),
            reason: t.reason,
        },
        now,
    )
    .await
}

/// One card of a bulk step as it was read: where it stood, with which version, and where
/// the step takes it (`None`: it is there already and only its date is corrected).
#[derive(Debug, Clone, Copy)]
pub struct BulkCard {
    pub id: Uuid,
    pub version: i32,
    pub from: CardStatus,
    pub to: Option<CardStatus>,
}

/// Cards that stood in one status with one version and go to one place.
type BulkGroup = (CardStatus, Option<CardStatus>, i32);

/// Cards per statement of a bulk step.
const BULK_CHUNK: usize = 500;

/// Many cards taking one dated step together (LED-07): one update per 500 cards that stood
/// in the same status with the same version, and one insert of their history lines, rather
/// than two statements per card. Each card still moves only from the status and version it
/// was read with; when one has changed meanwhile the answer is `Conflict` and the caller's
/// transaction writes nothing.
///
/// # Errors
/// `Conflict(Conflict::CardChanged)`, database failures.
#[allow(clippy::too_many_arguments)]
pub async fn bulk_step(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    cards: &[BulkCard],
    step: Step,
    on: NaiveDate,
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    // Cards read together mostly share a version (registered together, moved together),
    // so grouping by it keeps the check exact with few statements.
    let mut groups: Vec<(BulkGroup, Vec<Uuid>)> = Vec::new();
    for card in cards {
        let key = (card.from, card.to, card.version);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, ids)) => ids.push(card.id),
            None => groups.push((key, vec![card.id])),
        }
    }
    let (date, _) = dated(step);
    for ((from, to, version), ids) in &groups {
        for chunk in ids.chunks(BULK_CHUNK) {
            let mut update = ledger_cards::Entity::update_many()
                .col_expr(ledger_cards::Column::UpdatedAt, Expr::value(now))
                .col_expr(ledger_cards::Column::Version, Expr::col(ledger_cards::Column::Version).add(1));
            if let Some(column) = date {
                update = update.col_expr(column, Expr::value(on));
            }
            if let Some(to) = to {
                update = update.col_expr(ledger_cards::Column::Status, Expr::value(to.as_str()));
                if let Step::Inspect(result) = step {
                    update = update.col_expr(ledger_cards::Column::InspectionResult, Expr::value(result.as_str()));
                }
            }
            let changed = update
                .filter(ledger_cards::Column::TenantId.eq(scope.uuid()))
                .filter(ledger_cards::Column::Id.is_in(chunk.iter().copied()))
                .filter(ledger_cards::Column::Status.eq(from.as_str()))
                .filter(ledger_cards::Column::Version.eq(*version))
                .exec(db)
                .await?;
            if changed.rows_affected != chunk.len() as u64 {
                return Err(PersistenceError::Conflict(Conflict::CardChanged));
            }
            let (action, change, reason) = match to {
                Some(to) => (step.as_str(), Some((*from, *to)), ""),
                None => ("date_corrected", None, step.as_str()),
            };
            let events = chunk.iter().map(|&card| {
                event_row(scope, vault, &Event { card, actor, action, change, on: Some(on), reason }, now)
            });
            ledger_events::Entity::insert_many(events).exec_without_returning(db).await?;
        }
    }
    Ok(())
}

/// The cards a booking holds.
///
/// # Errors
/// Database failures.
pub async fn held_by(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    booking: Uuid,
) -> Result<Vec<LedgerCard>, PersistenceError> {
    cards_of(
        vault,
        ledger_cards::Entity::find()
            .filter(ledger_cards::Column::TenantId.eq(scope.uuid()))
            .filter(ledger_cards::Column::BookingId.eq(booking))
            .all(db)
            .await?,
    )
}
