//! The shopper's photo: what file it is ([`inspect`]), its pixels ([`decode`], native; the
//! browser decodes with `createImageBitmap`), where it sits in a photo slot ([`crop`]), how it
//! looks (colour, black and white or sepia; under glass, under resin or printed on the metal:
//! [`look`]) and which areas a model offers ([`slot`]). Pure: no GPU, no web APIs.

pub mod crop;
#[cfg(not(target_arch = "wasm32"))]
pub mod decode;
pub mod inspect;
pub mod look;
pub mod slot;

pub use crop::{PhotoCrop, PhotoWindow};
pub use inspect::{inspect, ImageFormat, ImageInfo};

use crate::model::image_header::HeaderError;
pub use look::{CoverOptics, PhotoCover, PhotoTone};
pub use slot::{photo_slots, PhotoMask, PhotoSlot};

/// Longest side of a photo as the GPU holds it, pixels: sharp in a 2048 px still of a 20 mm
/// photo area, 4 MiB per photo.
pub const TEXTURE_SIDE: u32 = 1024;

/// How a photo is shown in its slot: the design's part that a configuration stores.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PhotoDesign {
    /// Placement.
    pub crop: PhotoCrop,
    /// Colour treatment.
    pub tone: PhotoTone,
    /// What covers it.
    pub cover: PhotoCover,
}

impl From<HeaderError> for PhotoError {
    fn from(error: HeaderError) -> Self {
        match error {
            HeaderError::Empty => PhotoError::Empty,
            HeaderError::Unsupported { format } => PhotoError::Unsupported { format },
            HeaderError::Truncated => PhotoError::Truncated,
            HeaderError::Corrupt { reason } => PhotoError::Corrupt { reason },
            HeaderError::NoPixels => PhotoError::NoPixels,
        }
    }
}

/// Why a photo cannot be used. `code()` is stable for JavaScript.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PhotoError {
    /// Zero bytes.
    #[error("the photo file is empty (0 bytes); please choose the photo again")]
    Empty,
    /// Over [`inspect::MAX_FILE_BYTES`].
    #[error("the photo file is {} MB; the largest accepted is 64 MB", bytes / 1_000_000)]
    FileTooLarge {
        /// File size.
        bytes: usize,
    },
    /// Not JPEG, PNG, WebP or GIF.
    #[error("{format} photos are not supported — please use JPEG or PNG (WebP and GIF also work)")]
    Unsupported {
        /// What the file looks like ("HEIC", "BMP", "unknown", …).
        format: &'static str,
    },
    /// The file ends early.
    #[error("the photo file is cut short (it may not have finished downloading or copying); please choose it again")]
    Truncated,
    /// The file is damaged.
    #[error("the photo file is damaged ({reason}); please choose another")]
    Corrupt {
        /// What is wrong.
        reason: String,
    },
    /// Width or height zero.
    #[error("the photo has no pixels (0 wide or 0 high)")]
    NoPixels,
    /// Over [`inspect::MAX_PIXELS`] or [`inspect::MAX_SIDE`].
    #[error("the photo is {width} × {height} pixels; the largest accepted is 120 megapixels and 16384 pixels a side")]
    TooLarge {
        /// Pixels wide.
        width: u32,
        /// Pixels high.
        height: u32,
    },
    /// A style or cover name not understood.
    #[error("{what} '{value}' is unknown; expected one of {expected}")]
    UnknownOption {
        /// Which option.
        what: &'static str,
        /// The value given (shortened).
        value: String,
        /// The accepted values.
        expected: &'static str,
    },
    /// The model has no photo area of that number.
    #[error("{}", no_such_area(*index, *count))]
    NoSuchArea {
        /// Requested.
        index: usize,
        /// Available.
        count: usize,
    },
    /// Pixels given do not match the size given.
    #[error("the photo pixels do not match their size ({width} × {height} needs {expected} bytes, got {got})")]
    BadPixels {
        /// Width.
        width: u32,
        /// Height.
        height: u32,
        /// Bytes needed.
        expected: usize,
        /// Bytes given.
        got: usize,
    },
}

fn no_such_area(index: usize, count: usize) -> String {
    match count {
        0 => "this pendant has no photo area; choose a locket, a photo pendant or a photo charm".into(),
        1 => format!("this pendant has one photo area (number 0); there is no photo area {index}"),
        _ => format!("this pendant has {count} photo areas (0 to {}); there is no photo area {index}", count - 1),
    }
}

impl PhotoError {
    /// A stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            PhotoError::Empty => "photo-empty",
            PhotoError::FileTooLarge { .. } => "photo-file-too-large",
            PhotoError::Unsupported { .. } => "photo-unsupported",
            PhotoError::Truncated => "photo-truncated",
            PhotoError::Corrupt { .. } => "photo-corrupt",
            PhotoError::NoPixels => "photo-no-pixels",
            PhotoError::TooLarge { .. } => "photo-too-large",
            PhotoError::UnknownOption { .. } => "photo-unknown-option",
            PhotoError::NoSuchArea { .. } => "photo-no-such-area",
            PhotoError::BadPixels { .. } => "photo-bad-pixels",
        }
    }
}
