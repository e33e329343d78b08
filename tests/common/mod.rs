//! Builders for small glTF documents used by the tests: inline JSON + binary, packed as GLB.

#![allow(dead_code)]

/// Packs a glTF JSON document and a binary chunk into a GLB container.
pub fn glb(json: &str, bin: &[u8]) -> Vec<u8> {
    let mut json = json.as_bytes().to_vec();
    while json.len() % 4 != 0 {
        json.push(b' ');
    }
    let mut bin = bin.to_vec();
    while bin.len() % 4 != 0 {
        bin.push(0);
    }
    let total = 12 + 8 + json.len() + if bin.is_empty() { 0 } else { 8 + bin.len() };
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(b"glTF");
    out.extend_from_slice(&2u32.to_le_bytes());
    out.extend_from_slice(&(total as u32).to_le_bytes());
    out.extend_from_slice(&(json.len() as u32).to_le_bytes());
    out.extend_from_slice(b"JSON");
    out.extend_from_slice(&json);
    if !bin.is_empty() {
        out.extend_from_slice(&(bin.len() as u32).to_le_bytes());
        out.extend_from_slice(b"BIN\0");
        out.extend_from_slice(&bin);
    }
    out
}

/// A UV sphere of radius 1: (interleaved positions+normals as f32, u16 indices).
pub fn uv_sphere(rings: u32, segments: u32) -> (Vec<f32>, Vec<u16>) {
    let mut vertices = Vec::new();
    for ring in 0..=rings {
        let polar = std::f32::consts::PI * ring as f32 / rings as f32;
        for segment in 0..=segments {
            let azimuth = std::f32::consts::TAU * segment as f32 / segments as f32;
            let n = [polar.sin() * azimuth.cos(), polar.cos(), -polar.sin() * azimuth.sin()];
            vertices.extend_from_slice(&n);
            vertices.extend_from_slice(&n);
        }
    }
    let mut indices = Vec::new();
    let row = segments + 1;
    for ring in 0..rings {
        for segment in 0..segments {
            let a = (ring * row + segment) as u16;
            let b = a + row as u16;
            indices.extend_from_slice(&[a, b, a + 1, a + 1, b, b + 1]);
        }
    }
    (vertices, indices)
}

/// A row of five spheres of radius 1 cm, 2.4 cm apart, one material each with perceptual
/// roughness 0, 0.25, 0.5, 0.75, 1 and the given linear base colour (metallic 1).
pub fn roughness_sweep_glb(base_color: [f32; 3]) -> Vec<u8> {
    let (vertices, indices) = uv_sphere(48, 96);
    let vertex_bytes: Vec<u8> = vertices.iter().flat_map(|v| v.to_le_bytes()).collect();
    let index_bytes: Vec<u8> = indices.iter().flat_map(|i| i.to_le_bytes()).collect();
    let mut bin = vertex_bytes.clone();
    bin.extend_from_slice(&index_bytes);
    let vertex_count = vertices.len() / 6;
    let [r, g, b] = base_color;
    let materials: Vec<String> = (0..5)
        .map(|i| format!(r#"{{"pbrMetallicRoughness":{{"baseColorFactor":[{r},{g},{b},1],"metallicFactor":1,"roughnessFactor":{}}}}}"#, i as f32 * 0.25))
        .collect();
    let meshes: Vec<String> = (0..5)
        .map(|i| {
            format!(r#"{{"primitives":[{{"attributes":{{"POSITION":0,"NORMAL":1}},"indices":2,"material":{i}}}]}}"#)
        })
        .collect();
    let nodes: Vec<String> = (0..5)
        .map(|i| format!(r#"{{"mesh":{i},"translation":[{},0,0],"scale":[0.01,0.01,0.01]}}"#, (i as f32 - 2.0) * 0.024))
        .collect();
    let json = format!(
        r#"{{"asset":{{"version":"2.0"}},"scene":0,"scenes":[{{"nodes":[0,1,2,3,4]}}],"nodes":[{nodes}],"meshes":[{meshes}],"materials":[{materials}],
        "buffers":[{{"byteLength":{bin_len}}}],
        "bufferViews":[{{"buffer":0,"byteOffset":0,"byteLength":{vb},"byteStride":24,"target":34962}},{{"buffer":0,"byteOffset":{vb},"byteLength":{ib},"target":34963}}],
        "accessors":[{{"bufferView":0,"byteOffset":0,"componentType":5126,"count":{vertex_count},"type":"VEC3","min":[-1,-1,-1],"max":[1,1,1]}},
                     {{"bufferView":0,"byteOffset":12,"componentType":5126,"count":{vertex_count},"type":"VEC3"}},
                     {{"bufferView":1,"componentType":5123,"count":{index_count},"type":"SCALAR"}}]}}"#,
        nodes = nodes.join(","),
        meshes = meshes.join(","),
        materials = materials.join(","),
        bin_len = bin.len(),
        vb = vertex_bytes.len(),
        ib = index_bytes.len(),
        index_count = indices.len(),
    );
    glb(&json, &bin)
}
