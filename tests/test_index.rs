//! `newsdex index`: summaries, skipped files, duplicates, re-indexing, exit codes.

use super::util::{exported, indexed, json, json_of, on, sample_corpus};

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
    let docs = exported(&index);
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
    assert_eq!(
        report["unchanged"], 38,
        "37 articles and one duplicate file, none read again"
    );
    let docs = exported(&index);
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
    let docs = exported(&index);
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
    let docs = exported(&index);
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

/// A copy of the sample corpus in a temporary folder, with an index of it.
fn copied_corpus() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    copy_dir(&sample_corpus(), &corpus);
    let index = dir.path().join("index");
    on(&index).arg("index").arg(&corpus).assert().success();
    (dir, corpus, index)
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

fn report_of(index: &std::path::Path, args: &[&std::ffi::OsStr]) -> serde_json::Value {
    let out = on(index)
        .arg("index")
        .arg("--format")
        .arg("json")
        .args(args)
        .assert()
        .success();
    json(&out.get_output().stdout)
}

#[test]
fn edit_delete_and_add_binary_then_rescan() {
    let (_dir, corpus, index) = copied_corpus();
    let edited = corpus.join("herald/2021-02-11-van-der-berg-budget-gamble.txt");
    let text = std::fs::read_to_string(&edited)
        .unwrap()
        .replacen("budget", "zebrabudget", 1);
    std::fs::write(&edited, text).unwrap();
    std::fs::remove_file(corpus.join("post/2019-10-06-lindqvist-wins-second-term.txt")).unwrap();
    std::fs::write(corpus.join("junk.txt"), b"\x00\x01\x02\x03binary").unwrap();
    // No path: the remembered folder is scanned again.
    let out = on(&index)
        .args(["index", "--format", "json"])
        .assert()
        .success();
    let report = json(&out.get_output().stdout);
    assert_eq!(report["updated"], 1);
    assert_eq!(report["removed"], 1);
    assert_eq!(report["added"], 0);
    assert_eq!(report["unchanged"], 36);
    let skipped = report["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1);
    assert!(skipped[0][0].as_str().unwrap().ends_with("junk.txt"));
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("junk.txt: binary file"));
    let docs = exported(&index);
    assert_eq!(docs.len(), 36);
    let ids: std::collections::BTreeSet<&str> =
        docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 36, "no duplicate ids");
    assert!(!docs.iter().any(|d| d["path"]
        .as_str()
        .unwrap()
        .contains("lindqvist-wins-second-term")));
    on(&index)
        .args(["search", "zebrabudget"])
        .assert()
        .success();
}

#[test]
fn duplicate_passes_to_the_next_file_when_its_document_goes() {
    let (_dir, corpus, index) = copied_corpus();
    let first = corpus.join("monitor/2021-03-16-inflation-climbs-dock-strike.txt");
    let copy = corpus.join("saved/inflation-climbs (1).txt");
    std::fs::remove_file(&first).unwrap();
    report_of(&index, &[corpus.as_os_str()]);
    let shown = json(
        &on(&index)
            .args(["show", "--format", "json"])
            .arg(&copy)
            .assert()
            .success()
            .get_output()
            .stdout,
    );
    assert_eq!(
        shown["path"],
        copy.canonicalize().unwrap().display().to_string()
    );
    assert_eq!(shown["duplicates"].as_array().unwrap().len(), 0);
    // A new copy that sorts first takes the document; the old one becomes its duplicate.
    let earlier = corpus.join("aaa.txt");
    std::fs::copy(&copy, &earlier).unwrap();
    let report = report_of(&index, &[corpus.as_os_str()]);
    assert_eq!(report["duplicates"].as_array().unwrap().len(), 1);
    let shown = json(
        &on(&index)
            .args(["show", "--format", "json"])
            .arg(&copy)
            .assert()
            .success()
            .get_output()
            .stdout,
    );
    assert_eq!(
        shown["path"],
        earlier.canonicalize().unwrap().display().to_string()
    );
    assert_eq!(
        shown["duplicates"],
        serde_json::json!([copy.canonicalize().unwrap().display().to_string()])
    );
    let docs = exported(&index);
    assert_eq!(docs.len(), 37);
}

#[test]
fn remove_drops_a_folder_and_forgets_it() {
    let (_dir, corpus, index) = copied_corpus();
    on(&index)
        .arg("remove")
        .arg(corpus.join("herald"))
        .assert()
        .success();
    let docs = exported(&index);
    assert_eq!(docs.len(), 37 - 9);
    assert!(!docs
        .iter()
        .any(|d| d["path"].as_str().unwrap().contains("/herald/")));
    on(&index).arg("remove").arg(&corpus).assert().success();
    let stats = json_of(&index, &["stats", "--format", "json"]);
    assert_eq!(stats["documents"], 0);
    assert_eq!(stats["roots"].as_array().unwrap().len(), 0);
    // Nothing remembered: `index` with no path says so.
    let out = on(&index).arg("index").assert().code(2);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("no folders to index"));
}

/// Version 1 had another schema; version 4 had term dictionaries as FSTs; version 5 had ids of
/// sixteen hex digits as text (4 and 5 made by newsdex before each change, from two articles
/// written for the tests).
#[test]
fn index_of_an_older_version_is_detected_with_a_rebuild_hint() {
    for version in [1, 4, 5] {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("old");
        let fixture = format!("tests/fixtures/index-v{version}");
        copy_dir(&super::util::root().join(fixture), &old);
        let out = on(&old).args(["search", "harbour"]).assert().code(2);
        let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(
            err.contains(&format!(
                "another version of newsdex (index version {version},"
            )) && err.contains("index --full"),
            "{err}"
        );
        on(&old).arg("index").arg(sample_corpus()).assert().code(2);
        // The rebuild it suggests works.
        on(&old)
            .args(["index", "--full"])
            .arg(sample_corpus())
            .assert()
            .success();
        let stats = json_of(&old, &["stats", "--format", "json"]);
        assert_eq!(stats["documents"], 37);
        assert_eq!(stats["schema_version"], newsdex::schema::SCHEMA_VERSION);
        on(&old).args(["search", "harbour"]).assert().success();
    }
}

/// A root reached through a symbolic link is read in the link's order but its files sort by
/// their real paths: a file read later can come first, and the document passes to it within
/// one run on a new index. The old document must go, though both have the same id.
#[cfg(unix)]
#[test]
fn a_document_passed_on_within_a_fresh_run_is_not_left_twice() {
    let dir = tempfile::tempdir().unwrap();
    let article = "Harbour talks resume\n\nThe port authority met on Monday.\n\nOriginal url:\nhttps://www.northharbourherald.com/2021/02/04/harbour-talks-a12\n";
    for sub in ["zz", "b"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        std::fs::write(dir.path().join(sub).join("talks.txt"), article).unwrap();
    }
    std::os::unix::fs::symlink(dir.path().join("zz"), dir.path().join("a")).unwrap();
    let index = dir.path().join("index");
    on(&index)
        .args(["index"])
        .arg(dir.path().join("a"))
        .arg(dir.path().join("b"))
        .assert()
        .success();
    let docs = exported(&index);
    assert_eq!(docs.len(), 1, "{docs:?}");
    assert!(docs[0]["path"].as_str().unwrap().ends_with("b/talks.txt"));
    let hits = json_of(&index, &["search", "harbour", "--format", "json"]);
    assert_eq!(hits["total"], 1, "{hits}");
}

#[test]
fn one_thread_or_many_make_the_same_index() {
    let dir = tempfile::tempdir().unwrap();
    let mut exports = Vec::new();
    for threads in ["1", "3"] {
        let index = dir.path().join(format!("index-{threads}"));
        on(&index)
            .args(["index", "--threads", threads])
            .arg(sample_corpus())
            .assert()
            .success();
        let mut docs = exported(&index);
        docs.sort_by_key(|d| d["id"].as_str().unwrap().to_owned());
        exports.push(docs);
    }
    assert_eq!(exports[0].len(), 37);
    assert_eq!(exports[0], exports[1]);
}

#[test]
fn a_later_file_with_an_indexed_url_is_a_duplicate_of_its_document() {
    // The second file comes in a later run, with other text: only the URL, written another
    // way, ties it to the indexed document (found through the id the URL keys).
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first");
    let later = dir.path().join("later");
    std::fs::create_dir(&first).unwrap();
    std::fs::create_dir(&later).unwrap();
    std::fs::write(
        first.join("talks.txt"),
        "Harbour talks resume\n\nThe port authority met on Monday.\n\nOriginal url:\nhttps://www.northharbourherald.com/2021/02/04/harbour-talks-a12\n",
    )
    .unwrap();
    std::fs::write(
        later.join("talks-updated.txt"),
        "Harbour talks resume after a pause\n\nThe port authority met again on Tuesday.\n\nOriginal url:\nhttp://northharbourherald.com/2021/02/04/harbour-talks-a12/\n",
    )
    .unwrap();
    let index = dir.path().join("index");
    on(&index).arg("index").arg(&first).assert().success();
    let report = report_of(&index, &[later.as_os_str()]);
    assert_eq!(report["added"], 0, "{report}");
    assert_eq!(
        report["duplicates"].as_array().unwrap().len(),
        1,
        "{report}"
    );
    let docs = exported(&index);
    assert_eq!(docs.len(), 1, "{docs:?}");
    assert!(docs[0]["path"]
        .as_str()
        .unwrap()
        .ends_with("first/talks.txt"));
    let url = "https://northharbourherald.com/2021/02/04/harbour-talks-a12";
    let hits = json_of(&index, &["search", url, "--format", "json"]);
    assert_eq!(hits["total"], 1, "{hits}");
    assert_eq!(hits["hits"][0]["id"], docs[0]["id"], "{hits}");
}
