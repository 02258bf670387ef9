//! The applicants of a booking as the API reads and shows them, to residents and staff.

use madoguchi_domain::booking_status::BookingStatus;
use madoguchi_persistence::bookings;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct ApplicantRequest {
    /// 製造管理番号 on the 交付通知書, e.g. `A1B234567` (full width and a hyphen are fine).
    #[schema(pattern = "^([0-9A-Za-z]{3}-?[0-9]{6})?$")]
    pub management_number: Option<String>,
    /// Up to 100 characters.
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F](?:[^\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F]{0,98}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F])?)?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub name: Option<String>,
    /// フリガナ: katakana or hiragana, up to 100 characters.
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:[\u3041-\u3096\u30A1-\u30FA\u30FC](?:[\u3041-\u3096\u30A1-\u30FA\u30FC\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]{0,98}[\u3041-\u3096\u30A1-\u30FA\u30FC])?)?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub name_kana: Option<String>,
    /// `1950-04-01`, `1950/4/1` or 和暦 such as `昭和25年4月1日`; from 1900 to today.
    #[schema(value_type = Option<crate::params::DateText>)]
    pub birth_date: Option<String>,
    /// Up to 200 characters.
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u001F\u007F-\u009F](?:[^\u0000-\u001F\u007F-\u009F]{0,198}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u001F\u007F-\u009F])?)?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub address: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicantView {
    pub management_number: Option<String>,
    pub name: Option<String>,
    pub name_kana: Option<String>,
    pub birth_date: Option<chrono::NaiveDate>,
    pub address: Option<String>,
}

impl From<&bookings::StoredApplicant> for ApplicantView {
    fn from(a: &bookings::StoredApplicant) -> Self {
        Self {
            management_number: a.management_number.clone(),
            name: a.name.clone(),
            name_kana: a.name_kana.clone(),
            birth_date: a.birth_date,
            address: a.address.clone(),
        }
    }
}

/// Where a booking stands: `booked` (to come), `cancelled`, `visited` (checked in at the
/// counter) or `no_show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BookingStatusView {
    Booked,
    Cancelled,
    Visited,
    NoShow,
}

impl From<BookingStatus> for BookingStatusView {
    fn from(status: BookingStatus) -> Self {
        match status {
            BookingStatus::Booked => Self::Booked,
            BookingStatus::Cancelled => Self::Cancelled,
            BookingStatus::Visited => Self::Visited,
            BookingStatus::NoShow => Self::NoShow,
        }
    }
}

impl From<BookingStatusView> for BookingStatus {
    fn from(status: BookingStatusView) -> Self {
        match status {
            BookingStatusView::Booked => Self::Booked,
            BookingStatusView::Cancelled => Self::Cancelled,
            BookingStatusView::Visited => Self::Visited,
            BookingStatusView::NoShow => Self::NoShow,
        }
    }
}
