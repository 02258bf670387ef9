use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "booking_applicants")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub booking_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub position: i16,
    /// Sealed (`bookings::places`), as are the other personal fields.
    pub management_number: Option<String>,
    pub name: Option<String>,
    pub name_kana: Option<String>,
    /// Only in rows written before sealing began; the start-up pass empties it.
    pub birth_date: Option<Date>,
    pub address: Option<String>,
    pub management_number_index: Option<i64>,
    pub birth_date_sealed: Option<String>,
    pub birth_date_index: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
