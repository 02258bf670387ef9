use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A tenant's own wording of a mail kind; absent kinds use the service's default.
#[derive(DeriveIden)]
enum MailTemplates {
    Table,
    TenantId,
    /// `confirmation` | `change` | `cancellation` | `reminder`
    Kind,
    Subject,
    Body,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MailTemplates::Table)
                    .col(ColumnDef::new(MailTemplates::TenantId).uuid().not_null())
                    .col(ColumnDef::new(MailTemplates::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(MailTemplates::Subject).string_len(200).not_null())
                    .col(ColumnDef::new(MailTemplates::Body).text().not_null())
                    .col(ColumnDef::new(MailTemplates::UpdatedAt).timestamp_with_time_zone().not_null())
                    .primary_key(Index::create().col(MailTemplates::TenantId).col(MailTemplates::Kind))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(MailTemplates::Table).to_owned()).await
    }
}
