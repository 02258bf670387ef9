//! Keys and ciphertexts (envelope encryption).
//!
//! - The **key-encryption key** (KEK) is derived with HKDF-SHA256 from the configured
//!   secret (`MADOGUCHI_ENCRYPTION_KEY`, or the key file the service made). It never
//!   touches data; it only wraps data keys.
//! - Each tenant has a **data key** of 32 random bytes, stored wrapped by the KEK in
//!   `tenant_keys` with its version. Destroying a tenant's wrapped key destroys its data.
//! - A field is **sealed** with XChaCha20-Poly1305 under its tenant's data key. The
//!   associated data binds the ciphertext to its tenant and to the place it is kept
//!   (`mail_outbox.body`), so a ciphertext moved to another row's tenant or another column
//!   does not open. A sealed text reads `mdg1:<key version>:<base64 of nonce and
//!   ciphertext>`.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use chacha20poly1305::aead::{AeadInPlace, KeyInit};
use chacha20poly1305::{Tag, XChaCha20Poly1305, XNonce};
use rand::RngCore;
use uuid::Uuid;
use zeroize::Zeroizing;

const PREFIX: &str = "mdg1:";
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
/// The longest associated data built on the stack (`<tenant>/<place>`); longer is allocated.
const CONTEXT_ON_STACK: usize = 128;

/// Bits kept of a text token ([`DataKey::token`]).
pub const TOKEN_BITS: u32 = 20;

/// Why a key or a ciphertext could not be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum VaultError {
    /// The wrapped data key does not open with this KEK: the configured encryption key
    /// is not the one the data was written with.
    #[error("the encryption key does not open the data key of tenant {tenant} (version {version})")]
    WrongKey { tenant: Uuid, version: i32 },
    /// A sealed text that is malformed, tampered with, moved, or sealed under a key
    /// version this keyring does not hold.
    #[error("a sealed value cannot be opened ({0})")]
    Unreadable(&'static str),
    #[error("no data key for tenant {0}")]
    NoKey(Uuid),
}

/// The key-encryption key.
pub struct Kek(Zeroizing<[u8; 32]>);

impl Kek {
    /// From the configured secret (at least 32 bytes; checked where it is read).
    #[must_use]
    pub fn from_secret(secret: &[u8]) -> Self {
        let mut key = Zeroizing::new([0_u8; 32]);
        // The output length is fixed and valid for SHA-256, so expand cannot fail.
        let _ = hkdf::Hkdf::<sha2::Sha256>::new(Some(b"madoguchi/kek"), secret).expand(b"v1", key.as_mut());
        Self(key)
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(self.0.as_ref().into())
    }

    /// The data key sealed for storage; bound to its tenant and version.
    #[must_use]
    pub fn wrap(&self, tenant: Uuid, key: &DataKey) -> String {
        seal_with(&self.cipher(), &wrap_context(tenant, key.version), key.key.as_ref())
    }

    /// A stored data key, opened.
    ///
    /// # Errors
    /// [`VaultError::WrongKey`] when this KEK did not wrap it.
    pub fn unwrap(&self, tenant: Uuid, version: i32, wrapped: &str) -> Result<DataKey, VaultError> {
        let bytes = open_with(&self.cipher(), &wrap_context(tenant, version), wrapped)
            .map_err(|_| VaultError::WrongKey { tenant, version })?;
        let key: [u8; 32] = bytes.as_slice().try_into().map_err(|_| VaultError::WrongKey { tenant, version })?;
        Ok(DataKey::from_bytes(tenant, version, Zeroizing::new(key)))
    }
}

fn wrap_context(tenant: Uuid, version: i32) -> Vec<u8> {
    format!("tenant_keys/{tenant}/{version}").into_bytes()
}

/// One tenant's data key, of one version.
pub struct DataKey {
    tenant: Uuid,
    version: i32,
    key: Zeroizing<[u8; 32]>,
    /// Derived from the data key, so that destroying the data key also makes the
    /// indexes meaningless, and a new data key version brings new indexes.
    index: HashKey,
}

impl DataKey {
    /// A new random key.
    #[must_use]
    pub fn generate(tenant: Uuid, version: i32) -> Self {
        let mut key = Zeroizing::new([0_u8; 32]);
        rand::rngs::OsRng.fill_bytes(key.as_mut());
        Self::from_bytes(tenant, version, key)
    }

    fn from_bytes(tenant: Uuid, version: i32, key: Zeroizing<[u8; 32]>) -> Self {
        let index = HashKey::from_secret(key.as_ref(), "blind-index");
        Self { tenant, version, key, index }
    }

    /// The blind index of a field's value: a keyed hash, the same for the same value
    /// under this key and nothing an attacker without the key can compute. 63 bits:
    /// exact look-ups (a birth date, a management number) stay exact in SQL, so counts
    /// and pages are the database's; see SECURITY.md on why these are not truncated.
    #[must_use]
    pub fn blind(&self, field: &str, value: &str) -> i64 {
        let hash = self.index.hash(&[self.tenant.as_bytes(), field.as_bytes(), value.as_bytes()]);
        let mut first = [0_u8; 8];
        first.copy_from_slice(&hash[..8]);
        i64::from_be_bytes(first) & i64::MAX
    }

    /// A token of a part of a text (`search_text::grams`), truncated to
    /// [`TOKEN_BITS`]: many letter pairs share a token, so the token table alone does
    /// not tell which pairs a name holds; what tokens find is checked on the opened text.
    #[must_use]
    pub fn token(&self, field: &str, gram: &str) -> i64 {
        self.blind(field, gram) & ((1 << TOKEN_BITS) - 1)
    }

    /// A key for keyed hashes of one purpose (booking passwords), derived from this one.
    #[must_use]
    pub fn hash_key(&self, purpose: &str) -> HashKey {
        HashKey::from_secret(self.key.as_ref(), purpose)
    }

    /// The key of a unique rule (one booking per person): 128 bits, so two people
    /// never share one by chance.
    #[must_use]
    pub fn unique_key(&self, field: &str, value: &str) -> String {
        let hash = self.index.hash(&[self.tenant.as_bytes(), field.as_bytes(), value.as_bytes()]);
        format!("k{}:{}", self.version, STANDARD_NO_PAD.encode(&hash[..16]))
    }

    #[must_use]
    pub fn tenant(&self) -> Uuid {
        self.tenant
    }

    #[must_use]
    pub fn version(&self) -> i32 {
        self.version
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(self.key.as_ref().into())
    }

    /// Calls `f` with the associated data of `place`: `<tenant>/<place>`. A screen of
    /// cards opens hundreds of values, so the usual short places are built on the stack.
    fn with_context<R>(&self, place: &str, f: impl FnOnce(&[u8]) -> R) -> R {
        const TENANT_LEN: usize = uuid::fmt::Hyphenated::LENGTH;
        let len = TENANT_LEN + 1 + place.len();
        if len > CONTEXT_ON_STACK {
            return f(format!("{}/{place}", self.tenant).as_bytes());
        }
        let mut context = [0_u8; CONTEXT_ON_STACK];
        self.tenant.hyphenated().encode_lower(&mut context[..TENANT_LEN]);
        context[TENANT_LEN] = b'/';
        context[TENANT_LEN + 1..len].copy_from_slice(place.as_bytes());
        f(&context[..len])
    }

    /// `text` sealed for the place it is kept (`table.column`).
    #[must_use]
    pub fn seal(&self, place: &str, text: &str) -> String {
        let version = self.version.to_string();
        let mut sealed = String::with_capacity(PREFIX.len() + version.len() + 1 + sealed_len(text.len()));
        sealed.push_str(PREFIX);
        sealed.push_str(&version);
        sealed.push(':');
        self.with_context(place, |context| seal_body(&self.cipher(), context, text.as_bytes(), &mut sealed));
        sealed
    }

    /// A text sealed by [`DataKey::seal`] for `place`.
    ///
    /// # Errors
    /// [`VaultError::Unreadable`] for anything else.
    pub fn open(&self, place: &str, sealed: &str) -> Result<String, VaultError> {
        let (version, body) = split(sealed)?;
        if version != self.version {
            return Err(VaultError::Unreadable("sealed under another key version"));
        }
        let bytes = self.with_context(place, |context| open_body(&self.cipher(), context, body))?;
        String::from_utf8(bytes).map_err(|_| VaultError::Unreadable("not text"))
    }
}

/// Whether `text` is a sealed value (and not, say, a row written before sealing).
#[must_use]
pub fn is_sealed(text: &str) -> bool {
    text.starts_with(PREFIX)
}

/// `mdg1:<version>:<body>` → (version, body).
fn split(sealed: &str) -> Result<(i32, &str), VaultError> {
    let rest = sealed.strip_prefix(PREFIX).ok_or(VaultError::Unreadable("not sealed"))?;
    let (version, body) = rest.split_once(':').ok_or(VaultError::Unreadable("no key version"))?;
    let version = version.parse().map_err(|_| VaultError::Unreadable("no key version"))?;
    Ok((version, body))
}

/// The length of the base64 body that seals `plain` bytes.
fn sealed_len(plain: usize) -> usize {
    (NONCE_LEN + plain + TAG_LEN).div_ceil(3) * 4
}

fn seal_with(cipher: &XChaCha20Poly1305, context: &[u8], plaintext: &[u8]) -> String {
    let mut sealed = String::with_capacity(PREFIX.len() + sealed_len(plaintext.len()));
    sealed.push_str(PREFIX);
    seal_body(cipher, context, plaintext, &mut sealed);
    sealed
}

/// Appends to `out` the base64 of a fresh nonce, the ciphertext and its tag.
fn seal_body(cipher: &XChaCha20Poly1305, context: &[u8], plaintext: &[u8], out: &mut String) {
    let mut nonce = [0_u8; NONCE_LEN];
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    let mut bytes = Vec::with_capacity(NONCE_LEN + plaintext.len() + TAG_LEN);
    bytes.extend_from_slice(&nonce);
    bytes.extend_from_slice(plaintext);
    // Encryption with a fresh nonce and an in-memory buffer does not fail.
    if let Ok(tag) = cipher.encrypt_in_place_detached(&XNonce::from(nonce), context, &mut bytes[NONCE_LEN..]) {
        bytes.extend_from_slice(&tag);
        STANDARD_NO_PAD.encode_string(&bytes, out);
    }
}

fn open_with(cipher: &XChaCha20Poly1305, context: &[u8], sealed: &str) -> Result<Vec<u8>, VaultError> {
    open_body(cipher, context, sealed.strip_prefix(PREFIX).ok_or(VaultError::Unreadable("not sealed"))?)
}

/// The plaintext of a base64 body of nonce, ciphertext and tag, opened in the buffer it
/// was decoded into.
fn open_body(cipher: &XChaCha20Poly1305, context: &[u8], body: &str) -> Result<Vec<u8>, VaultError> {
    let mut bytes = STANDARD_NO_PAD.decode(body).map_err(|_| VaultError::Unreadable("not base64"))?;
    let Some(length) = bytes.len().checked_sub(NONCE_LEN + TAG_LEN) else {
        return Err(VaultError::Unreadable("too short"));
    };
    let (nonce, rest) = bytes.split_at_mut(NONCE_LEN);
    let (message, tag) = rest.split_at_mut(length);
    let short = |_| VaultError::Unreadable("too short");
    let nonce: [u8; NONCE_LEN] = (&*nonce).try_into().map_err(short)?;
    let tag: [u8; TAG_LEN] = (&*tag).try_into().map_err(short)?;
    cipher
        .decrypt_in_place_detached(&XNonce::from(nonce), context, message, &Tag::from(tag))
        .map_err(|_| VaultError::Unreadable("tampered with, moved, or sealed under another key"))?;
    bytes.copy_within(NONCE_LEN..NONCE_LEN + length, 0);
    bytes.truncate(length);
    Ok(bytes)
}

/// A key for keyed hashes (HMAC-SHA256), derived from the configured secret for one
/// purpose and apart from the KEK: what it hashes cannot be tried offline by whoever
/// holds the database alone.
pub struct HashKey(Zeroizing<[u8; 32]>);

impl HashKey {
    #[must_use]
    pub fn from_secret(secret: &[u8], purpose: &str) -> Self {
        let mut key = Zeroizing::new([0_u8; 32]);
        // The output length is fixed and valid for SHA-256, so expand cannot fail.
        let _ =
            hkdf::Hkdf::<sha2::Sha256>::new(Some(b"madoguchi/hash"), secret).expand(purpose.as_bytes(), key.as_mut());
        Self(key)
    }

    fn mac(&self, parts: &[&[u8]]) -> hmac::Hmac<sha2::Sha256> {
        use hmac::Mac;
        // A key of any length is accepted.
        let mut mac = <hmac::Hmac<sha2::Sha256> as Mac>::new_from_slice(self.0.as_ref())
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        for part in parts {
            // Length-prefixed, so that no two lists of parts hash alike.
            mac.update(&u64::try_from(part.len()).unwrap_or(u64::MAX).to_be_bytes());
            mac.update(part);
        }
        mac
    }

    /// The keyed hash of `parts`.
    #[must_use]
    pub fn hash(&self, parts: &[&[u8]]) -> [u8; 32] {
        use hmac::Mac;
        self.mac(parts).finalize().into_bytes().into()
    }

    /// Whether `expected` is the keyed hash of `parts`, compared in constant time.
    #[must_use]
    pub fn verify(&self, parts: &[&[u8]], expected: &[u8]) -> bool {
        use hmac::Mac;
        self.mac(parts).verify_slice(expected).is_ok()
    }
}

/// A key held, and whether it may seal yet: a new version is held by every node
/// before any seals with it, so that each can open what another wrote.
#[derive(Clone)]
struct Held {
    key: Arc<DataKey>,
    active: bool,
}

/// Every tenant's data keys this node has opened, by tenant and version.
#[derive(Clone, Default)]
pub struct Keyring(Arc<RwLock<HashMap<Uuid, Vec<Held>>>>);

impl Keyring {
    /// Holds an opened key (replacing the same version); it seals once `active`.
    pub fn insert(&self, key: DataKey, active: bool) {
        if let Ok(mut keys) = self.0.write() {
            let versions = keys.entry(key.tenant).or_default();
            versions.retain(|k| k.key.version != key.version);
            versions.push(Held { key: Arc::new(key), active });
            versions.sort_by_key(|k| k.key.version);
        }
    }

    /// The versions of a tenant held, with whether each seals.
    #[must_use]
    pub fn versions(&self, tenant: Uuid) -> Vec<(i32, bool)> {
        self.0
            .read()
            .ok()
            .and_then(|keys| keys.get(&tenant).map(|v| v.iter().map(|k| (k.key.version, k.active)).collect()))
            .unwrap_or_default()
    }

    /// The tenant's newest key that may seal.
    #[must_use]
    pub fn current(&self, tenant: Uuid) -> Option<Arc<DataKey>> {
        self.0.read().ok()?.get(&tenant)?.iter().rev().find(|k| k.active).map(|k| k.key.clone())
    }

    /// The tenants whose keys are held.
    #[must_use]
    pub fn tenants(&self) -> Vec<Uuid> {
        self.0.read().map(|keys| keys.keys().copied().collect()).unwrap_or_default()
    }

    /// Forgets a tenant's keys (they were destroyed).
    pub fn forget(&self, tenant: Uuid) {
        if let Ok(mut keys) = self.0.write() {
            keys.remove(&tenant);
        }
    }

    /// Every key of the tenant, to seal with the newest active one and open with any.
    #[must_use]
    pub fn tenant(&self, tenant: Uuid) -> Option<TenantVault> {
        let held = self.0.read().ok()?.get(&tenant)?.clone();
        let current = held.iter().rposition(|k| k.active)?;
        Some(TenantVault { keys: held.into_iter().map(|k| k.key).collect(), current })
    }

    /// Opens `sealed` with whichever of the tenant's keys sealed it.
    ///
    /// # Errors
    /// [`VaultError::NoKey`], or [`VaultError::Unreadable`].
    pub fn open(&self, tenant: Uuid, place: &str, sealed: &str) -> Result<String, VaultError> {
        let (version, _) = split(sealed)?;
        let key = self
            .0
            .read()
            .ok()
            .and_then(|keys| keys.get(&tenant)?.iter().find(|k| k.key.version == version).map(|k| k.key.clone()))
            .ok_or(VaultError::NoKey(tenant))?;
        key.open(place, sealed)
    }
}

/// One tenant's keys as a repository uses them: new values are sealed and indexed
/// with the newest key; values are opened, and looked up, under every key still held
/// (while a re-encryption moves the tenant's data to a new key, rows of both exist).
#[derive(Clone)]
pub struct TenantVault {
    /// Oldest first; never empty.
    keys: Arc<[Arc<DataKey>]>,
    /// Which of them seals.
    current: usize,
}

impl TenantVault {
    #[must_use]
    pub fn tenant(&self) -> Uuid {
        self.current().tenant
    }

    /// The key new values are sealed and indexed with.
    #[must_use]
    pub fn current(&self) -> &DataKey {
        // Built only with an index into the list (Keyring::tenant).
        &self.keys[self.current]
    }

    /// The key of one version, if held.
    #[must_use]
    pub fn version(&self, version: i32) -> Option<&DataKey> {
        self.keys().find(|k| k.version == version)
    }

    /// Every key held, oldest first.
    pub fn keys(&self) -> impl Iterator<Item = &DataKey> {
        self.keys.iter().map(AsRef::as_ref)
    }

    #[must_use]
    pub fn seal(&self, place: &str, text: &str) -> String {
        self.current().seal(place, text)
    }

    /// Opens a value sealed for `place`. A value stored before sealing began is
    /// returned as it is (the start-up pass seals those).
    ///
    /// # Errors
    /// A value that does not open under any key held.
    pub fn open(&self, place: &str, value: &str) -> Result<String, VaultError> {
        if !is_sealed(value) {
            return Ok(value.to_owned());
        }
        let (version, _) = split(value)?;
        let key = self.keys().find(|k| k.version == version).ok_or(VaultError::Unreadable("key version not held"))?;
        key.open(place, value)
    }

    /// The blind indexes of a value under every key held (what a look-up searches for).
    #[must_use]
    pub fn blinds(&self, field: &str, value: &str) -> Vec<i64> {
        self.keys().map(|k| k.blind(field, value)).collect()
    }

    /// The unique keys of a value under every key held: inserted all, so a rule holds
    /// across rows indexed under different keys.
    #[must_use]
    pub fn unique_keys(&self, field: &str, value: &str) -> Vec<String> {
        self.keys().map(|k| k.unique_key(field, value)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tenant() -> Uuid {
        Uuid::from_u128(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef)
    }

    #[test]
    fn values_sealed_in_one_piece_by_earlier_versions_still_open() {
        use chacha20poly1305::aead::{Aead, Payload};
        let key = DataKey::generate(tenant(), 3);
        let nonce = [7_u8; NONCE_LEN];
        let context = format!("{}/ledger_cards.name", tenant());
        let ciphertext = key
            .cipher()
            .encrypt(&XNonce::from(nonce), Payload { msg: "髙橋 﨑子".as_bytes(), aad: context.as_bytes() })
            .unwrap_or_default();
        let stored = format!("mdg1:3:{}", STANDARD_NO_PAD.encode([nonce.as_slice(), &ciphertext].concat()));
        assert_eq!(key.open("ledger_cards.name", &stored).as_deref(), Ok("髙橋 﨑子"));
        assert!(key.open("ledger_cards.address", &stored).is_err());
    }

    #[test]
    fn a_place_too_long_for_the_stack_still_binds_its_values() {
        let key = DataKey::generate(tenant(), 1);
        let long = format!("documents.{}", "page".repeat(40));
        let sealed = key.seal(&long, "本人確認書類");
        assert_eq!(key.open(&long, &sealed).as_deref(), Ok("本人確認書類"));
        assert!(key.open(&long[..long.len() - 1], &sealed).is_err());
        assert_eq!(key.open("x", &key.seal("x", "")).as_deref(), Ok(""), "an empty text seals and opens");
        assert!(key.open("x", "mdg1:1:AAAA").is_err(), "shorter than a nonce and a tag");
    }

    #[test]
    fn a_sealed_field_opens_only_for_its_tenant_and_place() {
        let key = DataKey::generate(tenant(), 1);
        let sealed = key.seal("mail_outbox.body", "パスワード: a1b2c3d4");
        assert!(sealed.starts_with("mdg1:1:"), "{sealed}");
        assert!(!sealed.contains("a1b2c3d4"));
        assert_eq!(key.open("mail_outbox.body", &sealed).as_deref(), Ok("パスワード: a1b2c3d4"));
        assert!(key.open("mail_outbox.to_address", &sealed).is_err(), "moved to another column");
        let other = DataKey::from_bytes(Uuid::nil(), 1, Zeroizing::new(*key.key));
        assert!(other.open("mail_outbox.body", &sealed).is_err(), "moved to another tenant");
        let mut tampered = sealed.clone().into_bytes();
        let last = tampered.len() - 2;
        tampered[last] = if tampered[last] == b'A' { b'B' } else { b'A' };
        let tampered = String::from_utf8(tampered).unwrap_or_default();
        assert!(key.open("mail_outbox.body", &tampered).is_err(), "tampered with");
        assert_ne!(key.seal("p", "same"), key.seal("p", "same"), "a fresh nonce each time");
    }

    #[test]
    fn a_data_key_unwraps_only_with_the_kek_that_wrapped_it() {
        let kek = Kek::from_secret(b"the key every node is configured with, 48 bytes");
        let key = DataKey::generate(tenant(), 3);
        let wrapped = kek.wrap(tenant(), &key);
        let opened = kek.unwrap(tenant(), 3, &wrapped).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(*opened.key, *key.key);
        let wrong = Kek::from_secret(b"another key, as after a typo in the environment");
        assert_eq!(
            wrong.unwrap(tenant(), 3, &wrapped).err(),
            Some(VaultError::WrongKey { tenant: tenant(), version: 3 })
        );
        assert!(kek.unwrap(tenant(), 4, &wrapped).is_err(), "bound to its version");
        assert!(kek.unwrap(Uuid::nil(), 3, &wrapped).is_err(), "bound to its tenant");
    }

    #[test]
    fn a_keyed_hash_needs_its_key_and_its_exact_parts() {
        let key = HashKey::from_secret(b"the key every node is configured with, 48 bytes", "booking-passwords");
        let hash = key.hash(&[b"tenant", b"salt", b"ABCDEFGHJK"]);
        assert!(key.verify(&[b"tenant", b"salt", b"ABCDEFGHJK"], &hash));
        assert!(!key.verify(&[b"tenant", b"salt", b"ABCDEFGHJL"], &hash));
        assert!(!key.verify(&[b"tenan", b"tsalt", b"ABCDEFGHJK"], &hash), "parts are not run together");
        let other = HashKey::from_secret(b"the key every node is configured with, 48 bytes", "another purpose");
        assert!(!other.verify(&[b"tenant", b"salt", b"ABCDEFGHJK"], &hash));
    }

    #[test]
    fn blind_indexes_are_per_tenant_per_field_and_per_key() {
        let key = DataKey::generate(tenant(), 1);
        assert_eq!(key.blind("birth_date", "1985-04-12"), key.blind("birth_date", "1985-04-12"));
        assert_ne!(key.blind("birth_date", "1985-04-12"), key.blind("birth_date", "1985-04-13"));
        assert_ne!(key.blind("birth_date", "1985-04-12"), key.blind("phone", "1985-04-12"));
        assert!(key.blind("phone", "09012345678") >= 0);
        assert!(key.token("name", "高橋") < 1 << TOKEN_BITS);
        let next = DataKey::generate(tenant(), 2);
        assert_ne!(key.blind("birth_date", "1985-04-12"), next.blind("birth_date", "1985-04-12"));
        assert_ne!(key.unique_key("identity", "mn:123"), next.unique_key("identity", "mn:123"));
        let elsewhere = DataKey::from_bytes(Uuid::nil(), 1, Zeroizing::new(*key.key));
        assert_ne!(key.blind("phone", "09012345678"), elsewhere.blind("phone", "09012345678"));
    }

    #[test]
    fn a_tenant_vault_seals_with_the_newest_key_and_looks_up_under_all() {
        let ring = Keyring::default();
        let old = DataKey::generate(tenant(), 1);
        let sealed_old = old.seal("p", "old");
        ring.insert(old, true);
        ring.insert(DataKey::generate(tenant(), 2), false);
        let vault = ring.tenant(tenant()).unwrap_or_else(|| panic!("no keys"));
        assert_eq!(vault.current().version(), 1, "a version not active yet opens but does not seal");
        assert_eq!(vault.blinds("f", "v").len(), 2);
        ring.insert(DataKey::generate(tenant(), 2), true);
        let vault = ring.tenant(tenant()).unwrap_or_else(|| panic!("no keys"));
        assert_eq!(vault.current().version(), 2);
        assert_eq!(vault.open("p", &sealed_old).as_deref(), Ok("old"));
        assert_eq!(vault.open("p", "written before sealing").as_deref(), Ok("written before sealing"));
        assert_eq!(vault.blinds("f", "v").len(), 2);
        assert!(ring.tenant(Uuid::nil()).is_none());
    }

    #[test]
    fn the_keyring_opens_with_the_version_that_sealed() {
        let ring = Keyring::default();
        let old = DataKey::generate(tenant(), 1);
        let sealed_old = old.seal("p", "old");
        ring.insert(old, true);
        ring.insert(DataKey::generate(tenant(), 2), true);
        let current = ring.current(tenant()).unwrap_or_else(|| panic!("no key"));
        assert_eq!(current.version(), 2);
        let sealed_new = current.seal("p", "new");
        assert_eq!(ring.open(tenant(), "p", &sealed_old).as_deref(), Ok("old"));
        assert_eq!(ring.open(tenant(), "p", &sealed_new).as_deref(), Ok("new"));
        assert_eq!(ring.open(Uuid::nil(), "p", &sealed_new), Err(VaultError::NoKey(Uuid::nil())));
        assert!(!is_sealed("plain") && is_sealed(&sealed_new));
    }
}
