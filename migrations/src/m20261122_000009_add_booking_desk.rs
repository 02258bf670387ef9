use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Bookings {
    Table,
    TenantId,
    Id,
    /// Booked by the call center for a resident who has no 交付通知書 (no management number).
    WithoutLetter,
    /// Booked by an administrator beyond the slot's places.
    BeyondCapacity,
    CheckedInAt,
    /// When the reminder mail was put in the outbox; set once, by a conditional update.
    RemindedAt,
}

/// What happened to a booking, by whom: its history as the counter shows it.
#[derive(DeriveIden)]
enum BookingEvents {
    Table,
    TenantId,
    Id,
    BookingId,
    At,
    /// `resident` or the staff user's login ID.
    Actor,
    /// `created` | `changed` | `cancelled` | `checked_in` | `no_show` | `notes`
    Action,
    /// JSON: what changed (old and new start, reason…).
    Detail,
}

#[derive(DeriveIden)]
enum BookingRules {
    Table,
    /// An issuance booking needs a ledger entry ready for hand-over (RES-11).
    LedgerCheck,
    /// Mail a reminder this many days before the visit; null sends none.
    ReminderDaysBefore,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        for column in [
            ColumnDef::new(Bookings::WithoutLetter).boolean().not_null().default(false).to_owned(),
            ColumnDef::new(Bookings::BeyondCapacity).boolean().not_null().default(false).to_owned(),
            ColumnDef::new(Bookings::CheckedInAt).timestamp_with_time_zone().null().to_owned(),
            ColumnDef::new(Bookings::RemindedAt).timestamp_with_time_zone().null().to_owned(),
        ] {
            manager.alter_table(Table::alter().table(Bookings::Table).add_column(column).to_owned()).await?;
        }
        for column in [
            ColumnDef::new(BookingRules::LedgerCheck).boolean().not_null().default(false).to_owned(),
            ColumnDef::new(BookingRules::ReminderDaysBefore).integer().null().to_owned(),
        ] {
            manager.alter_table(Table::alter().table(BookingRules::Table).add_column(column).to_owned()).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(BookingEvents::Table)
                    .col(ColumnDef::new(BookingEvents::TenantId).uuid().not_null())
                    .col(ColumnDef::new(BookingEvents::Id).uuid().not_null())
                    .col(ColumnDef::new(BookingEvents::BookingId).uuid().not_null())
                    .col(ColumnDef::new(BookingEvents::At).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(BookingEvents::Actor).string_len(64).not_null())
                    .col(ColumnDef::new(BookingEvents::Action).string_len(32).not_null())
                    .col(ColumnDef::new(BookingEvents::Detail).text().not_null())
                    .primary_key(Index::create().col(BookingEvents::TenantId).col(BookingEvents::Id))
                    .foreign_key(
                        ForeignKey::create()
                            .from_tbl(BookingEvents::Table)
                            .from_col(BookingEvents::TenantId)
                            .from_col(BookingEvents::BookingId)
                            .to_tbl(Bookings::Table)
                            .to_col(Bookings::TenantId)
                            .to_col(Bookings::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_booking_events_booking")
                    .table(BookingEvents::Table)
                    .col(BookingEvents::TenantId)
                    .col(BookingEvents::BookingId)
                    .col(BookingEvents::At)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(BookingEvents::Table).to_owned()).await?;
        for column in [BookingRules::ReminderDaysBefore, BookingRules::LedgerCheck] {
            manager.alter_table(Table::alter().table(BookingRules::Table).drop_column(column).to_owned()).await?;
        }
        for column in [Bookings::RemindedAt, Bookings::CheckedInAt, Bookings::BeyondCapacity, Bookings::WithoutLetter] {
            manager.alter_table(Table::alter().table(Bookings::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
