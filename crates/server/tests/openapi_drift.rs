//! `openapi/openapi.json` is what the SPAs' API types are generated from; it must be
//! exactly what the code describes.

use std::path::PathBuf;

#[test]
fn the_committed_openapi_document_matches_the_code() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../openapi/openapi.json");
    let generated =
        madoguchi_http::openapi::document_json().unwrap_or_else(|e| panic!("the document does not serialise: {e}"));
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
    let document: serde_json::Value =
        serde_json::from_str(&madoguchi_http::openapi::document_json().unwrap_or_default()).unwrap_or_default();
    let mut found = Vec::new();
    refs(&document, &mut found);
    assert!(!found.is_empty());
    let missing: Vec<&str> = found
        .into_iter()
        .filter(|target| {
            target
                .strip_prefix("#/components/schemas/")
                .is_none_or(|name| document["components"]["schemas"].get(name).is_none())
        })
        .collect();
    assert!(missing.is_empty(), "references to schemas the document lacks: {missing:?}");
}

/// Property names anywhere in a schema, following `$ref`s.
fn property_names(
    document: &serde_json::Value,
    value: &serde_json::Value,
    seen: &mut Vec<String>,
    names: &mut Vec<String>,
) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::String(target)) = map.get("$ref") {
                if seen.contains(target) {
                    return;
                }
                seen.push(target.clone());
                let pointer = target.trim_start_matches('#');
                if let Some(schema) = document.pointer(pointer) {
                    property_names(document, schema, seen, names);
                }
                return;
            }
            if let Some(serde_json::Value::Object(properties)) = map.get("properties") {
                names.extend(properties.keys().cloned());
            }
            map.values().for_each(|inner| property_names(document, inner, seen, names));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|item| property_names(document, item, seen, names)),
        _ => {}
    }
}

/// RES-02: residents see remaining places, never a slot's capacity or a day's total.
#[test]
fn no_public_answer_carries_a_capacity_or_a_total() {
    let document: serde_json::Value =
        serde_json::from_str(&madoguchi_http::openapi::document_json().unwrap_or_default()).unwrap_or_default();
    let paths = document["paths"].as_object().cloned().unwrap_or_default();
    let mut names = Vec::new();
    let mut public = 0;
    for (path, operations) in paths.iter().filter(|(path, _)| path.starts_with("/api/v1/public/")) {
        public += 1;
        for operation in operations.as_object().into_iter().flat_map(|o| o.values()) {
            let mut seen = Vec::new();
            property_names(&document, &operation["responses"], &mut seen, &mut names);
            assert!(
                !names.iter().any(|n| ["capacity", "total", "booked", "taken", "checked_in"].contains(&n.as_str())),
                "{path} answers one of {names:?}"
            );
        }
    }
    assert!(public >= 10, "the public API has its paths: {public}");
    assert!(names.contains(&"remaining".to_owned()));
}

/// Generated clients key operations by id: two handlers with one name (an admin and a
/// public `list_locations`) silently gave the resident SPA the admin's types.
#[test]
fn every_operation_id_is_unique() {
    let document: serde_json::Value =
        serde_json::from_str(&madoguchi_http::openapi::document_json().unwrap_or_default()).unwrap_or_default();
    let mut seen: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
    for (path, operations) in document["paths"].as_object().into_iter().flatten() {
        for (method, operation) in operations.as_object().into_iter().flatten() {
            if let Some(id) = operation["operationId"].as_str() {
                seen.entry(id.to_owned()).or_default().push(format!("{method} {path}"));
            }
        }
    }
    assert!(seen.len() > 10, "operations are listed");
    let shared: Vec<_> = seen.into_iter().filter(|(_, places)| places.len() > 1).collect();
    assert!(shared.is_empty(), "operation ids used more than once: {shared:?}");
}
