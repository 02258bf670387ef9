//! `openapi/openapi.json` is what the SPAs' API types are generated from; it must be
//! exactly what the code describes.

use std::path::PathBuf;

#[test]
fn the_committed_openapi_document_matches_the_code() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../openapi/openapi.json");
    let generated = madoguchi_http::openapi::document_json().unwrap_or_else(|e| panic!("the document does not serialise: {e}"));
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, &generated).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "openapi/openapi.json differs from the code. Regenerate it with\n  cargo run -p madoguchi -- openapi > openapi/openapi.json\n(or UPDATE_OPENAPI=1 cargo test -p madoguchi --test openapi_drift) and commit it."
    );
}

fn refs<'a>(value: &'a serde_json::Value, found: &mut Vec<&'a str>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map {
                match (key.as_str(), inner) {
                    ("$ref", serde_json::Value::String(target)) => found.push(target),
                    _ => refs(inner, found),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|item| refs(item, found)),
        _ => {}
    }
}

#[test]
fn every_schema_reference_resolves() {
    let document: serde_json::Value = serde_json::from_str(&madoguchi_http::openapi::document_json().unwrap_or_default()).unwrap_or_default();
    let mut found = Vec::new();
    refs(&document, &mut found);
    assert!(!found.is_empty());
    let missing: Vec<&str> = found
        .into_iter()
        .filter(|target| target.strip_prefix("#/components/schemas/").is_none_or(|name| document["components"]["schemas"].get(name).is_none()))
        .collect();
    assert!(missing.is_empty(), "references to schemas the document lacks: {missing:?}");
}
