//! The sheet laid out on one A4 page as a list of drawing operations, in millimetres from the
//! top left: the PDF writer ([`super::pdf`]) and the page's canvas (the PNG for email) draw
//! the same list, so both show one layout.

use serde_json::{json, Value};

use super::outline::extent;
use super::qr::modules;
use super::vector::Step;
use super::Sheet;

/// A4, mm.
pub const PAGE_MM: [f32; 2] = [210.0, 297.0];
const MARGIN: f32 = 15.0;
/// The true-size outline's fill (sRGB 0–1): one colour nothing else on the page uses, so a
/// test can find the printed outline.
pub const OUTLINE_FILL: [f32; 3] = [0.80, 0.67, 0.35];
/// Engravings are drawn this many times their size.
const ENGRAVING_SCALE: f32 = 2.0;
const BLACK: [f32; 3] = [0.0; 3];
const GREY: [f32; 3] = [0.6; 3];
const WARNING: [f32; 3] = [0.70, 0.25, 0.0];

/// The three typefaces (the PDF's standard fonts; the canvas's nearest).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Font {
    /// Helvetica.
    Regular,
    /// Helvetica Bold.
    Bold,
    /// Courier (the link).
    Mono,
}

/// One drawing operation.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// A line of text, its baseline's left end at `at`.
    Text {
        /// Typeface.
        font: Font,
        /// Size, pt.
        size_pt: f32,
        /// Baseline start, mm.
        at: [f32; 2],
        /// Colour, sRGB 0–1.
        rgb: [f32; 3],
        /// The text.
        text: String,
    },
    /// A filled path (mm, y down).
    Fill {
        /// The path.
        path: Vec<Step>,
        /// Colour.
        rgb: [f32; 3],
        /// Even-odd rule (else nonzero).
        even_odd: bool,
    },
    /// A stroked path.
    Stroke {
        /// The path.
        path: Vec<Step>,
        /// Colour.
        rgb: [f32; 3],
        /// Line width, mm.
        width_mm: f32,
    },
    /// Picture `index` of the sheet in the box at `at`, `size` mm.
    Image {
        /// Which picture.
        index: usize,
        /// Top left, mm.
        at: [f32; 2],
        /// Width and height, mm.
        size: [f32; 2],
    },
}

/// The page's operations, in drawing order.
pub fn layout(sheet: &Sheet) -> Vec<Op> {
    let mut page = Page::default();
    let mut y = MARGIN + 5.0;
    page.text(Font::Bold, 16.0, MARGIN, y, &format!("Proof: {}", sheet.title));
    y += 6.0;
    let note = "Please check every detail. A personalized piece is made for you and cannot be returned.";
    page.text(Font::Regular, 8.5, MARGIN, y, note);
    y += 5.0;

    // The stills, side by side in squares.
    let gap = 5.0;
    let count = sheet.pictures.len().max(1) as f32;
    let side = ((PAGE_MM[0] - 2.0 * MARGIN - gap * (count - 1.0)) / count).min(58.0);
    for (index, picture) in sheet.pictures.iter().enumerate() {
        let x = MARGIN + index as f32 * (side + gap);
        let (w, h) = (picture.size.0 as f32, picture.size.1 as f32);
        let scale = side / w.max(h).max(1.0);
        let (dw, dh) = (w * scale, h * scale);
        page.ops.push(Op::Image { index, at: [x + (side - dw) / 2.0, y + (side - dh) / 2.0], size: [dw, dh] });
        page.text(Font::Regular, 8.0, x, y + side + 4.0, &picture.label);
    }
    if !sheet.pictures.is_empty() {
        y += side + 10.0;
    }

    // Left: the outline at true size and a 10 mm scale; right: the details.
    let column = 85.0;
    page.text(Font::Bold, 9.0, MARGIN, y, "Actual size: print at 100 % (no scaling)");
    let mut left = y + 4.0;
    if let Some([x0, y0, x1, y1]) = extent(&sheet.outline) {
        let origin = [MARGIN + (column - (x1 - x0)) / 2.0 - x0, left + y1]; // y up → down
        let mut path = Vec::new();
        for contour in sheet.outline.iter().flatten() {
            for (index, point) in contour.iter().enumerate() {
                let p = [origin[0] + point[0], origin[1] - point[1]];
                path.push(if index == 0 { Step::Move(p) } else { Step::Line(p) });
            }
            path.push(Step::Close);
        }
        page.ops.push(Op::Fill { path, rgb: OUTLINE_FILL, even_odd: true });
        left += y1 - y0 + 4.0;
    } else {
        page.text(Font::Regular, 8.0, MARGIN, left + 4.0, "(no outline: the model draws nothing)");
        left += 8.0;
    }
    let mut bar = vec![Step::Move([MARGIN, left]), Step::Line([MARGIN + 10.0, left])];
    for tick in [0.0, 5.0, 10.0] {
        bar.extend([Step::Move([MARGIN + tick, left - 1.0]), Step::Line([MARGIN + tick, left + 1.0])]);
    }
    page.ops.push(Op::Stroke { path: bar, rgb: BLACK, width_mm: 0.1 });
    page.text(Font::Regular, 7.5, MARGIN + 12.0, left + 1.0, "10 mm");
    left += 5.0;

    let mut right = y;
    let label_x = MARGIN + column + 5.0;
    let value_x = label_x + 22.0;
    for (label, value) in &sheet.details {
        page.text(Font::Bold, 8.5, label_x, right, label);
        for line in wrap(value, PAGE_MM[0] - MARGIN - value_x, 8.5, 0.5) {
            page.text(Font::Regular, 8.5, value_x, right, &line);
            right += 4.0;
        }
        right += 0.8;
    }
    y = left.max(right) + 4.0;

    // The engravings, as cut, side by side.
    let mut x = MARGIN;
    let mut row_height: f32 = 0.0;
    for engraving in &sheet.engravings {
        let [w, h] = engraving.area_mm.map(|v| v * ENGRAVING_SCALE);
        let width = w.max(60.0);
        if x > MARGIN && x + width > PAGE_MM[0] - MARGIN {
            (x, y) = (MARGIN, y + row_height + 4.0);
            row_height = 0.0;
        }
        page.text(Font::Bold, 8.5, x, y, &engraving.heading);
        page.text(Font::Regular, 7.5, x, y + 3.8, &engraving.words);
        let top = y + 6.0;
        let area =
            if engraving.round { ellipse(x + w / 2.0, top + h / 2.0, w / 2.0, h / 2.0) } else { rect(x, top, w, h) };
        page.ops.push(Op::Stroke { path: area, rgb: GREY, width_mm: 0.09 });
        let at = |p: [f32; 2]| [x + p[0] * ENGRAVING_SCALE, top + p[1] * ENGRAVING_SCALE];
        let letters: Vec<Step> = engraving
            .steps
            .iter()
            .map(|step| match *step {
                Step::Move(p) => Step::Move(at(p)),
                Step::Line(p) => Step::Line(at(p)),
                Step::Cubic(a, b, p) => Step::Cubic(at(a), at(b), at(p)),
                Step::Close => Step::Close,
            })
            .collect();
        if !letters.is_empty() {
            page.ops.push(Op::Fill { path: letters, rgb: BLACK, even_odd: false });
        }
        x += width + 8.0;
        row_height = row_height.max(h + 8.0);
    }
    if !sheet.engravings.is_empty() {
        y += row_height + 4.0;
    }

    // Every warning, as many as fit above the footer.
    let footer = PAGE_MM[1] - MARGIN - 32.0;
    if sheet.warnings.is_empty() {
        page.text(Font::Bold, 9.0, MARGIN, y, "No warnings.");
    } else {
        page.colored_text(Font::Bold, 9.0, [MARGIN, y], WARNING, "Warnings");
        'warnings: for warning in &sheet.warnings {
            for (index, line) in wrap(warning, PAGE_MM[0] - 2.0 * MARGIN - 4.0, 8.0, 0.5).into_iter().enumerate() {
                y += 3.8;
                if y > footer - 4.0 {
                    break 'warnings;
                }
                let line = if index == 0 { format!("• {line}") } else { format!("  {line}") };
                page.text(Font::Regular, 8.0, MARGIN + 4.0, y, &line);
            }
        }
    }

    // The link and its QR code; the line to sign.
    let qr_side = 28.0;
    let qr_top = PAGE_MM[1] - MARGIN - qr_side;
    if let Some((count, dark)) = modules(&sheet.link).filter(|_| !sheet.link.is_empty()) {
        let module = qr_side / count as f32;
        let path = dark
            .into_iter()
            .flat_map(|(column, row)| {
                rect(MARGIN + column as f32 * module, qr_top + row as f32 * module, module, module)
            })
            .collect();
        page.ops.push(Op::Fill { path, rgb: BLACK, even_odd: false });
    }
    let text_x = MARGIN + qr_side + 5.0;
    let mut line_y = qr_top + 3.0;
    page.text(Font::Bold, 8.5, text_x, line_y, "Reopen or change this design (scan the code):");
    // Three lines of the link at most (the QR code carries all of it).
    let link = wrap(&sheet.link, PAGE_MM[0] - MARGIN - text_x, 6.0, 0.6);
    for (index, line) in link.iter().enumerate().take(3) {
        line_y += 2.8;
        let more = index == 2 && link.len() > 3;
        page.text(Font::Mono, 6.0, text_x, line_y, &if more { format!("{line}…") } else { line.clone() });
    }
    let sign_y = PAGE_MM[1] - MARGIN - 3.0;
    page.text(Font::Bold, 8.5, text_x, sign_y - 8.0, "I approve this design for production.");
    let sign = "Name ____________________   Signature ____________________   Date ____________";
    page.text(Font::Regular, 8.5, text_x, sign_y, sign);
    page.ops
}

/// The operations as JSON for the page's canvas: `{page_mm, ops: [{op: "text" | "fill" |
/// "stroke" | "image", …}]}`, paths as `[["M", x, y], ["L", x, y], ["C", …6], ["Z"]]`.
pub fn to_json(ops: &[Op]) -> Value {
    let path = |steps: &[Step]| -> Vec<Value> {
        steps
            .iter()
            .map(|step| match *step {
                Step::Move(p) => json!(["M", p[0], p[1]]),
                Step::Line(p) => json!(["L", p[0], p[1]]),
                Step::Cubic(a, b, p) => json!(["C", a[0], a[1], b[0], b[1], p[0], p[1]]),
                Step::Close => json!(["Z"]),
            })
            .collect()
    };
    let ops: Vec<Value> = ops
        .iter()
        .map(|op| match op {
            Op::Text { font, size_pt, at, rgb, text } => {
                let font = match font {
                    Font::Regular => "regular",
                    Font::Bold => "bold",
                    Font::Mono => "mono",
                };
                json!({ "op": "text", "font": font, "size_pt": size_pt, "at": at, "rgb": rgb, "text": text })
            }
            Op::Fill { path: steps, rgb, even_odd } => {
                json!({ "op": "fill", "path": path(steps), "rgb": rgb, "even_odd": even_odd })
            }
            Op::Stroke { path: steps, rgb, width_mm } => {
                json!({ "op": "stroke", "path": path(steps), "rgb": rgb, "width_mm": width_mm })
            }
            Op::Image { index, at, size } => json!({ "op": "image", "index": index, "at": at, "size": size }),
        })
        .collect();
    json!({ "page_mm": PAGE_MM, "ops": ops })
}

/// `text` in lines of at most `width` mm at `size` pt, by a character's `average` width in
/// ems (Courier: 0.6 exactly; Helvetica about 0.5); long words are broken.
fn wrap(text: &str, width: f32, size: f32, average: f32) -> Vec<String> {
    let per_line = ((width * 72.0 / 25.4) / (size * average)).floor().max(8.0) as usize;
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > per_line {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..per_line).collect());
        }
        let word: String = word.into_iter().collect();
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > per_line {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn rect(x: f32, y: f32, w: f32, h: f32) -> Vec<Step> {
    vec![Step::Move([x, y]), Step::Line([x + w, y]), Step::Line([x + w, y + h]), Step::Line([x, y + h]), Step::Close]
}

/// An ellipse as four cubic quarters.
fn ellipse(cx: f32, cy: f32, rx: f32, ry: f32) -> Vec<Step> {
    const K: f32 = 0.552_284_8;
    vec![
        Step::Move([cx + rx, cy]),
        Step::Cubic([cx + rx, cy + ry * K], [cx + rx * K, cy + ry], [cx, cy + ry]),
        Step::Cubic([cx - rx * K, cy + ry], [cx - rx, cy + ry * K], [cx - rx, cy]),
        Step::Cubic([cx - rx, cy - ry * K], [cx - rx * K, cy - ry], [cx, cy - ry]),
        Step::Cubic([cx + rx * K, cy - ry], [cx + rx, cy - ry * K], [cx + rx, cy]),
        Step::Close,
    ]
}

#[derive(Default)]
struct Page {
    ops: Vec<Op>,
}

impl Page {
    fn text(&mut self, font: Font, size_pt: f32, x: f32, y: f32, text: &str) {
        self.colored_text(font, size_pt, [x, y], BLACK, text);
    }

    fn colored_text(&mut self, font: Font, size_pt: f32, at: [f32; 2], rgb: [f32; 3], text: &str) {
        self.ops.push(Op::Text { font, size_pt, at, rgb, text: text.to_string() });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_wraps_and_long_words_break() {
        let lines = wrap("one two three four five six seven eight nine ten", 20.0, 8.0, 0.5);
        assert!(lines.len() > 1 && lines.iter().all(|l| l.len() <= 14), "{lines:?}");
        let link = wrap(&"x".repeat(100), 20.0, 6.0, 0.6);
        assert_eq!(link.concat().len(), 100);
    }

    #[test]
    fn the_canvas_reads_what_the_pdf_draws() {
        let ops = vec![
            Op::Text { font: Font::Bold, size_pt: 9.0, at: [15.0, 20.0], rgb: BLACK, text: "Proof".into() },
            Op::Fill { path: rect(0.0, 0.0, 1.0, 2.0), rgb: OUTLINE_FILL, even_odd: true },
        ];
        let json = to_json(&ops);
        assert_eq!(json["ops"][0]["font"], "bold");
        assert_eq!(json["ops"][1]["path"][2], json!(["L", 1.0, 2.0]));
        assert_eq!(json["ops"][1]["path"][4], json!(["Z"]));
    }
}
