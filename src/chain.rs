//! The chain a pendant hangs from: links generated along two strands that rise from the bail
//! and turn back around the neck, as a necklace does in front of the camera. Only the part
//! near the pendant is built (it leaves the framed view); its opening angle follows the length
//! (a 16 in choker sits high and opens wide, a 24 in opera chain hangs in a narrow V).
//!
//! Slot convention (models/README.md): the chain runs through the top of every node whose
//! name starts with `jump_ring`, `bail` or `ring` (`ring_left`, `ring_right`: a sideways bar
//! hangs from both ends). One ring gets two strands; several get one each, on their side.

use std::fmt;
use std::str::FromStr;

use glam::{Mat3, Vec3};

use crate::model::marks::mark_words;
use crate::model::{Material, PendantModel, Primitive, Vertex};

/// Chain lengths offered, inches.
pub const LENGTHS_IN: [u8; 5] = [16, 18, 20, 22, 24];
/// [`LENGTHS_IN`] as messages name them.
pub const LENGTHS_OFFERED: &str = "16, 18, 20, 22 or 24";
/// The length a chain style alone is ordered in, inches.
pub const DEFAULT_LENGTH_IN: u8 = 18;
/// Chain drawn on each side of the pendant, mm (beyond the framed view).
const STRAND_MM: f32 = 45.0;
/// Samples around a link's outline and around its wire, close up.
const CLOSE_DETAIL: Detail = Detail { outline: 20, wire: 8 };
/// The same, worn: a link is a few pixels across.
const WORN_DETAIL: Detail = Detail { outline: 10, wire: 4 };

/// How finely a link is tessellated.
#[derive(Clone, Copy)]
struct Detail {
    outline: usize,
    wire: usize,
}

/// Link styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChainStyle {
    /// Oval links, each turned a quarter turn from the last.
    Cable,
    /// Square links, each turned a quarter turn from the last.
    Box,
    /// Small links packed and twisted round the chain's axis: a rope.
    Rope,
}

impl ChainStyle {
    /// Every style, in the order the page lists them.
    pub const ALL: [ChainStyle; 3] = [ChainStyle::Cable, ChainStyle::Box, ChainStyle::Rope];

    /// The name the element and the design document use.
    pub fn name(self) -> &'static str {
        match self {
            ChainStyle::Cable => "cable",
            ChainStyle::Box => "box",
            ChainStyle::Rope => "rope",
        }
    }

    fn link(self) -> LinkShape {
        match self {
            ChainStyle::Cable => LinkShape {
                half_length: 1.0,
                half_width: 0.62,
                wire: 0.2,
                exponent: 2.0,
                pitch: 1.5,
                turn_deg: 90.0,
                tilt_deg: 0.0,
            },
            ChainStyle::Box => LinkShape {
                half_length: 0.78,
                half_width: 0.78,
                wire: 0.16,
                exponent: 5.0,
                pitch: 1.22,
                turn_deg: 90.0,
                tilt_deg: 0.0,
            },
            ChainStyle::Rope => LinkShape {
                half_length: 0.9,
                half_width: 0.5,
                wire: 0.19,
                exponent: 2.0,
                pitch: 0.62,
                turn_deg: 60.0,
                tilt_deg: 28.0,
            },
        }
    }
}

impl fmt::Display for ChainStyle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A chain name that is not offered.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("'{0}' is not offered; expected cable, box or rope")]
pub struct ChainStyleError(pub String);

/// Why a chain cannot be shown. `code()` is stable for JavaScript.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ChainError {
    /// Not cable, box or rope.
    #[error("chain {0}")]
    Style(#[from] ChainStyleError),
    /// Not one of [`LENGTHS_IN`].
    #[error("a {0} in chain is not offered; expected {LENGTHS_OFFERED} (inches)")]
    Length(String),
}

impl ChainError {
    /// Stable code for JavaScript.
    pub fn code(&self) -> &'static str {
        match self {
            ChainError::Style(_) => "chain-unknown-style",
            ChainError::Length(_) => "chain-length-invalid",
        }
    }
}

impl Chain {
    /// A chain from the element's `chain` and `chain-length` attributes: `None` when both are
    /// empty; a style alone is 18 in, a length alone a cable chain.
    pub fn from_attributes(style: &str, length: &str) -> Result<Option<Chain>, ChainError> {
        let (style, length) = (style.trim(), length.trim().trim_end_matches("in").trim());
        if style.is_empty() && length.is_empty() {
            return Ok(None);
        }
        let style = if style.is_empty() { ChainStyle::Cable } else { style.parse()? };
        let length_in = if length.is_empty() {
            DEFAULT_LENGTH_IN
        } else {
            length
                .parse::<u8>()
                .ok()
                .filter(|l| LENGTHS_IN.contains(l))
                .ok_or_else(|| ChainError::Length(length.chars().take(20).collect()))?
        };
        Ok(Some(Chain { style, length_in }))
    }
}

impl FromStr for ChainStyle {
    type Err = ChainStyleError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = text.trim().to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|s| s.name() == wanted)
            .ok_or_else(|| ChainStyleError(text.chars().take(40).collect()))
    }
}

/// A chain as ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chain {
    /// Link style.
    pub style: ChainStyle,
    /// Length, one of [`LENGTHS_IN`].
    pub length_in: u8,
}

/// One link's shape, mm: the wire's centre line is a superellipse `|u/a|^n + |v/b|^n = 1`.
struct LinkShape {
    half_length: f32,
    half_width: f32,
    wire: f32,
    exponent: f32,
    /// Distance between link centres along the chain.
    pitch: f32,
    /// Turn of each link about the chain's axis relative to the previous one.
    turn_deg: f32,
    /// Lean of each link against the chain's axis (a rope's twist).
    tilt_deg: f32,
}

/// Where the chain runs through the model: the top of each ring, in world space (metres).
pub fn attachments(model: &PendantModel) -> Vec<Vec3> {
    model
        .nodes
        .iter()
        .filter(|node| {
            let words = node.name.as_deref().map(mark_words).unwrap_or_default();
            matches!(words.first().map(String::as_str), Some("jump" | "bail" | "ring"))
        })
        .filter_map(|node| {
            let bounds = model.node_bounds(node);
            (!bounds.is_empty()).then(|| Vec3::new(bounds.center().x, bounds.max.y, bounds.center().z))
        })
        .collect()
}

/// What a chain needs from the model it hangs from: where the rings are, which side each
/// strand leaves to, and the rings' metal.
#[derive(Debug, Clone)]
pub struct ChainAnchor {
    points: Vec<Vec3>,
    centre_x: f32,
    metal: Material,
}

impl ChainAnchor {
    /// `None` when the model has no ring to hang from.
    pub fn of(model: &PendantModel) -> Option<Self> {
        let points = attachments(model);
        (!points.is_empty()).then(|| Self { points, centre_x: model.bounds.center().x, metal: ring_metal(model) })
    }

    /// The tops of the rings the chain runs through (world, metres).
    pub fn points(&self) -> &[Vec3] {
        &self.points
    }

    /// The rings' metal, which the chain is made in.
    pub fn metal(&self) -> &Material {
        &self.metal
    }

    /// The chain as a model of its own: one mesh in the rings' metal.
    pub fn build(&self, chain: Chain) -> PendantModel {
        let link = chain.style.link();
        let mut primitive = Primitive { material: Some(0), ..Primitive::default() };
        let strands: Vec<(Vec3, f32)> = if let [ring] = self.points.as_slice() {
            // One link lies through the ring, across; the two strands leave from its ends.
            add_link(&mut primitive, *ring, Vec3::X, Vec3::Y, &link, CLOSE_DETAIL);
            let end = Vec3::X * (link.half_length - link.wire) * 0.001;
            vec![(*ring - end, -1.0), (*ring + end, 1.0)]
        } else {
            self.points.iter().map(|&p| (p, if p.x < self.centre_x { -1.0 } else { 1.0 })).collect()
        };
        // Shorter chains sit higher on the neck and open wider.
        let spread = (f32::from(chain.length_in.clamp(16, 24)) - 16.0) / 8.0;
        let opening_deg = 34.0 - 18.0 * spread;
        for (start, side) in strands {
            build_strand(&mut primitive, start, side, opening_deg, &link);
        }
        PendantModel::single("chain", primitive, self.metal.clone())
    }
}

/// A chain worn: links of `chain`'s style at their pitch along `path` (metres; where the
/// chain lies on a neck), each along the path and turned from the last as on the close-up
/// strands, in `metal`. `closed`: the path is a loop (one ring) rather than an open strand.
pub fn worn_chain(chain: Chain, path: &[Vec3], closed: bool, metal: &Material) -> PendantModel {
    let link = chain.style.link();
    let mut primitive = Primitive::default();
    let mut points: Vec<Vec3> = path.to_vec();
    if closed && path.len() > 1 {
        points.push(path[0]);
    }
    // A frame carried along the path without twisting, so the quarter turns stay regular.
    let mut across = Vec3::X;
    let (mut travelled, mut next_link, mut index) = (0.0_f32, 0.0_f32, 0usize);
    for pair in points.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        let step = (to - from).length();
        let Some(along) = (to - from).try_normalize() else { continue };
        across = (across - along * across.dot(along)).try_normalize().unwrap_or_else(|| along.any_orthonormal_vector());
        while next_link <= travelled + step {
            let centre = from + along * (next_link - travelled);
            let turn = (link.turn_deg * index as f32).to_radians();
            let facing = Mat3::from_axis_angle(along, turn) * across;
            let lean_deg = link.tilt_deg * if index % 2 == 0 { 1.0 } else { -1.0 };
            let lean = Mat3::from_axis_angle(facing, lean_deg.to_radians());
            add_link(&mut primitive, centre, lean * along, lean * facing.cross(along), &link, WORN_DETAIL);
            next_link += link.pitch * 0.001;
            index += 1;
        }
        travelled += step;
    }
    PendantModel::single("chain", primitive, metal.clone())
}

/// The material of the first metal part (the ring's, usually), without its textures.
pub(crate) fn ring_metal(model: &PendantModel) -> Material {
    let metal = model.materials.iter().find(|m| m.is_metal()).cloned().unwrap_or_default();
    Material {
        name: Some("chain".into()),
        base_color_texture: None,
        metallic_roughness_texture: None,
        normal_texture: None,
        occlusion_texture: None,
        emissive_texture: None,
        metallic_factor: 1.0,
        roughness_factor: metal.roughness_factor.min(0.3),
        ..metal
    }
}

/// Links along one strand: up from `start`, out to `side` (−1 left, +1 right), bending back
/// around the neck.
fn build_strand(primitive: &mut Primitive, start: Vec3, side: f32, opening_deg: f32, link: &LinkShape) {
    let mm = 0.001;
    let count = (STRAND_MM / link.pitch) as usize;
    let mut position = start;
    for index in 0..count {
        let s = index as f32 / count as f32;
        // The strand opens a little more and turns back towards the neck as it rises.
        let out = (opening_deg + 10.0 * s).to_radians();
        let back = (28.0 * s * s).to_radians();
        let along = Vec3::new(side * out.sin() * back.cos(), out.cos() * back.cos(), -back.sin()).normalize();
        let across = Vec3::Z.cross(along).normalize_or(Vec3::X);
        let turn = (link.turn_deg * index as f32).to_radians();
        let facing = Mat3::from_axis_angle(along, turn) * across;
        let lean = Mat3::from_axis_angle(facing, link.tilt_deg.to_radians() * if index % 2 == 0 { 1.0 } else { -1.0 });
        // Each link hooks through the one before: its centre is a pitch further along.
        position += along * if index == 0 { link.half_length - link.wire } else { link.pitch } * mm;
        add_link(primitive, position, lean * along, lean * facing.cross(along), link, CLOSE_DETAIL);
    }
}

/// One link centred at `centre` (metres), long along `u`, wide along `v`.
fn add_link(primitive: &mut Primitive, centre: Vec3, u: Vec3, v: Vec3, link: &LinkShape, detail: Detail) {
    let mm = 0.001;
    let normal_of_plane = u.cross(v).normalize();
    let first = primitive.vertices.len() as u32;
    let outline = |t: f32| -> (f32, f32) {
        let (sin, cos) = t.sin_cos();
        let power = 2.0 / link.exponent;
        (
            cos.signum() * cos.abs().powf(power) * link.half_length,
            sin.signum() * sin.abs().powf(power) * link.half_width,
        )
    };
    for i in 0..detail.outline {
        let t = i as f32 / detail.outline as f32 * std::f32::consts::TAU;
        let (a, b) = outline(t);
        let (a2, b2) = outline(t + 0.01);
        let point = centre + (u * a + v * b) * mm;
        let tangent = (u * (a2 - a) + v * (b2 - b)).normalize_or(u);
        let outward = tangent.cross(normal_of_plane).normalize_or(v);
        for j in 0..detail.wire {
            let w = j as f32 / detail.wire as f32 * std::f32::consts::TAU;
            let normal = (outward * w.cos() + normal_of_plane * w.sin()).normalize();
            primitive.vertices.push(Vertex {
                position: (point + normal * link.wire * mm).to_array(),
                normal: normal.to_array(),
                tangent: [tangent.x, tangent.y, tangent.z, 1.0],
                ..Vertex::default()
            });
        }
    }
    for i in 0..detail.outline {
        for j in 0..detail.wire {
            let at = |i: usize, j: usize| first + ((i % detail.outline) * detail.wire + j % detail.wire) as u32;
            let (a, b, c, d) = (at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1));
            primitive.indices.extend([a, b, c, a, c, d]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::gltf::{load_gltf, ExternalResources};

    /// The chain for `model`, or `None` when it has no ring to hang from.
    fn chain_model(chain: Chain, model: &PendantModel) -> Option<PendantModel> {
        ChainAnchor::of(model).map(|anchor| anchor.build(chain))
    }

    fn model(name: &str) -> PendantModel {
        let bytes = std::fs::read(format!("{}/models/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        load_gltf(&bytes, &ExternalResources::new()).unwrap()
    }

    #[test]
    fn a_chain_hangs_from_the_ring_and_rises_out_of_view() {
        let disc = model("disc-pendant.glb");
        let top = attachments(&disc);
        assert_eq!(top.len(), 1);
        let chain = chain_model(Chain { style: ChainStyle::Cable, length_in: 18 }, &disc).unwrap();
        let bounds = chain.bounds;
        assert!((bounds.min.y - top[0].y).abs() < 0.001, "starts at the ring: {} vs {}", bounds.min.y, top[0].y);
        assert!(bounds.max.y - top[0].y > 0.03, "rises above the framed pendant");
        assert!(bounds.min.x < top[0].x - 0.01 && bounds.max.x > top[0].x + 0.01, "two strands, one on each side");
        assert!(bounds.min.z < top[0].z - 0.005, "turns back towards the neck");
        let triangles = chain.meshes[0].primitives[0].indices.len() / 3;
        assert!(triangles < 40_000, "{triangles} triangles");
        assert!(chain.materials[0].is_metal());
    }

    #[test]
    fn styles_and_lengths_change_the_chain() {
        let disc = model("disc-pendant.glb");
        let width = |style, length_in| {
            let bounds = chain_model(Chain { style, length_in }, &disc).unwrap().bounds;
            bounds.max.x - bounds.min.x
        };
        assert!(width(ChainStyle::Cable, 16) > width(ChainStyle::Cable, 24) * 1.2, "a choker opens wider");
        let triangles =
            |style| chain_model(Chain { style, length_in: 18 }, &disc).unwrap().meshes[0].primitives[0].indices.len();
        assert!(triangles(ChainStyle::Rope) > triangles(ChainStyle::Cable), "a rope packs more links");
        assert_eq!("BOX".parse::<ChainStyle>(), Ok(ChainStyle::Box));
        assert!("curb".parse::<ChainStyle>().unwrap_err().to_string().contains("expected cable, box or rope"));
    }

    #[test]
    fn a_sideways_bar_hangs_from_both_ends_and_a_ringless_model_gets_none() {
        let bar = model("bar-horizontal.glb");
        assert_eq!(attachments(&bar).len(), 2);
        let chain = chain_model(Chain { style: ChainStyle::Box, length_in: 20 }, &bar).unwrap();
        assert!(chain.bounds.min.x < bar.bounds.min.x && chain.bounds.max.x > bar.bounds.max.x);
        let mut ringless = bar.clone();
        for node in &mut ringless.nodes {
            node.name = None;
        }
        assert!(chain_model(Chain { style: ChainStyle::Cable, length_in: 18 }, &ringless).is_none());
    }

    #[test]
    fn attributes_make_a_chain_or_a_coded_error() {
        assert_eq!(Chain::from_attributes("", ""), Ok(None));
        assert_eq!(Chain::from_attributes("rope", ""), Ok(Some(Chain { style: ChainStyle::Rope, length_in: 18 })));
        assert_eq!(Chain::from_attributes("", "24in"), Ok(Some(Chain { style: ChainStyle::Cable, length_in: 24 })));
        assert_eq!(Chain::from_attributes("curb", "18").unwrap_err().code(), "chain-unknown-style");
        let error = Chain::from_attributes("box", "17").unwrap_err();
        assert_eq!(
            (error.code(), error.to_string().as_str()),
            ("chain-length-invalid", "a 17 in chain is not offered; expected 16, 18, 20, 22 or 24 (inches)")
        );
    }

    #[test]
    fn links_are_closed_tubes_with_unit_normals() {
        let chain = chain_model(Chain { style: ChainStyle::Cable, length_in: 18 }, &model("disc-pendant.glb")).unwrap();
        let primitive = &chain.meshes[0].primitives[0];
        assert!(primitive.indices.iter().all(|&i| (i as usize) < primitive.vertices.len()));
        for vertex in &primitive.vertices {
            assert!((Vec3::from(vertex.normal).length() - 1.0).abs() < 1e-3);
            assert!(Vec3::from(vertex.position).is_finite());
        }
    }
}
