//! argon2id password hashes. Hashing is CPU-bound, so it runs on the blocking pool.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use argon2::Argon2;

use crate::problem::ApiError;

fn hasher() -> Argon2<'static> {
    // argon2id, 19 MiB, 2 passes: OWASP's recommended minimum.
    Argon2::default()
}

fn hash_now(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(hasher().hash_password(password.as_bytes(), &salt)?.to_string())
}

/// # Errors
/// When the blocking pool is gone or hashing fails.
pub async fn hash(password: String) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || hash_now(&password)).await.map_err(ApiError::internal)?.map_err(|e| ApiError::internal(HashError(e.to_string())))
}

/// Whether `password` matches `stored`. An unreadable stored hash never matches.
///
/// # Errors
/// When the blocking pool is gone.
pub async fn verify(stored: String, password: String) -> Result<bool, ApiError> {
    tokio::task::spawn_blocking(move || PasswordHash::new(&stored).is_ok_and(|parsed| hasher().verify_password(password.as_bytes(), &parsed).is_ok()))
        .await
        .map_err(ApiError::internal)
}

/// A hash to verify against when the account does not exist, so that an unknown
/// login ID takes as long to refuse as a wrong password.
#[must_use]
pub fn dummy_hash() -> String {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_now("not a password of anyone").unwrap_or_default()).clone()
}

#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
struct HashError(String);
