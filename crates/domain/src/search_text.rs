//! Text as the search indexes see it. Names are kept sealed, so a part of a name is
//! found through keyed tokens of its letters (crates/vault) rather than `LIKE`: the
//! text is folded first — width, spaces, hiragana to katakana, each kanji to the one
//! form its variants share — so that 高橋 and 髙橋 give the same tokens. What the tokens
//! find is then checked on the opened text (`variants::contains_name`), which also
//! throws out the letters that were found apart.

use crate::applicant::to_katakana;
use crate::variants::representative;

/// The letters of `text` as indexed.
#[must_use]
pub fn fold(text: &str) -> Vec<char> {
    crate::width::fold_to_ascii(&to_katakana(text))
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| representative(c.to_ascii_lowercase()))
        .collect()
}

/// What a stored text is indexed under: each letter and each pair of neighbours,
/// once each.
#[must_use]
pub fn grams(text: &str) -> Vec<String> {
    let letters = fold(text);
    let mut grams: Vec<String> = letters.iter().map(char::to_string).collect();
    grams.extend(letters.windows(2).map(|pair| pair.iter().collect::<String>()));
    grams.sort();
    grams.dedup();
    grams
}

/// What a search for `text` looks up: its pairs of neighbours, or its one letter.
/// Empty for a text of no letters.
#[must_use]
pub fn query_grams(text: &str) -> Vec<String> {
    let letters = fold(text);
    let mut grams: Vec<String> = if letters.len() == 1 {
        vec![letters[0].to_string()]
    } else {
        letters.windows(2).map(|pair| pair.iter().collect()).collect()
    };
    grams.sort();
    grams.dedup();
    grams
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_in_any_form_gives_the_tokens_its_query_looks_up() {
        let stored = grams("髙橋 﨑子");
        for query in ["高橋", "橋崎", "崎子", "高", "髙橋﨑子"] {
            assert!(query_grams(query).iter().all(|g| stored.contains(g)), "{query}");
        }
        assert!(!query_grams("山崎").iter().all(|g| stored.contains(g)));
        assert_eq!(grams("たなか"), grams("ﾀﾅｶ"), "hiragana and half-width kana are katakana");
        assert!(query_grams(" 　").is_empty());
    }
}
