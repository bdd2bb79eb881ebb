//! The `Article` type: what the parser makes of one file, before entities and indexing.

use time::Date;

use crate::bytes::{load_le, HIGH, ONES};
use crate::chars::char_at;

/// One news article, parsed and normalized, before entity extraction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    /// The title line, whitespace-normalized.
    pub title: String,
    /// Body paragraphs joined with `\n\n`: hard wraps, split words and layout removed.
    pub body: String,
    /// The article's own URL, rejoined if it was wrapped.
    pub url: Option<String>,
    /// Publication date, from the URL path or a dated line at the top of the text.
    pub date: Option<Date>,
    /// The other URLs listed after the article URL.
    pub related_urls: Vec<String>,
    /// The titles of `Related article:` blocks.
    pub related_titles: Vec<String>,
}

impl Article {
    /// The host of the article URL without `www.`, e.g. `themoscowtimes.com`.
    pub fn source(&self) -> Option<String> {
        self.url.as_deref().and_then(crate::parse::urls::source_of)
    }

    /// Title and body with whitespace collapsed (case kept): two files whose normalized text is
    /// the same hold the same article.
    pub fn normalized_text(&self) -> String {
        let mut out = String::with_capacity(self.title.len() + self.body.len() + 1);
        push_words(&mut out, &self.title);
        push_words(&mut out, &self.body);
        out
    }

    /// The hash of [`Article::normalized_text`]: what makes two files one article.
    pub fn content_hash(&self) -> u64 {
        // The runs of words are fed to the hasher as they are (a parsed paragraph is one run),
        // without building the normalized text.
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        let mut first = true;
        for text in [&self.title, &self.body] {
            for_each_run(text, |run| {
                if !std::mem::take(&mut first) {
                    hasher.update(b" ");
                }
                hasher.update(run.as_bytes());
            });
        }
        hasher.digest()
    }
}

/// Appends the words of `text` to `out`, one space between words (and before the first, when
/// `out` is not empty): white space collapsed.
pub(crate) fn push_words(out: &mut String, text: &str) {
    push_runs(out, text, !out.is_empty());
}

/// Appends the words of `text` to `out` one space apart (white space collapsed), with no space
/// before the first.
pub(crate) fn push_collapsed(out: &mut String, text: &str) {
    push_runs(out, text, false);
}

/// Appends the runs of words of `text` one space apart, and one space before the first when
/// `space` is set.
fn push_runs(out: &mut String, text: &str, mut space: bool) {
    for_each_run(text, |run| {
        if space {
            out.push(' ');
        }
        space = true;
        out.push_str(run);
    });
}

/// Calls `f` with each run of words of `text` that are already one space apart, in order: the
/// runs joined by single spaces are the words of `text` with white space collapsed. A parsed
/// paragraph is one run, so collapsing it is one copy rather than one for each word.
fn for_each_run(text: &str, mut f: impl FnMut(&str)) {
    let n = text.len();
    let mut i = 0;
    loop {
        while i < n {
            match white_at(text, i) {
                0 => break,
                w => i += w,
            }
        }
        if i == n {
            return;
        }
        let start = i;
        i = run_end(text, i);
        f(&text[start..i]);
    }
}

/// The width of the white-space character (as `char::is_whitespace` says) at byte `i` of
/// `text`, or 0 when that character is not white space.
fn white_at(text: &str, i: usize) -> usize {
    char_at(text, i)
        .filter(|c| c.is_whitespace())
        .map_or(0, char::len_utf8)
}

/// Where the run of single-spaced words starting at byte `i` (not white space) ends.
fn run_end(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    let n = bytes.len();
    loop {
        i = plain_end(bytes, i);
        if i == n {
            return n;
        }
        match white_at(text, i) {
            0 => i += char_at(text, i).map_or(1, char::len_utf8),
            1 if bytes[i] == b' ' && i + 1 < n && white_at(text, i + 1) == 0 => i += 1,
            _ => return i,
        }
    }
}

/// The first offset from `i` that needs a closer look: a control byte, white space or a
/// non-ASCII byte, except a plain space between two printable ASCII bytes (`a b`). Eight
/// bytes at a time, then byte by byte near the end.
fn plain_end(bytes: &[u8], mut i: usize) -> usize {
    const LOW: u64 = !HIGH;
    // Each byte's high bit: the byte is at most b' ' or not ASCII.
    let special = |x: u64| HIGH & (x | !((x & LOW) + ONES * (0x80 - 0x21)));
    // Each byte's high bit: the byte is b' ' (exactly: no carry crosses a byte).
    let space = |x: u64| {
        let t = x ^ (ONES * u64::from(b' '));
        !(((t & LOW) + LOW) | t) & HIGH
    };
    while i + 9 <= bytes.len() {
        let (here, next) = (load_le(&bytes[i..i + 8]), load_le(&bytes[i + 1..i + 9]));
        let stop = special(here) & !(space(here) & !special(next));
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + bytes[i..]
        .iter()
        .position(|&b| b <= b' ' || !b.is_ascii())
        .unwrap_or(bytes.len() - i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalized_text_collapses_white_space() {
        let a = Article {
            title: " A  title ".into(),
            body: "First\tpara.\n\nSecond   para.".into(),
            ..Article::default()
        };
        assert_eq!(a.normalized_text(), "A title First para. Second para.");
    }

    #[test]
    fn runs_collapse_and_hash_as_split_whitespace_does() {
        let texts = [
            "\u{a0}nbsp\u{a0}\u{a0}and\u{3000}ideographic \u{2028} line",
            "caf\u{e9} cr\u{e8}me  br\u{fb}l\u{e9}e \u{85}next",
            "\u{e9} \u{e9}",
            "",
            " ",
            "one",
            " one  two\tthree\n\nfour \u{b}five\u{c}six\r\nseven ",
            "a b c",
            "  a  b  ",
            "x \ty",
            "end with space ",
            "\x1f not white\x1c",
        ];
        // Besides these, every string of up to five characters from a small alphabet.
        let alphabet = ['a', ' ', '\t', '\u{e9}', '\u{a0}', '\n'];
        let mut all: Vec<String> = texts.iter().map(|t| t.to_string()).collect();
        for len in 1..=5u32 {
            for mut n in 0..alphabet.len().pow(len) {
                let mut t = String::new();
                for _ in 0..len {
                    t.push(alphabet[n % alphabet.len()]);
                    n /= alphabet.len();
                }
                all.push(t);
            }
        }
        // And longer ones, which take the eight-bytes-at-a-time scan: fixed pseudo-random
        // strings, mostly plain letters and single spaces as in prose (so that long plain
        // stretches occur), with every kind of byte the scan must stop at mixed in.
        let mut wide = vec!['a'; 12];
        wide.extend([' '; 5]);
        wide.extend([
            'Z', '~', '\x7f', '\t', '\n', '\r', '\x1f', '\u{e9}', '\u{a0}', '\u{3000}',
        ]);
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let len = 9 + (next() % 40) as usize;
            let t: String = (0..len)
                .map(|_| wide[(next() % wide.len() as u64) as usize])
                .collect();
            all.push(t);
        }
        for prefix in ["", "before"] {
            for t in &all {
                let mut fast = prefix.to_string();
                push_words(&mut fast, t);
                let mut slow = prefix.to_string();
                for w in t.split_whitespace() {
                    if !slow.is_empty() {
                        slow.push(' ');
                    }
                    slow.push_str(w);
                }
                assert_eq!(fast, slow, "{t:?} after {prefix:?}");
                let a = Article {
                    title: prefix.into(),
                    body: t.clone(),
                    ..Article::default()
                };
                let whole = xxhash_rust::xxh3::xxh3_64(a.normalized_text().as_bytes());
                assert_eq!(a.content_hash(), whole, "{t:?} after {prefix:?}");
            }
        }
    }
}
