use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ledger_scan_batches")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub created_by: String,
    pub created_at: DateTimeUtc,
    pub committed_at: Option<DateTimeUtc>,
    pub touched_at: Option<DateTimeUtc>,
    pub discarded_at: Option<DateTimeUtc>,
    pub discarded_by: Option<String>,
    pub discard_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
