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
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
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
}
