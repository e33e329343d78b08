//! The pendant's outline at true size: the front triangles ([`crate::size::silhouette`])
//! united into contours (i_overlay, as the cut-outs use it).

use crate::cutout::letters::Contour;
use crate::cutout::region::{unite, Region};

/// Unites `triangles` (x, y per corner, mm, six numbers a triangle) into the region they
/// cover: outer contours counter-clockwise, holes clockwise. Nothing usable gives nothing.
pub fn outline(triangles: &[f32]) -> Region {
    let contours: Vec<Contour> = triangles
        .chunks_exact(6)
        .filter_map(|t| {
            let (a, b, c) = ([t[0], t[1]], [t[2], t[3]], [t[4], t[5]]);
            let turn = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
            // Every triangle counter-clockwise, so overlaps add up under the nonzero rule.
            (turn.abs() > 1e-9).then(|| if turn > 0.0 { vec![a, b, c] } else { vec![a, c, b] })
        })
        .collect();
    unite(&contours)
}

/// The region's box: (min x, min y, max x, max y), mm; `None` when empty.
pub fn extent(region: &Region) -> Option<[f32; 4]> {
    let mut points = region.iter().flatten().flatten().peekable();
    points.peek()?;
    Some(points.fold([f32::MAX, f32::MAX, f32::MIN, f32::MIN], |[x0, y0, x1, y1], p| {
        [x0.min(p[0]), y0.min(p[1]), x1.max(p[0]), y1.max(p[1])]
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_triangles_of_either_winding_make_one_square() {
        let square = [0.0, 0.0, 10.0, 0.0, 10.0, 10.0, /* clockwise: */ 0.0, 0.0, 0.0, 10.0, 10.0, 10.0];
        let region = outline(&square);
        assert_eq!(region.len(), 1, "{region:?}");
        assert_eq!(extent(&region), Some([0.0, 0.0, 10.0, 10.0]));
        assert!((crate::cutout::region::area(&region) - 100.0).abs() < 1e-3);
    }

    #[test]
    fn nothing_usable_is_no_outline() {
        assert!(outline(&[f32::NAN; 6]).is_empty());
        assert_eq!(extent(&outline(&[])), None);
    }
}
