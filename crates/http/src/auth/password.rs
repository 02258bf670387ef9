//! Staff passwords: argon2id, CPU-bound, so on the blocking pool. Booking passwords:
//! a keyed hash (see [`hash_booking`]).

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use madoguchi_vault::HashKey;
use uuid::Uuid;

use crate::problem::ApiError;

fn hasher() -> Argon2<'static> {
    // argon2id, 19 MiB, 2 passes: OWASP's recommended minimum.
    Argon2::default()
}

fn hash_now(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(hasher().hash_password(password.as_bytes(), &salt)?.to_string())
}

/// The prefix of a booking password's keyed hash.
const KEYED: &str = "hmac1:";

/// Booking passwords are generated (10 of 26 letters, about 1.4 × 10¹⁴ choices), so no
/// dictionary helps and no slow hash is needed against guessing online (the look-up
/// limits are). What must not happen is an offline search by whoever holds the
/// database or a backup alone: the hash is HMAC-SHA256 under a key derived from
/// `MADOGUCHI_ENCRYPTION_KEY`, which is not in the database, with a random salt, bound
/// to the tenant. It costs microseconds, so a booking rush never queues behind it.
#[must_use]
pub fn hash_booking(key: &HashKey, tenant: Uuid, password: &str) -> String {
    let mut salt = [0_u8; 16];
    OsRng.fill_bytes(&mut salt);
    let mac = key.hash(&[b"booking-password", tenant.as_bytes(), &salt, password.as_bytes()]);
    format!("{KEYED}{}:{}", STANDARD_NO_PAD.encode(salt), STANDARD_NO_PAD.encode(mac))
}

/// Whether `password` is the booking's: its keyed hash, or the argon2id hash a booking
/// made before keyed hashes keeps.
///
/// # Errors
/// When the blocking pool is gone (argon2id only).
pub async fn verify_booking(key: &HashKey, tenant: Uuid, stored: String, password: String) -> Result<bool, ApiError> {
    let Some(rest) = stored.strip_prefix(KEYED) else { return verify(stored, password).await };
    let parts = rest.split_once(':').map(|(salt, mac)| (STANDARD_NO_PAD.decode(salt), STANDARD_NO_PAD.decode(mac)));
    let right = parts.is_some_and(|parts| match parts {
        (Ok(salt), Ok(mac)) => key.verify(&[b"booking-password", tenant.as_bytes(), &salt, password.as_bytes()], &mac),
        _ => false,
    });
    // While bookings hashed before keyed hashes remain, every check also spends what
    // theirs costs, so that such a booking's number cannot be told from others by time.
    verify(legacy_booking_dummy(), password).await?;
    Ok(right)
}

/// An argon2id hash with the parameters bookings had before keyed hashes (4 MiB, one
/// pass), never matched: what a check of such a booking costs.
fn legacy_booking_dummy() -> String {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY
        .get_or_init(|| {
            let params = argon2::Params::new(4096, 1, 1, None).unwrap_or_default();
            let hasher = Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
            let salt = SaltString::generate(&mut OsRng);
            hasher.hash_password(b"not a booking password", &salt).map(|h| h.to_string()).unwrap_or_default()
        })
        .clone()
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
pub fn dummy_booking_hash(key: &HashKey, tenant: Uuid) -> String {
    hash_booking(key, tenant, "not a booking password")
}

#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
struct HashError(String);

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_booking_password_verifies_only_with_the_service_key_and_its_tenant() {
        let key = HashKey::from_secret(b"the key every node is configured with, 48 bytes", "booking-passwords");
        let tenant = Uuid::from_u128(7);
        let stored = hash_booking(&key, tenant, "ABCDEFGHJK");
        assert!(stored.starts_with("hmac1:") && !stored.contains("ABCDEFGHJK"), "{stored}");
        assert_ne!(stored, hash_booking(&key, tenant, "ABCDEFGHJK"), "salted");
        let check = |key, tenant, password: &str| verify_booking(key, tenant, stored.clone(), password.to_owned());
        assert!(check(&key, tenant, "ABCDEFGHJK").await.unwrap_or(false));
        assert!(!check(&key, tenant, "ABCDEFGHJL").await.unwrap_or(true));
        assert!(!check(&key, Uuid::from_u128(8), "ABCDEFGHJK").await.unwrap_or(true), "another tenant's");
        let thief = HashKey::from_secret(b"a database stolen without the service's key ....", "booking-passwords");
        assert!(!check(&thief, tenant, "ABCDEFGHJK").await.unwrap_or(true), "no offline check without the key");
        // A booking made before keyed hashes keeps its argon2id hash, and it still verifies.
        let legacy = hash("ABCDEFGHJK".to_owned()).await.unwrap_or_default();
        assert!(verify_booking(&key, tenant, legacy, "ABCDEFGHJK".to_owned()).await.unwrap_or(false));
    }
}
