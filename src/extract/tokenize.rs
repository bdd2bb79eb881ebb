//! Tokenizer for entity extraction: one pass over the text, no regular expressions.
//!
//! Input is `&str`; output is a `Vec<Token>` with byte offsets, a letter-case shape, the line
//! number and a sentence-start flag. Words keep inner apostrophes, hyphens, ampersands and dots
//! (`O'Brien`, `al-Assad`, `AT&T`, `U.S.`), and a trailing dot when the word is an initial or an
//! abbreviation (`J.`, `Mr.`, `Corp.`). A possessive `'s` (attached or, as in tokenized text,
//! standing alone) becomes its own [`TokKind::Possessive`] token so that names end before it.
//! The tokenizer never allocates per token and never looks further ahead than three characters.
//! It reads bytes and decodes only non-ASCII characters, and reads each word once, counting its
//! letter case as it goes.

use crate::chars::char_at;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// Letters (and maybe digits): a word.
    Word,
    /// Starts with a digit: `1996-08-30`, `6-3`, `19.32`.
    Number,
    /// A possessive `'s` or `’s`.
    Possessive,
    /// Any other single character that is not white space.
    Punct(char),
}

/// The letter case of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Starts lowercase: `said`, `de`.
    Lower,
    /// Starts uppercase, not all uppercase: `Lavrov`, `McDonald`, `al-Assad`.
    Cap,
    /// Two or more letters, all uppercase: `NATO`, `U.S.`, `LONDON`.
    Upper,
    /// One uppercase letter, maybe with a dot: `J.`, `A`.
    Initial,
    /// Not a word, or no letters.
    None,
}

/// One token of the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token<'a> {
    /// The token as written.
    pub text: &'a str,
    /// Byte offset of its first byte.
    pub start: usize,
    /// Byte offset one past its last byte.
    pub end: usize,
    /// What it is.
    pub kind: TokKind,
    /// Its letter case.
    pub shape: Shape,
    /// An uppercase letter follows a lowercase one inside it (`SolarWinds`), `Mc`/`Mac` aside.
    pub camel: bool,
    /// Zero-based line number.
    pub line: u32,
    /// First token of a line or of a sentence.
    pub sent_start: bool,
}

/// Abbreviations that keep their trailing dot.
pub(super) const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "inc", "corp", "co", "ltd", "gen", "sen", "rep",
    "gov", "lt", "col", "capt", "sgt", "prof", "rev", "mt", "ft", "no", "vs", "bros", "messrs",
    "adm", "cmdr", "maj", "pres", "cos", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct",
    "nov", "dec", "dept", "univ", "assn", "ave", "blvd",
];

/// Particles that may start a hyphenated name: `al-Assad`, `bin-Laden`, `el-Sisi`.
pub(super) const HYPHEN_PARTICLES: &[&str] = &[
    "al", "el", "ad", "as", "ash", "at", "az", "ar", "bin", "ibn", "abu", "ben", "d",
];

/// A character that may join the parts of one word (`O'Brien`, `al-Assad`, `U.S`, `AT&T`):
/// `'`, `’`, `-`, `.` or `&`.
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '&')
}

/// `'` or `’`.
fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Whether the text at `i` is `s` or `S` that does not go on as a word: what follows an
/// apostrophe in a possessive.
fn is_possessive_s(text: &str, i: usize) -> bool {
    matches!(text.as_bytes().get(i), Some(b's' | b'S'))
        && !char_at(text, i + 1).is_some_and(char::is_alphanumeric)
}

/// Splits `text` into tokens.
///
/// One pass over the bytes: ASCII bytes are classified as they are and only other bytes are
/// decoded, and a word's letter case is counted while the word is scanned.
pub(crate) fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out: Vec<Token<'_>> = Vec::with_capacity(text.len() / 5);
    let mut line = 0u32;
    let mut sent_start = true;
    let mut i = 0;
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(i) {
        // The commonest bytes first: a space between words, and an ASCII letter or digit
        // starting one.
        if b == b' ' {
            i += 1;
            continue;
        }
        if b.is_ascii_alphanumeric() {
            i = push_word(&mut out, text, i, char::from(b), line, &mut sent_start);
            continue;
        }
        let Some(c) = char_at(text, i) else { break };
        let len = c.len_utf8();
        // Other letters and digits start words too; a letter or digit is no white space or
        // apostrophe.
        if c.is_alphanumeric() {
            i = push_word(&mut out, text, i, c, line, &mut sent_start);
            continue;
        }
        if c == '\n' {
            line += 1;
            sent_start = true;
            i += len;
            continue;
        }
        if c.is_whitespace() {
            i += len;
            continue;
        }
        if is_apostrophe(c)
            && is_possessive_s(text, i + len)
            && out.last().is_some_and(|t| t.kind == TokKind::Word)
        {
            // A standalone possessive: `Biden 's` (tokenized text).
            let end = i + len + 1;
            out.push(plain(text, i, end, TokKind::Possessive, line, false));
            i = end;
            continue;
        }
        out.push(plain(text, i, i + len, TokKind::Punct(c), line, sent_start));
        sent_start = sentence_starts_after(c, sent_start);
        i += len;
    }
    out
}

/// Whether a sentence starts after the punctuation `c`, when one started before it or not
/// (`was`): after `.` or a dash it does; an opening bracket or quote keeps what was.
fn sentence_starts_after(c: char, was: bool) -> bool {
    match c {
        '.' | '!' | '?' | ':' | '"' | '“' | '”' | '-' | '—' | '–' | '•' | '*' => true,
        '(' | '\'' | '‘' | '’' | '[' => was,
        _ => false,
    }
}

/// Joins the lines of a hard-wrapped paragraph in `toks`, the tokens of `text`: a token after
/// a [`soft_breaks`] break is on the line before and starts a sentence only if what comes
/// before it ends one, as if the break were a space. The index unwraps paragraphs before
/// extraction and skips this step; it gives `newsdex extract` the same names from a wrapped file
/// (`Securities and Exchange` / `Commission` is one name), offsets still into the file.
pub(crate) fn unwrap_lines(text: &str, toks: &mut [Token<'_>]) {
    let soft = soft_breaks(text);
    if soft.is_empty() {
        return;
    }
    // `joined`: the soft breaks before the token; `recount`: the token's sentence flag came
    // from a break, or from an opening bracket or quote after one.
    let (mut joined, mut recount) = (0, false);
    for n in 0..toks.len() {
        let before = joined;
        while joined < soft.len() && soft[joined] < toks[n].start {
            joined += 1;
        }
        toks[n].line -= joined as u32;
        // A soft break has a line before it, so a token before this one.
        recount = joined > before || recount && keeps_sentence_start(&toks[n - 1]);
        if recount {
            toks[n].sent_start = ends_sentence(&toks[n - 1]);
        }
    }
}

/// Whether `t` passes on whether a sentence started before it (`(`, `'`).
fn keeps_sentence_start(t: &Token<'_>) -> bool {
    matches!(t.kind, TokKind::Punct(c) if sentence_starts_after(c, true) && !sentence_starts_after(c, false))
}

/// Whether a sentence starts after the token `t`, as the tokenizer decides it.
fn ends_sentence(t: &Token<'_>) -> bool {
    match t.kind {
        TokKind::Punct(c) => sentence_starts_after(c, t.sent_start),
        // `U.S.` may end a sentence; `Mr.` and `J.` do not.
        TokKind::Word => t.text.strip_suffix('.').is_some_and(|w| w.contains('.')),
        TokKind::Number | TokKind::Possessive => false,
    }
}

/// The byte offsets of the line breaks of `text` that only wrap a paragraph, as in hard-wrapped
/// files (`Securities and Exchange` / `Commission`): in text whose lines mostly run on into the
/// next (most end inside a sentence, a quarter or more go on in lower case), each break between
/// a line of at least 60% of the longest such line and a next line that is not blank and not
/// indented. Text of one sentence or one table row a line has none; so has text whose
/// paragraphs are single lines, as the index gives extraction.
pub(super) fn soft_breaks(text: &str) -> Vec<usize> {
    // (offset of the line's `\n`, its length without white space at its end, the line), for
    // every line but the last.
    let mut lines = Vec::new();
    let mut start = 0;
    while let Some(n) = text[start..].find('\n') {
        let end = start + n;
        let body = text[start..end].trim_end();
        lines.push((end, body.len(), body));
        start = end + 1;
    }
    let next_line = |k: usize| {
        lines
            .get(k + 1)
            .map_or(&text[start..], |&(_, _, body)| body)
    };
    let next_runs_on = |k: usize| {
        let next = next_line(k);
        !next.trim().is_empty() && !next.starts_with([' ', '\t', '\u{a0}'])
    };
    let runs: Vec<usize> = (0..lines.len())
        .filter(|&k| lines[k].1 > 0 && next_runs_on(k))
        .collect();
    // Wrapped lines mostly end inside a sentence, and many go on in lower case.
    let open = runs
        .iter()
        .filter(|&&k| {
            !lines[k]
                .2
                .ends_with(['.', '!', '?', ':', ';', '"', '”', '\''])
        })
        .count();
    let lower_next = runs
        .iter()
        .filter(|&&k| next_line(k).starts_with(char::is_lowercase))
        .count();
    if runs.len() < 2 || open * 2 < runs.len() || lower_next * 4 < runs.len() {
        return Vec::new();
    }
    let width = runs.iter().map(|&k| lines[k].1).max().unwrap_or(0);
    runs.into_iter()
        .filter(|&k| lines[k].1 * 10 >= width * 6)
        .map(|k| lines[k].0)
        .collect()
}

/// Pushes the word or number run that starts at `start` with the letter or digit `c`: with a
/// trailing dot if it is an initial or an abbreviation, then its possessive if one follows.
/// Updates `sent_start`; returns the offset after what it pushed.
fn push_word<'a>(
    out: &mut Vec<Token<'a>>,
    text: &'a str,
    start: usize,
    c: char,
    line: u32,
    sent_start: &mut bool,
) -> usize {
    let run = Run::scan(text, start);
    let mut end = run.end;
    let mut took_dot = false;
    if run.possessive.is_none() && text.as_bytes().get(end) == Some(&b'.') {
        let initial = end - start == c.len_utf8() && c.is_uppercase();
        let dotted = run.dotted && !c.is_ascii_digit();
        if initial || dotted || is_abbreviation(&text[start..end]) {
            end += 1;
            took_dot = true;
        }
    }
    let t = &text[start..end];
    let (kind, shape, camel) = if c.is_numeric() {
        (TokKind::Number, Shape::None, false)
    } else {
        let (shape, camel) = run.case.shape(t);
        (TokKind::Word, shape, camel)
    };
    out.push(Token {
        text: t,
        start,
        end,
        kind,
        shape,
        camel,
        line,
        sent_start: *sent_start,
    });
    // `U.S.` may end a sentence; `Mr.` and `J.` do not. (No abbreviation has an inner dot.)
    *sent_start = took_dot && run.dotted;
    match run.possessive {
        Some(q) => {
            out.push(plain(text, end, q, TokKind::Possessive, line, false));
            q
        }
        None => end,
    }
}

/// A token that is not a word: no letter case.
fn plain(
    text: &str,
    start: usize,
    end: usize,
    kind: TokKind,
    line: u32,
    sent_start: bool,
) -> Token<'_> {
    Token {
        text: &text[start..end],
        start,
        end,
        kind,
        shape: Shape::None,
        camel: false,
        line,
        sent_start,
    }
}

/// Whether `w` is one of the [`ABBREVIATIONS`], in any case.
fn is_abbreviation(w: &str) -> bool {
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(w))
}

/// A word or number run: its letters, digits and inner joiners, scanned once.
struct Run {
    /// Byte offset one past its last letter or digit.
    end: usize,
    /// It has an inner dot: `U.S`, `19.32`.
    dotted: bool,
    /// The end of a possessive `'s` that follows it, which starts at `end`.
    possessive: Option<usize>,
    /// What its letter case is decided on.
    case: Case,
}

impl Run {
    /// Scans the run that starts at `start`, on a letter or digit. A joiner ([`is_joiner`])
    /// stays inside when a letter or digit follows it; an apostrophe followed by an `s` that
    /// ends the word is a possessive and ends the run.
    fn scan(text: &str, start: usize) -> Run {
        let bytes = text.as_bytes();
        let mut case = Case::default();
        let mut dotted = false;
        let mut j = start;
        loop {
            // Lowercase ASCII letters, most of the text, are counted a run at a time.
            let lower = bytes[j..]
                .iter()
                .take_while(|b| b.is_ascii_lowercase())
                .count();
            case.lowercase_run(lower);
            j += lower;
            let Some(&b) = bytes.get(j) else { break };
            if b.is_ascii_alphanumeric() {
                case.visit(b.is_ascii_alphabetic(), b.is_ascii_uppercase());
                j += 1;
                continue;
            }
            // Most words end at an ASCII byte that joins nothing (a space, a comma).
            if b.is_ascii() && !is_joiner(char::from(b)) {
                break;
            }
            let Some(d) = char_at(text, j) else { break };
            let after = j + d.len_utf8();
            if !b.is_ascii() && d.is_alphanumeric() {
                case.visit(d.is_alphabetic(), d.is_uppercase());
                j = after;
                continue;
            }
            if !is_joiner(d) {
                break;
            }
            if is_apostrophe(d) && is_possessive_s(text, after) {
                return Run {
                    end: j,
                    dotted,
                    possessive: Some(after + 1),
                    case,
                };
            }
            if !char_at(text, after).is_some_and(char::is_alphanumeric) {
                break;
            }
            case.visit(false, false);
            if d == '-' && case.first_hyphen.is_none() {
                case.first_hyphen = Some(j - start);
            }
            dotted |= d == '.';
            j = after;
        }
        Run {
            end: j,
            dotted,
            possessive: None,
            case,
        }
    }
}

/// What the shape of a word is decided on, gathered while the word is scanned.
#[derive(Default)]
struct Case {
    /// Letters seen.
    letters: usize,
    /// Uppercase letters seen.
    upper: usize,
    /// Whether the first letter is uppercase, once there is one.
    first_upper: Option<bool>,
    /// An uppercase letter followed a lowercase one.
    camel: bool,
    /// The last character was a letter that is not uppercase.
    prev_lower: bool,
    /// Byte offset of the first hyphen in the word: `al-Assad` has a particle before it.
    first_hyphen: Option<usize>,
}

impl Case {
    /// Counts one character: whether it is a letter (`alpha`) and an uppercase one (`up`).
    #[inline]
    fn visit(&mut self, alpha: bool, up: bool) {
        if alpha {
            self.letters += 1;
            if self.first_upper.is_none() {
                self.first_upper = Some(up);
            }
            if up {
                self.upper += 1;
                self.camel |= self.prev_lower;
            }
            self.prev_lower = !up;
        } else {
            self.prev_lower = false;
        }
    }

    /// Counts `n` lowercase ASCII letters in a row: as `n` calls of [`Case::visit`].
    #[inline]
    fn lowercase_run(&mut self, n: usize) {
        if n > 0 {
            self.letters += n;
            self.first_upper.get_or_insert(false);
            self.prev_lower = true;
        }
    }

    /// The shape of the word `w` these counts are of, and whether it is camel-cased.
    fn shape(&self, w: &str) -> (Shape, bool) {
        let Some(first_up) = self.first_upper else {
            return (Shape::None, false);
        };
        let mut camel = self.camel;
        if camel {
            let lw = w.as_bytes();
            let mc = lw.starts_with(b"Mc") || lw.starts_with(b"Mac") || lw.starts_with(b"De");
            camel = !mc;
        }
        if !first_up {
            // `al-Assad`: a lowercase particle, a hyphen, a capitalised name.
            if let Some(h) = self.first_hyphen.filter(|&h| h < 4) {
                let (head, tail) = (&w[..h], &w[h + 1..]);
                if HYPHEN_PARTICLES.contains(&head)
                    && tail.chars().next().is_some_and(char::is_uppercase)
                {
                    return (Shape::Cap, false);
                }
            }
            return (Shape::Lower, camel);
        }
        let (letters, upper) = (self.letters, self.upper);
        if letters == 1 {
            return (Shape::Initial, false);
        }
        if upper == letters || (upper + 1 == letters && upper >= 2 && w.ends_with('s')) {
            // `NATO`, and plural acronyms such as `GDRs`.
            return (Shape::Upper, false);
        }
        (Shape::Cap, camel)
    }
}
