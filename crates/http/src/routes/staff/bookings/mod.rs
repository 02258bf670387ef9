//! The staff's booking desk, one module per screen it serves.

pub mod calendar;
pub mod counter;
pub mod day_sheet;
pub mod desk;
pub mod export;
pub mod search;
