//! Golden tests: the entities of the invented articles in `tests/fixtures/entities/`.
//!
//! Each `NAME.txt` (title block, blank line, body) has a `NAME.expected` with the canonical
//! persons, organizations and locations that [`article_entities`] must give, as sets.

use super::article_entities;
use std::collections::BTreeSet;
use std::path::Path;

fn names(list: &[(String, u32)]) -> BTreeSet<String> {
    list.iter().map(|(n, _)| n.clone()).collect()
}

fn expected(text: &str, field: &str) -> BTreeSet<String> {
    text.lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .unwrap_or_default()
        .split('|')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn golden_entities_of_tricky_mentions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/entities");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/entities")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 10, "{} cases", cases.len());
    let mut failures = Vec::new();
    for path in &cases {
        let raw = std::fs::read_to_string(path).expect("fixture");
        let want = std::fs::read_to_string(path.with_extension("expected")).expect("expected");
        let (title, body) = raw.split_once("\n\n").unwrap_or((&raw, ""));
        let got = article_entities(title.trim(), body.trim());
        for (field, list) in [
            ("persons", &got.persons),
            ("organizations", &got.organizations),
            ("locations", &got.locations),
        ] {
            let (g, w) = (names(list), expected(&want, field));
            if g != w {
                failures.push(format!(
                    "{}: {field}: got {g:?}, want {w:?}",
                    path.display()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
