//! The header logo a tenant uploads. Only raster formats whose bytes match their
//! declared type; SVG is refused because it can carry script.

use crate::FieldError;

pub const MAX_LOGO_BYTES: usize = 512 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoFormat {
    Png,
    Jpeg,
    Webp,
}

impl LogoFormat {
    #[must_use]
    pub fn content_type(self) -> &'static str {
        match self {
            LogoFormat::Png => "image/png",
            LogoFormat::Jpeg => "image/jpeg",
            LogoFormat::Webp => "image/webp",
        }
    }

    fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(LogoFormat::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(LogoFormat::Jpeg)
        } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(LogoFormat::Webp)
        } else {
            None
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogoImage {
    pub format: LogoFormat,
    pub bytes: Vec<u8>,
}

impl LogoImage {
    /// # Errors
    /// `logo.empty`, `logo.too_large`, `logo.unsupported_type` (not PNG, JPEG or WebP), or
    /// `logo.type_mismatch` when the bytes are not what the declared type says.
    pub fn parse(declared_type: &str, bytes: Vec<u8>) -> Result<Self, FieldError> {
        let field = "logo";
        if bytes.is_empty() {
            return Err(FieldError::new(field, "logo.empty", "the uploaded file is empty"));
        }
        if bytes.len() > MAX_LOGO_BYTES {
            return Err(FieldError::new(
                field,
                "logo.too_large",
                format!("a logo is at most {} KiB", MAX_LOGO_BYTES / 1024),
            ));
        }
        let declared = match declared_type.split(';').next().unwrap_or_default().trim() {
            "image/png" => LogoFormat::Png,
            "image/jpeg" | "image/jpg" => LogoFormat::Jpeg,
            "image/webp" => LogoFormat::Webp,
            _ => return Err(FieldError::new(field, "logo.unsupported_type", "a logo is a PNG, JPEG or WebP image")),
        };
        match LogoFormat::sniff(&bytes) {
            Some(actual) if actual == declared => Ok(Self { format: actual, bytes }),
            _ => Err(FieldError::new(
                field,
                "logo.type_mismatch",
                "the file's content is not the image type it claims to be",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

    #[test]
    fn a_png_is_accepted() {
        assert!(LogoImage::parse("image/png", PNG.to_vec()).is_ok());
    }

    #[test]
    fn an_svg_or_a_disguised_file_is_refused() {
        assert_eq!(
            LogoImage::parse("image/svg+xml", b"<svg/>".to_vec()).err().map(|e| e.code),
            Some("logo.unsupported_type")
        );
        assert_eq!(LogoImage::parse("image/png", b"<html>".to_vec()).err().map(|e| e.code), Some("logo.type_mismatch"));
        assert_eq!(LogoImage::parse("image/jpeg", PNG.to_vec()).err().map(|e| e.code), Some("logo.type_mismatch"));
    }

    #[test]
    fn a_huge_file_is_refused() {
        let mut big = PNG.to_vec();
        big.resize(MAX_LOGO_BYTES + 1, 0);
        assert_eq!(LogoImage::parse("image/png", big).err().map(|e| e.code), Some("logo.too_large"));
    }
}
