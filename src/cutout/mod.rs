//! Cut-outs: the shopper's text or outline becomes the pendant itself — a name necklace, an
//! initial, a monogram, or a charm cut to a custom outline. Pure logic (no GPU, no DOM):
//!
//! letters ([`letters`]: the engraving's shaping, flattened) or an outline ([`outline`]: SVG
//! path data or a preset) → one region ([`region`]: united, joined into one piece, checked
//! for thin strokes) → a solid with rounded edges ([`solid`]) → a pendant following the slot
//! convention, with its rings ([`pendant`]) → a binary glTF the viewer loads like any model,
//! plus what the workshop needs ([`production`]: the cutting SVG and the spec with weights).
//!
//! Libraries: i_overlay unites glyph outlines (nonzero fill, as fonts draw them), takes
//! differences and offsets outlines; i_triangle triangulates the faces. Both are maintained,
//! pure Rust, work on an integer core (robust on the touching and overlapping contours
//! script letters make) and share one copy of their geometry crates; lyon's tessellator was
//! the alternative, but it brings path types we do not otherwise need, and earcutr has no
//! boolean operations to go with it.

pub mod letters;
pub mod outline;
pub mod pendant;
pub mod production;
pub mod region;
pub mod solid;

use std::fmt;
use std::str::FromStr;

use crate::engraving::{EngravingError, FontStyle};

pub use pendant::{make, Cutout};

/// What the pendant is cut from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ShapeKind {
    /// The name itself, a ring at each end (the chain hangs from both).
    #[default]
    Nameplate,
    /// One letter on a jump ring.
    Initial,
    /// Three letters, the middle one larger, inside a circle (or free).
    Monogram,
    /// A closed outline (SVG path data or a preset) with a photo or an engraving inside.
    Outline,
}

impl ShapeKind {
    /// The name the element and the design document use.
    pub fn name(self) -> &'static str {
        match self {
            ShapeKind::Nameplate => "nameplate",
            ShapeKind::Initial => "initial",
            ShapeKind::Monogram => "monogram",
            ShapeKind::Outline => "outline",
        }
    }

    /// Letter height allowed, mm (capital height; a monogram's middle letter; an outline's
    /// height).
    pub fn height_range(self) -> (f32, f32) {
        match self {
            ShapeKind::Nameplate => (6.0, 15.0),
            ShapeKind::Initial => (8.0, 20.0),
            ShapeKind::Monogram => (10.0, 20.0),
            ShapeKind::Outline => (12.0, 40.0),
        }
    }

    /// The default height, mm.
    pub fn default_height(self) -> f32 {
        match self {
            ShapeKind::Nameplate => 9.0,
            ShapeKind::Initial => 14.0,
            ShapeKind::Monogram => 14.0,
            ShapeKind::Outline => 22.0,
        }
    }
}

impl fmt::Display for ShapeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ShapeKind {
    type Err = ShapeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let all = [ShapeKind::Nameplate, ShapeKind::Initial, ShapeKind::Monogram, ShapeKind::Outline];
        let wanted = s.trim().to_ascii_lowercase();
        all.into_iter().find(|k| k.name() == wanted).ok_or_else(|| ShapeError::UnknownOption {
            what: "shape",
            value: s.chars().take(40).collect(),
            expected: "nameplate, initial, monogram, outline",
        })
    }
}

/// What fills a custom outline's face.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Inset {
    /// A photo under resin, inside a rim.
    #[default]
    Photo,
    /// A flat face for engraving.
    Engraving,
}

impl Inset {
    /// The name the element and the design document use.
    pub fn name(self) -> &'static str {
        match self {
            Inset::Photo => "photo",
            Inset::Engraving => "engraving",
        }
    }
}

impl FromStr for Inset {
    type Err = ShapeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "photo" => Ok(Inset::Photo),
            "engraving" => Ok(Inset::Engraving),
            _ => Err(ShapeError::UnknownOption {
                what: "inset",
                value: s.chars().take(40).collect(),
                expected: "photo, engraving",
            }),
        }
    }
}

/// Sheet thickness allowed, mm (what nameplate makers cut: 0.8–1.5 mm).
pub const THICKNESS_MM: (f32, f32) = (0.8, 1.5);
/// The default thickness, mm.
pub const DEFAULT_THICKNESS_MM: f32 = 1.0;
/// Most characters of a name or monogram.
pub const MAX_LETTERS: usize = 20;
/// Widest nameplate, mm (longer names shrink their letters to fit, down to the smallest
/// height, then are refused).
pub const MAX_WIDTH_MM: f32 = 50.0;

/// A pendant cut from text or an outline: the part of the design document that says so.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapeDesign {
    /// Nameplate, initial, monogram or outline.
    pub kind: ShapeKind,
    /// The name, letter or three letters (not used by an outline).
    pub text: String,
    /// Lettering.
    pub font: FontStyle,
    /// Capital height (a monogram's middle letter, an outline's height), mm; `None`: the
    /// kind's default.
    pub height_mm: Option<f32>,
    /// Sheet thickness, mm.
    pub thickness_mm: f32,
    /// An outline: SVG path data or a preset name ([`outline::PRESETS`]); a monogram's frame:
    /// `circle` (the default) or `none`.
    pub outline: String,
    /// What fills an outline's face.
    pub inset: Inset,
}

impl Default for ShapeDesign {
    fn default() -> Self {
        Self {
            kind: ShapeKind::default(),
            text: String::new(),
            font: FontStyle::default(),
            height_mm: None,
            thickness_mm: DEFAULT_THICKNESS_MM,
            outline: String::new(),
            inset: Inset::default(),
        }
    }
}

impl ShapeDesign {
    /// The height asked for, or the kind's default.
    pub fn height(&self) -> f32 {
        self.height_mm.unwrap_or(self.kind.default_height())
    }

    /// Refuses values outside the allowed ranges, naming them.
    pub fn check(&self) -> Result<(), ShapeError> {
        let (low, high) = self.kind.height_range();
        let height = self.height();
        if !(low..=high).contains(&height) {
            return Err(ShapeError::OutOfRange { what: "height", value: height, low, high });
        }
        let (low, high) = THICKNESS_MM;
        if !(low..=high).contains(&self.thickness_mm) {
            return Err(ShapeError::OutOfRange { what: "thickness", value: self.thickness_mm, low, high });
        }
        let count = self.text.chars().count();
        let frame = self.outline.trim().to_ascii_lowercase();
        if self.kind == ShapeKind::Monogram && !["", "circle", "none"].contains(&frame.as_str()) {
            return Err(ShapeError::UnknownOption {
                what: "monogram outline",
                value: self.outline.chars().take(40).collect(),
                expected: "circle (the default) or none",
            });
        }
        match self.kind {
            ShapeKind::Outline if self.outline.trim().is_empty() => Err(ShapeError::Empty("outline")),
            ShapeKind::Outline => Ok(()),
            _ if self.text.trim().is_empty() => Err(ShapeError::Empty("text")),
            ShapeKind::Initial if count != 1 => Err(ShapeError::LetterCount { kind: "an initial", count, wanted: 1 }),
            ShapeKind::Monogram if count != 3 => Err(ShapeError::LetterCount { kind: "a monogram", count, wanted: 3 }),
            _ if count > MAX_LETTERS => {
                Err(ShapeError::LetterCount { kind: "a nameplate", count, wanted: MAX_LETTERS })
            }
            _ => Ok(()),
        }
    }
}

/// Why a cut-out cannot be made. `code()` is stable for JavaScript.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ShapeError {
    /// An option value not understood.
    #[error("the {what} '{value}' is unknown; expected {expected}")]
    UnknownOption {
        /// Which option.
        what: &'static str,
        /// What was given.
        value: String,
        /// The choices.
        expected: &'static str,
    },
    /// A size outside what can be made.
    #[error("a {what} of {value} mm cannot be made; expected {low}–{high} mm")]
    OutOfRange {
        /// Which size.
        what: &'static str,
        /// What was given.
        value: f32,
        /// Smallest allowed.
        low: f32,
        /// Largest allowed.
        high: f32,
    },
    /// Nothing to cut.
    #[error("the {0} is empty")]
    Empty(&'static str),
    /// The wrong number of letters for the kind.
    #[error("{kind} has {wanted} letter(s) at most; this has {count}")]
    LetterCount {
        /// Which kind, in words.
        kind: &'static str,
        /// How many were given.
        count: usize,
        /// How many it takes.
        wanted: usize,
    },
    /// Characters no bundled font draws (emoji, most symbols).
    #[error("{} cannot be cut: no font has {}", list(.0), if .0.len() == 1 { "it" } else { "them" })]
    UnsupportedCharacters(Vec<char>),
    /// The font has not been handed over yet.
    #[error("the {0} font is not loaded yet")]
    FontNotLoaded(&'static str),
    /// The text cannot be laid out (a control character, a damaged font).
    #[error("the text cannot be cut: {0}")]
    BadText(String),
    /// Too long even at the smallest letter height.
    #[error("at the smallest letter height ({letter_mm:.0} mm) the name is {width_mm:.1} mm wide; a nameplate is at most {max_mm:.0} mm — shorten it")]
    TooLong {
        /// The width at the smallest height, mm.
        width_mm: f32,
        /// The widest allowed, mm.
        max_mm: f32,
        /// The smallest letter height, mm.
        letter_mm: f32,
    },
    /// An outline that cannot be cut.
    #[error("the outline cannot be cut: {0}")]
    BadOutline(String),
    /// So many separate pieces that joining them would not look like the text.
    #[error("the shape falls into {0} separate pieces; at most 24 are joined by bridges")]
    TooManyPieces(usize),
}

impl ShapeError {
    /// A stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            ShapeError::UnknownOption { .. } => "shape-unknown-option",
            ShapeError::OutOfRange { .. } => "shape-out-of-range",
            ShapeError::Empty(_) => "shape-empty",
            ShapeError::LetterCount { .. } => "shape-letter-count",
            ShapeError::UnsupportedCharacters(_) => "shape-unsupported-characters",
            ShapeError::FontNotLoaded(_) => "shape-font-not-loaded",
            ShapeError::BadText(_) => "shape-bad-text",
            ShapeError::TooLong { .. } => "shape-too-long",
            ShapeError::BadOutline(_) => "shape-bad-outline",
            ShapeError::TooManyPieces(_) => "shape-too-many-pieces",
        }
    }
}

impl From<EngravingError> for ShapeError {
    fn from(error: EngravingError) -> Self {
        match error {
            EngravingError::UnsupportedCharacters(chars) => ShapeError::UnsupportedCharacters(chars),
            EngravingError::FontNotLoaded(name) => ShapeError::FontNotLoaded(name),
            EngravingError::UnknownFont(name) => {
                ShapeError::UnknownOption { what: "font", value: name, expected: "script, block, serif, mono" }
            }
            other => ShapeError::BadText(other.to_string()),
        }
    }
}

fn list(chars: &[char]) -> String {
    let shown: Vec<String> = chars.iter().take(8).map(|&c| format!("'{c}' (U+{:04X})", c as u32)).collect();
    shown.join(", ")
}
