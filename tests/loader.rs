//! glTF loading: small inline documents (valid and malformed) and the shipped models.

mod common;

use base64::Engine as _;
use glam::{Mat4, Vec3};
use pendant_viewer::model::gltf::budget::LoadBudget;
use pendant_viewer::model::gltf::{external_uris, load_gltf, ExternalResources, ModelError};
use pendant_viewer::model::AlphaMode;

#[path = "common/heap.rs"]
mod heap;

fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn f32_bytes(values: &[f32]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// One triangle (no normals, no indices) in a buffer given by `buffer_uri`; `extra` is
/// spliced into the top-level JSON object.
fn triangle_gltf(buffer_uri: &str, byte_length: usize, extra: &str) -> String {
    format!(
        r#"{{"asset":{{"version":"2.0"}},"scenes":[{{"nodes":[0]}}],"nodes":[{{"mesh":0}}],
        "meshes":[{{"primitives":[{{"attributes":{{"POSITION":0}}}}]}}],
        "buffers":[{{"uri":"{buffer_uri}","byteLength":{byte_length}}}],
        "bufferViews":[{{"buffer":0,"byteLength":36}}],
        "accessors":[{{"bufferView":0,"componentType":5126,"count":3,"type":"VEC3","min":[0,0,0],"max":[1,1,0]}}]{extra}}}"#
    )
}

fn triangle_positions() -> Vec<u8> {
    f32_bytes(&[0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0])
}

fn load(json: &str) -> Result<pendant_viewer::model::PendantModel, ModelError> {
    load_gltf(json.as_bytes(), &ExternalResources::new())
}

/// Every model in models/ loads without warnings at its real size (height in mm, ring and
/// stone included, as `pendant-viewer check` prints it), and no file there is left out.
#[test]
fn shipped_models_load_with_real_world_size() {
    let heights_mm = [
        ("bar-horizontal.glb", 8.0),
        ("bar-vertical.glb", 38.8),
        ("birthstone-disc.glb", 23.4),
        ("charm-heart.glb", 14.3),
        ("disc-pendant.glb", 23.4),
        ("heart-puffy.glb", 18.4),
        ("locket-heart.glb", 23.3),
        ("locket-oval.glb", 27.4),
        ("locket-round.glb", 25.4),
        ("photo-birthstone.glb", 31.4),
        ("photo-round.glb", 28.4),
        ("solitaire-prong.glb", 9.9),
    ];
    let mut shipped: Vec<String> = std::fs::read_dir("models")
        .expect("models/")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".glb"))
        .collect();
    shipped.sort();
    assert_eq!(shipped, heights_mm.map(|(file, _)| file.to_string()), "a model without its expected size");
    for (file, height_mm) in heights_mm {
        let path = format!("models/{file}");
        let bytes = std::fs::read(&path).expect(file);
        let model = load_gltf(&bytes, &ExternalResources::new()).unwrap_or_else(|e| panic!("{file}: {e}"));
        let size_mm = (model.bounds.max - model.bounds.min) * 1000.0;
        assert!((size_mm.y - height_mm).abs() < 0.06, "{file}: {size_mm}");
        assert!(model.meshes.iter().flat_map(|m| &m.primitives).all(|p| !p.indices.is_empty()));
        assert!(model.materials.iter().any(|m| m.is_metal()), "{file}: no metal part");
        assert!(model.warnings.is_empty(), "{file}: {:?}", model.warnings);
    }
}

/// birthstone-disc.glb is the disc plus a gem slot and engraving areas (both from the generator).
#[test]
fn birthstone_disc_is_the_disc_with_one_front_slot() {
    let read = |file: &str| load_gltf(&std::fs::read(file).expect(file), &ExternalResources::new()).expect(file);
    let (disc, birthstone) = (read("models/disc-pendant.glb"), read("models/birthstone-disc.glb"));
    assert_eq!(disc.meshes.len(), birthstone.meshes.len());
    for (a, b) in disc.meshes.iter().zip(&birthstone.meshes) {
        assert_eq!(a.primitives.len(), b.primitives.len());
        for (p, q) in a.primitives.iter().zip(&b.primitives) {
            assert_eq!((&p.vertices, &p.indices), (&q.vertices, &q.indices));
        }
    }
    let slots = pendant_viewer::stones::setting::find_gem_slots(&birthstone);
    assert_eq!(slots.len(), 1);
    assert_eq!(slots[0].size_mm, 3.5);
    // The girdle sits 0.2 mm proud of the 1.5 mm disc's front face, below the centre.
    let centre = slots[0].transform.transform_point3(Vec3::ZERO) * 1000.0;
    assert!((centre - Vec3::new(0.0, -5.5, 0.95)).length() < 1e-3, "{centre}");
    assert!(pendant_viewer::stones::setting::find_gem_slots(&disc).is_empty());
}

#[test]
fn optical_extensions_are_read_and_clamped() {
    let model = load_gltf(&common::khr_materials_glb(), &ExternalResources::new()).expect("loads");
    let optics: Vec<_> = model.materials.iter().map(|m| m.optics).collect();
    assert_eq!((optics[0].clearcoat, optics[0].clearcoat_roughness), (1.0, 0.03));
    assert_eq!(optics[1].ior, 2.4);
    assert_eq!(optics[2].specular_color, [1.0, 0.55, 0.3]);
    assert_eq!((optics[3].transmission, optics[3].thickness), (1.0, 0.0));
    assert_eq!((optics[4].thickness, optics[4].attenuation_distance, optics[4].dispersion), (2.0, 1.5, 3.0));
    assert!(!optics[0].attenuation_distance.is_finite(), "absent volume is clear");

    // Required optical extensions load; their unread textures are named in a warning;
    // out-of-range factors are clamped.
    let uri = format!("data:application/octet-stream;base64,{}", base64(&triangle_positions()));
    let json = triangle_gltf(
        &uri,
        36,
        r#","extensionsUsed":["KHR_materials_clearcoat","KHR_materials_ior"],"extensionsRequired":["KHR_materials_clearcoat"],
        "materials":[{"extensions":{"KHR_materials_clearcoat":{"clearcoatFactor":7,"clearcoatTexture":{"index":0}},"KHR_materials_ior":{"ior":-3}}}]"#,
    );
    let model = load(&json).expect("loads");
    assert_eq!(model.materials[0].optics.clearcoat, 1.0);
    assert_eq!(model.materials[0].optics.ior, 1.0);
    assert!(model.warnings.iter().any(|w| w.contains("clearcoatTexture")), "{:?}", model.warnings);
}

#[test]
fn embedded_data_uri_triangle_gets_flat_normals_and_indices() {
    let json =
        triangle_gltf(&format!("data:application/octet-stream;base64,{}", base64(&triangle_positions())), 36, "");
    let model = load(&json).expect("loads");
    let primitive = &model.meshes[0].primitives[0];
    assert_eq!(primitive.indices, vec![0, 1, 2]);
    assert!(primitive.vertices.iter().all(|v| v.normal == [0.0, 0.0, 1.0]));
    assert_eq!(primitive.material, None);
    assert_eq!(model.bounds.max, Vec3::new(1.0, 1.0, 0.0));
}

#[test]
fn external_buffers_are_listed_and_resolved() {
    let json = triangle_gltf(
        "triangle.bin",
        36,
        r#","images":[{"uri":"a.png"},{"uri":"a.png"},{"uri":"data:image/png;base64,AAAA"}]"#,
    );
    assert_eq!(
        external_uris(json.as_bytes(), &LoadBudget::default()).expect("lists"),
        vec!["triangle.bin".to_string(), "a.png".to_string()]
    );

    let json = triangle_gltf("triangle.bin", 36, "");
    let mut external = ExternalResources::new();
    external.insert("triangle.bin".into(), triangle_positions());
    assert!(load_gltf(json.as_bytes(), &external).is_ok());

    match load(&json) {
        Err(ModelError::MissingResource { uri, what }) => {
            assert_eq!(uri, "triangle.bin");
            assert_eq!(what, "buffer 0");
        }
        other => panic!("expected a missing resource error, got {other:?}"),
    }
}

#[test]
fn node_hierarchy_composes_transforms() {
    let data = base64(&triangle_positions());
    let json = format!(
        r#"{{"asset":{{"version":"2.0"}},"scene":0,"scenes":[{{"nodes":[0]}}],
        "nodes":[{{"translation":[1,2,3],"children":[1]}},{{"mesh":0,"scale":[2,2,2],"name":"engrave:front"}}],
        "meshes":[{{"primitives":[{{"attributes":{{"POSITION":0}}}}]}}],
        "buffers":[{{"uri":"data:application/octet-stream;base64,{data}","byteLength":36}}],
        "bufferViews":[{{"buffer":0,"byteLength":36}}],
        "accessors":[{{"bufferView":0,"componentType":5126,"count":3,"type":"VEC3","min":[0,0,0],"max":[1,1,0]}}]}}"#
    );
    let model = load(&json).expect("loads");
    assert_eq!(model.nodes.len(), 2);
    assert_eq!(model.nodes[1].parent, Some(0));
    assert_eq!(model.nodes[1].name.as_deref(), Some("engrave:front"));
    let expected = Mat4::from_translation(Vec3::new(1.0, 2.0, 3.0)) * Mat4::from_scale(Vec3::splat(2.0));
    assert!(model.nodes[1].world_transform.abs_diff_eq(expected, 1e-6));
    assert_eq!(model.bounds.min, Vec3::new(1.0, 2.0, 3.0));
    assert_eq!(model.bounds.max, Vec3::new(3.0, 4.0, 3.0));
}

#[test]
fn materials_textures_transforms_and_tangents() {
    let mut bin = triangle_positions();
    bin.extend(f32_bytes(&[0.0, 0.0, 1.0, 0.0, 0.0, 1.0])); // TEXCOORD_0
    let png = base64(&common::png(2, 2, &[200, 100, 50, 255].repeat(4)));
    let json = format!(
        r#"{{"asset":{{"version":"2.0"}},"extensionsUsed":["KHR_texture_transform","KHR_materials_emissive_strength"],
        "scenes":[{{"nodes":[0]}}],"nodes":[{{"mesh":0}}],
        "meshes":[{{"primitives":[{{"attributes":{{"POSITION":0,"TEXCOORD_0":1}},"material":0}}]}}],
        "materials":[{{"name":"rose","pbrMetallicRoughness":{{"baseColorFactor":[0.9,0.6,0.5,1],"metallicFactor":1,"roughnessFactor":0.2,
            "baseColorTexture":{{"index":0,"extensions":{{"KHR_texture_transform":{{"offset":[0.5,0],"scale":[2,2],"rotation":0.1}}}}}}}},
          "normalTexture":{{"index":0,"scale":0.5,"extensions":{{"KHR_texture_transform":{{"scale":[4,4],"texCoord":1}}}}}},
          "emissiveFactor":[1,0,0],"extensions":{{"KHR_materials_emissive_strength":{{"emissiveStrength":3}}}},
          "alphaMode":"MASK","alphaCutoff":0.3,"doubleSided":true}}],
        "textures":[{{"source":0,"sampler":0}}],"samplers":[{{"wrapS":33071,"magFilter":9728}}],
        "images":[{{"uri":"data:image/png;base64,{png}"}}],
        "buffers":[{{"uri":"data:application/octet-stream;base64,{data}","byteLength":{len}}}],
        "bufferViews":[{{"buffer":0,"byteLength":36}},{{"buffer":0,"byteOffset":36,"byteLength":24}}],
        "accessors":[{{"bufferView":0,"componentType":5126,"count":3,"type":"VEC3","min":[0,0,0],"max":[1,1,0]}},
                     {{"bufferView":1,"componentType":5126,"count":3,"type":"VEC2"}}]}}"#,
        data = base64(&bin),
        len = bin.len()
    );
    let model = load(&json).expect("loads");
    let material = &model.materials[0];
    assert_eq!(material.name.as_deref(), Some("rose"));
    assert_eq!(material.base_color_factor, [0.9, 0.6, 0.5, 1.0]);
    assert_eq!(material.roughness_factor, 0.2);
    let base = material.base_color_texture.expect("base colour texture");
    assert_eq!(base.transform.offset, [0.5, 0.0]);
    assert_eq!(base.transform.scale, [2.0, 2.0]);
    assert_eq!(base.transform.rotation, 0.1);
    let normal = material.normal_texture.expect("normal texture");
    assert_eq!((normal.tex_coord, normal.transform.scale), (1, [4.0, 4.0]));
    assert_eq!(material.normal_scale, 0.5);
    assert_eq!(material.emissive_factor, [3.0, 0.0, 0.0]);
    assert_eq!(material.alpha_mode, AlphaMode::Mask { cutoff: 0.3 });
    assert!(material.double_sided);
    assert_eq!(model.textures[0].sampler.wrap_u, pendant_viewer::model::Wrap::ClampToEdge);
    assert!(!model.textures[0].sampler.mag_linear);
    assert_eq!((model.images[0].width, &model.images[0].rgba8[..4]), (2, &[200, 100, 50, 255][..]));
    // The normal map needs tangents; the file has none, so they are generated along +U.
    let primitive = &model.meshes[0].primitives[0];
    assert!(primitive.vertices.iter().all(|v| (v.tangent[0] - 1.0).abs() < 1e-5 && v.tangent[3] == 1.0));
}

/// Each malformed document gives the expected typed error, naming the offending part.
#[test]
fn malformed_models_give_typed_errors() {
    let good = triangle_positions();
    let data = |bytes: &[u8]| format!("data:application/octet-stream;base64,{}", base64(bytes));
    let disc = std::fs::read("models/disc-pendant.glb").expect("disc");
    let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        ("html error page", b"<!doctype html><h1>Not Found</h1>".to_vec(), "model-not-gltf", "not a glTF file"),
        ("empty file", Vec::new(), "model-not-gltf", "0 bytes"),
        ("truncated glb", disc[..1000].to_vec(), "model-malformed", "malformed glTF"),
        ("glb with a bad version", [b"glTF".as_slice(), &7u32.to_le_bytes(), &disc[8..]].concat(), "model-malformed", "malformed"),
        ("glb with the wrong magic", [b"glTX".as_slice(), &disc[4..]].concat(), "model-not-gltf", "not a glTF file"),
        (
            // Found by the fuzzer when the gltf crate read our models: it subtracted the header unchecked.
            "glb declaring a length shorter than its header",
            [&disc[..8], &0u32.to_le_bytes(), &disc[12..]].concat(),
            "model-malformed",
            "declares 0 bytes",
        ),
        (
            "glb chunk length past the end",
            [&disc[..12], &(u32::MAX - 7).to_le_bytes(), &disc[16..]].concat(),
            "model-malformed",
            "malformed glTF",
        ),
        ("broken json", b"{\"asset\":".to_vec(), "model-malformed", "malformed glTF"),
        ("missing asset", b"{}".to_vec(), "model-malformed", "malformed glTF"),
        (
            "buffer shorter than declared",
            triangle_gltf(&data(&good[..20]), 36, "").into_bytes(),
            "model-malformed",
            "buffer 0 is 20 bytes, the file declares 36",
        ),
        (
            "a 100 MB declared buffer (nothing is allocated for it)",
            triangle_gltf(&data(&good), 104_857_600, "").into_bytes(),
            "model-malformed",
            "the file declares 104857600",
        ),
        (
            "missing external buffer",
            triangle_gltf("parts/missing.bin", 36, "").into_bytes(),
            "model-missing-resource",
            "parts/missing.bin",
        ),
        (
            "accessor past the end of its view",
            triangle_gltf(&data(&good), 36, "").replace(r#""count":3"#, r#""count":4"#).into_bytes(),
            "model-malformed",
            "accessor 0: needs 48 bytes of buffer view 0, which has 36",
        ),
        (
            "accessor claiming 2^31 elements (over budget before its bounds are checked)",
            triangle_gltf(&data(&good), 36, "").replace(r#""count":3"#, r#""count":2147483648"#).into_bytes(),
            "model-too-complex",
            "elements in one accessor: 2147483648",
        ),
        (
            "view past the end of its buffer",
            triangle_gltf(&data(&good), 36, "")
                .replace(r#"{"buffer":0,"byteLength":36}"#, r#"{"buffer":0,"byteOffset":12,"byteLength":36}"#)
                .into_bytes(),
            "model-malformed",
            "buffer view 0 extends past the end of its buffer",
        ),
        (
            "position accessor of the wrong type",
            triangle_gltf(&data(&good), 36, "").replace(r#""type":"VEC3""#, r#""type":"VEC2""#).into_bytes(),
            "model-malformed",
            "POSITION must be Vec3",
        ),
        (
            "NaN position",
            triangle_gltf(&data(&f32_bytes(&[0.0, 0.0, 0.0, f32::NAN, 0.0, 0.0, 0.0, 1.0, 0.0])), 36, "").into_bytes(),
            "model-malformed",
            "NaN or infinite",
        ),
        (
            "infinite position",
            triangle_gltf(&data(&f32_bytes(&[0.0, 0.0, 0.0, f32::INFINITY, 0.0, 0.0, 0.0, 1.0, 0.0])), 36, "").into_bytes(),
            "model-malformed",
            "NaN or infinite",
        ),
        (
            "unsupported required extension",
            triangle_gltf(&data(&good), 36, r#","extensionsUsed":["KHR_materials_pbrSpecularGlossiness"],"extensionsRequired":["KHR_materials_pbrSpecularGlossiness"]"#)
                .into_bytes(),
            "model-unsupported-extension",
            "KHR_materials_pbrSpecularGlossiness",
        ),
        (
            // Found by the fuzzer when gltf-json read our models: it indexed the accessor list unchecked.
            "POSITION accessor that does not exist",
            triangle_gltf(&data(&good), 36, "").replace(r#""accessors""#, r#""unused""#).into_bytes(),
            "model-malformed",
            "attributes.POSITION: accessor 0 does not exist",
        ),
        (
            // Found by the fuzzer when the gltf crate read our models: it unwrapped the missing uri.
            "image with neither a uri nor a buffer view",
            triangle_gltf(&data(&good), 36, r#","images":[{"name":"photo"}]"#).into_bytes(),
            "model-malformed",
            "images[0] has neither a uri nor a bufferView",
        ),
        (
            "image in a buffer view without a mime type",
            triangle_gltf(&data(&good), 36, r#","images":[{"bufferView":0}]"#).into_bytes(),
            "model-malformed",
            "images[0] is in a buffer view but has no mimeType",
        ),
        (
            "scene without meshes",
            br#"{"asset":{"version":"2.0"},"scenes":[{"nodes":[0]}],"nodes":[{}]}"#.to_vec(),
            "model-empty",
            "no triangles",
        ),
        (
            "node index out of range",
            br#"{"asset":{"version":"2.0"},"scenes":[{"nodes":[5]}],"nodes":[{}]}"#.to_vec(),
            "model-malformed",
            "scenes[0].nodes[0]",
        ),
        (
            "image that is not an image",
            triangle_gltf(&data(&good), 36, r#","images":[{"uri":"data:image/png;base64,AAAA"}],"textures":[{"source":0}]"#).into_bytes(),
            "model-bad-image",
            "image 0",
        ),
    ];
    for (name, bytes, code, message) in cases {
        let started = std::time::Instant::now();
        let _ = external_uris(&bytes, &LoadBudget::default()); // what the browser asks first must not panic either
        let (loaded, peak) = heap::peak_during(|| load_gltf(&bytes, &ExternalResources::new()));
        // Bound: 1 MiB plus four times the file; nothing is allocated for sizes a file only claims.
        let bound = (1 << 20) + 4 * bytes.len();
        assert!(peak <= bound, "{name}: the loader held {peak} bytes at once (bound {bound})");
        eprintln!("{name}: {} bytes, peak {peak} bytes", bytes.len());
        match loaded {
            Ok(_) => panic!("{name}: loaded"),
            Err(error) => {
                assert_eq!(error.code(), code, "{name}: {error}");
                assert!(error.to_string().contains(message), "{name}: '{error}' does not mention '{message}'");
            }
        }
        assert!(started.elapsed().as_secs_f32() < 1.0, "{name} took {:?}", started.elapsed());
    }
}

#[test]
fn index_out_of_range_names_mesh_and_primitive() {
    let mut bin = triangle_positions();
    bin.extend([0u16, 1, 7, 0].iter().flat_map(|i| i.to_le_bytes()));
    let json = format!(
        r#"{{"asset":{{"version":"2.0"}},"scenes":[{{"nodes":[0]}}],"nodes":[{{"mesh":0}}],
        "meshes":[{{"primitives":[{{"attributes":{{"POSITION":0}},"indices":1}}]}}],
        "buffers":[{{"uri":"data:application/octet-stream;base64,{}","byteLength":{}}}],
        "bufferViews":[{{"buffer":0,"byteLength":36}},{{"buffer":0,"byteOffset":36,"byteLength":6}}],
        "accessors":[{{"bufferView":0,"componentType":5126,"count":3,"type":"VEC3","min":[0,0,0],"max":[1,1,0]}},
                     {{"bufferView":1,"componentType":5123,"count":3,"type":"SCALAR"}}]}}"#,
        base64(&bin),
        bin.len()
    );
    let error = load(&json).expect_err("index 7 of 3 vertices");
    assert_eq!(error.to_string(), "mesh 0 primitive 0: index 7 is out of range (3 vertices)");
}

#[test]
fn cyclic_node_graph_terminates() {
    let data = base64(&triangle_positions());
    let json = format!(
        r#"{{"asset":{{"version":"2.0"}},"scenes":[{{"nodes":[0]}}],"nodes":[{{"mesh":0,"children":[1]}},{{"children":[0]}}],
        "meshes":[{{"primitives":[{{"attributes":{{"POSITION":0}}}}]}}],
        "buffers":[{{"uri":"data:application/octet-stream;base64,{data}","byteLength":36}}],
        "bufferViews":[{{"buffer":0,"byteLength":36}}],
        "accessors":[{{"bufferView":0,"componentType":5126,"count":3,"type":"VEC3","min":[0,0,0],"max":[1,1,0]}}]}}"#
    );
    // Either refused as malformed or drawn once; never a hang or a stack overflow.
    match load(&json) {
        Ok(model) => assert_eq!(model.nodes.len(), 2),
        Err(error) => assert_eq!(error.code(), "model-malformed"),
    }
}

#[test]
fn sphere_sweep_builder_round_trips_through_the_loader() {
    let model = load_gltf(&common::roughness_sweep_glb([1.0, 0.8, 0.3]), &ExternalResources::new()).expect("loads");
    let roughness: Vec<f32> = model.materials.iter().map(|m| m.roughness_factor).collect();
    assert_eq!(roughness, vec![0.0, 0.25, 0.5, 0.75, 1.0]);
    assert_eq!(model.nodes.len(), 5);
}

/// The browser's path: the model's images handed out encoded, decoded elsewhere and handed
/// back, give the same model as decoding here; a decoded image of the wrong size is refused.
#[test]
fn images_decoded_by_the_caller_are_used_and_checked() {
    use pendant_viewer::model::gltf::{encoded_images, load_gltf_with, Decoded, DecodedImages};
    use pendant_viewer::model::Image;
    let bytes = common::textured_spheres_glb();
    let here = load_gltf(&bytes, &ExternalResources::new()).expect("loads");
    let encoded = encoded_images(&bytes, &ExternalResources::new(), &LoadBudget::default()).expect("images");
    assert_eq!(encoded.len(), here.images.len());
    assert!(encoded.iter().all(|e| e.mime_type.as_deref() == Some("image/png")), "{:?}", encoded[0].mime_type);
    let decoded: DecodedImages = encoded
        .iter()
        .map(|e| {
            let rgba = image::load_from_memory(&e.bytes).expect("png").to_rgba8();
            (e.index, Image { width: rgba.width(), height: rgba.height(), rgba8: rgba.into_raw() })
        })
        .collect();
    let given = load_gltf_with(
        &bytes,
        &ExternalResources::new(),
        &Decoded { images: decoded.clone(), ..Decoded::default() },
        &LoadBudget::default(),
    )
    .expect("loads");
    assert_eq!(given.images, here.images);

    let mut short = decoded.clone();
    short.get_mut(&0).expect("image 0").rgba8.pop();
    let short = Decoded { images: short, ..Decoded::default() };
    let error = load_gltf_with(&bytes, &ExternalResources::new(), &short, &LoadBudget::default()).unwrap_err();
    assert_eq!(error.code(), "model-bad-image");
    assert!(error.to_string().starts_with("image 0: "), "{error}");
}
