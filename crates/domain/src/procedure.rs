//! What residents come to the counter for, and what each procedure asks of them.

use std::fmt;

use crate::FieldError;

/// What kind of visit a procedure is; the card ledger cares about issuance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProcedureKind {
    /// 交付: handing over a card (交付時来庁).
    Issuance,
    /// 申請: applying for a card at the counter (申請時来庁).
    Application,
    /// 電子証明書: issuing or renewing the card's certificates.
    Certificate,
    Other,
}

impl ProcedureKind {
    pub const ALL: [Self; 4] = [Self::Issuance, Self::Application, Self::Certificate, Self::Other];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Issuance => "issuance",
            Self::Application => "application",
            Self::Certificate => "certificate",
            Self::Other => "other",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == text)
    }
}

impl fmt::Display for ProcedureKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a procedure asks for an applicant field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Requirement {
    Required,
    Optional,
    Hidden,
}

impl Requirement {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Required => "required",
            Self::Optional => "optional",
            Self::Hidden => "hidden",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        [Self::Required, Self::Optional, Self::Hidden].into_iter().find(|r| r.as_str() == text)
    }
}

/// The applicant fields a procedure may ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldRules {
    pub management_number: Requirement,
    pub name: Requirement,
    pub name_kana: Requirement,
    pub birth_date: Requirement,
    pub address: Requirement,
    pub phone: Requirement,
    pub email: Requirement,
}

impl FieldRules {
    /// In PII-free mode (RES-07) the tenant never asks for nor stores names and
    /// addresses: whatever a procedure says, they are hidden.
    #[must_use]
    pub fn effective(self, pii_free: bool) -> Self {
        if pii_free {
            Self { name: Requirement::Hidden, name_kana: Requirement::Hidden, address: Requirement::Hidden, ..self }
        } else {
            self
        }
    }

    /// # Errors
    /// `procedure.no_contact` when neither phone nor mail is asked: a booking must
    /// be reachable, and its reception number and password must reach the resident.
    pub fn validate(self) -> Result<Self, FieldError> {
        if self.phone == Requirement::Hidden && self.email == Requirement::Hidden {
            return Err(FieldError::new("fields", "procedure.no_contact", "ask for a phone number or a mail address"));
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pii_free_mode_hides_names_and_addresses_whatever_the_procedure_says() {
        let rules = FieldRules {
            management_number: Requirement::Required,
            name: Requirement::Required,
            name_kana: Requirement::Optional,
            birth_date: Requirement::Required,
            address: Requirement::Required,
            phone: Requirement::Optional,
            email: Requirement::Required,
        };
        let effective = rules.effective(true);
        assert_eq!(
            (effective.name, effective.name_kana, effective.address),
            (Requirement::Hidden, Requirement::Hidden, Requirement::Hidden)
        );
        assert_eq!(
            (effective.management_number, effective.birth_date, effective.email),
            (Requirement::Required, Requirement::Required, Requirement::Required)
        );
        assert_eq!(rules.effective(false), rules);
    }

    #[test]
    fn a_procedure_must_reach_the_resident() {
        let hidden = Requirement::Hidden;
        let rules = FieldRules {
            management_number: hidden,
            name: hidden,
            name_kana: hidden,
            birth_date: hidden,
            address: hidden,
            phone: hidden,
            email: hidden,
        };
        assert_eq!(rules.validate().map_err(|e| e.code), Err("procedure.no_contact"));
        assert!(FieldRules { email: Requirement::Optional, ..rules }.validate().is_ok());
    }
}
