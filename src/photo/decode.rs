//! Native photo decoding with the `image` crate (tests, stills, the CLI). The browser decodes
//! with `createImageBitmap` instead (off the main thread, and no codec in the wasm); both
//! refuse the same files first, through [`inspect`](super::inspect).

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, Limits};

use super::inspect::{fitted_size, inspect, ImageFormat, MAX_PIXELS, MAX_SIDE};
use super::PhotoError;
use crate::model::Image;

/// Decodes `bytes`, turns it upright (EXIF orientation) and reduces it so its longest side is
/// at most `max_side` pixels.
pub fn decode(bytes: &[u8], max_side: u32) -> Result<Image, PhotoError> {
    let info = inspect(bytes)?;
    let format = match info.format {
        ImageFormat::Jpeg => image::ImageFormat::Jpeg,
        ImageFormat::Png => image::ImageFormat::Png,
        ImageFormat::WebP => image::ImageFormat::WebP,
        ImageFormat::Gif => image::ImageFormat::Gif,
    };
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_PIXELS * 8);
    reader.limits(limits);
    let failed = |error: image::ImageError| match error {
        image::ImageError::Unsupported(e) => PhotoError::Corrupt { reason: format!("unsupported variant: {e}") },
        image::ImageError::Limits(_) => PhotoError::TooLarge { width: info.width, height: info.height },
        image::ImageError::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => PhotoError::Truncated,
        other => PhotoError::Corrupt { reason: other.to_string() },
    };
    let decoder = reader.into_decoder().map_err(failed)?;
    if (decoder.dimensions().0, decoder.dimensions().1) != (info.width, info.height) {
        return Err(PhotoError::Corrupt { reason: "the header and the image disagree on its size".into() });
    }
    let mut image = DynamicImage::from_decoder(decoder).map_err(failed)?;
    if let Some(orientation) = image::metadata::Orientation::from_exif(info.orientation) {
        image.apply_orientation(orientation);
    }
    let (width, height) = fitted_size(image.width(), image.height(), max_side);
    if (width, height) != (image.width(), image.height()) {
        image = image.thumbnail_exact(width, height);
    }
    let rgba = image.into_rgba8();
    Ok(Image { width: rgba.width(), height: rgba.height(), rgba8: rgba.into_raw() })
}
