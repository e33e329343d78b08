//! Builders for small glTF documents used by the tests: inline JSON + binary, packed as GLB.

#![allow(dead_code)]

/// Packs a glTF JSON document and a binary chunk into a GLB container.
pub fn glb(json: &str, bin: &[u8]) -> Vec<u8> {
    let mut json = json.as_bytes().to_vec();
    while !json.len().is_multiple_of(4) {
        json.push(b' ');
    }
    let mut bin = bin.to_vec();
    while !bin.len().is_multiple_of(4) {
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
    roughness_sweep_glb_with(base_color, 1.0)
}

/// As [`roughness_sweep_glb`] with the given metallic factor.
pub fn roughness_sweep_glb_with(base_color: [f32; 3], metallic: f32) -> Vec<u8> {
    let [r, g, b] = base_color;
    let materials: Vec<String> = (0..5)
        .map(|i| format!(r#"{{"pbrMetallicRoughness":{{"baseColorFactor":[{r},{g},{b},1],"metallicFactor":{metallic},"roughnessFactor":{}}}}}"#, i as f32 * 0.25))
        .collect();
    sphere_row_glb(&materials, &[])
}

/// A row of spheres of radius 1 cm, 2.4 cm apart, one per material (glTF material JSON), with
/// `extensions` listed in extensionsUsed.
pub fn sphere_row_glb(materials: &[String], extensions: &[&str]) -> Vec<u8> {
    let count = materials.len();
    let (vertices, indices) = uv_sphere(48, 96);
    let vertex_bytes: Vec<u8> = vertices.iter().flat_map(|v| v.to_le_bytes()).collect();
    let index_bytes: Vec<u8> = indices.iter().flat_map(|i| i.to_le_bytes()).collect();
    let mut bin = vertex_bytes.clone();
    bin.extend_from_slice(&index_bytes);
    let vertex_count = vertices.len() / 6;
    let meshes: Vec<String> = (0..count)
        .map(|i| {
            format!(r#"{{"primitives":[{{"attributes":{{"POSITION":0,"NORMAL":1}},"indices":2,"material":{i}}}]}}"#)
        })
        .collect();
    let nodes: Vec<String> = (0..count)
        .map(|i| {
            let x = (i as f32 - (count as f32 - 1.0) / 2.0) * 0.024;
            format!(r#"{{"mesh":{i},"translation":[{x},0,0],"scale":[0.01,0.01,0.01]}}"#)
        })
        .collect();
    let roots: Vec<String> = (0..count).map(|i| i.to_string()).collect();
    let used: Vec<String> = extensions.iter().map(|e| format!("\"{e}\"")).collect();
    let json = format!(
        r#"{{"asset":{{"version":"2.0"}},"extensionsUsed":[{used}],"scene":0,"scenes":[{{"nodes":[{roots}]}}],"nodes":[{nodes}],"meshes":[{meshes}],"materials":[{materials}],
        "buffers":[{{"byteLength":{bin_len}}}],
        "bufferViews":[{{"buffer":0,"byteOffset":0,"byteLength":{vb},"byteStride":24,"target":34962}},{{"buffer":0,"byteOffset":{vb},"byteLength":{ib},"target":34963}}],
        "accessors":[{{"bufferView":0,"byteOffset":0,"componentType":5126,"count":{vertex_count},"type":"VEC3","min":[-1,-1,-1],"max":[1,1,1]}},
                     {{"bufferView":0,"byteOffset":12,"componentType":5126,"count":{vertex_count},"type":"VEC3"}},
                     {{"bufferView":1,"componentType":5123,"count":{index_count},"type":"SCALAR"}}]}}"#,
        used = used.join(","),
        roots = roots.join(","),
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

/// Encodes RGBA8 pixels as PNG.
pub fn png(width: u32, height: u32, rgba: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    image::write_buffer_with_format(
        &mut std::io::Cursor::new(&mut out),
        rgba,
        width,
        height,
        image::ExtendedColorType::Rgba8,
        image::ImageFormat::Png,
    )
    .expect("png encodes");
    out
}

/// Two textured spheres (radius 1 cm, 2.4 cm apart) exercising the texture paths: left, a
/// dielectric with a red/ivory checker base colour (sRGB) repeated by KHR_texture_transform
/// (scale 4×2); right, polished silver with a normal map of raised bands (linear, tangents
/// generated by the loader).
pub fn textured_spheres_glb() -> Vec<u8> {
    let (rings, segments) = (48u32, 96u32);
    let (positions_normals, indices) = uv_sphere(rings, segments);
    let mut vertex_bytes = Vec::new();
    for (i, chunk) in positions_normals.chunks_exact(6).enumerate() {
        let (ring, segment) = (i as u32 / (segments + 1), i as u32 % (segments + 1));
        let uv = [segment as f32 / segments as f32, ring as f32 / rings as f32];
        for value in chunk.iter().chain(&uv) {
            vertex_bytes.extend_from_slice(&value.to_le_bytes());
        }
    }
    let index_bytes: Vec<u8> = indices.iter().flat_map(|i| i.to_le_bytes()).collect();
    let checker: Vec<u8> = (0..64 * 64)
        .flat_map(|i| if ((i % 64) / 8 + (i / 64) / 8) % 2 == 0 { [170, 30, 40, 255] } else { [240, 232, 215, 255] })
        .collect();
    let bands: Vec<u8> = (0..64 * 64)
        .flat_map(|i| {
            let slope = ((i % 64) as f32 / 64.0 * std::f32::consts::TAU * 4.0).cos() * 0.6;
            let n = [slope, 0.0, 1.0];
            let length = (n[0] * n[0] + 1.0f32).sqrt();
            [((n[0] / length * 0.5 + 0.5) * 255.0) as u8, 128, ((n[2] / length * 0.5 + 0.5) * 255.0) as u8, 255]
        })
        .collect();
    let mut bin = vertex_bytes.clone();
    bin.extend_from_slice(&index_bytes);
    let images: Vec<(usize, usize)> = [png(64, 64, &checker), png(64, 64, &bands)]
        .iter()
        .map(|image| {
            while !bin.len().is_multiple_of(4) {
                bin.push(0);
            }
            let offset = bin.len();
            bin.extend_from_slice(image);
            (offset, image.len())
        })
        .collect();
    let vertex_count = positions_normals.len() / 6;
    let json = format!(
        r#"{{"asset":{{"version":"2.0"}},"extensionsUsed":["KHR_texture_transform"],"scene":0,"scenes":[{{"nodes":[0,1]}}],
        "nodes":[{{"mesh":0,"translation":[-0.012,0,0],"scale":[0.01,0.01,0.01]}},{{"mesh":1,"translation":[0.012,0,0],"scale":[0.01,0.01,0.01]}}],
        "meshes":[{{"primitives":[{{"attributes":{{"POSITION":0,"NORMAL":1,"TEXCOORD_0":2}},"indices":3,"material":0}}]}},
                  {{"primitives":[{{"attributes":{{"POSITION":0,"NORMAL":1,"TEXCOORD_0":2}},"indices":3,"material":1}}]}}],
        "materials":[{{"pbrMetallicRoughness":{{"baseColorTexture":{{"index":0,"extensions":{{"KHR_texture_transform":{{"scale":[4,2]}}}}}},"metallicFactor":0,"roughnessFactor":0.4}}}},
                     {{"pbrMetallicRoughness":{{"baseColorFactor":[0.972,0.960,0.915,1],"metallicFactor":1,"roughnessFactor":0.15}},"normalTexture":{{"index":1}}}}],
        "textures":[{{"source":0}},{{"source":1}}],
        "images":[{{"bufferView":2,"mimeType":"image/png"}},{{"bufferView":3,"mimeType":"image/png"}}],
        "buffers":[{{"byteLength":{bin_len}}}],
        "bufferViews":[{{"buffer":0,"byteOffset":0,"byteLength":{vb},"byteStride":32}},{{"buffer":0,"byteOffset":{vb},"byteLength":{ib}}},
                       {{"buffer":0,"byteOffset":{o0},"byteLength":{l0}}},{{"buffer":0,"byteOffset":{o1},"byteLength":{l1}}}],
        "accessors":[{{"bufferView":0,"byteOffset":0,"componentType":5126,"count":{vertex_count},"type":"VEC3","min":[-1,-1,-1],"max":[1,1,1]}},
                     {{"bufferView":0,"byteOffset":12,"componentType":5126,"count":{vertex_count},"type":"VEC3"}},
                     {{"bufferView":0,"byteOffset":24,"componentType":5126,"count":{vertex_count},"type":"VEC2"}},
                     {{"bufferView":1,"componentType":5123,"count":{index_count},"type":"SCALAR"}}]}}"#,
        bin_len = bin.len(),
        vb = vertex_bytes.len(),
        ib = index_bytes.len(),
        o0 = images[0].0,
        l0 = images[0].1,
        o1 = images[1].0,
        l1 = images[1].1,
        index_count = indices.len(),
    );
    glb(&json, &bin)
}

/// A polished gold plate (a cylinder 9 mm across, 1.2 mm thick, face toward +Z) with an empty
/// node named `slot` at the centre of its front face raised 0.3 mm: a stone setting to frame.
pub fn gem_plate_glb(slot: &str) -> Vec<u8> {
    const SEGMENTS: u32 = 64;
    let (radius, half) = (0.0045f32, 0.0006f32);
    let mut vertices: Vec<f32> = Vec::new();
    let mut indices: Vec<u16> = Vec::new();
    let mut push = |p: [f32; 3], n: [f32; 3]| {
        vertices.extend_from_slice(&p);
        vertices.extend_from_slice(&n);
        (vertices.len() / 6 - 1) as u16
    };
    for (z, nz) in [(half, 1.0f32), (-half, -1.0)] {
        let center = push([0.0, 0.0, z], [0.0, 0.0, nz]);
        let first = center + 1;
        for i in 0..SEGMENTS {
            let a = std::f32::consts::TAU * i as f32 / SEGMENTS as f32;
            push([radius * a.cos(), radius * a.sin(), z], [0.0, 0.0, nz]);
        }
        for i in 0..SEGMENTS as u16 {
            let (b, c) = (first + i, first + (i + 1) % SEGMENTS as u16);
            indices.extend(if nz > 0.0 { [center, b, c] } else { [center, c, b] });
        }
    }
    let mut side = None;
    for i in 0..SEGMENTS {
        let a = std::f32::consts::TAU * i as f32 / SEGMENTS as f32;
        let n = [a.cos(), a.sin(), 0.0];
        let top = push([radius * n[0], radius * n[1], half], n);
        side.get_or_insert(top);
        push([radius * n[0], radius * n[1], -half], n);
    }
    let side = side.unwrap_or(0);
    for i in 0..SEGMENTS as u16 {
        let (top, bottom) = (side + 2 * i, side + 2 * i + 1);
        let (next_top, next_bottom) =
            (side + 2 * ((i + 1) % SEGMENTS as u16), side + 2 * ((i + 1) % SEGMENTS as u16) + 1);
        indices.extend_from_slice(&[top, bottom, next_top, next_top, bottom, next_bottom]);
    }
    let vertex_bytes: Vec<u8> = vertices.iter().flat_map(|v| v.to_le_bytes()).collect();
    let index_bytes: Vec<u8> = indices.iter().flat_map(|i| i.to_le_bytes()).collect();
    let vertex_count = vertices.len() / 6;
    let json = format!(
        r#"{{"asset":{{"version":"2.0"}},"scene":0,"scenes":[{{"nodes":[0]}}],
        "nodes":[{{"name":"plate","mesh":0,"children":[1]}},{{"name":"{slot}","translation":[0,0,0.0009]}}],
        "meshes":[{{"primitives":[{{"attributes":{{"POSITION":0,"NORMAL":1}},"indices":2,"material":0}}]}}],
        "materials":[{{"pbrMetallicRoughness":{{"baseColorFactor":[1,0.78,0.34,1],"metallicFactor":1,"roughnessFactor":0.15}}}}],
        "buffers":[{{"byteLength":{total}}}],
        "bufferViews":[{{"buffer":0,"byteOffset":0,"byteLength":{vlen},"byteStride":24}},{{"buffer":0,"byteOffset":{vlen},"byteLength":{ilen}}}],
        "accessors":[
          {{"bufferView":0,"byteOffset":0,"componentType":5126,"count":{vertex_count},"type":"VEC3","min":[-{radius},-{radius},-{half}],"max":[{radius},{radius},{half}]}},
          {{"bufferView":0,"byteOffset":12,"componentType":5126,"count":{vertex_count},"type":"VEC3"}},
          {{"bufferView":1,"componentType":5123,"count":{index_count},"type":"SCALAR"}}]}}"#,
        total = vertex_bytes.len() + index_bytes.len(),
        vlen = vertex_bytes.len(),
        ilen = index_bytes.len(),
        index_count = indices.len(),
    );
    glb(&json, &[vertex_bytes, index_bytes].concat())
}

/// Extensions used by [`khr_materials_glb`].
pub const KHR_MATERIALS: [&str; 6] = [
    "KHR_materials_clearcoat",
    "KHR_materials_ior",
    "KHR_materials_specular",
    "KHR_materials_transmission",
    "KHR_materials_volume",
    "KHR_materials_dispersion",
];

/// Five spheres, one per optical extension: a clear coat over matte red, a dark dielectric of
/// IOR 2.4, a copper-tinted specular colour, thin clear glass, and a thick green dispersive
/// glass volume.
pub fn khr_materials_glb() -> Vec<u8> {
    let materials = [
        r#"{"pbrMetallicRoughness":{"baseColorFactor":[0.6,0.02,0.02,1],"metallicFactor":0,"roughnessFactor":0.7},"extensions":{"KHR_materials_clearcoat":{"clearcoatFactor":1,"clearcoatRoughnessFactor":0.03}}}"#,
        r#"{"pbrMetallicRoughness":{"baseColorFactor":[0.02,0.02,0.02,1],"metallicFactor":0,"roughnessFactor":0.05},"extensions":{"KHR_materials_ior":{"ior":2.4}}}"#,
        r#"{"pbrMetallicRoughness":{"baseColorFactor":[0.05,0.05,0.05,1],"metallicFactor":0,"roughnessFactor":0.15},"extensions":{"KHR_materials_specular":{"specularFactor":1,"specularColorFactor":[1,0.55,0.3]},"KHR_materials_ior":{"ior":3}}}"#,
        r#"{"pbrMetallicRoughness":{"baseColorFactor":[1,1,1,1],"metallicFactor":0,"roughnessFactor":0.02},"extensions":{"KHR_materials_transmission":{"transmissionFactor":1}}}"#,
        r#"{"pbrMetallicRoughness":{"baseColorFactor":[1,1,1,1],"metallicFactor":0,"roughnessFactor":0.02},"extensions":{"KHR_materials_transmission":{"transmissionFactor":1},"KHR_materials_volume":{"thicknessFactor":2,"attenuationDistance":1.5,"attenuationColor":[0.3,0.85,0.45]},"KHR_materials_ior":{"ior":1.6},"KHR_materials_dispersion":{"dispersion":3}}}"#,
    ]
    .map(str::to_string);
    sphere_row_glb(&materials, &KHR_MATERIALS)
}
