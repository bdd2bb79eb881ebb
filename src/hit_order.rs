//! The order of search hits: by score or by date, then by the other, then by document id.
//!
//! tantivy breaks ties by where a document happens to lie in the index (segment, then doc
//! id), and which segment an article lands in depends on which indexing thread took it: two
//! builds of the same files listed a day's articles (a date order's usual tie) in different
//! orders, and a page boundary between equal hits moved. Ending every order in the document
//! id, which comes from the article's URL or path, gives one order for the same files.
//!
//! A hit's key is read part by part, only as far as it takes to tell whether it passes the page
//! kept so far: most hits fall below it on score (or date) alone, and read no other column.
//! Reading the id of every match doubled the median query time at 1M articles (a cache miss a
//! match); read lazily, the 100 benchmark queries take as long as with tantivy's own order at
//! 1M, and about 4% longer at 181k, whose ten replicas of each story tie.
//! Ranking by score keeps tantivy's block-max pruning (which a union of words takes).
//!
//! Scores are compared rounded to [`SCORE_BITS`] bits: tantivy sums the scores of a document's
//! words in an order that can depend on where the document lies, so one article scores a last
//! bit apart in two builds (wire-dev, 6 of 112 queries), and that bit must not order it.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use tantivy::collector::sort_key::{Comparator, NaturalComparator};
use tantivy::collector::{SegmentSortKeyComputer, SortKeyComputer, TopNComputer};
use tantivy::columnar::Column;
use tantivy::query::Weight;
use tantivy::{DateTime, DocAddress, DocId, Score, SegmentReader};

/// Where a hit goes: the greater first.
#[derive(Debug, Clone, Copy)]
pub struct HitKey {
    /// What the order is by: the score ([`rounded`]), or the date in seconds (negated for
    /// oldest first; undated is lowest either way).
    first: f64,
    /// Then: the date (newest first) after a score, the (rounded) score after a date.
    second: f64,
    /// Then the lower document id.
    id: u64,
    /// The score, as reported (it decides only through `first` or `second`).
    pub score: Score,
}

impl Ord for HitKey {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.first.total_cmp(&other.first))
            .then(self.second.total_cmp(&other.second))
            .then(other.id.cmp(&self.id))
    }
}

impl PartialOrd for HitKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for HitKey {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for HitKey {}

/// Significant bits of a score that order hits (of f32's 24).
const SCORE_BITS: u32 = 14;

/// `score` with its low bits cleared, so that sums of the same terms in another order (a last
/// bit apart) compare equal, unless they straddle a step, about once in 2^10 such pairs. Hits
/// apart by less than one part in 2^14 (about 0.001 for a score of 10) tie, and take the
/// date and then the id to order them.
fn rounded(score: Score) -> Score {
    const MASK: u32 = !((1 << (24 - SCORE_BITS)) - 1);
    Score::from_bits(score.to_bits() & MASK)
}

/// The order of one segment's hits: its date and id columns.
pub struct SegmentOrder {
    by_score: bool,
    newest: bool,
    dates: Option<Column<DateTime>>,
    ids: Option<Column<u64>>,
}

impl SegmentOrder {
    fn new(reader: &SegmentReader, by_score: bool, newest: bool) -> Self {
        SegmentOrder {
            by_score,
            newest,
            dates: reader.fast_fields().date("date").ok(),
            ids: reader.fast_fields().u64("id").ok(),
        }
    }

    /// The date of `doc` as a key, newest or oldest first; undated lowest either way.
    /// Seconds are exact in an f64 (up to 2^53), as scores are.
    fn date(&self, doc: DocId, newest_first: bool) -> f64 {
        let secs = self.dates.as_ref().and_then(|c| c.first(doc));
        secs.map_or(f64::NEG_INFINITY, |d| {
            let t = d.into_timestamp_secs() as f64;
            if newest_first {
                t
            } else {
                -t
            }
        })
    }

    /// The first part of the key of `doc`: its score, or its date.
    fn first(&self, doc: DocId, score: Score) -> f64 {
        if self.by_score {
            f64::from(rounded(score))
        } else {
            self.date(doc, self.newest)
        }
    }

    /// The second part: its date after a score, its score after a date.
    fn second(&self, doc: DocId, score: Score) -> f64 {
        if self.by_score {
            self.date(doc, true)
        } else {
            f64::from(rounded(score))
        }
    }

    fn id(&self, doc: DocId) -> u64 {
        self.ids.as_ref().and_then(|c| c.first(doc)).unwrap_or(0)
    }

    fn key(&self, doc: DocId, score: Score) -> HitKey {
        HitKey {
            first: self.first(doc, score),
            second: self.second(doc, score),
            id: self.id(doc),
            score,
        }
    }

    /// The key of `doc` if it goes before `worst`, reading its parts only as far as it takes
    /// to tell: ranked by score, a hit scoring below the worst kept reads no column at all.
    fn above(&self, doc: DocId, score: Score, worst: &HitKey) -> Option<HitKey> {
        let first = self.first(doc, score);
        if first < worst.first {
            return None;
        }
        let second = self.second(doc, score);
        if first == worst.first && second < worst.second {
            return None;
        }
        let key = HitKey {
            first,
            second,
            id: self.id(doc),
            score,
        };
        (key > *worst).then_some(key)
    }
}

impl SegmentSortKeyComputer for SegmentOrder {
    type SortKey = HitKey;
    type SegmentSortKey = HitKey;
    type SegmentComparator = NaturalComparator;

    fn segment_sort_key(&mut self, doc: DocId, score: Score) -> HitKey {
        self.key(doc, score)
    }

    /// Reads of a hit only what it takes to tell whether it passes the page kept so far.
    fn compute_sort_key_and_collect<C: Comparator<HitKey>>(
        &mut self,
        doc: DocId,
        score: Score,
        top: &mut TopNComputer<HitKey, DocId, C>,
    ) {
        let key = match &top.threshold {
            Some(t) => match self.above(doc, score, t) {
                Some(key) => key,
                None => return,
            },
            None => self.key(doc, score),
        };
        top.push(key, doc);
    }

    fn convert_segment_sort_key(&self, key: HitKey) -> HitKey {
        key
    }
}

/// The order of hits: best match first (equal scores newest first), or by date (newest or
/// oldest first, undated last; equal dates best match first); then by id.
#[derive(Debug, Clone, Copy)]
pub struct HitOrder {
    by_score: bool,
    newest: bool,
}

impl HitOrder {
    /// Best match first.
    pub const BY_SCORE: HitOrder = HitOrder {
        by_score: true,
        newest: true,
    };

    /// By date, newest or oldest first.
    pub fn by_date(newest: bool) -> HitOrder {
        HitOrder {
            by_score: false,
            newest,
        }
    }
}

impl SortKeyComputer for HitOrder {
    type SortKey = HitKey;
    type Child = SegmentOrder;
    type Comparator = NaturalComparator;

    fn requires_scoring(&self) -> bool {
        true
    }

    fn segment_sort_key_computer(&self, reader: &SegmentReader) -> tantivy::Result<SegmentOrder> {
        Ok(SegmentOrder::new(reader, self.by_score, self.newest))
    }

    /// The segment's best `k`. Ranked by score, what block-max pruning shows cannot reach them
    /// is skipped: the bound given back is just below the `k`th score, so that hits equal to it
    /// still come and the date and id decide between them.
    fn collect_segment_top_k(
        &self,
        k: usize,
        weight: &dyn Weight,
        reader: &SegmentReader,
        segment_ord: u32,
    ) -> tantivy::Result<Vec<(HitKey, DocAddress)>> {
        let order = self.segment_sort_key_computer(reader)?;
        let mut best = Best::new(k);
        let alive = reader.alive_bitset();
        let alive = |doc: DocId| alive.is_none_or(|a| a.is_alive(doc));
        if self.by_score {
            weight.for_each_pruning(Score::MIN, reader, &mut |doc, score| {
                if alive(doc) {
                    best.offer(&order, doc, score);
                }
                best.bound()
            })?;
        } else {
            weight.for_each(reader, &mut |doc, score| {
                if alive(doc) {
                    best.offer(&order, doc, score);
                }
            })?;
        }
        Ok(best.into_sorted(segment_ord))
    }
}

/// The best `k` hits of a segment seen so far, the worst on top.
struct Best {
    k: usize,
    heap: BinaryHeap<Reverse<(HitKey, DocId)>>,
}

impl Best {
    fn new(k: usize) -> Self {
        Best {
            k,
            heap: BinaryHeap::with_capacity(k + 1),
        }
    }

    fn offer(&mut self, order: &SegmentOrder, doc: DocId, score: Score) {
        if self.heap.len() < self.k {
            self.heap.push(Reverse((order.key(doc, score), doc)));
            return;
        }
        let Some(mut worst) = self.heap.peek_mut() else {
            return; // k = 0
        };
        if let Some(key) = order.above(doc, score, &worst.0 .0) {
            *worst = Reverse((key, doc));
        }
    }

    /// The score a hit must pass to be offered: below the worst kept, once `k` are kept.
    fn bound(&self) -> Score {
        match self.heap.peek() {
            // `first` is the rounded score, itself a score: every hit that rounds to it or
            // above scores it or above.
            Some(Reverse((worst, _))) if self.heap.len() == self.k => {
                (worst.first as Score).next_down()
            }
            _ => Score::MIN,
        }
    }

    /// The hits kept, best first.
    fn into_sorted(self, segment_ord: u32) -> Vec<(HitKey, DocAddress)> {
        // Ascending `Reverse`s: the greatest key first.
        self.heap
            .into_sorted_vec()
            .into_iter()
            .map(|Reverse((key, doc))| (key, DocAddress::new(segment_ord, doc)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_a_last_bit_apart_round_alike_and_order_keeps() {
        let step = rounded(11.119_111);
        let (a, b) = (
            Score::from_bits(step.to_bits() + 5),
            Score::from_bits(step.to_bits() + 6),
        );
        assert_eq!(rounded(a), rounded(b));
        assert_eq!(rounded(a), step);
        assert!(step <= a && a - step < a / 8000.0);
        // Rounding keeps the order of scores apart by more than a step.
        let scores = [0.0, 0.5, 1.0, 1.001, 2.0, 9.99, 10.0, 10.01, 250.0];
        for w in scores.windows(2) {
            assert!(rounded(w[0]) < rounded(w[1]), "{w:?}");
        }
    }
}
