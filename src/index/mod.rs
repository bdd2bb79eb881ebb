//! The index on disk: opening, creating and checking it. The only module that touches the
//! index directory.
//!
//! Each commit carries a JSON payload with the schema version and the folders indexed, so
//! that an index from another version is detected before it gives wrong answers.

pub mod document;
pub mod files;
#[cfg(test)]
pub(crate) mod testing;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use serde::{Deserialize, Serialize};
use tantivy::directory::MmapDirectory;
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{Index, IndexReader, IndexSettings, IndexWriter, ReloadPolicy, Searcher};

use crate::error::{Error, Result};
use crate::schema::{build_schema, register_analyzers, Fields, SCHEMA_VERSION};

/// What each commit records besides the documents.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct CommitInfo {
    /// Schema version of the index.
    pub schema_version: u32,
    /// Folders and files given to `index`, canonical paths.
    #[serde(default)]
    pub roots: Vec<String>,
}

/// An open newsdex index.
pub struct NewsIndex {
    /// The tantivy index.
    pub index: Index,
    /// Field handles.
    pub fields: Fields,
    /// Where it lives.
    pub dir: PathBuf,
    /// The reader searches share: opened at the first search, dropped when this handle takes
    /// the writer or commits. Opening one maps every segment's files, which at a million
    /// documents costs as much as answering a query.
    reader: Mutex<Option<IndexReader>>,
}

impl NewsIndex {
    /// Opens the index at `dir`; an error if there is none or its schema is another one.
    pub fn open(dir: &Path) -> Result<Self> {
        if !dir.join("meta.json").is_file() {
            return Err(Error::NoIndex(dir.to_path_buf()));
        }
        let directory = MmapDirectory::open(dir).map_err(|e| Error::Io {
            path: dir.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        })?;
        let index = Index::open(directory)?;
        Self::check_schema(&index, dir)?;
        register_analyzers(&index);
        let fields = Fields::new(&index.schema())?;
        Ok(NewsIndex {
            index,
            fields,
            dir: dir.to_path_buf(),
            reader: Mutex::new(None),
        })
    }

    /// Opens the index at `dir`, creating it (and the folder) if there is none.
    pub fn open_or_create(dir: &Path) -> Result<Self> {
        if dir.join("meta.json").is_file() {
            return Self::open(dir);
        }
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let settings = IndexSettings {
            // zstd stores article text in about two thirds of lz4's space. Each block pays for
            // a fresh zstd context (its tables cleared), so 64 KiB blocks cost 15% fewer
            // instructions to write than 32 KiB ones and are 5% smaller; fetching a page of hits
            // decompresses at most ten of them. Level 1 against 3: compression takes 29% fewer
            // instructions (3.4% of a build's) and clears smaller tables, for a store 7% larger.
            docstore_compression: Compressor::Zstd(ZstdCompressor {
                compression_level: Some(1),
            }),
            docstore_blocksize: 64 * 1024,
            ..IndexSettings::default()
        };
        let index = Index::builder()
            .schema(build_schema())
            .settings(settings)
            .create_in_dir(dir)?;
        register_analyzers(&index);
        let fields = Fields::new(&index.schema())?;
        Ok(NewsIndex {
            index,
            fields,
            dir: dir.to_path_buf(),
            reader: Mutex::new(None),
        })
    }

    /// Creates a new, empty index beside `dir` (at `<dir>.rebuild`) for a full rebuild; the
    /// index at `dir` stays usable until [`NewsIndex::replace`] swaps the new one in.
    pub fn create_beside(dir: &Path) -> Result<Self> {
        let tmp = sibling(dir, ".rebuild");
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp).map_err(|source| Error::Io {
                path: tmp.clone(),
                source,
            })?;
        }
        Self::open_or_create(&tmp)
    }

    /// Moves this index (made by [`NewsIndex::create_beside`]) to `dir`, replacing the index
    /// there. Consumes `self`: reopen the index at `dir` to use it.
    pub fn replace(self, dir: &Path) -> Result<()> {
        let from = self.dir.clone();
        drop(self);
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Io { path, source }
        };
        let old = sibling(dir, ".old");
        if old.exists() {
            std::fs::remove_dir_all(&old).map_err(io(&old))?;
        }
        if dir.exists() {
            std::fs::rename(dir, &old).map_err(io(dir))?;
        }
        std::fs::rename(&from, dir).map_err(io(&from))?;
        if old.exists() {
            std::fs::remove_dir_all(&old).map_err(io(&old))?;
        }
        Ok(())
    }

    fn check_schema(index: &Index, dir: &Path) -> Result<()> {
        let info = read_commit_info(index);
        let found = info.as_ref().map(|i| i.schema_version);
        let same_schema = index.schema() == build_schema();
        if same_schema && found.is_none_or(|v| v == SCHEMA_VERSION) {
            return Ok(());
        }
        Err(Error::SchemaMismatch {
            path: dir.to_path_buf(),
            found: found.map_or_else(|| "unknown".to_owned(), |v| v.to_string()),
            expected: SCHEMA_VERSION.to_string(),
        })
    }

    /// What the last commit recorded.
    pub fn commit_info(&self) -> CommitInfo {
        read_commit_info(&self.index).unwrap_or(CommitInfo {
            schema_version: SCHEMA_VERSION,
            roots: Vec::new(),
        })
    }

    /// A writer with `threads` indexing threads sharing `memory_budget` bytes. Fails with
    /// [`Error::Locked`] when another process writes.
    pub fn writer(&self, threads: usize, memory_budget: usize) -> Result<IndexWriter> {
        let threads = threads.max(1);
        let budget = memory_budget.max(threads * 20_000_000);
        let writer = self
            .index
            .writer_with_num_threads(threads, budget)
            .map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => Error::Locked(self.dir.clone()),
                other => other.into(),
            })?;
        writer.set_merge_policy(Box::new(merge_policy()));
        // With the lock held, no one else commits until this writer does: what is read from
        // now on must include whatever others committed before, so the reader opens anew.
        self.forget_reader();
        Ok(writer)
    }

    /// A searcher over the index as it was at this handle's first search, or at its last
    /// commit or [`writer`](Self::writer) if later. Commits made meanwhile through another
    /// handle or process are seen by handles opened after them.
    pub fn searcher(&self) -> Result<Searcher> {
        let mut slot = self.reader.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(reader) = slot.as_ref() {
            return Ok(reader.searcher());
        }
        let reader: IndexReader = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let searcher = reader.searcher();
        *slot = Some(reader);
        Ok(searcher)
    }

    /// Commits `writer` with `info` as the payload; the next search sees the commit.
    pub fn commit(&self, writer: &mut IndexWriter, info: &CommitInfo) -> Result<()> {
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&serde_json::to_string(info).unwrap_or_default());
        prepared.commit()?;
        self.forget_reader();
        Ok(())
    }

    fn forget_reader(&self) {
        *self.reader.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }

    /// Bytes the index takes on disk.
    pub fn size_on_disk(&self) -> u64 {
        walkdir::WalkDir::new(&self.dir)
            .into_iter()
            .filter_map(|e| e.ok())
            .filter_map(|e| e.metadata().ok())
            .filter(|m| m.is_file())
            .map(|m| m.len())
            .sum()
    }
}

/// `dir` with `suffix` added to its last component: `/a/index` → `/a/index.old`.
fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let mut name = dir
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(suffix);
    dir.with_file_name(name)
}

/// How segments merge as incremental runs add small ones: a level merges once it has four
/// segments (tantivy's default waits for eight), and a segment where a third of the
/// documents are deleted is rewritten, so re-indexed folders do not leave dead weight.
fn merge_policy() -> tantivy::indexer::LogMergePolicy {
    let mut policy = tantivy::indexer::LogMergePolicy::default();
    policy.set_min_num_segments(4);
    policy.set_del_docs_ratio_before_merge(0.3);
    policy
}

fn read_commit_info(index: &Index) -> Option<CommitInfo> {
    let meta = index.load_metas().ok()?;
    serde_json::from_str(meta.payload.as_deref()?).ok()
}

/// The default index folder: `NEWSDEX_INDEX` is read by the CLI; this is the platform data
/// directory's `newsdex/index`.
pub fn default_index_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("newsdex")
        .join("index")
}
