//! Placing a booking, by a resident or on their behalf: the applicants checked, the
//! slot checked against the schedule and window, the places taken by a conditional
//! update, the card ledger consulted, the mail queued — in one transaction.

use chrono::{DateTime, FixedOffset, Utc};
use madoguchi_domain::booking::{self, ApplicantInput, SlotRefusal};
use madoguchi_domain::booking_rules::WindowRefusal;
use madoguchi_domain::booking_status::{self, BookingAction, BookingRefusal, BookingStatus};
use madoguchi_domain::ids::{LocationId, ProcedureId};
use madoguchi_domain::procedure::{ProcedureKind, Requirement};
use madoguchi_domain::reception::{ReceptionNumber, generate_password};
use madoguchi_domain::time::{to_utc, tokyo};
use madoguchi_domain::{FieldError, FieldErrors};
use madoguchi_persistence::Conflict;
use madoguchi_persistence::bookings::{self, NewBooking};
use madoguchi_persistence::card_ledger::CardClaim;
use madoguchi_persistence::{PersistenceError, booking_rules, database, procedures, schedules};
use uuid::Uuid;

use crate::auth::password;
use crate::dto::booking::ApplicantRequest;
use crate::problem::{ApiError, ApiResult, ProblemCode};
use crate::services::booking_mail::{enqueue_mail, mail_context};
use crate::state::AppState;

pub fn refusal(refusal: &SlotRefusal) -> ApiError {
    let detail = match refusal {
        SlotRefusal::Window(WindowRefusal::NotOpen { opens_at }) => {
            format!("bookings for that day open at {}", opens_at.format("%Y-%m-%d %H:%M"))
        }
        SlotRefusal::Window(WindowRefusal::Closed) => "bookings for that slot have closed".to_owned(),
        SlotRefusal::Window(WindowRefusal::OutsidePeriod) => "that day is outside the booking period".to_owned(),
        SlotRefusal::ClosedDay(_) => "the counter is closed that day".to_owned(),
        SlotRefusal::OutsideHours => "no slot starts at that time".to_owned(),
        SlotRefusal::Past => "that slot is over".to_owned(),
    };
    let code = match refusal {
        SlotRefusal::ClosedDay(_) => ProblemCode::BookingClosedDay,
        SlotRefusal::OutsideHours => ProblemCode::BookingOutsideHours,
        SlotRefusal::Past => ProblemCode::BookingInPast,
        SlotRefusal::Window(WindowRefusal::OutsidePeriod) => ProblemCode::BookingOutsidePeriod,
        SlotRefusal::Window(WindowRefusal::NotOpen { .. }) => ProblemCode::BookingWindowNotOpen,
        SlotRefusal::Window(WindowRefusal::Closed) => ProblemCode::BookingWindowClosed,
    };
    ApiError::Unprocessable { code, detail, field: "start" }
}

/// How often to draw another reception number when one is taken (one in 10⁸ chances).
const RECEPTION_DRAWS: usize = 3;

/// Who books, which decides the rules that apply.
pub enum Booker {
    /// Within the booking window, within the places.
    Resident,
    /// Call center or counter: any open slot that has not ended; beyond the places
    /// only when an administrator asked for it.
    Staff { login_id: String, beyond_capacity: bool },
}

/// A booking to be made, as typed by a resident or a clerk.
pub struct Placement {
    pub location: LocationId,
    pub procedure: ProcedureId,
    pub start: DateTime<FixedOffset>,
    pub applicants: Vec<ApplicantRequest>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub hold: Option<Uuid>,
    pub notes: String,
    /// The resident has no 交付通知書: the management number is not asked.
    pub without_letter: bool,
    pub booker: Booker,
}

/// Checks and records a booking, its places and its mail in one transaction;
/// answers the booking and its password.
pub async fn place(
    state: &AppState,
    tenant: &madoguchi_persistence::tenants::Tenant,
    placement: Placement,
) -> ApiResult<(bookings::Booking, String)> {
    let scope = tenant.scope();
    let now = state.clock.now();
    let now_jst = now.with_timezone(&tokyo()).naive_local();
    let Placement { location, procedure: procedure_id, .. } = placement;
    let staff = matches!(placement.booker, Booker::Staff { .. });

    let stored_rules = booking_rules::get(&state.db, &scope).await?;
    let procedure = procedures::list(&state.db, &scope, true)
        .await?
        .into_iter()
        .find(|p| p.id == procedure_id)
        .ok_or(ApiError::NotFound(ProblemCode::ProcedureNotOffered))?;
    let pool = schedules::pool_for(&state.db, &scope, location, procedure_id)
        .await?
        .ok_or(ApiError::NotFound(ProblemCode::ProcedureNotOffered))?;

    let inputs: Vec<ApplicantInput> = placement
        .applicants
        .into_iter()
        .map(|a| ApplicantInput {
            management_number: a.management_number,
            name: a.name,
            name_kana: a.name_kana,
            birth_date: a.birth_date,
            address: a.address,
        })
        .collect();
    let mut fields = procedure.fields.effective(stored_rules.pii_free);
    if placement.without_letter && fields.management_number == Requirement::Required {
        fields.management_number = Requirement::Optional;
    }
    let checked = booking::check_applicants(
        fields,
        procedure.max_applicants,
        &inputs,
        placement.email.as_ref(),
        placement.phone.as_ref(),
        now_jst.date(),
    );

    let start = placement.start.with_timezone(&tokyo()).naive_local();
    let schedule = schedules::schedule(&state.db, &scope, pool, start.date(), start.date()).await?;
    let holidays = schedules::holidays(&state.db, &scope).await?;
    let slot = if staff {
        booking::staff_bookable_slot(&schedule, &holidays, start, now_jst)
    } else {
        booking::bookable_slot(&schedule, &holidays, &stored_rules.rules, start, now_jst)
    };

    // Field errors first: a resident fixes the form before choosing another slot.
    let (applicants, contact) = checked.map_err(ApiError::from)?;
    let (slot, capacity) = slot.map_err(|r| refusal(&r))?;
    let (created_by, capacity) = match placement.booker {
        Booker::Resident => ("resident".to_owned(), Some(capacity)),
        Booker::Staff { login_id, beyond_capacity } => (login_id, (!beyond_capacity).then_some(capacity)),
    };
    let ledger_check =
        stored_rules.ledger_check && procedure.kind == ProcedureKind::Issuance && !placement.without_letter;
    let claims: Vec<CardClaim> = applicants
        .iter()
        .map(|a| CardClaim {
            management_number: a.management_number.as_ref().map(|m| m.as_str().to_owned()),
            name: a.name.as_ref().map(|n| n.as_str().to_owned()),
            birth_date: a.birth_date.map(|b| b.date()),
        })
        .collect();

    let identities: Vec<String> = applicants.iter().flat_map(|a| booking::identity_keys(a, &contact)).collect();
    let password = generate_password(&mut rand::rngs::OsRng);
    let password_hash = password::hash_booking(&state.vault(&tenant.scope()).await?, &password);

    let context = mail_context(state, tenant, location, procedure_id).await?;
    let email = contact.email.as_ref().map(|e| e.as_str().to_owned());
    for _ in 0..RECEPTION_DRAWS {
        let new = NewBooking {
            reception_number: ReceptionNumber::generate(&mut rand::rngs::OsRng),
            password_hash: password_hash.clone(),
            location,
            procedure: procedure_id,
            pool,
            start: to_utc(slot.start),
            end: to_utc(slot.end),
            applicants: applicants.clone(),
            identities: identities.clone(),
            contact: contact.clone(),
            notes: placement.notes.clone(),
            created_by: created_by.clone(),
            without_letter: placement.without_letter,
            capacity,
            hold: placement.hold,
        };
        let vault = state.vault(&scope).await?;
        let txn = database::begin_write(&state.db).await?;
        if ledger_check {
            let not_ready = state.ledger.check_ready(&txn, &scope, &vault, &claims).await?;
            if !not_ready.is_empty() {
                return Err(ApiError::Invalid { code: ProblemCode::LedgerNotReady, errors: not_ready });
            }
        }
        match bookings::create(&txn, &scope, &vault, new, now).await {
            Ok(booked) => {
                if ledger_check {
                    state.ledger.booked(&txn, &scope, &vault, booked.id, &claims, now).await?;
                }
                enqueue_mail(
                    &txn,
                    &scope,
                    &context,
                    madoguchi_mail::MailKind::Confirmation,
                    email.as_deref(),
                    &booked,
                    Some(password.clone()),
                    now,
                )
                .await?;
                txn.commit().await?;
                return Ok((booked, password));
            }
            Err(PersistenceError::Conflict(Conflict::ReceptionNumberTaken)) => continue,
            Err(PersistenceError::Conflict(Conflict::SlotFull)) => {
                return Err(ApiError::conflict(
                    ProblemCode::BookingSlotFull,
                    "the slot has no place left; choose another",
                ));
            }
            Err(PersistenceError::Conflict(Conflict::DuplicateBooking)) => {
                drop(txn);
                if !staff {
                    tell_the_holder(state, tenant, procedure_id, &identities, now).await?;
                }
                return Err(ApiError::conflict(
                    ProblemCode::BookingDuplicate,
                    "no new booking is taken with these details; whoever booked already finds the booking in their mail",
                ));
            }
            Err(other) => return Err(other.into()),
        }
    }
    Err(ApiError::internal(FieldErrors::from(FieldError::new(
        "reception_number",
        "booking.reception_number_taken",
        "no free reception number drawn",
    ))))
}

/// Mails the holder of the booking whose details a refused booking repeated: the
/// resident who forgot they booked finds it again, and someone posing as them is
/// noticed. The answer to the request is the same whether a mail goes or not, and the
/// holder gets at most `MAILS_PER_RECIPIENT` of these a day.
async fn tell_the_holder(
    state: &AppState,
    tenant: &madoguchi_persistence::tenants::Tenant,
    procedure: ProcedureId,
    identities: &[String],
    now: chrono::DateTime<chrono::Utc>,
) -> ApiResult<()> {
    use crate::rate_limit::{MAILS_PER_RECIPIENT, recipient_key};
    let scope = tenant.scope();
    let Some((booking, Some(email))) =
        bookings::holder_of(&state.db, &scope, &state.vault(&scope).await?, procedure, identities).await?
    else {
        return Ok(());
    };
    if MAILS_PER_RECIPIENT.take(state, &recipient_key(state, tenant.id.0, &email)).await.is_err() {
        return Ok(());
    }
    let context = mail_context(state, tenant, booking.location, booking.procedure).await?;
    let txn = database::begin_write(&state.db).await?;
    enqueue_mail(&txn, &scope, &context, madoguchi_mail::MailKind::DuplicateAttempt, Some(&email), &booking, None, now)
        .await?;
    txn.commit().await?;
    Ok(())
}

pub fn changeable(
    rules: &madoguchi_domain::booking_rules::BookingRules,
    details: &bookings::BookingDetails,
    now: DateTime<Utc>,
) -> bool {
    booking_status::next(details.booking.status, BookingAction::Change).is_ok()
        && rules.may_change(
            details.booking.start.with_timezone(&tokyo()).naive_local(),
            now.with_timezone(&tokyo()).naive_local(),
        )
}

pub fn conflict(error: PersistenceError) -> ApiError {
    match error {
        PersistenceError::Conflict(Conflict::SlotFull) => {
            ApiError::conflict(ProblemCode::BookingSlotFull, "the slot has no place left; choose another")
        }
        PersistenceError::Conflict(Conflict::BookingChanged) => ApiError::conflict(
            ProblemCode::BookingChangedMeanwhile,
            "the booking was changed or cancelled meanwhile; look it up again",
        ),
        other => other.into(),
    }
}

/// The answer to an action the booking's status does not allow.
#[must_use]
pub fn refused(refusal: BookingRefusal, visit_day: chrono::NaiveDate) -> ApiError {
    match refusal {
        BookingRefusal::NotActive(status) => ApiError::conflict(
            ProblemCode::BookingNotActive,
            format!("the booking is {status}: nothing more can be done to it"),
        ),
        BookingRefusal::NotToday => ApiError::Unprocessable {
            code: ProblemCode::BookingNotToday,
            detail: format!("the booking is for {}", visit_day.format("%Y-%m-%d")),
            field: "reception_number",
        },
    }
}

/// Checks that `action` may be taken on the booking as it stands.
///
/// # Errors
/// `booking.not_active` (409) for a cancelled, visited or no-show booking.
pub fn allow(details: &bookings::BookingDetails, action: BookingAction) -> ApiResult<BookingStatus> {
    booking_status::next(details.booking.status, action)
        .map_err(|r| refused(r, madoguchi_domain::time::japan_date(details.booking.start)))
}
