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
    let mut buf = [0u8; MAX_WORD];
    if word.is_ascii() && word.len() <= buf.len() {
        return ascii_key(word.as_bytes(), &mut buf);
    }
    xxhash_rust::xxh3::xxh3_64(word.to_lowercase().as_bytes())
}

/// The longest word counted, in bytes: longer ones are codes or junk.
const MAX_WORD: usize = 40;

/// The key of an ASCII word of at most [`MAX_WORD`] bytes, lower-cased into `buf`.
fn ascii_key(word: &[u8], buf: &mut [u8; MAX_WORD]) -> u64 {
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word);
    lower.make_ascii_lowercase();
    xxhash_rust::xxh3::xxh3_64(lower)
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
        for_each_key(text, |k| *self.counts.entry(k).or_insert(0) += 1);
    }

    /// The keys of the words of `text`, as [`Vocab::add_text`] would count them: computed
    /// in parallel, counted with [`Vocab::add_keys`].
    pub fn keys_of(text: &str) -> Vec<u64> {
        let mut out = Vec::with_capacity(text.len() / 6);
        for_each_key(text, |k| out.push(k));
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

/// Calls `f` with the key of every word of `text` (compounds whole and by part), except the
/// two fragments around each line-end hyphen, and words with digits.
fn for_each_key(text: &str, mut f: impl FnMut(u64)) {
    let mut skip_first = false;
    for line in text.lines() {
        // ASCII lines (nearly all) split on ASCII white space, and their words take the
        // one-pass count.
        skip_first = if line.is_ascii() {
            line_words(line.split_ascii_whitespace(), skip_first, |t| {
                count_ascii(t.as_bytes(), &mut f)
            })
        } else {
            line_words(line.split_whitespace(), skip_first, |t| {
                count_word(t, &mut f)
            })
        };
    }
}

/// Counts the tokens of one line with `count`; returns whether its last token is a broken
/// word.
fn line_words<'a>(
    tokens: impl Iterator<Item = &'a str>,
    skip_first: bool,
    mut count: impl FnMut(&str),
) -> bool {
    // Each token is held back until the next one shows it is not the line's last.
    let mut held: Option<&str> = None;
    let mut last: Option<&str> = None;
    for (i, tok) in tokens.enumerate() {
        if let Some(prev) = held.take() {
            count(prev);
        }
        if !(i == 0 && skip_first) {
            held = Some(tok);
        }
        last = Some(tok);
    }
    let broken = last.is_some_and(ends_with_break);
    if let Some(tok) = held.filter(|_| !broken) {
        count(tok);
    }
    broken
}

/// Counts one token: the word without surrounding punctuation, and each part of a hyphenated
/// compound. Numbers, codes and URLs never decide a line-end hyphen (a digit beside it keeps
/// it): counting them would only grow the vocabulary.
fn count_word(tok: &str, f: &mut impl FnMut(u64)) {
    if tok.is_ascii() {
        return count_ascii(tok.as_bytes(), f);
    }
    let word = trim_word(tok);
    if word.is_empty() || word.len() > MAX_WORD || word.bytes().any(|b| b.is_ascii_digit()) {
        return;
    }
    f(key(word));
    if word.contains('-') {
        for part in word.split('-').filter(|p| !p.is_empty()) {
            f(key(part));
        }
    }
}

/// [`count_word`] for an ASCII token, in one pass over its bytes and one lower-cased copy.
fn count_ascii(tok: &[u8], f: &mut impl FnMut(u64)) {
    let (mut start, mut end, mut hyphen) = (usize::MAX, 0, false);
    for (i, &b) in tok.iter().enumerate() {
        if b.is_ascii_digit() {
            return;
        }
        if b.is_ascii_alphabetic() {
            start = start.min(i);
            end = i + 1;
        } else if b == b'-' {
            hyphen = true;
        }
    }
    if start >= end || end - start > MAX_WORD {
        return;
    }
    let word = &tok[start..end];
    let mut buf = [0u8; MAX_WORD];
    f(ascii_key(word, &mut buf));
    // A hyphen outside the trimmed word is punctuation, and splits nothing.
    if hyphen && word.contains(&b'-') {
        let lower = &buf[..word.len()];
        for part in lower.split(|&b| b == b'-').filter(|p| !p.is_empty()) {
            f(xxhash_rust::xxh3::xxh3_64(part));
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
