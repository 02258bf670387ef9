use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A municipality an operator has switched off (`madoguchi tenant disable`): its
/// residents see the closed page and its staff cannot sign in, its data kept as it is.
#[derive(DeriveIden)]
enum Tenants {
    Table,
    DisabledAt,
}

/// A password someone else chose (the first administrator's one-time password), which
/// its user must replace before doing anything else.
#[derive(DeriveIden)]
enum StaffUsers {
    Table,
    MustChangePassword,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Tenants::Table)
                    .add_column(ColumnDef::new(Tenants::DisabledAt).timestamp_with_time_zone().null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(StaffUsers::Table)
                    .add_column(ColumnDef::new(StaffUsers::MustChangePassword).boolean().not_null().default(false))
                    .to_owned(),
            )
            .await
    }
}
