//! CSV downloads as municipal Excel opens them: the encoding a clerk chose (CP932 by
//! default), the charset named, and how many characters that encoding could not hold.

use actix_web::HttpResponse;
use madoguchi_domain::text_file::{self, TextEncoding};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::problem::{ApiError, ApiResult};

#[derive(Debug, Clone, Copy, Deserialize, ToSchema, Default)]
pub enum ExportEncoding {
    /// Shift_JIS as Windows writes it: what Excel opens by default.
    #[default]
    #[serde(rename = "cp932", alias = "shift_jis", alias = "sjis")]
    Cp932,
    /// UTF-8 with a byte-order mark, so that Excel recognises it.
    #[serde(rename = "utf-8", alias = "utf8")]
    Utf8,
}

impl From<ExportEncoding> for TextEncoding {
    fn from(encoding: ExportEncoding) -> Self {
        match encoding {
            ExportEncoding::Cp932 => Self::Cp932,
            ExportEncoding::Utf8 => Self::Utf8,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `cp932` (default) or `utf-8`.
    #[serde(default)]
    pub encoding: ExportEncoding,
}

/// The CSV text a writer produced.
pub(crate) fn csv_text(writer: csv::Writer<Vec<u8>>) -> ApiResult<String> {
    let bytes = writer.into_inner().map_err(|e| ApiError::internal(std::io::Error::other(e.to_string())))?;
    String::from_utf8(bytes).map_err(ApiError::internal)
}

/// A CSV download: the bytes in the chosen encoding, with the charset named.
pub(crate) fn csv_download(text: &str, encoding: TextEncoding, filename: &str) -> HttpResponse {
    let encoded = text_file::encode(text, encoding);
    HttpResponse::Ok()
        .insert_header(("Content-Type", format!("text/csv; charset={}", encoding.charset())))
        .insert_header(("Content-Disposition", format!("attachment; filename=\"{filename}\"")))
        .insert_header(("X-Unmappable-Characters", encoded.unmappable.to_string()))
        .insert_header(("Cache-Control", "no-store"))
        .body(encoded.bytes)
}
