//! Every problem code the API answers with, declared once: its wire name, its HTTP
//! status, who may meet it (residents on the public site, or staff only), and a default
//! explanation for integrators. The SPAs translate the wire names; a test fails when one
//! lacks a Japanese text. Field errors (`errors[].code`) carry their own, finer codes.

use actix_web::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

/// Who may meet a code: the residents' site sees only `Public` ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Public,
    Staff,
}

macro_rules! catalogue {
    ($($variant:ident = $code:tt, $status:ident, $audience:ident, $message:tt;)*) => {
        /// A stable machine code of `Problem.code`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, ToSchema)]
        pub enum ProblemCode {
            $(#[doc = $message] #[serde(rename = $code)] $variant,)*
        }

        impl ProblemCode {
            pub const ALL: &[Self] = &[$(Self::$variant),*];

            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $code,)* }
            }

            #[must_use]
            pub fn status(self) -> StatusCode {
                match self { $(Self::$variant => StatusCode::$status,)* }
            }

            #[must_use]
            pub fn audience(self) -> Audience {
                match self { $(Self::$variant => catalogue!(@audience $audience),)* }
            }

            /// The default explanation, in English for integrators.
            #[must_use]
            pub fn message(self) -> &'static str {
                match self { $(Self::$variant => $message,)* }
            }
        }
    };
    (@audience public) => { Audience::Public };
    (@audience staff) => { Audience::Staff };
}

catalogue! {
    ValidationFailed = "validation.failed", UNPROCESSABLE_ENTITY, public, "The input has errors; each faulty field is named.";
    RequestMalformedJson = "request.malformed_json", BAD_REQUEST, public, "The body is not the JSON this route reads.";
    RequestUnreadable = "request.unreadable", BAD_REQUEST, public, "The request body could not be read.";
    RequestTooLarge = "request.too_large", PAYLOAD_TOO_LARGE, public, "The request body is too large.";
    RequestMethodNotAllowed = "request.method_not_allowed", METHOD_NOT_ALLOWED, public, "The path does not take this method; `Allow` lists those it takes.";
    RequestUnsupportedMediaType = "request.unsupported_media_type", UNSUPPORTED_MEDIA_TYPE, public, "This route does not read that content type.";
    RateLimited = "rate_limited", TOO_MANY_REQUESTS, public, "Too many requests; try again after Retry-After seconds.";
    NotFound = "not_found", NOT_FOUND, public, "Nothing is at that address.";
    Internal = "internal", INTERNAL_SERVER_ERROR, public, "Something went wrong on our side; it has been logged.";
    ServiceDatabaseUnavailable = "service.database_unavailable", SERVICE_UNAVAILABLE, public, "The database cannot be reached.";
    TenantNotFound = "tenant.not_found", NOT_FOUND, public, "No municipality uses that address.";
    SiteClosed = "site.closed", SERVICE_UNAVAILABLE, public, "The municipality does not take bookings online now.";
    ProcedureNotOffered = "procedure.not_offered", NOT_FOUND, public, "That procedure is not offered at that location.";
    BookingNotFound = "booking.not_found", NOT_FOUND, public, "No such booking.";
    BookingLookupFailed = "booking.lookup_failed", NOT_FOUND, public, "No booking with that reception number and password.";
    BookingLookupLimited = "booking.lookup_limited", TOO_MANY_REQUESTS, public, "Too many failed look-ups of this reception number today; open the link in the booking's mail or call the counter.";
    BookingSlotFull = "booking.slot_full", CONFLICT, public, "The slot has no place left.";
    BookingHoldShareReached = "booking.hold_share_reached", CONFLICT, public, "You hold as many places of that day as one person may at once; book or give back the ones you hold.";
    BookingMailLimited = "booking.mail_limited", TOO_MANY_REQUESTS, public, "Too many mails to that address today; use another address or call the counter.";
    BookingDuplicate = "booking.duplicate", CONFLICT, public, "No new booking is taken with these details (the person holds one for this procedure); its holder is told by mail.";
    BookingChangedMeanwhile = "booking.changed_meanwhile", CONFLICT, public, "The booking was changed meanwhile.";
    BookingNotActive = "booking.not_active", CONFLICT, public, "The booking is cancelled, visited or a no-show.";
    BookingDeadlinePassed = "booking.deadline_passed", UNPROCESSABLE_ENTITY, public, "The booking can no longer be changed online.";
    BookingClosedDay = "booking.closed_day", UNPROCESSABLE_ENTITY, public, "The counter is closed that day.";
    BookingOutsideHours = "booking.outside_hours", UNPROCESSABLE_ENTITY, public, "No slot starts at that time.";
    BookingWindowNotOpen = "booking.window_not_open", UNPROCESSABLE_ENTITY, public, "Bookings for that day are not open yet.";
    BookingWindowClosed = "booking.window_closed", UNPROCESSABLE_ENTITY, public, "Bookings for that slot have closed.";
    BookingOutsidePeriod = "booking.outside_period", UNPROCESSABLE_ENTITY, public, "That day is outside the booking period.";
    BookingInPast = "booking.in_past", UNPROCESSABLE_ENTITY, staff, "That slot is over.";
    BookingNotToday = "booking.not_today", CONFLICT, staff, "Check-in happens on the booking's day.";
    BookingFutureDay = "booking.future_day", UNPROCESSABLE_ENTITY, staff, "No-shows are marked once the day is over.";
    LedgerNotReady = "ledger.not_ready", UNPROCESSABLE_ENTITY, public, "The card is not ready to be handed over.";
    AuthInvalidCredentials = "auth.invalid_credentials", UNAUTHORIZED, staff, "The municipality, login ID or password is wrong.";
    AuthTokenMissing = "auth.token_missing", UNAUTHORIZED, public, "Sign in first.";
    AuthTokenInvalid = "auth.token_invalid", UNAUTHORIZED, public, "The token is not valid.";
    AuthTokenExpired = "auth.token_expired", UNAUTHORIZED, public, "The token has expired; refresh it.";
    AuthTokenStale = "auth.token_stale", UNAUTHORIZED, staff, "The session changed; refresh the token.";
    AuthSessionExpired = "auth.session_expired", UNAUTHORIZED, staff, "The session has ended; sign in again.";
    AuthDisabled = "auth.disabled", UNAUTHORIZED, staff, "The account is disabled.";
    AuthTenantDisabled = "auth.tenant_disabled", UNAUTHORIZED, staff, "The municipality is switched off; no one of it can sign in.";
    AuthPasswordChangeRequired = "auth.password_change_required", FORBIDDEN, staff, "Change the one-time password first (POST /api/v1/me/password).";
    AuthForbidden = "auth.forbidden", FORBIDDEN, staff, "Not allowed for your roles.";
    AuthLocked = "auth.locked", TOO_MANY_REQUESTS, staff, "Sign-in is locked for a while after too many wrong passwords; see Retry-After.";
    UserNotFound = "user.not_found", NOT_FOUND, staff, "No such staff user.";
    UserVersionConflict = "user.version_conflict", CONFLICT, staff, "The user was changed meanwhile.";
    UserLastAdmin = "user.last_admin", CONFLICT, staff, "The municipality must keep an enabled administrator.";
    UserLoginIdTaken = "user.login_id_taken", CONFLICT, staff, "Another user has that login ID.";
    UserSelfLockout = "user.self_lockout", CONFLICT, staff, "You cannot lock yourself out.";
    ImportEmpty = "import.empty", UNPROCESSABLE_ENTITY, staff, "The file is empty.";
    ImportUnknownEncoding = "import.unknown_encoding", UNPROCESSABLE_ENTITY, staff, "The file is neither UTF-8 nor Shift_JIS.";
    ImportInvalid = "import.invalid", UNPROCESSABLE_ENTITY, staff, "The file has errors; each bad line is named.";
    ImportStale = "import.stale", CONFLICT, staff, "The data changed since the preview; check the file again.";
    SettingsVersionConflict = "settings.version_conflict", CONFLICT, staff, "The settings were changed meanwhile.";
    TenantSlugTaken = "tenant.slug_taken", CONFLICT, staff, "That address is used by another municipality.";
    TenantCodeTaken = "tenant.code_taken", CONFLICT, staff, "Another municipality has that local government code.";
    LogoNotFound = "logo.not_found", NOT_FOUND, public, "The municipality has no logo.";
    MailTemplateUnknownKind = "mail_template.unknown_kind", NOT_FOUND, staff, "No such kind of mail.";
    NoticeNotFound = "notice.not_found", NOT_FOUND, staff, "No such notice.";
    NoticeChangedMeanwhile = "notice.changed_meanwhile", CONFLICT, staff, "The notice was changed meanwhile.";
    NoticeOrderMismatch = "notice.order_mismatch", CONFLICT, staff, "The order names other notices than there are.";
    LocationNotFound = "location.not_found", NOT_FOUND, staff, "No such location.";
    LocationNameTaken = "location.name_taken", CONFLICT, staff, "Another location has that name.";
    LocationChangedMeanwhile = "location.changed_meanwhile", CONFLICT, staff, "The location was changed meanwhile, or the name is in use.";
    ProcedureNameTaken = "procedure.name_taken", CONFLICT, staff, "Another procedure has that name.";
    ProcedureChangedMeanwhile = "procedure.changed_meanwhile", CONFLICT, staff, "The procedure was changed meanwhile, or the name is in use.";
    ProcedureNotFound = "procedure.not_found", NOT_FOUND, staff, "No such procedure.";
    PoolNotFound = "pool.not_found", NOT_FOUND, staff, "No such counter.";
    LocationHasBookings = "location.has_bookings", UNPROCESSABLE_ENTITY, staff, "Bookings stand at that location; each is named.";
    ProcedureHasBookings = "procedure.has_bookings", UNPROCESSABLE_ENTITY, staff, "Bookings stand for that procedure; each is named.";
    PoolProcedureHasBookings = "pool.procedure_has_bookings", UNPROCESSABLE_ENTITY, staff, "Bookings stand for that procedure at that counter; each is named.";
    ScheduleStrandsBookings = "schedule.strands_bookings", UNPROCESSABLE_ENTITY, staff, "The change would leave bookings without a place.";
    LedgerBatchNotFound = "ledger.batch_not_found", NOT_FOUND, staff, "No such scan batch.";
    LedgerBatchCommitted = "ledger.batch_committed", CONFLICT, staff, "The batch is registered already.";
    LedgerBatchDiscarded = "ledger.batch_discarded", CONFLICT, staff, "The batch was discarded; its cards can be scanned again.";
    LedgerEmptyBatch = "ledger.empty_batch", CONFLICT, staff, "Scan at least one card first.";
    LedgerDuplicateQr = "ledger.duplicate_qr", CONFLICT, staff, "That card was scanned already.";
    LedgerCardNotFound = "ledger.card_not_found", NOT_FOUND, staff, "No such card.";
    LedgerCardBooked = "ledger.card_booked", CONFLICT, staff, "The card is held by a booking.";
    LedgerChangedMeanwhile = "ledger.changed_meanwhile", CONFLICT, staff, "The card was changed meanwhile.";
    LedgerInvalidTransition = "ledger.invalid_transition", CONFLICT, staff, "The card cannot take that step from where it is.";
    LedgerStorageNotFound = "ledger.storage_not_found", NOT_FOUND, staff, "No such storage location.";
    LedgerStorageExists = "ledger.storage_exists", CONFLICT, staff, "That storage location exists already.";
    LedgerStorageNotEmpty = "ledger.storage_not_empty", CONFLICT, staff, "Cards lie in that storage location.";
    QrInvalid = "qr.invalid", UNPROCESSABLE_ENTITY, staff, "The QR code does not follow the layout.";
    QrUndecodable = "qr.undecodable", UNPROCESSABLE_ENTITY, staff, "The QR code's text cannot be read.";
    ScanUnknownFormat = "scan.unknown_format", UNPROCESSABLE_ENTITY, staff, "The file is not a PNG, JPEG or PDF.";
    ScanUnreadable = "scan.unreadable", UNPROCESSABLE_ENTITY, staff, "The image or PDF cannot be read.";
    ScanTooLarge = "scan.too_large", UNPROCESSABLE_ENTITY, staff, "The file has more pages, pixels or reading time than one upload may (100 pages, 60 Mpx a page); split it.";
    ScanNoCode = "scan.no_code", UNPROCESSABLE_ENTITY, staff, "No QR code was found in the image.";
    PdfFontMissing = "pdf.font_missing", SERVICE_UNAVAILABLE, staff, "No Japanese font is installed for the PDFs.";
    ServerBusy = "server.busy", SERVICE_UNAVAILABLE, staff, "The server is reading other large files; send this one again after Retry-After seconds.";
}

impl ProblemCode {
    /// The code a lower layer named (a persistence conflict, a domain refusal).
    #[must_use]
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.as_str() == code)
    }
}

/// What the database refused, as the API names it.
impl From<madoguchi_persistence::Conflict> for ProblemCode {
    fn from(conflict: madoguchi_persistence::Conflict) -> Self {
        use madoguchi_persistence::Conflict;
        match conflict {
            Conflict::SlotFull => Self::BookingSlotFull,
            Conflict::HoldShareReached => Self::BookingHoldShareReached,
            Conflict::DuplicateBooking => Self::BookingDuplicate,
            // Drawn again by the caller; answered only if every draw failed.
            Conflict::ReceptionNumberTaken => Self::Internal,
            Conflict::BookingChanged => Self::BookingChangedMeanwhile,
            Conflict::DuplicateQr => Self::LedgerDuplicateQr,
            Conflict::CardBooked => Self::LedgerCardBooked,
            Conflict::BatchCommitted => Self::LedgerBatchCommitted,
            Conflict::BatchDiscarded => Self::LedgerBatchDiscarded,
            Conflict::CardChanged => Self::LedgerChangedMeanwhile,
            Conflict::CardNotReady => Self::LedgerNotReady,
            Conflict::StorageExists => Self::LedgerStorageExists,
            Conflict::StorageNotEmpty => Self::LedgerStorageNotEmpty,
            Conflict::LocationChanged => Self::LocationChangedMeanwhile,
            Conflict::LocationNameTaken => Self::LocationNameTaken,
            Conflict::ProcedureChanged => Self::ProcedureChangedMeanwhile,
            Conflict::ProcedureNameTaken => Self::ProcedureNameTaken,
            Conflict::NoticeChanged => Self::NoticeChangedMeanwhile,
            Conflict::NoticeOrderMismatch => Self::NoticeOrderMismatch,
            Conflict::SettingsChanged => Self::SettingsVersionConflict,
            Conflict::UserChanged => Self::UserVersionConflict,
            Conflict::LoginIdTaken => Self::UserLoginIdTaken,
            Conflict::TenantSlugTaken => Self::TenantSlugTaken,
            Conflict::TenantCodeTaken => Self::TenantCodeTaken,
        }
    }
}

impl std::fmt::Display for ProblemCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;

    fn repository() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    /// Every `.ts`/`.tsx` source of a folder (tests and generated types left out).
    fn sources(dir: &Path, into: &mut String) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                if name != "node_modules" && name != "dist" {
                    sources(&path, into);
                }
            } else if (name.ends_with(".ts") || name.ends_with(".tsx"))
                && !name.ends_with(".d.ts")
                && !name.contains(".test.")
            {
                into.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
    }

    fn untranslated(spa: &str, prefix: &str, audience: Option<Audience>) -> Vec<&'static str> {
        let mut text = String::new();
        sources(&repository().join(spa).join("src"), &mut text);
        assert!(!text.is_empty(), "{spa}: no sources read");
        ProblemCode::ALL
            .iter()
            .filter(|code| audience.is_none_or(|a| code.audience() == a))
            .map(|code| code.as_str())
            .filter(|code| !text.contains(&format!("{prefix}{code}'")))
            .collect()
    }

    #[test]
    fn the_staff_spa_has_a_japanese_text_for_every_code() {
        assert_eq!(
            untranslated("frontend-staff", "error.", None),
            Vec::<&str>::new(),
            "add `error.<code>` to frontend-staff/src/i18n/ja.ts"
        );
    }

    #[test]
    fn the_residents_spa_has_a_japanese_text_for_every_code_it_can_meet() {
        let missing = untranslated("frontend-resident", "problem.", Some(Audience::Public));
        assert_eq!(missing, Vec::<&str>::new(), "add `problem.<code>` to frontend-resident/src/i18n/ja.ts");
    }

    #[test]
    fn a_conflict_keeps_its_name_as_a_problem_code() {
        use madoguchi_persistence::Conflict;
        for conflict in [Conflict::SlotFull, Conflict::DuplicateQr, Conflict::LoginIdTaken, Conflict::TenantCodeTaken] {
            assert_eq!(ProblemCode::from(conflict).as_str(), conflict.code());
        }
    }

    #[test]
    fn codes_are_unique_and_written_as_the_spas_expect() {
        let mut seen = std::collections::HashSet::new();
        for code in ProblemCode::ALL {
            assert!(seen.insert(code.as_str()), "{code} twice");
            assert!(code.as_str().chars().all(|c| c.is_ascii_lowercase() || c == '_' || c == '.'), "{code}");
            assert_eq!(serde_json::to_value(code).ok(), Some(serde_json::json!(code.as_str())));
            assert!(code.status().is_client_error() || code.status().is_server_error(), "{code}");
        }
    }
}
