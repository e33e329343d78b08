//! KHR_draco_mesh_compression: a primitive whose indices and attributes are one Draco stream
//! in a buffer view (what `gltf-transform draco` and Blender's exporter write).
//!
//! Pure. The document names each compressed primitive ([`DracoPrimitive`]); the stream is
//! decoded natively here ([`decode`], draco-core: Draco's format in safe Rust) or in the
//! browser by the Draco module (`www/pkg/draco/`), which hands it back serialized ([`DecodedDraco::to_bytes`]);
//! the loader then gives the primitive's accessors the decoded values as plain float data
//! ([`super::fill_draco`]), so everything after reads them as any other accessor.

use serde_json::Value;

use super::error::{malformed, ModelError};
use super::json::{required_index, Object};

/// One primitive's `KHR_draco_mesh_compression` object, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DracoPrimitive {
    /// The buffer view holding the Draco stream (checked).
    pub view: usize,
    /// Each glTF attribute and the Draco attribute's unique id it is decoded from.
    pub attributes: Vec<(String, u32)>,
}

/// The extension's object on a primitive, if it has one. `path` is the primitive's JSON path.
pub(super) fn read_primitive(
    primitive: &Object,
    path: &str,
    views: usize,
) -> Result<Option<DracoPrimitive>, ModelError> {
    let Some(extension) = primitive.get("extensions").and_then(|e| e.get("KHR_draco_mesh_compression")) else {
        return Ok(None);
    };
    let path = format!("{path}.extensions.KHR_draco_mesh_compression");
    let object = extension.as_object().ok_or_else(|| malformed(format!("{path} is not an object")))?;
    let view = required_index(object, "bufferView", &path, "buffer view", views)?;
    let ids = object
        .get("attributes")
        .and_then(Value::as_object)
        .ok_or_else(|| malformed(format!("{path} has no attributes")))?;
    let mut attributes = Vec::new();
    for (name, id) in ids {
        let id = id
            .as_u64()
            .and_then(|id| u32::try_from(id).ok())
            .ok_or_else(|| malformed(format!("{path}.attributes.{name} is not a Draco attribute id")))?;
        attributes.push((name.clone(), id));
    }
    Ok(Some(DracoPrimitive { view, attributes }))
}

/// A decoded Draco stream: triangle indices and each attribute's values as floats, by the
/// attribute's unique id (integer attributes as their integer values).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DecodedDraco {
    /// Points (vertices).
    pub points: usize,
    /// Triangle list indices into the points.
    pub indices: Vec<u32>,
    /// (unique id, components, `points × components` values).
    pub attributes: Vec<(u32, usize, Vec<f32>)>,
}

impl DecodedDraco {
    /// The values of attribute `id` with their component count.
    pub fn attribute(&self, id: u32) -> Option<(usize, &[f32])> {
        self.attributes.iter().find(|(a, _, _)| *a == id).map(|(_, n, values)| (*n, values.as_slice()))
    }

    /// As bytes, to cross from the decoder module to the viewer: little-endian u32 points,
    /// index count, the indices, attribute count, then per attribute its id, components and
    /// f32 values.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut word = |value: u32| out.extend_from_slice(&value.to_le_bytes());
        word(self.points as u32);
        word(self.indices.len() as u32);
        self.indices.iter().for_each(|&i| word(i));
        word(self.attributes.len() as u32);
        for (id, components, values) in &self.attributes {
            word(*id);
            word(*components as u32);
            values.iter().for_each(|v| word(v.to_bits()));
        }
        out
    }

    /// Reads [`DecodedDraco::to_bytes`]'s layout back; `None` when the bytes are short or
    /// their counts disagree (never reads past them, never allocates more than they hold).
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let mut words = bytes.chunks_exact(4).map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]));
        let mut next = || words.next();
        let points = next()? as usize;
        let count = next()? as usize;
        if count > bytes.len() / 4 {
            return None;
        }
        let indices = (0..count).map(|_| next()).collect::<Option<Vec<u32>>>()?;
        let mut attributes = Vec::new();
        for _ in 0..next()? {
            let (id, components) = (next()?, next()? as usize);
            let total = points.checked_mul(components).filter(|&t| t <= bytes.len() / 4)?;
            let values = (0..total).map(|_| next().map(f32::from_bits)).collect::<Option<Vec<f32>>>()?;
            attributes.push((id, components, values));
        }
        Some(Self { points, indices, attributes })
    }
}

/// Decodes a Draco mesh stream with draco-core, refusing more than `max_points` points,
/// `max_faces` triangles or `max_bytes` of decoded values before allocating them. Malformed
/// data is an error, never a panic.
#[cfg(any(not(target_arch = "wasm32"), feature = "draco"))]
pub fn decode(bytes: &[u8], max_points: u64, max_faces: u64, max_bytes: u64) -> Result<DecodedDraco, String> {
    use draco_core::{DecodeLimits, DecoderBuffer, Mesh, MeshDecoder};
    let limits =
        DecodeLimits::default().with_max_points(max_points).with_max_faces(max_faces).with_max_decoded_bytes(max_bytes);
    let mut buffer = DecoderBuffer::new(bytes).with_limits(limits);
    let mut mesh = Mesh::new();
    MeshDecoder::new().decode(&mut buffer, &mut mesh).map_err(|e| format!("{e:?}"))?;
    let points = mesh.num_points();
    let indices = mesh.faces().iter().flat_map(|face| face.iter().map(|p| p.0)).collect();
    let attributes = (0..mesh.num_attributes())
        .map(|index| {
            let attribute = mesh.attribute(index);
            let components = attribute.num_components() as usize;
            (attribute.unique_id(), components, attribute.read_f32s(points, components))
        })
        .collect();
    Ok(DecodedDraco { points, indices, attributes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoded_streams_cross_as_bytes_and_short_bytes_are_refused() {
        let decoded = DecodedDraco {
            points: 3,
            indices: vec![0, 1, 2],
            attributes: vec![(0, 3, vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.5]), (4, 1, vec![1.0, 2.0, 3.0])],
        };
        let bytes = decoded.to_bytes();
        assert_eq!(DecodedDraco::from_bytes(&bytes), Some(decoded));
        for cut in [0, 4, 8, bytes.len() - 4] {
            assert_eq!(DecodedDraco::from_bytes(&bytes[..cut]), None, "cut at {cut}");
        }
        let mut huge = bytes.clone();
        huge[..4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(DecodedDraco::from_bytes(&huge), None, "a count the bytes cannot hold");
    }
}
