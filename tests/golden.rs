//! Golden images: the real renderer draws offscreen on the software Vulkan driver CI uses
//! (lavapipe) and each frame is compared with a committed PNG in tests/golden/.
//!
//! A missing golden fails. Only `UPDATE_GOLDENS=1 cargo test --test golden` (the README's
//! `make goldens`) writes them. On a mismatch the actual image and a diff are written to
//! target/golden-failures/.

mod common;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use pendant_viewer::camera::OrbitCamera;
use pendant_viewer::chain::{Chain, ChainStyle};
use pendant_viewer::design::Design;
use pendant_viewer::engraving::CutFinish;
use pendant_viewer::engraving::{engrave, EngravingDesign, FontBook, FontStyle, TextPath};
use pendant_viewer::finish::{Finish, Metal, Surface};
use pendant_viewer::gpu::{render_to_rgba8, FrameSettings, GpuContext, Renderer, OFFSCREEN_FORMAT};
use pendant_viewer::model::gltf::{load_gltf, ExternalResources};
use pendant_viewer::native::{design_proof, render_design, Still};
use pendant_viewer::photo::decode::decode;
use pendant_viewer::photo::{PhotoCover, PhotoCrop, PhotoDesign, PhotoTone, TEXTURE_SIDE};
use pendant_viewer::scene::{self, Scene};
use pendant_viewer::stones::{Stone, STONES};
use pendant_viewer::studio::backdrop::Backdrop;

/// Per-pixel comparison thresholds, measured on lavapipe (docs/testing.md): Vulkan
/// vs GL lavapipe differ by ≤ 1/255 on < 0.01 % of pixels, while a 1 px shift, a 4 %
/// brightness change or a 16×16 patch all exceed these.
const CHANNEL_TOLERANCE: u8 = 2;
const MAX_DIFFERING_FRACTION: f64 = 0.001;
const MAX_CHANNEL_DIFFERENCE: u8 = 64;

struct Case {
    name: &'static str,
    model: fn() -> Vec<u8>,
    yaw_deg: f32,
    pitch_deg: f32,
    size: (u32, u32),
    /// Camera distance relative to the automatic framing (1 = framed).
    zoom: f32,
}

/// Goldens stay small (fast to render on lavapipe, small to commit).
const SQUARE: (u32, u32) = (256, 256);
const STRIP: (u32, u32) = (512, 128);

fn disc() -> Vec<u8> {
    std::fs::read(repo_path("models/disc-pendant.glb")).expect("models/disc-pendant.glb")
}

fn bar() -> Vec<u8> {
    std::fs::read(repo_path("models/bar-horizontal.glb")).expect("models/bar-horizontal.glb")
}

fn heart() -> Vec<u8> {
    std::fs::read(repo_path("models/heart-puffy.glb")).expect("models/heart-puffy.glb")
}

/// Gold (Real-Time Rendering 4th ed. F0, linear) across roughness 0..1.
fn gold_spheres() -> Vec<u8> {
    common::roughness_sweep_glb([1.0, 0.782, 0.344])
}

/// Silver (Real-Time Rendering 4th ed. F0, linear) across roughness 0..1.
fn silver_spheres() -> Vec<u8> {
    common::roughness_sweep_glb([0.972, 0.960, 0.915])
}

/// One sphere per KHR_materials_* extension (see `common::khr_materials_glb`).
fn khr_spheres() -> Vec<u8> {
    common::khr_materials_glb()
}

/// A textured dielectric (checker, KHR_texture_transform) beside normal-mapped silver.
fn textured_spheres() -> Vec<u8> {
    common::textured_spheres_glb()
}

const CASES: &[Case] = &[
    Case { name: "roughness-sweep-gold", model: gold_spheres, yaw_deg: 0.0, pitch_deg: 0.0, size: STRIP, zoom: 0.35 },
    Case {
        name: "roughness-sweep-silver",
        model: silver_spheres,
        yaw_deg: 0.0,
        pitch_deg: 0.0,
        size: STRIP,
        zoom: 0.35,
    },
    Case { name: "disc-front", model: disc, yaw_deg: 0.0, pitch_deg: 0.0, size: SQUARE, zoom: 1.0 },
    Case { name: "disc-three-quarter", model: disc, yaw_deg: 35.0, pitch_deg: 15.0, size: SQUARE, zoom: 1.0 },
    Case { name: "heart-front", model: heart, yaw_deg: 0.0, pitch_deg: 0.0, size: SQUARE, zoom: 1.0 },
    Case { name: "heart-three-quarter", model: heart, yaw_deg: -35.0, pitch_deg: 15.0, size: SQUARE, zoom: 1.0 },
    Case {
        name: "textured-spheres",
        model: textured_spheres,
        yaw_deg: 20.0,
        pitch_deg: 10.0,
        size: (384, 192),
        zoom: 0.6,
    },
    Case { name: "khr-materials", model: khr_spheres, yaw_deg: 0.0, pitch_deg: 0.0, size: STRIP, zoom: 0.35 },
    Case { name: "disc-back", model: disc, yaw_deg: 180.0, pitch_deg: 0.0, size: SQUARE, zoom: 1.0 },
];

fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// One device and renderer for the whole binary (creating them costs ~0.5 s on lavapipe).
fn gpu() -> &'static Mutex<(GpuContext, Renderer)> {
    static GPU: OnceLock<Mutex<(GpuContext, Renderer)>> = OnceLock::new();
    GPU.get_or_init(|| {
        let context = GpuContext::offscreen().expect("a Vulkan or GL adapter (install mesa-vulkan-drivers)");
        eprintln!("golden renders on {}", context.backend_description());
        let renderer = Renderer::new(&context.device, &context.queue, OFFSCREEN_FORMAT);
        Mutex::new((context, renderer))
    })
}

/// Uploads what changed in `scene` and draws it: the page's path (scene → renderer → pixels).
fn draw(
    context: &GpuContext,
    renderer: &mut Renderer,
    scene: &mut Scene,
    size: (u32, u32),
    camera: &OrbitCamera,
    settings: &FrameSettings,
) -> Vec<u8> {
    let changes = scene.take_changes();
    renderer.sync(&context.device, &context.queue, scene, &changes);
    render_to_rgba8(context, renderer, size, camera, settings).expect("readback")
}

/// A scene showing `model` in `finish` with `stone` in its settings, as the page shows it.
fn scene_of(model: pendant_viewer::model::PendantModel, finish: Option<Finish>, stone: Option<Stone>) -> Scene {
    let mut scene = Scene::new();
    scene.set_finish(finish);
    scene.set_stone(stone);
    scene.set_model(model);
    scene
}

/// Cuts `design` into `side` of the scene's model, as the engraving module would.
fn engrave_side(scene: &mut Scene, side: &str, design: &EngravingDesign, finish: CutFinish) {
    let analysis = scene.analysis();
    let index = analysis.engraving_index(side).expect("the model has the side");
    let engraved = engrave(design, &analysis.engraving[index].area, book()).expect("engraves");
    scene.set_engraving(side, Some(scene::Cut { field: engraved.field, finish })).expect("engraving area");
}

fn render_case(case: &Case) -> Vec<u8> {
    render_case_in(case, None, &FrameSettings::default())
}

/// Renders `case` with its metal parts in `finish` (`None`: as authored).
fn render_case_in(case: &Case, finish: Option<Finish>, settings: &FrameSettings) -> Vec<u8> {
    render_case_with(case, finish, None, settings)
}

/// Renders `case` with `finish` and `stone` in its gem slots.
fn render_case_with(case: &Case, finish: Option<Finish>, stone: Option<Stone>, settings: &FrameSettings) -> Vec<u8> {
    let model = load_gltf(&(case.model)(), &ExternalResources::new()).expect("model loads");
    let mut camera = OrbitCamera::framing(&model.bounds, case.yaw_deg.to_radians(), case.pitch_deg.to_radians());
    camera.zoom(case.zoom);
    let mut guard = gpu().lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let (context, renderer) = &mut *guard;
    let mut scene = scene_of(model, finish, stone);
    draw(context, renderer, &mut scene, case.size, &camera, settings)
}

/// One engraving to cut into a side of the model.
struct Cut {
    side: &'static str,
    design: EngravingDesign,
    finish: CutFinish,
}

/// The engraving fonts, from www/fonts as the page loads them.
fn book() -> &'static FontBook {
    static BOOK: OnceLock<FontBook> = OnceLock::new();
    BOOK.get_or_init(|| FontBook::from_dir(&repo_path("www/fonts")).expect("www/fonts"))
}

/// Renders `case` in `finish` with `cuts` engraved.
fn render_engraved(case: &Case, finish: Finish, cuts: &[Cut]) -> Vec<u8> {
    let model = load_gltf(&(case.model)(), &ExternalResources::new()).expect("model loads");
    let mut camera = OrbitCamera::framing(&model.bounds, case.yaw_deg.to_radians(), case.pitch_deg.to_radians());
    camera.zoom(case.zoom);
    let mut scene = scene_of(model, Some(finish), None);
    for cut in cuts {
        engrave_side(&mut scene, cut.side, &cut.design, cut.finish);
    }
    let mut guard = gpu().lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let (context, renderer) = &mut *guard;
    draw(context, renderer, &mut scene, case.size, &camera, &FrameSettings::default())
}

/// Lays equally sized RGBA tiles out in a grid, `columns` wide, row by row.
fn contact_sheet(tiles: &[Vec<u8>], (width, height): (u32, u32), columns: usize) -> (Vec<u8>, (u32, u32)) {
    let rows = tiles.len().div_ceil(columns);
    let sheet_size = (width * columns as u32, height * rows as u32);
    let mut sheet = vec![0u8; (sheet_size.0 * sheet_size.1 * 4) as usize];
    let tile_row = (width * 4) as usize;
    for (index, tile) in tiles.iter().enumerate() {
        let (column, row) = (index % columns, index / columns);
        for y in 0..height as usize {
            let target = ((row * height as usize + y) * sheet_size.0 as usize + column * width as usize) * 4;
            sheet[target..target + tile_row].copy_from_slice(&tile[y * tile_row..(y + 1) * tile_row]);
        }
    }
    (sheet, sheet_size)
}

struct Comparison {
    differing_fraction: f64,
    max_difference: u8,
    diff_image: Vec<u8>,
}

fn compare(actual: &[u8], expected: &[u8]) -> Comparison {
    let mut differing = 0usize;
    let mut max_difference = 0u8;
    let mut diff_image = Vec::with_capacity(actual.len());
    for (a, e) in actual.chunks_exact(4).zip(expected.chunks_exact(4)) {
        let difference = a.iter().zip(e).map(|(x, y)| x.abs_diff(*y)).max().unwrap_or(0);
        max_difference = max_difference.max(difference);
        if difference > CHANNEL_TOLERANCE {
            differing += 1;
            diff_image.extend_from_slice(&[255, 0, 255, 255]);
        } else {
            let grey = e[0] / 3;
            diff_image.extend_from_slice(&[grey, grey, grey, 255]);
        }
    }
    Comparison { differing_fraction: differing as f64 / (actual.len() / 4) as f64, max_difference, diff_image }
}

fn save_png(path: &Path, pixels: &[u8], (width, height): (u32, u32)) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("create dir");
    image::save_buffer(path, pixels, width, height, image::ExtendedColorType::Rgba8).expect("write png");
}

fn check(case: &Case) {
    check_pixels(case.name, case.size, &render_case(case));
}

fn check_pixels(name: &str, size: (u32, u32), actual: &[u8]) {
    let golden = repo_path(&format!("tests/golden/{name}.png"));
    if std::env::var_os("UPDATE_GOLDENS").is_some() {
        save_png(&golden, actual, size);
        eprintln!("wrote {}", golden.display());
        return;
    }
    let expected = match image::open(&golden) {
        Ok(image) => image.to_rgba8(),
        Err(error) => panic!(
            "golden {} is missing or unreadable ({error}); render it with `make goldens` and look at it before committing",
            golden.display()
        ),
    };
    assert_eq!(expected.dimensions(), size, "golden {name} has the wrong size");
    let comparison = compare(actual, expected.as_raw());
    let passed =
        comparison.differing_fraction <= MAX_DIFFERING_FRACTION && comparison.max_difference <= MAX_CHANNEL_DIFFERENCE;
    if !passed {
        let failures = repo_path("target/golden-failures");
        save_png(&failures.join(format!("{name}-actual.png")), actual, size);
        save_png(&failures.join(format!("{name}-diff.png")), &comparison.diff_image, size);
        panic!(
            "{}: {:.3} % of pixels differ by more than {CHANNEL_TOLERANCE}, max difference {} (limits {:.1} %, {MAX_CHANNEL_DIFFERENCE}); see {}",
            name,
            comparison.differing_fraction * 100.0,
            comparison.max_difference,
            MAX_DIFFERING_FRACTION * 100.0,
            failures.display()
        );
    }
}

#[test]
fn golden_roughness_sweep_gold() {
    check(&CASES[0]);
}

#[test]
fn golden_roughness_sweep_silver() {
    check(&CASES[1]);
}

#[test]
fn golden_disc_front() {
    check(&CASES[2]);
}

#[test]
fn golden_disc_three_quarter() {
    check(&CASES[3]);
}

#[test]
fn golden_heart_front() {
    check(&CASES[4]);
}

#[test]
fn golden_heart_three_quarter() {
    check(&CASES[5]);
}

#[test]
fn golden_textured_spheres() {
    check(&CASES[6]);
}

#[test]
fn golden_khr_materials() {
    check(&CASES[7]);
}

/// The back (where a second engraving goes) must read as brightly as the front.
#[test]
fn golden_disc_back() {
    check(&CASES[8]);
}

/// Every metal, polished (top row) and brushed (bottom row), on the disc at three-quarter view.
#[test]
fn golden_finishes() {
    let tile = Case { name: "", model: disc, yaw_deg: 30.0, pitch_deg: 10.0, size: (160, 160), zoom: 1.0 };
    let tiles: Vec<_> = [Surface::Polished, Surface::Brushed]
        .into_iter()
        .flat_map(|surface| Metal::ALL.map(|metal| Finish { metal, surface }))
        .map(|finish| render_case_in(&tile, Some(finish), &FrameSettings::default()))
        .collect();
    let (sheet, size) = contact_sheet(&tiles, tile.size, Metal::ALL.len());
    check_pixels("finishes", size, &sheet);
}

fn round_plate() -> Vec<u8> {
    common::gem_plate_glb("gem_round_6mm")
}

/// Every stone on offer (the twelve months and their alternates, then cubic zirconia) in a
/// 6 mm round setting, in `STONES` order, five to a row.
#[test]
fn golden_stones() {
    let tile = Case { name: "", model: round_plate, yaw_deg: 12.0, pitch_deg: 28.0, size: (128, 128), zoom: 0.8 };
    let tiles: Vec<_> = STONES
        .iter()
        .map(|stone| render_case_with(&tile, Some(Finish::DEFAULT), Some(*stone), &FrameSettings::default()))
        .collect();
    let (sheet, size) = contact_sheet(&tiles, tile.size, 5);
    check_pixels("stones", size, &sheet);
}

/// Diamond in each faceted cut: round, oval, princess, heart; in bezels, then in prongs
/// (six, six, four at the corners, three at the tip and lobes).
#[test]
fn golden_cuts() {
    let plates: [fn() -> Vec<u8>; 8] = [
        round_plate,
        || common::gem_plate_glb("gem_oval_6mm"),
        || common::gem_plate_glb("gem_princess_5mm"),
        || common::gem_plate_glb("gem_heart_6mm"),
        || common::gem_plate_glb("gem_round_6mm_prong"),
        || common::gem_plate_glb("gem_oval_6mm_prong"),
        || common::gem_plate_glb("gem_princess_5mm_prong"),
        || common::gem_plate_glb("gem_heart_6mm_prong"),
    ];
    let diamond = Stone::named("diamond").expect("diamond");
    let tiles: Vec<_> = plates
        .iter()
        .map(|&model| {
            let tile = Case { name: "", model, yaw_deg: 0.0, pitch_deg: 35.0, size: (160, 160), zoom: 0.8 };
            let settings = FrameSettings::default();
            render_case_with(
                &tile,
                Some(Finish { metal: Metal::WhiteGold, surface: Surface::Polished }),
                Some(diamond),
                &settings,
            )
        })
        .collect();
    let (sheet, size) = contact_sheet(&tiles, (160, 160), 4);
    check_pixels("cuts", size, &sheet);
}

/// The backgrounds an embedder can choose: gradient, white, a page colour, transparent.
#[test]
fn golden_backgrounds() {
    let tile = Case { name: "", model: heart, yaw_deg: 0.0, pitch_deg: 0.0, size: (128, 128), zoom: 1.0 };
    let backgrounds = [Backdrop::Gradient, Backdrop::White, Backdrop::Color([0x1d, 0x2a, 0x3a]), Backdrop::Transparent];
    let tiles: Vec<_> = backgrounds
        .iter()
        .map(|&background| {
            render_case_in(&tile, Some(Finish::DEFAULT), &FrameSettings { background, ..FrameSettings::default() })
        })
        .collect();
    let transparent = &tiles[3];
    assert_eq!(transparent[3], 0, "the corner of a transparent render is see-through");
    let centre = ((64 * 128 + 64) * 4 + 3) as usize;
    assert_eq!(transparent[centre], 255, "the pendant itself is opaque");
    let (sheet, size) = contact_sheet(&tiles, tile.size, backgrounds.len());
    check_pixels("backgrounds", size, &sheet);
}

/// Canvases are not sRGB: there the shader encodes, MSAA resolves in sRGB space and the
/// shadow blends encoded values. The picture, shadow included, must match the hardware-encoded
/// one apart from anti-aliased edges.
#[test]
fn shader_srgb_encoding_matches_hardware_encoding() {
    let case = &CASES[3];
    let model = load_gltf(&(case.model)(), &ExternalResources::new()).expect("model loads");
    let camera = OrbitCamera::framing(&model.bounds, case.yaw_deg.to_radians(), case.pitch_deg.to_radians());
    let guard = gpu().lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let context = &guard.0;
    let mut renderer = Renderer::new(&context.device, &context.queue, wgpu::TextureFormat::Rgba8Unorm);
    let mut scene = scene_of(model, None, None);
    let encoded = draw(context, &mut renderer, &mut scene, case.size, &camera, &FrameSettings::default());
    drop(guard);
    let comparison = compare(&encoded, &render_case(case));
    assert!(comparison.differing_fraction < 0.01, "{:.3} % differ", comparison.differing_fraction * 100.0);
}

#[test]
fn comparison_catches_a_shift_and_a_patch_but_not_noise() {
    let base = render_case(&CASES[2]);
    // ±1 noise on every channel passes.
    let noisy: Vec<u8> = base
        .iter()
        .enumerate()
        .map(|(i, v)| if i % 2 == 0 { v.saturating_add(1) } else { v.saturating_sub(1) })
        .collect();
    let noise = compare(&noisy, &base);
    assert_eq!(noise.differing_fraction, 0.0);
    // A 1 px horizontal shift of the pendant fails.
    let (width, _) = CASES[2].size;
    let row = (width * 4) as usize;
    let shifted: Vec<u8> = base.chunks(row).flat_map(|r| [&r[4..], &r[row - 4..]].concat()).collect();
    assert!(compare(&shifted, &base).differing_fraction > MAX_DIFFERING_FRACTION);
    // A 16×16 patch fails.
    let mut patched = base.clone();
    for y in 120..136 {
        for x in 120..136 {
            let at = (y * width as usize + x) * 4;
            patched[at..at + 3].copy_from_slice(&[255, 0, 0]);
        }
    }
    assert!(compare(&patched, &base).differing_fraction > MAX_DIFFERING_FRACTION);
}

fn lettering(text: &str, style: FontStyle) -> EngravingDesign {
    EngravingDesign { text: text.into(), style, ..EngravingDesign::default() }
}

/// Engraving on the shipped pendants: a script name on the heart, map coordinates, an arc
/// round the disc's rim on its back, a Hebrew name with an oxidized floor, three serif lines
/// on the horizontal bar.
#[test]
fn golden_engraving() {
    let bright = CutFinish::Bright;
    let gold = Finish::DEFAULT;
    let silver = Finish { metal: Metal::SterlingSilver, surface: Surface::Polished };
    let rose = Finish { metal: Metal::RoseGold, surface: Surface::Polished };
    let white = Finish { metal: Metal::WhiteGold, surface: Surface::Polished };
    let front = |model, yaw_deg| Case { name: "", model, yaw_deg, pitch_deg: 8.0, size: (256, 256), zoom: 0.8 };
    let back = Case { name: "", model: disc, yaw_deg: 200.0, pitch_deg: 8.0, size: (256, 256), zoom: 0.8 };
    let tiles = vec![
        render_engraved(
            &front(heart, 15.0),
            gold,
            &[Cut { side: "front", design: lettering("Emma", FontStyle::Script), finish: bright }],
        ),
        render_engraved(
            &front(disc, -15.0),
            silver,
            &[Cut {
                side: "front", design: lettering("40°42′46″N\n74°00′22″W", FontStyle::Mono), finish: bright
            }],
        ),
        render_engraved(
            &back,
            rose,
            &[Cut {
                side: "back",
                design: EngravingDesign { path: TextPath::Arc, ..lettering("FOREVER & ALWAYS", FontStyle::Block) },
                finish: bright,
            }],
        ),
        render_engraved(
            &front(disc, 10.0),
            white,
            &[Cut { side: "front", design: lettering("שרה", FontStyle::Serif), finish: CutFinish::Oxidized }],
        ),
        render_engraved(
            &Case { name: "", model: bar, yaw_deg: -12.0, pitch_deg: 8.0, size: (256, 256), zoom: 0.75 },
            silver,
            &[Cut {
                side: "front",
                design: lettering("Love you\nto the moon\nand back", FontStyle::Serif),
                finish: CutFinish::Oxidized,
            }],
        ),
    ];
    let (sheet, size) = contact_sheet(&tiles, (256, 256), 5);
    check_pixels("engraving", size, &sheet);
}

/// The lockets: round closed (its lid engraved), half open and open (the photo areas, still
/// empty), then the oval open and the heart closed and open, each framed for its whole swing
/// as the page frames it.
#[test]
fn golden_locket() {
    let states = [("round", 0.0), ("round", 0.5), ("round", 1.0), ("oval", 1.0), ("heart", 0.0), ("heart", 1.0)];
    let rose = Finish { metal: Metal::RoseGold, surface: Surface::Polished };
    let tiles: Vec<_> = states
        .iter()
        .map(|&(shape, fraction)| {
            let bytes = std::fs::read(repo_path(&format!("models/locket-{shape}.glb"))).expect("locket model");
            let model = load_gltf(&bytes, &ExternalResources::new()).expect("model loads");
            let mut scene = scene_of(model, Some(rose), None);
            assert_eq!(scene.analysis().hinges.len(), 1, "{shape}");
            engrave_side(&mut scene, "front", &lettering("A & J", FontStyle::Script), CutFinish::Bright);
            // Framed as far open as it is, as the element frames a locket while it opens.
            scene.set_opening(fraction);
            let bounds = scene.framing_bounds().expect("a model");
            let camera = OrbitCamera::framing(&bounds, 20f32.to_radians(), 10f32.to_radians());
            let mut guard = gpu().lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            let (context, renderer) = &mut *guard;
            draw(context, renderer, &mut scene, (256, 256), &camera, &FrameSettings::default())
        })
        .collect();
    let (sheet, size) = contact_sheet(&tiles, (256, 256), 3);
    check_pixels("locket", size, &sheet);
}

/// One photo to set: area index, sample file in www/photos, and how it is shown.
struct PhotoCut {
    area: usize,
    file: &'static str,
    design: PhotoDesign,
}

fn photo_design(tone: PhotoTone, cover: PhotoCover, crop: PhotoCrop) -> PhotoDesign {
    PhotoDesign { crop, tone, cover }
}

/// `model` (in models/) in yellow gold with `photos`, open by `open`, seen from yaw/pitch.
fn render_photos(model: &str, photos: &[PhotoCut], open: f32, view: (f32, f32)) -> Vec<u8> {
    render_pendant(model, photos, None, open, view)
}

/// `model` (in models/) in yellow gold with `photos` and `stone` in its settings, open by
/// `open`, seen from yaw/pitch.
fn render_pendant(
    model: &str,
    photos: &[PhotoCut],
    stone: Option<Stone>,
    open: f32,
    (yaw_deg, pitch_deg): (f32, f32),
) -> Vec<u8> {
    let bytes = std::fs::read(repo_path(&format!("models/{model}.glb"))).expect("model");
    let model = load_gltf(&bytes, &ExternalResources::new()).expect("model loads");
    let gold = Finish { metal: Metal::YellowGold, surface: Surface::Polished };
    let mut scene = scene_of(model, Some(gold), stone);
    for cut in photos {
        let file = std::fs::read(repo_path(&format!("www/photos/{}", cut.file))).expect("sample photo");
        let image = decode(&file, TEXTURE_SIDE).expect("decodes");
        scene.set_photo(cut.area, image, cut.design).expect("photo area");
    }
    // Framed as far open as it is, as the element frames a locket while it opens.
    scene.set_opening(open);
    let bounds = scene.framing_bounds().expect("a model");
    let camera = OrbitCamera::framing(&bounds, yaw_deg.to_radians(), pitch_deg.to_radians());
    let mut guard = gpu().lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let (context, renderer) = &mut *guard;
    draw(context, renderer, &mut scene, (256, 256), &camera, &FrameSettings::default())
}

#[test]
fn golden_photo() {
    use PhotoCover::*;
    use PhotoTone::*;
    let plain = PhotoCrop::default();
    let framed = PhotoCrop { zoom: 1.6, x: 0.0, y: -0.5, rotation_deg: 0.0 };
    let tiles = [
        render_photos(
            "locket-heart",
            &[
                PhotoCut { area: 0, file: "astronaut.jpg", design: photo_design(Color, Glass, framed) },
                PhotoCut { area: 1, file: "cat.jpg", design: photo_design(Color, Glass, plain) },
            ],
            1.0,
            (15.0, 10.0),
        ),
        render_photos(
            "locket-round",
            &[PhotoCut { area: 0, file: "astronaut.jpg", design: photo_design(Sepia, Glass, framed) }],
            1.0,
            (-20.0, 5.0),
        ),
        render_photos(
            "locket-oval",
            &[PhotoCut { area: 1, file: "cat.jpg", design: photo_design(BlackWhite, Resin, plain) }],
            1.0,
            (0.0, 0.0),
        ),
        render_photos(
            "photo-round",
            &[PhotoCut { area: 0, file: "cat.jpg", design: photo_design(Color, Glass, plain) }],
            0.0,
            (0.0, 0.0),
        ),
        render_photos(
            "photo-round",
            &[PhotoCut { area: 0, file: "cat.jpg", design: photo_design(Color, Glass, plain) }],
            0.0,
            (40.0, 15.0),
        ),
        render_photos(
            "charm-heart",
            &[PhotoCut { area: 0, file: "astronaut.jpg", design: photo_design(Color, Resin, framed) }],
            0.0,
            (15.0, 10.0),
        ),
    ];
    let (sheet, size) = contact_sheet(&tiles, (256, 256), 3);
    check_pixels("photo", size, &sheet);
}

/// The pendants no other golden shows: a diamond solitaire in six prongs, the oval photo
/// pendant with its birthstone, the heart locket open with a sapphire on its lid (it swings
/// with the lid; the open lid casts its shadow), the puffy heart, the four-sided bar, the
/// sideways bar, the birthstone disc (emerald) and the heart locket closed with its stone.
#[test]
fn golden_collection() {
    let stone = |name: &str| Stone::named(name).expect("stone");
    let cat = [PhotoCut { area: 0, file: "cat.jpg", design: PhotoDesign::default() }];
    let tiles = [
        render_pendant("solitaire-prong", &[], Some(stone("diamond")), 0.0, (15.0, 10.0)),
        render_pendant("photo-birthstone", &cat, Some(stone("ruby")), 0.0, (10.0, 5.0)),
        render_pendant("locket-heart", &[], Some(stone("sapphire")), 0.7, (25.0, 10.0)),
        render_pendant("heart-puffy", &[], None, 0.0, (-30.0, 10.0)),
        render_pendant("bar-vertical", &[], None, 0.0, (30.0, 10.0)),
        render_pendant("bar-horizontal", &[], None, 0.0, (20.0, 15.0)),
        render_pendant("birthstone-disc", &[], Some(stone("emerald")), 0.0, (15.0, 10.0)),
        render_pendant("locket-heart", &[], Some(stone("sapphire")), 0.0, (0.0, 0.0)),
    ];
    let (sheet, size) = contact_sheet(&tiles, (256, 256), 3);
    check_pixels("collection", size, &sheet);
}

/// Chains through the ring: a cable chain (18 in) on the disc, a box chain (20 in) from both
/// ends of the sideways bar, a rope chain (16 in, a choker's wide V) on the puffy heart, each
/// in its finish, seen a little from the side and from further back than the framing.
#[test]
fn golden_chain() {
    let tiles: Vec<_> = [
        (disc as fn() -> Vec<u8>, ChainStyle::Cable, 18, Finish::DEFAULT),
        (bar, ChainStyle::Box, 20, Finish { metal: Metal::SterlingSilver, surface: Surface::Polished }),
        (heart, ChainStyle::Rope, 16, Finish { metal: Metal::RoseGold, surface: Surface::Polished }),
    ]
    .into_iter()
    .map(|(model, style, length_in, finish)| {
        let model = load_gltf(&model(), &ExternalResources::new()).expect("model loads");
        // Framed as the page frames a pendant whose chain is chosen after it loaded.
        let mut scene = scene_of(model, Some(finish), None);
        let mut camera =
            OrbitCamera::framing(&scene.framing_bounds().expect("a model"), 20f32.to_radians(), 5f32.to_radians());
        camera.zoom(1.6);
        scene.set_chain(Some(Chain { style, length_in }));
        let mut guard = gpu().lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let (context, renderer) = &mut *guard;
        draw(context, renderer, &mut scene, SQUARE, &camera, &FrameSettings::default())
    })
    .collect();
    let (sheet, size) = contact_sheet(&tiles, SQUARE, 3);
    check_pixels("chain", size, &sheet);
}

/// Design documents beside their picture (tests/golden/designs/*.json), drawn as the `still`
/// example draws them: design → scene → renderer, the page's path, framing and all. A new case
/// is a new document; `make goldens` draws it.
#[test]
fn golden_designs() {
    check_design_sheet("designs", 3, (256, 256));
}

/// Cut-outs (tests/golden/cutouts/*.json): a script name in yellow gold, block capitals in
/// silver, an initial with its birthstone, a monogram in a circle and a heart charm with a
/// photo under resin, each made from its shape by the page's path.
#[test]
fn golden_cutouts() {
    check_design_sheet("cutouts", 5, (256, 256));
}

/// Worn (tests/golden/worn/*.json): the disc on the medium bust at 16, 18, 20 and 24 in (it
/// falls from the base of the neck to the top of the bust), a sideways bar on two strands of
/// box chain, and a heart beside a 1-euro coin in the studio.
#[test]
fn golden_worn() {
    check_design_sheet("worn", 6, (240, 320));
}

/// Where design documents' URLs point: the page's models/, photos/ and fonts/.
fn golden_root() -> PathBuf {
    let root = repo_path("target/golden-root");
    std::fs::create_dir_all(&root).expect("target/golden-root");
    for (link, target) in [("models", "models"), ("photos", "www/photos"), ("fonts", "www/fonts")] {
        let link = root.join(link);
        if !link.exists() {
            std::os::unix::fs::symlink(repo_path(target), &link).expect("link");
        }
    }
    root
}

/// Draws every design document in tests/golden/<folder>/ and checks the sheet.
fn check_design_sheet(folder: &str, at_least: usize, tile: (u32, u32)) {
    let root = golden_root();
    let mut documents: Vec<_> = std::fs::read_dir(repo_path(&format!("tests/golden/{folder}")))
        .expect("design folder")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    documents.sort();
    assert!(documents.len() >= at_least, "the {folder} cases are there");
    let tiles: Vec<_> = documents
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).expect("design");
            let design = Design::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let still = Still { design: &design, root: &root, fonts: book(), size: tile };
            let mut guard = gpu().lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            let (context, renderer) = &mut *guard;
            render_design(context, renderer, &still).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        })
        .collect();
    let (sheet, size) = contact_sheet(&tiles, tile, 3);
    check_pixels(folder, size, &sheet);
}

/// Close-ups of every shipped model's rings and bails, in the model's metal on its chain's
/// side of the view: where a ring meets the body, so a floating one shows as daylight. Each
/// tile frames the ring and 2 mm round it, seen from the front right and a little above;
/// diamonds in the settings.
#[test]
fn golden_rings() {
    use pendant_viewer::model::marks::{mark_kind, MarkKind};
    use pendant_viewer::model::Bounds;
    let mut files: Vec<_> = std::fs::read_dir(repo_path("models"))
        .expect("models/")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "glb"))
        .collect();
    files.sort();
    let tiles: Vec<Vec<u8>> = files
        .iter()
        .flat_map(|path| {
            let model = load_gltf(&std::fs::read(path).expect("model"), &ExternalResources::new()).expect("loads");
            let rings: Vec<Bounds> = model
                .nodes
                .iter()
                .filter(|node| node.name.as_deref().and_then(mark_kind) == Some(MarkKind::Ring))
                .map(|node| model.node_bounds(node))
                .filter(|bounds| !bounds.is_empty())
                .map(|bounds| Bounds { min: bounds.min - 0.002, max: bounds.max + 0.002 })
                .collect();
            assert!(!rings.is_empty(), "{}: every shipped pendant hangs from a ring or bail", path.display());
            let finish = Finish { metal: Metal::YellowGold, surface: Surface::Polished };
            rings
                .into_iter()
                .map(|bounds| {
                    let camera = OrbitCamera::framing(&bounds, 30f32.to_radians(), 15f32.to_radians());
                    // A stone in every setting: an empty setting is not drawn (the solitaire's
                    // bail would hang from nothing).
                    let diamond = Stone::named("diamond");
                    let mut scene = scene_of(model.clone(), Some(finish), diamond);
                    let mut guard = gpu().lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                    let (context, renderer) = &mut *guard;
                    draw(context, renderer, &mut scene, (160, 160), &camera, &FrameSettings::default())
                })
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(tiles.len() >= 13, "{} rings", tiles.len());
    let (sheet, size) = contact_sheet(&tiles, (160, 160), 7);
    check_pixels("rings", size, &sheet);
}

/// The proof of `design` (a path under tests/golden/), written to target/proofs/NAME.pdf.
fn proof_pdf(design: &str, name: &str) -> PathBuf {
    let text = std::fs::read_to_string(repo_path(&format!("tests/golden/{design}"))).expect("design");
    let link = "https://shop.example/pendant#design=eyJ2ZXJzaW9uIjoxfQ";
    let pdf = {
        let mut guard = gpu().lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let (context, renderer) = &mut *guard;
        design_proof(context, renderer, &text, &golden_root(), book(), link).unwrap_or_else(|e| panic!("{design}: {e}"))
    };
    let path = repo_path(&format!("target/proofs/{name}.pdf"));
    std::fs::create_dir_all(path.parent().expect("parent")).expect("target/proofs");
    std::fs::write(&path, pdf).expect("write the proof");
    path
}

/// Runs a poppler tool (Debian poppler-utils, which scripts/setup.sh installs) and returns
/// its stdout; anything on stderr (a warning about the PDF) fails.
fn poppler(tool: &str, args: &[&str]) -> Vec<u8> {
    let output = std::process::Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool}: {e} (install poppler-utils: scripts/setup.sh --test)"));
    assert!(output.status.success(), "{tool} {args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stderr.is_empty(), "{tool} warned: {}", String::from_utf8_lossy(&output.stderr));
    output.stdout
}

/// A page of a PDF as pixels, through pdftoppm: RGBA8 and its size.
fn rasterize(pdf: &Path, dpi: u32, extra: &[&str]) -> (Vec<u8>, (u32, u32)) {
    let root = pdf.with_extension(format!("{dpi}dpi"));
    let dpi = dpi.to_string();
    let mut args = vec!["-r", &dpi, "-png", "-singlefile"];
    args.extend_from_slice(extra);
    args.extend([pdf.to_str().expect("utf-8 path"), root.to_str().expect("utf-8 path")]);
    poppler("pdftoppm", &args);
    let image = image::open(root.with_extension(format!("{}dpi.png", &dpi))).expect("pdftoppm writes a PNG").to_rgba8();
    let size = image.dimensions();
    (image.into_raw(), size)
}

/// Three proofs as poppler prints them: an engraved disc, an open heart locket with two
/// photos, a bar engraved with three lines. Each must open without a warning from poppler.
#[test]
fn golden_proofs() {
    for (design, name) in [
        ("designs/disc-engraved.json", "disc"),
        ("designs/locket-photos.json", "locket"),
        ("proofs/bar-three-lines.json", "bar"),
    ] {
        let pdf = proof_pdf(design, name);
        poppler("pdfinfo", &[pdf.to_str().expect("utf-8 path")]);
        let (pixels, size) = rasterize(&pdf, 40, &[]);
        check_pixels(&format!("proof-{name}"), size, &pixels);
    }
}

/// The proof's text is text (searchable): the engraving, the metal and the weight read back.
#[test]
fn proof_text_is_searchable() {
    let pdf = proof_pdf("proofs/bar-three-lines.json", "bar-text");
    let text = String::from_utf8(poppler("pdftotext", &[pdf.to_str().expect("utf-8 path"), "-"])).expect("utf-8");
    for expected in [
        "Proof: Bar horizontal",
        "“Olivia / James / Sophie”",
        "18K yellow gold, polished",
        "box chain, 20 in",
        "g of metal",
        "I approve this design",
    ] {
        assert!(text.contains(expected), "{expected:?} not in the proof's text:\n{text}");
    }
}

/// Printed at 100 %, the outline is as wide as the pendant: pdftoppm at 1,200 dpi without
/// anti-aliasing, the outline's fill colour found and measured (one pixel is 0.021 mm).
#[test]
fn proof_outline_prints_at_true_size() {
    use pendant_viewer::proof::layout::OUTLINE_FILL;
    for (design, name, model) in [
        ("designs/disc-engraved.json", "disc-size", "models/disc-pendant.glb"),
        ("proofs/bar-three-lines.json", "bar-size", "models/bar-horizontal.glb"),
    ] {
        let pdf = proof_pdf(design, name);
        let fill = OUTLINE_FILL.map(|c| (c * 255.0).round() as i32);
        let is_fill = |p: &[u8]| (0..3).all(|c| (i32::from(p[c]) - fill[c]).abs() <= 2);
        // Find the outline on a coarse print, then measure it finely in that window.
        let (coarse, (width, _)) = rasterize(&pdf, 50, &[]);
        let columns: Vec<u32> =
            coarse.chunks_exact(4).enumerate().filter(|(_, p)| is_fill(p)).map(|(i, _)| i as u32 % width).collect();
        let (low, high) =
            (columns.iter().min().expect("the outline is printed"), columns.iter().max().expect("outline"));
        let rows: Vec<u32> =
            coarse.chunks_exact(4).enumerate().filter(|(_, p)| is_fill(p)).map(|(i, _)| i as u32 / width).collect();
        let (top, bottom) = (rows.iter().min().expect("outline"), rows.iter().max().expect("outline"));
        let scale = 1200 / 50;
        let (x, y) = ((low.saturating_sub(2)) * scale, (top.saturating_sub(2)) * scale);
        let (w, h) = ((high - low + 5) * scale, (bottom - top + 5) * scale);
        let crop = [x, y, w, h].map(|v| v.to_string());
        let (fine, (fine_width, _)) = rasterize(
            &pdf,
            1200,
            &["-aa", "no", "-aaVector", "no", "-x", &crop[0], "-y", &crop[1], "-W", &crop[2], "-H", &crop[3]],
        );
        let columns: Vec<u32> =
            fine.chunks_exact(4).enumerate().filter(|(_, p)| is_fill(p)).map(|(i, _)| i as u32 % fine_width).collect();
        let printed_mm = f64::from(columns.iter().max().expect("outline") - columns.iter().min().expect("outline") + 1)
            * 25.4
            / 1200.0;
        let bytes = std::fs::read(repo_path(model)).expect("model");
        let model = load_gltf(&bytes, &ExternalResources::new()).expect("loads");
        let true_mm = f64::from(pendant_viewer::size::dimensions(&model).with_bail.width_mm);
        assert!(
            (printed_mm - true_mm).abs() <= 0.1,
            "{name}: printed {printed_mm:.3} mm wide, the pendant is {true_mm:.3} mm"
        );
        eprintln!("{name}: printed {printed_mm:.3} mm, model {true_mm:.3} mm");
    }
}
