//! `generate`: the pendants built from code in this folder, written to `models/` (or checked
//! against the committed files with `--check`, as `tests/generated_models.rs` does).
//!
//! Each pendant is a few parametric parts in millimetres (see [`mesh`]) plus its slot nodes.

use std::path::PathBuf;

use glam::{Mat3, Quat, Vec2, Vec3};

use pendant_viewer::cutout::region::crossings;
use pendant_viewer::model::build::glb::{write_glb_as, Encoding, Part, Scene};
use pendant_viewer::model::build::mesh::{
    self, circle, domed_fill, ellipse, flat_fill, heart, puffy, rounded_rectangle, rounded_slab, scaled, torus, tube,
    MeshData,
};

/// Builds one pendant.
type Builder = fn() -> Scene;

/// An empty slot node: name, position (mm), rotation, parent slot.
type Slot = (String, Vec3, Quat, Option<usize>);

/// The generated pendants: file name and builder.
const PENDANTS: [(&str, Builder); 12] = [
    ("disc-pendant.glb", disc),
    ("birthstone-disc.glb", birthstone_disc),
    ("heart-puffy.glb", puffy_heart),
    ("solitaire-prong.glb", solitaire),
    ("photo-birthstone.glb", photo_birthstone_pendant),
    ("bar-horizontal.glb", horizontal_bar),
    ("bar-vertical.glb", vertical_bar),
    ("locket-round.glb", round_locket),
    ("locket-oval.glb", oval_locket),
    ("locket-heart.glb", heart_locket),
    ("photo-round.glb", round_photo_pendant),
    ("charm-heart.glb", heart_photo_charm),
];

/// A frame whose +Z is `out` and whose +X (the direction of the lettering) is `along`.
fn facing(out: Vec3, along: Vec3) -> Quat {
    Quat::from_mat3(&Mat3::from_cols(along, out.cross(along), out))
}

/// A jump ring seen edge-on from the front (the chain runs left to right through it), its
/// centre `top` mm above the pendant's origin.
fn jump_ring(top: f32) -> MeshData {
    torus(1.8, 0.4, Vec3::X, 32, 10).translate(Vec3::new(0.0, top, 0.0))
}

/// Where `outline` crosses x = 0 at its top, mm: the point a jump ring goes through (a heart's
/// notch lies well below its lobes).
fn top_at_centre(outline: &[mesh::OutlinePoint]) -> f32 {
    let contour: Vec<[f32; 2]> = outline.iter().map(|(p, _)| p.to_array()).collect();
    crossings([&contour], 0.0, false).fold(f32::MIN, f32::max)
}

/// The jump ring over `outline` (its centre 1.2 mm above the top, sunk 1 mm into the body)
/// and, where the outline dips at x = 0 (a heart's notch), the stem a jeweller solders from
/// the notch up into the ring: the ring then clears the lobes and still touches the piece.
fn hanger(outline: &[mesh::OutlinePoint]) -> Vec<Part> {
    let high = outline.iter().fold(f32::MIN, |h, (p, _)| h.max(p.y));
    let centre = high + 1.2;
    let mut parts = vec![Part::new("jump_ring", jump_ring(centre))];
    let notch = top_at_centre(outline);
    if notch < high - 0.5 {
        // From 0.6 mm inside the notch to the middle of the ring's wire.
        let (bottom, top) = (notch - 0.6, centre - 1.8);
        let stem = rounded_slab(&circle(0.9, 16), top - bottom, 0.15, 2).turned_to_y();
        parts.push(Part::new("stem", stem.translate(Vec3::new(0.0, (bottom + top) / 2.0, 0.0))));
    }
    parts
}

/// A locket's hinge barrel round the hinge axis, `length` mm along Y: part of the base, it
/// holds the lid at every opening (the lid turns about its axis, so it stays as close).
fn knuckle(at: Vec3, length: f32) -> MeshData {
    rounded_slab(&circle(1.3, 24), length, 0.25, 3).turned_to_y().translate(at)
}

/// The back's engraving frame: +Z out of the back, lettering reading left to right from behind.
fn back_facing() -> Quat {
    facing(Vec3::NEG_Z, Vec3::NEG_X)
}

/// A Ø 20 × 1.5 mm disc with rounded edges on a jump ring, and `slots`.
fn disc_with(name: &'static str, slots: Vec<Slot>) -> Scene {
    let disc = rounded_slab(&circle(20.0, 128), 1.5, 0.45, 5);
    Scene { name, meshes: vec![Part::new("disc", disc), Part::new("jump_ring", jump_ring(11.2))], slots }
}

/// The round disc: Ø 16 mm round engraving areas front and back (the demo's default).
fn disc() -> Scene {
    disc_with(
        "disc-pendant",
        vec![
            ("engrave_front_16x16mm_round".into(), Vec3::new(0.0, 0.0, 0.75), Quat::IDENTITY, None),
            ("engrave_back_16x16mm_round".into(), Vec3::new(0.0, 0.0, -0.75), back_facing(), None),
        ],
    )
}

/// The disc with a 3.5 mm stone in a bezel below the centre, a 13 × 6 mm engraving area
/// above it and the round one on the back.
fn birthstone_disc() -> Scene {
    disc_with(
        "birthstone-disc",
        vec![
            ("gem_round_3.5mm".into(), Vec3::new(0.0, -5.5, 0.95), Quat::IDENTITY, None),
            ("engrave_front_13x6mm".into(), Vec3::new(0.0, 2.0, 0.75), Quat::IDENTITY, None),
            ("engrave_back_16x16mm_round".into(), Vec3::new(0.0, 0.0, -0.75), back_facing(), None),
        ],
    )
}

/// A puffy heart, 20 mm wide and 5 mm thick at its middle, on a jump ring through the notch
/// between the lobes; 12 × 9 mm areas on the domed front and back.
fn puffy_heart() -> Scene {
    let outline = heart(20.0, 128);
    let notch = outline.iter().filter(|(p, _)| p.x.abs() < 0.5).fold(f32::MIN, |h, (p, _)| h.max(p.y));
    Scene {
        name: "heart-puffy",
        meshes: vec![Part::new("heart", puffy(&outline, 5.0, 24)), Part::new("jump_ring", jump_ring(notch + 1.0))],
        slots: vec![
            ("engrave_front_12x9mm_round".into(), Vec3::new(0.0, -0.5, 2.5), Quat::IDENTITY, None),
            ("engrave_back_12x9mm_round".into(), Vec3::new(0.0, -0.5, -2.5), back_facing(), None),
        ],
    }
}

/// A solitaire: a 6 mm round stone in a six-claw basket (the viewer builds the claws from
/// the slot's `prong`) hanging from a bail behind its top claw.
fn solitaire() -> Scene {
    let bail = torus(1.4, 0.38, Vec3::X, 32, 10).translate(Vec3::new(0.0, 4.5, -0.7));
    Scene {
        name: "solitaire-prong",
        meshes: vec![Part::new("bail", bail)],
        slots: vec![("gem_round_6mm_prong".into(), Vec3::ZERO, Quat::IDENTITY, None)],
    }
}

/// A 38 × 8 × 1.6 mm bar worn sideways on a chain through a ring at each end; engraving
/// front and back (one to three lines).
fn horizontal_bar() -> Scene {
    let (size, depth) = (Vec2::new(38.0, 8.0), 1.6);
    let bar = rounded_slab(&rounded_rectangle(size, 1.2, 8), depth, 0.35, 4);
    let ring = |x: f32| torus(1.5, 0.35, Vec3::Z, 32, 10).translate(Vec3::new(x, 0.0, 0.0));
    Scene {
        name: "bar-horizontal",
        meshes: vec![Part::new("bar", bar), Part::new("ring_left", ring(-20.2)), Part::new("ring_right", ring(20.2))],
        slots: vec![
            ("engrave_front_35x6.4mm".into(), Vec3::new(0.0, 0.0, depth / 2.0), Quat::IDENTITY, None),
            ("engrave_back_35x6.4mm".into(), Vec3::new(0.0, 0.0, -depth / 2.0), back_facing(), None),
        ],
    }
}

/// A 4.5 × 4.5 × 35 mm four-sided bar hanging from a jump ring; the lettering on each long
/// face runs from top to bottom.
fn vertical_bar() -> Scene {
    let (size, depth) = (Vec2::new(4.5, 35.0), 4.5);
    let bar = rounded_slab(&rounded_rectangle(size, 0.6, 6), depth, 0.5, 4);
    let jump_ring = torus(2.0, 0.4, Vec3::X, 32, 10).translate(Vec3::new(0.0, size.y / 2.0 + 1.4, 0.0));
    let half = depth / 2.0;
    let down = Vec3::NEG_Y;
    let area = "33x3.6mm";
    Scene {
        name: "bar-vertical",
        meshes: vec![Part::new("bar", bar), Part::new("jump_ring", jump_ring)],
        slots: vec![
            (format!("engrave_front_{area}"), Vec3::Z * half, facing(Vec3::Z, down), None),
            (format!("engrave_right_{area}"), Vec3::X * half, facing(Vec3::X, down), None),
            (format!("engrave_back_{area}"), Vec3::NEG_Z * half, facing(Vec3::NEG_Z, down), None),
            (format!("engrave_left_{area}"), Vec3::NEG_X * half, facing(Vec3::NEG_X, down), None),
        ],
    }
}

/// A locket: two halves of `outline` (2.4 mm each), the lid hanging from a hinge on the
/// right-most point that opens 165° toward the viewer; inside each half a photo area of the
/// outline's shape at `photo_scale` in a wire rim; engraving on the lid's front (moving with
/// it) and on the base's back, in `engraving` (name words, centre in mm); a jump ring on top.
fn locket(
    name: &'static str,
    outline: Vec<mesh::OutlinePoint>,
    mask: &str,
    photo_scale: f32,
    engraving: (&str, Vec2),
) -> Scene {
    let half_depth = 2.4;
    let right =
        outline.iter().map(|(p, _)| *p).fold(Vec2::new(f32::MIN, 0.0), |best, p| if p.x > best.x { p } else { best });
    let hinge_at = right.extend(0.0);
    let shell = || rounded_slab(&outline, half_depth, 0.6, 5);
    let photo = scaled(&outline, photo_scale);
    let rim = tube(&scaled(&outline, photo_scale * 1.03), 0.28, 8);
    let photo_size = {
        let (l, h) = photo.iter().fold((Vec2::MAX, Vec2::MIN), |(l, h), (p, _)| (l.min(*p), h.max(*p)));
        h - l
    };
    let photo_name = |part: &str| format!("photo_{mask}_{:.0}x{:.0}mm_{part}", photo_size.x, photo_size.y);
    let hinge = 0; // slot index of the hinge node: the lid's parts hang from it
    let (area, centre) = engraving;
    Scene {
        name,
        meshes: vec![
            Part::new("base", shell().translate(Vec3::new(0.0, 0.0, -half_depth / 2.0))),
            Part::new(&photo_name("base"), flat_fill(&photo, 1.0)).under_root(Vec3::new(0.0, 0.0, 0.06)),
            Part::new("rim_base", rim.clone()).under_root(Vec3::new(0.0, 0.0, 0.02)),
            Part::new("lid", shell()).under(hinge, Vec3::new(0.0, 0.0, half_depth / 2.0) - hinge_at),
            Part::new(&photo_name("lid"), flat_fill(&photo, -1.0)).under(hinge, Vec3::new(0.0, 0.0, -0.06) - hinge_at),
            Part::new("rim_lid", rim).under(hinge, Vec3::new(0.0, 0.0, -0.02) - hinge_at),
            Part::new("knuckle", knuckle(hinge_at, 3.6)),
        ]
        .into_iter()
        .chain(hanger(&outline))
        .collect(),
        slots: vec![
            ("hinge_165deg".into(), hinge_at, Quat::IDENTITY, None),
            (format!("engrave_front_{area}"), centre.extend(half_depth) - hinge_at, Quat::IDENTITY, Some(hinge)),
            (format!("engrave_back_{area}"), centre.extend(-half_depth), back_facing(), None),
        ],
    }
}

/// Round locket, Ø 22 mm, Ø 16 mm photos.
fn round_locket() -> Scene {
    locket("locket-round", circle(22.0, 96), "circle", 16.0 / 22.0, ("16x16mm_round", Vec2::ZERO))
}

/// Oval locket, 18 × 24 mm, 13 × 18 mm photos.
fn oval_locket() -> Scene {
    locket("locket-oval", ellipse(Vec2::new(18.0, 24.0), 96), "oval", 0.74, ("13x18mm_round", Vec2::ZERO))
}

/// Heart locket, 22 mm wide, heart-shaped photos, and a 2.5 mm stone in the lid toward the
/// tip (it swings open with the lid).
fn heart_locket() -> Scene {
    let mut scene = locket("locket-heart", heart(22.0, 128), "heart", 0.72, ("13x10mm_round", Vec2::new(0.0, 0.8)));
    let (hinge, hinge_at) = (0, scene.slots[0].1);
    // The lid's front is 2.4 mm in front of the seam; the girdle sits 0.2 mm proud of it.
    scene.slots.push(("gem_round_2.5mm".into(), Vec3::new(0.0, -6.4, 2.6) - hinge_at, Quat::IDENTITY, Some(hinge)));
    scene
}

/// The photo part of a [`domed_photo_pendant`].
struct DomedPhoto {
    /// Mask word of the slot name.
    mask: &'static str,
    /// The photo's outline is the cup's scaled by this.
    scale: f32,
    /// Height of the dome, mm.
    dome: f32,
    /// Thickness of the wire rim that grips the dome, mm.
    rim: f32,
    /// The photo's centre relative to the cup's, mm.
    offset: Vec2,
}

/// A photo under a dome set in a bezel cup of `outline`, `depth` mm thick: the photo area is
/// the dome's surface, gripped by a wire rim; engraving on the back (`back`: name words,
/// centre in mm); a jump ring on top; `more` slots.
fn domed_photo_pendant(
    name: &'static str,
    outline: Vec<mesh::OutlinePoint>,
    depth: f32,
    photo: DomedPhoto,
    (back_area, back_centre): (&str, Vec2),
    more: Vec<Slot>,
) -> Scene {
    let DomedPhoto { mask, scale: photo_scale, dome, rim, offset } = photo;
    let photo = scaled(&outline, photo_scale);
    let (low_p, high_p) = photo.iter().fold((Vec2::MAX, Vec2::MIN), |(l, h), (p, _)| (l.min(*p), h.max(*p)));
    let size = high_p - low_p;
    let front = depth / 2.0;
    Scene {
        name,
        meshes: vec![
            Part::new("cup", rounded_slab(&outline, depth, 0.5, 5)),
            Part::new(&format!("photo_{mask}_{:.0}x{:.0}mm_dome", size.x, size.y), domed_fill(&photo, dome, 24))
                .under_root(offset.extend(front)),
            Part::new("rim", tube(&scaled(&outline, photo_scale * 1.02), rim, 8))
                .under_root(offset.extend(front + 0.08)),
        ]
        .into_iter()
        .chain(hanger(&outline))
        .collect(),
        slots: [(format!("engrave_back_{back_area}"), back_centre.extend(-front), back_facing(), None)]
            .into_iter()
            .chain(more)
            .collect(),
    }
}

/// Round photo pendant, Ø 25 mm cup, the photo Ø 20 mm under a 3 mm glass dome.
fn round_photo_pendant() -> Scene {
    let photo = DomedPhoto { mask: "circle", scale: 0.8, dome: 3.0, rim: 0.55, offset: Vec2::ZERO };
    domed_photo_pendant("round-photo-pendant", circle(25.0, 128), 3.0, photo, ("18x18mm_round", Vec2::ZERO), vec![])
}

/// An oval photo pendant with a birthstone: a 20 × 28 mm cup, the 14 × 20 mm oval photo under
/// a 2 mm glass dome set low, and a 3 mm stone in a bezel above it.
fn photo_birthstone_pendant() -> Scene {
    let outline = ellipse(Vec2::new(20.0, 28.0), 128);
    let photo = DomedPhoto { mask: "oval", scale: 0.7, dome: 2.0, rim: 0.45, offset: Vec2::new(0.0, -2.6) };
    let stone = ("gem_round_3mm".into(), Vec3::new(0.0, 10.0, 1.7), Quat::IDENTITY, None);
    domed_photo_pendant("birthstone-photo-pendant", outline, 3.0, photo, ("14x20mm_round", Vec2::ZERO), vec![stone])
}

/// A 12 mm heart charm, its heart photo under a low resin dome.
fn heart_photo_charm() -> Scene {
    let photo = DomedPhoto { mask: "heart", scale: 0.76, dome: 0.8, rim: 0.4, offset: Vec2::ZERO };
    let back = ("7x6mm_round", Vec2::new(0.0, 0.4));
    domed_photo_pendant("heart-photo-charm", heart(12.0, 96), 2.2, photo, back, vec![])
}

/// Runs `generate [--check] [DIR]` (DIR defaults to the repository's models/); `Err` is a
/// usage error.
pub fn run(options: &[String]) -> Result<u8, String> {
    let check = options.iter().any(|o| o == "--check");
    let dir = options
        .iter()
        .find(|o| !o.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/models")));
    if let Some(unknown) = options.iter().find(|o| o.starts_with("--") && *o != "--check") {
        return Err(format!("unknown option {unknown}"));
    }
    let mut worst = 0;
    for (file, build) in PENDANTS {
        let bytes =
            write_glb_as(&build(), "pendant-viewer generate (src/bin/pendant-viewer/generate)", Encoding::Quantized);
        let path = dir.join(file);
        if check {
            let committed = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            if same_model(&committed, &bytes) {
                println!("{}: matches its generator", path.display());
            } else {
                println!(
                    "{}: differs from what the generator makes now; run `pendant-viewer generate` and commit",
                    path.display()
                );
                worst = 1;
            }
        } else {
            std::fs::write(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
            println!("{}: {} bytes", path.display(), bytes.len());
        }
    }
    Ok(worst)
}

/// Byte for byte, or — where another machine's libm rounds a sine differently in the last
/// place — the same JSON (numbers within 1e-5) and binary words that agree as f32 within 1e-5
/// relative (indices, small integers that read as subnormal f32, must match exactly).
fn same_model(a: &[u8], b: &[u8]) -> bool {
    if a == b {
        return true;
    }
    let chunks = |glb: &[u8]| -> Option<(serde_json::Value, Vec<u8>)> {
        let json_length = u32::from_le_bytes(glb.get(12..16)?.try_into().ok()?) as usize;
        let json = serde_json::from_slice(glb.get(20..20 + json_length)?).ok()?;
        Some((json, glb.get(20 + json_length + 8..)?.to_vec()))
    };
    let (Some((json_a, bin_a)), Some((json_b, bin_b))) = (chunks(a), chunks(b)) else { return false };
    if bin_a.len() != bin_b.len() || !same_json(&json_a, &json_b) {
        return false;
    }
    // Quantized data may differ by one step where a platform's float rounding crosses a half;
    // float data (UVs outside 0–1) within a relative 1e-5. Anything else is a change.
    bin_a.chunks_exact(4).zip(bin_b.chunks_exact(4)).all(|(x, y)| {
        let halves = |c: &[u8]| [i16::from_le_bytes([c[0], c[1]]), i16::from_le_bytes([c[2], c[3]])];
        let within_a_step = halves(x).iter().zip(halves(y)).all(|(a, b)| (*a as i32 - b as i32).abs() <= 1);
        let (x, y) = (
            f32::from_le_bytes(x.try_into().unwrap_or_default()),
            f32::from_le_bytes(y.try_into().unwrap_or_default()),
        );
        let geometry = |v: f32| v.abs() > 1e-20 && v.is_finite();
        x.to_bits() == y.to_bits()
            || within_a_step
            || (geometry(x) && geometry(y) && (x - y).abs() <= 1e-5 * x.abs().max(y.abs()))
    })
}

fn same_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => (x - y).abs() <= 1e-5 * x.abs().max(y.abs()).max(1e-3),
            _ => x == y,
        },
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}
