//! The tokenizer gives exactly the tokens of its reference implementation
//! (`tokenize_reference_test`): on tricky hand-written strings, on thousands of generated ones,
//! and on every article of `$NEWSDEX_SHARED/corpora/wire-dev/` when that folder exists.

use super::seed_test::shared_dir;
use super::tokenize::{soft_breaks, tokenize, unwrap_lines, Shape, TokKind, Token};
use super::tokenize_reference_test as reference;
use std::path::{Path, PathBuf};

/// Every field of a token, comparable.
type Fields<'a> = (&'a str, usize, usize, TokKind, Shape, bool, u32, bool);

fn fields<'a>(t: &Token<'a>) -> Fields<'a> {
    (
        t.text,
        t.start,
        t.end,
        t.kind,
        t.shape,
        t.camel,
        t.line,
        t.sent_start,
    )
}

/// Panics, naming the first differing token, unless both tokenizers agree on `text`.
fn assert_same(text: &str) {
    let new: Vec<Fields<'_>> = tokenize(text).iter().map(fields).collect();
    let old: Vec<Fields<'_>> = reference::tokenize(text).iter().map(fields).collect();
    if new == old {
        return;
    }
    let at = new.iter().zip(&old).take_while(|(n, o)| n == o).count();
    panic!(
        "tokens differ at token {at} for {text:?}\n new: {:?}\n old: {:?}\n (lengths {} and {})",
        new.get(at),
        old.get(at),
        new.len(),
        old.len()
    );
}

const TRICKY: &[&str] = &[
    "",
    " ",
    "\n",
    "a",
    "A",
    "A.",
    "'s",
    "Biden 's visit",
    "Biden 'S visit",
    "Biden ’s visit",
    "Biden's",
    "Biden’s.",
    "Biden's, Obama’s",
    "O'Brien's office",
    "O’Brien’s office",
    "it's the boss's",
    "the 's word",
    "'s start",
    "Biden 'sa",
    "Biden 's1",
    "Biden\n's",
    "rock 'n' roll",
    "'quoted' and ‘quoted’ and \"quoted\" and “quoted”",
    "the U.S. and the U.K. said.",
    "U.S.A. U.S U.S.-led",
    "J. Smith and A. B. Jones, J.R.R. Tolkien",
    "Mr. Smith, Mrs. Jones, Dr. Who, St. Louis, MR. BIG, mr. small",
    "Acme Corp. and Foo Inc. and Bar Co. Ltd. Gen. Sen. Rep. Gov. Lt. Col.",
    "Capt. Sgt. Prof. Rev. Mt. Ft. No. 5 vs. Bros. Messrs. Adm. Cmdr. Maj. Pres. Cos.",
    "Jan. Feb. Mar. Apr. Aug. Sep. Sept. Oct. Nov. Dec. Dept. Univ. Assn. Ave. Blvd.",
    "Messrsx. corpo. Mrs.Smith e.g. i.e. etc. Ph.D. ph.d.",
    "al-Assad, bin-Laden, el-Sisi, ibn-Saud, abu-Bakr, d-Day, ash-Sharaa, al-qaeda",
    "Al-Assad al-Assad-al-Bashir alx-Assad as-Sadr at-Tall az-Zawahiri ar-Raqqa ad-Din",
    "ben-Gurion ben-gurion al-Łukasz al-İstanbul al-1",
    "AT&T, S&P 500, Procter & Gamble, R&D, &c",
    "McDonald, MacArthur, DeSantis, SolarWinds, iPhone, eBay, YouTube, McDONALD",
    "Mcdonald MacBook DeLorean deSantis Macx MACarthur",
    "GDRs, ADRs, CEOs, NATO, LONDON, Ms, As, AS, ABs, AbS",
    "1996-08-30, 19.32, 6-3, 1,000, 3.5%, 10am, 1st, 2's, 1.5.",
    "the 1990s' boom 1990's",
    "word — dash – dash - dash — Word • bullet * star",
    "word—word word–word word-",
    "end. Start! Go? Yes: no; (paren) [bracket] {brace}",
    "(Reuters) - LONDON, Jan 5 - The company said.",
    "Müller, Łukasz, İstanbul, ÉCOLE, École, straße, STRASSE, Ærø",
    "Москва, Владимир Путин, США, ООН.",
    "北京 中国 東京都 日本語テキスト 한국어",
    "Ελλάδα ΑΘΗΝΑ ΟΗΕ",
    "cafe\u{301} Cafe\u{301}s Zoe\u{308} e\u{301}",
    "ǅemal ǅ ǈ Ǉ",
    "Ⅻ. Ⅻ Ⅻth ² ³. ٣.٣. ٣ ۱۲",
    "ªb Aª º",
    "line one\r\nline two\r\n\r\nline three",
    "tab\tseparated\tWords\t",
    "no\u{a0}break\u{a0}Space",
    "em\u{2003}space thin\u{2009}space ideo\u{3000}space",
    "line\u{2028}sep para\u{2029}sep next\u{85}line",
    "zero\u{200b}width joiner\u{200d}x",
    "\u{feff}BOM start",
    "ending mid-word: Washingt",
    "ending with dot Mr.",
    "ending with apostrophe O'",
    "ending with hyphen al-",
    "trailing possessive Biden'",
    "Biden'S' Biden's's O''Brien O'-Brien a.-b a..b a.&b",
    "x'y’z-w.v&u",
    "\u{1F600} emoji \u{1F1FA}\u{1F1F8} flags",
];

#[test]
fn same_tokens_on_tricky_strings() {
    for text in TRICKY {
        assert_same(text);
    }
}

#[test]
fn same_tokens_on_every_suffix_of_the_tricky_strings() {
    // Texts that end mid-word, mid-possessive, mid-abbreviation; and start mid-token.
    for text in TRICKY {
        for (i, _) in text.char_indices() {
            assert_same(&text[..i]);
            assert_same(&text[i..]);
        }
    }
}

/// SplitMix64: a deterministic generator, enough to draw test strings.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Single characters: letters of both cases, digits, the joiners and punctuation the tokenizer
/// treats specially, white space of several kinds, and non-ASCII letters, digits and marks.
const ALPHABET: &[char] = &[
    'a', 'b', 'c', 'd', 'e', 'l', 'm', 'r', 's', 't', 'x', 'A', 'B', 'C', 'D', 'M', 'R', 'S', 'T',
    'U', 'X', '0', '1', '9', '\'', '’', '‘', '-', '.', '&', ',', ';', ':', '!', '?', '(', ')', '[',
    ']', '"', '“', '”', '—', '–', '•', '*', ' ', ' ', ' ', '\n', '\r', '\t', 'é', 'É', 'ß', 'İ',
    'ı', 'Ł', 'ǅ', 'Д', 'д', '中', '\u{301}', '\u{a0}', '\u{2003}', '\u{85}', '٣', '²', 'Ⅻ', 'ª',
];

/// Fragments that reach the rarer branches: abbreviations, particles, `Mc`/`Mac`/`De`,
/// possessives, initials.
const FRAGMENTS: &[&str] = &[
    "Mr",
    "mrs",
    "MS",
    "Corp",
    "co",
    "Messrs",
    "sept",
    "No",
    "blvd",
    "al",
    "el",
    "bin",
    "ibn",
    "ash",
    "d",
    "Mc",
    "Mac",
    "De",
    "U.S",
    "'s",
    "’s",
    " 's ",
    "AT&T",
    "GDRs",
    "1996",
    "19.32",
    "\r\n",
    "Assad",
    "Müller",
    "İstanbul",
    "NATO",
    "SolarWinds",
    "e.g",
    "J",
    ". ",
];

fn random_text(rng: &mut SplitMix) -> String {
    let len = rng.below(24);
    let mut s = String::new();
    for _ in 0..len {
        if rng.below(4) == 0 {
            s.push_str(FRAGMENTS[rng.below(FRAGMENTS.len())]);
        } else {
            s.push(ALPHABET[rng.below(ALPHABET.len())]);
        }
    }
    s
}

#[test]
fn same_tokens_on_generated_strings() {
    let mut rng = SplitMix(0x6E65_7773_6465_7821);
    for _ in 0..50_000 {
        assert_same(&random_text(&mut rng));
    }
}

fn text_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            text_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
}

#[test]
#[allow(clippy::print_stderr)] // the skip notice is the point
fn same_tokens_on_the_wire_dev_corpus() {
    let dir = shared_dir().join("corpora/wire-dev/articles");
    let mut files = Vec::new();
    text_files(&dir, &mut files);
    if files.is_empty() {
        let required = std::env::var("NEWSDEX_REQUIRE_SHARED").is_ok_and(|v| v == "1");
        assert!(
            !required,
            "{}: no articles and NEWSDEX_REQUIRE_SHARED=1",
            dir.display()
        );
        eprintln!(
            "skipped: no articles in {} (set NEWSDEX_SHARED)",
            dir.display()
        );
        return;
    }
    for path in &files {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_same(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn only_the_breaks_inside_a_wrapped_paragraph_are_soft() {
    let wrapped = "The Securities and Exchange\nCommission said on Tuesday that it would look\n\
                   into the offer made by Hollis Marrow.\n\nA second paragraph follows here.\n";
    let breaks: Vec<usize> = wrapped.match_indices('\n').map(|(i, _)| i).collect();
    assert_eq!(soft_breaks(wrapped), breaks[..2]);
    for text in [
        // A sentence a line, a table row a line, paragraphs joined by blank lines.
        "Peter Lind said on Monday .\nThe talks failed , he said .\nThey resume today .\n",
        "Leyton Rovers 4 1 1 2\nBrixham Town 4 1 1 2\nCalder United 4 0 2 2\n",
        "A title\n\nThe first paragraph, one line.\n\nThe second one.",
        " Indented title line\n TORONTO, March 4 - It said sales of the company\nrose.\n",
    ] {
        assert!(soft_breaks(text).is_empty(), "{text:?}");
    }
    // Tokens after a soft break are on the line before and start no sentence.
    let mut toks = tokenize(wrapped);
    unwrap_lines(wrapped, &mut toks);
    let commission = toks.iter().find(|t| t.text == "Commission").unwrap();
    assert_eq!((commission.line, commission.sent_start), (0, false));
    let second = toks.iter().find(|t| t.text == "second").unwrap();
    assert_eq!(second.line, 2);
    // As if the break were a space: a bracket passes on that no sentence starts; a short line
    // (a list's item) keeps its break.
    let text = "The offer was made by the company to the\n(Harbour Trust) on Monday after the\n\
                talks with the board ended in the\nmorning, and these:\nfirst,\nsecond item.\n";
    let mut toks = tokenize(text);
    unwrap_lines(text, &mut toks);
    let flat = text.replace(" the\n", " the ").replace(" the\n", " the ");
    let want: Vec<(u32, bool)> = tokenize(&flat)
        .iter()
        .map(|t| (t.line, t.sent_start))
        .collect();
    let got: Vec<(u32, bool)> = toks.iter().map(|t| (t.line, t.sent_start)).collect();
    assert_eq!(got, want);
}
