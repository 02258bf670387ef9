//! A card's life: received from J-LIS (納品), inspected (検品), set up for issuance
//! (交付前設定), the notice letter sent (交付通知書発送) and perhaps returned (返戻),
//! booked, handed over (交付); or it leaves that road: issuance cancelled (交付取りやめ),
//! reissued (再発行), abolished (廃止), disposed of (廃棄). Every step is a transition
//! the ledger checks; an illegal one is refused, never applied.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CardStatus {
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

const STATUSES: [CardStatus; 11] = [
    CardStatus::Received,
    CardStatus::Inspected,
    CardStatus::SetUp,
    CardStatus::NoticeSent,
    CardStatus::NoticeReturned,
    CardStatus::Booked,
    CardStatus::HandedOver,
    CardStatus::Cancelled,
    CardStatus::Reissued,
    CardStatus::Abolished,
    CardStatus::Disposed,
];

impl CardStatus {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Received => "received",
            Self::Inspected => "inspected",
            Self::SetUp => "set_up",
            Self::NoticeSent => "notice_sent",
            Self::NoticeReturned => "notice_returned",
            Self::Booked => "booked",
            Self::HandedOver => "handed_over",
            Self::Cancelled => "cancelled",
            Self::Reissued => "reissued",
            Self::Abolished => "abolished",
            Self::Disposed => "disposed",
        }
    }

    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        STATUSES.into_iter().find(|s| s.as_str() == name)
    }

    /// The name the ledger (カード管理簿) and its printed lists use.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Received => "納品済",
            Self::Inspected => "検品済",
            Self::SetUp => "交付前設定済",
            Self::NoticeSent => "通知書発送済",
            Self::NoticeReturned => "通知書返戻",
            Self::Booked => "予約済",
            Self::HandedOver => "交付済",
            Self::Cancelled => "交付取りやめ",
            Self::Reissued => "再発行",
            Self::Abolished => "廃止",
            Self::Disposed => "廃棄",
        }
    }

    #[must_use]
    pub fn all() -> &'static [Self] {
        &STATUSES
    }

    /// The holder may book to collect it: the letter went out (or came back, and the
    /// holder called), and no booking holds it yet.
    #[must_use]
    pub fn ready_for_hand_over(self) -> bool {
        matches!(self, Self::NoticeSent | Self::NoticeReturned)
    }
}

impl fmt::Display for CardStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// 検品結果: a card fit to hand over, or why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InspectionResult {
    Ok,
    /// 転出: the holder moved out of the municipality.
    MovedOut,
    /// 死亡
    Deceased,
    /// A printing or chip defect.
    Defect,
    Other,
}

impl InspectionResult {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::MovedOut => "moved_out",
            Self::Deceased => "deceased",
            Self::Defect => "defect",
            Self::Other => "other",
        }
    }

    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        [Self::Ok, Self::MovedOut, Self::Deceased, Self::Defect, Self::Other].into_iter().find(|r| r.as_str() == name)
    }
}

/// What a clerk (or a booking) does to a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Inspect(InspectionResult),
    SetUp,
    SendNotice,
    ReturnNotice,
    Book,
    Release,
    HandOver,
    Cancel,
    Reissue,
    Abolish,
    Dispose,
}

impl Step {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Inspect(_) => "inspect",
            Self::SetUp => "set_up",
            Self::SendNotice => "send_notice",
            Self::ReturnNotice => "return_notice",
            Self::Book => "book",
            Self::Release => "release",
            Self::HandOver => "hand_over",
            Self::Cancel => "cancel",
            Self::Reissue => "reissue",
            Self::Abolish => "abolish",
            Self::Dispose => "dispose",
        }
    }

    /// A step by its name; `inspect` needs its result.
    #[must_use]
    pub fn parse(name: &str, inspection: Option<InspectionResult>) -> Option<Self> {
        Some(match name {
            "inspect" => Self::Inspect(inspection?),
            "set_up" => Self::SetUp,
            "send_notice" => Self::SendNotice,
            "return_notice" => Self::ReturnNotice,
            "book" => Self::Book,
            "release" => Self::Release,
            "hand_over" => Self::HandOver,
            "cancel" => Self::Cancel,
            "reissue" => Self::Reissue,
            "abolish" => Self::Abolish,
            "dispose" => Self::Dispose,
            _ => return None,
        })
    }

    /// Whether the clerk must say why (取りやめ, 廃止 and 廃棄 reasons are ledger fields).
    #[must_use]
    pub fn needs_reason(self) -> bool {
        matches!(self, Self::Cancel | Self::Abolish | Self::Dispose)
    }
}

/// Refused: the card is in `from`, where `step` does not apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a card that is {from} cannot {step}")]
pub struct InvalidTransition {
    pub from: CardStatus,
    pub step: &'static str,
}

/// Where `step` takes a card that is `from`, whose last inspection found `inspection`.
///
/// # Errors
/// [`InvalidTransition`] for a step that does not apply there: setting up a card that
/// failed inspection, handing over a cancelled one, disposing of one in the holder's hands…
pub fn next(
    from: CardStatus,
    inspection: Option<InspectionResult>,
    step: Step,
) -> Result<CardStatus, InvalidTransition> {
    use CardStatus::{
        Abolished, Booked, Cancelled, Disposed, HandedOver, Inspected, NoticeReturned, NoticeSent, Received, Reissued,
        SetUp,
    };
    let to = match (step, from) {
        (Step::Inspect(_), Received | Inspected) => Some(Inspected),
        (Step::SetUp, Inspected) if inspection == Some(InspectionResult::Ok) => Some(SetUp),
        (Step::SendNotice, SetUp | NoticeReturned) => Some(NoticeSent),
        (Step::ReturnNotice, NoticeSent) => Some(NoticeReturned),
        (Step::Book, NoticeSent | NoticeReturned) => Some(Booked),
        (Step::Release, Booked) => Some(NoticeSent),
        // A 申請時来庁 card goes to its holder once set up; a walk-in needs no booking.
        (Step::HandOver, SetUp | NoticeSent | NoticeReturned | Booked) => Some(HandedOver),
        (Step::Cancel, Received | Inspected | SetUp | NoticeSent | NoticeReturned | Booked) => Some(Cancelled),
        (Step::Reissue, Inspected | SetUp | NoticeSent | NoticeReturned | Cancelled) => Some(Reissued),
        (Step::Abolish, HandedOver | Cancelled) => Some(Abolished),
        (Step::Abolish, Inspected) if inspection.is_some_and(|r| r != InspectionResult::Ok) => Some(Abolished),
        (Step::Dispose, Cancelled | Reissued | Abolished) => Some(Disposed),
        _ => None,
    };
    to.ok_or(InvalidTransition { from, step: step.as_str() })
}

#[cfg(test)]
mod tests {
    use super::CardStatus::*;
    use super::*;

    fn walk(steps: &[Step]) -> Result<CardStatus, InvalidTransition> {
        let mut status = Received;
        let mut inspection = None;
        for step in steps {
            status = next(status, inspection, *step)?;
            if let Step::Inspect(result) = step {
                inspection = Some(*result);
            }
        }
        Ok(status)
    }

    #[test]
    fn a_card_goes_from_the_box_to_its_holder() {
        let road = [Step::Inspect(InspectionResult::Ok), Step::SetUp, Step::SendNotice, Step::Book, Step::HandOver];
        assert_eq!(walk(&road), Ok(HandedOver));
        assert_eq!(
            walk(&[
                Step::Inspect(InspectionResult::Ok),
                Step::SetUp,
                Step::SendNotice,
                Step::ReturnNotice,
                Step::SendNotice,
                Step::Book,
                Step::Release
            ]),
            Ok(NoticeSent)
        );
        assert_eq!(
            walk(&[Step::Inspect(InspectionResult::Ok), Step::SetUp, Step::HandOver]),
            Ok(HandedOver),
            "申請時来庁"
        );
    }

    #[test]
    fn side_exits_end_in_disposal() {
        assert_eq!(walk(&[Step::Inspect(InspectionResult::MovedOut), Step::Abolish, Step::Dispose]), Ok(Disposed));
        assert_eq!(
            walk(&[Step::Inspect(InspectionResult::Ok), Step::SetUp, Step::SendNotice, Step::Cancel, Step::Dispose]),
            Ok(Disposed)
        );
        assert_eq!(walk(&[Step::Inspect(InspectionResult::Defect), Step::Reissue, Step::Dispose]), Ok(Disposed));
        assert_eq!(
            walk(&[Step::Inspect(InspectionResult::Ok), Step::SetUp, Step::SendNotice, Step::HandOver, Step::Abolish]),
            Ok(Abolished)
        );
    }

    #[test]
    fn illegal_steps_are_refused_with_where_the_card_is() {
        assert_eq!(
            walk(&[Step::SetUp]),
            Err(InvalidTransition { from: Received, step: "set_up" }),
            "not inspected yet"
        );
        assert_eq!(
            walk(&[Step::Inspect(InspectionResult::Deceased), Step::SetUp]),
            Err(InvalidTransition { from: Inspected, step: "set_up" }),
            "failed inspection"
        );
        assert_eq!(
            walk(&[Step::Inspect(InspectionResult::Ok), Step::SetUp, Step::Book]),
            Err(InvalidTransition { from: SetUp, step: "book" }),
            "no letter yet"
        );
        assert_eq!(
            walk(&[Step::Inspect(InspectionResult::Ok), Step::SetUp, Step::HandOver, Step::Dispose]),
            Err(InvalidTransition { from: HandedOver, step: "dispose" }),
            "in the holder's hands"
        );
        assert_eq!(
            walk(&[Step::Inspect(InspectionResult::Ok), Step::Cancel, Step::HandOver]),
            Err(InvalidTransition { from: Cancelled, step: "hand_over" })
        );
        assert_eq!(
            walk(&[Step::Inspect(InspectionResult::Ok), Step::Abolish]),
            Err(InvalidTransition { from: Inspected, step: "abolish" }),
            "a good card is not abolished before issuance"
        );
    }

    #[test]
    fn only_a_card_whose_letter_went_out_can_be_booked() {
        let ready: Vec<CardStatus> = CardStatus::all().iter().copied().filter(|s| s.ready_for_hand_over()).collect();
        assert_eq!(ready, [NoticeSent, NoticeReturned]);
        for status in CardStatus::all() {
            assert_eq!(CardStatus::parse(status.as_str()), Some(*status));
        }
    }
}
