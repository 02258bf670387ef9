use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// What a resident brings for a procedure (本人確認書類, 交付通知書…), written by the
/// municipality: on the completion page and in the mails.
#[derive(DeriveIden)]
enum Procedures {
    Table,
    WhatToBring,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Procedures::Table)
                    .add_column(ColumnDef::new(Procedures::WhatToBring).text().not_null().default(""))
                    .to_owned(),
            )
            .await
    }
}
