//! The README's quick start works: its first fenced block is one command; every newsdex
//! invocation in it runs here against the test binary and succeeds with real answers.

use super::util::{on, root};

#[test]
fn quick_start_runs() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = readme
        .split("## Quick start")
        .nth(1)
        .expect("README has a Quick start section");
    let block = section
        .split("```")
        .nth(1)
        .expect("Quick start has a fenced block");
    let lines: Vec<&str> = block
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(lines.len(), 1, "the quick start is one command: {lines:?}");
    let steps: Vec<&str> = lines[0].split("&&").map(str::trim).collect();
    assert!(steps[0].starts_with("cargo build --release"), "{steps:?}");
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let mut searched = false;
    for step in &steps[1..] {
        let words = shell_words(step);
        assert_eq!(words[0], "./target/release/newsdex", "{step}");
        assert_eq!(words[1], "--index", "{step}");
        let args: Vec<String> = words[3..]
            .iter()
            .map(|w| {
                if w == "sample_corpus" {
                    root().join(w).display().to_string()
                } else {
                    w.clone()
                }
            })
            .collect();
        let out = on(&index)
            .current_dir(root())
            .args(&args)
            .assert()
            .success();
        if args[0] == "search" {
            let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
            assert!(
                text.contains("1. "),
                "the example search finds something: {text}"
            );
            searched = true;
        }
    }
    assert!(searched, "the quick start runs a search");
}

/// Splits a command line on spaces, honouring double and single quotes.
fn shell_words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote = None;
    for c in line.chars() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, ' ') => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            _ => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}
