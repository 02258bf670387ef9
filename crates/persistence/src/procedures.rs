//! Procedures residents book, with the applicant fields each asks for.

use chrono::{DateTime, Utc};
use madoguchi_domain::ids::ProcedureId;
use madoguchi_domain::procedure::{FieldRules, ProcedureKind, Requirement};
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::Conflict;
use crate::entities::procedures;
use crate::{PersistenceError, TenantScope};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Procedure {
    pub id: ProcedureId,
    pub name: String,
    pub kind: ProcedureKind,
    pub description: String,
    /// What to bring, as the municipality writes it; empty for the service's default.
    pub what_to_bring: String,
    pub fields: FieldRules,
    pub max_applicants: u8,
    pub sort_order: i32,
    pub active: bool,
    pub version: i32,
}

#[derive(Debug, Clone)]
pub struct NewProcedure {
    pub name: String,
    pub kind: ProcedureKind,
    pub description: String,
    /// What to bring, as the municipality writes it; empty for the service's default.
    pub what_to_bring: String,
    pub fields: FieldRules,
    pub max_applicants: u8,
    pub sort_order: i32,
}

fn from_model(model: procedures::Model) -> Result<Procedure, PersistenceError> {
    let corrupt = |what: &str| PersistenceError::Corrupt(format!("procedure {}: {what}", model.id));
    let requirement = |value: &str| Requirement::parse(value).ok_or_else(|| corrupt(value));
    Ok(Procedure {
        id: ProcedureId(model.id),
        kind: ProcedureKind::parse(&model.kind).ok_or_else(|| corrupt(&model.kind))?,
        fields: FieldRules {
            management_number: requirement(&model.management_number)?,
            name: requirement(&model.person_name)?,
            name_kana: requirement(&model.name_kana)?,
            birth_date: requirement(&model.birth_date)?,
            address: requirement(&model.address)?,
            phone: requirement(&model.phone)?,
            email: requirement(&model.email)?,
        },
        max_applicants: u8::try_from(model.max_applicants).map_err(|_| corrupt("max_applicants"))?,
        name: model.name,
        description: model.description,
        what_to_bring: model.what_to_bring,
        sort_order: model.sort_order,
        active: model.active,
        version: model.version,
    })
}

/// # Errors
/// Database failures.
pub async fn list(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    active_only: bool,
) -> Result<Vec<Procedure>, PersistenceError> {
    let mut condition = Condition::all().add(procedures::Column::TenantId.eq(scope.uuid()));
    if active_only {
        condition = condition.add(procedures::Column::Active.eq(true));
    }
    procedures::Entity::find()
        .filter(condition)
        .order_by_asc(procedures::Column::SortOrder)
        .order_by_asc(procedures::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(from_model)
        .collect()
}

/// # Errors
/// `procedure.name_taken`, database failures.
pub async fn create(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    new: NewProcedure,
    now: DateTime<Utc>,
) -> Result<Procedure, PersistenceError> {
    let id = ProcedureId::generate();
    let f = new.fields;
    let model = procedures::ActiveModel {
        tenant_id: Set(scope.uuid()),
        id: Set(id.0),
        name: Set(new.name.clone()),
        kind: Set(new.kind.as_str().to_owned()),
        description: Set(new.description.clone()),
        what_to_bring: Set(new.what_to_bring.clone()),
        management_number: Set(f.management_number.as_str().to_owned()),
        person_name: Set(f.name.as_str().to_owned()),
        name_kana: Set(f.name_kana.as_str().to_owned()),
        birth_date: Set(f.birth_date.as_str().to_owned()),
        address: Set(f.address.as_str().to_owned()),
        phone: Set(f.phone.as_str().to_owned()),
        email: Set(f.email.as_str().to_owned()),
        max_applicants: Set(i32::from(new.max_applicants)),
        sort_order: Set(new.sort_order),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    };
    procedures::Entity::insert(model)
        .exec_without_returning(db)
        .await
        .map_err(|e| PersistenceError::unique_or(e, Conflict::ProcedureNameTaken))?;
    Ok(Procedure {
        id,
        name: new.name,
        kind: new.kind,
        description: new.description,
        what_to_bring: new.what_to_bring,
        fields: new.fields,
        max_applicants: new.max_applicants,
        sort_order: new.sort_order,
        active: true,
        version: 1,
    })
}

/// Replaces a procedure's fields if it is still at `version`.
///
/// # Errors
/// `procedure.changed_meanwhile`, `procedure.name_taken`, `NotFound`, database failures.
pub async fn update(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    id: ProcedureId,
    version: i32,
    change: &NewProcedure,
    active: bool,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    let f = change.fields;
    let updated = procedures::Entity::update_many()
        .col_expr(procedures::Column::Name, Expr::value(change.name.clone()))
        .col_expr(procedures::Column::Kind, Expr::value(change.kind.as_str()))
        .col_expr(procedures::Column::Description, Expr::value(change.description.clone()))
        .col_expr(procedures::Column::WhatToBring, Expr::value(change.what_to_bring.clone()))
        .col_expr(procedures::Column::ManagementNumber, Expr::value(f.management_number.as_str()))
        .col_expr(procedures::Column::PersonName, Expr::value(f.name.as_str()))
        .col_expr(procedures::Column::NameKana, Expr::value(f.name_kana.as_str()))
        .col_expr(procedures::Column::BirthDate, Expr::value(f.birth_date.as_str()))
        .col_expr(procedures::Column::Address, Expr::value(f.address.as_str()))
        .col_expr(procedures::Column::Phone, Expr::value(f.phone.as_str()))
        .col_expr(procedures::Column::Email, Expr::value(f.email.as_str()))
        .col_expr(procedures::Column::MaxApplicants, Expr::value(i32::from(change.max_applicants)))
        .col_expr(procedures::Column::SortOrder, Expr::value(change.sort_order))
        .col_expr(procedures::Column::Active, Expr::value(active))
        .col_expr(procedures::Column::UpdatedAt, Expr::value(now))
        .col_expr(procedures::Column::Version, Expr::col(procedures::Column::Version).add(1))
        .filter(procedures::Column::TenantId.eq(scope.uuid()))
        .filter(procedures::Column::Id.eq(id.0))
        .filter(procedures::Column::Version.eq(version))
        .exec(db)
        .await
        .map_err(|e| PersistenceError::unique_or(e, Conflict::ProcedureNameTaken))?;
    if updated.rows_affected == 0 {
        if !list(db, scope, false).await?.iter().any(|p| p.id == id) {
            return Err(PersistenceError::NotFound);
        }
        return Err(PersistenceError::Conflict(Conflict::ProcedureChanged));
    }
    Ok(())
}
