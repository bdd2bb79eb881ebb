//! Reading one character of UTF-8 text at a byte offset, cheaply for ASCII.

/// The character at byte offset `i` of `text` (a character boundary), or `None` at the end.
/// ASCII bytes, nearly all of news text, are taken as they are; only other bytes are decoded.
#[inline]
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        Some(char::from(b))
    } else {
        text[i..].chars().next()
    }
}
