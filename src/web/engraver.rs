//! The engraving module's exports (the `engraver` feature): an `Engraver` per element that
//! holds the engraving fonts, lays text out in a model's area and rasterizes it into the
//! height field the viewer cuts (`Viewer.setEngravingField`), and keeps each side's layout for
//! the production spec and the SVG outlines. Loaded by the page only when a design has text.

use std::collections::HashMap;

use glam::Vec2;
use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;

use crate::cutout::{make, Cutout, ShapeDesign};
use crate::engraving::export::{production_spec, svg_outlines};
use crate::engraving::{engrave, EngravingArea, EngravingDesign, EngravingError, FontBook, Layout, LETTER_SPACING_EM};

use super::{set_key, to_js_error};

/// A side as last engraved: what the order needs to reproduce it.
struct Cut {
    design: EngravingDesign,
    area: EngravingArea,
    layout: Layout,
}

/// Fonts and the current engravings of one `<pendant-viewer>`.
#[wasm_bindgen]
pub struct Engraver {
    fonts: FontBook,
    cuts: HashMap<String, Cut>,
    /// The last `engrave`, kept by `commit` once the viewer has cut it (`None`: a blank side).
    pending: Option<(String, Option<Cut>)>,
    /// The last cut-out pendant made.
    cutout: Option<Cutout>,
}

impl Default for Engraver {
    fn default() -> Self {
        Self::new()
    }
}

#[wasm_bindgen]
impl Engraver {
    /// An engraver without fonts.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Engraver {
        Engraver { fonts: FontBook::new(), cuts: HashMap::new(), pending: None, cutout: None }
    }

    /// Hands over an engraving font file: `name` is a style (script, block, serif, mono) or
    /// `symbols` (the fallback for symbols, Hebrew and Arabic). Rejects with
    /// `engraving-bad-font` or `engraving-unknown-font`.
    #[wasm_bindgen(js_name = addFont)]
    pub fn add_font(&mut self, name: &str, bytes: Vec<u8>) -> Result<(), JsValue> {
        self.fonts.add(name, bytes).map_err(|e| to_js_error(e.into()))
    }

    /// Whether the font `name` (a style or `symbols`) has been handed over.
    #[wasm_bindgen(js_name = hasFont)]
    pub fn has_font(&self, name: &str) -> bool {
        match name.parse() {
            Ok(style) => self.fonts.has(style),
            Err(_) => name.eq_ignore_ascii_case(crate::engraving::fonts::FALLBACK_NAME) && self.fonts.has_fallback(),
        }
    }

    /// Lays out `text` (lines separated by `\n`) for `side` in an area `area_mm` =
    /// `[widthMm, heightMm, round]` (from `Viewer.engravingArea`) and rasterizes it. `font`:
    /// script, block, serif or mono; `align`: left, center, right; `path`: straight or arc;
    /// `letter_height_mm`: capital height, 0 = as large as fits; `letter_spacing_em`: extra
    /// space after each letter in ems (−0.2…1). Returns `{width, height, pixelsPerMm, pixels,
    /// letterHeightMm, warnings}` (blank text: `width` 0). `commit(side)` keeps it for the spec
    /// once the viewer has cut it. Rejects with a coded error (`engraving-does-not-fit`,
    /// `engraving-unsupported-characters`, `engraving-font-not-loaded`, …).
    #[allow(clippy::too_many_arguments)]
    pub fn engrave(
        &mut self,
        side: &str,
        area_mm: Vec<f32>,
        text: &str,
        font: &str,
        align: &str,
        path: &str,
        letter_height_mm: f32,
        letter_spacing_em: f32,
    ) -> Result<JsValue, JsValue> {
        let js = |e: EngravingError| to_js_error(e.into());
        let design = EngravingDesign {
            text: text.to_string(),
            style: if font.trim().is_empty() { Default::default() } else { font.parse().map_err(js)? },
            align: if align.trim().is_empty() { Default::default() } else { align.parse().map_err(js)? },
            letter_height_mm: (letter_height_mm.is_finite() && letter_height_mm > 0.0).then_some(letter_height_mm),
            letter_spacing: if letter_spacing_em.is_finite() {
                letter_spacing_em.clamp(LETTER_SPACING_EM.0, LETTER_SPACING_EM.1)
            } else {
                0.0
            },
            path: path.parse().map_err(js)?,
        };
        let result = js_sys::Object::new();
        if design.is_blank() {
            self.pending = Some((side.to_string(), None));
            set_key(&result, "width", 0.into())?;
            set_key(&result, "letterHeightMm", 0.0.into())?;
            set_key(&result, "warnings", js_sys::Array::new().into())?;
            return Ok(result.into());
        }
        let area = match area_mm.as_slice() {
            [w, h, round] if w.is_finite() && h.is_finite() && *w > 0.0 && *h > 0.0 => {
                EngravingArea { size_mm: Vec2::new(*w, *h), round: *round > 0.5 }
            }
            _ => return Err(js(EngravingError::NoArea(side.chars().take(20).collect()))),
        };
        let engraved = engrave(&design, &area, &self.fonts).map_err(js)?;
        let field = &engraved.field;
        set_key(&result, "width", field.width.into())?;
        set_key(&result, "height", field.height.into())?;
        set_key(&result, "pixelsPerMm", field.pixels_per_mm.into())?;
        set_key(&result, "pixels", Uint8Array::from(field.pixels.as_slice()).into())?;
        set_key(&result, "letterHeightMm", engraved.layout.letter_height_mm.into())?;
        let warnings: js_sys::Array = engraved.warnings.iter().map(|w| JsValue::from_str(w)).collect();
        set_key(&result, "warnings", warnings.into())?;
        self.pending = Some((side.to_string(), Some(Cut { design, area, layout: engraved.layout })));
        Ok(result.into())
    }

    /// Keeps the last `engrave` of `side` as what that side has (after the viewer cut it).
    pub fn commit(&mut self, side: &str) {
        match self.pending.take() {
            Some((pending, Some(cut))) if pending == side => {
                self.cuts.insert(pending, cut);
            }
            Some((pending, None)) if pending == side => {
                self.cuts.remove(side);
            }
            _ => {}
        }
    }

    /// Forgets every side (a new shape: its sides are engraved again).
    #[wasm_bindgen(js_name = forgetAll)]
    pub fn forget_all(&mut self) {
        self.cuts.clear();
    }

    /// The production spec (JSON) of what is engraved on `side`, or `undefined`.
    pub fn spec(&self, side: &str) -> Option<String> {
        let cut = self.cuts.get(side)?;
        Some(production_spec(side, &cut.design, &cut.area, &cut.layout).to_string())
    }

    /// The outlines engraved on `side` as SVG in millimetres, or `undefined`.
    pub fn svg(&self, side: &str) -> Option<String> {
        let cut = self.cuts.get(side)?;
        Some(svg_outlines(&cut.layout, &self.fonts, &cut.area))
    }

    /// Makes a pendant from text or an outline (`pendant-viewer` docs/element.md, "Cut-outs"):
    /// `kind` nameplate, initial, monogram or outline; `font` script, block, serif or mono;
    /// `height_mm` the letter height (0: the kind's default); `thickness_mm` (0: 1 mm);
    /// `outline` SVG path data or a preset; `inset` photo or engraving. Returns `{glb, spec,
    /// warnings, milliseconds}` (`glb` for `Viewer.loadMadeModel`, `spec` as JSON text) and
    /// keeps it for `cutoutSvg`/`cutoutSpec`. Rejects with a coded error (`shape-…`).
    #[allow(clippy::too_many_arguments)]
    pub fn cut(
        &mut self,
        kind: &str,
        text: &str,
        font: &str,
        height_mm: f32,
        thickness_mm: f32,
        outline: &str,
        inset: &str,
    ) -> Result<JsValue, JsValue> {
        let js = |e: crate::cutout::ShapeError| to_js_error(e.into());
        let engraving = |e: EngravingError| to_js_error(crate::cutout::ShapeError::from(e).into());
        let design = ShapeDesign {
            kind: if kind.trim().is_empty() { Default::default() } else { kind.parse().map_err(js)? },
            text: text.to_string(),
            font: if font.trim().is_empty() { Default::default() } else { font.parse().map_err(engraving)? },
            height_mm: (height_mm.is_finite() && height_mm > 0.0).then_some(height_mm),
            thickness_mm: if thickness_mm.is_finite() && thickness_mm > 0.0 {
                thickness_mm
            } else {
                crate::cutout::DEFAULT_THICKNESS_MM
            },
            outline: outline.to_string(),
            inset: if inset.trim().is_empty() { Default::default() } else { inset.parse().map_err(js)? },
        };
        let started = js_sys::Date::now();
        let cutout = make(&design, &self.fonts).map_err(js)?;
        let result = js_sys::Object::new();
        set_key(&result, "glb", Uint8Array::from(cutout.glb.as_slice()).into())?;
        set_key(&result, "spec", JsValue::from_str(&cutout.spec.json.to_string()))?;
        let warnings: js_sys::Array = cutout.spec.warnings.iter().map(|w| JsValue::from_str(w)).collect();
        set_key(&result, "warnings", warnings.into())?;
        set_key(&result, "milliseconds", (js_sys::Date::now() - started).into())?;
        self.cutout = Some(cutout);
        Ok(result.into())
    }

    /// The last cut-out's cutting outline as SVG in millimetres, or `undefined`.
    #[wasm_bindgen(js_name = cutoutSvg)]
    pub fn cutout_svg(&self) -> Option<String> {
        Some(self.cutout.as_ref()?.svg.clone())
    }

    /// The last cut-out's production spec (JSON), or `undefined`.
    #[wasm_bindgen(js_name = cutoutSpec)]
    pub fn cutout_spec(&self) -> Option<String> {
        Some(self.cutout.as_ref()?.spec.json.to_string())
    }
}
