//! The tokenizer of titles and bodies: words, lower-cased, accents folded, English stems, in
//! one pass over the text.
//!
//! It gives exactly the tokens of tantivy's `SimpleTokenizer`, `RemoveLongFilter::limit(40)`,
//! `LowerCaser`, `AsciiFoldingFilter` and `Stemmer` (English) in a chain, but does not pay for
//! four token streams: it scans bytes with a table, copies an ASCII word (nearly all of them)
//! into the token, lower-casing it there if the scan saw a capital, and only a word with a
//! non-ASCII character goes through tantivy's own lower-caser and folder. Stems come from a
//! [`StemCache`].

use std::ops::Range;

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, Token, TokenFilter, TokenStream, Tokenizer,
};

use super::stem_cache::StemCache;
use crate::bytes::{ALPHA, CLASS, DIGIT, NON_ASCII, UPPER};
use crate::chars::char_at;

/// Words of this many bytes or more, before lower-casing, are dropped (as by
/// `RemoveLongFilter::limit(40)`); they still take a position.
const MAX_WORD_BYTES: usize = 40;

/// tantivy's lower-caser then ASCII folder, over a whole word: their tables and their special
/// cases (`İ`, `ẞ`, the Kelvin sign) are what non-ASCII words go through.
type UnicodeFolder = <AsciiFoldingFilter as TokenFilter>::Tokenizer<
    <LowerCaser as TokenFilter>::Tokenizer<RawTokenizer>,
>;

/// Splits text into words (runs of alphanumeric characters), drops words of 40 bytes or more,
/// lower-cases, folds accents and stems the rest: the news analyzer in one tokenizer.
pub struct NewsTokenizer {
    token: Token,
    stems: StemCache,
    folder: UnicodeFolder,
    /// When set, only words whose first (folded) byte is marked are stemmed.
    stem_only: Option<Box<[bool; 256]>>,
}

impl Default for NewsTokenizer {
    fn default() -> Self {
        NewsTokenizer {
            token: Token::default(),
            stems: StemCache::default(),
            folder: AsciiFoldingFilter.transform(LowerCaser.transform(RawTokenizer::default())),
            stem_only: None,
        }
    }
}

impl NewsTokenizer {
    /// A tokenizer that stems only the words starting with one of `first_bytes` (of the
    /// lower-cased, folded word) and leaves the others folded but whole. An English stem
    /// starts with its word's first letter, so a highlighter looking for some stems loses
    /// nothing by skipping the words that cannot start them; stemming every word of every
    /// hit was most of a snippet's cost. One exception: folding makes `ʏ` (small capital Y)
    /// a capital `Y`, which the stemmer may turn into `y`; so a marked letter marks its
    /// capital too.
    pub fn stemming_only_words_starting_with(first_bytes: impl IntoIterator<Item = u8>) -> Self {
        let mut marked = Box::new([false; 256]);
        for b in first_bytes {
            marked[usize::from(b)] = true;
            marked[usize::from(b.to_ascii_uppercase())] = true;
        }
        NewsTokenizer {
            stem_only: Some(marked),
            ..NewsTokenizer::default()
        }
    }
}

#[cfg(test)]
impl NewsTokenizer {
    /// Whether the stem cache is made.
    pub(super) fn stem_cache_is_warm(&self) -> bool {
        self.stems.is_warm()
    }
}

impl Clone for NewsTokenizer {
    /// A clone starts with no cache: clones go to other threads, and copying the cache
    /// would cost more than refilling it.
    fn clone(&self) -> Self {
        NewsTokenizer {
            stem_only: self.stem_only.clone(),
            ..NewsTokenizer::default()
        }
    }
}

impl Tokenizer for NewsTokenizer {
    type TokenStream<'a> = NewsTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NewsTokenStream<'a> {
        self.token.reset();
        NewsTokenStream {
            text,
            next: 0,
            token: &mut self.token,
            stems: &mut self.stems,
            folder: &mut self.folder,
            stem_only: self.stem_only.as_deref(),
        }
    }
}

/// The token stream of [`NewsTokenizer`].
pub struct NewsTokenStream<'a> {
    text: &'a str,
    /// Where the search for the next word starts, in bytes.
    next: usize,
    token: &'a mut Token,
    stems: &'a mut StemCache,
    folder: &'a mut UnicodeFolder,
    stem_only: Option<&'a [bool; 256]>,
}

impl TokenStream for NewsTokenStream<'_> {
    fn advance(&mut self) -> bool {
        while let Some(word) = next_word(self.text, &mut self.next) {
            self.token.position = self.token.position.wrapping_add(1);
            if word.bytes.len() < MAX_WORD_BYTES {
                self.set_token(word);
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

impl NewsTokenStream<'_> {
    /// Makes `word` the current token: its offsets, and its stem as text.
    fn set_token(&mut self, word: Word) {
        let source = &self.text[word.bytes.clone()];
        self.token.offset_from = word.bytes.start;
        self.token.offset_to = word.bytes.end;
        let text = &mut self.token.text;
        text.clear();
        if word.ascii {
            text.push_str(source);
            if word.capitals {
                text.make_ascii_lowercase();
            }
        } else {
            fold_unicode(self.folder, source, text);
        }
        // Indexing never sets `stem_only`: its words are not looked at for it.
        let skip = self.stem_only.is_some_and(|marked| {
            !marked[usize::from(text.as_bytes().first().copied().unwrap_or(0))]
        });
        if !skip {
            if word.ascii {
                self.stems
                    .stem_ascii(text, source.as_bytes(), word.capitals);
            } else {
                self.stems.stem(text);
            }
        }
    }
}

/// A word of the text.
struct Word {
    /// Where it lies in the text.
    bytes: Range<usize>,
    /// Whether all its characters are ASCII.
    ascii: bool,
    /// Whether it has ASCII capitals.
    capitals: bool,
}

/// The first word of `text` at or after byte `*at`, as tantivy's `SimpleTokenizer` splits
/// (a run of characters that are `char::is_alphanumeric`); moves `*at` to its end.
fn next_word(text: &str, at: &mut usize) -> Option<Word> {
    let bytes = text.as_bytes();
    let mut i = *at;
    let start = loop {
        i += ascii_separators(&bytes[i..]);
        let (alphanumeric, len) = alphanumeric_at(text, i)?;
        if alphanumeric {
            break i;
        }
        i += len;
    };
    let (mut ascii, mut capitals) = (true, false);
    loop {
        let (len, classes) = ascii_letters(&bytes[i..]);
        i += len;
        capitals |= classes & UPPER != 0;
        // Past the ASCII letters and digits: a non-ASCII one, or the end of the word.
        let Some((true, len)) = alphanumeric_at(text, i) else {
            break;
        };
        ascii = false;
        i += len;
    }
    *at = i;
    Some(Word {
        bytes: start..i,
        ascii,
        capitals,
    })
}

/// How many ASCII characters other than letters and digits `bytes` starts with.
#[inline]
fn ascii_separators(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .position(|&b| CLASS[b as usize] & (ALPHANUMERIC | NON_ASCII) != 0)
        .unwrap_or(bytes.len())
}

/// How many ASCII letters and digits `bytes` starts with, and their [`CLASS`]es or-ed.
#[inline]
fn ascii_letters(bytes: &[u8]) -> (usize, u8) {
    let mut classes = 0;
    for (len, &b) in bytes.iter().enumerate() {
        let class = CLASS[b as usize];
        if class & ALPHANUMERIC == 0 {
            return (len, classes);
        }
        classes |= class;
    }
    (bytes.len(), classes)
}

/// The [`CLASS`] bits of a letter or digit.
const ALPHANUMERIC: u8 = ALPHA | DIGIT;

/// Whether the character at byte `at` of `text` (a character boundary) is alphanumeric, and
/// its length in bytes; `None` at the end of the text.
#[inline]
fn alphanumeric_at(text: &str, at: usize) -> Option<(bool, usize)> {
    char_at(text, at).map(|c| (c.is_alphanumeric(), c.len_utf8()))
}

/// `word` lower-cased then folded by tantivy's `LowerCaser` and `AsciiFoldingFilter`, into
/// `out` (empty).
fn fold_unicode(folder: &mut UnicodeFolder, word: &str, out: &mut String) {
    let mut stream = folder.token_stream(word);
    if stream.advance() {
        std::mem::swap(out, &mut stream.token_mut().text);
    }
}
