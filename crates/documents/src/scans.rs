//! QR codes read from scanned カード発行一覧 pages: a PNG or JPEG from a scanner, or a PDF
//! of scanned pages (each page an embedded image, as scanners write them).

use image::{DynamicImage, GrayImage, ImageFormat};

/// Scans larger than this are refused before decoding (an A4 page at 600 dpi is ~35 Mpx).
const MAX_PIXELS: u64 = 60_000_000;
/// A PDF's decompressed image streams, in all.
const MAX_PDF_IMAGE_BYTES: usize = 256 * 1024 * 1024;

/// What reading one file may cost: pages, pixels decoded in all, and time. A clerk's
/// batch of カード発行一覧 is a few dozen pages at 300–600 dpi; a file beyond this is
/// split, not read for minutes on a request.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    pub pages: usize,
    pub pixels: u64,
    /// No page is begun after this instant.
    pub deadline: std::time::Instant,
}

impl Budget {
    /// 100 pages, 1.2 Gpx (about 130 A4 pages at 300 dpi), 60 seconds from `start`.
    #[must_use]
    pub fn standard(start: std::time::Instant) -> Self {
        Self { pages: 100, pixels: 1_200_000_000, deadline: start + std::time::Duration::from_secs(60) }
    }

    fn spend(&mut self, pixels: u64) -> Result<(), ScanError> {
        if std::time::Instant::now() > self.deadline {
            return Err(ScanError::TooSlow);
        }
        self.pixels = self.pixels.checked_sub(pixels).ok_or(ScanError::TooManyPixels)?;
        Ok(())
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ScanError {
    #[error("the file is not a PNG, JPEG or PDF")]
    UnknownFormat,
    #[error("the image cannot be read: {0}")]
    Unreadable(String),
    #[error("the image is too large ({0} pixels)")]
    TooLarge(u64),
    #[error("the PDF holds no scanned image")]
    NoImage,
    #[error("the PDF has {0} pages; upload at most {1} at a time")]
    TooManyPages(usize, usize),
    #[error("the file holds more pixels than one upload may; split it")]
    TooManyPixels,
    #[error("reading the file took too long; split it")]
    TooSlow,
}

/// One QR code found on a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundCode {
    /// 1-based page (1 for an image file).
    pub page: usize,
    /// The bytes the code holds: Shift_JIS or UTF-8 text, as printed.
    pub payload: Result<Vec<u8>, String>,
}

/// Every QR code of the file, page by page, top to bottom and left to right.
///
/// # Errors
/// [`ScanError`] when the file cannot be read at all; a code that is found but cannot
/// be decoded comes back as an `Err` payload, so that the clerk knows one was missed.
pub fn read_codes(bytes: &[u8]) -> Result<Vec<FoundCode>, ScanError> {
    read_codes_within(bytes, Budget::standard(std::time::Instant::now()))
}

/// [`read_codes`] within `budget`.
///
/// # Errors
/// As [`read_codes`]; [`ScanError::TooManyPages`], [`ScanError::TooManyPixels`] or
/// [`ScanError::TooSlow`] when the file costs more than the budget.
pub fn read_codes_within(bytes: &[u8], mut budget: Budget) -> Result<Vec<FoundCode>, ScanError> {
    if bytes.starts_with(b"%PDF-") {
        return read_pdf(bytes, &mut budget);
    }
    let format = match image::guess_format(bytes) {
        Ok(format @ (ImageFormat::Png | ImageFormat::Jpeg)) => format,
        _ => return Err(ScanError::UnknownFormat),
    };
    let image = decode_image(bytes, format, &mut budget)?;
    Ok(codes_in(&image.to_luma8(), 1))
}

fn decode_image(bytes: &[u8], format: ImageFormat, budget: &mut Budget) -> Result<DynamicImage, ScanError> {
    let reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    let (width, height) = reader.into_dimensions().map_err(|e| ScanError::Unreadable(e.to_string()))?;
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PIXELS {
        return Err(ScanError::TooLarge(pixels));
    }
    budget.spend(pixels)?;
    image::load_from_memory_with_format(bytes, format).map_err(|e| ScanError::Unreadable(e.to_string()))
}

/// Cells of this many pixels square find where codes are; a code's modules and the
/// gaps between them fall into one blob, while codes a quiet zone apart stay apart.
const CELL: u32 = 6;
/// A cell counts as dark when this many of its 36 pixels are: a code's modules fill
/// far more, a scanner's speckles far fewer (one speckle would otherwise chain whole
/// blank areas into one blob and hide the codes in it).
const DARK_PIXELS_PER_CELL: u32 = 6;

/// Where on the page something dark lies in a compact, roughly square patch — each a
/// code to read on its own. Reading the whole page at once pairs finder patterns of
/// neighbouring codes (they line up on a カード発行一覧) into grids that do not exist.
fn patches(image: &GrayImage) -> Vec<(u32, u32, u32, u32)> {
    let (cols, rows) = (image.width().div_ceil(CELL), image.height().div_ceil(CELL));
    let mut count = vec![0_u32; (cols * rows) as usize];
    for (x, y, pixel) in image.enumerate_pixels() {
        if pixel.0[0] < 128 {
            count[((y / CELL) * cols + x / CELL) as usize] += 1;
        }
    }
    let dark: Vec<bool> = count.iter().map(|&n| n >= DARK_PIXELS_PER_CELL).collect();
    let mut seen = vec![false; dark.len()];
    let mut found = Vec::new();
    for start in 0..dark.len() {
        if !dark[start] || seen[start] {
            continue;
        }
        // Flood fill over dark cells and their immediate neighbours' gaps (8-connected).
        let (mut min_x, mut min_y, mut max_x, mut max_y) = (u32::MAX, u32::MAX, 0, 0);
        let mut stack = vec![start];
        seen[start] = true;
        while let Some(at) = stack.pop() {
            let (x, y) = (at as u32 % cols, at as u32 / cols);
            (min_x, min_y, max_x, max_y) = (min_x.min(x), min_y.min(y), max_x.max(x), max_y.max(y));
            for dy in -2_i64..=2 {
                for dx in -2_i64..=2 {
                    let (nx, ny) = (i64::from(x) + dx, i64::from(y) + dy);
                    if nx < 0 || ny < 0 || nx >= i64::from(cols) || ny >= i64::from(rows) {
                        continue;
                    }
                    let next = (ny as u32 * cols + nx as u32) as usize;
                    if dark[next] && !seen[next] {
                        seen[next] = true;
                        stack.push(next);
                    }
                }
            }
        }
        let (width, height) = (max_x - min_x + 1, max_y - min_y + 1);
        let square = width * 2 >= height && height * 2 >= width;
        if square && width * CELL >= 42 && height * CELL >= 42 {
            found.push((min_x * CELL, min_y * CELL, width * CELL, height * CELL));
        }
    }
    found
}

/// The codes rqrr reads in the image: the payload of each grid it finds.
fn decode_grids(image: GrayImage) -> Vec<Result<Vec<u8>, String>> {
    let mut prepared = rqrr::PreparedImage::prepare(image);
    prepared
        .detect_grids()
        .iter()
        .map(|grid| {
            let mut payload = Vec::new();
            grid.decode_to(&mut payload).map(|_| payload).map_err(|e| e.to_string())
        })
        .collect()
}

/// A second reader for what rqrr misses on turned, soft or speckled scans: ZXing's
/// (rxing), whose hybrid binariser and finder search tolerate them. J-LIS prints
/// Shift_JIS, so byte segments are read as such; the text comes back as UTF-8.
fn decode_harder(image: &GrayImage) -> Result<Vec<u8>, String> {
    let mut hints = rxing::DecodeHints {
        TryHarder: Some(true),
        CharacterSet: Some("Shift_JIS".to_owned()),
        PossibleFormats: Some(std::iter::once(rxing::BarcodeFormat::QR_CODE).collect()),
        ..Default::default()
    };
    rxing::helpers::detect_in_luma_slice_with_hints(
        image.as_raw(),
        image.width(),
        image.height(),
        Some(rxing::BarcodeFormat::QR_CODE),
        &mut hints,
    )
    .map(|result| result.getText().as_bytes().to_vec())
    .map_err(|e| e.to_string())
}

/// Reads one patch: rqrr first, then rxing; a patch neither reads is still reported,
/// so a code on the page is never silently missing from the batch.
fn read_patch(crop: GrayImage) -> Vec<Result<Vec<u8>, String>> {
    let first = decode_grids(crop.clone());
    if !first.is_empty() && first.iter().all(Result::is_ok) {
        return first;
    }
    match decode_harder(&crop) {
        Ok(payload) => vec![Ok(payload)],
        Err(_) if !first.is_empty() => first,
        Err(_) => vec![Err("a code was seen here but could not be read: scan the page again, straight".to_owned())],
    }
}

fn codes_in(image: &GrayImage, page: usize) -> Vec<FoundCode> {
    let mut patches = patches(image);
    // Reading order: rows of codes top to bottom (tops falling in the same band, one
    // code's height tall, are one row), left to right within a row.
    patches.sort_by_key(|&(x, y, _, h)| (y / h.max(1), x));
    let mut found = Vec::new();
    for (x, y, width, height) in patches {
        let margin = CELL * 4;
        let (left, top) = (x.saturating_sub(margin), y.saturating_sub(margin));
        let crop = image::imageops::crop_imm(
            image,
            left,
            top,
            (width + 2 * margin).min(image.width() - left),
            (height + 2 * margin).min(image.height() - top),
        )
        .to_image();
        found.extend(read_patch(crop).into_iter().map(|payload| FoundCode { page, payload }));
    }
    if found.is_empty() {
        found.extend(decode_grids(image.clone()).into_iter().map(|payload| FoundCode { page, payload }));
    }
    found
}

fn read_pdf(bytes: &[u8], budget: &mut Budget) -> Result<Vec<FoundCode>, ScanError> {
    let document = lopdf::Document::load_mem(bytes).map_err(|e| ScanError::Unreadable(e.to_string()))?;
    let pages = document.get_pages();
    if pages.len() > budget.pages {
        return Err(ScanError::TooManyPages(pages.len(), budget.pages));
    }
    let mut found = Vec::new();
    let mut images = 0;
    let mut bytes_left = MAX_PDF_IMAGE_BYTES;
    for (page_number, page_id) in pages {
        let page = usize::try_from(page_number).unwrap_or(usize::MAX);
        for image in document.get_page_images(page_id).map_err(|e| ScanError::Unreadable(e.to_string()))? {
            images += 1;
            let gray = pdf_image(&document, &image, &mut bytes_left, budget)?;
            found.extend(codes_in(&gray, page));
        }
    }
    if images == 0 {
        return Err(ScanError::NoImage);
    }
    Ok(found)
}

/// One embedded image as grey pixels: JPEG (DCTDecode) or raw samples (FlateDecode or
/// none), grey or RGB, 8 bits or 1 bit per sample.
fn pdf_image(
    document: &lopdf::Document,
    image: &lopdf::xobject::PdfImage<'_>,
    bytes_left: &mut usize,
    budget: &mut Budget,
) -> Result<GrayImage, ScanError> {
    let filters = image.filters.clone().unwrap_or_default();
    if filters.iter().any(|f| f == "DCTDecode") {
        return Ok(decode_image(image.content, ImageFormat::Jpeg, budget)?.to_luma8());
    }
    if filters.iter().any(|f| f != "FlateDecode") {
        return Err(ScanError::Unreadable(format!(
            "images compressed with {} are not read; scan to PNG, JPEG or a PDF of JPEG pages",
            filters.join(", ")
        )));
    }
    let (width, height) = (u32::try_from(image.width).unwrap_or(0), u32::try_from(image.height).unwrap_or(0));
    let pixels = u64::from(width) * u64::from(height);
    if pixels == 0 || pixels > MAX_PIXELS {
        return Err(ScanError::TooLarge(pixels));
    }
    budget.spend(pixels)?;
    let stream = document
        .get_object(image.id)
        .and_then(lopdf::Object::as_stream)
        .map_err(|e| ScanError::Unreadable(e.to_string()))?;
    let samples = if filters.is_empty() {
        stream.content.clone()
    } else {
        stream.decompressed_content_with_limit(*bytes_left).map_err(|e| ScanError::Unreadable(e.to_string()))?
    };
    *bytes_left = bytes_left.saturating_sub(samples.len());
    let channels: usize = match image.color_space.as_deref() {
        Some("DeviceRGB") => 3,
        Some("DeviceGray") | None => 1,
        Some("DeviceCMYK") => 4,
        Some(other) => return Err(ScanError::Unreadable(format!("colour space {other} is not read"))),
    };
    let (w, h) = (width as usize, height as usize);
    let bits = image.bits_per_component.unwrap_or(8);
    let mut gray = GrayImage::new(width, height);
    match bits {
        8 => {
            if samples.len() < w * h * channels {
                return Err(ScanError::Unreadable("the image's samples are cut short".to_owned()));
            }
            for (i, pixel) in gray.pixels_mut().enumerate() {
                let at = &samples[i * channels..(i + 1) * channels];
                pixel.0[0] = match channels {
                    3 => {
                        u8::try_from((u32::from(at[0]) * 299 + u32::from(at[1]) * 587 + u32::from(at[2]) * 114) / 1000)
                            .unwrap_or(u8::MAX)
                    }
                    4 => 255 - at[3].max(at[0].max(at[1]).max(at[2])),
                    _ => at[0],
                };
            }
        }
        1 if channels == 1 => {
            let row = w.div_ceil(8);
            if samples.len() < row * h {
                return Err(ScanError::Unreadable("the image's samples are cut short".to_owned()));
            }
            for (x, y, pixel) in gray.enumerate_pixels_mut() {
                let byte = samples[y as usize * row + x as usize / 8];
                pixel.0[0] = if byte & (0x80 >> (x % 8)) == 0 { 0 } else { 255 };
            }
        }
        other => return Err(ScanError::Unreadable(format!("{other} bits per sample are not read"))),
    }
    Ok(gray)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_files_are_refused_by_their_format() {
        assert_eq!(read_codes(b"GIF89a....").err(), Some(ScanError::UnknownFormat));
        assert!(matches!(read_codes(b"%PDF-1.7 broken"), Err(ScanError::Unreadable(_))));
    }

    fn blank_png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = Vec::new();
        GrayImage::from_pixel(width, height, image::Luma([255]))
            .write_to(&mut std::io::Cursor::new(&mut bytes), ImageFormat::Png)
            .unwrap_or_else(|e| panic!("{e}"));
        bytes
    }

    #[test]
    fn a_file_beyond_its_budget_of_pixels_or_time_is_refused_before_decoding() {
        let now = std::time::Instant::now();
        let page = blank_png(100, 100);
        let tight = Budget { pages: 1, pixels: 9_999, deadline: now + std::time::Duration::from_secs(60) };
        assert_eq!(read_codes_within(&page, tight).err(), Some(ScanError::TooManyPixels));
        let late = Budget { deadline: now, ..Budget::standard(now) };
        std::thread::sleep(std::time::Duration::from_millis(2));
        assert_eq!(read_codes_within(&page, late).err(), Some(ScanError::TooSlow));
        assert_eq!(read_codes_within(&page, Budget::standard(std::time::Instant::now())), Ok(Vec::new()));
    }
}
