use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CapacityPools {
    Table,
    TenantId,
    Id,
}

/// Places a resident holds while filling in the form. They count in `slot_usage`;
/// an expired hold is given back by whoever next finds the slot full, so no timer
/// is needed.
#[derive(DeriveIden)]
enum SlotHolds {
    Table,
    TenantId,
    Id,
    PoolId,
    Start,
    Places,
    ExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SlotHolds::Table)
                    .col(ColumnDef::new(SlotHolds::TenantId).uuid().not_null())
                    .col(ColumnDef::new(SlotHolds::Id).uuid().not_null())
                    .col(ColumnDef::new(SlotHolds::PoolId).uuid().not_null())
                    .col(ColumnDef::new(SlotHolds::Start).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(SlotHolds::Places).integer().not_null())
                    .col(ColumnDef::new(SlotHolds::ExpiresAt).timestamp_with_time_zone().not_null())
                    .primary_key(Index::create().col(SlotHolds::TenantId).col(SlotHolds::Id))
                    .foreign_key(
                        ForeignKey::create()
                            .from_tbl(SlotHolds::Table)
                            .from_col(SlotHolds::TenantId)
                            .from_col(SlotHolds::PoolId)
                            .to_tbl(CapacityPools::Table)
                            .to_col(CapacityPools::TenantId)
                            .to_col(CapacityPools::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_slot_holds_slot")
                    .table(SlotHolds::Table)
                    .col(SlotHolds::TenantId)
                    .col(SlotHolds::PoolId)
                    .col(SlotHolds::Start)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SlotHolds::Table).to_owned()).await
    }
}
