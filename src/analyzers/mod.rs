//! Text analyzers: how titles, bodies and entity names become index terms, at indexing and
//! at query time alike.
//!
//! - `news` (titles, bodies): words, lower-cased, accents folded, English stems, in one
//!   tokenizer ([`NewsTokenizer`]) with a cache of stems;
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

mod news_tokenizer;
#[cfg(test)]
mod news_tokenizer_tests;
mod stem_cache;

pub use news_tokenizer::{NewsTokenStream, NewsTokenizer};

/// The analyzer of titles and bodies.
pub fn news_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(NewsTokenizer::default())
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
    fn news_analyzer_stems_and_folds() {
        assert_eq!(
            terms(&mut news_analyzer(), "Budgets Café"),
            ["budget", "cafe"]
        );
    }
}
