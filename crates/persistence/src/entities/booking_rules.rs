use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "booking_rules")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    pub first_date: Option<Date>,
    pub last_date: Option<Date>,
    pub opens_days_before: i32,
    pub opens_at: Time,
    pub closes_days_before: i32,
    pub closes_at: Time,
    pub change_days_before: i32,
    pub change_at: Time,
    pub hold_minutes: i32,
    pub hold_share_percent: i32,
    pub pii_free: bool,
    pub ledger_check: bool,
    pub reminder_days_before: Option<i32>,
    pub retention_days: i32,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
