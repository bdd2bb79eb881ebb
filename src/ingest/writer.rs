//! The writing side of a run: places each parsed file as a document or as a duplicate of
//! one, keeps "the first file in sorted order" the document, and at the end drops the
//! records of files that are gone, passing their documents to surviving duplicates.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{IndexWriter, Searcher, TantivyDocument};

use super::reader::{read_file, Item};
use super::IndexReport;
use crate::error::Result;
use crate::index::document::{
    duplicate_document, duplicate_record_id, key_of, FileStamp, Id, Prepared,
};
use crate::index::files::{duplicate_paths, KnownFile};
use crate::index::NewsIndex;
use crate::parse::Vocab;

/// A document of this run or of the index: its id and its file.
#[derive(Debug, Clone)]
struct Primary {
    id: Id,
    path: String,
    stamp: FileStamp,
}

/// A document of this run, kept compactly (a million of them are held at once).
#[derive(Debug)]
struct Kept {
    id: Id,
    path: Box<str>,
    stamp: FileStamp,
}

impl Kept {
    fn primary(&self) -> Primary {
        Primary {
            id: self.id,
            path: self.path.to_string(),
            stamp: self.stamp,
        }
    }
}

/// The index's documents by text hash.
fn known_by_text(known: &FxHashMap<String, KnownFile>) -> FxHashMap<u64, String> {
    known
        .iter()
        .filter_map(|(p, k)| Some((k.content_hash.filter(|_| !k.duplicate)?, p.clone())))
        .collect()
}

/// State of one run.
pub struct Run<'a> {
    index: &'a NewsIndex,
    searcher: &'a Searcher,
    known: Arc<FxHashMap<String, KnownFile>>,
    /// Files that hold an article now (unchanged or read), by path key: their records stay.
    present: FxHashSet<u64>,
    /// This run's documents, and their positions by canonical URL key and by text hash.
    primaries: Vec<Kept>,
    by_url: FxHashMap<u64, u32>,
    by_text: FxHashMap<u64, u32>,
    /// This run's duplicate records by the id of their document: (path, stamp).
    dups: FxHashMap<Id, Vec<(String, FileStamp)>>,
    /// The index's documents by text hash: path.
    known_by_text: FxHashMap<u64, String>,
    /// Documents of the index that are no longer documents (demoted or gone).
    retired: FxHashSet<Id>,
    /// The index held no document when the run began: a new document's id can then be in it
    /// only if this run wrote it, which only a demotion does (and it deletes the old one).
    /// Deletes are not free: tantivy keeps each until the next commit and checks it against
    /// every segment.
    fresh: bool,
    report: IndexReport,
}

impl<'a> Run<'a> {
    /// A run against `index` as `searcher` sees it, whose files are `known`.
    pub fn new(
        index: &'a NewsIndex,
        searcher: &'a Searcher,
        known: Arc<FxHashMap<String, KnownFile>>,
    ) -> Self {
        let by_text = known_by_text(&known);
        Run {
            index,
            searcher,
            known,
            present: FxHashSet::default(),
            primaries: Vec::new(),
            by_url: FxHashMap::default(),
            by_text: FxHashMap::default(),
            dups: FxHashMap::default(),
            known_by_text: by_text,
            retired: FxHashSet::default(),
            fresh: searcher.num_docs() == 0,
            report: IndexReport::default(),
        }
    }

    /// The report so far.
    pub fn into_report(self) -> IndexReport {
        self.report
    }

    /// Takes one item from the reader; returns how many records it wrote.
    pub fn take(&mut self, writer: &mut IndexWriter, item: Item) -> Result<usize> {
        match item {
            Item::Unchanged(path) => {
                if self.present.insert(key_of(&path)) {
                    self.report.unchanged += 1;
                }
                Ok(0)
            }
            Item::Skipped(path, reason) => {
                self.report.skipped.push((path, reason));
                Ok(0)
            }
            Item::Missing(path) => {
                self.report.missing.push(path);
                Ok(0)
            }
            Item::Parsed(rec) => {
                if !self.present.insert(key_of(&rec.path)) {
                    return Ok(0); // the same file given twice
                }
                self.place(writer, *rec)
            }
        }
    }

    /// Writes `rec` as a document, or as a duplicate of the document of the same article.
    fn place(&mut self, writer: &mut IndexWriter, rec: Prepared) -> Result<usize> {
        let url_key = rec.url_key;
        let existing = self.find_primary(url_key, rec.content_hash, &rec.path)?;
        let Some(primary) = existing else {
            return self.write_document(writer, rec, url_key);
        };
        if rec.path < primary.path {
            // The new file comes first: it holds the document, the other file duplicates it.
            let mut written = self.demote(writer, &primary, rec.id)?;
            self.report
                .duplicates
                .push((primary.path.clone(), rec.path.clone()));
            written += self.write_document(writer, rec, url_key)?;
            return Ok(written);
        }
        self.report
            .duplicates
            .push((rec.path.clone(), primary.path.clone()));
        self.write_duplicate(writer, &rec.path, rec.file, primary.id)?;
        self.dups
            .entry(primary.id)
            .or_default()
            .push((rec.path, rec.file));
        Ok(1)
    }

    fn write_document(
        &mut self,
        writer: &mut IndexWriter,
        rec: Prepared,
        url_key: Option<u64>,
    ) -> Result<usize> {
        let f = &self.index.fields;
        match self.known.get(&rec.path) {
            Some(old) if !old.duplicate && old.id == rec.id => {
                if old.content_hash == Some(rec.content_hash) {
                    self.report.unchanged += 1; // touched, not changed: only the stamp is new
                } else {
                    self.report.updated += 1;
                }
            }
            Some(old) => {
                writer.delete_term(old.id.term(f.id));
                self.report.updated += 1;
            }
            None => self.report.added += 1,
        }
        if !self.fresh {
            writer.delete_term(rec.id.term(f.id));
        }
        writer.add_document(rec.doc)?;
        let at = self.primaries.len() as u32;
        self.primaries.push(Kept {
            id: rec.id,
            path: rec.path.as_str().into(),
            stamp: rec.file,
        });
        if let Some(k) = url_key {
            self.by_url.insert(k, at);
        }
        self.by_text.insert(rec.content_hash, at);
        Ok(1)
    }

    fn write_duplicate(
        &mut self,
        writer: &mut IndexWriter,
        path: &str,
        stamp: FileStamp,
        primary_id: Id,
    ) -> Result<()> {
        let f = &self.index.fields;
        let dup_id = duplicate_record_id(path);
        if let Some(old) = self.known.get(path) {
            if old.id != dup_id {
                writer.delete_term(old.id.term(f.id));
            }
        }
        writer.delete_term(dup_id.term(f.id));
        writer.add_document(duplicate_document(f, path, stamp, primary_id))?;
        Ok(())
    }

    /// Makes `old` (a document) and its duplicates duplicates of `new_id`.
    fn demote(&mut self, writer: &mut IndexWriter, old: &Primary, new_id: Id) -> Result<usize> {
        let mut followers: Vec<(String, FileStamp)> = self.dups.remove(&old.id).unwrap_or_default();
        for path in duplicate_paths(self.searcher, &self.index.fields, old.id)? {
            if !followers.iter().any(|(p, _)| *p == path) {
                if let Some(k) = self.known.get(&path) {
                    followers.push((path, k.stamp));
                }
            }
        }
        let old_stamp = old.stamp;
        followers.push((old.path.clone(), old_stamp));
        // Deleted even when the new document has the same id (the same canonical URL): the
        // new one is added after this delete, and so survives it.
        writer.delete_term(old.id.term(self.index.fields.id));
        if old.id != new_id {
            self.retired.insert(old.id);
        }

        let n = followers.len();
        for (path, stamp) in &followers {
            self.write_duplicate(writer, path, *stamp, new_id)?;
        }
        self.dups.entry(new_id).or_default().extend(followers);
        Ok(n)
    }

    /// The document holding the same article as a file at `path`: this run's, else the
    /// index's (unless retired).
    fn find_primary(&self, url_key: Option<u64>, hash: u64, path: &str) -> Result<Option<Primary>> {
        let in_run = url_key
            .and_then(|k| self.by_url.get(&k))
            .or_else(|| self.by_text.get(&hash))
            .map(|&at| self.primaries[at as usize].primary())
            .filter(|p| !self.retired.contains(&p.id));
        if let Some(p) = in_run.filter(|p| p.path != path) {
            return Ok(Some(p));
        }
        if self.searcher.num_docs() == 0 {
            return Ok(None);
        }
        let usable = |id: Id, p: &str| p != path && !self.retired.contains(&id) && self.in_use(p);
        if let Some(p) = self.known_by_text.get(&hash) {
            if let Some(k) = self.known.get(p).filter(|k| usable(k.id, p)) {
                return Ok(Some(Primary {
                    id: k.id,
                    path: p.clone(),
                    stamp: k.stamp,
                }));
            }
        }
        let f = &self.index.fields;
        if let Some(k) = url_key {
            // The document whose id is the URL's key (a duplicate's record id never is one).
            let q = TermQuery::new(Id(k).term(f.id), IndexRecordOption::Basic);
            for (_, addr) in self
                .searcher
                .search(&q, &TopDocs::with_limit(4).order_by_score())?
            {
                let doc: TantivyDocument = self.searcher.doc(addr)?;
                let p = doc.get_first(f.path).and_then(|v| v.as_str());
                let (Some(id), Some(p)) = (Id::stored_in(&doc, f.id), p.map(str::to_owned)) else {
                    continue;
                };
                if usable(id, &p) {
                    let stamp = self.known.get(&p).map(|k| k.stamp).unwrap_or_default();
                    return Ok(Some(Primary { id, path: p, stamp }));
                }
            }
        }
        Ok(None)
    }

    /// Whether an indexed file still stands as a document: present in this run, or not yet
    /// seen (it may be outside the roots, or come later in the walk).
    fn in_use(&self, path: &str) -> bool {
        self.present.contains(&key_of(path)) || std::fs::metadata(path).is_ok()
    }

    /// Drops the records of files under `roots` that are gone, and gives each document whose
    /// file is gone to the first surviving file that duplicated it.
    pub fn finish(
        &mut self,
        writer: &mut IndexWriter,
        roots: &[PathBuf],
        vocab: &Vocab,
        max_size: u64,
    ) -> Result<()> {
        let f = self.index.fields;
        let known = self.known.clone();
        let mut gone: Vec<(&String, &KnownFile)> = known
            .iter()
            .filter(|(p, _)| {
                !self.present.contains(&key_of(p))
                    && roots.iter().any(|r| Path::new(p).starts_with(r))
            })
            .collect();
        gone.sort_by(|a, b| a.0.cmp(b.0));
        let mut orphans: Vec<String> = Vec::new();
        for (path, k) in &gone {
            writer.delete_term(k.id.term(f.id));
            self.report.removed += 1;
            if k.duplicate {
                continue;
            }
            self.retired.insert(k.id);

            let mut followers: Vec<String> = self
                .dups
                .remove(&k.id)
                .unwrap_or_default()
                .into_iter()
                .map(|(p, _)| p)
                .collect();
            followers.extend(duplicate_paths(self.searcher, &f, k.id)?);
            orphans.extend(
                followers
                    .into_iter()
                    .filter(|p| p != *path && !gone.iter().any(|(g, _)| *g == p)),
            );
        }
        orphans.sort();
        orphans.dedup();
        for path in orphans {
            match read_file(Path::new(&path), vocab, max_size, &f) {
                Ok(rec) => {
                    self.place(writer, rec)?;
                }
                Err(reason) => {
                    writer.delete_term(duplicate_record_id(&path).term(f.id));
                    self.report.skipped.push((path, reason));
                }
            }
        }
        Ok(())
    }
}
