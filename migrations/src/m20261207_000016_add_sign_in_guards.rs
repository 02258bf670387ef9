use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Wrong passwords counted per login ID as typed, whether or not such a user exists, so
/// that an unknown ID behaves exactly like a known one. A lock is temporary and grows
/// with each lock-out in a row; the users' own never-ending lock columns go.
#[derive(DeriveIden)]
enum SignInGuards {
    Table,
    TenantId,
    LoginKey,
    Failures,
    LastFailureAt,
    LockedUntil,
    Lockouts,
}

#[derive(DeriveIden)]
enum StaffUsers {
    Table,
    FailedAttempts,
    LockedAt,
}

/// The refresh secret a session had before its last rotation: presented again, it
/// means the cookie was copied, and the session ends.
#[derive(DeriveIden)]
enum StaffSessions {
    Table,
    PreviousRefreshHash,
}

#[derive(DeriveIden)]
enum TenantSettings {
    Table,
    LockoutMinutes,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SignInGuards::Table)
                    .col(ColumnDef::new(SignInGuards::TenantId).uuid().not_null())
                    .col(ColumnDef::new(SignInGuards::LoginKey).string_len(64).not_null())
                    .col(ColumnDef::new(SignInGuards::Failures).integer().not_null())
                    .col(ColumnDef::new(SignInGuards::LastFailureAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(SignInGuards::LockedUntil).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(SignInGuards::Lockouts).integer().not_null())
                    .primary_key(Index::create().col(SignInGuards::TenantId).col(SignInGuards::LoginKey))
                    .to_owned(),
            )
            .await?;
        for column in [StaffUsers::FailedAttempts, StaffUsers::LockedAt] {
            manager.alter_table(Table::alter().table(StaffUsers::Table).drop_column(column).to_owned()).await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(StaffSessions::Table)
                    .add_column(ColumnDef::new(StaffSessions::PreviousRefreshHash).string_len(64).null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(TenantSettings::Table)
                    .add_column(ColumnDef::new(TenantSettings::LockoutMinutes).integer().not_null().default(15))
                    .to_owned(),
            )
            .await
    }
}
