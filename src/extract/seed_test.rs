//! Acceptance test on the seed article of `../shared`: exactly its eight persons.
//!
//! The seed is read from `$NEWSDEX_SHARED/seed/` (default `<crate root>/../shared`). Without
//! it the test prints a notice and passes, unless `NEWSDEX_REQUIRE_SHARED=1`.

use super::article_entities;
use std::path::PathBuf;

const SEED: &str = "seed/000_c1b5da2b3b89d97d.txt";

/// `$NEWSDEX_SHARED`, else `<crate root>/../shared`.
pub(super) fn shared_dir() -> PathBuf {
    std::env::var_os("NEWSDEX_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"))
}

/// Title and body the way the parser gives them: the first line, then the paragraphs with
/// hard wraps joined, without the `Related article:` line and without the URL tail.
fn title_and_body(raw: &str) -> (String, String) {
    let mut lines = raw.lines();
    let title = lines.next().unwrap_or_default().trim().to_string();
    let mut paragraphs: Vec<String> = vec![String::new()];
    for line in lines {
        let l = line.trim();
        if l.starts_with("Original url:") {
            break;
        }
        if l.starts_with("Related article:") {
            continue;
        }
        if l.is_empty() || line.starts_with(' ') {
            paragraphs.push(String::new());
        }
        let p = paragraphs.last_mut().expect("one paragraph at least");
        if !l.is_empty() {
            if !p.is_empty() {
                p.push(' ');
            }
            p.push_str(l);
        }
    }
    paragraphs.retain(|p| !p.is_empty());
    (title, paragraphs.join("\n\n"))
}

#[test]
#[allow(clippy::print_stderr)] // the skip notice is the point
fn seed_article_has_exactly_its_persons() {
    let path = shared_dir().join(SEED);
    let Ok(raw) = std::fs::read_to_string(&path) else {
        let required = std::env::var("NEWSDEX_REQUIRE_SHARED").is_ok_and(|v| v == "1");
        assert!(
            !required,
            "{}: seed article missing and NEWSDEX_REQUIRE_SHARED=1",
            path.display()
        );
        eprintln!("skipped: {} not found (set NEWSDEX_SHARED)", path.display());
        return;
    };
    let (title, body) = title_and_body(&raw);
    assert!(
        body.starts_with("U.S. Secretary of State Antony Blinken voiced concern"),
        "{body}"
    );
    let ents = article_entities(&title, &body);
    let mut persons: Vec<&str> = ents.persons.iter().map(|(n, _)| n.as_str()).collect();
    persons.sort_unstable();
    let want = [
        "Alexei Navalny",
        "Antony Blinken",
        "Donald Trump",
        "Joe Biden",
        "Paul Whelan",
        "Sergei Lavrov",
        "Trevor Reed",
        "Vladimir Putin",
    ];
    assert_eq!(persons, want, "all: {ents:?}");
    let orgs: Vec<&str> = ents.organizations.iter().map(|(n, _)| n.as_str()).collect();
    assert!(orgs.contains(&"State Department"), "{orgs:?}");
    let places: Vec<&str> = ents.locations.iter().map(|(n, _)| n.as_str()).collect();
    for p in ["Russia", "Moscow", "Ukraine", "China", "United States"] {
        assert!(places.contains(&p), "{p} missing from {places:?}");
    }
}
