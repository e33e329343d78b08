//! True size: a pendant's dimensions in millimetres and a coin beside it for scale.
//!
//! Dimensions are read from the geometry (any model, a merchant's included): the width ×
//! height × thickness of its box as it hangs (closed), with its rings and bails and without.

pub mod coin;
pub mod silhouette;
pub mod weight;

use crate::model::marks::{mark_kind, MarkKind};
use crate::model::{Bounds, PendantModel};

pub use coin::{Coin, SizeReference, SizeReferenceError};
pub use weight::{metal_volume, weight_json, MetalVolume, WeightUnknown};

/// A box's size, mm.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Extent {
    /// Across (x).
    pub width_mm: f32,
    /// Up (y).
    pub height_mm: f32,
    /// Front to back (z).
    pub thickness_mm: f32,
}

impl Extent {
    fn of(bounds: &Bounds) -> Self {
        if bounds.is_empty() {
            return Self::default();
        }
        let size = (bounds.max - bounds.min) * 1000.0;
        Self { width_mm: size.x, height_mm: size.y, thickness_mm: size.z }
    }

    /// "20.0 × 24.6 mm, 1.5 mm thick".
    pub fn words(&self) -> String {
        format!("{:.1} × {:.1} mm, {:.1} mm thick", self.width_mm, self.height_mm, self.thickness_mm)
    }
}

/// A pendant's dimensions.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Dimensions {
    /// The pendant without its rings and bails.
    pub pendant: Extent,
    /// With them: what hangs on the chain.
    pub with_bail: Extent,
}

/// `model`'s dimensions, closed (a locket's lid shut).
pub fn dimensions(model: &PendantModel) -> Dimensions {
    let mut body = Bounds::default();
    for node in &model.nodes {
        if node.name.as_deref().and_then(mark_kind) != Some(MarkKind::Ring) {
            body.include_bounds(&model.node_bounds(node));
        }
    }
    // A model whose every part is a ring (or is named as one) is all pendant.
    let body = if body.is_empty() { model.bounds } else { body };
    Dimensions { pendant: Extent::of(&body), with_bail: Extent::of(&model.bounds) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::gltf::{load_gltf, ExternalResources};

    fn measure(name: &str) -> Dimensions {
        let bytes = std::fs::read(format!("{}/models/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        dimensions(&load_gltf(&bytes, &ExternalResources::new()).unwrap())
    }

    /// A documented size: width, height, thickness (`None`: not stated).
    type Documented = (Option<f32>, Option<f32>, Option<f32>);

    /// The sizes models/README.md gives.
    #[test]
    fn shipped_models_measure_what_their_table_says() {
        let table: [(&str, Documented); 10] = [
            ("disc-pendant.glb", (Some(20.0), Some(20.0), Some(1.5))),
            ("heart-puffy.glb", (Some(20.0), None, Some(5.0))),
            ("bar-horizontal.glb", (Some(38.0), Some(8.0), Some(1.6))),
            ("bar-vertical.glb", (Some(4.5), Some(35.0), Some(4.5))),
            ("locket-round.glb", (Some(22.6), Some(22.0), Some(4.8))),
            ("locket-oval.glb", (Some(18.6), Some(24.0), None)),
            ("photo-round.glb", (Some(25.0), Some(25.0), None)),
            ("birthstone-disc.glb", (Some(20.0), Some(20.0), None)),
            ("photo-birthstone.glb", (Some(20.0), Some(28.0), None)),
            ("charm-heart.glb", (Some(12.0), None, None)),
        ];
        for (name, (width, height, thickness)) in table {
            let measured = measure(name).pendant;
            for (what, documented, got) in [
                ("width", width, measured.width_mm),
                ("height", height, measured.height_mm),
                ("thickness", thickness, measured.thickness_mm),
            ] {
                if let Some(documented) = documented {
                    assert!((got - documented).abs() <= 0.1, "{name} {what}: {got:.2} mm, documented {documented} mm");
                }
            }
        }
    }

    #[test]
    fn the_bail_adds_height_not_width() {
        let disc = measure("disc-pendant.glb");
        assert!(disc.with_bail.height_mm > disc.pendant.height_mm + 2.0, "{disc:?}");
        assert!((disc.with_bail.width_mm - disc.pendant.width_mm).abs() < 0.1);
        assert_eq!(disc.pendant.words(), "20.0 × 20.0 mm, 1.5 mm thick");
    }
}
