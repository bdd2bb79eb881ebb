//! Unit tests of the extractor on invented sentences.
use super::*;

fn ents(text: &str) -> Vec<(EntityKind, String, String)> {
    extract(text).into_iter().map(|m| (m.kind, m.text, m.canonical)).collect()
}

fn has(text: &str, kind: EntityKind, span: &str) -> bool {
    extract(text).iter().any(|m| m.kind == kind && m.text == span)
}

#[test]
fn smoke() {
    let e = ents("Foreign Minister Jan Kowalski met Mary Smith in Paris.");
    assert!(!e.is_empty(), "{e:?}");
}
