//! A resident's booking request, checked whole: the slot (open day, within hours,
//! within the booking window) and every applicant field the procedure asks for.

use chrono::{NaiveDate, NaiveDateTime};

use crate::applicant::{BirthDate, Email, ManagementNumber, NameKana, PersonName, PhoneNumber};
use crate::booking_rules::{BookingRules, WindowRefusal};
use crate::holidays::HolidayCalendar;
use crate::procedure::{FieldRules, Requirement};
use crate::schedule::{Closure, Schedule, SlotTime};
use crate::width::trim_text;
use crate::{FieldError, FieldErrors};

/// Why a slot cannot be booked (besides being full, which only the database knows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlotRefusal {
    ClosedDay(Closure),
    OutsideHours,
    Window(WindowRefusal),
    /// Staff book outside the residents' window, but not a slot that has begun.
    Past,
}

/// The slot starting at `start` and its places, if a resident may book it at `now`.
///
/// # Errors
/// Why not.
pub fn bookable_slot(
    schedule: &Schedule,
    holidays: &HolidayCalendar,
    rules: &BookingRules,
    start: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<(SlotTime, u16), SlotRefusal> {
    let found = open_slot(schedule, holidays, start)?;
    rules.check_booking(start, now).map_err(SlotRefusal::Window)?;
    Ok(found)
}

/// The slot starting at `start` and its places, if staff may book it at `now`: the
/// counter is open then and the slot has not begun. Staff are not bound by the
/// residents' booking window (a same-day visit, a call after the window closed).
///
/// # Errors
/// Why not.
pub fn staff_bookable_slot(
    schedule: &Schedule,
    holidays: &HolidayCalendar,
    start: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<(SlotTime, u16), SlotRefusal> {
    let found = open_slot(schedule, holidays, start)?;
    if found.0.end <= now {
        return Err(SlotRefusal::Past);
    }
    Ok(found)
}

/// How many places of a counter's day one client may hold at once: `share_percent`
/// of the day's places, but never less than one booking of `one_booking` people, so
/// that a family can always hold the slot it chose.
#[must_use]
pub fn hold_allowance(
    schedule: &Schedule,
    holidays: &HolidayCalendar,
    date: NaiveDate,
    share_percent: u16,
    one_booking: u16,
) -> u16 {
    let day_places = schedule.plan_for(date, holidays).map_or(0, |plan| {
        u32::try_from(plan.slots(date).len()).unwrap_or(u32::MAX).saturating_mul(u32::from(plan.places()))
    });
    let share = day_places.saturating_mul(u32::from(share_percent.min(100))) / 100;
    u16::try_from(share).unwrap_or(u16::MAX).max(one_booking)
}

fn open_slot(
    schedule: &Schedule,
    holidays: &HolidayCalendar,
    start: NaiveDateTime,
) -> Result<(SlotTime, u16), SlotRefusal> {
    let date = start.date();
    let plan = schedule.plan_for(date, holidays).map_err(SlotRefusal::ClosedDay)?;
    let slot = plan.slots(date).into_iter().find(|slot| slot.start == start).ok_or(SlotRefusal::OutsideHours)?;
    Ok((slot, plan.places()))
}

/// One applicant's fields as typed; absent or empty means not given.
#[derive(Debug, Clone, Default)]
pub struct ApplicantInput {
    pub management_number: Option<String>,
    pub name: Option<String>,
    pub name_kana: Option<String>,
    pub birth_date: Option<String>,
    pub address: Option<String>,
}

/// One applicant, checked. Fields the procedure does not ask for are never kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applicant {
    pub management_number: Option<ManagementNumber>,
    pub name: Option<PersonName>,
    pub name_kana: Option<NameKana>,
    pub birth_date: Option<BirthDate>,
    pub address: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub email: Option<Email>,
    pub phone: Option<PhoneNumber>,
}

fn given(value: Option<&String>) -> Option<&str> {
    value.map(|v| trim_text(v)).filter(|v| !v.is_empty())
}

/// Parses a field as its requirement says: a hidden field is dropped unread.
fn field<T>(
    errors: &mut FieldErrors,
    path: &str,
    requirement: Requirement,
    value: Option<&String>,
    parse: impl FnOnce(&str) -> Result<T, FieldError>,
) -> Option<T> {
    match (requirement, given(value)) {
        (Requirement::Hidden, _) | (Requirement::Optional, None) => None,
        (Requirement::Required, None) => {
            errors.push(FieldError::new(path, "validation.required", "this field is required"));
            None
        }
        (_, Some(text)) => errors.collect(path, parse(text).map_err(|e| FieldError { field: String::new(), ..e })),
    }
}

fn address(text: &str) -> Result<String, FieldError> {
    if text.chars().count() > 200 {
        return Err(FieldError::new("", "validation.too_long", "an address is at most 200 characters"));
    }
    if text.chars().any(char::is_control) {
        return Err(FieldError::new(
            "",
            "validation.control_character",
            "an address cannot contain control characters",
        ));
    }
    Ok(text.to_owned())
}

/// Checks every applicant and the contact details against the procedure's rules
/// (already made effective for the tenant's PII-free mode).
///
/// # Errors
/// Every faulty field, named like `applicants.1.birth_date`.
pub fn check_applicants(
    rules: FieldRules,
    max_applicants: u8,
    applicants: &[ApplicantInput],
    email: Option<&String>,
    phone: Option<&String>,
    today: NaiveDate,
) -> Result<(Vec<Applicant>, Contact), FieldErrors> {
    let mut errors = FieldErrors::new();
    if applicants.is_empty() {
        errors.push(FieldError::new("applicants", "validation.required", "at least one applicant"));
    }
    if applicants.len() > usize::from(max_applicants) {
        errors.push(FieldError::new(
            "applicants",
            "booking.too_many_applicants",
            format!("at most {max_applicants} people per booking"),
        ));
    }
    let checked: Vec<Applicant> = applicants
        .iter()
        .enumerate()
        .map(|(index, input)| {
            let path = |name: &str| format!("applicants.{index}.{name}");
            Applicant {
                management_number: field(
                    &mut errors,
                    &path("management_number"),
                    rules.management_number,
                    input.management_number.as_ref(),
                    ManagementNumber::parse,
                ),
                name: field(&mut errors, &path("name"), rules.name, input.name.as_ref(), PersonName::parse),
                name_kana: field(
                    &mut errors,
                    &path("name_kana"),
                    rules.name_kana,
                    input.name_kana.as_ref(),
                    NameKana::parse,
                ),
                birth_date: field(&mut errors, &path("birth_date"), rules.birth_date, input.birth_date.as_ref(), |t| {
                    BirthDate::parse(t, today)
                }),
                address: field(&mut errors, &path("address"), rules.address, input.address.as_ref(), address),
            }
        })
        .collect();
    let contact = Contact {
        email: field(&mut errors, "email", rules.email, email, Email::parse),
        phone: field(&mut errors, "phone", rules.phone, phone, PhoneNumber::parse),
    };
    errors.into_result()?;
    Ok((checked, contact))
}

/// The keys that identify a person for the one-active-booking-per-procedure rule
/// (RES-10): the card's management number, or the birth date with the name, the
/// phone number or the mail address. Two bookings sharing a key are the same person.
#[must_use]
pub fn identity_keys(applicant: &Applicant, contact: &Contact) -> Vec<String> {
    keys_of(&Identity {
        management_number: applicant.management_number.as_ref().map(ManagementNumber::as_str),
        birth_date: applicant.birth_date.map(BirthDate::date),
        name: applicant.name.as_ref().map(PersonName::as_str),
        phone: contact.phone.as_ref().map(PhoneNumber::as_str),
        email: contact.email.as_ref().map(Email::as_str),
    })
}

/// What identifies a person, as stored.
#[derive(Debug, Clone, Copy, Default)]
pub struct Identity<'a> {
    pub management_number: Option<&'a str>,
    pub birth_date: Option<NaiveDate>,
    pub name: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
}

/// The keys of [`identity_keys`], from stored values (a corrected booking's).
#[must_use]
pub fn keys_of(identity: &Identity<'_>) -> Vec<String> {
    let mut keys = Vec::new();
    if let Some(number) = identity.management_number {
        keys.push(format!("mn:{number}"));
    }
    if let Some(birth) = identity.birth_date {
        if let Some(name) = identity.name {
            keys.push(format!("bd:{birth}|name:{}", name.replace(' ', "")));
        }
        if let Some(phone) = identity.phone {
            keys.push(format!("bd:{birth}|phone:{phone}"));
        }
        if let Some(email) = identity.email {
            keys.push(format!("bd:{birth}|email:{}", email.to_lowercase()));
        }
    }
    keys
}

/// A clerk's correction of who a booking is for (a name misheard on the phone, a
/// changed mobile number): only what is given changes; nothing can be cleared.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Correction {
    pub phone: Option<PhoneNumber>,
    pub email: Option<Email>,
    /// By the applicants' order; `None` keeps an applicant as booked.
    pub applicants: Vec<Option<NameCorrection>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameCorrection {
    pub name: Option<PersonName>,
    pub name_kana: Option<NameKana>,
}

/// One applicant's correction as typed.
#[derive(Debug, Clone, Default)]
pub struct NameCorrectionInput {
    pub name: Option<String>,
    pub name_kana: Option<String>,
}

impl Correction {
    /// # Errors
    /// Every faulty field (`phone`, `email`, `applicants.0.name`…), or `applicants`
    /// when it names more applicants than the booking has.
    pub fn parse(
        phone: Option<&str>,
        email: Option<&str>,
        applicants: &[NameCorrectionInput],
        booked: usize,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let phone = phone.and_then(|p| errors.collect("phone", PhoneNumber::parse(p)));
        let email = email.and_then(|e| errors.collect("email", Email::parse(e)));
        if applicants.len() > booked {
            errors.push(FieldError::new(
                "applicants",
                "booking.too_many_applicants",
                format!("the booking has {booked} applicants"),
            ));
        }
        let applicants = applicants
            .iter()
            .enumerate()
            .map(|(index, input)| {
                let name = input
                    .name
                    .as_deref()
                    .and_then(|n| errors.collect(&format!("applicants.{index}.name"), PersonName::parse(n)));
                let name_kana = input
                    .name_kana
                    .as_deref()
                    .and_then(|k| errors.collect(&format!("applicants.{index}.name_kana"), NameKana::parse(k)));
                (name.is_some() || name_kana.is_some()).then_some(NameCorrection { name, name_kana })
            })
            .collect();
        errors.into_result()?;
        Ok(Self { phone, email, applicants })
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.phone.is_none() && self.email.is_none() && self.applicants.iter().all(Option::is_none)
    }
}

/// What staff write on a booking for the counter (申し送り), or why they changed or
/// cancelled it: trimmed, at most [`StaffNotes::MAX`] characters, line breaks and tabs
/// but no other control characters, CR LF made LF.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StaffNotes(String);

impl StaffNotes {
    pub const MAX: usize = 1000;

    /// # Errors
    /// `validation.too_long` or `validation.control_character`, with no field name:
    /// the caller names it (`notes`, `reason`).
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let text = crate::width::trim_text(input);
        if text.chars().count() > Self::MAX {
            return Err(FieldError::new("", "validation.too_long", format!("at most {} characters", Self::MAX)));
        }
        if text.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
            return Err(FieldError::new(
                "",
                "validation.control_character",
                "control characters cannot be written here",
            ));
        }
        Ok(Self(text.replace("\r\n", "\n")))
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    #[must_use]
    pub fn into_string(self) -> String {
        self.0
    }
}

/// The places a hold takes while a resident fills in the form: one when not asked,
/// never more than the procedure lets one booking bring.
///
/// # Errors
/// `booking.too_many_applicants`, with no field name.
pub fn hold_places(asked: Option<u16>, max_applicants: u8) -> Result<u16, FieldError> {
    let places = asked.unwrap_or(1);
    if places == 0 || places > u16::from(max_applicants) {
        return Err(FieldError::new(
            "",
            "booking.too_many_applicants",
            format!("1 to {max_applicants} people per booking"),
        ));
    }
    Ok(places)
}

#[cfg(test)]
mod tests {
    #[test]
    fn staff_notes_keep_line_breaks_and_refuse_control_characters_and_length() {
        assert_eq!(
            super::StaffNotes::parse(" 車椅子\r\n介助あり ").map(super::StaffNotes::into_string),
            Ok("車椅子\n介助あり".to_owned())
        );
        let code = |text: &str| super::StaffNotes::parse(text).err().map(|e| e.code);
        assert_eq!(code(&"あ".repeat(1001)), Some("validation.too_long"));
        assert_eq!(code("a\u{7}b"), Some("validation.control_character"));
        assert_eq!(code(&"あ".repeat(1000)), None);
    }

    #[test]
    fn one_client_may_hold_a_share_of_the_day_but_always_one_family_s_slot() {
        use crate::schedule::{Band, DayPlan};
        let at = |h, m| chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default();
        let band = Band::new(at(8, 30), at(17, 15)).unwrap_or_else(|e| panic!("{e}"));
        let plan = DayPlan::new(vec![band], 30, 6).unwrap_or_else(|e| panic!("{e}"));
        let mut schedule = Schedule::default();
        schedule.weekly[0] = Some(plan);
        let holidays = HolidayCalendar::default();
        let monday = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default();
        assert_eq!(hold_allowance(&schedule, &holidays, monday, 10, 4), 10, "10% of 17 slots of 6 places");
        assert_eq!(hold_allowance(&schedule, &holidays, monday, 1, 4), 4, "a family of four may still hold its slot");
        assert_eq!(hold_allowance(&schedule, &holidays, monday.succ_opt().unwrap_or_default(), 10, 1), 1, "closed day");
    }

    #[test]
    fn a_hold_takes_one_place_up_to_the_procedure_s_limit() {
        assert_eq!(super::hold_places(None, 4), Ok(1));
        assert_eq!(super::hold_places(Some(4), 4), Ok(4));
        assert!(super::hold_places(Some(5), 4).is_err());
        assert!(super::hold_places(Some(0), 4).is_err());
    }

    use super::*;
    use crate::procedure::Requirement::{Hidden, Optional, Required};

    fn issuance() -> FieldRules {
        FieldRules {
            management_number: Required,
            name: Required,
            name_kana: Optional,
            birth_date: Required,
            address: Hidden,
            phone: Required,
            email: Optional,
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
    }

    fn input(number: &str, name: &str, birth: &str) -> ApplicantInput {
        ApplicantInput {
            management_number: Some(number.to_owned()),
            name: Some(name.to_owned()),
            birth_date: Some(birth.to_owned()),
            address: Some("東京都".to_owned()),
            ..ApplicantInput::default()
        }
    }

    #[test]
    fn every_faulty_field_of_every_applicant_is_named() {
        let applicants = [input("A1B234567", "", "1950-04-01"), input("bad", "山田 花子", "昭和99年1月1日")];
        let errors = check_applicants(issuance(), 4, &applicants, None, Some(&"12".to_owned()), today())
            .err()
            .unwrap_or_default();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["applicants.0.name", "applicants.1.management_number", "applicants.1.birth_date", "phone"]);
    }

    #[test]
    fn hidden_fields_are_never_kept() {
        let (applicants, contact) = check_applicants(
            issuance(),
            4,
            &[input("ａ１ｂ－２３４５６７", "山田　太郎", "S25.4.1")],
            None,
            Some(&"090-1234-5678".to_owned()),
            today(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(applicants[0].address, None, "the procedure does not ask for the address");
        assert_eq!(applicants[0].management_number.as_ref().map(ManagementNumber::as_str), Some("A1B234567"));
        assert_eq!(contact.phone.as_ref().map(PhoneNumber::as_str), Some("09012345678"));
        let pii_free = check_applicants(
            issuance().effective(true),
            4,
            &[input("A1B234567", "山田 太郎", "1950-04-01")],
            None,
            Some(&"0312345678".to_owned()),
            today(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(pii_free.0[0].name, None, "PII-free mode keeps no name");
    }

    #[test]
    fn a_family_is_limited_by_the_procedure() {
        let family = vec![input("A1B234567", "山田 太郎", "1950-04-01"); 3];
        let errors = check_applicants(issuance(), 2, &family, None, Some(&"0312345678".to_owned()), today())
            .err()
            .unwrap_or_default();
        assert_eq!(errors.0[0].code, "booking.too_many_applicants");
    }

    #[test]
    fn the_same_person_is_recognised_by_number_or_birth_date_with_name_phone_or_mail() {
        let (applicants, contact) = check_applicants(
            issuance(),
            4,
            &[input("A1B234567", "山田 太郎", "1950-04-01")],
            Some(&"Taro@Example.jp".to_owned()),
            Some(&"03-1234-5678".to_owned()),
            today(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            identity_keys(&applicants[0], &contact),
            [
                "mn:A1B234567",
                "bd:1950-04-01|name:山田太郎",
                "bd:1950-04-01|phone:0312345678",
                "bd:1950-04-01|email:taro@example.jp"
            ]
        );
    }
}
