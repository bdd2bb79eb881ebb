//! Place and organisation aliases: `U.S.`, `USA` and `United States of America` are one place.
//!
//! Input is a name as written; output is the canonical name from the hand-written tables
//! `data/entities/place_aliases.txt` and `data/entities/org_aliases.txt`, or `None` when the
//! name has no alias. Matching ignores case, dots, typographic apostrophes and extra white
//! space, so `U.S.`, `u.s` and `US` are one key. The extractor uses this for the canonical
//! names of mentions, and the query side can use it to read `--place "U.S."` as
//! `United States`. One hash lookup; the tables are built on first use.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

const PLACES: &str = include_str!("../../data/entities/place_aliases.txt");
const ORGS: &str = include_str!("../../data/entities/org_aliases.txt");

type Table = HashMap<String, &'static str>;

/// The matching key of a name: lowercase, no dots, plain apostrophes, single spaces.
fn alias_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    push_alias_key(name, &mut out);
    out
}

/// Appends the [`alias_key`] of `name` to `out`.
fn push_alias_key(name: &str, out: &mut String) {
    if name.is_ascii() {
        push_ascii_alias_key(name, out);
    } else {
        push_any_alias_key(name, out);
    }
}

/// [`push_any_alias_key`] for an ASCII name (most names): the same key, a byte at a time.
fn push_ascii_alias_key(name: &str, out: &mut String) {
    let mut in_word = false;
    for b in name.bytes() {
        if char::from(b).is_whitespace() {
            in_word = false;
            continue;
        }
        if !in_word && !out.is_empty() {
            out.push(' ');
        }
        in_word = true;
        if b != b'.' {
            out.push(char::from(b.to_ascii_lowercase()));
        }
    }
}

/// Appends the [`alias_key`] of any `name` to `out`.
fn push_any_alias_key(name: &str, out: &mut String) {
    for word in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                '.' => {}
                '’' | '‘' => out.push('\''),
                c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
}

fn build(list: &'static str) -> Table {
    let mut map = HashMap::default();
    for line in list.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut names = line.split('|').map(str::trim);
        let Some(canonical) = names.next() else {
            continue;
        };
        map.insert(alias_key(canonical), canonical);
        for alias in names {
            map.insert(alias_key(alias), canonical);
        }
    }
    map
}

fn lookup(table: &'static OnceLock<Table>, list: &'static str, name: &str) -> Option<&'static str> {
    thread_local! {
        // Every mention of a place or an organisation is looked up: one key buffer a thread
        // instead of a string each time.
        static KEY: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    let t = table.get_or_init(|| build(list));
    KEY.with_borrow_mut(|key| {
        key.clear();
        push_alias_key(name, key);
        t.get(key.as_str()).copied()
    })
}

/// The canonical name of a place alias, in any case, dotted or not: `U.S.`, `usa` and
/// `United States of America` give `United States`; `UK` and `Britain` give
/// `United Kingdom`. `None` for a name with no alias (`Moscow`).
pub fn canonical_place(name: &str) -> Option<&'static str> {
    static T: OnceLock<Table> = OnceLock::new();
    lookup(&T, PLACES, name)
}

/// The canonical name of an organisation alias: `U.N.` gives `United Nations`, `EU` and
/// `E.U.` give `European Union`. `None` for a name with no alias.
pub fn canonical_org(name: &str) -> Option<&'static str> {
    static T: OnceLock<Table> = OnceLock::new();
    lookup(&T, ORGS, name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_aliases_fold_dotted_and_any_case() {
        for a in [
            "U.S.",
            "US",
            "USA",
            "U.S.A.",
            "u.s",
            "United States of America",
            "united  states",
        ] {
            assert_eq!(canonical_place(a), Some("United States"), "{a}");
        }
        for a in ["U.K.", "UK", "Britain", "Great Britain"] {
            assert_eq!(canonical_place(a), Some("United Kingdom"), "{a}");
        }
        assert_eq!(canonical_place("UAE"), Some("United Arab Emirates"));
        assert_eq!(canonical_place("Cote d’Ivoire"), Some("Ivory Coast"));
        assert_eq!(canonical_place("PEKING"), Some("Beijing"));
        assert_eq!(canonical_place("Moscow"), None);
        assert_eq!(canonical_place(""), None);
    }

    #[test]
    fn ascii_keys_are_those_of_the_general_path() {
        let key = |push: fn(&str, &mut String), name: &str| {
            let mut out = String::new();
            push(name, &mut out);
            out
        };
        for name in [
            "U.S.",
            "  United\tStates  of America ",
            "U . S",
            ". U",
            "A.  .B",
            "x\u{b}y",
            "x\u{c}y\r\nz",
            "",
            " ",
        ] {
            assert_eq!(
                key(push_ascii_alias_key, name),
                key(push_any_alias_key, name),
                "{name:?}"
            );
        }
    }

    #[test]
    fn org_aliases_fold() {
        assert_eq!(canonical_org("U.N."), Some("United Nations"));
        assert_eq!(canonical_org("EU"), Some("European Union"));
        assert_eq!(canonical_org("E.U."), Some("European Union"));
        assert_eq!(
            canonical_org("North Atlantic Treaty Organisation"),
            Some("NATO")
        );
        assert_eq!(canonical_org("Gazprom"), None);
    }

    #[test]
    fn no_alias_is_on_two_lines() {
        for list in [PLACES, ORGS] {
            let mut seen = std::collections::HashMap::new();
            for line in list
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            {
                let canonical = line.split('|').next().unwrap_or_default().trim();
                for a in line.split('|') {
                    if let Some(other) = seen.insert(alias_key(a), canonical) {
                        assert_eq!(other, canonical, "{a} is on two lines");
                    }
                }
            }
        }
    }
}
