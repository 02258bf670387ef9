//! Downloads as municipal Excel opens them. A CSV in the encoding a clerk chose (CP932 by
//! default), the charset named, how many characters that encoding could not hold, and
//! every cell a formula could start neutralised; or an `.xlsx` whose cells are all text,
//! so phone numbers, reception numbers and other digit strings keep their leading zeros,
//! with the Japanese headers frozen at the top.

use actix_web::HttpResponse;
use madoguchi_domain::text_file::{self, TextEncoding};
use madoguchi_domain::{FieldError, csv_cell};
use rust_xlsxwriter::{Format, Workbook};
use serde::{Deserialize, Serialize};
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

/// The file a table is downloaded as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema, Default)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// CSV in the chosen `encoding`.
    #[default]
    Csv,
    /// An Excel workbook: every cell text, the header row frozen (`encoding` is ignored).
    Xlsx,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `cp932` (default) or `utf-8`.
    #[serde(default)]
    pub encoding: ExportEncoding,
    /// `csv` (default) or `xlsx`.
    #[serde(default)]
    pub format: ExportFormat,
}

/// A table to download: Japanese headers, then rows of text as the clerk reads it.
pub struct Table {
    sheet: &'static str,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new<S: Into<String>>(sheet: &'static str, headers: impl IntoIterator<Item = S>) -> Self {
        Self { sheet, headers: headers.into_iter().map(Into::into).collect(), rows: Vec::new() }
    }

    pub fn push<S: Into<String>>(&mut self, row: impl IntoIterator<Item = S>) {
        self.rows.push(row.into_iter().map(Into::into).collect());
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The CSV text, CRLF line ends, every cell neutralised.
    fn csv(&self) -> ApiResult<String> {
        let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
        writer.write_record(&self.headers).map_err(ApiError::internal)?;
        for row in &self.rows {
            writer.write_record(row.iter().map(|cell| csv_cell::neutralise(cell))).map_err(ApiError::internal)?;
        }
        let bytes = writer.into_inner().map_err(|e| ApiError::internal(std::io::Error::other(e.to_string())))?;
        String::from_utf8(bytes).map_err(ApiError::internal)
    }

    /// The workbook: text cells (a string cell is never a formula, so nothing is
    /// neutralised), the header bold and frozen, a filter on it, columns wide enough.
    fn xlsx(&self) -> ApiResult<Vec<u8>> {
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.set_name(self.sheet).map_err(ApiError::internal)?;
        let text = Format::new().set_num_format("@");
        let header = Format::new().set_bold().set_num_format("@");
        for (column, title) in self.headers.iter().enumerate() {
            let column = u16::try_from(column).map_err(ApiError::internal)?;
            sheet.write_string_with_format(0, column, title, &header).map_err(ApiError::internal)?;
            let widest = std::iter::once(title)
                .chain(self.rows.iter().filter_map(|r| r.get(usize::from(column))))
                .map(|cell| cell.chars().map(|c| if c.is_ascii() { 1.0 } else { 2.0 }).sum::<f64>())
                .fold(0.0_f64, f64::max);
            sheet.set_column_width(column, (widest + 2.0).min(60.0)).map_err(ApiError::internal)?;
            sheet.set_column_format(column, &text).map_err(ApiError::internal)?;
        }
        for (index, row) in self.rows.iter().enumerate() {
            let line = u32::try_from(index + 1).map_err(ApiError::internal)?;
            for (column, cell) in row.iter().enumerate() {
                let column = u16::try_from(column).map_err(ApiError::internal)?;
                if !cell.is_empty() {
                    sheet.write_string_with_format(line, column, cell, &text).map_err(ApiError::internal)?;
                }
            }
        }
        sheet.set_freeze_panes(1, 0).map_err(ApiError::internal)?;
        if let Some(last) = self.headers.len().checked_sub(1) {
            let last_row = u32::try_from(self.rows.len()).map_err(ApiError::internal)?;
            let last_column = u16::try_from(last).map_err(ApiError::internal)?;
            sheet.autofilter(0, 0, last_row, last_column).map_err(ApiError::internal)?;
        }
        workbook.save_to_buffer().map_err(ApiError::internal)
    }

    /// The table as the chosen file, named `stem.csv` or `stem.xlsx`.
    ///
    /// # Errors
    /// Only when the writer fails.
    pub fn download(&self, format: ExportFormat, encoding: ExportEncoding, stem: &str) -> ApiResult<HttpResponse> {
        match format {
            ExportFormat::Csv => {
                let encoding = TextEncoding::from(encoding);
                let encoded = text_file::encode(&self.csv()?, encoding);
                Ok(HttpResponse::Ok()
                    .insert_header(("Content-Type", format!("text/csv; charset={}", encoding.charset())))
                    .insert_header(("Content-Disposition", format!("attachment; filename=\"{stem}.csv\"")))
                    .insert_header(("X-Unmappable-Characters", encoded.unmappable.to_string()))
                    .insert_header(("Cache-Control", "no-store"))
                    .body(encoded.bytes))
            }
            ExportFormat::Xlsx if self.rows.len() >= XLSX_MAX_ROWS => Err(ApiError::invalid(FieldError::new(
                "format",
                "export.too_large_for_xlsx",
                format!("{} rows do not fit in an Excel sheet; narrow the search or download CSV", self.rows.len()),
            ))),
            ExportFormat::Xlsx => Ok(HttpResponse::Ok()
                .insert_header(("Content-Type", XLSX))
                .insert_header(("Content-Disposition", format!("attachment; filename=\"{stem}.xlsx\"")))
                .insert_header(("Cache-Control", "no-store"))
                .body(self.xlsx()?)),
        }
    }
}

/// An Excel sheet's rows, less the header.
const XLSX_MAX_ROWS: usize = 1_048_576;

/// Rows of a CSV, each cell neutralised unless it is the header's, as one piece of the
/// file: the BOM of UTF-8 only before the first piece.
fn csv_piece<R, C>(rows: R, encoding: TextEncoding, first: bool) -> ApiResult<Vec<u8>>
where
    R: IntoIterator<Item = Vec<C>>,
    C: AsRef<str>,
{
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    for row in rows {
        if first {
            writer.write_record(row.iter().map(AsRef::as_ref)).map_err(ApiError::internal)?;
        } else {
            writer
                .write_record(row.iter().map(|cell| csv_cell::neutralise(cell.as_ref())))
                .map_err(ApiError::internal)?;
        }
    }
    let bytes = writer.into_inner().map_err(|e| ApiError::internal(std::io::Error::other(e.to_string())))?;
    let text = String::from_utf8(bytes).map_err(ApiError::internal)?;
    let encoded = text_file::encode(&text, encoding).bytes;
    Ok(match encoding {
        TextEncoding::Utf8 if !first => encoded.get(3..).map(<[u8]>::to_vec).unwrap_or_default(),
        _ => encoded,
    })
}

/// A CSV download written while it is read: the header, then each page of rows as the
/// `pages` stream yields it, so a million rows take the memory of one page. A failure
/// half-way ends the download early (the client sees a cut file, the log the cause);
/// the count of characters CP932 could not hold is not known in advance, so this
/// answer has no `X-Unmappable-Characters`.
pub fn streamed_csv<P>(headers: Vec<String>, encoding: ExportEncoding, stem: &str, pages: P) -> HttpResponse
where
    P: futures_util::Stream<Item = ApiResult<Vec<Vec<String>>>> + 'static,
{
    use futures_util::StreamExt;
    let encoding = TextEncoding::from(encoding);
    let head = futures_util::stream::once(async move { csv_piece([headers], encoding, true) });
    let body = pages.map(move |page| page.and_then(|rows| csv_piece(rows, encoding, false)));
    let bytes = head.chain(body).map(|piece| {
        piece.map(actix_web::web::Bytes::from).map_err(|error| {
            tracing::error!(%error, "a streamed CSV stopped half-way");
            actix_web::Error::from(error)
        })
    });
    HttpResponse::Ok()
        .insert_header(("Content-Type", format!("text/csv; charset={}", encoding.charset())))
        .insert_header(("Content-Disposition", format!("attachment; filename=\"{stem}.csv\"")))
        .insert_header(("Cache-Control", "no-store"))
        .streaming(bytes)
}

pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
