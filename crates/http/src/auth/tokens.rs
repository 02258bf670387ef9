//! Short-lived access tokens (HS256 JWT). Expiry is checked against the
//! application's clock rather than by the JWT library, so that it follows the same
//! time as sessions do.

use chrono::{DateTime, TimeDelta, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use madoguchi_domain::ids::{SessionId, StaffUserId, TenantId};
use madoguchi_domain::role::Roles;
use serde::{Deserialize, Serialize};
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

pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    Invalid,
    Expired,
}

impl TokenKeys {
    #[must_use]
    pub fn from_secret(secret: &[u8]) -> Self {
        Self { encoding: EncodingKey::from_secret(secret), decoding: DecodingKey::from_secret(secret) }
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
