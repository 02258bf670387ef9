//! The booking desk's reads and checks shared by its routes: a booking by its number
//! with its history and cards, and the staff's notes.

use madoguchi_domain::reception::ReceptionNumber;
use madoguchi_persistence::booking_desk::{self};
use madoguchi_persistence::bookings::{self, BookingDetails};

use crate::dto::booking_desk::{BookingCardView, BookingEventView, StaffBookingDetails, staff_view};
use crate::problem::{ApiError, ApiResult, ProblemCode};
use crate::state::AppState;
use madoguchi_domain::time::tokyo;

pub async fn find(
    state: &AppState,
    scope: &madoguchi_persistence::TenantScope,
    number: &str,
) -> ApiResult<BookingDetails> {
    let number = ReceptionNumber::parse(number).map_err(|_| ApiError::NotFound(ProblemCode::BookingNotFound))?;
    let (details, _) = bookings::find_by_reception(&state.db, scope, &state.vault(scope).await?, number)
        .await?
        .ok_or(ApiError::NotFound(ProblemCode::BookingNotFound))?;
    Ok(details)
}

pub async fn details_with_history(
    state: &AppState,
    scope: &madoguchi_persistence::TenantScope,
    details: &BookingDetails,
) -> ApiResult<StaffBookingDetails> {
    let history = booking_desk::history(&state.db, scope, &state.vault(scope).await?, details.booking.id).await?;
    let cards = madoguchi_persistence::ledger_cards::held_by(
        &state.db,
        scope,
        &state.vault(scope).await?,
        details.booking.id.0,
    )
    .await?
    .into_iter()
    .map(|c| BookingCardView {
        id: c.id.0,
        management_number: c.management_number,
        status: c.status.into(),
        storage_location: c.storage_location,
    })
    .collect();
    Ok(StaffBookingDetails {
        cards,
        booking: staff_view(details),
        history: history
            .into_iter()
            .map(|e| BookingEventView {
                at: e.at.with_timezone(&tokyo()),
                actor: e.actor,
                action: e.action,
                detail: e.detail,
            })
            .collect(),
    })
}
