//! Snippets: the sentences of a stored text that best match a query, with the byte ranges to
//! highlight.
//!
//! The text is analyzed as it was indexed, so a highlight is wherever a query term matched:
//! exact terms, prefixes, fuzzy terms, and whole phrases. Up to two fragments are chosen, each
//! aligned on a sentence. Works for any query kind, with no stored-offset index needed.

use std::collections::VecDeque;

use tantivy::tokenizer::{TextAnalyzer, TokenStream};

use crate::analyzers::NewsTokenizer;
use crate::query::build::Highlights;
use crate::schema::news_analyzer;

/// A fragment of text with highlighted byte ranges.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Snippet {
    /// The fragment(s), joined with ` … `.
    pub text: String,
    /// Highlighted byte ranges in `text`, in order, not overlapping.
    pub highlights: Vec<(usize, usize)>,
}

/// Makes snippets and finds matches for one query's highlights.
pub struct Highlighter {
    highlights: Highlights,
    analyzer: TextAnalyzer,
}

impl Highlighter {
    /// A highlighter for `highlights`. Only the words that could match are stemmed: those
    /// starting with the first letter of a term, prefix or phrase word (a fuzzy term may
    /// match any word).
    pub fn new(highlights: Highlights) -> Self {
        let analyzer = if highlights.fuzzy.is_empty() {
            let words = highlights.terms.iter().chain(&highlights.prefixes);
            let phrase_words = highlights.phrases.iter().flatten();
            let firsts = words.chain(phrase_words).filter_map(|w| w.bytes().next());
            TextAnalyzer::from(NewsTokenizer::stemming_only_words_starting_with(firsts))
        } else {
            news_analyzer()
        };
        Highlighter {
            highlights,
            analyzer,
        }
    }

    /// Byte ranges of `text` that match the query, in order, merged.
    pub fn matches(&mut self, text: &str) -> Vec<(usize, usize)> {
        let h = &self.highlights;
        let longest = h.phrases.iter().map(Vec::len).max().unwrap_or(0);
        // The last `longest` terms and where each starts, for phrases.
        let mut recent: VecDeque<(String, usize)> = VecDeque::with_capacity(longest);
        let mut spans = Vec::new();
        let mut stream = self.analyzer.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            let (stem, from, to) = (t.text.as_str(), t.offset_from, t.offset_to);
            let hit = h.terms.contains(stem)
                || h.prefixes.iter().any(|p| {
                    stem.starts_with(p.as_str()) || text[from..to].to_lowercase().starts_with(p)
                })
                || h.fuzzy
                    .iter()
                    .any(|(t, d)| edit_distance_within(stem, t, *d as usize));
            if hit {
                spans.push((from, to));
            }
            if longest == 0 {
                continue;
            }
            let mut kept = if recent.len() == longest {
                recent.pop_front().map(|r| r.0).unwrap_or_default()
            } else {
                String::new()
            };
            kept.clear();
            kept.push_str(stem);
            recent.push_back((kept, from));
            for phrase in &h.phrases {
                let n = phrase.len();
                if n <= recent.len()
                    && recent
                        .range(recent.len() - n..)
                        .zip(phrase)
                        .all(|(r, p)| r.0 == *p)
                {
                    spans.push((recent[recent.len() - n].1, to));
                }
            }
        }
        merge(spans)
    }

    /// The best fragments of `text`, about `max_len` bytes in all.
    pub fn snippet(&mut self, text: &str, max_len: usize) -> Snippet {
        let spans = self.matches(text);
        let sentences = sentences(text);
        if spans.is_empty() || sentences.is_empty() {
            return fragment(text, &spans, 0, max_len);
        }
        // Score sentences by distinct matched words, then by matches.
        let score = |&(s, e): &(usize, usize)| {
            let inside: Vec<&(usize, usize)> =
                spans.iter().filter(|(a, _)| *a >= s && *a < e).collect();
            let mut distinct: Vec<String> = inside
                .iter()
                .map(|(a, b)| text[*a..*b].to_lowercase())
                .collect();
            distinct.sort();
            distinct.dedup();
            distinct.len() * 4 + inside.len()
        };
        let mut ranked: Vec<(usize, usize)> =
            sentences.iter().copied().filter(|s| score(s) > 0).collect();
        ranked.sort_by_key(|s| std::cmp::Reverse(score(s)));
        let first = ranked[0];
        let mut parts = vec![first];
        if let Some(second) = ranked.iter().skip(1).find(|s| s.0 != first.0) {
            if (first.1 - first.0) + (second.1 - second.0) <= max_len {
                parts.push(*second);
                parts.sort();
            }
        }
        let budget = max_len / parts.len();
        let mut out = Snippet::default();
        for (s, e) in parts {
            let f = fragment(&text[..e.max(s)], &spans, s, budget.max(e - s).min(max_len));
            if !out.text.is_empty() {
                out.text.push_str(" … ");
            }
            let base = out.text.len();
            out.text.push_str(&f.text);
            out.highlights
                .extend(f.highlights.into_iter().map(|(a, b)| (a + base, b + base)));
        }
        out
    }
}

/// `text[start..]` cut to about `max_len` bytes at a word boundary, with the spans inside.
/// If the first span is beyond `max_len`, the window moves to show it.
fn fragment(text: &str, spans: &[(usize, usize)], start: usize, max_len: usize) -> Snippet {
    let mut start = start.min(text.len());
    if let Some(&(a, _)) = spans.iter().find(|(a, b)| *a >= start && *b <= text.len()) {
        if a + 20 > start + max_len {
            start = floor_boundary(text, a.saturating_sub(max_len / 3));
            start = text[start..].find(' ').map_or(start, |i| start + i + 1);
        }
    }
    let mut end = (start + max_len).min(text.len());
    end = floor_boundary(text, end);
    if end < text.len() {
        end = text[start..end].rfind(' ').map_or(end, |i| start + i);
    }
    let slice = &text[start..end];
    let mut out = String::with_capacity(slice.len() + 8);
    // An ellipsis where the fragment starts inside a sentence, not at a paragraph's start.
    let before = text[..start].trim_end_matches(' ');
    let prefix = if before.is_empty() || before.ends_with(['\n', '.', '?', '!', '"']) {
        ""
    } else {
        "…"
    };
    out.push_str(prefix);
    out.push_str(&slice.replace('\n', " "));
    let shift = prefix.len();
    let highlights = spans
        .iter()
        .filter(|(a, b)| *a >= start && *b <= end)
        .map(|(a, b)| (a - start + shift, b - start + shift))
        .collect();
    if end < text.len() && !slice.ends_with(['.', '?', '!', '"']) {
        out.push('…');
    }
    Snippet {
        text: out,
        highlights,
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Sentence byte ranges: ends at `.`, `?` or `!` followed by a space, and at paragraph breaks.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for i in 0..bytes.len() {
        if i < start {
            continue;
        }
        let end_here = (matches!(bytes[i], b'.' | b'?' | b'!')
            && bytes.get(i + 1).is_some_and(|b| b.is_ascii_whitespace())
            && i > 0
            && !bytes[i - 1].is_ascii_uppercase())
            || bytes[i] == b'\n';
        if end_here {
            let e = i + 1;
            if text[start..e].trim().len() > 1 {
                out.push((start, e));
            }
            start = e;
            while start < bytes.len() && bytes[start].is_ascii_whitespace() {
                start += 1;
            }
        }
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        out.push((start, text.len()));
    }
    out
}

fn merge(mut spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    spans.sort();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (a, b) in spans {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// Whether the edit distance (with transpositions) of `a` and `b` is at most `d`.
fn edit_distance_within(a: &str, b: &str, d: usize) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > d {
        return false;
    }
    let mut prev2: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        prev2 = std::mem::replace(&mut prev, cur);
    }
    prev[b.len()] <= d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hl(terms: &[&str], phrases: &[&[&str]]) -> Highlighter {
        let mut h = Highlights::default();
        h.terms.extend(terms.iter().map(|s| s.to_string()));
        h.phrases.extend(
            phrases
                .iter()
                .map(|p| p.iter().map(|s| s.to_string()).collect()),
        );
        Highlighter::new(h)
    }

    #[test]
    fn highlights_terms_and_whole_phrases() {
        let text = "The harbour bridge opened. Budgets rose. The bridge was busy.";
        let mut h = hl(&["budget"], &[&["harbour", "bridg"]]);
        let s = h.snippet(text, 200);
        let marked: Vec<&str> = s.highlights.iter().map(|(a, b)| &s.text[*a..*b]).collect();
        assert_eq!(marked, ["harbour bridge", "Budgets"]);
    }

    #[test]
    fn words_whose_stem_is_not_their_beginning() {
        let text = "Rallies went on. He was dying, the harbour old bridge said.";
        let s = hl(&["ralli", "die"], &[&["harbour", "bridg"]]).snippet(text, 200);
        let marked: Vec<&str> = s.highlights.iter().map(|(a, b)| &s.text[*a..*b]).collect();
        assert_eq!(marked, ["Rallies", "dying"]);
    }

    #[test]
    fn prefix_and_fuzzy() {
        let mut h = Highlights::default();
        h.prefixes.insert("budg".into());
        h.fuzzy.insert(("navalnu".into(), 1));
        let mut h = Highlighter::new(h);
        let text = "Navalny spoke of the budget.";
        let s = h.snippet(text, 200);
        let marked: Vec<&str> = s.highlights.iter().map(|(a, b)| &s.text[*a..*b]).collect();
        assert_eq!(marked, ["Navalny", "budget"]);
    }

    #[test]
    fn long_text_windows_to_the_match() {
        let text = format!("{} needle here.", "filler words ".repeat(100));
        let s = hl(&["needl"], &[]).snippet(&text, 120);
        assert!(s.text.len() <= 130, "{}", s.text);
        let (a, b) = s.highlights[0];
        assert_eq!(&s.text[a..b], "needle");
    }

    #[test]
    fn edit_distance() {
        assert!(edit_distance_within("navalni", "navalny", 1));
        assert!(edit_distance_within("ab", "ba", 1));
        assert!(!edit_distance_within("kitten", "sitting", 2));
    }
}
