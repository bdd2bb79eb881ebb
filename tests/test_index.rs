//! `newsdex index`: summaries, skipped files, duplicates, re-indexing, exit codes.

use super::util::{indexed, json, json_lines, on, sample_corpus};

#[test]
fn indexes_the_sample_corpus_with_one_duplicate_and_hidden_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let out = on(&index)
        .args(["index", "--format", "json"])
        .arg(sample_corpus())
        .assert()
        .success();
    let report = json(&out.get_output().stdout);
    assert_eq!(report["added"], 37);
    assert_eq!(report["duplicates"].as_array().unwrap().len(), 1);
    assert_eq!(report["skipped"].as_array().unwrap().len(), 0);
    let docs = json_lines(
        &on(&index)
            .arg("export")
            .assert()
            .success()
            .get_output()
            .stdout,
    );
    assert_eq!(docs.len(), 37);
    assert!(docs
        .iter()
        .all(|d| !d["path"].as_str().unwrap().contains(".draft")));
    // The duplicate is listed on the document it duplicates.
    assert_eq!(
        docs.iter()
            .filter(|d| d["duplicates"].as_array().is_some_and(|a| !a.is_empty()))
            .count(),
        1
    );
}

#[test]
fn reindexing_replaces_and_reports_unchanged() {
    let (_dir, index) = indexed(&[&sample_corpus()]);
    let out = on(&index)
        .args(["index", "--format", "json"])
        .arg(sample_corpus())
        .assert()
        .success();
    let report = json(&out.get_output().stdout);
    assert_eq!(report["added"], 0);
    assert_eq!(report["unchanged"], 37);
    let docs = json_lines(
        &on(&index)
            .arg("export")
            .assert()
            .success()
            .get_output()
            .stdout,
    );
    assert_eq!(docs.len(), 37);
}

#[test]
fn bad_files_are_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(
        corpus.join("good.txt"),
        "A title\n\nA body about the harbour.\n",
    )
    .unwrap();
    std::fs::write(corpus.join("empty.txt"), "").unwrap();
    std::fs::write(corpus.join("blank.txt"), " \n\t\n").unwrap();
    std::fs::write(corpus.join("binary.txt"), b"\x00\x01\x02ELF\x00").unwrap();
    let index = dir.path().join("index");
    let out = on(&index).arg("index").arg(&corpus).assert().success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    for name in ["empty.txt", "blank.txt", "binary.txt"] {
        assert!(
            stderr.lines().any(|l| l.contains(name) && l.contains(": ")),
            "{name} not reported: {stderr}"
        );
    }
    let docs = json_lines(
        &on(&index)
            .arg("export")
            .assert()
            .success()
            .get_output()
            .stdout,
    );
    assert_eq!(docs.len(), 1);
    // --strict makes skipped files an error.
    on(&index)
        .args(["index", "--strict"])
        .arg(&corpus)
        .assert()
        .code(2);
}

#[test]
fn missing_path_is_reported_the_rest_indexed_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let out = on(&index)
        .arg("index")
        .arg(dir.path().join("nope"))
        .arg(sample_corpus())
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("nope: no such file or directory"),
        "{stderr}"
    );
    let docs = json_lines(
        &on(&index)
            .arg("export")
            .assert()
            .success()
            .get_output()
            .stdout,
    );
    assert_eq!(docs.len(), 37);
}

#[test]
fn index_path_from_environment() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("env-index");
    super::util::newsdex()
        .env("NEWSDEX_INDEX", &index)
        .arg("index")
        .arg(sample_corpus())
        .assert()
        .success();
    assert!(index.join("meta.json").is_file());
}
