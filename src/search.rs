//! Searching: a [`SearchRequest`] to ranked [`Hit`]s with snippets, and the true total.
//!
//! Relevance is BM25 over title (boosted) and body; date order reads the date fast field.
//! Stored documents are fetched and snippets made only for the page returned.

use serde::Serialize;
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader, TantivyDocument};

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
            let top = TopDocs::with_limit(limit)
                .and_offset(req.offset)
                .order_by_score();
            if built.term_union {
                let page = searcher.search(&*built.query, &top)?;
                (searcher.search(&*built.query, &CountUnscored)?, page)
            } else {
                searcher.search(&*built.query, &(Count, top))?
            }
        }
        Sort::Newest | Sort::Oldest => {
            let newest = sort == Sort::Newest;
            let top = TopDocs::with_limit(limit)
                .and_offset(req.offset)
                .tweak_score(move |seg: &SegmentReader| {
                    let column = seg.fast_fields().date("date").ok();
                    move |doc: DocId, score: Score| {
                        let secs = column
                            .as_ref()
                            .and_then(|c| c.first(doc))
                            .map(|d| d.into_timestamp_secs());
                        let key = secs.map_or(i64::MIN, |t| if newest { t } else { -t });
                        (key, score)
                    }
                });
            let (total, docs) = searcher.search(&*built.query, &(Count, top))?;
            (
                total,
                docs.into_iter()
                    .map(|((_, score), addr)| (score, addr))
                    .collect(),
            )
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
            id: d.id.to_string(),
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
    Ok(SearchResults {
        query: req.query.clone(),
        total,
        hits,
    })
}

/// Counts matches without scoring them. tantivy's [`Count`] asks a boolean query for its
/// scorer, whose unions compute BM25 for every document; this collector takes the unscored
/// path.
struct CountUnscored;

impl Collector for CountUnscored {
    type Fruit = usize;
    type Child = SegmentCount;

    fn for_segment(&self, _: SegmentOrdinal, _: &SegmentReader) -> tantivy::Result<SegmentCount> {
        Ok(SegmentCount(0))
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, counts: Vec<usize>) -> tantivy::Result<usize> {
        Ok(counts.into_iter().sum())
    }
}

struct SegmentCount(usize);

impl SegmentCollector for SegmentCount {
    type Fruit = usize;

    fn collect(&mut self, _: DocId, _: Score) {
        self.0 += 1;
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.0 += docs.len();
    }

    fn harvest(self) -> usize {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::index::document::{duplicate_document, FileStamp, Record};
    use crate::index::testing::{record, temp_index};
    use time::macros::date;

    /// A small index in a temporary folder: (title, body, date, persons).
    fn index_of(
        docs: &[(&str, &str, Option<time::Date>, &[&str])],
    ) -> (tempfile::TempDir, NewsIndex) {
        let (dir, idx) = temp_index();
        let mut w = idx.writer(1, 50_000_000).unwrap();
        for (i, (title, body, date, persons)) in docs.iter().enumerate() {
            let rec = record(format!("/d/{i}.txt"), title, body, *date, persons);
            w.add_document(rec.to_document(&idx.fields)).unwrap();
        }
        idx.commit(&mut w, &idx.commit_info()).unwrap();
        (dir, idx)
    }

    fn ids(idx: &NewsIndex, req: SearchRequest) -> Vec<String> {
        let req = SearchRequest {
            limit: 10,
            snippet_len: 200,
            ..req
        };
        search(idx, &req)
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.path)
            .collect()
    }

    fn q(query: &str) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            ..Default::default()
        }
    }

    /// Adds one article about a ferry to `idx` and commits.
    fn add_ferry(idx: &NewsIndex) {
        let mut w = idx.writer(1, 50_000_000).unwrap();
        let (title, body) = ("Ferry strike ends", "Boats sailed again.");
        let rec = record("/d/ferry.txt".into(), title, body, None, &[] as &[&str]);
        w.add_document(rec.to_document(&idx.fields)).unwrap();
        idx.commit(&mut w, &idx.commit_info()).unwrap();
    }

    #[test]
    fn a_search_after_a_commit_sees_it() {
        let (_d, idx) = index_of(&[("Harbour bridge opens", "Cars crossed.", None, &[])]);
        assert_eq!(ids(&idx, q("ferry")), Vec::<String>::new());
        add_ferry(&idx);
        assert_eq!(ids(&idx, q("ferry")), ["/d/ferry.txt"]);
    }

    #[test]
    fn a_writer_sees_what_other_handles_committed() {
        let (dir, idx) = index_of(&[("Harbour bridge opens", "Cars crossed.", None, &[])]);
        assert_eq!(ids(&idx, q("ferry")), Vec::<String>::new());
        add_ferry(&NewsIndex::open(dir.path()).unwrap());
        // A handle keeps the view of its first search until it writes: ingest decides what
        // is new from what its searcher sees.
        assert_eq!(ids(&idx, q("ferry")), Vec::<String>::new());
        let _writer = idx.writer(1, 50_000_000).unwrap();
        assert_eq!(ids(&idx, q("ferry")), ["/d/ferry.txt"]);
    }

    #[test]
    fn totals_leave_out_duplicate_records_and_deleted_documents() {
        let (_d, idx) = index_of(&[
            (
                "Harbour bridge opens",
                "Cars crossed the harbour.",
                None,
                &[],
            ),
            (
                "Ferry strike ends",
                "Boats sailed across the harbour.",
                None,
                &[],
            ),
            ("Council meets", "Parking was discussed.", None, &[]),
        ]);
        let id = |i: usize| {
            Record::new(
                format!("/d/{i}.txt"),
                0,
                Article::default(),
                Default::default(),
            )
            .id
        };
        let mut w = idx.writer(1, 50_000_000).unwrap();
        let copy = duplicate_document(&idx.fields, "/d/copy.txt", FileStamp::default(), id(0));
        w.add_document(copy).unwrap();
        w.delete_term(id(2).term(idx.fields.id));
        idx.commit(&mut w, &idx.commit_info()).unwrap();
        let total = |query: &str| {
            let req = SearchRequest {
                query: query.into(),
                limit: 1,
                ..Default::default()
            };
            search(&idx, &req).unwrap().total
        };
        assert_eq!(total(""), 2);
        assert_eq!(total("-ferry"), 1);
        // A union of words is counted apart from its page of one hit.
        assert_eq!(total("harbour ferry"), 2);
        assert_eq!(total("harbour parking"), 2);
        assert_eq!(total("\"harbour bridge\""), 1);
    }

    #[test]
    fn title_match_outranks_a_passing_mention() {
        let council = "The council met on Tuesday to discuss parking, school meals and bins. "
            .repeat(4)
            + "The harbour bridge came up once, briefly.";
        let opening = "Traffic flowed on Monday as the new crossing opened to cars and cyclists. "
            .repeat(3)
            + "The harbour bridge took four years to build.";
        let (_d, idx) = index_of(&[
            ("Council news", &council, None, &[]),
            ("Harbour bridge opens", &opening, None, &[]),
        ]);
        assert_eq!(ids(&idx, q("harbour bridge")), ["/d/1.txt", "/d/0.txt"]);
    }

    #[test]
    fn phrase_match_outranks_scattered_words() {
        let (_d, idx) = index_of(&[
            (
                "A",
                "The bridge was closed while the harbour was dredged for the ferry.",
                None,
                &[],
            ),
            (
                "B",
                "The harbour bridge was closed while crews dredged for the ferry.",
                None,
                &[],
            ),
        ]);
        assert_eq!(ids(&idx, q("\"harbour bridge\"")), ["/d/1.txt"]);
    }

    #[test]
    fn date_filters_are_inclusive_and_drop_undated() {
        let (_d, idx) = index_of(&[
            ("Budget one", "budget", Some(date!(2021 - 02 - 01)), &[]),
            ("Budget two", "budget", Some(date!(2021 - 03 - 31)), &[]),
            ("Budget three", "budget", Some(date!(2021 - 04 - 01)), &[]),
            ("Budget four", "budget", None, &[]),
        ]);
        let mut r = q("budget");
        r.filters.from = Some(date!(2021 - 02 - 01));
        r.filters.to = Some(date!(2021 - 03 - 31));
        r.sort = Sort::Oldest;
        assert_eq!(ids(&idx, r), ["/d/0.txt", "/d/1.txt"]);
        let mut newest = q("");
        newest.sort = Sort::Newest;
        assert_eq!(
            ids(&idx, newest),
            ["/d/2.txt", "/d/1.txt", "/d/0.txt", "/d/3.txt"]
        );
        let mut oldest = q("");
        oldest.sort = Sort::Oldest;
        assert_eq!(
            ids(&idx, oldest),
            ["/d/0.txt", "/d/1.txt", "/d/2.txt", "/d/3.txt"]
        );
    }

    #[test]
    fn person_filters_all_must_hold() {
        let (_d, idx) = index_of(&[
            ("A", "talks", None, &["Sergei Lavrov", "Antony Blinken"]),
            ("B", "talks", None, &["Sergei Lavrov"]),
        ]);
        let mut r = q("talks");
        r.filters.persons = vec!["lavrov".into(), "blinken".into()];
        assert_eq!(ids(&idx, r), ["/d/0.txt"]);
        let mut r = q("");
        r.filters.persons = vec!["sergei lavrov".into()];
        assert_eq!(ids(&idx, r).len(), 2);
    }

    #[test]
    fn exclusion_alone_lists_the_rest() {
        let (_d, idx) = index_of(&[
            ("A", "budget talks", None, &[]),
            ("B", "other news", None, &[]),
        ]);
        assert_eq!(ids(&idx, q("-budget")), ["/d/1.txt"]);
    }
}
