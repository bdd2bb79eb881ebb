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
        for word in self
            .title
            .split_whitespace()
            .chain(self.body.split_whitespace())
        {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        out
    }
}
