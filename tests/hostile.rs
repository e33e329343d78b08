//! Hostile models: one small file for each way a stranger's glTF could exhaust the viewer
//! (tests/hostile/, with cases.json naming the code each must give). Generated here, committed
//! so the browser suite (tests/browser/hostile.test.mjs) and the fuzz corpus load the same
//! bytes; `UPDATE_HOSTILE=1 cargo test --test hostile` rewrites them after a deliberate change.
//!
//! Each is refused with a coded error, within a heap bound and without a hang, or (the last
//! few) loads: a budget must not refuse what it has no reason to.

mod common;
#[path = "common/heap.rs"]
mod heap;

use base64::Engine as _;
use pendant_viewer::model::gltf::budget::LoadBudget;
use pendant_viewer::model::gltf::{encoded_images, external_uris, load_gltf, ExternalResources};
use serde_json::{json, Value};

const DIR: &str = "tests/hostile";

struct Case {
    file: &'static str,
    what: &'static str,
    json: Value,
    /// The error code, or "ok" when the model must load.
    code: &'static str,
    /// Words the error message must contain.
    message: &'static str,
}

fn data_uri(bytes: &[u8]) -> String {
    format!("data:application/octet-stream;base64,{}", base64::engine::general_purpose::STANDARD.encode(bytes))
}

fn triangle() -> Vec<u8> {
    [0.0f32, 0.0, 0.0, 0.01, 0.0, 0.0, 0.0, 0.01, 0.0].iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// A PNG of `width` × `height` as far as its header goes (IHDR, IEND, no pixels): what a
/// decompression bomb shows a header check.
fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend(width.to_be_bytes());
    png.extend(height.to_be_bytes());
    png.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
    png.extend(b"\0\0\0\0IEND\xaeB`\x82");
    png
}

/// A document with one triangle mesh (in a data URI) and `nodes` as given.
fn triangle_document(nodes: Value, scene_roots: Value) -> Value {
    json!({
        "asset": {"version": "2.0"},
        "scenes": [{"nodes": scene_roots}],
        "nodes": nodes,
        "meshes": [{"primitives": [{"attributes": {"POSITION": 0}}]}],
        "buffers": [{"byteLength": 36, "uri": data_uri(&triangle())}],
        "bufferViews": [{"buffer": 0, "byteLength": 36}],
        "accessors": [{"bufferView": 0, "componentType": 5126, "type": "VEC3", "count": 3,
                       "min": [0, 0, 0], "max": [0.01, 0.01, 0]}],
    })
}

/// One mesh of `vertices` positions in an external file the budget refuses before fetching.
fn external_mesh(vertices: u64, primitives: usize, nodes: Value, roots: Value) -> Value {
    let primitive = json!({"attributes": {"POSITION": 0}});
    json!({
        "asset": {"version": "2.0"},
        "scenes": [{"nodes": roots}],
        "nodes": nodes,
        "meshes": [{"primitives": vec![primitive; primitives]}],
        "buffers": [{"byteLength": vertices * 12, "uri": "never-fetched.bin"}],
        "bufferViews": [{"buffer": 0, "byteLength": vertices * 12}],
        "accessors": [{"bufferView": 0, "componentType": 5126, "type": "VEC3", "count": vertices}],
    })
}

fn with_images(images: Vec<Vec<u8>>, textured: bool) -> Value {
    let mut document = triangle_document(json!([{"mesh": 0}]), json!([0]));
    let count = images.len();
    document["images"] = images
        .iter()
        .map(|png| {
            json!({"uri": format!("data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(png))})
        })
        .collect();
    if textured {
        document["textures"] = (0..count).map(|i| json!({"source": i})).collect();
    }
    document
}

fn cases() -> Vec<Case> {
    let sparse_without_view = |count: u64| {
        // The security review's 420-byte file (F1): zero-filled elements, one substituted.
        json!({
            "asset": {"version": "2.0"}, "scenes": [{"nodes": [0]}], "nodes": [{"mesh": 0}],
            "meshes": [{"primitives": [{"attributes": {"POSITION": 0}}]}],
            "buffers": [{"byteLength": 12, "uri": data_uri(&[0; 12])}],
            "bufferViews": [{"buffer": 0, "byteLength": 12}],
            "accessors": [{"componentType": 5126, "type": "VEC3", "count": count,
                "sparse": {"count": 1, "indices": {"bufferView": 0, "componentType": 5121}, "values": {"bufferView": 0}}}],
        })
    };
    let chain_length = 19_000;
    let chain: Vec<Value> = (0..chain_length)
        .map(|i| match i {
            0 => json!({"name": "hinge_90deg", "children": [1]}),
            i if i == chain_length - 1 => json!({"mesh": 0, "translation": [0, 0.000001, 0]}),
            i => json!({"children": [i + 1], "translation": [0, 0.000001, 0]}),
        })
        .collect();
    let instances = |count: usize| (0..count).map(|_| json!({"mesh": 0})).collect::<Vec<_>>();
    let named = |name: &str, count: usize| {
        let mut nodes = vec![json!({"mesh": 0, "children": (1..=count).collect::<Vec<_>>()})];
        nodes.extend((0..count).map(|_| json!({"name": name})));
        nodes
    };
    let fan = json!({
        "asset": {"version": "2.0"}, "scenes": [{"nodes": [0]}], "nodes": [{"mesh": 0}],
        "meshes": [{"primitives": [{"attributes": {"POSITION": 0}, "indices": 1, "mode": 6}]}],
        "buffers": [{"byteLength": 36, "uri": data_uri(&triangle())}, {"byteLength": 2_000_000, "uri": "never-fetched.bin"}],
        "bufferViews": [{"buffer": 0, "byteLength": 36}, {"buffer": 1, "byteLength": 2_000_000}],
        "accessors": [{"bufferView": 0, "componentType": 5126, "type": "VEC3", "count": 3},
                      {"bufferView": 1, "componentType": 5121, "type": "SCALAR", "count": 2_000_000}],
    });
    let too_complex = "model-too-complex";
    vec![
        Case {
            file: "sparse-count-wraps-on-wasm32.gltf",
            what: "a sparse accessor without a view whose count × 3 wraps a 32-bit size",
            json: sparse_without_view(1_431_655_766),
            code: too_complex,
            message: "elements in one accessor: 1431655766",
        },
        Case {
            file: "sparse-count-600-mb.gltf",
            what: "a sparse accessor without a view declaring 50 M elements (600 MB of floats)",
            json: sparse_without_view(50_000_000),
            code: too_complex,
            message: "elements in one accessor: 50000000",
        },
        Case {
            file: "sparse-count-4m-vertices.gltf",
            what: "a sparse accessor under the element limit but over the vertex budget",
            json: sparse_without_view(4_000_000),
            code: too_complex,
            message: "vertices after expansion: 4000000",
        },
        Case {
            file: "u8-fan-without-normals.gltf",
            what: "2 MB of U8 indices drawn as a fan without normals: 6 M unwelded vertices",
            json: fan,
            code: too_complex,
            message: "vertices after expansion: 5999994",
        },
        Case {
            file: "one-accessor-200-primitives.gltf",
            what: "one 30,000-vertex accessor read by 200 primitives",
            json: external_mesh(30_000, 200, json!([{"mesh": 0}]), json!([0])),
            code: too_complex,
            message: "vertices after expansion: 6000000",
        },
        Case {
            file: "3000-instances.gltf",
            what: "3,000 nodes drawing one triangle each",
            json: triangle_document(json!(instances(3000)), json!((0..3000).collect::<Vec<_>>())),
            code: too_complex,
            message: "nodes drawing a mesh: 3000",
        },
        Case {
            file: "1000-instances-of-10k-triangles.gltf",
            what: "1,000 nodes drawing a 10,000-triangle mesh",
            json: external_mesh(30_000, 1, json!(instances(1000)), json!((0..1000).collect::<Vec<_>>())),
            code: too_complex,
            message: "triangles drawn (each node's mesh): 10000000",
        },
        Case {
            file: "20001-nodes.gltf",
            what: "20,001 nodes",
            json: triangle_document(json!(named("node", 20_000)), json!([0])),
            code: too_complex,
            message: "nodes: 20001",
        },
        Case {
            file: "600-stone-settings.gltf",
            what: "600 nodes named as stone settings",
            json: triangle_document(json!(named("gem_round_2mm", 600)), json!([0])),
            code: too_complex,
            message: "stone settings: 600",
        },
        Case {
            file: "20-photo-areas.gltf",
            what: "20 nodes named as photo areas",
            json: triangle_document(json!(named("photo_circle", 20)), json!([0])),
            code: too_complex,
            message: "photo and engraving areas: 20",
        },
        Case {
            file: "65-images.gltf",
            what: "65 images",
            json: with_images(vec![png_header(1, 1); 65], true),
            code: too_complex,
            message: "images: 65",
        },
        Case {
            file: "65-external-files.gltf",
            what: "65 external files, none fetched",
            json: {
                let mut document = triangle_document(json!([{"mesh": 0}]), json!([0]));
                let buffers = document["buffers"].as_array_mut().expect("buffers");
                buffers.extend((0..65).map(|i| json!({"byteLength": 4, "uri": format!("file-{i}.bin")})));
                document
            },
            code: too_complex,
            message: "external files: 65",
        },
        Case {
            file: "16384-px-image.gltf",
            what: "an image whose header says 16384 × 16384 (a decompression bomb)",
            json: with_images(vec![png_header(16_384, 16_384)], true),
            code: too_complex,
            message: "image 0: image side, pixels: 16384",
        },
        Case {
            file: "160-mp-of-images.gltf",
            what: "ten 4000 × 4000 images: 160 MP in all",
            json: with_images(vec![png_header(4000, 4000); 10], true),
            code: too_complex,
            message: "image 8: image pixels in all: 144000000",
        },
        Case {
            file: "json-object-bomb.gltf",
            what: "100,000 small JSON objects in extras: a parsed tree 60 times the file",
            json: {
                let mut document = triangle_document(json!([{"mesh": 0}]), json!([0]));
                document["extras"] = json!(vec![json!({"a": 0}); 100_000]);
                document
            },
            code: too_complex,
            message: "JSON objects: 100010 (at most 100000)",
        },
        Case {
            file: "unused-16384-px-image.gltf",
            what: "a 16384 × 16384 image no texture shows: never decoded, the model loads",
            json: with_images(vec![png_header(16_384, 16_384)], false),
            code: "ok",
            message: "",
        },
        Case {
            file: "19000-node-hinge-chain.gltf",
            what: "a locket hinge above a chain of 19,000 nodes: posed without recursion, the model loads",
            json: triangle_document(json!(chain), json!([0])),
            code: "ok",
            message: "",
        },
    ]
}

fn bytes_of(case: &Case) -> Vec<u8> {
    serde_json::to_vec(&case.json).expect("json")
}

/// The committed files are what the generator writes (rewritten with UPDATE_HOSTILE=1).
#[test]
fn committed_corpus_matches_the_generator() {
    let update = std::env::var_os("UPDATE_HOSTILE").is_some();
    let manifest: Vec<Value> =
        cases().iter().map(|c| json!({"file": c.file, "what": c.what, "code": c.code, "message": c.message})).collect();
    let manifest = serde_json::to_string_pretty(&manifest).expect("json") + "\n";
    let mut files: Vec<(String, Vec<u8>)> = cases().iter().map(|c| (c.file.to_string(), bytes_of(c))).collect();
    files.push(("cases.json".into(), manifest.into_bytes()));
    for (file, bytes) in &files {
        let path = format!("{DIR}/{file}");
        if update {
            std::fs::write(&path, bytes).expect("write");
        }
        let committed = std::fs::read(&path).unwrap_or_default();
        assert!(committed == *bytes, "{path} differs from the generator (UPDATE_HOSTILE=1 rewrites it)");
    }
    let mut listed: Vec<String> = files.into_iter().map(|(file, _)| file).collect();
    listed.sort();
    let mut present: Vec<String> = std::fs::read_dir(DIR)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    present.sort();
    assert_eq!(present, listed, "every file in {DIR} comes from the generator");
}

/// Each case gives its code and names its limit, before anything over budget is allocated:
/// within 1 MiB plus 64 times the file on the heap (the parsed JSON tree costs up to some 60
/// times its text, for `{"mesh":0}` repeated; the budget counts objects and values before
/// parsing), and quickly (a hang guard, not a timing budget). What the browser asks first (the URIs to fetch, the images to decode)
/// refuses the same files the same way.
#[test]
fn each_hostile_model_is_refused_with_its_code_and_a_bounded_heap() {
    for case in cases() {
        let bytes = bytes_of(&case);
        let started = std::time::Instant::now();
        let budget = LoadBudget::default();
        let (loaded, peak) = heap::peak_during(|| load_gltf(&bytes, &ExternalResources::new()));
        let bound = (1 << 20) + 64 * bytes.len();
        assert!(peak <= bound, "{}: the loader held {peak} bytes at once (bound {bound})", case.file);
        let seconds = started.elapsed().as_secs_f32();
        assert!(seconds < 5.0, "{}: {seconds} s", case.file);
        eprintln!("{}: {} bytes, peak heap {peak} bytes, {seconds:.3} s", case.file, bytes.len());
        match (case.code, loaded) {
            ("ok", Ok(_)) => {
                assert!(external_uris(&bytes, &budget).is_ok(), "{}", case.file);
                assert!(encoded_images(&bytes, &ExternalResources::new(), &budget).is_ok(), "{}", case.file);
            }
            ("ok", Err(error)) => panic!("{}: refused ({error})", case.file),
            (_, Ok(_)) => panic!("{}: loaded", case.file),
            (code, Err(error)) => {
                assert_eq!(error.code(), code, "{}: {error}", case.file);
                assert!(error.to_string().contains(case.message), "{}: '{error}' lacks '{}'", case.file, case.message);
                // The browser's first questions: refused before any file is fetched or image
                // decoded (images over budget by header).
                let first = external_uris(&bytes, &budget)
                    .and_then(|_| encoded_images(&bytes, &ExternalResources::new(), &budget).map(|_| ()));
                let first = first.expect_err(case.file);
                assert_eq!(first.code(), code, "{}: {first}", case.file);
            }
        }
    }
}

/// A model file over the byte budget is refused before its JSON is parsed.
#[test]
fn a_file_over_the_byte_budget_is_refused_unparsed() {
    let budget = LoadBudget::default();
    let mut bytes = vec![b' '; budget.file_bytes as usize + 1];
    bytes[0] = b'{';
    let (loaded, peak) = heap::peak_during(|| load_gltf(&bytes, &ExternalResources::new()));
    let error = loaded.expect_err("refused");
    assert_eq!(error.code(), "model-too-complex");
    assert!(error.to_string().contains("model file, bytes: 67108865 (at most 67108864)"), "{error}");
    assert!(peak < 1 << 20, "{peak} bytes held");
}

/// The device's limits lower the budget: an image a small GPU cannot hold is refused by
/// header, naming the device's limit.
#[test]
fn a_device_limit_refuses_an_image_it_cannot_hold() {
    let bytes = bytes_of(&Case {
        file: "",
        what: "",
        json: with_images(vec![png_header(4096, 16)], true),
        code: "",
        message: "",
    });
    let small = LoadBudget::default().for_device(2048, 256 << 20);
    let error = encoded_images(&bytes, &ExternalResources::new(), &small).expect_err("over 2048");
    assert_eq!(error.code(), "model-too-complex");
    assert!(error.to_string().contains("image side, pixels: 4096 (at most 2048)"), "{error}");
    assert!(encoded_images(&bytes, &ExternalResources::new(), &LoadBudget::default()).is_ok());
}

/// The budget is for hostile files, not real jewelry: an 800,000-triangle CAD pendant (a
/// 600 × 667 grid, normals and 32-bit indices, 19 MB) loads.
#[test]
fn an_800k_triangle_pendant_loads() {
    let (columns, rows) = (601u32, 668u32); // 600 × 667 quads, two triangles each
    let mut bin = Vec::new();
    for row in 0..rows {
        for column in 0..columns {
            let (x, y) = (column as f32 * 3e-5, row as f32 * 3e-5);
            for v in [x, y, (x * 400.0).sin() * 1e-4, 0.0, 0.0, 1.0] {
                bin.extend(v.to_le_bytes());
            }
        }
    }
    let vertex_bytes = bin.len();
    for row in 0..rows - 1 {
        for column in 0..columns - 1 {
            let at = row * columns + column;
            for index in [at, at + 1, at + columns, at + 1, at + columns + 1, at + columns] {
                bin.extend(index.to_le_bytes());
            }
        }
    }
    let triangles = (rows - 1) as usize * (columns - 1) as usize * 2;
    assert!(triangles >= 800_000, "{triangles}");
    let vertices = (rows * columns) as usize;
    let json = json!({
        "asset": {"version": "2.0"}, "scenes": [{"nodes": [0]}], "nodes": [{"mesh": 0}],
        "meshes": [{"primitives": [{"attributes": {"POSITION": 0, "NORMAL": 1}, "indices": 2}]}],
        "buffers": [{"byteLength": bin.len()}],
        "bufferViews": [
            {"buffer": 0, "byteLength": vertex_bytes, "byteStride": 24},
            {"buffer": 0, "byteOffset": vertex_bytes, "byteLength": bin.len() - vertex_bytes},
        ],
        "accessors": [
            {"bufferView": 0, "componentType": 5126, "type": "VEC3", "count": vertices},
            {"bufferView": 0, "byteOffset": 12, "componentType": 5126, "type": "VEC3", "count": vertices},
            {"bufferView": 1, "componentType": 5125, "type": "SCALAR", "count": triangles * 3},
        ],
    });
    let glb = common::glb(&serde_json::to_string(&json).expect("json"), &bin);
    let started = std::time::Instant::now();
    let model = load_gltf(&glb, &ExternalResources::new()).unwrap_or_else(|e| panic!("refused: {e}"));
    eprintln!("800k triangles: {} bytes loaded in {:?}", glb.len(), started.elapsed());
    assert_eq!(model.meshes[0].primitives[0].indices.len(), triangles * 3);
}
