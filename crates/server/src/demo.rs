//! The demo tenant (design.md): デモ市 with one staff user per role. Loading it twice
//! changes nothing.

use chrono::{DateTime, Utc};
use madoguchi_domain::role::{Role, Roles};
use madoguchi_domain::staff::{LoginId, StaffName};
use madoguchi_domain::tenant::{LocalGovernmentCode, TenantSlug};
use madoguchi_http::auth::password;
use madoguchi_persistence::staff_users::NewStaffUser;
use madoguchi_persistence::{DatabaseConnection, staff_users, tenants};

pub const DEMO_PASSWORD: &str = "madoguchi-demo";

const USERS: [(&str, &str, Role); 3] = [
    ("admin", "デモ 管理者", Role::Admin),
    ("callcenter", "デモ コールセンター", Role::CallCenter),
    ("ledger", "デモ 管理簿担当", Role::Ledger),
];

/// # Errors
/// Database failures.
pub async fn load(
    db: &DatabaseConnection,
    keys: &madoguchi_http::keys::Keys,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let slug = TenantSlug::parse("demo").map_err(|e| anyhow::anyhow!(e.message))?;
    let tenant = match tenants::find_by_slug(db, &slug).await? {
        Some(tenant) => tenant,
        None => {
            let code = LocalGovernmentCode::parse("999997").map_err(|e| anyhow::anyhow!(e.message))?;
            let tenant = match tenants::create(db, &slug, &code, "デモ市", now).await {
                Ok(tenant) => tenant,
                // Its keys were destroyed: it is gone for good, and stays so.
                Err(madoguchi_persistence::PersistenceError::Conflict(
                    madoguchi_persistence::Conflict::TenantSlugTaken,
                )) => {
                    tracing::warn!("the demo municipality's keys were destroyed: it is not loaded again");
                    return Ok(());
                }
                Err(other) => return Err(other.into()),
            };
            // A phone number that reaches nobody, so the help line shows where it goes.
            let change = madoguchi_domain::settings::SettingsChange {
                contact_phone: Some("000-0000-0000".to_owned()),
                contact_hours: Some("平日 8:30〜17:15（デモ）".to_owned()),
                ..Default::default()
            };
            let current = madoguchi_persistence::settings::get(db, &tenant.scope()).await?.settings;
            let next = change.apply_to(&current).map_err(|e| anyhow::anyhow!("{e:?}"))?;
            madoguchi_persistence::settings::save(db, &tenant.scope(), &next, None, now).await?;
            tenant
        }
    };
    keys.make(db, tenant.id.0, now).await?;
    let vault = keys.tenant(db, tenant.id.0).await?;
    let scope = tenant.scope();
    for (login, name, role) in USERS {
        let login_id = LoginId::parse(login).map_err(|e| anyhow::anyhow!(e.message))?;
        if staff_users::find_credentials(db, &scope, &login_id).await?.is_some() {
            continue;
        }
        let user = NewStaffUser {
            login_id,
            name: StaffName::parse(name).map_err(|e| anyhow::anyhow!(e.message))?,
            roles: Roles::parse([role.as_str()]).map_err(|e| anyhow::anyhow!(e.message))?,
            password_hash: password::hash(DEMO_PASSWORD.to_owned())
                .await
                .map_err(|e| anyhow::anyhow!(e.to_string()))?,
            disabled: false,
            must_change_password: false,
        };
        staff_users::create(db, &scope, user, now).await?;
    }
    load_counters(db, &scope, &vault, now).await?;
    load_ledger(db, &scope, &vault, now).await
}

/// A dozen cards at every stage of their life, loaded once into an empty ledger, so
/// that the ledger screens have something to show.
const DEMO_LEDGER: &str = "製造管理番号,申請書ID,氏名,氏名カナ,生年月日,性別,住所,交付方式,種別,検品日,検品結果,交付前設定日,交付通知書発送日,交付通知書返戻日,交付日,廃止日,廃止理由,備考
K01000001,10000000000000000000001,髙木 﨑男,タカギ サキオ,1948-05-12,1,デモ市中央一丁目1番1号,1,1,,,,,,,,,
K01000002,10000000000000000000002,山田 太郎,ヤマダ タロウ,1955-11-03,1,デモ市中央一丁目2番3号,1,1,,,,,,,,,
K01000003,10000000000000000000003,佐藤 花子,サトウ ハナコ,1987-02-28,2,デモ市北町三丁目4番5号,1,1,2026/11/16,良品,,,,,,,
K01000004,10000000000000000000004,鈴木 一郎,スズキ イチロウ,1971-07-21,1,デモ市北町一丁目9番,1,1,2026/11/16,良品,2026/11/17,,,,,,
K01000005,10000000000000000000005,田中 美咲,タナカ ミサキ,1994-09-09,2,デモ市南町二丁目7番,1,1,2026/11/10,良品,2026/11/11,2026/11/12,,,,,
K01000006,10000000000000000000006,伊藤 健,イトウ ケン,1962-01-15,1,デモ市南町五丁目1番,1,3,2026/11/10,良品,2026/11/11,2026/11/12,,,,,
K01000007,10000000000000000000007,渡邉 恵美,ワタナベ エミ,1980-12-01,2,デモ市東町1番地,1,1,2026/11/02,良品,2026/11/03,2026/11/04,2026/11/14,,,,宛所不明で返戻
K01000008,10000000000000000000008,中村 翔,ナカムラ ショウ,2001-04-04,1,デモ市西町2番地,1,1,2026/10/20,良品,2026/10/21,2026/10/22,,2026/11/05,,,
K01000009,10000000000000000000009,小林 さくら,コバヤシ サクラ,2010-03-30,2,デモ市西町8番地,2,1,2026/10/20,良品,2026/10/21,,,2026/10/28,,,
K01000010,10000000000000000000010,加藤 正,カトウ タダシ,1939-08-08,1,デモ市中央二丁目5番,1,2,2026/09/01,転出,,,,,2026/09/15,転出のため,
";

async fn load_ledger(
    db: &DatabaseConnection,
    scope: &madoguchi_persistence::TenantScope,
    vault: &madoguchi_vault::TenantVault,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    use madoguchi_domain::ledger::import::{self, ImportKind};
    use madoguchi_persistence::ledger_imports;
    let numbers: Vec<&str> = DEMO_LEDGER.lines().skip(1).filter_map(|l| l.split(',').next()).collect();
    if !ledger_imports::registered_numbers(db, scope, vault, &numbers).await?.is_empty() {
        return Ok(());
    }
    let cards = import::read_cards(DEMO_LEDGER, ImportKind::Legacy, &import::Mapping::new())
        .map_err(|e| anyhow::anyhow!("demo ledger: {e:?}"))?;
    ledger_imports::insert_cards(db, scope, vault, &cards, "demo", "demo", now).await?;
    Ok(())
}

/// What the demo prints at start, so that nobody has to look up the passwords.
#[must_use]
pub fn banner(public_url: &str) -> String {
    let base = public_url.trim_end_matches('/');
    format!(
        "Demo tenant デモ市 (slug `demo`)\n  residents: {base}/r/demo/\n  staff:     {base}/staff/  tenant `demo`, users admin / callcenter / ledger, password `{DEMO_PASSWORD}`\n  API docs:  {base}/api/docs/"
    )
}

/// The demo's counters: 本庁舎 offers all three procedures, 北支所 two; weekdays
/// 8:30–17:15 in 30-minute slots of 6 places. Loaded once, when the tenant has no
/// location yet.
async fn load_counters(
    db: &DatabaseConnection,
    scope: &madoguchi_persistence::TenantScope,
    vault: &madoguchi_vault::TenantVault,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    use chrono::NaiveTime;
    use madoguchi_domain::procedure::{
        FieldRules, ProcedureKind,
        Requirement::{Hidden, Optional, Required},
    };
    use madoguchi_domain::schedule::{Band, DayPlan};
    use madoguchi_persistence::booking_rules::{self, StoredRules};
    use madoguchi_persistence::procedures::{self, NewProcedure};
    use madoguchi_persistence::{locations, schedules};

    if !locations::list(db, scope, false).await?.is_empty() {
        return Ok(());
    }
    let main = locations::create(db, scope, "本庁舎", "デモ市中央一丁目1番1号 本庁舎1階 市民課", 1, now).await?;
    let north = locations::create(db, scope, "北支所", "デモ市北町二丁目3番4号", 2, now).await?;
    let procedure = |name: &str, kind, description: &str, fields, sort_order| NewProcedure {
        name: name.to_owned(),
        kind,
        description: description.to_owned(),
        what_to_bring: String::new(),
        fields,
        max_applicants: 4,
        sort_order,
    };
    let issuance = procedures::create(
        db,
        scope,
        NewProcedure {
            what_to_bring: "交付通知書（はがき）\n本人確認書類（運転免許証など顔写真付きのもの1点、または健康保険証と年金手帳など2点）\n通知カード（お持ちの方）\n住民基本台帳カード（お持ちの方）".to_owned(),
            ..procedure(
                "マイナンバーカード交付",
                ProcedureKind::Issuance,
                "交付通知書（はがき）が届いた方が、カードを受け取りに来る予約です。交付通知書に印字された管理番号をお手元にご用意ください。",
                FieldRules { management_number: Required, name: Required, name_kana: Required, birth_date: Required, address: Hidden, phone: Required, email: Optional },
                1,
            )
        },
        now,
    )
    .await?;
    let application = procedures::create(
        db,
        scope,
        procedure(
            "マイナンバーカード申請",
            ProcedureKind::Application,
            "窓口でカードを申請し、後日ご自宅に届く方式（申請時来庁）の予約です。",
            FieldRules {
                management_number: Hidden,
                name: Required,
                name_kana: Required,
                birth_date: Required,
                address: Optional,
                phone: Optional,
                email: Required,
            },
            2,
        ),
        now,
    )
    .await?;
    let certificate = procedures::create(
        db,
        scope,
        procedure(
            "電子証明書の更新",
            ProcedureKind::Certificate,
            "マイナンバーカードの電子証明書の有効期限が近い方の更新手続きです。カードと暗証番号をお持ちください。",
            FieldRules {
                management_number: Hidden,
                name: Required,
                name_kana: Optional,
                birth_date: Required,
                address: Hidden,
                phone: Required,
                email: Optional,
            },
            3,
        ),
        now,
    )
    .await?;
    let time = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default();
    let weekday =
        DayPlan::new(vec![Band::new(time(8, 30), time(17, 15)).map_err(|e| anyhow::anyhow!(e.message))?], 30, 6)
            .map_err(|e| anyhow::anyhow!(e.to_string()))?;
    for (location, offered) in
        [(main.id, vec![issuance.id, application.id, certificate.id]), (north.id, vec![issuance.id, certificate.id])]
    {
        let pool = schedules::create_pool(db, scope, location, "窓口", now).await?;
        for day in 0..5 {
            schedules::set_weekday(db, scope, pool, day, Some(&weekday)).await?;
        }
        for procedure in offered {
            schedules::offer(db, scope, location, procedure, pool).await?;
        }
    }
    booking_rules::save(db, scope, &StoredRules::defaults(), now).await?;
    load_notices(db, scope, now).await?;
    load_bookings(db, scope, vault, main.id, issuance.id, now).await
}

/// Announcements and FAQ as a municipality would write them.
async fn load_notices(
    db: &DatabaseConnection,
    scope: &madoguchi_persistence::TenantScope,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    use madoguchi_domain::notice::{NoticeContent, NoticeKind};
    use madoguchi_persistence::notices;
    const ANNOUNCEMENTS: [(&str, &str); 2] = [
        ("年末年始の窓口休業について", "12月29日から1月3日までは窓口を休業します。この期間の予約はできません。"),
        (
            "交付通知書がお手元に届いた方へ",
            "交付通知書（はがき）に記載の「製造管理番号」を入力して予約してください。\n当日は交付通知書、本人確認書類、通知カード（お持ちの方）をお持ちください。",
        ),
    ];
    const FAQ: [(&str, &str); 3] = [
        (
            "予約の変更や取り消しはできますか。",
            "予約日の2日前まで、このサイトの「予約の確認・変更」から受付番号とパスワードで変更・取消ができます。それ以降はお電話でご連絡ください。",
        ),
        (
            "家族の分もまとめて予約できますか。",
            "はい。1回の予約で4人まで申し込めます。来庁される方全員の情報を入力してください。",
        ),
        (
            "受付番号やパスワードを忘れました。",
            "予約完了メールに記載しています。メールが見つからない場合は、市民課までお電話ください。",
        ),
    ];
    for (kind, list) in [(NoticeKind::Announcement, &ANNOUNCEMENTS[..]), (NoticeKind::Faq, &FAQ[..])] {
        for (title, body) in list {
            let content =
                NoticeContent::parse(title, body, None, None).map_err(|e| anyhow::anyhow!(format!("{e:?}")))?;
            notices::create(db, scope, kind, content, now).await?;
        }
    }
    Ok(())
}

/// A few bookings on the coming weekdays at 本庁舎, so that the calendars and lists
/// show something. Their password is the demo password.
async fn load_bookings(
    db: &DatabaseConnection,
    scope: &madoguchi_persistence::TenantScope,
    vault: &madoguchi_vault::TenantVault,
    location: madoguchi_domain::ids::LocationId,
    procedure: madoguchi_domain::ids::ProcedureId,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    use chrono::{Datelike, TimeDelta};
    use madoguchi_domain::applicant::{BirthDate, ManagementNumber, NameKana, PersonName, PhoneNumber};
    use madoguchi_domain::booking::{Applicant, Contact};
    use madoguchi_domain::holidays::HolidayCalendar;
    use madoguchi_domain::reception::ReceptionNumber;
    use madoguchi_persistence::bookings::{self, NewBooking};
    use madoguchi_persistence::schedules;

    let Some(pool) = schedules::pool_for(db, scope, location, procedure).await? else { return Ok(()) };
    let tokyo = madoguchi_domain::time::tokyo();
    let today = now.with_timezone(&tokyo).date_naive();
    let calendar = HolidayCalendar::default();
    // From nine days on, so that the coming days stay free for trying the booking pages.
    let days: Vec<_> = (today + TimeDelta::days(9))
        .iter_days()
        .filter(|d| d.weekday().num_days_from_monday() < 5 && calendar.closed(*d).is_none())
        .take(3)
        .collect();
    let people = [
        ("見本 一郎", "ミホン イチロウ", "1948-04-01"),
        ("見本 花子", "ミホン ハナコ", "1962-08-15"),
        ("見本 次郎", "ミホン ジロウ", "1975-11-03"),
        ("髙見 﨑子", "タカミ サキコ", "1988-02-29"),
    ];
    let password_hash = password::hash(DEMO_PASSWORD.to_owned()).await.map_err(|e| anyhow::anyhow!(e.to_string()))?;
    let parse = |e: madoguchi_domain::FieldError| anyhow::anyhow!(e.message);
    let mut serial = 0_u32;
    let txn = madoguchi_persistence::database::begin_write(db).await?;
    for day in days {
        for (hour, (name, kana, birth)) in [9_u32, 10, 10, 14].into_iter().zip(people) {
            serial += 1;
            let start = day
                .and_hms_opt(hour, 0, 0)
                .and_then(|t| t.and_local_timezone(tokyo).single())
                .map(|t| t.with_timezone(&Utc))
                .ok_or_else(|| anyhow::anyhow!("time"))?;
            let applicant = Applicant {
                management_number: Some(ManagementNumber::parse(&format!("D{serial:02}{serial:06}")).map_err(parse)?),
                name: Some(PersonName::parse(name).map_err(parse)?),
                name_kana: Some(NameKana::parse(kana).map_err(parse)?),
                // Another person each day: the same name and birth date would be one person.
                birth_date: Some(BirthDate::parse(&format!("{}-{serial:02}", &birth[..7]), today).map_err(parse)?),
                address: None,
            };
            let contact =
                Contact { email: None, phone: Some(PhoneNumber::parse(&format!("0300{serial:06}")).map_err(parse)?) };
            let new = NewBooking {
                reception_number: ReceptionNumber::generate(&mut rand::rngs::OsRng),
                password_hash: password_hash.clone(),
                location,
                procedure,
                pool,
                start,
                end: start + TimeDelta::minutes(30),
                identities: madoguchi_domain::booking::identity_keys(&applicant, &contact),
                applicants: vec![applicant],
                contact,
                notes: String::new(),
                created_by: "demo".to_owned(),
                without_letter: false,
                capacity: Some(6),
                hold: None,
            };
            bookings::create(&txn, scope, vault, new, now).await?;
        }
    }
    txn.commit().await?;
    Ok(())
}
