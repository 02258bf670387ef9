//! The card ledger (カード管理簿): every card J-LIS delivers, read from the QR codes of
//! the カード発行一覧 and followed to the resident's hand, or to disposal.

pub mod batch;
pub mod card;
pub mod import;
pub mod postal;
pub mod qr;
pub mod status;
