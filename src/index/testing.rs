//! Small indexes for unit tests: an empty index in a temporary folder, and the record of an
//! article made of a title, a body, a date and the persons it names.

use super::document::Record;
use super::NewsIndex;
use crate::article::Article;
use crate::extract::ArticleEntities;

/// An empty index in a temporary folder (dropped with the folder).
pub(crate) fn temp_index() -> (tempfile::TempDir, NewsIndex) {
    let dir = tempfile::tempdir().unwrap();
    let idx = NewsIndex::open_or_create(dir.path()).unwrap();
    (dir, idx)
}

/// The record of the file at `path` holding one article that names `persons` once each.
pub(crate) fn record(
    path: String,
    title: &str,
    body: &str,
    date: Option<time::Date>,
    persons: &[impl AsRef<str>],
) -> Record {
    let article = Article {
        title: title.to_owned(),
        body: body.to_owned(),
        date,
        ..Article::default()
    };
    let entities = ArticleEntities {
        persons: persons.iter().map(|p| (p.as_ref().to_owned(), 1)).collect(),
        ..Default::default()
    };
    Record::new(path, 0, article, entities)
}
