//! English stems, as tantivy's `Stemmer` gives them (the same snowball algorithm, frostem),
//! with a cache of the words already stemmed: most words of news text recur, and the stemmer
//! was a third of the indexing threads' time.
//!
//! Input is a lower-cased, folded word (for an ASCII word, its key may be read from the word
//! as written: [`StemCache::stem_ascii`]); output is its stem, in place. Each
//! [`NewsTokenizer`](super::NewsTokenizer) has its own cache (tantivy clones the analyzer for
//! each segment writer), so no lock is shared.

use crate::bytes::{load_le, lower_ascii};

/// Slots of a cache (32 bytes each, 512 KiB in all). A cache twice the size is faster alone
/// (fewer words stemmed again) but not beside tantivy's postings tables, which share the
/// core's 1 MiB L2 cache: profiles of indexing 181k articles give the analyzer 7.5% of the
/// time with this size, 8.5% with twice the slots or with the former 48-byte ones.
const STEM_CACHE_SLOTS: usize = 1 << 14;

/// Words of up to this many bytes are cached, packed into one integer (no pointer to chase,
/// no string to compare); longer ones are stemmed each time.
const PACKED: usize = 16;

/// `word` packed into an integer, when it is short enough; never 0 (an empty slot). Its
/// bytes are loaded in at most four reads, with no copy (a copy of a word's variable length
/// was a call to `memmove` for every token).
fn pack(word: &[u8]) -> Option<u128> {
    pack_with(word, |half| half)
}

/// The [`pack`] of the lowercase of `word`, an ASCII word, read from `word` as it is: each
/// half lower-cased as it is loaded, in registers.
fn pack_lowercase(word: &[u8]) -> Option<u128> {
    pack_with(word, lower_ascii)
}

/// `bytes` packed, each half of eight bytes (zero above the word) through `map`.
#[inline]
fn pack_with(bytes: &[u8], map: impl Fn(u64) -> u64) -> Option<u128> {
    let n = bytes.len();
    if n == 0 || n > PACKED {
        return None;
    }
    let (low, high) = bytes.split_at(n.min(8));
    let packed = u128::from(map(load_le(low))) | u128::from(map(load_le(high))) << 64;
    // The length goes in too: "a" and "a\0" must not meet.
    Some(packed ^ ((n as u128) << 120))
}

/// Bytes of a stem kept in a slot: a stem that is not the word's beginning and is longer is
/// not cached.
const STEM_BYTES: usize = 14;

/// A cached word and its stem (32 bytes, aligned: two slots to a cache line).
#[derive(Clone, Copy, Default)]
#[repr(C, align(32))]
struct Slot {
    word: u128,
    /// The stem, unless it is the word's beginning (`markets`, `market`), as most stems are:
    /// a hit then only shortens the word, with no stem to copy.
    stem: [u8; STEM_BYTES],
    len: u8,
    flags: u8,
}

const _: () = assert!(std::mem::size_of::<Slot>() == 32);

/// A bit of [`Slot::flags`]: the stem is the word's first `len` bytes.
const PREFIX: u8 = 1;
/// A bit of [`Slot::flags`]: the word was looked up again since it came, or since a word
/// that wanted its slot last passed it over.
const USED: u8 = 2;

/// Words stemmed before a cache is made (words of fewer than three bytes and numbers, which
/// skip the cache, do not count): a query, or the few passages a search highlights, never pay
/// for one.
pub(super) const STEM_CACHE_WARM_UP: u32 = 4096;

/// A direct-mapped cache of stems: each word has one slot, which a later word may take, unless
/// the word was looked up again since it came (it is then passed over once: see
/// [`StemCache::stem`]). Its slots are made once [`STEM_CACHE_WARM_UP`] words that would use
/// them went by without them.
#[derive(Default)]
pub(super) struct StemCache {
    slots: Vec<Slot>,
    uncached: u32,
}

impl StemCache {
    /// Replaces `text`, a lower-cased and folded word, by its English stem.
    pub(super) fn stem(&mut self, text: &mut String) {
        if is_own_stem(text.as_bytes()) {
            return;
        }
        let key = pack(text.as_bytes());
        self.stem_keyed(text, key);
    }

    /// [`stem`](Self::stem) for `text`, the lowercase copy of the ASCII word `word`. The
    /// word's key is read from `word`, where the tokenizer just read it, and not from the copy
    /// just written: the slot's address does not wait for the copy's bytes to come back from
    /// the store buffer, and the slot's load, which often misses, starts sooner.
    /// `capitals` tells whether `word` has any.
    pub(super) fn stem_ascii(&mut self, text: &mut String, word: &[u8], capitals: bool) {
        if is_own_stem(word) {
            return;
        }
        let key = if capitals {
            pack_lowercase(word)
        } else {
            pack(word)
        };
        debug_assert_eq!(
            key,
            pack(text.as_bytes()),
            "{text}: not the lowercase of its word"
        );
        self.stem_keyed(text, key);
    }

    /// Stems `text`, whose packed key is `key`.
    #[inline]
    fn stem_keyed(&mut self, text: &mut String, key: Option<u128>) {
        let Some((key, slot)) = key.and_then(|k| Some((k, self.slot(k)?))) else {
            stem_into(text);
            return;
        };
        if slot.word == key {
            slot.flags |= USED;
            // `text` is the slot's word, so the stem's end is a character boundary of it.
            if slot.flags & PREFIX != 0 {
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
        // A word that was looked up again keeps its slot from one newcomer: news text is
        // common words among many rare ones, and a rare word must not push a common one out.
        if slot.flags & USED != 0 {
            slot.flags &= !USED;
            return;
        }
        if prefix || text.len() <= STEM_BYTES {
            slot.word = key;
            slot.len = text.len() as u8;
            slot.flags = if prefix { PREFIX } else { 0 };
            if !prefix {
                slot.stem[..text.len()].copy_from_slice(text.as_bytes());
            }
        }
    }

    /// Whether `word` is in the cache.
    #[cfg(test)]
    fn holds(&mut self, word: &str) -> bool {
        let key = pack(word.as_bytes()).expect("a short word");
        self.slot(key).is_some_and(|s| s.word == key)
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

/// Whether the English stemmer leaves `word` as it is, known without looking at its rules: a
/// word of fewer than three bytes (the algorithm leaves a word of fewer than three characters
/// alone), or a number (ASCII digits: every suffix the stemmer removes or changes has a
/// letter). A quarter of the words of wire text are one or the other; asking the cache about
/// them cost a slot's load each, beside tantivy's postings tables, and numbers that seldom
/// recur took slots from words. `word` may be the lowercase word or the ASCII word it was
/// made from: neither its length nor its digits change with the case.
fn is_own_stem(word: &[u8]) -> bool {
    word.len() < 3 || word.iter().all(u8::is_ascii_digit)
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
        // too long to pack, short words and numbers do not count towards it).
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

    /// An ASCII word's key read from the word is the key of its lowercase, at every length
    /// around the halves' and the limit's edges, for capitals and for the bytes beside them
    /// (`@`, `[`, backquote, `{`) that a lowercasing by arithmetic could confuse with them.
    #[test]
    fn keys_read_from_the_word_are_those_of_its_lowercase() {
        let alphabet = b"AZazMm09@[`{-_.Q";
        for n in 0..=PACKED + 2 {
            for shift in 0..alphabet.len() {
                let word: Vec<u8> = (0..n)
                    .map(|i| alphabet[(i * 7 + shift) % alphabet.len()])
                    .collect();
                let lower = String::from_utf8(word.to_ascii_lowercase()).unwrap();
                assert_eq!(pack_lowercase(&word), pack(lower.as_bytes()), "{lower:?}");
            }
        }
        let mut cache = StemCache::default();
        for word in [
            "Markets",
            "RALLIED",
            "Generously",
            "governments",
            "1980s",
            "Internationalizations",
        ] {
            for _ in 0..=STEM_CACHE_WARM_UP {
                let mut text = word.to_ascii_lowercase();
                cache.stem_ascii(
                    &mut text,
                    word.as_bytes(),
                    word.bytes().any(|b| b.is_ascii_uppercase()),
                );
                assert_eq!(text, tantivy_stem(&word.to_ascii_lowercase()), "{word}");
            }
        }
    }

    /// What [`is_own_stem`] takes for unchanged, the stemmer leaves unchanged: every word
    /// of one or two ASCII letters or digits, every accented letter alone (two bytes), and
    /// numbers of up to five digits and longer ones.
    #[test]
    fn short_words_and_numbers_are_their_own_stems() {
        let chars: Vec<char> = ('a'..='z')
            .chain('0'..='9')
            .chain("àáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ".chars())
            .collect();
        let mut words: Vec<String> = chars.iter().map(|c| c.to_string()).collect();
        for a in &chars {
            for b in chars.iter().filter(|c| c.is_ascii()) {
                words.push(format!("{a}{b}"));
            }
        }
        // Three letters (`ies`, `sky`) are the stemmer's to change: the length limit is tight.
        for a in 'a'..='z' {
            for b in 'a'..='z' {
                words.extend(['s', 'd', 'y'].map(|c| format!("{a}{b}{c}")));
            }
        }
        words.extend((0..100_000).map(|n| n.to_string()));
        words.extend((0..100_000).map(|n| format!("{n:05}")));
        words.extend(["1987", "20210204", "000000000000000000000000000000001"].map(String::from));
        let mut taken = 0;
        for word in &words {
            if is_own_stem(word.as_bytes()) {
                taken += 1;
                assert_eq!(tantivy_stem(word), *word, "{word}");
            }
        }
        assert!(taken > 200_000, "{taken}");
        assert!(!is_own_stem(b"runs") && !is_own_stem(b"1980s"));
        // The limit is tight: the stemmer changes some words of three letters.
        let changed = words
            .iter()
            .filter(|w| w.len() == 3 && w.bytes().all(|b| b.is_ascii_lowercase()))
            .filter(|w| tantivy_stem(w) != **w)
            .count();
        assert!(changed > 0, "no word of three letters changed");
    }

    /// Two words of one slot: `common` is looked up again, then `rare` comes once and is
    /// stemmed without taking the slot; a second newcomer then finds the slot unguarded.
    #[test]
    fn a_word_looked_up_again_keeps_its_slot_from_a_newcomer() {
        let mut cache = StemCache::default();
        let mut warm = String::from("warming");
        for _ in 0..STEM_CACHE_WARM_UP {
            cache.stem(&mut warm);
            warm.replace_range(.., "warming");
        }
        let index = |cache: &mut StemCache, w: &str| {
            let first = cache.slots.as_ptr() as usize;
            (cache.slot(pack(w.as_bytes()).unwrap()).unwrap() as *const Slot as usize - first)
                / std::mem::size_of::<Slot>()
        };
        let common = "markets";
        let at = index(&mut cache, common);
        let rivals: Vec<String> = (0..2_000_000u32)
            .map(|i| format!("w{i}s"))
            .filter(|w| index(&mut cache, w) == at)
            .take(2)
            .collect();
        assert_eq!(rivals.len(), 2, "no words sharing a slot found");
        let stem = |cache: &mut StemCache, w: &str| {
            let mut t = w.to_string();
            cache.stem(&mut t);
            t
        };
        assert_eq!(stem(&mut cache, common), "market");
        assert_eq!(stem(&mut cache, common), "market");
        assert_eq!(stem(&mut cache, &rivals[0]), tantivy_stem(&rivals[0]));
        assert!(cache.holds(common) && !cache.holds(&rivals[0]));
        assert_eq!(stem(&mut cache, &rivals[1]), tantivy_stem(&rivals[1]));
        assert!(cache.holds(&rivals[1]) && !cache.holds(common));
        assert_eq!(stem(&mut cache, common), "market");
    }

    fn tantivy_stem(word: &str) -> String {
        let mut stemmer = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(Stemmer::new(Language::English))
            .build();
        terms(&mut stemmer, word).concat()
    }

    #[test]
    fn packing_puts_each_byte_in_its_place() {
        let words = [
            "a",
            "ab",
            "abc",
            "abcd",
            "abcde",
            "abcdef",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "abcdefghijkl",
            "abcdefghijklmno",
            "abcdefghijklmnop",
            "naïve",
            "a\0",
        ];
        for w in words {
            let mut buf = [0u8; PACKED];
            buf[..w.len()].copy_from_slice(w.as_bytes());
            let expected = u128::from_le_bytes(buf) ^ ((w.len() as u128) << 120);
            assert_eq!(pack(w.as_bytes()), Some(expected), "{w}");
        }
        assert_eq!(pack(b""), None);
        assert_eq!(pack(b"abcdefghijklmnopq"), None);
    }

    /// A stem that is not the word's beginning comes back whole from the cache.
    #[test]
    fn stems_that_are_not_prefixes_come_back_from_the_cache() {
        let mut cache = StemCache::default();
        let words = ["happy", "rallied", "generously", "ran", "skies", "dying"];
        for round in 0..(STEM_CACHE_WARM_UP as usize / words.len() + 3) {
            for w in words {
                let mut t = w.to_string();
                cache.stem(&mut t);
                assert_eq!(t, tantivy_stem(w), "{w} in round {round}");
            }
        }
        assert!(words.iter().all(|w| cache.holds(w)));
    }
}
