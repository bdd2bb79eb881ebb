//! Word counts that decide how a word broken across lines is rejoined.
//!
//! A [`Vocab`] counts the words of running text, lowercased, with hyphenated compounds counted
//! whole and by their parts. The two fragments around a line-end hyphen are never counted:
//! they are what the counts must decide. The parser builds one `Vocab` for each article (local
//! evidence) and the indexer one for the whole run (corpus evidence). Words are kept as 64-bit
//! hashes of their lower-case form: no allocation per word, 16 bytes per distinct word.

use rustc_hash::FxHashMap;

/// Lowercased word counts.
#[derive(Debug, Default, Clone)]
pub struct Vocab {
    counts: FxHashMap<u64, u32>,
}

/// The hash of `word` lower-cased, computed without allocating for ASCII words.
fn key(word: &str) -> u64 {
    let mut buf = [0u8; 64];
    if word.is_ascii() && word.len() <= buf.len() {
        let bytes = &mut buf[..word.len()];
        bytes.copy_from_slice(word.as_bytes());
        bytes.make_ascii_lowercase();
        return xxhash_rust::xxh3::xxh3_64(bytes);
    }
    xxhash_rust::xxh3::xxh3_64(word.to_lowercase().as_bytes())
}

impl Vocab {
    /// An empty vocabulary.
    pub fn new() -> Self {
        Self::default()
    }

    /// How often `word` was seen, in any case.
    pub fn count(&self, word: &str) -> u32 {
        self.counts.get(&key(word)).copied().unwrap_or(0)
    }

    /// The number of distinct words.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// Whether no word was counted.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Counts the words of `text`, skipping the fragments of words broken at a line end.
    pub fn add_text(&mut self, text: &str) {
        for_each_word(text, |w| *self.counts.entry(key(w)).or_insert(0) += 1);
    }

    /// The keys of the words of `text`, as [`Vocab::add_text`] would count them: computed
    /// in parallel, counted with [`Vocab::add_keys`].
    pub fn keys_of(text: &str) -> Vec<u64> {
        let mut out = Vec::with_capacity(text.len() / 6);
        for_each_word(text, |w| out.push(key(w)));
        out
    }

    /// Counts words given by their keys (from [`Vocab::keys_of`]).
    pub fn add_keys(&mut self, keys: &[u64]) {
        self.counts.reserve(keys.len() / 8);
        for k in keys {
            *self.counts.entry(*k).or_insert(0) += 1;
        }
    }

    /// Adds all counts of `other`.
    pub fn merge(&mut self, other: Vocab) {
        if self.counts.is_empty() {
            self.counts = other.counts;
            return;
        }
        for (w, c) in other.counts {
            *self.counts.entry(w).or_insert(0) += c;
        }
    }
}

/// Calls `f` with every word of `text` (compounds whole and by part), except the two
/// fragments around each line-end hyphen, and words with digits.
pub(crate) fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut skip_first = false;
    for line in text.lines() {
        // ASCII lines (nearly all) split on ASCII white space, which is cheaper.
        skip_first = if line.is_ascii() {
            line_words(line.split_ascii_whitespace(), skip_first, &mut f)
        } else {
            line_words(line.split_whitespace(), skip_first, &mut f)
        };
    }
}

/// The words of one line's tokens; returns whether its last token is a broken word.
fn line_words<'a>(
    tokens: impl Iterator<Item = &'a str>,
    skip_first: bool,
    f: &mut impl FnMut(&str),
) -> bool {
    // Each token is held back until the next one shows it is not the line's last.
    let mut held: Option<&str> = None;
    let mut last: Option<&str> = None;
    for (i, tok) in tokens.enumerate() {
        if let Some(prev) = held.take() {
            count_word(prev, f);
        }
        if !(i == 0 && skip_first) {
            held = Some(tok);
        }
        last = Some(tok);
    }
    let broken = last.is_some_and(ends_with_break);
    if let Some(tok) = held.filter(|_| !broken) {
        count_word(tok, f);
    }
    broken
}

fn count_word(tok: &str, f: &mut impl FnMut(&str)) {
    let word = trim_word(tok);
    // Numbers, codes and URLs never decide a line-end hyphen (a digit beside it keeps it):
    // counting them would only grow the vocabulary.
    if word.is_empty() || word.len() > 40 || word.bytes().any(|b| b.is_ascii_digit()) {
        return;
    }
    f(word);
    if word.contains('-') {
        for part in word.split('-').filter(|p| !p.is_empty()) {
            f(part);
        }
    }
}

/// A token that ends a line with a hyphen after a letter: a possible broken word.
pub(crate) fn ends_with_break(tok: &str) -> bool {
    let mut rev = tok.chars().rev();
    rev.next() == Some('-') && rev.next().is_some_and(char::is_alphabetic)
}

/// The token without leading and trailing punctuation (internal hyphens and apostrophes kept).
pub(crate) fn trim_word(tok: &str) -> &str {
    if tok.is_ascii() {
        // ASCII bytes are whole characters: slicing between them is slicing between chars.
        let bytes = tok.as_bytes();
        let start = bytes.iter().position(u8::is_ascii_alphanumeric);
        let end = bytes.iter().rposition(u8::is_ascii_alphanumeric);
        return match (start, end) {
            (Some(s), Some(e)) => &tok[s..=e],
            _ => "",
        };
    }
    tok.trim_matches(|c: char| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_and_compound_parts_but_not_break_fragments() {
        let mut v = Vocab::new();
        v.add_text("The long-term gov-\nernment plan, the Plan.");
        assert_eq!(v.count("the"), 2);
        assert_eq!(v.count("plan"), 2);
        assert_eq!(v.count("long-term"), 1);
        assert_eq!(v.count("term"), 1);
        assert_eq!(v.count("gov"), 0);
        assert_eq!(v.count("ernment"), 0);
    }

    #[test]
    fn a_line_that_is_one_broken_fragment_passes_the_break_on() {
        let mut v = Vocab::new();
        v.add_text("gov-\nern-\nment\nnext, line\n« Übermut » déjà-vu");
        for skipped in ["gov", "ern", "ment"] {
            assert_eq!(v.count(skipped), 0, "{skipped}");
        }
        assert_eq!(v.count("next"), 1);
        assert_eq!(v.count("line"), 1);
        assert_eq!(v.count("übermut"), 1);
        assert_eq!(v.count("déjà-vu"), 1);
        assert_eq!(v.count("vu"), 1);
    }
}
