//! Reading glTF JSON objects: lists of objects, indices checked against the list they point
//! into, sizes, strings and fixed-length number arrays, each refusal naming its path.

use serde_json::{Map, Value};

use super::error::{malformed, ModelError};

pub(super) type Object = Map<String, Value>;

pub(super) fn objects<'v>(parent: &'v Object, key: &str, path: &str) -> Result<Vec<&'v Object>, ModelError> {
    match parent.get(key) {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| item.as_object().ok_or_else(|| malformed(format!("{path}{key}[{i}] is not an object"))))
            .collect(),
        Some(_) => Err(malformed(format!("{path}{key} is not an array"))),
    }
}

pub(super) fn index(
    object: &Object,
    key: &str,
    path: &str,
    list: &str,
    len: usize,
) -> Result<Option<usize>, ModelError> {
    match object.get(key) {
        None => Ok(None),
        Some(value) => {
            let i = value.as_u64().ok_or_else(|| malformed(format!("{path}.{key} is not an index")))?;
            if i >= len as u64 {
                return Err(malformed(format!("{path}.{key}: {list} {i} does not exist (the file has {len})")));
            }
            Ok(Some(i as usize))
        }
    }
}

pub(super) fn required_index(
    object: &Object,
    key: &str,
    path: &str,
    list: &str,
    len: usize,
) -> Result<usize, ModelError> {
    index(object, key, path, list, len)?.ok_or_else(|| malformed(format!("{path} has no {key}")))
}

pub(super) fn size(object: &Object, key: &str, path: &str) -> Result<Option<usize>, ModelError> {
    match object.get(key) {
        None => Ok(None),
        Some(value) => value
            .as_u64()
            .and_then(|v| usize::try_from(v).ok())
            .map(Some)
            .ok_or_else(|| malformed(format!("{path}.{key} is not a non-negative integer"))),
    }
}

pub(super) fn string(object: &Object, key: &str) -> Option<String> {
    object.get(key).and_then(Value::as_str).map(str::to_string)
}

pub(super) fn numbers<const N: usize>(object: &Object, key: &str, path: &str) -> Result<Option<[f32; N]>, ModelError> {
    let Some(value) = object.get(key) else { return Ok(None) };
    let bad = || malformed(format!("{path}.{key} is not {N} numbers"));
    let items = value.as_array().filter(|a| a.len() == N).ok_or_else(bad)?;
    let mut out = [0.0; N];
    for (slot, item) in out.iter_mut().zip(items) {
        *slot = item.as_f64().ok_or_else(bad)? as f32;
    }
    Ok(Some(out))
}

pub(super) fn indices(
    object: &Object,
    key: &str,
    path: &str,
    list: &str,
    len: usize,
) -> Result<Vec<usize>, ModelError> {
    let Some(value) = object.get(key) else { return Ok(Vec::new()) };
    let items = value.as_array().ok_or_else(|| malformed(format!("{path}.{key} is not an array")))?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| match item.as_u64() {
            Some(n) if n < len as u64 => Ok(n as usize),
            Some(n) => Err(malformed(format!("{path}.{key}[{i}]: {list} {n} does not exist (the file has {len})"))),
            None => Err(malformed(format!("{path}.{key}[{i}] is not an index"))),
        })
        .collect()
}
