//! Core glTF 2.0 against Khronos's own sample files (tests/fixtures/khronos/, CC0): every
//! attribute a file carries is drawn or named in a warning, never dropped silently; what the
//! viewer does not draw (animations, cameras) is named too, and the static pose still shows.

use std::path::{Path, PathBuf};

use image::ImageEncoder as _;
use pendant_viewer::model::gltf::{load_gltf, ExternalResources, DRAWN_ATTRIBUTES};
use pendant_viewer::model::{PendantModel, Vertex};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/khronos").join(name)
}

fn load(text: &str) -> PendantModel {
    load_gltf(text.as_bytes(), &ExternalResources::new()).expect("loads")
}

/// Every attribute of every primitive in `json`, by (mesh, primitive).
fn attributes(json: &serde_json::Value) -> Vec<(usize, usize, String)> {
    let mut found = Vec::new();
    for (m, mesh) in json["meshes"].as_array().into_iter().flatten().enumerate() {
        for (p, primitive) in mesh["primitives"].as_array().into_iter().flatten().enumerate() {
            for name in primitive["attributes"].as_object().into_iter().flat_map(|a| a.keys()) {
                found.push((m, p, name.clone()));
            }
        }
    }
    found
}

/// The attributes a model's file carries that are neither drawn nor named in a warning.
fn dropped_silently(text: &str) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_str(text).expect("json");
    let model = load(text);
    attributes(&json)
        .into_iter()
        .filter(|(_, _, name)| !DRAWN_ATTRIBUTES.contains(&name.as_str()))
        .filter(|(m, p, name)| {
            let here = format!("mesh {m} primitive {p}:");
            !model.warnings.iter().any(|w| w.starts_with(&here) && w.contains(name.as_str()))
        })
        .map(|(m, p, name)| format!("mesh {m} primitive {p} {name}"))
        .collect()
}

#[test]
fn vertex_colours_are_drawn() {
    let text = std::fs::read_to_string(fixture("BoxVertexColors.gltf")).expect("fixture");
    let model = load(&text);
    let vertices: Vec<&Vertex> = model.meshes.iter().flat_map(|m| &m.primitives).flat_map(|p| &p.vertices).collect();
    let distinct: std::collections::HashSet<[u16; 4]> = vertices.iter().map(|v| v.color).collect();
    assert!(distinct.len() >= 6, "the box's corners are coloured: {distinct:?}");
    assert!(distinct.contains(&[65535, 0, 0, 65535]), "pure red, opaque (COLOR_0 is VEC3): {distinct:?}");
    assert!(model.warnings.is_empty(), "{:?}", model.warnings);
    // A file without COLOR_0 stays white (the base colour alone).
    let plain = load(&std::fs::read_to_string(fixture("Cameras.gltf")).expect("fixture"));
    assert!(plain.meshes[0].primitives[0].vertices.iter().all(|v| v.color == Vertex::WHITE));
}

#[test]
fn animations_and_cameras_are_named_and_the_static_pose_drawn() {
    let animated = load(&std::fs::read_to_string(fixture("AnimatedTriangle.gltf")).expect("fixture"));
    assert!(animated.warnings.iter().any(|w| w.contains("1 animations are not played")), "{:?}", animated.warnings);
    assert_eq!(animated.meshes[0].primitives[0].indices.len(), 3);
    let cameras = load(&std::fs::read_to_string(fixture("Cameras.gltf")).expect("fixture"));
    assert!(cameras.warnings.iter().any(|w| w.contains("2 cameras are not used")), "{:?}", cameras.warnings);
}

#[test]
fn no_attribute_is_dropped_without_a_warning() {
    for file in ["BoxVertexColors.gltf", "AnimatedTriangle.gltf", "Cameras.gltf"] {
        let text = std::fs::read_to_string(fixture(file)).expect("fixture");
        assert_eq!(dropped_silently(&text), Vec::<String>::new(), "{file}");
    }
    // The box with every kind of attribute the viewer does not draw: more texture sets and
    // colours, skinning, an application's own. Each is named.
    let text = std::fs::read_to_string(fixture("BoxVertexColors.gltf")).expect("fixture");
    let mut json: serde_json::Value = serde_json::from_str(&text).expect("json");
    let attributes = &mut json["meshes"][0]["primitives"][0]["attributes"];
    for extra in ["TEXCOORD_2", "COLOR_1", "JOINTS_0", "WEIGHTS_0", "_TEMPERATURE"] {
        attributes[extra] = serde_json::json!(3);
    }
    json["meshes"][0]["primitives"][0]["targets"] = serde_json::json!([{ "POSITION": 2 }]);
    let text = json.to_string();
    assert_eq!(dropped_silently(&text), Vec::<String>::new());
    let model = load(&text);
    let warning = model.warnings.iter().find(|w| w.contains("JOINTS_0")).expect("named");
    assert!(warning.contains("static pose"), "{warning}");
    assert!(model.warnings.iter().any(|w| w.contains("1 morph targets not applied")), "{:?}", model.warnings);
}

#[test]
fn a_texture_on_an_unread_uv_set_is_named() {
    let text = std::fs::read_to_string(fixture("BoxVertexColors.gltf")).expect("fixture");
    let mut json: serde_json::Value = serde_json::from_str(&text).expect("json");
    json["materials"] = serde_json::json!([{ "name": "engraved", "occlusionTexture": { "index": 0, "texCoord": 2 } }]);
    json["textures"] = serde_json::json!([{ "source": 0 }]);
    json["images"] = serde_json::json!([{ "uri": "missing.png" }]);
    json["meshes"][0]["primitives"][0]["material"] = serde_json::json!(0);
    let bytes = json.to_string().into_bytes();
    let mut external = ExternalResources::new();
    external.insert("missing.png".into(), common_png());
    let model = load_gltf(&bytes, &external).expect("loads");
    assert!(model.warnings.iter().any(|w| w.contains("occlusionTexture reads TEXCOORD_2")), "{:?}", model.warnings);
}

/// A 1 × 1 white PNG.
fn common_png() -> Vec<u8> {
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(&[255, 255, 255, 255], 1, 1, image::ExtendedColorType::Rgba8)
        .map(|()| png)
        .expect("encodes")
}

/// BoxVertexColors drawn: its faces show saturated colours, where a viewer that dropped COLOR_0
/// would draw it all one grey (the material is the glTF default, white).
#[test]
fn vertex_colours_reach_the_pixels() {
    use pendant_viewer::camera::OrbitCamera;
    use pendant_viewer::gpu::{render_to_rgba8, FrameSettings, GpuContext, Renderer, OFFSCREEN_FORMAT};
    use pendant_viewer::scene::Scene;
    let model = load(&std::fs::read_to_string(fixture("BoxVertexColors.gltf")).expect("fixture"));
    let camera = OrbitCamera::framing(&model.bounds, 0.6, 0.4);
    let context = GpuContext::offscreen().expect("a Vulkan or GL adapter (install mesa-vulkan-drivers)");
    let mut renderer = Renderer::new(&context.device, &context.queue, OFFSCREEN_FORMAT);
    let mut scene = Scene::new();
    scene.set_model(model);
    let changes = scene.take_changes();
    renderer.sync(&context.device, &context.queue, &scene, &changes);
    let pixels =
        render_to_rgba8(&context, &mut renderer, (96, 96), &camera, &FrameSettings::default()).expect("readback");
    // Pixels where one channel leads the other two by far: red, green or blue faces.
    let leading = |channel: usize| {
        pixels
            .chunks_exact(4)
            .filter(|p| (0..3).filter(|&c| c != channel).all(|c| p[channel] as i32 - p[c] as i32 > 60))
            .count()
    };
    let counts = [leading(0), leading(1), leading(2)];
    assert!(counts.iter().filter(|&&n| n > 20).count() >= 2, "saturated pixels by channel: {counts:?}");
}
