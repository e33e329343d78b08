//! A locket's lid in motion: where it is (0 closed … 1 open), where it is going, and the eased
//! fraction the hinges are posed at.

/// A locket opens or closes in this long, seconds.
pub const OPEN_DURATION_S: f32 = 0.9;

/// The lid's motion.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct LidMotion {
    fraction: f32,
    target: f32,
    /// A pose put exactly (a still's), until the lid is next asked to move.
    held: Option<f32>,
}

impl LidMotion {
    /// Where the lid is going: open (true) or closed.
    pub fn set_open(&mut self, open: bool) {
        self.target = if open { 1.0 } else { 0.0 };
        self.held = None;
    }

    /// Poses the lid at `opening` (0 closed … 1 open) at once, exactly: a still of a half-open
    /// locket. A later motion starts from there.
    pub fn jump_to(&mut self, opening: f32) {
        let opening = if opening.is_finite() { opening.clamp(0.0, 1.0) } else { 0.0 };
        // The time fraction whose eased value is `opening` (the smoothstep's inverse).
        let fraction = 0.5 - ((1.0 - 2.0 * opening).asin() / 3.0).sin();
        (self.fraction, self.target, self.held) = (fraction, fraction, Some(opening));
    }

    /// Back to closed at once (a new model starts closed; it opens if it was asked to).
    pub fn close_now(&mut self) {
        self.fraction = 0.0;
        self.held = None;
    }

    /// Whether the lid is still on its way.
    pub fn is_moving(&self) -> bool {
        self.fraction != self.target
    }

    /// Moves the lid on by `dt_s` seconds; returns whether it moved.
    pub fn advance(&mut self, dt_s: f32) -> bool {
        if !self.is_moving() {
            return false;
        }
        self.held = None;
        let step = dt_s / OPEN_DURATION_S;
        self.fraction = if self.target > self.fraction {
            (self.fraction + step).min(self.target)
        } else {
            (self.fraction - step).max(self.target)
        };
        true
    }

    /// The opening to pose the hinges at: eased in and out, so the lid starts and stops gently.
    pub fn eased(&self) -> f32 {
        if let Some(opening) = self.held {
            return opening;
        }
        let t = self.fraction;
        t * t * (3.0 - 2.0 * t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_in_the_duration_easing_at_both_ends() {
        let mut lid = LidMotion::default();
        assert!(!lid.advance(0.1), "closed and asked to stay closed");
        lid.set_open(true);
        assert!(lid.advance(OPEN_DURATION_S / 10.0));
        let early = lid.eased();
        assert!(early > 0.0 && early < 0.1, "a gentle start: {early}");
        lid.advance(OPEN_DURATION_S * 0.4);
        assert!((lid.eased() - 0.5).abs() < 1e-5, "half way at half time: {}", lid.eased());
        lid.advance(OPEN_DURATION_S);
        assert_eq!(lid.eased(), 1.0);
        assert!(!lid.is_moving());
        lid.set_open(false);
        lid.advance(OPEN_DURATION_S * 2.0);
        assert_eq!(lid.eased(), 0.0);
    }

    #[test]
    fn a_still_poses_exactly_and_motion_continues_from_there() {
        let mut lid = LidMotion::default();
        lid.jump_to(0.7);
        assert_eq!(lid.eased(), 0.7);
        assert!(!lid.is_moving());
        lid.set_open(true);
        assert!((lid.eased() - 0.7).abs() < 1e-5, "no jump when it starts moving: {}", lid.eased());
        lid.advance(OPEN_DURATION_S * 0.01);
        assert!(lid.eased() > 0.7);
    }
}
