//! What sealing costs a screen of the card ledger: a search by birth date shows about
//! 33 cards of a million, each with nine sealed fields to open, and an import of the
//! issuance list seals as many per card.
//!
//! `cargo bench -p madoguchi-vault`

use criterion::{Criterion, criterion_group, criterion_main};
use madoguchi_vault::DataKey;
use std::hint::black_box;
use uuid::Uuid;

/// The fields of one card as the ledger keeps them, with typical values.
const CARD: [(&str, &str); 9] = [
    ("ledger_cards.management_number", "Q7Z246813"),
    ("ledger_cards.application_id", "10000000000000000000001"),
    ("ledger_cards.name", "髙橋 﨑子"),
    ("ledger_cards.name_kana", "タカハシ サキコ"),
    ("ledger_cards.birth_date", "1985-04-12"),
    ("ledger_cards.address", "東京都千代田区千代田1-1 千代田マンション101"),
    ("ledger_cards.postal_code", "100-0001"),
    ("ledger_cards.handover_notes", "代理人受取（委任状あり）"),
    ("ledger_cards.source", "issuance.csv line 12345"),
];

const CARDS_ON_A_SCREEN: usize = 33;

fn fields(c: &mut Criterion) {
    let key = DataKey::generate(Uuid::from_u128(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef), 1);
    let screen: Vec<(&str, String)> = (0..CARDS_ON_A_SCREEN)
        .flat_map(|_| CARD.iter().map(|(place, value)| (*place, key.seal(place, value))))
        .collect();
    c.bench_function("open_a_screen_of_33_cards", |b| {
        b.iter(|| {
            for (place, sealed) in &screen {
                black_box(key.open(place, sealed).ok());
            }
        });
    });
    c.bench_function("seal_one_card", |b| {
        b.iter(|| {
            for (place, value) in CARD {
                black_box(key.seal(place, value));
            }
        });
    });
}

criterion_group!(benches, fields);
criterion_main!(benches);
