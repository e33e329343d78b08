//! Our glTF reader (src/model/gltf/document.rs, built on serde_json::Value to keep the wasm small)
//! checked against the `gltf` crate, which is kept as a test-only oracle: every shipped model
//! must give the same vertex data, indices, node transforms and material factors through both.
//! The shipped models are quantized (KHR_mesh_quantization), which the `gltf` crate parses but
//! does not dequantize: it reads the stored integers here, scaled as the extension says.

use pendant_viewer::model::gltf::document::{self, ImageSource};
use pendant_viewer::model::gltf::{load_gltf, ExternalResources};
use pendant_viewer::model::gltf::{read_f32, read_indices};
use pendant_viewer::model::AlphaMode;

/// `bytes` with `extensionsRequired` left out: the `gltf` crate refuses KHR_mesh_quantization
/// there, yet reads every accessor of it.
fn without_required(bytes: &[u8]) -> Vec<u8> {
    let json_length = u32::from_le_bytes(bytes[12..16].try_into().expect("GLB")) as usize;
    let mut json: serde_json::Value = serde_json::from_slice(&bytes[20..20 + json_length]).expect("JSON");
    json.as_object_mut().expect("object").remove("extensionsRequired");
    let bin = &bytes[20 + json_length + 8..];
    pendant_viewer::model::build::glb::container(&serde_json::to_vec(&json).expect("JSON"), bin)
}

/// An accessor's values as floats, through the `gltf` crate's reader of stored components,
/// normalized integers scaled as glTF says (`max(c / 32767, -1)`, `c / 65535`, …).
fn oracle_f32(accessor: &gltf::Accessor, blob: &[u8]) -> Vec<f32> {
    use gltf::accessor::{DataType, Iter};
    let normalized = accessor.normalized();
    let scale = |value: f32, max: f32, signed: bool| {
        if !normalized {
            value
        } else if signed {
            (value / max).max(-1.0)
        } else {
            value / max
        }
    };
    let n = accessor.dimensions().multiplicity();
    let get = |_: gltf::Buffer<'_>| Some(blob);
    macro_rules! values {
        ($t:ty, $max:expr, $signed:expr) => {{
            let items: Vec<f32> = match n {
                2 => Iter::<[$t; 2]>::new(accessor.clone(), get).expect("iter").flatten().map(|c| c as f32).collect(),
                3 => Iter::<[$t; 3]>::new(accessor.clone(), get).expect("iter").flatten().map(|c| c as f32).collect(),
                _ => Iter::<$t>::new(accessor.clone(), get).expect("iter").map(|c| c as f32).collect(),
            };
            items.into_iter().map(|c| scale(c, $max, $signed)).collect()
        }};
    }
    match accessor.data_type() {
        DataType::F32 => values!(f32, 1.0, true),
        DataType::I16 => values!(i16, 32767.0, true),
        DataType::U16 => values!(u16, 65535.0, false),
        DataType::I8 => values!(i8, 127.0, true),
        DataType::U8 => values!(u8, 255.0, false),
        DataType::U32 => values!(u32, 1.0, false),
    }
}

fn shipped_models() -> Vec<(String, Vec<u8>)> {
    let mut models: Vec<(String, Vec<u8>)> = std::fs::read_dir("models")
        .expect("models/")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "glb"))
        .map(|path| (path.display().to_string(), std::fs::read(&path).expect("readable")))
        .collect();
    models.sort();
    assert!(models.len() >= 12, "expected every shipped model, found {}", models.len());
    models
}

#[test]
fn accessors_nodes_and_materials_match_the_gltf_crate() {
    for (name, bytes) in shipped_models() {
        let oracle =
            gltf::Gltf::from_slice(&without_required(&bytes)).unwrap_or_else(|e| panic!("{name}: gltf crate: {e}"));
        let ours = document::parse(&bytes, &Default::default()).unwrap_or_else(|e| panic!("{name}: ours: {e}"));
        let blob = oracle.blob.clone().expect("a GLB with a BIN chunk");
        let buffers = vec![blob.clone()];
        let document = &ours.document;
        assert_eq!(ours.blob.as_deref(), Some(blob.as_slice()), "{name}: BIN chunk");

        assert_eq!(document.meshes.len(), oracle.meshes().len(), "{name}: meshes");
        for mesh in oracle.meshes() {
            let our_mesh = &document.meshes[mesh.index()];
            assert_eq!(our_mesh.name.as_deref(), mesh.name(), "{name}: mesh name");
            for (p, primitive) in mesh.primitives().enumerate() {
                let our_primitive = &our_mesh.primitives[p];
                let reader = primitive.reader(|_| Some(blob.as_slice()));
                let context = format!("{name}: mesh {} primitive {p}", mesh.index());
                assert_eq!(our_primitive.material, primitive.material().index(), "{context}: material");
                let read = |semantic: &str| {
                    our_primitive.attribute(semantic).map(|a| read_f32(document, &buffers, a).expect("reads"))
                };
                for semantic in [gltf::Semantic::Positions, gltf::Semantic::Normals, gltf::Semantic::TexCoords(0)] {
                    let expected = primitive.get(&semantic).map(|accessor| oracle_f32(&accessor, &blob));
                    assert_eq!(read(&semantic.to_string()), expected, "{context}: {semantic:?}");
                }
                let indices: Option<Vec<u32>> = reader.read_indices().map(|i| i.into_u32().collect());
                let our_indices = our_primitive.indices.map(|a| read_indices(document, &buffers, a).expect("reads"));
                assert_eq!(our_indices, indices, "{context}: indices");
            }
        }

        assert_eq!(document.nodes.len(), oracle.nodes().len(), "{name}: nodes");
        for node in oracle.nodes() {
            let ours = &document.nodes[node.index()];
            let expected = glam::Mat4::from_cols_array_2d(&node.transform().matrix());
            assert!(ours.transform.abs_diff_eq(expected, 1e-6), "{name}: node {} transform", node.index());
            assert_eq!(ours.mesh, node.mesh().map(|m| m.index()), "{name}: node mesh");
            let children: Vec<usize> = node.children().map(|c| c.index()).collect();
            assert_eq!(ours.children, children, "{name}: node children");
            assert_eq!(ours.name.as_deref(), node.name(), "{name}: node name");
        }

        assert_eq!(document.images.len(), oracle.images().len(), "{name}: images");
        for image in oracle.images() {
            let view = match image.source() {
                gltf::image::Source::View { view, .. } => Some(view.index()),
                gltf::image::Source::Uri { .. } => None,
            };
            let our_view = match &document.images[image.index()].source {
                ImageSource::View(view) => Some(*view),
                ImageSource::Uri(_) => None,
            };
            assert_eq!(our_view, view, "{name}: image {} source", image.index());
        }

        let model = load_gltf(&bytes, &ExternalResources::new()).unwrap_or_else(|e| panic!("{name}: {e}"));
        for material in oracle.materials() {
            let Some(index) = material.index() else { continue };
            let ours = &model.materials[index];
            let pbr = material.pbr_metallic_roughness();
            assert_eq!(ours.base_color_factor, pbr.base_color_factor(), "{name}: material {index} base colour");
            assert_eq!(ours.metallic_factor, pbr.metallic_factor(), "{name}: material {index} metallic");
            assert_eq!(ours.roughness_factor, pbr.roughness_factor(), "{name}: material {index} roughness");
            assert_eq!(ours.double_sided, material.double_sided(), "{name}: material {index} double-sided");
            let blend = matches!(material.alpha_mode(), gltf::material::AlphaMode::Blend);
            assert_eq!(matches!(ours.alpha_mode, AlphaMode::Blend), blend, "{name}: material {index} alpha mode");
            assert_eq!(ours.name.as_deref(), material.name(), "{name}: material {index} name");
        }
    }
}

/// What the shipped models (one generator, one layout) do not exercise: an interleaved view
/// with a stride, an accessor offset, normalized 8-bit UVs, 8-bit indices, a sparse accessor
/// without a view, and TRS and matrix nodes.
#[test]
fn interleaved_normalized_sparse_and_trs_match_the_gltf_crate() {
    use base64::Engine as _;
    let mut bin = Vec::new();
    let corners = [[0.0f32, 0.0, 0.0], [1.0, 0.0, 0.0], [1.0, 1.0, 0.0], [0.0, 1.0, 0.0]];
    for (i, corner) in corners.iter().enumerate() {
        corner.iter().for_each(|c| bin.extend(c.to_le_bytes()));
        bin.extend([(i * 80) as u8, 255 - (i * 60) as u8, 0, 0, 0, 0, 0, 0]); // uv + padding: stride 20
    }
    bin.extend([0u8, 1, 2, 0, 2, 3, 0, 0]); // indices at 80, padded
    bin.extend([1u8, 3, 0, 0]); // sparse indices at 88
    for normal in [[0.0f32, 0.0, 1.0], [0.0, 1.0, 0.0]] {
        normal.iter().for_each(|c| bin.extend(c.to_le_bytes())); // sparse values at 92
    }
    let json = format!(
        r#"{{"asset":{{"version":"2.0"}},"scene":0,"scenes":[{{"nodes":[0]}}],
        "nodes":[{{"mesh":0,"translation":[1,2,3],"rotation":[0,0.70710678,0,0.70710678],"scale":[2,2,2],"children":[1]}},
                 {{"mesh":0,"matrix":[1,0,0,0, 0,0,1,0, 0,-1,0,0, 4,5,6,1]}}],
        "meshes":[{{"primitives":[{{"attributes":{{"POSITION":0,"TEXCOORD_0":1,"NORMAL":3}},"indices":2}}]}}],
        "buffers":[{{"uri":"data:application/octet-stream;base64,{}","byteLength":{}}}],
        "bufferViews":[{{"buffer":0,"byteLength":80,"byteStride":20}},{{"buffer":0,"byteOffset":80,"byteLength":6}},
                       {{"buffer":0,"byteOffset":88,"byteLength":2}},{{"buffer":0,"byteOffset":92,"byteLength":24}}],
        "accessors":[{{"bufferView":0,"componentType":5126,"count":4,"type":"VEC3","min":[0,0,0],"max":[1,1,0]}},
                     {{"bufferView":0,"byteOffset":12,"componentType":5121,"normalized":true,"count":4,"type":"VEC2"}},
                     {{"bufferView":1,"componentType":5121,"count":6,"type":"SCALAR"}},
                     {{"componentType":5126,"count":4,"type":"VEC3","sparse":{{"count":2,
                        "indices":{{"bufferView":2,"componentType":5121}},"values":{{"bufferView":3}}}}}}]}}"#,
        base64::engine::general_purpose::STANDARD.encode(&bin),
        bin.len()
    );
    let oracle = gltf::Gltf::from_slice(json.as_bytes()).expect("gltf crate");
    let ours = document::parse(json.as_bytes(), &Default::default()).expect("ours");
    let (document, buffers) = (&ours.document, vec![bin.clone()]);
    let primitive = oracle.meshes().next().expect("mesh").primitives().next().expect("primitive");
    let reader = primitive.reader(|_| Some(bin.as_slice()));
    let our_primitive = &document.meshes[0].primitives[0];
    let read = |semantic: &str| {
        read_f32(document, &buffers, our_primitive.attribute(semantic).expect(semantic)).expect("reads")
    };
    assert_eq!(read("POSITION"), reader.read_positions().expect("positions").flatten().collect::<Vec<_>>());
    // The gltf crate multiplies by 1/255, we divide by 255 (the spec's formula): an ulp apart.
    let uvs: Vec<f32> = reader.read_tex_coords(0).expect("uvs").into_f32().flatten().collect();
    assert!(
        read("TEXCOORD_0").iter().zip(&uvs).all(|(a, b)| (a - b).abs() < 1e-6),
        "{:?} vs {uvs:?}",
        read("TEXCOORD_0")
    );
    assert_eq!(read("NORMAL"), reader.read_normals().expect("normals").flatten().collect::<Vec<_>>());
    assert_eq!(read("NORMAL")[3..6], [0.0, 0.0, 1.0], "the sparse value replaced element 1");
    let indices = read_indices(document, &buffers, our_primitive.indices.expect("indices")).expect("reads");
    assert_eq!(indices, reader.read_indices().expect("indices").into_u32().collect::<Vec<_>>());
    for node in oracle.nodes() {
        let expected = glam::Mat4::from_cols_array_2d(&node.transform().matrix());
        assert!(document.nodes[node.index()].transform.abs_diff_eq(expected, 1e-6), "node {}", node.index());
    }
    let model = load_gltf(json.as_bytes(), &ExternalResources::new()).expect("loads");
    assert_eq!(model.nodes.len(), 2);
}
