//! Document-level resolution: what one mention says about the others, and canonical names.
//!
//! Input is every [`Span`] of a text with its [`Guess`]; output is the final [`Mention`]s.
//! Confident guesses are collected first: full person names (and their first and last words),
//! organisations and places. Then uncertain spans take the kind of a confident one with the
//! same words (`Lavrov` after `Sergei Lavrov`), short person mentions take the full name as
//! their canonical form, and the words of all-capitals lines (headlines, datelines) are matched
//! against the document and the gazetteer, longest first, at most [`MAX_NGRAM`] words.

use super::aliases::{canonical_org, canonical_place};
use super::classify::{acronym_ok, phrase, Guess, MEDIUM, WEAK};
use super::gazetteer::{gazetteer, Flags};
use super::spans::{Doc, Span};
use super::tokenize::{Shape, TokKind};
use super::{EntityKind, Mention};
use rustc_hash::{FxHashMap as HashMap, FxHashSet};

/// Longest phrase matched on an all-capitals line, in words.
const MAX_NGRAM: usize = 4;

/// What the document itself says about names.
#[derive(Default)]
struct Known {
    /// Lowercased full person name -> canonical.
    persons: HashMap<String, String>,
    /// Lowercased first or last word of a person's name -> canonical full name.
    parts: HashMap<String, String>,
    /// Lowercased last words of person names.
    last_parts: FxHashSet<String>,
    /// Lowercased organisation or place -> kind and canonical.
    others: HashMap<String, (EntityKind, String)>,
}

impl Known {
    fn collect(doc: &Doc<'_>, found: &[(Span, Guess)], buf: &mut String) -> Self {
        let mut k = Known::default();
        let mut firsts = Vec::new();
        for (sp, g) in found {
            let Some(kind) = g.kind.filter(|_| g.strength >= MEDIUM && !sp.caps) else {
                continue;
            };
            phrase(doc, sp.first, sp.last, buf);
            let text = written(doc, sp.first, sp.last);
            if kind == EntityKind::Person {
                if sp.last > sp.first {
                    k.persons.entry(buf.clone()).or_insert_with(|| text.clone());
                    let last = buf.rsplit(' ').next().unwrap_or_default().to_string();
                    k.last_parts.insert(last.clone());
                    k.parts.entry(last).or_insert_with(|| text.clone());
                    // `Maria van der Berg` is also `Van der Berg`.
                    if let Some(p) = (sp.first + 1..sp.last)
                        .find(|&i| doc.flags[i].has(Flags::PARTICLE))
                        .filter(|&i| doc.toks[i].shape == Shape::Lower)
                    {
                        let mut tail = String::new();
                        phrase(doc, p, sp.last, &mut tail);
                        k.last_parts.insert(tail.clone());
                        k.parts.entry(tail).or_insert_with(|| text.clone());
                    }
                    let first = buf.split(' ').next().unwrap_or_default().to_string();
                    firsts.push((first, text));
                }
            } else {
                if kind == EntityKind::Organization && sp.last > sp.first {
                    // `Merrill Lynch`: two words, the first a name, the second no ordinary
                    // word or organisation word (not `Democratic Unionist Party`, `Marine Corps`).
                    let listed = sp.last == sp.first + 1
                        && doc.flags[sp.first].has(Flags::FIRST | Flags::SURNAME)
                        && !doc.flags[sp.last].has(Flags::COMMON | Flags::ORG_HEAD)
                        && gazetteer().get(buf).has(Flags::ORG);
                    k.add_short_forms(doc, sp, &text, listed);
                }
                k.others.entry(buf.clone()).or_insert((kind, text));
            }
        }
        for (first, text) in firsts {
            k.parts.entry(first).or_insert(text);
        }
        k
    }

    /// The shorter names an organisation of several words goes by later in the story, each
    /// taking `full` as its canonical name or its own.
    fn add_short_forms(&mut self, doc: &Doc<'_>, sp: &Span, full: &str, listed: bool) {
        let org = EntityKind::Organization;
        let (first, last) = (sp.first, sp.last);
        let company = super::spans::is_company_end(doc.toks[last].text);
        // `Cofinec S.A.` also names `Cofinec`.
        let common_rest = last == first + 1
            && doc.flags[first].has(Flags::COMMON | Flags::LOC_START | Flags::ORG_START);
        if doc.flags[last].has(Flags::ORG_HEAD) && !common_rest {
            // A company without its `Co` is the company (`Quaker Oats`); an organisation
            // without its `Commission` or `Council` is another one (`European Community`).
            let head = written(doc, first, last - 1);
            let canonical = if company {
                full.to_string()
            } else {
                head.clone()
            };
            self.others
                .entry(head.to_lowercase())
                .or_insert((org, canonical));
        }
        // `Salomon said`, after `Salomon Brothers Inc`, or `Merrill's`, after `Merrill Lynch`
        // (an organisation of the gazetteer): its first word alone is the company, unless it is
        // an ordinary word or a place.
        let plain = !doc.flags[first].has(
            Flags::COMMON
                | Flags::PLACE
                | Flags::COUNTRY
                | Flags::NATIONALITY
                | Flags::TITLE
                | Flags::ORG_HEAD
                | Flags::ORG_START,
        );
        if plain && (company || listed) && doc.toks[first].shape == Shape::Cap {
            let word = doc.toks[first].text.to_lowercase();
            self.others
                .entry(word)
                .or_insert_with(|| (org, full.to_string()));
        }
    }

    /// A kind and canonical name for a lowercased phrase, from the document.
    fn lookup(&self, lower: &str, single: bool) -> Option<(EntityKind, String)> {
        // `Quaker Oats`, read as a person somewhere, after `Quaker Oats Co`: the company, as
        // `resolve` reads the phrase where it is written.
        if let Some((EntityKind::Organization, c)) = self.others.get(lower).filter(|_| !single) {
            return Some((EntityKind::Organization, c.clone()));
        }
        if let Some(c) = self
            .last_parts
            .get(lower)
            .and(self.parts.get(lower))
            .or_else(|| self.persons.get(lower))
        {
            return Some((EntityKind::Person, c.clone()));
        }
        if let Some((k, c)) = self.others.get(lower) {
            return Some((*k, c.clone()));
        }
        if single {
            return self
                .parts
                .get(lower)
                .map(|c| (EntityKind::Person, c.clone()));
        }
        None
    }
}

/// The text of tokens `first..=last` as written, white space collapsed.
fn written(doc: &Doc<'_>, first: usize, last: usize) -> String {
    let mut s = String::with_capacity(doc.toks[last].end - doc.toks[first].start);
    for (n, t) in doc.toks[first..=last].iter().enumerate() {
        if n > 0 && doc.toks[first + n - 1].end < t.start {
            s.push(' ');
        }
        s.push_str(t.text);
    }
    s
}

/// `LONDON` -> `London`, `NEW YORK` -> `New York`, `BANK OF ENGLAND` -> `Bank of England`;
/// dotted abbreviations (`U.S.`) and short words that are no common word (`UAE`, `US`) stay as
/// written, unless the whole is a place or country of the gazetteer (`LOS ANGELES` -> `Los
/// Angeles`, `RIO DE JANEIRO` -> `Rio de Janeiro`).
fn title_case(s: &str) -> String {
    let g = gazetteer();
    let mut lower = String::with_capacity(s.len());
    super::gazetteer::lower_into(s, &mut lower);
    let place = s.contains(' ') && g.get(&lower).has(Flags::COUNTRY | Flags::PLACE);
    s.split(' ')
        .enumerate()
        .map(|(n, w)| {
            // `U.S.`, `N.J.` stay as written; `ST.` is `St.`.
            if w.matches('.').count() > 1 {
                return w.to_string();
            }
            if w.chars().count() <= 3 {
                super::gazetteer::lower_into(w, &mut lower);
                let f = g.get(&lower);
                if n > 0 && f.has(Flags::STOP | Flags::PARTICLE) && lower != "st" {
                    return lower.clone();
                }
                if !place && !f.has(Flags::COMMON | Flags::FIRST | Flags::SURNAME) {
                    return w.to_string();
                }
            }
            let mut cs = w.chars();
            let first = cs.next().map(|c| c.to_string()).unwrap_or_default();
            first + &cs.as_str().to_lowercase()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A place name written in capitals (`WASHINGTON`, a dateline) in title case; others as is.
fn unshout(name: String) -> String {
    let shouted = name.chars().any(char::is_alphabetic)
        && !name.chars().any(char::is_lowercase)
        && name
            .split(' ')
            .any(|w| w.chars().count() > 3 && !w.contains('.'));
    if shouted {
        title_case(&name)
    } else {
        name
    }
}

/// Resolves the guesses of a document into mentions.
pub(crate) fn resolve<'t>(
    text: &'t str,
    doc: &Doc<'_>,
    found: &[(Span, Guess)],
) -> Vec<Mention<'t>> {
    let mut buf = String::with_capacity(64);
    let known = Known::collect(doc, found, &mut buf);
    let mut out = Vec::new();
    let mut push = |first: usize, last: usize, kind: EntityKind, canonical: String| {
        let (start, end) = (doc.toks[first].start, doc.toks[last].end);
        let canonical = match kind {
            EntityKind::Person => canonical,
            EntityKind::Location => {
                canonical_place(&canonical).map_or_else(|| unshout(canonical), str::to_string)
            }
            EntityKind::Organization => canonical_org(&canonical).map_or(canonical, str::to_string),
        };
        out.push(Mention {
            kind,
            start,
            end,
            text: &text[start..end],
            canonical,
        });
    };
    for (sp, g) in found {
        if sp.caps {
            caps_run(doc, sp, &known, &mut buf, &mut push);
            continue;
        }
        if is_dateline_state(doc, sp) {
            let state = written(doc, sp.first, sp.last);
            push(sp.first, sp.last, EntityKind::Location, state);
            continue;
        }
        let upper = (sp.first..=sp.last).all(|i| doc.toks[i].shape == Shape::Upper);
        if upper && is_dateline(doc, sp) && g.kind != Some(EntityKind::Location) {
            push(
                sp.first,
                sp.last,
                EntityKind::Location,
                title_case(&written(doc, sp.first, sp.last)),
            );
            continue;
        }
        phrase(doc, sp.first, sp.last, &mut buf);
        let single = sp.first == sp.last;
        let surname =
            single && g.kind != Some(EntityKind::Person) && known.last_parts.contains(&buf);
        // `Quaker Oats`, read as a first name and a surname, after `Quaker Oats Co`: the
        // company's name without its head.
        let short_form = (!single && !sp.title && g.kind == Some(EntityKind::Person))
            .then(|| known.others.get(&buf))
            .flatten()
            .filter(|(k, _)| *k == EntityKind::Organization);
        let resolved = if short_form.is_some() {
            short_form.cloned()
        } else if g.strength > WEAK && !surname {
            g.kind.map(|k| (k, written(doc, sp.first, sp.last)))
        } else {
            known
                .lookup(&buf, single)
                .or_else(|| g.kind.map(|k| (k, written(doc, sp.first, sp.last))))
        };
        let Some((kind, mut canonical)) = resolved else {
            continue;
        };
        if kind == EntityKind::Person {
            // A tail (`Van der Berg`) takes the longer name it ends.
            let part = (single || known.last_parts.contains(&buf))
                .then(|| known.parts.get(&buf))
                .flatten();
            if let Some(full) = part.or_else(|| known.persons.get(&buf)) {
                canonical = full.clone();
            }
        }
        push(sp.first, sp.last, kind, canonical);
    }
    out
}

/// Matches the words of an all-capitals run, longest phrase first.
fn caps_run(
    doc: &Doc<'_>,
    sp: &Span,
    known: &Known,
    buf: &mut String,
    push: &mut impl FnMut(usize, usize, EntityKind, String),
) {
    let g = gazetteer();
    phrase(doc, sp.first, sp.last, buf);
    let whole = g.get(buf);
    if let Some(t) = super::classify::table_guess(doc, sp.first, sp.last, whole, true) {
        let kind = t.kind.unwrap_or(EntityKind::Organization);
        let canonical = known
            .lookup(buf, sp.first == sp.last)
            .map_or_else(|| title_case(&written(doc, sp.first, sp.last)), |k| k.1);
        push(sp.first, sp.last, kind, canonical);
        return;
    }
    // A dateline names a place, whatever else the same words name in the story (`NEW YORK
    // 1996-08-30` above `San Diego 3 NEW YORK 2`).
    if is_dateline(doc, sp) && !whole.has(Flags::ORG) {
        let place = title_case(&written(doc, sp.first, sp.last));
        push(sp.first, sp.last, EntityKind::Location, place);
        return;
    }
    let mut s = sp.first;
    while s <= sp.last {
        let mut matched = 0;
        for len in (1..=MAX_NGRAM.min(sp.last - s + 1)).rev() {
            let e = s + len - 1;
            phrase(doc, s, e, buf);
            let hit = known.lookup(buf, len == 1).or_else(|| {
                let f = g.get(buf);
                let sub = Span {
                    first: s,
                    last: e,
                    ..*sp
                };
                let written = || title_case(&written(doc, s, e));
                if f.has(Flags::COUNTRY | Flags::PLACE) && acronym_ok(doc, &sub, buf) {
                    Some((EntityKind::Location, written()))
                } else if f.has(Flags::ORG) && (buf.len() > 4 || doc.toks[s].text.len() <= 5) {
                    Some((EntityKind::Organization, written()))
                } else {
                    None
                }
            });
            if let Some((kind, canonical)) = hit {
                push(s, e, kind, canonical);
                matched = len;
                break;
            }
        }
        s += matched.max(1);
    }
}

/// The tokens of one line, read as a dateline: `NEWARK, N.J., March 3 -`.
struct DatelineLine<'d, 'a> {
    toks: &'d [super::tokenize::Token<'a>],
    line: u32,
}

impl<'d, 'a> DatelineLine<'d, 'a> {
    /// The line of token `i`.
    fn of(doc: &'d Doc<'a>, i: usize) -> Self {
        DatelineLine {
            toks: &doc.toks,
            line: doc.toks[i].line,
        }
    }

    fn at(&self, i: usize) -> Option<&'d super::tokenize::Token<'a>> {
        self.toks.get(i).filter(|t| t.line == self.line)
    }

    fn starts(&self, i: usize) -> bool {
        i == 0 || self.toks[i - 1].line != self.line
    }

    fn comma(&self, i: usize) -> bool {
        self.at(i).is_some_and(|t| t.text == ",")
    }

    fn month(&self, i: usize) -> bool {
        self.at(i).is_some_and(|t| {
            t.kind == TokKind::Word && gazetteer().get(&t.text.to_lowercase()).has(Flags::STOP)
        })
    }

    /// A state's abbreviation at `i` between the place and the date: `N.J.`, `Calif.`, `MICH.`.
    fn state(&self, i: usize) -> bool {
        self.at(i).is_some_and(|t| {
            t.kind == TokKind::Word
                && t.shape != Shape::Lower
                && t.text.chars().filter(|c| c.is_alphabetic()).count() <= 5
        }) && {
            let after = if self.at(i + 1).is_some_and(|t| t.text == ".") {
                i + 2
            } else {
                i + 1
            };
            self.comma(after) && self.month(after + 1)
        }
    }
}

/// A line that opens with a place in capitals and a date: `LONDON 1996-08-30`, `PARIS, March 4`.
fn is_dateline(doc: &Doc<'_>, sp: &Span) -> bool {
    let l = DatelineLine::of(doc, sp.first);
    let dated = l.at(sp.last + 1).is_some_and(|t| {
        t.kind == TokKind::Number && (t.text.contains('-') || t.text.contains('/'))
    }) || l.comma(sp.last + 1) && (l.month(sp.last + 2) || l.state(sp.last + 2));
    l.starts(sp.first) && sp.last - sp.first < 3 && dated
}

/// The state of a dateline whose place is in capitals: `MICH` in `DETROIT, MICH., March 3 -`,
/// `Calif.` in `PALO ALTO, Calif., March 3 -`.
fn is_dateline_state(doc: &Doc<'_>, sp: &Span) -> bool {
    let i = sp.first;
    let l = DatelineLine::of(doc, i);
    if sp.last != i || i < 2 || !l.comma(i - 1) || !l.state(i) {
        return false;
    }
    let mut start = i - 2;
    while !l.starts(start) {
        start -= 1;
    }
    let city = &doc.toks[start..i - 1];
    city.len() <= 3
        && city
            .iter()
            .all(|t| t.kind == TokKind::Word && t.shape == Shape::Upper)
}
