//! `newsdex export`: one JSON object a line, every field, plain values.

use super::util::{exported, indexed, on, sample_corpus};

#[test]
fn exports_every_field_with_plain_values() {
    let (_dir, index) = indexed(&[&sample_corpus()]);
    let docs = exported(&index);
    let keys = [
        "id",
        "path",
        "title",
        "body",
        "url",
        "source",
        "date",
        "related_urls",
        "related_titles",
        "persons",
        "organizations",
        "locations",
    ];
    for d in &docs {
        for k in keys {
            assert!(d.get(k).is_some(), "{k} missing in {d}");
        }
        assert!(d["title"].is_string() && d["path"].is_string() && d["id"].is_string());
        assert!(d["url"].is_string() || d["url"].is_null());
        if let Some(date) = d["date"].as_str() {
            assert_eq!(date.len(), 10, "{date}");
        }
    }
    let dated = docs.iter().filter(|d| d["date"].is_string()).count();
    assert_eq!(dated, 34);
}

#[test]
fn export_without_index_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    on(&dir.path().join("none")).arg("export").assert().code(2);
}
