use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ledger_cards")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub management_number: String,
    pub application_id: Option<String>,
    pub application_id_index: Option<i64>,
    pub shipment_number: Option<String>,
    pub name: Option<String>,
    pub name_kana: Option<String>,
    pub birth_date: Option<Date>,
    pub birth_date_sealed: Option<String>,
    pub birth_date_index: Option<i64>,
    pub sex: Option<String>,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub visit_method: Option<String>,
    pub kind: Option<String>,
    pub signing_certificate: bool,
    pub user_certificate: bool,
    pub card_expires_on: Option<Date>,
    pub certificate_expires_on: Option<Date>,
    pub status: String,
    pub inspection_result: Option<String>,
    pub inspected_on: Option<Date>,
    pub set_up_on: Option<Date>,
    pub notice_sent_on: Option<Date>,
    pub notice_returned_on: Option<Date>,
    pub handed_over_on: Option<Date>,
    pub reminder_sent_on: Option<Date>,
    pub cancelled_on: Option<Date>,
    pub cancel_reason: String,
    pub reissue_processed_on: Option<Date>,
    pub reissuable: Option<bool>,
    pub reissue_reason: String,
    pub abolished_on: Option<Date>,
    pub abolish_reason: String,
    pub disposed_on: Option<Date>,
    pub dispose_reason: String,
    pub notes: String,
    pub handover_notes: String,
    pub storage_location: String,
    pub booking_id: Option<Uuid>,
    pub source: String,
    pub registered_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
    pub renewal_check: Option<String>,
    pub renewal_checked_on: Option<Date>,
    pub person_id: Option<Uuid>,
    pub key_version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
