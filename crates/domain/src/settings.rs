//! A tenant's own settings: what its administrator may change without us.

use crate::password_policy::PasswordPolicy;
use crate::{FieldError, FieldErrors, width};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenantSettings {
    /// Shown as the site's and the staff screens' title (e.g. デモ市 マイナンバーカード予約).
    pub service_name: String,
    /// A non-public site refuses resident bookings and shows `closed_message`.
    pub site_public: bool,
    pub closed_message: String,
    /// A staff session ends this long after sign-in, whatever the activity.
    pub session_timeout_minutes: u16,
    /// A staff session ends after this long without a request.
    pub idle_timeout_minutes: u16,
    /// Wrong passwords in a row that lock a sign-in.
    pub lockout_threshold: u8,
    /// How long the first lock lasts; each lock-out in a row doubles it (at most a day).
    pub lockout_minutes: u16,
    pub password_policy: PasswordPolicy,
    /// The counter's phone number residents call for help, as the municipality writes
    /// it (`0120-123-456`); empty until set.
    pub contact_phone: String,
    /// When that phone is answered (平日 8:30〜17:15); empty until set.
    pub contact_hours: String,
}

impl TenantSettings {
    #[must_use]
    pub fn lockout_policy(&self) -> crate::sign_in::LockoutPolicy {
        crate::sign_in::LockoutPolicy { threshold: self.lockout_threshold, lock_minutes: self.lockout_minutes }
    }

    #[must_use]
    pub fn defaults_for(tenant_name: &str) -> Self {
        Self {
            service_name: format!("{tenant_name} マイナンバーカード窓口予約"),
            site_public: true,
            closed_message: String::new(),
            session_timeout_minutes: 8 * 60,
            idle_timeout_minutes: 30,
            lockout_threshold: 5,
            lockout_minutes: 15,
            password_policy: PasswordPolicy::default(),
            contact_phone: String::new(),
            contact_hours: String::new(),
        }
    }
}

/// A partial change; absent fields keep their value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SettingsChange {
    pub service_name: Option<String>,
    pub site_public: Option<bool>,
    pub closed_message: Option<String>,
    pub session_timeout_minutes: Option<i64>,
    pub idle_timeout_minutes: Option<i64>,
    pub lockout_threshold: Option<i64>,
    pub lockout_minutes: Option<i64>,
    pub password_min_length: Option<i64>,
    pub password_min_classes: Option<i64>,
    pub contact_phone: Option<String>,
    pub contact_hours: Option<String>,
}

fn in_range<T: TryFrom<i64>>(field: &str, value: i64, min: i64, max: i64, errors: &mut FieldErrors) -> Option<T> {
    if (min..=max).contains(&value) {
        T::try_from(value).ok()
    } else {
        errors.push(FieldError::new(
            field,
            "validation.out_of_range",
            format!("{field} must be between {min} and {max}"),
        ));
        None
    }
}

impl SettingsChange {
    /// Applies the change to the current settings, checking each field and how they relate.
    ///
    /// # Errors
    /// Every faulty field at once.
    pub fn apply_to(&self, current: &TenantSettings) -> Result<TenantSettings, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut next = current.clone();
        if let Some(name) = &self.service_name {
            let name = width::trim_text(name);
            if name.is_empty() {
                errors.push(FieldError::new("service_name", "validation.required", "a service name is required"));
            } else if name.chars().count() > 100 {
                errors.push(FieldError::new(
                    "service_name",
                    "validation.too_long",
                    "a service name is at most 100 characters",
                ));
            } else {
                name.clone_into(&mut next.service_name);
            }
        }
        if let Some(public) = self.site_public {
            next.site_public = public;
        }
        if let Some(message) = &self.closed_message {
            if message.chars().count() > 2000 {
                errors.push(FieldError::new(
                    "closed_message",
                    "validation.too_long",
                    "the message is at most 2000 characters",
                ));
            } else {
                message.trim().clone_into(&mut next.closed_message);
            }
        }
        if let Some(v) = self.session_timeout_minutes {
            next.session_timeout_minutes =
                in_range("session_timeout_minutes", v, 5, 24 * 60, &mut errors).unwrap_or(next.session_timeout_minutes);
        }
        if let Some(v) = self.idle_timeout_minutes {
            next.idle_timeout_minutes =
                in_range("idle_timeout_minutes", v, 1, 8 * 60, &mut errors).unwrap_or(next.idle_timeout_minutes);
        }
        if let Some(v) = self.lockout_threshold {
            next.lockout_threshold =
                in_range("lockout_threshold", v, 1, 20, &mut errors).unwrap_or(next.lockout_threshold);
        }
        if let Some(v) = self.lockout_minutes {
            next.lockout_minutes =
                in_range("lockout_minutes", v, 1, 24 * 60, &mut errors).unwrap_or(next.lockout_minutes);
        }
        if let Some(v) = self.password_min_length {
            next.password_policy.min_length =
                in_range("password_min_length", v, 8, 64, &mut errors).unwrap_or(next.password_policy.min_length);
        }
        if let Some(v) = self.password_min_classes {
            next.password_policy.min_classes =
                in_range("password_min_classes", v, 1, 4, &mut errors).unwrap_or(next.password_policy.min_classes);
        }
        if let Some(phone) = &self.contact_phone {
            match contact_phone(phone) {
                Ok(phone) => next.contact_phone = phone,
                Err(error) => errors.push(error),
            }
        }
        if let Some(hours) = &self.contact_hours {
            let hours = width::trim_text(hours);
            if hours.chars().count() > 100 {
                errors.push(FieldError::new("contact_hours", "validation.too_long", "at most 100 characters"));
            } else if hours.chars().any(char::is_control) {
                errors.push(FieldError::new("contact_hours", "validation.control_character", "one line"));
            } else {
                next.contact_hours = hours.to_owned();
            }
        }
        if errors.is_empty() && next.idle_timeout_minutes > next.session_timeout_minutes {
            errors.push(FieldError::new(
                "idle_timeout_minutes",
                "settings.idle_longer_than_session",
                "the idle timeout cannot be longer than the session timeout",
            ));
        }
        errors.into_result().map(|()| next)
    }
}

/// A phone number as the municipality groups it: full-width digits and hyphens folded,
/// spaces made hyphens; 10 or 11 digits starting with 0. Empty clears it.
fn contact_phone(input: &str) -> Result<String, FieldError> {
    let text = width::fold_to_ascii(width::trim_text(input)).replace(' ', "-");
    if text.is_empty() {
        return Ok(text);
    }
    let digits = text.chars().filter(char::is_ascii_digit).count();
    if !(10..=11).contains(&digits) || !text.starts_with('0') || !text.chars().all(|c| c.is_ascii_digit() || c == '-') {
        return Err(FieldError::new(
            "contact_phone",
            "phone.invalid",
            "a phone number is 10 or 11 digits starting with 0, hyphens allowed",
        ));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_out_of_range_field_is_named() {
        let change = SettingsChange {
            idle_timeout_minutes: Some(0),
            lockout_threshold: Some(99),
            service_name: Some("  ".into()),
            ..Default::default()
        };
        let fields: Vec<String> = change
            .apply_to(&TenantSettings::defaults_for("デモ市"))
            .err()
            .map(|e| e.0.into_iter().map(|e| e.field).collect())
            .unwrap_or_default();
        assert_eq!(fields, vec!["service_name", "idle_timeout_minutes", "lockout_threshold"]);
    }

    #[test]
    fn the_contact_phone_keeps_the_municipality_s_grouping() {
        let current = TenantSettings::defaults_for("デモ市");
        let change = |phone: &str| SettingsChange { contact_phone: Some(phone.into()), ..Default::default() };
        assert_eq!(
            change("０４２２－１２－３４５６").apply_to(&current).map(|s| s.contact_phone),
            Ok("0422-12-3456".into())
        );
        assert_eq!(change("").apply_to(&current).map(|s| s.contact_phone), Ok(String::new()));
        let refused = change("042-12").apply_to(&current).err().map(|e| e.0[0].code);
        assert_eq!(refused, Some("phone.invalid"));
    }

    #[test]
    fn idle_timeout_cannot_outlast_the_session() {
        let change =
            SettingsChange { session_timeout_minutes: Some(30), idle_timeout_minutes: Some(60), ..Default::default() };
        assert!(change.apply_to(&TenantSettings::defaults_for("デモ市")).is_err());
    }

    #[test]
    fn a_valid_change_keeps_the_other_fields() {
        let current = TenantSettings::defaults_for("デモ市");
        let next = SettingsChange { lockout_threshold: Some(3), ..Default::default() }.apply_to(&current);
        assert_eq!(next.map(|s| (s.lockout_threshold, s.service_name)), Ok((3, current.service_name)));
    }
}
