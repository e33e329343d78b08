//! What a photo file is, read from its header alone (`model::image_header`), and whether the
//! viewer takes it: within the photo limits, so the browser can refuse a decompression bomb, a
//! HEIC or a cut-short download before handing the file to its decoder, and the native decoder
//! refuses the same files for the same reasons.

use super::PhotoError;
pub use crate::model::image_header::{read_header, ImageFormat, ImageInfo};

/// Largest accepted photo, pixels (a 108 MP phone photo fits; a decompression bomb does not).
pub const MAX_PIXELS: u64 = 120_000_000;
/// Longest accepted side, pixels.
pub const MAX_SIDE: u32 = 16_384;
/// Largest accepted file, bytes.
pub const MAX_FILE_BYTES: usize = 64 << 20;

/// Reads `bytes`' header; refuses what the viewer will not decode, with the reason.
pub fn inspect(bytes: &[u8]) -> Result<ImageInfo, PhotoError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(PhotoError::FileTooLarge { bytes: bytes.len() });
    }
    let info = read_header(bytes)?;
    if info.width > MAX_SIDE || info.height > MAX_SIDE || info.width as u64 * info.height as u64 > MAX_PIXELS {
        return Err(PhotoError::TooLarge { width: info.width, height: info.height });
    }
    Ok(info)
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
    fn sizes_fit_the_longest_side() {
        assert_eq!(fitted_size(4000, 3000, 1024), (1024, 768));
        assert_eq!(fitted_size(3000, 4000, 1024), (768, 1024));
        assert_eq!(fitted_size(800, 600, 1024), (800, 600));
        assert_eq!(fitted_size(100_000, 1, 1024), (1024, 1));
    }
}
