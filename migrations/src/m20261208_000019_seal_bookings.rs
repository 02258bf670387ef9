use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Bookings' personal fields are kept sealed (crates/vault) from now on, found
/// through blind indexes and text tokens. Rows written before are sealed by the
/// service at start, in batches: `key_version` names the data key a row is sealed
/// under (0: not yet), so the same pass moves rows to a tenant's new key.
#[derive(DeriveIden)]
enum Bookings {
    Table,
    TenantId,
    Email,
    Phone,
    PhoneIndex,
    KeyVersion,
}

/// A new data key version is opened by every node before any seals with it.
#[derive(DeriveIden)]
enum TenantKeys {
    Table,
    ActiveFrom,
}

#[derive(DeriveIden)]
enum BookingApplicants {
    Table,
    TenantId,
    ManagementNumber,
    ManagementNumberIndex,
    Name,
    NameKana,
    BirthDateSealed,
    BirthDateIndex,
    Address,
}

/// Keyed tokens of the parts of sealed texts (names, readings), per row they index.
#[derive(DeriveIden)]
enum SearchTokens {
    Table,
    TenantId,
    OwnerId,
    Token,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            ColumnDef::new(Bookings::PhoneIndex).big_integer().null().to_owned(),
            ColumnDef::new(Bookings::KeyVersion).integer().not_null().default(0).to_owned(),
        ] {
            manager.alter_table(Table::alter().table(Bookings::Table).add_column(column).to_owned()).await?;
        }
        for column in [
            ColumnDef::new(BookingApplicants::ManagementNumberIndex).big_integer().null().to_owned(),
            ColumnDef::new(BookingApplicants::BirthDateSealed).text().null().to_owned(),
            ColumnDef::new(BookingApplicants::BirthDateIndex).big_integer().null().to_owned(),
        ] {
            manager.alter_table(Table::alter().table(BookingApplicants::Table).add_column(column).to_owned()).await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(TenantKeys::Table)
                    .add_column(ColumnDef::new(TenantKeys::ActiveFrom).timestamp_with_time_zone().null())
                    .to_owned(),
            )
            .await?;
        // A sealed value is longer than the plain one; SQLite does not enforce lengths.
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            for column in [Bookings::Email, Bookings::Phone] {
                manager
                    .alter_table(
                        Table::alter()
                            .table(Bookings::Table)
                            .modify_column(ColumnDef::new(column).text().null())
                            .to_owned(),
                    )
                    .await?;
            }
            for column in [
                BookingApplicants::ManagementNumber,
                BookingApplicants::Name,
                BookingApplicants::NameKana,
                BookingApplicants::Address,
            ] {
                manager
                    .alter_table(
                        Table::alter()
                            .table(BookingApplicants::Table)
                            .modify_column(ColumnDef::new(column).text().null())
                            .to_owned(),
                    )
                    .await?;
            }
        }
        manager
            .create_table(
                Table::create()
                    .table(SearchTokens::Table)
                    .col(ColumnDef::new(SearchTokens::TenantId).uuid().not_null())
                    .col(ColumnDef::new(SearchTokens::OwnerId).uuid().not_null())
                    .col(ColumnDef::new(SearchTokens::Token).big_integer().not_null())
                    .primary_key(
                        Index::create().col(SearchTokens::TenantId).col(SearchTokens::Token).col(SearchTokens::OwnerId),
                    )
                    .to_owned(),
            )
            .await?;
        for index in [
            Index::create()
                .name("ix_search_tokens_owner")
                .table(SearchTokens::Table)
                .col(SearchTokens::TenantId)
                .col(SearchTokens::OwnerId)
                .to_owned(),
            Index::create()
                .name("ix_bookings_phone_index")
                .table(Bookings::Table)
                .col(Bookings::TenantId)
                .col(Bookings::PhoneIndex)
                .to_owned(),
            Index::create()
                .name("ix_bookings_key_version")
                .table(Bookings::Table)
                .col(Bookings::TenantId)
                .col(Bookings::KeyVersion)
                .to_owned(),
            Index::create()
                .name("ix_booking_applicants_management_number_index")
                .table(BookingApplicants::Table)
                .col(BookingApplicants::TenantId)
                .col(BookingApplicants::ManagementNumberIndex)
                .to_owned(),
            Index::create()
                .name("ix_booking_applicants_birth_date_index")
                .table(BookingApplicants::Table)
                .col(BookingApplicants::TenantId)
                .col(BookingApplicants::BirthDateIndex)
                .to_owned(),
        ] {
            manager.create_index(index).await?;
        }
        Ok(())
    }
}
