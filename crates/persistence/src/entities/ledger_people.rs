use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ledger_people")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub person_key: String,
    pub name: String,
    pub name_kana: Option<String>,
    pub birth_date: Option<Date>,
    pub birth_date_sealed: Option<String>,
    pub birth_date_index: Option<i64>,
    pub sex: Option<String>,
    pub postal_code: Option<String>,
    pub address: Option<String>,
    pub management_number: Option<String>,
    pub management_number_index: Option<i64>,
    pub imported_at: DateTimeUtc,
    pub key_version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
