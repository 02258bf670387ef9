use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Tenants {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Locations {
    Table,
    TenantId,
    Id,
    Name,
    Address,
    SortOrder,
    Active,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum Procedures {
    Table,
    TenantId,
    Id,
    Name,
    Kind,
    Description,
    ManagementNumber,
    PersonName,
    NameKana,
    BirthDate,
    Address,
    Phone,
    Email,
    MaxApplicants,
    SortOrder,
    Active,
    CreatedAt,
    UpdatedAt,
    Version,
}

/// A counter's places, from which one or more procedures at a location draw.
#[derive(DeriveIden)]
enum CapacityPools {
    Table,
    TenantId,
    Id,
    LocationId,
    Name,
    CreatedAt,
    UpdatedAt,
    Version,
}

/// Which pool a procedure draws from at a location (a procedure is offered where it has one).
#[derive(DeriveIden)]
enum PoolProcedures {
    Table,
    TenantId,
    LocationId,
    ProcedureId,
    PoolId,
}

/// A pool's week: one row per open weekday (0 = Monday).
#[derive(DeriveIden)]
enum PoolWeekdays {
    Table,
    TenantId,
    PoolId,
    Weekday,
    /// `08:30-12:00,13:00-17:15`
    Bands,
    SlotMinutes,
    Places,
}

#[derive(DeriveIden)]
enum PoolDateOverrides {
    Table,
    TenantId,
    PoolId,
    Date,
    Closed,
    Reason,
    Bands,
    SlotMinutes,
    Places,
}

/// The tenant's booking window, period, deadline and booking options.
#[derive(DeriveIden)]
enum BookingRules {
    Table,
    TenantId,
    FirstDate,
    LastDate,
    OpensDaysBefore,
    OpensAt,
    ClosesDaysBefore,
    ClosesAt,
    ChangeDaysBefore,
    ChangeAt,
    HoldMinutes,
    PiiFree,
    UpdatedAt,
    Version,
}

/// Holidays imported from the Cabinet Office's syukujitsu.csv; they replace the
/// computed ones for the years they cover.
#[derive(DeriveIden)]
enum TenantHolidays {
    Table,
    TenantId,
    Date,
    Name,
}

/// Days the whole municipality's counters are closed.
#[derive(DeriveIden)]
enum TenantClosures {
    Table,
    TenantId,
    Date,
    Reason,
}

fn tenant_fk(table: impl IntoIden + 'static, column: impl IntoIden + 'static) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Tenants::Table, Tenants::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

/// A reference to another tenant-owned row: `(tenant_id, id)` on both sides.
fn owned_fk(
    from: impl IntoIden + 'static,
    tenant: impl IntoIden + 'static,
    column: impl IntoIden + 'static,
    to: impl IntoIden + 'static,
    to_tenant: impl IntoIden + 'static,
    to_id: impl IntoIden + 'static,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from_tbl(from)
        .from_col(tenant)
        .from_col(column)
        .to_tbl(to)
        .to_col(to_tenant)
        .to_col(to_id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Locations::Table)
                    .col(ColumnDef::new(Locations::TenantId).uuid().not_null())
                    .col(ColumnDef::new(Locations::Id).uuid().not_null())
                    .col(ColumnDef::new(Locations::Name).string_len(100).not_null())
                    .col(ColumnDef::new(Locations::Address).string_len(200).not_null())
                    .col(ColumnDef::new(Locations::SortOrder).integer().not_null())
                    .col(ColumnDef::new(Locations::Active).boolean().not_null())
                    .col(ColumnDef::new(Locations::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Locations::UpdatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Locations::Version).integer().not_null())
                    .primary_key(Index::create().col(Locations::TenantId).col(Locations::Id))
                    .foreign_key(&mut tenant_fk(Locations::Table, Locations::TenantId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_locations_tenant_name")
                    .table(Locations::Table)
                    .col(Locations::TenantId)
                    .col(Locations::Name)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Procedures::Table)
                    .col(ColumnDef::new(Procedures::TenantId).uuid().not_null())
                    .col(ColumnDef::new(Procedures::Id).uuid().not_null())
                    .col(ColumnDef::new(Procedures::Name).string_len(100).not_null())
                    .col(ColumnDef::new(Procedures::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(Procedures::Description).text().not_null())
                    .col(ColumnDef::new(Procedures::ManagementNumber).string_len(8).not_null())
                    .col(ColumnDef::new(Procedures::PersonName).string_len(8).not_null())
                    .col(ColumnDef::new(Procedures::NameKana).string_len(8).not_null())
                    .col(ColumnDef::new(Procedures::BirthDate).string_len(8).not_null())
                    .col(ColumnDef::new(Procedures::Address).string_len(8).not_null())
                    .col(ColumnDef::new(Procedures::Phone).string_len(8).not_null())
                    .col(ColumnDef::new(Procedures::Email).string_len(8).not_null())
                    .col(ColumnDef::new(Procedures::MaxApplicants).integer().not_null())
                    .col(ColumnDef::new(Procedures::SortOrder).integer().not_null())
                    .col(ColumnDef::new(Procedures::Active).boolean().not_null())
                    .col(ColumnDef::new(Procedures::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Procedures::UpdatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Procedures::Version).integer().not_null())
                    .primary_key(Index::create().col(Procedures::TenantId).col(Procedures::Id))
                    .foreign_key(&mut tenant_fk(Procedures::Table, Procedures::TenantId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_procedures_tenant_name")
                    .table(Procedures::Table)
                    .col(Procedures::TenantId)
                    .col(Procedures::Name)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CapacityPools::Table)
                    .col(ColumnDef::new(CapacityPools::TenantId).uuid().not_null())
                    .col(ColumnDef::new(CapacityPools::Id).uuid().not_null())
                    .col(ColumnDef::new(CapacityPools::LocationId).uuid().not_null())
                    .col(ColumnDef::new(CapacityPools::Name).string_len(100).not_null())
                    .col(ColumnDef::new(CapacityPools::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(CapacityPools::UpdatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(CapacityPools::Version).integer().not_null())
                    .primary_key(Index::create().col(CapacityPools::TenantId).col(CapacityPools::Id))
                    .foreign_key(&mut owned_fk(
                        CapacityPools::Table,
                        CapacityPools::TenantId,
                        CapacityPools::LocationId,
                        Locations::Table,
                        Locations::TenantId,
                        Locations::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PoolProcedures::Table)
                    .col(ColumnDef::new(PoolProcedures::TenantId).uuid().not_null())
                    .col(ColumnDef::new(PoolProcedures::LocationId).uuid().not_null())
                    .col(ColumnDef::new(PoolProcedures::ProcedureId).uuid().not_null())
                    .col(ColumnDef::new(PoolProcedures::PoolId).uuid().not_null())
                    .primary_key(
                        Index::create()
                            .col(PoolProcedures::TenantId)
                            .col(PoolProcedures::LocationId)
                            .col(PoolProcedures::ProcedureId),
                    )
                    .foreign_key(&mut owned_fk(
                        PoolProcedures::Table,
                        PoolProcedures::TenantId,
                        PoolProcedures::ProcedureId,
                        Procedures::Table,
                        Procedures::TenantId,
                        Procedures::Id,
                    ))
                    .foreign_key(&mut owned_fk(
                        PoolProcedures::Table,
                        PoolProcedures::TenantId,
                        PoolProcedures::PoolId,
                        CapacityPools::Table,
                        CapacityPools::TenantId,
                        CapacityPools::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PoolWeekdays::Table)
                    .col(ColumnDef::new(PoolWeekdays::TenantId).uuid().not_null())
                    .col(ColumnDef::new(PoolWeekdays::PoolId).uuid().not_null())
                    .col(ColumnDef::new(PoolWeekdays::Weekday).small_integer().not_null())
                    .col(ColumnDef::new(PoolWeekdays::Bands).string_len(200).not_null())
                    .col(ColumnDef::new(PoolWeekdays::SlotMinutes).integer().not_null())
                    .col(ColumnDef::new(PoolWeekdays::Places).integer().not_null())
                    .primary_key(
                        Index::create()
                            .col(PoolWeekdays::TenantId)
                            .col(PoolWeekdays::PoolId)
                            .col(PoolWeekdays::Weekday),
                    )
                    .foreign_key(&mut owned_fk(
                        PoolWeekdays::Table,
                        PoolWeekdays::TenantId,
                        PoolWeekdays::PoolId,
                        CapacityPools::Table,
                        CapacityPools::TenantId,
                        CapacityPools::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PoolDateOverrides::Table)
                    .col(ColumnDef::new(PoolDateOverrides::TenantId).uuid().not_null())
                    .col(ColumnDef::new(PoolDateOverrides::PoolId).uuid().not_null())
                    .col(ColumnDef::new(PoolDateOverrides::Date).date().not_null())
                    .col(ColumnDef::new(PoolDateOverrides::Closed).boolean().not_null())
                    .col(ColumnDef::new(PoolDateOverrides::Reason).string_len(200).not_null())
                    .col(ColumnDef::new(PoolDateOverrides::Bands).string_len(200).not_null())
                    .col(ColumnDef::new(PoolDateOverrides::SlotMinutes).integer().not_null())
                    .col(ColumnDef::new(PoolDateOverrides::Places).integer().not_null())
                    .primary_key(
                        Index::create()
                            .col(PoolDateOverrides::TenantId)
                            .col(PoolDateOverrides::PoolId)
                            .col(PoolDateOverrides::Date),
                    )
                    .foreign_key(&mut owned_fk(
                        PoolDateOverrides::Table,
                        PoolDateOverrides::TenantId,
                        PoolDateOverrides::PoolId,
                        CapacityPools::Table,
                        CapacityPools::TenantId,
                        CapacityPools::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(BookingRules::Table)
                    .col(ColumnDef::new(BookingRules::TenantId).uuid().not_null().primary_key())
                    .col(ColumnDef::new(BookingRules::FirstDate).date().null())
                    .col(ColumnDef::new(BookingRules::LastDate).date().null())
                    .col(ColumnDef::new(BookingRules::OpensDaysBefore).integer().not_null())
                    .col(ColumnDef::new(BookingRules::OpensAt).time().not_null())
                    .col(ColumnDef::new(BookingRules::ClosesDaysBefore).integer().not_null())
                    .col(ColumnDef::new(BookingRules::ClosesAt).time().not_null())
                    .col(ColumnDef::new(BookingRules::ChangeDaysBefore).integer().not_null())
                    .col(ColumnDef::new(BookingRules::ChangeAt).time().not_null())
                    .col(ColumnDef::new(BookingRules::HoldMinutes).integer().not_null())
                    .col(ColumnDef::new(BookingRules::PiiFree).boolean().not_null())
                    .col(ColumnDef::new(BookingRules::UpdatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(BookingRules::Version).integer().not_null())
                    .foreign_key(&mut tenant_fk(BookingRules::Table, BookingRules::TenantId))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(TenantHolidays::Table)
                    .col(ColumnDef::new(TenantHolidays::TenantId).uuid().not_null())
                    .col(ColumnDef::new(TenantHolidays::Date).date().not_null())
                    .col(ColumnDef::new(TenantHolidays::Name).string_len(100).not_null())
                    .primary_key(Index::create().col(TenantHolidays::TenantId).col(TenantHolidays::Date))
                    .foreign_key(&mut tenant_fk(TenantHolidays::Table, TenantHolidays::TenantId))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(TenantClosures::Table)
                    .col(ColumnDef::new(TenantClosures::TenantId).uuid().not_null())
                    .col(ColumnDef::new(TenantClosures::Date).date().not_null())
                    .col(ColumnDef::new(TenantClosures::Reason).string_len(200).not_null())
                    .primary_key(Index::create().col(TenantClosures::TenantId).col(TenantClosures::Date))
                    .foreign_key(&mut tenant_fk(TenantClosures::Table, TenantClosures::TenantId))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            TenantClosures::Table.into_iden(),
            TenantHolidays::Table.into_iden(),
            BookingRules::Table.into_iden(),
            PoolDateOverrides::Table.into_iden(),
            PoolWeekdays::Table.into_iden(),
            PoolProcedures::Table.into_iden(),
            CapacityPools::Table.into_iden(),
            Procedures::Table.into_iden(),
            Locations::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
