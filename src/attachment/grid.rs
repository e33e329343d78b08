//! A uniform grid over triangles, for "how close does this part come to the rest": each
//! triangle is filed under the cells its box overlaps, and a search looks only at the cells
//! within a radius of the part, widening the radius until the closest triangle is inside it.

use std::collections::HashMap;

use glam::{IVec3, Vec3};

use super::distance::{triangle_distance, Triangle};

/// Triangles (each with the part it belongs to) filed by cell.
pub struct Grid {
    triangles: Vec<(usize, Triangle)>,
    cells: HashMap<IVec3, Vec<u32>>,
    cell: f32,
    min: Vec3,
    max: Vec3,
}

fn bounds(triangle: &Triangle) -> (Vec3, Vec3) {
    (triangle[0].min(triangle[1]).min(triangle[2]), triangle[0].max(triangle[1]).max(triangle[2]))
}

/// The squared distance between two boxes (0 when they overlap).
fn box_distance_squared((a_min, a_max): (Vec3, Vec3), (b_min, b_max): (Vec3, Vec3)) -> f32 {
    let gap = (a_min - b_max).max(b_min - a_max).max(Vec3::ZERO);
    gap.length_squared()
}

impl Grid {
    /// Files `triangles`; the cell is sized so a cell holds a few of them.
    pub fn new(triangles: impl Iterator<Item = (usize, Triangle)>) -> Self {
        let triangles: Vec<(usize, Triangle)> = triangles.collect();
        let (mut min, mut max) = (Vec3::splat(f32::INFINITY), Vec3::splat(f32::NEG_INFINITY));
        let mut sizes: Vec<f32> = Vec::with_capacity(triangles.len());
        for (_, triangle) in &triangles {
            let (low, high) = bounds(triangle);
            (min, max) = (min.min(low), max.max(high));
            sizes.push((high - low).max_element());
        }
        let extent = (max - min).max_element().max(1e-9);
        let typical = if sizes.is_empty() {
            extent
        } else {
            let middle = sizes.len() / 2;
            *sizes.select_nth_unstable_by(middle, f32::total_cmp).1
        };
        // About 64 cells across, but never smaller than a typical triangle (a triangle is filed
        // under a handful of cells, not thousands).
        let cell = (extent / 64.0).max(typical).max(1e-9);
        let mut grid = Self { triangles, cells: HashMap::new(), cell, min, max };
        for index in 0..grid.triangles.len() {
            let (low, high) = bounds(&grid.triangles[index].1);
            let (from, to) = (grid.cell_of(low), grid.cell_of(high));
            for x in from.x..=to.x {
                for y in from.y..=to.y {
                    for z in from.z..=to.z {
                        grid.cells.entry(IVec3::new(x, y, z)).or_default().push(index as u32);
                    }
                }
            }
        }
        grid
    }

    fn cell_of(&self, point: Vec3) -> IVec3 {
        ((point - self.min) / self.cell).floor().as_ivec3()
    }

    /// The closest any of `part`'s triangles comes to a filed triangle of another part (`skip`
    /// says which filed parts are the query's own), and that triangle's part; `None` when
    /// either side has none, or when `budget` (query triangles and triangle pairs measured,
    /// shared by every query of a check) runs out first.
    pub fn nearest(
        &self,
        part: impl Iterator<Item = Triangle> + Clone,
        skip: impl Fn(usize) -> bool,
        budget: &mut u64,
    ) -> Option<(f32, usize)> {
        if self.triangles.is_empty() {
            return None;
        }
        let (mut low, mut high) = (Vec3::splat(f32::INFINITY), Vec3::splat(f32::NEG_INFINITY));
        for triangle in part.clone() {
            let (l, h) = bounds(&triangle);
            (low, high) = (low.min(l), high.max(h));
        }
        if low.x > high.x {
            return None;
        }
        let farthest = (self.max.max(high) - self.min.min(low)).length();
        let mut radius = self.cell;
        loop {
            // Within `radius` of the part's box, or everything once the radius covers it all.
            let everything = radius >= farthest;
            let mut best: Option<(f32, usize)> = None;
            // Which query last looked at each triangle (a triangle is filed under several cells).
            let mut seen = vec![0u32; self.triangles.len()];
            for (query_index, triangle) in part.clone().enumerate() {
                // Each query triangle costs one unit too: its cells are looked at even when
                // they hold nothing to measure.
                if *budget == 0 {
                    return None;
                }
                *budget -= 1;
                let stamp = query_index as u32 + 1;
                let query = bounds(&triangle);
                let candidates: Box<dyn Iterator<Item = u32>> = if everything {
                    Box::new(0..self.triangles.len() as u32)
                } else {
                    let (from, to) = (self.cell_of(query.0 - radius), self.cell_of(query.1 + radius));
                    let cells = (from.x..=to.x)
                        .flat_map(move |x| (from.y..=to.y).flat_map(move |y| (from.z..=to.z).map(move |z| (x, y, z))));
                    Box::new(
                        cells
                            .filter_map(|(x, y, z)| self.cells.get(&IVec3::new(x, y, z)))
                            .flat_map(|list| list.iter().copied()),
                    )
                };
                for index in candidates {
                    if std::mem::replace(&mut seen[index as usize], stamp) == stamp {
                        continue;
                    }
                    let (part_index, other) = &self.triangles[index as usize];
                    if skip(*part_index) {
                        continue;
                    }
                    let limit = best.map_or(f32::INFINITY, |(d, _)| d);
                    if box_distance_squared(query, bounds(other)) > limit * limit {
                        continue;
                    }
                    if *budget == 0 {
                        return None;
                    }
                    *budget -= 1;
                    let distance = triangle_distance(triangle, *other);
                    if distance < limit {
                        best = Some((distance, *part_index));
                    }
                }
                if best.is_some_and(|(distance, _)| distance == 0.0) {
                    break; // touching: nothing comes closer
                }
            }
            match best {
                Some((distance, part)) if distance <= radius || everything => return Some((distance, part)),
                _ => radius *= 2.0,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A strip of `count` unit triangles along x, `z` up.
    fn strip(count: usize, z: f32) -> Vec<Triangle> {
        (0..count)
            .map(|i| {
                let x = i as f32;
                [Vec3::new(x, 0.0, z), Vec3::new(x + 1.0, 0.0, z), Vec3::new(x, 1.0, z)]
            })
            .collect()
    }

    #[test]
    fn finds_the_nearest_other_part_and_skips_its_own() {
        let grid =
            Grid::new(strip(50, 0.0).into_iter().map(|t| (0, t)).chain(strip(50, 3.0).into_iter().map(|t| (1, t))));
        let query = strip(5, 1.0);
        let mut budget = u64::MAX;
        assert_eq!(grid.nearest(query.iter().copied(), |_| false, &mut budget), Some((1.0, 0)));
        let (distance, part) = grid.nearest(query.iter().copied(), |part| part == 0, &mut budget).expect("part 1");
        assert_eq!(part, 1);
        assert!((distance - 2.0).abs() < 1e-6);
    }

    #[test]
    fn a_spent_budget_stops_the_search() {
        let grid = Grid::new(strip(400, 0.0).into_iter().map(|t| (0, t)));
        let query = strip(400, 5.0);
        let mut small = 100;
        assert_eq!(grid.nearest(query.iter().copied(), |_| false, &mut small), None);
        assert_eq!(small, 0);
        let mut ample = u64::MAX;
        assert!(grid.nearest(query.iter().copied(), |_| false, &mut ample).is_some());
    }
}
