//! The binary container (GLB): a header, a JSON chunk and an optional BIN chunk.

use super::error::{malformed, ModelError};

pub(super) const GLB_MAGIC: &[u8; 4] = b"glTF";

const CHUNK_JSON: u32 = 0x4E4F_534A;

const CHUNK_BIN: u32 = 0x004E_4942;

/// The GLB container: a 12-byte header, a JSON chunk, then an optional BIN chunk.
pub(super) fn split_glb(bytes: &[u8]) -> Result<(&[u8], Option<&[u8]>), ModelError> {
    let word = |at: usize| {
        bytes
            .get(at..at + 4)
            .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
            .ok_or_else(|| malformed(format!("the GLB ends at {} bytes, inside its headers", bytes.len())))
    };
    let version = word(4)?;
    if version != 2 {
        return Err(malformed(format!("GLB version {version} (only 2 is glTF 2.0)")));
    }
    let declared = word(8)? as usize;
    if declared < 20 {
        return Err(malformed(format!(
            "the GLB header declares {declared} bytes, less than the 20 its own headers take"
        )));
    }
    if declared > bytes.len() {
        return Err(malformed(format!("the GLB header declares {declared} bytes, the file has {}", bytes.len())));
    }
    let bytes = &bytes[..declared];
    let mut chunks = Vec::new();
    let mut at = 12;
    while at < bytes.len() {
        let length = word(at)? as usize;
        let kind = word(at + 4)?;
        let start = at + 8;
        let end = start
            .checked_add(length)
            .filter(|&end| end <= bytes.len())
            .ok_or_else(|| malformed(format!("a GLB chunk of {length} bytes at {at} runs past the end of the file")))?;
        chunks.push((kind, &bytes[start..end]));
        at = end;
    }
    match chunks.as_slice() {
        [(CHUNK_JSON, json), rest @ ..] => {
            Ok((json, rest.iter().find(|(kind, _)| *kind == CHUNK_BIN).map(|&(_, data)| data)))
        }
        _ => Err(malformed("the GLB's first chunk is not JSON".into())),
    }
}
