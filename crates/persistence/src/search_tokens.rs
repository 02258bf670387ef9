//! Keyed tokens of sealed texts (`madoguchi_domain::search_text`,
//! `madoguchi_vault::DataKey::token`): a part of a name is found by the rows that hold
//! every token of the part, and then checked on the opened text by the caller.

use madoguchi_domain::search_text;
use madoguchi_vault::TenantVault;
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::entities::search_tokens;
use crate::{PersistenceError, TenantScope};

/// The tokens of `texts` (each with the field it is indexed as), under the tenant's
/// newest key.
#[must_use]
pub fn of(vault: &TenantVault, texts: &[(&str, &str)]) -> Vec<i64> {
    let key = vault.current();
    let mut tokens: Vec<i64> = texts
        .iter()
        .flat_map(|(field, text)| search_text::grams(text).into_iter().map(|g| key.token(field, &g)))
        .collect();
    tokens.sort_unstable();
    tokens.dedup();
    tokens
}

/// Replaces what `owner` is found by.
///
/// # Errors
/// Database failures.
pub async fn replace(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    owner: Uuid,
    tokens: &[i64],
) -> Result<(), PersistenceError> {
    remove(db, scope, owner).await?;
    for chunk in tokens.chunks(1000) {
        search_tokens::Entity::insert_many(chunk.iter().map(|token| search_tokens::ActiveModel {
            tenant_id: Set(scope.uuid()),
            token: Set(*token),
            owner_id: Set(owner),
        }))
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

/// Adds what each new owner is found by.
///
/// # Errors
/// Database failures.
pub async fn insert_all(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    owners: &[(Uuid, Vec<i64>)],
) -> Result<(), PersistenceError> {
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        let pairs: Vec<(i64, Uuid)> =
            owners.iter().flat_map(|(owner, tokens)| tokens.iter().map(move |t| (*t, *owner))).collect();
        for chunk in pairs.chunks(50_000) {
            crate::bulk::insert_pairs(
                db,
                "INSERT INTO search_tokens (tenant_id, token, owner_id) \
                 SELECT $1, t, o FROM unnest($2::text::bigint[], $3::text::uuid[]) AS u(t, o)",
                scope,
                chunk.iter().map(|(t, _)| t.to_string()),
                chunk.iter().map(|(_, o)| o.to_string()),
            )
            .await?;
        }
        return Ok(());
    }
    let rows: Vec<search_tokens::ActiveModel> = owners
        .iter()
        .flat_map(|(owner, tokens)| {
            tokens.iter().map(move |token| search_tokens::ActiveModel {
                tenant_id: Set(scope.uuid()),
                token: Set(*token),
                owner_id: Set(*owner),
            })
        })
        .collect();
    for chunk in rows.chunks(1000) {
        search_tokens::Entity::insert_many(chunk.to_vec()).exec_without_returning(db).await?;
    }
    Ok(())
}

/// Forgets `owner` (its texts were removed).
///
/// # Errors
/// Database failures.
pub async fn remove(db: &impl ConnectionTrait, scope: &TenantScope, owner: Uuid) -> Result<(), PersistenceError> {
    search_tokens::Entity::delete_many()
        .filter(search_tokens::Column::TenantId.eq(scope.uuid()))
        .filter(search_tokens::Column::OwnerId.eq(owner))
        .exec(db)
        .await?;
    Ok(())
}

/// The owners holding every token of `text` as `field` under one of the keys held:
/// a sub-query to narrow rows by, whose results the caller checks on the opened text.
/// `None` when the text has no letters (nothing to narrow by).
#[must_use]
pub fn owners_matching(scope: &TenantScope, vault: &TenantVault, field: &str, text: &str) -> Option<SelectStatement> {
    let grams = search_text::query_grams(text);
    if grams.is_empty() {
        return None;
    }
    let mut union: Option<SelectStatement> = None;
    for key in vault.keys() {
        let mut tokens: Vec<i64> = grams.iter().map(|g| key.token(field, g)).collect();
        tokens.sort_unstable();
        tokens.dedup();
        let count = i64::try_from(tokens.len()).unwrap_or(i64::MAX);
        let select = Query::select()
            .column(search_tokens::Column::OwnerId)
            .from(search_tokens::Entity)
            .and_where(search_tokens::Column::TenantId.eq(scope.uuid()))
            .and_where(search_tokens::Column::Token.is_in(tokens))
            .group_by_col(search_tokens::Column::OwnerId)
            .and_having(Expr::col(search_tokens::Column::Token).count_distinct().eq(count))
            .to_owned();
        union = Some(match union {
            None => select,
            Some(mut all) => {
                all.union(sea_orm::sea_query::UnionType::Distinct, select);
                all
            }
        });
    }
    union
}

/// Forgets every one of `owners`.
///
/// # Errors
/// Database failures.
pub async fn remove_all(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    owners: &[Uuid],
) -> Result<(), PersistenceError> {
    search_tokens::Entity::delete_many()
        .filter(search_tokens::Column::TenantId.eq(scope.uuid()))
        .filter(search_tokens::Column::OwnerId.is_in(owners.iter().copied()))
        .exec(db)
        .await?;
    Ok(())
}
