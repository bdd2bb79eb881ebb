//! The tantivy schema: the fields of a document, their analyzers, and the schema version.
//!
//! The schema is data: `index_schema/schema.json` is what [`build_schema`] makes, and a test
//! holds the two together. Text fields use the `news` analyzer (English stemming, ASCII
//! folding); entity names use the `name` analyzer (no stemming, case and accents folded), and
//! are also fast-field columns for counting.

pub use crate::analyzers::{name_analyzer, news_analyzer, register_analyzers};
use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, FAST, STORED,
};

/// The version of the index this build writes (its schema and its format: since 5, term
/// dictionaries are sorted string tables, see Cargo.toml); stored in each commit's payload.
/// 6: ids (and `duplicate_of`) are 64-bit numbers instead of sixteen hex digits.
pub const SCHEMA_VERSION: u32 = 6;

/// Analyzer of the title and body: words, lower-cased, accents folded, English stems.
pub const NEWS_ANALYZER: &str = "news";
/// Analyzer of entity names: words, lower-cased, accents folded, no stemming.
pub const NAME_ANALYZER: &str = "name";
/// The `kind` of a duplicate file's record.
pub const KIND_DUPLICATE: &str = "dup";

/// Handles of every field.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Stable document id.
    pub id: Field,
    /// Canonical path of the file.
    pub path: Field,
    /// Title text.
    pub title: Field,
    /// Body text.
    pub body: Field,
    /// The article URL as written.
    pub url: Field,
    /// Outlet host.
    pub source: Field,
    /// Publication date.
    pub date: Field,
    /// Other URLs of the page.
    pub related_urls: Field,
    /// Titles of related articles.
    pub related_titles: Field,
    /// Person names, searchable.
    pub persons: Field,
    /// Organization names, searchable.
    pub organizations: Field,
    /// Location names, searchable.
    pub locations: Field,
    /// Person names as a fast-field column (not indexed), for counts.
    pub person_column: Field,
    /// Organization names as a column.
    pub org_column: Field,
    /// Location names as a column.
    pub place_column: Field,
    /// Hash of the normalized text: identical articles in two files.
    pub content_hash: Field,
    /// On a duplicate file's record: the id of the document it duplicates.
    pub duplicate_of: Field,
    /// `dup` on duplicate files' records (which searches leave out); absent on documents.
    pub kind: Field,
    /// Size of the file, bytes (change detection).
    pub file_size: Field,
    /// Modification time of the file, nanoseconds since the epoch (change detection).
    pub file_mtime: Field,
    /// The entities with their mention counts, as JSON (stored once; the entity fields above
    /// are indexed only).
    pub mentions: Field,
}

/// Builds the schema this version of newsdex writes.
pub fn build_schema() -> Schema {
    let mut b = Schema::builder();
    let indexed = |analyzer: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analyzer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    let text = |analyzer: &str| indexed(analyzer).set_stored();
    // Keywords: matched whole, never scored, so no field norms.
    let keyword = || {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("raw")
                .set_fieldnorms(false)
                .set_index_option(IndexRecordOption::Basic),
        )
    };
    // An id is a number (`index::document::Id`): a term of 8 bytes, a plain fast column.
    let id = || NumericOptions::default().set_indexed().set_stored();
    b.add_u64_field("id", id().set_fast());
    b.add_text_field("path", STORED | FAST);
    b.add_text_field("title", text(NEWS_ANALYZER));
    b.add_text_field("body", text(NEWS_ANALYZER));
    b.add_text_field("url", STORED);
    b.add_text_field("source", keyword().set_stored().set_fast("raw"));
    b.add_date_field(
        "date",
        DateOptions::default()
            .set_indexed()
            .set_stored()
            .set_fast()
            .set_precision(DateTimePrecision::Seconds),
    );
    b.add_text_field("related_urls", STORED);
    b.add_text_field("related_titles", STORED);
    b.add_text_field("persons", indexed(NAME_ANALYZER));
    b.add_text_field("organizations", indexed(NAME_ANALYZER));
    b.add_text_field("locations", indexed(NAME_ANALYZER));
    // Counted, never searched: a column without an inverted index (facets had both, and cost
    // about 5% of indexing).
    let column = || TextOptions::default().set_fast("raw");
    b.add_text_field("person_column", column());
    b.add_text_field("org_column", column());
    b.add_text_field("place_column", column());
    b.add_u64_field("content_hash", FAST);
    b.add_text_field("mentions", STORED);
    b.add_u64_field("duplicate_of", id());
    b.add_text_field("kind", keyword());
    b.add_u64_field("file_size", FAST);
    b.add_u64_field("file_mtime", FAST);
    b.build()
}

impl Fields {
    /// The field handles of `schema` (one built by [`build_schema`]).
    pub fn new(schema: &Schema) -> tantivy::Result<Self> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            id: f("id")?,
            path: f("path")?,
            title: f("title")?,
            body: f("body")?,
            url: f("url")?,
            source: f("source")?,
            date: f("date")?,
            related_urls: f("related_urls")?,
            related_titles: f("related_titles")?,
            persons: f("persons")?,
            organizations: f("organizations")?,
            locations: f("locations")?,
            person_column: f("person_column")?,
            org_column: f("org_column")?,
            place_column: f("place_column")?,
            content_hash: f("content_hash")?,
            duplicate_of: f("duplicate_of")?,
            kind: f("kind")?,
            file_size: f("file_size")?,
            file_mtime: f("file_mtime")?,
            mentions: f("mentions")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The schema the code builds is exactly the one in `index_schema/schema.json`.
    #[test]
    fn schema_matches_index_schema_file() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/index_schema/schema.json");
        let got = serde_json::to_value(build_schema()).unwrap();
        if std::env::var_os("NEWSDEX_BLESS").is_some() {
            std::fs::write(path, serde_json::to_string_pretty(&got).unwrap() + "\n").unwrap();
        }
        let want: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert_eq!(
            got, want,
            "the schema changed: bump SCHEMA_VERSION, then NEWSDEX_BLESS=1 cargo test schema"
        );
    }

    #[test]
    fn fields_resolve() {
        Fields::new(&build_schema()).unwrap();
    }
}
