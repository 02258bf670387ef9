use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Counters of fixed time windows, shared by every node: failed sign-ins per client
/// address now, failed booking look-ups later. Not tenant-owned: an address is
/// limited across tenants.
#[derive(DeriveIden)]
enum RateLimits {
    Table,
    Bucket,
    Key,
    WindowStart,
    Count,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RateLimits::Table)
                    .col(ColumnDef::new(RateLimits::Bucket).string_len(32).not_null())
                    .col(ColumnDef::new(RateLimits::Key).string_len(200).not_null())
                    .col(ColumnDef::new(RateLimits::WindowStart).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(RateLimits::Count).integer().not_null())
                    .primary_key(
                        Index::create().col(RateLimits::Bucket).col(RateLimits::Key).col(RateLimits::WindowStart),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_rate_limits_window")
                    .table(RateLimits::Table)
                    .col(RateLimits::WindowStart)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(RateLimits::Table).to_owned()).await
    }
}
