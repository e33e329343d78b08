//! Coins for scale, at their minted sizes, in their alloys' colours.
//!
//! - US quarter: Ø 24.26 mm × 1.75 mm, cupronickel (United States Mint, coin specifications).
//! - 1 euro: Ø 23.25 mm × 2.33 mm, a nickel-brass ring round a cupronickel centre
//!   (European Central Bank, euro coins).
//! - UK £1: 23.43 mm across its twelve sides × 2.8 mm, a nickel-brass ring round a
//!   nickel-plated centre (The Royal Mint).
//!
//! The centres' diameters are ours (about two thirds of the coin); the relief is left out:
//! a coin here says how big, not what it is worth.

use std::fmt;
use std::str::FromStr;

use glam::{Mat4, Vec2, Vec3};

use crate::model::build::mesh::{circle, outline_from_points, rounded_slab};
use crate::model::{Material, PendantModel};

/// A coin offered as a size reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coin {
    /// United States quarter dollar.
    UsQuarter,
    /// One euro.
    Euro,
    /// United Kingdom one pound.
    UkPound,
}

impl Coin {
    /// Every coin, in the order the documentation lists them.
    pub const ALL: [Coin; 3] = [Coin::UsQuarter, Coin::Euro, Coin::UkPound];

    /// The name the element and the design document use.
    pub fn name(self) -> &'static str {
        match self {
            Coin::UsQuarter => "us-quarter",
            Coin::Euro => "euro",
            Coin::UkPound => "uk-pound",
        }
    }

    /// Diameter (across the flats' corners for the pound) and thickness, mm.
    pub fn size_mm(self) -> (f32, f32) {
        match self {
            Coin::UsQuarter => (24.26, 1.75),
            Coin::Euro => (23.25, 2.33),
            Coin::UkPound => (23.43, 2.8),
        }
    }

    /// The coin standing upright facing +Z, its centre at the origin.
    pub fn model(self) -> PendantModel {
        let (diameter, thickness) = self.size_mm();
        let outline = match self {
            Coin::UkPound => outline_from_points(
                (0..12 * 4)
                    .map(|i| {
                        // Twelve flat sides: each corner a point on the circle, the sides straight.
                        let side = (i / 4) as f32;
                        let t = (i % 4) as f32 / 4.0;
                        let at = |k: f32| {
                            let angle = k / 12.0 * std::f32::consts::TAU;
                            Vec2::new(angle.cos(), angle.sin()) * diameter * 0.5
                        };
                        at(side).lerp(at(side + 1.0), t)
                    })
                    .collect(),
            ),
            _ => circle(diameter, 96),
        };
        let rim = rounded_slab(&outline, thickness, 0.3, 3);
        let metal = |name: &str, srgb: [u8; 3], roughness: f32| {
            let [r, g, b] = srgb.map(crate::color::srgb_to_linear);
            Material {
                name: Some(name.into()),
                base_color_factor: [r, g, b, 1.0],
                metallic_factor: 1.0,
                roughness_factor: roughness,
                ..Material::default()
            }
        };
        let cupronickel = metal("cupronickel", [200, 198, 192], 0.38);
        let nickel_brass = metal("nickel brass", [214, 186, 120], 0.38);
        let parts = match self {
            Coin::UsQuarter => vec![(rim.to_primitive(0.001), cupronickel)],
            Coin::Euro | Coin::UkPound => {
                // The centre stands 0.05 mm proud of the ring on both faces.
                let centre = rounded_slab(&circle(diameter * 0.66, 72), thickness + 0.1, 0.2, 2);
                vec![(rim.to_primitive(0.001), nickel_brass), (centre.to_primitive(0.001), cupronickel)]
            }
        };
        PendantModel::of_parts("size_reference_coin", parts)
    }

    /// The coin standing beside `pendant` (its box, metres): to its right, 3 mm away,
    /// centred on its height, in its plane.
    pub fn beside(self, pendant: &crate::model::Bounds) -> PendantModel {
        let radius = self.size_mm().0 * 0.0005;
        let centre = Vec3::new(pendant.max.x + 0.003 + radius, pendant.center().y, pendant.center().z);
        let mut coin = self.model();
        let placed = Mat4::from_translation(centre);
        for node in &mut coin.nodes {
            node.local_transform = placed;
            node.world_transform = placed;
        }
        coin.bounds = crate::model::Bounds { min: coin.bounds.min + centre, max: coin.bounds.max + centre };
        coin
    }
}

impl fmt::Display for Coin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The `size-reference` attribute: a coin or `none`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SizeReference(pub Option<Coin>);

/// A size reference that is not offered. `code()` is stable for JavaScript.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("size reference '{0}' is not offered; expected none, us-quarter, euro or uk-pound")]
pub struct SizeReferenceError(pub String);

impl SizeReferenceError {
    /// Stable code for JavaScript.
    pub fn code(&self) -> &'static str {
        "size-reference-invalid"
    }
}

impl FromStr for SizeReference {
    type Err = SizeReferenceError;

    fn from_str(text: &str) -> Result<Self, SizeReferenceError> {
        let wanted = text.trim().to_ascii_lowercase();
        if wanted.is_empty() || wanted == "none" {
            return Ok(SizeReference(None));
        }
        Coin::ALL
            .into_iter()
            .find(|coin| coin.name() == wanted)
            .map(|coin| SizeReference(Some(coin)))
            .ok_or_else(|| SizeReferenceError(text.chars().take(20).collect()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coins_are_their_minted_size() {
        for coin in Coin::ALL {
            let bounds = coin.model().bounds;
            let (diameter, thickness) = coin.size_mm();
            let across = (bounds.max.x - bounds.min.x) * 1000.0;
            assert!((across - diameter).abs() < 0.15, "{coin}: {across} mm across");
            assert!(((bounds.max.z - bounds.min.z) * 1000.0 - thickness).abs() < 0.12, "{coin}");
        }
        assert_eq!("EURO".parse::<SizeReference>(), Ok(SizeReference(Some(Coin::Euro))));
        assert_eq!("none".parse::<SizeReference>(), Ok(SizeReference(None)));
        assert_eq!("dime".parse::<SizeReference>().unwrap_err().code(), "size-reference-invalid");
    }
}
