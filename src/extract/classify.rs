//! Classifying one span: person, organization, location, or nothing, with a strength.
//!
//! Input is a [`Span`] of a [`Doc`]; output is a [`Guess`]. The evidence, strongest first: a
//! title before it, the whole span in a gazetteer, an organisation word in it, a first name or
//! an initial at its start, a results line around it, then the shape of the span itself and the
//! words next to it (`said`, `in`). Guesses of strength [`WEAK`] or [`NONE`] are left for the
//! document-level pass ([`super::resolve`]) to confirm or overrule. Pure and local: it looks at
//! most three tokens beyond the span.

use super::gazetteer::{gazetteer, push_lower, Flags};
use super::spans::{Doc, Span};
use super::tokenize::{Shape, TokKind};
use super::EntityKind;
use crate::parse::date::month_number;

/// No evidence: not an entity unless the document says otherwise.
pub(crate) const NONE: u8 = 0;
/// A guess from the words around the span only.
pub(crate) const WEAK: u8 = 1;
/// A guess from the shape of the span.
pub(crate) const MEDIUM: u8 = 2;
/// Gazetteer, title or organisation-word evidence.
pub(crate) const STRONG: u8 = 3;

/// What a span is taken to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Guess {
    /// The kind, if any.
    pub kind: Option<EntityKind>,
    /// How sure: [`NONE`] to [`STRONG`].
    pub strength: u8,
}

const fn guess(kind: EntityKind, strength: u8) -> Guess {
    Guess {
        kind: Some(kind),
        strength,
    }
}

const NOTHING: Guess = Guess {
    kind: None,
    strength: NONE,
};

/// Verbs of saying that follow a person's name.
const SAY: &[&str] = &[
    "said", "says", "told", "added", "asked", "wrote", "stated", "believes", "thinks", "replied",
];
/// Words of titles and offices (`Minister`, `Speaker`, `Foreign`, `Tory`).
const TITLE_WORD: u32 = Flags::TITLE | Flags::ROLE | Flags::TITLE_MOD | Flags::CAP_TITLE;
/// Points of the compass that name a part of a place (`East Midlands`, `Central Asia`); the
/// first four also follow one (`Bristol West`). (`Western` is a nationality word, never here.)
const COMPASS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "central",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
];
/// Prepositions that come before places.
const PLACE_PREP: &[&str] = &[
    "in", "at", "near", "from", "outside", "across", "into", "towards", "toward", "via",
];

/// Lowercases the words of `first..=last` joined by single spaces into `buf`.
pub(crate) fn phrase(doc: &Doc<'_>, first: usize, last: usize, buf: &mut String) {
    buf.clear();
    for t in &doc.toks[first..=last] {
        if !buf.is_empty() && t.kind != TokKind::Possessive {
            buf.push(' ');
        }
        push_lower(t.text, buf);
    }
}

/// Whether the gazetteer entry matched by a short token needs it written in capitals
/// (`WHO`, not `Who`).
pub(crate) fn acronym_ok(doc: &Doc<'_>, sp: &Span, lower: &str) -> bool {
    let t = &doc.toks[sp.first];
    let short = lower.len() <= 2 || lower.len() <= 4 && doc.flags[sp.first].has(Flags::FIRST);
    !short || lower.contains(['.', ' ']) || sp.first != sp.last || t.shape == Shape::Upper
}

/// Sports words around a single name that make it a team: `Leeds beat Chelsea`, `v Kent`.
const VERSUS: &[&str] = &[
    "beat", "beats", "v", "vs", "vs.", "versus", "against", "defeated", "drew", "edged",
    "thrashed", "hosts", "host",
];

/// The role of a span in a results or table line: rank before it (`3. Ann Lee`) or a `(`
/// after it make a person; numbers after it make a team, unless it is a country. `whole` is
/// what the gazetteer says of the span.
pub(crate) fn table_guess(
    doc: &Doc<'_>,
    first: usize,
    last: usize,
    whole: Flags,
    caps: bool,
) -> Option<Guess> {
    use EntityKind::{Location as Loc, Organization as Org, Person as Per};
    let toks = &doc.toks;
    let line = toks[first].line;
    if !doc.table_line[line as usize] {
        return None;
    }
    let on_line = |i: usize| toks.get(i).filter(|t| t.line == line);
    let line_start = |i: usize| i == 0 || toks[i - 1].line != line;
    let ranked = first >= 1
        && on_line(first - 1).is_some_and(|t| t.kind == TokKind::Number && line_start(first - 1))
        || first >= 2
            && matches!(toks[first - 1].text, "." | "=" | ")")
            && on_line(first - 2)
                .is_some_and(|t| t.kind == TokKind::Number && line_start(first - 2));
    let next = on_line(last + 1);
    let date = |t: &super::tokenize::Token<'_>| {
        t.text.len() >= 8 && t.text.matches(['-', '/']).count() == 2
    };
    let multi = last > first;
    // `Qtr Jan 31`: a day, no score.
    let day = |n: &super::tokenize::Token<'_>| {
        !multi && n.text.len() <= 2 && month_number(toks[first].text).is_some()
    };
    let num = next.filter(|t| t.kind == TokKind::Number && !date(t) && !day(t));
    let personal = doc.flags[first].has(Flags::FIRST) || toks[first].shape == Shape::Initial;
    if whole.has(Flags::COUNTRY) {
        return Some(guess(Loc, MEDIUM));
    }
    if ranked || (multi && next.is_some_and(|t| t.text == "(")) {
        return Some(guess(Per, MEDIUM));
    }
    let n = num?;
    // `ST LOUIS 7`, `St Mirren 1`: a city's or a saint's name before a score is a team.
    let team = whole.has(Flags::PLACE) || doc.saint_at(first);
    if multi && !personal && !caps && !team {
        // `Waqar Younis 12` or `Red Star 3`: the words decide.
        return None;
    }
    if multi && personal || n.text.contains('-') && !multi {
        return Some(guess(Per, if multi { MEDIUM } else { WEAK }));
    }
    Some(guess(Org, if multi { MEDIUM } else { WEAK }))
}

/// Classifies one span of a line that is not all in capitals.
pub(crate) fn classify(doc: &Doc<'_>, sp: &Span, buf: &mut String) -> Guess {
    use EntityKind::{Location as Loc, Organization as Org, Person as Per};
    let g = gazetteer();
    let (a, b) = (sp.first, sp.last);
    let toks = &doc.toks;
    let len = b - a + 1;
    let fl = |i: usize| doc.flags[i];
    if len == 1 && fl(a).has(Flags::STOP) {
        return NOTHING;
    }
    phrase(doc, a, b, buf);
    let whole = g.get(buf);
    let any_org = (a..=b).any(|i| fl(i).has(Flags::ORG_ANY) || toks[i].text == "&");
    if sp.title {
        return if fl(b).has(Flags::ORG_HEAD) && len > 1 && !doc.surname_head(a, b) {
            guess(Org, STRONG)
        } else {
            guess(Per, STRONG)
        };
    }
    if whole.has(Flags::ORG) && acronym_ok(doc, sp, buf) {
        return guess(Org, STRONG);
    }
    if let Some(t) = table_guess(doc, a, b, whole, false) {
        return t;
    }
    if whole.has(Flags::COUNTRY) {
        return guess(Loc, STRONG);
    }
    let t0 = &toks[a];
    let next = toks.get(b + 1).filter(|t| t.line == t0.line);
    let prev = a
        .checked_sub(1)
        .map(|p| &toks[p])
        .filter(|t| t.line == t0.line);
    // An article: `the` in any case, `a` and `an` in lower case or opening a sentence (`A Lo
    // Cicero` in a list is an initial).
    let article = prev.is_some_and(|t| {
        t.text.eq_ignore_ascii_case("the")
            || matches!(t.text, "a" | "an")
            || t.sent_start && matches!(t.text, "A" | "An")
    });
    let versus = next.is_some_and(|t| VERSUS.contains(&t.text))
        || prev.is_some_and(|t| VERSUS.contains(&t.text));
    if versus && !fl(a).has(Flags::FIRST) && toks[a].shape != Shape::Initial {
        return guess(Org, if len > 1 { MEDIUM } else { WEAK });
    }
    if whole.has(Flags::PLACE) && acronym_ok(doc, sp, buf) {
        return guess(Loc, STRONG);
    }
    // `Tour de France` is an event, `Jean-Luc de la Tour` a person.
    let particle_before =
        b > a && fl(b - 1).has(Flags::PARTICLE) && toks[b - 1].shape == Shape::Lower;
    if whole.has(Flags::NATIONALITY)
        || fl(b).has(Flags::MISC_HEAD) && !fl(b).has(Flags::FIRST) && !particle_before
    {
        return NOTHING;
    }
    // `Damon Hill won`, `Margaret Court said`: a first name before a surname that is also a
    // head word is a person's name, unless it is where something is (`at Stanley Park`).
    let placed = article || prev.is_some_and(|t| PLACE_PREP.contains(&t.text));
    let head = |bits: u32| fl(b).has(bits) && (placed || !doc.surname_head(a, b));
    if len > 1 && (any_org || head(Flags::ORG_HEAD) || fl(a).has(Flags::ORG_START)) {
        return guess(Org, STRONG);
    }
    if len > 1 && (head(Flags::LOC_HEAD) || fl(a).has(Flags::LOC_START)) {
        return guess(Loc, STRONG);
    }
    // `Raging Bull`, `Enduring Love`: a verb form does not start a name (a film's, a book's).
    if doc.verb_phrase(a, b) {
        return NOTHING;
    }
    if len == 1 && t0.camel {
        return guess(Org, MEDIUM);
    }
    if len == 1 && t0.shape == Shape::Upper {
        let letters = t0.text.chars().filter(|c| c.is_alphabetic()).count();
        return if (2..=6).contains(&letters) && !fl(a).has(Flags::NATIONALITY) {
            guess(Org, MEDIUM)
        } else {
            NOTHING
        };
    }
    let next_is = |s: &[&str]| next.is_some_and(|t| s.contains(&t.text));
    if len > 1 {
        // Initials (`J.`, `J.R.`) start a person's name; `U.S.`, a country, does not.
        let initials = t0.text.len() <= 5
            && t0.text.ends_with('.')
            && t0.text.matches('.').count() >= 2
            && !fl(a).has(Flags::COUNTRY | Flags::PLACE);
        if t0.shape == Shape::Initial || initials {
            return guess(Per, STRONG);
        }
        let cap_words = (a..=b).all(|i| toks[i].shape == Shape::Cap || fl(i).has(Flags::PARTICLE));
        // After a nationality, a first name that is also a place's starts a person's name
        // too (`Texan Jordan Spieth`).
        let place_name = fl(a).has(Flags::PLACE | Flags::COUNTRY) && !sp.nationality;
        if fl(a).has(Flags::FIRST) && cap_words && !place_name {
            return guess(Per, STRONG);
        }
        // `Sofia Marin`: a first name that is also a place, then a surname.
        if len == 2
            && cap_words
            && fl(a).has(Flags::FIRST)
            && fl(b).has(Flags::SURNAME)
            && !fl(b).has(Flags::COMMON | Flags::PLACE | Flags::COUNTRY | Flags::ORG_HEAD)
        {
            return guess(Per, MEDIUM);
        }
        // `East Midlands`, `Southern California`, `Bristol West`: a place and a point of the
        // compass is a region or a constituency (`China Eastern`, `Norfolk Southern` are
        // companies).
        // Not sure: `North Melbourne` and `South Sydney` are teams too.
        let is =
            |i: usize, words: &[&str]| words.iter().any(|w| toks[i].text.eq_ignore_ascii_case(w));
        let place = |i: usize| fl(i).has(Flags::PLACE | Flags::COUNTRY);
        if len == 2 && (is(a, COMPASS) && place(b) || place(a) && is(b, &COMPASS[..4])) {
            return guess(Loc, MEDIUM);
        }
        // A place or country in it: a team or an institution (`Seattle Mariners`, `Dynamo Kiev`).
        for k in (a..b).take(3) {
            phrase(doc, a, k, buf);
            if g.get(buf).has(Flags::PLACE | Flags::COUNTRY) {
                return guess(Org, MEDIUM);
            }
        }
        if fl(b).has(Flags::PLACE | Flags::COUNTRY) && !fl(b).has(Flags::SURNAME) {
            return guess(Org, MEDIUM);
        }
        // `Shadow Secretary`, `Commons Speaker`, `Triple Crown`: a title word after a word that
        // is no first name ends an office or a thing's name, not a person's.
        // A surname that is also a title (`Masayoshi Son`, `Ledley King`) stays a name.
        let office =
            fl(b).has(TITLE_WORD) && !fl(b).has(Flags::SURNAME) && !fl(a).has(Flags::FIRST);
        let plain = |i: usize| {
            !fl(i).has(Flags::COMMON | Flags::STOP)
                || fl(i).has(Flags::FIRST | Flags::SURNAME) && i == b
        };
        if cap_words && len <= 4 && (a..=b).all(plain) {
            // `Senate Agriculture`: a known organisation opening it makes it one.
            if fl(a).has(Flags::ORG) {
                return guess(Org, MEDIUM);
            }
            if office {
                return NOTHING;
            }
            // A headline capitalises every word: with no first name, `Convertible
            // Debentures` or `Qtly Div` is no person.
            if doc.ticker_title && t0.line == 0 {
                return NOTHING;
            }
            // `a Golden Globe`, `the Lion King`: with no first name, a name after an article
            // is a thing's.
            if article {
                return NOTHING;
            }
            return guess(Per, MEDIUM);
        }
        return if sp.nationality && cap_words && !office {
            guess(Per, WEAK)
        } else {
            NOTHING
        };
    }
    // One capitalised word.
    let f = fl(a);
    let namey = f.has(Flags::FIRST | Flags::SURNAME);
    // `the Chancellor said`: no name comes after an article.
    if (next_is(SAY) && namey && !article)
        || (next.is_some_and(|t| t.kind == TokKind::Possessive) && sp.nationality)
    {
        return guess(Per, WEAK);
    }
    // `Scottish Executive`: a title word after a nationality is an office, not a person.
    if sp.nationality && !f.has(Flags::COMMON | TITLE_WORD) {
        return guess(Per, WEAK);
    }
    if prev.is_some_and(|t| PLACE_PREP.contains(&t.text)) && !f.has(Flags::FIRST | Flags::COMMON) {
        // `Shares in Holcim`, `profits at Barclaycard`, `a spokesman from Icstis`: a
        // company's, not a place's (`workers from Dunmarrow` come from a place).
        let owner = a
            .checked_sub(2)
            .map(|p| &toks[p])
            .filter(|t| t.line == t0.line);
        let is = |words: &[&str]| {
            owner.is_some_and(|t| words.iter().any(|w| t.text.eq_ignore_ascii_case(w)))
        };
        let company = match toks[a - 1].text {
            "in" => is(SHARES),
            "at" => is(SHARES) || is(COMPANY_PEOPLE) || is(SPOKESMEN),
            "from" => is(SPOKESMEN),
            _ => false,
        };
        return guess(if company { Org } else { Loc }, WEAK);
    }
    NOTHING
}

/// Words for holdings in a company, before `in` and its name (`shares in Holcim`).
const SHARES: &[&str] = &[
    "shares",
    "stake",
    "stakes",
    "holding",
    "holdings",
    "shareholding",
    "shareholders",
];

/// Words for those who speak for a company, before `at` or `from` and its name (`a spokesman
/// from Icstis`).
const SPOKESMEN: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "executive",
    "executives",
    "chairman",
];

/// Words for a company's figures and staff, before `at` and its name (`profits at
/// Barclaycard`).
const COMPANY_PEOPLE: &[&str] = &[
    "profits",
    "profit",
    "earnings",
    "sales",
    "revenue",
    "revenues",
    "losses",
    "boss",
    "bosses",
    "chief",
    "staff",
    "workers",
    "employees",
    "analyst",
    "analysts",
    "director",
    "directors",
    "failures",
];
