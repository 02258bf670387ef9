//! The ledger's cards: registered from scans and imports, found by what a clerk knows
//! (management number, birth date, name), moved along their life by conditional
//! updates, so two clerks working on one card never both win.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use madoguchi_domain::applicant::ManagementNumber;
use madoguchi_domain::ledger::qr::ScannedCard;
use madoguchi_domain::ledger::status::{CardStatus, InspectionResult, Step};
use sea_orm::sea_query::{Expr, ExprTrait, SimpleExpr};
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::entities::{ledger_cards, ledger_events};
use crate::{PersistenceError, TenantScope};

pub use crate::entities::ledger_cards::Model as LedgerCard;

impl LedgerCard {
    /// # Errors
    /// `Corrupt` for a status the domain does not know.
    pub fn card_status(&self) -> Result<CardStatus, PersistenceError> {
        CardStatus::parse(&self.status).ok_or_else(|| PersistenceError::Corrupt(format!("ledger_cards.status = {}", self.status)))
    }

    #[must_use]
    pub fn inspection(&self) -> Option<InspectionResult> {
        self.inspection_result.as_deref().and_then(InspectionResult::parse)
    }
}

/// One line of a card's history.
pub use crate::entities::ledger_events::Model as LedgerEvent;

/// Who did it: `resident`, a staff login ID, or `booking`.
pub type Actor<'a> = &'a str;

fn japan_date(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&FixedOffset::east_opt(9 * 3600).unwrap_or_else(|| unreachable!())).date_naive()
}

/// One line for a card's history.
struct Event<'a> {
    card: Uuid,
    actor: Actor<'a>,
    action: &'a str,
    change: Option<(CardStatus, CardStatus)>,
    on: Option<NaiveDate>,
    reason: &'a str,
}

async fn record(db: &impl ConnectionTrait, scope: &TenantScope, event: Event<'_>, now: DateTime<Utc>) -> Result<(), PersistenceError> {
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

/// Registers a card as delivered (`received`), with where it came from.
///
/// # Errors
/// `Conflict("ledger.duplicate_qr")` when the management number is registered already,
/// database failures.
pub async fn register(db: &impl ConnectionTrait, scope: &TenantScope, card: &ScannedCard, source: &str, actor: Actor<'_>, now: DateTime<Utc>) -> Result<Uuid, PersistenceError> {
    let id = Uuid::now_v7();
    ledger_cards::Entity::insert(ledger_cards::ActiveModel {
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
    })
    .exec_without_returning(db)
    .await
    .map_err(|e| PersistenceError::unique_or(e, "ledger.duplicate_qr"))?;
    record(db, scope, Event { card: id, actor, action: "registered", change: None, on: Some(japan_date(now)), reason: "" }, now).await?;
    Ok(id)
}

/// # Errors
/// Database failures.
pub async fn find(db: &impl ConnectionTrait, scope: &TenantScope, id: Uuid) -> Result<Option<LedgerCard>, PersistenceError> {
    Ok(ledger_cards::Entity::find_by_id((scope.uuid(), id)).one(db).await?)
}

/// # Errors
/// Database failures.
pub async fn find_by_number(db: &impl ConnectionTrait, scope: &TenantScope, number: &str) -> Result<Option<LedgerCard>, PersistenceError> {
    Ok(ledger_cards::Entity::find().filter(ledger_cards::Column::TenantId.eq(scope.uuid())).filter(ledger_cards::Column::ManagementNumber.eq(number)).one(db).await?)
}

/// The card's history, oldest first.
///
/// # Errors
/// Database failures.
pub async fn history(db: &impl ConnectionTrait, scope: &TenantScope, id: Uuid) -> Result<Vec<LedgerEvent>, PersistenceError> {
    Ok(ledger_events::Entity::find()
        .filter(ledger_events::Column::TenantId.eq(scope.uuid()))
        .filter(ledger_events::Column::CardId.eq(id))
        .order_by_asc(ledger_events::Column::At)
        .order_by_asc(ledger_events::Column::Id)
        .all(db)
        .await?)
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
        let pattern = format!("%{}%", name.replace(['%', '_'], ""));
        condition = condition.add(Condition::any().add(ledger_cards::Column::Name.like(pattern.as_str())).add(ledger_cards::Column::NameKana.like(pattern.as_str())));
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
    condition
}

/// A page of matching cards by management number, and how many match in all.
///
/// # Errors
/// Database failures.
pub async fn search(db: &impl ConnectionTrait, scope: &TenantScope, filter: &CardFilter, offset: u64, limit: u64) -> Result<(Vec<LedgerCard>, u64), PersistenceError> {
    let query = ledger_cards::Entity::find().filter(condition(scope, filter));
    let total = query.clone().count(db).await?;
    let cards = query.order_by_asc(ledger_cards::Column::ManagementNumber).offset(offset).limit(limit).all(db).await?;
    Ok((cards, total))
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
/// caller saw it (status and version): otherwise `Conflict("ledger.changed_meanwhile")`.
#[derive(Debug, Clone, Copy)]
pub struct Transition<'a> {
    pub card: Uuid,
    pub version: i32,
    pub from: CardStatus,
    pub to: CardStatus,
    pub step: Step,
    pub on: NaiveDate,
    pub reason: &'a str,
    pub booking: Option<Uuid>,
}

/// # Errors
/// `Conflict("ledger.changed_meanwhile")`, database failures.
pub async fn transition(db: &impl ConnectionTrait, scope: &TenantScope, t: Transition<'_>, actor: Actor<'_>, now: DateTime<Utc>) -> Result<(), PersistenceError> {
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
        Step::Release => update = update.col_expr(ledger_cards::Column::BookingId, SimpleExpr::from(Expr::value(Option::<Uuid>::None))),
        _ => {}
    }
    let changed = update
        .filter(ledger_cards::Column::TenantId.eq(scope.uuid()))
        .filter(ledger_cards::Column::Id.eq(t.card))
        .filter(ledger_cards::Column::Status.eq(t.from.as_str()))
        .filter(ledger_cards::Column::Version.eq(t.version))
        .exec(db)
        .await?;
    if changed.rows_affected == 0 {
        return Err(PersistenceError::Conflict("ledger.changed_meanwhile"));
    }
    record(db, scope, Event { card: t.card, actor, action: t.step.as_str(), change: Some((t.from, t.to)), on: Some(t.on), reason: t.reason }, now).await
}

/// The cards a booking holds.
///
/// # Errors
/// Database failures.
pub async fn held_by(db: &impl ConnectionTrait, scope: &TenantScope, booking: Uuid) -> Result<Vec<LedgerCard>, PersistenceError> {
    Ok(ledger_cards::Entity::find().filter(ledger_cards::Column::TenantId.eq(scope.uuid())).filter(ledger_cards::Column::BookingId.eq(booking)).all(db).await?)
}

/// Today in Japan, the business date of steps taken now.
#[must_use]
pub fn today(now: DateTime<Utc>) -> NaiveDate {
    japan_date(now)
}
