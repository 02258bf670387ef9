use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Audit entries written before their details were sealed may name whom an action
/// concerned (a search's terms). A start finds them through this partial index and
/// seals them; once none is left it is empty, and stays so, since every entry is
/// written sealed — the check at each start costs nothing on a log of millions.
const CREATE: &str = "CREATE INDEX ix_audit_log_unsealed ON audit_log (tenant_id, id) WHERE detail NOT LIKE 'mdg1:%'";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared(CREATE).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared("DROP INDEX ix_audit_log_unsealed").await?;
        Ok(())
    }
}
