//! A custom outline: SVG path data (what a drawing program or a merchant's data exports) or
//! a preset name → closed contours, y up, scaled to the asked height. Refused with a reason
//! when it is open, crosses itself, is too detailed or too small.

use glam::Vec2;

use super::letters::{flatten_cubic, flatten_quad, Contour};
use super::ShapeError;

/// Longest path data accepted, characters.
pub const MAX_PATH_CHARS: usize = 20_000;
/// Most points after flattening (a country's outline simplified for jewellery is ~500).
pub const MAX_POINTS: usize = 4_000;
/// Narrowest an outline may be after scaling, mm.
pub const MIN_WIDTH_MM: f32 = 8.0;

/// Presets: name and path data (SVG units, y down).
pub const PRESETS: [(&str, &str); 4] = [
    ("heart", "M10 18 C7 15.2 0 11 0 5.6 C0 2.2 2.6 0 5.5 0 C7.6 0 9.2 1.2 10 2.8 C10.8 1.2 12.4 0 14.5 0 C17.4 0 20 2.2 20 5.6 C20 11 13 15.2 10 18 Z"),
    ("star", "M10 0 L12.6 6.6 L19.5 6.9 L14.1 11.3 L15.9 18.1 L10 14.2 L4.1 18.1 L5.9 11.3 L0.5 6.9 L7.4 6.6 Z"),
    ("cross", "M7 0 H13 V7 H20 V13 H13 V28 H7 V13 H0 V7 H7 Z"),
    ("round", "M10 0 C15.52 0 20 4.48 20 10 C20 15.52 15.52 20 10 20 C4.48 20 0 15.52 0 10 C0 4.48 4.48 0 10 0 Z"),
];

/// The path data a preset name or path data stands for.
pub fn path_data(outline: &str) -> &str {
    let wanted = outline.trim();
    PRESETS.iter().find(|(name, _)| name.eq_ignore_ascii_case(wanted)).map_or(wanted, |(_, d)| d)
}

fn bad(reason: impl Into<String>) -> ShapeError {
    ShapeError::BadOutline(reason.into())
}

/// Reads numbers and command letters from path data.
struct Tokens<'a> {
    text: &'a [u8],
    at: usize,
}

impl Tokens<'_> {
    fn skip_separators(&mut self) {
        while self.at < self.text.len() && (self.text[self.at].is_ascii_whitespace() || self.text[self.at] == b',') {
            self.at += 1;
        }
    }

    fn command(&mut self) -> Option<u8> {
        self.skip_separators();
        let c = *self.text.get(self.at)?;
        if c.is_ascii_alphabetic() && c != b'e' && c != b'E' {
            self.at += 1;
            Some(c)
        } else {
            None
        }
    }

    fn starts_number(&mut self) -> bool {
        self.skip_separators();
        self.text.get(self.at).is_some_and(|c| c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.'))
    }

    fn number(&mut self) -> Result<f32, ShapeError> {
        self.skip_separators();
        let start = self.at;
        let mut seen_dot = false;
        let mut seen_exponent = false;
        while let Some(&c) = self.text.get(self.at) {
            let sign_ok = self.at == start || matches!(self.text[self.at - 1], b'e' | b'E');
            match c {
                b'0'..=b'9' => {}
                b'-' | b'+' if sign_ok => {}
                b'.' if !seen_dot && !seen_exponent => seen_dot = true,
                b'e' | b'E' if !seen_exponent && self.at > start => seen_exponent = true,
                _ => break,
            }
            self.at += 1;
        }
        let word = std::str::from_utf8(&self.text[start..self.at]).unwrap_or("");
        match word.parse::<f32>() {
            Ok(v) if v.is_finite() && v.abs() < 1e6 => Ok(v),
            _ => Err(bad(format!("expected a number at character {}", start + 1))),
        }
    }

    fn point(&mut self) -> Result<Vec2, ShapeError> {
        Ok(Vec2::new(self.number()?, self.number()?))
    }
}

/// Parses path data into closed contours (SVG units, y down). Curves are flattened to
/// `tolerance` units.
fn parse(data: &str, tolerance: f32) -> Result<Vec<Contour>, ShapeError> {
    if data.len() > MAX_PATH_CHARS {
        return Err(bad(format!("the path data has {} characters; at most {MAX_PATH_CHARS}", data.len())));
    }
    let mut tokens = Tokens { text: data.as_bytes(), at: 0 };
    let mut contours: Vec<Contour> = Vec::new();
    let mut current: Contour = Vec::new();
    let (mut pen, mut start) = (Vec2::ZERO, Vec2::ZERO);
    let mut last_control: Option<Vec2> = None; // for S and T
    let mut command = tokens.command().ok_or_else(|| bad("path data must start with a command (M)"))?;
    let close_open = |current: &mut Contour, contours: &mut Vec<Contour>, pen: Vec2, start: Vec2| {
        if current.len() > 1 {
            if pen.distance(start) > 1e-3 * (1.0 + start.length()) {
                return Err(bad("it is open: every part must end where it starts (close it with Z)"));
            }
            contours.push(std::mem::take(current));
        }
        current.clear();
        Ok(())
    };
    loop {
        let relative = command.is_ascii_lowercase();
        let base = if relative { pen } else { Vec2::ZERO };
        match command.to_ascii_uppercase() {
            b'M' => {
                close_open(&mut current, &mut contours, pen, start)?;
                pen = base + tokens.point()?;
                start = pen;
                current.push(pen.to_array());
                command = if relative { b'l' } else { b'L' }; // further pairs are lines
                last_control = None;
            }
            b'L' => {
                pen = base + tokens.point()?;
                current.push(pen.to_array());
                last_control = None;
            }
            b'H' => {
                pen.x = if relative { pen.x } else { 0.0 } + tokens.number()?;
                current.push(pen.to_array());
                last_control = None;
            }
            b'V' => {
                pen.y = if relative { pen.y } else { 0.0 } + tokens.number()?;
                current.push(pen.to_array());
                last_control = None;
            }
            b'C' | b'S' => {
                let c1 = if command.eq_ignore_ascii_case(&b'C') {
                    base + tokens.point()?
                } else {
                    last_control.map_or(pen, |c| 2.0 * pen - c)
                };
                let (c2, to) = (base + tokens.point()?, base + tokens.point()?);
                flatten_cubic(pen, c1, c2, to, tolerance, &mut current);
                last_control = Some(c2);
                pen = to;
            }
            b'Q' | b'T' => {
                let c = if command.eq_ignore_ascii_case(&b'Q') {
                    base + tokens.point()?
                } else {
                    last_control.map_or(pen, |c| 2.0 * pen - c)
                };
                let to = base + tokens.point()?;
                flatten_quad(pen, c, to, tolerance, &mut current);
                last_control = Some(c);
                pen = to;
            }
            b'Z' => {
                pen = start;
                if current.len() > 1 && Vec2::from(*current.last().unwrap_or(&[0.0, 0.0])).distance(start) < 1e-6 {
                    current.pop();
                }
                if current.len() >= 3 {
                    contours.push(std::mem::take(&mut current));
                }
                current.clear();
                last_control = None;
            }
            b'A' => return Err(bad("arcs (A) are not supported: convert them to curves (Object to Path in Inkscape)")),
            other => return Err(bad(format!("'{}' is not a path command", other as char))),
        }
        let points = contours.iter().map(Vec::len).sum::<usize>() + current.len();
        if points > MAX_POINTS {
            return Err(bad(format!("it is too detailed: more than {MAX_POINTS} points (simplify it)")));
        }
        if command.eq_ignore_ascii_case(&b'Z') || !tokens.starts_number() {
            match tokens.command() {
                Some(next) => command = next,
                None if tokens.at >= tokens.text.len() => break,
                None => return Err(bad(format!("unexpected text at character {}", tokens.at + 1))),
            }
        }
    }
    close_open(&mut current, &mut contours, pen, start)?;
    if contours.is_empty() {
        return Err(bad("it has no closed part"));
    }
    Ok(contours)
}

/// Whether segments `a0–a1` and `b0–b1` cross (touching at a shared end does not count).
fn segments_cross(a0: Vec2, a1: Vec2, b0: Vec2, b1: Vec2) -> bool {
    let side = |p: Vec2, q: Vec2, r: Vec2| (q - p).perp_dot(r - p);
    let (d1, d2) = (side(b0, b1, a0), side(b0, b1, a1));
    let (d3, d4) = (side(a0, a1, b0), side(a0, a1, b1));
    (d1 * d2 < 0.0) && (d3 * d4 < 0.0)
}

/// The first place where the contours cross themselves or each other.
fn crossing(contours: &[Contour]) -> Option<Vec2> {
    let edges: Vec<(Vec2, Vec2, usize, usize)> = contours
        .iter()
        .enumerate()
        .flat_map(|(c, contour)| {
            let n = contour.len();
            (0..n).map(move |i| (Vec2::from(contour[i]), Vec2::from(contour[(i + 1) % n]), c, i))
        })
        .collect();
    for (i, &(a0, a1, ca, ia)) in edges.iter().enumerate() {
        for &(b0, b1, cb, ib) in &edges[i + 1..] {
            let n = contours[ca].len();
            if ca == cb && (ia.abs_diff(ib) <= 1 || ia.abs_diff(ib) == n - 1) {
                continue;
            }
            if a0.max(a1).cmplt(b0.min(b1)).any() || b0.max(b1).cmplt(a0.min(a1)).any() {
                continue;
            }
            if segments_cross(a0, a1, b0, b1) {
                return Some((a0 + a1) / 2.0);
            }
        }
    }
    None
}

/// The outline's contours in mm (y up, centred on its box), `height_mm` tall. Parts inside
/// others become holes (even-odd, as drawing programs fill a compound path).
pub fn outline_contours(outline: &str, height_mm: f32) -> Result<Vec<Contour>, ShapeError> {
    let data = path_data(outline);
    if data.trim().is_empty() {
        return Err(ShapeError::Empty("outline"));
    }
    // Parse once coarsely to learn the size, then at the tolerance the final size needs.
    let rough = parse(data, 0.01)?;
    let (low, high) =
        rough.iter().flatten().fold((Vec2::MAX, Vec2::MIN), |(l, h), &p| (l.min(Vec2::from(p)), h.max(Vec2::from(p))));
    let size = high - low;
    if size.min_element() <= 1e-6 {
        return Err(bad("it has no area"));
    }
    let scale = height_mm / size.y;
    let contours = parse(data, super::letters::tolerance_mm(height_mm) / scale)?;
    if let Some(at) = crossing(&contours) {
        let at = (at - low) * scale;
        return Err(bad(format!("it crosses itself ({:.1} mm from the left, {:.1} mm from the top)", at.x, at.y)));
    }
    if size.x * scale < MIN_WIDTH_MM {
        return Err(bad(format!(
            "at {height_mm:.0} mm tall it is {:.1} mm wide; at least {MIN_WIDTH_MM:.0} mm is needed for a rim and a ring",
            size.x * scale
        )));
    }
    let centre = (low + high) / 2.0;
    Ok(contours
        .into_iter()
        .map(|contour| contour.into_iter().map(|p| [(p[0] - centre.x) * scale, (centre.y - p[1]) * scale]).collect())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_and_path_data_read() {
        for (name, _) in PRESETS {
            let contours = outline_contours(name, 20.0).unwrap();
            let (low, high) = contours
                .iter()
                .flatten()
                .fold((Vec2::MAX, Vec2::MIN), |(l, h), &p| (l.min(Vec2::from(p)), h.max(Vec2::from(p))));
            assert!(((high - low).y - 20.0).abs() < 1e-3, "{name}: {low} {high}");
        }
        let relative = outline_contours("m0 0 h10 v10 h-10 z", 10.0).unwrap();
        assert_eq!(relative[0].len(), 4);
    }

    #[test]
    fn bad_outlines_give_their_reason() {
        let cases = [
            ("M0 0 L10 0 L10 10", "open"),
            ("M0 0 L10 10 L10 0 L0 10 Z", "crosses itself"),
            ("M0 0 A5 5 0 0 0 10 0 Z", "arcs"),
            ("M0 0 L1 0 L1 30 L0 30 Z", "wide"),
            ("M0 0 L10 0 L10 x Z", "number"),
            ("M0 0 L0 0 L0 0 Z", "closed part"),
        ];
        for (data, reason) in cases {
            let error = outline_contours(data, 20.0).unwrap_err();
            assert_eq!(error.code(), "shape-bad-outline", "{data}");
            assert!(error.to_string().contains(reason), "{data}: {error}");
        }
        let detailed: String = std::iter::once("M0 0".to_string())
            .chain((0..4100).map(|i| format!("L{} {}", i % 10, (i / 10) % 10)))
            .collect();
        let error = outline_contours(&detailed, 20.0).unwrap_err().to_string();
        assert!(error.contains("too detailed"), "{error}");
    }
}
