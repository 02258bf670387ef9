//! The CSV files a ledger desk imports: the 統合端末's issuance list (LED-13), the
//! municipality's legacy ledger (LED-14), J-LIS's e-certificate renewal target list
//! (LED-09) and a per-person address list (LED-12). Each has a header row and a
//! documented default mapping of headers to fields; a tenant may name its own headers.
//! Columns nobody mapped are passed over: the 統合端末 writes more than we keep.

mod cards;
mod people;
mod renewal;
mod table;

pub use cards::{History, ImportedCard, cards, read_cards};
pub use people::{Person, people, read_people};
pub use renewal::{Finding, LedgerFacts, RenewalTarget, Verdict, read_renewal_targets, reconcile, renewal_targets};
pub use table::{Column, ImportErrors, ImportKind, LISTED_ERRORS, Line, Mapping, check_mapping, read_table};

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    use crate::ledger::status::CardStatus;

    fn table(text: &str, kind: ImportKind) -> Vec<Line> {
        read_table(text, kind, &Mapping::new()).unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn the_default_headers_and_extra_columns() {
        let text = "製造管理番号,氏名,生年月日,性別,交付方式,種別,端末番号\nA1B234567,髙橋 一郎,昭和50年4月1日,男,交付時来庁,更新,T-01\n";
        let cards = cards(&table(text, ImportKind::Issuance), ImportKind::Issuance).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(cards[0].card.management_number.as_str(), "A1B234567");
        assert_eq!(cards[0].card.birth_date, NaiveDate::from_ymd_opt(1975, 4, 1));
        assert_eq!(cards[0].card.kind.map(|k| k.as_str()), Some("renewal"));
        assert_eq!(cards[0].line, 2);
    }

    #[test]
    fn a_tenant_names_its_own_headers() {
        let mapping: Mapping = [("management_number".to_owned(), "カード番号".to_owned())].into();
        let lines = read_table("カード番号,氏名\nC9D876543,佐藤 花子\n", ImportKind::Issuance, &mapping)
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(lines[0].get(Column::ManagementNumber), "C9D876543");
        assert_eq!(
            check_mapping(ImportKind::Renewal, &[("notes".to_owned(), "x".to_owned())].into()).map_err(|e| e.0[0].code),
            Err("import.unknown_field")
        );
    }

    #[test]
    fn every_bad_line_is_named_and_duplicates_too() {
        let text = "製造管理番号,生年月日\nA1B234567,19750401\nBAD,19750401\nA1B234567,19751301\n";
        let errors = cards(&table(text, ImportKind::Issuance), ImportKind::Issuance).err().unwrap_or_default();
        let found: Vec<(Option<u64>, &str)> = errors.listed.0.iter().map(|e| (e.line, e.code)).collect();
        assert_eq!(
            found,
            [(Some(3), "management_number.invalid"), (Some(4), "validation.date"), (Some(4), "import.duplicate_row")]
        );
        let missing = read_table("氏名\n山田\n", ImportKind::Issuance, &Mapping::new()).err().unwrap_or_default();
        assert_eq!(missing.listed.0[0].code, "import.missing_column");
    }

    #[test]
    fn a_legacy_line_lands_where_its_dates_say() {
        let text = "製造管理番号,検品日,検品結果,交付通知書発送日,交付日,備考\nA1B234567,2025/4/1,良品,2025/4/3,,再来庁予定\nC9D876543,2025/4/1,良品,2025/4/3,2025/4/20,\n";
        let cards = cards(&table(text, ImportKind::Legacy), ImportKind::Legacy).unwrap_or_else(|e| panic!("{e:?}"));
        let statuses: Vec<CardStatus> = cards.iter().filter_map(|c| c.history.as_ref().map(History::status)).collect();
        assert_eq!(statuses, [CardStatus::NoticeSent, CardStatus::HandedOver]);
        assert_eq!(cards[0].history.as_ref().map(|h| h.notes.as_str()), Some("再来庁予定"));
    }

    fn facts(number: &str, status: CardStatus, renewal: bool) -> LedgerFacts {
        LedgerFacts {
            management_number: number.to_owned(),
            status,
            birth_date: NaiveDate::from_ymd_opt(1975, 4, 1),
            renewal_kind: renewal,
        }
    }

    #[test]
    fn reconciliation_gives_every_card_a_verdict() {
        let text =
            "製造管理番号,生年月日\nA1B234567,19750401\nC9D876543,19750401\nE5F111111,19750401\nG7H222222,19800101\n";
        let targets = renewal_targets(&table(text, ImportKind::Renewal)).unwrap_or_else(|e| panic!("{e:?}"));
        let ledger = [
            facts("A1B234567", CardStatus::HandedOver, false),
            facts("C9D876543", CardStatus::Abolished, false),
            facts("G7H222222", CardStatus::HandedOver, false),
            facts("J1K333333", CardStatus::NoticeSent, true),
            facts("L2M444444", CardStatus::HandedOver, true),
        ];
        let findings = reconcile(&targets, &ledger);
        let verdicts: Vec<(&str, Verdict)> =
            findings.iter().map(|f| (f.management_number.as_str(), f.verdict)).collect();
        assert_eq!(
            verdicts,
            [
                ("A1B234567", Verdict::Matched),
                ("C9D876543", Verdict::Conflict),
                ("E5F111111", Verdict::NotInLedger),
                ("G7H222222", Verdict::Conflict),
                ("J1K333333", Verdict::NotOnList)
            ]
        );
    }

    #[test]
    fn an_address_list_reads_people() {
        let text = "宛名番号,氏名,氏名カナ,生年月日,性別,郵便番号,住所\n0001,山﨑 太郎,ヤマサキ タロウ,S50.4.1,男,０３１－０００１,青森県八戸市類家1-1\n0001,重複,,,,,\n";
        let errors = people(&table(text, ImportKind::People)).err().unwrap_or_default();
        assert_eq!(
            errors.listed.0.iter().map(|e| (e.line, e.code)).collect::<Vec<_>>(),
            [(Some(3), "import.duplicate_row")]
        );
        let ok = people(&table(&text.replace("0001,重複,,,,,\n", ""), ImportKind::People))
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            (ok[0].postal_code.as_deref(), ok[0].sex.as_deref(), ok[0].name.as_str()),
            (Some("031-0001"), Some("1"), "山﨑 太郎")
        );
    }
}
