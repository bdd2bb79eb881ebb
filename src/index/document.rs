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

/// A record's id: a 64-bit key (of the article's canonical URL, else of its file's path and
/// position; of the path alone for a duplicate file's record), shown as sixteen hex digits.
/// Indexed, stored and kept in a fast column as the number itself: a sixteen-digit string
/// cost each document a dictionary entry in the column and a longer term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Id(pub u64);

impl Id {
    /// The id written as sixteen hex digits (either case), as [`Id`]'s `Display` writes it.
    pub fn parse(text: &str) -> Option<Id> {
        if text.len() != 16 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u64::from_str_radix(text, 16).ok().map(Id)
    }

    /// The id stored in `field` (`id` or `duplicate_of`) of a stored document.
    pub fn stored_in(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<Id> {
        doc.get_first(field).and_then(|v| v.as_u64()).map(Id)
    }

    /// The term under which the record is indexed in `field` (`id` or `duplicate_of`).
    pub fn term(self, field: tantivy::schema::Field) -> tantivy::Term {
        tantivy::Term::from_field_u64(field, self.0)
    }
}

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl Serialize for Id {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Everything indexed about one article.
#[derive(Debug, Clone)]
pub struct Record {
    /// Stable id: from the canonical URL, else from the path.
    pub id: Id,
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
/// same page written differently is one key (documents and `url:` queries alike). It is the
/// [`Id`] of the article's document: an article with a URL is found by its URL through its
/// id alone; no second per-document key is indexed.
pub fn url_key(url: &str) -> u64 {
    key_of(&canonical_url(url))
}

/// Seed of a duplicate file's record id, so that it is not the id its path would give a
/// document.
const DUPLICATE_SEED: u64 = 0x6475_702d;

/// The id of a duplicate file's record: from its path, not a document's id.
pub fn duplicate_record_id(path: &str) -> Id {
    Id(xxhash_rust::xxh3::xxh3_64_with_seed(
        path.as_bytes(),
        DUPLICATE_SEED,
    ))
}

/// The record of a file that duplicates the document `primary_id`: no text, only what
/// incremental indexing needs.
pub fn duplicate_document(
    f: &Fields,
    path: &str,
    file: FileStamp,
    primary_id: Id,
) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_u64(f.id, duplicate_record_id(path).0);
    doc.add_text(f.path, path);
    doc.add_text(f.kind, crate::schema::KIND_DUPLICATE);
    doc.add_u64(f.duplicate_of, primary_id.0);
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
            id: Id(id),
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
        doc.add_u64(f.id, self.id.0);
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

/// A record made into its tantivy document on the thread that parsed it, with what the
/// writing side needs to place it. The article's strings are then freed by the thread that
/// allocated them; freed by the writing thread, each was a free into another thread's heap
/// (about 1% of a build's time in `mi_free` on the writing thread alone).
#[derive(Debug)]
pub struct Prepared {
    /// Stable id.
    pub id: Id,
    /// Canonical absolute path of the file.
    pub path: String,
    /// The key of the article's canonical URL, if it has one.
    pub url_key: Option<u64>,
    /// Hash of the normalized text.
    pub content_hash: u64,
    /// The file's size and modification time when it was read.
    pub file: FileStamp,
    /// The document.
    pub doc: TantivyDocument,
}

impl Record {
    /// The record's document, and what placing it needs.
    pub fn prepare(self, f: &Fields) -> Prepared {
        let doc = self.to_document(f);
        Prepared {
            id: self.id,
            path: self.path,
            url_key: self.url_key,
            content_hash: self.content_hash,
            file: self.file,
            doc,
        }
    }
}

/// A document as stored in the index: what `show`, `export` and search hits print.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct StoredDoc {
    /// Stable id.
    pub id: Id,
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
            id: Id::stored_in(doc, f.id).unwrap_or_default(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_sixteen_hex_digits_both_ways() {
        let id = Id(0x00ab_cdef_0123_4567);
        assert_eq!(id.to_string(), "00abcdef01234567");
        assert_eq!(Id::parse("00abcdef01234567"), Some(id));
        assert_eq!(Id::parse("00ABCDEF01234567"), Some(id));
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"00abcdef01234567\"");
        for not_an_id in [
            "",
            "abcdef01234567",
            "00abcdef012345678",
            "+0abcdef01234567",
            "dup-0123456789ab",
        ] {
            assert_eq!(Id::parse(not_an_id), None, "{not_an_id}");
        }
    }

    /// A duplicate file's record never takes the id its file would give a document.
    #[test]
    fn a_duplicate_record_id_is_not_its_path_document_id() {
        let path = "/news/a.txt".to_string();
        let doc = Record::new(path.clone(), 0, Article::default(), Default::default());
        assert_ne!(duplicate_record_id(&path), doc.id);
        assert_ne!(duplicate_record_id(&path), Id(key_of(&path)));
    }
}
