//! Ingest: paths to indexed documents. walk → read → decode → parse → extract → index.
//!
//! Files stream from the walker in batches; each batch is read, decoded, parsed and
//! extracted in parallel (rayon) and fed to tantivy's writer in path order, so that of two
//! files holding one article the first in sorted order is the document. Word counts of
//! everything read so far (the corpus vocabulary) are evidence for rejoining split words. One
//! commit at the end: an interrupted run leaves the last commit intact.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, Term};

use crate::decode::decode;
use crate::error::Result;
use crate::extract::article_entities;
use crate::index::document::Record;
use crate::index::{commit, NewsIndex};
use crate::parse::{parse, Vocab};
use crate::walk::{walk, WalkItem};

/// How to index.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Indexing threads of tantivy's writer.
    pub threads: usize,
    /// Memory budget of the writer, bytes.
    pub memory_budget: usize,
    /// Files read and parsed together.
    pub batch_size: usize,
    /// Files larger than this are skipped, bytes.
    pub max_file_size: u64,
}

impl Default for IndexOptions {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        IndexOptions {
            threads: cores.clamp(1, 8),
            memory_budget: 512 << 20,
            batch_size: 512,
            max_file_size: 64 << 20,
        }
    }
}

/// What an `index` run did.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct IndexReport {
    /// New documents.
    pub added: usize,
    /// Documents whose file changed.
    pub updated: usize,
    /// Documents whose file had not changed.
    pub unchanged: usize,
    /// Files holding an article already indexed: (file, the document's path).
    pub duplicates: Vec<(String, String)>,
    /// Files skipped: (path, reason).
    pub skipped: Vec<(String, String)>,
    /// Paths given that do not exist.
    pub missing: Vec<String>,
}

/// Progress, reported as files are processed.
#[derive(Debug, Clone, Copy)]
pub enum Progress {
    /// This many files were processed so far.
    Files(u64),
    /// The final commit started.
    Committing,
}

/// Indexes the article files under `roots` into `index`.
pub fn index_paths(
    index: &NewsIndex,
    roots: &[PathBuf],
    opts: &IndexOptions,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<IndexReport> {
    let mut writer = index.writer(opts.threads, opts.memory_budget)?;
    let searcher = index.searcher()?;
    let mut run = Run::new(index, &searcher);
    // The reader thread walks, reads, parses and extracts batch after batch (in parallel
    // inside each batch) while this thread feeds tantivy's writer: neither waits for the other.
    let (batches_tx, batches_rx) = crossbeam_channel::bounded::<Batch>(2);
    let walk_roots = roots.to_vec();
    let (batch_size, max_size) = (opts.batch_size, opts.max_file_size);
    let reader =
        std::thread::spawn(move || read_all(&walk_roots, batch_size, max_size, &batches_tx));
    let mut done = 0u64;
    for batch in batches_rx {
        done += batch.files;
        run.report.skipped.extend(batch.skipped);
        run.report.missing.extend(batch.missing);
        for rec in batch.records {
            run.add(&mut writer, rec)?;
        }
        progress(Progress::Files(done));
    }
    let vocab = reader.join().unwrap_or_default();
    run.vocab = vocab;
    run.write_duplicate_lists(&mut writer)?;
    progress(Progress::Committing);
    let mut info = index.commit_info();
    let mut all_roots: BTreeSet<String> = info.roots.into_iter().collect();
    for r in roots.iter().filter_map(|r| std::fs::canonicalize(r).ok()) {
        all_roots.insert(r.display().to_string());
    }
    info.roots = all_roots.into_iter().collect();
    info.schema_version = crate::schema::SCHEMA_VERSION;
    commit(&mut writer, &info)?;
    writer.wait_merging_threads()?;
    Ok(run.report)
}

/// Reads, decodes, parses and extracts one file: the records it holds, or why not.
pub fn read_file(
    path: &Path,
    corpus: &Vocab,
    max_size: u64,
) -> std::result::Result<Record, String> {
    let text = read_text(path, max_size)?;
    record_of(path, &text, corpus)
}

fn read_text(path: &Path, max_size: u64) -> std::result::Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if meta.len() > max_size {
        return Err(format!(
            "file too large ({} bytes, limit {max_size})",
            meta.len()
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    decode(&bytes).map_err(|e| e.to_string())
}

fn record_of(path: &Path, text: &str, corpus: &Vocab) -> std::result::Result<Record, String> {
    let article = parse(text, corpus).map_err(|e| e.to_string())?;
    let entities = article_entities(&article.title, &article.body);
    Ok(Record::new(
        path.display().to_string(),
        0,
        article,
        entities,
    ))
}

/// What the reader thread hands to the writer: one batch of files, parsed.
struct Batch {
    /// Files in the batch (read or not).
    files: u64,
    /// Parsed articles, in path order.
    records: Vec<Record>,
    /// Files that could not be read or parsed: (path, reason).
    skipped: Vec<(String, String)>,
    /// Paths given that do not exist.
    missing: Vec<String>,
}

/// Walks `roots` and sends parsed batches until the walk ends or the receiver hangs up.
/// Returns the corpus vocabulary of everything read.
fn read_all(
    roots: &[PathBuf],
    batch_size: usize,
    max_size: u64,
    out: &crossbeam_channel::Sender<Batch>,
) -> Vocab {
    let mut vocab = Vocab::new();
    let mut batch = Batch {
        files: 0,
        records: Vec::new(),
        skipped: Vec::new(),
        missing: Vec::new(),
    };
    let mut paths = Vec::with_capacity(batch_size);
    let mut alive = true;
    walk(roots, |item| {
        match item {
            WalkItem::File(p) => paths.push(p),
            WalkItem::Error(p, reason) => batch.skipped.push((p.display().to_string(), reason)),
            WalkItem::Missing(p) => batch.missing.push(p.display().to_string()),
        }
        if paths.len() >= batch_size {
            let full = std::mem::replace(
                &mut batch,
                Batch {
                    files: 0,
                    records: Vec::new(),
                    skipped: Vec::new(),
                    missing: Vec::new(),
                },
            );
            alive = out
                .send(read_batch(
                    full,
                    std::mem::take(&mut paths),
                    &mut vocab,
                    max_size,
                ))
                .is_ok();
        }
        alive
    });
    if alive {
        let _ = out.send(read_batch(batch, paths, &mut vocab, max_size));
    }
    vocab
}

/// Reads, decodes, counts, parses and extracts `paths` in parallel into `batch`.
fn read_batch(mut batch: Batch, paths: Vec<PathBuf>, vocab: &mut Vocab, max_size: u64) -> Batch {
    batch.files = paths.len() as u64;
    let texts: Vec<(PathBuf, std::result::Result<String, String>)> = paths
        .into_par_iter()
        .map(|p| {
            let t = read_text(&p, max_size);
            (p, t)
        })
        .collect();
    let batch_vocab = texts
        .par_iter()
        .filter_map(|(_, t)| t.as_ref().ok())
        .fold(Vocab::new, |mut v, t| {
            v.add_text(t);
            v
        })
        .reduce(Vocab::new, |mut a, b| {
            a.merge(b);
            a
        });
    vocab.merge(batch_vocab);
    let vocab = &*vocab;
    let results: Vec<(PathBuf, std::result::Result<Record, String>)> = texts
        .into_par_iter()
        .map(|(p, t)| {
            let r = t.and_then(|t| record_of(&p, &t, vocab));
            (p, r)
        })
        .collect();
    for (p, r) in results {
        match r {
            Ok(rec) => batch.records.push(rec),
            Err(reason) => batch.skipped.push((p.display().to_string(), reason)),
        }
    }
    batch
}

/// State of one run: what is already indexed, duplicates seen, the corpus vocabulary.
struct Run<'a> {
    index: &'a NewsIndex,
    searcher: &'a Searcher,
    vocab: Vocab,
    by_url: HashMap<String, String>,
    by_text: HashMap<u64, String>,
    /// Primary id → (primary path, duplicate paths).
    dups: HashMap<String, (String, Vec<String>)>,
    report: IndexReport,
}

impl<'a> Run<'a> {
    fn new(index: &'a NewsIndex, searcher: &'a Searcher) -> Self {
        Run {
            index,
            searcher,
            vocab: Vocab::new(),
            by_url: HashMap::new(),
            by_text: HashMap::new(),
            dups: HashMap::new(),
            report: IndexReport::default(),
        }
    }

    /// Adds one record unless it duplicates one seen before or is unchanged.
    fn add(&mut self, writer: &mut tantivy::IndexWriter, rec: Record) -> Result<()> {
        let url_key = rec.url_key();
        let primary = url_key
            .as_ref()
            .and_then(|k| self.by_url.get(k))
            .or_else(|| self.by_text.get(&rec.content_hash))
            .cloned();
        if let Some(primary_id) = primary {
            if let Some((primary_path, list)) = self.dups.get_mut(&primary_id) {
                if *primary_path != rec.path {
                    list.push(rec.path.clone());
                    self.report
                        .duplicates
                        .push((rec.path, primary_path.clone()));
                }
            }
            return Ok(());
        }
        if let Some(k) = url_key {
            self.by_url.insert(k, rec.id.clone());
        }
        self.by_text.insert(rec.content_hash, rec.id.clone());
        self.dups
            .insert(rec.id.clone(), (rec.path.clone(), Vec::new()));
        let f = &self.index.fields;
        let id_term = Term::from_field_text(f.id, &rec.id);
        if self.searcher.num_docs() > 0 {
            let exists = self.searcher.search(
                &TermQuery::new(id_term.clone(), IndexRecordOption::Basic),
                &Count,
            )?;
            if exists > 0 {
                let same: Vec<Box<dyn Query>> = vec![
                    Box::new(TermQuery::new(id_term.clone(), IndexRecordOption::Basic)),
                    Box::new(TermQuery::new(
                        Term::from_field_u64(f.content_hash, rec.content_hash),
                        IndexRecordOption::Basic,
                    )),
                    Box::new(TermQuery::new(
                        Term::from_field_text(f.path, &rec.path),
                        IndexRecordOption::Basic,
                    )),
                ];
                let q = BooleanQuery::new(same.into_iter().map(|q| (Occur::Must, q)).collect());
                if self.searcher.search(&q, &Count)? > 0 {
                    self.report.unchanged += 1;
                    return Ok(());
                }
                self.report.updated += 1;
            } else {
                self.report.added += 1;
            }
        } else {
            self.report.added += 1;
        }
        writer.delete_term(id_term);
        writer.add_document(rec.to_document(f))?;
        Ok(())
    }

    /// Rewrites the documents that other files duplicate, with the list of those files.
    fn write_duplicate_lists(&mut self, writer: &mut tantivy::IndexWriter) -> Result<()> {
        let f = self.index.fields;
        for (id, (path, list)) in self.dups.drain() {
            if list.is_empty() {
                continue;
            }
            let Ok(mut rec) = read_file(Path::new(&path), &self.vocab, u64::MAX) else {
                continue;
            };
            if rec.id != id {
                continue;
            }
            rec.duplicates = list;
            writer.delete_term(Term::from_field_text(f.id, &id));
            writer.add_document(rec.to_document(&f))?;
        }
        Ok(())
    }
}
