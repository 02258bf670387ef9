use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Places one client holds at once of one pool's day, counted in a row that a
/// conditional update raises, so that parallel holds cannot pass the tenant's share.
#[derive(DeriveIden)]
enum HoldAllowances {
    Table,
    TenantId,
    PoolId,
    Day,
    Holder,
    Held,
}

/// Whose allowance a hold counts against (a keyed hash of the client's address).
#[derive(DeriveIden)]
enum SlotHolds {
    Table,
    Holder,
    Day,
}

#[derive(DeriveIden)]
enum BookingRules {
    Table,
    HoldSharePercent,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(HoldAllowances::Table)
                    .col(ColumnDef::new(HoldAllowances::TenantId).uuid().not_null())
                    .col(ColumnDef::new(HoldAllowances::PoolId).uuid().not_null())
                    .col(ColumnDef::new(HoldAllowances::Day).date().not_null())
                    .col(ColumnDef::new(HoldAllowances::Holder).string_len(64).not_null())
                    .col(ColumnDef::new(HoldAllowances::Held).integer().not_null())
                    .primary_key(
                        Index::create()
                            .col(HoldAllowances::TenantId)
                            .col(HoldAllowances::PoolId)
                            .col(HoldAllowances::Day)
                            .col(HoldAllowances::Holder),
                    )
                    .to_owned(),
            )
            .await?;
        for column in [
            ColumnDef::new(SlotHolds::Holder).string_len(64).null().to_owned(),
            ColumnDef::new(SlotHolds::Day).date().null().to_owned(),
        ] {
            manager.alter_table(Table::alter().table(SlotHolds::Table).add_column(column).to_owned()).await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(BookingRules::Table)
                    .add_column(ColumnDef::new(BookingRules::HoldSharePercent).integer().not_null().default(10))
                    .to_owned(),
            )
            .await
    }
}
