//! The `Article` type: what the parser makes of one file, before entities and indexing.

use time::Date;

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
        // Hashing the text in one piece is cheaper than feeding a streaming hasher word by word.
        xxhash_rust::xxh3::xxh3_64(self.normalized_text().as_bytes())
    }
}

/// Appends the words of `text` to `out`, one space between words (and before the first, when
/// `out` is not empty): white space collapsed.
pub(crate) fn push_words(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    // Whether the character at `i` is white space (as `char::is_whitespace` says), and its
    // width; ASCII bytes, nearly all of news text, are told without decoding.
    let at = |i: usize| -> (bool, usize) {
        let b = bytes[i];
        if b.is_ascii() {
            return (matches!(b, b'\t'..=b'\r' | b' '), 1);
        }
        text[i..]
            .chars()
            .next()
            .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8()))
    };
    let mut i = 0;
    loop {
        while i < n {
            match at(i) {
                (true, w) => i += w,
                (false, _) => break,
            }
        }
        if i == n {
            return;
        }
        // Words already one space apart are copied as one run: a paragraph is a few copies
        // rather than one for each word.
        let start = i;
        loop {
            while i < n {
                match at(i) {
                    (false, w) => i += w,
                    (true, _) => break,
                }
            }
            if i + 1 < n && bytes[i] == b' ' && !at(i + 1).0 {
                i += 1;
            } else {
                break;
            }
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&text[start..i]);
    }
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
    fn runs_collapse_as_split_whitespace_does() {
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
            }
        }
    }
}
