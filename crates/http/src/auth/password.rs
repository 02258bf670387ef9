//! argon2id password hashes. Hashing is CPU-bound, so it runs on the blocking pool.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};

use crate::problem::ApiError;

fn hasher() -> Argon2<'static> {
    // argon2id, 19 MiB, 2 passes: OWASP's recommended minimum.
    Argon2::default()
}

fn hash_now(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(hasher().hash_password(password.as_bytes(), &salt)?.to_string())
}

/// Booking passwords are random (10 characters of 26, about 1.4 × 10¹⁴ choices) and
/// guarded by look-up limits, so they take a lighter argon2id (4 MiB, one pass): a
/// booking rush must not queue behind password hashing, and an offline attack on a
/// stolen hash still costs years.
fn booking_hasher() -> Argon2<'static> {
    let params = argon2::Params::new(4096, 1, 1, None).unwrap_or_default();
    Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
}

/// Hashes a booking's generated password (see [`booking_hasher`]). [`verify`] reads
/// the parameters from the hash, so both kinds verify alike.
///
/// # Errors
/// When the blocking pool is gone or hashing fails.
pub async fn hash_booking(password: String) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        booking_hasher().hash_password(password.as_bytes(), &salt).map(|h| h.to_string())
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(|e| ApiError::internal(HashError(e.to_string())))
}

/// # Errors
/// When the blocking pool is gone or hashing fails.
pub async fn hash(password: String) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || hash_now(&password))
        .await
        .map_err(ApiError::internal)?
        .map_err(|e| ApiError::internal(HashError(e.to_string())))
}

/// Whether `password` matches `stored`. An unreadable stored hash never matches.
///
/// # Errors
/// When the blocking pool is gone.
pub async fn verify(stored: String, password: String) -> Result<bool, ApiError> {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored).is_ok_and(|parsed| hasher().verify_password(password.as_bytes(), &parsed).is_ok())
    })
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

/// As [`dummy_hash`], for booking look-ups: an unknown reception number costs what a
/// wrong booking password costs.
#[must_use]
pub fn dummy_booking_hash() -> String {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY
        .get_or_init(|| {
            let salt = SaltString::generate(&mut OsRng);
            booking_hasher().hash_password(b"not a booking password", &salt).map(|h| h.to_string()).unwrap_or_default()
        })
        .clone()
}

#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
struct HashError(String);
