//! The laid-out page ([`super::layout`]) as a PDF (pdf-writer): real text in the standard
//! Helvetica and Courier (searchable, nothing embedded), the stills as the JPEGs they are,
//! the outline, the engravings and the QR code as vector paths.

use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str};

use super::layout::{layout, Font, Op, PAGE_MM};
use super::vector::Step;
use super::Sheet;

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;
const REGULAR: Name = Name(b"F1");
const BOLD: Name = Name(b"F2");
const MONO: Name = Name(b"F3");

/// The sheet as PDF bytes.
pub fn write(sheet: &Sheet) -> Vec<u8> {
    let mut content = Content::new();
    let y = |v: f32| (PAGE_MM[1] - v) * PT_PER_MM;
    let path = |content: &mut Content, steps: &[Step]| {
        for step in steps {
            match *step {
                Step::Move(p) => content.move_to(p[0] * PT_PER_MM, y(p[1])),
                Step::Line(p) => content.line_to(p[0] * PT_PER_MM, y(p[1])),
                Step::Cubic(a, b, p) => {
                    content.cubic_to(a[0] * PT_PER_MM, y(a[1]), b[0] * PT_PER_MM, y(b[1]), p[0] * PT_PER_MM, y(p[1]))
                }
                Step::Close => content.close_path(),
            };
        }
    };
    for op in layout(sheet) {
        match op {
            Op::Text { font, size_pt, at, rgb, text } => {
                let bytes = win_ansi(&text);
                content.set_fill_rgb(rgb[0], rgb[1], rgb[2]);
                content.begin_text().set_font(font_name(font), size_pt).next_line(at[0] * PT_PER_MM, y(at[1]));
                content.show(Str(&bytes)).end_text();
            }
            Op::Fill { path: steps, rgb, even_odd } => {
                content.set_fill_rgb(rgb[0], rgb[1], rgb[2]);
                path(&mut content, &steps);
                if even_odd {
                    content.fill_even_odd();
                } else {
                    content.fill_nonzero();
                }
            }
            Op::Stroke { path: steps, rgb, width_mm } => {
                content.set_stroke_rgb(rgb[0], rgb[1], rgb[2]).set_line_width(width_mm * PT_PER_MM);
                path(&mut content, &steps);
                content.stroke();
            }
            Op::Image { index, at, size } => {
                let name = format!("Im{index}");
                let [w, h] = size.map(|v| v * PT_PER_MM);
                content.save_state().transform([w, 0.0, 0.0, h, at[0] * PT_PER_MM, y(at[1] + size[1])]);
                content.x_object(Name(name.as_bytes())).restore_state();
            }
        }
    }
    finish(content, sheet)
}

fn font_name(font: Font) -> Name<'static> {
    match font {
        Font::Regular => REGULAR,
        Font::Bold => BOLD,
        Font::Mono => MONO,
    }
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

fn finish(content: Content, sheet: &Sheet) -> Vec<u8> {
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
    pdf.stream(content_id, &content.finish());
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
}
