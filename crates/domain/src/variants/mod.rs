//! Kanji variants (異体字) in names: 高 and 髙, 崎 and 﨑, 辺, 邊 and 邉 are one
//! character to the person who owns the name, but not to a computer. A search for a name
//! is made in each spelling its kanji allow, so a clerk who types 高橋 finds 髙橋.
//!
//! The pairs come from a maintained table (see `scripts/gen-variants.py` for the
//! source, its license and the filters applied).

mod table;

use std::collections::HashMap;
use std::sync::OnceLock;

fn partners() -> &'static HashMap<char, Vec<char>> {
    static PARTNERS: OnceLock<HashMap<char, Vec<char>>> = OnceLock::new();
    PARTNERS.get_or_init(|| {
        let mut map: HashMap<char, Vec<char>> = HashMap::new();
        for (a, b) in table::PAIRS {
            map.entry(a).or_default().push(b);
            map.entry(b).or_default().push(a);
        }
        map
    })
}

/// The other forms of a kanji, one step through the table (never transitively).
#[must_use]
pub fn of(c: char) -> &'static [char] {
    partners().get(&c).map_or(&[], Vec::as_slice)
}

/// Every spelling of `text` its kanji allow, the text itself first, at most `limit`
/// (a long name of common kanji would otherwise multiply without end); the first
/// kanji of the text vary first, as a clerk is likeliest to type a surname.
#[must_use]
pub fn spellings(text: &str, limit: usize) -> Vec<String> {
    let mut found = vec![text.to_owned()];
    for (index, c) in text.char_indices() {
        let others = of(c);
        if others.is_empty() {
            continue;
        }
        let before = found.len();
        for spelling in 0..before {
            // Byte offsets stay valid only if the replacement has the same width.
            for other in others.iter().filter(|o| o.len_utf8() == c.len_utf8()) {
                if found.len() >= limit {
                    return found;
                }
                let mut variant = found[spelling].clone();
                variant.replace_range(index..index + c.len_utf8(), other.encode_utf8(&mut [0; 4]));
                found.push(variant);
            }
        }
    }
    found
}

/// Whether two spellings are one person's name: spaces (half or full width) and
/// width aside, each character the same or one of its variants (髙橋 is 高橋).
#[must_use]
pub fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (letters(a), letters(b));
    !a.is_empty() && a.len() == b.len() && same_letters(&a, &b)
}

/// A name's letters as compared: width folded, spaces (half or full width) dropped.
fn letters(text: &str) -> Vec<char> {
    crate::width::fold_to_ascii(text).chars().filter(|c| !c.is_whitespace()).collect()
}

/// Each letter the same or one of its variants.
fn same_letters(a: &[char], b: &[char]) -> bool {
    a.iter().zip(b).all(|(x, y)| x == y || of(*x).contains(y))
}

/// One form for every kanji its variants reach, however many steps away (the
/// smallest), so that an index can put 髙橋 and 高橋 under one key. Wider than
/// [`same_name`] on purpose: what the index finds is checked again with it.
#[must_use]
pub fn representative(c: char) -> char {
    static ROOTS: OnceLock<HashMap<char, char>> = OnceLock::new();
    let roots = ROOTS.get_or_init(|| {
        let mut parent: HashMap<char, char> = HashMap::new();
        fn root(parent: &HashMap<char, char>, mut c: char) -> char {
            while let Some(&p) = parent.get(&c) {
                if p == c {
                    break;
                }
                c = p;
            }
            c
        }
        for (a, b) in table::PAIRS {
            let (ra, rb) = (root(&parent, a), root(&parent, b));
            if ra != rb {
                parent.insert(ra.max(rb), ra.min(rb));
            }
        }
        let chars: Vec<char> = parent.keys().copied().collect();
        chars.into_iter().map(|c| (c, root(&parent, c))).collect()
    });
    roots.get(&c).copied().unwrap_or(c)
}

/// Whether `needle` is part of `haystack` as a clerk means it: spaces and width aside,
/// each character the same or one of its variants (高橋 is part of 髙橋 﨑子).
#[must_use]
pub fn contains_name(haystack: &str, needle: &str) -> bool {
    let (hay, needle) = (letters(haystack), letters(needle));
    if needle.is_empty() {
        return true;
    }
    hay.windows(needle.len()).any(|window| same_letters(window, &needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_the_same_in_any_spacing_width_and_kanji_form() {
        assert!(same_name("髙橋 﨑子", "高橋　崎子"));
        assert!(same_name("渡邊太郎", "渡辺 太郎"));
        assert!(!same_name("山崎 花子", "山埼 花子"), "two names");
        assert!(!same_name("高橋", "高橋一"));
        assert!(!same_name("", " "), "nothing matches nothing");
    }

    #[test]
    fn variants_share_one_representative_and_a_part_of_a_name_is_found_in_any_form() {
        assert_eq!(representative('髙'), representative('高'));
        assert_eq!(representative('﨑'), representative('崎'));
        assert_eq!(representative('邊'), representative('辺'));
        assert_eq!(representative('あ'), 'あ');
        assert!(contains_name("髙橋 﨑子", "高橋"));
        assert!(contains_name("髙橋 﨑子", "橋崎"), "across the space");
        assert!(contains_name("渡邊　太郎", "渡辺"));
        assert!(!contains_name("山埼 花子", "山崎"));
        assert!(!contains_name("高", "高橋"));
    }

    #[test]
    fn the_names_clerks_meet_are_found_in_every_form() {
        assert!(spellings("高橋", 16).contains(&"髙橋".to_owned()));
        assert!(spellings("山崎", 16).contains(&"山﨑".to_owned()));
        let watanabe = spellings("渡辺", 16);
        assert!(watanabe.contains(&"渡邊".to_owned()) && watanabe.contains(&"渡邉".to_owned()), "{watanabe:?}");
        assert!(spellings("髙橋", 16).contains(&"高橋".to_owned()), "either way round");
        assert!(spellings("齋藤", 16).contains(&"斎藤".to_owned()));
    }

    #[test]
    fn common_kanji_stay_themselves_and_the_count_is_bounded() {
        assert!(!spellings("山崎", 64).contains(&"山埼".to_owned()), "崎 and 埼 are two names");
        assert_eq!(spellings("やまだ", 8), ["やまだ"]);
        assert!(spellings("邊邊邊邊邊邊邊邊", 32).len() <= 32);
        assert_eq!(spellings("高橋", 16)[0], "高橋", "the text as typed comes first");
    }

    #[test]
    fn the_table_is_symmetric_one_step() {
        for (a, b) in table::PAIRS {
            assert!(of(a).contains(&b) && of(b).contains(&a), "{a} {b}");
            assert_ne!(a, b);
        }
    }
}
