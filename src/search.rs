//! Searching: a [`SearchRequest`] to ranked [`Hit`]s with snippets, and the true total.
//!
//! Relevance is BM25 over title (boosted) and body; date order reads the date fast field.
//! Stored documents are fetched and snippets made only for the page returned.

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::{DocAddress, DocId, Score, SegmentReader, TantivyDocument};

use crate::error::Result;
use crate::index::document::StoredDoc;
use crate::index::NewsIndex;
use crate::query::build::build;
use crate::query::filters::Filters;
use crate::query::parse_query;
use crate::snippet::Highlighter;

/// Result order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best match first (newest first when there is no query).
    #[default]
    Relevance,
    /// Newest first; undated last.
    Newest,
    /// Oldest first; undated last.
    Oldest,
}

/// One search.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// The query as typed; empty for "every document that passes the filters".
    pub query: String,
    /// Filters.
    pub filters: Filters,
    /// Order.
    pub sort: Sort,
    /// Hits per page.
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
    /// Snippet length, bytes.
    pub snippet_len: usize,
}

/// One ranked hit.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// 1-based rank, counting the offset.
    pub rank: usize,
    /// Relevance score (BM25).
    pub score: f32,
    /// Document id.
    pub id: String,
    /// File path.
    pub path: String,
    /// Title.
    pub title: String,
    /// Article URL.
    pub url: Option<String>,
    /// Date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Outlet host.
    pub source: Option<String>,
    /// Persons named.
    pub persons: Vec<String>,
    /// Organizations named.
    pub organizations: Vec<String>,
    /// Places named.
    pub locations: Vec<String>,
    /// The best matching fragment(s) of the body.
    pub snippet: String,
    /// Byte ranges of `snippet` to highlight.
    pub highlights: Vec<(usize, usize)>,
    /// Byte ranges of `title` to highlight.
    #[serde(skip)]
    pub title_highlights: Vec<(usize, usize)>,
}

/// A page of hits and the true number of matches.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// The query as typed.
    pub query: String,
    /// How many documents match in all.
    pub total: usize,
    /// The page asked for.
    pub hits: Vec<Hit>,
}

/// Runs `req` on `index`.
pub fn search(index: &NewsIndex, req: &SearchRequest) -> Result<SearchResults> {
    let searcher = index.searcher()?;
    let clauses = parse_query(&req.query)?;
    let built = build(&clauses, &req.filters, &index.fields, &searcher)?;
    let limit = req.limit.max(1);
    let sort = match req.sort {
        Sort::Relevance if !built.ranked => Sort::Newest,
        s => s,
    };
    let (total, page): (usize, Vec<(f32, DocAddress)>) = match sort {
        Sort::Relevance => {
            let top = TopDocs::with_limit(limit).and_offset(req.offset).order_by_score();
            searcher.search(&*built.query, &(Count, top))?
        }
        Sort::Newest | Sort::Oldest => {
            let newest = sort == Sort::Newest;
            let top = TopDocs::with_limit(limit).and_offset(req.offset).tweak_score(move |seg: &SegmentReader| {
                let column = seg.fast_fields().date("date").ok();
                move |doc: DocId, score: Score| {
                    let secs = column.as_ref().and_then(|c| c.first(doc)).map(|d| d.into_timestamp_secs());
                    let key = secs.map_or(i64::MIN, |t| if newest { t } else { -t });
                    (key, score)
                }
            });
            let (total, docs) = searcher.search(&*built.query, &(Count, top))?;
            (total, docs.into_iter().map(|((_, score), addr)| (score, addr)).collect())
        }
    };
    let mut highlighter = Highlighter::new(built.highlights);
    let mut hits = Vec::with_capacity(page.len());
    for (i, (score, addr)) in page.into_iter().enumerate() {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let d = StoredDoc::from_document(&doc, &index.fields);
        let snip = if d.body.is_empty() {
            highlighter.snippet(&d.title, req.snippet_len)
        } else {
            highlighter.snippet(&d.body, req.snippet_len)
        };
        let title_highlights = highlighter.matches(&d.title);
        hits.push(Hit {
            rank: req.offset + i + 1,
            score,
            id: d.id,
            path: d.path,
            title: d.title,
            url: d.url,
            date: d.date,
            source: d.source,
            persons: d.persons,
            organizations: d.organizations,
            locations: d.locations,
            snippet: snip.text,
            highlights: snip.highlights,
            title_highlights,
        });
    }
    Ok(SearchResults { query: req.query.clone(), total, hits })
}
