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

use crate::Conflict;
use crate::entities::{ledger_cards, ledger_events, ledger_people, postal_codes};
use crate::ledger_cards::new_card;
use crate::{PersistenceError, TenantScope};

/// Rows per INSERT: ledger cards have 48 columns, SQLite allows 32,766 parameters.
const CHUNK: usize = 500;

/// Which of these management numbers the ledger has already.
///
/// # Errors
/// Database failures.
pub async fn registered_numbers(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    numbers: &[&str],
) -> Result<HashSet<String>, PersistenceError> {
    let mut found = HashSet::new();
    for chunk in numbers.chunks(500) {
        let rows: Vec<String> = ledger_cards::Entity::find()
            .select_only()
            .column(ledger_cards::Column::ManagementNumber)
            .filter(ledger_cards::Column::TenantId.eq(scope.uuid()))
            .filter(ledger_cards::Column::ManagementNumber.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        found.extend(rows);
    }
    Ok(found)
}

/// Inserts every card, with one history line each: `registered` for an issuance list,
/// `imported` with the state reached for a legacy ledger.
///
/// # Errors
/// `Conflict(Conflict::DuplicateQr)` if a card was registered meanwhile, database failures.
pub async fn insert_cards(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    cards: &[ImportedCard],
    source: &str,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
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
            events.push(ledger_events::ActiveModel {
                tenant_id: Set(scope.uuid()),
                id: Set(Uuid::now_v7()),
                card_id: Set(id),
                at: Set(now),
                actor: Set(actor.to_owned()),
                action: Set(action.to_owned()),
                from_status: Set(None),
                to_status: Set(status.map(|s| s.as_str().to_owned())),
                on_date: Set(Some(on)),
                reason: Set(format!("{source} line {}", imported.line)),
                detail: Set("{}".to_owned()),
            });
        }
        ledger_cards::Entity::insert_many(models)
            .exec_without_returning(db)
            .await
            .map_err(|e| PersistenceError::unique_or(e, Conflict::DuplicateQr))?;
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
    numbers: &[&str],
) -> Result<(Vec<LedgerFacts>, HashMap<String, Uuid>), PersistenceError> {
    type Row = (Uuid, String, String, Option<NaiveDate>, Option<String>);
    let select = || {
        ledger_cards::Entity::find()
            .select_only()
            .column(ledger_cards::Column::Id)
            .column(ledger_cards::Column::ManagementNumber)
            .column(ledger_cards::Column::Status)
            .column(ledger_cards::Column::BirthDate)
            .column(ledger_cards::Column::Kind)
            .filter(ledger_cards::Column::TenantId.eq(scope.uuid()))
    };
    let mut rows: HashMap<String, Row> = HashMap::new();
    for chunk in numbers.chunks(500) {
        for row in select()
            .filter(ledger_cards::Column::ManagementNumber.is_in(chunk.iter().copied()))
            .into_tuple::<Row>()
            .all(db)
            .await?
        {
            rows.insert(row.1.clone(), row);
        }
    }
    for row in select().filter(ledger_cards::Column::Kind.eq("renewal")).into_tuple::<Row>().all(db).await? {
        rows.insert(row.1.clone(), row);
    }
    let ids = rows.iter().map(|(number, row)| (number.clone(), row.0)).collect();
    let facts = rows
        .into_values()
        .map(|(_, management_number, status, birth_date, kind)| {
            let status = CardStatus::parse(&status)
                .ok_or_else(|| PersistenceError::Corrupt(format!("ledger_cards.status = {status}")))?;
            Ok(LedgerFacts { management_number, status, birth_date, renewal_kind: kind.as_deref() == Some("renewal") })
        })
        .collect::<Result<_, PersistenceError>>()?;
    Ok((facts, ids))
}

/// Flags every card the reconciliation met with its verdict and the day.
///
/// # Errors
/// Database failures.
pub async fn flag_renewals(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    findings: &[Finding],
    on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    for verdict in [Verdict::Matched, Verdict::Conflict, Verdict::NotOnList] {
        let numbers: Vec<&str> =
            findings.iter().filter(|f| f.verdict == verdict).map(|f| f.management_number.as_str()).collect();
        for chunk in numbers.chunks(500) {
            ledger_cards::Entity::update_many()
                .col_expr(ledger_cards::Column::RenewalCheck, Expr::value(verdict.as_str()))
                .col_expr(ledger_cards::Column::RenewalCheckedOn, Expr::value(on))
                .col_expr(ledger_cards::Column::UpdatedAt, Expr::value(now))
                .filter(ledger_cards::Column::TenantId.eq(scope.uuid()))
                .filter(ledger_cards::Column::ManagementNumber.is_in(chunk.iter().copied()))
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

/// A person of an address list as stored.
/// A person of an address list, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPerson {
    pub id: madoguchi_domain::ids::PersonId,
    /// What makes two lines one person (name, kana and birth date).
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

impl From<ledger_people::Model> for StoredPerson {
    fn from(model: ledger_people::Model) -> Self {
        Self {
            id: madoguchi_domain::ids::PersonId(model.id),
            person_key: model.person_key,
            name: model.name,
            name_kana: model.name_kana,
            birth_date: model.birth_date,
            sex: model.sex,
            postal_code: model.postal_code,
            address: model.address,
            management_number: model.management_number,
            imported_at: model.imported_at,
        }
    }
}

/// Adds or replaces (by 宛名番号) every person of a list, and links each to its card by
/// management number. Answers how many cards were linked.
///
/// # Errors
/// Database failures.
pub async fn upsert_people(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    people: &[Person],
    now: DateTime<Utc>,
) -> Result<u64, PersistenceError> {
    let mut linked = 0;
    for chunk in people.chunks(CHUNK) {
        let keys: Vec<&str> = chunk.iter().map(|p| p.person_key.as_str()).collect();
        // A person imported again keeps their id, so cards linked earlier stay linked.
        let existing: HashMap<String, Uuid> = ledger_people::Entity::find()
            .select_only()
            .column(ledger_people::Column::PersonKey)
            .column(ledger_people::Column::Id)
            .filter(ledger_people::Column::TenantId.eq(scope.uuid()))
            .filter(ledger_people::Column::PersonKey.is_in(keys.iter().copied()))
            .into_tuple::<(String, Uuid)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        ledger_people::Entity::delete_many()
            .filter(ledger_people::Column::TenantId.eq(scope.uuid()))
            .filter(ledger_people::Column::PersonKey.is_in(keys))
            .exec(db)
            .await?;
        let mut ids = Vec::with_capacity(chunk.len());
        let models: Vec<ledger_people::ActiveModel> = chunk
            .iter()
            .map(|p| {
                let id = existing.get(&p.person_key).copied().unwrap_or_else(Uuid::now_v7);
                ids.push((id, p.management_number.as_ref().map(|n| n.as_str().to_owned())));
                ledger_people::ActiveModel {
                    tenant_id: Set(scope.uuid()),
                    id: Set(id),
                    person_key: Set(p.person_key.clone()),
                    name: Set(p.name.clone()),
                    name_kana: Set(p.name_kana.clone()),
                    birth_date: Set(p.birth_date),
                    sex: Set(p.sex.clone()),
                    postal_code: Set(p.postal_code.clone()),
                    address: Set(p.address.clone()),
                    management_number: Set(p.management_number.as_ref().map(|n| n.as_str().to_owned())),
                    imported_at: Set(now),
                }
            })
            .collect();
        ledger_people::Entity::insert_many(models).exec_without_returning(db).await?;
        for (id, number) in ids {
            if let Some(number) = number {
                linked += ledger_cards::Entity::update_many()
                    .col_expr(ledger_cards::Column::PersonId, Expr::value(id))
                    .filter(ledger_cards::Column::TenantId.eq(scope.uuid()))
                    .filter(ledger_cards::Column::ManagementNumber.eq(number))
                    .exec(db)
                    .await?
                    .rows_affected;
            }
        }
    }
    Ok(linked)
}

/// People by part of the name or kana and/or birth date, at most `limit` (LED-16).
///
/// # Errors
/// Database failures.
pub async fn find_people(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    name: Option<&str>,
    birth_date: Option<NaiveDate>,
    limit: u64,
) -> Result<Vec<StoredPerson>, PersistenceError> {
    let mut query = ledger_people::Entity::find().filter(ledger_people::Column::TenantId.eq(scope.uuid()));
    if let Some(name) = name {
        let mut any =
            sea_orm::Condition::any().add(ledger_people::Column::NameKana.like(crate::like::containing(name)));
        for spelling in madoguchi_domain::variants::spellings(name, 32) {
            any = any.add(ledger_people::Column::Name.like(crate::like::containing(&spelling)));
        }
        query = query.filter(any);
    }
    if let Some(date) = birth_date {
        query = query.filter(ledger_people::Column::BirthDate.eq(date));
    }
    Ok(query
        .order_by_asc(ledger_people::Column::NameKana)
        .order_by_asc(ledger_people::Column::PersonKey)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(StoredPerson::from)
        .collect())
}

/// # Errors
/// Database failures.
pub async fn person(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    id: Uuid,
) -> Result<Option<StoredPerson>, PersistenceError> {
    Ok(ledger_people::Entity::find_by_id((scope.uuid(), id)).one(db).await?.map(StoredPerson::from))
}

/// How many entries the tenant's postal dictionary holds.
///
/// # Errors
/// Database failures.
pub async fn postal_code_count(db: &impl ConnectionTrait, scope: &TenantScope) -> Result<u64, PersistenceError> {
    use sea_orm::PaginatorTrait;
    Ok(postal_codes::Entity::find().filter(postal_codes::Column::TenantId.eq(scope.uuid())).count(db).await?)
}
