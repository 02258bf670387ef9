//! The use cases: what a request asks the service to do, checked against the domain's
//! rules and carried out through the persistence crate, in its transactions. Route
//! modules parse a request, call one of these and map the answer; they never call
//! each other.

pub mod audit_names;
pub mod booking;
pub mod booking_desk;
pub mod booking_mail;
pub mod ledger;
pub mod scan_batches;
pub mod schedule;
pub mod sign_in;
pub mod site;
