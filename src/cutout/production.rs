//! What the workshop needs: the cutting outline as an SVG in millimetres (what a laser or a
//! water-jet follows) and a spec with the sizes, area, volume, the estimated weight per metal
//! and every warning.

use std::fmt::Write as _;

use glam::Vec2;
use serde_json::{json, Value};

use super::pendant::Ring;
use super::region::{area, bounds, Region};
use super::{ShapeDesign, ShapeKind};
use crate::engraving::export::round2;
use crate::size::MetalVolume;

/// The production spec of a cut-out.
#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    /// Width × height × thickness of the cut piece, mm.
    pub size_mm: [f32; 3],
    /// Width × height including the rings, mm.
    pub size_with_rings_mm: [f32; 2],
    /// The face's area, mm².
    pub area_mm2: f32,
    /// Metal volume (piece, rim and rings), mm³.
    pub volume_mm3: f32,
    /// Capital height (a monogram's middle letter), mm; 0 for an outline.
    pub letter_mm: f32,
    /// The narrowest stroke the rule allows, mm.
    pub min_stroke_mm: f32,
    /// Things the shopper and the workshop should know.
    pub warnings: Vec<String>,
    /// The JSON an order carries.
    pub json: Value,
}

/// The spec of a cut-out.
pub fn spec(
    design: &ShapeDesign,
    region: &Region,
    rings: &[Ring],
    letter_mm: f32,
    volume_mm3: f32,
    min_stroke_mm: f32,
    warnings: Vec<String>,
) -> Spec {
    let (low, high) = bounds(region);
    let size = high - low;
    let (ring_low, ring_high) = rings.iter().fold((low, high), |(l, h), ring| {
        let reach = Vec2::splat(ring.radius + ring.wire);
        let reach = if ring.flat { reach } else { Vec2::new(ring.wire, ring.radius + ring.wire) };
        (l.min(ring.centre.truncate() - reach), h.max(ring.centre.truncate() + reach))
    });
    let with_rings = ring_high - ring_low;
    let area_mm2 = area(region);
    let mut json = json!({
        "version": 1,
        "kind": design.kind.name(),
        "size_mm": [round2(size.x), round2(size.y), round2(design.thickness_mm)],
        "size_with_rings_mm": [round2(with_rings.x), round2(with_rings.y)],
        "area_mm2": round2(area_mm2),
        "min_stroke_mm": round2(min_stroke_mm),
        "rings": rings.iter().map(|r| json!({
            "name": r.name,
            "centre_mm": [round2(r.centre.x), round2(r.centre.y)],
            "inner_diameter_mm": round2(2.0 * (r.radius - r.wire)),
            "wire_mm": round2(2.0 * r.wire),
            "soldered": true,
        })).collect::<Vec<_>>(),
        "warnings": warnings,
    });
    if let Some(object) = json.as_object_mut() {
        object.extend(MetalVolume { volume_mm3: f64::from(volume_mm3) }.json());
    }
    if design.kind == ShapeKind::Outline {
        json["outline"] = json!(design.outline);
        json["inset"] = json!(design.inset.name());
    } else {
        json["text"] = json!(design.text);
        json["font"] = json!(design.font.name());
        json["font_file"] = json!(format!("fonts/{}.ttf", design.font.name()));
        json["letter_height_mm"] = json!(round2(letter_mm));
    }
    Spec {
        size_mm: [size.x, size.y, design.thickness_mm],
        size_with_rings_mm: [with_rings.x, with_rings.y],
        area_mm2,
        volume_mm3,
        letter_mm,
        min_stroke_mm,
        warnings,
        json,
    }
}

/// The cutting outline as an SVG in millimetres: one even-odd path (holes are cut out), its
/// viewBox the piece's box with a 1 mm margin, y down; the rings (bought jump rings,
/// soldered on, not cut) drawn in a separate, unfilled layer.
pub fn svg(region: &Region, rings: &[Ring]) -> String {
    let (low, high) = bounds(region);
    let margin = 1.0;
    let (width, height) = (high.x - low.x + 2.0 * margin, high.y - low.y + 2.0 * margin);
    let to_svg = |p: [f32; 2]| (p[0] - low.x + margin, high.y - p[1] + margin);
    let mut path = String::new();
    for contour in region.iter().flatten() {
        for (i, &p) in contour.iter().enumerate() {
            let (x, y) = to_svg(p);
            let _ = write!(path, "{}{x:.3} {y:.3}", if i == 0 { "M" } else { "L" });
        }
        path.push('Z');
    }
    let mut circles = String::new();
    for ring in rings.iter().filter(|r| r.flat) {
        let (x, y) = to_svg([ring.centre.x, ring.centre.y]);
        let _ = write!(
            circles,
            r##"<circle cx="{x:.3}" cy="{y:.3}" r="{:.3}" fill="none" stroke="#999" stroke-width="{:.3}"/>"##,
            ring.radius,
            2.0 * ring.wire
        );
    }
    format!(
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.3}mm" height="{h:.3}mm" viewBox="0 0 {w:.3} {h:.3}">"#,
            "\n<!-- cut: the outline, holes included (even-odd) -->\n",
            r##"<path id="cut" fill="#000" fill-rule="evenodd" d="{path}"/>"##,
            "\n<!-- jump rings: bought, soldered on, not cut -->\n<g id=\"rings\">{circles}</g>\n</svg>\n"
        ),
        w = width,
        h = height,
        path = path,
        circles = circles
    )
}
