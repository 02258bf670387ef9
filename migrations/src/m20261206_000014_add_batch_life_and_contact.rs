use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A scan batch is open, registered or discarded. A discarded batch keeps its row (who,
/// when, why) but gives its cards back: its scans are deleted, so they can be read again.
#[derive(DeriveIden)]
enum LedgerScanBatches {
    Table,
    CreatedAt,
    /// The last scan read into the batch (or its creation); an open batch untouched for
    /// the tenant's expiry time is discarded by the housekeeping task.
    TouchedAt,
    DiscardedAt,
    /// A login ID, or `system` for an expiry.
    DiscardedBy,
    DiscardReason,
}

#[derive(DeriveIden)]
enum LedgerSettings {
    Table,
    /// Hours an open batch may stay untouched before it is discarded.
    BatchExpiryHours,
}

/// How residents reach the counter for help: on every resident page and in every mail.
#[derive(DeriveIden)]
enum TenantSettings {
    Table,
    ContactPhone,
    ContactHours,
}

/// The From header's display name (the service), kept with the mail it was written for.
#[derive(DeriveIden)]
enum MailOutbox {
    Table,
    SenderName,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        for column in [
            ColumnDef::new(LedgerScanBatches::TouchedAt).timestamp_with_time_zone().null().to_owned(),
            ColumnDef::new(LedgerScanBatches::DiscardedAt).timestamp_with_time_zone().null().to_owned(),
            ColumnDef::new(LedgerScanBatches::DiscardedBy).string_len(64).null().to_owned(),
            ColumnDef::new(LedgerScanBatches::DiscardReason).string_len(200).null().to_owned(),
        ] {
            manager.alter_table(Table::alter().table(LedgerScanBatches::Table).add_column(column).to_owned()).await?;
        }
        manager
            .exec_stmt(
                Query::update()
                    .table(LedgerScanBatches::Table)
                    .value(LedgerScanBatches::TouchedAt, Expr::col(LedgerScanBatches::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(LedgerSettings::Table)
                    .add_column(ColumnDef::new(LedgerSettings::BatchExpiryHours).integer().not_null().default(72))
                    .to_owned(),
            )
            .await?;
        for column in [
            ColumnDef::new(TenantSettings::ContactPhone).string_len(20).not_null().default("").to_owned(),
            ColumnDef::new(TenantSettings::ContactHours).string_len(100).not_null().default("").to_owned(),
        ] {
            manager.alter_table(Table::alter().table(TenantSettings::Table).add_column(column).to_owned()).await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(MailOutbox::Table)
                    .add_column(ColumnDef::new(MailOutbox::SenderName).string_len(200).not_null().default(""))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
