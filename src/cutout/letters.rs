//! Text → closed contours in millimetres: the engraving's own shaping (bidi, fallback font,
//! kerning, cursive joining) at the asked capital height, each glyph's curves flattened to
//! straight segments within a tolerance tied to the letter size.

use glam::{Affine2, Vec2};

use super::ShapeError;
use crate::engraving::layout::lay_out;
use crate::engraving::raster::{walk_outlines, Segment};
use crate::engraving::{check_text, EngravingArea, EngravingDesign, FontBook, FontStyle};

/// A closed polygon, mm (the last point joins the first).
pub type Contour = Vec<[f32; 2]>;

/// How far a flattened curve may stray from the true one: 1/500 of the letter height, at
/// least 5 µm and at most 20 µm (well under what a laser's 25–50 µm kerf resolves).
pub fn tolerance_mm(letter_mm: f32) -> f32 {
    (letter_mm / 500.0).clamp(0.005, 0.02)
}

/// One line of text laid out at `letter_mm` capital height, `spacing_em` extra space after
/// each letter.
pub struct Lettering {
    /// Every glyph's contours (overlapping; nonzero fill), mm, the line centred on x = 0.
    pub contours: Vec<Contour>,
    /// The baseline's height, mm.
    pub baseline: f32,
    /// The capital height used, mm.
    pub letter_mm: f32,
}

/// Lays `text` out on one line and flattens it.
pub fn letters(
    book: &FontBook,
    font: FontStyle,
    text: &str,
    letter_mm: f32,
    spacing_em: f32,
) -> Result<Lettering, ShapeError> {
    check_text(text)?;
    let design = EngravingDesign {
        text: text.replace(['\n', '\r'], " "),
        style: font,
        letter_height_mm: Some(letter_mm),
        letter_spacing: spacing_em,
        ..EngravingDesign::default()
    };
    // An area far larger than any pendant: the layout keeps the asked height.
    let area = EngravingArea { size_mm: Vec2::new(2000.0, 400.0), round: false };
    let layout = lay_out(&design, &area, book)?;
    let baseline = layout.glyphs.first().map_or(0.0, |g| g.transform.translation.y);
    let tolerance = tolerance_mm(letter_mm);
    let mut contours = Vec::new();
    let mut current: Contour = Vec::new();
    walk_outlines(&layout, book, Affine2::IDENTITY, |segment| match segment {
        Segment::Move(p) => {
            current.clear();
            current.push(p.to_array());
        }
        Segment::Line(_, p) => current.push(p.to_array()),
        Segment::Quad(a, c, b) => flatten_quad(a, c, b, tolerance, &mut current),
        Segment::Cubic(a, c1, c2, b) => flatten_cubic(a, c1, c2, b, tolerance, &mut current),
        Segment::Close => {
            if current.first() == current.last() {
                current.pop();
            }
            if current.len() >= 3 {
                contours.push(std::mem::take(&mut current));
            }
            current.clear();
        }
    });
    Ok(Lettering { contours, baseline, letter_mm: layout.letter_height_mm })
}

/// Pieces a curve that strays `deviation` from its chord needs to stay within `tolerance`
/// (a parabola's error falls with the square of the pieces), at most 64.
fn pieces(deviation: f32, tolerance: f32) -> usize {
    ((deviation / tolerance).sqrt().ceil() as usize).clamp(1, 64)
}

/// Appends a quadratic Bézier's points after `a` (its end included).
pub fn flatten_quad(a: Vec2, c: Vec2, b: Vec2, tolerance: f32, out: &mut Contour) {
    let n = pieces((a - 2.0 * c + b).length() / 4.0, tolerance);
    for i in 1..=n {
        let t = i as f32 / n as f32;
        let u = 1.0 - t;
        out.push((a * u * u + c * 2.0 * u * t + b * t * t).to_array());
    }
}

/// Appends a cubic Bézier's points after `a` (its end included).
pub fn flatten_cubic(a: Vec2, c1: Vec2, c2: Vec2, b: Vec2, tolerance: f32, out: &mut Contour) {
    let deviation = (a - 2.0 * c1 + c2).length().max((c1 - 2.0 * c2 + b).length()) * 0.75;
    let n = pieces(deviation, tolerance);
    for i in 1..=n {
        let t = i as f32 / n as f32;
        let u = 1.0 - t;
        out.push((a * u * u * u + c1 * 3.0 * u * u * t + c2 * 3.0 * u * t * t + b * t * t * t).to_array());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattening_stays_within_the_tolerance() {
        let (a, c, b) = (Vec2::ZERO, Vec2::new(5.0, 10.0), Vec2::new(10.0, 0.0));
        let mut points = vec![a.to_array()];
        flatten_quad(a, c, b, 0.01, &mut points);
        assert!(points.len() > 10 && points.len() < 40, "{}", points.len());
        // Midpoints of the chords against the true curve at the same parameter.
        let n = points.len() - 1;
        for i in 0..n {
            let t = (i as f32 + 0.5) / n as f32;
            let u = 1.0 - t;
            let truth = a * u * u + c * 2.0 * u * t + b * t * t;
            let chord = (Vec2::from(points[i]) + Vec2::from(points[i + 1])) / 2.0;
            assert!((truth - chord).length() <= 0.0101, "{}", (truth - chord).length());
        }
    }
}
