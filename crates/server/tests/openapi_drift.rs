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
