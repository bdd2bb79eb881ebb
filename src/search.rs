//! Searching: a [`SearchRequest`] to ranked [`Hit`]s with snippets, and the true total.
//!
//! Relevance is BM25 over title (boosted) and body; date order reads the date fast field.
//! Stored documents are fetched and snippets made only for the page returned. Equal hits come
//! in the order of their ids (see `hit_order`).

use serde::Serialize;
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader, TantivyDocument};

use crate::error::Result;
use crate::hit_order::{HitKey, HitOrder};
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
    // Every order ends in the document id (`hit_order`): equal hits come in one order.
    let top = TopDocs::with_limit(limit).and_offset(req.offset);
    let (total, page): (usize, Vec<(HitKey, DocAddress)>) = match sort {
        Sort::Relevance => {
            let top = top.order_by(HitOrder::BY_SCORE);
            if built.term_union {
                let page = searcher.search(&*built.query, &top)?;
                (searcher.search(&*built.query, &CountUnscored)?, page)
            } else {
                searcher.search(&*built.query, &(Count, top))?
            }
        }
        Sort::Newest | Sort::Oldest => {
            let top = top.order_by(HitOrder::by_date(sort == Sort::Newest));
            searcher.search(&*built.query, &(Count, top))?
        }
    };
    let mut highlighter = Highlighter::new(built.highlights);
    let mut hits = Vec::with_capacity(page.len());
    for (i, (key, addr)) in page.into_iter().enumerate() {
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
            score: key.score,
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

    /// Forty articles, half on one day and half on the next, every body the same: each query
    /// below ties them all on score, and the date orders tie each day's twenty.
    fn twins() -> Vec<(String, Option<time::Date>)> {
        (0..40)
            .map(|i| {
                let day = if i % 2 == 0 { 1 } else { 2 };
                let date = time::Date::from_calendar_date(2021, time::Month::March, day);
                (format!("/d/{i}.txt"), date.ok())
            })
            .collect()
    }

    /// An index of [`twins`], added in `order`, committing after each `per_commit`: another
    /// order of segments and documents in them, as another build would make.
    fn twins_index(order: &[usize], per_commit: usize) -> (tempfile::TempDir, NewsIndex) {
        let docs = twins();
        let (dir, idx) = temp_index();
        let mut w = idx.writer(1, 50_000_000).unwrap();
        for (n, &i) in order.iter().enumerate() {
            let (path, date) = &docs[i];
            let body = "Ferries sailed at dawn.";
            let rec = record(path.clone(), "Harbour news", body, *date, &["Ann Lee"]);
            w.add_document(rec.to_document(&idx.fields)).unwrap();
            if (n + 1) % per_commit == 0 {
                idx.commit(&mut w, &idx.commit_info()).unwrap();
            }
        }
        idx.commit(&mut w, &idx.commit_info()).unwrap();
        (dir, idx)
    }

    /// The paths of a page of `req` on `idx`.
    fn page(idx: &NewsIndex, req: &SearchRequest, offset: usize, limit: usize) -> Vec<String> {
        let req = SearchRequest {
            offset,
            limit,
            snippet_len: 100,
            ..req.clone()
        };
        let hits = search(idx, &req).unwrap().hits;
        hits.into_iter().map(|h| h.path).collect()
    }

    #[test]
    fn equal_hits_come_in_one_order_whatever_the_segments() {
        let one = twins_index(&(0..40).collect::<Vec<_>>(), 40);
        let other = twins_index(&(0..40).rev().collect::<Vec<_>>(), 25);
        assert!(other.1.searcher().unwrap().segment_readers().len() > 1);
        let id_of = |path: &str| record(path.into(), "", "", None, &[] as &[&str]).id;
        // Odd-numbered articles are of the second day.
        let day = |p: &str| p[3..p.len() - 4].parse::<usize>().unwrap() % 2;
        let mut newest = q("");
        newest.sort = Sort::Newest;
        let mut oldest = q("ferries");
        oldest.sort = Sort::Oldest;
        let mut person = q("");
        person.filters.persons = vec!["lee".into()];
        // Words and a union of words rank on the pruned path, a phrase on the other.
        let phrase = q("\"ferries sailed\"");
        for req in [
            q("ferries"),
            q("ferries dawn"),
            phrase,
            newest,
            oldest,
            person,
        ] {
            let all = page(&one.1, &req, 0, 40);
            assert_eq!(all, page(&other.1, &req, 0, 40), "{req:?}");
            // A page boundary between equal hits does not move.
            for (offset, limit) in [(0, 1), (1, 1), (0, 3), (3, 3), (18, 4), (37, 5)] {
                let want = &all[offset..(offset + limit).min(40)];
                assert_eq!(page(&other.1, &req, offset, limit), want, "{req:?}");
            }
            // Within a day (all scores equal), the lower id first.
            for pair in all.windows(2).filter(|w| day(&w[0]) == day(&w[1])) {
                assert!(id_of(&pair[0]).0 < id_of(&pair[1]).0, "{req:?}: {all:?}");
            }
        }
        // Equal scores: newest first.
        let by_score = page(&other.1, &q("ferries"), 0, 40);
        assert!(by_score[..20].iter().all(|p| day(p) == 1), "{by_score:?}");
    }

    #[test]
    fn deleted_documents_leave_the_ranked_page() {
        let (_d, idx) = index_of(&[
            ("Ferry ferry ferry", "ferry harbour", None, &[]),
            ("Harbour", "a ferry", None, &[]),
        ]);
        let gone = record("/d/0.txt".into(), "", "", None, &[] as &[&str]).id;
        let mut w = idx.writer(1, 50_000_000).unwrap();
        w.delete_term(gone.term(idx.fields.id));
        idx.commit(&mut w, &idx.commit_info()).unwrap();
        // One word and a union of words take the pruned path; a phrase the other.
        for query in ["ferry", "ferry harbour", "\"a ferry\""] {
            assert_eq!(ids(&idx, q(query)), ["/d/1.txt"], "{query}");
        }
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
