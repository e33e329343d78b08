//! Nothing floats: every ring, bail, hinged lid and stone setting touches what holds it, in
//! every shipped model and in both poses of a locket; a gap is measured to the hundredth of a
//! millimetre, and a merchant-sized file is checked at once.

use glam::{Mat4, Vec3};
use pendant_viewer::attachment::{gaps, MAX_CHECKED_PARTS, TOUCH_TOLERANCE_MM};
use pendant_viewer::model::gltf::{load_gltf, ExternalResources};
use pendant_viewer::model::{Mesh, ModelNode, PendantModel, Primitive, Vertex};

fn model(file: &str) -> PendantModel {
    let path = format!("{}/models/{file}", env!("CARGO_MANIFEST_DIR"));
    load_gltf(&std::fs::read(&path).expect("model"), &ExternalResources::new()).expect("loads")
}

fn node(model: &PendantModel, name: &str) -> usize {
    model.nodes.iter().position(|n| n.name.as_deref() == Some(name)).unwrap_or_else(|| panic!("no node {name}"))
}

/// Moves node `index` (a leaf) by `offset` metres in world space.
fn shift(model: &mut PendantModel, index: usize, offset: Vec3) {
    let node = &mut model.nodes[index];
    node.world_transform = Mat4::from_translation(offset) * node.world_transform;
    node.local_transform = Mat4::from_translation(offset) * node.local_transform;
}

#[test]
fn every_shipped_model_touches_everywhere() {
    let mut checked = 0;
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/models")).expect("models/") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "glb") {
            continue;
        }
        let model = load_gltf(&std::fs::read(&path).expect("model"), &ExternalResources::new()).expect("loads");
        let found = gaps(&model);
        assert!(
            found.is_empty(),
            "{}: {}",
            path.display(),
            found.iter().map(|g| g.to_string()).collect::<Vec<_>>().join("; ")
        );
        checked += 1;
    }
    assert!(checked >= 12, "the shipped models were read ({checked})");
}

#[test]
fn a_ring_a_millimetre_off_the_disc_is_measured() {
    // The disc's ring sinks 1 mm into the Ø 20 mm disc: 2 mm up leaves 1 mm of daylight.
    let mut disc = model("disc-pendant.glb");
    let ring = node(&disc, "jump_ring");
    shift(&mut disc, ring, Vec3::Y * 0.002);
    let found = gaps(&disc);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].part.as_str(), found[0].nearest.as_str(), found[0].open), ("jump_ring", "disc", false));
    assert!((found[0].distance_mm - 1.0).abs() < 0.01, "{} mm", found[0].distance_mm);
    assert!(found[0].to_string().contains("jump_ring is 1.00 mm from disc"), "{}", found[0]);

    // Just touching (within the casting tolerance) is attached.
    shift(&mut disc, ring, Vec3::Y * -0.00098);
    assert!(gaps(&disc).is_empty(), "0.02 mm is within {TOUCH_TOLERANCE_MM} mm");
}

#[test]
fn a_lid_is_checked_open_as_well_as_closed() {
    // Without its hinge barrel the lid meets the base only while closed.
    let mut locket = model("locket-round.glb");
    let knuckle = node(&locket, "knuckle");
    locket.nodes[knuckle].mesh = None;
    let found = gaps(&locket);
    assert!(found.iter().all(|gap| gap.open), "closed, the lid rests on the base: {found:?}");
    let lid = found.iter().find(|gap| gap.part.starts_with("hinge")).expect("the open lid floats");
    assert!(lid.distance_mm > TOUCH_TOLERANCE_MM && lid.distance_mm < 0.5, "{lid}");
}

#[test]
fn a_stone_setting_must_reach_the_metal() {
    let mut disc = model("birthstone-disc.glb");
    let slot = node(&disc, "gem_round_3.5mm");
    shift(&mut disc, slot, Vec3::Z * 0.003); // 3 mm in front of the disc
    let found = gaps(&disc);
    assert!(found.iter().any(|gap| gap.part == "gem_round_3.5mm" && gap.distance_mm > 1.0), "{found:?}");
}

/// A merchant's CAD file: 800,000 triangles in the body. The ring 1 mm off it is still found
/// to the hundredth, and the check takes a grid's time, not a brute force's (the time is
/// printed; budgets belong to `make bench`).
#[test]
fn an_800k_triangle_body_is_checked() {
    let mut disc = model("disc-pendant.glb");
    let (columns, rows) = (601u32, 668u32); // 600 × 667 quads behind the disc
    let mut primitive = Primitive::default();
    for row in 0..rows {
        for column in 0..columns {
            let (x, y) = (column as f32 * 3e-5 - 0.009, row as f32 * 3e-5 - 0.01);
            let position = [x, y, -0.003 + (x * 400.0).sin() * 1e-4];
            primitive.vertices.push(Vertex { position, normal: [0.0, 0.0, 1.0], ..Vertex::default() });
        }
    }
    for row in 0..rows - 1 {
        for column in 0..columns - 1 {
            let at = row * columns + column;
            primitive.indices.extend([at, at + 1, at + columns, at + 1, at + columns + 1, at + columns]);
        }
    }
    assert!(primitive.indices.len() / 3 >= 800_000);
    disc.meshes.push(Mesh { name: Some("backing".into()), primitives: vec![primitive] });
    disc.nodes.push(ModelNode {
        name: Some("backing".into()),
        parent: None,
        local_transform: Mat4::IDENTITY,
        world_transform: Mat4::IDENTITY,
        mesh: Some(disc.meshes.len() - 1),
    });
    let ring = node(&disc, "jump_ring");
    shift(&mut disc, ring, Vec3::Y * 0.002);
    let started = std::time::Instant::now();
    let found = gaps(&disc);
    eprintln!("800k-triangle body checked in {:?}", started.elapsed());
    assert_eq!(found.len(), 1, "{found:?}");
    assert!((found[0].distance_mm - 1.0).abs() < 0.01, "{}", found[0]);
}

#[test]
fn a_photo_off_its_rim_is_reported() {
    let mut pendant = model("photo-round.glb");
    let photo = node(&pendant, "photo_circle_20x20mm_dome");
    shift(&mut pendant, photo, Vec3::Z * 0.001);
    let found = gaps(&pendant);
    let gap = found.iter().find(|gap| gap.part == "photo_circle_20x20mm_dome").expect("the dome floats");
    assert!(gap.to_string().contains("seat the photo's glass or resin in its rim"), "{gap}");
}

#[test]
fn a_ring_on_a_lid_is_checked_closed_and_open() {
    // The round locket's ring moved onto the lid (it swings with it) and 2 mm up, off the body.
    let mut locket = model("locket-round.glb");
    let (ring, hinge) = (node(&locket, "jump_ring"), node(&locket, "hinge_165deg"));
    let world = Mat4::from_translation(Vec3::Y * 0.002) * locket.nodes[ring].world_transform;
    locket.nodes[ring].parent = Some(hinge);
    locket.nodes[ring].local_transform = locket.nodes[hinge].world_transform.inverse() * world;
    locket.nodes[ring].world_transform = world;
    let found: Vec<_> = gaps(&locket).into_iter().filter(|gap| gap.part == "jump_ring").collect();
    assert_eq!(found.iter().map(|gap| gap.open).collect::<Vec<_>>(), [false, true], "{found:?}");
    // 2 mm up from sunk 1 mm: a little over 1 mm where the halves' rounded edges meet.
    assert!(found.iter().all(|gap| gap.nearest == "lid" && (1.0..1.1).contains(&gap.distance_mm)), "{found:?}");
}

#[test]
fn a_file_marking_hundreds_of_rings_is_checked_for_the_first_ones_only() {
    // A body triangle and 300 one-triangle "rings" 30 mm apart, floating 10 mm above it.
    let triangle = |size: f32| Primitive {
        vertices: [[0.0, 0.0, 0.0], [size, 0.0, 0.0], [0.0, size, 0.0]]
            .map(|position| Vertex { position, ..Vertex::default() })
            .to_vec(),
        indices: vec![0, 1, 2],
        ..Primitive::default()
    };
    let meshes = vec![
        Mesh { name: None, primitives: vec![triangle(20.0)] },
        Mesh { name: None, primitives: vec![triangle(0.001)] },
    ];
    let node = |name: String, mesh: usize, at: Vec3| ModelNode {
        name: Some(name),
        parent: None,
        local_transform: Mat4::from_translation(at),
        world_transform: Mat4::from_translation(at),
        mesh: Some(mesh),
    };
    let mut nodes = vec![node("body".into(), 0, Vec3::ZERO)];
    nodes.extend((0..300).map(|i| node(format!("ring_{i}"), 1, Vec3::new(i as f32 * 0.03, 0.0, 0.01))));
    let model = PendantModel { nodes, meshes, ..PendantModel::default() };
    let found = gaps(&model);
    assert_eq!(found.len(), MAX_CHECKED_PARTS, "every ring floats; only the first {MAX_CHECKED_PARTS} are checked");
    assert!(found.iter().all(|gap| (gap.distance_mm - 10.0).abs() < 0.01 && gap.nearest == "body"));
}

#[test]
fn a_hinge_over_a_19000_node_chain_is_checked() {
    // The hostile chain (tests/hostile/): its lid is every node below the hinge.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/hostile/19000-node-hinge-chain.gltf");
    let model = load_gltf(&std::fs::read(path).expect("model"), &ExternalResources::new()).expect("loads");
    assert!(gaps(&model).is_empty(), "one mesh under the hinge, nothing for it to touch: nothing reported");
}
