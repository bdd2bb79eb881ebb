//! The files an index holds: for each path, its record's id, stamp and whether it is a
//! duplicate; read from fast fields, without fetching stored documents. What incremental
//! indexing compares the folder against.

use rustc_hash::FxHashMap;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocId, Searcher, SegmentReader, TantivyDocument, Term};

use super::document::{FileStamp, Id};
use crate::error::Result;
use crate::schema::{Fields, KIND_DUPLICATE};

/// One indexed file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownFile {
    /// Id of its record (a document's id, or a duplicate record's id).
    pub id: Id,
    /// Size and modification time when indexed.
    pub stamp: FileStamp,
    /// Whether the file duplicates another file's document.
    pub duplicate: bool,
    /// Hash of the article's normalized text (documents only).
    pub content_hash: Option<u64>,
}

/// The file records of one segment: its path column, with its dictionary read in order once
/// (looking up each ordinal alone is far slower), and which records are duplicate files'.
struct SegmentFiles {
    column: tantivy::columnar::StrColumn,
    paths: Vec<String>,
    duplicates: rustc_hash::FxHashSet<u32>,
}

impl SegmentFiles {
    /// The records of `segment`, if it has a path column.
    fn of(segment: &SegmentReader, f: &Fields) -> Result<Option<Self>> {
        let Some(column) = segment.fast_fields().str("path")? else {
            return Ok(None);
        };
        let dup_term = Term::from_field_text(f.kind, KIND_DUPLICATE);
        Ok(Some(SegmentFiles {
            paths: all_terms(&column)?,
            column,
            duplicates: duplicate_docs(segment, &dup_term)?,
        }))
    }

    /// Each live record that has a path, with the path's ordinal in [`SegmentFiles::paths`].
    fn records<'s>(
        &'s self,
        segment: &'s SegmentReader,
    ) -> impl Iterator<Item = (DocId, u64)> + 's {
        segment
            .doc_ids_alive()
            .filter_map(|doc| Some((doc, self.column.term_ords(doc).next()?)))
            .filter(|&(_, p)| (p as usize) < self.paths.len())
    }
}

/// Every indexed file by path.
pub fn known_files(searcher: &Searcher, f: &Fields) -> Result<FxHashMap<String, KnownFile>> {
    let mut out = FxHashMap::default();
    for segment in searcher.segment_readers() {
        let Some(files) = SegmentFiles::of(segment, f)? else {
            continue;
        };
        let fast = segment.fast_fields();
        let ids = fast.u64("id")?;
        let sizes = fast.u64("file_size")?;
        let mtimes = fast.u64("file_mtime")?;
        let hashes = fast.u64("content_hash")?;
        for (doc, p) in files.records(segment) {
            let Some(id) = ids.first(doc) else {
                continue;
            };
            let stamp = FileStamp {
                size: sizes.first(doc).unwrap_or(0),
                mtime: mtimes.first(doc).unwrap_or(0),
            };
            let known = KnownFile {
                id: Id(id),
                stamp,
                duplicate: files.duplicates.contains(&doc),
                content_hash: hashes.first(doc),
            };
            out.insert(files.paths[p as usize].clone(), known);
        }
    }
    Ok(out)
}

/// Every document (duplicate files' records left out) in the order of their paths: the same
/// order for the same files in every build, whichever segment each document is in.
pub fn documents_by_path(searcher: &Searcher, f: &Fields) -> Result<Vec<tantivy::DocAddress>> {
    let mut paths_of = Vec::new();
    let mut docs: Vec<(u32, u64, DocId)> = Vec::new(); // (segment, path ordinal, doc)
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let Some(files) = SegmentFiles::of(segment, f)? else {
            paths_of.push(Vec::new());
            continue;
        };
        for (doc, p) in files.records(segment) {
            if !files.duplicates.contains(&doc) {
                docs.push((ord as u32, p, doc));
            }
        }
        paths_of.push(files.paths);
    }
    let path = |&(seg, p, _): &(u32, u64, DocId)| paths_of[seg as usize][p as usize].as_str();
    docs.sort_by(|a, b| path(a).cmp(path(b)));
    Ok(docs
        .into_iter()
        .map(|(seg, _, doc)| tantivy::DocAddress::new(seg, doc))
        .collect())
}

/// Every term of a fast-field dictionary, by ordinal.
fn all_terms(col: &tantivy::columnar::StrColumn) -> Result<Vec<String>> {
    let mut out = Vec::with_capacity(col.num_terms());
    let mut stream = col
        .dictionary()
        .stream()
        .map_err(tantivy::TantivyError::from)?;
    while stream.advance() {
        out.push(String::from_utf8_lossy(stream.key()).into_owned());
    }
    Ok(out)
}

fn duplicate_docs(
    segment: &tantivy::SegmentReader,
    term: &Term,
) -> Result<rustc_hash::FxHashSet<u32>> {
    let mut out = rustc_hash::FxHashSet::default();
    let inverted = segment.inverted_index(term.field())?;
    if let Some(mut postings) = inverted
        .read_postings(term, IndexRecordOption::Basic)
        .map_err(tantivy::TantivyError::from)?
    {
        use tantivy::DocSet;
        let mut doc = postings.doc();
        while doc != tantivy::TERMINATED {
            out.insert(doc);
            doc = postings.advance();
        }
    }
    Ok(out)
}

/// A query for every document (leaving out duplicate files' records).
pub fn all_documents(f: &Fields) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(vec![
        (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
        (Occur::MustNot, not_duplicate_clause(f)),
    ]))
}

/// The clause that, as `MustNot`, leaves duplicate files' records out of a query.
pub fn not_duplicate_clause(f: &Fields) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(f.kind, KIND_DUPLICATE),
        IndexRecordOption::Basic,
    ))
}

/// How many documents the index holds (duplicate files not counted).
pub fn document_count(searcher: &Searcher, f: &Fields) -> Result<usize> {
    Ok(searcher.search(&*all_documents(f), &Count)?)
}

/// The paths of the files that duplicate document `id`, sorted.
pub fn duplicate_paths(searcher: &Searcher, f: &Fields, id: Id) -> Result<Vec<String>> {
    let q = TermQuery::new(id.term(f.duplicate_of), IndexRecordOption::Basic);
    let n = searcher.search(&q, &Count)?;
    if n == 0 {
        return Ok(Vec::new());
    }
    let mut out = Vec::with_capacity(n);
    for (_, addr) in searcher.search(&q, &TopDocs::with_limit(n).order_by_score())? {
        let doc: TantivyDocument = searcher.doc(addr)?;
        if let Some(p) = doc.get_first(f.path).and_then(|v| v.as_str()) {
            out.push(p.to_owned());
        }
    }
    out.sort();
    Ok(out)
}

/// Every duplicate file's path by the id of the document it duplicates.
pub fn all_duplicates(searcher: &Searcher, f: &Fields) -> Result<FxHashMap<Id, Vec<String>>> {
    let q = not_duplicate_clause(f);
    let n = searcher.search(&*q, &Count)?;
    let mut out: FxHashMap<Id, Vec<String>> = FxHashMap::default();
    if n == 0 {
        return Ok(out);
    }
    for (_, addr) in searcher.search(&*q, &TopDocs::with_limit(n).order_by_score())? {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let path = doc.get_first(f.path).and_then(|v| v.as_str());
        if let (Some(p), Some(of)) = (path, Id::stored_in(&doc, f.duplicate_of)) {
            out.entry(of).or_default().push(p.to_owned());
        }
    }
    for list in out.values_mut() {
        list.sort();
    }
    Ok(out)
}

/// The record of the file at `path` (canonical), found through the path fast field.
pub fn find_by_path(searcher: &Searcher, path: &str) -> Result<Option<tantivy::DocAddress>> {
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let Some(paths) = segment.fast_fields().str("path")? else {
            continue;
        };
        let Some(term) = paths
            .dictionary()
            .term_ord(path)
            .map_err(tantivy::TantivyError::from)?
        else {
            continue;
        };
        for doc in segment.doc_ids_alive() {
            if paths.term_ords(doc).any(|o| o == term) {
                return Ok(Some(tantivy::DocAddress::new(ord as u32, doc)));
            }
        }
    }
    Ok(None)
}
