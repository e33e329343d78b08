//! Merchant models as they ship: our pendants run through gltfpack and glTF-Transform
//! (quantized, meshopt-compressed, optimized, WebP, with fallback buffers, with variants) by
//! `scripts/corpus.mjs`, which also checks each with the Khronos validator. Each must load,
//! keep its slots, and render as its source does within quantization error, on lavapipe.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use pendant_viewer::camera::OrbitCamera;
use pendant_viewer::gpu::{render_to_rgba8, FrameSettings, GpuContext, Renderer, OFFSCREEN_FORMAT};
use pendant_viewer::model::gltf::{external_uris, load_gltf, ExternalResources, LoadBudget, ModelError};
use pendant_viewer::model::PendantModel;
use pendant_viewer::scene::{Analysis, Scene};

const SIZE: (u32, u32) = (160, 160);

fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

struct Entry {
    file: String,
    source: String,
    recipe: String,
    expect: String,
    /// What a refusal must name.
    names: String,
}

/// Builds the corpus once per test binary (a few seconds) and reads its index.
fn corpus() -> &'static [Entry] {
    static CORPUS: OnceLock<Vec<Entry>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let status = std::process::Command::new("node")
            .arg(repo_path("scripts/corpus.mjs"))
            .arg("--quiet")
            .status()
            .expect("node runs scripts/corpus.mjs (scripts/setup.sh --test installs the tools)");
        assert!(status.success(), "scripts/corpus.mjs failed: {status}");
        let index: serde_json::Value =
            serde_json::from_slice(&std::fs::read(repo_path("target/corpus/index.json")).expect("index"))
                .expect("json");
        let field = |e: &serde_json::Value, key: &str| e[key].as_str().expect(key).to_string();
        index
            .as_array()
            .expect("a list")
            .iter()
            .map(|e| Entry {
                file: field(e, "file"),
                source: field(e, "source"),
                recipe: field(e, "recipe"),
                expect: field(e, "expect"),
                names: e["names"].as_str().unwrap_or_default().to_string(),
            })
            .collect()
    })
}

/// Loads a file of the corpus (or a shipped model), its external files read beside it.
fn load(path: &Path) -> Result<PendantModel, ModelError> {
    let bytes = std::fs::read(path).expect("file");
    let mut external = ExternalResources::new();
    for uri in external_uris(&bytes, &LoadBudget::default())? {
        external.insert(uri.clone(), std::fs::read(path.with_file_name(&uri)).expect("external file"));
    }
    load_gltf(&bytes, &external)
}

/// A shipped model, or one the corpus script made (a textured disc, the high-poly disc).
fn source_path(entry: &Entry) -> PathBuf {
    let made = repo_path(&format!("target/corpus/{}.glb", entry.source));
    if made.exists() {
        made
    } else {
        repo_path(&format!("models/{}.glb", entry.source))
    }
}

fn gpu() -> &'static std::sync::Mutex<(GpuContext, Renderer)> {
    static GPU: OnceLock<std::sync::Mutex<(GpuContext, Renderer)>> = OnceLock::new();
    GPU.get_or_init(|| {
        let context = GpuContext::offscreen().expect("a Vulkan or GL adapter (install mesa-vulkan-drivers)");
        let renderer = Renderer::new(&context.device, &context.queue, OFFSCREEN_FORMAT);
        std::sync::Mutex::new((context, renderer))
    })
}

/// `model` as authored, seen by `camera` (the source's framing, so the two line up).
fn render(model: PendantModel, camera: &OrbitCamera) -> Vec<u8> {
    render_variant(model, None, camera)
}

/// `model` in material variant `variant` (`None`: as authored), as the page shows it.
fn render_variant(model: PendantModel, variant: Option<&str>, camera: &OrbitCamera) -> Vec<u8> {
    let mut guard = gpu().lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let (context, renderer) = &mut *guard;
    let mut scene = Scene::new();
    scene.set_variant(variant);
    scene.set_model(model);
    let changes = scene.take_changes();
    renderer.sync(&context.device, &context.queue, &scene, &changes);
    render_to_rgba8(context, renderer, SIZE, camera, &FrameSettings::default()).expect("readback")
}

/// Pixels whose largest channel difference is over `threshold`, as a fraction.
fn differing(a: &[u8], b: &[u8], threshold: u8) -> f64 {
    let count = a
        .chunks_exact(4)
        .zip(b.chunks_exact(4))
        .filter(|(p, q)| (0..3).any(|c| p[c].abs_diff(q[c]) > threshold))
        .count();
    count as f64 / (a.len() / 4) as f64
}

/// What the slot convention finds: slot names, sorted, and the areas, settings, hinges and
/// ring the viewer builds from them.
fn slots(model: &PendantModel) -> (Vec<String>, [usize; 5]) {
    use pendant_viewer::model::marks::mark_kind;
    let mut names: Vec<String> =
        model.nodes.iter().filter_map(|n| n.name.clone()).filter(|n| mark_kind(n).is_some()).collect();
    names.sort();
    let found = Analysis::of(model);
    let counts = [
        found.gems.len(),
        found.engraving.len(),
        found.photos.len(),
        found.hinges.len(),
        usize::from(found.chain_anchor.is_some()),
    ];
    (names, counts)
}

#[test]
fn the_corpus_covers_every_recipe() {
    let recipes: std::collections::HashSet<&str> = corpus().iter().map(|e| e.recipe.as_str()).collect();
    for recipe in [
        "quantize",
        "meshopt",
        "optimize",
        "gltfpack",
        "gltfpack-fallback",
        "draco",
        "webp",
        "variants",
        "subdivided",
        "unread-extension",
    ] {
        assert!(recipes.contains(recipe), "no {recipe} file in the corpus");
    }
}

#[test]
fn compressed_files_keep_their_slots_and_look() {
    let mut failures = Vec::new();
    for entry in corpus().iter().filter(|e| e.expect == "same" && e.recipe != "source") {
        let original = load(&source_path(entry)).expect("source loads");
        let packed = match load(&repo_path(&format!("target/corpus/{}", entry.file))) {
            Ok(model) => model,
            Err(error) => {
                failures.push(format!("{}: {error} [{}]", entry.file, error.code()));
                continue;
            }
        };
        if slots(&packed) != slots(&original) {
            failures.push(format!("{}: slots {:?}, its source has {:?}", entry.file, slots(&packed), slots(&original)));
        }
        let size = |m: &PendantModel| m.bounds.max - m.bounds.min;
        let drift = (size(&packed) - size(&original)).abs().max_element() * 1000.0;
        if drift > 0.05 {
            failures.push(format!("{}: its size differs by {drift:.3} mm", entry.file));
        }
        let camera = OrbitCamera::framing(&original.bounds, 0.5, 0.25);
        let (a, b) = (render(original, &camera), render(packed, &camera));
        let off = differing(&a, &b, 24);
        // Quantization moves a silhouette or a highlight's edge by a pixel here and there.
        if off > 0.01 {
            failures.push(format!("{}: {:.2} % of pixels differ by more than 24/255", entry.file, off * 100.0));
        }
        eprintln!("{}: {:.3} % of pixels over 24/255", entry.file, off * 100.0);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_file_needing_an_unread_extension_is_refused_naming_it() {
    let refused: Vec<&Entry> = corpus().iter().filter(|e| e.expect.starts_with("refused:")).collect();
    assert!(!refused.is_empty());
    for entry in refused {
        let error = load(&repo_path(&format!("target/corpus/{}", entry.file))).expect_err("refused");
        assert_eq!(format!("refused:{}", error.code()), entry.expect, "{}: {error}", entry.file);
        assert!(error.to_string().contains(entry.names.as_str()), "{error} names {}", entry.names);
    }
}

/// Loading and reading a model (bounds, slots, tangents, the attachment check's grid, the
/// contact shadow's bake) grows with its size, not faster: four times the triangles may take
/// at most eight times as long (quadratic would be sixteen). Ratios within one run, as the
/// machine is shared.
#[test]
fn a_high_poly_model_loads_in_linear_time() {
    let _ = corpus();
    let measure = |file: &str| {
        let path = repo_path(&format!("target/corpus/{file}"));
        let start = std::time::Instant::now();
        let model = load(&path).expect("loads");
        let loaded = start.elapsed();
        let analysis = Analysis::of(&model);
        let read = start.elapsed();
        let gaps = pendant_viewer::attachment::gaps(&model);
        let checked = start.elapsed();
        assert!(analysis.shadow.is_some() && gaps.is_empty(), "{file}: a shadow, nothing floats");
        let triangles: usize = model.meshes.iter().flat_map(|m| &m.primitives).map(|p| p.indices.len() / 3).sum();
        eprintln!(
            "{file}: {triangles} triangles, loaded {:.0} ms, read {:.0} ms, attachment {:.0} ms",
            loaded.as_secs_f64() * 1e3,
            (read - loaded).as_secs_f64() * 1e3,
            (checked - read).as_secs_f64() * 1e3
        );
        (triangles as f64, checked.as_secs_f64())
    };
    measure("disc-midpoly.glb"); // warm: page faults, allocator
    let (small, small_time) = measure("disc-midpoly.glb");
    let (large, large_time) = measure("disc-highpoly.glb");
    assert!((3.9..4.1).contains(&(large / small)), "{large} / {small} triangles");
    assert!(large_time / small_time < 8.0, "{large_time:.2} s for {large} triangles, {small_time:.2} s for {small}");
}

#[test]
fn variants_switch_the_metal() {
    let model = load(&repo_path("target/corpus/disc-variants.glb")).expect("loads");
    assert_eq!(model.variants, ["Gold", "Silver"]);
    let camera = OrbitCamera::framing(&model.bounds, 0.0, 0.0);
    let plain = render(load(&repo_path("models/disc-pendant.glb")).expect("loads"), &camera);
    let variant = |name: Option<&str>| render_variant(model.clone(), name, &camera);
    let (gold, silver, authored) = (variant(Some("Gold")), variant(Some("Silver")), variant(None));
    assert!(!model.clone().select_variant(Some("Bronze")));
    assert!(differing(&plain, &authored, 2) < 0.001, "no variant: as authored");
    assert!(differing(&plain, &gold, 2) < 0.001, "Gold is the metal as authored");
    assert!(differing(&gold, &silver, 24) > 0.2, "Silver changes the disc's colour");
    // Silver is neutral where gold is yellow: blue over red at the centre.
    let centre = |image: &[u8]| {
        let at = ((SIZE.1 / 2 * SIZE.0 + SIZE.0 / 2) * 4) as usize;
        image[at + 2] as f32 / image[at].max(1) as f32
    };
    assert!(centre(&silver) > centre(&gold) + 0.15, "silver {} gold {}", centre(&silver), centre(&gold));
}
