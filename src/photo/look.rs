//! How the photo looks: its colour treatment and what covers it.

use glam::{Mat3, Vec3};

use super::PhotoError;

/// Colour treatment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PhotoTone {
    /// As taken.
    #[default]
    Color,
    /// Black and white (luminance).
    BlackWhite,
    /// Warm brown monochrome, like an old print.
    Sepia,
}

/// Sepia's tint at full luminance, linear RGB (sRGB #F0D8B0, measured off scanned albumen
/// prints' highlights; the shadows go to warm brown because the tint scales with luminance).
const SEPIA_TINT: Vec3 = Vec3::new(0.871, 0.686, 0.431);

impl PhotoTone {
    /// The names the element accepts, for messages.
    pub const NAMES: &'static str = "color, bw, sepia";

    /// The treatment as a matrix on linear RGB (the shader applies it to each texel).
    pub fn matrix(self) -> Mat3 {
        // Rec. 709 luminance of linear RGB.
        let luminance = Vec3::new(0.2126, 0.7152, 0.0722);
        let outer = |tint: Vec3| Mat3::from_cols(tint * luminance.x, tint * luminance.y, tint * luminance.z);
        match self {
            PhotoTone::Color => Mat3::IDENTITY,
            PhotoTone::BlackWhite => outer(Vec3::ONE),
            PhotoTone::Sepia => outer(SEPIA_TINT / (SEPIA_TINT.dot(luminance))),
        }
    }

    /// The name the element and configuration use.
    pub fn name(self) -> &'static str {
        match self {
            PhotoTone::Color => "color",
            PhotoTone::BlackWhite => "bw",
            PhotoTone::Sepia => "sepia",
        }
    }
}

impl std::str::FromStr for PhotoTone {
    type Err = PhotoError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "" | "color" | "colour" => Ok(PhotoTone::Color),
            "bw" | "b&w" | "black-white" | "black-and-white" | "mono" | "grayscale" | "greyscale" => {
                Ok(PhotoTone::BlackWhite)
            }
            "sepia" => Ok(PhotoTone::Sepia),
            _ => Err(PhotoError::UnknownOption {
                what: "photo style",
                value: s.chars().take(40).collect(),
                expected: Self::NAMES,
            }),
        }
    }
}

/// What covers the photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PhotoCover {
    /// A glass crystal: sharp reflections, the photo a little below them.
    #[default]
    Glass,
    /// Jeweller's epoxy resin: softer, slightly warm reflections, the photo sunk deeper.
    Resin,
    /// Printed straight on the metal: satin ink, no layer above it.
    Print,
}

/// The cover's optics, for the shader.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CoverOptics {
    /// How far below the surface the photo lies, mm (the parallax as the pendant turns).
    pub depth_mm: f32,
    /// Index of refraction of the layer (the photo seen through it shifts less than the depth).
    pub ior: f32,
    /// Roughness of the layer's surface (of the ink when printed).
    pub roughness: f32,
    /// 1 when a clear layer covers the photo, 0 when printed.
    pub coat: f32,
    /// Transmittance of the layer, linear RGB (resin yellows a little).
    pub tint: Vec3,
}

impl PhotoCover {
    /// The names the element accepts, for messages.
    pub const NAMES: &'static str = "glass, resin, print";

    /// The optics (soda-lime glass n 1.52; epoxy n 1.55; UV-cured ink on metal).
    pub fn optics(self) -> CoverOptics {
        match self {
            PhotoCover::Glass => {
                CoverOptics { depth_mm: 0.5, ior: 1.52, roughness: 0.03, coat: 1.0, tint: Vec3::new(0.97, 0.985, 0.98) }
            }
            PhotoCover::Resin => {
                CoverOptics { depth_mm: 0.9, ior: 1.55, roughness: 0.08, coat: 1.0, tint: Vec3::new(0.98, 0.955, 0.88) }
            }
            PhotoCover::Print => CoverOptics { depth_mm: 0.0, ior: 1.5, roughness: 0.45, coat: 0.0, tint: Vec3::ONE },
        }
    }

    /// The name the element and configuration use.
    pub fn name(self) -> &'static str {
        match self {
            PhotoCover::Glass => "glass",
            PhotoCover::Resin => "resin",
            PhotoCover::Print => "print",
        }
    }
}

impl std::str::FromStr for PhotoCover {
    type Err = PhotoError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "" | "glass" => Ok(PhotoCover::Glass),
            "resin" | "epoxy" => Ok(PhotoCover::Resin),
            "print" | "printed" | "metal" => Ok(PhotoCover::Print),
            _ => Err(PhotoError::UnknownOption {
                what: "photo cover",
                value: s.chars().take(40).collect(),
                expected: Self::NAMES,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tones_keep_luminance_and_drop_colour() {
        let luminance = Vec3::new(0.2126, 0.7152, 0.0722);
        let red = Vec3::new(0.8, 0.1, 0.05);
        for tone in [PhotoTone::Color, PhotoTone::BlackWhite, PhotoTone::Sepia] {
            let out = tone.matrix() * red;
            assert!((out.dot(luminance) - red.dot(luminance)).abs() < 1e-4, "{tone:?} keeps brightness");
        }
        let grey = PhotoTone::BlackWhite.matrix() * red;
        assert!((grey.x - grey.y).abs() < 1e-6 && (grey.y - grey.z).abs() < 1e-6);
        let sepia = PhotoTone::Sepia.matrix() * Vec3::new(0.1, 0.1, 0.9);
        assert!(sepia.x > sepia.y && sepia.y > sepia.z, "sepia is warm: {sepia}");
    }

    #[test]
    fn names_round_trip_and_bad_ones_are_explained() {
        for tone in [PhotoTone::Color, PhotoTone::BlackWhite, PhotoTone::Sepia] {
            assert_eq!(tone.name().parse::<PhotoTone>().unwrap(), tone);
        }
        for cover in [PhotoCover::Glass, PhotoCover::Resin, PhotoCover::Print] {
            assert_eq!(cover.name().parse::<PhotoCover>().unwrap(), cover);
        }
        let error = "<b>neon</b>".parse::<PhotoTone>().unwrap_err();
        assert_eq!(error.code(), "photo-unknown-option");
        assert!(error.to_string().contains("color, bw, sepia"));
    }
}
