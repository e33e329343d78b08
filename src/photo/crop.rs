//! Where the photo sits in its slot. The slot shows a window onto the photo with the slot's
//! proportions; at zoom 1 the window is as large as fits in the photo (cover fit: the slot is
//! always full), zoom shrinks it about its centre, rotation turns it, and pan moves it within
//! the room left: `x`, `y` run from −1 (window at the photo's left/top edge) through 0
//! (centred) to 1. Stored that way, a crop stays valid for any photo and slot size, and the
//! photo can never be dragged off the slot.

use glam::{Mat2, Vec2};

/// The shopper's placement (part of the design's configuration).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PhotoCrop {
    /// 1 = cover fit … [`PhotoCrop::MAX_ZOOM`].
    pub zoom: f32,
    /// Pan across, −1 … 1.
    pub x: f32,
    /// Pan down, −1 … 1.
    pub y: f32,
    /// Clockwise turn of the photo, degrees (−180, 180].
    pub rotation_deg: f32,
}

impl Default for PhotoCrop {
    fn default() -> Self {
        Self { zoom: 1.0, x: 0.0, y: 0.0, rotation_deg: 0.0 }
    }
}

impl PhotoCrop {
    /// The closest a shopper may zoom in.
    pub const MAX_ZOOM: f32 = 8.0;

    /// The crop with every value in range (non-numbers reset to the default).
    pub fn clamped(self) -> Self {
        let or = |value: f32, default: f32| if value.is_finite() { value } else { default };
        let turned = or(self.rotation_deg, 0.0).rem_euclid(360.0);
        Self {
            zoom: or(self.zoom, 1.0).clamp(1.0, Self::MAX_ZOOM),
            x: or(self.x, 0.0).clamp(-1.0, 1.0),
            y: or(self.y, 0.0).clamp(-1.0, 1.0),
            rotation_deg: if turned > 180.0 { turned - 360.0 } else { turned },
        }
    }
}

/// The window a slot shows onto a photo, in photo units: x across 0 … aspect, y down 0 … 1
/// (photo heights).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PhotoWindow {
    /// Photo width / height.
    aspect: f32,
    /// Window centre.
    center: Vec2,
    /// Window size (the slot's proportions).
    size: Vec2,
    /// Slot directions → photo directions (y down in both).
    turn: Mat2,
    /// How far the centre may move from the photo's centre.
    travel: Vec2,
}

impl PhotoWindow {
    /// Places a slot of `slot_mm` proportions on a `photo` (pixels, upright) with `crop`.
    pub fn new(photo: (u32, u32), slot_mm: Vec2, crop: PhotoCrop) -> Self {
        let crop = crop.clamped();
        let aspect = photo.0.max(1) as f32 / photo.1.max(1) as f32;
        let slot_aspect = if slot_mm.min_element() > 0.0 && slot_mm.is_finite() { slot_mm.x / slot_mm.y } else { 1.0 };
        let angle = crop.rotation_deg.to_radians();
        let (cos, sin) = (angle.cos().abs(), angle.sin().abs());
        // The tallest window of the slot's proportions whose turned bounding box fits.
        let height = (aspect / (slot_aspect * cos + sin)).min(1.0 / (slot_aspect * sin + cos)) / crop.zoom;
        let size = Vec2::new(slot_aspect * height, height);
        let bounding = Vec2::new(size.x * cos + size.y * sin, size.x * sin + size.y * cos);
        let travel = ((Vec2::new(aspect, 1.0) - bounding) * 0.5).max(Vec2::ZERO);
        let center = Vec2::new(aspect, 1.0) * 0.5 + Vec2::new(crop.x, crop.y) * travel;
        // The photo turning clockwise on screen is the window turning the other way over it
        // (with y down, Mat2::from_angle(+a) turns clockwise on screen).
        Self { aspect, center, size, turn: Mat2::from_angle(-angle), travel }
    }

    /// Where slot UV `uv` (0 … 1, v down) falls in the photo, as photo UV (0 … 1, v down).
    pub fn photo_uv(&self, uv: Vec2) -> Vec2 {
        let p = self.center + self.turn * ((uv - Vec2::splat(0.5)) * self.size);
        Vec2::new(p.x / self.aspect, p.y)
    }

    /// The same map as two rows of an affine transform: photo UV = rows · (u, v, 1).
    pub fn to_photo_uv_rows(&self) -> [[f32; 3]; 2] {
        let origin = self.photo_uv(Vec2::ZERO);
        let du = self.photo_uv(Vec2::X) - origin;
        let dv = self.photo_uv(Vec2::Y) - origin;
        [[du.x, dv.x, origin.x], [du.y, dv.y, origin.y]]
    }

    /// The slot's corners (top-left, top-right, bottom-right, bottom-left) in photo UV, for a
    /// crop editor to outline.
    pub fn corners(&self) -> [Vec2; 4] {
        [Vec2::ZERO, Vec2::X, Vec2::ONE, Vec2::Y].map(|uv| self.photo_uv(uv))
    }

    /// `crop` with the window moved by `delta` photo UV (a drag in a crop editor), kept on the
    /// photo.
    pub fn panned(&self, crop: PhotoCrop, delta: Vec2) -> PhotoCrop {
        let crop = crop.clamped();
        let moved = delta * Vec2::new(self.aspect, 1.0);
        let step = |travel: f32, by: f32| if travel > 1e-6 { by / travel } else { 0.0 };
        PhotoCrop { x: crop.x + step(self.travel.x, moved.x), y: crop.y + step(self.travel.y, moved.y), ..crop }
            .clamped()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Vec2, b: Vec2) -> bool {
        (a - b).abs().max_element() < 1e-4
    }

    #[test]
    fn cover_fit_fills_the_slot_and_centres_the_photo() {
        // A landscape photo in a round slot: full height, centred across.
        let window = PhotoWindow::new((4000, 3000), Vec2::new(16.0, 16.0), PhotoCrop::default());
        assert!(close(window.photo_uv(Vec2::ZERO), Vec2::new(0.125, 0.0)));
        assert!(close(window.photo_uv(Vec2::ONE), Vec2::new(0.875, 1.0)));
        // A portrait photo in a wide bar: full width, centred down.
        let window = PhotoWindow::new((3000, 4000), Vec2::new(30.0, 10.0), PhotoCrop::default());
        let [top_left, _, bottom_right, _] = window.corners();
        assert!(close(top_left, Vec2::new(0.0, 0.5 - 0.125)) && close(bottom_right, Vec2::new(1.0, 0.5 + 0.125)));
    }

    #[test]
    fn pan_reaches_the_edges_and_no_further() {
        let crop = PhotoCrop { x: 1.0, ..PhotoCrop::default() };
        let window = PhotoWindow::new((4000, 3000), Vec2::splat(16.0), crop);
        assert!(close(window.photo_uv(Vec2::new(1.0, 0.5)), Vec2::new(1.0, 0.5)), "right edge on the photo's edge");
        let dragged = window.panned(crop, Vec2::new(0.5, 0.0));
        assert_eq!(dragged.x, 1.0, "cannot leave the photo");
        let back = window.panned(crop, Vec2::new(-0.125, 0.0));
        assert!((back.x - 0.0).abs() < 1e-4, "a drag of 1/8 photo width recentres: {back:?}");
    }

    #[test]
    fn zoom_and_rotation_stay_inside_the_photo() {
        for rotation_deg in [0.0, 17.0, 45.0, 90.0, -135.0] {
            for (x, y) in [(-1.0, -1.0), (1.0, 1.0), (0.3, -0.8)] {
                for zoom in [1.0, 2.5] {
                    let crop = PhotoCrop { zoom, x, y, rotation_deg };
                    let window = PhotoWindow::new((3000, 2000), Vec2::new(13.0, 18.0), crop);
                    for corner in window.corners() {
                        assert!(
                            corner.cmpge(Vec2::splat(-1e-4)).all() && corner.cmple(Vec2::splat(1.0 + 1e-4)).all(),
                            "{crop:?}: corner {corner} off the photo"
                        );
                    }
                }
            }
        }
        // Zoom 2 shows half the height.
        let window = PhotoWindow::new((1000, 1000), Vec2::splat(10.0), PhotoCrop { zoom: 2.0, ..Default::default() });
        assert!(close(window.photo_uv(Vec2::ZERO), Vec2::splat(0.25)));
    }

    #[test]
    fn a_quarter_turn_shows_the_photo_turned_clockwise() {
        let crop = PhotoCrop { rotation_deg: 90.0, ..PhotoCrop::default() };
        let window = PhotoWindow::new((1000, 1000), Vec2::splat(10.0), crop);
        // Turned clockwise, the photo's bottom-left corner comes to the top-left.
        assert!(close(window.photo_uv(Vec2::ZERO), Vec2::new(0.0, 1.0)), "{:?}", window.corners());
        let rows = window.to_photo_uv_rows();
        let uv = Vec2::new(0.3, 0.7);
        let affine = Vec2::new(
            rows[0][0] * uv.x + rows[0][1] * uv.y + rows[0][2],
            rows[1][0] * uv.x + rows[1][1] * uv.y + rows[1][2],
        );
        assert!(close(affine, window.photo_uv(uv)));
    }

    #[test]
    fn nonsense_values_are_clamped() {
        let crop = PhotoCrop { zoom: f32::NAN, x: 7.0, y: -f32::INFINITY, rotation_deg: 540.0 }.clamped();
        assert_eq!(crop, PhotoCrop { zoom: 1.0, x: 1.0, y: 0.0, rotation_deg: 180.0 });
        assert_eq!(PhotoCrop { rotation_deg: -90.0, ..Default::default() }.clamped().rotation_deg, -90.0);
    }
}
