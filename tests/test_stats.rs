//! `newsdex stats`: counts, date span, sources.

use super::util::{indexed, json_of, on, sample_corpus};

#[test]
fn stats_json_and_text() {
    let (_dir, index) = indexed(&[&sample_corpus()]);
    let v = json_of(&index, &["stats", "--format", "json"]);
    assert_eq!(v["documents"], 37);
    assert_eq!(v["first_date"], "2019-03-04");
    assert_eq!(v["last_date"], "2024-04-18");
    assert_eq!(v["roots"].as_array().unwrap().len(), 1);
    assert!(v["sources"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["source"] == "northharbourherald.com"));
    let text = on(&index)
        .arg("stats")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8_lossy(&text).contains("documents   37"));
}
