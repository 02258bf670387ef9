use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The card ledger's personal fields are kept sealed (crates/vault) from now on, like
/// the bookings' (000019): cards, the address list's people and scanned management
/// numbers are found through blind indexes, text tokens and unique keys. Rows written
/// before are sealed by the service at start (`key_version` 0: not yet).
#[derive(DeriveIden, Clone, Copy)]
enum LedgerCards {
    Table,
    TenantId,
    ManagementNumber,
    ApplicationId,
    ApplicationIdIndex,
    Name,
    NameKana,
    BirthDateSealed,
    BirthDateIndex,
    Address,
    PostalCode,
    KeyVersion,
}

#[derive(DeriveIden, Clone, Copy)]
enum LedgerPeople {
    Table,
    TenantId,
    PersonKey,
    Name,
    NameKana,
    BirthDateSealed,
    BirthDateIndex,
    PostalCode,
    Address,
    ManagementNumber,
    ManagementNumberIndex,
    KeyVersion,
}

#[derive(DeriveIden, Clone, Copy)]
enum LedgerScans {
    Table,
    ManagementNumber,
    KeyVersion,
}

/// What must be unique among sealed values (a card's management number, a scan's, a
/// person's 宛名番号): a 128-bit keyed hash per key held, per owner row.
#[derive(DeriveIden, Clone, Copy)]
enum UniqueKeys {
    Table,
    TenantId,
    Kind,
    Key,
    OwnerId,
}

async fn add(manager: &SchemaManager<'_>, table: impl IntoIden + Copy, columns: Vec<ColumnDef>) -> Result<(), DbErr> {
    for mut column in columns {
        manager.alter_table(Table::alter().table(table).add_column(&mut column).to_owned()).await?;
    }
    Ok(())
}

/// A sealed value is longer than the plain one; SQLite does not enforce lengths.
async fn widen(manager: &SchemaManager<'_>, table: impl IntoIden + Copy, columns: Vec<DynIden>) -> Result<(), DbErr> {
    if manager.get_database_backend() != DatabaseBackend::Postgres {
        return Ok(());
    }
    for column in columns {
        manager
            .alter_table(Table::alter().table(table).modify_column(ColumnDef::new(column).text().to_owned()).to_owned())
            .await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let version = |c: DynIden| ColumnDef::new(c).integer().not_null().default(0).to_owned();
        let index = |c: DynIden| ColumnDef::new(c).big_integer().null().to_owned();
        let text = |c: DynIden| ColumnDef::new(c).text().null().to_owned();
        add(
            manager,
            LedgerCards::Table,
            vec![
                index(LedgerCards::ApplicationIdIndex.into_iden()),
                text(LedgerCards::BirthDateSealed.into_iden()),
                index(LedgerCards::BirthDateIndex.into_iden()),
                version(LedgerCards::KeyVersion.into_iden()),
            ],
        )
        .await?;
        add(
            manager,
            LedgerPeople::Table,
            vec![
                text(LedgerPeople::BirthDateSealed.into_iden()),
                index(LedgerPeople::BirthDateIndex.into_iden()),
                index(LedgerPeople::ManagementNumberIndex.into_iden()),
                version(LedgerPeople::KeyVersion.into_iden()),
            ],
        )
        .await?;
        add(manager, LedgerScans::Table, vec![version(LedgerScans::KeyVersion.into_iden())]).await?;
        // Sealed values are unique by nature; uniqueness moves to `unique_keys`.
        for (name, table) in [
            ("ux_ledger_cards_number", LedgerCards::Table.into_iden()),
            ("ix_ledger_cards_birth_date", LedgerCards::Table.into_iden()),
            ("ix_ledger_cards_application", LedgerCards::Table.into_iden()),
            ("ux_ledger_scans_number", LedgerScans::Table.into_iden()),
            ("ux_ledger_people_key", LedgerPeople::Table.into_iden()),
            ("ix_ledger_people_birth_date", LedgerPeople::Table.into_iden()),
            ("ix_ledger_people_number", LedgerPeople::Table.into_iden()),
        ] {
            manager.drop_index(Index::drop().name(name).table(table).to_owned()).await?;
        }
        // PostgreSQL: a NOT NULL plain column stays NOT NULL; only the length goes.
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            for (table, column) in [
                (LedgerCards::Table.into_iden(), LedgerCards::ManagementNumber.into_iden()),
                (LedgerPeople::Table.into_iden(), LedgerPeople::PersonKey.into_iden()),
                (LedgerPeople::Table.into_iden(), LedgerPeople::Name.into_iden()),
                (LedgerScans::Table.into_iden(), LedgerScans::ManagementNumber.into_iden()),
            ] {
                manager
                    .alter_table(
                        Table::alter()
                            .table(table)
                            .modify_column(ColumnDef::new(column).text().not_null().to_owned())
                            .to_owned(),
                    )
                    .await?;
            }
        }
        widen(
            manager,
            LedgerCards::Table,
            vec![
                LedgerCards::ApplicationId.into_iden(),
                LedgerCards::Name.into_iden(),
                LedgerCards::NameKana.into_iden(),
                LedgerCards::Address.into_iden(),
                LedgerCards::PostalCode.into_iden(),
            ],
        )
        .await?;
        widen(
            manager,
            LedgerPeople::Table,
            vec![
                LedgerPeople::NameKana.into_iden(),
                LedgerPeople::PostalCode.into_iden(),
                LedgerPeople::Address.into_iden(),
                LedgerPeople::ManagementNumber.into_iden(),
            ],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(UniqueKeys::Table)
                    .col(ColumnDef::new(UniqueKeys::TenantId).uuid().not_null())
                    .col(ColumnDef::new(UniqueKeys::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(UniqueKeys::Key).string_len(64).not_null())
                    .col(ColumnDef::new(UniqueKeys::OwnerId).uuid().not_null())
                    .primary_key(Index::create().col(UniqueKeys::TenantId).col(UniqueKeys::Kind).col(UniqueKeys::Key))
                    .to_owned(),
            )
            .await?;
        for index in [
            Index::create()
                .name("ix_unique_keys_owner")
                .table(UniqueKeys::Table)
                .col(UniqueKeys::TenantId)
                .col(UniqueKeys::OwnerId)
                .to_owned(),
            Index::create()
                .name("ix_ledger_cards_birth_date_index")
                .table(LedgerCards::Table)
                .col(LedgerCards::TenantId)
                .col(LedgerCards::BirthDateIndex)
                .to_owned(),
            Index::create()
                .name("ix_ledger_cards_application_id_index")
                .table(LedgerCards::Table)
                .col(LedgerCards::TenantId)
                .col(LedgerCards::ApplicationIdIndex)
                .to_owned(),
            Index::create()
                .name("ix_ledger_cards_key_version")
                .table(LedgerCards::Table)
                .col(LedgerCards::TenantId)
                .col(LedgerCards::KeyVersion)
                .to_owned(),
            Index::create()
                .name("ix_ledger_people_birth_date_index")
                .table(LedgerPeople::Table)
                .col(LedgerPeople::TenantId)
                .col(LedgerPeople::BirthDateIndex)
                .to_owned(),
            Index::create()
                .name("ix_ledger_people_management_number_index")
                .table(LedgerPeople::Table)
                .col(LedgerPeople::TenantId)
                .col(LedgerPeople::ManagementNumberIndex)
                .to_owned(),
            Index::create()
                .name("ix_ledger_people_key_version")
                .table(LedgerPeople::Table)
                .col(LedgerPeople::TenantId)
                .col(LedgerPeople::KeyVersion)
                .to_owned(),
        ] {
            manager.create_index(index).await?;
        }
        Ok(())
    }
}
