//! The tokenizer as it was before its byte-level rewrite, kept verbatim as the reference that
//! `tokenize_test` compares the current [`tokenize`](super::tokenize::tokenize) with.
//!
//! Test-only. Do not change it to follow the tokenizer: it is the definition of "the same
//! tokens". Only its doc comments and visibility differ from the original, and it reads
//! the tokenizer's word lists rather than a copy of them.

// The word lists are data, not behaviour: the reference reads the same ones.
use super::tokenize::{Shape, TokKind, Token, ABBREVIATIONS, HYPHEN_PARTICLES};

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Splits `text` into tokens.
pub(super) fn tokenize(text: &str) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    let mut out: Vec<Token<'_>> = Vec::with_capacity(text.len() / 5);
    let mut line = 0u32;
    let mut sent_start = true;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\n' {
            line += 1;
            sent_start = true;
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        if is_apostrophe(c) {
            // A standalone possessive: `Biden 's` (tokenized text).
            let rest = &text[i + c.len_utf8()..];
            let mut rc = rest.chars();
            if matches!(rc.next(), Some('s' | 'S')) && !rc.next().is_some_and(char::is_alphanumeric)
            {
                let prev_word = out.last().is_some_and(|t| t.kind == TokKind::Word);
                if prev_word {
                    chars.next();
                    let end = i + c.len_utf8() + 1;
                    out.push(tok(text, i, end, TokKind::Possessive, line, false));
                    continue;
                }
            }
        }
        if !c.is_alphanumeric() {
            out.push(tok(
                text,
                i,
                i + c.len_utf8(),
                TokKind::Punct(c),
                line,
                sent_start,
            ));
            sent_start = match c {
                '.' | '!' | '?' | ':' | '"' | '“' | '”' | '-' | '—' | '–' | '•' | '*' => {
                    true
                }
                '(' | '\'' | '‘' | '’' | '[' => sent_start,
                _ => false,
            };
            continue;
        }
        // A word or number run.
        let start = i;
        let mut end = i + c.len_utf8();
        let mut possessive = None;
        while let Some(&(j, d)) = chars.peek() {
            if d.is_alphanumeric() {
                end = j + d.len_utf8();
                chars.next();
                continue;
            }
            if matches!(d, '\'' | '’' | '-' | '.' | '&') {
                let after = &text[j + d.len_utf8()..];
                let mut ac = after.chars();
                let n1 = ac.next();
                if is_apostrophe(d)
                    && matches!(n1, Some('s' | 'S'))
                    && !ac.next().is_some_and(char::is_alphanumeric)
                {
                    possessive = Some((j, j + d.len_utf8() + 1));
                    break;
                }
                if n1.is_some_and(char::is_alphanumeric) {
                    chars.next();
                    end = j + d.len_utf8();
                    continue;
                }
            }
            break;
        }
        // A trailing dot for initials and abbreviations.
        if possessive.is_none() && bytes.get(end) == Some(&b'.') {
            let w = &text[start..end];
            let initial = w.chars().count() == 1 && c.is_uppercase();
            let dotted = w.contains('.') && !c.is_ascii_digit();
            let abbr = w.len() <= 6 && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(w));
            if initial || dotted || abbr {
                chars.next();
                end += 1;
            }
        }
        let kind = if c.is_numeric() {
            TokKind::Number
        } else {
            TokKind::Word
        };
        out.push(tok(text, start, end, kind, line, sent_start));
        let t = &text[start..end];
        sent_start = false;
        if t.ends_with('.') && t.len() > 2 {
            // `U.S.` may end a sentence; `Mr.` and `J.` do not.
            let bare = &t[..t.len() - 1];
            let title_abbr = ABBREVIATIONS
                .iter()
                .take(16)
                .any(|a| a.eq_ignore_ascii_case(bare));
            sent_start = !title_abbr && bare.contains('.');
        }
        if let Some((p, q)) = possessive {
            chars.next();
            chars.next();
            out.push(tok(text, p, q, TokKind::Possessive, line, false));
        }
    }
    out
}

fn tok(
    text: &str,
    start: usize,
    end: usize,
    kind: TokKind,
    line: u32,
    sent_start: bool,
) -> Token<'_> {
    let t = &text[start..end];
    let (shape, camel) = if kind == TokKind::Word {
        shape_of(t)
    } else {
        (Shape::None, false)
    };
    Token {
        text: t,
        start,
        end,
        kind,
        shape,
        camel,
        line,
        sent_start,
    }
}

/// The letter case of a word, and whether it is camel-cased.
fn shape_of(w: &str) -> (Shape, bool) {
    let mut letters = 0usize;
    let mut upper = 0usize;
    let mut first_upper = None;
    let mut camel = false;
    let mut prev_lower = false;
    let mut visit = |alpha: bool, up: bool| {
        if alpha {
            letters += 1;
            if first_upper.is_none() {
                first_upper = Some(up);
            }
            if up {
                upper += 1;
                camel |= prev_lower;
            }
            prev_lower = !up;
        } else {
            prev_lower = false;
        }
    };
    if w.is_ascii() {
        for b in w.bytes() {
            visit(b.is_ascii_alphabetic(), b.is_ascii_uppercase());
        }
    } else {
        for ch in w.chars() {
            visit(ch.is_alphabetic(), ch.is_uppercase());
        }
    }
    let Some(first_up) = first_upper else {
        return (Shape::None, false);
    };
    if camel {
        let lw = w.as_bytes();
        let mc = lw.starts_with(b"Mc") || lw.starts_with(b"Mac") || lw.starts_with(b"De");
        camel = !mc;
    }
    if !first_up {
        // `al-Assad`: a lowercase particle, a hyphen, a capitalised name.
        let early_hyphen = w.as_bytes().iter().take(4).any(|&b| b == b'-');
        if let Some((head, tail)) = w.split_once('-').filter(|_| early_hyphen) {
            if HYPHEN_PARTICLES.contains(&head)
                && tail.chars().next().is_some_and(char::is_uppercase)
            {
                return (Shape::Cap, false);
            }
        }
        return (Shape::Lower, camel);
    }
    if letters == 1 {
        return (Shape::Initial, false);
    }
    if upper == letters || (upper + 1 == letters && upper >= 2 && w.ends_with('s')) {
        // `NATO`, and plural acronyms such as `GDRs`.
        return (Shape::Upper, false);
    }
    (Shape::Cap, camel)
}
