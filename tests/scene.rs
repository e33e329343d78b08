//! The scene, natively: what the page's viewer does with the shopper's choices (framing, photos
//! kept across models, checks before anything reaches the GPU, the lid's motion, what changed),
//! without a page or a GPU. The models are the generated ones in models/.

use glam::Vec2;
use pendant_viewer::chain::{Chain, ChainStyle};
use pendant_viewer::engraving::{CutFinish, EngravingError, HeightField};
use pendant_viewer::hinge::swept_bounds;
use pendant_viewer::model::gltf::{load_gltf, ExternalResources};
use pendant_viewer::model::{Image, PendantModel};
use pendant_viewer::photo::{PhotoDesign, PhotoError, TEXTURE_SIDE};
use pendant_viewer::scene::{Changes, Cut, Scene, CHAIN_HEADROOM_M, OPEN_DURATION_S};
use pendant_viewer::size::Coin;
use pendant_viewer::worn::{BodySize, ViewMode};

fn model(name: &str) -> PendantModel {
    let path = format!("{}/models/{name}.glb", env!("CARGO_MANIFEST_DIR"));
    load_gltf(&std::fs::read(&path).expect("model"), &ExternalResources::new()).expect("loads")
}

fn photo(width: u32, height: u32) -> Image {
    Image { width, height, rgba8: vec![200; (width * height * 4) as usize] }
}

fn field(width: u32, height: u32) -> HeightField {
    HeightField {
        width,
        height,
        pixels_per_mm: 20.0,
        pixels: vec![0; (width * height) as usize],
        thinnest_stroke_mm: None,
    }
}

#[test]
fn a_locket_is_framed_as_far_open_as_it_is_and_the_chain_v() {
    let locket = model("locket-heart");
    let swept = swept_bounds(&locket, &pendant_viewer::hinge::find_hinges(&locket));
    let mut scene = Scene::new();
    assert_eq!(scene.framing_bounds(), None, "nothing to frame");
    scene.set_model(locket.clone());
    assert_eq!(scene.framing_bounds(), Some(locket.bounds), "closed, it fills the view");
    assert!(swept.max.x - swept.min.x > locket.bounds.max.x - locket.bounds.min.x, "the open lid is wider");
    scene.set_opening(1.0);
    assert_eq!(scene.framing_bounds(), Some(swept), "open, the lid is framed too");
    scene.set_opening(0.5);
    let half = scene.framing_bounds().expect("a model");
    assert!(half.max.x > locket.bounds.max.x && half.max.x < swept.max.x, "the camera backs away as it opens");
    scene.set_opening(1.0);
    scene.set_chain(Some(Chain { style: ChainStyle::Cable, length_in: 18 }));
    let framed = scene.framing_bounds().expect("a model");
    assert_eq!(framed.max.y, swept.max.y + CHAIN_HEADROOM_M);
    assert_eq!(framed.min, swept.min);
}

#[test]
fn worn_the_pendant_hangs_on_the_bust_and_the_studio_takes_a_coin() {
    let disc = model("disc-pendant");
    let mut scene = Scene::new();
    scene.set_model(disc.clone());
    scene.take_changes();
    scene.set_view(ViewMode::Worn, BodySize::default());
    let changes = scene.take_changes();
    assert!(changes.surroundings && changes.pose);
    let worn = scene.worn().expect("worn");
    assert_eq!(scene.framing_bounds(), Some(worn.framing));
    assert_eq!(scene.surroundings().len(), 2, "the bust and the chain");
    assert!(scene.shadow_opacity().is_none(), "no studio shadow on the bust");
    let pose = scene.posed_transforms().expect("a model");
    assert_eq!(pose[0], worn.placement * disc.nodes[0].world_transform, "the pendant is placed on the chest");
    // Back in the studio with a coin: the pendant where it was modelled, the coin framed too.
    scene.set_view(ViewMode::Studio, BodySize::default());
    scene.set_size_reference(Some(Coin::UsQuarter));
    assert_eq!(scene.posed_transforms().expect("a model")[0], disc.nodes[0].world_transform);
    let (models, framed) = (scene.surroundings(), scene.framing_bounds().expect("a model"));
    assert_eq!(models.len(), 1);
    assert!(framed.max.x > disc.bounds.max.x + 0.024, "the quarter beside it is in view");
}

#[test]
fn photos_stay_with_the_shopper_across_models() {
    let mut scene = Scene::new();
    scene.set_model(model("locket-heart"));
    assert_eq!(scene.analysis().photos.len(), 2);
    let window = scene.set_photo(1, photo(40, 30), PhotoDesign::default()).expect("area 1");
    assert!(window.is_some());
    scene.set_model(model("disc-pendant"));
    assert!(scene.analysis().photos.is_empty());
    assert_eq!(scene.photo(1).map(|p| p.image.width), Some(40), "kept while the disc shows");
    assert_eq!(scene.photo_window(1), None, "the disc has no area to show it in");
    scene.set_model(model("locket-heart"));
    assert!(scene.photo_window(1).is_some(), "back in the locket");
}

#[test]
fn bad_photos_are_refused_before_anything_changes() {
    let mut scene = Scene::new();
    scene.set_model(model("photo-round"));
    scene.take_changes();
    assert_eq!(
        scene.set_photo(3, photo(4, 4), PhotoDesign::default()),
        Err(PhotoError::NoSuchArea { index: 3, count: 1 })
    );
    let short = Image { width: 4, height: 4, rgba8: vec![0; 10] };
    assert!(matches!(scene.set_photo(0, short, PhotoDesign::default()), Err(PhotoError::BadPixels { .. })));
    let huge = photo(TEXTURE_SIDE + 1, 2);
    assert!(matches!(scene.set_photo(0, huge, PhotoDesign::default()), Err(PhotoError::TooLarge { .. })));
    assert!(matches!(scene.pan_photo(0, Vec2::X), Err(PhotoError::NoSuchArea { .. })), "no photo to pan");
    assert!(!scene.take_changes().any(), "nothing refused reaches the renderer");
    scene.set_photo(0, photo(8, 8), PhotoDesign::default()).expect("area 0");
    scene.pan_photo(0, Vec2::new(0.1, 0.0)).expect("pans");
    let changes = scene.take_changes();
    assert_eq!((changes.photos, changes.photo_designs), (vec![0], vec![0]));
}

#[test]
fn engravings_are_checked_and_cleared_by_a_new_model() {
    let mut scene = Scene::new();
    scene.set_model(model("disc-pendant"));
    let cut = |width, height| Some(Cut { field: field(width, height), finish: CutFinish::Oxidized });
    assert_eq!(scene.set_engraving("inside", cut(4, 4)), Err(EngravingError::NoArea("inside".into())));
    let mut bad = field(4, 4);
    bad.pixels.pop();
    let refused = scene.set_engraving("front", Some(Cut { field: bad, finish: CutFinish::Bright }));
    assert!(matches!(refused, Err(EngravingError::BadField(_))));
    scene.set_engraving(" FRONT ", cut(4, 4)).expect("front, any case");
    let index = scene.analysis().engraving_index("front").expect("front");
    assert_eq!(scene.cut(index).map(|c| c.finish), Some(CutFinish::Oxidized));
    scene.set_model(model("disc-pendant"));
    assert_eq!(scene.cut(index), None, "a new model starts blank");
}

#[test]
fn the_lid_moves_only_on_a_locket_and_says_so() {
    let mut scene = Scene::new();
    scene.set_model(model("disc-pendant"));
    scene.set_open(true);
    assert!(!scene.advance(0.1), "a disc does not open");
    scene.set_model(model("locket-round"));
    scene.take_changes();
    scene.set_open(true);
    assert!(scene.advance(OPEN_DURATION_S / 2.0));
    assert!(scene.take_changes().pose);
    assert!(scene.advance(OPEN_DURATION_S), "the last step still moves it");
    assert_eq!(scene.opening(), 1.0);
    assert!(!scene.advance(0.1), "open: nothing more to do");
    assert_eq!(scene.take_changes(), Changes { pose: true, ..Changes::default() });
    scene.set_model(model("locket-round"));
    assert_eq!(scene.opening(), 0.0, "a new locket starts closed");
}

#[test]
fn a_new_model_is_one_change_that_carries_everything() {
    let mut scene = Scene::new();
    scene.set_finish("rose-gold".parse().ok());
    scene.set_model(model("solitaire-prong"));
    let changes = scene.take_changes();
    assert!(changes.model && !changes.finish, "the model's upload takes the finish with it");
    assert!(!scene.take_changes().any());
}

/// The metal is measured once per model (a shop's page asks on every design change) and
/// measured again for the next model.
#[test]
fn the_metal_is_measured_per_model() {
    let mut scene = Scene::new();
    assert!(scene.metal_volume().is_none());
    scene.set_model(model("disc-pendant"));
    let disc = scene.metal_volume().cloned().expect("a model").expect("closed");
    assert_eq!(scene.metal_volume().cloned().expect("a model"), Ok(disc), "the same answer again");
    scene.set_model(model("bar-horizontal"));
    let bar = scene.metal_volume().cloned().expect("a model").expect("closed");
    assert!(
        (disc.volume_mm3 - 470.7).abs() < 0.5 && (bar.volume_mm3 - disc.volume_mm3).abs() > 10.0,
        "{disc:?} {bar:?}"
    );
}
