//! Terminal output helpers: colour (respecting `NO_COLOR` and pipes) and wrapping text that
//! holds colour codes.

use std::io::IsTerminal;

/// Whether to colour stdout.
pub fn use_colour() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}

/// Styles for highlighted and dim text.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    colour: bool,
}

impl Style {
    /// Colour on a terminal unless `NO_COLOR`.
    pub fn detect() -> Self {
        Style {
            colour: use_colour(),
        }
    }

    /// `text` with the byte ranges `ranges` highlighted.
    pub fn highlight(&self, text: &str, ranges: &[(usize, usize)]) -> String {
        if !self.colour {
            return text.to_owned();
        }
        let mut out = String::with_capacity(text.len() + ranges.len() * 12);
        let mut at = 0;
        for &(a, b) in ranges {
            if a < at || b > text.len() || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
                continue;
            }
            out.push_str(&text[at..a]);
            out.push_str("\x1b[1;33m");
            out.push_str(&text[a..b]);
            out.push_str("\x1b[0m");
            at = b;
        }
        out.push_str(&text[at..]);
        out
    }

    /// Bold text.
    pub fn bold(&self, text: &str) -> String {
        self.wrap(text, "1")
    }

    /// Dim text.
    pub fn dim(&self, text: &str) -> String {
        self.wrap(text, "2")
    }

    fn wrap(&self, text: &str, code: &str) -> String {
        if self.colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

/// Wraps `text` (which may hold colour codes) at `width` visible columns, each line starting
/// with `indent`.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut visible = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let w = visible_len(word);
        if visible > 0 && visible + 1 + w > width {
            lines.push(std::mem::take(&mut line));
            visible = 0;
        }
        if visible > 0 {
            line.push(' ');
            visible += 1;
        }
        line.push_str(word);
        visible += w;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
        .iter()
        .map(|l| format!("{indent}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn visible_len(s: &str) -> usize {
    let mut n = 0;
    let mut in_escape = false;
    for c in s.chars() {
        match (in_escape, c) {
            (false, '\x1b') => in_escape = true,
            (true, 'm') => in_escape = false,
            (true, _) => {}
            (false, _) => n += 1,
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_by_visible_width() {
        let s = Style { colour: true };
        let t = s.highlight("aaa bbb ccc", &[(4, 7)]);
        assert_eq!(wrap(&t, 7, "  "), "  aaa \x1b[1;33mbbb\x1b[0m\n  ccc");
    }
}
