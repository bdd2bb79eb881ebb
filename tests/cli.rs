//! The CLI contract: `--help` golden, usage errors, exit codes, closed pipes.

use super::util::{indexed, newsdex, on, root, sample_corpus};

#[test]
fn help_matches_golden() {
    let out = newsdex()
        .arg("--help")
        .env("COLUMNS", "100")
        .assert()
        .success();
    let got = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let path = root().join("tests/golden/help.txt");
    if std::env::var_os("NEWSDEX_BLESS").is_some() {
        std::fs::write(&path, &got).unwrap();
    }
    assert_eq!(
        got,
        std::fs::read_to_string(&path).unwrap(),
        "NEWSDEX_BLESS=1 cargo test help to update"
    );
}

#[test]
fn search_help_documents_filters() {
    let out = newsdex().args(["search", "--help"]).assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    for flag in [
        "--from", "--to", "--person", "--org", "--place", "--source", "--sort", "--limit",
        "--offset", "--format",
    ] {
        assert!(text.contains(flag), "{flag} missing from search --help");
    }
}

#[test]
fn bad_usage_is_exit_2() {
    newsdex().assert().code(2);
    newsdex().arg("frobnicate").assert().code(2);
    newsdex()
        .args(["search", "x", "--sort", "sideways"])
        .assert()
        .code(2);
}

#[test]
fn bad_date_filter_is_one_line_exit_2() {
    let (_dir, index) = indexed(&[&sample_corpus()]);
    let out = on(&index)
        .args(["search", "budget", "--from", "2021-13"])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("bad date `2021-13`"), "{err}");
}

#[test]
fn closed_pipe_exits_quietly() {
    let (_dir, index) = indexed(&[&sample_corpus()]);
    let bin = assert_cmd::cargo::cargo_bin!("newsdex");
    let mut child = std::process::Command::new(bin)
        .arg("--index")
        .arg(&index)
        .arg("export")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.code() == Some(0), "status {:?}", out.status);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
