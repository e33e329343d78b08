//! What an image file is, read from its header alone: format, size in pixels, EXIF
//! orientation, and whether the file is complete. Pure and cheap (no pixels decoded), so a
//! model's textures can be held to the load budget and a shopper's photo refused (a
//! decompression bomb, a HEIC, a cut-short download) before anything decodes them. The glTF
//! reader and `photo::inspect` both read headers here.

/// Why a header could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum HeaderError {
    /// Zero bytes.
    #[error("the file is empty")]
    Empty,
    /// Not JPEG, PNG, WebP or GIF.
    #[error("{format} format; PNG, JPEG, WebP or GIF expected")]
    Unsupported {
        /// What the file looks like ("HEIC", "BMP", "unknown", …).
        format: &'static str,
    },
    /// The file ends early.
    #[error("the file is cut short")]
    Truncated,
    /// The file is damaged.
    #[error("{reason}")]
    Corrupt {
        /// What is wrong.
        reason: String,
    },
    /// Width or height zero.
    #[error("the image has no pixels (0 wide or 0 high)")]
    NoPixels,
}

/// Formats an image may come in (model textures and the shopper's photos alike).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// JPEG (JFIF or EXIF).
    Jpeg,
    /// PNG.
    Png,
    /// WebP (lossy, lossless or extended).
    WebP,
    /// GIF (the first frame is used).
    Gif,
}

impl ImageFormat {
    /// The MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::Png => "image/png",
            ImageFormat::WebP => "image/webp",
            ImageFormat::Gif => "image/gif",
        }
    }
}

/// What the header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageInfo {
    /// The format.
    pub format: ImageFormat,
    /// Width as stored, pixels.
    pub width: u32,
    /// Height as stored, pixels.
    pub height: u32,
    /// EXIF orientation 1–8 (1: as stored). 5–8 swap width and height.
    pub orientation: u8,
    /// JPEG with four colour components (CMYK / YCCK).
    pub cmyk: bool,
}

impl ImageInfo {
    /// Width and height as the shopper sees the photo (after orientation).
    pub fn upright_size(&self) -> (u32, u32) {
        if self.orientation >= 5 {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        }
    }
}

/// The format and size the header gives, whatever the size (a model's images have their own
/// budget); refuses an empty, cut-short, damaged or unsupported file.
pub fn read_header(bytes: &[u8]) -> Result<ImageInfo, HeaderError> {
    if bytes.is_empty() {
        return Err(HeaderError::Empty);
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
        return Err(HeaderError::Unsupported { format: other_format(bytes) });
    };
    if info.width == 0 || info.height == 0 {
        return Err(HeaderError::NoPixels);
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
fn jpeg(bytes: &[u8]) -> Result<ImageInfo, HeaderError> {
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
                HeaderError::Truncated
            } else {
                corrupt("a JPEG marker is missing")
            });
        };
        at += 2;
        if matches!(code, 0x01 | 0xD0..=0xD7) {
            continue;
        }
        let length = be16(bytes, at).ok_or(HeaderError::Truncated)? as usize;
        if length < 2 {
            return Err(corrupt("a JPEG segment has an impossible length"));
        }
        let segment = bytes.get(at + 2..at + length).ok_or(HeaderError::Truncated)?;
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
                    return Err(HeaderError::Truncated);
                }
                return Ok(ImageInfo { format: ImageFormat::Jpeg, width, height, orientation, cmyk });
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

fn png(bytes: &[u8]) -> Result<ImageInfo, HeaderError> {
    if bytes.get(12..16) != Some(b"IHDR") {
        return Err(if bytes.len() < 16 {
            HeaderError::Truncated
        } else {
            corrupt("the PNG does not start with IHDR")
        });
    }
    let (width, height) =
        (be32(bytes, 16).ok_or(HeaderError::Truncated)?, be32(bytes, 20).ok_or(HeaderError::Truncated)?);
    // IEND closes the file (a few bytes of trailing junk are tolerated).
    let tail = &bytes[bytes.len().saturating_sub(64)..];
    if !tail.windows(4).any(|w| w == b"IEND") {
        return Err(HeaderError::Truncated);
    }
    Ok(ImageInfo { format: ImageFormat::Png, width, height, orientation: 1, cmyk: false })
}

fn webp(bytes: &[u8]) -> Result<ImageInfo, HeaderError> {
    let riff_size = le32(bytes, 4).ok_or(HeaderError::Truncated)? as usize;
    if riff_size.saturating_add(8) > bytes.len() {
        return Err(HeaderError::Truncated);
    }
    let (width, height) = match bytes.get(12..16) {
        Some(b"VP8 ") => {
            if bytes.get(23..26) != Some(&[0x9D, 0x01, 0x2A]) {
                return Err(corrupt("the WebP key frame has no start code"));
            }
            let w = le16(bytes, 26).ok_or(HeaderError::Truncated)? & 0x3FFF;
            let h = le16(bytes, 28).ok_or(HeaderError::Truncated)? & 0x3FFF;
            (w as u32, h as u32)
        }
        Some(b"VP8L") => {
            if bytes.get(20) != Some(&0x2F) {
                return Err(corrupt("the lossless WebP has no signature"));
            }
            let bits = le32(bytes, 21).ok_or(HeaderError::Truncated)?;
            ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
        }
        Some(b"VP8X") => {
            let u24 = |at: usize| bytes.get(at..at + 3).map(|b| u32::from_le_bytes([b[0], b[1], b[2], 0]) + 1);
            (u24(24).ok_or(HeaderError::Truncated)?, u24(27).ok_or(HeaderError::Truncated)?)
        }
        _ => return Err(corrupt("the WebP has no image chunk")),
    };
    Ok(ImageInfo { format: ImageFormat::WebP, width, height, orientation: 1, cmyk: false })
}

/// The logical screen, grown to the first image's frame: browsers size the decoded image to
/// a first frame larger than the screen its header declares.
fn gif(bytes: &[u8]) -> Result<ImageInfo, HeaderError> {
    let screen_width = le16(bytes, 6).ok_or(HeaderError::Truncated)? as u32;
    let screen_height = le16(bytes, 8).ok_or(HeaderError::Truncated)? as u32;
    let packed = *bytes.get(10).ok_or(HeaderError::Truncated)?;
    let mut at = 13 + if packed & 0x80 != 0 { 3 << ((packed & 7) + 1) } else { 0 };
    loop {
        match bytes.get(at) {
            Some(0x21) => {
                // An extension: label, then sub-blocks up to an empty one.
                at += 2;
                loop {
                    let size = *bytes.get(at).ok_or(HeaderError::Truncated)? as usize;
                    at += 1 + size;
                    if size == 0 {
                        break;
                    }
                }
            }
            Some(0x2C) => {
                let field = |offset: usize| le16(bytes, at + offset).map(u32::from).ok_or(HeaderError::Truncated);
                let (left, top, width, height) = (field(1)?, field(3)?, field(5)?, field(7)?);
                if bytes.len() < at + 10 {
                    return Err(HeaderError::Truncated);
                }
                let (width, height) = (screen_width.max(left + width), screen_height.max(top + height));
                return Ok(ImageInfo { format: ImageFormat::Gif, width, height, orientation: 1, cmyk: false });
            }
            Some(0x3B) => return Err(HeaderError::NoPixels),
            Some(_) => return Err(corrupt("a GIF block is not an image or an extension")),
            None => return Err(HeaderError::Truncated),
        }
    }
}

fn corrupt(reason: &'static str) -> HeaderError {
    HeaderError::Corrupt { reason: reason.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
