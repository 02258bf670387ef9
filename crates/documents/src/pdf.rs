//! The ledger's printed forms (LED-15): the day's 交付チェックリスト and the 受領書 of a
//! card. Text is drawn in an embedded, subset Japanese font (Noto Sans CJK or IPAex
//! Gothic from Debian), with a ToUnicode map so the text can be searched and copied —
//! 旧字体 such as 髙 and 﨑 included.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use krilla::Document;
use krilla::color::luma;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};

/// Fonts tried in order when none is configured: Debian's `fonts-noto-cjk`,
/// `fonts-ipaexfont-gothic`, `fonts-ipafont-gothic`.
pub const FONT_CANDIDATES: [&str; 4] = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
];

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("no Japanese font for PDFs: install fonts-noto-cjk or set MADOGUCHI_PDF_FONT")]
    NoFont,
    #[error("the font {0} cannot be read")]
    BadFont(PathBuf),
    #[error("the PDF cannot be written: {0}")]
    Write(String),
}

/// The first font file that exists: the configured one, or a candidate.
#[must_use]
pub fn find_font(configured: Option<&Path>) -> Option<PathBuf> {
    match configured {
        Some(path) => path.exists().then(|| path.to_owned()),
        None => FONT_CANDIDATES.iter().map(PathBuf::from).find(|p| p.exists()),
    }
}

/// A font ready to draw with; cheap to clone.
#[derive(Clone)]
pub struct PdfFont(Font);

impl std::fmt::Debug for PdfFont {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PdfFont")
    }
}

impl PdfFont {
    /// # Errors
    /// [`PdfError::BadFont`] when the file is missing or not a font.
    pub fn load(path: &Path) -> Result<Self, PdfError> {
        let bytes = std::fs::read(path).map_err(|_| PdfError::BadFont(path.to_owned()))?;
        // In a collection (.ttc) the first face is the Japanese one for Noto Sans CJK.
        Font::new(Arc::new(bytes).into(), 0).map(Self).ok_or_else(|| PdfError::BadFont(path.to_owned()))
    }
}

const A4_LONG: f32 = 841.89;
const A4_SHORT: f32 = 595.28;
const MARGIN: f32 = 36.0;

/// Roughly how wide a text is: full width for Japanese, about half for ASCII.
fn text_width(text: &str, size: f32) -> f32 {
    text.chars().map(|c| if c.is_ascii() { size * 0.55 } else { size }).sum()
}

/// The text cut to fit a width, with an ellipsis when cut.
fn fit(text: &str, width: f32, size: f32) -> String {
    if text_width(text, size) <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        if text_width(&out, size) + text_width(&c.to_string(), size) + size > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

struct Canvas<'a, 'b> {
    surface: krilla::surface::Surface<'a>,
    font: &'b PdfFont,
}

impl Canvas<'_, '_> {
    fn text(&mut self, x: f32, baseline: f32, size: f32, text: &str) {
        if text.is_empty() {
            return;
        }
        self.surface.set_stroke(None);
        self.surface.set_fill(Some(Fill { paint: luma::Color::black().into(), ..Fill::default() }));
        self.surface.draw_text(
            Point::from_xy(x, baseline),
            self.font.0.clone(),
            size,
            text,
            false,
            TextDirection::Auto,
        );
    }

    fn centred(&mut self, centre: f32, baseline: f32, size: f32, text: &str) {
        self.text(centre - text_width(text, size) / 2.0, baseline, size, text);
    }

    fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32) {
        let mut builder = PathBuilder::new();
        builder.move_to(from.0, from.1);
        builder.line_to(to.0, to.1);
        if let Some(path) = builder.finish() {
            self.surface.set_fill(None);
            self.surface.set_stroke(Some(Stroke { paint: luma::Color::black().into(), width, ..Stroke::default() }));
            self.surface.draw_path(&path);
        }
    }

    fn square(&mut self, x: f32, y: f32, side: f32) {
        let mut builder = PathBuilder::new();
        if let Some(rect) = Rect::from_xywh(x, y, side, side) {
            builder.push_rect(rect);
        }
        if let Some(path) = builder.finish() {
            self.surface.set_fill(None);
            self.surface.set_stroke(Some(Stroke {
                paint: luma::Color::black().into(),
                width: 0.8,
                ..Stroke::default()
            }));
            self.surface.draw_path(&path);
        }
    }
}

/// One booking's line on the checklist (a family is one line per card).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChecklistRow {
    /// `09:00`
    pub time: String,
    pub reception_number: String,
    pub name: String,
    pub name_kana: String,
    /// As printed: 和暦 (西暦).
    pub birth_date: String,
    pub management_number: String,
    /// The card's state in words (`予約済`), or why there is no card.
    pub card_status: String,
    pub storage_location: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checklist {
    /// `交付チェックリスト 2026年11月24日（火） 本庁舎`
    pub title: String,
    /// The municipality, the count, when printed.
    pub subtitle: String,
    pub rows: Vec<ChecklistRow>,
}

const CHECK_COLUMNS: [(&str, f32); 10] = [
    ("時刻", 40.0),
    ("受付番号", 70.0),
    ("氏名／フリガナ", 140.0),
    ("生年月日", 142.0),
    ("製造管理番号", 74.0),
    ("カード", 84.0),
    ("保管場所", 64.0),
    ("本人確認", 52.0),
    ("暗証番号", 52.0),
    ("交付", 48.0),
];

/// The day's 交付チェックリスト: A4 landscape, a row per card with boxes to tick.
///
/// # Errors
/// [`PdfError::Write`] when the PDF cannot be produced.
pub fn checklist(font: &PdfFont, list: &Checklist) -> Result<Vec<u8>, PdfError> {
    const ROW: f32 = 30.0;
    const TOP: f32 = MARGIN + 56.0;
    let per_page = ((A4_SHORT - TOP - MARGIN - 20.0) / ROW).floor().max(1.0) as usize;
    let pages = list.rows.len().div_ceil(per_page).max(1);
    let mut document = Document::new();
    for page_index in 0..pages {
        let Some(settings) = PageSettings::from_wh(A4_LONG, A4_SHORT) else {
            return Err(PdfError::Write("page size".to_owned()));
        };
        let mut page = document.start_page_with(settings);
        let mut canvas = Canvas { surface: page.surface(), font };
        canvas.text(MARGIN, MARGIN + 16.0, 16.0, &list.title);
        canvas.text(MARGIN, MARGIN + 34.0, 9.0, &list.subtitle);
        canvas.text(A4_LONG - MARGIN - 50.0, MARGIN + 34.0, 9.0, &format!("{} / {}", page_index + 1, pages));
        let mut x = MARGIN;
        for (header, width) in CHECK_COLUMNS {
            canvas.text(x + 3.0, TOP - 6.0, 8.5, header);
            x += width;
        }
        let right = x;
        canvas.line((MARGIN, TOP), (right, TOP), 1.0);
        canvas.line((MARGIN, TOP - 18.0), (right, TOP - 18.0), 1.0);
        let rows = list.rows.iter().skip(page_index * per_page).take(per_page);
        let mut y = TOP;
        if list.rows.is_empty() {
            canvas.text(MARGIN + 3.0, y + 19.0, 10.0, "この日の交付予約はありません");
            y += ROW;
        }
        for row in rows {
            let mut x = MARGIN;
            let cells = [
                &row.time,
                &row.reception_number,
                &row.name,
                &row.birth_date,
                &row.management_number,
                &row.card_status,
                &row.storage_location,
            ];
            for (index, (cell, (_, width))) in cells.iter().zip(CHECK_COLUMNS).enumerate() {
                if index == 2 {
                    canvas.text(x + 3.0, y + 13.0, 10.0, &fit(cell, width - 6.0, 10.0));
                    canvas.text(x + 3.0, y + 25.0, 7.0, &fit(&row.name_kana, width - 6.0, 7.0));
                } else {
                    canvas.text(x + 3.0, y + 18.0, 8.0, &fit(cell, width - 6.0, 8.0));
                }
                x += width;
            }
            for (_, width) in &CHECK_COLUMNS[7..] {
                canvas.square(x + width / 2.0 - 6.0, y + 9.0, 12.0);
                x += width;
            }
            y += ROW;
            canvas.line((MARGIN, y), (right, y), 0.4);
        }
        let mut x = MARGIN;
        for (_, width) in CHECK_COLUMNS {
            // An empty day's one line of text runs across the columns: borders in the header only.
            let bottom = if list.rows.is_empty() { TOP } else { y };
            canvas.line((x, TOP - 18.0), (x, if x == MARGIN { y } else { bottom }), 0.4);
            x += width;
        }
        canvas.line((right, TOP - 18.0), (right, y), 0.4);
        canvas.text(
            MARGIN,
            A4_SHORT - MARGIN + 8.0,
            8.0,
            "本人確認・暗証番号設定・交付の各欄に確認のうえ□へ記入してください。",
        );
        drop(canvas);
        page.finish();
    }
    document.finish().map_err(|e| PdfError::Write(format!("{e:?}")))
}

/// One card handed over, as its holder signs for it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Receipt {
    /// `デモ市長　様`
    pub addressee: String,
    pub name: String,
    pub name_kana: String,
    /// As printed: 和暦 (西暦).
    pub birth_date: String,
    pub address: String,
    pub management_number: String,
    /// 新規 / 更新 / 再交付
    pub kind: String,
    /// The day of hand-over, or empty to be written by hand.
    pub handed_over_on: String,
}

/// 受領書: one A4 page per card, signed by the holder at the counter.
///
/// # Errors
/// [`PdfError::Write`] when the PDF cannot be produced.
pub fn receipts(font: &PdfFont, receipts: &[Receipt]) -> Result<Vec<u8>, PdfError> {
    let mut document = Document::new();
    for receipt in receipts {
        let Some(settings) = PageSettings::from_wh(A4_SHORT, A4_LONG) else {
            return Err(PdfError::Write("page size".to_owned()));
        };
        let mut page = document.start_page_with(settings);
        let mut canvas = Canvas { surface: page.surface(), font };
        canvas.centred(A4_SHORT / 2.0, 110.0, 22.0, "個人番号カード受領書");
        canvas.text(72.0, 170.0, 12.0, &receipt.addressee);
        canvas.text(72.0, 205.0, 11.0, "下記の個人番号カードを受領しました。");
        let rows = [
            ("フリガナ", receipt.name_kana.as_str()),
            ("氏名", receipt.name.as_str()),
            ("生年月日", receipt.birth_date.as_str()),
            ("住所", receipt.address.as_str()),
            ("製造管理番号", receipt.management_number.as_str()),
            ("種別", receipt.kind.as_str()),
            ("交付日", receipt.handed_over_on.as_str()),
        ];
        let (left, label_width, right) = (72.0, 100.0, A4_SHORT - 72.0);
        let mut y = 240.0;
        canvas.line((left, y), (right, y), 0.8);
        for (label, value) in rows {
            let size = if label == "氏名" { 16.0 } else { 11.0 };
            canvas.text(left + 8.0, y + 26.0, 10.0, label);
            let value =
                if value.is_empty() && label == "交付日" { "　　　　年　　月　　日" } else { value };
            canvas.text(left + label_width + 8.0, y + 27.0, size, &fit(value, right - left - label_width - 16.0, size));
            y += 40.0;
            canvas.line((left, y), (right, y), 0.8);
        }
        canvas.line((left, 240.0), (left, y), 0.8);
        canvas.line((left + label_width, 240.0), (left + label_width, y), 0.8);
        canvas.line((right, 240.0), (right, y), 0.8);
        canvas.text(left, y + 60.0, 11.0, "受領日　　　　　年　　　月　　　日");
        canvas.text(left, y + 110.0, 11.0, "受領者署名");
        canvas.line((left + 80.0, y + 114.0), (right, y + 114.0), 0.8);
        canvas.text(
            left,
            y + 160.0,
            9.0,
            "代理人が受領する場合は、代理人の氏名を署名し、本人との関係を記入してください。",
        );
        canvas.text(left, y + 185.0, 9.0, "本人との関係（　　　　　　　　　）");
        drop(canvas);
        page.finish();
    }
    if receipts.is_empty() {
        return Err(PdfError::Write("no receipt to print".to_owned()));
    }
    document.finish().map_err(|e| PdfError::Write(format!("{e:?}")))
}
