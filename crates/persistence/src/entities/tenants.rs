use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tenants")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub slug: String,
    pub code: String,
    pub name: String,
    pub created_at: DateTimeUtc,
    /// Its data keys destroyed: no longer served.
    pub keys_destroyed_at: Option<DateTimeUtc>,
    /// Switched off by an operator: closed to residents and staff, its data kept.
    pub disabled_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
