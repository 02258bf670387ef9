//! The tenants' data keys as the service uses them: opened at start with the
//! key-encryption key, made for a tenant that has none, and kept in memory
//! (`madoguchi_vault::Keyring`). New values are sealed with a tenant's newest key;
//! a value is opened with whichever version sealed it.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use madoguchi_persistence::tenant_keys::{self, WrappedKey};
use madoguchi_persistence::{ConnectionTrait, PersistenceError, tenants};
use madoguchi_vault::{DataKey, HashKey, Kek, Keyring, TenantVault, VaultError};
use uuid::Uuid;

use crate::problem::ApiError;

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error(transparent)]
    Vault(#[from] VaultError),
    #[error(transparent)]
    Persistence(#[from] PersistenceError),
}

impl From<KeyError> for ApiError {
    fn from(error: KeyError) -> Self {
        ApiError::internal(error)
    }
}

#[derive(Clone)]
pub struct Keys {
    kek: Arc<Kek>,
    /// The key-encryption key data keys may still be wrapped with while a new one is
    /// brought in (`MADOGUCHI_PREVIOUS_ENCRYPTION_KEY`, until `madoguchi keys rotate`).
    previous: Option<Arc<Kek>>,
    ring: Keyring,
    /// What the first keyed booking-password hashes were made with (`hmac1:`).
    by_secret: Arc<Vec<HashKey>>,
}

impl Keys {
    /// Keys opened with the KEK derived from `secret` (or from `previous`, for data keys
    /// not yet wrapped again).
    #[must_use]
    pub fn new(secret: &[u8], previous: Option<&[u8]>) -> Self {
        let purpose = "booking-passwords";
        let mut by_secret = vec![HashKey::from_secret(secret, purpose)];
        by_secret.extend(previous.map(|p| HashKey::from_secret(p, purpose)));
        Self {
            kek: Arc::new(Kek::from_secret(secret)),
            previous: previous.map(|p| Arc::new(Kek::from_secret(p))),
            ring: Keyring::default(),
            by_secret: Arc::new(by_secret),
        }
    }

    /// The keys the first keyed booking-password hashes were made with
    /// (`auth::password::verify_booking`).
    #[must_use]
    pub fn booking_passwords_by_secret(&self) -> &[HashKey] {
        &self.by_secret
    }

    fn unwrap(&self, key: &WrappedKey) -> Result<DataKey, VaultError> {
        match (self.kek.unwrap(key.tenant, key.version, &key.wrapped), &self.previous) {
            (Err(_), Some(previous)) => previous.unwrap(key.tenant, key.version, &key.wrapped),
            (opened, _) => opened,
        }
    }

    /// Opens every stored key, and makes one for each tenant that has none.
    ///
    /// # Errors
    /// [`VaultError::WrongKey`] when the configured key is not the one the keys were
    /// wrapped with; database failures.
    pub async fn load(&self, db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<(), KeyError> {
        self.refresh(db, now).await?;
        for tenant in tenants::all(db).await? {
            if self.ring.current(tenant.id.0).is_none() {
                self.make(db, tenant.id.0, now).await?;
            }
        }
        Ok(())
    }

    /// Follows the stored keys: opens a version another node added or one whose time to
    /// seal has come, and forgets the keys of a tenant whose keys were destroyed. Each
    /// node does this at every tick of its background work; a key held as it is stored
    /// is not unwrapped again.
    ///
    /// # Errors
    /// As [`Keys::load`].
    pub async fn refresh(&self, db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<(), KeyError> {
        let stored = tenant_keys::all(db).await?;
        for tenant in self.ring.tenants() {
            if !stored.iter().any(|k| k.tenant == tenant) {
                self.ring.forget(tenant);
            }
        }
        let changed = stored
            .into_iter()
            .filter(|key| {
                let active = key.active_from.is_none_or(|from| from <= now);
                !self.ring.versions(key.tenant).contains(&(key.version, active))
            })
            .collect();
        self.open_stored(changed, now)
    }

    /// Makes the tenant's first data key (kept once, however many nodes try at once)
    /// and opens what was kept. Not inside another transaction: the key must outlive
    /// whatever that transaction does.
    ///
    /// # Errors
    /// As [`Keys::load`].
    pub async fn make(&self, db: &impl ConnectionTrait, tenant: Uuid, now: DateTime<Utc>) -> Result<(), KeyError> {
        let key = DataKey::generate(tenant, 1);
        let wrapped = WrappedKey { tenant, version: 1, wrapped: self.kek.wrap(tenant, &key), active_from: None };
        tenant_keys::insert_if_absent(db, &wrapped, now).await?;
        self.open_stored(tenant_keys::of(db, tenant).await?, now)
    }

    /// Unwraps stored keys into the ring; a version seals once its time has come.
    fn open_stored(&self, stored: Vec<WrappedKey>, now: DateTime<Utc>) -> Result<(), KeyError> {
        for key in stored {
            let active = key.active_from.is_none_or(|from| from <= now);
            self.ring.insert(self.unwrap(&key)?, active);
        }
        Ok(())
    }

    async fn load_tenant(&self, db: &impl ConnectionTrait, tenant: Uuid) -> Result<(), KeyError> {
        // A tenant whose keys this node has not seen (made by another node just now):
        // only its first key seals until the next refresh tells the time of the others.
        self.open_stored(tenant_keys::of(db, tenant).await?, DateTime::<Utc>::MIN_UTC)
    }

    /// The tenant's newest key that seals, read from the database when another node made it.
    ///
    /// # Errors
    /// [`VaultError::NoKey`] for a tenant without a key; database failures.
    pub async fn current(&self, db: &impl ConnectionTrait, tenant: Uuid) -> Result<Arc<DataKey>, KeyError> {
        if let Some(key) = self.ring.current(tenant) {
            return Ok(key);
        }
        self.load_tenant(db, tenant).await?;
        self.ring.current(tenant).ok_or(KeyError::Vault(VaultError::NoKey(tenant)))
    }

    /// Every key of the tenant, as repositories seal, open and look up with them.
    ///
    /// # Errors
    /// As [`Keys::current`].
    pub async fn tenant(&self, db: &impl ConnectionTrait, tenant: Uuid) -> Result<TenantVault, KeyError> {
        if let Some(vault) = self.ring.tenant(tenant) {
            return Ok(vault);
        }
        self.load_tenant(db, tenant).await?;
        self.ring.tenant(tenant).ok_or(KeyError::Vault(VaultError::NoKey(tenant)))
    }

    /// Seals, under each tenant's current key, the personal data stored before sealing
    /// began or under an older data key, a batch per transaction; answers how many rows
    /// of each kind.
    ///
    /// # Errors
    /// Database failures (what was sealed stays sealed: the next pass goes on from there).
    pub async fn reseal(
        &self,
        db: &madoguchi_persistence::DatabaseConnection,
        only: Option<Uuid>,
    ) -> Result<Resealed, KeyError> {
        use madoguchi_persistence::{bookings, ledger_cards, ledger_events, ledger_imports, ledger_scans};
        let mut sealed = Resealed::default();
        for tenant in tenants::all(db).await?.into_iter().filter(|t| only.is_none_or(|o| o == t.id.0)) {
            let scope = tenant.scope();
            let vault = self.tenant(db, tenant.id.0).await?;
            loop {
                let txn = madoguchi_persistence::database::begin_write(db).await.map_err(PersistenceError::from)?;
                let batch = Resealed {
                    bookings: bookings::reseal(&txn, &scope, &vault, 200).await?,
                    cards: ledger_cards::reseal(&txn, &scope, &vault, 200).await?,
                    history: ledger_events::reseal(&txn, &scope, &vault, 500).await?,
                    people: ledger_imports::reseal_people(&txn, &scope, &vault, 200).await?,
                    scans: ledger_scans::reseal(&txn, &scope, &vault, 200).await?,
                };
                txn.commit().await.map_err(PersistenceError::from)?;
                sealed.add(batch);
                if batch.total() == 0 {
                    break;
                }
            }
        }
        Ok(sealed)
    }

    /// Seals, under each tenant's current key, the details of audit entries written
    /// before sealing began, a batch per transaction; answers how many. `owner` must own
    /// the audit log (the service's own role may only add to it).
    ///
    /// # Errors
    /// Database failures (what was sealed stays sealed: the next start goes on from there).
    pub async fn seal_audit_details(&self, owner: &madoguchi_persistence::DatabaseConnection) -> Result<u64, KeyError> {
        use madoguchi_persistence::audit_log;
        let mut sealed = 0;
        for tenant in tenants::all(owner).await? {
            let vault = self.tenant(owner, tenant.id.0).await?;
            loop {
                let batch = audit_log::seal_written_before(owner, &tenant.scope(), &vault, 500).await?;
                sealed += batch;
                if batch == 0 {
                    break;
                }
            }
        }
        Ok(sealed)
    }

    /// Wraps every tenant's data keys under the configured key-encryption key, those
    /// still wrapped under the previous one included, in one transaction; returns how
    /// many keys. Only keys are touched: no data is read or written again.
    ///
    /// # Errors
    /// A key neither KEK opens; database failures.
    pub async fn rewrap_all(&self, db: &madoguchi_persistence::DatabaseConnection) -> Result<u64, KeyError> {
        let txn = madoguchi_persistence::database::begin_write(db).await.map_err(PersistenceError::from)?;
        let stored = tenant_keys::all(&txn).await?;
        let count = u64::try_from(stored.len()).unwrap_or(u64::MAX);
        for key in stored {
            let opened = self.unwrap(&key)?;
            let wrapped = WrappedKey { wrapped: self.kek.wrap(key.tenant, &opened), ..key };
            tenant_keys::rewrap(&txn, &wrapped).await?;
        }
        txn.commit().await.map_err(PersistenceError::from)?;
        Ok(count)
    }

    /// Adds a new data key version for `tenant` that seals from `active_from` on (give
    /// every node time to open it first); returns its version.
    ///
    /// # Errors
    /// Database failures.
    pub async fn add_version(
        &self,
        db: &impl ConnectionTrait,
        tenant: Uuid,
        active_from: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<i32, KeyError> {
        let version = tenant_keys::of(db, tenant).await?.iter().map(|k| k.version).max().unwrap_or(0) + 1;
        let key = DataKey::generate(tenant, version);
        let wrapped =
            WrappedKey { tenant, version, wrapped: self.kek.wrap(tenant, &key), active_from: Some(active_from) };
        tenant_keys::insert_if_absent(db, &wrapped, now).await?;
        self.open_stored(tenant_keys::of(db, tenant).await?, now)?;
        Ok(version)
    }

    /// Destroys a tenant's data keys (crypto-shredding) and stops serving it, after an
    /// audit entry that says so; returns how many keys went. What they sealed — in the
    /// database and in every backup, once the key-encryption key that wrapped them
    /// there is retired — can be read by no one.
    ///
    /// # Errors
    /// Database failures.
    pub async fn destroy(
        &self,
        db: &madoguchi_persistence::DatabaseConnection,
        tenant: &tenants::Tenant,
        now: DateTime<Utc>,
    ) -> Result<u64, KeyError> {
        use madoguchi_persistence::audit_log::{self, AuditEntry};
        let vault = self.tenant(db, tenant.id.0).await?;
        let txn = madoguchi_persistence::database::begin_write(db).await.map_err(PersistenceError::from)?;
        let entry =
            AuditEntry::by_system("keys.destroy", "tenant", Some(tenant.id.0.to_string()), serde_json::json!({}));
        audit_log::append(&txn, &tenant.scope(), &vault, entry, now).await?;
        let destroyed = tenants::destroy_keys(&txn, &tenant.scope(), now).await?;
        txn.commit().await.map_err(PersistenceError::from)?;
        self.ring.forget(tenant.id.0);
        Ok(destroyed)
    }

    /// Opens a value sealed for `place`. A value written before sealing began (a mail
    /// queued by the previous version) is returned as it is.
    ///
    /// # Errors
    /// A value that does not open.
    pub async fn open(
        &self,
        db: &impl ConnectionTrait,
        tenant: Uuid,
        place: &str,
        value: &str,
    ) -> Result<String, KeyError> {
        if !madoguchi_vault::is_sealed(value) {
            return Ok(value.to_owned());
        }
        match self.ring.open(tenant, place, value) {
            Err(VaultError::NoKey(_)) => {
                self.load_tenant(db, tenant).await?;
                Ok(self.ring.open(tenant, place, value)?)
            }
            opened => Ok(opened?),
        }
    }
}

/// How many rows of each kind a sealing pass sealed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Resealed {
    pub bookings: u64,
    pub cards: u64,
    /// The cards' history lines.
    pub history: u64,
    pub people: u64,
    pub scans: u64,
}

impl Resealed {
    #[must_use]
    pub fn total(self) -> u64 {
        self.bookings + self.cards + self.history + self.people + self.scans
    }

    fn add(&mut self, other: Self) {
        self.bookings += other.bookings;
        self.cards += other.cards;
        self.history += other.history;
        self.people += other.people;
        self.scans += other.scans;
    }
}
