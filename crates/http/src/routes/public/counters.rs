//! What residents choose from: locations, procedures, and the free slots of a month.
//! Remaining places only, never a slot's capacity (RES-02).

use std::collections::BTreeSet;

use actix_web::{get, web};
use chrono::{DateTime, FixedOffset, NaiveDate};
use madoguchi_domain::availability as free_slots;
use madoguchi_domain::ids::{LocationId, ProcedureId};
use madoguchi_domain::{FieldError, FieldErrors};
use madoguchi_persistence::{booking_rules, bookings, locations, procedures, schedules};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::dto::procedure::{FieldRulesView, ProcedureKindView};
use crate::params::{self, PeriodRule};
use crate::problem::{ApiError, ApiResult, Problem, ProblemCode};
use crate::services::site::open_site;
use crate::state::AppState;
use madoguchi_domain::time::{day_end, day_start, in_tokyo, to_utc, tokyo};

#[derive(Debug, Serialize, ToSchema)]
pub struct LocationView {
    pub id: Uuid,
    pub name: String,
    pub address: String,
}

/// The municipality's counters, in display order.
#[utoipa::path(tag = "public", params(("tenant" = String, Path)), responses((status = 200, body = Vec<LocationView>), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 503, description = "`site.closed`", body = Problem, content_type = "application/problem+json")))]
#[get("/public/{tenant}/locations")]
pub async fn list_locations(
    state: web::Data<AppState>,
    tenant: web::Path<String>,
) -> ApiResult<web::Json<Vec<LocationView>>> {
    let tenant = open_site(&state, &tenant).await?;
    let list = locations::list(&state.db, &tenant.scope(), true).await?;
    Ok(web::Json(list.into_iter().map(|l| LocationView { id: l.id.0, name: l.name, address: l.address }).collect()))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProcedureView {
    pub id: Uuid,
    pub name: String,
    pub kind: ProcedureKindView,
    /// Plain text explaining the procedure to residents.
    pub description: String,
    /// What to bring, one item per line (plain text); empty when the municipality has
    /// not written it.
    pub what_to_bring: String,
    /// As the tenant asks them: in PII-free mode names and addresses are hidden.
    pub fields: FieldRulesView,
    /// How many people one booking may bring (a family).
    pub max_applicants: u8,
    /// Where it is offered.
    pub location_ids: Vec<Uuid>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProcedureQuery {
    /// Only the procedures offered at this location.
    pub location_id: Option<Uuid>,
}

/// The procedures residents can book, with the fields each asks for.
#[utoipa::path(tag = "public", params(("tenant" = String, Path), ProcedureQuery), responses((status = 200, body = Vec<ProcedureView>), (status = 503, description = "`site.closed`", body = Problem, content_type = "application/problem+json")))]
#[get("/public/{tenant}/procedures")]
pub async fn list_procedures(
    state: web::Data<AppState>,
    tenant: web::Path<String>,
    query: web::Query<ProcedureQuery>,
) -> ApiResult<web::Json<Vec<ProcedureView>>> {
    let tenant = open_site(&state, &tenant).await?;
    let scope = tenant.scope();
    let pii_free = booking_rules::get(&state.db, &scope).await?.pii_free;
    let offered = schedules::offerings(&state.db, &scope).await?;
    let active_locations: BTreeSet<LocationId> =
        locations::list(&state.db, &scope, true).await?.into_iter().map(|l| l.id).collect();
    let views = procedures::list(&state.db, &scope, true)
        .await?
        .into_iter()
        .filter_map(|p| {
            let location_ids: Vec<Uuid> = offered
                .iter()
                .filter(|(l, pr)| *pr == p.id && active_locations.contains(l))
                .map(|(l, _)| l.0)
                .collect();
            let wanted = query.location_id.is_none_or(|wanted| location_ids.contains(&wanted));
            (wanted && !location_ids.is_empty()).then(|| ProcedureView {
                id: p.id.0,
                name: p.name,
                kind: p.kind.into(),
                description: p.description,
                what_to_bring: p.what_to_bring,
                fields: p.fields.effective(pii_free).into(),
                max_applicants: p.max_applicants,
                location_ids,
            })
        })
        .collect();
    Ok(web::Json(views))
}

/// Longest period one availability request may cover.
const MAX_DAYS: i64 = 62;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AvailabilityQuery {
    #[param(required = true)]
    pub location_id: Option<Uuid>,
    #[param(required = true)]
    pub procedure_id: Option<Uuid>,
    /// First day, `YYYY-MM-DD`; today when absent.
    #[param(value_type = Option<crate::params::DateText>)]
    pub from: Option<String>,
    /// Last day, included; at most 62 days after `from`; 31 days after it when absent.
    #[param(value_type = Option<crate::params::DateText>)]
    pub to: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SlotView {
    /// RFC 3339 in Japan time, e.g. `2026-12-01T08:30:00+09:00`.
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    /// Places left; 0 for a full slot. Never the capacity.
    pub remaining: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DayView {
    pub date: NaiveDate,
    /// The slots bookable now; empty on a closed day or outside the booking window.
    pub slots: Vec<SlotView>,
    /// Why the counter is closed that day: `weekly`, `holiday`, `year_end` or `closure`;
    /// absent on an open day.
    pub closed: Option<String>,
    /// The holiday's name or the municipality's reason (臨時休業: システム更新).
    pub closed_reason: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AvailabilityView {
    pub location_id: Uuid,
    pub procedure_id: Uuid,
    pub days: Vec<DayView>,
}

/// The free slots of a location and procedure, day by day.
#[utoipa::path(
    tag = "public",
    params(("tenant" = String, Path), AvailabilityQuery),
    responses(
        (status = 200, body = AvailabilityView),
        (status = 404, description = "`tenant.not_found`, `procedure.not_offered`", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "`site.closed`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/public/{tenant}/availability")]
pub async fn get_availability(
    state: web::Data<AppState>,
    tenant: web::Path<String>,
    query: web::Query<AvailabilityQuery>,
) -> ApiResult<web::Json<AvailabilityView>> {
    let tenant = open_site(&state, &tenant).await?;
    let scope = tenant.scope();
    let now = state.clock.now().with_timezone(&tokyo()).naive_local();
    let mut errors = FieldErrors::new();
    if query.location_id.is_none() {
        errors.push(FieldError::new("location_id", "validation.required", "choose a location"));
    }
    if query.procedure_id.is_none() {
        errors.push(FieldError::new("procedure_id", "validation.required", "choose a procedure"));
    }
    let rule = PeriodRule { fields: ("from", "to"), default_span: 31, max_span: MAX_DAYS };
    let period = params::period(rule, query.from.as_deref(), query.to.as_deref(), now.date(), &mut errors);
    errors.into_result()?;
    let Some(period) = period else {
        return Err(ApiError::invalid(FieldError::new("from", "validation.date", "no period")));
    };
    let (Some(location_id), Some(procedure_id)) = (query.location_id, query.procedure_id) else {
        return Err(ApiError::invalid(FieldError::new("location_id", "validation.required", "choose a location")));
    };
    let pool = schedules::pool_for(&state.db, &scope, LocationId(location_id), ProcedureId(procedure_id))
        .await?
        .ok_or(ApiError::NotFound(ProblemCode::ProcedureNotOffered))?;
    let schedule = schedules::schedule(&state.db, &scope, pool, period.first, period.last).await?;
    let holidays = schedules::holidays(&state.db, &scope).await?;
    let rules = booking_rules::get(&state.db, &scope).await?.rules;
    let taken =
        bookings::usage(&state.db, &scope, pool, day_start(period.first), day_end(period.last), state.clock.now())
            .await?;
    let days = period
        .days()
        .map(|date| {
            let closure = free_slots::closure(&schedule, &holidays, date);
            DayView {
                date,
                slots: free_slots::day(&schedule, &holidays, &rules, date, now, |start| {
                    taken.get(&to_utc(start)).copied().unwrap_or(0)
                })
                .into_iter()
                .map(|s| SlotView { start: in_tokyo(s.slot.start), end: in_tokyo(s.slot.end), remaining: s.remaining })
                .collect(),
                closed: closure.as_ref().map(|c| c.kind().to_owned()),
                closed_reason: closure.as_ref().and_then(|c| c.name()).map(str::to_owned),
            }
        })
        .collect();
    Ok(web::Json(AvailabilityView { location_id, procedure_id, days }))
}
