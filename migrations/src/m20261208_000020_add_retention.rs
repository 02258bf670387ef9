use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// How long a tenant keeps who a booking was for after the visit or the cancellation,
/// when that was removed, and the leases that let one node at a time run a job.
#[derive(DeriveIden)]
enum BookingRules {
    Table,
    RetentionDays,
}

#[derive(DeriveIden)]
enum Bookings {
    Table,
    PersonalDataRemovedAt,
}

#[derive(DeriveIden)]
enum JobLeases {
    Table,
    Name,
    Holder,
    LeasedUntil,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(BookingRules::Table)
                    .add_column(ColumnDef::new(BookingRules::RetentionDays).integer().not_null().default(90))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Bookings::Table)
                    .add_column(ColumnDef::new(Bookings::PersonalDataRemovedAt).timestamp_with_time_zone().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(JobLeases::Table)
                    .col(ColumnDef::new(JobLeases::Name).string_len(64).not_null().primary_key())
                    .col(ColumnDef::new(JobLeases::Holder).string_len(64).not_null())
                    .col(ColumnDef::new(JobLeases::LeasedUntil).timestamp_with_time_zone().not_null())
                    .to_owned(),
            )
            .await
    }
}
