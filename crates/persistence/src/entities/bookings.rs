use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bookings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub reception_number: i64,
    pub password_hash: String,
    pub location_id: Uuid,
    pub procedure_id: Uuid,
    pub pool_id: Uuid,
    pub start: DateTimeUtc,
    pub end: DateTimeUtc,
    pub places: i32,
    pub status: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: String,
    pub created_by: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
    pub without_letter: bool,
    pub beyond_capacity: bool,
    pub checked_in_at: Option<DateTimeUtc>,
    pub reminded_at: Option<DateTimeUtc>,
    pub phone_index: Option<i64>,
    /// The data key version its personal fields are sealed under; 0 for rows stored
    /// before sealing began that the start-up pass has not reached yet.
    pub key_version: i32,
    /// When who it was for was removed (retention); the rest stays for statistics.
    pub personal_data_removed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
