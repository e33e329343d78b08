//! The flat region a pendant is cut from, mm: glyph contours united, separate pieces joined
//! by bridges, strokes too thin for the metal found. A region is a list of shapes, each an
//! outer contour (counter-clockwise) followed by its holes (clockwise), as i_overlay writes
//! them.

use glam::Vec2;
use i_overlay::core::fill_rule::FillRule;
use i_overlay::core::overlay_rule::OverlayRule;
use i_overlay::float::simplify::SimplifyShape;
use i_overlay::float::single::SingleFloatOverlay;
use i_overlay::mesh::float::outline::offset::OutlineOffset;
use i_overlay::mesh::float::style::{LineJoin, OutlineStyle};

use super::letters::Contour;
use super::ShapeError;

/// An outer contour and its holes.
pub type Shape = Vec<Contour>;
/// Every shape of a cut-out.
pub type Region = Vec<Shape>;

/// Most pieces joined by bridges (a 20-letter block name with dotted letters has about 24).
pub const MAX_BRIDGES: usize = 24;

/// Whether the overlay library can take these contours: something to work on, every
/// coordinate finite and within a metre (its integer grid panics on bounds it cannot map).
fn usable<'a>(contours: impl IntoIterator<Item = &'a Contour>) -> bool {
    let mut any = false;
    for p in contours.into_iter().flatten() {
        if !(p[0].is_finite() && p[1].is_finite() && p[0].abs() < 1000.0 && p[1].abs() < 1000.0) {
            return false;
        }
        any = true;
    }
    any
}

/// Unites overlapping contours (nonzero fill: how fonts draw overlapping strokes). Nothing
/// usable (no points, or a coordinate that is not finite) unites to nothing.
pub fn unite(contours: &[Contour]) -> Region {
    if !usable(contours) {
        return Region::new();
    }
    contours.simplify_shape(FillRule::NonZero)
}

/// Contours filled even-odd (a drawing's compound path: a part inside another is a hole).
pub fn unite_even_odd(contours: &[Contour]) -> Region {
    if !usable(contours) {
        return Region::new();
    }
    contours.simplify_shape(FillRule::EvenOdd)
}

/// `region` plus `extra` (a bar, a ring, a bridge).
pub fn add(region: &Region, extra: &[Contour]) -> Region {
    let flat: Vec<Contour> = region.iter().flatten().cloned().collect();
    if !usable(extra) {
        return region.clone();
    }
    if !usable(&flat) {
        return unite(extra);
    }
    flat.overlay(&extra.to_vec(), OverlayRule::Union, FillRule::NonZero)
}

/// What `region` and `mask` share.
pub fn intersect(region: &Region, mask: &[Contour]) -> Region {
    let flat: Vec<Contour> = region.iter().flatten().cloned().collect();
    if !usable(&flat) || !usable(mask) {
        return Region::new();
    }
    flat.overlay(&mask.to_vec(), OverlayRule::Intersect, FillRule::NonZero)
}

/// `region` without `cut`.
pub fn subtract(region: &Region, cut: &Region) -> Region {
    let flat: Vec<Contour> = region.iter().flatten().cloned().collect();
    let cut: Vec<Contour> = cut.iter().flatten().cloned().collect();
    if !usable(&flat) {
        return Region::new();
    }
    if !usable(&cut) {
        return region.clone();
    }
    flat.overlay(&cut, OverlayRule::Difference, FillRule::NonZero)
}

/// `region` grown (positive) or shrunk (negative) by `distance` mm, round corners.
pub fn offset(region: &Region, distance: f32) -> Region {
    if !usable(region.iter().flatten()) {
        return Region::new();
    }
    let style = OutlineStyle::new(distance).line_join(LineJoin::Round(0.1));
    region.outline(&style)
}

/// Twice the signed area of a contour (positive: counter-clockwise).
fn signed_area2(contour: &[[f32; 2]]) -> f32 {
    let n = contour.len();
    (0..n)
        .map(|i| {
            let (a, b) = (contour[i], contour[(i + 1) % n]);
            a[0] * b[1] - b[0] * a[1]
        })
        .sum()
}

/// The area of a shape (outer minus holes), mm².
pub fn shape_area(shape: &Shape) -> f32 {
    shape.iter().map(|c| signed_area2(c)).sum::<f32>().abs() / 2.0
}

/// The area of a region, mm².
pub fn area(region: &Region) -> f32 {
    region.iter().map(shape_area).sum()
}

/// The region's bounding box: (low, high), mm.
pub fn bounds(region: &Region) -> (Vec2, Vec2) {
    contour_bounds(region.iter().flatten())
}

/// The bounding box of some contours (a shape, one letter's), mm.
pub fn contour_bounds<'a>(contours: impl IntoIterator<Item = &'a Contour>) -> (Vec2, Vec2) {
    contours
        .into_iter()
        .flatten()
        .fold((Vec2::MAX, Vec2::MIN), |(l, h), &p| (l.min(Vec2::from(p)), h.max(Vec2::from(p))))
}

/// The closest points of two shapes (any contour: a piece may sit inside the other's hole)
/// and their distance.
fn closest(a: &Shape, b: &Shape) -> (Vec2, Vec2, f32) {
    let b_edges: Vec<(Vec2, Vec2)> = contour_edges(b).collect();
    let mut best = (Vec2::ZERO, Vec2::ZERO, f32::MAX);
    for &p in a.iter().flatten() {
        let p = Vec2::from(p);
        for &edge in &b_edges {
            let q = nearest_on(p, edge);
            let d = p.distance(q);
            if d < best.2 {
                best = (p, q, d);
            }
        }
    }
    best
}

/// A bar `width` mm wide from `a` to `b`, reaching `reach` mm past each end (into the metal
/// it joins).
pub fn bar(a: Vec2, b: Vec2, width: f32, reach: f32) -> Contour {
    let along = (b - a).try_normalize().unwrap_or(Vec2::Y);
    let (a, b) = (a - along * reach, b + along * reach);
    let side = along.perp() * (width / 2.0);
    [a - side, b - side, b + side, a + side].map(|p| p.to_array()).to_vec()
}

/// A bridge added to join a piece to the rest.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bridge {
    /// Where it starts and ends, mm.
    pub from: Vec2,
    /// Where it ends, mm.
    pub to: Vec2,
}

/// Joins every piece to the largest by the shortest bridges `width` mm wide (the nearest
/// piece first), so the region is one piece of metal. Returns the bridges added.
pub fn join_pieces(region: &mut Region, width: f32) -> Result<Vec<Bridge>, ShapeError> {
    let mut bridges = Vec::new();
    while region.len() > 1 {
        if bridges.len() >= MAX_BRIDGES {
            return Err(ShapeError::TooManyPieces(region.len() + bridges.len()));
        }
        let main =
            (0..region.len()).max_by(|&i, &j| shape_area(&region[i]).total_cmp(&shape_area(&region[j]))).unwrap_or(0);
        let (from, to, _) = (0..region.len())
            .filter(|&i| i != main)
            .map(|i| closest(&region[i], &region[main]))
            .min_by(|a, b| a.2.total_cmp(&b.2))
            .unwrap_or_default();
        let before = region.len();
        *region = add(region, &[bar(from, to, width, width * 0.6)]);
        bridges.push(Bridge { from, to });
        if region.len() >= before {
            // The bridge did not join them (a degenerate sliver): stop rather than loop.
            return Err(ShapeError::TooManyPieces(before));
        }
    }
    Ok(bridges)
}

/// Every edge of the region, as (start, end).
fn edges(region: &Region) -> impl Iterator<Item = (Vec2, Vec2)> + '_ {
    contour_edges(region.iter().flatten())
}

/// Every edge of some closed contours, as (start, end).
fn contour_edges<'a, I>(contours: I) -> impl Iterator<Item = (Vec2, Vec2)> + use<'a, I>
where
    I: IntoIterator<Item = &'a Contour>,
{
    contours.into_iter().flat_map(|c| (0..c.len()).map(move |i| (Vec2::from(c[i]), Vec2::from(c[(i + 1) % c.len()]))))
}

/// Where a straight line meets the contours' edges: the line y = `at` (`horizontal`), giving
/// the x of each crossing, or x = `at`, giving the y of each.
pub fn crossings<'a, I>(contours: I, at: f32, horizontal: bool) -> impl Iterator<Item = f32> + use<'a, I>
where
    I: IntoIterator<Item = &'a Contour>,
{
    let along = move |p: Vec2| if horizontal { p } else { Vec2::new(p.y, p.x) };
    contour_edges(contours).filter_map(move |(a, b)| {
        let (a, b) = (along(a), along(b));
        ((a.y <= at) != (b.y <= at)).then(|| a.x + (at - a.y) / (b.y - a.y) * (b.x - a.x))
    })
}

/// Whether a ray from `p` to +x crosses the edge `a`–`b` (even-odd point-in-polygon).
fn crosses(p: Vec2, (a, b): (Vec2, Vec2)) -> bool {
    (a.y > p.y) != (b.y > p.y) && p.x < a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x)
}

/// The point of segment `a`–`b` nearest `p`.
fn nearest_on(p: Vec2, (a, b): (Vec2, Vec2)) -> Vec2 {
    let along = b - a;
    a + along * ((p - a).dot(along) / along.length_squared().max(1e-12)).clamp(0.0, 1.0)
}

/// Whether `p` lies in the region (holes excluded).
pub fn contains(region: &Region, p: Vec2) -> bool {
    edges(region).filter(|&edge| crosses(p, edge)).count() % 2 == 1
}

/// The point deepest inside the region (farthest from its edge) and that distance, mm:
/// where a stone or an engraving fits best. Sampled on a grid of `steps` × `steps` over the
/// box; of points within 0.05 mm of the deepest (along a straight stem, all of it), the one
/// nearest the middle of the box.
pub fn deepest_point(region: &Region, steps: usize) -> Option<(Vec2, f32)> {
    let (low, high) = bounds(region);
    let middle = (low + high) / 2.0;
    let depths: Vec<(Vec2, f32)> = (0..steps * steps)
        .map(|k| {
            let cell = Vec2::new((k / steps) as f32 + 0.5, (k % steps) as f32 + 0.5) / steps as f32;
            low + (high - low) * cell
        })
        .filter(|&p| contains(region, p))
        .map(|p| (p, edges(region).map(|edge| p.distance(nearest_on(p, edge))).fold(f32::MAX, f32::min)))
        .collect();
    let deepest = depths.iter().map(|&(_, d)| d).fold(f32::MIN, f32::max);
    depths
        .into_iter()
        .filter(|&(_, d)| d >= deepest - 0.05)
        .min_by(|a, b| a.0.distance(middle).total_cmp(&b.0.distance(middle)))
}

/// Where the region is narrower than `width` mm: the centres of what a morphological
/// opening (shrink by half the width, grow back) removes, ignoring slivers under a tenth of
/// `width`² (round-off at corners). Mitred joins: a sharp corner grows back sharp, and they
/// cost a third of round ones (this runs on every keystroke).
pub fn thin_places(region: &Region, width: f32) -> Vec<Vec2> {
    let mitred =
        |region: &Region, distance: f32| region.outline(&OutlineStyle::new(distance).line_join(LineJoin::Miter(0.2)));
    let opened = mitred(&mitred(region, -width / 2.0), width / 2.0);
    let lost = subtract(region, &opened);
    lost.iter()
        .filter(|shape| shape_area(shape) > width * width * 0.1)
        .filter_map(|shape| {
            let outer = shape.first()?;
            let sum = outer.iter().fold(Vec2::ZERO, |s, &p| s + Vec2::from(p));
            Some(sum / outer.len() as f32)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x: f32, y: f32, side: f32) -> Contour {
        vec![[x, y], [x + side, y], [x + side, y + side], [x, y + side]]
    }

    #[test]
    fn overlapping_contours_unite_and_apart_ones_stay_apart() {
        let region = unite(&[square(0.0, 0.0, 2.0), square(1.0, 1.0, 2.0), square(5.0, 0.0, 1.0)]);
        assert_eq!(region.len(), 2);
        assert!((area(&region) - (4.0 + 4.0 - 1.0 + 1.0)).abs() < 1e-3, "{}", area(&region));
    }

    #[test]
    fn separate_pieces_are_bridged_into_one() {
        let mut region = unite(&[square(0.0, 0.0, 4.0), square(6.0, 0.0, 4.0), square(1.0, 6.0, 1.0)]);
        assert_eq!(region.len(), 3);
        let bridges = join_pieces(&mut region, 0.8).unwrap();
        assert_eq!((region.len(), bridges.len()), (1, 2));
        // The first bridge spans the 2 mm gap between the big squares.
        assert!((bridges[0].from.distance(bridges[0].to) - 2.0).abs() < 1e-3, "{bridges:?}");
    }

    #[test]
    fn nothing_usable_gives_nothing_instead_of_a_panic() {
        assert!(unite(&[]).is_empty());
        assert!(unite(&[vec![[f32::NAN, 0.0], [1.0, 0.0], [1.0, 1.0]]]).is_empty());
        assert!(unite(&[vec![[f32::INFINITY, 0.0], [1.0, 0.0], [1.0, 1.0]]]).is_empty());
        let two = unite(&[square(0.0, 0.0, 2.0)]);
        assert_eq!(add(&two, &[]), two);
        assert_eq!(add(&Region::new(), &[square(0.0, 0.0, 2.0)]).len(), 1);
        assert!(intersect(&Region::new(), &[square(0.0, 0.0, 2.0)]).is_empty());
        assert_eq!(subtract(&two, &Region::new()), two);
        assert!(offset(&Region::new(), 1.0).is_empty());
        assert!(thin_places(&Region::new(), 1.0).is_empty());
    }

    #[test]
    fn a_thin_neck_is_found() {
        // Two 4 mm squares joined by a 0.3 mm × 2 mm neck.
        let region = unite(&[
            square(0.0, 0.0, 4.0),
            square(6.0, 0.0, 4.0),
            vec![[3.9, 1.85], [6.1, 1.85], [6.1, 2.15], [3.9, 2.15]],
        ]);
        assert_eq!(region.len(), 1);
        let thin = thin_places(&region, 0.8);
        assert_eq!(thin.len(), 1, "{thin:?}");
        assert!((thin[0] - Vec2::new(5.0, 2.0)).length() < 0.2, "{thin:?}");
        assert!(thin_places(&unite(&[square(0.0, 0.0, 4.0)]), 0.8).is_empty());
    }
}
