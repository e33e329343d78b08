//! The engraving fonts: four styles a shopper picks from, plus one fallback for symbols and
//! scripts the styles lack. The files live in `www/fonts/` (subset, renamed, licences beside
//! them); the page fetches only the ones a design uses and hands the bytes over.

use std::fmt;
use std::str::FromStr;

use rustybuzz::ttf_parser;

use super::EngravingError;

/// A lettering style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum FontStyle {
    /// Connected cursive (Dancing Script SemiBold).
    #[default]
    Script,
    /// Geometric sans capitals and lower case (Montserrat SemiBold).
    Block,
    /// High-contrast serif (Playfair Display Medium).
    Serif,
    /// Monospaced, for coordinates and dates (Space Mono).
    Mono,
}

impl FontStyle {
    /// Every style, in the order the page lists them.
    pub const ALL: [FontStyle; 4] = [FontStyle::Script, FontStyle::Block, FontStyle::Serif, FontStyle::Mono];

    /// The name used in attributes, configurations and file names (`www/fonts/<name>.ttf`).
    pub fn name(self) -> &'static str {
        match self {
            FontStyle::Script => "script",
            FontStyle::Block => "block",
            FontStyle::Serif => "serif",
            FontStyle::Mono => "mono",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for FontStyle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for FontStyle {
    type Err = EngravingError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|style| style.name() == wanted)
            .ok_or_else(|| EngravingError::UnknownFont(s.chars().take(40).collect()))
    }
}

/// The fallback font's file stem (`www/fonts/symbols.ttf`).
pub const FALLBACK_NAME: &str = "symbols";

/// Which font a glyph comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FontSlot {
    /// The design's style.
    Style(FontStyle),
    /// The symbols/Hebrew/Arabic fallback.
    Fallback,
}

/// The font files loaded so far, by style.
#[derive(Default)]
pub struct FontBook {
    styles: [Option<Vec<u8>>; 4],
    fallback: Option<Vec<u8>>,
}

impl fmt::Debug for FontBook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let loaded: Vec<&str> = FontStyle::ALL.iter().filter(|s| self.has(**s)).map(|s| s.name()).collect();
        f.debug_struct("FontBook").field("styles", &loaded).field("fallback", &self.fallback.is_some()).finish()
    }
}

impl FontBook {
    /// An empty book.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the file for `name` (a style name or `symbols`), checking that it parses.
    pub fn add(&mut self, name: &str, bytes: Vec<u8>) -> Result<(), EngravingError> {
        if ttf_parser::Face::parse(&bytes, 0).is_err() {
            return Err(EngravingError::BadFont(name.chars().take(40).collect()));
        }
        if name.trim().eq_ignore_ascii_case(FALLBACK_NAME) {
            self.fallback = Some(bytes);
        } else {
            let style: FontStyle = name.parse()?;
            self.styles[style.index()] = Some(bytes);
        }
        Ok(())
    }

    /// Whether `style` has been added.
    pub fn has(&self, style: FontStyle) -> bool {
        self.styles[style.index()].is_some()
    }

    /// Whether the fallback has been added.
    pub fn has_fallback(&self) -> bool {
        self.fallback.is_some()
    }

    /// The bytes of one font.
    pub fn data(&self, slot: FontSlot) -> Option<&[u8]> {
        match slot {
            FontSlot::Style(style) => self.styles[style.index()].as_deref(),
            FontSlot::Fallback => self.fallback.as_deref(),
        }
    }

    /// Reads the book's fonts from a folder holding `<name>.ttf` files (native tools and
    /// tests; the page fetches them instead).
    pub fn from_dir(dir: &std::path::Path) -> std::io::Result<Self> {
        let mut book = Self::new();
        let names = FontStyle::ALL.iter().map(|s| s.name()).chain([FALLBACK_NAME]);
        for name in names {
            let bytes = std::fs::read(dir.join(format!("{name}.ttf")))?;
            book.add(name, bytes).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()))?;
        }
        Ok(book)
    }
}
