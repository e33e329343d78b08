//! One line of text to positioned glyphs: bidirectional reordering (UAX #9), a font per
//! character (the design's style, else the fallback), then HarfBuzz shaping (rustybuzz) of
//! each run for kerning, ligatures, cursive joining and mark placement. Units are ems.

use rustybuzz::ttf_parser::GlyphId;
use rustybuzz::{Direction, Face, UnicodeBuffer};
use unicode_bidi::BidiInfo;

use super::fonts::{FontBook, FontSlot, FontStyle};
use super::EngravingError;

/// A glyph box in ems: (min x, min y, max x, max y), y up.
pub type EmRect = [f32; 4];

/// One shaped glyph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShapedGlyph {
    /// Which font draws it.
    pub slot: FontSlot,
    /// Glyph id in that font.
    pub id: u16,
    /// Pen position plus the shaper's offset, ems from the line start.
    pub x: f32,
    /// The shaper's vertical offset, ems.
    pub y: f32,
    /// How far the pen moved, ems.
    pub advance: f32,
    /// Ink box relative to (x, y), ems; `None` for blanks.
    pub ink: Option<EmRect>,
}

/// A shaped line in visual (left-to-right) order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ShapedLine {
    /// Glyphs left to right.
    pub glyphs: Vec<ShapedGlyph>,
    /// Total advance, ems.
    pub width: f32,
}

impl ShapedLine {
    /// The ink box of the whole line, ems; `None` for a blank line.
    pub fn ink(&self) -> Option<EmRect> {
        self.glyphs
            .iter()
            .filter_map(|g| g.ink.map(|r| [r[0] + g.x, r[1] + g.y, r[2] + g.x, r[3] + g.y]))
            .reduce(|a, b| [a[0].min(b[0]), a[1].min(b[1]), a[2].max(b[2]), a[3].max(b[3])])
    }
}

/// Characters that belong to the character before them (combining marks, joiners, variation
/// selectors): they take its font so a cluster is never split between fonts.
fn follows_previous(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x05BF | 0x05C1..=0x05C2 | 0x05C4..=0x05C5 | 0x05C7
        | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x06E7..=0x06E8
        | 0x06EA..=0x06ED | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x200C..=0x200D | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F)
}

/// Picks a font for every character of `text`; lists the characters no font has.
fn assign_fonts(
    text: &str,
    primary: &Face,
    fallback: Option<&Face>,
    style: FontStyle,
) -> Result<Vec<FontSlot>, EngravingError> {
    let mut slots = Vec::with_capacity(text.len());
    let mut missing: Vec<char> = Vec::new();
    let mut previous = FontSlot::Style(style);
    for c in text.chars() {
        let slot = if follows_previous(c) {
            previous
        } else if c == ' ' || c == '\u{a0}' || primary.glyph_index(c).is_some() {
            FontSlot::Style(style)
        } else if fallback.is_some_and(|f| f.glyph_index(c).is_some()) {
            FontSlot::Fallback
        } else {
            if !missing.contains(&c) {
                missing.push(c);
            }
            FontSlot::Style(style)
        };
        previous = slot;
        // One entry per byte, so byte ranges index it directly.
        slots.extend(std::iter::repeat_n(slot, c.len_utf8()));
    }
    if missing.is_empty() {
        Ok(slots)
    } else {
        Err(EngravingError::UnsupportedCharacters(missing))
    }
}

/// Shapes one line (no line breaks inside) in `style`, adding `letter_spacing` ems after every
/// glyph that advances.
pub fn shape_line(
    book: &FontBook,
    style: FontStyle,
    text: &str,
    letter_spacing: f32,
) -> Result<ShapedLine, EngravingError> {
    let primary_data = book.data(FontSlot::Style(style)).ok_or(EngravingError::FontNotLoaded(style.name()))?;
    let primary = Face::from_slice(primary_data, 0).ok_or(EngravingError::BadFont(style.name().into()))?;
    let fallback = book.data(FontSlot::Fallback).and_then(|data| Face::from_slice(data, 0));
    if text.is_empty() {
        return Ok(ShapedLine::default());
    }
    let slots = assign_fonts(text, &primary, fallback.as_ref(), style)?;
    let face_of = |slot: FontSlot| match slot {
        FontSlot::Style(_) => &primary,
        FontSlot::Fallback => fallback.as_ref().expect("assigned only when present"),
    };

    let bidi = BidiInfo::new(text, None);
    let mut line = ShapedLine::default();
    for paragraph in &bidi.paragraphs {
        let (levels, runs) = bidi.visual_runs(paragraph, paragraph.range.clone());
        for run in runs {
            let rtl = levels[run.start].is_rtl();
            // Split the run where the font changes; right-to-left pieces go right to left.
            let mut pieces = Vec::new();
            let mut start = run.start;
            for (offset, _) in text[run.clone()].char_indices().skip(1) {
                let at = run.start + offset;
                if slots[at] != slots[start] {
                    pieces.push(start..at);
                    start = at;
                }
            }
            pieces.push(start..run.end);
            if rtl {
                pieces.reverse();
            }
            for piece in pieces {
                let slot = slots[piece.start];
                let face = face_of(slot);
                let scale = 1.0 / face.units_per_em() as f32;
                let mut buffer = UnicodeBuffer::new();
                buffer.push_str(&text[piece]);
                buffer.guess_segment_properties();
                buffer.set_direction(if rtl { Direction::RightToLeft } else { Direction::LeftToRight });
                let shaped = rustybuzz::shape(face, &[], buffer);
                for (info, position) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
                    let id = info.glyph_id as u16;
                    let advance = position.x_advance as f32 * scale;
                    let ink = face.glyph_bounding_box(GlyphId(id)).map(|b| {
                        [b.x_min as f32 * scale, b.y_min as f32 * scale, b.x_max as f32 * scale, b.y_max as f32 * scale]
                    });
                    line.glyphs.push(ShapedGlyph {
                        slot,
                        id,
                        x: line.width + position.x_offset as f32 * scale,
                        y: position.y_offset as f32 * scale,
                        advance,
                        ink,
                    });
                    line.width += advance;
                    if advance > 0.0 {
                        line.width += letter_spacing;
                    }
                }
            }
        }
    }
    if letter_spacing != 0.0 && !line.glyphs.is_empty() {
        line.width -= letter_spacing; // no trailing space after the last letter
    }
    Ok(line)
}
