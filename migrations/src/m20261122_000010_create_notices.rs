use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Announcements (お知らせ) and FAQ entries residents read. Plain text only: the
/// resident SPA renders it as text, so no markup from staff reaches a browser.
#[derive(DeriveIden)]
enum Notices {
    Table,
    TenantId,
    Id,
    /// `announcement` | `faq`
    Kind,
    /// The announcement's title or the FAQ's question.
    Title,
    /// The announcement's text or the FAQ's answer.
    Body,
    Position,
    /// Shown from (inclusive) and until (exclusive); null is unbounded.
    PublishFrom,
    PublishUntil,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Notices::Table)
                    .col(ColumnDef::new(Notices::TenantId).uuid().not_null())
                    .col(ColumnDef::new(Notices::Id).uuid().not_null())
                    .col(ColumnDef::new(Notices::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(Notices::Title).string_len(200).not_null())
                    .col(ColumnDef::new(Notices::Body).text().not_null())
                    .col(ColumnDef::new(Notices::Position).integer().not_null())
                    .col(ColumnDef::new(Notices::PublishFrom).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(Notices::PublishUntil).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(Notices::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Notices::UpdatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Notices::Version).integer().not_null())
                    .primary_key(Index::create().col(Notices::TenantId).col(Notices::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_notices_kind_position")
                    .table(Notices::Table)
                    .col(Notices::TenantId)
                    .col(Notices::Kind)
                    .col(Notices::Position)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Notices::Table).to_owned()).await
    }
}
