//! The business of a My Number Card counter, pure: value types that validate on
//! construction and the rules around them. No IO, no async, no ORM, no HTTP.

pub mod applicant;
pub mod availability;
pub mod booking;
pub mod booking_rules;
pub mod booking_status;
pub mod csv_cell;
pub mod field_error;
pub mod holidays;
pub mod ids;
pub mod ledger;
pub mod logo;
pub mod notice;
pub mod password_policy;
pub mod procedure;
pub mod reception;
pub mod role;
pub mod schedule;
pub mod search_text;
pub mod settings;
pub mod sign_in;
pub mod staff;
pub mod staff_csv;
pub mod tenant;
pub mod text_file;
pub mod time;
pub mod variants;
pub mod wareki;
pub mod width;

pub use field_error::{FieldError, FieldErrors};
