//! Bytes of UTF-8 text, cheaply: what each byte is ([`CLASS`]), a few bytes read as one
//! integer ([`load_le`]) and lower-cased in it ([`lower_ascii`]), for the scanners that split,
//! hash and pack words.

/// A bit of [`CLASS`]: an ASCII letter.
pub(crate) const ALPHA: u8 = 1;
/// A bit of [`CLASS`]: an ASCII digit.
pub(crate) const DIGIT: u8 = 2;
/// A bit of [`CLASS`]: an ASCII capital letter.
pub(crate) const UPPER: u8 = 4;
/// A bit of [`CLASS`]: `-`.
pub(crate) const HYPHEN: u8 = 8;
/// A bit of [`CLASS`]: a byte of a non-ASCII character (decode it to know more).
pub(crate) const NON_ASCII: u8 = 16;

/// What each byte is, as bits: a table costs less than comparisons. Other ASCII bytes
/// (white space, punctuation but `-`) have no bit.
pub(crate) static CLASS: [u8; 256] = {
    let mut table = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_uppercase() {
            ALPHA | UPPER
        } else if byte.is_ascii_lowercase() {
            ALPHA
        } else if byte.is_ascii_digit() {
            DIGIT
        } else if byte == b'-' {
            HYPHEN
        } else {
            0
        };
        b += 1;
    }
    table
};

/// Eight bytes, each 1: times a byte value, that value in every byte of a word.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte of a word: where the eight-bytes-at-a-time tests leave their
/// answers.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// Up to eight bytes as a little-endian integer (the first byte lowest), zero above them, in
/// at most two reads: no copy of a variable length (which is a call to `memmove`).
#[inline]
pub(crate) fn load_le(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    let u32_at = |i: usize| {
        let four: [u8; 4] = bytes[i..i + 4].try_into().unwrap_or_default();
        u64::from(u32::from_le_bytes(four))
    };
    match n {
        8.. => u64::from_le_bytes(bytes[..8].try_into().unwrap_or_default()),
        // Two reads that overlap: the bytes they share are the same bytes, in the same place.
        4..=7 => u32_at(0) | u32_at(n - 4) << (8 * (n - 4)),
        1..=3 => {
            let b = |i: usize| u64::from(bytes[i]) << (8 * i);
            b(0) | b(n / 2) | b(n - 1)
        }
        0 => 0,
    }
}

/// The high bit of each byte of `c` that is an ASCII capital, `A` to `Z` (other bits clear).
#[inline]
fn ascii_capitals(c: u64) -> u64 {
    let seven = c & !HIGH;
    // Each byte's high bit: its low seven bits are at least `A`, and at most `Z`; no carry
    // crosses a byte (at most 0x7f + 0x3f). A byte with its own high bit set is no capital.
    let from_a = seven.wrapping_add(ONES * (0x80 - u64::from(b'A')));
    let past_z = seven.wrapping_add(ONES * (0x80 - u64::from(b'Z') - 1));
    from_a & !past_z & !c & HIGH
}

/// The eight bytes of `c` with ASCII capitals lower-cased; other bytes (non-ASCII ones too)
/// unchanged.
#[inline]
pub(crate) fn lower_ascii(c: u64) -> u64 {
    // A capital's high bit, moved to its `0x20` bit: the lowercase letter.
    c | (ascii_capitals(c) >> 2)
}

/// Whether `bytes` are all ASCII with no capital letter: text that is its own lowercase.
/// Eight bytes at a time.
#[inline]
pub(crate) fn is_ascii_lowercase_text(bytes: &[u8]) -> bool {
    bytes.chunks(8).all(|chunk| {
        let c = load_le(chunk);
        (ascii_capitals(c) | c) & HIGH == 0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_are_those_of_the_ascii_predicates() {
        for b in 0..=255u8 {
            let c = CLASS[b as usize];
            assert_eq!(c & ALPHA != 0, b.is_ascii_alphabetic(), "{b:#x}");
            assert_eq!(c & DIGIT != 0, b.is_ascii_digit(), "{b:#x}");
            assert_eq!(c & UPPER != 0, b.is_ascii_uppercase(), "{b:#x}");
            assert_eq!(c & HYPHEN != 0, b == b'-', "{b:#x}");
            assert_eq!(c & NON_ASCII != 0, !b.is_ascii(), "{b:#x}");
        }
    }

    #[test]
    fn lowercase_text_is_ascii_without_capitals() {
        for b in 0..=255u8 {
            for at in 0..12 {
                let mut text = b"abc-def.ghi'".to_vec();
                text[at] = b;
                let expected = text.iter().all(|x| x.is_ascii() && !x.is_ascii_uppercase());
                assert_eq!(is_ascii_lowercase_text(&text), expected, "{b:#x} at {at}");
                let short = &text[..=at];
                let expected = short
                    .iter()
                    .all(|x| x.is_ascii() && !x.is_ascii_uppercase());
                assert_eq!(is_ascii_lowercase_text(short), expected, "{b:#x} ends {at}");
            }
        }
        assert!(is_ascii_lowercase_text(b""));
        assert!(!is_ascii_lowercase_text("caf\u{e9}".as_bytes()));
    }

    #[test]
    fn each_byte_lands_in_its_place() {
        let all: Vec<u8> = (1..=9).map(|b| b * 17).collect();
        for n in 0..=8 {
            let bytes = &all[..n];
            let expected = bytes
                .iter()
                .enumerate()
                .fold(0u64, |acc, (i, &b)| acc | u64::from(b) << (8 * i));
            assert_eq!(load_le(bytes), expected, "{n} bytes");
        }
    }

    #[test]
    fn swar_lower_casing_is_ascii_lower_casing() {
        for b in 0..=255u8 {
            let c = u64::from_le_bytes([b, b'Q', 0xC3, b, b'@', b'[', b'z', 0x80 | b]);
            let mut expected = c.to_le_bytes();
            expected.make_ascii_lowercase();
            assert_eq!(lower_ascii(c).to_le_bytes(), expected, "byte {b:#x}");
        }
    }
}
