//! Candidate spans: runs of capitalised tokens that may name an entity.
//!
//! Input is the token list with each token's gazetteer [`Flags`]; output is a list of
//! [`Span`]s (token ranges) with the cues seen right before them: a title (`President`,
//! `striker`), a nationality adjective (`Russian`). Titles, nationality adjectives, stopwords
//! and sentence-initial common words are never inside a span. Lines written all in capitals
//! (headlines, datelines) are not split here: they come out as [`Span::caps`] runs that the
//! resolver matches against the rest of the document. Every loop moves forward; lookahead is
//! bounded by [`MAX_SPAN`] and [`MAX_TITLE`] tokens.

use super::gazetteer::{gazetteer, key, lower_into, push_lower, Flags, HashedSet};
use super::tokenize::{Shape, TokKind, Token};
use crate::bytes::is_ascii_lowercase_text;

/// Longest span, in tokens.
pub(crate) const MAX_SPAN: usize = 8;
/// Longest title, in tokens (`former Deputy Prime Minister`).
const MAX_TITLE: usize = 6;

/// A candidate: tokens `first..=last`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Span {
    /// Index of the first token.
    pub first: usize,
    /// Index of the last token (inclusive).
    pub last: usize,
    /// A title comes right before it.
    pub title: bool,
    /// A nationality adjective comes right before it.
    pub nationality: bool,
    /// It is a run of words on an all-capitals line, to be matched word by word.
    pub caps: bool,
}

/// Endings that make a demonym of a place's name: `Californian`, `Queenslander`, `Parisian`,
/// `Milanese`.
const DEMONYM_ENDS: &[&str] = &["n", "er", "ian", "ese"];

/// Whether the lowercased word `lower` is a place's name and a [`DEMONYM_ENDS`] ending.
fn place_demonym(lower: &str) -> bool {
    DEMONYM_ENDS.iter().any(|end| {
        lower
            .strip_suffix(end)
            .filter(|stem| stem.len() >= 3)
            .is_some_and(|stem| gazetteer().get(stem).has(Flags::PLACE | Flags::COUNTRY))
    })
}

/// Whether the word at `m`, which no list knows and a capitalised word follows on its line,
/// is a place's demonym opening a run of capitalised words (`Minnesotan Scott LeDoux`, `New
/// Yorker Ann Hale`; not `Nathan Englander`). `buf` is scratch space.
fn demonym_at(toks: &[Token<'_>], flags: &[Flags], m: usize, buf: &mut String) -> bool {
    let t = &toks[m];
    let capitalised_before = |k: usize| {
        k > 0 && {
            let p = &toks[k - 1];
            p.line == t.line
                && p.kind == TokKind::Word
                && matches!(p.shape, Shape::Cap | Shape::Upper | Shape::Initial)
        }
    };
    // (`Yorker` is an ordinary word too, a cricket ball.)
    let unknown = flags[m].0 & !Flags::COMMON == 0 && (flags[m].0 == 0 || capitalised_before(m));
    if !unknown
        || t.kind != TokKind::Word
        || t.shape != Shape::Cap
        || toks[m + 1].line != t.line
        || t.text.contains('-')
    {
        return false;
    }
    buf.clear();
    if capitalised_before(m) {
        // `New Yorker`: a place of two words opens the run.
        if capitalised_before(m - 1) {
            return false;
        }
        push_lower(toks[m - 1].text, buf);
        buf.push(' ');
    }
    push_lower(t.text, buf);
    place_demonym(buf)
}

/// Whether the nationality word at `i` stays out of the name after it, whose capitalised words
/// run to `last` (`Russian Ivan Petrov`): it does unless it opens a name of the gazetteer
/// (`Czech Republic`, `South African Airways`, `European Monetary System`) or a company's
/// (`American Telephone and Telegraph Co`, `British Airways`). `buf` is scratch space.
fn nationality_stays_out(doc: &Doc<'_>, i: usize, last: usize, buf: &mut String) -> bool {
    last == i
        || !(begins_known_name(doc, i, last, buf)
            || company_ends_after(doc, i + 1)
            || doc.flags[i + 1].has(Flags::ORG_HEAD))
}

/// Last words of compounds that come before a name (`US-born`, `Fifteen-year-old`,
/// `Car-maker`), besides participles.
const MODIFIER_TAILS: &[&str] = &[
    "born",
    "run",
    "led",
    "hit",
    "made",
    "minus",
    "plus",
    "old",
    "time",
    "maker",
    "star",
    "owner",
    "winner",
    "songwriter",
    "law",
];

/// Per-token facts the span finder and the classifier share.
pub(crate) struct Doc<'a> {
    /// The tokens.
    pub toks: Vec<Token<'a>>,
    /// Gazetteer flags of each word token (empty flags for the rest).
    pub flags: Vec<Flags>,
    /// Whether each line is written in capitals.
    pub caps_line: Vec<bool>,
    /// Whether each line looks like a results or table line (names and numbers).
    pub table_line: Vec<bool>,
    /// The first line is in title case but for a ticker (`Acme Corp <acme> Sells
    /// Convertible Debentures`): its capitals say nothing about persons.
    pub ticker_title: bool,
    /// Words that appear in lowercase somewhere in the text, but for [`ordinary`] ones: their
    /// flags say so already, in any case.
    pub lower_words: HashedSet,
}

/// An ordinary word that is no first name (`shares`, not `will`). Such words are left out of
/// [`Doc::lower_words`], which holds because of two things:
/// - An ordinary lowercase word has the same flags capitalised. Both come from the word's key,
///   and the dot fallback, the only one a lowercase word takes, is the same for both. (The
///   plural fallback makes some capitalised words ordinary whose lowercase is not; those
///   stay in the set, where they do no harm.)
/// - Both users of the set look at the capitalised word's flags first. The first line's tally
///   counts an ordinary word without the set. `common_opener` takes it as common before asking.
///   Where a demonym has replaced the flags (`Yorker`), `common_opener`'s answer is no
///   anyway, as the word is then a nationality.
///
/// A new user of the set, or a fallback for lowercase words, must keep to this.
fn ordinary(f: Flags) -> bool {
    f.has(Flags::COMMON) && !f.has(Flags::FIRST)
}

impl<'a> Doc<'a> {
    /// Looks every token up and measures every line.
    pub fn new(toks: Vec<Token<'a>>) -> Self {
        let g = gazetteer();
        let mut buf = String::with_capacity(64);
        let mut flags = Vec::with_capacity(toks.len());
        let mut lower_words =
            HashedSet::with_capacity_and_hasher(toks.len() / 2, Default::default());
        let nlines = toks.last().map_or(0, |t| t.line as usize + 1);
        // per line: [upper words, other words, numbers, lowercase words, capitalised common
        // words, lowercase words that are not function words, tickers]
        let mut counts = vec![[0u32; 7]; nlines];
        let mut first_line_caps = Vec::new();
        for (n, t) in toks.iter().enumerate() {
            let (f, k) = if t.kind == TokKind::Word {
                // Most words are written in lower-case ASCII already: no copy to make.
                let plain = t.shape == Shape::Lower && is_ascii_lowercase_text(t.text.as_bytes());
                let lower = if plain {
                    t.text
                } else {
                    lower_into(t.text, &mut buf);
                    buf.as_str()
                };
                let k = key(lower);
                // Lowercase words need no plural fallback: only capitalised ones are tested
                // for being common words.
                let mut f = if t.shape == Shape::Lower && !lower.ends_with('.') {
                    g.get_key(k)
                } else {
                    g.lowered(lower, k)
                };
                if f.0 == 0 && t.shape == Shape::Cap {
                    // `Jean-Luc`, `Anne-Marie`: a hyphenated first name.
                    if let Some((a, b)) = lower.split_once('-') {
                        let named = |w: &str, bits: u32| g.get(w).has(bits);
                        if named(a, Flags::FIRST) && named(b, Flags::FIRST | Flags::SURNAME) {
                            f = Flags(Flags::FIRST);
                        }
                    }
                }
                (f, k)
            } else {
                (Flags(0), 0)
            };
            let c = &mut counts[t.line as usize];
            match (t.kind, t.shape) {
                (TokKind::Word, Shape::Upper) => c[0] += 1,
                (TokKind::Word, Shape::Lower) => {
                    c[1] += 1;
                    c[3] += 1;
                    c[5] += u32::from(!f.has(Flags::STOP));
                    // A ticker (`Afg Industries Inc <afg>`) is no word written in lowercase.
                    if n > 0 && toks[n - 1].text == "<" {
                        c[6] += 1;
                    } else if !ordinary(f) {
                        lower_words.insert(k);
                    }
                }
                (TokKind::Word, Shape::Cap) => {
                    c[1] += 1;
                    if ordinary(f) {
                        c[4] += 1;
                    } else if t.line == 0 {
                        first_line_caps.push(k);
                    }
                }
                (TokKind::Number, _) => c[2] += 1,
                _ => {}
            }
            flags.push(f);
            // `Minnesotan Scott LeDoux`: before a first name, a word no list knows may be a
            // place's demonym.
            if n > 0
                && t.shape == Shape::Cap
                && f.has(Flags::FIRST)
                && demonym_at(&toks, &flags, n - 1, &mut buf)
            {
                flags[n - 1] = Flags(Flags::NATIONALITY);
            }
        }
        // A capitalised word of the first line that the text also writes in lowercase is an
        // ordinary word there too (`Hog and Cattle Slaughter Guesstimates`, then `hog
        // slaughter`).
        if let Some(c) = counts.first_mut() {
            c[4] += first_line_caps
                .iter()
                .filter(|k| lower_words.contains(k))
                .count() as u32;
        }
        // A line in capitals, or a first line (the title) in Title Case (`Fahd Visits Britain
        // This Week`): the letter case of its words says nothing about names.
        let title_case =
            |c: &[u32; 7], tickers: u32| c[4] >= 2 && c[5] <= tickers && c[1] >= 4 + tickers;
        let caps_line: Vec<bool> = counts
            .iter()
            .enumerate()
            .map(|(n, c)| c[0] >= 1 && c[1] * 5 <= c[0] || n == 0 && title_case(c, 0))
            .collect();
        let ticker_title = counts
            .first()
            .is_some_and(|c| c[6] > 0 && title_case(c, c[6]) && !caps_line[0]);
        let table_line = counts.iter().map(|c| c[2] >= 1 && c[3] <= 2).collect();
        Doc {
            toks,
            flags,
            caps_line,
            table_line,
            ticker_title,
            lower_words,
        }
    }

    /// A nationality word that is no place's name (`Russian`, `Texan`; not `Georgia`).
    pub fn nationality_word(&self, i: usize) -> bool {
        self.flags[i].has(Flags::NATIONALITY) && !self.flags[i].has(Flags::COUNTRY | Flags::PLACE)
    }

    /// A word that may start or continue a name.
    pub fn caplike(&self, i: usize) -> bool {
        let t = &self.toks[i];
        t.kind == TokKind::Word
            && matches!(t.shape, Shape::Cap | Shape::Upper | Shape::Initial)
            && (!self.flags[i].has(Flags::STOP) || self.saint_at(i))
    }

    /// Whether `St` at `i` is `Saint`, starting a name: `St. Louis`, `St Mirren`, `ST LOUIS`.
    pub fn saint_at(&self, i: usize) -> bool {
        self.toks[i]
            .text
            .trim_end_matches('.')
            .eq_ignore_ascii_case("st")
            && self.toks.get(i + 1).is_some_and(|t| {
                t.line == self.toks[i].line
                    && t.kind == TokKind::Word
                    && matches!(t.shape, Shape::Cap | Shape::Upper)
            })
    }

    /// Whether `first..=last` is a verb form in `-ing` and its object, not a name: an
    /// ordinary word opening a sentence (`Entering Westminster, he...`) or a work's title
    /// (`Enduring Love`). It is one when a comma or a possessive follows or an ordinary word or
    /// a nationality is in it, so that a first name no list knows stays one (`Erling Varga
    /// scored`), and never before an organisation word (`Charming Shoppes Inc`, `Recording
    /// Industry Association`).
    pub fn verb_phrase(&self, first: usize, last: usize) -> bool {
        let after = self.toks.get(last + 1);
        let clause = after.is_some_and(|t| t.text == "," || t.kind == TokKind::Possessive);
        let ordinary = Flags::COMMON | Flags::NATIONALITY;
        first < last
            && self.verb_form(first)
            && !self.has_organisation_word(first + 1, last)
            && (clause || (first + 1..=last).any(|k| self.flags[k].has(ordinary)))
    }

    /// Whether token `i` is a capitalised verb form in `-ing` that no list knows as a name.
    /// Not on a title line (the first of several lines), which may capitalise every word
    /// (`Engineering Measurements (emco) Sets...`): the same words alone on one line are a
    /// sentence.
    fn verb_form(&self, i: usize) -> bool {
        let t = &self.toks[i];
        let named = Flags::FIRST
            | Flags::SURNAME
            | Flags::PLACE
            | Flags::COUNTRY
            | Flags::ORG
            | Flags::ORG_ANY
            | Flags::ORG_START
            | Flags::NATIONALITY;
        if t.line == 0 && self.caps_line.len() > 1 {
            return false;
        }
        t.kind == TokKind::Word
            && t.shape == Shape::Cap
            && t.text.len() >= 6
            && t.text.ends_with("ing")
            && !t.text.contains('-')
            && !self.flags[i].has(named)
    }

    /// Whether token `i` is a capitalised compound ending in a participle or a word of
    /// [`MODIFIER_TAILS`]: an adjective or a role before a name (`State-owned Rosneft`,
    /// `London-based`, `Oscar-winning`, `Two-time`, `Film-maker`), never part of it (`Wal-mart`
    /// and `Coca-cola` end in other words, `Jean-Luc` and `Ex-Downing` in capitals).
    /// Its first word is no particle and no surname alone (`Al-sayed`, `Owens-corning`), and
    /// an `-ing` ends it only with six letters or more (`Chien-ming` is a name).
    pub fn modifier_compound(&self, i: usize) -> bool {
        let t = &self.toks[i];
        let participle =
            |w: &str| w.len() >= 4 && w.ends_with("ed") || w.len() >= 6 && w.ends_with("ing");
        let known = |w: &str| {
            let f = gazetteer().word(w, &mut String::with_capacity(w.len()));
            let other = Flags::COMMON
                | Flags::PLACE
                | Flags::COUNTRY
                | Flags::NATIONALITY
                | Flags::FIRST
                | Flags::STOP;
            !f.has(Flags::PARTICLE) && (!f.has(Flags::SURNAME) || f.has(other))
        };
        t.kind == TokKind::Word
            && t.shape == Shape::Cap
            && t.text.rsplit_once('-').is_some_and(|(head, tail)| {
                tail.chars().next().is_some_and(char::is_lowercase)
                    && (participle(tail) || MODIFIER_TAILS.contains(&tail))
                    && head
                        .split('-')
                        .next()
                        .is_some_and(|w| !w.is_empty() && known(w))
            })
    }

    /// Whether a word of `first..=last` makes it an organisation's name: an organisation
    /// word (`Association`, `Bank`) or a company's ending (`Inc`).
    pub fn has_organisation_word(&self, first: usize, last: usize) -> bool {
        (first..=last).any(|k| {
            self.flags[k].has(Flags::ORG_HEAD | Flags::ORG_ANY) || is_company_end(self.toks[k].text)
        })
    }

    /// Whether a first name and a surname start at `i`, on one line: `James Miller`.
    pub fn full_name_at(&self, i: usize) -> bool {
        self.two_capitalised_at(i)
            && self.flags[i].has(Flags::FIRST)
            && !self.flags[i].has(Flags::COMMON | Flags::PLACE | Flags::COUNTRY)
            && (self.flags[i + 1].has(Flags::SURNAME) || !self.flags[i + 1].has(Flags::COMMON))
            && !self.flags[i + 1].has(Flags::PLACE)
            && (self.surname_head(i, i + 1)
                || !self.flags[i + 1].has(Flags::ORG_HEAD | Flags::LOC_HEAD))
    }

    /// Whether `first..=last` is a first name (and maybe middle names or initials) and a
    /// surname that also ends the names of places or organisations, one of the heads marked as
    /// often a surname (`Damon Hill`, `Margaret Court`, `Dana P. Hall`): the head word says
    /// nothing there. Context may still make it a place (`at Stanley Park`).
    pub fn surname_head(&self, first: usize, last: usize) -> bool {
        let a = self.flags[first];
        let middle = |k: usize| {
            let t = &self.toks[k];
            t.shape == Shape::Initial || t.shape == Shape::Cap && self.flags[k].has(Flags::FIRST)
        };
        last > first
            && last - first <= 3
            && self.toks[first].shape == Shape::Cap
            && self.toks[last].shape == Shape::Cap
            && a.has(Flags::FIRST)
            && !a.has(Flags::PLACE | Flags::COUNTRY | Flags::ORG | Flags::COMMON)
            && (first + 1..last).all(middle)
            && self.flags[last].has(Flags::HEAD_SURNAME)
    }

    /// Whether two capitalised words that may be a first name and a surname start at `i`, on
    /// one line: no ordinary word, place or organisation (`Didier Drogba`, not `Intelligence
    /// Unit`).
    fn two_word_name_at(&self, i: usize) -> bool {
        let not = |k: usize, bits: u32| !self.flags[k].has(bits);
        self.two_capitalised_at(i)
            && (self.flags[i].has(Flags::FIRST) || not(i, Flags::COMMON))
            && not(
                i,
                Flags::PLACE | Flags::COUNTRY | Flags::ORG_ANY | Flags::ORG_START,
            )
            && not(
                i + 1,
                Flags::COMMON | Flags::ORG_HEAD | Flags::LOC_HEAD | Flags::PLACE,
            )
    }

    /// Whether two capitalised words (`James Miller`) start at `i`, on one line.
    fn two_capitalised_at(&self, i: usize) -> bool {
        let cap = |k: usize| {
            self.toks.get(k).is_some_and(|t| {
                t.kind == TokKind::Word && t.shape == Shape::Cap && t.line == self.toks[i].line
            })
        };
        cap(i) && cap(i + 1)
    }

    /// Whether a title modifier or head is token `k`, or `the` and then one: what may follow
    /// `of` inside a title.
    fn modifier_after(&self, k: usize) -> bool {
        let is_mod = |k: usize| {
            self.flags
                .get(k)
                .is_some_and(|f| f.has(Flags::TITLE_MOD | Flags::TITLE))
        };
        is_mod(k) || self.toks.get(k).is_some_and(|t| t.text == "the") && is_mod(k + 1)
    }

    /// If a title starts at `i` and a name follows it, the index of the name's first token.
    #[inline]
    pub fn title_at(&self, i: usize) -> Option<usize> {
        // Most words start no title: a title's first word is a title, a role or a modifier of
        // one (`former`), and is not in capitals. This is the first turn of the scan below.
        const OPENS: u32 = Flags::TITLE | Flags::ROLE | Flags::CAP_TITLE | Flags::TITLE_MOD;
        let t = self.toks.get(i)?;
        if !self.flags[i].has(OPENS) || t.kind != TokKind::Word || t.shape == Shape::Upper {
            return None;
        }
        self.title_from(i)
    }

    /// [`Doc::title_at`] for a word that may open a title.
    fn title_from(&self, i: usize) -> Option<usize> {
        let n = self.toks.len();
        let (mut j, mut last_head) = (i, false);
        while j < n && j - i < MAX_TITLE && self.toks[j].line == self.toks[i].line {
            let (t, f) = (&self.toks[j], self.flags[j]);
            // A role noun is a title in lowercase (`striker`), or capitalised right before a
            // first name and a surname (`Budget Director James Miller`), or opening a sentence
            // before a name of two words (`Striker Didier Drogba scored`). A party or a rank
            // that is also an adjective is one only capitalised, right before a name (`Tory
            // Dominic Grieve`, `Major Tom Hale`; not `a major Frankfurt bank`).
            let name_next = || self.full_name_at(j + 1) || self.two_word_name_at(j + 1);
            let head = t.kind == TokKind::Word
                && t.shape != Shape::Upper
                && (f.has(Flags::TITLE)
                    || (f.has(Flags::ROLE)
                        && (t.shape == Shape::Lower
                            || self.full_name_at(j + 1)
                            || t.sent_start && self.two_word_name_at(j + 1)))
                    || (f.has(Flags::CAP_TITLE) && t.shape == Shape::Cap && name_next()));
            if head {
                last_head = true;
            } else if f.has(Flags::TITLE_MOD) && t.kind == TokKind::Word && t.shape != Shape::Upper
            {
                // `Secretary of State`, `Chancellor of the Exchequer`: a modifier after `of`
                // (and `the`) completes the head.
                let of = |k: usize| k > i && self.toks[k].text == "of";
                last_head = j > i + 1 && (of(j - 1) || self.toks[j - 1].text == "the" && of(j - 2));
            } else if j > i
                && (t.text == "of" || t.text == "the" && self.toks[j - 1].text == "of")
                && self.modifier_after(j + 1)
            {
                last_head = false;
            } else {
                break;
            }
            j += 1;
        }
        if !last_head || j >= n || !self.caplike(j) || self.toks[j].line != self.toks[i].line {
            return None;
        }
        if self.flags[j].has(Flags::TITLE) && self.title_at(j).is_some() {
            return None;
        }
        // `General Motors`, `Prince Edward Island`: the title word belongs to a known name
        // (not so before a person's: `Presenter Dana Hall`).
        let mut k = j;
        while k + 1 < n && k - j < 3 && self.caplike(k + 1) {
            k += 1;
        }
        if self.flags[k].has(Flags::ORG_HEAD)
            && self.toks[i].shape != Shape::Lower
            && !self.surname_head(j, k)
        {
            return None;
        }
        // `Premier Division`, `General Assembly`: a capitalised title word before the head of
        // an event or competition name is part of that name.
        if self.flags[k].has(Flags::MISC_HEAD) && self.toks[i].shape != Shape::Lower {
            return None;
        }
        Some(j)
    }
}

/// Whether a sentence-initial word is an ordinary word, not the start of a name that runs to
/// token `last` (a verb form: [`Doc::verb_phrase`]).
fn common_opener(doc: &Doc<'_>, i: usize, last: usize, buf: &mut String) -> bool {
    let f = doc.flags[i];
    if f.has(Flags::STOP) {
        return !doc.saint_at(i);
    }
    lower_into(doc.toks[i].text, buf);
    let common =
        f.has(Flags::COMMON) || doc.lower_words.contains(&key(buf)) || doc.verb_phrase(i, last);
    let namey = f.has(Flags::COUNTRY | Flags::PLACE | Flags::ORG | Flags::NATIONALITY);
    common && !namey && (i == last || !f.has(Flags::FIRST))
}

/// Whether tokens from `first` on, up to `last`, make a place, country or organisation of
/// the gazetteer of two to four words (`New York`, `New Zealand`, `NEW DELHI`): its first word
/// is then no ordinary word opening the sentence.
fn begins_known_name(doc: &Doc<'_>, first: usize, last: usize, buf: &mut String) -> bool {
    let g = gazetteer();
    (first + 1..=last.min(first + 3)).any(|end| {
        super::classify::phrase(doc, first, end, buf);
        g.get(buf).has(Flags::COUNTRY | Flags::PLACE | Flags::ORG)
    })
}

/// Finds the candidate spans of a document.
pub(crate) fn find_spans(doc: &Doc<'_>) -> Vec<Span> {
    let toks = &doc.toks;
    let n = toks.len();
    let mut out = Vec::new();
    let mut buf = String::with_capacity(64);
    let (mut title, mut nationality) = (false, false);
    let mut i = 0;
    while i < n {
        let t = &toks[i];
        if doc.caps_line[t.line as usize] {
            let mut j = i;
            while j < n && toks[j].line == t.line && doc.caplike(j) {
                j += 1;
            }
            if j > i {
                out.push(Span {
                    first: i,
                    last: j - 1,
                    caps: true,
                    ..Span::default()
                });
                i = j;
            } else {
                i += 1;
            }
            continue;
        }
        if let Some(j) = doc.title_at(i) {
            (title, i) = (true, j);
            continue;
        }
        if !doc.caplike(i) {
            (title, nationality) = (false, false);
            i += 1;
            continue;
        }
        if doc.modifier_compound(i) {
            i += 1;
            continue;
        }
        if doc.nationality_word(i) {
            let mut last = i;
            while last < (i + 3).min(n - 1)
                && toks[last + 1].line == t.line
                && doc.caplike(last + 1)
            {
                last += 1;
            }
            if nationality_stays_out(doc, i, last, &mut buf) {
                (nationality, i) = (true, i + 1);
                continue;
            }
        }
        let mut j = i;
        while j + 1 < n && j + 1 - i < MAX_SPAN && toks[j + 1].line == t.line {
            let k = j + 1;
            // `Fairchild Industries Inc. Lone Star Industries Inc rose`: the dot after a
            // company's last word may end the sentence too; `Acme Corp Chairman Resigns`: a
            // title after it belongs to no name.
            if is_company_end(toks[j].text)
                && (toks[j].text.ends_with('.') || doc.flags[k].has(Flags::TITLE))
                && !is_company_end(toks[k].text)
            {
                break;
            }
            if doc.caplike(k) && doc.title_at(k).is_none() {
                j = k;
                continue;
            }
            // `van der Berg`: up to two joining words before the next capitalised one.
            let two = k + 2 < n && joins(doc, i, j, k + 1) && doc.flags[k].has(Flags::PARTICLE);
            let next = if two { k + 2 } else { k + 1 };
            if next < n && doc.caplike(next) && toks[next].line == t.line && joins(doc, i, j, k) {
                j = next;
                continue;
            }
            break;
        }
        let mut first = i;
        while first <= j
            && toks[first].sent_start
            && common_opener(doc, first, j, &mut buf)
            && !begins_known_name(doc, first, j, &mut buf)
        {
            first += 1;
            if first <= j {
                // The next word starts the sentence now (`The Foreign Ministry`).
                if let Some(k) = doc.title_at(first).filter(|&k| k <= j) {
                    (title, first) = (true, k);
                }
            }
        }
        // `New Yorker John McEnroe`: so may a nationality word, as at the start of a span.
        if first < j
            && doc.nationality_word(first)
            && nationality_stays_out(doc, first, j, &mut buf)
        {
            (nationality, first) = (true, first + 1);
        }
        // `Office of Management and Budget James Miller`: an ordinary word glued to a name.
        if j == first + 2
            && toks[first].shape == Shape::Cap
            && doc.flags[first].has(Flags::COMMON)
            && !doc.flags[first]
                .has(Flags::FIRST | Flags::SURNAME | Flags::ORG | Flags::PLACE | Flags::COUNTRY)
            && doc.full_name_at(first + 1)
        {
            first += 1;
        }
        if first <= j {
            out.push(Span {
                first,
                last: j,
                title,
                nationality,
                caps: false,
            });
        }
        (title, nationality) = (false, false);
        i = j + 1;
    }
    out
}

/// Whether `and` (token `k`) is inside an organisation's name (the span `i..=j` before it):
/// `Co` right after it (`Frank B. Hall and Co Inc`), or a capitalised word that names nothing
/// alone before it and an organisation head within the three capitalised words after it
/// (`Securities and Exchange Commission`, `Food and Drug Administration`). A name (`Ford and
/// General Motors Corp`) or a place (`Britain and France`) before it never joins.
fn and_joins_an_organisation(doc: &Doc<'_>, i: usize, j: usize, k: usize) -> bool {
    let left = &doc.toks[j];
    // `Frank B. Hall and Co Inc`, `J.P. Morgan and Co`: whatever comes before.
    let company = doc
        .toks
        .get(k + 1)
        .is_some_and(|t| t.line == left.line && matches!(t.text, "Co" | "Co." | "Company"));
    if company {
        return true;
    }
    // `Standard and Poor's`: an organisation of the gazetteer with `and` in its name.
    let possessive = |m: usize| {
        doc.toks
            .get(m)
            .is_some_and(|t| t.kind == TokKind::Possessive)
    };
    let end = if possessive(k + 2) { k + 2 } else { k + 1 };
    let mut buf = String::with_capacity(64);
    if end < doc.toks.len() {
        super::classify::phrase(doc, j, end, &mut buf);
        if gazetteer().get(&buf).has(Flags::ORG) {
            return true;
        }
    }
    let named = Flags::ORG
        | Flags::PLACE
        | Flags::COUNTRY
        | Flags::FIRST
        | Flags::SURNAME
        | Flags::NATIONALITY;
    // A head may open the name (`Securities and Exchange Commission`), not end one that came
    // before (`General Motors and Ford Motor Co`).
    // Nor does an event's name (`Newport Jazz Festival and Carnegie Hall`).
    let head_ends_name = j > i && doc.flags[j].has(Flags::ORG_HEAD | Flags::MISC_HEAD);
    if left.shape != Shape::Cap || doc.flags[j].has(named) || head_ends_name {
        return false;
    }
    // `Czech Republic and South African Airways`: a known name before it is whole.
    if j > i {
        super::classify::phrase(doc, i, j, &mut buf);
        if gazetteer().get(&buf).has(named) {
            return false;
        }
    }
    // `Standard and Poor's Corp`: a possessive may come between. A head right after `and`
    // ends the name there or opens another (`Closer and Hotel Rwanda` are two names).
    let word = |m: usize| {
        doc.toks[m].line == left.line && (doc.caplike(m) || doc.toks[m].kind == TokKind::Possessive)
    };
    let opens = |m: usize| m == k + 1 && m + 1 < doc.toks.len() && word(m + 1);
    (k + 1..(k + 5).min(doc.toks.len()))
        .take_while(|&m| word(m))
        .any(|m| doc.flags[m].has(Flags::ORG_HEAD) && !opens(m))
}

/// Words that end a company's name: `Inc`, `Corp`, `Co`, `Plc`.
const COMPANY_ENDS: &[&str] = &[
    "inc",
    "corp",
    "co",
    "cos",
    "ltd",
    "plc",
    "llc",
    "ag",
    "sa",
    "nv",
    "corporation",
    "company",
];

/// Whether a company's name ends within five tokens from `k` on, on its line: capitalised
/// words, `and`, `&` and possessives (`Telephone and Telegraph Co`).
fn company_ends_after(doc: &Doc<'_>, k: usize) -> bool {
    let line = doc.toks[k.saturating_sub(1)].line;
    let inside = |m: usize| {
        let t = &doc.toks[m];
        doc.caplike(m)
            || matches!(t.kind, TokKind::Possessive | TokKind::Punct('&'))
            || t.text == "and"
    };
    (k..(k + 5).min(doc.toks.len()))
        .take_while(|&m| doc.toks[m].line == line && inside(m))
        .any(|m| is_company_end(doc.toks[m].text))
}

/// Whether `word` ends a company's name (`Inc`, `Corp.`).
pub(crate) fn is_company_end(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    COMPANY_ENDS.iter().any(|e| w.eq_ignore_ascii_case(e))
}

/// Whether the possessive `k` after the span `i..=j` is inside a company's name: `Moody's
/// Investors Service Inc`, `McDonald's Corp`, `Standard and Poor's Corp`. A place, a country,
/// a first name (`Britain's Imperial Chemical Industries Plc`) or a person's full name
/// (`Rupert Murdoch's News Corp Ltd`) before it owns something else.
fn possessive_joins_a_company(doc: &Doc<'_>, i: usize, j: usize, k: usize) -> bool {
    let owner = Flags::PLACE | Flags::COUNTRY | Flags::NATIONALITY | Flags::FIRST;
    let one_name = i == j
        || doc.toks[i..j]
            .iter()
            .any(|t| t.text == "and" || t.text == "&");
    one_name
        && !doc.flags[i].has(owner)
        && !doc.flags[j].has(owner)
        && company_ends_after(doc, k + 1)
}

/// Whether the lowercase or symbol token `k` joins the span `i..=j` to the next capitalised word:
/// a name particle (`de`, `van`), `&`, `of` after an organisation or place word (`Bank of
/// England`, `Gulf of Mexico`), or `and` inside an organisation's name.
fn joins(doc: &Doc<'_>, i: usize, j: usize, k: usize) -> bool {
    let t = &doc.toks[k];
    match t.kind {
        TokKind::Punct('&') => true,
        TokKind::Possessive => possessive_joins_a_company(doc, i, j, k),
        TokKind::Word if t.shape == Shape::Lower => {
            if doc.flags[k].has(Flags::PARTICLE) {
                return t.text != "y" || j > i;
            }
            if t.text == "and" {
                return and_joins_an_organisation(doc, i, j, k);
            }
            if t.text == "of" || t.text == "for" {
                let left = doc.flags[j];
                return left.has(Flags::ORG_HEAD | Flags::ORG_ANY)
                    || matches!(
                        doc.toks[j].text,
                        "Gulf"
                            | "Bay"
                            | "Sea"
                            | "Isle"
                            | "Cape"
                            | "Republic"
                            | "Kingdom"
                            | "Strait"
                            | "Straits"
                            | "Lake"
                            | "Mount"
                            | "Sea of"
                            | "Cup"
                            | "Bank"
                    );
            }
            false
        }
        _ => false,
    }
}
