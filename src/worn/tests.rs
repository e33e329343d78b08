use super::*;
use crate::chain::{ChainStyle, LENGTHS_IN};
use crate::model::gltf::{load_gltf, ExternalResources};

fn model(name: &str) -> PendantModel {
    let bytes = std::fs::read(format!("{}/models/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    load_gltf(&bytes, &ExternalResources::new()).unwrap()
}

fn worn(pendant: &PendantModel, length_in: u8, neck_cm: u8) -> Worn {
    let anchor = ChainAnchor::of(pendant);
    wear(pendant, anchor.as_ref(), Chain { style: ChainStyle::Cable, length_in }, BodySize(neck_cm))
}

/// The chart (chart.rs): on the medium form each length falls in the band it names, and a
/// longer chain always hangs lower.
#[test]
fn each_length_falls_where_the_chart_says() {
    let disc = model("disc-pendant.glb");
    let mut last_drop = f32::NEG_INFINITY;
    for length in LENGTHS_IN {
        let worn = worn(&disc, length, DEFAULT_NECK_CM);
        let expected = Place::of_length(length).unwrap();
        let (top, bottom) = expected.band_mm();
        assert!(
            worn.drop_mm >= top && worn.drop_mm < bottom,
            "{length} in: ring {:.1} mm below the notch, the chart's {expected:?} is {top}–{bottom} mm",
            worn.drop_mm
        );
        assert_eq!(worn.place, expected);
        assert!(worn.drop_mm > last_drop + 15.0, "{length} in hangs lower than the last: {:.1}", worn.drop_mm);
        last_drop = worn.drop_mm;
    }
}

#[test]
fn a_larger_body_holds_the_same_chain_higher() {
    let disc = model("disc-pendant.glb");
    let drops: Vec<f32> = NECK_SIZES_CM.iter().map(|&neck| worn(&disc, 20, neck).drop_mm).collect();
    assert!(drops[0] > drops[1] + 5.0 && drops[1] > drops[2] + 5.0, "{drops:?}");
}

/// The chain drawn is the chain ordered; it rests on the form where the form carries it and is
/// never inside it.
#[test]
fn the_chain_rests_on_the_form_at_its_length() {
    let disc = model("disc-pendant.glb");
    for neck in NECK_SIZES_CM {
        let form = Bust::new(neck);
        for length in LENGTHS_IN {
            let worn = worn(&disc, length, neck);
            let drawn = worn.drape.length() * 1000.0;
            let ordered = f32::from(length) * 25.4;
            assert!((drawn - ordered).abs() < ordered * 0.01, "{length} in on {neck} cm: {drawn:.1} mm drawn");
            let distances: Vec<f32> =
                worn.drape.path.iter().skip(1).filter_map(|p| form.distance(*p).map(|(d, _)| d)).collect();
            let inside = distances.iter().copied().fold(f32::INFINITY, f32::min);
            assert!(inside > -0.0002, "{length} in on {neck} cm: a link {:.2} mm inside the form", inside * 1000.0);
            // Round the back and over the shoulders it is carried by the form: every link rests.
            for p in worn.drape.path.iter().filter(|p| p.z < -0.02) {
                let (d, _) = form.distance(*p).unwrap();
                assert!(d <= CHAIN_THICKNESS_M, "{length} in on {neck} cm: {:.2} mm off the form at {p}", d * 1000.0);
            }
            // In front it hangs taut to the pendant, across the hollow at the base of the neck:
            // a few millimetres off at most, as a real chain is.
            let widest = distances.iter().copied().fold(0.0, f32::max);
            assert!(widest < 0.0045, "{length} in on {neck} cm: {:.2} mm off the form", widest * 1000.0);
        }
    }
}

#[test]
fn the_pendant_lies_on_the_chest_facing_out() {
    let disc = model("disc-pendant.glb");
    let worn = worn(&disc, 18, DEFAULT_NECK_CM);
    let form = Bust::new(DEFAULT_NECK_CM);
    let facing = worn.placement.transform_vector3(Vec3::Z);
    assert!(facing.z > 0.9 && facing.y > 0.05, "faces out and a little up, as the chest does: {facing}");
    let closest = back_points(&disc)
        .filter_map(|p| form.distance(worn.placement.transform_point3(p)).map(|(d, _)| d))
        .fold(f32::INFINITY, f32::min);
    assert!((closest - PENDANT_GAP_M).abs() < 1e-4, "touching, not sunk or floating: {closest}");
    // The ring is where the chain runs.
    let ring = worn.placement.transform_point3(crate::chain::attachments(&disc)[0]);
    assert!((ring - worn.drape.rings[0]).length() < 1e-4 && (ring - worn.drape.path[0]).length() < 1e-4);
}

#[test]
fn a_sideways_bar_hangs_on_two_strands() {
    let bar = model("bar-horizontal.glb");
    let worn = worn(&bar, 18, DEFAULT_NECK_CM);
    assert!(!worn.drape.closed);
    let [left, right] = worn.drape.rings[..] else { panic!("two rings") };
    assert!((right.x + left.x).abs() < 1e-6 && (right.x - left.x - 0.0404).abs() < 0.001, "{left} {right}");
    let ordered = 18.0 * 25.4 - (right.x - left.x) * 1000.0;
    assert!((worn.drape.length() * 1000.0 - ordered).abs() < ordered * 0.01);
    let ends = [worn.drape.path[0], worn.drape.path[worn.drape.path.len() - 1]];
    assert!((ends[0] - left).length() < 1e-4 && (ends[1] - right).length() < 1e-4, "strands end at the rings");
}

#[test]
fn the_solve_is_deterministic() {
    let disc = model("disc-pendant.glb");
    let (a, b) = (worn(&disc, 22, 32), worn(&disc, 22, 32));
    assert_eq!(a.drape, b.drape);
    assert_eq!(a.placement, b.placement);
}

#[test]
fn views_and_bodies_parse_or_give_coded_errors() {
    assert_eq!("Worn".parse::<ViewMode>(), Ok(ViewMode::Worn));
    assert_eq!("".parse::<ViewMode>(), Ok(ViewMode::Studio));
    assert_eq!("bust".parse::<ViewMode>().unwrap_err().code(), "view-mode-invalid");
    assert_eq!("38cm".parse::<BodySize>(), Ok(BodySize(38)));
    assert_eq!("small".parse::<BodySize>(), Ok(BodySize(32)));
    let error = "36".parse::<BodySize>().unwrap_err();
    assert_eq!(error.code(), "body-size-invalid");
    assert!(error.to_string().contains("expected 32, 35 or 38"));
}
