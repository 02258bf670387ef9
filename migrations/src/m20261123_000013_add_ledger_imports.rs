use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Tenants {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum LedgerCards {
    Table,
    /// The last e-certificate renewal list's verdict on the card: `matched`, `conflict`
    /// or `not_on_list`; absent until a list is reconciled.
    RenewalCheck,
    RenewalCheckedOn,
    /// The person of an imported address list the card belongs to.
    PersonId,
}

#[derive(DeriveIden)]
enum LedgerEvents {
    Table,
}

/// PostgreSQL's name for the history's reference to its card.
const EVENTS_CARD_FK: &str = "ledger_events_tenant_id_card_id_fkey";

#[derive(DeriveIden)]
enum LedgerSettings {
    Table,
    /// Per-import column mappings that override the documented defaults (JSON).
    ColumnMappings,
}

/// A person of an imported address list (LED-12, LED-16): who a card is for, where the
/// notice goes, looked up without a 住基 link.
#[derive(DeriveIden)]
enum LedgerPeople {
    Table,
    TenantId,
    Id,
    /// The municipality's own key for the person (宛名番号); one row per key.
    PersonKey,
    Name,
    NameKana,
    BirthDate,
    Sex,
    PostalCode,
    Address,
    ManagementNumber,
    ImportedAt,
}

/// The Japan Post postal-code dictionary (KEN_ALL), per tenant like everything else.
#[derive(DeriveIden)]
enum PostalCodes {
    Table,
    TenantId,
    Seq,
    Code,
    Prefecture,
    City,
    /// The town without its note; empty for 「以下に掲載がない場合」 (the rest of the city).
    Town,
}

/// Where cards wait before issuance: boxes, shelves.
#[derive(DeriveIden)]
enum LedgerStorageLocations {
    Table,
    TenantId,
    Id,
    Name,
    Description,
    CreatedAt,
}

fn tenant_fk(table: impl IntoIden, column: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from_tbl(table)
        .from_col(column)
        .to_tbl(Tenants::Table)
        .to_col(Tenants::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // PostgreSQL checks a foreign key with a plan it caches per connection; made while
        // the ledger is small, it scans the table, and a 100,000-card import inserting a
        // history line per card went quadratic (minutes). History lines are written and
        // deleted with their card by the repository, in the card's own transaction.
        if manager.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::Postgres {
            manager
                .drop_foreign_key(ForeignKey::drop().name(EVENTS_CARD_FK).table(LedgerEvents::Table).to_owned())
                .await?;
        }
        // SQLite alters one column per statement.
        for column in [
            ColumnDef::new(LedgerCards::RenewalCheck).string_len(16).null().to_owned(),
            ColumnDef::new(LedgerCards::RenewalCheckedOn).date().null().to_owned(),
            ColumnDef::new(LedgerCards::PersonId).uuid().null().to_owned(),
        ] {
            manager.alter_table(Table::alter().table(LedgerCards::Table).add_column(column).to_owned()).await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(LedgerSettings::Table)
                    .add_column(ColumnDef::new(LedgerSettings::ColumnMappings).text().not_null().default("{}"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LedgerPeople::Table)
                    .col(ColumnDef::new(LedgerPeople::TenantId).uuid().not_null())
                    .col(ColumnDef::new(LedgerPeople::Id).uuid().not_null())
                    .col(ColumnDef::new(LedgerPeople::PersonKey).string_len(20).not_null())
                    .col(ColumnDef::new(LedgerPeople::Name).string_len(100).not_null())
                    .col(ColumnDef::new(LedgerPeople::NameKana).string_len(100).null())
                    .col(ColumnDef::new(LedgerPeople::BirthDate).date().null())
                    .col(ColumnDef::new(LedgerPeople::Sex).string_len(1).null())
                    .col(ColumnDef::new(LedgerPeople::PostalCode).string_len(8).null())
                    .col(ColumnDef::new(LedgerPeople::Address).string_len(200).null())
                    .col(ColumnDef::new(LedgerPeople::ManagementNumber).string_len(9).null())
                    .col(ColumnDef::new(LedgerPeople::ImportedAt).timestamp_with_time_zone().not_null())
                    .primary_key(Index::create().col(LedgerPeople::TenantId).col(LedgerPeople::Id))
                    .foreign_key(&mut tenant_fk(LedgerPeople::Table, LedgerPeople::TenantId))
                    .to_owned(),
            )
            .await?;
        for (name, columns, unique) in [
            ("ux_ledger_people_key", vec![LedgerPeople::TenantId, LedgerPeople::PersonKey], true),
            ("ix_ledger_people_birth_date", vec![LedgerPeople::TenantId, LedgerPeople::BirthDate], false),
            ("ix_ledger_people_number", vec![LedgerPeople::TenantId, LedgerPeople::ManagementNumber], false),
        ] {
            let mut index = Index::create().name(name).table(LedgerPeople::Table).to_owned();
            for column in columns {
                index.col(column);
            }
            if unique {
                index.unique();
            }
            manager.create_index(index).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(PostalCodes::Table)
                    .col(ColumnDef::new(PostalCodes::TenantId).uuid().not_null())
                    .col(ColumnDef::new(PostalCodes::Seq).integer().not_null())
                    .col(ColumnDef::new(PostalCodes::Code).string_len(7).not_null())
                    .col(ColumnDef::new(PostalCodes::Prefecture).string_len(10).not_null())
                    .col(ColumnDef::new(PostalCodes::City).string_len(50).not_null())
                    .col(ColumnDef::new(PostalCodes::Town).string_len(500).not_null())
                    .primary_key(Index::create().col(PostalCodes::TenantId).col(PostalCodes::Seq))
                    .foreign_key(&mut tenant_fk(PostalCodes::Table, PostalCodes::TenantId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_postal_codes_city")
                    .table(PostalCodes::Table)
                    .col(PostalCodes::TenantId)
                    .col(PostalCodes::Prefecture)
                    .col(PostalCodes::City)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_postal_codes_code")
                    .table(PostalCodes::Table)
                    .col(PostalCodes::TenantId)
                    .col(PostalCodes::Code)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LedgerStorageLocations::Table)
                    .col(ColumnDef::new(LedgerStorageLocations::TenantId).uuid().not_null())
                    .col(ColumnDef::new(LedgerStorageLocations::Id).uuid().not_null())
                    .col(ColumnDef::new(LedgerStorageLocations::Name).string_len(50).not_null())
                    .col(ColumnDef::new(LedgerStorageLocations::Description).string_len(200).not_null().default(""))
                    .col(ColumnDef::new(LedgerStorageLocations::CreatedAt).timestamp_with_time_zone().not_null())
                    .primary_key(Index::create().col(LedgerStorageLocations::TenantId).col(LedgerStorageLocations::Id))
                    .foreign_key(&mut tenant_fk(LedgerStorageLocations::Table, LedgerStorageLocations::TenantId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_ledger_storage_name")
                    .table(LedgerStorageLocations::Table)
                    .col(LedgerStorageLocations::TenantId)
                    .col(LedgerStorageLocations::Name)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_ledger_cards_storage")
                    .table(LedgerCards::Table)
                    .col(Alias::new("tenant_id"))
                    .col(Alias::new("storage_location"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in
            [LedgerStorageLocations::Table.into_iden(), PostalCodes::Table.into_iden(), LedgerPeople::Table.into_iden()]
        {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        manager.drop_index(Index::drop().name("ix_ledger_cards_storage").table(LedgerCards::Table).to_owned()).await?;
        for column in [LedgerCards::RenewalCheck, LedgerCards::RenewalCheckedOn, LedgerCards::PersonId] {
            manager.alter_table(Table::alter().table(LedgerCards::Table).drop_column(column).to_owned()).await?;
        }
        manager
            .alter_table(
                Table::alter().table(LedgerSettings::Table).drop_column(LedgerSettings::ColumnMappings).to_owned(),
            )
            .await?;
        if manager.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::Postgres {
            manager
                .create_foreign_key(
                    ForeignKey::create()
                        .name(EVENTS_CARD_FK)
                        .from_tbl(LedgerEvents::Table)
                        .from_col(Alias::new("tenant_id"))
                        .from_col(Alias::new("card_id"))
                        .to_tbl(LedgerCards::Table)
                        .to_col(Alias::new("tenant_id"))
                        .to_col(Alias::new("id"))
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
