//! What is behind the pendant: the studio's warm off-white, plain white for marketplaces,
//! a transparent canvas for embedding over a page's own design, a soft vertical gradient, or
//! any colour a page asks for.

use std::str::FromStr;

use crate::color::srgb_to_linear;

/// The backdrop choices (attribute `background`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Backdrop {
    /// Warm off-white (sRGB #F3F1EE), like a jewelry product photo.
    #[default]
    Studio,
    /// Pure white (marketplace listings want #FFFFFF).
    White,
    /// Nothing: the page shows through around the pendant.
    Transparent,
    /// Soft vertical gradient, light above to a warm grey below.
    Gradient,
    /// A solid sRGB colour from `#rgb` or `#rrggbb`.
    Color([u8; 3]),
}

/// A background value that is not one of ours.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown background '{0}'; expected studio, white, transparent, gradient or a colour like #f3f1ee")]
pub struct BackdropError(pub String);

impl BackdropError {
    /// Stable code for JavaScript.
    pub fn code(&self) -> &'static str {
        "background-unknown"
    }
}

fn opaque([r, g, b]: [u8; 3]) -> [f32; 4] {
    [srgb_to_linear(r), srgb_to_linear(g), srgb_to_linear(b), 1.0]
}

impl Backdrop {
    /// Linear RGBA at the top and the bottom of the view (equal unless a gradient).
    pub fn colors(self) -> [[f32; 4]; 2] {
        match self {
            Backdrop::Studio => [opaque([0xF3, 0xF1, 0xEE]); 2],
            Backdrop::White => [opaque([0xFF; 3]); 2],
            Backdrop::Transparent => [[0.0; 4]; 2],
            Backdrop::Gradient => [opaque([0xFA, 0xF9, 0xF7]), opaque([0xD9, 0xD4, 0xCD])],
            Backdrop::Color(rgb) => [opaque(rgb); 2],
        }
    }

    /// Whether top and bottom differ (a gradient pass is drawn instead of a plain clear).
    pub fn is_gradient(self) -> bool {
        let [top, bottom] = self.colors();
        top != bottom
    }
}

fn parse_hex(text: &str) -> Option<[u8; 3]> {
    let digits = text.strip_prefix('#')?;
    if !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let nibble = |i: usize| u8::from_str_radix(&digits[i..i + 1], 16).ok();
    match digits.len() {
        3 => Some([nibble(0)? * 17, nibble(1)? * 17, nibble(2)? * 17]),
        6 => u32::from_str_radix(digits, 16).ok().map(|v| [(v >> 16) as u8, (v >> 8) as u8, v as u8]),
        _ => None,
    }
}

impl FromStr for Backdrop {
    type Err = BackdropError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let value = text.trim().to_ascii_lowercase();
        match value.as_str() {
            "" | "studio" => Ok(Backdrop::Studio),
            "white" => Ok(Backdrop::White),
            "transparent" | "none" => Ok(Backdrop::Transparent),
            "gradient" => Ok(Backdrop::Gradient),
            _ => parse_hex(&value).map(Backdrop::Color).ok_or_else(|| BackdropError(text.chars().take(40).collect())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_and_colours() {
        assert_eq!("".parse(), Ok(Backdrop::Studio));
        assert_eq!(" Transparent ".parse(), Ok(Backdrop::Transparent));
        assert_eq!("#fff".parse(), Ok(Backdrop::Color([255, 255, 255])));
        assert_eq!("#1a2B3c".parse(), Ok(Backdrop::Color([0x1a, 0x2b, 0x3c])));
        for bad in ["#12", "#ggg", "red", "#1234567", "<script>"] {
            assert_eq!(bad.parse::<Backdrop>().unwrap_err().code(), "background-unknown", "{bad}");
        }
    }

    #[test]
    fn colours_are_linear() {
        assert_eq!(Backdrop::White.colors()[0], [1.0; 4]);
        assert_eq!(Backdrop::Transparent.colors()[0][3], 0.0);
        let [top, bottom] = Backdrop::Gradient.colors();
        assert!(top[1] > bottom[1] && Backdrop::Gradient.is_gradient() && !Backdrop::Studio.is_gradient());
        // sRGB 0xF3 ≈ linear 0.896.
        assert!((Backdrop::Studio.colors()[0][0] - 0.896).abs() < 0.001);
    }
}
