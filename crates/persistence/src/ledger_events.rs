//! A card's history: one line per thing that happened to it, never changed after, its
//! reason sealed (a clerk's words may name who called and their phone).

use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_domain::ids::CardId;
use madoguchi_domain::ledger::status::CardStatus;
use madoguchi_vault::TenantVault;
use sea_orm::sea_query::{CaseStatement, Expr};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::entities::ledger_events;
use crate::ledger_cards::{places, seal_text};
use crate::sealed::open;
use crate::{PersistenceError, TenantScope};

/// The longest reason a line keeps, in characters.
const REASON_CHARS: usize = 200;

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

impl LedgerEvent {
    /// A stored history line, its reason opened.
    fn of_model(vault: &TenantVault, model: ledger_events::Model) -> Result<Self, PersistenceError> {
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
            reason: open(vault, places::EVENT_REASON, model.reason)?,
        })
    }
}

/// Who did it: `resident`, a staff login ID, or `booking`.
pub type Actor<'a> = &'a str;

/// One line for a card's history.
pub(crate) struct Event<'a> {
    pub card: Uuid,
    pub actor: Actor<'a>,
    pub action: &'a str,
    pub change: Option<(CardStatus, CardStatus)>,
    pub on: Option<NaiveDate>,
    pub reason: &'a str,
}

/// The row of a history line, its reason sealed.
pub(crate) fn event_row(
    scope: &TenantScope,
    vault: &TenantVault,
    event: &Event<'_>,
    now: DateTime<Utc>,
) -> ledger_events::ActiveModel {
    let reason: String = event.reason.chars().take(REASON_CHARS).collect();
    ledger_events::ActiveModel {
        tenant_id: Set(scope.uuid()),
        id: Set(Uuid::now_v7()),
        card_id: Set(event.card),
        at: Set(now),
        actor: Set(event.actor.to_owned()),
        action: Set(event.action.to_owned()),
        from_status: Set(event.change.map(|(from, _)| from.as_str().to_owned())),
        to_status: Set(event.change.map(|(_, to)| to.as_str().to_owned())),
        on_date: Set(event.on),
        reason: Set(seal_text(vault, places::EVENT_REASON, &reason)),
        detail: Set("{}".to_owned()),
        key_version: Set(vault.current().version()),
    }
}

/// Adds a line to a card's history.
pub(crate) async fn record(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    event: Event<'_>,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    ledger_events::Entity::insert(event_row(scope, vault, &event, now)).exec_without_returning(db).await?;
    Ok(())
}

/// The card's history, oldest first.
///
/// # Errors
/// A reason that does not open, database failures.
pub async fn history(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
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
        .map(|model| LedgerEvent::of_model(vault, model))
        .collect()
}

/// Seals again, under the tenant's current key, up to `batch` history lines stored
/// before sealing or under an older key; answers how many it read. History lines are
/// never changed otherwise, so the batch is rewritten unconditionally, in one statement:
/// every imported card has a line with a reason, and a tenant of a million cards must
/// not wait for a million statements at its first start.
///
/// # Errors
/// A reason that does not open, database failures.
pub async fn reseal(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    batch: u64,
) -> Result<u64, PersistenceError> {
    use ledger_events::Column as C;
    let models = crate::sealed::under_older_keys::<ledger_events::Entity>(db, scope, vault, batch).await?;
    if models.is_empty() {
        return Ok(0);
    }
    let read = u64::try_from(models.len()).unwrap_or(u64::MAX);
    let ids: Vec<Uuid> = models.iter().map(|m| m.id).collect();
    // Lines without a reason keep their empty one; only worded lines get a branch.
    let mut reasons = CaseStatement::new();
    let mut worded = 0;
    for model in models.into_iter().filter(|m| !m.reason.is_empty()) {
        let reason = open(vault, places::EVENT_REASON, model.reason)?;
        reasons = reasons.case(C::Id.eq(model.id), vault.seal(places::EVENT_REASON, &reason));
        worded += 1;
    }
    let mut update =
        ledger_events::Entity::update_many().col_expr(C::KeyVersion, Expr::value(vault.current().version()));
    if worded > 0 {
        update = update.col_expr(C::Reason, reasons.finally(Expr::col(C::Reason)).into());
    }
    update.filter(C::TenantId.eq(scope.uuid())).filter(C::Id.is_in(ids)).exec(db).await?;
    Ok(read)
}
