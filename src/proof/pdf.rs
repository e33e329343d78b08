//! The sheet on one A4 page (pdf-writer): real text in the standard Helvetica (searchable,
//! nothing embedded), the stills as the JPEGs they are, the outline and the engravings as
//! vector paths, the QR code as squares. Positions are millimetres from the top left.

use pdf_writer::types::LineCapStyle;
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str};

use super::outline::extent;
use super::qr::modules;
use super::vector::Step;
use super::Sheet;

/// A4, mm.
pub const PAGE_MM: [f32; 2] = [210.0, 297.0];
const MARGIN: f32 = 15.0;
/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;
/// The true-size outline's fill (sRGB 0–1): one colour nothing else on the page uses, so a
/// test can find the printed outline.
pub const OUTLINE_FILL: [f32; 3] = [0.80, 0.67, 0.35];
/// Engravings are drawn this many times their size.
const ENGRAVING_SCALE: f32 = 2.0;
const REGULAR: Name = Name(b"F1");
const BOLD: Name = Name(b"F2");
const MONO: Name = Name(b"F3");

/// The sheet as PDF bytes.
pub fn write(sheet: &Sheet) -> Vec<u8> {
    let mut page = Page { content: Content::new() };
    let mut y = MARGIN + 5.0;
    page.text(BOLD, 16.0, MARGIN, y, &format!("Proof: {}", sheet.title));
    y += 6.0;
    page.text(
        REGULAR,
        8.5,
        MARGIN,
        y,
        "Please check every detail. A personalized piece is made for you and cannot be returned.",
    );
    y += 5.0;

    // The stills, side by side in squares.
    let gap = 5.0;
    let count = sheet.pictures.len().max(1) as f32;
    let side = ((PAGE_MM[0] - 2.0 * MARGIN - gap * (count - 1.0)) / count).min(58.0);
    for (index, picture) in sheet.pictures.iter().enumerate() {
        let x = MARGIN + index as f32 * (side + gap);
        let (w, h) = (picture.size.0 as f32, picture.size.1 as f32);
        let scale = side / w.max(h);
        let (dw, dh) = (w * scale, h * scale);
        page.image(index, x + (side - dw) / 2.0, y + (side - dh) / 2.0, dw, dh);
        page.text(REGULAR, 8.0, x, y + side + 4.0, &picture.label);
    }
    if !sheet.pictures.is_empty() {
        y += side + 10.0;
    }

    // Left: the outline at true size and a 10 mm scale; right: the details.
    let column = 85.0;
    page.text(BOLD, 9.0, MARGIN, y, "Actual size: print at 100 % (no scaling)");
    let mut left = y + 4.0;
    if let Some([x0, y0, x1, y1]) = extent(&sheet.outline) {
        let origin = [MARGIN + (column - (x1 - x0)) / 2.0 - x0, left + y1]; // y up → down
        page.content.set_fill_rgb(OUTLINE_FILL[0], OUTLINE_FILL[1], OUTLINE_FILL[2]);
        for contour in sheet.outline.iter().flatten() {
            for (index, point) in contour.iter().enumerate() {
                let (x, y) = (origin[0] + point[0], origin[1] - point[1]);
                if index == 0 {
                    page.move_to(x, y);
                } else {
                    page.line_to(x, y);
                }
            }
            page.content.close_path();
        }
        page.content.fill_even_odd();
        page.content.set_fill_rgb(0.0, 0.0, 0.0);
        left += y1 - y0 + 4.0;
    } else {
        page.text(REGULAR, 8.0, MARGIN, left + 4.0, "(no outline: the model draws nothing)");
        left += 8.0;
    }
    page.content.set_line_width(0.3).set_line_cap(LineCapStyle::ButtCap);
    page.move_to(MARGIN, left);
    page.line_to(MARGIN + 10.0, left);
    for tick in [0.0, 5.0, 10.0] {
        page.move_to(MARGIN + tick, left - 1.0);
        page.line_to(MARGIN + tick, left + 1.0);
    }
    page.content.stroke();
    page.text(REGULAR, 7.5, MARGIN + 12.0, left + 1.0, "10 mm");
    left += 5.0;

    let mut right = y;
    let label_x = MARGIN + column + 5.0;
    let value_x = label_x + 22.0;
    for (label, value) in &sheet.details {
        page.text(BOLD, 8.5, label_x, right, label);
        for line in wrap(value, PAGE_MM[0] - MARGIN - value_x, 8.5, 0.5) {
            page.text(REGULAR, 8.5, value_x, right, &line);
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
        page.text(BOLD, 8.5, x, y, &engraving.heading);
        page.text(REGULAR, 7.5, x, y + 3.8, &engraving.words);
        let top = y + 6.0;
        page.content.set_line_width(0.25).set_stroke_rgb(0.6, 0.6, 0.6);
        if engraving.round {
            page.ellipse(x + w / 2.0, top + h / 2.0, w / 2.0, h / 2.0);
        } else {
            page.content.rect(x * PT_PER_MM, (PAGE_MM[1] - top - h) * PT_PER_MM, w * PT_PER_MM, h * PT_PER_MM);
        }
        page.content.stroke().set_stroke_rgb(0.0, 0.0, 0.0);
        let at = |p: [f32; 2]| (x + p[0] * ENGRAVING_SCALE, top + p[1] * ENGRAVING_SCALE);
        for step in &engraving.steps {
            match *step {
                Step::Move(p) => {
                    let (px, py) = at(p);
                    page.move_to(px, py);
                }
                Step::Line(p) => {
                    let (px, py) = at(p);
                    page.line_to(px, py);
                }
                Step::Cubic(a, b, p) => {
                    let [(ax, ay), (bx, by), (px, py)] = [at(a), at(b), at(p)];
                    page.content.cubic_to(
                        ax * PT_PER_MM,
                        (PAGE_MM[1] - ay) * PT_PER_MM,
                        bx * PT_PER_MM,
                        (PAGE_MM[1] - by) * PT_PER_MM,
                        px * PT_PER_MM,
                        (PAGE_MM[1] - py) * PT_PER_MM,
                    );
                }
                Step::Close => {
                    page.content.close_path();
                }
            }
        }
        if !engraving.steps.is_empty() {
            page.content.fill_nonzero();
        }
        x += width + 8.0;
        row_height = row_height.max(h + 8.0);
    }
    if !sheet.engravings.is_empty() {
        y += row_height + 4.0;
    }

    // Every warning.
    let footer = PAGE_MM[1] - MARGIN - 32.0;
    if sheet.warnings.is_empty() {
        page.text(BOLD, 9.0, MARGIN, y, "No warnings.");
    } else {
        page.content.set_fill_rgb(0.70, 0.25, 0.0);
        page.text(BOLD, 9.0, MARGIN, y, "Warnings");
        page.content.set_fill_rgb(0.0, 0.0, 0.0);
        for warning in &sheet.warnings {
            for (index, line) in wrap(warning, PAGE_MM[0] - 2.0 * MARGIN - 4.0, 8.0, 0.5).into_iter().enumerate() {
                y += 3.8;
                if y > footer - 4.0 {
                    break;
                }
                page.text(
                    REGULAR,
                    8.0,
                    MARGIN + 4.0,
                    y,
                    &if index == 0 { format!("• {line}") } else { format!("  {line}") },
                );
            }
        }
    }

    // The link and its QR code; the line to sign.
    let qr_side = 28.0;
    let qr_top = PAGE_MM[1] - MARGIN - qr_side;
    if let Some((count, dark)) = modules(&sheet.link).filter(|_| !sheet.link.is_empty()) {
        let module = qr_side / count as f32;
        for (column, row) in dark {
            let (mx, my) = (MARGIN + column as f32 * module, qr_top + row as f32 * module);
            page.content.rect(
                mx * PT_PER_MM,
                (PAGE_MM[1] - my - module) * PT_PER_MM,
                module * PT_PER_MM,
                module * PT_PER_MM,
            );
        }
        page.content.fill_nonzero();
    }
    let text_x = MARGIN + qr_side + 5.0;
    let mut line_y = qr_top + 3.0;
    page.text(BOLD, 8.5, text_x, line_y, "Reopen or change this design (scan the code):");
    for line in wrap(&sheet.link, PAGE_MM[0] - MARGIN - text_x, 6.0, 0.6).into_iter().take(4) {
        line_y += 2.8;
        page.text(MONO, 6.0, text_x, line_y, &line);
    }
    let sign_y = PAGE_MM[1] - MARGIN - 3.0;
    page.text(BOLD, 8.5, text_x, sign_y - 8.0, "I approve this design for production.");
    page.text(
        REGULAR,
        8.5,
        text_x,
        sign_y,
        "Name ____________________   Signature ____________________   Date ____________",
    );

    finish(page, sheet)
}

/// Text set with the standard fonts' WinAnsi encoding (Latin-1 and typographic quotes,
/// dashes, bullets): other characters, which those fonts lack, are written as `?`; the
/// engraving's outlines on the page are exact whatever its script.
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            ' '..='~' | '\u{a0}'..='\u{ff}' => c as u8,
            '€' => 0x80,
            '…' => 0x85,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            _ => b'?',
        })
        .collect()
}

/// `text` in lines of at most `width` mm at `size` pt, by a character's `average` width in
/// ems (Courier: 0.6 exactly; Helvetica about 0.5); long words are broken.
fn wrap(text: &str, width: f32, size: f32, average: f32) -> Vec<String> {
    let per_line = ((width * PT_PER_MM) / (size * average)).floor().max(8.0) as usize;
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

struct Page {
    content: Content,
}

impl Page {
    fn text(&mut self, font: Name, size: f32, x: f32, y: f32, text: &str) {
        let bytes = win_ansi(text);
        self.content
            .begin_text()
            .set_font(font, size)
            .next_line(x * PT_PER_MM, (PAGE_MM[1] - y) * PT_PER_MM)
            .show(Str(&bytes))
            .end_text();
    }

    fn move_to(&mut self, x: f32, y: f32) {
        self.content.move_to(x * PT_PER_MM, (PAGE_MM[1] - y) * PT_PER_MM);
    }

    fn line_to(&mut self, x: f32, y: f32) {
        self.content.line_to(x * PT_PER_MM, (PAGE_MM[1] - y) * PT_PER_MM);
    }

    /// An ellipse as four cubic quarters.
    fn ellipse(&mut self, cx: f32, cy: f32, rx: f32, ry: f32) {
        const K: f32 = 0.552_284_8;
        let p = |x: f32, y: f32| (x * PT_PER_MM, (PAGE_MM[1] - y) * PT_PER_MM);
        let start = p(cx + rx, cy);
        self.content.move_to(start.0, start.1);
        for [(c1x, c1y), (c2x, c2y), (ex, ey)] in [
            [(cx + rx, cy + ry * K), (cx + rx * K, cy + ry), (cx, cy + ry)],
            [(cx - rx * K, cy + ry), (cx - rx, cy + ry * K), (cx - rx, cy)],
            [(cx - rx, cy - ry * K), (cx - rx * K, cy - ry), (cx, cy - ry)],
            [(cx + rx * K, cy - ry), (cx + rx, cy - ry * K), (cx + rx, cy)],
        ] {
            let [a, b, e] = [p(c1x, c1y), p(c2x, c2y), p(ex, ey)];
            self.content.cubic_to(a.0, a.1, b.0, b.1, e.0, e.1);
        }
        self.content.close_path();
    }

    fn image(&mut self, index: usize, x: f32, y: f32, w: f32, h: f32) {
        let name = format!("Im{index}");
        self.content.save_state().transform([
            w * PT_PER_MM,
            0.0,
            0.0,
            h * PT_PER_MM,
            x * PT_PER_MM,
            (PAGE_MM[1] - y - h) * PT_PER_MM,
        ]);
        self.content.x_object(Name(name.as_bytes())).restore_state();
    }
}

fn finish(page: Page, sheet: &Sheet) -> Vec<u8> {
    let (catalog, tree, page_id, content_id) = (Ref::new(1), Ref::new(2), Ref::new(3), Ref::new(4));
    let fonts =
        [(REGULAR, Ref::new(5), "Helvetica"), (BOLD, Ref::new(6), "Helvetica-Bold"), (MONO, Ref::new(7), "Courier")];
    let info_id = Ref::new(8);
    let image_ids: Vec<Ref> = (0..sheet.pictures.len()).map(|i| Ref::new(9 + i as i32)).collect();

    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids([page_id]).count(1);
    let mut page_writer = pdf.page(page_id);
    page_writer
        .parent(tree)
        .media_box(Rect::new(0.0, 0.0, PAGE_MM[0] * PT_PER_MM, PAGE_MM[1] * PT_PER_MM))
        .contents(content_id);
    let mut resources = page_writer.resources();
    let mut font_dict = resources.fonts();
    for (name, id, _) in fonts {
        font_dict.pair(name, id);
    }
    font_dict.finish();
    let mut objects = resources.x_objects();
    for (index, id) in image_ids.iter().enumerate() {
        objects.pair(Name(format!("Im{index}").as_bytes()), *id);
    }
    objects.finish();
    resources.finish();
    page_writer.finish();
    pdf.stream(content_id, &page.content.finish());
    for (_, id, base) in fonts {
        pdf.type1_font(id).base_font(Name(base.as_bytes())).encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    pdf.document_info(info_id)
        .title(pdf_writer::TextStr(&format!("Proof: {}", sheet.title)))
        .producer(pdf_writer::TextStr("Pendant Viewer"));
    for (picture, id) in sheet.pictures.iter().zip(&image_ids) {
        let mut image = pdf.image_xobject(*id, &picture.jpeg);
        image.filter(Filter::DctDecode);
        image.width(picture.size.0 as i32).height(picture.size.1 as i32).bits_per_component(8);
        image.color_space().device_rgb();
    }
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_outside_win_ansi_is_a_question_mark() {
        assert_eq!(win_ansi("Zoë “A” – 5 × 3 €"), b"Zo\xeb \x93A\x94 \x96 5 \xd7 3 \x80");
        assert_eq!(win_ansi("אמא"), b"???");
    }

    #[test]
    fn long_text_wraps_and_long_words_break() {
        let lines = wrap("one two three four five six seven eight nine ten", 20.0, 8.0, 0.5);
        assert!(lines.len() > 1 && lines.iter().all(|l| l.len() <= 14), "{lines:?}");
        let link = wrap(&"x".repeat(100), 20.0, 6.0, 0.6);
        assert_eq!(link.concat().len(), 100);
    }
}
