//! Where a chain lies on the bust: a relaxed polyline, solved by position-based dynamics
//! (Müller et al., "Position Based Dynamics", 2007): links of fixed length falling under
//! gravity, pushed out of the form, the pendant a heavier weight at the front. No friction,
//! so it settles where its weight is lowest, as a chain on smooth linen does.
//!
//! Only the right half is solved: the form and the weights are symmetric, so the left half is
//! its mirror (the result is exactly symmetric and the work halves). A fixed number of steps
//! in a fixed order: the same chain on the same form gives the same path, bit for bit.

use glam::Vec3;

use super::bust::Bust;

/// Passes over the links' lengths per time step, and at the end of a level.
const PASSES: usize = 24;
const SETTLE_PASSES: usize = 400;
/// The form is felt every this many passes (a pass alone would let links cut into it).
const COLLIDE_EVERY: usize = 4;
/// Times each level's rest length is corrected for what the form added.
const CORRECTIONS: usize = 1;
/// Pseudo time step (s) and velocity kept per step: only the resting shape matters.
const DT_S: f32 = 0.004;
const DAMPING: f32 = 0.9;
/// The pendant's weight against one node of chain (a 3 g pendant, 0.25 g of chain a node).
const PENDANT_WEIGHT: f32 = 12.0;
/// Where the chain is dropped from: a loop around the neck this high above the notch.
const START_HEIGHT_M: f32 = 0.075;

/// How the pendant hangs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Hang {
    /// One ring at the centre; `clearance` = how far the ring's top stands off the chest
    /// (the pendant's back to the ring's top), metres.
    One {
        /// Metres.
        clearance: f32,
    },
    /// A ring at each end, `separation` metres apart (a sideways bar, a nameplate).
    Two {
        /// Metres between the rings' tops.
        separation: f32,
        /// As for [`Hang::One`].
        clearance: f32,
    },
}

/// A solved chain.
#[derive(Debug, Clone, PartialEq)]
pub struct Drape {
    /// The chain's centre line, metres: a closed loop through the ring (one ring) or an open
    /// strand from the left ring round the back of the neck to the right ring.
    pub path: Vec<Vec3>,
    /// Whether `path` is a closed loop.
    pub closed: bool,
    /// Where the rings' tops are (left to right).
    pub rings: Vec<Vec3>,
}

impl Drape {
    /// The chain's length as drawn, metres (the bar between two rings not counted).
    pub fn length(&self) -> f32 {
        let open: f32 = self.path.windows(2).map(|w| (w[1] - w[0]).length()).sum();
        match (self.closed, self.path.first(), self.path.last()) {
            (true, Some(first), Some(last)) => open + (*first - *last).length(),
            _ => open,
        }
    }

    /// Height of the rings' tops, metres (0 at the notch, negative below).
    pub fn hanging_height(&self) -> f32 {
        self.rings.iter().map(|r| r.y).sum::<f32>() / self.rings.len().max(1) as f32
    }
}

/// Solves a chain `length_m` long (the whole chain, the pendant between two rings
/// included) hanging `hang` on `bust`, its links `wire_m` thick.
pub fn drape(bust: &Bust, length_m: f32, hang: Hang, wire_m: f32) -> Drape {
    let (front_x, clearance, half_length) = match hang {
        Hang::One { clearance } => (0.0, clearance, length_m * 0.5),
        Hang::Two { separation, clearance } => (separation * 0.5, clearance, (length_m - separation).max(0.05) * 0.5),
    };
    let problem = Problem { bust, front_x, clearance, wire_m };
    // Coarse to fine: a few long links find the shape quickly; each finer level starts from
    // the coarser one's, halved, and only has to settle.
    let mut points = start_loop(bust, half_length, front_x, LEVELS[0].0);
    for (level, &(nodes, steps)) in LEVELS.iter().enumerate() {
        if level > 0 {
            points = halved(&points);
        }
        debug_assert_eq!(points.len(), nodes + 1);
        // Pushed out of a curved form, links end a little longer than asked (the passes and
        // the form meet halfway): the rest length is shortened by what is over, and settled again.
        let mut rest = half_length / nodes as f32;
        for _ in 0..CORRECTIONS {
            problem.settle(&mut points, steps, rest);
            let drawn: f32 = points.windows(2).map(|w| (w[1] - w[0]).length()).sum();
            rest *= half_length / drawn.max(1e-6);
        }
        problem.settle(&mut points, steps, rest);
    }
    let mirror = |p: Vec3| Vec3::new(-p.x, p.y, p.z);
    let half = points.len() - 1;
    match hang {
        Hang::One { .. } => {
            let mut path = points.clone();
            path.extend(points[1..half].iter().rev().map(|&p| mirror(p)));
            Drape { path, closed: true, rings: vec![points[0]] }
        }
        Hang::Two { .. } => {
            let mut path: Vec<Vec3> = points.iter().map(|&p| mirror(p)).collect();
            path.extend(points[..half].iter().rev());
            Drape { path, closed: false, rings: vec![mirror(points[0]), points[0]] }
        }
    }
}

/// Nodes on half the chain and time steps, per level.
const LEVELS: [(usize, usize); 3] = [(10, 200), (20, 80), (40, 50)];

struct Problem<'a> {
    bust: &'a Bust,
    front_x: f32,
    clearance: f32,
    wire_m: f32,
}

impl Problem<'_> {
    /// Lets `points` (half the chain, front first) fall for `steps` steps, then holds their
    /// lengths exactly.
    fn settle(&self, points: &mut [Vec3], steps: usize, segment: f32) {
        let nodes = points.len() - 1;
        let weights: Vec<f32> = (0..=nodes).map(|i| if i == 0 { 1.0 / PENDANT_WEIGHT } else { 1.0 }).collect();
        let gravity = Vec3::new(0.0, -9.81, 0.0) * DT_S * DT_S;
        let mut previous = points.to_vec();
        for _ in 0..steps {
            for (point, last) in points.iter_mut().zip(previous.iter_mut()) {
                let velocity = (*point - *last) * DAMPING;
                *last = *point;
                *point += velocity + gravity;
            }
            for pass in 0..PASSES {
                stretch(points, &weights, segment, pass % 2 == 0);
                if pass % COLLIDE_EVERY == COLLIDE_EVERY - 1 {
                    self.collide(points);
                }
            }
        }
        for pass in 0..SETTLE_PASSES {
            stretch(points, &weights, segment, pass % 2 == 0);
            if pass % COLLIDE_EVERY == COLLIDE_EVERY - 1 {
                self.collide(points);
            }
        }
    }

    /// Both ends on their lines; every node out of the form (the front by the pendant's
    /// clearance, the rest by half the chain's thickness).
    fn collide(&self, points: &mut [Vec3]) {
        let last = points.len() - 1;
        points[0].x = self.front_x;
        points[last].x = 0.0;
        for (i, point) in points.iter_mut().enumerate() {
            let offset = if i == 0 { self.clearance } else { self.wire_m * 0.5 };
            if let Some((distance, normal)) = self.bust.distance(*point) {
                if distance < offset {
                    *point += normal * (offset - distance);
                }
            }
        }
    }
}

/// One pass over the links' lengths, front to back or back to front (the error travels both
/// ways), each end moved by its share of the weight.
fn stretch(points: &mut [Vec3], weights: &[f32], segment: f32, forward: bool) {
    let links = points.len() - 1;
    for k in 0..links {
        let i = if forward { k } else { links - 1 - k };
        let delta = points[i + 1] - points[i];
        let distance = delta.length().max(1e-9);
        let correction = delta * ((distance - segment) / distance / (weights[i] + weights[i + 1]));
        points[i] += correction * weights[i];
        points[i + 1] -= correction * weights[i + 1];
    }
}

/// Twice the nodes: the old ones and a point halfway between each pair.
fn halved(points: &[Vec3]) -> Vec<Vec3> {
    let mut finer = Vec::with_capacity(points.len() * 2 - 1);
    for pair in points.windows(2) {
        finer.extend([pair[0], (pair[0] + pair[1]) * 0.5]);
    }
    finer.push(points[points.len() - 1]);
    finer
}

/// Half an ellipse `half_length` long round the neck, from the front (at `front_x`) to the
/// back, high on the neck: where the chain is let go.
fn start_loop(bust: &Bust, half_length: f32, front_x: f32, nodes: usize) -> Vec<Vec3> {
    let y = START_HEIGHT_M.min(bust.height_range().1 - 0.01);
    let (front, back) = (bust.front_at(y).unwrap_or(0.0), bust.back_at(y).unwrap_or(-0.1));
    let centre = (front + back) * 0.5;
    // Ramanujan's perimeter for semi-axes (a, 0.9 a), solved for a.
    let ratio = 0.9_f32;
    let unit = std::f32::consts::PI * (3.0 * (1.0 + ratio) - ((3.0 + ratio) * (1.0 + 3.0 * ratio)).sqrt());
    let a = 2.0 * half_length / unit;
    (0..=nodes)
        .map(|i| {
            let angle = std::f32::consts::FRAC_PI_2 - std::f32::consts::PI * i as f32 / nodes as f32;
            let x = if i == 0 { front_x } else { a * angle.cos() };
            Vec3::new(x, y, centre + a * ratio * angle.sin())
        })
        .collect()
}
