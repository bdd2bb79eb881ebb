//! Proof that [`NewsTokenizer`] gives the tokens of the chain of tantivy's tokenizer and
//! filters it replaces (text, offsets, position, position length), for every kind of input:
//! chosen hard cases, thousands of random strings, and streams long enough to warm the stem
//! cache and hit it.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer, Token, TokenStream, Tokenizer,
};

use super::{news_analyzer, NewsTokenizer};

/// The analyzer of titles and bodies as it was built before [`NewsTokenizer`].
fn old_chain() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// Every token of `stream`, whole.
fn collect(mut stream: impl TokenStream) -> Vec<Token> {
    let mut tokens = Vec::new();
    while stream.advance() {
        tokens.push(stream.token().clone());
    }
    tokens
}

/// Asserts that `new` and `old` make the same tokens of `text`.
fn assert_same(new: &mut TextAnalyzer, old: &mut TextAnalyzer, text: &str) {
    assert_eq!(
        collect(new.token_stream(text)),
        collect(old.token_stream(text)),
        "text: {text:?}"
    );
}

#[test]
fn hard_cases_match_the_old_chain() {
    let (mut new, mut old) = (news_analyzer(), old_chain());
    let long_words = [
        "a".repeat(39),
        "B".repeat(40),
        "c".repeat(41),
        format!("{}a", "é".repeat(19)),        // 39 bytes
        "É".repeat(20),                        // 40 bytes
        format!("{}a", "ü".repeat(20)),        // 41 bytes
        format!("{}a", "İ".repeat(19)),        // 39 bytes, 58 once lower-cased
        "\u{212A}".repeat(13),                 // Kelvin signs: 39 bytes, 13 once lower-cased
        "\u{212A}".repeat(14),                 // 42 bytes
        format!("{}{}", "x".repeat(38), "中"), // 41 bytes
    ];
    for word in &long_words {
        for text in [
            word.clone(),
            format!("before {word} after"),
            format!("{word},{word}-Next"),
        ] {
            assert_same(&mut new, &mut old, &text);
        }
    }
    let cases = [
        "",
        " ",
        " \t\n\r  \u{a0}\u{2003} ",
        "Hello, happy TAX payer!",
        "Running runners ran; the markets RALLIED, rallying again.",
        "don't can't O'Neill rock'n'roll 'quoted'",
        "state-of-the-art well--known -dash- end-",
        "1987 3.5% 10,000 COVID-19 G7 4x4 a1b2c3 007",
        "Müller MÜLLER müller Mueller",
        "ÉCOLE école Ecole naïve NAÏVETÉ café",
        "straße STRASSE Straße \u{1E9E}",
        "İstanbul ISTANBUL ıstanbul I\u{307}stanbul",
        "ǅemal ǄEMAL ǆemal",
        "Москва МОСКВА Путин Россия",
        "Αθήνα ΑΘΗΝΑ ΟΔΟΣ οδός Σίσυφος",
        "中华人民共和国 東京 서울 日本語テキスト",
        "cafe\u{301} re\u{301}sume\u{301} a\u{308}",
        "emoji 😀 in👍between 🇺🇸 👨\u{200d}👩\u{200d}👧",
        "non\u{a0}breaking\u{a0}space and\u{2009}thin",
        "ﬁnance ﬂow Œuvre æther Ørsted ðe þorn",
        "Ⅻ ² ½ ١٢٣ ⓐⒶ ａｂｃ ＡＢＣ",
        "\u{feff}bom \u{0}nul\u{0} tab\tsep",
        "x",
        "X.",
        ".x",
        "internationalizations internationalization",
        "sixteencharacter seventeencharacte eighteencharacters",
    ];
    for text in cases {
        assert_same(&mut new, &mut old, text);
    }
}

/// A xorshift generator: the same strings on every run, with no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Pieces of text that tell a tokenizer's cases apart.
const PIECES: &[&str] = &[
    "a", "e", "s", "Z", "Q", "0", "7", " ", " ", "'", "-", ".", ",", "\n", "\u{a0}", "ü", "Ü", "é",
    "É", "ß", "\u{1E9E}", "İ", "ı", "ǅ", "Ǆ", "я", "Я", "Ω", "Σ", "ς", "中", "\u{301}", "\u{308}",
    "😀", "\u{200d}", "ﬁ", "Ⅻ", "²", "\u{212A}", "\u{212B}", "Œ", "æ", "Ø", "ŉ", "Ⓐ", "ａ", "Ａ",
    "\u{0}", "١", "ing", "ed", "ies", "ation", "ly",
];

/// A random piece: one of [`PIECES`], any character, or an ASCII word of up to 44 letters.
fn random_piece(rng: &mut Rng) -> String {
    match rng.below(10) {
        0 => char::from_u32(rng.below(0x3_2000) as u32)
            .map(String::from)
            .unwrap_or_default(),
        1 => (0..rng.below(45))
            .map(|_| char::from(b"aAbeEiInorRsStTuy"[rng.below(17)]))
            .collect(),
        _ => PIECES[rng.below(PIECES.len())].to_owned(),
    }
}

#[test]
fn random_strings_match_the_old_chain() {
    let (mut new, mut old) = (news_analyzer(), old_chain());
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..5000 {
        let text: String = (0..rng.below(40)).map(|_| random_piece(&mut rng)).collect();
        assert_same(&mut new, &mut old, &text);
    }
}

/// Words of news text, long and short, ASCII or not, stems of 16 bytes or more among them.
const VOCABULARY: &[&str] = &[
    "The",
    "markets",
    "rallied",
    "Rallying",
    "government",
    "Governments",
    "said",
    "Minister",
    "Lavrov",
    "Müller",
    "ÉCOLE",
    "straße",
    "İstanbul",
    "Москва",
    "Αθήνα",
    "中国",
    "COVID",
    "19",
    "internationalization",
    "Internationalizations",
    "counterrevolutionaries",
    "sixteencharacter",
    "seventeencharacte",
    "naïvely",
    "don't",
    "well-known",
    "a",
    "I",
];

/// A made-up word of English parts: tens of thousands of them, sharing prefixes and
/// suffixes, so that words take one another's cache slots.
fn made_up_word(rng: &mut Rng) -> String {
    const PREFIXES: &[&str] = &["", "", "re", "un", "inter", "Over", "counter"];
    const ROOTS: &[&str] = &[
        "nation", "govern", "market", "rall", "run", "report", "elect", "sanction", "Müll", "écol",
        "STAT", "hope",
    ];
    const SUFFIXES: &[&str] = &[
        "", "s", "ed", "ing", "al", "ally", "ization", "izations", "ers", "ness", "ies", "y",
    ];
    let mut word = String::new();
    word.push_str(PREFIXES[rng.below(PREFIXES.len())]);
    word.push_str(ROOTS[rng.below(ROOTS.len())]);
    for _ in 0..rng.below(3) {
        word.push(char::from(b"abcdefghij"[rng.below(10)]));
    }
    word.push_str(SUFFIXES[rng.below(SUFFIXES.len())]);
    word
}

/// `words` words of news-like text, with separators.
fn news_like(rng: &mut Rng, words: usize) -> String {
    let mut text = String::new();
    for _ in 0..words {
        match rng.below(3) {
            0 => text.push_str(VOCABULARY[rng.below(VOCABULARY.len())]),
            _ => text.push_str(&made_up_word(rng)),
        }
        text.push_str([" ", ", ", ". ", "\n", " — "][rng.below(5)]);
    }
    text
}

#[test]
fn streams_past_the_stem_cache_warm_up_match_the_old_chain() {
    let mut old = old_chain();
    let mut tokenizer = NewsTokenizer::default();
    let mut rng = Rng(42);
    let long = news_like(&mut rng, 50_000);
    // Warm-up, filling and hits within one stream, then a stream that is all hits.
    for _ in 0..2 {
        let expected = collect(old.token_stream(&long));
        assert_eq!(collect(tokenizer.token_stream(&long)), expected);
    }
    assert!(tokenizer.stem_cache_is_warm());
    // Many short texts through one warm cache, as titles and bodies go at indexing.
    for _ in 0..500 {
        let words = rng.below(30);
        let text = news_like(&mut rng, words);
        let expected = collect(old.token_stream(&text));
        assert_eq!(collect(tokenizer.token_stream(&text)), expected);
    }
    // A clone starts cold, and agrees all the same.
    let mut clone = tokenizer.clone();
    assert!(!clone.stem_cache_is_warm());
    assert_eq!(
        collect(clone.token_stream(&long)),
        collect(old.token_stream(&long))
    );
}

/// The chain without its stemmer: the words a stem is made from.
fn unstemmed_chain() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

#[test]
fn stemming_only_some_first_letters_keeps_the_rest_whole() {
    let (mut stemmed, mut whole) = (old_chain(), unstemmed_chain());
    let some = NewsTokenizer::stemming_only_words_starting_with(*b"mrgy");
    let mut rng = Rng(7);
    let mut texts: Vec<String> = (0..300).map(|_| news_like(&mut rng, 40)).collect();
    texts.extend((0..2000).map(|_| (0..rng.below(40)).map(|_| random_piece(&mut rng)).collect()));
    texts.push("dying lying skies idly gently early only singly yelling Ypres".into());
    texts.push("ʏay ʏays ʏeyed ʏrgent".into());
    for text in &texts {
        let (s, w) = (
            collect(stemmed.token_stream(text)),
            collect(whole.token_stream(text)),
        );
        let got = collect(some.clone().token_stream(text));
        assert_eq!(got.len(), s.len(), "text: {text:?}");
        for ((g, s), w) in got.iter().zip(&s).zip(&w) {
            // What the highlighter relies on: a stem starts with its word's first byte, or
            // (`ʏ` folds to `Y`) with that byte in lower case.
            let first = |t: &Token| t.text.as_bytes()[0].to_ascii_lowercase();
            assert_eq!(first(s), first(w), "{w:?} -> {s:?}");
            let expected = if b"mrgy".contains(&first(w)) {
                &s.text
            } else {
                &w.text
            };
            assert_eq!(&g.text, expected, "text: {text:?}");
            assert_eq!((g.offset_from, g.offset_to), (s.offset_from, s.offset_to));
        }
    }
}
