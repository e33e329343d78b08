//! Compressed data in a model: which buffer views need decoding (meshopt views whose bytes
//! exist nowhere else, Draco streams), and where the decoded bytes go, so that everything after
//! reads plain accessors. The decoding itself is `meshopt::decode` and `draco::decode` here
//! natively; in the browser the decoder modules do it and the caller hands the results in.

use super::budget::LoadBudget;
use super::document::{self, Document};
use super::draco;
use super::error::ModelError;
use super::meshopt::{self, DecodedViews};

/// A Draco primitive's error, naming it.
fn draco_error(mesh: usize, primitive: usize, reason: &str) -> ModelError {
    ModelError::Malformed(format!("mesh {mesh} primitive {primitive} (KHR_draco_mesh_compression): {reason}"))
}

/// A compressed view to decode: its index, parameters and compressed bytes.
pub(super) type Pending<'b> = (usize, meshopt::Compressed, &'b [u8]);

/// The compressed views whose data exists nowhere else (their view lies in a fallback
/// buffer), with their compressed bytes, checked against their buffers and `budget`.
pub(super) fn to_decode<'b>(
    document: &Document,
    buffers: &'b [Vec<u8>],
    budget: &LoadBudget,
) -> Result<Vec<Pending<'b>>, ModelError> {
    let mut total = 0u64;
    let mut jobs = Vec::new();
    for (index, view) in document.views.iter().enumerate() {
        let Some(compressed) = view.compressed.filter(|_| document.buffers[view.buffer].fallback) else { continue };
        let bad =
            |reason: String| ModelError::Malformed(format!("buffer view {index} (EXT_meshopt_compression): {reason}"));
        if compressed.decoded_bytes() != view.length as u64 {
            return Err(bad(format!(
                "{} elements of {} bytes do not fill its {} bytes",
                compressed.count, compressed.stride, view.length
            )));
        }
        total += view.length as u64;
        LoadBudget::check("bytes decoded from compressed views", total, budget.decoded_bytes)?;
        let source = compressed
            .offset
            .checked_add(compressed.length)
            .and_then(|end| buffers[compressed.buffer].get(compressed.offset..end))
            .ok_or_else(|| bad(format!("its compressed bytes lie past the end of buffer {}", compressed.buffer)))?;
        jobs.push((index, compressed, source));
    }
    Ok(jobs)
}

/// Writes each compressed view's decoded bytes where the view says they are: `given` by the
/// caller, or decoded here where the build has the decoder.
pub(super) fn fill_compressed_views(
    document: &Document,
    buffers: &mut [Vec<u8>],
    given: &DecodedViews,
    budget: &LoadBudget,
) -> Result<(), ModelError> {
    let mut decoded = Vec::new();
    for (index, compressed, source) in to_decode(document, buffers, budget)? {
        let bad =
            |reason: String| ModelError::Malformed(format!("buffer view {index} (EXT_meshopt_compression): {reason}"));
        let bytes = match given.get(&index) {
            Some(bytes) => bytes.clone(),
            None => decode_view(index, &compressed, source, budget.decoded_bytes)?,
        };
        if bytes.len() as u64 != compressed.decoded_bytes() {
            return Err(bad(format!("decoded to {} bytes, not {}", bytes.len(), compressed.decoded_bytes())));
        }
        decoded.push((index, bytes));
    }
    for (index, bytes) in decoded {
        let view = document.views[index];
        let target = view
            .offset
            .checked_add(view.length)
            .and_then(|end| buffers[view.buffer].get_mut(view.offset..end))
            .ok_or_else(|| {
                ModelError::Malformed(format!("buffer view {index} lies past the end of buffer {}", view.buffer))
            })?;
        target.copy_from_slice(&bytes);
    }
    Ok(())
}

#[cfg(any(not(target_arch = "wasm32"), feature = "meshopt"))]
fn decode_view(
    index: usize,
    compressed: &meshopt::Compressed,
    source: &[u8],
    limit: u64,
) -> Result<Vec<u8>, ModelError> {
    meshopt::decode(compressed, source, limit).map_err(|reason| {
        ModelError::Malformed(format!("buffer view {index} (EXT_meshopt_compression) does not decode: {reason}"))
    })
}

#[cfg(all(target_arch = "wasm32", not(feature = "meshopt")))]
fn decode_view(index: usize, _: &meshopt::Compressed, _: &[u8], _: u64) -> Result<Vec<u8>, ModelError> {
    Err(ModelError::DecoderMissing(format!("buffer view {index} is meshopt-compressed and was not decoded")))
}

/// A primitive's Draco stream: where it is, what its accessors declare, and its bytes.
pub(super) struct DracoStream<'b> {
    pub(super) mesh: usize,
    pub(super) primitive: usize,
    pub(super) view: usize,
    pub(super) points: usize,
    pub(super) faces: usize,
    pub(super) bytes: &'b [u8],
}

/// Every Draco primitive's stream, with the counts its accessors declare (the decode may not
/// exceed them: the budget counted them).
pub(super) fn draco_streams<'b>(
    document: &Document,
    buffers: &'b [Vec<u8>],
) -> Result<Vec<DracoStream<'b>>, ModelError> {
    let mut streams = Vec::new();
    for (m, mesh) in document.meshes.iter().enumerate() {
        for (p, primitive) in mesh.primitives.iter().enumerate() {
            let Some(draco) = &primitive.draco else { continue };
            let bad = |reason: &str| draco_error(m, p, reason);
            let position =
                primitive.attribute("POSITION").ok_or(ModelError::MissingPositions { mesh: m, primitive: p })?;
            let indices = primitive.indices.ok_or_else(|| bad("it has no indices accessor"))?;
            let view = document.views[draco.view];
            let bytes = view
                .offset
                .checked_add(view.length)
                .and_then(|end| buffers[view.buffer].get(view.offset..end))
                .ok_or_else(|| bad("its buffer view lies past the end of its buffer"))?;
            let (points, faces) = (document.accessors[position].count, document.accessors[indices].count / 3);
            streams.push(DracoStream { mesh: m, primitive: p, view: draco.view, points, faces, bytes });
        }
    }
    Ok(streams)
}

/// Gives each Draco primitive's accessors its decoded values as plain data (floats, indices as
/// u32) in a buffer of their own, so everything after reads them as any other accessor. The
/// streams come decoded by the caller (`given`, by buffer view) or are decoded here where the
/// build has the decoder.
pub(super) fn fill_draco(
    document: &mut Document,
    buffers: &mut Vec<Vec<u8>>,
    given: &DecodedViews,
    budget: &LoadBudget,
) -> Result<(), ModelError> {
    let mut decoded_bytes = 0u64;
    let mut filled = Vec::new();
    for stream in draco_streams(document, buffers)? {
        let DracoStream { mesh: m, primitive: p, view, points, faces, bytes } = stream;
        let bad = |reason: String| draco_error(m, p, &reason);
        let decoded = match given.get(&view) {
            Some(bytes) => {
                draco::DecodedDraco::from_bytes(bytes).ok_or_else(|| bad("its decoded data is cut short".into()))?
            }
            None => decode_draco(m, p, bytes, points, faces, budget.decoded_bytes)?,
        };
        if decoded.points != points || decoded.indices.len() != faces * 3 {
            return Err(bad(format!(
                "decodes to {} points and {} triangles, its accessors say {points} and {faces}",
                decoded.points,
                decoded.indices.len() / 3
            )));
        }
        decoded_bytes +=
            (decoded.indices.len() + decoded.attributes.iter().map(|a| a.2.len()).sum::<usize>()) as u64 * 4;
        LoadBudget::check("bytes decoded from Draco streams", decoded_bytes, budget.decoded_bytes)?;
        filled.push((m, p, decoded));
    }
    for (m, p, decoded) in filled {
        let primitive = &document.meshes[m].primitives[p];
        let bad = |reason: String| draco_error(m, p, &reason);
        let buffer = buffers.len();
        let mut data = Vec::new();
        let mut placed = Vec::new(); // (accessor, offset, length, component)
        for (semantic, id) in primitive.draco.iter().flat_map(|d| &d.attributes) {
            let Some(accessor) = primitive.attribute(semantic) else { continue };
            let (components, values) =
                decoded.attribute(*id).ok_or_else(|| bad(format!("no Draco attribute {id} for {semantic}")))?;
            let declared = &document.accessors[accessor];
            if components != declared.components {
                return Err(bad(format!(
                    "{semantic} decodes to {components} components, its accessor has {}",
                    declared.components
                )));
            }
            // Draco gives normalized integers as stored: scaled to 0…1 or −1…1 here, as a
            // reader of the accessor would.
            let (scale, floor) = match (declared.normalized, declared.component) {
                (false, _) => (1.0, f32::MIN),
                (true, c @ (document::Component::I8 | document::Component::I16)) => (c.normalized_max(), -1.0),
                (true, c) => (c.normalized_max(), f32::MIN),
            };
            let offset = data.len();
            for value in values {
                data.extend_from_slice(&(value / scale).max(floor).to_le_bytes());
            }
            placed.push((accessor, offset, data.len() - offset, document::Component::F32));
        }
        if let Some(indices) = primitive.indices {
            let offset = data.len();
            decoded.indices.iter().for_each(|i| data.extend_from_slice(&i.to_le_bytes()));
            placed.push((indices, offset, data.len() - offset, document::Component::U32));
        }
        for (accessor, offset, length, component) in placed {
            document.views.push(document::View { buffer, offset, length, stride: None, compressed: None });
            let accessor = &mut document.accessors[accessor];
            accessor.view = Some(document.views.len() - 1);
            accessor.offset = 0;
            accessor.component = component;
            accessor.normalized = false;
            accessor.sparse = None;
        }
        document.buffers.push(document::Buffer { uri: None, length: data.len(), fallback: false });
        buffers.push(data);
    }
    Ok(())
}

#[cfg(any(not(target_arch = "wasm32"), feature = "draco"))]
fn decode_draco(
    mesh: usize,
    primitive: usize,
    bytes: &[u8],
    points: usize,
    faces: usize,
    limit: u64,
) -> Result<draco::DecodedDraco, ModelError> {
    draco::decode(bytes, points as u64, faces as u64, limit)
        .map_err(|reason| draco_error(mesh, primitive, &format!("does not decode: {reason}")))
}

#[cfg(all(target_arch = "wasm32", not(feature = "draco")))]
fn decode_draco(
    mesh: usize,
    primitive: usize,
    _: &[u8],
    _: usize,
    _: usize,
    _: u64,
) -> Result<draco::DecodedDraco, ModelError> {
    Err(ModelError::DecoderMissing(format!(
        "mesh {mesh} primitive {primitive} is Draco-compressed and was not decoded"
    )))
}
