use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A card's free-text reasons (why it was cancelled, reissued, abolished or disposed of)
/// and its history's reasons are a clerk's words about a resident and are kept sealed
/// from now on. History lines carry the key version that sealed them, so that the pass
/// that seals rows written before (`key_version` 0) and `keys rotate --data` find them.
#[derive(DeriveIden, Clone, Copy)]
enum LedgerCards {
    Table,
    CancelReason,
    ReissueReason,
    AbolishReason,
    DisposeReason,
}

#[derive(DeriveIden, Clone, Copy)]
enum LedgerEvents {
    Table,
    TenantId,
    Reason,
    KeyVersion,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(LedgerEvents::Table)
                    .add_column(ColumnDef::new(LedgerEvents::KeyVersion).integer().not_null().default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_ledger_events_key_version")
                    .table(LedgerEvents::Table)
                    .col(LedgerEvents::TenantId)
                    .col(LedgerEvents::KeyVersion)
                    .to_owned(),
            )
            .await?;
        // A sealed reason is longer than its 200 characters; SQLite does not enforce lengths.
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            for (table, column) in [
                (LedgerCards::Table.into_iden(), LedgerCards::CancelReason.into_iden()),
                (LedgerCards::Table.into_iden(), LedgerCards::ReissueReason.into_iden()),
                (LedgerCards::Table.into_iden(), LedgerCards::AbolishReason.into_iden()),
                (LedgerCards::Table.into_iden(), LedgerCards::DisposeReason.into_iden()),
                (LedgerEvents::Table.into_iden(), LedgerEvents::Reason.into_iden()),
            ] {
                manager
                    .alter_table(
                        Table::alter()
                            .table(table)
                            .modify_column(ColumnDef::new(column).text().not_null().to_owned())
                            .to_owned(),
                    )
                    .await?;
            }
        }
        Ok(())
    }
}
