//! How much metal a pendant holds: the volume its closed metal meshes enclose (the divergence
//! theorem: a signed tetrahedron per triangle from the origin), and so its weight in each
//! metal. A mesh that is not closed encloses no volume, so the weight is then unknown, with the
//! part and its open edges named: guessing would put a wrong weight on a proof.

use std::collections::HashMap;

use glam::Vec3;
use serde_json::{json, Map, Value};

use crate::finish::Metal;
use crate::model::PendantModel;

/// Positions closer than this (metres, 0.1 µm) are one vertex: meshes split vertices where
/// normals or UVs change, and seams computed twice differ in the last bits.
const WELD_M: f32 = 1e-7;

/// The metal a model holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MetalVolume {
    /// Enclosed volume, mm³.
    pub volume_mm3: f64,
}

impl MetalVolume {
    /// What it weighs in `metal`, g.
    pub fn weight_g(self, metal: Metal) -> f64 {
        metal.weight_g(self.volume_mm3)
    }

    /// `volume_mm3`, `weight_g` and `density_g_cm3` per metal name, and `density_source`
    /// (two decimals), as production specs and the element's `getConfig` carry them.
    pub fn json(self) -> Map<String, Value> {
        let round2 = |value: f64| (value * 100.0).round() / 100.0;
        let mut weights = Map::new();
        let mut densities = Map::new();
        for metal in Metal::ALL {
            weights.insert(metal.name().into(), json!(round2(self.weight_g(metal))));
            densities.insert(metal.name().into(), json!(round2(metal.density_g_cm3())));
        }
        let mut json = Map::new();
        json.insert("volume_mm3".into(), json!(round2(self.volume_mm3)));
        json.insert("weight_g".into(), Value::Object(weights));
        json.insert("density_g_cm3".into(), Value::Object(densities));
        json.insert("density_source".into(), json!(DENSITY_SOURCE));
        json
    }
}

/// Where the densities come from, as specs state it.
pub const DENSITY_SOURCE: &str = "element densities (CRC Handbook) by mass fraction; src/finish/density.rs";

/// A model's weight as specs carry it ([`metal_volume`]'s answer): [`MetalVolume::json`], or
/// `{"weight_unknown": why}`.
pub fn weight_json(volume: &Result<MetalVolume, WeightUnknown>) -> Value {
    match volume {
        Ok(volume) => Value::Object(volume.json()),
        Err(why) => json!({ "weight_unknown": why.to_string() }),
    }
}

/// Why a model's weight is unknown.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WeightUnknown {
    /// A metal part's surface has holes, so it encloses no volume.
    #[error("the metal part '{part}' is not closed ({open_edges} open edges), so its volume is unknown")]
    Open {
        /// The node (or mesh) name, or its index.
        part: String,
        /// Edges with a triangle on one side only.
        open_edges: usize,
    },
    /// Nothing in the model is metal.
    #[error("the model has no metal part")]
    NoMetal,
}

/// The volume of `model`'s metal (primitives whose material is a metal, the glTF default
/// material included), every node with a mesh counted once per node. Work is linear in the
/// triangles.
pub fn metal_volume(model: &PendantModel) -> Result<MetalVolume, WeightUnknown> {
    let mut volume_m3 = 0.0_f64;
    let mut any_metal = false;
    for (index, node) in model.nodes.iter().enumerate() {
        let Some(mesh) = node.mesh.and_then(|m| model.meshes.get(m)) else { continue };
        let metal = mesh.primitives.iter().filter(|p| {
            p.material.and_then(|m| model.materials.get(m)).is_none_or(|m| m.is_metal()) && p.indices.len() >= 3
        });
        let mut welded = Welded::default();
        for primitive in metal {
            any_metal = true;
            let ids: Vec<u32> = primitive
                .vertices
                .iter()
                .map(|v| welded.id(node.world_transform.transform_point3(Vec3::from(v.position))))
                .collect();
            for triangle in primitive.indices.chunks_exact(3) {
                let [a, b, c] = [0, 1, 2].map(|k| ids.get(triangle[k] as usize).copied().unwrap_or(u32::MAX));
                welded.triangle(a, b, c);
            }
        }
        let open_edges = welded.open_edges();
        if open_edges > 0 {
            let part = node.name.clone().or_else(|| mesh.name.clone()).unwrap_or_else(|| format!("node {index}"));
            return Err(WeightUnknown::Open { part, open_edges });
        }
        volume_m3 += welded.signed_volume.abs();
    }
    if !any_metal {
        return Err(WeightUnknown::NoMetal);
    }
    Ok(MetalVolume { volume_mm3: volume_m3 * 1e9 })
}

/// One node's metal, its vertices welded.
#[derive(Default)]
struct Welded {
    ids: HashMap<[i64; 3], u32>,
    points: Vec<Vec3>,
    /// +1 per edge a→b with a < b, −1 per b→a: zero on every edge of a closed surface.
    edges: HashMap<(u32, u32), i32>,
    signed_volume: f64,
}

impl Welded {
    fn id(&mut self, point: Vec3) -> u32 {
        let key = point.to_array().map(|c| (f64::from(c) / f64::from(WELD_M)).round() as i64);
        let next = self.points.len() as u32;
        *self.ids.entry(key).or_insert_with(|| {
            self.points.push(point);
            next
        })
    }

    fn triangle(&mut self, a: u32, b: u32, c: u32) {
        if a == b || b == c || c == a || [a, b, c].iter().any(|&i| i as usize >= self.points.len()) {
            return;
        }
        for (from, to) in [(a, b), (b, c), (c, a)] {
            let (key, step) = if from < to { ((from, to), 1) } else { ((to, from), -1) };
            *self.edges.entry(key).or_insert(0) += step;
        }
        let [p, q, r] = [a, b, c].map(|i| self.points[i as usize].as_dvec3());
        self.signed_volume += p.dot(q.cross(r)) / 6.0;
    }

    fn open_edges(&self) -> usize {
        self.edges.values().filter(|&&balance| balance != 0).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::build::mesh::{circle, rounded_slab, MeshData};
    use crate::model::gltf::{load_gltf, ExternalResources};
    use crate::model::Material;

    /// A plain disc `diameter` × `thickness` mm (no rounding), 512 sides.
    fn disc(diameter: f32, thickness: f32) -> MeshData {
        rounded_slab(&circle(diameter, 512), thickness, 0.0, 1)
    }

    fn model(name: &str, mesh: &MeshData, material: Material) -> PendantModel {
        PendantModel::single(name, mesh.to_primitive(0.001), material)
    }

    #[test]
    fn a_disc_of_known_volume_weighs_what_its_metal_does() {
        // π × 10² × 1.5 = 471.24 mm³; in sterling silver (10.36 g/cm³) 4.88 g.
        let volume = metal_volume(&model("disc", &disc(20.0, 1.5), Material::default())).unwrap();
        let exact = std::f64::consts::PI * 100.0 * 1.5;
        assert!((volume.volume_mm3 / exact - 1.0).abs() < 0.01, "{volume:?} against {exact}");
        for metal in Metal::ALL {
            let grams = volume.weight_g(metal);
            let expected = exact / 1000.0 * metal.density_g_cm3();
            assert!((grams / expected - 1.0).abs() < 0.01, "{metal:?}: {grams} g, expected {expected}");
        }
        let json = Value::Object(volume.json());
        assert_eq!(
            json["weight_g"]["sterling-silver"],
            json!((volume.weight_g(Metal::SterlingSilver) * 100.0).round() / 100.0)
        );
    }

    #[test]
    fn an_open_surface_has_no_weight_and_says_why() {
        let mut mesh = disc(20.0, 1.5);
        mesh.indices.truncate(mesh.indices.len() - 3 * 512); // the back cap gone
        let error = metal_volume(&model("tray", &mesh, Material::default())).unwrap_err();
        assert_eq!(error, WeightUnknown::Open { part: "tray".into(), open_edges: 512 });
        assert!(error.to_string().contains("'tray' is not closed"), "{error}");
        let json = weight_json(&metal_volume(&model("tray", &mesh, Material::default())));
        assert!(json["weight_unknown"].as_str().unwrap().contains("512 open edges"), "{json}");
    }

    #[test]
    fn glass_and_photos_weigh_nothing() {
        let glass = Material { metallic_factor: 0.0, ..Material::default() };
        assert_eq!(metal_volume(&model("glass", &disc(10.0, 1.0), glass)), Err(WeightUnknown::NoMetal));
    }

    #[test]
    fn every_shipped_pendant_is_closed_and_weighs_what_its_size_allows() {
        for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/models")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "glb") {
                continue;
            }
            let model = load_gltf(&std::fs::read(&path).unwrap(), &ExternalResources::new()).unwrap();
            let volume = metal_volume(&model).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let size = (model.bounds.max - model.bounds.min) * 1000.0;
            let box_mm3 = f64::from(size.x * size.y * size.z);
            eprintln!("{}: {:.1} mm³ in a {box_mm3:.1} mm³ box", path.display(), volume.volume_mm3);
            assert!(
                volume.volume_mm3 > 0.0 && volume.volume_mm3 < box_mm3,
                "{}: {volume:?} in a {box_mm3} mm³ box",
                path.display()
            );
        }
    }
}
