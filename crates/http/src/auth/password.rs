//! Staff passwords: argon2id, CPU-bound, so on the blocking pool. Booking passwords:
//! a keyed hash (see [`hash_booking`]).

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use madoguchi_vault::{HashKey, TenantVault};
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

/// The prefix of a booking password's keyed hash: `hmac2:<data key version>:<salt>:<mac>`.
const KEYED: &str = "hmac2:";
/// The first keyed hashes, under a key derived from `MADOGUCHI_ENCRYPTION_KEY` itself
/// (which a rotation of that key would have lost): verified, never made any more.
const KEYED_BY_SECRET: &str = "hmac1:";
const PURPOSE: &str = "booking-passwords";

/// Booking passwords are generated (10 of 26 letters, about 1.4 × 10¹⁴ choices), so no
/// dictionary helps and no slow hash is needed against guessing online (the look-up
/// limits are). What must not happen is an offline search by whoever holds the
/// database or a backup alone: the hash is HMAC-SHA256 under a key derived from the
/// tenant's data key, which is stored only wrapped by `MADOGUCHI_ENCRYPTION_KEY` (not
/// in the database), with a random salt, bound to the tenant. The key's version is kept
/// with the hash, so neither a new encryption key nor a new data key loses a password.
/// It costs microseconds, so a booking rush never queues behind it.
#[must_use]
pub fn hash_booking(vault: &TenantVault, password: &str) -> String {
    let key = vault.current();
    let mut salt = [0_u8; 16];
    OsRng.fill_bytes(&mut salt);
    let mac = key.hash_key(PURPOSE).hash(&[b"booking-password", key.tenant().as_bytes(), &salt, password.as_bytes()]);
    format!("{KEYED}{}:{}:{}", key.version(), STANDARD_NO_PAD.encode(salt), STANDARD_NO_PAD.encode(mac))
}

fn verify_keyed(key: &HashKey, tenant: Uuid, salt_and_mac: &str, password: &str) -> bool {
    let Some((salt, mac)) = salt_and_mac.split_once(':') else { return false };
    match (STANDARD_NO_PAD.decode(salt), STANDARD_NO_PAD.decode(mac)) {
        (Ok(salt), Ok(mac)) => key.verify(&[b"booking-password", tenant.as_bytes(), &salt, password.as_bytes()], &mac),
        _ => false,
    }
}

/// Whether `password` is the booking's: its keyed hash (under the tenant's data key, or
/// under `by_secret`, the keys the first keyed hashes were made with), or the argon2id
/// hash a booking made before keyed hashes keeps.
///
/// # Errors
/// When the blocking pool is gone (argon2id only).
pub async fn verify_booking(
    by_secret: &[HashKey],
    vault: &TenantVault,
    stored: String,
    password: String,
) -> Result<bool, ApiError> {
    let tenant = vault.tenant();
    let right = if let Some(rest) = stored.strip_prefix(KEYED) {
        rest.split_once(':').is_some_and(|(version, rest)| {
            version
                .parse()
                .ok()
                .and_then(|v| vault.version(v))
                .is_some_and(|key| verify_keyed(&key.hash_key(PURPOSE), tenant, rest, &password))
        })
    } else if let Some(rest) = stored.strip_prefix(KEYED_BY_SECRET) {
        by_secret.iter().any(|key| verify_keyed(key, tenant, rest, &password))
    } else {
        return verify(stored, password).await;
    };
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
pub fn dummy_booking_hash(vault: &TenantVault) -> String {
    hash_booking(vault, "not a booking password")
}

#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
struct HashError(String);

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_booking_password_verifies_only_with_the_service_key_and_its_tenant() {
        use madoguchi_vault::{DataKey, Keyring};
        let tenant = Uuid::from_u128(7);
        let ring = Keyring::default();
        ring.insert(DataKey::generate(tenant, 1), true);
        let vault = |ring: &Keyring, tenant| ring.tenant(tenant).unwrap_or_else(|| panic!("no key"));
        let stored = hash_booking(&vault(&ring, tenant), "ABCDEFGHJK");
        assert!(stored.starts_with("hmac2:1:") && !stored.contains("ABCDEFGHJK"), "{stored}");
        assert_ne!(stored, hash_booking(&vault(&ring, tenant), "ABCDEFGHJK"), "salted");
        let check = |vault: TenantVault, stored: &str, password: &str| {
            let (stored, password) = (stored.to_owned(), password.to_owned());
            async move { verify_booking(&[], &vault, stored, password).await }
        };
        assert!(check(vault(&ring, tenant), &stored, "ABCDEFGHJK").await.unwrap_or(false));
        assert!(!check(vault(&ring, tenant), &stored, "ABCDEFGHJL").await.unwrap_or(true));
        let other = Uuid::from_u128(8);
        ring.insert(DataKey::generate(other, 1), true);
        assert!(!check(vault(&ring, other), &stored, "ABCDEFGHJK").await.unwrap_or(true), "another tenant's");
        // A new data key for the tenant: the password hashed under the first still verifies.
        ring.insert(DataKey::generate(tenant, 2), true);
        assert!(check(vault(&ring, tenant), &stored, "ABCDEFGHJK").await.unwrap_or(false));
        assert!(hash_booking(&vault(&ring, tenant), "X").starts_with("hmac2:2:"));
        // The first keyed hashes, under the secret's own key, and argon2id ones still verify.
        let by_secret = HashKey::from_secret(b"the key every node is configured with, 48 bytes", PURPOSE);
        let mut salt = [0_u8; 16];
        OsRng.fill_bytes(&mut salt);
        let mac = by_secret.hash(&[b"booking-password", tenant.as_bytes(), &salt, b"ABCDEFGHJK"]);
        let first = format!("hmac1:{}:{}", STANDARD_NO_PAD.encode(salt), STANDARD_NO_PAD.encode(mac));
        let keys = [by_secret];
        assert!(
            verify_booking(&keys, &vault(&ring, tenant), first.clone(), "ABCDEFGHJK".to_owned()).await.unwrap_or(false)
        );
        assert!(!verify_booking(&[], &vault(&ring, tenant), first, "ABCDEFGHJK".to_owned()).await.unwrap_or(true));
        let legacy = hash("ABCDEFGHJK".to_owned()).await.unwrap_or_default();
        assert!(verify_booking(&[], &vault(&ring, tenant), legacy, "ABCDEFGHJK".to_owned()).await.unwrap_or(false));
    }
}
