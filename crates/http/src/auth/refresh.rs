//! The refresh token: `{tenant}.{session}.{secret}` in an HttpOnly, SameSite=Strict
//! cookie scoped to `/api/v1/auth`. Only a SHA-256 of the secret is stored, and it
//! changes on every refresh, so a replayed cookie is refused.

use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use madoguchi_domain::ids::{SessionId, TenantId};
use rand::RngCore;
use sha2::{Digest, Sha256};
use uuid::Uuid;

pub const COOKIE_NAME: &str = "madoguchi_refresh";
pub const COOKIE_PATH: &str = "/api/v1/auth";

pub struct RefreshToken {
    pub tenant: TenantId,
    pub session: SessionId,
    pub secret: String,
}

#[must_use]
pub fn new_secret() -> String {
    let mut bytes = [0_u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

#[must_use]
pub fn hash_secret(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

impl RefreshToken {
    #[must_use]
    pub fn parse(value: &str) -> Option<Self> {
        let mut parts = value.splitn(3, '.');
        let tenant = TenantId(Uuid::parse_str(parts.next()?).ok()?);
        let session = SessionId(Uuid::parse_str(parts.next()?).ok()?);
        let secret = parts.next().filter(|s| !s.is_empty())?.to_owned();
        Some(Self { tenant, session, secret })
    }

    #[must_use]
    pub fn cookie(&self, max_age_seconds: i64, secure: bool) -> Cookie<'static> {
        Cookie::build(COOKIE_NAME, format!("{}.{}.{}", self.tenant.0, self.session.0, self.secret))
            .path(COOKIE_PATH)
            .http_only(true)
            .secure(secure)
            .same_site(SameSite::Strict)
            .max_age(CookieDuration::seconds(max_age_seconds.max(0)))
            .finish()
    }
}

/// A cookie that makes the browser forget the refresh token.
#[must_use]
pub fn removal_cookie(secure: bool) -> Cookie<'static> {
    let mut cookie = Cookie::build(COOKIE_NAME, "")
        .path(COOKIE_PATH)
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Strict)
        .finish();
    cookie.make_removal();
    cookie
}
