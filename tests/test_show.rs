//! `newsdex show`: one document by id or path.

use super::util::{exported, indexed, json, on, sample_corpus};

#[test]
fn show_by_id_and_by_path() {
    let (_dir, index) = indexed(&[&sample_corpus()]);
    let docs = exported(&index);
    let d = &docs[0];
    let by_id = json(
        &on(&index)
            .args(["show", "--format", "json", d["id"].as_str().unwrap()])
            .assert()
            .success()
            .get_output()
            .stdout,
    );
    assert_eq!(by_id["title"], d["title"]);
    let by_path = json(
        &on(&index)
            .args(["show", "--format", "json", d["path"].as_str().unwrap()])
            .assert()
            .success()
            .get_output()
            .stdout,
    );
    assert_eq!(by_path["id"], d["id"]);
    let text = on(&index)
        .args(["show", d["id"].as_str().unwrap()])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8_lossy(&text).starts_with(d["title"].as_str().unwrap()));
}

#[test]
fn show_unknown_is_exit_2_with_one_line() {
    let (_dir, index) = indexed(&[&sample_corpus()]);
    let out = on(&index).args(["show", "nosuchid"]).assert().code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("no document with id or path nosuchid"));
}

#[test]
fn show_latin1_article_reads_correctly() {
    let (_dir, index) = indexed(&[&sample_corpus()]);
    let out = on(&index)
        .args(["search", "ibanez", "--format", "json", "--limit", "50"])
        .assert()
        .success();
    let v = json(&out.get_output().stdout);
    assert!(v["hits"].as_array().unwrap().iter().any(|h| h["snippet"]
        .as_str()
        .unwrap_or("")
        .contains("Ibáñez")
        || h["title"].as_str().unwrap_or("").contains("Ibáñez")));
}
