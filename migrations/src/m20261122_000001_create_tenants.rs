use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Tenants {
    Table,
    Id,
    Slug,
    Code,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
enum TenantSettings {
    Table,
    TenantId,
    ServiceName,
    SitePublic,
    ClosedMessage,
    SessionTimeoutMinutes,
    IdleTimeoutMinutes,
    LockoutThreshold,
    PasswordMinLength,
    PasswordMinClasses,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum TenantLogos {
    Table,
    TenantId,
    ContentType,
    Bytes,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Tenants::Table)
                    .col(ColumnDef::new(Tenants::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(Tenants::Slug).string_len(32).not_null().unique_key())
                    .col(ColumnDef::new(Tenants::Code).string_len(6).not_null().unique_key())
                    .col(ColumnDef::new(Tenants::Name).string_len(100).not_null())
                    .col(ColumnDef::new(Tenants::CreatedAt).timestamp_with_time_zone().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TenantSettings::Table)
                    .col(ColumnDef::new(TenantSettings::TenantId).uuid().not_null().primary_key())
                    .col(ColumnDef::new(TenantSettings::ServiceName).string_len(100).not_null())
                    .col(ColumnDef::new(TenantSettings::SitePublic).boolean().not_null())
                    .col(ColumnDef::new(TenantSettings::ClosedMessage).text().not_null())
                    .col(ColumnDef::new(TenantSettings::SessionTimeoutMinutes).integer().not_null())
                    .col(ColumnDef::new(TenantSettings::IdleTimeoutMinutes).integer().not_null())
                    .col(ColumnDef::new(TenantSettings::LockoutThreshold).integer().not_null())
                    .col(ColumnDef::new(TenantSettings::PasswordMinLength).integer().not_null())
                    .col(ColumnDef::new(TenantSettings::PasswordMinClasses).integer().not_null())
                    .col(ColumnDef::new(TenantSettings::UpdatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(TenantSettings::Version).integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(TenantSettings::Table, TenantSettings::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TenantLogos::Table)
                    .col(ColumnDef::new(TenantLogos::TenantId).uuid().not_null().primary_key())
                    .col(ColumnDef::new(TenantLogos::ContentType).string_len(32).not_null())
                    .col(ColumnDef::new(TenantLogos::Bytes).blob().not_null())
                    .col(ColumnDef::new(TenantLogos::UpdatedAt).timestamp_with_time_zone().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(TenantLogos::Table, TenantLogos::TenantId)
                            .to(Tenants::Table, Tenants::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(TenantLogos::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(TenantSettings::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Tenants::Table).to_owned()).await
    }
}
