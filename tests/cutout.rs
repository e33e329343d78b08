//! Cut-outs, natively: the region is one piece, strokes too thin are found, the solid is
//! watertight (holes of o, e, a, B included), the model follows the slot convention with its
//! rings attached, and the production outputs agree with each other and with the metal.

use std::path::Path;
use std::sync::OnceLock;

use pendant_viewer::cutout::letters::letters;
use pendant_viewer::cutout::region::{thin_places, unite};
use pendant_viewer::cutout::solid::{extrude, open_edges, volume};
use pendant_viewer::cutout::{make, Inset, ShapeDesign, ShapeKind};
use pendant_viewer::engraving::{FontBook, FontStyle};
use pendant_viewer::finish::Metal;
use pendant_viewer::model::gltf::{load_gltf, ExternalResources};

fn book() -> &'static FontBook {
    static BOOK: OnceLock<FontBook> = OnceLock::new();
    BOOK.get_or_init(|| {
        FontBook::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("www/fonts")).expect("www/fonts")
    })
}

fn name(text: &str, font: FontStyle) -> ShapeDesign {
    ShapeDesign { text: text.into(), font, ..ShapeDesign::default() }
}

#[test]
fn letters_that_do_not_touch_are_found_and_joined() {
    // Block capitals stand apart: four pieces before the bar joins them.
    let apart = unite(&letters(book(), FontStyle::Block, "EMMA", 8.0, 0.0).unwrap().contours);
    assert_eq!(apart.len(), 4);
    // Script joins its letters, but the dots of the i stand alone.
    let script = unite(&letters(book(), FontStyle::Script, "Olivia", 10.0, 0.0).unwrap().contours);
    assert!(script.len() >= 3, "{} pieces", script.len());
    for design in [name("EMMA", FontStyle::Block), name("Olivia", FontStyle::Script)] {
        let cutout = make(&design, book()).unwrap();
        assert_eq!(cutout.region.len(), 1, "{}: one piece of metal", design.text);
    }
    let olivia = make(&name("Olivia", FontStyle::Script), book()).unwrap();
    assert!(
        olivia.spec.warnings.iter().any(|w| w.contains("joined to the rest by bridges")),
        "{:?}",
        olivia.spec.warnings
    );
}

#[test]
fn thin_strokes_are_found() {
    // Playfair's hairlines at 8 mm are about 0.4 mm: under the 1 mm rule.
    let serif = unite(&letters(book(), FontStyle::Serif, "A", 8.0, 0.0).unwrap().contours);
    assert!(!thin_places(&serif, 1.0).is_empty());
    // Montserrat SemiBold's I at 15 mm is a 2 mm bar.
    let block = unite(&letters(book(), FontStyle::Block, "I", 15.0, 0.0).unwrap().contours);
    assert!(thin_places(&block, 1.0).is_empty());
}

#[test]
fn letters_with_holes_make_a_watertight_solid() {
    for font in [FontStyle::Block, FontStyle::Serif, FontStyle::Script] {
        let region = unite(&letters(book(), font, "oeaB", 10.0, 0.0).unwrap().contours);
        let holes: usize = region.iter().map(|shape| shape.len() - 1).sum();
        assert!(holes >= 3, "{font}: {holes} holes");
        let solid = extrude(&region, 1.0, 0.25, 4);
        let open = open_edges(&solid);
        assert!(open.is_empty(), "{font}: {} open edges, e.g. {:?}", open.len(), open.first());
        assert!(volume(&solid) > 0.0, "{font}: faces point outward");
    }
}

#[test]
fn weight_follows_volume_and_density() {
    // A 10 × 10 × 1 mm square edge plate: 100 mm³, 1.036 g of sterling silver.
    let region = unite(&[vec![[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]]]);
    let plate = extrude(&region, 1.0, 0.0, 0);
    assert!((volume(&plate) - 100.0).abs() < 1e-3);
    let grams = Metal::SterlingSilver.weight_g(f64::from(volume(&plate)));
    assert!((grams - 1.036).abs() / 1.036 < 0.01, "{grams}");
}

#[test]
fn every_kind_is_a_model_with_its_rings_attached() {
    let cases = [
        name("Olivia", FontStyle::Script),
        name("EMMA", FontStyle::Block),
        ShapeDesign { kind: ShapeKind::Initial, text: "A".into(), font: FontStyle::Serif, ..ShapeDesign::default() },
        ShapeDesign { kind: ShapeKind::Monogram, text: "JKL".into(), font: FontStyle::Serif, ..ShapeDesign::default() },
        ShapeDesign { kind: ShapeKind::Outline, outline: "heart".into(), ..ShapeDesign::default() },
        ShapeDesign {
            kind: ShapeKind::Outline,
            outline: "star".into(),
            inset: Inset::Engraving,
            ..ShapeDesign::default()
        },
    ];
    for design in cases {
        let label = format!("{} {}{}", design.kind, design.text, design.outline);
        let cutout = make(&design, book()).unwrap_or_else(|e| panic!("{label}: {e}"));
        let model = load_gltf(&cutout.glb, &ExternalResources::new()).unwrap_or_else(|e| panic!("{label}: {e}"));
        let gaps = pendant_viewer::attachment::gaps(&model);
        assert!(gaps.is_empty(), "{label}: {gaps:?}");
        let rings = if design.kind == ShapeKind::Nameplate { 2 } else { 1 };
        assert_eq!(cutout.rings.len(), rings, "{label}");
        // The SVG is the piece plus a 1 mm margin each side, in millimetres.
        let width: f32 = cutout.svg.split("width=\"").nth(1).unwrap().split("mm").next().unwrap().parse().unwrap();
        assert!((width - (cutout.spec.size_mm[0] + 2.0)).abs() < 0.01, "{label}: {width} vs {:?}", cutout.spec.size_mm);
        assert!(cutout.spec.volume_mm3 > 10.0, "{label}");
        let report = pendant_viewer::convention::check_model(&model, cutout.glb.len());
        assert!(!report.has_errors(), "{label}: {:?}", report.findings);
    }
}

#[test]
fn a_birthstone_takes_the_dot_of_the_i_and_a_monogram_may_go_free() {
    let model =
        |design: &ShapeDesign| load_gltf(&make(design, book()).unwrap().glb, &ExternalResources::new()).unwrap();
    let gem = |design: &ShapeDesign| {
        model(design).nodes.iter().filter_map(|n| n.name.clone()).find(|n| n.starts_with("gem_"))
    };
    let olivia = gem(&name("Olivia", FontStyle::Script)).expect("a seat for a stone");
    assert!(olivia.starts_with("gem_round_") && olivia.ends_with("mm_bezel"), "{olivia}");
    assert_eq!(gem(&name("EMMA", FontStyle::Block)), None, "no dot, no seat");
    let monogram = |outline: &str| ShapeDesign {
        kind: ShapeKind::Monogram,
        text: "ABC".into(),
        font: FontStyle::Block,
        outline: outline.into(),
        ..ShapeDesign::default()
    };
    let (framed, free) = (make(&monogram(""), book()).unwrap(), make(&monogram("none"), book()).unwrap());
    assert!(
        framed.spec.size_mm[1] > free.spec.size_mm[1] + 10.0,
        "{:?} vs {:?}",
        framed.spec.size_mm,
        free.spec.size_mm
    );
    assert_eq!(free.region.len(), 1);
    assert_eq!(make(&monogram("square"), book()).unwrap_err().code(), "shape-unknown-option");
}

#[test]
fn an_initial_has_an_engraving_area_on_its_back_where_a_date_fits() {
    let back = |letter: &str, font: FontStyle| {
        let design = ShapeDesign {
            kind: ShapeKind::Initial,
            text: letter.into(),
            font,
            height_mm: Some(16.0),
            ..ShapeDesign::default()
        };
        let model = load_gltf(&make(&design, book()).unwrap().glb, &ExternalResources::new()).unwrap();
        assert!(!model.nodes.iter().any(|n| n.name.as_deref().is_some_and(|n| n.starts_with("engrave_front"))));
        model.nodes.iter().find(|n| n.name.as_deref().is_some_and(|n| n.starts_with("engrave_back_"))).cloned()
    };
    // A block I's 3 mm stem: the lettering runs up it, as on a vertical bar.
    let stem = back("I", FontStyle::Block).expect("the I has a back area");
    let along = stem.world_transform.transform_vector3(glam::Vec3::X);
    assert!(along.y.abs() > 0.9, "lettering along {along}");
    // A serif A's strokes are diagonal and under 3 mm: no upright rectangle 1.5 mm across fits.
    assert!(back("A", FontStyle::Serif).is_none());
}

#[test]
fn long_names_shrink_then_are_refused() {
    let long = make(&ShapeDesign { height_mm: Some(12.0), ..name("Maximiliana", FontStyle::Script) }, book()).unwrap();
    assert!(long.spec.size_with_rings_mm[0] <= 50.01, "{:?}", long.spec.size_with_rings_mm);
    assert!(
        long.spec.warnings.iter().any(|w| w.starts_with("letters reduced from 12.0 mm")),
        "{:?}",
        long.spec.warnings
    );
    let error = make(&name("Bartholomew Alexander", FontStyle::Block), book()).unwrap_err();
    assert_eq!(error.code(), "shape-letter-count");
    let error = make(&name("WWWWWWWWWWWWWWWW", FontStyle::Block), book()).unwrap_err();
    assert_eq!(error.code(), "shape-too-long", "{error}");
    assert!(error.to_string().contains("at the smallest letter height (6 mm)"), "{error}");
}

#[test]
fn bad_input_is_refused_with_a_code() {
    let emoji = make(&name("Mia 😀", FontStyle::Script), book()).unwrap_err();
    assert_eq!(emoji.code(), "shape-unsupported-characters");
    assert!(emoji.to_string().contains("'😀' (U+1F600)"), "{emoji}");
    let open = ShapeDesign { kind: ShapeKind::Outline, outline: "M0 0 L20 0 L20 20".into(), ..ShapeDesign::default() };
    assert_eq!(make(&open, book()).unwrap_err().code(), "shape-bad-outline");
    let thick = ShapeDesign { thickness_mm: 3.0, ..name("Mia", FontStyle::Script) };
    assert_eq!(make(&thick, book()).unwrap_err().code(), "shape-out-of-range");
    assert_eq!(make(&name("  ", FontStyle::Script), book()).unwrap_err().code(), "shape-empty");
}
