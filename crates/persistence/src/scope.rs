use madoguchi_domain::ids::TenantId;

/// Proof that the caller works inside one tenant. Built from a tenant resolved by
/// slug or from a verified token's `tid`; repositories filter every query by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TenantScope {
    tenant_id: TenantId,
}

impl TenantScope {
    /// For a tenant ID taken from a verified staff token.
    #[must_use]
    pub fn from_verified(tenant_id: TenantId) -> Self {
        Self { tenant_id }
    }

    #[must_use]
    pub fn tenant_id(&self) -> TenantId {
        self.tenant_id
    }

    pub(crate) fn uuid(&self) -> uuid::Uuid {
        self.tenant_id.0
    }
}
