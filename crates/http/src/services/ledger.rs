//! Reading the card ledger: the search filter checked whole, a card with its history.

use madoguchi_domain::applicant::ManagementNumber;
use madoguchi_domain::ledger::status::CardStatus;
use madoguchi_domain::{FieldError, FieldErrors};
use madoguchi_persistence::ledger_cards::{self, CardFilter, DateColumn};
use madoguchi_persistence::ledger_events;
use uuid::Uuid;

use crate::auth::{LedgerDesk, Staff};
use crate::dto::ledger::{CardBookingView, CardFilterBody, LedgerCardDetails, LedgerEventView};
use crate::problem::{ApiError, ApiResult, ProblemCode};
use crate::state::AppState;
use madoguchi_domain::ids::CardId;

pub fn filter(query: &CardFilterBody) -> Result<CardFilter, FieldErrors> {
    let mut errors = FieldErrors::new();
    let given = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
    let management_number =
        given(&query.management_number).and_then(|n| errors.collect("management_number", ManagementNumber::parse(&n)));
    let birth_date = given(&query.birth_date).and_then(|d| {
        let parsed = madoguchi_domain::wareki::parse_date(&d);
        if parsed.is_none() {
            errors.push(FieldError::new(
                "birth_date",
                "validation.date",
                "a date such as 1975-04-01 or 昭和50年4月1日",
            ));
        }
        parsed
    });
    let status = given(&query.status).and_then(|s| {
        let parsed = CardStatus::parse(&s);
        if parsed.is_none() {
            errors.push(FieldError::new("status", "ledger.unknown_status", format!("unknown status `{s}`")));
        }
        parsed
    });
    let dated = match (given(&query.date_field), query.date_from, query.date_to) {
        (None, None, None) => None,
        (None, ..) => {
            errors.push(FieldError::new("date_field", "validation.required", "name the date the range is for"));
            None
        }
        (Some(name), from, to) => {
            let column = DateColumn::parse(&name);
            if column.is_none() {
                errors.push(FieldError::new(
                    "date_field",
                    "ledger.unknown_date_field",
                    format!("unknown date `{name}`"),
                ));
            }
            if let (Some(from), Some(to)) = (from, to)
                && from > to
            {
                errors.push(FieldError::new("date_to", "validation.range", "the range ends before it starts"));
            }
            column.map(|c| (c, from, to))
        }
    };
    let renewal_check = given(&query.renewal_check);
    if let Some(check) = &renewal_check
        && !["matched", "conflict", "not_on_list"].contains(&check.as_str())
    {
        errors.push(FieldError::new(
            "renewal_check",
            "ledger.unknown_renewal_check",
            format!("unknown verdict `{check}`"),
        ));
    }
    for (field, value, known) in [
        ("kind", &query.kind, &["new", "renewal", "reissue"][..]),
        ("visit_method", &query.visit_method, &["at_issuance", "at_application"][..]),
    ] {
        if let Some(value) = given(value)
            && !known.contains(&value.as_str())
        {
            errors.push(FieldError::new(field, "validation.choice", format!("one of {}", known.join(", "))));
        }
    }
    errors.into_result()?;
    Ok(CardFilter {
        dated,
        renewal_check,
        management_number,
        application_id: given(&query.application_id),
        birth_date,
        name: given(&query.name),
        status,
        kind: given(&query.kind),
        visit_method: given(&query.visit_method),
        storage_location: given(&query.storage_location),
    })
}

pub async fn details(state: &AppState, staff: &Staff<LedgerDesk>, id: Uuid) -> ApiResult<LedgerCardDetails> {
    let vault = state.vault(&staff.scope).await?;
    let card = ledger_cards::find(&state.db, &staff.scope, &vault, CardId(id))
        .await?
        .ok_or(ApiError::NotFound(ProblemCode::LedgerCardNotFound))?;
    let history = ledger_events::history(&state.db, &staff.scope, &vault, CardId(id)).await?;
    let booking = match card.booking_id {
        Some(booking) => madoguchi_persistence::bookings::summary(&state.db, &staff.scope, booking.0).await?.map(|b| {
            CardBookingView {
                reception_number: b.reception_number.to_string(),
                start: b.start.with_timezone(&madoguchi_domain::time::tokyo()),
                status: b.status.into(),
            }
        }),
        None => None,
    };
    Ok(LedgerCardDetails {
        card: card.into(),
        history: history.into_iter().map(LedgerEventView::from).collect(),
        booking,
    })
}
