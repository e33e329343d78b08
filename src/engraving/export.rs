//! Production outputs: the engraving as a spec an order carries (JSON) and as outlines in
//! millimetres a laser or rotary engraver cuts (SVG).

use std::fmt::Write as _;

use glam::{Affine2, Vec2};

use super::fonts::FontBook;
use super::layout::{EngravingArea, Layout};
use super::raster::{walk_outlines, Segment};
use super::{EngravingDesign, TextPath};

/// The spec an order carries: what to cut, where, in what font and size.
pub fn production_spec(
    side: &str,
    design: &EngravingDesign,
    area: &EngravingArea,
    layout: &Layout,
) -> serde_json::Value {
    serde_json::json!({
        "version": 1,
        "slot": side,
        "area_mm": [round2(area.size_mm.x), round2(area.size_mm.y)],
        "area_shape": if area.round { "ellipse" } else { "rect" },
        "font": design.style.name(),
        "font_file": format!("fonts/{}.ttf", design.style.name()),
        "letter_height_mm": round2(layout.letter_height_mm),
        "letter_spacing_em": round2(design.letter_spacing),
        "lines": design.lines().collect::<Vec<_>>(),
        "align": format!("{:?}", design.align).to_lowercase(),
        "path": match design.path { TextPath::Straight => "straight", TextPath::Arc => "arc" },
        "warnings": layout.warnings,
    })
}

/// `v` to two decimals (hundredths of a millimetre in a spec).
pub(crate) fn round2(v: f32) -> f64 {
    (f64::from(v) * 100.0).round() / 100.0
}

/// The lettering's outlines as an SVG in millimetres (viewBox = the area, origin top left),
/// one filled path per glyph; nonzero fill as in the fonts.
pub fn svg_outlines(layout: &Layout, book: &FontBook, area: &EngravingArea) -> String {
    let size = area.size_mm;
    let to_svg = Affine2::from_scale_angle_translation(Vec2::new(1.0, -1.0), 0.0, size / 2.0);
    let mut path = String::new();
    walk_outlines(layout, book, to_svg, |segment| {
        let _ = match segment {
            Segment::Move(p) => write!(path, "M{:.3} {:.3}", p.x, p.y),
            Segment::Line(_, p) => write!(path, "L{:.3} {:.3}", p.x, p.y),
            Segment::Quad(_, c, p) => write!(path, "Q{:.3} {:.3} {:.3} {:.3}", c.x, c.y, p.x, p.y),
            Segment::Cubic(_, c1, c2, p) => {
                write!(path, "C{:.3} {:.3} {:.3} {:.3} {:.3} {:.3}", c1.x, c1.y, c2.x, c2.y, p.x, p.y)
            }
            Segment::Close => write!(path, "Z"),
        };
    });
    let outline = if area.round {
        format!(
            r##"<ellipse cx="{0:.3}" cy="{1:.3}" rx="{0:.3}" ry="{1:.3}" fill="none" stroke="#999" stroke-width="0.05"/>"##,
            size.x / 2.0,
            size.y / 2.0
        )
    } else {
        format!(
            r##"<rect width="{:.3}" height="{:.3}" fill="none" stroke="#999" stroke-width="0.05"/>"##,
            size.x, size.y
        )
    };
    format!(
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.3}mm" height="{h:.3}mm" viewBox="0 0 {w:.3} {h:.3}">"#,
            "\n<!-- engraving area (not cut) -->\n{outline}\n",
            r##"<path fill="#000" fill-rule="nonzero" d="{path}"/>"##,
            "\n</svg>\n"
        ),
        w = size.x,
        h = size.y,
        outline = outline,
        path = path
    )
}
