//! Reading a few bytes of text as one integer, for hashing and packing words.

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
