//! Files clerks exchange come from Excel: UTF-8 with or without a BOM, or Shift_JIS
//! (Windows code page 932). Imports detect which; exports write either.

use encoding_rs::{SHIFT_JIS, UTF_8};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    /// Windows-31J; `encoding_rs`'s Shift_JIS is the WHATWG one, which is CP932.
    Cp932,
}

impl TextEncoding {
    /// `utf-8`/`utf8` or `cp932`/`shift_jis`/`sjis`; `None` for anything else.
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        match name.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Some(Self::Utf8),
            "cp932" | "shift-jis" | "sjis" | "windows-31j" => Some(Self::Cp932),
            _ => None,
        }
    }

    #[must_use]
    pub fn charset(self) -> &'static str {
        match self {
            Self::Utf8 => "utf-8",
            Self::Cp932 => "Shift_JIS",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is neither UTF-8 nor Shift_JIS (CP932) text")]
    UnknownEncoding,
}

/// Decodes an uploaded text file, telling which encoding it was in.
///
/// # Errors
/// [`DecodeError::Empty`] for a file with no text, [`DecodeError::UnknownEncoding`]
/// when the bytes are valid in neither encoding.
pub fn decode(bytes: &[u8]) -> Result<(String, TextEncoding), DecodeError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let decoded = if let Ok(text) = std::str::from_utf8(body) {
        (text.to_owned(), TextEncoding::Utf8)
    } else {
        let (text, had_errors) = SHIFT_JIS.decode_without_bom_handling(body);
        if had_errors {
            return Err(DecodeError::UnknownEncoding);
        }
        (text.into_owned(), TextEncoding::Cp932)
    };
    if decoded.0.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    // Excel writes CR LF, old Macs a lone CR: one kind of line end, so that the line
    // numbers an import reports are the ones the clerk sees in the file.
    let text = if decoded.0.contains('\r') { decoded.0.replace("\r\n", "\n").replace('\r', "\n") } else { decoded.0 };
    Ok((text, decoded.1))
}

/// An encoded export and how many characters CP932 could not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded {
    pub bytes: Vec<u8>,
    pub unmappable: usize,
}

/// Encodes an export. UTF-8 gets a BOM, so that Excel opens it as UTF-8. Characters
/// CP932 cannot hold (e.g. 𠮷) become 〓, the customary stand-in, and are counted.
#[must_use]
pub fn encode(text: &str, encoding: TextEncoding) -> Encoded {
    match encoding {
        TextEncoding::Utf8 => {
            let mut bytes = b"\xEF\xBB\xBF".to_vec();
            bytes.extend_from_slice(text.as_bytes());
            Encoded { bytes, unmappable: 0 }
        }
        TextEncoding::Cp932 => {
            let mut unmappable = 0;
            let mut bytes = Vec::with_capacity(text.len());
            let mut buffer = [0u8; 4];
            for c in text.chars() {
                let (encoded, _, had_errors) = SHIFT_JIS.encode(c.encode_utf8(&mut buffer));
                if had_errors {
                    unmappable += 1;
                    bytes.extend_from_slice(&SHIFT_JIS.encode("〓").0);
                } else {
                    bytes.extend_from_slice(&encoded);
                }
            }
            Encoded { bytes, unmappable }
        }
    }
}

/// Decodes bytes known to be UTF-8 (tests and round trips).
#[must_use]
pub fn utf8_lossy(bytes: &[u8]) -> String {
    UTF_8.decode(bytes).0.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shift_jis_is_detected_and_decoded() {
        let (sjis, _, _) = SHIFT_JIS.encode("ログインID,氏名\r\nsato,髙橋");
        assert_eq!(decode(&sjis), Ok(("ログインID,氏名\nsato,髙橋".to_owned(), TextEncoding::Cp932)));
    }

    #[test]
    fn excel_and_old_mac_line_ends_become_one() {
        assert_eq!(decode(b"a,b\r\nc,d\r\n").map(|d| d.0), Ok("a,b\nc,d\n".to_owned()));
        assert_eq!(decode(b"a,b\rc,d\r").map(|d| d.0), Ok("a,b\nc,d\n".to_owned()));
    }

    #[test]
    fn a_utf8_bom_is_dropped() {
        assert_eq!(decode(b"\xEF\xBB\xBFa,b").map(|d| d.0), Ok("a,b".to_owned()));
    }

    #[test]
    fn empty_and_binary_files_are_refused() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b"\xEF\xBB\xBF \r\n"), Err(DecodeError::Empty));
        assert_eq!(decode(&[0x82, 0xFF, 0xFF, 0x00]), Err(DecodeError::UnknownEncoding));
    }

    #[test]
    fn cp932_export_marks_characters_it_cannot_hold() {
        let encoded = encode("𠮷野家と髙島屋", TextEncoding::Cp932);
        assert_eq!(encoded.unmappable, 1);
        assert_eq!(decode(&encoded.bytes).map(|d| d.0), Ok("〓野家と髙島屋".to_owned()));
    }
}
