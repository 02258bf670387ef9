//! Administrators set up their counters: locations, procedures and the fields each
//! asks for, capacity pools and what they offer, and tenant-wide closures. A change
//! that would leave booked residents without their visit is refused with the list
//! of those bookings.

use actix_web::{HttpResponse, delete, get, patch, post, put, web};
use madoguchi_domain::ids::{LocationId, PoolId, ProcedureId};
use madoguchi_domain::schedule::DateOverride;
use madoguchi_domain::width::trim_text;
use madoguchi_domain::{FieldError, FieldErrors};
use madoguchi_persistence::booking_desk::{self, BookingFilter};
use madoguchi_persistence::locations::{self, LocationChange};
use madoguchi_persistence::procedures::{self, NewProcedure};
use madoguchi_persistence::{PersistenceError, TenantScope, database, schedules};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::{Admin, AnyStaff, Staff};
use crate::dto::procedure::{FieldRulesView, ProcedureKindView};
use crate::extract::ValidJson;
use crate::problem::{ApiError, ApiResult, Problem, ProblemCode};
use crate::services::schedule::{current, refuse_stranding};
use crate::state::AppState;
use madoguchi_domain::time::tokyo;

fn text(errors: &mut FieldErrors, field: &str, value: &str, max: usize, required: bool) -> String {
    let value = trim_text(value).to_owned();
    if required && value.is_empty() {
        errors.push(FieldError::new(field, "validation.required", "this field is required"));
    } else if value.chars().count() > max {
        errors.push(FieldError::new(field, "validation.too_long", format!("at most {max} characters")));
    } else if value.chars().any(|c| c.is_control() && c != '\n') {
        errors.push(FieldError::new(field, "validation.control_character", "control characters are not allowed"));
    }
    value
}

/// Refuses when active bookings from now on match `filter`, naming each.
async fn refuse_if_booked(
    state: &AppState,
    scope: &TenantScope,
    filter: BookingFilter,
    code: ProblemCode,
) -> ApiResult<()> {
    let filter = BookingFilter {
        from: Some(state.clock.now()),
        statuses: vec![madoguchi_domain::booking_status::BookingStatus::Booked],
        ..filter
    };
    let (found, _) = booking_desk::search(&state.db, scope, &state.vault(scope).await?, &filter, 0, 200).await?;
    if found.is_empty() {
        return Ok(());
    }
    let errors = found
        .iter()
        .map(|d| {
            FieldError::new(
                "bookings",
                "schedule.affected_booking",
                format!(
                    "{} {}",
                    d.booking.reception_number,
                    d.booking.start.with_timezone(&tokyo()).format("%Y-%m-%d %H:%M")
                ),
            )
        })
        .collect();
    Err(ApiError::Invalid { code, errors })
}

fn changed_meanwhile(what: ProblemCode) -> impl Fn(PersistenceError) -> ApiError {
    move |error| match error {
        PersistenceError::NotFound => ApiError::NotFound(what),
        PersistenceError::Conflict(code) => {
            ApiError::conflict(ProblemCode::from(code), "someone else changed it meanwhile, or the name is in use")
        }
        other => other.into(),
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AdminLocationView {
    pub id: Uuid,
    pub name: String,
    pub address: String,
    pub sort_order: i32,
    /// Inactive locations are hidden from residents.
    pub active: bool,
    pub version: i32,
}

/// Every location, active or not. Any staff role reads it: the call center books and
/// the counter checks in while the residents' site is closed too.
#[utoipa::path(tag = "counters", operation_id = "admin_list_locations", security(("bearer" = [])), responses((status = 200, body = Vec<AdminLocationView>)))]
#[get("/admin/locations")]
pub async fn list_locations(
    state: web::Data<AppState>,
    staff: Staff<AnyStaff>,
) -> ApiResult<web::Json<Vec<AdminLocationView>>> {
    let list = locations::list(&state.db, &staff.scope, false).await?;
    Ok(web::Json(
        list.into_iter()
            .map(|l| AdminLocationView {
                id: l.id.0,
                name: l.name,
                address: l.address,
                sort_order: l.sort_order,
                active: l.active,
                version: l.version,
            })
            .collect(),
    ))
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LocationBody {
    /// 本庁舎, 北支所…; up to 100 characters, unique; not blank, no control characters
    /// but line breaks (`\n`); white space at either end is trimmed.
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0009\u000B-\u001F\u007F-\u009F](?:[^\u0000-\u0009\u000B-\u001F\u007F-\u009F]{0,98}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0009\u000B-\u001F\u007F-\u009F])?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub name: String,
    /// Shown to residents and in mails; up to 200 characters, no control characters but
    /// line breaks (`\n`).
    #[serde(default)]
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0009\u000B-\u001F\u007F-\u009F](?:[^\u0000-\u0009\u000B-\u001F\u007F-\u009F]{0,198}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0009\u000B-\u001F\u007F-\u009F])?)?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub address: String,
    #[serde(default)]
    pub sort_order: i32,
    /// For a change: the version edited (a change without it is refused).
    pub version: Option<i32>,
    /// For a change: false hides the location (refused while it has bookings to come).
    pub active: Option<bool>,
}

fn location_change(body: &LocationBody) -> ApiResult<LocationChange> {
    let mut errors = FieldErrors::new();
    let name = text(&mut errors, "name", &body.name, 100, true);
    let address = text(&mut errors, "address", &body.address, 200, false);
    errors.into_result()?;
    Ok(LocationChange { name, address, sort_order: body.sort_order, active: body.active.unwrap_or(true) })
}

/// Adds a location.
#[utoipa::path(
    tag = "counters",
    security(("bearer" = [])),
    request_body = LocationBody,
    responses((status = 201, body = AdminLocationView), (status = 409, description = "`location.name_taken`", body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json"))
)]
#[post("/admin/locations")]
pub async fn create_location(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    body: ValidJson<LocationBody>,
) -> ApiResult<HttpResponse> {
    let change = location_change(&body.0)?;
    let txn = database::begin_write(&state.db).await?;
    let created =
        locations::create(&txn, &staff.scope, &change.name, &change.address, change.sort_order, state.clock.now())
            .await?;
    staff
        .audit(
            &txn,
            &state,
            "location.create",
            "location",
            Some(created.id.0.to_string()),
            json!({ "name": created.name }),
        )
        .await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(AdminLocationView {
        id: created.id.0,
        name: created.name,
        address: created.address,
        sort_order: created.sort_order,
        active: true,
        version: created.version,
    }))
}

/// Renames, moves or hides a location.
#[utoipa::path(
    tag = "counters",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = LocationBody,
    responses(
        (status = 204, description = "Changed"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`location.changed_meanwhile`, `location.name_taken`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Field errors; `location.has_bookings` listing the bookings to come", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/admin/locations/{id}")]
pub async fn update_location(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    id: web::Path<Uuid>,
    body: ValidJson<LocationBody>,
) -> ApiResult<HttpResponse> {
    let id = LocationId(id.into_inner());
    let change = location_change(&body.0)?;
    let version = body.0.version.ok_or_else(|| {
        ApiError::invalid(FieldError::new("version", "validation.required", "send the version you edited"))
    })?;
    if !change.active {
        refuse_if_booked(
            &state,
            &staff.scope,
            BookingFilter { location: Some(id), ..BookingFilter::default() },
            ProblemCode::LocationHasBookings,
        )
        .await?;
    }
    let txn = database::begin_write(&state.db).await?;
    locations::update(&txn, &staff.scope, id, version, &change, state.clock.now())
        .await
        .map_err(changed_meanwhile(ProblemCode::LocationNotFound))?;
    staff
        .audit(
            &txn,
            &state,
            "location.update",
            "location",
            Some(id.0.to_string()),
            json!({ "name": change.name, "active": change.active }),
        )
        .await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AdminProcedureView {
    pub id: Uuid,
    pub name: String,
    pub kind: ProcedureKindView,
    pub description: String,
    /// What residents bring; empty when the service's default applies.
    pub what_to_bring: String,
    pub fields: FieldRulesView,
    pub max_applicants: u8,
    pub sort_order: i32,
    pub active: bool,
    pub version: i32,
    /// The fields asked of applicants now: `fields` with the PII-free mode applied.
    pub asked: FieldRulesView,
    /// The active locations that offer it.
    pub location_ids: Vec<Uuid>,
}

/// Every procedure, active or not, with the fields each asks for and where it is
/// offered. Any staff role reads it, as the locations.
#[utoipa::path(tag = "counters", operation_id = "admin_list_procedures", security(("bearer" = [])), responses((status = 200, body = Vec<AdminProcedureView>)))]
#[get("/admin/procedures")]
pub async fn list_procedures(
    state: web::Data<AppState>,
    staff: Staff<AnyStaff>,
) -> ApiResult<web::Json<Vec<AdminProcedureView>>> {
    let list = procedures::list(&state.db, &staff.scope, false).await?;
    let pii_free = madoguchi_persistence::booking_rules::get(&state.db, &staff.scope).await?.pii_free;
    let offered = schedules::offerings(&state.db, &staff.scope).await?;
    let active_locations: Vec<LocationId> =
        locations::list(&state.db, &staff.scope, true).await?.into_iter().map(|l| l.id).collect();
    Ok(web::Json(
        list.into_iter()
            .map(|p| AdminProcedureView {
                id: p.id.0,
                name: p.name,
                kind: p.kind.into(),
                description: p.description,
                what_to_bring: p.what_to_bring,
                asked: p.fields.effective(pii_free).into(),
                location_ids: offered
                    .iter()
                    .filter(|(l, pr)| *pr == p.id && active_locations.contains(l))
                    .map(|(l, _)| l.0)
                    .collect(),
                fields: p.fields.into(),
                max_applicants: p.max_applicants,
                sort_order: p.sort_order,
                active: p.active,
                version: p.version,
            })
            .collect(),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProcedureBody {
    /// Up to 100 characters, unique; not blank, no control characters but line breaks
    /// (`\n`).
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0009\u000B-\u001F\u007F-\u009F](?:[^\u0000-\u0009\u000B-\u001F\u007F-\u009F]{0,98}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0009\u000B-\u001F\u007F-\u009F])?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub name: String,
    pub kind: ProcedureKindView,
    /// Plain text for residents, up to 2000 characters; no control characters but line
    /// breaks (`\n`).
    #[serde(default)]
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0009\u000B-\u001F\u007F-\u009F](?:[^\u0000-\u0009\u000B-\u001F\u007F-\u009F]{0,1998}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0009\u000B-\u001F\u007F-\u009F])?)?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub description: String,
    /// What residents bring, one item per line (`\n`), up to 1000 characters, no other
    /// control characters; empty for the service's default (本人確認書類 and the 交付通知書).
    #[serde(default)]
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0009\u000B-\u001F\u007F-\u009F](?:[^\u0000-\u0009\u000B-\u001F\u007F-\u009F]{0,998}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0009\u000B-\u001F\u007F-\u009F])?)?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub what_to_bring: String,
    /// `phone` and `email` are not both `hidden`: a booking must reach the resident.
    pub fields: FieldRulesView,
    /// People per booking, 1 to 10.
    #[schema(minimum = 1, maximum = 10)]
    pub max_applicants: u8,
    #[serde(default)]
    pub sort_order: i32,
    /// For a change: the version edited.
    pub version: Option<i32>,
    /// For a change: false stops new bookings (refused while it has bookings to come).
    pub active: Option<bool>,
}

fn procedure_of(body: &ProcedureBody) -> ApiResult<NewProcedure> {
    let mut errors = FieldErrors::new();
    let name = text(&mut errors, "name", &body.name, 100, true);
    let description = text(&mut errors, "description", &body.description, 2000, false);
    let what_to_bring = text(&mut errors, "what_to_bring", &body.what_to_bring, 1000, false);
    if !(1..=10).contains(&body.max_applicants) {
        errors.push(FieldError::new("max_applicants", "validation.out_of_range", "1 to 10 people per booking"));
    }
    let fields = errors.collect(
        "fields",
        madoguchi_domain::procedure::FieldRules::from(&body.fields)
            .validate()
            .map_err(|e| FieldError { field: String::new(), ..e }),
    );
    errors.into_result()?;
    let fields = fields.ok_or_else(|| {
        ApiError::invalid(FieldError::new("fields", "procedure.no_contact", "ask for a phone number or a mail address"))
    })?;
    Ok(NewProcedure {
        name,
        kind: body.kind.into(),
        description,
        what_to_bring,
        fields,
        max_applicants: body.max_applicants,
        sort_order: body.sort_order,
    })
}

/// Adds a procedure (offer it at a location through a pool).
#[utoipa::path(
    tag = "counters",
    security(("bearer" = [])),
    request_body = ProcedureBody,
    responses((status = 201, description = "Created; the body is the new procedure's id", body = Uuid, content_type = "application/json"), (status = 409, description = "`procedure.name_taken`", body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json"))
)]
#[post("/admin/procedures")]
pub async fn create_procedure(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    body: ValidJson<ProcedureBody>,
) -> ApiResult<HttpResponse> {
    let new = procedure_of(&body.0)?;
    let txn = database::begin_write(&state.db).await?;
    let created = procedures::create(&txn, &staff.scope, new, state.clock.now()).await?;
    staff
        .audit(
            &txn,
            &state,
            "procedure.create",
            "procedure",
            Some(created.id.0.to_string()),
            json!({ "name": created.name, "kind": created.kind.as_str() }),
        )
        .await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(created.id.0))
}

/// Changes a procedure: its name, text, fields asked, or stops it.
#[utoipa::path(
    tag = "counters",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = ProcedureBody,
    responses(
        (status = 204, description = "Changed"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`procedure.changed_meanwhile`, `procedure.name_taken`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Field errors; `procedure.has_bookings`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/admin/procedures/{id}")]
pub async fn update_procedure(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    id: web::Path<Uuid>,
    body: ValidJson<ProcedureBody>,
) -> ApiResult<HttpResponse> {
    let id = ProcedureId(id.into_inner());
    let change = procedure_of(&body.0)?;
    let version = body.0.version.ok_or_else(|| {
        ApiError::invalid(FieldError::new("version", "validation.required", "send the version you edited"))
    })?;
    let active = body.0.active.unwrap_or(true);
    if !active {
        refuse_if_booked(
            &state,
            &staff.scope,
            BookingFilter { procedure: Some(id), ..BookingFilter::default() },
            ProblemCode::ProcedureHasBookings,
        )
        .await?;
    }
    let txn = database::begin_write(&state.db).await?;
    procedures::update(&txn, &staff.scope, id, version, &change, active, state.clock.now())
        .await
        .map_err(changed_meanwhile(ProblemCode::ProcedureNotFound))?;
    staff
        .audit(
            &txn,
            &state,
            "procedure.update",
            "procedure",
            Some(id.0.to_string()),
            json!({ "name": change.name, "active": active }),
        )
        .await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPool {
    pub location_id: Uuid,
    /// 窓口, 第2窓口…; up to 100 characters, not blank, no control characters but line
    /// breaks (`\n`).
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0009\u000B-\u001F\u007F-\u009F](?:[^\u0000-\u0009\u000B-\u001F\u007F-\u009F]{0,98}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0009\u000B-\u001F\u007F-\u009F])?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub name: String,
    /// Procedures drawing their places from it at this location.
    #[serde(default)]
    pub procedure_ids: Vec<Uuid>,
}

/// Adds a capacity pool (a counter) at a location; its week starts closed.
#[utoipa::path(
    tag = "schedule",
    security(("bearer" = [])),
    request_body = NewPool,
    responses((status = 201, description = "The new pool's id", body = Uuid, content_type = "application/json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json"))
)]
#[post("/admin/pools")]
pub async fn create_pool(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    body: ValidJson<NewPool>,
) -> ApiResult<HttpResponse> {
    let ValidJson(body) = body;
    let mut errors = FieldErrors::new();
    let name = text(&mut errors, "name", &body.name, 100, true);
    errors.into_result()?;
    let location = LocationId(body.location_id);
    if !locations::list(&state.db, &staff.scope, false).await?.iter().any(|l| l.id == location) {
        return Err(ApiError::NotFound(ProblemCode::LocationNotFound));
    }
    let known = procedures::list(&state.db, &staff.scope, false).await?;
    check_procedures(&known, &body.procedure_ids)?;
    // A procedure moving here from another pool of the location takes its bookings along only if none are to come.
    for procedure in &body.procedure_ids {
        if schedules::pool_for(&state.db, &staff.scope, location, ProcedureId(*procedure)).await?.is_some() {
            refuse_if_booked(
                &state,
                &staff.scope,
                BookingFilter {
                    location: Some(location),
                    procedure: Some(ProcedureId(*procedure)),
                    ..BookingFilter::default()
                },
                ProblemCode::PoolProcedureHasBookings,
            )
            .await?;
        }
    }
    let txn = database::begin_write(&state.db).await?;
    let pool = schedules::create_pool(&txn, &staff.scope, location, &name, state.clock.now()).await?;
    for procedure in &body.procedure_ids {
        schedules::offer(&txn, &staff.scope, location, ProcedureId(*procedure), pool).await?;
    }
    staff
        .audit(
            &txn,
            &state,
            "pool.create",
            "capacity_pool",
            Some(pool.0.to_string()),
            json!({ "location_id": body.location_id, "name": name, "procedure_ids": body.procedure_ids }),
        )
        .await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(pool.0))
}

fn check_procedures(known: &[procedures::Procedure], ids: &[Uuid]) -> ApiResult<()> {
    let mut errors = FieldErrors::new();
    for (index, id) in ids.iter().enumerate() {
        if !known.iter().any(|p| p.id.0 == *id) {
            errors.push(FieldError::new(
                format!("procedure_ids.{index}"),
                ProblemCode::ProcedureNotFound.as_str(),
                "no such procedure",
            ));
        }
    }
    Ok(errors.into_result()?)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PoolProcedures {
    /// Every procedure the pool offers at its location from now on.
    pub procedure_ids: Vec<Uuid>,
}

/// Sets what a pool offers. Withdrawing a procedure with bookings to come is refused.
#[utoipa::path(
    tag = "schedule",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = PoolProcedures,
    responses((status = 204, description = "Set"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, description = "`pool.procedure_has_bookings` listing them", body = Problem, content_type = "application/problem+json"))
)]
#[put("/admin/pools/{id}/procedures")]
pub async fn set_pool_procedures(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    id: web::Path<Uuid>,
    body: ValidJson<PoolProcedures>,
) -> ApiResult<HttpResponse> {
    let ValidJson(body) = body;
    let pool = PoolId(id.into_inner());
    let summary = schedules::pools(&state.db, &staff.scope)
        .await?
        .into_iter()
        .find(|p| p.id == pool)
        .ok_or(ApiError::NotFound(ProblemCode::PoolNotFound))?;
    let known = procedures::list(&state.db, &staff.scope, false).await?;
    check_procedures(&known, &body.procedure_ids)?;
    let location = summary.location;
    let withdrawn: Vec<ProcedureId> =
        summary.procedures.iter().copied().filter(|p| !body.procedure_ids.contains(&p.0)).collect();
    for procedure in &withdrawn {
        refuse_if_booked(
            &state,
            &staff.scope,
            BookingFilter { location: Some(location), procedure: Some(*procedure), ..BookingFilter::default() },
            ProblemCode::PoolProcedureHasBookings,
        )
        .await?;
    }
    let txn = database::begin_write(&state.db).await?;
    for procedure in &withdrawn {
        schedules::withdraw(&txn, &staff.scope, location, *procedure).await?;
    }
    for procedure in &body.procedure_ids {
        schedules::offer(&txn, &staff.scope, location, ProcedureId(*procedure), pool).await?;
    }
    staff
        .audit(
            &txn,
            &state,
            "pool.procedures_set",
            "capacity_pool",
            Some(pool.0.to_string()),
            json!({ "procedure_ids": body.procedure_ids }),
        )
        .await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ClosureView {
    pub date: chrono::NaiveDate,
    pub reason: String,
}

/// Tenant-wide closures from today on (every counter closed that day).
#[utoipa::path(tag = "schedule", security(("bearer" = [])), responses((status = 200, body = Vec<ClosureView>)))]
#[get("/admin/closures")]
pub async fn list_closures(state: web::Data<AppState>, staff: Staff<Admin>) -> ApiResult<web::Json<Vec<ClosureView>>> {
    let today = state.clock.now().with_timezone(&tokyo()).date_naive();
    let list = schedules::closures(&state.db, &staff.scope, today).await?;
    Ok(web::Json(list.into_iter().map(|(date, reason)| ClosureView { date, reason }).collect()))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClosureBody {
    /// Shown to staff and, on the booking calendar, to residents; e.g. 庁舎電気設備点検.
    /// Up to 200 characters, no control characters but line breaks (`\n`).
    #[serde(default)]
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0009\u000B-\u001F\u007F-\u009F](?:[^\u0000-\u0009\u000B-\u001F\u007F-\u009F]{0,198}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0009\u000B-\u001F\u007F-\u009F])?)?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub reason: String,
}

/// Closes every counter on a date; refused, naming them, while bookings stand that day.
#[utoipa::path(
    tag = "schedule",
    security(("bearer" = [])),
    params(("date" = String, Path, format = Date, pattern = "^(18(6[89]|[7-9][0-9])|19[0-9]{2}|[2-9][0-9]{3})-", description = "YYYY-MM-DD")),
    request_body = ClosureBody,
    responses((status = 204, description = "Closed"), (status = 422, description = "`schedule.strands_bookings` listing each booking", body = Problem, content_type = "application/problem+json"))
)]
#[put("/admin/closures/{date}")]
pub async fn put_closure(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    date: web::Path<String>,
    body: ValidJson<ClosureBody>,
) -> ApiResult<HttpResponse> {
    let date = crate::params::required_date("date", &date)?;
    let mut errors = FieldErrors::new();
    let reason = text(&mut errors, "reason", &body.0.reason, 200, false);
    errors.into_result()?;
    for pool in schedules::pools(&state.db, &staff.scope).await? {
        let before = current(&state, &staff.scope, pool.id).await?;
        let mut after = before.clone();
        after.overrides.insert(date, DateOverride::Closed { reason: reason.clone() });
        refuse_stranding(&state, &staff.scope, pool.id, &before, &after).await?;
    }
    let txn = database::begin_write(&state.db).await?;
    schedules::add_closure(&txn, &staff.scope, date, &reason).await?;
    staff
        .audit(&txn, &state, "schedule.closure_set", "tenant", None, json!({ "date": date, "reason": reason }))
        .await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Opens a closed date again.
#[utoipa::path(tag = "schedule", security(("bearer" = [])), params(("date" = String, Path, format = Date, pattern = "^(18(6[89]|[7-9][0-9])|19[0-9]{2}|[2-9][0-9]{3})-")), responses((status = 204, description = "Open again, or was not closed"), (status = 422, description = "`validation.date`: `date` is not a date", body = Problem, content_type = "application/problem+json")))]
#[delete("/admin/closures/{date}")]
pub async fn remove_closure(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    date: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let date = crate::params::required_date("date", &date)?;
    let txn = database::begin_write(&state.db).await?;
    if schedules::remove_closure(&txn, &staff.scope, date).await? {
        staff.audit(&txn, &state, "schedule.closure_removed", "tenant", None, json!({ "date": date })).await?;
    }
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}
