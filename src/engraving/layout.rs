//! Shaped lines placed in an engraving area, in millimetres: the letter size that fits
//! (auto-fit between the largest and the smallest legible size), alignment, and straight or
//! arched baselines. The area's origin is its centre, x right, y up.

use glam::{Affine2, Vec2};
use rustybuzz::ttf_parser::Face;

use super::fonts::{FontBook, FontSlot};
use super::shape::{shape_line, EmRect, ShapedLine};
use super::{Align, EngravingDesign, EngravingError, TextPath};

/// Smallest capital height an engraver cuts legibly, mm.
pub const MIN_LETTER_MM: f32 = 1.0;
/// Below this capital height the layout warns, mm.
pub const SMALL_LETTER_MM: f32 = 1.5;
/// Largest capital height chosen automatically, mm.
pub const MAX_LETTER_MM: f32 = 6.0;

/// Where the lettering goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EngravingArea {
    /// Width × height, mm.
    pub size_mm: Vec2,
    /// An ellipse inscribed in that rectangle rather than the rectangle (a disc's face).
    pub round: bool,
}

impl EngravingArea {
    /// Space kept clear of the area's edge, mm.
    pub fn margin_mm(&self) -> f32 {
        (self.size_mm.min_element() * 0.06).clamp(0.3, 1.0)
    }

    fn half_usable(&self) -> Vec2 {
        (self.size_mm * 0.5 - Vec2::splat(self.margin_mm())).max(Vec2::splat(0.1))
    }

    /// Whether the point lies inside the usable part of the area.
    fn contains(&self, p: Vec2) -> bool {
        let half = self.half_usable();
        if self.round {
            (p / half).length_squared() <= 1.0 + 1e-4
        } else {
            p.x.abs() <= half.x + 1e-4 && p.y.abs() <= half.y + 1e-4
        }
    }
}

/// One glyph in place.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlacedGlyph {
    /// Which font.
    pub slot: FontSlot,
    /// Glyph id in it.
    pub id: u16,
    /// Font units → area millimetres.
    pub transform: Affine2,
}

/// The lettering, placed.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Every glyph with ink.
    pub glyphs: Vec<PlacedGlyph>,
    /// Capital height, mm.
    pub letter_height_mm: f32,
    /// Things the shopper should know (shrunk to fit, small letters).
    pub warnings: Vec<String>,
}

/// The shaped design at 1 em, with the numbers the placement needs.
struct Shaped {
    lines: Vec<ShapedLine>,
    /// Capital height, ems.
    cap: f32,
    /// Baseline to baseline, ems.
    pitch: f32,
    units_per_em: [f32; 2],
}

fn shape(design: &EngravingDesign, book: &FontBook) -> Result<Shaped, EngravingError> {
    let style = design.style;
    let data = book.data(FontSlot::Style(style)).ok_or(EngravingError::FontNotLoaded(style.name()))?;
    let face = Face::parse(data, 0).map_err(|_| EngravingError::BadFont(style.name().into()))?;
    let upem = f32::from(face.units_per_em());
    let cap = face
        .capital_height()
        .filter(|&h| h > 0)
        .map(f32::from)
        .or_else(|| face.glyph_index('H').and_then(|g| face.glyph_bounding_box(g)).map(|b| f32::from(b.y_max)))
        .unwrap_or(0.7 * upem)
        / upem;
    let pitch = (f32::from(face.ascender()) - f32::from(face.descender())) / upem * 0.95;
    let fallback_upem = book
        .data(FontSlot::Fallback)
        .and_then(|d| Face::parse(d, 0).ok())
        .map_or(upem, |f| f32::from(f.units_per_em()));
    let lines = design
        .lines()
        .map(|line| shape_line(book, style, line, design.letter_spacing))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Shaped { lines, cap, pitch, units_per_em: [upem, fallback_upem] })
}

/// A candidate placement at `em` millimetres per em: the glyphs and every ink corner.
fn place(shaped: &Shaped, design: &EngravingDesign, area: &EngravingArea, em: f32) -> (Vec<PlacedGlyph>, Vec<Vec2>) {
    let mut glyphs = Vec::new();
    let mut corners = Vec::new();
    let half = area.half_usable();
    match design.path {
        TextPath::Straight => {
            // Baselines from the top; the ink block is then centred vertically.
            let inks: Vec<Option<EmRect>> = shaped.lines.iter().map(ShapedLine::ink).collect();
            let baseline = |i: usize| -(i as f32) * shaped.pitch * em;
            let top = inks
                .iter()
                .enumerate()
                .filter_map(|(i, r)| r.map(|r| baseline(i) + r[3] * em))
                .fold(f32::MIN, f32::max);
            let bottom = inks
                .iter()
                .enumerate()
                .filter_map(|(i, r)| r.map(|r| baseline(i) + r[1] * em))
                .fold(f32::MAX, f32::min);
            let shift = if top >= bottom { -(top + bottom) / 2.0 } else { 0.0 };
            for (i, line) in shaped.lines.iter().enumerate() {
                let width = line.width * em;
                let start = match design.align {
                    Align::Center => -width / 2.0,
                    Align::Left => -half.x,
                    Align::Right => half.x - width,
                };
                let origin = Vec2::new(start, baseline(i) + shift);
                for glyph in &line.glyphs {
                    let Some(ink) = glyph.ink else { continue };
                    let at = origin + Vec2::new(glyph.x, glyph.y) * em;
                    let units = shaped.units_per_em[usize::from(glyph.slot == FontSlot::Fallback)];
                    glyphs.push(PlacedGlyph {
                        slot: glyph.slot,
                        id: glyph.id,
                        transform: Affine2::from_scale_angle_translation(Vec2::splat(em / units), 0.0, at),
                    });
                    corners.extend(rect_corners(ink).map(|c| at + c * em));
                }
            }
        }
        TextPath::Arc => {
            // Lines on concentric arcs centred on the top, the first outermost; letters stand
            // on the arc with their tops outward.
            let outer = half.min_element();
            for (i, line) in shaped.lines.iter().enumerate() {
                let top = line.ink().map_or(shaped.cap, |ink| ink[3]);
                let radius = outer - top * em - i as f32 * shaped.pitch * em;
                if radius <= 0.0 {
                    corners.push(Vec2::splat(f32::INFINITY)); // does not fit
                    continue;
                }
                let length = line.width * em;
                if length / radius > std::f32::consts::PI {
                    corners.push(Vec2::splat(f32::INFINITY)); // more than half way round
                }
                for glyph in &line.glyphs {
                    let Some(ink) = glyph.ink else { continue };
                    let centre = (glyph.x + glyph.advance / 2.0) * em - length / 2.0;
                    let theta = centre / radius;
                    let (sin, cos) = theta.sin_cos();
                    let up = Vec2::new(sin, cos);
                    let along = Vec2::new(cos, -sin);
                    let units = shaped.units_per_em[usize::from(glyph.slot == FontSlot::Fallback)];
                    let scale = em / units;
                    // Glyph-local (u, v) em → centre-relative along/up.
                    let origin = up * (radius + glyph.y * em) - along * (glyph.advance / 2.0 * em);
                    let transform = Affine2::from_cols(along * scale, up * scale, origin);
                    // The radius already keeps every letter inside the rim (only the outer
                    // corners of its box poke out), so only the inner corners are checked.
                    corners.extend(
                        [Vec2::new(ink[0], ink[1]), Vec2::new(ink[2], ink[1])]
                            .map(|c| transform.transform_point2(c * units)),
                    );
                    glyphs.push(PlacedGlyph { slot: glyph.slot, id: glyph.id, transform });
                }
            }
        }
    }
    (glyphs, corners)
}

fn rect_corners(r: EmRect) -> [Vec2; 4] {
    [Vec2::new(r[0], r[1]), Vec2::new(r[2], r[1]), Vec2::new(r[0], r[3]), Vec2::new(r[2], r[3])]
}

fn extent(corners: &[Vec2]) -> Vec2 {
    let (low, high) = corners.iter().fold((Vec2::MAX, Vec2::MIN), |(l, h), &c| (l.min(c), h.max(c)));
    (high - low).max(Vec2::ZERO)
}

/// Lays `design` out in `area`: the requested capital height (or the largest up to
/// [`MAX_LETTER_MM`]), shrunk to fit down to [`MIN_LETTER_MM`]; refuses below that, giving the
/// measured and the available size.
pub fn lay_out(design: &EngravingDesign, area: &EngravingArea, book: &FontBook) -> Result<Layout, EngravingError> {
    let shaped = shape(design, book)?;
    let em_for = |letter_mm: f32| letter_mm / shaped.cap;
    let fits = |em: f32| place(&shaped, design, area, em).1.iter().all(|&c| area.contains(c));
    let wanted = design.letter_height_mm.unwrap_or(MAX_LETTER_MM).clamp(MIN_LETTER_MM, 20.0);
    let mut warnings = Vec::new();
    let letter_mm = if fits(em_for(wanted)) {
        wanted
    } else if !fits(em_for(MIN_LETTER_MM)) {
        let (_, corners) = place(&shaped, design, area, em_for(MIN_LETTER_MM));
        let measured = extent(&corners);
        let available = area.half_usable() * 2.0;
        let em = em_for(MIN_LETTER_MM);
        let (measured_mm, available_mm, dimension) = if design.path == TextPath::Arc {
            let longest = shaped.lines.iter().map(|l| l.width).fold(0.0, f32::max) * em;
            let top = shaped.lines.first().and_then(ShapedLine::ink).map_or(shaped.cap, |ink| ink[3]);
            let radius = area.half_usable().min_element() - top * em;
            (longest, (radius * std::f32::consts::PI).max(0.0), "long for the arc")
        } else if measured.x.is_finite() && measured.x / available.x >= measured.y / available.y {
            (measured.x, available.x, "wide")
        } else {
            (measured.y, available.y, "tall")
        };
        return Err(EngravingError::DoesNotFit { measured_mm, available_mm, letter_mm: MIN_LETTER_MM, dimension });
    } else {
        // Bisection on the capital height: fits at `low`, not at `high`.
        let (mut low, mut high) = (MIN_LETTER_MM, wanted);
        for _ in 0..18 {
            let mid = 0.5 * (low + high);
            if fits(em_for(mid)) {
                low = mid;
            } else {
                high = mid;
            }
        }
        if design.letter_height_mm.is_some() {
            warnings.push(format!("letters reduced from {wanted:.1} mm to {low:.1} mm to fit"));
        }
        low
    };
    if letter_mm < SMALL_LETTER_MM {
        warnings.push(format!(
            "letters {letter_mm:.1} mm tall are hard to read once engraved; fewer characters or fewer lines allow larger ones"
        ));
    }
    let (glyphs, _) = place(&shaped, design, area, em_for(letter_mm));
    Ok(Layout { glyphs, letter_height_mm: letter_mm, warnings })
}
