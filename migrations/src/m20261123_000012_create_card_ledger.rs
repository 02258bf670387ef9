use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Tenants {
    Table,
    Id,
}

/// One card J-LIS delivered, with every field of the カード管理簿 (LED-05).
#[derive(DeriveIden)]
enum LedgerCards {
    Table,
    TenantId,
    Id,
    /// 製造管理番号: unique per tenant; a second scan or import of it is refused.
    ManagementNumber,
    ApplicationId,
    ShipmentNumber,
    Name,
    NameKana,
    BirthDate,
    /// `1` male, `2` female, `9` unknown.
    Sex,
    Address,
    PostalCode,
    /// `at_issuance` (交付時来庁) | `at_application` (申請時来庁)
    VisitMethod,
    /// `new` | `renewal` | `reissue`
    Kind,
    SigningCertificate,
    UserCertificate,
    CardExpiresOn,
    CertificateExpiresOn,
    /// The state machine's state (`received` … `disposed`).
    Status,
    InspectionResult,
    InspectedOn,
    SetUpOn,
    NoticeSentOn,
    NoticeReturnedOn,
    HandedOverOn,
    /// 交付督促発送日
    ReminderSentOn,
    CancelledOn,
    CancelReason,
    ReissueProcessedOn,
    /// 再交付可否 and 理由
    Reissuable,
    ReissueReason,
    AbolishedOn,
    AbolishReason,
    DisposedOn,
    DisposeReason,
    /// 備考
    Notes,
    /// 申し送り事項
    HandoverNotes,
    /// Where the card waits before issuance (a box or shelf).
    StorageLocation,
    /// The booking that holds it, while one does.
    BookingId,
    /// The QR payload or import line it came from, kept to read again.
    Source,
    RegisteredAt,
    UpdatedAt,
    Version,
}

/// What happened to a card, by whom, on which business date.
#[derive(DeriveIden)]
enum LedgerEvents {
    Table,
    TenantId,
    Id,
    CardId,
    At,
    Actor,
    /// The step (`inspect`, `send_notice`…), or `registered`, `edited`.
    Action,
    FromStatus,
    ToStatus,
    OnDate,
    Reason,
    Detail,
}

/// A stack of カード発行一覧 pages being scanned, registered in one go.
#[derive(DeriveIden)]
enum LedgerScanBatches {
    Table,
    TenantId,
    Id,
    CreatedBy,
    CreatedAt,
    CommittedAt,
}

/// One QR code read into a batch. Kept after the batch is registered, so that the
/// unique index refuses the same card scanned again in any batch, ever.
#[derive(DeriveIden)]
enum LedgerScans {
    Table,
    TenantId,
    Id,
    BatchId,
    ManagementNumber,
    Payload,
    ScannedAt,
}

/// Per-tenant ledger configuration: the QR layout.
#[derive(DeriveIden)]
enum LedgerSettings {
    Table,
    TenantId,
    QrLayout,
    Version,
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
        let date = |column: LedgerCards| ColumnDef::new(column).date().null().to_owned();
        let reason = |column: LedgerCards| ColumnDef::new(column).string_len(200).not_null().default("").to_owned();
        manager
            .create_table(
                Table::create()
                    .table(LedgerCards::Table)
                    .col(ColumnDef::new(LedgerCards::TenantId).uuid().not_null())
                    .col(ColumnDef::new(LedgerCards::Id).uuid().not_null())
                    .col(ColumnDef::new(LedgerCards::ManagementNumber).string_len(9).not_null())
                    .col(ColumnDef::new(LedgerCards::ApplicationId).string_len(23).null())
                    .col(ColumnDef::new(LedgerCards::ShipmentNumber).string_len(20).null())
                    .col(ColumnDef::new(LedgerCards::Name).string_len(100).null())
                    .col(ColumnDef::new(LedgerCards::NameKana).string_len(100).null())
                    .col(ColumnDef::new(LedgerCards::BirthDate).date().null())
                    .col(ColumnDef::new(LedgerCards::Sex).string_len(1).null())
                    .col(ColumnDef::new(LedgerCards::Address).string_len(200).null())
                    .col(ColumnDef::new(LedgerCards::PostalCode).string_len(8).null())
                    .col(ColumnDef::new(LedgerCards::VisitMethod).string_len(16).null())
                    .col(ColumnDef::new(LedgerCards::Kind).string_len(16).null())
                    .col(ColumnDef::new(LedgerCards::SigningCertificate).boolean().not_null().default(false))
                    .col(ColumnDef::new(LedgerCards::UserCertificate).boolean().not_null().default(false))
                    .col(date(LedgerCards::CardExpiresOn))
                    .col(date(LedgerCards::CertificateExpiresOn))
                    .col(ColumnDef::new(LedgerCards::Status).string_len(20).not_null())
                    .col(ColumnDef::new(LedgerCards::InspectionResult).string_len(16).null())
                    .col(date(LedgerCards::InspectedOn))
                    .col(date(LedgerCards::SetUpOn))
                    .col(date(LedgerCards::NoticeSentOn))
                    .col(date(LedgerCards::NoticeReturnedOn))
                    .col(date(LedgerCards::HandedOverOn))
                    .col(date(LedgerCards::ReminderSentOn))
                    .col(date(LedgerCards::CancelledOn))
                    .col(reason(LedgerCards::CancelReason))
                    .col(date(LedgerCards::ReissueProcessedOn))
                    .col(ColumnDef::new(LedgerCards::Reissuable).boolean().null())
                    .col(reason(LedgerCards::ReissueReason))
                    .col(date(LedgerCards::AbolishedOn))
                    .col(reason(LedgerCards::AbolishReason))
                    .col(date(LedgerCards::DisposedOn))
                    .col(reason(LedgerCards::DisposeReason))
                    .col(ColumnDef::new(LedgerCards::Notes).text().not_null().default(""))
                    .col(ColumnDef::new(LedgerCards::HandoverNotes).text().not_null().default(""))
                    .col(ColumnDef::new(LedgerCards::StorageLocation).string_len(100).not_null().default(""))
                    .col(ColumnDef::new(LedgerCards::BookingId).uuid().null())
                    .col(ColumnDef::new(LedgerCards::Source).text().not_null().default(""))
                    .col(ColumnDef::new(LedgerCards::RegisteredAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(LedgerCards::UpdatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(LedgerCards::Version).integer().not_null().default(1))
                    .primary_key(Index::create().col(LedgerCards::TenantId).col(LedgerCards::Id))
                    .foreign_key(&mut tenant_fk(LedgerCards::Table, LedgerCards::TenantId))
                    .to_owned(),
            )
            .await?;
        for (name, columns) in [
            ("ux_ledger_cards_number", vec![LedgerCards::TenantId, LedgerCards::ManagementNumber]),
            ("ix_ledger_cards_birth_date", vec![LedgerCards::TenantId, LedgerCards::BirthDate]),
            ("ix_ledger_cards_status", vec![LedgerCards::TenantId, LedgerCards::Status]),
            ("ix_ledger_cards_application", vec![LedgerCards::TenantId, LedgerCards::ApplicationId]),
            ("ix_ledger_cards_booking", vec![LedgerCards::TenantId, LedgerCards::BookingId]),
        ] {
            let mut index = Index::create().name(name).table(LedgerCards::Table).to_owned();
            for column in columns {
                index.col(column);
            }
            if name.starts_with("ux_") {
                index.unique();
            }
            manager.create_index(index).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(LedgerEvents::Table)
                    .col(ColumnDef::new(LedgerEvents::TenantId).uuid().not_null())
                    .col(ColumnDef::new(LedgerEvents::Id).uuid().not_null())
                    .col(ColumnDef::new(LedgerEvents::CardId).uuid().not_null())
                    .col(ColumnDef::new(LedgerEvents::At).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(LedgerEvents::Actor).string_len(64).not_null())
                    .col(ColumnDef::new(LedgerEvents::Action).string_len(32).not_null())
                    .col(ColumnDef::new(LedgerEvents::FromStatus).string_len(20).null())
                    .col(ColumnDef::new(LedgerEvents::ToStatus).string_len(20).null())
                    .col(ColumnDef::new(LedgerEvents::OnDate).date().null())
                    .col(ColumnDef::new(LedgerEvents::Reason).string_len(200).not_null().default(""))
                    .col(ColumnDef::new(LedgerEvents::Detail).text().not_null().default("{}"))
                    .primary_key(Index::create().col(LedgerEvents::TenantId).col(LedgerEvents::Id))
                    .foreign_key(
                        ForeignKey::create()
                            .from_tbl(LedgerEvents::Table)
                            .from_col(LedgerEvents::TenantId)
                            .from_col(LedgerEvents::CardId)
                            .to_tbl(LedgerCards::Table)
                            .to_col(LedgerCards::TenantId)
                            .to_col(LedgerCards::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_ledger_events_card")
                    .table(LedgerEvents::Table)
                    .col(LedgerEvents::TenantId)
                    .col(LedgerEvents::CardId)
                    .col(LedgerEvents::At)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LedgerScanBatches::Table)
                    .col(ColumnDef::new(LedgerScanBatches::TenantId).uuid().not_null())
                    .col(ColumnDef::new(LedgerScanBatches::Id).uuid().not_null())
                    .col(ColumnDef::new(LedgerScanBatches::CreatedBy).string_len(64).not_null())
                    .col(ColumnDef::new(LedgerScanBatches::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(LedgerScanBatches::CommittedAt).timestamp_with_time_zone().null())
                    .primary_key(Index::create().col(LedgerScanBatches::TenantId).col(LedgerScanBatches::Id))
                    .foreign_key(&mut tenant_fk(LedgerScanBatches::Table, LedgerScanBatches::TenantId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LedgerScans::Table)
                    .col(ColumnDef::new(LedgerScans::TenantId).uuid().not_null())
                    .col(ColumnDef::new(LedgerScans::Id).uuid().not_null())
                    .col(ColumnDef::new(LedgerScans::BatchId).uuid().not_null())
                    .col(ColumnDef::new(LedgerScans::ManagementNumber).string_len(9).not_null())
                    .col(ColumnDef::new(LedgerScans::Payload).text().not_null())
                    .col(ColumnDef::new(LedgerScans::ScannedAt).timestamp_with_time_zone().not_null())
                    .primary_key(Index::create().col(LedgerScans::TenantId).col(LedgerScans::Id))
                    .foreign_key(
                        ForeignKey::create()
                            .from_tbl(LedgerScans::Table)
                            .from_col(LedgerScans::TenantId)
                            .from_col(LedgerScans::BatchId)
                            .to_tbl(LedgerScanBatches::Table)
                            .to_col(LedgerScanBatches::TenantId)
                            .to_col(LedgerScanBatches::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_ledger_scans_number")
                    .table(LedgerScans::Table)
                    .col(LedgerScans::TenantId)
                    .col(LedgerScans::ManagementNumber)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_ledger_scans_batch")
                    .table(LedgerScans::Table)
                    .col(LedgerScans::TenantId)
                    .col(LedgerScans::BatchId)
                    .col(LedgerScans::ScannedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LedgerSettings::Table)
                    .col(ColumnDef::new(LedgerSettings::TenantId).uuid().not_null().primary_key())
                    .col(ColumnDef::new(LedgerSettings::QrLayout).string_len(500).not_null())
                    .col(ColumnDef::new(LedgerSettings::Version).integer().not_null().default(1))
                    .foreign_key(&mut tenant_fk(LedgerSettings::Table, LedgerSettings::TenantId))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            LedgerSettings::Table.into_iden(),
            LedgerScans::Table.into_iden(),
            LedgerScanBatches::Table.into_iden(),
            LedgerEvents::Table.into_iden(),
            LedgerCards::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
