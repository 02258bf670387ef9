use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tenant_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    pub service_name: String,
    pub site_public: bool,
    pub closed_message: String,
    pub session_timeout_minutes: i32,
    pub idle_timeout_minutes: i32,
    pub lockout_threshold: i32,
    pub lockout_minutes: i32,
    pub password_min_length: i32,
    pub password_min_classes: i32,
    pub updated_at: DateTimeUtc,
    pub version: i32,
    pub contact_phone: String,
    pub contact_hours: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
