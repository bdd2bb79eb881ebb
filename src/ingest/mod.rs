//! Ingest: paths to indexed documents. walk → read → decode → parse → extract → index.
//!
//! The index mirrors the folders it is given. Each file has one record: a document, or, when
//! it holds the same article as another file (same canonical URL or same normalized text), a
//! small duplicate record pointing at the document of the first such file in sorted order.
//! A run compares the folder with the records: files whose size and modification time are
//! unchanged are not read at all; new and changed files are read, decoded, parsed and
//! extracted in parallel by reader threads (`reader.rs`: walking, reading and parsing overlap)
//! while this thread writes (`writer.rs`);
//! files that are gone lose their records. Commits come every `commit_interval` and at the
//! end: a run killed at any moment leaves the last commit, and the next run completes it
//! (files committed are unchanged then, and not read again).

mod reader;
mod writer;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::index::files::known_files;
use crate::index::NewsIndex;
use crate::parse::Vocab;
use reader::Item;

pub use reader::read_file;

/// How to index.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Threads that parse files, and indexing threads of tantivy's writer (each as many).
    /// Files are opened and read on as many threads again, or on four times as many (at least
    /// 4, at most 32) once reading from disk keeps the parsing threads waiting.
    pub threads: usize,
    /// Memory budget of the writer, bytes.
    pub memory_budget: usize,
    /// Files read and parsed together.
    pub batch_size: usize,
    /// Files larger than this are skipped, bytes.
    pub max_file_size: u64,
    /// Commit at least this often while indexing, so that a run killed midway keeps most
    /// of its work.
    pub commit_interval: std::time::Duration,
}

impl Default for IndexOptions {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        IndexOptions {
            threads: cores.clamp(1, 8),
            memory_budget: 192 << 20,
            batch_size: 512,
            max_file_size: 64 << 20,
            commit_interval: std::time::Duration::from_secs(30),
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
    /// Files that had not changed.
    pub unchanged: usize,
    /// Files gone (or no longer holding an article) whose records were dropped.
    pub removed: usize,
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
    /// This many files were looked at so far.
    Files(u64),
    /// The final commit started.
    Committing,
}

/// Indexes the article files under `roots` into `index`, and drops the records of files under
/// them that are gone. The roots are remembered in the index.
pub fn index_paths(
    index: &NewsIndex,
    roots: &[PathBuf],
    opts: &IndexOptions,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<IndexReport> {
    let mut writer = index.writer(opts.threads, opts.memory_budget)?;
    let searcher = index.searcher()?;
    let known = std::sync::Arc::new(known_files(&searcher, &index.fields)?);
    let mut roots: Vec<PathBuf> = roots.to_vec();
    roots.sort();
    roots.dedup();
    let mut run = writer::Run::new(index, &searcher, known.clone());
    let (tx, rx) = crossbeam_channel::bounded::<Vec<Item>>(2);
    let reader_roots = roots.clone();
    let fields = index.fields;
    let (batch_size, max_size) = (opts.batch_size, opts.max_file_size);
    // The reader decodes and parses on a pool of `threads` threads: `--threads` bounds the
    // work of the run. Files are only opened and read on other threads, which mostly wait on
    // the disk when the files are not in the page cache: as many as parse, or, when reading
    // falls behind, four for each parsing thread, at least 4 and at most 32.
    let io_threads = (opts.threads * 4).clamp(4, 32);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .thread_name(|i| format!("newsdex-parse-{i}"))
        .build()
        .ok();
    let reader = std::thread::spawn(move || {
        let read = || {
            let (roots, known) = (&reader_roots, &known);
            reader::read_all(roots, known, batch_size, max_size, io_threads, &fields, &tx)
        };
        match pool {
            Some(pool) => pool.install(read),
            None => read(),
        }
    });
    let mut looked_at = 0u64;
    let mut since_commit = 0usize;
    let mut last_commit = std::time::Instant::now();
    let mut info = index.commit_info();
    for batch in rx {
        looked_at += batch.len() as u64;
        for item in batch {
            since_commit += run.take(&mut writer, item)?;
        }
        if since_commit > 0 && last_commit.elapsed() >= opts.commit_interval {
            index.commit(&mut writer, &info)?;
            since_commit = 0;
            last_commit = std::time::Instant::now();
        }
        progress(Progress::Files(looked_at));
    }
    // A reader that panicked stopped early: finishing would take the files it never reached
    // for gone and drop their records. The panic goes on, and the last commit stands.
    let vocab: Vocab = reader
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    let canonical: Vec<PathBuf> = roots
        .iter()
        .filter_map(|r| std::fs::canonicalize(r).ok())
        .collect();
    run.finish(&mut writer, &canonical, &vocab, max_size)?;
    progress(Progress::Committing);
    let mut all_roots: BTreeSet<String> = std::mem::take(&mut info.roots).into_iter().collect();
    all_roots.extend(canonical.iter().map(|r| r.display().to_string()));
    info.roots = all_roots.into_iter().collect();
    info.schema_version = crate::schema::SCHEMA_VERSION;
    index.commit(&mut writer, &info)?;
    writer.wait_merging_threads()?;
    Ok(run.into_report())
}

/// Drops every record of the files under `root` and forgets `root`; documents that files
/// elsewhere duplicate pass to the first of those files.
pub fn remove_root(index: &NewsIndex, root: &Path, opts: &IndexOptions) -> Result<IndexReport> {
    let mut writer = index.writer(opts.threads, opts.memory_budget)?;
    let searcher = index.searcher()?;
    let known = std::sync::Arc::new(known_files(&searcher, &index.fields)?);
    let mut run = writer::Run::new(index, &searcher, known);
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    run.finish(
        &mut writer,
        std::slice::from_ref(&root),
        &Vocab::new(),
        opts.max_file_size,
    )?;
    let mut info = index.commit_info();
    let gone = root.display().to_string();
    info.roots
        .retain(|r| *r != gone && !Path::new(r).starts_with(&root));
    index.commit(&mut writer, &info)?;
    writer.wait_merging_threads()?;
    Ok(run.into_report())
}
