//! A page of ten カード発行一覧 QR codes as scanners really deliver it: a little rotated,
//! soft, speckled and JPEG-compressed. Every code must be read as well as a reference
//! decoder (zbar) reads it, and a code that cannot be read is reported, never dropped.

use image::codecs::jpeg::JpegEncoder;
use image::{GrayImage, Luma};
use madoguchi_documents::scans::read_codes;

/// Shift_JIS payloads as J-LIS prints them.
fn payload(serial: u32) -> Vec<u8> {
    let text = format!(
        "C1D{serial:06},{:023},{serial},髙橋 﨑子{serial},1975040{},2,デモ市中央一丁目{serial}番,1,1,1,1",
        u64::from(serial) * 3,
        serial % 9 + 1
    );
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&text);
    assert!(!unmappable);
    bytes.into_owned()
}

/// An A4 page at 200 dpi, two codes across and five down.
fn page() -> GrayImage {
    let mut page = GrayImage::from_pixel(1654, 2339, Luma([255]));
    for index in 0..10_u32 {
        let code = qrcode::QrCode::new(payload(index + 1)).unwrap_or_else(|e| panic!("{e}"));
        let image = code.render::<Luma<u8>>().module_dimensions(4, 4).build();
        let (x, y) = (180 + (index % 2) * 760, 160 + (index / 2) * 430);
        image::imageops::overlay(&mut page, &image, i64::from(x), i64::from(y));
    }
    page
}

/// Turned by `degrees` about the centre, bilinear, white where the paper was not.
fn rotated(page: &GrayImage, degrees: f64) -> GrayImage {
    let (sin, cos) = degrees.to_radians().sin_cos();
    let (w, h) = (f64::from(page.width()), f64::from(page.height()));
    let (cx, cy) = (w / 2.0, h / 2.0);
    GrayImage::from_fn(page.width(), page.height(), |x, y| {
        let (dx, dy) = (f64::from(x) - cx, f64::from(y) - cy);
        let (sx, sy) = (cos * dx + sin * dy + cx, -sin * dx + cos * dy + cy);
        if sx < 0.0 || sy < 0.0 || sx >= w - 1.0 || sy >= h - 1.0 {
            return Luma([255]);
        }
        let (x0, y0) = (sx.floor(), sy.floor());
        let (fx, fy) = (sx - x0, sy - y0);
        let at = |x: f64, y: f64| f64::from(page.get_pixel(x as u32, y as u32).0[0]);
        let top = at(x0, y0) * (1.0 - fx) + at(x0 + 1.0, y0) * fx;
        let bottom = at(x0, y0 + 1.0) * (1.0 - fx) + at(x0 + 1.0, y0 + 1.0) * fx;
        Luma([(top * (1.0 - fy) + bottom * fy).round() as u8])
    })
}

fn blurred(page: &GrayImage) -> GrayImage {
    image::imageops::blur(page, 0.9)
}

/// `per_mille` pixels in a thousand turned black or white, the same ones every run.
fn speckled(page: &GrayImage, per_mille: u64) -> GrayImage {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut out = page.clone();
    for pixel in out.pixels_mut() {
        let roll = next();
        if roll % 1000 < per_mille {
            pixel.0[0] = if roll / 1000 % 2 == 0 { 0 } else { 255 };
        }
    }
    out
}

fn jpeg(page: &GrayImage, quality: u8) -> Vec<u8> {
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, quality).encode_image(page).unwrap_or_else(|e| panic!("{e}"));
    bytes
}

/// (read, seen but unreadable)
fn outcome(file: &[u8]) -> (usize, usize) {
    let found = read_codes(file).unwrap_or_else(|e| panic!("{e}"));
    let read: Vec<String> = found
        .iter()
        .filter_map(|c| c.payload.as_ref().ok())
        .map(|bytes| encoding_rs::SHIFT_JIS.decode(bytes).0.into_owned())
        .collect();
    for text in &read {
        assert!(text.starts_with("C1D0000") || text.starts_with("C1D000010"), "a code read wrong: {text}");
    }
    (read.len(), found.len() - read.len())
}

/// How many of the codes zbar (the reference decoder, Debian's zbar-tools) reads.
fn zbar_reads(file: &[u8]) -> usize {
    let path = std::env::temp_dir().join(format!("madoguchi-scan-{}.jpg", std::process::id() ^ file.len() as u32));
    std::fs::write(&path, file).unwrap_or_else(|e| panic!("{e}"));
    let output = std::process::Command::new("zbarimg")
        .args(["-q", "--raw"])
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("zbarimg (zbar-tools) is needed to compare with: {e}"));
    let _ = std::fs::remove_file(&path);
    String::from_utf8_lossy(&output.stdout).lines().filter(|line| line.starts_with("C1D")).count()
}

/// Ours against zbar's on the same file; every code on the page accounted for.
fn read_at_least_as_zbar(file: &[u8]) -> usize {
    let (read, missed) = outcome(file);
    let reference = zbar_reads(file);
    assert!(read >= reference, "zbar reads {reference} of 10, we read {read}");
    assert_eq!(read + missed, 10, "every code is accounted for: {read} read, {missed} reported unreadable");
    read
}

#[test]
fn a_slightly_turned_jpeg_scan_is_read_whole() {
    assert_eq!(read_at_least_as_zbar(&jpeg(&rotated(&page(), 1.5), 85)), 10);
}

#[test]
fn a_turned_soft_scan_is_read_whole() {
    assert_eq!(read_at_least_as_zbar(&jpeg(&blurred(&rotated(&page(), 3.0)), 70)), 10);
}

#[test]
fn a_speckled_scan_is_read_whole() {
    assert_eq!(read_at_least_as_zbar(&jpeg(&speckled(&blurred(&rotated(&page(), -2.0)), 2), 60)), 10);
}

#[test]
fn a_poor_scan_is_read_better_than_zbar_and_no_code_goes_missing_silently() {
    let poor = speckled(&image::imageops::blur(&rotated(&page(), -2.0), 1.8), 5);
    assert!(read_at_least_as_zbar(&jpeg(&poor, 45)) >= 7);
}
