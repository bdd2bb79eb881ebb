//! Query translation, first half: the text a user typed to a [`Clause`] tree.
//!
//! The language is tantivy's (words, `"phrases"`, `AND`/`OR`/`+`/`-`, `field:value`,
//! `word*`, `word~2`, parentheses) read leniently, because people paste sentences: an
//! apostrophe is not a quote, a colon after a word that is not a field is punctuation, a bare
//! URL is a URL, parentheses that do not balance in a plain sentence are punctuation. Only a
//! query clearly meant as syntax and broken is a [`QueryError`], with its position.
//! [`build`] turns the tree into a tantivy query.

pub mod build;
pub mod filters;

/// Why a query cannot be run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("bad query at position {position}: {message}")]
pub struct QueryError {
    /// 1-based character position in the query.
    pub position: usize,
    /// What is wrong, with a hint.
    pub message: String,
}

/// Whether a clause must, may or must not match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occurrence {
    /// Ranks higher when it matches (the default operator is OR).
    Should,
    /// Must match (`+word`, `AND`).
    Must,
    /// Must not match (`-word`).
    MustNot,
}

/// A field a query term can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldName {
    /// `title:`
    Title,
    /// `body:`
    Body,
    /// `person:`
    Person,
    /// `org:`
    Org,
    /// `place:`
    Place,
    /// `source:`
    Source,
    /// `date:`
    Date,
    /// `url:`
    Url,
}

impl FieldName {
    fn from_prefix(name: &str) -> Option<Self> {
        Some(match name.to_ascii_lowercase().as_str() {
            "title" => FieldName::Title,
            "body" | "text" => FieldName::Body,
            "person" | "persons" | "people" => FieldName::Person,
            "org" | "organization" | "organisation" | "organizations" => FieldName::Org,
            "place" | "location" | "locations" | "places" => FieldName::Place,
            "source" | "outlet" | "site" => FieldName::Source,
            "date" => FieldName::Date,
            "url" => FieldName::Url,
            _ => return None,
        })
    }
}

/// How a word matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// The word (stemmed).
    Exact,
    /// Words starting with it (`budg*`).
    Prefix,
    /// Words within this edit distance (`word~`, `word~2`).
    Fuzzy(u8),
}

/// One searchable thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A word (several tokens after analysis make a phrase).
    Word {
        /// The field named, or none for title and body.
        field: Option<FieldName>,
        /// The word as typed.
        text: String,
        /// How it matches.
        how: Match,
    },
    /// A quoted phrase.
    Phrase {
        /// The field named, or none for title and body.
        field: Option<FieldName>,
        /// The words inside the quotes.
        text: String,
    },
    /// A URL typed as is.
    Url(String),
    /// A parenthesised group.
    Group(Vec<Clause>),
}

/// A node with its occurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// Must, should or must not.
    pub occur: Occurrence,
    /// What it matches.
    pub node: Node,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Atom { occur: Occurrence, node: Node },
    And,
    Or,
    Open(Occurrence),
    Close,
}

/// Parses a user query. An empty result means "everything".
pub fn parse_query(input: &str) -> Result<Vec<Clause>, QueryError> {
    let chars: Vec<(usize, char)> = input.chars().enumerate().collect();
    let parens_ok = parens_balanced(input);
    let toks = lex(input, parens_ok)?;
    let uses_syntax = toks.iter().any(|(_, t)| {
        !matches!(
            t,
            Tok::Atom {
                occur: Occurrence::Should,
                node: Node::Word { field: None, .. }
            }
        )
    });
    if !parens_ok && uses_syntax && input.contains(['(', ')']) {
        let pos = unbalanced_paren(&chars);
        return Err(QueryError {
            position: pos,
            message: "unbalanced parenthesis".into(),
        });
    }
    let mut pos = 0;
    let clauses = parse_seq(&toks, &mut pos, 0)?;
    if pos < toks.len() {
        return Err(QueryError {
            position: toks[pos].0,
            message: "unexpected `)`".into(),
        });
    }
    Ok(clauses)
}

fn parse_seq(
    toks: &[(usize, Tok)],
    pos: &mut usize,
    depth: usize,
) -> Result<Vec<Clause>, QueryError> {
    let mut clauses: Vec<Clause> = Vec::new();
    let mut pending_and = false;
    let mut last_op: Option<(usize, &str)> = None;
    while *pos < toks.len() {
        let (at, tok) = &toks[*pos];
        let mut clause = match tok {
            Tok::Close if depth > 0 => break,
            Tok::Close => {
                return Err(QueryError {
                    position: *at,
                    message: "unexpected `)`".into(),
                })
            }
            Tok::And | Tok::Or => {
                let name = if *tok == Tok::And { "AND" } else { "OR" };
                if clauses.is_empty() || last_op.is_some() {
                    return Err(op_error(*at, name));
                }
                pending_and = *tok == Tok::And;
                last_op = Some((*at, name));
                *pos += 1;
                continue;
            }
            Tok::Open(occur) => {
                *pos += 1;
                let inner = parse_seq(toks, pos, depth + 1)?;
                if *pos >= toks.len() {
                    return Err(QueryError {
                        position: *at,
                        message: "unclosed `(`".into(),
                    });
                }
                Clause {
                    occur: *occur,
                    node: Node::Group(inner),
                }
            }
            Tok::Atom { occur, node } => Clause {
                occur: *occur,
                node: node.clone(),
            },
        };
        *pos += 1;
        if pending_and {
            if let Some(prev) = clauses.last_mut() {
                if prev.occur == Occurrence::Should {
                    prev.occur = Occurrence::Must;
                }
            }
            if clause.occur == Occurrence::Should {
                clause.occur = Occurrence::Must;
            }
        }
        pending_and = false;
        last_op = None;
        clauses.push(clause);
    }
    if let Some((at, name)) = last_op {
        return Err(op_error(at, name));
    }
    Ok(clauses)
}

fn op_error(at: usize, name: &str) -> QueryError {
    QueryError {
        position: at,
        message: format!(
            "`{name}` needs a term on each side (write it in lower case to search for the word)"
        ),
    }
}

fn parens_balanced(input: &str) -> bool {
    let mut depth = 0i32;
    let mut in_quote = false;
    for c in input.chars() {
        match c {
            '"' => in_quote = !in_quote,
            '(' if !in_quote => depth += 1,
            ')' if !in_quote => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

fn unbalanced_paren(chars: &[(usize, char)]) -> usize {
    let mut stack = Vec::new();
    for &(i, c) in chars {
        match c {
            '(' => stack.push(i),
            ')' if stack.pop().is_none() => return i + 1,
            _ => {}
        }
    }
    stack.first().map_or(1, |i| i + 1)
}

fn lex(input: &str, parens: bool) -> Result<Vec<(usize, Tok)>, QueryError> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i + 1;
        let mut occur = Occurrence::Should;
        if (c == '-' || c == '+') && chars.get(i + 1).is_some_and(|n| !n.is_whitespace()) {
            occur = if c == '-' {
                Occurrence::MustNot
            } else {
                Occurrence::Must
            };
            i += 1;
        }
        let c = chars[i];
        if parens && c == '(' {
            out.push((start, Tok::Open(occur)));
            i += 1;
            continue;
        }
        if parens && c == ')' {
            out.push((start, Tok::Close));
            i += 1;
            continue;
        }
        if c == '"' {
            let (text, next) = read_quoted(&chars, i + 1);
            i = next;
            if !text.trim().is_empty() {
                out.push((
                    start,
                    Tok::Atom {
                        occur,
                        node: Node::Phrase { field: None, text },
                    },
                ));
            }
            continue;
        }
        // A word: up to whitespace, a quote, or a parenthesis when those are syntax.
        let mut j = i;
        while j < chars.len()
            && !chars[j].is_whitespace()
            && chars[j] != '"'
            && !(parens && (chars[j] == '(' || chars[j] == ')'))
        {
            j += 1;
        }
        let word: String = chars[i..j].iter().collect();
        i = j;
        if occur == Occurrence::Should && word == "AND" {
            out.push((start, Tok::And));
            continue;
        }
        if occur == Occurrence::Should && word == "OR" {
            out.push((start, Tok::Or));
            continue;
        }
        if occur == Occurrence::Should && word == "NOT" {
            // NOT x is -x.
            continue;
        }
        // field:value
        if let Some((name, value)) = word.split_once(':') {
            if let Some(field) = FieldName::from_prefix(name) {
                let value_start = start + name.chars().count() + 1;
                if value.is_empty() {
                    if chars.get(i) == Some(&'"') {
                        let (text, next) = read_quoted(&chars, i + 1);
                        i = next;
                        out.push((
                            start,
                            Tok::Atom {
                                occur,
                                node: Node::Phrase {
                                    field: Some(field),
                                    text,
                                },
                            },
                        ));
                        continue;
                    }
                    return Err(QueryError {
                        position: value_start,
                        message: format!("`{name}:` needs a value, e.g. `{name}:word`"),
                    });
                }
                let (text, how) = word_match(value, value_start)?;
                out.push((
                    start,
                    Tok::Atom {
                        occur,
                        node: Node::Word {
                            field: Some(field),
                            text,
                            how,
                        },
                    },
                ));
                continue;
            }
            if crate::parse::urls::is_url(&word) {
                out.push((
                    start,
                    Tok::Atom {
                        occur,
                        node: Node::Url(word),
                    },
                ));
                continue;
            }
        }
        if !word.chars().any(char::is_alphanumeric) {
            continue;
        }
        let (text, how) = word_match(&word, start)?;
        out.push((
            start,
            Tok::Atom {
                occur,
                node: Node::Word {
                    field: None,
                    text,
                    how,
                },
            },
        ));
    }
    apply_not(input, &mut out);
    Ok(out)
}

/// `NOT x` means `-x`: marks the atom that follows each `NOT`.
fn apply_not(input: &str, toks: &mut [(usize, Tok)]) {
    let chars: Vec<char> = input.chars().collect();
    for (pos, tok) in toks.iter_mut() {
        let before: String = chars[..pos.saturating_sub(1)].iter().collect();
        if before.trim_end().ends_with(" NOT") || before.trim_end() == "NOT" {
            match tok {
                Tok::Atom { occur, .. } | Tok::Open(occur) => *occur = Occurrence::MustNot,
                _ => {}
            }
        }
    }
}

fn read_quoted(chars: &[char], from: usize) -> (String, usize) {
    let mut j = from;
    while j < chars.len() && chars[j] != '"' {
        j += 1;
    }
    let text: String = chars[from..j].iter().collect();
    (text, (j + 1).min(chars.len().max(j + 1)))
}

/// Splits a `*` or `~N` suffix off a word.
fn word_match(word: &str, start: usize) -> Result<(String, Match), QueryError> {
    let trimmed = word.trim_end_matches(['?', '.', ',', ';', '!']);
    if let Some(stem) = trimmed.strip_suffix('*') {
        if stem.chars().any(char::is_alphanumeric) && !stem.contains('*') {
            return Ok((stem.to_owned(), Match::Prefix));
        }
    }
    if let Some((stem, dist)) = trimmed.rsplit_once('~') {
        if stem.chars().any(char::is_alphanumeric) && !stem.contains('~') {
            let d = match dist {
                "" => 1,
                "0" | "1" | "2" => dist.parse().unwrap_or(1),
                _ => {
                    return Err(QueryError {
                        position: start + stem.chars().count() + 1,
                        message: format!("fuzzy distance must be 0, 1 or 2, not `{dist}`"),
                    })
                }
            };
            return Ok((stem.to_owned(), Match::Fuzzy(d)));
        }
    }
    Ok((word.to_owned(), Match::Exact))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(q: &str) -> Vec<(Occurrence, String)> {
        parse_query(q)
            .unwrap()
            .into_iter()
            .map(|c| match c.node {
                Node::Word { text, .. } | Node::Phrase { text, .. } | Node::Url(text) => {
                    (c.occur, text)
                }
                Node::Group(g) => (c.occur, format!("({})", g.len())),
            })
            .collect()
    }

    #[test]
    fn plain_words_and_operators() {
        use Occurrence::*;
        assert_eq!(words("a b"), [(Should, "a".into()), (Should, "b".into())]);
        assert_eq!(
            words("a AND b OR c"),
            [(Must, "a".into()), (Must, "b".into()), (Should, "c".into())]
        );
        assert_eq!(words("-budget"), [(MustNot, "budget".into())]);
        assert_eq!(
            words("+x NOT y"),
            [(Must, "x".into()), (MustNot, "y".into())]
        );
        assert_eq!(
            words("(a b) c"),
            [(Should, "(2)".into()), (Should, "c".into())]
        );
    }

    #[test]
    fn sentences_are_not_errors() {
        for q in [
            "Trump's visit",
            "O'Brien",
            "What did he say (about it?",
            "Note: the budget.",
            "a - b",
            "https://www.example.com/2021/02/04/x-y",
        ] {
            parse_query(q).unwrap_or_else(|e| panic!("{q}: {e}"));
        }
        assert!(matches!(
            &parse_query("https://example.com/a").unwrap()[0].node,
            Node::Url(_)
        ));
    }

    #[test]
    fn broken_syntax_is_an_error_with_position() {
        assert_eq!(parse_query("budget AND").unwrap_err().position, 8);
        assert_eq!(parse_query("OR x").unwrap_err().position, 1);
        assert_eq!(parse_query("title:").unwrap_err().position, 7);
        assert_eq!(parse_query("x~9").unwrap_err().position, 3);
        assert_eq!(parse_query("(a AND b").unwrap_err().position, 1);
    }

    #[test]
    fn fields_prefixes_fuzzy() {
        let q = parse_query("person:lavrov budg* navalny~ title:\"new start\"").unwrap();
        assert_eq!(
            q[0].node,
            Node::Word {
                field: Some(FieldName::Person),
                text: "lavrov".into(),
                how: Match::Exact
            }
        );
        assert_eq!(
            q[1].node,
            Node::Word {
                field: None,
                text: "budg".into(),
                how: Match::Prefix
            }
        );
        assert_eq!(
            q[2].node,
            Node::Word {
                field: None,
                text: "navalny".into(),
                how: Match::Fuzzy(1)
            }
        );
        assert_eq!(
            q[3].node,
            Node::Phrase {
                field: Some(FieldName::Title),
                text: "new start".into()
            }
        );
    }
}
