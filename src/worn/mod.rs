//! The worn view: the pendant on its chain on a display bust, at true size, where the chain's
//! length puts it. Pure: the form ([`bust`]), the chain's resting path on it ([`drape`]), the
//! length chart it reproduces ([`chart`]) and where the pendant sits ([`wear`]).

pub mod bust;
pub mod chart;
pub mod drape;
pub mod shade;

use std::fmt;
use std::str::FromStr;

use glam::{Mat3, Mat4, Vec3};

use crate::chain::{worn_chain, Chain, ChainAnchor};
use crate::model::{Bounds, PendantModel};

pub use bust::{Bust, DEFAULT_NECK_CM, NECK_SIZES_CM};
pub use chart::Place;
pub use drape::{drape, Drape, Hang};

/// Thickness of a worn chain's wire as the drape keeps it off the form, metres.
const CHAIN_THICKNESS_M: f32 = 0.0012;
/// Gap kept between the pendant's back and the form, metres.
const PENDANT_GAP_M: f32 = 0.0002;

/// How the pendant is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ViewMode {
    /// Alone, in the jewelry studio (the default).
    #[default]
    Studio,
    /// On its chain on a display bust.
    Worn,
}

impl ViewMode {
    /// The name the element and the design document use.
    pub fn name(self) -> &'static str {
        match self {
            ViewMode::Studio => "studio",
            ViewMode::Worn => "worn",
        }
    }
}

impl fmt::Display for ViewMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ViewMode {
    type Err = WornError;

    fn from_str(text: &str) -> Result<Self, WornError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "" | "studio" => Ok(ViewMode::Studio),
            "worn" => Ok(ViewMode::Worn),
            _ => Err(WornError::Mode(text.chars().take(20).collect())),
        }
    }
}

/// A body size: the neck's circumference, one of [`NECK_SIZES_CM`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodySize(u8);

impl Default for BodySize {
    fn default() -> Self {
        BodySize(DEFAULT_NECK_CM)
    }
}

impl BodySize {
    /// Neck circumference, cm.
    pub fn neck_cm(self) -> u8 {
        self.0
    }
}

impl fmt::Display for BodySize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for BodySize {
    type Err = WornError;

    /// `32`, `35`, `38` (cm of neck, `cm` allowed) or `small`, `medium`, `large`.
    fn from_str(text: &str) -> Result<Self, WornError> {
        let wanted = text.trim().to_ascii_lowercase();
        let named = match wanted.as_str() {
            "" | "medium" => Some(DEFAULT_NECK_CM),
            "small" => Some(NECK_SIZES_CM[0]),
            "large" => Some(NECK_SIZES_CM[2]),
            number => number.trim_end_matches("cm").trim().parse::<u8>().ok().filter(|n| NECK_SIZES_CM.contains(n)),
        };
        named.map(BodySize).ok_or_else(|| WornError::BodySize(text.chars().take(20).collect()))
    }
}

/// A view or body size that is not offered. `code()` is stable for JavaScript.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WornError {
    /// Not `studio` or `worn`.
    #[error("view '{0}' is not offered; expected studio or worn")]
    Mode(String),
    /// Not one of the body sizes.
    #[error("body size '{0}' is not offered; expected 32, 35 or 38 (neck, cm) or small, medium, large")]
    BodySize(String),
}

impl WornError {
    /// Stable code for JavaScript.
    pub fn code(&self) -> &'static str {
        match self {
            WornError::Mode(_) => "view-mode-invalid",
            WornError::BodySize(_) => "body-size-invalid",
        }
    }
}

/// A pendant worn: everything drawn around it and where it sits.
#[derive(Debug, Clone)]
pub struct Worn {
    /// The chain on the bust.
    pub chain: PendantModel,
    /// The pendant's model space → the bust's space (metres, origin at the notch).
    pub placement: Mat4,
    /// The chain's path.
    pub drape: Drape,
    /// The bust's occlusion map: where the chain and the pendant rest on it.
    pub shadow: crate::model::Image,
    /// How far below the notch the ring hangs, mm.
    pub drop_mm: f32,
    /// Where that is, as the chart names it.
    pub place: Place,
    /// What the camera frames: the neck down past a 24 in chain's pendant, the same for every
    /// length, so a longer chain is seen lower.
    pub framing: Bounds,
}

/// Hangs `model` (its rings `anchor`; without one, from the top of its bounds) on `chain`
/// around the bust of `body` (`Bust::new(body).model()` draws it), facing out and lying on
/// the chest.
pub fn wear(model: &PendantModel, anchor: Option<&ChainAnchor>, chain: Chain, body: BodySize) -> Worn {
    let form = Bust::new(body.neck_cm());
    let bounds = model.bounds;
    let rings = anchor.map(ChainAnchor::points).unwrap_or_default();
    let top_centre = Vec3::new(bounds.center().x, bounds.max.y, bounds.center().z);
    let (hang, ring_in_model) = match rings {
        [] => (Hang::One { clearance: top_centre.z - bounds.min.z }, top_centre),
        [ring] => (Hang::One { clearance: ring.z - bounds.min.z }, *ring),
        [..] => {
            let left = rings.iter().copied().fold(Vec3::splat(f32::INFINITY), |a, b| if b.x < a.x { b } else { a });
            let right =
                rings.iter().copied().fold(Vec3::splat(f32::NEG_INFINITY), |a, b| if b.x > a.x { b } else { a });
            let middle = (left + right) * 0.5;
            (Hang::Two { separation: right.x - left.x, clearance: middle.z - bounds.min.z }, middle)
        }
    };
    let length_m = f32::from(chain.length_in) * 0.0254;
    let mut drape = drape(&form, length_m, hang, CHAIN_THICKNESS_M);
    let ring = Vec3::new(0.0, drape.hanging_height(), drape.rings[0].z);
    // Lying on the chest: facing the form's normal halfway down the pendant.
    let half_down = ring - Vec3::Y * (ring_in_model.y - bounds.min.y) * 0.5;
    let normal = form.distance(half_down).map_or(Vec3::Z, |(_, n)| Vec3::new(0.0, n.y, n.z).normalize_or(Vec3::Z));
    let turn = Mat3::from_quat(glam::Quat::from_rotation_arc(Vec3::Z, normal));
    let mut placement = Mat4::from_translation(ring) * Mat4::from_mat3(turn) * Mat4::from_translation(-ring_in_model);
    // Touching, not sunk in and not floating: the closest point of its back `PENDANT_GAP_M` off.
    let closest = back_points(model)
        .filter_map(|p| form.distance(placement.transform_point3(p)).map(|(d, _)| d))
        .fold(f32::INFINITY, f32::min);
    if closest.is_finite() {
        let shift = normal * (PENDANT_GAP_M - closest);
        placement = Mat4::from_translation(shift) * placement;
        for ring in &mut drape.rings {
            *ring += shift;
        }
        let last = drape.path.len() - 1;
        drape.path[0] += shift;
        if !drape.closed {
            drape.path[last] += shift;
        }
    }
    let drop_mm = -drape.hanging_height() * 1000.0;
    let metal = anchor.map(|a| a.metal().clone()).unwrap_or_else(|| crate::chain::ring_metal(model));
    let scale = f32::from(body.neck_cm()) / f32::from(DEFAULT_NECK_CM);
    let pendant_back = back_points(model).map(|p| placement.transform_point3(p));
    let shadow = shade::resting_shadow(&form, &drape.path, pendant_back);
    Worn {
        shadow,
        chain: worn_chain(chain, &drape.path, drape.closed, &metal),
        placement,
        drape,
        drop_mm,
        place: Place::at(drop_mm),
        framing: Bounds {
            min: Vec3::new(-0.085 * scale, -0.14, 0.0),
            max: Vec3::new(0.085 * scale, 0.06, 0.03 * scale),
        },
    }
}

/// A sample of the model's vertices (world space), enough to find where its back is.
fn back_points(model: &PendantModel) -> impl Iterator<Item = Vec3> + '_ {
    model.nodes.iter().filter_map(|node| Some((node, model.meshes.get(node.mesh?)?))).flat_map(|(node, mesh)| {
        mesh.primitives
            .iter()
            .flat_map(|p| p.vertices.iter().step_by(3))
            .map(move |v| node.world_transform.transform_point3(Vec3::from(v.position)))
    })
}

#[cfg(test)]
mod tests;
