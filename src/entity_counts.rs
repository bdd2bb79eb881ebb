//! Entity counts: the persons, organizations or places most often named by the documents
//! that match a query and filters, counted by document from the names' fast-field columns.

use rustc_hash::FxHashMap;
use serde::Serialize;
use tantivy::collector::{Collector, Count, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::schema::Field;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

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
    let f = &index.fields;
    let column = match kind {
        EntityField::Person => f.person_column,
        EntityField::Organization => f.org_column,
        EntityField::Location => f.place_column,
    };
    let (total, mut counts) = searcher.search(&*built.query, &(Count, NameCounts { column }))?;
    if kind == EntityField::Person {
        counts = fold_short_names(counts);
    }
    let mut entities: Vec<EntityCount> = counts
        .into_iter()
        .map(|(name, documents)| EntityCount { name, documents })
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

/// A person named by a surname alone in some articles (`Reagan`) and in full in others
/// (`Ronald Reagan`) is one person when one full name among the counted ones ends with that
/// surname: its articles count for the full name. Two full names that end alike (`James
/// Baker`, `Howard Baker`) leave `Baker` alone, unless one of them is named by a single article
/// and the other by more (`Athough Reagan`, a misreading, beside `Ronald Reagan`). No article
/// lists a surname beside a full name that ends with it (extraction folds the one into the
/// other, `extract::merge_short_forms`), so no article is counted twice.
fn fold_short_names(counts: FxHashMap<String, u64>) -> FxHashMap<String, u64> {
    // Full names by the lowercase of their last word.
    let mut by_last: FxHashMap<String, Vec<(&str, u64)>> = FxHashMap::default();
    for (name, &n) in &counts {
        if let Some((_, last)) = name.rsplit_once(' ') {
            by_last
                .entry(last.to_lowercase())
                .or_default()
                .push((name, n));
        }
    }
    let full_name = |surname: &str| -> Option<String> {
        let names = by_last.get(&surname.to_lowercase())?;
        let several = |&&(_, n): &&(&str, u64)| n > 1;
        let significant: Vec<_> = if names.iter().any(|e| several(&e)) {
            names.iter().filter(several).collect()
        } else {
            names.iter().collect()
        };
        match significant.as_slice() {
            [(full, _)] => Some((*full).to_owned()),
            _ => None,
        }
    };
    let mut out: FxHashMap<String, u64> = FxHashMap::default();
    for (name, n) in &counts {
        // A surname, not a word misread as a person (`Aerospace`, beside `Hysol Aerospace`).
        let to = (!name.contains(' ') && crate::extract::may_be_surname(name))
            .then(|| full_name(name))
            .flatten()
            .unwrap_or_else(|| name.clone());
        *out.entry(to).or_insert(0) += n;
    }
    out
}

/// Counts, for each name in a string column, the matching documents that hold it.
struct NameCounts {
    column: Field,
}

/// [`NameCounts`] in one segment: a count per term ordinal of the segment's column.
struct SegmentNameCounts {
    column: Option<StrColumn>,
    counts: Vec<u64>,
}

impl Collector for NameCounts {
    type Fruit = FxHashMap<String, u64>;
    type Child = SegmentNameCounts;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentNameCounts> {
        let name = reader.schema().get_field_name(self.column);
        let column = reader.fast_fields().str(name)?;
        let terms = column.as_ref().map_or(0, |c| c.num_terms());
        Ok(SegmentNameCounts {
            column,
            counts: vec![0; terms],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<std::io::Result<FxHashMap<String, u64>>>,
    ) -> tantivy::Result<Self::Fruit> {
        let mut all = FxHashMap::default();
        for fruit in fruits {
            for (name, n) in fruit? {
                *all.entry(name).or_insert(0) += n;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentNameCounts {
    type Fruit = std::io::Result<FxHashMap<String, u64>>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        if let Some(column) = &self.column {
            // A document lists each of its names once.
            for ord in column.term_ords(doc) {
                self.counts[ord as usize] += 1;
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        let mut out = FxHashMap::default();
        let Some(column) = self.column else {
            return Ok(out);
        };
        let ords: Vec<u64> = (0..self.counts.len() as u64)
            .filter(|&ord| self.counts[ord as usize] > 0)
            .collect();
        // Names looked up in order, each dictionary block decoded once: looking up each
        // ordinal alone decodes its block again (with a fresh zstd context), which at a
        // million documents took seconds.
        let mut counts = ords.iter().map(|&ord| self.counts[ord as usize]);
        column.dictionary().sorted_ords_to_term_cb(&ords, |name| {
            if let Some(n) = counts.next() {
                out.insert(String::from_utf8_lossy(name).into_owned(), n);
            }
        })?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::testing::{record, temp_index};

    #[test]
    fn a_surname_alone_counts_for_the_one_full_name_that_ends_with_it() {
        let counts = |names: &[(&str, u64)]| {
            let map = names.iter().map(|(n, c)| (n.to_string(), *c)).collect();
            let mut out: Vec<(String, u64)> = fold_short_names(map).into_iter().collect();
            out.sort();
            out
        };
        let got = counts(&[("Reagan", 50), ("Ronald Reagan", 3), ("Baker", 7)]);
        assert_eq!(got, [("Baker".into(), 7), ("Ronald Reagan".into(), 53)]);
        // Two full names end alike: the surname stays apart.
        let got = counts(&[("Baker", 7), ("James Baker", 30), ("Howard Baker", 5)]);
        assert_eq!(got.len(), 3);
        // ... unless one is named once and the other more often; case does not matter.
        let got = counts(&[("reagan", 50), ("Ronald Reagan", 3), ("Athough Reagan", 1)]);
        assert_eq!(
            got,
            [("Athough Reagan".into(), 1), ("Ronald Reagan".into(), 53)]
        );
        // Names of several words are never folded, nor words no surname (`Brazil`).
        let got = counts(&[("Malcolm Baldrige", 6), ("Commerce Malcolm Baldrige", 1)]);
        assert_eq!(got.len(), 2);
        let got = counts(&[
            ("Brazil", 3),
            ("Bank of Brazil", 2),
            ("Hale", 1),
            ("Tom Hale", 2),
        ]);
        assert_eq!(
            got,
            [
                ("Bank of Brazil".into(), 2),
                ("Brazil".into(), 3),
                ("Tom Hale".into(), 3)
            ]
        );
    }

    /// Names enough to fill many blocks of a column's dictionary, so that counts must be
    /// paired with names across blocks.
    #[test]
    fn counts_pair_with_their_names_across_dictionary_blocks() {
        let (_dir, idx) = temp_index();
        let mut w = idx.writer(1, 50_000_000).unwrap();
        let n = 3000;
        for i in 0..n {
            let mut persons = vec![format!("Person Number{i:05}"), "Common Name".to_owned()];
            if i % 3 == 0 {
                persons.push(format!("Third Name{}", i % 7));
            }
            let rec = record(
                format!("/d/{i}.txt"),
                &format!("Story {i}"),
                "Text.",
                None,
                &persons,
            );
            w.add_document(rec.to_document(&idx.fields)).unwrap();
        }
        idx.commit(&mut w, &idx.commit_info()).unwrap();
        let all = top_entities(&idx, "", &Filters::default(), EntityField::Person, 10_000).unwrap();
        assert_eq!(all.total, n);
        assert_eq!(all.entities.len(), n + 1 + 7);
        let count = |name: &str| {
            all.entities
                .iter()
                .find(|e| e.name == name)
                .map(|e| e.documents)
        };
        assert_eq!(count("Common Name"), Some(n as u64));
        for k in 0..7 {
            let expected = (0..n).filter(|i| i % 3 == 0 && i % 7 == k).count() as u64;
            assert_eq!(count(&format!("Third Name{k}")), Some(expected));
        }
        for i in [0, 1, 1234, n - 1] {
            assert_eq!(count(&format!("Person Number{i:05}")), Some(1));
        }
    }
}
