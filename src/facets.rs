//! Entity counts: the persons, organizations or places most often named by the documents
//! that match a query and filters, counted by document (tantivy facets).

use serde::Serialize;
use tantivy::collector::{Count, FacetCollector};

use crate::error::Result;
use crate::index::NewsIndex;
use crate::query::build::build;
use crate::query::filters::Filters;
use crate::query::parse_query;

/// Which entities to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityField {
    /// Persons.
    #[default]
    Person,
    /// Organizations.
    Organization,
    /// Locations.
    Location,
}

/// One entity and how many matching documents name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityCount {
    /// Canonical name.
    pub name: String,
    /// Matching documents that name it.
    pub documents: u64,
}

/// The most named entities among the matching documents.
#[derive(Debug, Clone, Serialize)]
pub struct EntityCounts {
    /// What was counted.
    pub kind: EntityField,
    /// The query as typed.
    pub query: String,
    /// Documents matching the query and filters.
    pub total: usize,
    /// Entities, most documents first (ties by name).
    pub entities: Vec<EntityCount>,
}

/// Counts the `limit` entities of `kind` most often named by documents matching `query` and
/// `filters`.
pub fn top_entities(
    index: &NewsIndex,
    query: &str,
    filters: &Filters,
    kind: EntityField,
    limit: usize,
) -> Result<EntityCounts> {
    let searcher = index.searcher()?;
    let clauses = parse_query(query)?;
    let built = build(&clauses, filters, &index.fields, &searcher)?;
    let field = match kind {
        EntityField::Person => "person_facet",
        EntityField::Organization => "org_facet",
        EntityField::Location => "place_facet",
    };
    let mut facets = FacetCollector::for_field(field);
    facets.add_facet("/");
    let (total, counts) = searcher.search(&*built.query, &(Count, facets))?;
    let mut entities: Vec<EntityCount> = counts
        .get("/")
        .map(|(facet, n)| EntityCount {
            name: facet.to_path().join("/"),
            documents: n,
        })
        .collect();
    entities.sort_by(|a, b| {
        b.documents
            .cmp(&a.documents)
            .then_with(|| a.name.cmp(&b.name))
    });
    entities.truncate(limit);
    Ok(EntityCounts {
        kind,
        query: query.to_owned(),
        total,
        entities,
    })
}
