//! What a photo file is, read from its header alone: format, size in pixels, EXIF
//! orientation, and whether the file is complete. Pure and cheap (no pixels decoded), so the
//! browser can refuse a decompression bomb, a HEIC or a cut-short download before handing the
//! file to its decoder, and the native decoder refuses the same files for the same reasons.

use super::PhotoError;

/// Formats a photo may come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoFormat {
    /// JPEG (JFIF or EXIF).
    Jpeg,
    /// PNG.
    Png,
    /// WebP (lossy, lossless or extended).
    WebP,
    /// GIF (the first frame is used).
    Gif,
}

impl PhotoFormat {
    /// The MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            PhotoFormat::Jpeg => "image/jpeg",
            PhotoFormat::Png => "image/png",
            PhotoFormat::WebP => "image/webp",
            PhotoFormat::Gif => "image/gif",
        }
    }
}

/// What the header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhotoInfo {
    /// The format.
    pub format: PhotoFormat,
    /// Width as stored, pixels.
    pub width: u32,
    /// Height as stored, pixels.
    pub height: u32,
    /// EXIF orientation 1–8 (1: as stored). 5–8 swap width and height.
    pub orientation: u8,
    /// JPEG with four colour components (CMYK / YCCK).
    pub cmyk: bool,
}

impl PhotoInfo {
    /// Width and height as the shopper sees the photo (after orientation).
    pub fn upright_size(&self) -> (u32, u32) {
        if self.orientation >= 5 {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        }
    }
}

/// Largest accepted photo, pixels (a 108 MP phone photo fits; a decompression bomb does not).
pub const MAX_PIXELS: u64 = 120_000_000;
/// Longest accepted side, pixels.
pub const MAX_SIDE: u32 = 16_384;
/// Largest accepted file, bytes.
pub const MAX_FILE_BYTES: usize = 64 << 20;

/// Reads `bytes`' header; refuses what the viewer will not decode, with the reason.
pub fn inspect(bytes: &[u8]) -> Result<PhotoInfo, PhotoError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(PhotoError::FileTooLarge { bytes: bytes.len() });
    }
    let info = read_header(bytes)?;
    if info.width > MAX_SIDE || info.height > MAX_SIDE || info.width as u64 * info.height as u64 > MAX_PIXELS {
        return Err(PhotoError::TooLarge { width: info.width, height: info.height });
    }
    Ok(info)
}

/// The format and size the header gives, whatever the size (a model's images have their own
/// budget); refuses an empty, cut-short, damaged or unsupported file.
pub fn read_header(bytes: &[u8]) -> Result<PhotoInfo, PhotoError> {
    if bytes.is_empty() {
        return Err(PhotoError::Empty);
    }
    let info = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        jpeg(bytes)?
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png(bytes)?
    } else if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        webp(bytes)?
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        gif(bytes)?
    } else {
        return Err(PhotoError::Unsupported { format: other_format(bytes) });
    };
    if info.width == 0 || info.height == 0 {
        return Err(PhotoError::NoPixels);
    }
    Ok(info)
}

/// Names a format the viewer does not take, for the message.
fn other_format(bytes: &[u8]) -> &'static str {
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return match &bytes[8..12] {
            b"avif" | b"avis" => "AVIF",
            b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"mif1" | b"msf1" => "HEIC",
            _ => "video or MP4",
        };
    }
    if bytes.starts_with(b"BM") {
        "BMP"
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        "TIFF or camera RAW"
    } else if bytes.starts_with(b"%PDF") {
        "PDF"
    } else if bytes.trim_ascii_start().starts_with(b"<") {
        "SVG or HTML"
    } else {
        "unknown"
    }
}

fn be16(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn be32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn le16(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn le32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// Walks the JPEG markers up to the start of scan: size from the frame header, orientation from
/// EXIF; then requires an end-of-image marker after the scan (entropy-coded data stuffs every
/// 0xFF, so FF D9 there is the real end).
fn jpeg(bytes: &[u8]) -> Result<PhotoInfo, PhotoError> {
    let mut at = 2;
    let mut orientation = 1;
    let mut frame: Option<(u32, u32, bool)> = None;
    loop {
        // Markers are 0xFF (possibly repeated as fill) then a code.
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let (Some(&0xFF), Some(&code)) = (bytes.get(at), bytes.get(at + 1)) else {
            return Err(if at + 1 >= bytes.len() {
                PhotoError::Truncated
            } else {
                corrupt("a JPEG marker is missing")
            });
        };
        at += 2;
        if matches!(code, 0x01 | 0xD0..=0xD7) {
            continue;
        }
        let length = be16(bytes, at).ok_or(PhotoError::Truncated)? as usize;
        if length < 2 {
            return Err(corrupt("a JPEG segment has an impossible length"));
        }
        let segment = bytes.get(at + 2..at + length).ok_or(PhotoError::Truncated)?;
        match code {
            0xE1 if segment.starts_with(b"Exif\0\0") => {
                orientation = exif_orientation(&segment[6..]).unwrap_or(1);
            }
            0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => {
                // Decoders take the first frame header and fail on a second: a second one
                // must not be what the size check reads.
                if frame.is_some() {
                    return Err(corrupt("the JPEG has two frame headers"));
                }
                let (Some(height), Some(width), Some(&components)) =
                    (be16(segment, 1), be16(segment, 3), segment.get(5))
                else {
                    return Err(corrupt("the JPEG frame header is too short"));
                };
                frame = Some((width as u32, height as u32, components == 4));
            }
            0xDA => {
                let Some((width, height, cmyk)) = frame else {
                    return Err(corrupt("the JPEG has no frame header before its image data"));
                };
                let scan = &bytes[at + length..];
                // From the end: the marker is normally within the last bytes.
                if scan.windows(2).rposition(|w| w == [0xFF, 0xD9]).is_none() {
                    return Err(PhotoError::Truncated);
                }
                return Ok(PhotoInfo { format: PhotoFormat::Jpeg, width, height, orientation, cmyk });
            }
            0xD9 => return Err(corrupt("the JPEG ends before its image data")),
            _ => {}
        }
        at += length;
    }
}

/// The Orientation tag (0x0112) of IFD0 in a TIFF-structured EXIF block.
fn exif_orientation(tiff: &[u8]) -> Option<u8> {
    let little = match tiff.get(0..2)? {
        b"II" => true,
        b"MM" => false,
        _ => return None,
    };
    let u16_at = |at: usize| if little { le16(tiff, at) } else { be16(tiff, at) };
    let u32_at = |at: usize| if little { le32(tiff, at) } else { be32(tiff, at) };
    let ifd = u32_at(4)? as usize;
    let entries = u16_at(ifd)? as usize;
    (0..entries.min(512))
        .find_map(|i| {
            let entry = ifd.checked_add(2 + 12 * i)?;
            (u16_at(entry)? == 0x0112).then(|| u16_at(entry + 8)).flatten()
        })
        .and_then(|value| u8::try_from(value).ok())
        .filter(|value| (1..=8).contains(value))
}

fn png(bytes: &[u8]) -> Result<PhotoInfo, PhotoError> {
    if bytes.get(12..16) != Some(b"IHDR") {
        return Err(if bytes.len() < 16 { PhotoError::Truncated } else { corrupt("the PNG does not start with IHDR") });
    }
    let (width, height) =
        (be32(bytes, 16).ok_or(PhotoError::Truncated)?, be32(bytes, 20).ok_or(PhotoError::Truncated)?);
    // IEND closes the file (a few bytes of trailing junk are tolerated).
    let tail = &bytes[bytes.len().saturating_sub(64)..];
    if !tail.windows(4).any(|w| w == b"IEND") {
        return Err(PhotoError::Truncated);
    }
    Ok(PhotoInfo { format: PhotoFormat::Png, width, height, orientation: 1, cmyk: false })
}

fn webp(bytes: &[u8]) -> Result<PhotoInfo, PhotoError> {
    let riff_size = le32(bytes, 4).ok_or(PhotoError::Truncated)? as usize;
    if riff_size.saturating_add(8) > bytes.len() {
        return Err(PhotoError::Truncated);
    }
    let (width, height) = match bytes.get(12..16) {
        Some(b"VP8 ") => {
            if bytes.get(23..26) != Some(&[0x9D, 0x01, 0x2A]) {
                return Err(corrupt("the WebP key frame has no start code"));
            }
            let w = le16(bytes, 26).ok_or(PhotoError::Truncated)? & 0x3FFF;
            let h = le16(bytes, 28).ok_or(PhotoError::Truncated)? & 0x3FFF;
            (w as u32, h as u32)
        }
        Some(b"VP8L") => {
            if bytes.get(20) != Some(&0x2F) {
                return Err(corrupt("the lossless WebP has no signature"));
            }
            let bits = le32(bytes, 21).ok_or(PhotoError::Truncated)?;
            ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
        }
        Some(b"VP8X") => {
            let u24 = |at: usize| bytes.get(at..at + 3).map(|b| u32::from_le_bytes([b[0], b[1], b[2], 0]) + 1);
            (u24(24).ok_or(PhotoError::Truncated)?, u24(27).ok_or(PhotoError::Truncated)?)
        }
        _ => return Err(corrupt("the WebP has no image chunk")),
    };
    Ok(PhotoInfo { format: PhotoFormat::WebP, width, height, orientation: 1, cmyk: false })
}

/// The logical screen, grown to the first image's frame: browsers size the decoded image to
/// a first frame larger than the screen its header declares.
fn gif(bytes: &[u8]) -> Result<PhotoInfo, PhotoError> {
    let screen_width = le16(bytes, 6).ok_or(PhotoError::Truncated)? as u32;
    let screen_height = le16(bytes, 8).ok_or(PhotoError::Truncated)? as u32;
    let packed = *bytes.get(10).ok_or(PhotoError::Truncated)?;
    let mut at = 13 + if packed & 0x80 != 0 { 3 << ((packed & 7) + 1) } else { 0 };
    loop {
        match bytes.get(at) {
            Some(0x21) => {
                // An extension: label, then sub-blocks up to an empty one.
                at += 2;
                loop {
                    let size = *bytes.get(at).ok_or(PhotoError::Truncated)? as usize;
                    at += 1 + size;
                    if size == 0 {
                        break;
                    }
                }
            }
            Some(0x2C) => {
                let field = |offset: usize| le16(bytes, at + offset).map(u32::from).ok_or(PhotoError::Truncated);
                let (left, top, width, height) = (field(1)?, field(3)?, field(5)?, field(7)?);
                if bytes.len() < at + 10 {
                    return Err(PhotoError::Truncated);
                }
                let (width, height) = (screen_width.max(left + width), screen_height.max(top + height));
                return Ok(PhotoInfo { format: PhotoFormat::Gif, width, height, orientation: 1, cmyk: false });
            }
            Some(0x3B) => return Err(PhotoError::NoPixels),
            Some(_) => return Err(corrupt("a GIF block is not an image or an extension")),
            None => return Err(PhotoError::Truncated),
        }
    }
}

fn corrupt(reason: &'static str) -> PhotoError {
    PhotoError::Corrupt { reason: reason.to_string() }
}

/// `width` × `height` reduced (never enlarged) so the longest side is at most `max_side`.
pub fn fitted_size(width: u32, height: u32, max_side: u32) -> (u32, u32) {
    let longest = width.max(height);
    if longest <= max_side || longest == 0 {
        return (width, height);
    }
    let scale = max_side as f64 / longest as f64;
    let fit = |side: u32| ((side as f64 * scale).round() as u32).clamp(1, max_side);
    (fit(width), fit(height))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        bytes.extend(width.to_be_bytes());
        bytes.extend(height.to_be_bytes());
        bytes.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
        bytes.extend(b"\0\0\0\0IEND\xae\x42\x60\x82");
        bytes
    }

    #[test]
    fn a_decompression_bomb_is_refused_from_its_header() {
        let error = inspect(&png_header(100_000, 100_000)).unwrap_err();
        assert_eq!(error.code(), "photo-too-large");
        assert!(error.to_string().contains("100000 × 100000"), "{error}");
        assert!(inspect(&png_header(8000, 6000)).is_ok(), "48 MP is accepted (and reduced)");
    }

    /// A minimal GIF: `screen` in the header, one frame of `frame` at `offset`.
    fn gif_file(screen: (u16, u16), offset: (u16, u16), frame: (u16, u16)) -> Vec<u8> {
        let mut gif = b"GIF89a".to_vec();
        gif.extend(screen.0.to_le_bytes());
        gif.extend(screen.1.to_le_bytes());
        gif.extend([0x80, 0, 0]); // a global colour table of 2 entries
        gif.extend([0, 0, 0, 255, 255, 255]);
        gif.extend([0x21, 0xF9, 4, 0, 0, 0, 0, 0]); // graphic control extension
        gif.push(0x2C);
        for value in [offset.0, offset.1, frame.0, frame.1] {
            gif.extend(value.to_le_bytes());
        }
        gif.extend([0, 2, 2, 0x4C, 0x01, 0, 0x3B]);
        gif
    }

    #[test]
    fn a_gif_frame_larger_than_its_screen_is_what_counts() {
        let plain = inspect(&gif_file((10, 20), (0, 0), (10, 20))).unwrap();
        assert_eq!((plain.width, plain.height), (10, 20));
        // The header says 1 × 1; the frame is 16384 × 16384: a decompression bomb.
        let bomb = inspect(&gif_file((1, 1), (0, 0), (16_384, 16_384))).unwrap_err();
        assert!(matches!(bomb, PhotoError::TooLarge { width: 16_384, height: 16_384 }), "{bomb:?}");
        let shifted = read_header(&gif_file((100, 100), (90, 0), (20, 10))).unwrap();
        assert_eq!((shifted.width, shifted.height), (110, 100));
        let mut cut = gif_file((10, 20), (0, 0), (10, 20));
        cut.truncate(24);
        assert_eq!(inspect(&cut).unwrap_err(), PhotoError::Truncated);
    }

    #[test]
    fn a_jpeg_with_two_frame_headers_is_refused() {
        // SOI, SOF0 (8 × 8), a second SOF0 (16384 × 16384), SOS, data, EOI.
        let sof = |side: u16| {
            let mut segment = vec![0xFF, 0xC0, 0, 11, 8];
            segment.extend(side.to_be_bytes());
            segment.extend(side.to_be_bytes());
            segment.extend([1, 1, 0x11, 0]);
            segment
        };
        let jpeg = [vec![0xFF, 0xD8], sof(8), sof(16_384), vec![0xFF, 0xDA, 0, 2, 0, 0xFF, 0xD9]].concat();
        assert!(matches!(inspect(&jpeg), Err(PhotoError::Corrupt { .. })), "{:?}", inspect(&jpeg));
        let single = [vec![0xFF, 0xD8], sof(8), vec![0xFF, 0xDA, 0, 2, 0, 0xFF, 0xD9]].concat();
        assert_eq!(inspect(&single).map(|i| (i.width, i.height)), Ok((8, 8)));
    }

    #[test]
    fn other_formats_are_named() {
        let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic";
        let error = inspect(heic).unwrap_err();
        assert_eq!(error.code(), "photo-unsupported");
        assert!(error.to_string().contains("HEIC"), "{error}");
        assert!(error.to_string().contains("JPEG or PNG"), "{error}");
        assert!(inspect(b"BM\0\0").unwrap_err().to_string().contains("BMP"));
        assert!(inspect(b"  <svg onload=alert(1)>").unwrap_err().to_string().contains("SVG"));
        assert_eq!(inspect(b"").unwrap_err().code(), "photo-empty");
    }

    #[test]
    fn cut_short_files_are_truncated_not_corrupt() {
        let png = png_header(4, 4);
        assert_eq!(inspect(&png[..20]).unwrap_err().code(), "photo-truncated");
        assert_eq!(inspect(&[0xFF, 0xD8, 0xFF]).unwrap_err().code(), "photo-truncated");
        assert_eq!(inspect(&[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J']).unwrap_err().code(), "photo-truncated");
    }

    #[test]
    fn exif_orientation_is_read_in_both_byte_orders() {
        for (header, orientation) in [(&b"II*\0\x08\0\0\0"[..], 6u8), (&b"MM\0*\0\0\0\x08"[..], 8)] {
            let mut tiff = header.to_vec();
            let little = header[0] == b'I';
            let u16b = |v: u16| if little { v.to_le_bytes() } else { v.to_be_bytes() };
            tiff.extend(u16b(1));
            tiff.extend(u16b(0x0112));
            tiff.extend(u16b(3));
            tiff.extend(if little { 1u32.to_le_bytes() } else { 1u32.to_be_bytes() });
            tiff.extend(u16b(orientation as u16));
            tiff.extend([0, 0]);
            assert_eq!(exif_orientation(&tiff), Some(orientation));
        }
        assert_eq!(exif_orientation(b"II*\0\xff\xff\xff\xff"), None, "an offset past the end is ignored");
    }

    #[test]
    fn sizes_fit_the_longest_side() {
        assert_eq!(fitted_size(4000, 3000, 1024), (1024, 768));
        assert_eq!(fitted_size(3000, 4000, 1024), (768, 1024));
        assert_eq!(fitted_size(800, 600, 1024), (800, 600));
        assert_eq!(fitted_size(100_000, 1, 1024), (1024, 1));
    }
}
