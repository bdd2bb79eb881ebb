//! Decoding: the bytes of a file to text.
//!
//! UTF-8 (with or without a byte-order mark) is read as is; UTF-16 with a byte-order mark is
//! decoded; anything else that is not valid UTF-8 is read as Windows-1252 (a superset of
//! Latin-1 for printable text). Bytes that look binary are refused. Never touches the
//! filesystem.

/// Why some bytes are not text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The bytes hold NUL or many control characters: a binary file.
    #[error("binary file, not text")]
    Binary,
}

/// Decodes `bytes` to text, replacing line endings `\r\n` and `\r` by `\n`. Given a `Vec`,
/// UTF-8 text keeps its buffer (no copy).
pub fn decode(bytes: impl Into<Vec<u8>>) -> Result<String, DecodeError> {
    let bytes: Vec<u8> = bytes.into();
    let text = if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(&bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        text.into_owned()
    } else {
        if looks_binary(&bytes) {
            return Err(DecodeError::Binary);
        }
        match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                let bytes = e.into_bytes();
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
                text.into_owned()
            }
        }
    };
    if text.contains('\0') {
        return Err(DecodeError::Binary);
    }
    Ok(normalize_line_endings(text))
}

/// A NUL byte in the first 8 KiB, or more than 10% control bytes other than whitespace.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control * 10 > head.len()
}

fn normalize_line_endings(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_and_crlf() {
        let bytes = b"\xEF\xBB\xBF Title\r\nBody line\r\n";
        assert_eq!(decode(bytes).unwrap(), " Title\nBody line\n");
    }

    #[test]
    fn latin1_and_cp1252_bytes() {
        // "café “quoted” – dash" in Windows-1252
        let bytes = b"caf\xE9 \x93quoted\x94 \x96 dash";
        assert_eq!(decode(bytes).unwrap(), "café “quoted” – dash");
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Hi\r\nthere".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(bytes).unwrap(), "Hi\nthere");
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(decode(b"\x7fELF\x02\x01\x00\x00"), Err(DecodeError::Binary));
    }
}
