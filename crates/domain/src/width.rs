//! Japanese users type digits, letters and hyphens in full width (全角) as often as
//! not; identifiers are compared after folding them to ASCII.

/// Folds full-width ASCII (U+FF01–U+FF5E), the ideographic space and the usual
/// hyphen look-alikes to their ASCII forms; everything else is kept.
#[must_use]
pub fn fold_to_ascii(input: &str) -> String {
    input
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' | '\u{30FC}'
            | '\u{FF70}' => '-',
            _ => c,
        })
        .collect()
}

/// Trims ASCII and ideographic white space at both ends.
#[must_use]
pub fn trim_text(input: &str) -> &str {
    input.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_letters_and_hyphens_become_ascii() {
        assert_eq!(fold_to_ascii("ＡＢＣ１２３－４５６"), "ABC123-456");
        assert_eq!(fold_to_ascii("ｓａｔｏ＿ｔａｒｏ"), "sato_taro");
    }

    #[test]
    fn kanji_and_kana_are_kept() {
        assert_eq!(fold_to_ascii("髙橋　太郎"), "髙橋 太郎");
    }

    #[test]
    fn ideographic_space_is_trimmed() {
        assert_eq!(trim_text("\u{3000} 山田 \u{3000}"), "山田");
    }
}
