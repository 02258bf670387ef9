use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CapacityPools {
    Table,
    TenantId,
    Id,
}

/// Places taken per slot of a pool. Bookings add to `taken` with a conditional
/// update (`taken + n <= capacity`), so the database, not the application, keeps a
/// slot from being overbooked.
#[derive(DeriveIden)]
enum SlotUsage {
    Table,
    TenantId,
    PoolId,
    Start,
    Taken,
}

#[derive(DeriveIden)]
enum Bookings {
    Table,
    TenantId,
    Id,
    ReceptionNumber,
    PasswordHash,
    LocationId,
    ProcedureId,
    PoolId,
    Start,
    End,
    Places,
    /// `booked` | `cancelled` | `visited` | `no_show`
    Status,
    Email,
    Phone,
    Notes,
    /// `resident` or the staff user's login ID.
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum BookingApplicants {
    Table,
    TenantId,
    BookingId,
    Position,
    ManagementNumber,
    Name,
    NameKana,
    BirthDate,
    Address,
}

/// One row per identity key of an active booking's applicants; the unique index
/// refuses a second active booking of the same person for the same procedure.
#[derive(DeriveIden)]
enum BookingIdentities {
    Table,
    TenantId,
    ProcedureId,
    IdentityKey,
    BookingId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SlotUsage::Table)
                    .col(ColumnDef::new(SlotUsage::TenantId).uuid().not_null())
                    .col(ColumnDef::new(SlotUsage::PoolId).uuid().not_null())
                    .col(ColumnDef::new(SlotUsage::Start).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(SlotUsage::Taken).integer().not_null())
                    .primary_key(Index::create().col(SlotUsage::TenantId).col(SlotUsage::PoolId).col(SlotUsage::Start))
                    .foreign_key(
                        ForeignKey::create()
                            .from_tbl(SlotUsage::Table)
                            .from_col(SlotUsage::TenantId)
                            .from_col(SlotUsage::PoolId)
                            .to_tbl(CapacityPools::Table)
                            .to_col(CapacityPools::TenantId)
                            .to_col(CapacityPools::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Bookings::Table)
                    .col(ColumnDef::new(Bookings::TenantId).uuid().not_null())
                    .col(ColumnDef::new(Bookings::Id).uuid().not_null())
                    .col(ColumnDef::new(Bookings::ReceptionNumber).big_integer().not_null())
                    .col(ColumnDef::new(Bookings::PasswordHash).string_len(200).not_null())
                    .col(ColumnDef::new(Bookings::LocationId).uuid().not_null())
                    .col(ColumnDef::new(Bookings::ProcedureId).uuid().not_null())
                    .col(ColumnDef::new(Bookings::PoolId).uuid().not_null())
                    .col(ColumnDef::new(Bookings::Start).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Bookings::End).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Bookings::Places).integer().not_null())
                    .col(ColumnDef::new(Bookings::Status).string_len(16).not_null())
                    .col(ColumnDef::new(Bookings::Email).string_len(254).null())
                    .col(ColumnDef::new(Bookings::Phone).string_len(16).null())
                    .col(ColumnDef::new(Bookings::Notes).text().not_null())
                    .col(ColumnDef::new(Bookings::CreatedBy).string_len(64).not_null())
                    .col(ColumnDef::new(Bookings::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Bookings::UpdatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Bookings::Version).integer().not_null())
                    .primary_key(Index::create().col(Bookings::TenantId).col(Bookings::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_bookings_tenant_reception")
                    .table(Bookings::Table)
                    .col(Bookings::TenantId)
                    .col(Bookings::ReceptionNumber)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_bookings_tenant_start")
                    .table(Bookings::Table)
                    .col(Bookings::TenantId)
                    .col(Bookings::Start)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BookingApplicants::Table)
                    .col(ColumnDef::new(BookingApplicants::TenantId).uuid().not_null())
                    .col(ColumnDef::new(BookingApplicants::BookingId).uuid().not_null())
                    .col(ColumnDef::new(BookingApplicants::Position).small_integer().not_null())
                    .col(ColumnDef::new(BookingApplicants::ManagementNumber).string_len(9).null())
                    .col(ColumnDef::new(BookingApplicants::Name).string_len(100).null())
                    .col(ColumnDef::new(BookingApplicants::NameKana).string_len(100).null())
                    .col(ColumnDef::new(BookingApplicants::BirthDate).date().null())
                    .col(ColumnDef::new(BookingApplicants::Address).string_len(200).null())
                    .primary_key(
                        Index::create()
                            .col(BookingApplicants::TenantId)
                            .col(BookingApplicants::BookingId)
                            .col(BookingApplicants::Position),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from_tbl(BookingApplicants::Table)
                            .from_col(BookingApplicants::TenantId)
                            .from_col(BookingApplicants::BookingId)
                            .to_tbl(Bookings::Table)
                            .to_col(Bookings::TenantId)
                            .to_col(Bookings::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BookingIdentities::Table)
                    .col(ColumnDef::new(BookingIdentities::TenantId).uuid().not_null())
                    .col(ColumnDef::new(BookingIdentities::ProcedureId).uuid().not_null())
                    .col(ColumnDef::new(BookingIdentities::IdentityKey).string_len(300).not_null())
                    .col(ColumnDef::new(BookingIdentities::BookingId).uuid().not_null())
                    .primary_key(
                        Index::create()
                            .col(BookingIdentities::TenantId)
                            .col(BookingIdentities::ProcedureId)
                            .col(BookingIdentities::IdentityKey),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from_tbl(BookingIdentities::Table)
                            .from_col(BookingIdentities::TenantId)
                            .from_col(BookingIdentities::BookingId)
                            .to_tbl(Bookings::Table)
                            .to_col(Bookings::TenantId)
                            .to_col(Bookings::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(BookingIdentities::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(BookingApplicants::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Bookings::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(SlotUsage::Table).to_owned()).await
    }
}
