//! The proof a shopper approves and a workshop reads: one page with the pendant's pictures,
//! its outline at true size, each engraving's outlines as they will be cut, the options in
//! words, the weight, every warning, the design's link as a QR code and a line to sign.
//!
//! The page asks for it ([`make_proof`]) with what it already knows: the design document
//! with its production specs (`getConfig({production: true})`), the dimensions, the front
//! triangles ([`crate::size::silhouette`]), each engraving's production SVG, the photos'
//! placements, the stills (JPEG, drawn as the screen draws) and the link. Natively
//! `pendant-viewer proof` gathers the same. Pure: no GPU, no DOM.

pub mod layout;
pub mod outline;
pub mod pdf;
pub mod qr;
pub mod vector;
pub mod words;

use serde_json::Value;

use crate::cutout::region::Region;
use crate::model::image_header::{read_header, ImageFormat};
use vector::Step;

/// A still for the proof: JPEG bytes as the page encoded them.
#[derive(Debug, Clone)]
pub struct Picture {
    /// "Front", "Back", "Inside".
    pub label: String,
    /// The JPEG file.
    pub jpeg: Vec<u8>,
    /// Its size, pixels (read from the JPEG).
    pub size: (u32, u32),
}

/// An engraving as the proof shows it.
#[derive(Debug, Clone)]
pub struct EngravingSheet {
    /// "Front: “Olivia”".
    pub heading: String,
    /// Font, letter height, lines and alignment, in words.
    pub words: String,
    /// The area, mm.
    pub area_mm: [f32; 2],
    /// Whether the lettering keeps inside the ellipse in the area.
    pub round: bool,
    /// The outlines the workshop cuts, mm from the area's top left, y down.
    pub steps: Vec<Step>,
}

/// Everything on the page, in words and shapes.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// "Disc pendant".
    pub title: String,
    /// The stills, in the order given.
    pub pictures: Vec<Picture>,
    /// The pendant seen from the front, mm, y up.
    pub outline: Region,
    /// Label and value, in order: metal, stone, chain, size, weight, photos, …
    pub details: Vec<(String, String)>,
    /// Each engraved side.
    pub engravings: Vec<EngravingSheet>,
    /// Every warning, in words.
    pub warnings: Vec<String>,
    /// The design's link (shown and as a QR code).
    pub link: String,
}

/// Why no proof was made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProofError {
    /// The request the page sent does not read.
    #[error("proof request: {0}")]
    Request(String),
    /// A picture is not a JPEG the PDF can carry.
    #[error("proof picture '{label}': {reason}")]
    Picture {
        /// Its label.
        label: String,
        /// Why.
        reason: String,
    },
}

impl ProofError {
    /// The stable code for JavaScript (docs/errors.md).
    pub fn code(&self) -> &'static str {
        match self {
            ProofError::Request(_) | ProofError::Picture { .. } => "proof-failed",
        }
    }
}

/// The proof as PDF bytes: `request` (JSON, docs/proof.md) and `pictures` (label, JPEG bytes),
/// with the outline made from `triangles` (x, y per corner, mm).
pub fn make_proof(request: &str, triangles: &[f32], pictures: Vec<(String, Vec<u8>)>) -> Result<Vec<u8>, ProofError> {
    Ok(pdf::write(&sheet_of(request, triangles, pictures)?))
}

/// The same page as drawing operations for a canvas ([`layout::to_json`]): the PNG for email
/// is drawn from it, so it shows what the PDF shows.
pub fn page_operations(
    request: &str,
    triangles: &[f32],
    pictures: Vec<(String, Vec<u8>)>,
) -> Result<Value, ProofError> {
    Ok(layout::to_json(&layout::layout(&sheet_of(request, triangles, pictures)?)))
}

fn sheet_of(request: &str, triangles: &[f32], pictures: Vec<(String, Vec<u8>)>) -> Result<Sheet, ProofError> {
    let request = read_request(request)?;
    let pictures = pictures.into_iter().map(|(label, jpeg)| picture(label, jpeg)).collect::<Result<Vec<_>, _>>()?;
    Ok(words::sheet(&request, outline::outline(triangles), pictures))
}

/// The design's options in words, as the proof lists them (label, value): metal, stone,
/// cut-out, chain, size, weight, photos, then each engraving. For a cart line or an order
/// email; `request` as for [`make_proof`] (pictures and triangles are not needed).
pub fn describe(request: &str) -> Result<Vec<(String, String)>, ProofError> {
    let sheet = words::sheet(&read_request(request)?, Region::new(), Vec::new());
    let engravings = sheet.engravings.into_iter().map(|e| {
        let (label, text) = e
            .heading
            .split_once(": ")
            .map_or((e.heading.clone(), String::new()), |(l, t)| (l.to_string(), t.to_string()));
        (label, format!("{text}, {}", e.words.split(" (drawn").next().unwrap_or(&e.words)))
    });
    Ok(sheet.details.into_iter().chain(engravings).collect())
}

fn read_request(text: &str) -> Result<Value, ProofError> {
    let request: Value = serde_json::from_str(text).map_err(|e| ProofError::Request(e.to_string()))?;
    if !request.is_object() {
        return Err(ProofError::Request("not an object".into()));
    }
    Ok(request)
}

/// At most this many pictures: front, back and the inside of an open locket.
pub const MAX_PICTURES: usize = 3;

fn picture(label: String, jpeg: Vec<u8>) -> Result<Picture, ProofError> {
    let refuse = |reason: &str| ProofError::Picture { label: label.clone(), reason: reason.into() };
    let info = read_header(&jpeg).map_err(|e| refuse(&e.to_string()))?;
    if info.format != ImageFormat::Jpeg || info.cmyk {
        return Err(refuse("not an RGB JPEG"));
    }
    Ok(Picture { size: (info.width, info.height), label, jpeg })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_design_described_for_a_cart() {
        let request = r#"{"design": {"finish": {"metal": "platinum"}, "engraving": {"front": {"text": "Ava", "production": {"font": "serif", "letter_height_mm": 3}}}}}"#;
        let words = describe(request).unwrap();
        assert_eq!(words[0], ("Metal".into(), "platinum 950, polished".into()));
        let front = words.iter().find(|(label, _)| label == "Front engraving").unwrap();
        assert!(front.1.starts_with("“Ava”, serif, letters 3.00 mm high"), "{front:?}");
        assert_eq!(describe("[1]"), Err(ProofError::Request("not an object".into())));
    }
}
