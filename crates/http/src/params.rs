//! Query parameters read one way everywhere: dates as people type them (ISO, full-width
//! digits, 和暦), periods with their longest span, and paging with its documented limits.
//! Each reader adds what is wrong to the caller's `FieldErrors`, so that one answer
//! names every faulty parameter.

use chrono::NaiveDate;
use madoguchi_domain::time;
use madoguchi_domain::width::trim_text;
use madoguchi_domain::{FieldError, FieldErrors};

/// The years [`time::YEARS`] allows, as the start of a `YYYY-MM-DD` date.
pub const DATE_YEARS_PATTERN: &str = "^(18(6[89]|[7-9][0-9])|19[0-9]{2}|[2-9][0-9]{3})-";

/// The schema of a date parameter as the document declares it: `YYYY-MM-DD` within
/// [`time::YEARS`]. The service also reads the forms people type (full-width digits,
/// `2026/12/1`, 和暦); the document names the one form a program should send.
#[must_use]
pub fn date_schema() -> utoipa::openapi::schema::Object {
    use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
    ObjectBuilder::new()
        .schema_type(Type::String)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
        .pattern(Some(DATE_YEARS_PATTERN))
        .build()
}

/// A date field as the document declares it (component `DateText`): a date as
/// [`date_schema`] has it, or blank for none (a form's empty field).
pub struct DateText;

impl utoipa::PartialSchema for DateText {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Type};
        OneOfBuilder::new()
            .description(Some(
                "`YYYY-MM-DD`, years 1868 to 9999, or blank for none. Full-width digits, `2026/12/1` and 和暦 \
                 (`令和8年12月1日`, `R8.12.1`) are read too.",
            ))
            .item(date_schema())
            .item(ObjectBuilder::new().schema_type(Type::String).max_length(Some(0)))
            .into()
    }
}

impl utoipa::ToSchema for DateText {}

/// A date parameter; `None` when absent or blank (and, when faulty, an error recorded).
pub fn date(field: &str, value: Option<&str>, errors: &mut FieldErrors) -> Option<NaiveDate> {
    let value = value.map(trim_text).filter(|v| !v.is_empty())?;
    // `collect` names the error after `field`.
    errors.collect(field, time::parse_date("", value))
}

/// A date that must be there (a path segment, say).
///
/// # Errors
/// `validation.required` or `validation.date` naming `field`.
pub fn required_date(field: &str, value: &str) -> Result<NaiveDate, FieldErrors> {
    let mut errors = FieldErrors::new();
    let date = date(field, Some(value), &mut errors);
    match date {
        Some(date) => Ok(date),
        None if errors.is_empty() => {
            Err(FieldErrors::from(FieldError::new(field, "validation.required", "this field is required")))
        }
        None => Err(errors),
    }
}

/// A period of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Period {
    /// Every day of the period, in order.
    pub fn days(self) -> impl Iterator<Item = NaiveDate> {
        self.first.iter_days().take_while(move |d| *d <= self.last)
    }
}

/// The limits of a period parameter pair.
#[derive(Debug, Clone, Copy)]
pub struct PeriodRule {
    /// The parameters' names, as the errors name them.
    pub fields: (&'static str, &'static str),
    /// Days after the first when the last is not given (0: the same day).
    pub default_span: i64,
    /// The most days between the first and the last.
    pub max_span: i64,
}

/// Reads `from` and `to` (`first` defaults to `today`): a reversed or too long period,
/// or a faulty date, is recorded in `errors` and answers `None`.
pub fn period(
    rule: PeriodRule,
    from: Option<&str>,
    to: Option<&str>,
    today: NaiveDate,
    errors: &mut FieldErrors,
) -> Option<Period> {
    let (from_field, to_field) = rule.fields;
    let first = date(from_field, from, errors);
    let last = date(to_field, to, errors);
    let first = first.or_else(|| from.is_none_or(|v| trim_text(v).is_empty()).then_some(today))?;
    let last = match last {
        Some(last) => last,
        None if to.is_none_or(|v| trim_text(v).is_empty()) => time::add_days(first, rule.default_span)?,
        None => return None,
    };
    if last < first {
        errors.push(FieldError::new(to_field, "validation.period_reversed", "the last day is before the first"));
        return None;
    }
    if (last - first).num_days() > rule.max_span {
        errors.push(FieldError::new(
            to_field,
            "validation.period_too_long",
            format!("at most {} days at a time", rule.max_span),
        ));
        return None;
    }
    Some(Period { first, last })
}

/// The page asked for, as its own query parameters: a route that lists in pages takes
/// it beside its filters, so that a route taking the same filters without paging (an
/// export) does not declare parameters it ignores.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// 1 for the first page.
    #[param(minimum = 1, maximum = 1_000_000)]
    pub page: Option<u64>,
    /// 1 to 500; 50 when absent.
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u64>,
}

/// The most items one page carries.
pub const MAX_PER_PAGE: u64 = 500;
/// Items per page when not asked.
pub const DEFAULT_PER_PAGE: u64 = 50;
/// The last page number accepted (far beyond any list; keeps offsets small).
pub const MAX_PAGE: u64 = 1_000_000;

/// Paging parameters: 1-based page, 1 to [`MAX_PER_PAGE`] per page; numbers outside
/// are refused, never clamped, so a client learns the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub page: u64,
    pub per_page: u64,
}

impl Paging {
    /// Reads `page` and `per_page`, recording what is out of range in `errors`.
    pub fn read(page: Option<u64>, per_page: Option<u64>, errors: &mut FieldErrors) -> Self {
        let page = page.unwrap_or(1);
        let per_page = per_page.unwrap_or(DEFAULT_PER_PAGE);
        if !(1..=MAX_PAGE).contains(&page) {
            errors.push(FieldError::new("page", "validation.out_of_range", format!("pages run from 1 to {MAX_PAGE}")));
        }
        if !(1..=MAX_PER_PAGE).contains(&per_page) {
            errors.push(FieldError::new(
                "per_page",
                "validation.out_of_range",
                format!("1 to {MAX_PER_PAGE} per page"),
            ));
        }
        Self { page: page.clamp(1, MAX_PAGE), per_page: per_page.clamp(1, MAX_PER_PAGE) }
    }

    /// Reads them alone.
    ///
    /// # Errors
    /// Each parameter out of range.
    pub fn parse(page: Option<u64>, per_page: Option<u64>) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let paging = Self::read(page, per_page, &mut errors);
        errors.into_result().map(|()| paging)
    }

    /// How many items come before this page.
    #[must_use]
    pub fn offset(self) -> u64 {
        (self.page - 1) * self.per_page
    }

    /// The zero-based page number.
    #[must_use]
    pub fn index(self) -> u64 {
        self.page - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: PeriodRule = PeriodRule { fields: ("from", "to"), default_span: 6, max_span: 62 };

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|e| panic!("{e}"))
    }

    fn fields(errors: &FieldErrors) -> Vec<(String, &'static str)> {
        errors.0.iter().map(|e| (e.field.clone(), e.code)).collect()
    }

    #[test]
    fn a_period_defaults_to_today_and_its_span() {
        let mut errors = FieldErrors::new();
        let week = period(RULE, None, None, day("2026-12-31"), &mut errors);
        assert_eq!(week, Some(Period { first: day("2026-12-31"), last: day("2027-01-06") }));
        assert!(errors.is_empty());
        let typed = period(RULE, Some("令和9年1月４日"), Some("２０２７/1/5"), day("2026-12-31"), &mut errors);
        assert_eq!(typed.map(|p| p.days().count()), Some(2));
    }

    #[test]
    fn a_faulty_period_names_each_parameter() {
        let mut errors = FieldErrors::new();
        assert_eq!(period(RULE, Some("+262142-12-31"), Some("soon"), day("2026-12-31"), &mut errors), None);
        assert_eq!(fields(&errors), [("from".to_owned(), "validation.date"), ("to".to_owned(), "validation.date")]);
        let mut errors = FieldErrors::new();
        assert_eq!(period(RULE, Some("2027-01-10"), Some("2027-01-01"), day("2026-12-31"), &mut errors), None);
        assert_eq!(fields(&errors), [("to".to_owned(), "validation.period_reversed")]);
        let mut errors = FieldErrors::new();
        assert_eq!(period(RULE, Some("2027-01-01"), Some("2027-12-31"), day("2026-12-31"), &mut errors), None);
        assert_eq!(fields(&errors), [("to".to_owned(), "validation.period_too_long")]);
    }

    #[test]
    fn paging_out_of_range_is_refused_not_clamped() {
        assert_eq!(Paging::parse(None, None), Ok(Paging { page: 1, per_page: 50 }));
        assert_eq!(Paging::parse(Some(3), Some(500)).map(Paging::offset), Ok(1000));
        let refused = Paging::parse(Some(u64::MAX), Some(501)).err().map(|e| fields(&e));
        assert_eq!(
            refused,
            Some(vec![
                ("page".to_owned(), "validation.out_of_range"),
                ("per_page".to_owned(), "validation.out_of_range")
            ])
        );
        assert!(Paging::parse(Some(0), Some(0)).is_err());
    }
}
