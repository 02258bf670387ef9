//! Documents in and out of the ledger desk: the PDFs it prints and the QR codes it
//! reads from scanned pages. Kept apart from the HTTP layer so their heavy
//! dependencies (image codecs, a PDF writer) build once.

pub mod pdf;
pub mod scans;
