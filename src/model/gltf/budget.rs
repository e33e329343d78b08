//! What one model may cost to load and draw, checked from what the file declares before
//! anything is allocated for it: a stranger's model (a share link, a merchant's upload) must
//! never exhaust the tab. One budget serves every load path (browser, CLI, tests); the browser
//! lowers the texture side to what its device draws.
//!
//! Pure. Every size is computed in `u64` from the file's values, so nothing wraps on wasm32.

use crate::model::gltf::document::Document;

/// Limits on one model. Generous for real jewelry: an 800,000-triangle CAD pendant, with its
/// flat-shaded copy, fits; amplification tricks (indices fanned out, one accessor reused by
/// thousands of primitives, a mesh instanced by 10⁵ nodes) do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadBudget {
    /// The model file, and every external file it names, bytes each and in all.
    pub file_bytes: u64,
    /// JSON objects in the glTF (each costs the parsed tree a map node, some 600 bytes).
    pub json_objects: u64,
    /// JSON values in the glTF (numbers, strings, … each costs the parsed tree 32 bytes or more).
    pub json_values: u64,
    /// Elements of one accessor.
    pub accessor_elements: u64,
    /// Vertices of all primitives after expansion (flat normals unweld each triangle).
    pub vertices: u64,
    /// Triangles of all primitives after strips and fans become lists.
    pub triangles: u64,
    /// Primitives in all meshes (each re-reads its accessors).
    pub primitives: u64,
    /// Nodes in the document.
    pub nodes: u64,
    /// Nodes that draw a mesh (each a uniform buffer, a bind group and a draw).
    pub drawn_nodes: u64,
    /// Triangles drawn: each drawn node's mesh, summed (bounds and the shadow bake cost this).
    pub drawn_triangles: u64,
    /// Stone settings (each a generated stone and setting).
    pub stone_slots: u64,
    /// Photo areas and engraving areas together (each a texture).
    pub decorated_slots: u64,
    /// Images.
    pub images: u64,
    /// Pixels of all images together, from their headers.
    pub image_pixels: u64,
    /// Longest image side, pixels (the device's texture limit in the browser).
    pub image_side: u32,
    /// External files (buffers and images by URI).
    pub external_files: u64,
    /// Bytes decoded from compressed buffer views (EXT_meshopt_compression), in all.
    pub decoded_bytes: u64,
}

impl Default for LoadBudget {
    fn default() -> Self {
        Self {
            file_bytes: 64 << 20,
            json_objects: 100_000,
            json_values: 2_000_000,
            accessor_elements: 16_000_000,
            vertices: 3_000_000,
            triangles: 3_000_000,
            primitives: 4_096,
            nodes: 20_000,
            drawn_nodes: 2_048,
            drawn_triangles: 6_000_000,
            stone_slots: 512,
            decorated_slots: 16,
            images: 64,
            image_pixels: 128_000_000,
            image_side: 8192,
            external_files: 64,
            decoded_bytes: 256 << 20,
        }
    }
}

/// A budget a model exceeds: what, how much it declares, and the limit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what}: {found} (at most {limit})")]
pub struct OverBudget {
    /// What was counted, in words ("vertices after expansion").
    pub what: String,
    /// What the model declares.
    pub found: u64,
    /// The budget.
    pub limit: u64,
}

impl LoadBudget {
    /// This budget lowered to what a device can hold: its largest texture side, and its
    /// largest buffer (a primitive's vertices and indices are one buffer each).
    pub fn for_device(self, max_texture_side: u32, max_buffer_bytes: u64) -> Self {
        let vertex_bytes = std::mem::size_of::<crate::model::Vertex>() as u64;
        Self {
            image_side: self.image_side.min(max_texture_side.max(1)),
            vertices: self.vertices.min(max_buffer_bytes / vertex_bytes),
            triangles: self.triangles.min(max_buffer_bytes / 12),
            ..self
        }
    }

    /// `Err` naming `what` when `found` is over `limit`.
    pub fn check(what: &str, found: u64, limit: u64) -> Result<(), OverBudget> {
        if found > limit {
            return Err(OverBudget { what: what.to_string(), found, limit });
        }
        Ok(())
    }

    /// The JSON's shape, counted in one pass over its text before it is parsed: a file of
    /// `{"mesh":0}` repeated would otherwise cost the parsed tree some 60 times its size.
    pub fn check_json(&self, json: &[u8]) -> Result<(), OverBudget> {
        let (mut objects, mut values) = (0u64, 0u64);
        let (mut in_string, mut escaped, mut in_scalar) = (false, false, false);
        for &byte in json {
            if in_string {
                match (escaped, byte) {
                    (true, _) => escaped = false,
                    (false, b'\\') => escaped = true,
                    (false, b'"') => in_string = false,
                    _ => {}
                }
                continue;
            }
            let starts_scalar = !matches!(byte, b'{' | b'}' | b'[' | b']' | b',' | b':' | b' ' | b'\t' | b'\n' | b'\r');
            match byte {
                b'"' => {
                    in_string = true;
                    values += 1;
                }
                b'{' => {
                    objects += 1;
                    values += 1;
                }
                b'[' => values += 1,
                _ if starts_scalar && !in_scalar => values += 1,
                _ => {}
            }
            in_scalar = starts_scalar && byte != b'"';
        }
        Self::check("JSON objects", objects, self.json_objects)?;
        Self::check("JSON values", values, self.json_values)
    }

    /// Everything that can be counted from the document alone, before any buffer is read:
    /// list sizes, accessor counts, and each primitive's vertices and triangles after
    /// expansion, summed over primitives (reuse counts every time) and over drawn nodes.
    pub fn check_document(&self, document: &Document) -> Result<MeshCost, OverBudget> {
        Self::check("nodes", document.nodes.len() as u64, self.nodes)?;
        Self::check("images", document.images.len() as u64, self.images)?;
        for accessor in &document.accessors {
            Self::check("elements in one accessor", accessor.count as u64, self.accessor_elements)?;
        }
        let primitives: u64 = document.meshes.iter().map(|m| m.primitives.len() as u64).sum();
        Self::check("primitives", primitives, self.primitives)?;
        let mut cost = MeshCost { mesh_triangles: Vec::with_capacity(document.meshes.len()), ..MeshCost::default() };
        for mesh in &document.meshes {
            let mut mesh_triangles = 0u64;
            for primitive in &mesh.primitives {
                let Some(position) = primitive.attribute("POSITION").and_then(|a| document.accessors.get(a)) else {
                    continue; // refused by the loader with its own error
                };
                let points = position.count as u64;
                let indices =
                    primitive.indices.and_then(|a| document.accessors.get(a)).map_or(points, |a| a.count as u64);
                let triangles = match primitive.mode {
                    4 => indices / 3,
                    5 | 6 => indices.saturating_sub(2),
                    _ => 0, // not drawn
                };
                if triangles == 0 {
                    continue;
                }
                let vertices = if primitive.attribute("NORMAL").is_some() { points } else { points.max(triangles * 3) };
                cost.vertices += vertices;
                cost.triangles += triangles;
                mesh_triangles += triangles;
            }
            cost.mesh_triangles.push(mesh_triangles);
        }
        Self::check("vertices after expansion", cost.vertices, self.vertices)?;
        Self::check("triangles", cost.triangles, self.triangles)?;
        Ok(cost)
    }

    /// The drawn scene: nodes with a mesh, and the triangles they draw together.
    pub fn check_scene(&self, cost: &MeshCost, drawn_meshes: impl Iterator<Item = usize>) -> Result<(), OverBudget> {
        let (mut nodes, mut triangles) = (0u64, 0u64);
        for mesh in drawn_meshes {
            nodes += 1;
            triangles += cost.mesh_triangles.get(mesh).copied().unwrap_or(0);
        }
        Self::check("nodes drawing a mesh", nodes, self.drawn_nodes)?;
        Self::check("triangles drawn (each node's mesh)", triangles, self.drawn_triangles)
    }

    /// One image's size from its header, and the running total of pixels.
    pub fn check_image(&self, width: u32, height: u32, pixels_so_far: &mut u64) -> Result<(), OverBudget> {
        Self::check("image side, pixels", width.max(height) as u64, self.image_side as u64)?;
        *pixels_so_far += width as u64 * height as u64;
        Self::check("image pixels in all", *pixels_so_far, self.image_pixels)
    }
}

/// What the meshes cost, from [`LoadBudget::check_document`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeshCost {
    /// Vertices after expansion, all primitives.
    pub vertices: u64,
    /// Triangles, all primitives.
    pub triangles: u64,
    /// Triangles per mesh, by mesh index.
    pub mesh_triangles: Vec<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_at_the_limit_passes_and_one_more_does_not() {
        assert!(LoadBudget::check("x", 10, 10).is_ok());
        let over = LoadBudget::check("vertices", 11, 10).unwrap_err();
        assert_eq!(over.to_string(), "vertices: 11 (at most 10)");
    }

    #[test]
    fn the_json_shape_is_counted_outside_strings() {
        let budget = LoadBudget { json_objects: 2, json_values: 10, ..LoadBudget::default() };
        // 2 objects; values (keys too): {…}, "a", […], 1, 2.5e3, {…}, "b", true, "c", "x{[,\"".
        let json = br#"{"a": [1, 2.5e3, {"b": true}], "c": "x{[,\""}"#;
        assert!(budget.check_json(json).is_ok(), "{:?}", budget.check_json(json));
        let fewer = LoadBudget { json_values: 9, ..budget };
        assert_eq!(fewer.check_json(json).unwrap_err().found, 10);
        let one_object = LoadBudget { json_objects: 1, ..budget };
        assert_eq!(one_object.check_json(json).unwrap_err().what, "JSON objects");
    }

    #[test]
    fn pixels_add_up_over_images() {
        let budget = LoadBudget { image_pixels: 100, ..LoadBudget::default() };
        let mut total = 0;
        budget.check_image(8, 8, &mut total).unwrap();
        assert!(budget.check_image(8, 8, &mut total).is_err(), "128 pixels in all");
    }

    #[test]
    fn device_limits_lower_the_budget() {
        let budget = LoadBudget::default().for_device(4096, 256 << 20);
        assert!(budget.check_image(4096, 16, &mut 0).is_ok());
        assert!(budget.check_image(4097, 16, &mut 0).is_err());
        let large = LoadBudget::default().for_device(16_384, u64::MAX);
        assert_eq!(large, LoadBudget::default(), "never raised");
        let small = LoadBudget::default().for_device(8192, 64 * 1000);
        assert_eq!((small.vertices, small.triangles), (1000, 5333), "one buffer each");
    }
}
