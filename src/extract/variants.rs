//! Name-variant folding: transliteration variants of one name get one matching key.
//!
//! Input is one lowercased, ASCII-folded name token (`sergey`); output is the key it is
//! matched by (`sergei`), so that `Sergey Lavrov` and `Sergei Lavrov`, or `Zelenskiy` and
//! `Zelensky`, find each other. The key is for matching only: canonical names shown to users are
//! never rewritten. First a hand-written table (`data/entities/name_variants.txt`, one group a
//! line, the first entry the key), then two mild spelling rules for words that are neither in
//! the table nor a US Census first name or surname (so no two census names ever merge through
//! a rule): a final `-iy`/`-yy` becomes `-y` (`navalnyy`), a final `-ey` becomes `-ei`
//! (`timofey`). One hash lookup in the common case; it allocates only when a rule fires.

use super::gazetteer::{gazetteer, Flags};
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../../data/entities/name_variants.txt");

/// Shortest word a spelling rule may change.
const MIN_RULE_LEN: usize = 5;

fn table() -> &'static HashMap<&'static str, &'static str> {
    static T: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    T.get_or_init(|| {
        let mut map = HashMap::default();
        for line in TABLE.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut words = line.split_whitespace();
            let Some(key) = words.next() else { continue };
            map.insert(key, key);
            for w in words {
                map.entry(w).or_insert(key);
            }
        }
        map
    })
}

/// The matching key of one lowercased, ASCII-folded name token: `sergey` -> `sergei`,
/// `muhammad` -> `mohammed`, `zelenskyy` -> `zelensky`; any other word is returned as is.
pub fn fold_name_token(token: &str) -> Cow<'_, str> {
    let t = table();
    if let Some(&key) = t.get(token) {
        return Cow::Borrowed(key);
    }
    if token.len() < MIN_RULE_LEN || !token.is_ascii() {
        return Cow::Borrowed(token);
    }
    let stem = &token[..token.len() - 2];
    let folded = match &token[token.len() - 2..] {
        "iy" | "yy" => format!("{stem}y"),
        "ey" => format!("{stem}ei"),
        _ => return Cow::Borrowed(token),
    };
    if gazetteer().get(token).has(Flags::FIRST | Flags::SURNAME) {
        return Cow::Borrowed(token);
    }
    match t.get(folded.as_str()) {
        Some(&key) => Cow::Borrowed(key),
        None => Cow::Owned(folded),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(words: &[&str]) {
        let key = fold_name_token(words[0]);
        for w in words {
            assert_eq!(fold_name_token(w), key, "{w} vs {}", words[0]);
        }
    }

    #[test]
    fn table_groups_fold_together() {
        same(&["sergei", "sergey"]);
        same(&["alexei", "aleksei", "alexey", "aleksey"]);
        same(&["mohammed", "muhammad", "mohamed", "muhammed", "mohammad"]);
        same(&["yuri", "yury", "iouri"]);
        same(&["dmitry", "dmitri"]);
        same(&["andrei", "andrey"]);
        same(&["nikolai", "nikolay"]);
        same(&["mikhail", "michail"]);
        same(&["yevgeny", "evgeny", "evgeniy"]);
        same(&["aleksandr", "alexander"]);
        same(&["tatiana", "tatyana"]);
        same(&["natalia", "natalya"]);
        same(&["qaddafi", "gaddafi", "kadhafi", "gadhafi"]);
        same(&["hussein", "husein"]);
        same(&["osama", "usama"]);
        same(&["abdullah", "abdallah"]);
        same(&["ahmed", "ahmad"]);
        same(&["mahmoud", "mahmud"]);
        same(&["khalid", "khaled"]);
        same(&["zelensky", "zelenskyy", "zelenskiy"]);
        assert_eq!(fold_name_token("sergey"), "sergei");
        assert_eq!(fold_name_token("vladimir"), "vladimir");
        assert_eq!(fold_name_token("olga"), "olga");
    }

    #[test]
    fn rules_fold_endings_of_unlisted_words() {
        same(&["navalny", "navalnyy", "navalniy"]);
        same(&["timofei", "timofey"]);
        same(&["shevchenkiy", "shevchenky"]);
        // Census names are never changed by a rule.
        for w in ["stanley", "harvey", "massey", "casey", "jeffrey", "rodney"] {
            assert_eq!(fold_name_token(w), w);
        }
        assert!(matches!(fold_name_token("lavrov"), Cow::Borrowed(_)));
        assert_eq!(fold_name_token("li"), "li");
        assert_eq!(fold_name_token("josé"), "josé");
    }

    #[test]
    fn every_table_word_is_in_one_group() {
        let mut seen = std::collections::HashMap::new();
        for line in TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let key = line.split_whitespace().next().unwrap_or_default();
            for w in line.split_whitespace() {
                if let Some(other) = seen.insert(w, key) {
                    assert_eq!(other, key, "{w} is in two groups");
                }
                assert_eq!(w, w.to_lowercase(), "{w} must be lowercase");
            }
        }
    }
}
