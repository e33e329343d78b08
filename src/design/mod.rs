//! The design document: everything a shopper chose, as one versioned JSON object that
//! round-trips through the element (`getConfig` / `setConfig`), a share link's URL fragment,
//! and a shop's cart and order systems. Pure: the element hands its attributes over and gets
//! attributes back; this module owns the names, the defaults and the checks.
//!
//! Version 1 (docs in README.md, "The design document"):
//! ```json
//! { "version": 1,
//!   "model": "models/disc.glb",
//!   "finish": { "metal": "rose-gold", "surface": "polished" },
//!   "birthstone": 7, "stone": "ruby",
//!   "engraving": { "front": { "text": "Emma", "font": "script", "align": "center",
//!                             "size": 0, "path": "straight", "finish": "bright", "spacing": 0 } },
//!   "photoStyle": "sepia", "photoCover": "glass",
//!   "photos": [ { "src": "photos/cat.jpg", "file": "cat.jpg", "zoom": 1.5, "x": 0.2, "y": 0, "rotation": 90 } ],
//!   "chain": { "style": "cable", "lengthIn": 18 },
//!   "shape": { "kind": "nameplate", "text": "Olivia", "font": "script", "height": 9, "thickness": 1 },
//!   "view": { "open": true, "cameraOrbit": "30deg 75deg 100%", "background": "studio", "autoRotate": false } }
//! ```
//! Every member but `version` may be left out (its default applies). Unknown members are
//! refused with their path, so a typo never silently drops part of an order. A photo is
//! referenced (`src`: a URL the viewer may load; `file`: the shopper's file name, for the
//! shop's own upload), never embedded.

mod attributes;
mod members;

use base64::Engine as _;
use serde_json::{json, Map, Value};

use crate::camera::orbit::CameraOrbit;
use crate::chain::{Chain, ChainStyle, DEFAULT_LENGTH_IN, LENGTHS_IN, LENGTHS_OFFERED};
use crate::cutout::{ShapeDesign, ShapeKind, MAX_LETTERS};
use crate::engraving::{Align, CutFinish, EngravingDesign, FontStyle, TextPath, LETTER_SPACING_EM, MAX_CHARACTERS};
use crate::finish::{Finish, Metal, Surface};
use crate::photo::{PhotoCover, PhotoCrop, PhotoTone};
use crate::stones::{BirthMonth, Stone};
use crate::studio::backdrop::Backdrop;

pub use attributes::{attribute_names, design_from_element, element_from_design};
use members::Members;

/// The version this viewer writes and the newest it reads.
pub const VERSION: u64 = 1;
/// Largest document accepted, bytes (a full design is under 2 KB).
pub const MAX_DOCUMENT_BYTES: usize = 64 * 1024;
/// Longest URL accepted for a model or a photo.
pub const MAX_URL_CHARS: usize = 2048;
/// Longest material variant name (KHR_materials_variants names are a shop's words: "Rose gold").
pub const MAX_VARIANT_CHARS: usize = 100;
/// Photo areas a design may fill (a locket's two halves).
pub const MAX_PHOTO_AREAS: usize = 2;
/// Engraving sides, in the order the element names them.
pub const SIDES: [&str; 4] = ["front", "back", "left", "right"];

/// Why a design document was refused. `code()` is stable for JavaScript.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DesignError {
    /// Not JSON, or not an object.
    #[error("the design is not a JSON object ({0})")]
    NotJson(String),
    /// Over [`MAX_DOCUMENT_BYTES`].
    #[error("the design is {0} bytes; the largest accepted is 64 KB")]
    TooLarge(usize),
    /// Written by a newer viewer.
    #[error("the design is version {0}; this viewer reads version 1 (update the viewer)")]
    Version(String),
    /// A member has a wrong value or is not part of the document.
    #[error("{path}: {reason}")]
    Invalid {
        /// Where, e.g. `engraving.front.font`.
        path: String,
        /// What is wrong.
        reason: String,
    },
    /// A share link's fragment is damaged.
    #[error("the design link is damaged or incomplete ({0})")]
    BadLink(String),
}

impl DesignError {
    /// Stable code for JavaScript.
    pub fn code(&self) -> &'static str {
        match self {
            DesignError::NotJson(_) => "design-not-json",
            DesignError::TooLarge(_) => "design-too-large",
            DesignError::Version(_) => "design-version-unsupported",
            DesignError::Invalid { .. } => "design-invalid",
            DesignError::BadLink(_) => "design-link-damaged",
        }
    }
}

fn invalid(path: &str, reason: impl ToString) -> DesignError {
    DesignError::Invalid { path: path.to_string(), reason: reason.to_string() }
}

/// One side's engraving.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SideEngraving {
    /// The text; `\n` starts a line.
    pub text: String,
    /// Lettering.
    pub font: FontStyle,
    /// Line alignment.
    pub align: Align,
    /// Capital height, mm; `None` = as large as fits.
    pub size_mm: Option<f32>,
    /// Straight or arched.
    pub path: TextPath,
    /// Bright or blackened floor.
    pub finish: CutFinish,
    /// Extra letter spacing, ems.
    pub spacing: f32,
}

impl From<&SideEngraving> for EngravingDesign {
    fn from(side: &SideEngraving) -> Self {
        EngravingDesign {
            text: side.text.clone(),
            style: side.font,
            align: side.align,
            letter_height_mm: side.size_mm,
            letter_spacing: side.spacing,
            path: side.path,
        }
    }
}

/// One photo area's photo and placement.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PhotoArea {
    /// A URL the viewer loads (empty: the shopper's own file, which the shop uploads itself).
    pub src: String,
    /// The shopper's file name (informational).
    pub file: String,
    /// Where it sits.
    pub crop: PhotoCrop,
}

/// How the pendant is shown (not part of what is made, but part of a shared link).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct View {
    /// A locket shown open.
    pub open: bool,
    /// The camera; `None` = the framed default.
    pub camera: Option<CameraOrbit>,
    /// The backdrop as written (`studio`, `#ffeedd`, …); empty = studio.
    pub background: String,
    /// Turning by itself.
    pub auto_rotate: bool,
    /// In the studio or worn on a display bust.
    pub mode: crate::worn::ViewMode,
    /// The bust's size, when worn.
    pub body: crate::worn::BodySize,
    /// A coin shown beside the pendant in the studio, for scale.
    pub size_reference: Option<crate::size::Coin>,
}

/// Everything a shopper chose.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Design {
    /// The pendant's model URL.
    pub model: String,
    /// The metal; `None` = the model's own materials.
    pub finish: Option<Finish>,
    /// The model's own material variant (KHR_materials_variants) by name; empty: as authored.
    pub variant: String,
    /// A stone chosen by name (wins over the birth month).
    pub stone: Option<Stone>,
    /// A birth month whose usual stone is set.
    pub birthstone: Option<BirthMonth>,
    /// Engraving per side, in [`SIDES`] order; blank sides are `None`.
    pub engravings: [Option<SideEngraving>; 4],
    /// Colour, black and white or sepia (every photo).
    pub photo_style: PhotoTone,
    /// Glass, resin or print (every photo).
    pub photo_cover: PhotoCover,
    /// Per photo area (at most [`MAX_PHOTO_AREAS`]).
    pub photos: Vec<Option<PhotoArea>>,
    /// The chain ordered with it (drawn from the model's ring).
    pub chain: Option<Chain>,
    /// A pendant cut from the shopper's text or outline (then `model` is not used).
    pub shape: Option<ShapeDesign>,
    /// How it is shown.
    pub view: View,
}

impl Design {
    /// Reads a document (JSON text), checking every member.
    pub fn from_json(text: &str) -> Result<Self, DesignError> {
        if text.len() > MAX_DOCUMENT_BYTES {
            return Err(DesignError::TooLarge(text.len()));
        }
        let value: Value = serde_json::from_str(text).map_err(|e| DesignError::NotJson(e.to_string()))?;
        if !value.is_object() {
            return Err(DesignError::NotJson("expected an object".into()));
        }
        Self::from_value(&value)
    }

    fn from_value(value: &Value) -> Result<Self, DesignError> {
        let mut root = Members::of(value, "")?;
        match root.get("version") {
            Some(Value::Number(n)) if n.as_u64() == Some(VERSION) => {}
            Some(Value::Number(n)) if n.as_u64().is_some_and(|v| v > VERSION) => {
                return Err(DesignError::Version(n.to_string()))
            }
            Some(other) => return Err(invalid("version", format!("expected 1, found {other}"))),
            None => return Err(invalid("version", "missing (expected \"version\": 1)")),
        }
        let mut design = Design { model: root.string("model", MAX_URL_CHARS)?, ..Design::default() };
        if let Some(finish) = root.get("finish") {
            let mut members = Members::of(finish, "finish")?;
            let metal = members.parsed::<Metal>("metal")?.ok_or_else(|| invalid("finish.metal", "missing"))?;
            let surface = members.parsed::<Surface>("surface")?.unwrap_or(Finish::DEFAULT.surface);
            members.finish()?;
            design.finish = Some(Finish { metal, surface });
        }
        design.variant = root.string("variant", MAX_VARIANT_CHARS)?;
        if design.variant.chars().any(char::is_control) {
            return Err(invalid("variant", "contains a control character"));
        }
        design.stone = root.parsed("stone")?;
        design.birthstone = match root.get("birthstone") {
            None => None,
            Some(value) => {
                let text = match value {
                    Value::Number(n) => n.to_string(),
                    Value::String(s) => s.clone(),
                    _ => return Err(invalid("birthstone", "expected a month (1–12 or a name)")),
                };
                Some(text.parse::<BirthMonth>().map_err(|e| invalid("birthstone", e))?)
            }
        };
        if let Some(engraving) = root.get("engraving") {
            let mut sides = Members::of(engraving, "engraving")?;
            for (slot, side) in design.engravings.iter_mut().zip(SIDES) {
                if let Some(value) = sides.get(side) {
                    *slot = read_engraving(value, &format!("engraving.{side}"))?;
                }
            }
            sides.finish()?;
        }
        design.photo_style = root.parsed("photoStyle")?.unwrap_or_default();
        design.photo_cover = root.parsed("photoCover")?.unwrap_or_default();
        if let Some(photos) = root.get("photos") {
            let list = photos.as_array().ok_or_else(|| invalid("photos", "expected a list"))?;
            if list.len() > MAX_PHOTO_AREAS {
                return Err(invalid(
                    "photos",
                    format!("{} photos; a pendant has at most {MAX_PHOTO_AREAS}", list.len()),
                ));
            }
            design.photos = list
                .iter()
                .enumerate()
                .map(
                    |(i, value)| {
                        if value.is_null() {
                            Ok(None)
                        } else {
                            read_photo(value, &format!("photos[{i}]")).map(Some)
                        }
                    },
                )
                .collect::<Result<_, _>>()?;
            while design.photos.last() == Some(&None) {
                design.photos.pop(); // one design, one value: trailing empty areas are dropped
            }
        }
        if let Some(chain) = root.get("chain") {
            design.chain = Some(read_chain(chain)?);
        }
        if let Some(shape) = root.get("shape") {
            design.shape = read_shape(shape)?;
        }
        if let Some(view) = root.get("view") {
            let mut members = Members::of(view, "view")?;
            design.view.open = members.boolean("open")?;
            design.view.camera = members.parsed("cameraOrbit")?;
            design.view.background = members.string("background", 40)?;
            members.parsed::<Backdrop>("background")?;
            design.view.auto_rotate = members.boolean("autoRotate")?;
            design.view.mode = members.parsed("mode")?.unwrap_or_default();
            design.view.body = members.parsed("body")?.unwrap_or_default();
            design.view.size_reference =
                members.parsed::<crate::size::SizeReference>("sizeReference")?.and_then(|r| r.0);
            members.finish()?;
        }
        root.finish()?;
        Ok(design)
    }

    /// The document, with defaults left out (compact and stable: the same design always
    /// writes the same text).
    pub fn to_value(&self) -> Value {
        let mut root = Map::new();
        root.insert("version".into(), json!(VERSION));
        if !self.model.is_empty() {
            root.insert("model".into(), json!(self.model));
        }
        if let Some(finish) = self.finish {
            root.insert("finish".into(), json!({ "metal": finish.metal.name(), "surface": finish.surface.name() }));
        }
        if !self.variant.is_empty() {
            root.insert("variant".into(), json!(self.variant));
        }
        if let Some(month) = self.birthstone {
            root.insert("birthstone".into(), json!(month.number()));
        }
        if let Some(stone) = self.stone {
            root.insert("stone".into(), json!(stone.name));
        }
        let mut engraving = Map::new();
        for (side, cut) in SIDES.iter().zip(&self.engravings) {
            if let Some(cut) = cut {
                engraving.insert(side.to_string(), write_engraving(cut));
            }
        }
        if !engraving.is_empty() {
            root.insert("engraving".into(), Value::Object(engraving));
        }
        if self.photo_style != PhotoTone::default() {
            root.insert("photoStyle".into(), json!(self.photo_style.name()));
        }
        if self.photo_cover != PhotoCover::default() {
            root.insert("photoCover".into(), json!(self.photo_cover.name()));
        }
        let last_photo = self.photos.iter().rposition(Option::is_some);
        if let Some(last) = last_photo {
            let photos = self.photos[..=last].iter().map(|p| p.as_ref().map_or(Value::Null, write_photo)).collect();
            root.insert("photos".into(), Value::Array(photos));
        }
        if let Some(chain) = self.chain {
            root.insert("chain".into(), json!({ "style": chain.style.name(), "lengthIn": chain.length_in }));
        }
        if let Some(shape) = &self.shape {
            root.insert("shape".into(), write_shape(shape));
        }
        let mut view = Map::new();
        if self.view.open {
            view.insert("open".into(), json!(true));
        }
        if let Some(camera) = self.view.camera {
            view.insert("cameraOrbit".into(), json!(camera.to_string()));
        }
        if !self.view.background.is_empty() {
            view.insert("background".into(), json!(self.view.background));
        }
        if self.view.auto_rotate {
            view.insert("autoRotate".into(), json!(true));
        }
        if self.view.mode != crate::worn::ViewMode::default() {
            view.insert("mode".into(), json!(self.view.mode.name()));
        }
        if self.view.body != crate::worn::BodySize::default() {
            view.insert("body".into(), json!(self.view.body.to_string()));
        }
        if let Some(coin) = self.view.size_reference {
            view.insert("sizeReference".into(), json!(coin.name()));
        }
        if !view.is_empty() {
            root.insert("view".into(), Value::Object(view));
        }
        Value::Object(root)
    }

    /// The document as compact JSON text.
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }

    /// A URL fragment value (after `#design=`) that carries the whole design: base64url of
    /// the compact JSON, no padding. The shopper's photo file names are left out: a link
    /// reaches browser history, analytics and whoever it is sent to, and the name is theirs.
    pub fn to_fragment(&self) -> String {
        let mut shared = self.clone();
        for photo in shared.photos.iter_mut().flatten() {
            photo.file.clear();
        }
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(shared.to_json())
    }

    /// Reads a fragment written by [`Design::to_fragment`] (a leading `#design=` is allowed).
    pub fn from_fragment(fragment: &str) -> Result<Self, DesignError> {
        let data = fragment.trim().trim_start_matches('#').trim_start_matches("design=");
        if data.len() > MAX_DOCUMENT_BYTES * 4 / 3 + 4 {
            return Err(DesignError::TooLarge(data.len() * 3 / 4));
        }
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(data.trim_end_matches('='))
            .map_err(|e| DesignError::BadLink(e.to_string()))?;
        let text = String::from_utf8(bytes).map_err(|_| DesignError::BadLink("not text".into()))?;
        Self::from_json(&text)
    }
}

fn read_engraving(value: &Value, path: &str) -> Result<Option<SideEngraving>, DesignError> {
    let mut members = Members::of(value, path)?;
    let text = members.string("text", MAX_CHARACTERS)?;
    let engraving = SideEngraving {
        font: members.parsed("font")?.unwrap_or_default(),
        align: members.parsed("align")?.unwrap_or_default(),
        size_mm: Some(members.number("size", 0.0)?).filter(|&size| size > 0.0),
        path: members.parsed("path")?.unwrap_or_default(),
        finish: members.parsed("finish")?.unwrap_or_default(),
        spacing: members.number("spacing", 0.0)?.clamp(LETTER_SPACING_EM.0, LETTER_SPACING_EM.1),
        text,
    };
    members.finish()?;
    if engraving.size_mm.is_some_and(|size| size > 50.0) {
        return Err(invalid(&format!("{path}.size"), "letters over 50 mm tall do not fit a pendant"));
    }
    Ok((!engraving.text.trim().is_empty()).then_some(engraving))
}

fn write_engraving(cut: &SideEngraving) -> Value {
    let mut object = Map::new();
    object.insert("text".into(), json!(cut.text));
    object.insert("font".into(), json!(cut.font.name()));
    object.insert("align".into(), json!(cut.align.name()));
    if let Some(size) = cut.size_mm {
        object.insert("size".into(), json!(size));
    }
    object.insert("path".into(), json!(cut.path.name()));
    object.insert("finish".into(), json!(cut.finish.name()));
    if cut.spacing != 0.0 {
        object.insert("spacing".into(), json!(cut.spacing));
    }
    Value::Object(object)
}

/// Longest outline path data kept in a design, characters.
pub const MAX_OUTLINE_CHARS: usize = crate::cutout::outline::MAX_PATH_CHARS;

fn read_shape(value: &Value) -> Result<Option<ShapeDesign>, DesignError> {
    let mut members = Members::of(value, "shape")?;
    let kind: ShapeKind = members.parsed("kind")?.unwrap_or_default();
    let shape = ShapeDesign {
        kind,
        text: members.string("text", MAX_LETTERS)?,
        font: members.parsed("font")?.unwrap_or_default(),
        height_mm: Some(members.number("height", 0.0)?).filter(|&h| h > 0.0),
        thickness_mm: members.number("thickness", crate::cutout::DEFAULT_THICKNESS_MM)?,
        outline: members.string("outline", MAX_OUTLINE_CHARS)?,
        inset: members.parsed("inset")?.unwrap_or_default(),
    };
    members.finish()?;
    let blank = match kind {
        ShapeKind::Outline => shape.outline.trim().is_empty(),
        _ => shape.text.trim().is_empty(),
    };
    if blank {
        return Ok(None);
    }
    shape.check().map_err(|e| {
        let member = match e {
            crate::cutout::ShapeError::OutOfRange { what, .. } => what,
            crate::cutout::ShapeError::UnknownOption { .. } => "outline",
            _ => "text",
        };
        invalid(&format!("shape.{member}"), e)
    })?;
    Ok(Some(shape))
}

fn write_shape(shape: &ShapeDesign) -> Value {
    let mut object = Map::new();
    object.insert("kind".into(), json!(shape.kind.name()));
    if shape.kind == ShapeKind::Outline {
        object.insert("outline".into(), json!(shape.outline));
        object.insert("inset".into(), json!(shape.inset.name()));
    } else {
        object.insert("text".into(), json!(shape.text));
        object.insert("font".into(), json!(shape.font.name()));
        if !shape.outline.is_empty() {
            object.insert("outline".into(), json!(shape.outline)); // a monogram's frame
        }
    }
    if let Some(height) = shape.height_mm {
        object.insert("height".into(), json!(height));
    }
    object.insert("thickness".into(), json!(shape.thickness_mm));
    Value::Object(object)
}

fn read_photo(value: &Value, path: &str) -> Result<PhotoArea, DesignError> {
    let mut members = Members::of(value, path)?;
    let photo = PhotoArea {
        src: members.string("src", MAX_URL_CHARS)?,
        file: members.string("file", 255)?,
        crop: PhotoCrop {
            zoom: members.number("zoom", 1.0)?,
            x: members.number("x", 0.0)?,
            y: members.number("y", 0.0)?,
            rotation_deg: members.number("rotation", 0.0)?,
        }
        .clamped(),
    };
    members.finish()?;
    Ok(photo)
}

fn write_photo(photo: &PhotoArea) -> Value {
    let mut object = Map::new();
    if !photo.src.is_empty() {
        object.insert("src".into(), json!(photo.src));
    }
    if !photo.file.is_empty() {
        object.insert("file".into(), json!(photo.file));
    }
    let crop = photo.crop;
    object.insert("zoom".into(), json!(crop.zoom));
    object.insert("x".into(), json!(crop.x));
    object.insert("y".into(), json!(crop.y));
    object.insert("rotation".into(), json!(crop.rotation_deg));
    Value::Object(object)
}

fn read_chain(value: &Value) -> Result<Chain, DesignError> {
    let mut members = Members::of(value, "chain")?;
    let style_name = members.string("style", 40)?;
    let style = if style_name.is_empty() {
        ChainStyle::Cable
    } else {
        style_name.parse::<ChainStyle>().map_err(|_| {
            invalid("chain.style", format!("'{style_name}' is not offered; expected cable, box or rope"))
        })?
    };
    let length = members.number("lengthIn", f32::from(DEFAULT_LENGTH_IN))?;
    let length_in = LENGTHS_IN
        .into_iter()
        .find(|&l| f32::from(l) == length)
        .ok_or_else(|| invalid("chain.lengthIn", format!("{length} in is not offered; expected {LENGTHS_OFFERED}")))?;
    members.finish()?;
    Ok(Chain { style, length_in })
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) const FULL: &str = r##"{"version":1,"model":"models/heart-puffy.glb",
        "finish":{"metal":"rose-gold","surface":"brushed"},"variant":"Rose gold","birthstone":"july","stone":"ruby",
        "engraving":{"front":{"text":"Emma","font":"script"},"back":{"text":"40.7128° N\n74.0060° W","font":"mono","size":1.5,"finish":"oxidized","spacing":0.05}},
        "photoStyle":"sepia","photoCover":"resin",
        "photos":[null,{"src":"photos/cat.jpg","file":"cat.jpg","zoom":2,"x":0.5,"y":-0.25,"rotation":90}],
        "chain":{"style":"rope","lengthIn":20},
        "shape":{"kind":"nameplate","text":"Olivia","font":"script","height":10,"thickness":1.2},
        "view":{"open":true,"cameraOrbit":"30deg 75deg 110%","background":"#ffeedd","autoRotate":true,
                 "mode":"worn","body":"38","sizeReference":"euro"}}"##;

    #[test]
    fn a_full_design_round_trips() {
        let design = Design::from_json(FULL).unwrap();
        assert_eq!(design.finish.unwrap().metal, Metal::RoseGold);
        assert_eq!(design.variant, "Rose gold");
        assert_eq!(design.birthstone.unwrap().number(), 7);
        assert_eq!(design.engravings[1].as_ref().unwrap().size_mm, Some(1.5));
        assert_eq!(design.photos[1].as_ref().unwrap().crop.rotation_deg, 90.0);
        assert_eq!(design.chain, Some(Chain { style: ChainStyle::Rope, length_in: 20 }));
        assert_eq!(design.shape.as_ref().map(|s| (s.text.as_str(), s.height_mm)), Some(("Olivia", Some(10.0))));
        let written = design.to_json();
        assert_eq!(Design::from_json(&written).unwrap(), design);
        assert_eq!(Design::from_json(&written).unwrap().to_json(), written, "stable text");
        let mut linked = design.clone();
        linked.photos[1].as_mut().unwrap().file.clear();
        assert_eq!(Design::from_fragment(&format!("#design={}", design.to_fragment())).unwrap(), linked);
    }

    #[test]
    fn a_share_link_never_carries_the_shoppers_file_name() {
        let design = Design::from_json(FULL).unwrap();
        let fragment = design.to_fragment();
        let text =
            String::from_utf8(base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(&fragment).unwrap()).unwrap();
        assert!(!text.contains("\"file\"") && !text.contains(":\"cat.jpg\""), "{text}");
        assert!(text.contains("photos/cat.jpg"), "the photo's URL stays: {text}");
        assert!(design.to_json().contains("\"file\":\"cat.jpg\""), "getConfig and the order keep it");
    }

    #[test]
    fn defaults_are_left_out() {
        let design = Design::from_json(r#"{"version":1,"engraving":{"front":{"text":"  "}},"photos":[null]}"#).unwrap();
        assert_eq!(design, Design::default());
        assert_eq!(design.to_json(), r#"{"version":1}"#);
    }

    #[test]
    fn mistakes_are_named_by_their_path() {
        let cases = [
            (r#"{"version":1,"engarving":{}}"#, "engarving: not part of the design"),
            (r#"{"version":1,"finish":{"metal":"gold2"}}"#, "finish.metal: unknown metal 'gold2'"),
            (r#"{"version":1,"engraving":{"front":{"text":"A","font":"comic"}}}"#, "engraving.front.font:"),
            (r#"{"version":1,"photos":[{"zoom":"big"}]}"#, "photos[0].zoom: expected a number"),
            (r#"{"version":1,"chain":{"lengthIn":17}}"#, "chain.lengthIn: 17 in is not offered"),
            (r#"{"version":1,"view":{"cameraOrbit":"up"}}"#, "view.cameraOrbit: camera orbit 'up'"),
            (r#"{"version":1,"view":{"background":"plaid"}}"#, "view.background:"),
            (r#"{"version":1,"birthstone":13}"#, "birthstone:"),
            (r#"{"version":1,"variant":"Gold\u0000"}"#, "variant: contains a control character"),
            (r#"{"version":1,"variant":7}"#, "variant: expected a string"),
            (r#"{"version":1,"shape":{"kind":"bracelet","text":"A"}}"#, "shape.kind: the shape 'bracelet' is unknown"),
            (r#"{"version":1,"shape":{"text":"Olivia","thickness":3}}"#, "shape.thickness: a thickness of 3 mm"),
            (r#"{"version":1,"shape":{"text":"Olivia","height":40}}"#, "shape.height: a height of 40 mm"),
            (r#"{"version":1,"shape":{"kind":"initial","text":"AB"}}"#, "shape.text: an initial has 1"),
            (r#"{"version":1,"shape":{"text":"Olivia","colour":"red"}}"#, "shape.colour: not part of the design"),
            (r#"{"model":"a.glb"}"#, "version: missing"),
        ];
        for (text, expected) in cases {
            let error = Design::from_json(text).unwrap_err();
            assert_eq!(error.code(), "design-invalid", "{text}");
            assert!(error.to_string().starts_with(expected), "{text}: {error}");
        }
        let long = format!(r#"{{"version":1,"engraving":{{"back":{{"text":"{}"}}}}}}"#, "x".repeat(121));
        assert!(Design::from_json(&long).unwrap_err().to_string().contains("longer than 120"));
    }

    #[test]
    fn hostile_documents_are_refused_with_codes() {
        assert_eq!(Design::from_json(r#"{"version":2}"#).unwrap_err().code(), "design-version-unsupported");
        assert_eq!(Design::from_json("[1]").unwrap_err().code(), "design-not-json");
        assert_eq!(Design::from_json("{\"version\":1").unwrap_err().code(), "design-not-json");
        assert_eq!(Design::from_json(&" ".repeat(70_000)).unwrap_err().code(), "design-too-large");
        assert_eq!(Design::from_fragment("#design=%%%").unwrap_err().code(), "design-link-damaged");
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(Design::from_json(&deep).unwrap_err().code(), "design-not-json");
        let photos = r#"{"version":1,"photos":[null,null,null]}"#;
        assert!(Design::from_json(photos).unwrap_err().to_string().contains("at most 2"));
    }

    #[test]
    fn out_of_range_placements_are_clamped() {
        let design = Design::from_json(r#"{"version":1,"photos":[{"zoom":100,"x":-7,"rotation":270}]}"#).unwrap();
        let crop = design.photos[0].as_ref().unwrap().crop;
        assert_eq!((crop.zoom, crop.x, crop.rotation_deg), (PhotoCrop::MAX_ZOOM, -1.0, -90.0));
    }
}
