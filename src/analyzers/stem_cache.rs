//! English stems, as tantivy's `Stemmer` gives them (the same snowball algorithm, frostem),
//! with a cache of the words already stemmed: most words of news text recur, and the stemmer
//! was a third of the indexing threads' time.
//!
//! Input is a lower-cased, folded word; output is its stem, in place. Each
//! [`NewsTokenizer`](super::NewsTokenizer) has its own cache (tantivy clones the analyzer for
//! each segment writer), so no lock is shared.

/// Slots of a cache (48 bytes each, 768 KiB in all, so that it stays in the processor's
/// cache).
const STEM_CACHE_SLOTS: usize = 1 << 14;

/// Words of up to this many bytes are cached, packed into one integer (no pointer to chase,
/// no string to compare); longer ones are stemmed each time.
const PACKED: usize = 16;

/// `word` packed into an integer, when it is short enough; never 0 (an empty slot).
fn pack(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > PACKED {
        return None;
    }
    let mut buf = [0u8; PACKED];
    buf[..bytes.len()].copy_from_slice(bytes);
    // The length goes in too: "a" and "a\0" must not meet.
    Some(u128::from_le_bytes(buf) ^ ((bytes.len() as u128) << 120))
}

/// A cached word and its stem, both no longer than [`PACKED`] bytes.
#[derive(Clone, Copy, Default)]
struct Slot {
    word: u128,
    stem: [u8; PACKED],
    len: u8,
    /// Whether the stem is the word's beginning (`markets`, `market`), as most stems are: a
    /// hit then only shortens the word, with no stem to copy.
    prefix: bool,
}

/// Words stemmed before a cache is made: a query, or the few passages a search highlights,
/// never pay for one.
pub(super) const STEM_CACHE_WARM_UP: u32 = 4096;

/// A direct-mapped cache of stems: each word has one slot, which a later word may take. Its
/// slots are made once [`STEM_CACHE_WARM_UP`] words went by without it.
#[derive(Default)]
pub(super) struct StemCache {
    slots: Vec<Slot>,
    uncached: u32,
}

impl StemCache {
    /// Replaces `text`, a lower-cased and folded word, by its English stem.
    pub(super) fn stem(&mut self, text: &mut String) {
        let Some((key, slot)) = pack(text).and_then(|k| Some((k, self.slot(k)?))) else {
            stem_into(text);
            return;
        };
        if slot.word == key {
            // `text` is the slot's word, so the stem's end is a character boundary of it.
            if slot.prefix {
                text.truncate(slot.len as usize);
                return;
            }
            // The stem's bytes came from a `String`: they are whole UTF-8.
            if let Ok(stem) = std::str::from_utf8(&slot.stem[..slot.len as usize]) {
                text.clear();
                text.push_str(stem);
                return;
            }
        }
        let prefix = stem_into(text);
        if text.len() <= PACKED {
            slot.word = key;
            slot.stem = [0; PACKED];
            slot.stem[..text.len()].copy_from_slice(text.as_bytes());
            slot.len = text.len() as u8;
            slot.prefix = prefix;
        }
    }

    /// Whether the cache is made.
    #[cfg(test)]
    pub(super) fn is_warm(&self) -> bool {
        !self.slots.is_empty()
    }

    /// The slot of `word`, once the cache is warm.
    fn slot(&mut self, word: u128) -> Option<&mut Slot> {
        if self.slots.is_empty() {
            self.uncached += 1;
            if self.uncached < STEM_CACHE_WARM_UP {
                return None;
            }
            self.slots = vec![Slot::default(); STEM_CACHE_SLOTS];
        }
        let h = (word as u64 ^ (word >> 64) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        Some(&mut self.slots[(h >> (64 - STEM_CACHE_SLOTS.trailing_zeros())) as usize])
    }
}

/// Replaces `text` by its English stem, uncached; whether the stem is the word's beginning.
fn stem_into(text: &mut String) -> bool {
    let stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
    match stemmer.stem(text) {
        std::borrow::Cow::Owned(stem) if text.starts_with(stem.as_str()) => {
            text.truncate(stem.len());
            true
        }
        std::borrow::Cow::Owned(stem) => {
            *text = stem;
            false
        }
        std::borrow::Cow::Borrowed(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{Language, LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};

    use super::*;
    use crate::analyzers::terms;

    #[test]
    fn cached_stems_are_tantivys_stems() {
        let text = "Running runners ran; the markets rallied, rallying again. Generously \
                    generous governments governed. Running runners ran again, rallied. \
                    Internationalizations internationalization a aa naïvely naïve.";
        let mut tantivy_stemmer = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build();
        let mut lower = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .build();
        let expected = terms(&mut tantivy_stemmer, text);
        let mut cache = StemCache::default();
        let mut cached = |word: String| {
            let mut word = word;
            cache.stem(&mut word);
            word
        };
        // Before the cache is made, while it fills, and from it (twice the warm-up: words
        // too long to pack do not count towards it).
        for _ in 0..(2 * STEM_CACHE_WARM_UP as usize / expected.len() + 2) {
            let stems: Vec<String> = terms(&mut lower, text)
                .into_iter()
                .map(&mut cached)
                .collect();
            assert_eq!(stems, expected);
        }
        assert!(cache.is_warm());
        assert!(expected.contains(&"ralli".to_string()));
    }
}
