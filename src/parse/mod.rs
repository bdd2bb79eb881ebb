//! Parsing: the text of one file to an [`Article`].
//!
//! The layout is that of web pages printed to text (DESIGN.md, "Input formats"): a line that
//! starts with a space (or tab) starts a block, blank lines end paragraphs, other lines continue
//! the paragraph before them. The first block is the title; `Related article:` blocks are
//! related titles; `Original url:` starts the URL section. A plain layout (title line, blank
//! line, paragraphs) is the same format with nothing optional present. Pure: text in, values
//! out.

pub mod date;
mod hyphen;
pub mod urls;
mod vocab;

pub use vocab::Vocab;

use crate::article::Article;

/// Why a text holds no article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// The text is empty or only whitespace.
    #[error("no text (empty or only whitespace)")]
    Empty,
    /// The text has a URL section but nothing before it.
    #[error("no title: the text before `Original url:` is empty")]
    NoTitle,
}

const RELATED: &str = "related article:";
const ORIGINAL_URL: &str = "original url:";

/// Parses one article. `corpus` holds word counts of the collection it comes from (or is
/// empty): evidence for rejoining words broken across lines.
pub fn parse(text: &str, corpus: &Vocab) -> Result<Article, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    let Layout {
        main,
        blocks,
        urls,
        hyphenated,
    } = layout(text);
    // The article's own words are evidence only where a line ends in a hyphen.
    let mut local = Vocab::new();
    if hyphenated {
        local.add_text(main);
    }
    let mut blocks = blocks.into_iter();
    let title_lines = blocks.next().ok_or(ParseError::NoTitle)?;
    let mut title = String::with_capacity(title_lines.iter().map(|l| l.len() + 1).sum());
    hyphen::push_joined(&mut title, &title_lines, &local, corpus);
    // Paragraphs go straight into the body, `\n\n` apart; a related title is taken back out.
    let mut body = String::with_capacity(main.len());
    let mut first_paragraph = 0..0;
    let mut related_titles = Vec::new();
    for block in blocks {
        let before = body.len();
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        let start = body.len();
        hyphen::push_joined(&mut body, &block, &local, corpus);
        if let Some(rest) = strip_prefix_ci(&body[start..], RELATED) {
            let t = rest.trim();
            if !t.is_empty() {
                related_titles.push(t.to_owned());
            }
            body.truncate(before);
        } else if first_paragraph.is_empty() {
            first_paragraph = start..body.len();
        }
    }
    let urls = urls.unwrap_or_default();
    let mut date = urls.url.as_deref().and_then(date::date_from_url);
    if date.is_none() {
        date = date::date_from_top(&body[first_paragraph]).or_else(|| date::date_from_top(&title));
    }
    if title.is_empty() {
        return Err(ParseError::NoTitle);
    }
    Ok(Article {
        title,
        body,
        url: urls.url,
        date,
        related_urls: urls.related,
        related_titles,
    })
}

/// The layout of a text, found in one pass over its lines.
struct Layout<'a> {
    /// The text before `Original url:` (all of it when there is none).
    main: &'a str,
    /// The blocks of `main`, each a list of trimmed lines.
    blocks: Vec<Vec<&'a str>>,
    /// The URL section after `Original url:`.
    urls: Option<urls::UrlSection>,
    /// Whether a line of `main` ends in a hyphen.
    hyphenated: bool,
}

fn layout(text: &str) -> Layout<'_> {
    let mut blocks: Vec<Vec<&str>> = Vec::new();
    let mut open = false;
    let mut hyphenated = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if let Some(rest) = strip_prefix_ci(line.trim_start(), ORIGINAL_URL) {
            let section = urls::url_section(rest.trim(), text[offset..].lines());
            return Layout {
                main: &text[..start],
                blocks,
                urls: Some(section),
                hyphenated,
            };
        }
        let trimmed = line.trim();
        if trimmed.is_empty() {
            open = false;
            continue;
        }
        hyphenated |= trimmed.ends_with('-');
        let indented = line.starts_with([' ', '\t', '\u{a0}']);
        if open && !indented {
            if let Some(block) = blocks.last_mut() {
                block.push(trimmed);
            }
        } else {
            blocks.push(vec![trimmed]);
            open = true;
        }
    }
    Layout {
        main: text,
        blocks,
        urls: None,
        hyphenated,
    }
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const ARTICLE: &str = " Harbour talks resume in Brennhaven\n Foreign Minister Tomas Okafor said on\nMonday the gov-\nernment would reopen talks. The government\nwants a cross-\nborder deal, a cross-border one.\n Related article: Okafor's long road\n\nA second paragraph.\n\nOriginal url:\nhttps://www.northharbourherald.com/2021/02/04/harbour-talks-re\nsume-a12\n\nhttps://www.northharbourherald.com/2020/01/01/other\n";

    #[test]
    fn seed_layout() {
        let a = parse(ARTICLE, &Vocab::new()).unwrap();
        assert_eq!(a.title, "Harbour talks resume in Brennhaven");
        assert_eq!(
            a.body,
            "Foreign Minister Tomas Okafor said on Monday the government would reopen talks. The government wants a cross-border deal, a cross-border one.\n\nA second paragraph."
        );
        assert_eq!(
            a.url.as_deref(),
            Some("https://www.northharbourherald.com/2021/02/04/harbour-talks-resume-a12")
        );
        assert_eq!(a.date, Some(date!(2021 - 02 - 04)));
        assert_eq!(a.related_titles, ["Okafor's long road"]);
        assert_eq!(
            a.related_urls,
            ["https://www.northharbourherald.com/2020/01/01/other"]
        );
        assert_eq!(a.source().as_deref(), Some("northharbourherald.com"));
    }

    #[test]
    fn plain_layout_and_title_only() {
        let a = parse("A title\n\nFirst para.\n\nSecond para.\n", &Vocab::new()).unwrap();
        assert_eq!(
            (a.title.as_str(), a.body.as_str()),
            ("A title", "First para.\n\nSecond para.")
        );
        let t = parse("Only a title\n", &Vocab::new()).unwrap();
        assert_eq!(
            (t.title.as_str(), t.body.as_str(), t.url.is_none()),
            ("Only a title", "", true)
        );
    }

    #[test]
    fn empty_and_url_only_are_errors() {
        assert_eq!(parse(" \n\t\n", &Vocab::new()), Err(ParseError::Empty));
        assert_eq!(
            parse("Original url: https://a.com/x\n", &Vocab::new()),
            Err(ParseError::NoTitle)
        );
    }

    #[test]
    fn published_line_dates_the_article() {
        let a = parse(
            "Title\n\nPublished: 12 March 2023\n\nBody.\n",
            &Vocab::new(),
        )
        .unwrap();
        assert_eq!(a.date, Some(date!(2023 - 03 - 12)));
        assert_eq!(a.body, "Published: 12 March 2023\n\nBody.");
    }
}
