//! Short-lived access tokens (HS256 JWT). Expiry is checked against the
//! application's clock rather than by the JWT library, so that it follows the same
//! time as sessions do.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, TimeDelta, Utc};
use hmac::{Hmac, Mac};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use madoguchi_domain::ids::{SessionId, StaffUserId, TenantId};
use madoguchi_domain::role::Roles;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use uuid::Uuid;

/// How long an access token lives. Short, because a revoked session must stop
/// working within a minute even on a node that does not look it up (we do look it
/// up on every request; this bounds the damage of a leaked token).
pub const ACCESS_TOKEN_LIFETIME: TimeDelta = TimeDelta::minutes(5);

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Claims {
    pub sub: Uuid,
    pub tid: Uuid,
    pub sid: Uuid,
    pub roles: Vec<String>,
    pub iat: i64,
    pub exp: i64,
}

impl Claims {
    #[must_use]
    pub fn new(
        tenant: TenantId,
        user: StaffUserId,
        session: SessionId,
        roles: &Roles,
        now: DateTime<Utc>,
        session_end: DateTime<Utc>,
    ) -> Self {
        let exp = (now + ACCESS_TOKEN_LIFETIME).min(session_end);
        Self {
            sub: user.0,
            tid: tenant.0,
            sid: session.0,
            roles: roles.iter().map(|r| r.as_str().to_owned()).collect(),
            iat: now.timestamp(),
            exp: exp.timestamp(),
        }
    }
}

/// 128 bits: far beyond guessing, short enough for a link in a mail.
const MAIL_KEY_BYTES: usize = 16;

pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    /// For the mail keys, which are HMACs rather than tokens.
    mac_key: Vec<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    Invalid,
    Expired,
}

impl TokenKeys {
    #[must_use]
    pub fn from_secret(secret: &[u8]) -> Self {
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            mac_key: secret.to_vec(),
        }
    }

    fn mail_mac(&self, tenant: TenantId, reception_number: &str) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.mac_key).unwrap_or_else(|_| unreachable!("any key length"));
        mac.update(format!("booking-mail:{}:{reception_number}", tenant.0).as_bytes());
        mac
    }

    /// The key in a booking's mail links: it proves that whoever opens the link holds
    /// the mail, so the look-up's ceiling per reception number (which a stranger may
    /// have used up) does not keep the owner out. Not a password: one is still needed.
    #[must_use]
    pub fn mail_key(&self, tenant: TenantId, reception_number: &str) -> String {
        let tag = self.mail_mac(tenant, reception_number).finalize().into_bytes();
        URL_SAFE_NO_PAD.encode(&tag[..MAIL_KEY_BYTES])
    }

    /// A keyed hash of `value` for tables that must find it again without holding it
    /// (a mail address in the rate limits): not reversible without the secret.
    #[must_use]
    pub fn opaque_key(&self, value: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.mac_key).unwrap_or_else(|_| unreachable!("any key length"));
        mac.update(b"opaque:");
        mac.update(value.as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }

    /// Whether `key` is the mail key of that booking (compared in constant time).
    #[must_use]
    pub fn is_mail_key(&self, tenant: TenantId, reception_number: &str, key: &str) -> bool {
        URL_SAFE_NO_PAD
            .decode(key)
            .ok()
            .filter(|bytes| bytes.len() == MAIL_KEY_BYTES)
            .is_some_and(|bytes| self.mail_mac(tenant, reception_number).verify_truncated_left(&bytes).is_ok())
    }

    /// # Errors
    /// When signing fails (it does not with an HMAC key).
    pub fn issue(&self, claims: &Claims) -> Result<String, jsonwebtoken::errors::Error> {
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &self.encoding)
    }

    /// # Errors
    /// [`TokenError::Invalid`] for a token not signed by us or malformed,
    /// [`TokenError::Expired`] for one past its `exp` at `now`.
    pub fn verify(&self, token: &str, now: DateTime<Utc>) -> Result<Claims, TokenError> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.validate_exp = false;
        validation.required_spec_claims = ["exp", "sub"].iter().map(|s| (*s).to_owned()).collect();
        let claims =
            jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation).map_err(|_| TokenError::Invalid)?.claims;
        if claims.exp <= now.timestamp() {
            return Err(TokenError::Expired);
        }
        Ok(claims)
    }
}

/// How long a resident's look-up lasts for changing or cancelling.
pub const BOOKING_TOKEN_LIFETIME: TimeDelta = TimeDelta::minutes(15);

/// What a resident holds after looking a booking up: the right to see, change or
/// cancel that one booking for a few minutes. It has no `sub`, so it never passes
/// for a staff token, and staff tokens lack `bid`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct BookingClaims {
    pub tid: Uuid,
    pub bid: Uuid,
    pub typ: String,
    pub exp: i64,
}

impl TokenKeys {
    /// # Errors
    /// When signing fails.
    pub fn issue_booking(
        &self,
        tenant: TenantId,
        booking: Uuid,
        now: DateTime<Utc>,
    ) -> Result<(String, i64), jsonwebtoken::errors::Error> {
        let claims = BookingClaims {
            tid: tenant.0,
            bid: booking,
            typ: "booking".to_owned(),
            exp: (now + BOOKING_TOKEN_LIFETIME).timestamp(),
        };
        Ok((
            jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)?,
            BOOKING_TOKEN_LIFETIME.num_seconds(),
        ))
    }

    /// # Errors
    /// As [`TokenKeys::verify`].
    pub fn verify_booking(&self, token: &str, now: DateTime<Utc>) -> Result<BookingClaims, TokenError> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.validate_exp = false;
        validation.required_spec_claims = std::iter::once("exp".to_owned()).collect();
        let claims = jsonwebtoken::decode::<BookingClaims>(token, &self.decoding, &validation)
            .map_err(|_| TokenError::Invalid)?
            .claims;
        if claims.typ != "booking" {
            return Err(TokenError::Invalid);
        }
        if claims.exp <= now.timestamp() {
            return Err(TokenError::Expired);
        }
        Ok(claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use madoguchi_domain::role::Role;

    fn claims(now: DateTime<Utc>) -> Claims {
        let roles = Roles::parse([Role::Admin.as_str()]).unwrap_or_else(|e| panic!("{e}"));
        Claims::new(
            TenantId::generate(),
            StaffUserId::generate(),
            SessionId::generate(),
            &roles,
            now,
            now + TimeDelta::hours(8),
        )
    }

    #[test]
    fn a_token_verifies_until_it_expires() {
        let keys = TokenKeys::from_secret(b"0123456789abcdef0123456789abcdef");
        let now = Utc::now();
        let token = keys.issue(&claims(now)).unwrap_or_default();
        assert_eq!(keys.verify(&token, now + TimeDelta::minutes(4)).map(|c| c.roles), Ok(vec!["admin".to_owned()]));
        assert_eq!(keys.verify(&token, now + TimeDelta::minutes(5)), Err(TokenError::Expired));
    }

    #[test]
    fn a_token_signed_with_another_key_is_invalid() {
        let now = Utc::now();
        let token = TokenKeys::from_secret(b"another key of thirty-two bytes!").issue(&claims(now)).unwrap_or_default();
        let keys = TokenKeys::from_secret(b"0123456789abcdef0123456789abcdef");
        assert_eq!(keys.verify(&token, now), Err(TokenError::Invalid));
    }

    #[test]
    fn staff_and_booking_tokens_cannot_stand_in_for_each_other() {
        let keys = TokenKeys::from_secret(b"0123456789abcdef0123456789abcdef");
        let now = Utc::now();
        let staff = keys.issue(&claims(now)).unwrap_or_default();
        let (booking, _) = keys.issue_booking(TenantId::generate(), Uuid::now_v7(), now).unwrap_or_default();
        assert_eq!(keys.verify_booking(&staff, now), Err(TokenError::Invalid));
        assert_eq!(keys.verify(&booking, now), Err(TokenError::Invalid));
        assert!(keys.verify_booking(&booking, now).is_ok());
    }

    #[test]
    fn the_token_never_outlives_its_session() {
        let now = Utc::now();
        let roles = Roles::parse(["viewer"]).unwrap_or_else(|e| panic!("{e}"));
        let c = Claims::new(
            TenantId::generate(),
            StaffUserId::generate(),
            SessionId::generate(),
            &roles,
            now,
            now + TimeDelta::minutes(1),
        );
        assert_eq!(c.exp, (now + TimeDelta::minutes(1)).timestamp());
    }
}
