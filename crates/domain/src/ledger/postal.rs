//! Japan Post's postal-code dictionary (`KEN_ALL.CSV` in CP932, or `utf_ken_all.csv`),
//! to fill the postal codes an address list leaves out (LED-12).
//!
//! The file's quirks: a town name too long for its field continues on the next rows
//! (same code, the parenthesis opened on the first and closed on the last); notes in
//! full-width parentheses follow the town (`櫛引（その他）`); 「以下に掲載がない場合」
//! stands for the rest of the city.

use std::collections::HashMap;

use crate::width::trim_text;
use crate::{FieldError, FieldErrors};

/// One postal code for one town (or the rest of a city, `town` empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostalEntry {
    /// Seven digits.
    pub code: String,
    pub prefecture: String,
    pub city: String,
    /// The town without its note; empty for the rest of the city.
    pub town: String,
}

/// The town an address can start with: the note dropped, the catch-alls emptied.
fn town_of(raw: &str) -> String {
    let base = raw.split('（').next().unwrap_or(raw);
    if base == "以下に掲載がない場合" || base.ends_with("の次に番地がくる場合") || base.ends_with("一円")
    {
        return String::new();
    }
    base.to_owned()
}

/// Reads the whole file, joining split rows.
///
/// # Errors
/// `postal.malformed` lines (too few columns, a code that is not seven digits), each
/// with its line number.
pub fn read_ken_all(text: &str) -> Result<Vec<PostalEntry>, FieldErrors> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut errors = FieldErrors::new();
    let mut entries = Vec::new();
    // A town whose parenthesis is still open, waiting for its next rows.
    let mut open: Option<(String, String, String, String)> = None;
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                errors.push(
                    FieldError::new("file", "postal.malformed", error.to_string())
                        .at_line(error.position().map_or(0, csv::Position::line)),
                );
                continue;
            }
        };
        let line = record.position().map_or(0, csv::Position::line);
        if record.len() < 9 {
            if record.iter().all(|c| trim_text(c).is_empty()) {
                continue;
            }
            errors.push(FieldError::new("file", "postal.malformed", "a line of KEN_ALL has 15 columns").at_line(line));
            continue;
        }
        let code = trim_text(&record[2]).to_owned();
        if code.len() != 7 || !code.bytes().all(|b| b.is_ascii_digit()) {
            errors.push(
                FieldError::new("code", "postal.malformed", format!("`{code}` is not a seven-digit postal code"))
                    .at_line(line),
            );
            continue;
        }
        let (prefecture, city, town) =
            (trim_text(&record[6]).to_owned(), trim_text(&record[7]).to_owned(), trim_text(&record[8]).to_owned());
        let joined = match open.take() {
            Some((open_code, open_pref, open_city, mut open_town)) if open_code == code && open_city == city => {
                open_town.push_str(&town);
                (open_code, open_pref, open_city, open_town)
            }
            Some(unfinished) => {
                // A parenthesis never closed: keep what it had rather than lose the town.
                entries.push(PostalEntry {
                    code: unfinished.0,
                    prefecture: unfinished.1,
                    city: unfinished.2,
                    town: town_of(&unfinished.3),
                });
                (code, prefecture, city, town)
            }
            None => (code, prefecture, city, town),
        };
        if joined.3.contains('（') && !joined.3.contains('）') {
            open = Some(joined);
        } else {
            entries.push(PostalEntry {
                code: joined.0,
                prefecture: joined.1,
                city: joined.2,
                town: town_of(&joined.3),
            });
        }
    }
    if let Some(unfinished) = open {
        entries.push(PostalEntry {
            code: unfinished.0,
            prefecture: unfinished.1,
            city: unfinished.2,
            town: town_of(&unfinished.3),
        });
    }
    errors.into_result()?;
    Ok(entries)
}

/// Finds postal codes by address: the longest town the address starts with, or the
/// city's catch-all code. Addresses may leave out the prefecture.
pub struct PostalIndex<'a> {
    by_city: HashMap<&'a str, Vec<&'a PostalEntry>>,
}

/// How a Kyoto address says which way to walk from a street crossing (上る north, 下る
/// south, 東入・西入 east and west), in the spellings residents and offices use.
const DIRECTIONS: [&str; 16] = [
    "上る",
    "下る",
    "上ル",
    "下ル",
    "上がる",
    "下がる",
    "上ガル",
    "下ガル",
    "東入る",
    "西入る",
    "東入ル",
    "西入ル",
    "東入",
    "西入",
    "東いる",
    "西いる",
];

/// The town of a Kyoto-style address, after its street and directions
/// (`烏丸通七条下る東塩小路町721-1` → `東塩小路町721-1`): the street is never the town.
/// `None` when the address names no street.
fn after_street(rest: &str) -> Option<&str> {
    let street = rest.find('通')?;
    let mut end = None;
    for direction in DIRECTIONS {
        let mut from = street;
        while let Some(at) = rest[from..].find(direction) {
            let after = from + at + direction.len();
            end = end.max(Some(after));
            from = after;
        }
    }
    end.map(|end| &rest[end..]).filter(|town| !town.is_empty())
}

fn compact(text: &str) -> String {
    trim_text(text).chars().filter(|c| !c.is_whitespace()).collect()
}

impl<'a> PostalIndex<'a> {
    #[must_use]
    pub fn new(entries: &'a [PostalEntry]) -> Self {
        let mut by_city: HashMap<&str, Vec<&PostalEntry>> = HashMap::new();
        for entry in entries {
            by_city.entry(entry.city.as_str()).or_default().push(entry);
        }
        Self { by_city }
    }

    /// The code as `NNN-NNNN`, or `None` when no city of the dictionary starts the address.
    #[must_use]
    pub fn code_for(&self, address: &str) -> Option<String> {
        let address = compact(address);
        let mut best: Option<(&PostalEntry, usize)> = None;
        for (city, entries) in &self.by_city {
            for entry in entries {
                let rest = if let Some(rest) =
                    address.strip_prefix(entry.prefecture.as_str()).and_then(|r| r.strip_prefix(city))
                {
                    rest
                } else if let Some(rest) = address.strip_prefix(city) {
                    rest
                } else {
                    continue;
                };
                let rest = after_street(rest).unwrap_or(rest);
                if !rest.starts_with(entry.town.as_str()) {
                    continue;
                }
                // A longer city (三戸郡南部町 over 南部町) and a longer town win; ties go to
                // the file's order.
                let score = city.chars().count() * 1000 + entry.town.chars().count();
                if best.is_none_or(|(_, s)| score > s) {
                    best = Some((entry, score));
                }
            }
        }
        best.map(|(entry, _)| format!("{}-{}", &entry.code[..3], &entry.code[3..]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = concat!(
        "02203,\"031  \",\"0310000\",\"ｱｵﾓﾘｹﾝ\",\"ﾊﾁﾉﾍｼ\",\"ｲｶﾆｹｲｻｲｶﾞﾅｲﾊﾞｱｲ\",\"青森県\",\"八戸市\",\"以下に掲載がない場合\",0,0,0,0,0,0\r\n",
        "02203,\"031  \",\"0310001\",\"ｱｵﾓﾘｹﾝ\",\"ﾊﾁﾉﾍｼ\",\"ﾙｲｹ\",\"青森県\",\"八戸市\",\"類家\",0,1,1,0,0,0\r\n",
        "01224,\"066  \",\"0660005\",\"ﾎｯｶｲﾄﾞｳ\",\"ﾁﾄｾｼ\",\"ｷｮｳﾜ\",\"北海道\",\"千歳市\",\"協和（８８－２、２７１－１０、３４３－２、４０４－１、４２７－\",0,0,0,0,0,0\r\n",
        "01224,\"066  \",\"0660005\",\"ﾎｯｶｲﾄﾞｳ\",\"ﾁﾄｾｼ\",\"ｷｮｳﾜ\",\"北海道\",\"千歳市\",\"３、４３１－１２、４４３－６、６０８－２、６４１－８、８１４、８４２－\",0,0,0,0,0,0\r\n",
        "01224,\"066  \",\"0660005\",\"ﾎｯｶｲﾄﾞｳ\",\"ﾁﾄｾｼ\",\"ｷｮｳﾜ\",\"北海道\",\"千歳市\",\"５、１１３７－３、１３９２、１６５７、１７５２番地）\",0,0,0,0,0,0\r\n",
        "01224,\"066  \",\"0660000\",\"ﾎｯｶｲﾄﾞｳ\",\"ﾁﾄｾｼ\",\"ｲｶﾆｹｲｻｲｶﾞﾅｲﾊﾞｱｲ\",\"北海道\",\"千歳市\",\"以下に掲載がない場合\",0,0,0,0,0,0\r\n",
    );

    #[test]
    fn split_rows_are_joined_into_one_town() {
        let entries = read_ken_all(SAMPLE).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(entries.len(), 4, "three rows of 協和 are one entry");
        assert_eq!(entries[2].town, "協和");
        assert_eq!((entries[2].code.as_str(), entries[0].town.as_str()), ("0660005", ""));
    }

    #[test]
    fn an_address_finds_its_town_or_its_city() {
        let entries = read_ken_all(SAMPLE).unwrap_or_else(|e| panic!("{e:?}"));
        let index = PostalIndex::new(&entries);
        assert_eq!(index.code_for("青森県八戸市類家一丁目1-1").as_deref(), Some("031-0001"));
        assert_eq!(index.code_for("八戸市類家4丁目").as_deref(), Some("031-0001"), "without the prefecture");
        assert_eq!(index.code_for("青森県八戸市尻内町").as_deref(), Some("031-0000"), "the rest of the city");
        assert_eq!(index.code_for("北海道千歳市協和８８－２").as_deref(), Some("066-0005"));
        assert_eq!(index.code_for("東京都港区芝公園"), None);
    }

    #[test]
    fn a_kyoto_address_finds_its_town_past_the_street_and_directions() {
        let kyoto = concat!(
            "26106,\"600  \",\"6008000\",\"ｷｮｳﾄﾌ\",\"ｷｮｳﾄｼｼﾓｷﾞｮｳｸ\",\"ｲｶﾆｹｲｻｲｶﾞﾅｲﾊﾞｱｲ\",\"京都府\",\"京都市下京区\",\"以下に掲載がない場合\",0,0,0,0,0,0\r\n",
            "26106,\"600  \",\"6008175\",\"ｷｮｳﾄﾌ\",\"ｷｮｳﾄｼｼﾓｷﾞｮｳｸ\",\"ｶﾗｽﾏ\",\"京都府\",\"京都市下京区\",\"烏丸\",0,0,0,0,0,0\r\n",
            "26106,\"600  \",\"6008216\",\"ｷｮｳﾄﾌ\",\"ｷｮｳﾄｼｼﾓｷﾞｮｳｸ\",\"ﾋｶﾞｼｼｵｺｳｼﾞﾁｮｳ\",\"京都府\",\"京都市下京区\",\"東塩小路町\",0,0,0,0,0,0\r\n",
            "26106,\"600  \",\"6008028\",\"ｷｮｳﾄﾌ\",\"ｷｮｳﾄｼｼﾓｷﾞｮｳｸ\",\"ｺﾒﾔﾁｮｳ\",\"京都府\",\"京都市下京区\",\"米屋町\",0,0,0,0,0,0\r\n",
        );
        let entries = read_ken_all(kyoto).unwrap_or_else(|e| panic!("{e:?}"));
        let index = PostalIndex::new(&entries);
        assert_eq!(index.code_for("京都府京都市下京区烏丸通七条下る東塩小路町721-1").as_deref(), Some("600-8216"));
        assert_eq!(index.code_for("京都市下京区寺町通四条下ル東入米屋町3").as_deref(), Some("600-8028"));
        assert_eq!(index.code_for("京都市下京区烏丸１丁目").as_deref(), Some("600-8175"), "烏丸 itself is a town");
        assert_eq!(index.code_for("京都市下京区新町通七条上る知らない町").as_deref(), Some("600-8000"));
    }

    #[test]
    fn a_bad_line_is_named() {
        let errors = read_ken_all("02203,\"031  \",\"03100\",\"\",\"\",\"\",\"青森県\",\"八戸市\",\"類家\"\n")
            .err()
            .unwrap_or_default();
        assert_eq!(errors.0.iter().map(|e| (e.line, e.code)).collect::<Vec<_>>(), [(Some(1), "postal.malformed")]);
    }
}
