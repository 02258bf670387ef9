use std::sync::Arc;

use madoguchi_persistence::DatabaseConnection;
use madoguchi_persistence::card_ledger::CardLedger;

use crate::auth::tokens::TokenKeys;
use crate::clock::Clock;

/// What every handler may reach: the database, the clock and the signing keys.
/// Nothing in it is state another node would need.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub clock: Arc<dyn Clock>,
    pub tokens: Arc<TokenKeys>,
    pub options: HttpOptions,
    /// What issuance bookings check against when the tenant turns the check on.
    pub ledger: Arc<dyn CardLedger>,
    /// Turns for requests that read large files.
    pub heavy: crate::heavy_work::HeavyWork,
    /// The tenants' data keys, which seal personal data at rest.
    pub keys: crate::keys::Keys,
}

#[derive(Debug, Clone, Default)]
pub struct HttpOptions {
    /// Take the client address from the last `X-Forwarded-For` entry (set by our own
    /// reverse proxy) instead of the TCP peer.
    pub trust_forwarded: bool,
    /// Mark the refresh cookie `Secure` (the public URL is https).
    pub secure_cookies: bool,
    /// Where residents reach the service, for links in mails (no trailing slash).
    pub public_url: String,
    /// The font PDFs embed; the first of Debian's Japanese fonts found when absent.
    pub pdf_font: Option<std::path::PathBuf>,
    /// The address mails come from; calendar events name it as their organizer.
    pub mail_from: String,
}

impl AppState {
    /// The tenant's keys, to seal, open and look up its personal data with.
    ///
    /// # Errors
    /// A tenant whose key cannot be read (a server fault).
    pub async fn vault(
        &self,
        scope: &madoguchi_persistence::TenantScope,
    ) -> Result<madoguchi_vault::TenantVault, crate::keys::KeyError> {
        self.keys.tenant(&self.db, scope.tenant_id().0).await
    }
}
