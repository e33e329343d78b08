//! Engraving: the shopper's text cut into the metal. Pure logic (no GPU, no DOM):
//! text checks → shaping ([`shape`]) → placement in millimetres ([`layout`]) → height field
//! ([`raster`]) for the renderer, and the production outputs ([`export`]).

pub mod export;
pub mod fonts;
pub mod layout;
pub mod phrases;
pub mod raster;
pub mod shape;
pub mod slot;

use std::str::FromStr;

pub use fonts::{FontBook, FontStyle};
pub use layout::{lay_out, EngravingArea, Layout};
pub use raster::{rasterize, HeightField};

/// Most characters in one engraving (a long message on a bar is about 60).
pub const MAX_CHARACTERS: usize = 120;
/// Most lines.
pub const MAX_LINES: usize = 5;
/// Extra letter spacing a design may ask for, ems (tighter … looser).
pub const LETTER_SPACING_EM: (f32, f32) = (-0.2, 1.0);
/// Strokes thinner than this may not survive the cut, mm.
pub const THIN_STROKE_MM: f32 = 0.15;

/// Line alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred.
    #[default]
    Center,
    /// Flush right.
    Right,
}

impl Align {
    /// The name the element and the design document use.
    pub fn name(self) -> &'static str {
        match self {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
        }
    }
}

impl FromStr for Align {
    type Err = EngravingError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "left" | "start" => Ok(Align::Left),
            "center" | "centre" | "middle" => Ok(Align::Center),
            "right" | "end" => Ok(Align::Right),
            _ => Err(EngravingError::UnknownOption {
                what: "alignment",
                value: clip(s),
                expected: "left, center, right",
            }),
        }
    }
}

/// What the baselines follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextPath {
    /// Straight lines.
    #[default]
    Straight,
    /// Arched along the top of the area (round a disc's rim).
    Arc,
}

impl TextPath {
    /// The name the element and the design document use.
    pub fn name(self) -> &'static str {
        match self {
            TextPath::Straight => "straight",
            TextPath::Arc => "arc",
        }
    }
}

impl FromStr for TextPath {
    type Err = EngravingError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "straight" | "" => Ok(TextPath::Straight),
            "arc" | "arch" => Ok(TextPath::Arc),
            _ => Err(EngravingError::UnknownOption { what: "text path", value: clip(s), expected: "straight, arc" }),
        }
    }
}

/// How an engraving's floor looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CutFinish {
    /// Bare metal, satin floor.
    #[default]
    Bright,
    /// Blackened floor (oxidized silver, filled lettering).
    Oxidized,
}

impl CutFinish {
    /// The name the element and the design document use.
    pub fn name(self) -> &'static str {
        match self {
            CutFinish::Bright => "bright",
            CutFinish::Oxidized => "oxidized",
        }
    }
}

impl FromStr for CutFinish {
    type Err = EngravingError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "" | "bright" => Ok(CutFinish::Bright),
            "oxidized" | "oxidised" | "black" => Ok(CutFinish::Oxidized),
            _ => Err(EngravingError::UnknownOption {
                what: "engraving finish",
                value: s.chars().take(40).collect(),
                expected: "bright, oxidized",
            }),
        }
    }
}

/// One engraving as the shopper designs it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EngravingDesign {
    /// The text; `\n` separates lines.
    pub text: String,
    /// Lettering style.
    pub style: FontStyle,
    /// Line alignment.
    pub align: Align,
    /// Capital height in mm; `None` = as large as fits.
    pub letter_height_mm: Option<f32>,
    /// Extra space after each letter, ems.
    pub letter_spacing: f32,
    /// Straight or arched.
    pub path: TextPath,
}

impl EngravingDesign {
    /// The lines, as laid out (`\r\n` and `\r` count as line breaks).
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l))
    }

    /// Whether there is nothing to engrave.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// Why an engraving cannot be made. `code()` is stable for JavaScript.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EngravingError {
    /// Not a known style.
    #[error("no engraving font called '{0}'; expected script, block, serif or mono")]
    UnknownFont(String),
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
    /// A font file that does not parse.
    #[error("the engraving font '{0}' is not a readable TrueType/OpenType file")]
    BadFont(String),
    /// The font has not been handed over yet.
    #[error("the {0} engraving font is not loaded yet")]
    FontNotLoaded(&'static str),
    /// Too much text.
    #[error("the engraving has {0} characters; at most {MAX_CHARACTERS} fit on a pendant")]
    TooLong(usize),
    /// Too many lines.
    #[error("the engraving has {0} lines; at most {MAX_LINES} fit on a pendant")]
    TooManyLines(usize),
    /// A control or invisible formatting character.
    #[error("the engraving contains an invisible control character ({}); please remove it", describe(*.0))]
    ControlCharacter(char),
    /// Characters no bundled font draws.
    #[error("{} cannot be engraved: no engraving font has {}", list(.0), if .0.len() == 1 { "it" } else { "them" })]
    UnsupportedCharacters(Vec<char>),
    /// Does not fit even at the smallest legible size.
    #[error("at the smallest legible letter height ({letter_mm:.1} mm) the text is {measured_mm:.1} mm {dimension}; the area allows {available_mm:.1} mm — shorten it or use fewer lines")]
    DoesNotFit {
        /// What the text needs, mm.
        measured_mm: f32,
        /// What the area offers, mm.
        available_mm: f32,
        /// The letter height tried, mm.
        letter_mm: f32,
        /// "wide", "tall" or "long for the arc".
        dimension: &'static str,
    },
    /// The model has no such area.
    #[error("this pendant has no {0} engraving area")]
    NoArea(String),
    /// A height field handed to the viewer does not match its stated size.
    #[error("the engraving's height field is malformed: {0}")]
    BadField(String),
}

impl EngravingError {
    /// A stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            EngravingError::UnknownFont(_) => "engraving-unknown-font",
            EngravingError::UnknownOption { .. } => "engraving-unknown-option",
            EngravingError::BadFont(_) => "engraving-bad-font",
            EngravingError::FontNotLoaded(_) => "engraving-font-not-loaded",
            EngravingError::TooLong(_) => "engraving-too-long",
            EngravingError::TooManyLines(_) => "engraving-too-many-lines",
            EngravingError::ControlCharacter(_) => "engraving-control-character",
            EngravingError::UnsupportedCharacters(_) => "engraving-unsupported-characters",
            EngravingError::DoesNotFit { .. } => "engraving-does-not-fit",
            EngravingError::NoArea(_) => "engraving-no-area",
            EngravingError::BadField(_) => "engraving-bad-field",
        }
    }
}

fn clip(s: &str) -> String {
    s.chars().take(40).collect()
}

fn describe(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

fn list(chars: &[char]) -> String {
    let shown: Vec<String> = chars.iter().take(8).map(|&c| format!("'{c}' ({})", describe(c))).collect();
    let more = chars.len().saturating_sub(8);
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

/// Rejects what can never be engraved before any shaping work: too long (counted without
/// reading past the limit, so a 100k-character paste costs microseconds), too many lines,
/// control, bidi and other invisible characters.
pub fn check_text(text: &str) -> Result<(), EngravingError> {
    let count = text.chars().filter(|&c| c != '\n' && c != '\r').take(MAX_CHARACTERS * 100 + 1).count();
    if count > MAX_CHARACTERS {
        return Err(EngravingError::TooLong(if count > MAX_CHARACTERS * 100 { text.chars().count() } else { count }));
    }
    let lines = text.split('\n').count();
    if lines > MAX_LINES {
        return Err(EngravingError::TooManyLines(lines));
    }
    match text.chars().find(|&c| invisible(c)) {
        Some(c) => Err(EngravingError::ControlCharacter(c)),
        None => Ok(()),
    }
}

/// Characters that draw nothing yet would reach the workshop's spec: controls (but line
/// breaks), Unicode's bidi controls and its default-ignorable code points (soft hyphen, the
/// Arabic letter mark, fillers, tag characters, variation selectors…). Allowed: the zero-width
/// joiners, which shape Arabic and emoji, and the emoji presentation selectors U+FE0E/FE0F
/// (a phone's ❤️).
fn invisible(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\r')
        || matches!(c as u32,
            0x00AD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5 | 0x180B..=0x180F
            | 0x200B | 0x200E | 0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164
            | 0xFE00..=0xFE0D | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFFB | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A | 0xE0000..=0xE0FFF)
}

/// A laid-out, rasterized engraving.
#[derive(Debug, Clone, PartialEq)]
pub struct Engraved {
    /// Glyphs in place.
    pub layout: Layout,
    /// Heights for the renderer.
    pub field: HeightField,
    /// Everything the shopper should know, including manufacturability.
    pub warnings: Vec<String>,
}

/// Text → height field, with every check.
pub fn engrave(design: &EngravingDesign, area: &EngravingArea, book: &FontBook) -> Result<Engraved, EngravingError> {
    check_text(&design.text)?;
    let layout = lay_out(design, area, book)?;
    let field = rasterize(&layout, book, area);
    let mut warnings = layout.warnings.clone();
    if let Some(stroke) = field.thinnest_stroke_mm.filter(|&s| s < THIN_STROKE_MM) {
        warnings.push(format!(
            "the thinnest strokes are {stroke:.2} mm; below {THIN_STROKE_MM} mm they may not survive engraving (larger letters or the block font help)"
        ));
    }
    Ok(Engraved { layout, field, warnings })
}
