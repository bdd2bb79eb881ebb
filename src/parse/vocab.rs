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
        // ASCII lines (nearly all) split on ASCII white space, in one pass over their bytes.
        skip_first = if line.is_ascii() {
            ascii_line(line.as_bytes(), skip_first, &mut f)
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

/// [`count_word`] for an ASCII token.
fn count_ascii(tok: &[u8], f: &mut impl FnMut(u64)) {
    let (scan, _) = AsciiToken::scan(tok, 0);
    scan.count(tok, f);
}

/// Byte classes of ASCII text, for the one-pass count.
const WHITE: u8 = 0;
const LETTER: u8 = 1;
const DIGIT: u8 = 2;
const HYPHEN: u8 = 3;
const OTHER: u8 = 4;

/// The class of each ASCII byte; white space is `u8::is_ascii_whitespace`'s, as
/// `split_ascii_whitespace` splits.
const CLASS: [u8; 128] = {
    let mut t = [OTHER; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'\t' | b'\n' | 0x0c | b'\r' | b' ' => WHITE,
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            b'0'..=b'9' => DIGIT,
            b'-' => HYPHEN,
            _ => OTHER,
        };
        b += 1;
    }
    t
};

/// What one scan of an ASCII token found: its bounds, where its letters start and end
/// (the word without surrounding punctuation), and whether it has digits or hyphens.
#[derive(Clone, Copy)]
struct AsciiToken {
    start: usize,
    end: usize,
    first_letter: usize,
    after_letter: usize,
    digit: bool,
    hyphen: bool,
}

impl AsciiToken {
    /// Scans the token of `bytes` (ASCII) starting at `start` (not white space), up to the
    /// next white space or the end.
    fn scan(bytes: &[u8], start: usize) -> (Self, usize) {
        let mut t = AsciiToken {
            start,
            end: start,
            first_letter: usize::MAX,
            after_letter: 0,
            digit: false,
            hyphen: false,
        };
        let mut i = start;
        while let Some(&b) = bytes.get(i) {
            match CLASS[usize::from(b & 0x7f)] {
                WHITE => break,
                LETTER => {
                    t.first_letter = t.first_letter.min(i);
                    t.after_letter = i + 1;
                }
                DIGIT => t.digit = true,
                HYPHEN => t.hyphen = true,
                _ => {}
            }
            i += 1;
        }
        t.end = i;
        (t, i)
    }

    /// Whether the token ends in a hyphen after a letter: a possible broken word.
    fn broken(&self, bytes: &[u8]) -> bool {
        let tok = &bytes[self.start..self.end];
        tok.len() >= 2 && tok[tok.len() - 1] == b'-' && tok[tok.len() - 2].is_ascii_alphabetic()
    }

    /// Counts the token as [`count_word`] does: its word, lower-cased, and the parts of a
    /// compound, from one lower-cased copy.
    fn count(&self, bytes: &[u8], f: &mut impl FnMut(u64)) {
        if self.digit
            || self.first_letter >= self.after_letter
            || self.after_letter - self.first_letter > MAX_WORD
        {
            return;
        }
        let word = &bytes[self.first_letter..self.after_letter];
        let mut buf = [0u8; MAX_WORD];
        f(ascii_key(word, &mut buf));
        // A hyphen outside the trimmed word is punctuation, and splits nothing.
        if self.hyphen && word.contains(&b'-') {
            let lower = &buf[..word.len()];
            for part in lower.split(|&b| b == b'-').filter(|p| !p.is_empty()) {
                f(xxhash_rust::xxh3::xxh3_64(part));
            }
        }
    }
}

/// [`line_words`] with [`count_word`] for an ASCII line, scanning each byte once; returns
/// whether its last token is a broken word.
fn ascii_line(line: &[u8], skip_first: bool, f: &mut impl FnMut(u64)) -> bool {
    // Each token is held back until the next one shows it is not the line's last.
    let mut held: Option<AsciiToken> = None;
    let mut last: Option<AsciiToken> = None;
    let mut i = 0;
    while i < line.len() {
        if CLASS[usize::from(line[i] & 0x7f)] == WHITE {
            i += 1;
            continue;
        }
        let (tok, next) = AsciiToken::scan(line, i);
        i = next;
        if let Some(prev) = held.take() {
            prev.count(line, f);
        }
        if !(last.is_none() && skip_first) {
            held = Some(tok);
        }
        last = Some(tok);
    }
    let broken = last.is_some_and(|t| t.broken(line));
    if let Some(tok) = held.filter(|_| !broken) {
        tok.count(line, f);
    }
    broken
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

    /// The keys as the plain definition gives them: tokens split on ASCII white space (the
    /// lines here are ASCII), trimmed, without digits, whole and by hyphenated part.
    fn reference_keys(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        let mut skip_first = false;
        for line in text.lines() {
            skip_first = line_words(line.split_ascii_whitespace(), skip_first, |tok| {
                let word = trim_word(tok);
                if word.is_empty()
                    || word.len() > MAX_WORD
                    || word.bytes().any(|b| b.is_ascii_digit())
                {
                    return;
                }
                out.push(key(word));
                if word.contains('-') {
                    out.extend(word.split('-').filter(|p| !p.is_empty()).map(key));
                }
            });
        }
        out
    }

    #[test]
    fn the_one_pass_count_of_ascii_lines_follows_the_definition() {
        let alphabet = ['a', 'B', '-', '.', ' ', '\n', '1', '\'', '\t', '\u{b}'];
        let mut texts: Vec<String> = vec![
            "The long-term gov-\nernment plan-\n- and\n-x- a-b-c -a- b2b x-\n".into(),
            "a".repeat(40),
            "a".repeat(41),
            format!("({}-{})", "a".repeat(20), "b".repeat(19)),
        ];
        for len in 1..=5u32 {
            for mut n in 0..alphabet.len().pow(len) {
                let mut t = String::new();
                for _ in 0..len {
                    t.push(alphabet[n % alphabet.len()]);
                    n /= alphabet.len();
                }
                texts.push(t);
            }
        }
        for t in &texts {
            assert_eq!(Vocab::keys_of(t), reference_keys(t), "{t:?}");
        }
    }

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
