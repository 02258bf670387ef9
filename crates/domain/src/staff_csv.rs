//! The staff user CSV: one file creates, changes and deletes users, checked whole
//! before anything is applied.
//!
//! Layout (header row required, columns in any order, Japanese headers accepted):
//! `action,login_id,name,roles,password,disabled`
//! - `action`: `create` | `update` | `delete` (追加 | 変更 | 削除); empty means `update`.
//! - `roles`: one or more of `admin call_center ledger viewer`, separated by `;`.
//! - `password`: required for `create`; on `update` a non-empty value resets it.
//! - `disabled`: `1`/`true` (無効) or `0`/`false`/empty.

use std::collections::{BTreeMap, HashMap};

use crate::password_policy::PasswordPolicy;
use crate::role::{Role, Roles};
use crate::staff::{LoginId, StaffName};
use crate::{FieldError, FieldErrors, csv_cell};

pub const COLUMNS: [&str; 6] = ["action", "login_id", "name", "roles", "password", "disabled"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Create,
    Update,
    Delete,
}

/// A staff user as the import sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingUser {
    pub login_id: LoginId,
    pub name: StaffName,
    pub roles: Roles,
    pub disabled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlannedChange {
    Create { name: StaffName, roles: Roles, password: String, disabled: bool },
    Update { name: StaffName, roles: Roles, disabled: bool, new_password: Option<String> },
    Delete,
    Unchanged,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedRow {
    pub line: u64,
    pub login_id: LoginId,
    pub change: PlannedChange,
}

fn column_of(header: &str) -> Option<&'static str> {
    match header.trim().trim_start_matches('\u{FEFF}').to_ascii_lowercase().as_str() {
        "action" | "操作" => Some("action"),
        "login_id" | "ログインid" => Some("login_id"),
        "name" | "氏名" | "名前" => Some("name"),
        "roles" | "権限" | "ロール" => Some("roles"),
        "password" | "パスワード" => Some("password"),
        "disabled" | "無効" => Some("disabled"),
        _ => None,
    }
}

/// One CSV record's cells, found by column name.
struct Cells<'r> {
    record: &'r csv::StringRecord,
    columns: &'r HashMap<&'static str, usize>,
}

impl<'r> Cells<'r> {
    fn get(&self, name: &str) -> &'r str {
        self.columns.get(name).and_then(|&i| self.record.get(i)).map_or("", csv_cell::restore)
    }
}

fn parse_action(cell: &str) -> Option<Action> {
    match cell.trim().to_ascii_lowercase().as_str() {
        "create" | "追加" | "新規" => Some(Action::Create),
        "update" | "変更" | "" => Some(Action::Update),
        "delete" | "削除" => Some(Action::Delete),
        _ => None,
    }
}

fn parse_flag(cell: &str) -> Option<bool> {
    match cell.trim().to_ascii_lowercase().as_str() {
        "" | "0" | "false" | "no" | "有効" => Some(false),
        "1" | "true" | "yes" | "無効" => Some(true),
        _ => None,
    }
}

/// Checks a decoded CSV against the tenant's users and plans each row.
///
/// `acting_login_id` is the administrator running the import: they cannot delete or
/// disable themselves, and the tenant must keep an enabled administrator.
///
/// # Errors
/// Every faulty cell of every line, each with its line number (the header is line 1).
pub fn plan(
    text: &str,
    existing: &[ExistingUser],
    policy: &PasswordPolicy,
    acting_login_id: &LoginId,
) -> Result<Vec<PlannedRow>, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = reader.records();

    let header = match records.next() {
        Some(Ok(header)) => header,
        _ => {
            return Err(FieldError::new("file", "import.no_header", "the first line must name the columns")
                .at_line(1)
                .into());
        }
    };
    let mut columns: HashMap<&'static str, usize> = HashMap::new();
    for (index, cell) in header.iter().enumerate() {
        match column_of(cell) {
            Some(name) if columns.insert(name, index).is_some() => {
                errors.push(
                    FieldError::new(name, "import.duplicate_column", format!("the column `{name}` appears twice"))
                        .at_line(1),
                );
            }
            Some(_) => {}
            None => errors.push(
                FieldError::new(cell.trim(), "import.unknown_column", format!("unknown column `{}`", cell.trim()))
                    .at_line(1),
            ),
        }
    }
    if !columns.contains_key("login_id") {
        errors
            .push(FieldError::new("login_id", "import.missing_column", "the column `login_id` is required").at_line(1));
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let by_login: HashMap<&LoginId, &ExistingUser> = existing.iter().map(|u| (&u.login_id, u)).collect();
    let mut seen: HashMap<LoginId, u64> = HashMap::new();
    let mut planned = Vec::new();

    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error.position().map_or(0, csv::Position::line);
                errors.push(
                    FieldError::new("file", "import.malformed", format!("the line cannot be read as CSV: {error}"))
                        .at_line(line),
                );
                continue;
            }
        };
        let line = record.position().map_or(0, csv::Position::line);
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let cells = Cells { record: &record, columns: &columns };
        let cell = |name: &str| cells.get(name);
        let mut row_errors = FieldErrors::new();
        let at = |e: FieldError| e.at_line(line);

        let action = parse_action(cell("action"));
        if action.is_none() {
            row_errors.push(at(FieldError::new(
                "action",
                "import.invalid_action",
                "action is create, update or delete",
            )));
        }
        let login_id = match LoginId::parse(cell("login_id")) {
            Ok(login_id) => Some(login_id),
            Err(e) => {
                row_errors.push(at(e.prefixed("login_id")));
                None
            }
        };
        if let Some(login_id) = &login_id
            && let Some(first) = seen.insert(login_id.clone(), line)
        {
            row_errors.push(at(FieldError::new(
                "login_id",
                "import.duplicate_row",
                format!("login ID `{login_id}` also appears on line {first}"),
            )));
        }
        let current = login_id.as_ref().and_then(|l| by_login.get(l)).copied();

        let change = match (action, &login_id) {
            (Some(Action::Delete), Some(login_id)) => {
                if current.is_none() {
                    row_errors.push(at(FieldError::new(
                        "login_id",
                        "user.not_found",
                        format!("there is no user `{login_id}` to delete"),
                    )));
                } else if login_id == acting_login_id {
                    row_errors.push(at(FieldError::new(
                        "login_id",
                        "user.cannot_delete_self",
                        "you cannot delete your own account",
                    )));
                }
                Some(PlannedChange::Delete)
            }
            (Some(action), Some(login_id)) => {
                plan_upsert(action, login_id, current, &cells, policy, &mut row_errors, line)
            }
            _ => None,
        };
        if row_errors.is_empty() {
            if let (Some(login_id), Some(change)) = (login_id, change) {
                planned.push(PlannedRow { line, login_id, change });
            }
        } else {
            errors.0.extend(row_errors.0);
        }
    }

    if errors.is_empty() {
        check_administrators_remain(existing, &planned, acting_login_id, &mut errors);
    }
    if errors.is_empty() && planned.is_empty() {
        errors.push(FieldError::new("file", "import.no_rows", "the file has a header but no user rows").at_line(2));
    }
    errors.into_result().map(|()| planned)
}

fn plan_upsert(
    action: Action,
    login_id: &LoginId,
    current: Option<&ExistingUser>,
    cells: &Cells<'_>,
    policy: &PasswordPolicy,
    errors: &mut FieldErrors,
    line: u64,
) -> Option<PlannedChange> {
    let at = |e: FieldError| e.at_line(line);
    let cell = |name: &str| cells.get(name);
    match (action, current) {
        (Action::Create, Some(_)) => {
            errors.push(at(FieldError::new(
                "login_id",
                "user.login_id_taken",
                format!("user `{login_id}` already exists"),
            )));
            return None;
        }
        (Action::Update, None) => {
            errors.push(at(FieldError::new(
                "login_id",
                "user.not_found",
                format!("there is no user `{login_id}` to update"),
            )));
            return None;
        }
        _ => {}
    }
    // On update an empty cell keeps the current value, so a file may carry only the columns it changes.
    let name = match (cell("name"), current) {
        ("", Some(user)) => Some(user.name.clone()),
        (text, _) => StaffName::parse(text).map_err(|e| errors.push(at(e.prefixed("name")))).ok(),
    };
    let roles = match (cell("roles"), current) {
        ("", Some(user)) => Some(user.roles.clone()),
        (text, _) => Roles::parse_list(text).map_err(|e| errors.push(at(e.prefixed("roles")))).ok(),
    };
    let disabled = match (cell("disabled"), current) {
        ("", Some(user)) => Some(user.disabled),
        (text, _) => parse_flag(text).or_else(|| {
            errors.push(at(FieldError::new("disabled", "import.invalid_flag", "disabled is 1 or 0")));
            None
        }),
    };
    let password = cell("password");
    if action == Action::Create && password.is_empty() {
        errors.push(at(FieldError::new("password", "validation.required", "a new user needs a password")));
    } else if !password.is_empty()
        && let Err(rule_errors) = policy.check(password, login_id.as_str())
    {
        errors.0.extend(rule_errors.0.into_iter().map(|e| at(e.prefixed("password"))));
    }
    let (name, roles, disabled) = (name?, roles?, disabled?);
    Some(match current {
        None => PlannedChange::Create { name, roles, password: password.to_owned(), disabled },
        Some(user) if user.name == name && user.roles == roles && user.disabled == disabled && password.is_empty() => {
            PlannedChange::Unchanged
        }
        Some(_) => PlannedChange::Update {
            name,
            roles,
            disabled,
            new_password: (!password.is_empty()).then(|| password.to_owned()),
        },
    })
}

/// The tenant must keep at least one enabled administrator, and the acting one
/// cannot take away their own access.
fn check_administrators_remain(
    existing: &[ExistingUser],
    planned: &[PlannedRow],
    acting: &LoginId,
    errors: &mut FieldErrors,
) {
    let mut after: BTreeMap<&LoginId, bool> =
        existing.iter().map(|u| (&u.login_id, u.roles.contains(Role::Admin) && !u.disabled)).collect();
    for row in planned {
        match &row.change {
            PlannedChange::Delete => {
                after.remove(&row.login_id);
            }
            PlannedChange::Create { roles, disabled, .. } | PlannedChange::Update { roles, disabled, .. } => {
                if &row.login_id == acting && (*disabled || !roles.contains(Role::Admin)) {
                    errors.push(
                        FieldError::new(
                            "roles",
                            "user.cannot_demote_self",
                            "you cannot disable yourself or remove your own admin role",
                        )
                        .at_line(row.line),
                    );
                }
                after.insert(&row.login_id, roles.contains(Role::Admin) && !disabled);
            }
            PlannedChange::Unchanged => {}
        }
    }
    if !after.values().any(|&admin| admin) {
        errors.push(
            FieldError::new(
                "roles",
                "user.last_admin",
                "the municipality must keep at least one enabled administrator",
            )
            .at_line(1),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(login: &str, roles: &str) -> ExistingUser {
        ExistingUser {
            login_id: LoginId::parse(login).unwrap_or_else(|e| panic!("{e}")),
            name: StaffName::parse("既存 職員").unwrap_or_else(|e| panic!("{e}")),
            roles: Roles::parse_list(roles).unwrap_or_else(|e| panic!("{e}")),
            disabled: false,
        }
    }

    fn admin() -> LoginId {
        LoginId::parse("admin").unwrap_or_else(|e| panic!("{e}"))
    }

    fn run(text: &str) -> Result<Vec<PlannedRow>, FieldErrors> {
        plan(text, &[user("admin", "admin"), user("clerk", "call_center")], &PasswordPolicy::default(), &admin())
    }

    #[test]
    fn create_update_and_delete_in_one_file() {
        let planned = run("action,login_id,name,roles,password,disabled\n\
                           create,sato,佐藤 花子,ledger,Hanako-2026!,0\n\
                           update,clerk,,viewer,,\n\
                           delete,clerk2,,,,\n");
        assert!(planned.is_err(), "clerk2 does not exist");
        let planned = run(
            "action,login_id,name,roles,password\ncreate,sato,佐藤 花子,ledger,Hanako-2026!\nupdate,clerk,,viewer,\n",
        )
        .unwrap_or_default();
        assert_eq!(planned.len(), 2);
        assert!(matches!(planned[0].change, PlannedChange::Create { .. }));
        assert!(matches!(&planned[1].change, PlannedChange::Update { roles, .. } if roles.to_list() == "viewer"));
    }

    #[test]
    fn every_bad_line_is_reported_with_its_number() {
        let errors = run("action,login_id,name,roles,password\n\
                          create,ok-user,正しい,ledger,Correct-horse-1\n\
                          create,bad user,名前,ledger,Correct-horse-1\n\
                          frobnicate,x,名前,ledger,\n\
                          create,y,名前,root,short\n")
        .err()
        .unwrap_or_default();
        let lines: Vec<(u64, &str)> = errors.0.iter().map(|e| (e.line.unwrap_or(0), e.code)).collect();
        assert_eq!(
            lines,
            vec![
                (3, "login_id.invalid"),
                (4, "import.invalid_action"),
                (5, "role.unknown"),
                (5, "password.too_short"),
                (5, "password.too_few_classes"),
            ]
        );
    }

    #[test]
    fn a_login_id_twice_in_one_file_is_refused() {
        let errors = run("login_id,name,roles\nclerk,A,viewer\nclerk,B,viewer\n").err().unwrap_or_default();
        assert_eq!(errors.0.first().map(|e| (e.line, e.code)), Some((Some(3), "import.duplicate_row")));
    }

    #[test]
    fn the_last_administrator_cannot_be_removed() {
        let errors = run("action,login_id,roles\nupdate,admin,viewer\n").err().unwrap_or_default();
        assert!(errors.0.iter().any(|e| e.code == "user.cannot_demote_self"));
        assert!(errors.0.iter().any(|e| e.code == "user.last_admin"));
    }

    #[test]
    fn japanese_headers_and_unchanged_rows() {
        let planned = run("操作,ログインID,氏名,権限\n変更,clerk,既存 職員,コールセンター\n").unwrap_or_default();
        assert_eq!(planned.first().map(|r| &r.change), Some(&PlannedChange::Unchanged));
    }

    #[test]
    fn a_header_only_file_has_nothing_to_do() {
        assert_eq!(run("login_id,name\n").err().and_then(|e| e.0.first().map(|e| e.code)), Some("import.no_rows"));
    }
}
