//! What a staff user may do. A user holds one or more roles.

use std::collections::BTreeSet;
use std::fmt;

use crate::FieldError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Municipal administrator: configuration, users, audit log.
    Admin,
    /// Books, changes and cancels on a resident's behalf.
    CallCenter,
    /// Card ledger and issuance work.
    Ledger,
    /// Reads, never writes.
    Viewer,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::CallCenter, Role::Ledger, Role::Viewer];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::CallCenter => "call_center",
            Role::Ledger => "ledger",
            Role::Viewer => "viewer",
        }
    }

    /// Accepts the claim name and, for CSV files typed by clerks, the Japanese label.
    #[must_use]
    pub fn parse(input: &str) -> Option<Self> {
        match input.trim().to_ascii_lowercase().as_str() {
            "admin" | "管理者" => Some(Role::Admin),
            "call_center" | "callcenter" | "コールセンター" => Some(Role::CallCenter),
            "ledger" | "カード管理" | "管理簿" => Some(Role::Ledger),
            "viewer" | "閲覧" | "閲覧者" => Some(Role::Viewer),
            _ => None,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A non-empty set of roles.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Roles(BTreeSet<Role>);

impl Roles {
    /// # Errors
    /// `role.required` when empty, `role.unknown` naming a role that does not exist.
    pub fn parse<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<Self, FieldError> {
        let mut roles = BTreeSet::new();
        for name in names.into_iter().map(str::trim).filter(|n| !n.is_empty()) {
            let role = Role::parse(name).ok_or_else(|| {
                FieldError::new(
                    "",
                    "role.unknown",
                    format!("unknown role `{name}`: use admin, call_center, ledger or viewer"),
                )
            })?;
            roles.insert(role);
        }
        Self::from_set(roles)
    }

    /// Roles written in one text cell, separated by spaces, `;`, `,`, `|` or `、`.
    ///
    /// # Errors
    /// As [`Roles::parse`].
    pub fn parse_list(text: &str) -> Result<Self, FieldError> {
        Self::parse(text.split(|c: char| c.is_whitespace() || matches!(c, ';' | ',' | '|' | '、' | '\u{3000}')))
    }

    /// # Errors
    /// `role.required` when the set is empty.
    pub fn from_set(roles: BTreeSet<Role>) -> Result<Self, FieldError> {
        if roles.is_empty() {
            return Err(FieldError::new("", "role.required", "at least one role is required"));
        }
        Ok(Self(roles))
    }

    #[must_use]
    pub fn contains(&self, role: Role) -> bool {
        self.0.contains(&role)
    }

    #[must_use]
    pub fn contains_any(&self, roles: &[Role]) -> bool {
        roles.iter().any(|r| self.0.contains(r))
    }

    pub fn iter(&self) -> impl Iterator<Item = Role> + '_ {
        self.0.iter().copied()
    }

    /// The stored and exported form: `admin;ledger`.
    #[must_use]
    pub fn to_list(&self) -> String {
        self.iter().map(Role::as_str).collect::<Vec<_>>().join(";")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_of_roles_parses_with_any_usual_separator() {
        let roles = Roles::parse_list("admin; ledger、閲覧").map(|r| r.to_list());
        assert_eq!(roles, Ok("admin;ledger;viewer".to_owned()));
    }

    #[test]
    fn an_unknown_role_is_named() {
        let error = Roles::parse_list("admin superuser").err().map(|e| e.message);
        assert!(error.is_some_and(|m| m.contains("superuser")));
    }

    #[test]
    fn no_role_at_all_is_refused() {
        assert_eq!(Roles::parse_list(" ; ").err().map(|e| e.code), Some("role.required"));
    }
}
