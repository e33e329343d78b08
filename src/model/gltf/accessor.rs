//! Accessors: checking one against its buffer view before anything reads it, and reading its
//! elements as floats or indices (sparse substitution included).

use super::document::{Accessor, Component, Document};
use super::error::ModelError;

/// Checks that an accessor (and its sparse parts) lies inside its buffer view and buffer, with
/// overflow-safe arithmetic, so the readers below can never index out of bounds.
pub(super) fn check_accessor(
    document: &Document,
    index: usize,
    accessor: &Accessor,
    buffers: &[Vec<u8>],
) -> Result<(), ModelError> {
    let bad = |reason: String| ModelError::BadAccessor { accessor: index, reason };
    if accessor.count == 0 {
        return Err(bad("count is 0".into()));
    }
    let element_size = accessor.element_size();
    let check_range = |view_index: usize, offset: usize, count: usize, size: usize, stride: usize| {
        let view = document.views[view_index];
        view.offset
            .checked_add(view.length)
            .filter(|&end| end <= buffers[view.buffer].len())
            .ok_or_else(|| bad(format!("buffer view {view_index} extends past the end of its buffer")))?;
        let needed = stride
            .checked_mul(count - 1)
            .and_then(|n| n.checked_add(size))
            .and_then(|n| n.checked_add(offset))
            .ok_or_else(|| bad(format!("{count} elements overflow the address space")))?;
        if needed > view.length {
            return Err(bad(format!("needs {needed} bytes of buffer view {view_index}, which has {}", view.length)));
        }
        Ok(())
    };
    if let Some(view) = accessor.view {
        let stride = document.views[view].stride.unwrap_or(element_size);
        if stride < element_size {
            return Err(bad(format!("byteStride {stride} is smaller than an element ({element_size} bytes)")));
        }
        check_range(view, accessor.offset, accessor.count, element_size, stride)?;
    } else if accessor.sparse.is_none() {
        return Err(bad("has neither a buffer view nor sparse values".into()));
    }
    if let Some(sparse) = &accessor.sparse {
        let count = sparse.count;
        if count == 0 || count > accessor.count {
            return Err(bad(format!("sparse count {count} is not within 1..={}", accessor.count)));
        }
        let (index_view, index_offset, index_component) = sparse.indices;
        let index_size = index_component.size();
        check_range(index_view, index_offset, count, index_size, index_size)?;
        let (values_view, values_offset) = sparse.values;
        check_range(values_view, values_offset, count, element_size, element_size)?;
        // Sparse indices must point inside the accessor.
        let view = document.views[index_view];
        let data = &buffers[view.buffer];
        let start = view.offset + index_offset;
        for i in 0..count {
            let value = index_component.read_index(data, start + i * index_size) as usize;
            if value >= accessor.count {
                return Err(bad(format!("sparse index {value} is past the accessor's {} elements", accessor.count)));
            }
        }
    }
    Ok(())
}

/// `SCALAR`, `VEC3`… as the error messages write them (`Scalar`, `Vec3`).
fn kind_name(kind: &str) -> String {
    let mut chars = kind.chars();
    chars.next().map_or_else(String::new, |first| first.to_string() + &chars.as_str().to_ascii_lowercase())
}

pub(super) fn expect_layout(
    document: &Document,
    accessor: usize,
    semantic: &str,
    kind: &str,
    components: &[Component],
) -> Result<(), ModelError> {
    let found = &document.accessors[accessor];
    if found.kind != kind || !components.contains(&found.component) {
        return Err(ModelError::BadAccessor {
            accessor,
            reason: format!(
                "{semantic} must be {} of {components:?}, found {} of {:?}",
                kind_name(kind),
                kind_name(&found.kind),
                found.component
            ),
        });
    }
    Ok(())
}

/// An accessor's elements as f32 components (normalized integers scaled to 0…1 or −1…1),
/// sparse substitutions applied. The loader bounds-checks every accessor and its count against
/// the load budget first; the reads here are checked again (sizes in `u64`, `get` for every
/// byte), so a reader called on an unchecked accessor returns an error instead of panicking,
/// wrapping on wasm32 or allocating what the file only declares.
pub fn read_f32(document: &Document, buffers: &[Vec<u8>], accessor: usize) -> Result<Vec<f32>, ModelError> {
    let bad = |reason: &str| ModelError::BadAccessor { accessor, reason: reason.to_string() };
    let a = document.accessors.get(accessor).ok_or_else(|| bad("does not exist"))?;
    let (n, size) = (a.components, a.component.size());
    let total = (a.count as u64)
        .checked_mul(n as u64)
        .and_then(|t| usize::try_from(t).ok())
        .ok_or_else(|| bad("its size overflows"))?;
    let mut out = Vec::new();
    out.try_reserve_exact(total).map_err(|_| bad("its size does not fit in memory"))?;
    out.resize(total, 0.0);
    let read = |data: &[u8], at: u64| -> Result<f32, ModelError> {
        let at = usize::try_from(at).ok().filter(|&at| at.checked_add(size).is_some_and(|end| end <= data.len()));
        at.map(|at| a.component.read(data, at, a.normalized)).ok_or_else(|| bad("reads past its buffer"))
    };
    let buffer = |index: usize| buffers.get(index).map(Vec::as_slice).ok_or_else(|| bad("its buffer is missing"));
    let view_of = |index: usize| document.views.get(index).copied().ok_or_else(|| bad("its buffer view is missing"));
    if let Some(view) = a.view.map(view_of).transpose()? {
        let data = buffer(view.buffer)?;
        let stride = view.stride.unwrap_or(a.element_size()) as u64;
        let base = view.offset as u64 + a.offset as u64;
        for (e, element) in out.chunks_exact_mut(n).enumerate() {
            let start = base + e as u64 * stride;
            for (c, slot) in element.iter_mut().enumerate() {
                *slot = read(data, start + (c * size) as u64)?;
            }
        }
    }
    if let Some(sparse) = &a.sparse {
        let (index_view, index_offset, index_component) = sparse.indices;
        let (values_view, values_offset) = sparse.values;
        let (iv, vv) = (view_of(index_view)?, view_of(values_view)?);
        let (index_data, value_data) = (buffer(iv.buffer)?, buffer(vv.buffer)?);
        let index_size = index_component.size() as u64;
        for i in 0..sparse.count as u64 {
            let at = iv.offset as u64 + index_offset as u64 + i * index_size;
            let at = usize::try_from(at)
                .ok()
                .filter(|&at| at.checked_add(index_size as usize).is_some_and(|end| end <= index_data.len()))
                .ok_or_else(|| bad("a sparse index reads past its buffer"))?;
            let target = index_component.read_index(index_data, at) as usize;
            let element = out
                .get_mut(target.saturating_mul(n)..)
                .and_then(|rest| rest.get_mut(..n))
                .ok_or_else(|| bad("a sparse index is past its elements"))?;
            for (c, slot) in element.iter_mut().enumerate() {
                let at = vv.offset as u64 + values_offset as u64 + (i * n as u64 + c as u64) * size as u64;
                *slot = read(value_data, at)?;
            }
        }
    }
    Ok(out)
}

/// An index accessor's values (a sparse one goes through f32, exact below 2^24); checked as
/// [`read_f32`] is.
pub fn read_indices(document: &Document, buffers: &[Vec<u8>], accessor: usize) -> Result<Vec<u32>, ModelError> {
    let bad = |reason: &str| ModelError::BadAccessor { accessor, reason: reason.to_string() };
    let a = document.accessors.get(accessor).ok_or_else(|| bad("does not exist"))?;
    let view = match (a.view, &a.sparse) {
        (Some(view), None) => document.views.get(view).copied().ok_or_else(|| bad("its buffer view is missing"))?,
        _ => return Ok(read_f32(document, buffers, accessor)?.into_iter().map(|v| v as u32).collect()),
    };
    let data = buffers.get(view.buffer).ok_or_else(|| bad("its buffer is missing"))?;
    let stride = view.stride.unwrap_or(a.element_size()) as u64;
    let size = a.component.size() as u64;
    let base = view.offset as u64 + a.offset as u64;
    let last = (a.count as u64).checked_sub(1).map_or(Some(0), |l| l.checked_mul(stride)?.checked_add(base + size));
    if last.is_none_or(|end| end > data.len() as u64) {
        return Err(bad("reads past its buffer"));
    }
    Ok((0..a.count as u64).map(|e| a.component.read_index(data, (base + e * stride) as usize)).collect())
}
