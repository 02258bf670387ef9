//! The card ledger as the API shows it: scanned cards, cards with their history and
//! booking, and the search filter both the search and the bulk steps read.

use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_domain::ledger::qr;
use madoguchi_domain::ledger::status::CardStatus;
use madoguchi_persistence::ledger_cards::LedgerCard;
use madoguchi_persistence::ledger_events::LedgerEvent;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// A card as its QR code described it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScannedCardView {
    pub management_number: String,
    pub application_id: Option<String>,
    pub shipment_number: Option<String>,
    pub name: Option<String>,
    pub birth_date: Option<NaiveDate>,
    /// `1` male, `2` female, `9` unknown.
    pub sex: Option<String>,
    pub address: Option<String>,
    /// `at_issuance` (交付時来庁) or `at_application` (申請時来庁).
    pub visit_method: Option<String>,
    /// `new`, `renewal` or `reissue`.
    pub kind: Option<String>,
    pub signing_certificate: bool,
    pub user_certificate: bool,
}

impl From<&qr::ScannedCard> for ScannedCardView {
    fn from(card: &qr::ScannedCard) -> Self {
        Self {
            management_number: card.management_number.as_str().to_owned(),
            application_id: card.application_id.as_ref().map(|a| a.as_str().to_owned()),
            shipment_number: card.shipment_number.as_ref().map(|s| s.as_str().to_owned()),
            name: card.name.clone(),
            birth_date: card.birth_date,
            sex: card.sex.map(|s| s.code().to_owned()),
            address: card.address.clone(),
            visit_method: card.visit_method.map(|v| v.as_str().to_owned()),
            kind: card.kind.map(|k| k.as_str().to_owned()),
            signing_certificate: card.signing_certificate,
            user_certificate: card.user_certificate,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ScanView {
    pub id: Uuid,
    pub scanned_at: DateTime<Utc>,
    pub card: ScannedCardView,
}

/// A card in the ledger with every field the カード管理簿 keeps.
#[derive(Debug, Serialize, ToSchema)]
pub struct LedgerCardView {
    pub id: Uuid,
    pub management_number: String,
    pub application_id: Option<String>,
    pub shipment_number: Option<String>,
    pub name: Option<String>,
    pub name_kana: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub sex: Option<String>,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub visit_method: Option<String>,
    pub kind: Option<String>,
    pub signing_certificate: bool,
    pub user_certificate: bool,
    pub card_expires_on: Option<NaiveDate>,
    pub certificate_expires_on: Option<NaiveDate>,
    pub status: CardStatusView,
    pub inspection_result: Option<String>,
    pub inspected_on: Option<NaiveDate>,
    pub set_up_on: Option<NaiveDate>,
    pub notice_sent_on: Option<NaiveDate>,
    pub notice_returned_on: Option<NaiveDate>,
    pub handed_over_on: Option<NaiveDate>,
    pub reminder_sent_on: Option<NaiveDate>,
    pub cancelled_on: Option<NaiveDate>,
    pub cancel_reason: String,
    pub reissue_processed_on: Option<NaiveDate>,
    pub reissuable: Option<bool>,
    pub reissue_reason: String,
    pub abolished_on: Option<NaiveDate>,
    pub abolish_reason: String,
    pub disposed_on: Option<NaiveDate>,
    pub dispose_reason: String,
    pub notes: String,
    pub handover_notes: String,
    pub storage_location: String,
    /// The last e-certificate renewal list's verdict: `matched`, `conflict`, `not_on_list`.
    pub renewal_check: Option<String>,
    pub renewal_checked_on: Option<NaiveDate>,
    /// The person of an imported address list the card belongs to.
    pub person_id: Option<Uuid>,
    /// The booking that holds the card, while one does.
    pub booking_id: Option<Uuid>,
    pub registered_at: DateTime<Utc>,
    pub version: i32,
}

impl From<LedgerCard> for LedgerCardView {
    fn from(c: LedgerCard) -> Self {
        Self {
            id: c.id.0,
            management_number: c.management_number,
            application_id: c.application_id,
            shipment_number: c.shipment_number,
            name: c.name,
            name_kana: c.name_kana,
            birth_date: c.birth_date,
            sex: c.sex,
            address: c.address,
            postal_code: c.postal_code,
            visit_method: c.visit_method,
            kind: c.kind,
            signing_certificate: c.signing_certificate,
            user_certificate: c.user_certificate,
            card_expires_on: c.card_expires_on,
            certificate_expires_on: c.certificate_expires_on,
            status: c.status.into(),
            inspection_result: c.inspection_result,
            inspected_on: c.inspected_on,
            set_up_on: c.set_up_on,
            notice_sent_on: c.notice_sent_on,
            notice_returned_on: c.notice_returned_on,
            handed_over_on: c.handed_over_on,
            reminder_sent_on: c.reminder_sent_on,
            cancelled_on: c.cancelled_on,
            cancel_reason: c.cancel_reason,
            reissue_processed_on: c.reissue_processed_on,
            reissuable: c.reissuable,
            reissue_reason: c.reissue_reason,
            abolished_on: c.abolished_on,
            abolish_reason: c.abolish_reason,
            disposed_on: c.disposed_on,
            dispose_reason: c.dispose_reason,
            notes: c.notes,
            handover_notes: c.handover_notes,
            storage_location: c.storage_location,
            renewal_check: c.renewal_check,
            renewal_checked_on: c.renewal_checked_on,
            person_id: c.person_id.map(|p| p.0),
            booking_id: c.booking_id.map(|b| b.0),
            registered_at: c.registered_at,
            version: c.version,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LedgerEventView {
    pub at: DateTime<Utc>,
    /// A staff login ID, or `booking`.
    pub actor: String,
    /// `registered` or the step (`inspect`, `send_notice`, `book`…).
    pub action: String,
    pub from_status: Option<CardStatusView>,
    pub to_status: Option<CardStatusView>,
    /// The business date the step took effect (検品日, 交付日…).
    pub on_date: Option<NaiveDate>,
    pub reason: String,
}

impl From<LedgerEvent> for LedgerEventView {
    fn from(e: LedgerEvent) -> Self {
        Self {
            at: e.at,
            actor: e.actor,
            action: e.action,
            from_status: e.from_status.map(CardStatusView::from),
            to_status: e.to_status.map(CardStatusView::from),
            on_date: e.on_date,
            reason: e.reason,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LedgerCardDetails {
    pub card: LedgerCardView,
    /// Oldest first.
    pub history: Vec<LedgerEventView>,
    /// The booking that holds the card (LED-08), while one does.
    pub booking: Option<CardBookingView>,
}

/// The booking a card is held by, as its page links it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CardBookingView {
    pub reception_number: String,
    pub start: DateTime<chrono::FixedOffset>,
    pub status: crate::dto::booking::BookingStatusView,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CardQuery {
    #[param(pattern = "^([0-9A-Za-z]{3}-?[0-9]{6})?$")]
    pub management_number: Option<String>,
    pub application_id: Option<String>,
    /// `YYYY-MM-DD`, or 和暦 (`昭和50年4月1日`).
    #[param(value_type = Option<crate::params::DateText>)]
    pub birth_date: Option<String>,
    /// Part of the name or its reading.
    pub name: Option<String>,
    #[param(
        pattern = "^(received|inspected|set_up|notice_sent|notice_returned|booked|handed_over|cancelled|reissued|abolished|disposed)?$"
    )]
    pub status: Option<String>,
    #[param(pattern = "^(new|renewal|reissue)?$")]
    pub kind: Option<String>,
    #[param(pattern = "^(at_issuance|at_application)?$")]
    pub visit_method: Option<String>,
    pub storage_location: Option<String>,
    /// The date `date_from`/`date_to` range over: `inspected_on`, `notice_sent_on`,
    /// `handed_over_on`, `card_expires_on`, `certificate_expires_on`.
    #[param(pattern = "^(inspected_on|notice_sent_on|handed_over_on|card_expires_on|certificate_expires_on)?$")]
    pub date_field: Option<String>,
    pub date_from: Option<NaiveDate>,
    pub date_to: Option<NaiveDate>,
    /// The last renewal list's verdict: `matched`, `conflict`, `not_on_list`.
    #[param(pattern = "^(matched|conflict|not_on_list)?$")]
    pub renewal_check: Option<String>,
}

/// The search's filters, as a bulk action sends them ("every card that matches").
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CardFilterBody {
    #[schema(pattern = "^([0-9A-Za-z]{3}-?[0-9]{6})?$")]
    pub management_number: Option<String>,
    pub application_id: Option<String>,
    #[schema(value_type = Option<crate::params::DateText>)]
    pub birth_date: Option<String>,
    pub name: Option<String>,
    #[schema(
        pattern = "^(received|inspected|set_up|notice_sent|notice_returned|booked|handed_over|cancelled|reissued|abolished|disposed)?$"
    )]
    pub status: Option<String>,
    #[schema(pattern = "^(new|renewal|reissue)?$")]
    pub kind: Option<String>,
    #[schema(pattern = "^(at_issuance|at_application)?$")]
    pub visit_method: Option<String>,
    pub storage_location: Option<String>,
    #[schema(pattern = "^(inspected_on|notice_sent_on|handed_over_on|card_expires_on|certificate_expires_on)?$")]
    pub date_field: Option<String>,
    pub date_from: Option<NaiveDate>,
    pub date_to: Option<NaiveDate>,
    #[schema(pattern = "^(matched|conflict|not_on_list)?$")]
    pub renewal_check: Option<String>,
}

impl CardFilterBody {
    /// The filters given, for the audit log (those left out are not named).
    #[must_use]
    pub fn given(&self) -> serde_json::Value {
        let mut value = serde_json::to_value(self).unwrap_or_default();
        if let Some(object) = value.as_object_mut() {
            object.retain(|_, v| !v.is_null());
        }
        value
    }

    /// As [`CardFilterBody::given`], a name or a birth date shown only as given.
    #[must_use]
    pub fn given_without_personal_data(&self) -> serde_json::Value {
        let mut value = self.given();
        if let Some(object) = value.as_object_mut() {
            for field in ["name", "birth_date"] {
                if let Some(v) = object.get_mut(field) {
                    *v = serde_json::Value::Bool(true);
                }
            }
        }
        value
    }
}

impl From<&CardQuery> for CardFilterBody {
    fn from(q: &CardQuery) -> Self {
        Self {
            management_number: q.management_number.clone(),
            application_id: q.application_id.clone(),
            birth_date: q.birth_date.clone(),
            name: q.name.clone(),
            status: q.status.clone(),
            kind: q.kind.clone(),
            visit_method: q.visit_method.clone(),
            storage_location: q.storage_location.clone(),
            date_field: q.date_field.clone(),
            date_from: q.date_from,
            date_to: q.date_to,
            renewal_check: q.renewal_check.clone(),
        }
    }
}

/// Where a card stands: `received` (納品), `inspected` (検品), `set_up` (交付前設定),
/// `notice_sent` (交付通知書発送), `notice_returned` (返戻), `booked`, `handed_over` (交付),
/// or off that road: `cancelled`, `reissued`, `abolished`, `disposed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CardStatusView {
    Received,
    Inspected,
    SetUp,
    NoticeSent,
    NoticeReturned,
    Booked,
    HandedOver,
    Cancelled,
    Reissued,
    Abolished,
    Disposed,
}

impl From<CardStatus> for CardStatusView {
    fn from(status: CardStatus) -> Self {
        match status {
            CardStatus::Received => Self::Received,
            CardStatus::Inspected => Self::Inspected,
            CardStatus::SetUp => Self::SetUp,
            CardStatus::NoticeSent => Self::NoticeSent,
            CardStatus::NoticeReturned => Self::NoticeReturned,
            CardStatus::Booked => Self::Booked,
            CardStatus::HandedOver => Self::HandedOver,
            CardStatus::Cancelled => Self::Cancelled,
            CardStatus::Reissued => Self::Reissued,
            CardStatus::Abolished => Self::Abolished,
            CardStatus::Disposed => Self::Disposed,
        }
    }
}
