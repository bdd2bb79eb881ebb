//! Query translation, second half: a [`Clause`] tree and [`Filters`] to a tantivy query, and
//! the terms a snippet should highlight.
//!
//! Words are analyzed like the fields they search, so a word that analyzes to several tokens
//! (`U.S.`, `O'Brien`, `Trump's`) is a phrase. Unqualified words search the title (boosted)
//! and the body; entity fields match names by word or phrase; filters are constant-score so
//! they narrow without changing the ranking.

use std::collections::BTreeSet;
use std::ops::Bound;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, FuzzyTermQuery, Occur,
    PhraseQuery, Query, RangeQuery, RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};
use time::{Date, Duration};

use super::filters::{parse_period, Filters};
use super::{Clause, FieldName, Match, Node, Occurrence};
use crate::analyzers::{name_analyzer, news_analyzer, stopword_analyzer, terms as analyze};
use crate::error::{Error, Result};
use crate::extract::{canonical_org, canonical_place};
use crate::index::document::{date_to_tantivy, url_key, Id};
use crate::index::files::not_duplicate_clause;
use crate::schema::Fields;

/// Weight of the title's BM25 score beside the body's. News titles are nearly always
/// repeated in the lede, so a title match is a bonus on top of the body's score rather than a
/// second full vote (measured on Cranfield: 0.5 → nDCG@10 0.360, 1.0 → 0.352, 2.0 → 0.327).
pub const TITLE_BOOST: f32 = 0.5;

/// What the snippet highlighter looks for, in analyzed (stemmed) form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlights {
    /// Single terms.
    pub terms: BTreeSet<String>,
    /// Prefixes of terms.
    pub prefixes: BTreeSet<String>,
    /// Terms matched within an edit distance.
    pub fuzzy: BTreeSet<(String, u8)>,
    /// Sequences of terms, highlighted whole.
    pub phrases: BTreeSet<Vec<String>>,
}

/// A tantivy query and its highlights.
pub struct Built {
    /// The query to run.
    pub query: Box<dyn Query>,
    /// What to highlight in snippets.
    pub highlights: Highlights,
    /// Whether the user typed a query that ranks (not only filters or exclusions).
    pub ranked: bool,
    /// Whether the query is a plain union of single terms. tantivy finds its top hits with
    /// block-max WAND, skipping postings blocks that cannot reach the top k, so its total is
    /// better counted in a separate pass that does not score.
    pub term_union: bool,
}

/// Builds the query of `clauses` narrowed by `filters`.
pub fn build(
    clauses: &[Clause],
    filters: &Filters,
    fields: &Fields,
    searcher: &Searcher,
) -> Result<Built> {
    let mut b = Builder {
        f: *fields,
        searcher,
        news: news_analyzer(),
        names: name_analyzer(),
        stop: stopword_analyzer(),
        keep_stopwords: false,
        highlights: Highlights::default(),
        matches_all: false,
        term_union: true,
    };
    // A query of nothing but stopwords (`the who`) searches for them after all.
    b.keep_stopwords = !clauses.iter().any(|c| b.is_content_word(c));
    let ranked = clauses.iter().any(|c| c.occur != Occurrence::MustNot);
    let text_query = b.boolean(clauses)?;
    let mut parts: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query)];
    // Duplicate files' records hold no text, dates or names: only a query that matches every
    // document can reach them.
    if b.matches_all {
        parts.push((Occur::MustNot, not_duplicate_clause(fields)));
    }
    for filter in b.filters(filters)? {
        parts.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
    }
    let query: Box<dyn Query> = match parts.len() {
        1 => parts
            .pop()
            .map_or_else(|| Box::new(EmptyQuery) as _, |(_, q)| q),
        _ => Box::new(BooleanQuery::new(parts)),
    };
    Ok(Built {
        query,
        highlights: b.highlights,
        ranked,
        term_union: b.term_union && filters.is_empty(),
    })
}

struct Builder<'a> {
    f: Fields,
    searcher: &'a Searcher,
    news: TextAnalyzer,
    names: TextAnalyzer,
    stop: TextAnalyzer,
    keep_stopwords: bool,
    highlights: Highlights,
    /// An `AllQuery` is part of the query.
    matches_all: bool,
    /// Every clause so far is an optional single word in the title and body (an `AllQuery`
    /// clears it).
    term_union: bool,
}

fn or(queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    match queries.len() {
        0 => Box::new(EmptyQuery),
        1 => queries
            .into_iter()
            .next()
            .unwrap_or_else(|| Box::new(EmptyQuery)),
        _ => Box::new(BooleanQuery::new(
            queries.into_iter().map(|q| (Occur::Should, q)).collect(),
        )),
    }
}

fn terms_query(field: Field, tokens: &[String]) -> Option<Box<dyn Query>> {
    let terms: Vec<Term> = tokens
        .iter()
        .map(|t| Term::from_field_text(field, t))
        .collect();
    match terms.len() {
        0 => None,
        1 => Some(Box::new(TermQuery::new(
            terms[0].clone(),
            IndexRecordOption::WithFreqs,
        ))),
        _ => Some(Box::new(PhraseQuery::new(terms))),
    }
}

impl Builder<'_> {
    /// Whether an optional free-text clause has a word that is not a stopword.
    fn is_content_word(&mut self, c: &Clause) -> bool {
        match &c.node {
            Node::Word {
                field: None,
                text,
                how: Match::Exact,
            } if c.occur == Occurrence::Should => !analyze(&mut self.stop, text).is_empty(),
            _ => true,
        }
    }

    /// The query of `clauses`. An optional clause's alternatives (a word in the title or the
    /// body) join the clause list itself rather than nesting: the scores are the same sums,
    /// and a flat union of terms is what block-max WAND can prune.
    fn boolean(&mut self, clauses: &[Clause]) -> Result<Box<dyn Query>> {
        let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for c in clauses {
            if c.occur != Occurrence::Should {
                self.term_union = false;
            }
            let Some(alternatives) = self.node(&c.node, c.occur != Occurrence::MustNot)? else {
                continue;
            };
            match c.occur {
                Occurrence::Should => {
                    parts.extend(alternatives.into_iter().map(|q| (Occur::Should, q)));
                }
                Occurrence::Must => parts.push((Occur::Must, or(alternatives))),
                Occurrence::MustNot => parts.push((Occur::MustNot, or(alternatives))),
            }
        }
        if parts.is_empty() {
            return Ok(self.all());
        }
        if parts.iter().all(|(o, _)| *o == Occur::MustNot) {
            parts.push((Occur::Must, self.all()));
        }
        if parts.len() == 1 && parts[0].0 != Occur::MustNot {
            return Ok(parts.pop().map_or_else(|| self.all(), |(_, q)| q));
        }
        Ok(Box::new(BooleanQuery::new(parts)))
    }

    fn all(&mut self) -> Box<dyn Query> {
        self.matches_all = true;
        self.term_union = false;
        Box::new(AllQuery)
    }

    /// The queries of one node, any of which may match; `None` when it analyzes to nothing
    /// (punctuation).
    fn node(&mut self, node: &Node, highlight: bool) -> Result<Option<Vec<Box<dyn Query>>>> {
        match node {
            Node::Group(inner) => {
                self.term_union = false;
                Ok(Some(vec![self.boolean(inner)?]))
            }
            Node::Url(url) => {
                self.term_union = false;
                Ok(Some(vec![self.url_query(url)]))
            }
            Node::Phrase { field, text } => self.word(*field, text, Match::Exact, true, highlight),
            Node::Word { field, text, how } => self.word(*field, text, *how, false, highlight),
        }
    }

    fn url_query(&self, url: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Id(url_key(url)).term(self.f.id),
            IndexRecordOption::Basic,
        ))
    }

    fn text_fields(&self, field: Option<FieldName>) -> Vec<(Field, f32)> {
        match field {
            Some(FieldName::Title) => vec![(self.f.title, 1.0)],
            Some(FieldName::Body) => vec![(self.f.body, 1.0)],
            _ => vec![(self.f.title, TITLE_BOOST), (self.f.body, 1.0)],
        }
    }

    fn word(
        &mut self,
        field: Option<FieldName>,
        text: &str,
        how: Match,
        phrase: bool,
        highlight: bool,
    ) -> Result<Option<Vec<Box<dyn Query>>>> {
        let special = match field {
            Some(FieldName::Person) => Some(self.name_query(self.f.persons, text)),
            Some(FieldName::Org) => Some(self.name_query(self.f.organizations, text)),
            Some(FieldName::Place) => Some(self.name_query(self.f.locations, text)),
            Some(FieldName::Source) => Some(self.source_query(text)?),
            Some(FieldName::Url) => Some(self.url_query(text)),
            Some(FieldName::Date) => {
                let (from, to) = parse_period(text).map_err(|e| match e {
                    Error::Filter(m) => Error::Query(super::QueryError {
                        position: 1,
                        message: format!("date: {m}"),
                    }),
                    other => other,
                })?;
                Some(self.date_range(Some(from), Some(to)))
            }
            Some(FieldName::Title) | Some(FieldName::Body) | None => None,
        };
        if let Some(q) = special {
            self.term_union = false;
            return Ok(Some(vec![q]));
        }
        let fields = self.text_fields(field);
        let tokens = analyze(&mut self.news, text);
        if tokens.is_empty() {
            return Ok(None);
        }
        if phrase || tokens.len() > 1 || how != Match::Exact {
            self.term_union = false;
        }
        let mut per_field: Vec<Box<dyn Query>> = Vec::new();
        match how {
            Match::Prefix if !phrase => {
                let folded = analyze(&mut self.names, text);
                let Some(prefix) = folded.last() else {
                    return Ok(None);
                };
                let pattern = prefix_pattern(prefix);
                for (f, boost) in &fields {
                    let q = RegexQuery::from_pattern(&pattern, *f)?;
                    per_field.push(Box::new(BoostQuery::new(Box::new(q), *boost)));
                }
                if highlight {
                    self.highlights.prefixes.insert(prefix.clone());
                }
            }
            Match::Fuzzy(d) if !phrase && tokens.len() == 1 => {
                for (f, boost) in &fields {
                    let q = FuzzyTermQuery::new(Term::from_field_text(*f, &tokens[0]), d, true);
                    per_field.push(Box::new(BoostQuery::new(Box::new(q), *boost)));
                }
                if highlight {
                    self.highlights.fuzzy.insert((tokens[0].clone(), d));
                }
            }
            _ => {
                for (f, boost) in &fields {
                    if let Some(q) = terms_query(*f, &tokens) {
                        per_field.push(Box::new(BoostQuery::new(q, *boost)));
                    }
                }
                if highlight {
                    if tokens.len() == 1 {
                        self.highlights.terms.insert(tokens[0].clone());
                    } else {
                        self.highlights.phrases.insert(tokens);
                    }
                }
            }
        }
        Ok(Some(per_field))
    }

    /// A name: one word matches any part of a name, several words match as a phrase.
    /// `U.S.` and `US` name the place `United States`, `E.U.` the organization `European
    /// Union`: aliases resolve as the extractor resolves them.
    fn name_query(&mut self, field: Field, name: &str) -> Box<dyn Query> {
        let alias = if field == self.f.locations {
            canonical_place(name)
        } else if field == self.f.organizations {
            canonical_org(name)
        } else {
            None
        };
        let tokens = analyze(&mut self.names, alias.unwrap_or(name));
        terms_query(field, &tokens).unwrap_or_else(|| Box::new(EmptyQuery))
    }

    /// Outlets whose host contains `needle` (case-insensitive): `moscowtimes` finds
    /// `themoscowtimes.com`.
    fn source_query(&self, needle: &str) -> Result<Box<dyn Query>> {
        let needle = needle.trim().trim_start_matches("www.").to_lowercase();
        let mut hosts = BTreeSet::new();
        for segment in self.searcher.segment_readers() {
            let inverted = segment.inverted_index(self.f.source)?;
            let mut stream = inverted
                .terms()
                .stream()
                .map_err(tantivy::TantivyError::from)?;
            while stream.advance() {
                if let Ok(host) = std::str::from_utf8(stream.key()) {
                    if host.contains(&needle) {
                        hosts.insert(host.to_owned());
                    }
                }
            }
        }
        Ok(or(hosts
            .into_iter()
            .map(|h| {
                Box::new(TermQuery::new(
                    Term::from_field_text(self.f.source, &h),
                    IndexRecordOption::Basic,
                )) as Box<dyn Query>
            })
            .collect()))
    }

    fn date_range(&self, from: Option<Date>, to: Option<Date>) -> Box<dyn Query> {
        let lower = from.map_or(Bound::Unbounded, |d| {
            Bound::Included(Term::from_field_date(self.f.date, date_to_tantivy(d)))
        });
        let upper = to.map_or(Bound::Unbounded, |d| {
            Bound::Excluded(Term::from_field_date(
                self.f.date,
                date_to_tantivy(d + Duration::days(1)),
            ))
        });
        if from.is_none() && to.is_none() {
            // Any date at all: undated documents never pass a date filter.
            return Box::new(tantivy::query::ExistsQuery::new("date".into(), false));
        }
        Box::new(RangeQuery::new(lower, upper))
    }

    fn filters(&mut self, filters: &Filters) -> Result<Vec<Box<dyn Query>>> {
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        if filters.from.is_some() || filters.to.is_some() {
            out.push(self.date_range(filters.from, filters.to));
        }
        for (names, field) in [
            (&filters.persons, self.f.persons),
            (&filters.orgs, self.f.organizations),
            (&filters.places, self.f.locations),
        ] {
            for name in names {
                out.push(self.name_query(field, name));
            }
        }
        if !filters.sources.is_empty() {
            let mut any = Vec::new();
            for s in &filters.sources {
                any.push(self.source_query(s)?);
            }
            out.push(or(any));
        }
        Ok(out)
    }
}

/// A regex over analyzed terms for a typed prefix: terms that start with it, and stems
/// shorter than it that it extends by at most three letters (`economi*` finds the stem
/// `econom`).
fn prefix_pattern(prefix: &str) -> String {
    let escape = |s: &str| {
        s.chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_string()
                } else {
                    format!("\\{c}")
                }
            })
            .collect::<String>()
    };
    let chars: Vec<char> = prefix.chars().collect();
    let mut alternatives = vec![format!("{}.*", escape(prefix))];
    let shortest = chars.len().saturating_sub(3).max(4);
    for len in shortest..chars.len() {
        alternatives.push(escape(&chars[..len].iter().collect::<String>()));
    }
    alternatives.join("|")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::testing::temp_index;
    use crate::query::parse_query;

    #[test]
    fn only_optional_plain_words_make_a_term_union() {
        let (_dir, idx) = temp_index();
        let searcher = idx.searcher().unwrap();
        let union = |query: &str, filters: &Filters| {
            let clauses = parse_query(query).unwrap();
            build(&clauses, filters, &idx.fields, &searcher)
                .unwrap()
                .term_union
        };
        let none = Filters::default();
        for query in ["oil", "oil prices opec", "title:oil body:prices", "the"] {
            assert!(union(query, &none), "{query}");
        }
        for query in [
            "",
            "-oil",
            "oil -crude",
            "+oil prices",
            "\"oil prices\"",
            "U.S.",
            "oil*",
            "oil~",
            "(oil prices)",
            "person:lavrov",
            "date:2021",
            "https://example.com/a",
        ] {
            assert!(!union(query, &none), "{query}");
        }
        let person = Filters {
            persons: vec!["lavrov".into()],
            ..Filters::default()
        };
        assert!(!union("oil", &person));
    }

    #[test]
    fn prefix_patterns() {
        assert_eq!(prefix_pattern("budg"), "budg.*");
        assert_eq!(prefix_pattern("economi"), "economi.*|econ|econo|econom");
    }
}
