//! `engrave`: lays an engraving out exactly as the viewer does and writes what production
//! needs: the spec as JSON on stdout, outlines as SVG in millimetres, the height field as PNG.

use std::path::PathBuf;

use glam::Vec2;
use pendant_viewer::engraving::export::{production_spec, svg_outlines};
use pendant_viewer::engraving::{engrave, EngravingArea, EngravingDesign, FontBook};

/// Runs the command; `Err` is a command-line mistake (exit 2).
pub fn run(options: &[String]) -> Result<u8, String> {
    let mut design = EngravingDesign::default();
    let mut area = EngravingArea { size_mm: Vec2::new(16.0, 10.0), round: false };
    let mut fonts = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/www/fonts"));
    let (mut svg, mut png) = (None, None);
    let mut text = None;
    let mut args = options.iter();
    while let Some(flag) = args.next() {
        if flag == "--round" {
            area.round = true;
            continue;
        }
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--text" => text = Some(value.replace("\\n", "\n")),
            "--font" => design.style = value.parse().map_err(|e| format!("{e}"))?,
            "--align" => design.align = value.parse().map_err(|e| format!("{e}"))?,
            "--path" => design.path = value.parse().map_err(|e| format!("{e}"))?,
            "--spacing" => {
                design.letter_spacing = value.parse().map_err(|_| format!("--spacing {value}: not a number"))?
            }
            "--letter-mm" => {
                design.letter_height_mm = Some(value.parse().map_err(|_| format!("--letter-mm {value}: not a number"))?)
            }
            "--area" => {
                area.size_mm = parse_area(value).ok_or_else(|| format!("--area {value}: expected e.g. 16x10mm"))?
            }
            "--fonts" => fonts = PathBuf::from(value),
            "--svg" => svg = Some(PathBuf::from(value)),
            "--png" => png = Some(PathBuf::from(value)),
            other => return Err(format!("unknown option {other}")),
        }
    }
    design.text = text.ok_or("--text is required")?;
    let book = FontBook::from_dir(&fonts).map_err(|e| format!("cannot read the fonts in {}: {e}", fonts.display()))?;
    let engraved = match engrave(&design, &area, &book) {
        Ok(engraved) => engraved,
        Err(error) => {
            println!("cannot engrave: {error} [{}]", error.code());
            return Ok(1);
        }
    };
    let mut spec = production_spec("front", &design, &area, &engraved.layout);
    spec["warnings"] = serde_json::json!(engraved.warnings);
    println!("{}", serde_json::to_string_pretty(&spec).expect("JSON values serialize"));
    if let Some(path) = svg {
        std::fs::write(&path, svg_outlines(&engraved.layout, &book, &area))
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    if let Some(path) = png {
        let field = &engraved.field;
        image::GrayImage::from_raw(field.width, field.height, field.pixels.clone())
            .expect("the field holds width × height pixels")
            .save(&path)
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(0)
}

fn parse_area(value: &str) -> Option<Vec2> {
    let (w, h) = value.trim_end_matches("mm").split_once('x')?;
    let size = Vec2::new(w.parse().ok()?, h.parse().ok()?);
    (size.is_finite() && size.min_element() >= 1.0 && size.max_element() <= 100.0).then_some(size)
}
