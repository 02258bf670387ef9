//! The API's rules that JSON Schema cannot say: one field compared with another, a
//! value checked against what is stored, a file's or a QR code's content. The document
//! lists them per operation under `x-rules` and in the operation's 422 answer, so that
//! an integrator knows every reason a well-formed request may still be refused, and the
//! API fuzz run (`scripts/api-fuzz.sh`) holds each 422 to schema-valid data to them.

use serde::Serialize;

/// One rule: the problem code a refusal names, the field it names, what it asks.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Rule {
    pub code: &'static str,
    pub field: &'static str,
    pub rule: &'static str,
}

const fn rule(code: &'static str, field: &'static str, says: &'static str) -> Rule {
    Rule { code, field, rule: says }
}

const REVERSED: Rule = rule("validation.period_reversed", "to", "`to` is on or after `from`");
const TOO_LONG: Rule = rule("validation.period_too_long", "to", "at most 62 days from `from` to `to`");
const CHECK_DIGIT: Rule = rule(
    "reception_number.check_digit",
    "reception_number",
    "the last digit is the Luhn check digit of the nine before",
);
const DATE_FIELD: Rule = rule("validation.required", "date_field", "`date_from` or `date_to` needs `date_field`");
const FILTER_RANGE: Rule = rule("validation.range", "date_to", "`date_to` is on or after `date_from`");
/// The cards of a bulk action: those chosen, or every card a search finds.
const SELECTION: &[Rule] = &[
    rule("ledger.selection", "ids", "either `ids` (at least one) or `filter`, not both"),
    rule("ledger.too_many", "ids", "at most 20,000 cards at once"),
    rule("ledger.card_not_found", "ids", "cards of the ledger"),
    rule("validation.required", "filter.date_field", "`date_from` or `date_to` needs `date_field`"),
    rule("validation.range", "filter.date_to", "`date_to` is on or after `date_from`"),
    rule("ledger.too_many", "filter", "at most 20,000 cards match"),
    rule("ledger.nothing_matches", "filter", "some card matches"),
];
/// A file of lines: what each line must hold is the kind's columns, beyond the schema.
const FILE: &[Rule] = &[
    rule("import.empty", "file", "the file has lines"),
    rule("import.unknown_encoding", "file", "UTF-8 or Shift_JIS (CP932)"),
    rule("import.invalid", "", "every line holds the kind's columns and values; each error names its line"),
];

/// A slot chosen must be one the schedule and the booking window offer now.
const SLOT: &[Rule] = &[
    rule("booking.closed_day", "start", "the counter is open that day"),
    rule("booking.outside_hours", "start", "a slot of the counter's hours starts then"),
    rule("booking.outside_period", "start", "the day is within the booking period"),
    rule("booking.window_not_open", "start", "bookings for the day have opened"),
    rule("booking.window_closed", "start", "bookings for the slot have not closed"),
];
/// Staff book outside the residents' window, but not a slot that has begun.
const STAFF_SLOT: &[Rule] = &[
    rule("booking.closed_day", "start", "the counter is open that day"),
    rule("booking.outside_hours", "start", "a slot of the counter's hours starts then"),
    rule("booking.in_past", "start", "the slot has not begun"),
];
/// Which applicant fields are asked depends on the procedure (`GET /public/{tenant}/procedures`).
const APPLICANTS: &[Rule] = &[
    rule("validation.required", "applicants", "at least one applicant"),
    rule("booking.too_many_applicants", "applicants", "at most the procedure's `max_applicants`"),
    rule("validation.required", "applicants.management_number", "when the procedure asks for it"),
    rule("validation.required", "applicants.name", "when the procedure asks for it"),
    rule("validation.required", "applicants.name_kana", "when the procedure asks for it"),
    rule("validation.required", "applicants.birth_date", "when the procedure asks for it"),
    rule("validation.required", "applicants.address", "when the procedure asks for it"),
    rule("birth_date.out_of_range", "applicants.birth_date", "from 1900-01-01 to today"),
    rule("validation.required", "email", "when the procedure asks for it"),
    rule("validation.required", "phone", "when the procedure asks for it"),
];

/// A QR payload is read by the tenant's layout (`GET /ledger/settings`): its fields
/// are named by the layout, so a rule for `*` stands for any of them.
const QR: &[Rule] = &[
    rule("qr.unreadable", "payload", "one line of fields"),
    rule("qr.field_count", "payload", "as many fields as the layout has"),
    rule("validation.required", "*", "the management number is there"),
    rule("management_number.invalid", "*", "3 letters or digits and 6 digits"),
    rule("application_id.invalid", "*", "the application ID's form"),
    rule("shipment_number.invalid", "*", "the shipment number's form"),
    rule("qr.invalid_text", "*", "names up to 100 characters, addresses up to 200, no control characters"),
    rule("qr.invalid_flag", "*", "a certificate flag is 0 or 1"),
    rule("birth_date.invalid", "*", "a date `YYYYMMDD`"),
    rule("sex.invalid", "*", "a known code"),
    rule("visit_method.invalid", "*", "a known code"),
    rule("kind.invalid", "*", "a known code"),
];

/// The rules of each operation, by operation ID, in groups.
pub const RULES: &[(&str, &[&[Rule]])] = &[
    ("create_booking", &[SLOT, APPLICANTS]),
    ("create_staff_booking", &[STAFF_SLOT, APPLICANTS]),
    (
        "create_hold",
        &[SLOT, &[rule("booking.too_many_applicants", "places", "at most the procedure's `max_applicants`")]],
    ),
    (
        "change_staff_booking",
        &[STAFF_SLOT, &[rule("booking.too_many_applicants", "applicants", "at most the booking's applicants")]],
    ),
    ("change_booking", &[SLOT]),
    ("search_bookings", &[&[REVERSED, CHECK_DIGIT]]),
    (
        "export_bookings",
        &[&[REVERSED, CHECK_DIGIT, rule("booking.export_too_large", "to", "at most 20,000 bookings match")]],
    ),
    ("calendar", &[&[REVERSED, TOO_LONG]]),
    ("get_availability", &[&[REVERSED, TOO_LONG]]),
    ("search_audit_log", &[&[rule("validation.period_reversed", "until", "`until` is on or after `from`")]]),
    ("export_audit_log", &[&[rule("validation.period_reversed", "until", "`until` is on or after `from`")]]),
    ("search_cards", &[&[DATE_FIELD, FILTER_RANGE]]),
    (
        "export_cards",
        &[&[
            DATE_FIELD,
            FILTER_RANGE,
            rule("export.too_large_for_xlsx", "format", "at most 100,000 cards in a workbook; CSV takes any number"),
        ]],
    ),
    ("bulk_steps", &[SELECTION]),
    (
        "move_cards",
        &[
            SELECTION,
            &[rule("ledger.unknown_storage", "storage_location", "a storage location of the ledger, or blank")],
        ],
    ),
    ("find_people", &[&[rule("validation.required", "name", "a name or a birth date")]]),
    ("lookup_booking", &[&[CHECK_DIGIT]]),
    (
        "edit_card",
        &[&[
            rule("ledger.nothing_to_change", "version", "at least one field besides `version`"),
            rule("ledger.unknown_storage", "storage_location", "a storage location of the ledger, or blank"),
        ]],
    ),
    (
        "take_step",
        &[&[
            rule("validation.required", "inspection_result", "`inspect` needs `inspection_result`"),
            rule("validation.required", "reason", "`cancel`, `abolish` and `dispose` need a reason"),
        ]],
    ),
    ("mark_no_shows", &[&[rule("booking.future_day", "date", "no-shows are marked on the day or later, never ahead")]]),
    ("import_issuance", &[FILE]),
    ("import_legacy", &[FILE]),
    ("import_people", &[FILE]),
    ("import_renewal_list", &[FILE]),
    ("import_postal_codes", &[FILE]),
    ("import_holidays", &[FILE]),
    (
        "scan_images",
        &[&[
            rule("scan.unknown_format", "file", "a PNG, JPEG or PDF file"),
            rule("scan.unreadable", "file", "an image or PDF that can be read"),
            rule("scan.too_large", "file", "at most 100 pages, 60 Mpx a page and 60 s of reading"),
            rule("scan.no_code", "file", "a QR code on some page"),
        ]],
    ),
    ("add_scan", &[QR]),
    (
        "put_ledger_settings",
        &[&[
            rule("layout.separator", "qr_layout", "the separator after `;` is one character, or `tab`"),
            rule("layout.duplicate_field", "qr_layout", "each field once"),
            rule("layout.unknown_field", "qr_layout", "fields the QR code may carry"),
            rule("layout.no_management_number", "qr_layout", "the layout has `management_number`"),
            rule("import.unknown_kind", "*", "mappings for `issuance`, `legacy`, `renewal` or `people`"),
            rule("import.unknown_field", "*", "fields the kind carries"),
            rule("validation.length", "*", "a column name of 1 to 100 characters"),
        ]],
    ),
    (
        "update_notice",
        &[&[rule("validation.period_reversed", "publish_until", "`publish_until` is after `publish_from`")]],
    ),
    (
        "create_notice",
        &[&[rule("validation.period_reversed", "publish_until", "`publish_until` is after `publish_from`")]],
    ),
    (
        "update_settings",
        &[&[rule(
            "settings.idle_longer_than_session",
            "idle_timeout_minutes",
            "the idle timeout is at most the session timeout",
        )]],
    ),
    ("reorder_notices", &[&[rule("notice.order_mismatch", "ids", "every notice of the kind, each once")]]),
    (
        "preview_mail_template",
        &[&[rule("template.missing_placeholder", "body", "the kind's required placeholders appear")]],
    ),
    (
        "update_location",
        &[&[
            rule("validation.required", "version", "a change sends the `version` it edited"),
            rule(
                "schedule.affected_booking",
                "bookings",
                "a location with bookings to come stays active; each booking is listed",
            ),
        ]],
    ),
    (
        "create_procedure",
        &[&[rule("procedure.no_contact", "fields", "`fields.phone` and `fields.email` are not both `hidden`")]],
    ),
    (
        "update_procedure",
        &[&[
            rule("procedure.no_contact", "fields", "`fields.phone` and `fields.email` are not both `hidden`"),
            rule("validation.required", "version", "a change sends the `version` it edited"),
            rule(
                "schedule.affected_booking",
                "bookings",
                "a procedure with bookings to come stays active; each booking is listed",
            ),
        ]],
    ),
    (
        "create_pool",
        &[&[
            rule("procedure.not_found", "procedure_ids", "procedures of this tenant"),
            rule(
                "schedule.affected_booking",
                "bookings",
                "a procedure taken from another pool of the location has no bookings to come",
            ),
        ]],
    ),
    (
        "set_pool_procedures",
        &[&[
            rule("procedure.not_found", "procedure_ids", "procedures of this tenant"),
            rule("schedule.affected_booking", "bookings", "a procedure withdrawn has no bookings to come"),
        ]],
    ),
    (
        "set_week",
        &[&[
            rule("schedule.band_reversed", "weekdays.bands", "each band ends after it starts"),
            rule("schedule.band_overlap", "weekdays.bands", "an open day's bands do not overlap"),
            rule(
                "validation.required",
                "weekdays.bands",
                "an open day has at least one band (blank items count for none)",
            ),
            rule("schedule.affected_booking", "bookings", "no booked slot loses its place"),
        ]],
    ),
    (
        "set_weekday",
        &[&[
            rule("validation.required", "bands", "an open day has at least one opening band"),
            rule("schedule.band_reversed", "bands", "each band ends after it starts"),
            rule("schedule.band_overlap", "bands", "the bands do not overlap"),
            rule("schedule.affected_booking", "bookings", "no booked slot loses its place"),
        ]],
    ),
    (
        "set_date",
        &[&[
            rule(
                "schedule.closed_or_plan",
                "plan",
                "either `closed: true` without `plan`, or `closed: false` with `plan`",
            ),
            rule("validation.required", "bands", "an open date has at least one opening band"),
            rule("schedule.band_reversed", "bands", "each band ends after it starts"),
            rule("schedule.band_overlap", "bands", "the bands do not overlap"),
            rule(
                "schedule.affected_booking",
                "bookings",
                "a date with bookings changes only with `cancel_bookings` naming exactly the bookings listed",
            ),
        ]],
    ),
    (
        "put_booking_rules",
        &[&[
            rule("booking_rules.window_reversed", "closes", "the booking window closes after it opens"),
            rule("validation.period_reversed", "last_date", "`last_date` is on or after `first_date`"),
        ]],
    ),
    (
        "test_mail_template",
        &[&[rule("template.missing_placeholder", "body", "a `template` sent has the kind's required placeholders")]],
    ),
    (
        "create_user",
        &[&[
            rule("password.too_short", "password", "at least the tenant's minimum length (8 to 64)"),
            rule("password.too_long", "password", "at most 128 characters"),
            rule("password.too_few_classes", "password", "at least the tenant's number of character classes"),
            rule("password.contains_login_id", "password", "the password does not contain the login ID"),
        ]],
    ),
    (
        "reset_password",
        &[&[
            rule("password.too_short", "password", "at least the tenant's minimum length (8 to 64)"),
            rule("password.too_long", "password", "at most 128 characters"),
            rule("password.too_few_classes", "password", "at least the tenant's number of character classes"),
            rule("password.contains_login_id", "password", "the password does not contain the user's login ID"),
        ]],
    ),
    (
        "change_password",
        &[&[
            rule("password.wrong_current", "current_password", "the user's current password"),
            rule("password.too_short", "new_password", "at least the tenant's minimum length (8 to 64)"),
            rule("password.too_long", "new_password", "at most 128 characters"),
            rule("password.too_few_classes", "new_password", "at least the tenant's number of character classes"),
            rule("password.contains_login_id", "new_password", "the password does not contain the login ID"),
        ]],
    ),
    (
        "import_users",
        &[
            FILE,
            &[
                rule("import.empty", "file", "the file has at least one line"),
                rule("import.unknown_encoding", "file", "UTF-8 or CP932"),
                rule("import.no_header", "file", "the first line names the columns"),
                rule("import.malformed", "file", "every line reads as CSV"),
                rule("import.no_rows", "file", "at least one user row"),
                rule("import.duplicate_column", "*", "each column once"),
                rule("import.unknown_column", "*", "known columns only (the field is the header text)"),
                rule("import.missing_column", "login_id", "a `login_id` column"),
                rule("import.invalid_action", "action", "create, update or delete"),
                rule("validation.required", "login_id", "a login ID on each row"),
                rule("login_id.invalid", "login_id", "1 to 64 letters, digits or . _ - @"),
                rule("import.duplicate_row", "login_id", "each login ID once"),
                rule("user.not_found", "login_id", "update and delete name existing users"),
                rule("user.login_id_taken", "login_id", "create names a new login ID"),
                rule("user.cannot_delete_self", "login_id", "not the acting administrator"),
                rule("validation.required", "name", "a name for a new user"),
                rule("validation.too_long", "name", "at most 100 characters"),
                rule("validation.control_character", "name", "no control characters"),
                rule("role.unknown", "roles", "admin, call_center, ledger or viewer"),
                rule("role.required", "roles", "at least one role"),
                rule("user.cannot_demote_self", "roles", "the acting administrator stays an enabled admin"),
                rule("user.last_admin", "roles", "an enabled administrator remains"),
                rule("import.invalid_flag", "disabled", "1 or 0"),
                rule("validation.required", "password", "a password for a new user"),
                rule("password.too_short", "password", "at least the tenant's minimum length"),
                rule("password.too_long", "password", "at most 128 characters"),
                rule("password.too_few_classes", "password", "enough character classes"),
                rule("password.contains_login_id", "password", "not containing the login ID"),
            ],
        ],
    ),
    ("put_logo", &[&[rule("logo.type_mismatch", "logo", "the file's content is the image type it claims")]]),
    (
        "put_mail_template",
        &[&[rule("template.missing_placeholder", "body", "the kind's required placeholders appear")]],
    ),
];

/// The rules of the operation `id`, when it has any.
#[must_use]
pub fn of(id: &str) -> Option<Vec<Rule>> {
    RULES.iter().find(|(operation, _)| *operation == id).map(|(_, groups)| groups.concat())
}

/// Puts each operation's rules in the document: under `x-rules`, and in the words of
/// its 422 answer.
pub(crate) fn declare(document: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::RefOr;
    use utoipa::openapi::extensions::ExtensionsBuilder;

    for item in document.paths.paths.values_mut() {
        let operations = [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch];
        for operation in operations.into_iter().flatten() {
            let Some(rules) = operation.operation_id.as_deref().and_then(of) else { continue };
            let listed =
                rules.iter().map(|r| format!("`{}` ({}): {}", r.code, r.field, r.rule)).collect::<Vec<_>>().join("; ");
            if let Some(RefOr::T(answer)) = operation.responses.responses.get_mut("422") {
                answer.description = format!("{}. Rules beyond the schema: {listed}", answer.description);
            }
            let extension =
                ExtensionsBuilder::new().add("x-rules", serde_json::to_value(&rules).unwrap_or_default()).build();
            match &mut operation.extensions {
                Some(extensions) => extensions.merge(extension),
                None => operation.extensions = Some(extension),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_belongs_to_an_operation_of_the_document() {
        let document = crate::openapi::document();
        let ids: Vec<String> = document
            .paths
            .paths
            .values()
            .flat_map(|item| [&item.get, &item.put, &item.post, &item.delete, &item.patch])
            .filter_map(|operation| operation.as_ref().and_then(|o| o.operation_id.clone()))
            .collect();
        for (index, (operation, _)) in RULES.iter().enumerate() {
            assert!(ids.iter().any(|id| id == operation), "no operation `{operation}` in the document");
            assert!(RULES[..index].iter().all(|(earlier, _)| earlier != operation), "`{operation}` listed twice");
        }
        let json = serde_json::to_value(&document).unwrap_or_default();
        let calendar = &json["paths"]["/api/v1/bookings/calendar"]["get"];
        assert_eq!(calendar["x-rules"][1]["code"], "validation.period_too_long");
        assert!(
            calendar["responses"]["422"]["description"]
                .as_str()
                .is_some_and(|d| d.contains("`validation.period_too_long` (to)")),
            "{calendar}"
        );
    }
}
