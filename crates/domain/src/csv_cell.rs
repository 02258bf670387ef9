//! Spreadsheet formula injection: a cell that begins with `= + - @` (or a tab or CR)
//! is run as a formula when a clerk opens the export in Excel, and Japanese Excel reads
//! the full-width `＝ ＋ － ＠` as the same characters. Exports prefix such
//! cells with an apostrophe; imports take that apostrophe off again, so a value
//! survives a round trip.

const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

#[must_use]
pub fn neutralise(value: &str) -> String {
    if value.starts_with(FORMULA_STARTS) { format!("'{value}") } else { value.to_owned() }
}

#[must_use]
pub fn restore(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_restored() {
        for value in ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "＝HYPERLINK(\"x\")", "＋1", "－2", "＠SUM(A1)"]
        {
            let exported = neutralise(value);
            assert!(exported.starts_with('\''));
            assert_eq!(restore(&exported), value);
        }
    }

    #[test]
    fn ordinary_values_are_untouched() {
        assert_eq!(neutralise("山田 太郎"), "山田 太郎");
        assert_eq!(restore("'quoted"), "'quoted");
    }
}
