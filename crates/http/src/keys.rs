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
    ring: Keyring,
    booking_passwords: Arc<HashKey>,
}

impl Keys {
    /// Keys opened with the KEK derived from `secret`.
    #[must_use]
    pub fn new(secret: &[u8]) -> Self {
        Self {
            kek: Arc::new(Kek::from_secret(secret)),
            ring: Keyring::default(),
            booking_passwords: Arc::new(HashKey::from_secret(secret, "booking-passwords")),
        }
    }

    /// The key booking passwords are hashed with (`auth::password::hash_booking`).
    #[must_use]
    pub fn booking_passwords(&self) -> &HashKey {
        &self.booking_passwords
    }

    /// Opens every stored key, and makes one for each tenant that has none.
    ///
    /// # Errors
    /// [`VaultError::WrongKey`] when the configured key is not the one the keys were
    /// wrapped with; database failures.
    pub async fn load(&self, db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<(), KeyError> {
        self.open_stored(tenant_keys::all(db).await?)?;
        for tenant in tenants::all(db).await? {
            if self.ring.current(tenant.id.0).is_none() {
                self.make(db, tenant.id.0, now).await?;
            }
        }
        Ok(())
    }

    /// Makes the tenant's first data key (kept once, however many nodes try at once)
    /// and opens what was kept. Not inside another transaction: the key must outlive
    /// whatever that transaction does.
    ///
    /// # Errors
    /// As [`Keys::load`].
    pub async fn make(&self, db: &impl ConnectionTrait, tenant: Uuid, now: DateTime<Utc>) -> Result<(), KeyError> {
        let key = DataKey::generate(tenant, 1);
        let wrapped = WrappedKey { tenant, version: 1, wrapped: self.kek.wrap(tenant, &key) };
        tenant_keys::insert_if_absent(db, &wrapped, now).await?;
        self.load_tenant(db, tenant).await
    }

    async fn load_tenant(&self, db: &impl ConnectionTrait, tenant: Uuid) -> Result<(), KeyError> {
        self.open_stored(tenant_keys::of(db, tenant).await?)
    }

    /// Unwraps stored keys into the ring.
    fn open_stored(&self, stored: Vec<WrappedKey>) -> Result<(), KeyError> {
        for key in stored {
            self.ring.insert(self.kek.unwrap(key.tenant, key.version, &key.wrapped)?);
        }
        Ok(())
    }

    /// The tenant's newest key, read from the database when another node made it.
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

    /// Seals every tenant's bookings stored before sealing began, a batch per
    /// transaction; returns how many.
    ///
    /// # Errors
    /// Database failures (what was sealed stays sealed).
    pub async fn seal_written_before(&self, db: &madoguchi_persistence::DatabaseConnection) -> Result<u64, KeyError> {
        let mut sealed = 0;
        for tenant in tenants::all(db).await? {
            let scope = tenant.scope();
            let vault = self.tenant(db, tenant.id.0).await?;
            loop {
                let txn = madoguchi_persistence::database::begin_write(db).await.map_err(PersistenceError::from)?;
                let done = madoguchi_persistence::bookings::seal_written_before(&txn, &scope, &vault, 200).await?;
                txn.commit().await.map_err(PersistenceError::from)?;
                sealed += done;
                if done == 0 {
                    break;
                }
            }
        }
        Ok(sealed)
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
