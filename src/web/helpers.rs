//! Stateless exports of the viewer build: birthstones, and the phrases an engraving is made of
//! (coordinates, dates, monograms).

use wasm_bindgen::prelude::*;

use super::to_js_error;
use crate::engraving::phrases::{format_date, monogram as monogram_of, parse_coordinates, CoordinateStyle, DateStyle};
use crate::stones::BirthMonth;

/// The stones of a birth month (`7`, `july`, `jul`): the usual one first, then the
/// alternates, as stone names for `setStone`. Rejects with code `birthstone-unknown-month`.
#[wasm_bindgen(js_name = birthstonesFor)]
pub fn birthstones_for(month: &str) -> Result<Vec<String>, JsValue> {
    let month = month.parse::<BirthMonth>().map_err(|e| to_js_error(e.into()))?;
    Ok(month.stones().iter().map(|stone| stone.name.to_string()).collect())
}

/// Map coordinates as engraved: `style` "dms" (40°42′46″N 74°00′22″W) or "decimal"
/// (40.7128° N 74.0060° W). Rejects with `coordinates-unreadable` or `coordinates-out-of-range`.
#[wasm_bindgen(js_name = formatCoordinates)]
pub fn format_coordinates(input: &str, style: &str) -> Result<String, JsValue> {
    let coordinates = parse_coordinates(input).map_err(|e| to_js_error(e.into()))?;
    let style = if style.eq_ignore_ascii_case("decimal") { CoordinateStyle::Decimal } else { CoordinateStyle::Dms };
    Ok(coordinates.format(style))
}

/// An ISO date (YYYY-MM-DD) as engraved: `style` dots, us, iso, long or roman.
#[wasm_bindgen(js_name = formatDate)]
pub fn format_date_js(iso: &str, style: &str) -> Result<String, JsValue> {
    let style = style.parse::<DateStyle>().map_err(|e| to_js_error(e.into()))?;
    format_date(iso, style).map_err(|e| to_js_error(e.into()))
}

/// A classic monogram (first, LAST, middle initials) from a full name.
#[wasm_bindgen]
pub fn monogram(full_name: &str) -> String {
    monogram_of(full_name)
}
