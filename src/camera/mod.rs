//! Orbit camera: yaw/pitch/distance around a target, framing model bounds, user input, and the
//! view/projection matrices (right-handed, depth 0..1, as wgpu expects).

pub mod orbit;

pub use orbit::CameraOrbit;

use glam::{Mat4, Vec3};

use crate::model::Bounds;

/// Vertical field of view. Narrow, like a product photographer's macro lens: little
/// perspective distortion on a 2 cm pendant.
pub const FIELD_OF_VIEW_Y_RAD: f32 = 30.0 * std::f32::consts::PI / 180.0;
/// Pitch stays inside ±this, so the camera never flips over the pole.
pub const MAX_PITCH_RAD: f32 = 85.0 * std::f32::consts::PI / 180.0;
/// Closest zoom as a fraction of the framing distance.
pub const MIN_ZOOM_FRACTION: f32 = 0.35;
/// Farthest zoom as a multiple of the framing distance.
pub const MAX_ZOOM_FRACTION: f32 = 3.0;
/// Radians turned per CSS pixel of drag, relative to a 500 px tall view.
const RADIANS_PER_VIEW_HEIGHT: f32 = std::f32::consts::PI;
/// Radians per arrow-key press.
const KEY_STEP_RAD: f32 = 10.0 * std::f32::consts::PI / 180.0;
/// Zoom factor per +/− key press.
const KEY_ZOOM_FACTOR: f32 = 1.15;

/// A keyboard command the camera understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CameraKey {
    /// Orbit left.
    Left,
    /// Orbit right.
    Right,
    /// Orbit up (look from higher).
    Up,
    /// Orbit down.
    Down,
    /// Move closer.
    ZoomIn,
    /// Move away.
    ZoomOut,
    /// Back to the framed default view.
    Reset,
}

impl CameraKey {
    /// Maps a DOM `KeyboardEvent.key` to a command (`None` for keys the camera ignores).
    pub fn from_dom_key(key: &str) -> Option<Self> {
        Some(match key {
            "ArrowLeft" => CameraKey::Left,
            "ArrowRight" => CameraKey::Right,
            "ArrowUp" => CameraKey::Up,
            "ArrowDown" => CameraKey::Down,
            "+" | "=" | "PageUp" => CameraKey::ZoomIn,
            "-" | "_" | "PageDown" => CameraKey::ZoomOut,
            "0" | "Home" => CameraKey::Reset,
            _ => return None,
        })
    }
}

/// The orbit camera's state. Angles in radians; `distance` in model units (metres).
#[derive(Debug, Clone, PartialEq)]
pub struct OrbitCamera {
    /// Point orbited around.
    pub target: Vec3,
    /// Rotation about +Y; 0 looks at the model's front (from +Z).
    pub yaw_rad: f32,
    /// Elevation; positive looks from above.
    pub pitch_rad: f32,
    /// Distance from the target.
    pub distance: f32,
    /// Auto-rotation speed in radians per second (0 = off).
    pub auto_rotate_rad_per_s: f32,
    home: (Vec3, f32, f32, f32),
    framing_distance: f32,
    radius: f32,
}

impl Default for OrbitCamera {
    fn default() -> Self {
        Self::framing(&Bounds { min: Vec3::splat(-0.01), max: Vec3::splat(0.01) }, 0.0, 0.0)
    }
}

/// The radius that keeps a model in view however it turns about its vertical axis, seen at
/// `pitch_rad`: the cylinder it sweeps, projected (half-height · cos pitch + cylinder radius
/// · sin pitch vertically, the cylinder radius horizontally). Tighter than the bounding sphere
/// (a pendant is flat), so the pendant fills the view.
fn turning_radius(bounds: &Bounds, pitch_rad: f32) -> f32 {
    let half = (bounds.max - bounds.min) * 0.5;
    let cylinder = half.x.hypot(half.z);
    let (sin, cos) = pitch_rad.abs().sin_cos();
    (half.y * cos + cylinder * sin).max(cylinder)
}

impl OrbitCamera {
    /// A camera looking at `bounds` from the given angles, at the distance where the bounding
    /// sphere just fills the view (with a small margin). That pose becomes the reset pose.
    pub fn framing(bounds: &Bounds, yaw_rad: f32, pitch_rad: f32) -> Self {
        let pitch_rad = pitch_rad.clamp(-MAX_PITCH_RAD, MAX_PITCH_RAD);
        let radius = if bounds.is_empty() { 0.01 } else { turning_radius(bounds, pitch_rad).max(1e-4) };
        let framing_distance = 1.18 * radius / (FIELD_OF_VIEW_Y_RAD * 0.5).sin();
        let target = if bounds.is_empty() { Vec3::ZERO } else { bounds.center() };
        Self {
            target,
            yaw_rad,
            pitch_rad,
            distance: framing_distance,
            auto_rotate_rad_per_s: 0.0,
            home: (target, yaw_rad, pitch_rad, framing_distance),
            framing_distance,
            radius,
        }
    }

    /// Frames `bounds` instead, keeping the direction and the zoom (a locket opening: the
    /// camera backs away as the lid swings out). The reset pose follows.
    pub fn reframe(&mut self, bounds: &Bounds) {
        let framed = Self::framing(bounds, self.yaw_rad, self.pitch_rad);
        let zoom = self.distance / self.framing_distance;
        let home_zoom = self.home.3 / self.framing_distance;
        (self.target, self.framing_distance, self.radius) = (framed.target, framed.framing_distance, framed.radius);
        self.distance = self.framing_distance * zoom;
        self.home = (self.target, self.home.1, self.home.2, self.framing_distance * home_zoom);
    }

    /// Back to the pose set by [`OrbitCamera::framing`] (auto-rotation is left as it is).
    pub fn reset(&mut self) {
        (self.target, self.yaw_rad, self.pitch_rad, self.distance) = self.home;
    }

    /// The current view, independent of the model's size (for `camera-orbit`).
    pub fn orbit_view(&self) -> CameraOrbit {
        CameraOrbit {
            theta_deg: self.yaw_rad.to_degrees().rem_euclid(360.0),
            phi_deg: 90.0 - self.pitch_rad.to_degrees(),
            zoom: self.distance / self.framing_distance,
        }
    }

    /// Moves to a saved view (clamped to the limits); the reset pose stays the framing.
    pub fn set_orbit_view(&mut self, orbit: CameraOrbit) {
        let orbit = orbit.clamped();
        self.yaw_rad = orbit.theta_deg.to_radians();
        self.pitch_rad = (90.0 - orbit.phi_deg).to_radians().clamp(-MAX_PITCH_RAD, MAX_PITCH_RAD);
        self.distance = self.framing_distance * orbit.zoom;
    }

    /// Makes a saved view the reset pose (an author's `camera-orbit`) and moves there.
    pub fn set_home_view(&mut self, orbit: CameraOrbit) {
        self.set_orbit_view(orbit);
        self.home = (self.target, self.yaw_rad, self.pitch_rad, self.distance);
    }

    /// Orbits by a pointer drag of `dx`, `dy` CSS pixels in a view `view_height_px` tall:
    /// dragging right turns the model right, dragging down tilts its top toward the viewer.
    pub fn drag(&mut self, dx_px: f32, dy_px: f32, view_height_px: f32) {
        let per_px = RADIANS_PER_VIEW_HEIGHT / view_height_px.max(1.0);
        self.orbit(-dx_px * per_px, dy_px * per_px);
    }

    /// Changes yaw and pitch, keeping pitch inside the limits.
    pub fn orbit(&mut self, yaw_delta_rad: f32, pitch_delta_rad: f32) {
        if !yaw_delta_rad.is_finite() || !pitch_delta_rad.is_finite() {
            return;
        }
        self.yaw_rad = (self.yaw_rad + yaw_delta_rad).rem_euclid(std::f32::consts::TAU);
        self.pitch_rad = (self.pitch_rad + pitch_delta_rad).clamp(-MAX_PITCH_RAD, MAX_PITCH_RAD);
    }

    /// Multiplies the distance by `factor` (< 1 moves closer), within the zoom limits.
    pub fn zoom(&mut self, factor: f32) {
        if factor.is_finite() && factor > 0.0 {
            self.distance = (self.distance * factor)
                .clamp(self.framing_distance * MIN_ZOOM_FRACTION, self.framing_distance * MAX_ZOOM_FRACTION);
        }
    }

    /// Zoom for a wheel event's `deltaY` in pixels (positive = away), smooth for trackpads.
    pub fn wheel(&mut self, delta_y_px: f32) {
        self.zoom((delta_y_px.clamp(-500.0, 500.0) * 0.002).exp());
    }

    /// Applies a keyboard command.
    pub fn key(&mut self, key: CameraKey) {
        match key {
            CameraKey::Left => self.orbit(KEY_STEP_RAD, 0.0),
            CameraKey::Right => self.orbit(-KEY_STEP_RAD, 0.0),
            CameraKey::Up => self.orbit(0.0, KEY_STEP_RAD),
            CameraKey::Down => self.orbit(0.0, -KEY_STEP_RAD),
            CameraKey::ZoomIn => self.zoom(1.0 / KEY_ZOOM_FACTOR),
            CameraKey::ZoomOut => self.zoom(KEY_ZOOM_FACTOR),
            CameraKey::Reset => self.reset(),
        }
    }

    /// Advances auto-rotation by `dt_s` seconds; returns whether anything moved.
    pub fn advance(&mut self, dt_s: f32) -> bool {
        if self.auto_rotate_rad_per_s == 0.0 || dt_s.is_nan() || dt_s <= 0.0 {
            return false;
        }
        self.orbit(self.auto_rotate_rad_per_s * dt_s.min(0.25), 0.0);
        true
    }

    /// Camera position in world space.
    pub fn eye(&self) -> Vec3 {
        let (sin_yaw, cos_yaw) = self.yaw_rad.sin_cos();
        let (sin_pitch, cos_pitch) = self.pitch_rad.sin_cos();
        self.target + self.distance * Vec3::new(sin_yaw * cos_pitch, sin_pitch, cos_yaw * cos_pitch)
    }

    /// World → view transform.
    pub fn view_matrix(&self) -> Mat4 {
        glam::camera::rh::view::look_at_mat4(self.eye(), self.target, Vec3::Y)
    }

    /// View → clip transform for a viewport of `aspect` = width / height. In portrait views
    /// (a phone) the vertical field widens so the horizontal one stays [`FIELD_OF_VIEW_Y_RAD`]
    /// and the framed pendant still fits. Near and far hug the model so depth precision stays
    /// high at jewelry scale.
    pub fn projection_matrix(&self, aspect: f32) -> Mat4 {
        let aspect = if aspect.is_finite() { aspect.clamp(1e-3, 1e3) } else { 1.0 };
        let fov_y =
            if aspect < 1.0 { 2.0 * ((FIELD_OF_VIEW_Y_RAD * 0.5).tan() / aspect).atan() } else { FIELD_OF_VIEW_Y_RAD };
        let near = (self.distance - self.radius * 2.0).max(self.distance * 0.01);
        let far = self.distance + self.radius * 4.0;
        glam::camera::rh::proj::directx::perspective(fov_y, aspect, near, far)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit_bounds() -> Bounds {
        Bounds { min: Vec3::new(-0.01, -0.01, -0.002), max: Vec3::new(0.01, 0.01, 0.002) }
    }

    fn project(camera: &OrbitCamera, point: Vec3) -> Vec3 {
        project_at(camera, point, 1.0)
    }

    fn project_at(camera: &OrbitCamera, point: Vec3, aspect: f32) -> Vec3 {
        (camera.projection_matrix(aspect) * camera.view_matrix()).project_point3(point)
    }

    #[test]
    fn portrait_views_keep_the_pendant_inside_horizontally() {
        let camera = OrbitCamera::framing(&unit_bounds(), 0.0, 0.0);
        let edge = project_at(&camera, Vec3::new(0.01, 0.0, 0.0), 0.5);
        assert!(edge.x.abs() < 1.0, "{edge}");
        // Landscape is unchanged by the rule: the same point sits at the same height.
        let top_square = project_at(&camera, Vec3::new(0.0, 0.01, 0.0), 1.0);
        let top_wide = project_at(&camera, Vec3::new(0.0, 0.01, 0.0), 2.0);
        assert!((top_square.y - top_wide.y).abs() < 1e-6);
        assert!(project_at(&camera, Vec3::ZERO, f32::NAN).is_finite());
    }

    #[test]
    fn framing_keeps_every_corner_of_the_bounds_on_screen() {
        let bounds = unit_bounds();
        for (yaw, pitch) in [(0.0, 0.0), (0.8, 0.3), (3.0, -1.2), (5.0, 1.4)] {
            let camera = OrbitCamera::framing(&bounds, yaw, pitch);
            for i in 0..8 {
                let corner = Vec3::new(
                    if i & 1 == 0 { bounds.min.x } else { bounds.max.x },
                    if i & 2 == 0 { bounds.min.y } else { bounds.max.y },
                    if i & 4 == 0 { bounds.min.z } else { bounds.max.z },
                );
                let ndc = project(&camera, corner);
                assert!(ndc.x.abs() < 1.0 && ndc.y.abs() < 1.0, "corner {corner} at {ndc} (yaw {yaw}, pitch {pitch})");
                assert!((0.0..=1.0).contains(&ndc.z), "depth {} outside 0..1", ndc.z);
            }
        }
    }

    #[test]
    fn front_view_looks_down_minus_z_and_centre_projects_to_centre() {
        let camera = OrbitCamera::framing(&unit_bounds(), 0.0, 0.0);
        assert!(camera.eye().z > 0.0 && camera.eye().x.abs() < 1e-6);
        assert!(project(&camera, Vec3::ZERO).truncate().length() < 1e-5);
    }

    #[test]
    fn pitch_is_clamped_and_yaw_wraps() {
        let mut camera = OrbitCamera::framing(&unit_bounds(), 0.0, 0.0);
        camera.orbit(0.0, 10.0);
        assert_eq!(camera.pitch_rad, MAX_PITCH_RAD);
        camera.orbit(7.0, -20.0);
        assert_eq!(camera.pitch_rad, -MAX_PITCH_RAD);
        assert!((0.0..std::f32::consts::TAU).contains(&camera.yaw_rad));
        camera.orbit(f32::NAN, 0.0);
        assert!(camera.yaw_rad.is_finite());
    }

    #[test]
    fn zoom_stays_within_limits_and_reset_restores_the_framing() {
        let mut camera = OrbitCamera::framing(&unit_bounds(), 0.2, 0.1);
        let framed = camera.clone();
        for _ in 0..100 {
            camera.wheel(-500.0);
        }
        assert!((camera.distance - framed.distance * MIN_ZOOM_FRACTION).abs() < 1e-7);
        for _ in 0..100 {
            camera.key(CameraKey::ZoomOut);
        }
        assert!((camera.distance - framed.distance * MAX_ZOOM_FRACTION).abs() < 1e-6);
        camera.zoom(0.0);
        camera.zoom(f32::INFINITY);
        camera.drag(120.0, -40.0, 500.0);
        camera.key(CameraKey::Reset);
        assert_eq!(camera, framed);
    }

    #[test]
    fn dragging_right_turns_the_camera_left_around_the_model() {
        let mut camera = OrbitCamera::framing(&unit_bounds(), 0.0, 0.0);
        camera.drag(100.0, 0.0, 500.0);
        assert!(camera.eye().x < 0.0, "eye {}", camera.eye());
        assert!((camera.yaw_rad - (std::f32::consts::TAU - std::f32::consts::PI * 0.2)).abs() < 1e-5);
    }

    #[test]
    fn auto_rotate_advances_only_when_on() {
        let mut camera = OrbitCamera::framing(&unit_bounds(), 0.0, 0.0);
        assert!(!camera.advance(0.016));
        camera.auto_rotate_rad_per_s = 1.0;
        assert!(camera.advance(0.1));
        assert!((camera.yaw_rad - 0.1).abs() < 1e-6);
        assert!(!camera.advance(f32::NAN));
    }

    #[test]
    fn a_saved_view_comes_back() {
        let mut camera = OrbitCamera::framing(&unit_bounds(), 0.0, 0.0);
        camera.drag(80.0, 30.0, 500.0);
        camera.zoom(0.7);
        let saved = camera.orbit_view();
        let mut other = OrbitCamera::framing(&unit_bounds(), 0.0, 0.0);
        other.set_orbit_view(saved);
        assert!((other.eye() - camera.eye()).length() < 1e-6, "{} vs {}", other.eye(), camera.eye());
        let level = OrbitCamera::framing(&unit_bounds(), 0.0, 0.0).orbit_view();
        assert_eq!(level, CameraOrbit::default());
        other.set_home_view("90deg 60deg 150%".parse().unwrap());
        other.drag(50.0, 0.0, 500.0);
        other.reset();
        let home = other.orbit_view();
        assert!((home.theta_deg - 90.0).abs() < 1e-3 && (home.phi_deg - 60.0).abs() < 1e-3, "{home:?}");
    }

    #[test]
    fn reframing_keeps_the_direction_and_the_zoom() {
        let mut camera = OrbitCamera::framing(&unit_bounds(), 0.0, 0.0);
        camera.drag(60.0, 20.0, 500.0);
        camera.zoom(0.8);
        let before = camera.orbit_view();
        let wider = Bounds { min: Vec3::new(-0.01, -0.01, -0.002), max: Vec3::new(0.03, 0.01, 0.012) };
        camera.reframe(&wider);
        assert_eq!(camera.orbit_view(), before);
        assert!((camera.target - wider.center()).length() < 1e-6);
        let corner = project(&camera, Vec3::new(0.03, 0.01, 0.012));
        assert!(corner.is_finite());
        camera.reset();
        assert!((camera.distance - OrbitCamera::framing(&wider, 0.0, 0.0).distance).abs() < 1e-6);
    }

    #[test]
    fn dom_keys_map_to_commands() {
        assert_eq!(CameraKey::from_dom_key("ArrowLeft"), Some(CameraKey::Left));
        assert_eq!(CameraKey::from_dom_key("+"), Some(CameraKey::ZoomIn));
        assert_eq!(CameraKey::from_dom_key("-"), Some(CameraKey::ZoomOut));
        assert_eq!(CameraKey::from_dom_key("a"), None);
    }
}
