use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Each tenant's data keys, wrapped by the key-encryption key (crates/vault). The
/// newest version seals new values; older ones stay to open what they sealed.
#[derive(DeriveIden)]
enum TenantKeys {
    Table,
    TenantId,
    Version,
    Wrapped,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MailOutbox {
    Table,
    ToAddress,
    Body,
    Ics,
    SentAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TenantKeys::Table)
                    .col(ColumnDef::new(TenantKeys::TenantId).uuid().not_null())
                    .col(ColumnDef::new(TenantKeys::Version).integer().not_null())
                    .col(ColumnDef::new(TenantKeys::Wrapped).text().not_null())
                    .col(ColumnDef::new(TenantKeys::CreatedAt).timestamp_with_time_zone().not_null())
                    .primary_key(Index::create().col(TenantKeys::TenantId).col(TenantKeys::Version))
                    .to_owned(),
            )
            .await?;
        // Mails sent before the outbox was sealed still hold their bodies (with booking
        // passwords) in plain text: nothing needs them any more.
        manager
            .exec_stmt(
                Query::update()
                    .table(MailOutbox::Table)
                    .value(MailOutbox::ToAddress, "")
                    .value(MailOutbox::Body, "")
                    .value(MailOutbox::Ics, Option::<String>::None)
                    .and_where(Expr::col(MailOutbox::SentAt).is_not_null())
                    .to_owned(),
            )
            .await
    }
}
