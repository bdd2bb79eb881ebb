//! The library's error type: one enum, one variant per thing that can go wrong for a user.

use std::path::PathBuf;

/// Everything the library reports as an error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be turned into text.
    #[error(transparent)]
    Decode(#[from] crate::decode::DecodeError),
    /// A text held no article.
    #[error(transparent)]
    Parse(#[from] crate::parse::ParseError),
    /// The query could not be understood.
    #[error(transparent)]
    Query(#[from] crate::query::QueryError),
    /// A filter value (a date, a name) is not valid.
    #[error("{0}")]
    Filter(String),
    /// There is no index where one was expected.
    #[error("no index at {}: run `newsdex index PATH` first (or pass --index DIR)", .0.display())]
    NoIndex(PathBuf),
    /// The index was written by another version of newsdex, in another schema or format.
    #[error("the index at {} was written by another version of newsdex (index version {found}, this newsdex needs {expected}): rebuild it with `newsdex --index {} index --full PATH`", .path.display(), .path.display())]
    SchemaMismatch {
        /// The index directory.
        path: PathBuf,
        /// The schema version found.
        found: String,
        /// The schema version this build writes.
        expected: String,
    },
    /// Another process is writing to the index.
    #[error("another `newsdex index` is writing to {}: wait for it to finish", .0.display())]
    Locked(PathBuf),
    /// No document has this id or path.
    #[error("no document with id or path {0}")]
    NotFound(String),
    /// An error from tantivy.
    #[error(transparent)]
    Tantivy(#[from] tantivy::TantivyError),
    /// An I/O error with the path it concerns.
    #[error("{}: {source}", .path.display())]
    Io {
        /// The path that could not be read or written.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
