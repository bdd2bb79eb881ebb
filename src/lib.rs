//! newsdex: local full-text search for folders of news articles.
//!
//! The pipeline, one module a stage, joined by named types:
//!
//! ```text
//! walk ──► decode ──► parse ──► extract ──► index ──► query + filters ──► search ──► snippet
//! paths    String     Article   entities    Record    tantivy Query       Hit        Snippet
//! ```
//!
//! - [`walk`] finds article files under the given paths (streaming, sorted, hidden skipped);
//! - [`decode`] turns bytes into text (UTF-8, UTF-16 with BOM, Windows-1252);
//! - [`parse`] reads the print-to-text layout into an [`article::Article`];
//! - [`extract`] finds persons, organizations and locations;
//! - [`ingest`] runs those stages in parallel and writes [`index::document::Record`]s;
//! - [`query`] translates what a user typed into a tantivy query;
//! - [`search`] ranks, pages and fetches hits; [`snippet`] cuts and highlights fragments;
//! - [`entity_counts`] counts the entities named by matching documents.
//!
//! Stages are pure functions over text; only [`walk`], [`ingest`] and [`index`] touch the
//! filesystem. The library never prints: the binary's `commands` do.

#![warn(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod analyzers;
pub mod article;
mod bytes;
mod chars;
pub mod decode;
pub mod entity_counts;
pub mod error;
pub mod extract;
mod hit_order;
pub mod index;
pub mod ingest;
pub mod parse;
pub mod query;
pub mod schema;
pub mod search;
pub mod snippet;
pub mod walk;

pub use error::{Error, Result};
