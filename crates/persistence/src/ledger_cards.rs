//! The ledger's cards: registered from scans and imports, found by what a clerk knows
//! (management number, birth date, name), moved along their life by conditional
//! updates, so two clerks working on one card never both win.

use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_domain::applicant::ManagementNumber;
use madoguchi_domain::ledger::qr::ScannedCard;
use madoguchi_domain::ledger::status::{CardStatus, InspectionResult, Step};
use sea_orm::sea_query::{Expr, ExprTrait, SimpleExpr};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

use crate::Conflict;
use crate::entities::{ledger_cards, ledger_events, ledger_people};
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

/// A stored row as a card; a status the domain does not know is corrupt data.
pub(crate) fn card_of(model: ledger_cards::Model) -> Result<LedgerCard, PersistenceError> {
    let status = CardStatus::parse(&model.status)
        .ok_or_else(|| PersistenceError::Corrupt(format!("ledger_cards.status of {} = {}", model.id, model.status)))?;
    Ok(LedgerCard {
        id: CardId(model.id),
        management_number: model.management_number,
        application_id: model.application_id,
        shipment_number: model.shipment_number,
        name: model.name,
        name_kana: model.name_kana,
        birth_date: model.birth_date,
        sex: model.sex,
        address: model.address,
        postal_code: model.postal_code,
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
        cancel_reason: model.cancel_reason,
        reissue_processed_on: model.reissue_processed_on,
        reissuable: model.reissuable,
        reissue_reason: model.reissue_reason,
        abolished_on: model.abolished_on,
        abolish_reason: model.abolish_reason,
        disposed_on: model.disposed_on,
        dispose_reason: model.dispose_reason,
        notes: model.notes,
        handover_notes: model.handover_notes,
        storage_location: model.storage_location,
        booking_id: model.booking_id.map(BookingId),
        source: model.source,
        registered_at: model.registered_at,
        updated_at: model.updated_at,
        version: model.version,
        renewal_check: model.renewal_check,
        renewal_checked_on: model.renewal_checked_on,
        person_id: model.person_id.map(PersonId),
    })
}

pub(crate) fn cards_of(models: Vec<ledger_cards::Model>) -> Result<Vec<LedgerCard>, PersistenceError> {
    models.into_iter().map(card_of).collect()
}

impl LedgerCard {
    #[must_use]
    pub fn inspection(&self) -> Option<InspectionResult> {
        self.inspection_result.as_deref().and_then(InspectionResult::parse)
    }
}

/// One line of a card's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerEvent {
    pub card_id: CardId,
    pub at: DateTime<Utc>,
    /// `resident`, a staff login ID, `booking` or `import:…`.
    pub actor: String,
    pub action: String,
    pub from_status: Option<CardStatus>,
    pub to_status: Option<CardStatus>,
    pub on_date: Option<NaiveDate>,
    pub reason: String,
}

impl TryFrom<ledger_events::Model> for LedgerEvent {
    type Error = PersistenceError;

    fn try_from(model: ledger_events::Model) -> Result<Self, PersistenceError> {
        let status = |name: Option<String>| match name {
            None => Ok(None),
            Some(name) => CardStatus::parse(&name)
                .map(Some)
                .ok_or_else(|| PersistenceError::Corrupt(format!("ledger_events.status of {} = {name}", model.id))),
        };
        Ok(Self {
            card_id: CardId(model.card_id),
            at: model.at,
            from_status: status(model.from_status)?,
            to_status: status(model.to_status)?,
            actor: model.actor,
            action: model.action,
            on_date: model.on_date,
            reason: model.reason,
        })
    }
}

/// Who did it: `resident`, a staff login ID, or `booking`.
pub type Actor<'a> = &'a str;

use madoguchi_domain::ids::{BookingId, CardId, PersonId};
use madoguchi_domain::time::japan_date;

/// One line for a card's history.
pub(crate) struct Event<'a> {
    pub card: Uuid,
    pub actor: Actor<'a>,
    pub action: &'a str,
    pub change: Option<(CardStatus, CardStatus)>,
    pub on: Option<NaiveDate>,
    pub reason: &'a str,
}

pub(crate) async fn record(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    event: Event<'_>,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    ledger_events::Entity::insert(ledger_events::ActiveModel {
        tenant_id: Set(scope.uuid()),
        id: Set(Uuid::now_v7()),
        card_id: Set(event.card),
        at: Set(now),
        actor: Set(event.actor.to_owned()),
        action: Set(event.action.to_owned()),
        from_status: Set(event.change.map(|(from, _)| from.as_str().to_owned())),
        to_status: Set(event.change.map(|(_, to)| to.as_str().to_owned())),
        on_date: Set(event.on),
        reason: Set(event.reason.chars().take(200).collect()),
        detail: Set("{}".to_owned()),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// A new card as delivered (`received`), to insert.
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
        shipment_number: Set(card.shipment_number.as_ref().map(|s| s.as_str().to_owned())),
        name: Set(card.name.clone()),
        name_kana: Set(None),
        birth_date: Set(card.birth_date),
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
    }
}

/// Registers a card as delivered (`received`), with where it came from.
///
/// # Errors
/// `Conflict(Conflict::DuplicateQr)` when the management number is registered already,
/// database failures.
pub async fn register(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    card: &ScannedCard,
    source: &str,
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> Result<Uuid, PersistenceError> {
    let id = Uuid::now_v7();
    ledger_cards::Entity::insert(new_card(scope, id, card, source, now))
        .exec_without_returning(db)
        .await
        .map_err(|e| PersistenceError::unique_or(e, Conflict::DuplicateQr))?;
    record(
        db,
        scope,
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
    id: CardId,
) -> Result<Option<LedgerCard>, PersistenceError> {
    ledger_cards::Entity::find_by_id((scope.uuid(), id.0)).one(db).await?.map(card_of).transpose()
}

/// # Errors
/// Database failures.
pub async fn find_by_number(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    number: &str,
) -> Result<Option<LedgerCard>, PersistenceError> {
    ledger_cards::Entity::find()
        .filter(ledger_cards::Column::TenantId.eq(scope.uuid()))
        .filter(ledger_cards::Column::ManagementNumber.eq(number))
        .one(db)
        .await?
        .map(card_of)
        .transpose()
}

/// The card's history, oldest first.
///
/// # Errors
/// Database failures.
pub async fn history(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    id: CardId,
) -> Result<Vec<LedgerEvent>, PersistenceError> {
    ledger_events::Entity::find()
        .filter(ledger_events::Column::TenantId.eq(scope.uuid()))
        .filter(ledger_events::Column::CardId.eq(id.0))
        .order_by_asc(ledger_events::Column::At)
        .order_by_asc(ledger_events::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(LedgerEvent::try_from)
        .collect()
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

fn condition(scope: &TenantScope, filter: &CardFilter) -> Condition {
    let mut condition = Condition::all().add(ledger_cards::Column::TenantId.eq(scope.uuid()));
    if let Some(number) = &filter.management_number {
        condition = condition.add(ledger_cards::Column::ManagementNumber.eq(number.as_str()));
    }
    if let Some(id) = &filter.application_id {
        condition = condition.add(ledger_cards::Column::ApplicationId.eq(id.as_str()));
    }
    if let Some(date) = filter.birth_date {
        condition = condition.add(ledger_cards::Column::BirthDate.eq(date));
    }
    if let Some(name) = &filter.name {
        let mut any = Condition::any();
        // Every spelling of its kanji (高 finds 髙); the reading too, the card's own or,
        // for a card read from a QR code (which has none), its person's in the address
        // list, joined by the person or by the management number.
        for spelling in madoguchi_domain::variants::spellings(name, 32) {
            any = any.add(ledger_cards::Column::Name.like(crate::like::containing(&spelling)));
        }
        let kana = crate::like::containing(name);
        let people = |column: ledger_people::Column| {
            sea_orm::sea_query::Query::select()
                .column(column)
                .from(ledger_people::Entity)
                .and_where(ledger_people::Column::TenantId.eq(scope.uuid()))
                .and_where(ledger_people::Column::NameKana.like(kana.clone()))
                .and_where(Expr::col(column).is_not_null())
                .to_owned()
        };
        any = any
            .add(ledger_cards::Column::NameKana.like(kana.clone()))
            .add(ledger_cards::Column::PersonId.in_subquery(people(ledger_people::Column::Id)))
            .add(ledger_cards::Column::ManagementNumber.in_subquery(people(ledger_people::Column::ManagementNumber)));
        condition = condition.add(any);
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

/// Every matching card, at most `limit` + 1 (so the caller can tell there are more).
///
/// # Errors
/// Database failures.
pub async fn matching(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    filter: &CardFilter,
    limit: u64,
) -> Result<Vec<LedgerCard>, PersistenceError> {
    cards_of(
        ledger_cards::Entity::find()
            .filter(condition(scope, filter))
            .order_by_asc(ledger_cards::Column::ManagementNumber)
            .limit(limit + 1)
            .all(db)
            .await?,
    )
}

/// The cards of these IDs that exist in the tenant.
///
/// # Errors
/// Database failures.
pub async fn by_ids(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    ids: &[Uuid],
) -> Result<Vec<LedgerCard>, PersistenceError> {
    let mut cards = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        cards.extend(cards_of(
            ledger_cards::Entity::find()
                .filter(ledger_cards::Column::TenantId.eq(scope.uuid()))
                .filter(ledger_cards::Column::Id.is_in(chunk.iter().copied()))
                .order_by_asc(ledger_cards::Column::ManagementNumber)
                .all(db)
                .await?,
        )?);
    }
    Ok(cards)
}

/// How many cards match.
///
/// # Errors
/// Database failures.
pub async fn count(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    filter: &CardFilter,
) -> Result<u64, PersistenceError> {
    Ok(ledger_cards::Entity::find().filter(condition(scope, filter)).count(db).await?)
}

/// Matching cards after `after` (a management number), for exports that walk the
/// whole ledger without OFFSET.
///
/// # Errors
/// Database failures.
pub async fn page_after(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    filter: &CardFilter,
    after: Option<&str>,
    limit: u64,
) -> Result<Vec<LedgerCard>, PersistenceError> {
    let mut query = ledger_cards::Entity::find().filter(condition(scope, filter));
    if let Some(after) = after {
        query = query.filter(ledger_cards::Column::ManagementNumber.gt(after));
    }
    cards_of(query.order_by_asc(ledger_cards::Column::ManagementNumber).limit(limit).all(db).await?)
}

/// Corrects the date of the step a card has taken already (a bulk update that finds the
/// card there), if the card is still as the caller saw it.
///
/// # Errors
/// `Conflict(Conflict::CardChanged)`, database failures.
pub async fn correct_date(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    card: &LedgerCard,
    step: Step,
    on: NaiveDate,
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    let (Some(column), _) = dated(step) else { return Ok(()) };
    let changed = ledger_cards::Entity::update_many()
        .col_expr(column, Expr::value(on))
        .col_expr(ledger_cards::Column::UpdatedAt, Expr::value(now))
        .col_expr(ledger_cards::Column::Version, Expr::col(ledger_cards::Column::Version).add(1))
        .filter(ledger_cards::Column::TenantId.eq(scope.uuid()))
        .filter(ledger_cards::Column::Id.eq(card.id.0))
        .filter(ledger_cards::Column::Version.eq(card.version))
        .exec(db)
        .await?;
    if changed.rows_affected == 0 {
        return Err(PersistenceError::Conflict(Conflict::CardChanged));
    }
    record(
        db,
        scope,
        Event { card: card.id.0, actor, action: "date_corrected", change: None, on: Some(on), reason: step.as_str() },
        now,
    )
    .await
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
pub async fn edit(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
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
        (C::Name, &edit.name),
        (C::NameKana, &edit.name_kana),
        (C::Address, &edit.address),
        (C::PostalCode, &edit.postal_code),
    ];
    for (column, value) in texts {
        if let Some(value) = value {
            update = update.col_expr(column, Expr::value(value.clone()));
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
    let plain = [
        (C::ReissueReason, &edit.reissue_reason),
        (C::Notes, &edit.notes),
        (C::HandoverNotes, &edit.handover_notes),
        (C::StorageLocation, &edit.storage_location),
    ];
    for (column, value) in plain {
        if let Some(value) = value {
            update = update.col_expr(column, Expr::value(value.clone()));
        }
    }
    let changed = update
        .filter(C::TenantId.eq(scope.uuid()))
        .filter(C::Id.eq(id))
        .filter(C::Version.eq(version))
        .exec(db)
        .await?;
    if changed.rows_affected == 0 {
        return Err(PersistenceError::Conflict(Conflict::CardChanged));
    }
    let fields = edit.fields().join(", ");
    record(db, scope, Event { card: id, actor, action: "edited", change: None, on: None, reason: &fields }, now).await
}

/// Moves cards to a storage location (empty: none), whatever their version: where a
/// card lies is not a step of its life.
///
/// # Errors
/// Database failures.
pub async fn move_to(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
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
        record(db, scope, Event { card: *id, actor, action: "moved", change: None, on: None, reason: location }, now)
            .await?;
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
    crate::entities::ledger_scans::Entity::delete_many()
        .filter(crate::entities::ledger_scans::Column::TenantId.eq(scope.uuid()))
        .filter(crate::entities::ledger_scans::Column::ManagementNumber.eq(card.management_number.as_str()))
        .exec(db)
        .await?;
    Ok(())
}

/// A page of matching cards by management number, and how many match in all.
///
/// # Errors
/// Database failures.
pub async fn search(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    filter: &CardFilter,
    offset: u64,
    limit: u64,
) -> Result<(Vec<LedgerCard>, u64), PersistenceError> {
    let query = ledger_cards::Entity::find().filter(condition(scope, filter));
    let total = query.clone().count(db).await?;
    let cards = query.order_by_asc(ledger_cards::Column::ManagementNumber).offset(offset).limit(limit).all(db).await?;
    Ok((cards_of(cards)?, total))
}

/// The date column a step sets, with its reason column when it has one.
fn dated(step: Step) -> (Option<ledger_cards::Column>, Option<ledger_cards::Column>) {
    use ledger_cards::Column as C;
    match step {
        Step::Inspect(_) => (Some(C::InspectedOn), None),
        Step::SetUp => (Some(C::SetUpOn), None),
        Step::SendNotice => (Some(C::NoticeSentOn), None),
        Step::ReturnNotice => (Some(C::NoticeReturnedOn), None),
        Step::HandOver => (Some(C::HandedOverOn), None),
        Step::Cancel => (Some(C::CancelledOn), Some(C::CancelReason)),
        Step::Reissue => (Some(C::ReissueProcessedOn), None),
        Step::Abolish => (Some(C::AbolishedOn), Some(C::AbolishReason)),
        Step::Dispose => (Some(C::DisposedOn), Some(C::DisposeReason)),
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
    if let Some(column) = reason {
        update = update.col_expr(column, Expr::value(t.reason.chars().take(200).collect::<String>()));
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
pub async fn bulk_step(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
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
            let events = chunk.iter().map(|&card| ledger_events::ActiveModel {
                tenant_id: Set(scope.uuid()),
                id: Set(Uuid::now_v7()),
                card_id: Set(card),
                at: Set(now),
                actor: Set(actor.to_owned()),
                action: Set(action.to_owned()),
                from_status: Set(change.map(|(from, _)| from.as_str().to_owned())),
                to_status: Set(change.map(|(_, to)| to.as_str().to_owned())),
                on_date: Set(Some(on)),
                reason: Set(reason.to_owned()),
                detail: Set("{}".to_owned()),
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
    booking: Uuid,
) -> Result<Vec<LedgerCard>, PersistenceError> {
    cards_of(
        ledger_cards::Entity::find()
            .filter(ledger_cards::Column::TenantId.eq(scope.uuid()))
            .filter(ledger_cards::Column::BookingId.eq(booking))
            .all(db)
            .await?,
    )
}
