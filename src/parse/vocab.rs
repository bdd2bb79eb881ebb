//! Word counts that decide how a word broken across lines is rejoined.
//!
//! A [`Vocab`] counts the words of running text, lowercased, with hyphenated compounds counted
//! whole and by their parts. The two fragments around a line-end hyphen are never counted:
//! they are what the counts must decide. The parser builds one `Vocab` for each article (local
//! evidence) and the indexer one for the whole run (corpus evidence: every article, then past
//! [`COUNT_ALL_WORDS`] words a sample of them). Words are kept as 64-bit hashes of their
//! lower-case form: no allocation per word, 16 bytes per distinct word.

use rustc_hash::FxHashMap;

use crate::bytes::{load_le, lower_ascii, ALPHA, CLASS, DIGIT, HYPHEN};

/// Lowercased word counts.
#[derive(Debug, Default, Clone)]
pub struct Vocab {
    counts: FxHashMap<u64, u32>,
    /// Words counted so far.
    words: u64,
    /// Articles offered to [`Vocab::counts_next`] so far.
    offered: u64,
}

/// Words a corpus vocabulary counts from every article (about 17,000 news articles); past
/// them, it counts one article in [`SAMPLE_EVERY`]. The counts that decide line-end hyphens
/// have settled by then: what more articles bring is mostly new words, which a sample still
/// brings in. Counting every word of every article was about a twentieth of the CPU time of
/// indexing 181k articles, and its table grew with every new word. Sampling an 18k-article
/// corpus after its first 400k words changed one word in 5 of its articles; sampling the
/// ingest scorer's 3,000 articles after 70k words made one more of them right (2,998).
pub const COUNT_ALL_WORDS: u64 = 1 << 22;
/// One article in this many is counted once [`COUNT_ALL_WORDS`] words are.
pub const SAMPLE_EVERY: u64 = 8;

/// The key of `word`: the hash of its lower-case form, computed without allocating for
/// ASCII words.
fn key(word: &str) -> u64 {
    if word.is_ascii() {
        return lower_key(word.as_bytes());
    }
    lower_key(word.to_lowercase().as_bytes())
}

/// The longest word counted, in bytes: longer ones are codes or junk.
const MAX_WORD: usize = 40;

/// The hash of `bytes` with their ASCII capitals lower-cased (other bytes as they are), eight
/// bytes at a time: no copy of the word is made. Text that is already lower-case (as
/// `str::to_lowercase` gives) hashes as itself, so a word's key is the same whichever way it
/// was lower-cased.
fn lower_key(bytes: &[u8]) -> u64 {
    const SEED: u64 = 0x9E37_79B9_7F4A_7C15;
    const MUL: u64 = 0xD6E8_FEB8_6659_FD93;
    let mut h = fold(bytes.len() as u64 ^ SEED, MUL);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        h = fold(h ^ lower_ascii(load_le(chunk)), MUL);
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        h = fold(h ^ lower_ascii(load_le(tail)), MUL);
    }
    fold(h, SEED)
}

/// The 128-bit product of `a` and `b`, its halves xor-ed: each input bit reaches all output
/// bits.
#[inline]
fn fold(a: u64, b: u64) -> u64 {
    let p = u128::from(a) * u128::from(b);
    (p as u64) ^ ((p >> 64) as u64)
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
        for_each_key(text, |k| {
            *self.counts.entry(k).or_insert(0) += 1;
            self.words += 1;
        });
    }

    /// The keys of the words of `text`, as [`Vocab::add_text`] would count them: computed
    /// in parallel, counted with [`Vocab::add_keys`].
    pub fn keys_of(text: &str) -> Vec<u64> {
        let mut out = Vec::with_capacity(text.len() / 6);
        for_each_key(text, |k| out.push(k));
        out
    }

    /// Whether the corpus vocabulary counts the next article read: every one until it has
    /// `COUNT_ALL_WORDS` words (some 17,000 articles), then one in `SAMPLE_EVERY` (the same
    /// articles for the same files read in the same order).
    pub fn counts_next(&mut self) -> bool {
        self.counts_next_after(COUNT_ALL_WORDS)
    }

    /// [`Vocab::counts_next`] with sampling from `count_all` words on.
    fn counts_next_after(&mut self, count_all: u64) -> bool {
        let n = self.offered;
        self.offered += 1;
        self.words < count_all || n.is_multiple_of(SAMPLE_EVERY)
    }

    /// Counts words given by their keys (from [`Vocab::keys_of`]).
    pub fn add_keys(&mut self, keys: &[u64]) {
        self.words += keys.len() as u64;
        self.counts.reserve(keys.len() / 8);
        for k in keys {
            *self.counts.entry(*k).or_insert(0) += 1;
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

/// [`count_word`] for an ASCII token, with no copy of it.
fn count_ascii(tok: &[u8], f: &mut impl FnMut(u64)) {
    let classes = tok.iter().fold(0, |acc, &b| acc | CLASS[b as usize]);
    if classes & DIGIT != 0 {
        return;
    }
    let is_letter = |b: &u8| CLASS[*b as usize] & ALPHA != 0;
    let (Some(start), Some(last)) = (
        tok.iter().position(is_letter),
        tok.iter().rposition(is_letter),
    ) else {
        return;
    };
    let end = last + 1;
    if end - start > MAX_WORD {
        return;
    }
    let hyphen = classes & HYPHEN != 0;
    let word = &tok[start..end];
    f(lower_key(word));
    // A hyphen outside the trimmed word is punctuation, and splits nothing.
    if hyphen && word.contains(&b'-') {
        for part in word.split(|&b| b == b'-').filter(|p| !p.is_empty()) {
            f(lower_key(part));
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

    #[test]
    fn every_article_is_counted_until_the_threshold_then_one_in_eight() {
        let mut v = Vocab::new();
        let mut counted = Vec::new();
        for n in 0..40u64 {
            let take = v.counts_next_after(10);
            counted.push(take);
            if take {
                // Four words an article.
                v.add_keys(&[n, n + 1000, 7, 7]);
            }
        }
        // 10 words are reached after the third article; from the fourth on, articles 8, 16,
        // 24 and 32 are counted.
        let taken: Vec<usize> = (0..40).filter(|&i| counted[i]).collect();
        assert_eq!(taken, [0, 1, 2, 8, 16, 24, 32]);
        assert_eq!(v.counts[&7], 2 * taken.len() as u32);
        // `counts_next` samples from `COUNT_ALL_WORDS` words on.
        let mut v = Vocab {
            words: COUNT_ALL_WORDS - 1,
            offered: 1,
            ..Vocab::default()
        };
        assert!(v.counts_next());
        v.words = COUNT_ALL_WORDS;
        assert!(!v.counts_next());
    }

    #[test]
    fn keys_ignore_case_and_tell_words_apart() {
        assert_eq!(key("Government"), key("government"));
        assert_eq!(key("LONG-TERM"), key("long-term"));
        assert_eq!(key("Übermut"), key("übermut"));
        // The Kelvin sign lower-cases to an ASCII `k`: one word, however it was written.
        assert_eq!(key("\u{212A}ing"), key("king"));
        let words = [
            "",
            "a",
            "b",
            "ab",
            "ba",
            "a\0",
            "@",
            "`",
            "[",
            "{",
            "z",
            "{",
            "governments",
            "government",
            "governmental",
            "abcdefgh",
            "abcdefghi",
            "abcdefgh\0",
            "déjà",
            "deja",
        ];
        let mut keys: Vec<u64> = words.iter().map(|w| key(w)).collect();
        keys.sort_unstable();
        keys.dedup();
        // "{" is listed twice.
        assert_eq!(keys.len(), words.len() - 1);
    }
}
