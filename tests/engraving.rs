//! Engraving: shaping, fallback, bad text, fit and refusal, manufacturability, exports — with
//! the fonts the viewer ships (www/fonts).

use std::path::Path;
use std::sync::OnceLock;
use std::time::Instant;

use glam::Vec2;
use pendant_viewer::engraving::export::{production_spec, svg_outlines};
use pendant_viewer::engraving::fonts::FontSlot;
use pendant_viewer::engraving::shape::shape_line;
use pendant_viewer::engraving::{engrave, lay_out, EngravingArea, EngravingDesign, FontBook, FontStyle, TextPath};
use rustybuzz::ttf_parser::Face;

fn book() -> &'static FontBook {
    static BOOK: OnceLock<FontBook> = OnceLock::new();
    BOOK.get_or_init(|| {
        FontBook::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("www/fonts")).expect("www/fonts")
    })
}

fn glyph_of(slot: FontSlot, c: char) -> u16 {
    let face = Face::parse(book().data(slot).unwrap(), 0).unwrap();
    face.glyph_index(c).unwrap().0
}

fn design(text: &str, style: FontStyle) -> EngravingDesign {
    EngravingDesign { text: text.into(), style, ..EngravingDesign::default() }
}

const DISC: EngravingArea = EngravingArea { size_mm: Vec2::new(14.0, 10.0), round: false };
const BAR: EngravingArea = EngravingArea { size_mm: Vec2::new(32.0, 7.0), round: false };

#[test]
fn kerning_pulls_a_pair_together() {
    let book = book();
    let pair = shape_line(book, FontStyle::Serif, "AV", 0.0).unwrap().width;
    let apart = shape_line(book, FontStyle::Serif, "A", 0.0).unwrap().width
        + shape_line(book, FontStyle::Serif, "V", 0.0).unwrap().width;
    assert!(pair < apart - 0.02, "AV {pair} em vs A + V {apart} em");
    // Letter spacing adds its amount between letters, not after the last one.
    let tight = shape_line(book, FontStyle::Block, "ANNA", 0.0).unwrap().width;
    let spaced = shape_line(book, FontStyle::Block, "ANNA", 0.1).unwrap().width;
    assert!((spaced - tight - 0.3).abs() < 1e-4, "{tight} → {spaced}");
}

#[test]
fn script_ligatures_and_joining_forms() {
    let book = book();
    let ella = shape_line(book, FontStyle::Script, "Ella", 0.0).unwrap();
    assert_eq!(ella.glyphs.len(), 3, "'ll' is one ligature glyph in the script font");
    let ll = ella.glyphs[1].id;
    assert_ne!(ll, glyph_of(FontSlot::Style(FontStyle::Script), 'l'));
    // Connected letters: each letter's exit stroke meets the next one's entry, so the ink of
    // neighbours overlaps instead of leaving gaps.
    let anna = shape_line(book, FontStyle::Script, "anna", 0.0).unwrap();
    for pair in anna.glyphs.windows(2) {
        let (a, b) = (pair[0].ink.unwrap(), pair[1].ink.unwrap());
        assert!(pair[0].x + a[2] >= pair[1].x + b[0], "{pair:?}");
    }
}

#[test]
fn right_to_left_and_mixed_lines_come_out_in_visual_order() {
    let book = book();
    let sarah = shape_line(book, FontStyle::Block, "שרה", 0.0).unwrap();
    let ids: Vec<u16> = sarah.glyphs.iter().map(|g| g.id).collect();
    let [shin, resh, he] = ['ש', 'ר', 'ה'].map(|c| glyph_of(FontSlot::Fallback, c));
    assert_eq!(ids, [he, resh, shin], "visual order is the reverse of logical order");
    assert!(sarah.glyphs.iter().all(|g| g.slot == FontSlot::Fallback));

    let mixed = shape_line(book, FontStyle::Block, "Sarah שרה", 0.0).unwrap();
    assert_eq!(mixed.glyphs[0].id, glyph_of(FontSlot::Style(FontStyle::Block), 'S'));
    assert_eq!(mixed.glyphs.last().unwrap().id, shin, "the Hebrew word follows the Latin one, read right to left");
    assert!(mixed.glyphs.windows(2).all(|w| w[0].x <= w[1].x + 1e-6), "glyphs run left to right");

    // Arabic letters join: none keeps its isolated form.
    let muhammad = shape_line(book, FontStyle::Block, "محمد", 0.0).unwrap();
    let isolated: Vec<u16> = "محمد".chars().map(|c| glyph_of(FontSlot::Fallback, c)).collect();
    assert_eq!(muhammad.glyphs.len(), 4);
    assert!(muhammad.glyphs.iter().filter(|g| isolated.contains(&g.id)).count() <= 1, "joined forms expected");

    // Hebrew points stay with their letters.
    let pointed = shape_line(book, FontStyle::Script, "שָׁלוֹם", 0.0).unwrap();
    assert!(pointed.glyphs.iter().all(|g| g.slot == FontSlot::Fallback));
}

#[test]
fn symbols_fall_back_per_glyph() {
    let line = shape_line(book(), FontStyle::Script, "Mia ♥ ∞ ★ ✝ ☾", 0.0).unwrap();
    let fallback: Vec<u16> = line.glyphs.iter().filter(|g| g.slot == FontSlot::Fallback).map(|g| g.id).collect();
    assert_eq!(fallback.len(), 5, "{line:?}");
    assert_eq!(line.glyphs[0].slot, FontSlot::Style(FontStyle::Script));
}

#[test]
fn bad_text_is_refused_fast_with_a_message() {
    let book = book();
    let cases: [(&str, &str, &str); 11] = [
        ("Mia 😀", "engraving-unsupported-characters", "'😀' (U+1F600)"),
        ("Mia\u{0}", "engraving-control-character", "U+0000"),
        ("abc\u{202E}cba", "engraving-control-character", "U+202E"),
        // Invisible, yet they would reach the workshop's spec (security review F15).
        ("Le\u{00AD}a", "engraving-control-character", "U+00AD"),
        ("\u{061C}ليلى", "engraving-control-character", "U+061C"),
        ("Ana\u{3164}", "engraving-control-character", "U+3164"),
        ("Tom\u{E0041}", "engraving-control-character", "U+E0041"),
        ("Ivy\u{FE00}", "engraving-control-character", "U+FE00"),
        ("a\nb\nc\nd\ne\nf", "engraving-too-many-lines", "6 lines"),
        ("Name\tTab", "engraving-control-character", "U+0009"),
        ("日本", "engraving-unsupported-characters", "'日' (U+65E5), '本' (U+672C)"),
    ];
    for (text, code, fragment) in cases {
        let error = engrave(&design(text, FontStyle::Script), &DISC, book).unwrap_err();
        assert_eq!(error.code(), code, "{text:?}");
        assert!(error.to_string().contains(fragment), "{text:?}: {error}");
    }
    // A zero-width joiner joins nothing in Latin text (three letters cut); in an emoji family
    // it names each emoji that cannot be engraved.
    assert_eq!(engrave(&design("Mi\u{200D}a", FontStyle::Block), &DISC, book).unwrap().layout.glyphs.len(), 3);
    let family = engrave(&design("👨\u{200D}👩\u{200D}👧", FontStyle::Script), &DISC, book).unwrap_err();
    assert!(family.to_string().contains("'👨' (U+1F468), '👩' (U+1F469), '👧' (U+1F467)"), "{family}");
    let paste = "x".repeat(100_000);
    let started = Instant::now();
    let error = engrave(&design(&paste, FontStyle::Block), &DISC, book).unwrap_err();
    assert!(started.elapsed().as_millis() < 50, "{:?}", started.elapsed());
    assert_eq!(error.code(), "engraving-too-long");
    assert!(error.to_string().contains("100000 characters"), "{error}");
    // Empty lines and blank text are fine.
    assert!(engrave(&design("Anna\n\nBen", FontStyle::Serif), &DISC, book).is_ok());
    assert!(engrave(&design("", FontStyle::Serif), &DISC, book).unwrap().layout.glyphs.is_empty());
}

#[test]
fn auto_fit_shrinks_then_refuses_with_the_numbers() {
    let book = book();
    let short = lay_out(&design("Emma", FontStyle::Block), &DISC, book).unwrap();
    let long = lay_out(&design("Emma Charlotte", FontStyle::Block), &DISC, book).unwrap();
    assert!(short.letter_height_mm > long.letter_height_mm && long.letter_height_mm >= 1.0);
    let three = lay_out(&design("Always\nand\nforever", FontStyle::Serif), &BAR, book).unwrap();
    assert!(three.letter_height_mm < 1.9, "three lines in 7 mm: {}", three.letter_height_mm);

    let asked = EngravingDesign { letter_height_mm: Some(8.0), ..design("Emma Charlotte", FontStyle::Block) };
    let shrunk = lay_out(&asked, &DISC, book).unwrap();
    assert!(shrunk.warnings.iter().any(|w| w.contains("reduced from 8.0 mm")), "{:?}", shrunk.warnings);

    let error =
        lay_out(&design("Happy 25th anniversary to my wonderful wife", FontStyle::Block), &DISC, book).unwrap_err();
    assert_eq!(error.code(), "engraving-does-not-fit");
    let message = error.to_string();
    assert!(message.contains("mm wide; the area allows 12.8 mm"), "{message}");

    let arc = EngravingDesign { path: TextPath::Arc, ..design("FOREVER & ALWAYS", FontStyle::Block) };
    let round = EngravingArea { size_mm: Vec2::splat(16.0), round: true };
    assert!(lay_out(&arc, &round, book).is_ok());
    let too_long = EngravingDesign { text: "FOREVER & ALWAYS, MY LOVE, MY LIFE".into(), ..arc };
    assert!(lay_out(&too_long, &round, book).unwrap_err().to_string().contains("long for the arc"));
}

#[test]
fn every_glyph_stays_inside_the_area() {
    let book = book();
    for (text, style, area, path) in [
        ("Emma", FontStyle::Script, DISC, TextPath::Straight),
        ("40°42′46″N\n74°00′22″W", FontStyle::Mono, DISC, TextPath::Straight),
        (
            "FOREVER & ALWAYS",
            FontStyle::Block,
            EngravingArea { size_mm: Vec2::splat(16.0), round: true },
            TextPath::Arc,
        ),
        ("Love you\nto the moon\nand back", FontStyle::Serif, BAR, TextPath::Straight),
    ] {
        let engraved = engrave(&EngravingDesign { path, ..design(text, style) }, &area, book).unwrap();
        let field = &engraved.field;
        let (w, h) = (field.width as usize, field.height as usize);
        let inked = field.pixels.iter().filter(|&&p| p > 128).count();
        assert!(inked > w * h / 50, "{text}: {inked} inked of {}", w * h);
        // A 0.2 mm border is clear of ink (margins keep letters off the edge).
        let border = (0.2 * field.pixels_per_mm) as usize;
        for y in 0..h {
            for x in 0..w {
                if x < border || y < border || x >= w - border || y >= h - border {
                    assert!(field.pixels[y * w + x] < 40, "{text}: ink at the edge ({x}, {y})");
                }
            }
        }
    }
}

#[test]
fn thin_strokes_are_flagged() {
    let book = book();
    let bold = engrave(&design("EMMA", FontStyle::Block), &DISC, book).unwrap();
    assert!(bold.warnings.is_empty(), "{:?}", bold.warnings);
    let hairline =
        engrave(&EngravingDesign { letter_height_mm: Some(1.2), ..design("Amelia", FontStyle::Serif) }, &DISC, book)
            .unwrap();
    assert!(hairline.warnings.iter().any(|w| w.contains("thinnest strokes")), "{:?}", hairline.warnings);
}

#[test]
fn production_spec_and_svg_outlines() {
    let book = book();
    let design = design("Emma\n2024", FontStyle::Serif);
    let engraved = engrave(&design, &DISC, book).unwrap();
    let spec = production_spec("front", &design, &DISC, &engraved.layout);
    assert_eq!(spec["slot"], "front");
    assert_eq!(spec["font"], "serif");
    assert_eq!(spec["lines"], serde_json::json!(["Emma", "2024"]));
    assert_eq!(spec["area_mm"], serde_json::json!([14.0, 10.0]));
    assert!(spec["letter_height_mm"].as_f64().unwrap() > 1.0);

    let svg = svg_outlines(&engraved.layout, book, &DISC);
    assert!(
        svg.starts_with("<svg")
            && svg.contains(r#"width="14.000mm""#)
            && svg.contains(r#"viewBox="0 0 14.000 10.000""#)
    );
    // Every coordinate lies inside the area.
    let d = svg.split(" d=\"").nth(1).unwrap().split('"').next().unwrap();
    let numbers: Vec<f32> = d
        .split(|c: char| c.is_ascii_alphabetic() || c == ' ')
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    assert!(numbers.len() > 100);
    for pair in numbers.chunks(2) {
        assert!((0.0..=14.0).contains(&pair[0]) && (0.0..=10.0).contains(&pair[1]), "{pair:?}");
    }
    assert_eq!(d.matches('Z').count(), d.matches('M').count());
}
