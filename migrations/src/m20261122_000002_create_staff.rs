use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Tenants {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum StaffUsers {
    Table,
    TenantId,
    Id,
    LoginId,
    Name,
    Roles,
    PasswordHash,
    Disabled,
    FailedAttempts,
    LockedAt,
    PasswordChangedAt,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum StaffSessions {
    Table,
    TenantId,
    Id,
    UserId,
    RefreshHash,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
    RevokedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(StaffUsers::Table)
                    .col(ColumnDef::new(StaffUsers::TenantId).uuid().not_null())
                    .col(ColumnDef::new(StaffUsers::Id).uuid().not_null())
                    .col(ColumnDef::new(StaffUsers::LoginId).string_len(64).not_null())
                    .col(ColumnDef::new(StaffUsers::Name).string_len(100).not_null())
                    .col(ColumnDef::new(StaffUsers::Roles).string_len(100).not_null())
                    .col(ColumnDef::new(StaffUsers::PasswordHash).string_len(200).not_null())
                    .col(ColumnDef::new(StaffUsers::Disabled).boolean().not_null())
                    .col(ColumnDef::new(StaffUsers::FailedAttempts).integer().not_null())
                    .col(ColumnDef::new(StaffUsers::LockedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(StaffUsers::PasswordChangedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(StaffUsers::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(StaffUsers::UpdatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(StaffUsers::Version).integer().not_null())
                    .primary_key(Index::create().col(StaffUsers::TenantId).col(StaffUsers::Id))
                    .foreign_key(
                        ForeignKey::create()
                            .from(StaffUsers::Table, StaffUsers::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_staff_users_tenant_login")
                    .table(StaffUsers::Table)
                    .col(StaffUsers::TenantId)
                    .col(StaffUsers::LoginId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StaffSessions::Table)
                    .col(ColumnDef::new(StaffSessions::TenantId).uuid().not_null())
                    .col(ColumnDef::new(StaffSessions::Id).uuid().not_null())
                    .col(ColumnDef::new(StaffSessions::UserId).uuid().not_null())
                    .col(ColumnDef::new(StaffSessions::RefreshHash).string_len(64).not_null())
                    .col(ColumnDef::new(StaffSessions::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(StaffSessions::LastSeenAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(StaffSessions::ExpiresAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(StaffSessions::RevokedAt).timestamp_with_time_zone().null())
                    .primary_key(Index::create().col(StaffSessions::TenantId).col(StaffSessions::Id))
                    .foreign_key(
                        ForeignKey::create()
                            .from_tbl(StaffSessions::Table)
                            .from_col(StaffSessions::TenantId)
                            .from_col(StaffSessions::UserId)
                            .to_tbl(StaffUsers::Table)
                            .to_col(StaffUsers::TenantId)
                            .to_col(StaffUsers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_staff_sessions_tenant_user")
                    .table(StaffSessions::Table)
                    .col(StaffSessions::TenantId)
                    .col(StaffSessions::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(StaffSessions::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(StaffUsers::Table).to_owned()).await
    }
}
