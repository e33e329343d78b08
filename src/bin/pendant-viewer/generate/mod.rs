//! `generate`: the pendants built from code in this folder, written to `models/` (or checked
//! against the committed files with `--check`, as `tests/generated_models.rs` does).
//!
//! Each pendant is a few parametric parts in millimetres (see [`mesh`]) plus its slot nodes.

mod glb;
mod mesh;

use std::path::PathBuf;

use glam::{Mat3, Quat, Vec2, Vec3};

use glb::{write_glb, Part, Scene};
use mesh::{circle, flat_disc, rounded_rectangle, rounded_slab, torus};

/// Builds one pendant.
type Builder = fn() -> Scene;

/// The generated pendants: file name and builder.
const PENDANTS: [(&str, Builder); 3] =
    [("bar-horizontal.glb", horizontal_bar), ("bar-vertical.glb", vertical_bar), ("locket-round.glb", round_locket)];

/// A frame whose +Z is `out` and whose +X (the direction of the lettering) is `along`.
fn facing(out: Vec3, along: Vec3) -> Quat {
    Quat::from_mat3(&Mat3::from_cols(along, out.cross(along), out))
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
            ("engrave_back_35x6.4mm".into(), Vec3::new(0.0, 0.0, -depth / 2.0), facing(Vec3::NEG_Z, Vec3::NEG_X), None),
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

/// A round locket, Ø 22 mm and 4.8 mm thick closed: a lid hinged on the right edge that
/// opens 165° toward the viewer, a Ø 16 mm photo on the inside of each half framed by a
/// wire rim, engraving on the lid's front and the base's back, a jump ring on top.
fn round_locket() -> Scene {
    let (diameter, half_depth) = (22.0, 2.4);
    let radius = diameter / 2.0;
    let shell = || rounded_slab(&circle(diameter, 96), half_depth, 0.6, 5);
    let photo = 16.0;
    let rim = || torus(photo / 2.0 + 0.25, 0.28, Vec3::Z, 96, 8);
    let hinge = 0; // slot index of the hinge node: the lid's parts hang from it
    let lid_centre = Vec3::new(-radius, 0.0, half_depth / 2.0); // in the hinge's space
    let inside = Vec3::new(-radius, 0.0, 0.06);
    Scene {
        name: "locket-round",
        meshes: vec![
            Part::new("base", shell().translate(Vec3::new(0.0, 0.0, -half_depth / 2.0))),
            Part::new("photo_circle_16x16mm_base", flat_disc(photo, 96, 1.0)).under_root(Vec3::new(0.0, 0.0, 0.06)),
            Part::new("rim_base", rim().translate(Vec3::new(0.0, 0.0, 0.02))),
            Part::new("lid", shell()).under(hinge, lid_centre),
            Part::new("photo_circle_16x16mm_lid", flat_disc(photo, 96, -1.0))
                .under(hinge, inside * Vec3::new(1.0, 1.0, -1.0)),
            Part::new("rim_lid", rim()).under(hinge, Vec3::new(-radius, 0.0, -0.02)),
            Part::new("jump_ring", torus(1.8, 0.4, Vec3::X, 32, 10).translate(Vec3::new(0.0, radius + 1.2, 0.0))),
        ],
        slots: vec![
            ("hinge_165deg".into(), Vec3::new(radius, 0.0, 0.0), Quat::IDENTITY, None),
            ("engrave_front_16x16mm_round".into(), Vec3::new(-radius, 0.0, half_depth), Quat::IDENTITY, Some(hinge)),
            (
                "engrave_back_16x16mm_round".into(),
                Vec3::new(0.0, 0.0, -half_depth),
                facing(Vec3::NEG_Z, Vec3::NEG_X),
                None,
            ),
        ],
    }
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
        let bytes = write_glb(&build());
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
    bin_a.chunks_exact(4).zip(bin_b.chunks_exact(4)).all(|(x, y)| {
        let (x, y) = (
            f32::from_le_bytes(x.try_into().unwrap_or_default()),
            f32::from_le_bytes(y.try_into().unwrap_or_default()),
        );
        // Indices read as f32 are subnormal: those must match bit for bit.
        x.to_bits() == y.to_bits()
            || (!x.is_subnormal() && !y.is_subnormal() && (x - y).abs() <= 1e-5 * x.abs().max(y.abs()) + 1e-6)
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
