//! The placed lettering as a height field for the GPU: glyph outlines rasterized with exact
//! area coverage (ab_glyph_rasterizer), then softened into sloped groove walls. 0 = surface,
//! 255 = the full depth of the cut. Also measures the thinnest stroke, for the
//! manufacturability check, and walks outlines for the SVG export.

use ab_glyph_rasterizer::{point, Point, Rasterizer};
use glam::{Affine2, Vec2};
use rustybuzz::ttf_parser::{Face, GlyphId, OutlineBuilder};

use super::fonts::{FontBook, FontSlot};
use super::layout::{EngravingArea, Layout};
use super::EngravingError;

/// Texture density, pixels per millimetre, where the texture size allows.
pub const PIXELS_PER_MM: f32 = 40.0;
/// Longest texture side.
pub const MAX_PIXELS: u32 = 1024;
/// Width of a groove's sloped wall, mm (a graver's cut is not a cliff).
pub const WALL_MM: f32 = 0.04;

/// An engraving as heights over its area.
#[derive(Debug, Clone, PartialEq)]
pub struct HeightField {
    /// Pixels across.
    pub width: u32,
    /// Pixels down.
    pub height: u32,
    /// Pixels per millimetre.
    pub pixels_per_mm: f32,
    /// Row-major, top row first: 0 surface … 255 bottom of the cut.
    pub pixels: Vec<u8>,
    /// The thinnest stroke, mm (5th percentile of stroke widths); `None` without ink.
    pub thinnest_stroke_mm: Option<f32>,
}

impl HeightField {
    /// Refuses a field whose pixels do not fill its size or whose density is not a positive
    /// number (`engraving-bad-field`): one handed over from outside the engraving module.
    pub fn check(&self) -> Result<(), EngravingError> {
        let expected = self.width as u64 * self.height as u64;
        if self.pixels.len() as u64 != expected || !self.pixels_per_mm.is_finite() || self.pixels_per_mm <= 0.0 {
            return Err(EngravingError::BadField(format!(
                "{} bytes for {} × {} pixels at {} px/mm",
                self.pixels.len(),
                self.width,
                self.height,
                self.pixels_per_mm
            )));
        }
        Ok(())
    }
}

/// Texture size and density for an area.
pub fn raster_size(area: &EngravingArea) -> (u32, u32, f32) {
    let density = PIXELS_PER_MM.min(MAX_PIXELS as f32 / area.size_mm.max_element().max(1.0));
    let width = ((area.size_mm.x * density).ceil() as u32).clamp(1, MAX_PIXELS);
    let height = ((area.size_mm.y * density).ceil() as u32).clamp(1, MAX_PIXELS);
    (width, height, density)
}

/// Feeds a glyph outline, mapped by a transform, to a callback per segment.
pub(crate) struct OutlineWalker<F: FnMut(Segment)> {
    /// Font units → output space.
    pub transform: Affine2,
    /// Receives each segment.
    pub emit: F,
    start: Vec2,
    last: Vec2,
}

/// One piece of an outline, in output space.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Segment {
    /// Starts a contour.
    Move(Vec2),
    /// Straight.
    Line(Vec2, Vec2),
    /// Quadratic Bézier.
    Quad(Vec2, Vec2, Vec2),
    /// Cubic Bézier.
    Cubic(Vec2, Vec2, Vec2, Vec2),
    /// Ends a contour (after the closing line).
    Close,
}

impl<F: FnMut(Segment)> OutlineWalker<F> {
    pub(crate) fn new(transform: Affine2, emit: F) -> Self {
        Self { transform, emit, start: Vec2::ZERO, last: Vec2::ZERO }
    }

    fn map(&self, x: f32, y: f32) -> Vec2 {
        self.transform.transform_point2(Vec2::new(x, y))
    }
}

impl<F: FnMut(Segment)> OutlineBuilder for OutlineWalker<F> {
    fn move_to(&mut self, x: f32, y: f32) {
        self.start = self.map(x, y);
        self.last = self.start;
        (self.emit)(Segment::Move(self.start));
    }

    fn line_to(&mut self, x: f32, y: f32) {
        let to = self.map(x, y);
        (self.emit)(Segment::Line(self.last, to));
        self.last = to;
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (control, to) = (self.map(x1, y1), self.map(x, y));
        (self.emit)(Segment::Quad(self.last, control, to));
        self.last = to;
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (c1, c2, to) = (self.map(x1, y1), self.map(x2, y2), self.map(x, y));
        (self.emit)(Segment::Cubic(self.last, c1, c2, to));
        self.last = to;
    }

    fn close(&mut self) {
        if self.last != self.start {
            (self.emit)(Segment::Line(self.last, self.start));
        }
        self.last = self.start;
        (self.emit)(Segment::Close);
    }
}

/// Walks every placed glyph's outline, in area millimetres, through `emit`.
pub(crate) fn walk_outlines(layout: &Layout, book: &FontBook, transform: Affine2, mut emit: impl FnMut(Segment)) {
    let faces: Vec<(FontSlot, Face)> = layout
        .glyphs
        .iter()
        .map(|g| g.slot)
        .fold(Vec::new(), |mut slots: Vec<FontSlot>, slot| {
            if !slots.contains(&slot) {
                slots.push(slot);
            }
            slots
        })
        .into_iter()
        .filter_map(|slot| Some((slot, Face::parse(book.data(slot)?, 0).ok()?)))
        .collect();
    for glyph in &layout.glyphs {
        let Some((_, face)) = faces.iter().find(|(slot, _)| *slot == glyph.slot) else { continue };
        let mut walker = OutlineWalker::new(transform * glyph.transform, &mut emit);
        face.outline_glyph(GlyphId(glyph.id), &mut walker);
    }
}

/// Rasterizes `layout` over `area` into a height field. Only the box around the ink (plus the
/// blur's reach) is rasterized and filtered; the rest of the area stays at the surface.
pub fn rasterize(layout: &Layout, book: &FontBook, area: &EngravingArea) -> HeightField {
    let (width, height, density) = raster_size(area);
    let (w, h) = (width as usize, height as usize);
    let mut pixels = vec![0u8; w * h];
    // Area mm (centre origin, y up) → pixels (top-left origin, y down).
    let to_pixels = Affine2::from_scale_angle_translation(
        Vec2::new(density, -density),
        0.0,
        Vec2::new(area.size_mm.x * density / 2.0, area.size_mm.y * density / 2.0),
    );
    let mut segments = Vec::new();
    let (mut low, mut high) = (Vec2::MAX, Vec2::MIN);
    walk_outlines(layout, book, to_pixels, |segment| {
        // Ends and control points: their convex hull bounds the curve.
        let mut include = |points: &[Vec2]| {
            for &p in points {
                (low, high) = (low.min(p), high.max(p));
            }
        };
        match segment {
            Segment::Move(p) => include(&[p]),
            Segment::Line(a, b) => include(&[a, b]),
            Segment::Quad(a, c, b) => include(&[a, c, b]),
            Segment::Cubic(a, c1, c2, b) => include(&[a, c1, c2, b]),
            Segment::Close => {}
        }
        segments.push(segment);
    });
    let radius = ((WALL_MM * density).round() as usize).max(1);
    let pad = (2 * radius) as f32 + 2.0;
    let x0 = (low.x - pad).floor().clamp(0.0, w as f32) as usize;
    let y0 = (low.y - pad).floor().clamp(0.0, h as f32) as usize;
    let x1 = (high.x + pad).ceil().clamp(0.0, w as f32) as usize;
    let y1 = (high.y + pad).ceil().clamp(0.0, h as f32) as usize;
    if x1 <= x0 || y1 <= y0 {
        return HeightField { width, height, pixels_per_mm: density, pixels, thinnest_stroke_mm: None };
    }
    let (bw, bh) = (x1 - x0, y1 - y0);
    let offset = Vec2::new(x0 as f32, y0 as f32);
    let clamp = |p: Vec2| -> Point {
        let p = p - offset;
        point(p.x.clamp(0.0, bw as f32), p.y.clamp(0.0, bh as f32))
    };
    let mut rasterizer = Rasterizer::new(bw, bh);
    for segment in &segments {
        match *segment {
            Segment::Line(a, b) => rasterizer.draw_line(clamp(a), clamp(b)),
            Segment::Quad(a, c, b) => rasterizer.draw_quad(clamp(a), clamp(c), clamp(b)),
            Segment::Cubic(a, c1, c2, b) => rasterizer.draw_cubic(clamp(a), clamp(c1), clamp(c2), clamp(b)),
            Segment::Move(_) | Segment::Close => {}
        }
    }
    let mut coverage = vec![0.0f32; bw * bh];
    rasterizer.for_each_pixel(|i, alpha| coverage[i] = alpha.min(1.0));
    let thinnest_stroke_mm = thinnest_stroke(&coverage, bw, bh).map(|px| px / density);

    let mut scratch = vec![0.0f32; bw * bh];
    for _ in 0..2 {
        box_blur(&mut coverage, &mut scratch, bw, bh, radius);
    }
    for (row, values) in coverage.chunks_exact(bw).enumerate() {
        let target = &mut pixels[(y0 + row) * w + x0..(y0 + row) * w + x1];
        for (pixel, &c) in target.iter_mut().zip(values) {
            *pixel = (c.clamp(0.0, 1.0) * 255.0 + 0.5) as u8;
        }
    }
    HeightField { width, height, pixels_per_mm: density, pixels, thinnest_stroke_mm }
}

/// Separable box blur of `radius` pixels, in place (`scratch` is the same size).
fn box_blur(values: &mut [f32], scratch: &mut [f32], w: usize, h: usize, radius: usize) {
    let window = (2 * radius + 1) as f32;
    for y in 0..h {
        let row = &values[y * w..(y + 1) * w];
        let mut sum: f32 = row[..radius.min(w)].iter().sum();
        for x in 0..w {
            if x + radius < w {
                sum += row[x + radius];
            }
            if x > radius {
                sum -= row[x - radius - 1];
            }
            scratch[y * w + x] = sum / window;
        }
    }
    for x in 0..w {
        let mut sum: f32 = (0..radius.min(h)).map(|y| scratch[y * w + x]).sum();
        for y in 0..h {
            if y + radius < h {
                sum += scratch[(y + radius) * w + x];
            }
            if y > radius {
                sum -= scratch[(y - radius - 1) * w + x];
            }
            values[y * w + x] = sum / window;
        }
    }
}

/// Stroke width in pixels: per inked pixel the shorter of its horizontal and vertical ink
/// runs; the 5th percentile over all inked pixels, so hairlines count but a stray corner does
/// not.
fn thinnest_stroke(coverage: &[f32], w: usize, h: usize) -> Option<f32> {
    let ink: Vec<bool> = coverage.iter().map(|&c| c >= 0.5).collect();
    let mut run = vec![u16::MAX; w * h];
    // Runs along rows (step 1) and along columns (step w).
    for (lines, length, step, stride) in [(h, w, 1, w), (w, h, w, 1)] {
        for line in 0..lines {
            let first = line * stride;
            let mut start = None;
            for k in 0..=length {
                let inked = k < length && ink[first + k * step];
                match (inked, start) {
                    (true, None) => start = Some(k),
                    (false, Some(s)) => {
                        let span = (k - s).min(u16::MAX as usize) as u16;
                        for j in s..k {
                            let i = first + j * step;
                            run[i] = run[i].min(span);
                        }
                        start = None;
                    }
                    _ => {}
                }
            }
        }
    }
    let mut widths: Vec<u16> = run.into_iter().zip(&ink).filter(|(_, &inked)| inked).map(|(r, _)| r).collect();
    if widths.is_empty() {
        return None;
    }
    let index = widths.len() / 20;
    let (_, nth, _) = widths.select_nth_unstable(index);
    Some(f32::from(*nth))
}
