//! Golden tests of the parser: each file in `tests/fixtures/parse/` (one layout edge case
//! each, written by the project) is decoded and parsed, and the `Article` is snapshotted as
//! JSON. Adding a case is adding a file, then `cargo insta review`.

use newsdex::decode::decode;
use newsdex::parse::{parse, Vocab};
use serde_json::json;

fn parsed(bytes: &[u8]) -> serde_json::Value {
    let text = match decode(bytes) {
        Ok(t) => t,
        Err(e) => return json!({ "error": e.to_string() }),
    };
    match parse(&text, &Vocab::new()) {
        Ok(a) => json!({
            "title": a.title,
            "url": a.url,
            "source": a.source(),
            "date": a.date.map(|d| d.to_string()),
            "related_urls": a.related_urls,
            "related_titles": a.related_titles,
            "body": a.body.split("\n\n").filter(|p| !p.is_empty()).collect::<Vec<_>>(),
        }),
        Err(e) => json!({ "error": e.to_string() }),
    }
}

#[test]
fn parse_fixtures() {
    let dir = super::util::root().join("tests/fixtures/parse");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    assert!(names.len() >= 15, "fixtures missing in {}", dir.display());
    for path in names {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let value = parsed(&std::fs::read(&path).unwrap());
        insta::assert_json_snapshot!(name, value);
    }
}
