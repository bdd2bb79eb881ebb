//! `newsdex search`: the query language, filters, sorting, paging, JSON, exit codes, on the
//! sample corpus.

use std::path::PathBuf;
use std::sync::OnceLock;

use super::util::{indexed, json, on, sample_corpus};

/// One index of the sample corpus shared by the tests in this file.
fn index() -> PathBuf {
    static INDEX: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    INDEX.get_or_init(|| indexed(&[&sample_corpus()])).1.clone()
}

fn search(args: &[&str]) -> serde_json::Value {
    let out = on(&index())
        .arg("search")
        .args(args)
        .args(["--format", "json", "--limit", "100"])
        .assert();
    let out = out.get_output().clone();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    json(&out.stdout)
}

fn files(v: &serde_json::Value) -> Vec<String> {
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            h["path"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_owned()
        })
        .collect()
}

fn marked(hit: &serde_json::Value) -> Vec<String> {
    let s = hit["snippet"].as_str().unwrap();
    hit["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| s[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize].to_owned())
        .collect()
}

#[test]
fn budget_lindqvist_feb_march_2021() {
    let v = search(&[
        "budget",
        "--person",
        "lindqvist",
        "--from",
        "2021-02",
        "--to",
        "2021-03",
    ]);
    let mut got = files(&v);
    got.sort();
    assert_eq!(
        got,
        [
            "2021-02-09-brandt-unveils-budget.txt",
            "2021-02-11-van-der-berg-budget-gamble.txt",
            "2021-02-18-lindqvist-van-der-berg-tv-debate.txt",
            "2021-03-11-budget-passes-late-night-vote.txt",
        ]
    );
    assert_eq!(v["total"], 4);
    for hit in v["hits"].as_array().unwrap() {
        assert!(
            marked(hit).iter().any(|m| m.eq_ignore_ascii_case("budget")),
            "{hit}"
        );
    }
}

#[test]
fn two_persons_must_both_hold() {
    let ids = |v: &serde_json::Value| -> std::collections::BTreeSet<String> {
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let both = ids(&search(&["--person", "lindqvist", "--person", "okafor"]));
    let a = ids(&search(&["--person", "lindqvist"]));
    let b = ids(&search(&["--person", "okafor"]));
    assert!(!both.is_empty() && both.len() < a.len() && both.len() < b.len());
    assert_eq!(both, a.intersection(&b).cloned().collect());
}

#[test]
fn names_match_by_part_case_and_accents() {
    assert!(
        search(&["--person", "rasmussen"])["total"]
            .as_u64()
            .unwrap()
            >= 1
    );
    assert_eq!(
        search(&["--person", "rasmussen"])["total"],
        search(&["--person", "HOLM"])["total"]
    );
    assert!(search(&["--person", "ibanez"])["total"].as_u64().unwrap() >= 1);
    assert!(
        search(&["--person", "zielinski"])["total"]
            .as_u64()
            .unwrap()
            >= 1
    );
    assert_eq!(
        search(&["--person", "mara lindqvist"])["total"],
        search(&["--person", "lindqvist"])["total"]
    );
    assert_eq!(search(&["--person", "lindqvist mara"])["total"], 0);
}

#[test]
fn sources_match_part_of_the_host_any_may_hold() {
    let monitor = search(&["--source", "valemonitor"]);
    assert!(monitor["total"].as_u64().unwrap() >= 1);
    assert!(monitor["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["source"] == "thevalemonitor.com"));
    let either = search(&["--source", "valemonitor", "--source", "herald"]);
    let herald = search(&["--source", "herald"]);
    assert_eq!(
        either["total"].as_u64().unwrap(),
        monitor["total"].as_u64().unwrap() + herald["total"].as_u64().unwrap()
    );
    assert_eq!(search(&["source:valemonitor"])["total"], monitor["total"]);
}

#[test]
fn no_query_lists_newest_first_and_undated_last() {
    let v = search(&[]);
    assert_eq!(v["total"], 37);
    let dates: Vec<Option<&str>> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["date"].as_str())
        .collect();
    let dated: Vec<&str> = dates.iter().flatten().copied().collect();
    let mut sorted = dated.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dated, sorted);
    assert!(
        dates[dated.len()..].iter().all(Option::is_none),
        "undated last: {dates:?}"
    );
    let oldest = search(&["--sort", "oldest"]);
    assert_eq!(oldest["hits"][0]["date"], "2019-03-04");
    assert!(oldest["hits"][36]["date"].is_null());
}

#[test]
fn queries_people_actually_type() {
    for q in [
        "Trump's visit",
        "O'Connell",
        "https://www.northharbourherald.com/2021/02/04/okafor-fisheries-talks-oslo-a3318",
        "budg*",
        "What did Lindqvist say about the bridge?",
        "harbour bridge (costs)",
        "Note: the strike.",
        "lindqvst~",
    ] {
        let out = on(&index())
            .args(["search", q, "--format", "json"])
            .assert();
        let code = out.get_output().status.code();
        assert!(
            matches!(code, Some(0 | 1)),
            "{q}: {:?} {}",
            code,
            String::from_utf8_lossy(&out.get_output().stderr)
        );
    }
    assert!(search(&["O'Connell"])["total"].as_u64().unwrap() >= 1);
    let prefix = search(&["budg*"]);
    assert!(prefix["total"].as_u64().unwrap() >= 4);
    assert!(marked(&prefix["hits"][0])
        .iter()
        .any(|m| m.to_lowercase().starts_with("budg")));
    let fuzzy = search(&["lindqvst~"]);
    assert!(fuzzy["total"].as_u64().unwrap() >= 1);
    assert!(
        marked(&fuzzy["hits"][0])
            .iter()
            .any(|m| m.starts_with("Lindqvist")),
        "{}",
        fuzzy["hits"][0]
    );
}

#[test]
fn minus_query_is_all_but_those() {
    let all = search(&[])["total"].as_u64().unwrap();
    let budget = search(&["budget"])["total"].as_u64().unwrap();
    assert_eq!(
        search(&["-budget"])["total"].as_u64().unwrap(),
        all - budget
    );
}

#[test]
fn phrases_are_highlighted_whole() {
    let v = search(&["\"harbour bridge\""]);
    assert!(v["total"].as_u64().unwrap() >= 5);
    for hit in v["hits"].as_array().unwrap() {
        let m = marked(hit);
        if !m.is_empty() {
            assert!(
                m.iter()
                    .all(|x| x.to_lowercase().split_whitespace().collect::<Vec<_>>()
                        == ["harbour", "bridge"]),
                "{m:?}"
            );
        }
    }
}

#[test]
fn total_is_true_count_and_paging_works() {
    let all = search(&["bridge"]);
    let total = all["total"].as_u64().unwrap();
    let out = on(&index())
        .args([
            "search", "bridge", "--format", "json", "--limit", "2", "--offset", "1",
        ])
        .assert()
        .success();
    let page = json(&out.get_output().stdout);
    assert_eq!(page["total"].as_u64().unwrap(), total);
    assert_eq!(page["hits"].as_array().unwrap().len(), 2);
    assert_eq!(page["hits"][0]["id"], all["hits"][1]["id"]);
    assert_eq!(page["hits"][0]["rank"], 2);
}

#[test]
fn field_queries() {
    let t = search(&["title:bridge"]);
    assert!(t["hits"].as_array().unwrap().iter().all(|h| h["title"]
        .as_str()
        .unwrap()
        .to_lowercase()
        .contains("bridge")));
    assert_eq!(
        search(&["person:okafor"])["total"],
        search(&["--person", "okafor"])["total"]
    );
    let d = search(&["date:2021-02"]);
    assert!(d["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["date"].as_str().unwrap().starts_with("2021-02")));
}

#[test]
fn exit_codes_and_errors() {
    on(&index())
        .args(["search", "zzzznotaword"])
        .assert()
        .code(1);
    let out = on(&index()).args(["search", "budget AND"]).assert().code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("position 8"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let out = on(&dir.path().join("missing"))
        .args(["search", "x"])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("no index at"), "{err}");
}

#[test]
fn text_output_fits_80_columns() {
    let out = on(&index())
        .args(["search", "harbour bridge"])
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.contains("1. "));
    // Lines of text wrap; a long URL or path stands alone on its line.
    for line in text.lines().filter(|l| l.trim().contains(' ')) {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
}

#[test]
fn unquoted_words_are_one_query() {
    let quoted = search(&["harbour bridge"]);
    let unquoted = search(&["harbour", "bridge"]);
    assert!(quoted["total"].as_u64().unwrap() > 0);
    assert_eq!(unquoted["query"], "harbour bridge");
    assert_eq!(unquoted["total"], quoted["total"]);
    assert_eq!(files(&unquoted), files(&quoted));
    // An argument quoted in the shell among others stays a phrase.
    let phrase = search(&["harbour bridge", "ferry"]);
    assert_eq!(phrase["query"], "\"harbour bridge\" ferry");
    assert_eq!(
        phrase["total"],
        search(&["\"harbour bridge\" ferry"])["total"]
    );
}
