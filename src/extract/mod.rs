//! Entity extraction: persons, organizations and locations in plain text.
//!
//! Input is text (`&str`); output is [`Mention`]s with byte offsets into that text, and, per
//! article, [`ArticleEntities`]: canonical names with mention counts. Pure functions: this
//! module never reads files and never touches the index.

use serde::Serialize;

mod aliases;
mod classify;
#[cfg(test)]
mod fixtures_test;
mod gazetteer;
mod resolve;
#[cfg(test)]
mod seed_test;
mod spans;
#[cfg(test)]
mod tests;

#[cfg(test)]
mod merge_tests {
    use super::merge_short_forms;

    #[test]
    fn short_forms_join_their_full_name() {
        let merged = merge_short_forms(vec![
            ("Elena van der Berg".into(), 2),
            ("Mara Lindqvist".into(), 1),
            ("Van der Berg".into(), 3),
        ]);
        assert_eq!(
            merged,
            [
                ("Elena van der Berg".to_string(), 5),
                ("Mara Lindqvist".to_string(), 1)
            ]
        );
    }
}
mod tokenize;
#[cfg(test)]
mod tokenize_reference_test;
#[cfg(test)]
mod tokenize_test;
mod variants;

pub use aliases::{canonical_org, canonical_place};
pub use variants::fold_name_token;

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organization: company, agency, party, team, ministry.
    Organization,
    /// A place: country, city, region, geographic feature.
    Location,
}

/// One mention of an entity in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention<'a> {
    /// What it is.
    pub kind: EntityKind,
    /// Byte offset of the first byte of the mention.
    pub start: usize,
    /// Byte offset one past the last byte of the mention.
    pub end: usize,
    /// The mention as written (`text[start..end]`).
    pub text: &'a str,
    /// The canonical name it refers to (titles and possessives stripped, short forms resolved).
    pub canonical: String,
}

/// The entities of one article: canonical names with how often each is mentioned.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ArticleEntities {
    /// Persons, in order of first mention.
    pub persons: Vec<(String, u32)>,
    /// Organizations, in order of first mention.
    pub organizations: Vec<(String, u32)>,
    /// Locations, in order of first mention.
    pub locations: Vec<(String, u32)>,
}

/// Finds the entity mentions in `text`, resolved against each other (a surname alone takes the
/// full name mentioned elsewhere in the same text). The lines of a hard-wrapped paragraph are
/// read as one.
pub fn extract(text: &str) -> Vec<Mention<'_>> {
    let mut toks = tokenize::tokenize(text);
    tokenize::unwrap_lines(text, &mut toks);
    mentions(text, toks)
}

/// The mentions in `text`, whose tokens are `toks`.
fn mentions<'a>(text: &'a str, toks: Vec<tokenize::Token<'a>>) -> Vec<Mention<'a>> {
    let doc = spans::Doc::new(toks);
    let mut buf = String::with_capacity(64);
    let found: Vec<_> = spans::find_spans(&doc)
        .into_iter()
        .map(|sp| {
            let g = if sp.caps {
                classify::Guess {
                    kind: None,
                    strength: classify::NONE,
                }
            } else {
                classify::classify(&doc, &sp, &mut buf)
            };
            (sp, g)
        })
        .collect();
    let mut mentions = resolve::resolve(text, &doc, &found);
    mentions.retain(|m| m.kind != EntityKind::Person || !is_name_of_heads(&m.canonical));
    mentions
}

/// A "person" made only of organisation heads and stopwords (`Corp`, `H.K. Dlrs`) is not
/// one, even when a head is also a surname somewhere (`Corp` is, in the Census list).
fn is_name_of_heads(name: &str) -> bool {
    let g = gazetteer::gazetteer();
    let mut buf = String::new();
    let one_word = name.split_whitespace().nth(1).is_none();
    name.split_whitespace().all(|w| {
        let f = g.word(w, &mut buf);
        // (`Hall` alone, after `Ms`, is a surname.)
        let head = f.has(gazetteer::Flags::ORG_HEAD | gazetteer::Flags::STOP)
            && !f.has(gazetteer::Flags::HEAD_SURNAME);
        let abbreviation = w.len() <= 4 && w.ends_with('.'); // `H.K.`
        (head && (one_word || !f.has(gazetteer::Flags::FIRST))) || abbreviation
    })
}

/// Whether `word` may be a surname: none of the lists knows it as anything else (an ordinary
/// word, a place, a country, the head of an organisation's name: `Aerospace`, `Brazil`).
pub(crate) fn may_be_surname(word: &str) -> bool {
    use gazetteer::Flags;
    let f = gazetteer::gazetteer().word(word, &mut String::new());
    f.0 & !(Flags::FIRST | Flags::SURNAME) == 0
}

/// The entities of an article from its title and body (never from related titles). The body's
/// paragraphs are unwrapped already: each is one line.
pub fn article_entities(title: &str, body: &str) -> ArticleEntities {
    let text = format!("{title}\n\n{body}");
    let mut out = ArticleEntities::default();
    for m in mentions(&text, tokenize::tokenize(&text)) {
        let list = match m.kind {
            EntityKind::Person => &mut out.persons,
            EntityKind::Organization => &mut out.organizations,
            EntityKind::Location => &mut out.locations,
        };
        match list.iter_mut().find(|(n, _)| *n == m.canonical) {
            Some((_, c)) => *c += 1,
            None => list.push((m.canonical, 1)),
        }
    }
    out.persons = merge_short_forms(out.persons);
    out
}

/// One canonical form per person: a name that is the end of a longer name in the same article,
/// in any case (`Van der Berg` at a sentence start, beside `Elena van der Berg`), is that
/// person; its mentions count for the full name.
fn merge_short_forms(persons: Vec<(String, u32)>) -> Vec<(String, u32)> {
    let lower: Vec<String> = persons.iter().map(|(n, _)| n.to_lowercase()).collect();
    let full_form = |i: usize| {
        (0..persons.len()).find(|&j| {
            j != i
                && lower[j].len() > lower[i].len()
                && lower[j].ends_with(&format!(" {}", lower[i]))
        })
    };
    let targets: Vec<Option<usize>> = (0..persons.len()).map(full_form).collect();
    let mut out: Vec<(String, u32)> = Vec::with_capacity(persons.len());
    let mut counts: Vec<u32> = persons.iter().map(|(_, c)| *c).collect();
    for (i, t) in targets.iter().enumerate() {
        if let Some(j) = *t {
            counts[j] += counts[i];
        }
    }
    for (i, (name, _)) in persons.into_iter().enumerate() {
        if targets[i].is_none() {
            out.push((name, counts[i]));
        }
    }
    out
}
