//! Text analyzers: how titles, bodies and entity names become index terms, at indexing and
//! at query time alike.
//!
//! - `news` (titles, bodies): words, lower-cased, accents folded, English stems;
//! - `name` (persons, organizations, locations): words (hyphens split parts), lower-cased,
//!   accents folded, transliteration variants folded (`Sergey` and `Sergei` are one term);
//! - the stopword analyzer tells which typed words carry meaning (query side only).

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, StopWordFilter,
    TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};
use tantivy::Index;

use crate::extract::fold_name_token;
use crate::schema::{NAME_ANALYZER, NEWS_ANALYZER};

/// The analyzer of titles and bodies.
pub fn news_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(CachedEnglishStemmer)
        .build()
}

/// The analyzer of entity names.
pub fn name_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(NameVariants)
        .build()
}

/// Lower-cased words without English stopwords: which typed words carry meaning.
pub fn stopword_analyzer() -> TextAnalyzer {
    let builder = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .dynamic();
    match StopWordFilter::new(Language::English) {
        Some(filter) => builder.filter_dynamic(filter).build(),
        None => builder.build(),
    }
}

/// The terms `analyzer` makes of `text`, in order.
pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(tok) = stream.next() {
        out.push(tok.text.clone());
    }
    out
}

/// Registers the analyzers the schema names on `index`.
pub fn register_analyzers(index: &Index) {
    let tokenizers = index.tokenizers();
    tokenizers.register(NEWS_ANALYZER, news_analyzer());
    tokenizers.register(NAME_ANALYZER, name_analyzer());
}

/// English stems, as tantivy's `Stemmer` gives them (the same snowball algorithm), with a
/// cache of the words already stemmed: most words of news text recur, and the stemmer was a
/// third of the indexing threads' time. Each analyzer clone (tantivy makes one per segment
/// writer) has its own cache, so no lock is shared.
#[derive(Clone, Copy, Debug)]
pub struct CachedEnglishStemmer;

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
}

/// Words stemmed before a cache is made: a query, or the few passages a search highlights,
/// never pay for one.
const STEM_CACHE_WARM_UP: u32 = 4096;

/// A direct-mapped cache of stems: each word has one slot, which a later word may take. Its
/// slots are made once [`STEM_CACHE_WARM_UP`] words went by without it.
#[derive(Default)]
struct StemCache {
    slots: Vec<Slot>,
    uncached: u32,
}

impl StemCache {
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

impl TokenFilter for CachedEnglishStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            cache: StemCache::default(),
        }
    }
}

/// [`CachedEnglishStemmer`] applied to a tokenizer.
pub struct CachedStemmerFilter<T> {
    inner: T,
    cache: StemCache,
}

impl<T: Clone> Clone for CachedStemmerFilter<T> {
    /// A clone starts with no cache: clones go to other threads, and copying the cache
    /// would cost more than refilling it.
    fn clone(&self) -> Self {
        CachedStemmerFilter {
            inner: self.inner.clone(),
            cache: StemCache::default(),
        }
    }
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            cache: &mut self.cache,
        }
    }
}

/// The token stream of [`CachedStemmerFilter`].
pub struct CachedStemmerStream<'a, T> {
    tail: T,
    cache: &'a mut StemCache,
}

fn stem_into(text: &mut String) {
    let stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
    if let std::borrow::Cow::Owned(stem) = stemmer.stem(text) {
        *text = stem;
    }
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let text = &mut self.tail.token_mut().text;
        let Some((key, slot)) = pack(text).and_then(|k| Some((k, self.cache.slot(k)?))) else {
            stem_into(text);
            return true;
        };
        // The stem's bytes came from a `String`: they are whole UTF-8.
        let cached = (slot.word == key)
            .then(|| std::str::from_utf8(&slot.stem[..slot.len as usize]).ok())
            .flatten();
        if let Some(stem) = cached {
            text.clear();
            text.push_str(stem);
            return true;
        }
        stem_into(text);
        if text.len() <= PACKED {
            slot.word = key;
            slot.stem = [0; PACKED];
            slot.stem[..text.len()].copy_from_slice(text.as_bytes());
            slot.len = text.len() as u8;
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Token filter replacing each name token by its variant-folded key.
#[derive(Clone, Copy, Debug)]
pub struct NameVariants;

impl TokenFilter for NameVariants {
    type Tokenizer<T: Tokenizer> = NameVariantsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> NameVariantsFilter<T> {
        NameVariantsFilter { inner: tokenizer }
    }
}

/// [`NameVariants`] applied to a tokenizer.
#[derive(Clone, Debug)]
pub struct NameVariantsFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for NameVariantsFilter<T> {
    type TokenStream<'a> = NameVariantsStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        NameVariantsStream {
            tail: self.inner.token_stream(text),
        }
    }
}

/// The token stream of [`NameVariantsFilter`].
pub struct NameVariantsStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for NameVariantsStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let folded = match fold_name_token(&token.text) {
            std::borrow::Cow::Borrowed(key) if key == token.text => None,
            key => Some(key.into_owned()),
        };
        if let Some(key) = folded {
            token.text = key;
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_variants_fold_together() {
        let mut a = name_analyzer();
        assert_eq!(
            terms(&mut a, "Sergey Lavrov"),
            terms(&mut a, "Sergei Lavrov")
        );
        assert_eq!(
            terms(&mut a, "Alexey Navalny"),
            terms(&mut a, "Alexei Navalny")
        );
        assert_eq!(
            terms(&mut a, "Aleksei Navalny"),
            terms(&mut a, "Alexei Navalny")
        );
        assert_eq!(terms(&mut a, "Muhammad Ali"), terms(&mut a, "Mohammed Ali"));
        assert_eq!(terms(&mut a, "José Ibáñez"), ["jose", "ibanez"]);
        assert_eq!(terms(&mut a, "Holm-Rasmussen"), ["holm", "rasmussen"]);
    }

    #[test]
    fn cached_stems_are_tantivys_stems() {
        let text = "Running runners ran; the markets rallied, rallying again. Generously \
                    generous governments governed. Running runners ran again, rallied. \
                    Internationalizations internationalization a aa naïvely naïve.";
        let mut tantivy_stemmer = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(tantivy::tokenizer::Stemmer::new(Language::English))
            .build();
        let mut cached = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(CachedEnglishStemmer)
            .build();
        let expected = terms(&mut tantivy_stemmer, text);
        // Before the cache is made, while it fills, and from it.
        for _ in 0..(STEM_CACHE_WARM_UP as usize / expected.len() + 2) {
            assert_eq!(terms(&mut cached, text), expected);
        }
        assert!(expected.contains(&"ralli".to_string()));
    }

    #[test]
    fn news_analyzer_stems_and_folds() {
        assert_eq!(
            terms(&mut news_analyzer(), "Budgets Café"),
            ["budget", "cafe"]
        );
    }
}
