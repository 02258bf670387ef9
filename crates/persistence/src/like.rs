//! `LIKE` patterns from what people type: `%` and `_` in a search are characters to
//! find, never wildcards, on both engines (each pattern carries its escape character).

use sea_orm::sea_query::LikeExpr;

const ESCAPE: char = '!';

fn escaped(text: &str) -> String {
    text.chars().flat_map(|c| if matches!(c, '%' | '_' | ESCAPE) { vec![ESCAPE, c] } else { vec![c] }).collect()
}

/// `text` anywhere in the value.
#[must_use]
pub fn containing(text: &str) -> LikeExpr {
    LikeExpr::new(format!("%{}%", escaped(text))).escape(ESCAPE)
}

/// The value begins with `text`.
#[must_use]
pub fn starting_with(text: &str) -> LikeExpr {
    LikeExpr::new(format!("{}%", escaped(text))).escape(ESCAPE)
}

/// The value ends with `text`.
#[must_use]
pub fn ending_with(text: &str) -> LikeExpr {
    LikeExpr::new(format!("%{}", escaped(text))).escape(ESCAPE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_typed_are_searched_for() {
        assert_eq!(escaped("50%_off!"), "50!%!_off!!");
        assert_eq!(escaped("山田"), "山田");
    }
}
