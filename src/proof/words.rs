//! The proof's words: the request (docs/proof.md) read into a [`Sheet`]: each option as a
//! shopper and a workshop say it, and every warning, the photos' print resolution included.

use serde_json::Value;

use super::vector::read_svg;
use super::{EngravingSheet, Picture, Sheet, MAX_PICTURES};
use crate::cutout::region::Region;
use crate::finish::Metal;
use crate::stones::MONTHS;

/// A photo printed at fewer dots per inch than this looks soft on the piece.
pub const MIN_PHOTO_DPI: f32 = 150.0;

/// The sheet `request` describes, with its outline and pictures.
pub fn sheet(request: &Value, outline: Region, mut pictures: Vec<Picture>) -> Sheet {
    let design = &request["design"];
    pictures.truncate(MAX_PICTURES);
    let mut warnings: Vec<String> = strings(&request["warnings"]);
    let mut details = Vec::new();
    let metal = design["finish"]["metal"].as_str().and_then(|name| Metal::ALL.into_iter().find(|m| m.name() == name));

    let finish = match (metal, design["finish"]["surface"].as_str()) {
        (Some(metal), surface) => format!("{}, {}", metal_words(metal), surface.unwrap_or("polished")),
        (None, _) => "as modelled".into(),
    };
    details.push(("Metal".into(), finish));
    if let Some(variant) = design["variant"].as_str() {
        details.push(("Version".into(), variant.into()));
    }
    if let Some(stone) = stone_words(design) {
        details.push(("Stone".into(), stone));
    }
    if let Some(shape) = design["shape"].as_object() {
        let kind = shape.get("kind").and_then(Value::as_str).unwrap_or("nameplate");
        let text = shape.get("text").and_then(Value::as_str).unwrap_or("");
        let font = shape.get("font").and_then(Value::as_str).unwrap_or("script");
        details.push(("Cut-out".into(), format!("{kind} “{text}”, {font}")));
    }
    details.push(("Chain".into(), chain_words(&design["chain"])));
    if let Some(size) = size_words(&request["dimensions_mm"]) {
        details.push(("Size".into(), size));
    }
    details.push(("Weight".into(), weight_words(&design["weight"], metal)));
    if let Some(why) = design["weight"]["weight_unknown"].as_str() {
        warnings.push(format!("Weight unknown: {why}."));
    }

    let photos = design["photos"].as_array().map(Vec::as_slice).unwrap_or_default();
    for (index, photo) in photos.iter().enumerate() {
        if photo.is_null() {
            continue;
        }
        let style = design["photoStyle"].as_str().unwrap_or("color");
        let cover = design["photoCover"].as_str().unwrap_or("glass");
        details.push((format!("Photo {}", index + 1), photo_words(photo, style, cover)));
        if let Some(dpi) = photo_dpi(&request["photos"][index]) {
            if dpi < MIN_PHOTO_DPI {
                warnings.push(format!(
                    "Photo {} is {dpi:.0} dpi at its printed size (at least {MIN_PHOTO_DPI:.0} looks sharp): it will look soft. Use a larger photo or zoom out.",
                    index + 1
                ));
            }
        }
    }

    let mut engravings = Vec::new();
    if let Some(sides) = design["engraving"].as_object() {
        for (side, cut) in sides {
            let production = &cut["production"];
            let lines = strings(&production["lines"]);
            let text = if lines.is_empty() {
                cut["text"].as_str().unwrap_or("").replace('\n', " / ")
            } else {
                lines.join(" / ")
            };
            let (area_mm, steps) = request["engraving_svg"][side.as_str()]
                .as_str()
                .and_then(read_svg)
                .map_or(([0.0, 0.0], Vec::new()), |(size, steps)| (size, steps));
            let letter = production["letter_height_mm"]
                .as_f64()
                .map_or(String::new(), |mm| format!(", letters {mm:.2} mm high"));
            let font = production["font"].as_str().or(cut["font"].as_str()).unwrap_or("script");
            let finish = cut["finish"].as_str().unwrap_or("bright");
            engravings.push(EngravingSheet {
                heading: format!("{} engraving: “{text}”", capitalised(side)),
                words: format!(
                    "{font}{letter}, {finish} cut, area {:.1} × {:.1} mm (drawn at 2:1)",
                    area_mm[0], area_mm[1]
                ),
                area_mm: area_mm.map(|v| v.max(0.0)),
                round: production["area_shape"].as_str() == Some("ellipse"),
                steps,
            });
            for warning in strings(&production["warnings"]) {
                warnings.push(format!("{} engraving: {warning}", capitalised(side)));
            }
        }
    }

    let title = request["title"].as_str().map(str::to_string).unwrap_or_else(|| title_from_model(design));
    Sheet {
        title,
        pictures,
        outline,
        details,
        engravings,
        warnings,
        link: request["link"].as_str().unwrap_or("").into(),
    }
}

fn strings(value: &Value) -> Vec<String> {
    value.as_array().map_or_else(Vec::new, |a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// The alloy as a jeweller names it.
pub fn metal_words(metal: Metal) -> &'static str {
    match metal {
        Metal::YellowGold => "18K yellow gold",
        Metal::RoseGold => "18K rose gold",
        Metal::WhiteGold => "18K white gold, rhodium plated",
        Metal::SterlingSilver => "sterling silver 925",
        Metal::Platinum => "platinum 950",
    }
}

fn stone_words(design: &Value) -> Option<String> {
    let month = match &design["birthstone"] {
        Value::Number(n) => n.as_u64().filter(|m| (1..=12).contains(m)).map(|m| capitalised(MONTHS[m as usize - 1])),
        Value::String(s) => Some(capitalised(s)),
        _ => None,
    };
    match (design["stone"].as_str(), month) {
        (Some(stone), Some(month)) => Some(format!("{} ({month} birthstone)", capitalised(stone))),
        (Some(stone), None) => Some(capitalised(stone)),
        (None, Some(month)) => Some(format!("{month} birthstone")),
        (None, None) => None,
    }
}

fn chain_words(chain: &Value) -> String {
    let Some(length) = chain["lengthIn"].as_f64() else { return "none (pendant only)".into() };
    let style = chain["style"].as_str().unwrap_or("cable");
    format!("{style} chain, {length:.0} in ({:.1} cm)", length * 2.54)
}

fn size_words(dimensions: &Value) -> Option<String> {
    let d: Vec<f64> = dimensions.as_array()?.iter().filter_map(Value::as_f64).collect();
    let [w, h, t, bw, bh, _] = <[f64; 6]>::try_from(d).ok()?;
    Some(format!("{w:.1} × {h:.1} mm, {t:.1} mm thick; {bw:.1} × {bh:.1} mm with its ring"))
}

fn weight_words(weight: &Value, metal: Option<Metal>) -> String {
    let grams = &weight["weight_g"];
    match metal {
        _ if weight["weight_unknown"].is_string() => "unknown (see warnings)".into(),
        Some(metal) => {
            grams[metal.name()].as_f64().map_or_else(|| "unknown".into(), |g| format!("about {g:.2} g of metal"))
        }
        None => {
            let all: Vec<String> = Metal::ALL
                .iter()
                .filter_map(|m| grams[m.name()].as_f64().map(|g| format!("{g:.2} g {}", m.name().replace('-', " "))))
                .collect();
            if all.is_empty() {
                "unknown".into()
            } else {
                all.join(", ")
            }
        }
    }
}

fn photo_words(photo: &Value, style: &str, cover: &str) -> String {
    let source = photo["src"].as_str().or(photo["file"].as_str()).unwrap_or("the shopper's photo");
    let name = source.rsplit('/').next().unwrap_or(source);
    let zoom = photo["zoom"].as_f64().unwrap_or(1.0);
    let (x, y) = (photo["x"].as_f64().unwrap_or(0.0), photo["y"].as_f64().unwrap_or(0.0));
    let rotation = photo["rotation"].as_f64().unwrap_or(0.0);
    format!("{name}: zoom {zoom:.2}, pan {x:+.2} {y:+.2}, turned {rotation:.0}°; {style} under {cover}")
}

/// Dots per inch the photo gives at its printed size: the crop's pixels across the area's
/// width (`corners`: the area's outline on the photo, photo UV) over the width in inches.
pub fn photo_dpi(photo: &Value) -> Option<f32> {
    let number = |v: &Value| v.as_f64().map(|n| n as f32).filter(|n| n.is_finite());
    let width_mm = number(&photo["area_mm"][0])?;
    let (px_w, px_h) = (number(&photo["photo_px"][0])?, number(&photo["photo_px"][1])?);
    let corner =
        |i: usize| Some((number(&photo["corners"][2 * i])? * px_w, number(&photo["corners"][2 * i + 1])? * px_h));
    let (a, b) = (corner(0)?, corner(1)?);
    let across = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
    (width_mm > 0.0).then(|| across / (width_mm / 25.4))
}

fn title_from_model(design: &Value) -> String {
    if design["shape"].is_object() {
        return "Cut-out pendant".into();
    }
    let model = design["model"].as_str().unwrap_or("pendant");
    let stem = model.rsplit('/').next().unwrap_or(model).trim_end_matches(".glb").trim_end_matches(".gltf");
    capitalised(&stem.replace(['-', '_'], " "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_design_in_words() {
        let request = json!({
            "design": {
                "model": "models/disc-pendant.glb",
                "finish": { "metal": "rose-gold", "surface": "brushed" },
                "birthstone": 9,
                "chain": { "style": "rope", "lengthIn": 18 },
                "weight": { "weight_g": { "rose-gold": 7.52 } },
                "engraving": { "front": { "text": "Emma", "production": { "lines": ["Emma"], "letter_height_mm": 3.2, "font": "serif", "warnings": ["letters shrunk to 3.2 mm"] } } }
            },
            "dimensions_mm": [20, 20, 1.5, 20, 26.1, 1.5],
            "warnings": ["the ring floats"],
        });
        let sheet = sheet(&request, Region::new(), Vec::new());
        assert_eq!(sheet.title, "Disc pendant");
        let detail =
            |label: &str| sheet.details.iter().find(|(l, _)| l == label).map(|(_, v)| v.clone()).unwrap_or_default();
        assert_eq!(detail("Metal"), "18K rose gold, brushed");
        assert_eq!(detail("Stone"), "September birthstone");
        assert_eq!(detail("Chain"), "rope chain, 18 in (45.7 cm)");
        assert_eq!(detail("Size"), "20.0 × 20.0 mm, 1.5 mm thick; 20.0 × 26.1 mm with its ring");
        assert_eq!(detail("Weight"), "about 7.52 g of metal");
        assert_eq!(sheet.engravings[0].heading, "Front engraving: “Emma”");
        assert_eq!(sheet.warnings, ["the ring floats", "Front engraving: letters shrunk to 3.2 mm"]);
    }

    #[test]
    fn a_photo_too_small_for_its_area_is_a_warning() {
        // 400 px across a 20 mm area: 508 dpi; zoomed in 4 ×, 100 px: 127 dpi.
        let area = |corners: [f32; 4]| json!({ "area_mm": [20, 20], "photo_px": [400, 400], "corners": corners });
        assert_eq!(photo_dpi(&area([0.0, 0.0, 1.0, 0.0])).map(f32::round), Some(508.0));
        let request = json!({ "design": { "photos": [{ "src": "photos/cat.jpg", "zoom": 4 }] }, "photos": [area([0.0, 0.0, 0.25, 0.0])] });
        let sheet = sheet(&request, Region::new(), Vec::new());
        assert!(sheet.warnings.iter().any(|w| w.starts_with("Photo 1 is 127 dpi")), "{:?}", sheet.warnings);
    }

    #[test]
    fn an_unknown_weight_says_why() {
        let request = json!({ "design": { "weight": { "weight_unknown": "the metal part 'tray' is not closed" } } });
        let sheet = sheet(&request, Region::new(), Vec::new());
        assert!(sheet.warnings.iter().any(|w| w.contains("'tray' is not closed")), "{:?}", sheet.warnings);
    }
}
