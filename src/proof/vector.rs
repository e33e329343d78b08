//! The engraving's production SVG read back as drawing steps: the viewBox size and the one
//! path's `d` (absolute M, L, Q, C and Z, as [`crate::engraving::export::svg_outlines`] and
//! the cut-out's SVG write them), so the proof draws the very outlines the workshop cuts.

/// One step of a path, mm, y down (SVG's).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Step {
    /// Start a contour.
    Move([f32; 2]),
    /// A straight line.
    Line([f32; 2]),
    /// A cubic curve: two controls and the end (quadratics are raised to cubics).
    Cubic([f32; 2], [f32; 2], [f32; 2]),
    /// Close the contour.
    Close,
}

/// The SVG's size (its viewBox's width and height, mm) and its path's steps; `None` when the
/// text has no viewBox or its path does not read (a path is all or nothing).
pub fn read_svg(svg: &str) -> Option<([f32; 2], Vec<Step>)> {
    let view_box: Vec<f32> = attribute(svg, "viewBox")?.split_whitespace().filter_map(|n| n.parse().ok()).collect();
    let [_, _, width, height] = <[f32; 4]>::try_from(view_box).ok()?;
    let steps = match svg.find("<path") {
        Some(start) => read_path(attribute(&svg[start..], "d")?)?,
        None => Vec::new(),
    };
    Some(([width, height], steps))
}

fn attribute<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let start = text.find(&format!(" {name}=\""))? + name.len() + 3;
    let length = text[start..].find('"')?;
    Some(&text[start..start + length])
}

/// Reads a path's `d`: absolute commands, each followed by its numbers.
pub fn read_path(d: &str) -> Option<Vec<Step>> {
    let mut steps = Vec::new();
    let mut rest = d.trim_start();
    let mut last = [0.0f32; 2];
    while let Some(command) = rest.chars().next() {
        rest = &rest[command.len_utf8()..];
        let count = match command {
            'M' | 'L' => 2,
            'Q' => 4,
            'C' => 6,
            'Z' => 0,
            _ => return None,
        };
        let mut numbers = [0.0f32; 6];
        for number in numbers.iter_mut().take(count) {
            rest = rest.trim_start_matches([' ', ',']);
            let end =
                rest.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == 'e')).unwrap_or(rest.len());
            *number = rest[..end].parse().ok().filter(|n: &f32| n.is_finite())?;
            rest = &rest[end..];
        }
        let n = numbers;
        let step = match command {
            'M' => Step::Move([n[0], n[1]]),
            'L' => Step::Line([n[0], n[1]]),
            'Q' => {
                let raise = |from: [f32; 2], to: [f32; 2]| {
                    [from[0] + (to[0] - from[0]) * 2.0 / 3.0, from[1] + (to[1] - from[1]) * 2.0 / 3.0]
                };
                let (control, end) = ([n[0], n[1]], [n[2], n[3]]);
                Step::Cubic(raise(last, control), raise(end, control), end)
            }
            'C' => Step::Cubic([n[0], n[1]], [n[2], n[3]], [n[4], n[5]]),
            _ => Step::Close,
        };
        last = match step {
            Step::Move(p) | Step::Line(p) | Step::Cubic(_, _, p) => p,
            Step::Close => last,
        };
        steps.push(step);
        rest = rest.trim_start();
    }
    Some(steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_the_engraving_export_writes() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="16.000mm" height="8.000mm" viewBox="0 0 16.000 8.000">
<path fill="#000" fill-rule="nonzero" d="M1.000 2.000L3.000 2.000Q4.000 5.000 1.000 2.000ZC1 1 2 2 3 3Z"/>
</svg>"##;
        let (size, steps) = read_svg(svg).unwrap();
        assert_eq!(size, [16.0, 8.0]);
        assert_eq!(steps.len(), 6);
        assert_eq!(steps[0], Step::Move([1.0, 2.0]));
        // Q from (3, 2) via (4, 5) to (1, 2): controls two thirds of the way to (4, 5).
        let Step::Cubic(c1, c2, end) = steps[2] else { panic!("{steps:?}") };
        assert!((c1[0] - 11.0 / 3.0).abs() < 1e-5 && (c1[1] - 4.0).abs() < 1e-5, "{c1:?}");
        assert!((c2[0] - 3.0).abs() < 1e-5 && (c2[1] - 4.0).abs() < 1e-5, "{c2:?}");
        assert_eq!(end, [1.0, 2.0]);
    }

    #[test]
    fn a_path_that_does_not_read_is_refused_whole() {
        assert_eq!(read_path("M1 2L3"), None);
        assert_eq!(read_path("M1 2 A 3 4"), None);
        assert_eq!(read_path("M1 NaN"), None);
        assert_eq!(read_svg("<svg><path d=\"M1 2\"/></svg>"), None); // no viewBox
    }
}
