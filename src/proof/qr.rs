//! The QR code that reopens the design: its modules, drawn by the proof as squares.

use qrcode::{Color, EcLevel, QrCode};

/// The dark modules of `text`'s QR code (error correction M, the quiet zone not included):
/// the side in modules and each dark module's (column, row). `None` when the text is too
/// long for any QR code (about 2,300 bytes at M).
pub fn modules(text: &str) -> Option<(usize, Vec<(usize, usize)>)> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let side = code.width();
    let dark = code
        .to_colors()
        .into_iter()
        .enumerate()
        .filter(|(_, color)| *color == Color::Dark)
        .map(|(index, _)| (index % side, index / side))
        .collect();
    Some((side, dark))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_makes_a_square_code_with_its_finder_patterns() {
        let (side, dark) = modules("https://example.com/shop/disc#design=eyJ2ZXJzaW9uIjoxfQ").unwrap();
        assert!(side >= 21 && (side - 17) % 4 == 0, "{side}");
        // The top-left finder pattern's corner and its inner 3 × 3 block are dark.
        for module in [(0, 0), (6, 0), (0, 6), (2, 2), (4, 4)] {
            assert!(dark.contains(&module), "{module:?}");
        }
        assert!(!dark.contains(&(1, 1)));
    }

    #[test]
    fn too_long_a_link_has_no_code() {
        assert_eq!(modules(&"x".repeat(4000)), None);
    }
}
