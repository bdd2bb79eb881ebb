//! The indexed document: an [`Article`] with its identity and entities ([`Record`]), to a
//! tantivy document and back ([`StoredDoc`]).

use serde::Serialize;
use tantivy::schema::Value;
use tantivy::{DateTime, TantivyDocument};
use time::{Date, OffsetDateTime};

use crate::article::Article;
use crate::extract::ArticleEntities;
use crate::parse::urls::canonical_url;
use crate::schema::Fields;

/// Everything indexed about one article.
#[derive(Debug, Clone)]
pub struct Record {
    /// Stable id: from the canonical URL, else from the path.
    pub id: String,
    /// Canonical absolute path of the file.
    pub path: String,
    /// The parsed article.
    pub article: Article,
    /// Its entities with mention counts.
    pub entities: ArticleEntities,
    /// The key of the article's canonical URL, if it has one ([`url_key`]; computed once:
    /// parsing a URL is the dearest step of identity).
    pub url_key: Option<u64>,
    /// Hash of the normalized text.
    pub content_hash: u64,
    /// The file's size and modification time when it was read.
    pub file: FileStamp,
}

/// What tells whether a file changed since it was indexed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FileStamp {
    /// Size, bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the epoch.
    pub mtime: u64,
}

impl FileStamp {
    /// The stamp of a file's metadata.
    pub fn of(meta: &std::fs::Metadata) -> Self {
        let mtime = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as u64);
        FileStamp {
            size: meta.len(),
            mtime,
        }
    }
}

/// The 64-bit key under which a path or canonical URL is indexed.
pub fn key_of(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

/// The key under which an article URL is indexed: that of its canonical form, so that the
/// same page written differently is one key (documents and `url:` queries alike).
pub fn url_key(url: &str) -> u64 {
    key_of(&canonical_url(url))
}

/// The id of the document whose key is `key` (its [`url_key`], else that of its path and
/// position): sixteen hex digits. An article with a URL is found by its URL through this id
/// alone; no second per-document key is indexed.
pub fn id_of_key(key: u64) -> String {
    format!("{key:016x}")
}

/// The id of a duplicate file's record: from its path, never equal to a document id.
pub fn duplicate_record_id(path: &str) -> String {
    format!("dup-{:016x}", xxhash_rust::xxh3::xxh3_64(path.as_bytes()))
}

/// The record of a file that duplicates the document `primary_id`: no text, only what
/// incremental indexing needs.
pub fn duplicate_document(
    f: &Fields,
    path: &str,
    file: FileStamp,
    primary_id: &str,
) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_text(f.id, duplicate_record_id(path));
    doc.add_text(f.path, path);
    doc.add_text(f.kind, crate::schema::KIND_DUPLICATE);
    doc.add_text(f.duplicate_of, primary_id);
    doc.add_u64(f.file_size, file.size);
    doc.add_u64(f.file_mtime, file.mtime);
    doc
}

impl Record {
    /// Builds the record of `article`, read from `path` (its `position`-th article).
    pub fn new(path: String, position: usize, article: Article, entities: ArticleEntities) -> Self {
        let url_key = article.url.as_deref().map(url_key);
        let id = url_key.unwrap_or_else(|| key_of(&format!("{path}#{position}")));
        Record {
            id: id_of_key(id),
            content_hash: article.content_hash(),
            path,
            article,
            entities,
            file: FileStamp::default(),
            url_key,
        }
    }

    /// The tantivy document.
    pub fn to_document(&self, f: &Fields) -> TantivyDocument {
        let a = &self.article;
        let mut doc = TantivyDocument::new();
        doc.add_text(f.id, &self.id);
        doc.add_text(f.path, &self.path);
        doc.add_text(f.title, &a.title);
        doc.add_text(f.body, &a.body);
        if let Some(url) = &a.url {
            doc.add_text(f.url, url);
        }
        if let Some(source) = a.source() {
            doc.add_text(f.source, source);
        }
        if let Some(date) = a.date {
            doc.add_date(f.date, date_to_tantivy(date));
        }
        for u in &a.related_urls {
            doc.add_text(f.related_urls, u);
        }
        for t in &a.related_titles {
            doc.add_text(f.related_titles, t);
        }
        let e = &self.entities;
        for (names, text_field, column_field) in [
            (&e.persons, f.persons, f.person_column),
            (&e.organizations, f.organizations, f.org_column),
            (&e.locations, f.locations, f.place_column),
        ] {
            for (name, _) in names {
                doc.add_text(text_field, name);
                doc.add_text(column_field, name);
            }
        }
        doc.add_u64(f.content_hash, self.content_hash);
        doc.add_u64(f.file_size, self.file.size);
        doc.add_u64(f.file_mtime, self.file.mtime);
        doc.add_text(f.mentions, serde_json::to_string(e).unwrap_or_default());
        doc
    }
}

/// A document as stored in the index: what `show`, `export` and search hits print.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct StoredDoc {
    /// Stable id.
    pub id: String,
    /// Canonical path of the file.
    pub path: String,
    /// Title.
    pub title: String,
    /// Body paragraphs joined with `\n\n`.
    pub body: String,
    /// Article URL.
    pub url: Option<String>,
    /// Outlet host.
    pub source: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Other URLs of the page.
    pub related_urls: Vec<String>,
    /// Titles of related articles.
    pub related_titles: Vec<String>,
    /// Canonical person names.
    pub persons: Vec<String>,
    /// Organization names.
    pub organizations: Vec<String>,
    /// Location names.
    pub locations: Vec<String>,
    /// Entities with mention counts.
    #[serde(skip)]
    pub mentions: ArticleEntities,
}

impl StoredDoc {
    /// Reads the stored fields of `doc`.
    pub fn from_document(doc: &TantivyDocument, f: &Fields) -> Self {
        let first = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        let all = |field| {
            doc.get_all(field)
                .filter_map(|v| v.as_str())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        };
        let date = doc
            .get_first(f.date)
            .and_then(|v| v.as_datetime())
            .map(|d| format_date(tantivy_to_date(d)));
        let mentions: ArticleEntities = first(f.mentions)
            .and_then(|m| serde_json::from_str::<MentionsJson>(&m).ok())
            .map(Into::into)
            .unwrap_or_default();
        StoredDoc {
            id: first(f.id).unwrap_or_default(),
            path: first(f.path).unwrap_or_default(),
            title: first(f.title).unwrap_or_default(),
            body: first(f.body).unwrap_or_default(),
            url: first(f.url),
            source: first(f.source),
            date,
            related_urls: all(f.related_urls),
            related_titles: all(f.related_titles),
            persons: names(&mentions.persons),
            organizations: names(&mentions.organizations),
            locations: names(&mentions.locations),
            mentions,
        }
    }
}

fn names(list: &[(String, u32)]) -> Vec<String> {
    list.iter().map(|(n, _)| n.clone()).collect()
}

#[derive(serde::Deserialize)]
struct MentionsJson {
    persons: Vec<(String, u32)>,
    organizations: Vec<(String, u32)>,
    locations: Vec<(String, u32)>,
}

impl From<MentionsJson> for ArticleEntities {
    fn from(m: MentionsJson) -> Self {
        ArticleEntities {
            persons: m.persons,
            organizations: m.organizations,
            locations: m.locations,
        }
    }
}

/// A calendar date as a tantivy date (midnight UTC).
pub fn date_to_tantivy(date: Date) -> DateTime {
    DateTime::from_utc(date.midnight().assume_utc())
}

/// A tantivy date as a calendar date (UTC).
pub fn tantivy_to_date(d: DateTime) -> Date {
    let odt: OffsetDateTime = d.into_utc();
    odt.date()
}

/// `YYYY-MM-DD`.
pub fn format_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}
