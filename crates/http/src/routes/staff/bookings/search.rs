//! Finding bookings: every filter at once, a page at a time, audited.

use actix_web::{get, web};
use madoguchi_persistence::booking_desk::{self};
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;

use crate::auth::{AnyStaff, Staff};
use crate::dto::booking_desk::{BookingQuery, StaffBookingView, filter_of, query_detail, staff_view};
use crate::params::Paging;
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct BookingPage {
    pub items: Vec<StaffBookingView>,
    /// How many bookings match in all.
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

/// Bookings matching every given filter, in slot order, a page at a time.
#[utoipa::path(
    tag = "bookings",
    security(("bearer" = [])),
    params(BookingQuery),
    responses((status = 200, body = BookingPage), (status = 422, body = Problem, content_type = "application/problem+json"))
)]
#[get("/bookings")]
pub async fn search_bookings(
    state: web::Data<AppState>,
    staff: Staff<AnyStaff>,
    query: web::Query<BookingQuery>,
) -> ApiResult<web::Json<BookingPage>> {
    let filter = filter_of(&query)?;
    let Paging { page, per_page } = Paging::parse(query.page, query.per_page)?;
    let (found, total) = booking_desk::search(
        &state.db,
        &staff.scope,
        &state.vault(&staff.scope).await?,
        &filter,
        (page - 1) * per_page,
        per_page,
    )
    .await?;
    staff
        .audit(
            &state.db,
            &state,
            "booking.search",
            "booking",
            None,
            json!({
                "query": query_detail(&query),
                "total": total,
                "found": found.iter().map(|b| b.booking.reception_number.to_string()).collect::<Vec<_>>(),
            }),
        )
        .await?;
    Ok(web::Json(BookingPage { items: found.iter().map(staff_view).collect(), total, page, per_page }))
}
