//! Rejoining the lines of a hard-wrapped paragraph.
//!
//! A line that ends in a letter and a hyphen is either a word split by the layout
//! (`gov-` / `ernment` is `government`) or a compound broken at its own hyphen (`debt-` /
//! `rescheduling` is `debt-rescheduling`). The evidence is general: which of the two forms the
//! article itself and the corpus use elsewhere, the case of the two parts, whether a compound
//! is under way (`cost-of-` / `living`), and whether both parts are words on their own.

use super::vocab::{ends_with_break, trim_word, Vocab};

/// Weight of one use in the article against one use elsewhere in the corpus.
const LOCAL_WEIGHT: u32 = 4;

/// Appends the hard-wrapped `lines` of one block to `out` as one line of text, white space
/// collapsed. The block starts at the end of `out`: what `out` holds before is not looked at.
pub(crate) fn push_joined(out: &mut String, lines: &[&str], local: &Vocab, corpus: &Vocab) {
    let start = out.len();
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if out.len() > start {
            // White space is collapsed: the last token is what follows the last space.
            let head = out[start..].rsplit(' ').next().unwrap_or("");
            if ends_with_hyphen(head) {
                if is_suspended(line) {
                    // `medium- and long-term`: a suspended hyphen ends its word.
                    out.push(' ');
                } else if !keep_hyphen(head, line, local, corpus) {
                    out.pop();
                }
            } else {
                out.push(' ');
            }
        }
        crate::article::push_collapsed(out, line);
    }
}

/// A token ending in a hyphen right after a letter or digit (`gov-`, `2019-`), not a dash.
fn ends_with_hyphen(tok: &str) -> bool {
    let mut rev = tok.chars().rev();
    rev.next() == Some('-') && rev.next().is_some_and(char::is_alphanumeric)
}

/// Whether `next` starts with a coordinating word after which a line-final hyphen is a
/// suspended one (`pre- and post-war`, `medium- or long-term`).
fn is_suspended(next: &str) -> bool {
    let first = next.split_whitespace().next().unwrap_or("");
    matches!(first, "and" | "or" | "nor")
}

/// Whether the hyphen ending `head` (the last token of a line) belongs to the text, given the
/// `next` line.
fn keep_hyphen(head: &str, next: &str, local: &Vocab, corpus: &Vocab) -> bool {
    let tail_tok = next.split_whitespace().next().unwrap_or("");
    if !ends_with_break(head) || !tail_tok.chars().next().is_some_and(char::is_alphabetic) {
        // A digit on either side: `2019-` / `2021`, `mid-` / `1987`.
        return true;
    }
    let head_word = trim_word(head).to_lowercase();
    // No layout splits a word after a single letter: `J-` / `four` is `J-four`.
    let head_letters = head_word
        .rsplit('-')
        .next()
        .map_or(0, |p| p.chars().count());
    if head_letters < 2 {
        return true;
    }
    let tail_word = trim_word(tail_tok);
    // The tail up to its first hyphen or punctuation: the rest of the broken word.
    let tail_part: String = tail_word
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '\'')
        .collect();
    let tail_lower = tail_part.to_lowercase();
    let joined = format!("{head_word}{tail_lower}");
    let hyphened = format!("{head_word}-{tail_lower}");
    let score = |w: &str| LOCAL_WEIGHT * local.count(w) + corpus.count(w);
    let (j, h) = (score(&joined), score(&hyphened));
    if j != h {
        return h > j;
    }
    // A capital after a lower-case letter starts a new word: `anti-` / `Western`.
    let head_last = head.trim_end_matches('-').chars().last();
    let tail_first = tail_part.chars().next();
    if head_last.is_some_and(char::is_lowercase) && tail_first.is_some_and(char::is_uppercase) {
        return true;
    }
    // A compound under way whose last part is a joining word (`cost-of-` / `living`,
    // `face-to-` / `face`) breaks at its own hyphen: a layout splits a long word, not `of`.
    // (`so-call-` / `ed` is a word split after a compound's hyphen: `call` is no joining word.)
    let head_part = head_word.rsplit('-').next().unwrap_or("");
    if head_word.len() > head_part.len() && JOINING.contains(&head_part) {
        return true;
    }
    // Both parts words in their own right: a compound. Fragments of a split word rarely are.
    let known = |w: &str| w.chars().count() > 1 && score(w) > 0;
    known(head_part) && known(&tail_lower)
}

/// Words that join the parts of a compound (`cost-of-living`, `mother-in-law`,
/// `state-of-the-art`, `face-to-face`, `Stratford-upon-Avon`).
const JOINING: &[&str] = &[
    "a", "an", "and", "at", "by", "de", "for", "in", "la", "le", "of", "on", "or", "the", "to",
    "upon",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn join_lines(lines: &[&str], local: &Vocab, corpus: &Vocab) -> String {
        let mut out = String::new();
        push_joined(&mut out, lines, local, corpus);
        out
    }

    fn vocab(text: &str) -> Vocab {
        let mut v = Vocab::new();
        v.add_text(text);
        v
    }

    #[test]
    fn split_word_joins_when_the_whole_word_is_seen() {
        let local = vocab("the government said");
        let out = join_lines(&["the gov-", "ernment said"], &local, &Vocab::new());
        assert_eq!(out, "the government said");
    }

    #[test]
    fn compound_keeps_hyphen_when_seen_hyphenated() {
        let corpus = vocab("a debt-rescheduling deal");
        let out = join_lines(&["new debt-", "rescheduling talks"], &Vocab::new(), &corpus);
        assert_eq!(out, "new debt-rescheduling talks");
    }

    #[test]
    fn compound_of_two_known_words_keeps_hyphen() {
        let local = vocab("by the end of the year");
        let out = join_lines(&["its year-", "end figures"], &local, &Vocab::new());
        assert_eq!(out, "its year-end figures");
    }

    #[test]
    fn compound_under_way_keeps_its_hyphen() {
        let local = vocab("the cost of energy, the price of gas");
        let out = join_lines(&["the cost-of-", "living crisis"], &local, &Vocab::new());
        assert_eq!(out, "the cost-of-living crisis");
        // A word split after a compound's hyphen still joins, with no evidence either way,
        // even where its first part is a word (`call`).
        let local = vocab("they call it so");
        let out = join_lines(&["the so-call-", "ed reform"], &local, &Vocab::new());
        assert_eq!(out, "the so-called reform");
        let local = vocab("a well run firm");
        let out = join_lines(&["a well-estab-", "lished firm"], &local, &Vocab::new());
        assert_eq!(out, "a well-established firm");
    }

    #[test]
    fn capitalised_tail_keeps_hyphen() {
        let out = join_lines(&["an anti-", "Western mood"], &Vocab::new(), &Vocab::new());
        assert_eq!(out, "an anti-Western mood");
    }

    #[test]
    fn single_letter_head_keeps_hyphen() {
        let v = Vocab::new();
        assert_eq!(
            join_lines(&["class J-", "four bonds"], &v, &v),
            "class J-four bonds"
        );
    }

    #[test]
    fn suspended_hyphen_keeps_its_space() {
        let v = Vocab::new();
        assert_eq!(
            join_lines(&["of medium-", "and long-term loans"], &v, &v),
            "of medium- and long-term loans"
        );
    }

    #[test]
    fn unknown_fragments_join() {
        let out = join_lines(
            &["the expectatio-", "ns were"],
            &Vocab::new(),
            &Vocab::new(),
        );
        assert_eq!(out, "the expectations were");
    }

    #[test]
    fn non_letters_keep_hyphen_and_spaced_dash_is_a_space() {
        let v = Vocab::new();
        assert_eq!(
            join_lines(&["in mid-", "1987 it"], &v, &v),
            "in mid-1987 it"
        );
        assert_eq!(
            join_lines(&["TORONTO, March 4 -", "sales"], &v, &v),
            "TORONTO, March 4 - sales"
        );
    }
}
