use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// When a municipality's data keys were destroyed (crypto-shredding): its sealed data
/// can no longer be read, and the service no longer serves it nor makes it a new key.
#[derive(DeriveIden)]
enum Tenants {
    Table,
    KeysDestroyedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Tenants::Table)
                    .add_column(ColumnDef::new(Tenants::KeysDestroyedAt).timestamp_with_time_zone().null())
                    .to_owned(),
            )
            .await
    }
}
