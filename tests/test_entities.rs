//! `newsdex entities` (alias `people`): most-named entities among matching documents.

use super::util::{indexed, json_of, on, sample_corpus};

#[test]
fn people_of_the_sample_corpus_with_counts() {
    let (_dir, index) = indexed(&[&sample_corpus()]);
    let v = json_of(&index, &["entities", "--format", "json", "--limit", "50"]);
    assert_eq!(v["kind"], "person");
    assert_eq!(v["total"], 37);
    let list = v["entities"].as_array().unwrap();
    assert_eq!(list[0]["name"], "Mara Lindqvist");
    // Counts are documents, most first, and agree with the person filter.
    let counts: Vec<u64> = list
        .iter()
        .map(|e| e["documents"].as_u64().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    let lindqvist = json_of(
        &index,
        &["search", "--person", "mara lindqvist", "--format", "json"],
    );
    assert_eq!(lindqvist["total"], list[0]["documents"]);
}

#[test]
fn kinds_query_and_filters_narrow_the_count() {
    let (_dir, index) = indexed(&[&sample_corpus()]);
    let all = json_of(&index, &["people", "--format", "json", "--kind", "place"]);
    assert_eq!(all["kind"], "location");
    let narrow = json_of(
        &index,
        &[
            "people", "strike", "--from", "2021-02", "--to", "2021-03", "--format", "json",
        ],
    );
    assert!(narrow["total"].as_u64().unwrap() < 37);
    assert!(
        narrow["entities"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["name"] == "Piotr Zieliński"),
        "{narrow}"
    );
    let text = on(&index)
        .args(["entities", "--kind", "org", "-n", "3"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8_lossy(&text).lines().count(), 4);
    on(&index)
        .args(["entities", "zzzznotaword"])
        .assert()
        .code(1);
}
