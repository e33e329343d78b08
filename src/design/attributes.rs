//! The design ↔ the `<pendant-viewer>` element's attributes. The element's attributes are its
//! state; `getConfig` hands them over (plus each photo's placement, which lives in the
//! viewer), `setConfig` gets back the value (or absence) of every attribute a design governs.

use serde_json::{json, Map, Value};

use super::{invalid, Design, DesignError, PhotoArea, SideEngraving, SIDES};
use crate::chain::{Chain, ChainStyle, LENGTHS_IN};
use crate::engraving::MAX_CHARACTERS;
use crate::photo::PhotoCrop;

/// The attribute holding each side's text (`SIDES` order); options are `<name>-font` etc.
const SIDE_ATTRIBUTES: [&str; 4] = ["engraving", "engraving-back", "engraving-left", "engraving-right"];
/// The attribute holding each photo area's URL.
const PHOTO_ATTRIBUTES: [&str; 2] = ["photo", "photo-2"];
/// The attributes of the design that are not per side or per area.
const PLAIN_ATTRIBUTES: [&str; 16] = [
    "src",
    "finish",
    "variant",
    "stone",
    "birthstone",
    "photo-style",
    "photo-cover",
    "chain",
    "chain-length",
    "open",
    "camera-orbit",
    "background",
    "auto-rotate",
    "view",
    "body-size",
    "size-reference",
];
/// The attributes of a cut-out pendant: `shape` is its kind, the rest its members.
const SHAPE_ATTRIBUTES: [&str; 7] =
    ["shape", "shape-text", "shape-font", "shape-height", "shape-thickness", "shape-outline", "shape-inset"];
const ENGRAVING_OPTIONS: [&str; 6] = ["font", "align", "size", "path", "finish", "spacing"];

/// Every attribute a design governs (`setConfig` sets or removes each).
pub fn attribute_names() -> Vec<String> {
    let mut names: Vec<String> = PLAIN_ATTRIBUTES.iter().map(|s| s.to_string()).collect();
    names.extend(PHOTO_ATTRIBUTES.iter().map(|s| s.to_string()));
    names.extend(SHAPE_ATTRIBUTES.iter().map(|s| s.to_string()));
    for side in SIDE_ATTRIBUTES {
        names.push(side.to_string());
        names.extend(ENGRAVING_OPTIONS.iter().map(|option| format!("{side}-{option}")));
    }
    names
}

/// What the element knows: `attributes` maps a name to its value (null or absent: not set);
/// `photos` holds, per photo area, `null` or `{zoom, x, y, rotation, file}` for a photo shown
/// there (its URL, if any, is the area's attribute).
pub fn design_from_element(attributes: &Map<String, Value>, photos: &[Value]) -> Result<Design, DesignError> {
    let get = |name: &str| -> Result<Option<&str>, DesignError> {
        match attributes.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.as_str())),
            Some(_) => Err(invalid(name, "expected a string")),
        }
    };
    let text = |name: &str| -> Result<String, DesignError> { Ok(get(name)?.unwrap_or("").to_string()) };
    // Each attribute goes through the document's own reader, so both share one set of checks.
    let mut document = Map::new();
    document.insert("version".into(), json!(super::VERSION));
    // A cut-out is made from its shape: the page's `src` is not part of that design.
    let makes_model = get("shape")?.is_some_and(|k| !k.trim().is_empty());
    document.insert("model".into(), json!(if makes_model { String::new() } else { text("src")? }));
    if let Some(finish) = get("finish")?.filter(|f| !f.trim().is_empty()) {
        let finish: crate::finish::Finish =
            finish.parse().map_err(|e: crate::finish::FinishError| invalid("finish", e))?;
        document.insert("finish".into(), json!({ "metal": finish.metal.name(), "surface": finish.surface.name() }));
    }
    document.insert("variant".into(), json!(text("variant")?.trim()));
    document.insert("stone".into(), json!(text("stone")?));
    if let Some(month) = get("birthstone")?.filter(|m| !m.trim().is_empty()) {
        document.insert("birthstone".into(), json!(month));
    }
    let mut engraving = Map::new();
    for (side, attribute) in SIDES.iter().zip(SIDE_ATTRIBUTES) {
        let option = |name: &str| text(&format!("{attribute}-{name}"));
        let number = |name: &str| -> Result<f32, DesignError> {
            let value = option(name)?;
            if value.trim().is_empty() {
                return Ok(0.0);
            }
            value.trim().parse::<f32>().map_err(|_| invalid(&format!("{attribute}-{name}"), "expected a number"))
        };
        let words = text(attribute)?;
        if words.chars().count() > MAX_CHARACTERS {
            return Err(invalid(attribute, format!("longer than {MAX_CHARACTERS} characters")));
        }
        engraving.insert(
            side.to_string(),
            json!({ "text": words, "font": option("font")?, "align": option("align")?, "size": number("size")?,
                    "path": option("path")?, "finish": option("finish")?, "spacing": number("spacing")? }),
        );
    }
    document.insert("engraving".into(), Value::Object(engraving));
    document.insert("photoStyle".into(), json!(text("photo-style")?));
    document.insert("photoCover".into(), json!(text("photo-cover")?));
    let mut photo_list = Vec::new();
    for (area, attribute) in PHOTO_ATTRIBUTES.iter().enumerate() {
        let shown = photos.get(area).filter(|p| p.is_object());
        let src = text(attribute)?;
        photo_list.push(match (shown, src.is_empty()) {
            (None, true) => Value::Null,
            (None, false) => json!({ "src": src }),
            (Some(placement), _) => {
                let mut entry = placement.as_object().cloned().unwrap_or_default();
                entry.retain(|key, _| ["zoom", "x", "y", "rotation", "file"].contains(&key.as_str()));
                if !src.is_empty() {
                    entry.insert("src".into(), json!(src));
                }
                Value::Object(entry)
            }
        });
    }
    document.insert("photos".into(), Value::Array(photo_list));
    let chain = text("chain")?;
    let length = text("chain-length")?;
    if !chain.trim().is_empty() || !length.trim().is_empty() {
        let length_in = if length.trim().is_empty() {
            json!(null)
        } else {
            json!(length.trim().trim_end_matches("in").trim().parse::<f64>().map_err(|_| invalid(
                "chain-length",
                format!("'{length}' is not a length; expected 16, 18, 20, 22 or 24 (inches)")
            ))?)
        };
        document.insert("chain".into(), json!({ "style": chain, "lengthIn": length_in }));
    }
    if let Some(kind) = get("shape")?.filter(|k| !k.trim().is_empty()) {
        let number = |name: &str| -> Result<Value, DesignError> {
            let value = text(name)?;
            if value.trim().is_empty() {
                return Ok(Value::Null);
            }
            let number = value.trim().trim_end_matches("mm").trim().parse::<f64>();
            number.map(|n| json!(n)).map_err(|_| invalid(name, format!("'{value}' is not a number of millimetres")))
        };
        let mut shape = Map::new();
        shape.insert("kind".into(), json!(kind));
        for (member, attribute) in
            [("text", "shape-text"), ("font", "shape-font"), ("outline", "shape-outline"), ("inset", "shape-inset")]
        {
            shape.insert(member.into(), json!(text(attribute)?));
        }
        for (member, attribute) in [("height", "shape-height"), ("thickness", "shape-thickness")] {
            let value = number(attribute)?;
            if !value.is_null() {
                shape.insert(member.into(), value);
            }
        }
        document.insert("shape".into(), Value::Object(shape));
    }
    document.insert(
        "view".into(),
        json!({ "open": get("open")?.is_some(), "cameraOrbit": text("camera-orbit")?,
                "background": text("background")?, "autoRotate": get("auto-rotate")?.is_some(),
                "mode": text("view")?, "body": text("body-size")?, "sizeReference": text("size-reference")? }),
    );
    Design::from_value(&Value::Object(document)).map_err(rename_path)
}

/// Document paths → the attribute a shopper's page set, for messages about the element.
fn rename_path(error: DesignError) -> DesignError {
    let DesignError::Invalid { path, reason } = error else { return error };
    let mut parts = path.split('.');
    let renamed = match (parts.next(), parts.next(), parts.next()) {
        (Some("model"), ..) => "src".to_string(),
        (Some("finish"), ..) => "finish".to_string(),
        (Some("engraving"), Some(side), option) => {
            let attribute = SIDES.iter().position(|s| *s == side).map_or("engraving", |i| SIDE_ATTRIBUTES[i]);
            match option {
                Some("text") | None => attribute.to_string(),
                Some(option) => format!("{attribute}-{option}"),
            }
        }
        (Some("photoStyle"), ..) => "photo-style".to_string(),
        (Some("photoCover"), ..) => "photo-cover".to_string(),
        (Some("chain"), Some("lengthIn"), _) => "chain-length".to_string(),
        (Some("chain"), ..) => "chain".to_string(),
        (Some("view"), Some("cameraOrbit"), _) => "camera-orbit".to_string(),
        (Some("view"), Some("mode"), _) => "view".to_string(),
        (Some("view"), Some("body"), _) => "body-size".to_string(),
        (Some("view"), Some("sizeReference"), _) => "size-reference".to_string(),
        (Some("shape"), Some("kind") | None, _) => "shape".to_string(),
        (Some("shape"), Some(member), _) => format!("shape-{member}"),
        (Some("view"), Some(member), _) => member.to_string(),
        _ => path,
    };
    DesignError::Invalid { path: renamed, reason }
}

/// What the element should become: every governed attribute's value (`null`: remove it) and,
/// per photo area, the placement to apply (`null`: no photo there).
pub fn element_from_design(design: &Design) -> Value {
    let mut attributes = Map::new();
    let mut set = |name: &str, value: Option<String>| {
        attributes.insert(name.to_string(), value.map_or(Value::Null, Value::String));
    };
    let non_empty = |text: &str| (!text.is_empty()).then(|| text.to_string());
    set("src", non_empty(&design.model));
    set("finish", design.finish.map(|f| format!("{} {}", f.metal.name(), f.surface.name())));
    set("variant", non_empty(&design.variant));
    set("stone", design.stone.map(|s| s.name.to_string()));
    set("birthstone", design.birthstone.map(|m| m.number().to_string()));
    for (cut, attribute) in design.engravings.iter().zip(SIDE_ATTRIBUTES) {
        let option = |name: &str| format!("{attribute}-{name}");
        let blank = SideEngraving::default();
        let cut = cut.as_ref();
        set(attribute, cut.map(|c| c.text.clone()));
        set(&option("font"), cut.map(|c| c.font.name().to_string()));
        set(&option("align"), cut.filter(|c| c.align != blank.align).map(|c| c.align.name().to_string()));
        set(&option("size"), cut.and_then(|c| c.size_mm).map(|s| s.to_string()));
        set(&option("path"), cut.filter(|c| c.path != blank.path).map(|c| c.path.name().to_string()));
        set(&option("finish"), cut.filter(|c| c.finish != blank.finish).map(|c| c.finish.name().to_string()));
        set(&option("spacing"), cut.filter(|c| c.spacing != 0.0).map(|c| c.spacing.to_string()));
    }
    set("photo-style", (design.photo_style != Default::default()).then(|| design.photo_style.name().to_string()));
    set("photo-cover", (design.photo_cover != Default::default()).then(|| design.photo_cover.name().to_string()));
    let mut placements = Vec::new();
    for (area, attribute) in PHOTO_ATTRIBUTES.iter().enumerate() {
        let photo: Option<&PhotoArea> = design.photos.get(area).and_then(Option::as_ref);
        set(attribute, photo.and_then(|p| non_empty(&p.src)));
        placements.push(photo.map_or(Value::Null, |p| {
            let PhotoCrop { zoom, x, y, rotation_deg } = p.crop;
            json!({ "zoom": zoom, "x": x, "y": y, "rotation": rotation_deg, "file": p.file })
        }));
    }
    let Chain { style, length_in } = design.chain.unwrap_or(Chain { style: ChainStyle::Cable, length_in: 0 });
    set("chain", design.chain.map(|_| style.name().to_string()));
    set("chain-length", design.chain.map(|_| length_in.to_string()));
    debug_assert!(design.chain.is_none() || LENGTHS_IN.contains(&length_in));
    let shape = design.shape.as_ref();
    set("shape", shape.map(|s| s.kind.name().to_string()));
    set("shape-text", shape.filter(|s| !s.text.is_empty()).map(|s| s.text.clone()));
    set("shape-font", shape.filter(|s| s.kind != crate::cutout::ShapeKind::Outline).map(|s| s.font.name().to_string()));
    set("shape-height", shape.and_then(|s| s.height_mm).map(|h| h.to_string()));
    set("shape-thickness", shape.map(|s| s.thickness_mm.to_string()));
    set("shape-outline", shape.filter(|s| !s.outline.is_empty()).map(|s| s.outline.clone()));
    set(
        "shape-inset",
        shape.filter(|s| s.kind == crate::cutout::ShapeKind::Outline).map(|s| s.inset.name().to_string()),
    );
    let flag = |on: bool| on.then(String::new);
    set("open", flag(design.view.open));
    set("auto-rotate", flag(design.view.auto_rotate));
    set("camera-orbit", design.view.camera.map(|c| c.to_string()));
    set("background", non_empty(&design.view.background));
    let view = &design.view;
    set("view", (view.mode != crate::worn::ViewMode::default()).then(|| view.mode.name().to_string()));
    set("body-size", (view.body != crate::worn::BodySize::default()).then(|| view.body.to_string()));
    set("size-reference", view.size_reference.map(|coin| coin.name().to_string()));
    json!({ "attributes": attributes, "photos": placements })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn element(design: &Design) -> (Map<String, Value>, Vec<Value>) {
        let state = element_from_design(design);
        (state["attributes"].as_object().unwrap().clone(), state["photos"].as_array().unwrap().clone())
    }

    #[test]
    fn the_element_round_trips_a_design() {
        let design = Design::from_json(super::super::tests::FULL).unwrap();
        let (attributes, photos) = element(&design);
        assert_eq!(attributes["engraving-back-font"], json!("mono"));
        assert_eq!(attributes["photo-2"], json!("photos/cat.jpg"));
        assert_eq!(attributes["open"], json!(""));
        assert_eq!(attributes["variant"], json!("Rose gold"));
        assert_eq!(attributes["engraving-left"], Value::Null);
        let names = attribute_names();
        assert!(attributes.keys().all(|k| names.contains(k)), "every attribute written is governed");
        assert_eq!(names.len(), attributes.len(), "and every governed attribute is written");
        // A cut-out's design does not carry the page's model; without a shape, `src` round-trips.
        let cut_out = Design { model: String::new(), ..design.clone() };
        assert_eq!(design_from_element(&attributes, &photos).unwrap(), cut_out);
        let plain = Design { shape: None, ..design };
        let (attributes, photos) = element(&plain);
        assert_eq!(design_from_element(&attributes, &photos).unwrap(), plain);
    }

    #[test]
    fn an_empty_element_is_the_default_design() {
        let design = design_from_element(&Map::new(), &[]).unwrap();
        assert_eq!(design, Design::default());
    }

    #[test]
    fn bad_attributes_are_named() {
        let mut attributes = Map::new();
        attributes.insert("engraving-back-font".into(), json!("comic"));
        attributes.insert("engraving-back".into(), json!("Hi"));
        let error = design_from_element(&attributes, &[]).unwrap_err();
        assert!(error.to_string().starts_with("engraving-back-font: "), "{error}");
        let mut attributes = Map::new();
        attributes.insert("chain-length".into(), json!("30"));
        let error = design_from_element(&attributes, &[]).unwrap_err();
        assert!(error.to_string().starts_with("chain-length: 30 in is not offered"), "{error}");
        let mut attributes = Map::new();
        attributes.insert("camera-orbit".into(), json!("sideways"));
        assert!(design_from_element(&attributes, &[]).unwrap_err().to_string().starts_with("camera-orbit: "));
        let mut attributes = Map::new();
        attributes.insert("shape".into(), json!("nameplate"));
        attributes.insert("shape-text".into(), json!("Olivia"));
        attributes.insert("shape-thickness".into(), json!("2.5"));
        let error = design_from_element(&attributes, &[]).unwrap_err();
        assert!(error.to_string().starts_with("shape-thickness: a thickness of 2.5 mm"), "{error}");
        attributes.insert("shape-height".into(), json!("tall"));
        let error = design_from_element(&attributes, &[]).unwrap_err();
        assert!(error.to_string().starts_with("shape-height: 'tall' is not a number"), "{error}");
    }

    #[test]
    fn a_photo_without_a_url_keeps_its_placement() {
        let photos = [json!({"zoom": 3, "x": 1, "y": 0, "rotation": 0, "file": "me.jpg", "corners": [1, 2]})];
        let design = design_from_element(&Map::new(), &photos).unwrap();
        let photo = design.photos[0].as_ref().unwrap();
        assert_eq!((photo.crop.zoom, photo.file.as_str(), photo.src.as_str()), (3.0, "me.jpg", ""));
    }
}
