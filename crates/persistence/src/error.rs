use sea_orm::{DbErr, SqlErr};

#[derive(Debug, thiserror::Error)]
pub enum PersistenceError {
    #[error("not found")]
    NotFound,
    /// A unique index or a conditional update refused the change; the code says which.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// A stored value no longer parses as its domain type.
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    #[error("database error")]
    Database(#[source] DbErr),
}

impl PersistenceError {
    /// Maps a unique-index violation to `code`, anything else to a database error.
    pub(crate) fn unique_or(error: DbErr, code: &'static str) -> Self {
        match error.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => Self::Conflict(code),
            _ => Self::Database(error),
        }
    }
}

impl From<DbErr> for PersistenceError {
    fn from(error: DbErr) -> Self {
        Self::Database(error)
    }
}
