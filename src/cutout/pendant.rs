//! A cut-out pendant, assembled: the region for its kind, joined into one piece and checked
//! for thin strokes, the solid with rounded edges, the rings the chain runs through, a photo
//! under resin or an engraving area for an outline, as a binary glTF that follows the slot
//! convention (models/README.md) so the viewer treats it as any model.

use glam::{Quat, Vec2, Vec3};

use super::letters::{letters, Contour};
use super::outline::outline_contours;
use super::production::{spec, svg, Spec};
use super::region::{
    self, add, bar, bounds, contour_bounds, crossings, deepest_point, intersect, join_pieces, offset, subtract,
    thin_places, unite, Region,
};
use super::solid::{extrude, volume};
use super::{Inset, ShapeDesign, ShapeError, ShapeKind, MAX_WIDTH_MM};
use crate::engraving::{FontBook, FontStyle};
use crate::model::build::glb::{write_glb, Part, Scene};
use crate::model::build::mesh::{self, torus, MeshData};

/// The narrowest stroke the metal keeps its shape at, mm: never under 0.8 mm (the minimum
/// supported wire Shapeways gives for cast gold, silver and platinum) and never narrower than
/// the sheet is thick (a strip narrower than it is thick bends sideways when worn: its
/// stiffness across falls with the cube of its width).
pub fn min_stroke_mm(thickness_mm: f32) -> f32 {
    thickness_mm.max(0.8)
}

/// A ring the chain runs through, as made: a jump ring soldered to the piece.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ring {
    /// Its node name (`ring_left`, `jump_ring`, …).
    pub name: &'static str,
    /// Centre, mm.
    pub centre: Vec3,
    /// Radius of the wire's centre line, mm.
    pub radius: f32,
    /// Radius of the wire, mm.
    pub wire: f32,
    /// Lying in the pendant's plane (a nameplate's end rings) or across it (a jump ring seen
    /// edge-on from the front).
    pub flat: bool,
}

impl Ring {
    fn mesh(&self) -> MeshData {
        let axis = if self.flat { Vec3::Z } else { Vec3::X };
        torus(self.radius, self.wire, axis, 32, 10).translate(self.centre)
    }

    /// The ring's metal volume, mm³ (a torus: 2π²Rr²).
    pub fn volume(&self) -> f32 {
        2.0 * std::f32::consts::PI.powi(2) * self.radius * self.wire * self.wire
    }
}

/// What was made: the model the viewer loads and what the workshop needs.
#[derive(Debug, Clone)]
pub struct Cutout {
    /// The pendant as a binary glTF (metres, slot convention).
    pub glb: Vec<u8>,
    /// The cut outline, mm (what the laser follows).
    pub region: Region,
    /// The rings soldered on.
    pub rings: Vec<Ring>,
    /// Sizes, area, volume, weights and warnings.
    pub spec: Spec,
    /// The cutting file (SVG in millimetres).
    pub svg: String,
}

/// Where lettering may be engraved on a cut-out: a rectangle inside the metal.
#[derive(Debug, Clone, Copy)]
struct EngravingFace {
    /// Its centre, mm.
    centre: Vec2,
    /// Width along the lettering × height, mm.
    size: Vec2,
    /// The lettering runs up the piece (a letter's stem) rather than across.
    upright: bool,
    /// The front too, not only the back.
    front: bool,
}

/// Everything [`make`] decides before the solid is built.
struct Plan {
    name: &'static str,
    region: Region,
    rings: Vec<Ring>,
    letter_mm: f32,
    bridges: usize,
    photo: Option<Region>,
    engrave: Option<EngravingFace>,
    /// A stone's seat: centre (mm) and girdle diameter (mm).
    stone: Option<(Vec2, f32)>,
    warnings: Vec<String>,
}

/// Makes the pendant `design` describes, with `book`'s fonts.
pub fn make(design: &ShapeDesign, book: &FontBook) -> Result<Cutout, ShapeError> {
    design.check()?;
    let stroke = min_stroke_mm(design.thickness_mm);
    let mut plan = match design.kind {
        ShapeKind::Nameplate => nameplate(design, book, stroke)?,
        ShapeKind::Initial => initial(design, book, stroke)?,
        ShapeKind::Monogram => monogram(design, book, stroke)?,
        ShapeKind::Outline => custom(design, stroke)?,
    };
    if plan.bridges > 0 {
        let (count, parts) = if plan.bridges == 1 { ("a bridge", "part is") } else { ("bridges", "parts are") };
        plan.warnings
            .push(format!("{} separate {parts} joined to the rest by {count} {stroke:.1} mm wide", plan.bridges));
    }
    let (low, _) = bounds(&plan.region);
    let thin = thin_places(&plan.region, stroke);
    if !thin.is_empty() {
        let places: Vec<String> = thin.iter().take(6).map(|p| format!("{:.1} mm", p.x - low.x)).collect();
        plan.warnings.push(format!(
            "{} stroke{} thinner than {stroke:.1} mm (at {} from the left edge) may bend or break: a larger letter height or a bolder font holds better",
            thin.len(),
            if thin.len() == 1 { " is" } else { "s are" },
            places.join(", ")
        ));
    }
    let t = design.thickness_mm;
    let body = extrude(&plan.region, t, (t * 0.3).min(stroke * 0.25), 3);
    let body_volume = volume(&body);
    let mut parts = vec![Part::new(plan.name, body)];
    let mut metal_volume = body_volume;
    let mut slots = Vec::new();
    if let Some(photo) = &plan.photo {
        // A raised rim round the photo and the resin inside it, flush with the rim's top.
        let lift = 0.5;
        let rim = subtract(&plan.region, photo);
        let rim_mesh = extrude(&rim, lift, 0.15, 2).translate(Vec3::Z * (t / 2.0 + lift / 2.0 - 0.01));
        metal_volume += volume(&rim_mesh);
        let (low, high) = bounds(photo);
        let size = high - low;
        let resin = extrude(photo, lift, 0.0, 0).translate(Vec3::Z * (t / 2.0 + lift / 2.0));
        parts.push(Part::new("rim", rim_mesh));
        parts.push(Part::new(&format!("photo_rect_{:.1}x{:.1}mm", size.x, size.y), resin));
    }
    if let Some(face) = plan.engrave {
        let words = format!("{:.1}x{:.1}mm", face.size.x, face.size.y);
        let turn = Quat::from_rotation_z(if face.upright { std::f32::consts::FRAC_PI_2 } else { 0.0 });
        let back = Quat::from_rotation_y(std::f32::consts::PI) * turn;
        slots.push((format!("engrave_back_{words}"), face.centre.extend(-t / 2.0), back, None));
        if face.front && plan.photo.is_none() {
            slots.push((format!("engrave_front_{words}"), face.centre.extend(t / 2.0), turn, None));
        }
    }
    if let Some((at, size)) = plan.stone {
        slots.push((format!("gem_round_{size:.1}mm_bezel"), at.extend(t / 2.0), Quat::IDENTITY, None));
    }
    for ring in &plan.rings {
        parts.push(Part::new(ring.name, ring.mesh()));
        metal_volume += ring.volume();
    }
    let scene = Scene { name: plan.name, meshes: parts, slots };
    let glb = write_glb(&scene, "pendant-viewer cutout (src/cutout)");
    let spec = spec(design, &plan.region, &plan.rings, plan.letter_mm, metal_volume, stroke, plan.warnings);
    let svg = svg(&plan.region, &plan.rings);
    Ok(Cutout { glb, region: plan.region, rings: plan.rings, spec, svg })
}

/// A jump ring across the piece (seen edge-on from the front) hung from the highest point of
/// the middle half of the piece's width (nearest the middle on a tie): its wire sinks 0.6 mm
/// into the metal, where it is soldered.
fn top_ring(region: &Region) -> Ring {
    let (low, high) = bounds(region);
    let middle = (low.x + high.x) / 2.0;
    let half = (high.x - low.x) / 4.0;
    let (x, y) = (0..=20)
        .map(|i| middle + half * (i as f32 / 10.0 - 1.0))
        .filter_map(|x| Some((x, crossings(region.iter().flatten(), x, false).reduce(f32::max)?)))
        .max_by(|a, b| (a.1 - (a.0 - middle).abs() * 0.05).total_cmp(&(b.1 - (b.0 - middle).abs() * 0.05)))
        .unwrap_or((middle, high.y));
    let (radius, wire) = (1.8, 0.4);
    Ring { name: "jump_ring", centre: Vec3::new(x, y + radius + wire - 0.6, 0.0), radius, wire, flat: false }
}

fn nameplate(design: &ShapeDesign, book: &FontBook, stroke: f32) -> Result<Plan, ShapeError> {
    let (min_mm, _) = ShapeKind::Nameplate.height_range();
    let wanted = design.height();
    let (radius, wire) = (1.5, 0.35);
    let rings_width = 2.0 * (2.0 * radius - wire);
    let width_at = |letter_mm: f32| -> Result<(Region, f32, f32), ShapeError> {
        let lettering = letters(book, design.font, &design.text, letter_mm, 0.0)?;
        let region = unite(&lettering.contours);
        let (low, high) = bounds(&region);
        Ok((region, (high.x - low.x).max(0.0), lettering.baseline))
    };
    let (mut region, mut width, mut baseline) = width_at(wanted)?;
    let mut letter_mm = wanted;
    let mut warnings = Vec::new();
    if width + rings_width > MAX_WIDTH_MM {
        // Width grows with the letter height: scale down to fit, then check the smallest.
        let fitted = (wanted * (MAX_WIDTH_MM - rings_width) / width).max(min_mm) * 0.995;
        (region, width, baseline) = width_at(fitted)?;
        if width + rings_width > MAX_WIDTH_MM + 0.01 {
            let (_, at_min, _) = width_at(min_mm)?;
            return Err(ShapeError::TooLong {
                width_mm: at_min + rings_width,
                max_mm: MAX_WIDTH_MM,
                letter_mm: min_mm,
            });
        }
        letter_mm = fitted;
        warnings.push(format!(
            "letters reduced from {wanted:.1} mm to {fitted:.1} mm so the nameplate is at most {MAX_WIDTH_MM:.0} mm wide"
        ));
    }
    if region.is_empty() {
        return Err(ShapeError::Empty("text"));
    }
    let (low, high) = bounds(&region);
    // A birthstone takes the place of the first dot (an i's or j's): the viewer sets it when
    // the shopper picks one, on the dot's metal.
    let stone = dot_seat(&region, baseline, letter_mm);
    if design.font != FontStyle::Script {
        // Capitals and print letters stand on a thin bar that holds them together.
        let height = (0.12 * letter_mm).max(stroke);
        let y = baseline + height * 0.3;
        region = add(&region, &[bar(Vec2::new(low.x, y), Vec2::new(high.x, y), height, 0.0)]);
    }
    let bridges = join_pieces(&mut region, stroke)?.len();
    // The rings sit where the first and last letters meet the line of the text: a third of the
    // letter height above the baseline.
    // A name of symbols alone (an asterisk) may have no metal at that height: then the first
    // height, from the middle of the piece outward, that has some.
    let (low, high) = bounds(&region);
    let middle = (low.y + high.y) / 2.0;
    let step = (high.y - low.y) / 40.0;
    let candidates = std::iter::once(baseline + letter_mm / 3.0)
        .chain((0..=20).flat_map(|k| [middle + k as f32 * step, middle - k as f32 * step]));
    let (y, left, right) = candidates
        .filter_map(|y| {
            let mut xs = crossings(region.iter().flatten(), y, true);
            let first = xs.next()?;
            let (left, right) = xs.fold((first, first), |(l, r), x| (l.min(x), r.max(x)));
            Some((y, left, right))
        })
        .next()
        .unwrap_or((middle, low.x, high.x));
    let ring = |name, x: f32| Ring { name, centre: Vec3::new(x, y, 0.0), radius, wire, flat: true };
    let rings = vec![ring("ring_left", left - radius + wire * 0.5), ring("ring_right", right + radius - wire * 0.5)];
    Ok(Plan { name: "nameplate", region, rings, letter_mm, bridges, photo: None, engrave: None, stone, warnings })
}

/// The first dot above the letters (the tittle of an i or j: a small piece wholly above the
/// x-height) as a stone's seat: its centre and a girdle a little wider than the dot.
fn dot_seat(region: &Region, baseline: f32, letter_mm: f32) -> Option<(Vec2, f32)> {
    region
        .iter()
        .map(contour_bounds)
        .filter(|(low, high)| {
            let size = *high - *low;
            low.y > baseline + 0.5 * letter_mm && size.max_element() < 0.3 * letter_mm
        })
        .min_by(|a, b| a.0.x.total_cmp(&b.0.x))
        .map(|(low, high)| ((low + high) / 2.0, ((high - low).max_element() * 1.3).clamp(1.5, 3.0)))
}

fn initial(design: &ShapeDesign, book: &FontBook, stroke: f32) -> Result<Plan, ShapeError> {
    let letter_mm = design.height();
    let mut region = unite(&letters(book, design.font, &design.text, letter_mm, 0.0)?.contours);
    if region.is_empty() {
        return Err(ShapeError::Empty("text"));
    }
    let bridges = join_pieces(&mut region, stroke)?.len();
    let rings = vec![top_ring(&region)];
    // The birthstone sits where the letter is broadest (a bezel needs 0.4 mm of metal round it).
    let stone = deepest_point(&region, 48)
        .map(|(at, depth)| (at, ((depth - 0.4) * 2.0).clamp(1.5, 4.0)))
        .filter(|&(_, size)| size >= 1.5);
    Ok(Plan {
        name: "initial",
        engrave: letter_back(&region),
        region,
        rings,
        letter_mm,
        bridges,
        photo: None,
        stone,
        warnings: Vec::new(),
    })
}

/// Three letters, the middle one larger, overlapping a little; inside a circle they touch.
fn monogram(design: &ShapeDesign, book: &FontBook, stroke: f32) -> Result<Plan, ShapeError> {
    let middle_mm = design.height();
    let side_mm = middle_mm * 0.7;
    let chars: Vec<String> = design.text.chars().map(String::from).collect();
    let mut pieces: Vec<Vec<Contour>> = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        let size = if i == 1 { middle_mm } else { side_mm };
        let contours = letters(book, design.font, c, size, 0.0)?.contours;
        if contours.is_empty() {
            return Err(ShapeError::BadText(format!("letter {} of the monogram has nothing to cut (a space?)", i + 1)));
        }
        pieces.push(contours);
    }
    // Centre each letter vertically, then set them side by side overlapping 6 % of the middle
    // letter's height.
    let boxes: Vec<(Vec2, Vec2)> = pieces.iter().map(contour_bounds).collect();
    let overlap = middle_mm * 0.06;
    let middle_width = boxes[1].1.x - boxes[1].0.x;
    let shifts = [
        Vec2::new(-middle_width / 2.0 + overlap - boxes[0].1.x, -(boxes[0].0.y + boxes[0].1.y) / 2.0),
        Vec2::new(-(boxes[1].0.x + boxes[1].1.x) / 2.0, -(boxes[1].0.y + boxes[1].1.y) / 2.0),
        Vec2::new(middle_width / 2.0 - overlap - boxes[2].0.x, -(boxes[2].0.y + boxes[2].1.y) / 2.0),
    ];
    let contours: Vec<Contour> = pieces
        .iter()
        .zip(shifts)
        .flat_map(|(piece, shift)| {
            piece.iter().map(move |c| c.iter().map(|p| (Vec2::from(*p) + shift).to_array()).collect::<Contour>())
        })
        .collect();
    let letters = unite(&contours);
    // The group centred, so the outer letters reach the circle on both sides.
    let (low, high) = bounds(&letters);
    let centre = (low + high) / 2.0;
    let letters: Region = letters
        .into_iter()
        .map(|shape| {
            shape.into_iter().map(|c| c.into_iter().map(|p| (Vec2::from(p) - centre).to_array()).collect()).collect()
        })
        .collect();
    // The circle: the letters reach into its rim and are trimmed there, so they join it
    // without poking out.
    let reach = letters.iter().flatten().flatten().map(|&p| Vec2::from(p).length()).fold(0.0, f32::max);
    let rim = (0.09 * middle_mm).max(stroke);
    let inner = reach * 0.93;
    let circle = |r: f32, clockwise: bool| -> Contour {
        let mut points: Contour = mesh::circle(2.0 * r, 128).into_iter().map(|(p, _)| p.to_array()).collect();
        if clockwise {
            points.reverse();
        }
        points
    };
    let mut region = if design.outline.trim().eq_ignore_ascii_case("none") {
        letters // free: the letters alone
    } else {
        let trimmed = intersect(&letters, &[circle(inner + rim / 2.0, false)]);
        add(&trimmed, &[circle(inner + rim, false), circle(inner, true)])
    };
    let bridges = join_pieces(&mut region, stroke)?.len();
    let rings = vec![top_ring(&region)];
    Ok(Plan {
        name: "monogram",
        region,
        rings,
        letter_mm: middle_mm,
        bridges,
        photo: None,
        engrave: None,
        stone: None,
        warnings: Vec::new(),
    })
}

/// The largest rectangle of `aspect` (width / height) centred at `centre` that stays inside
/// the region: its size, mm.
fn inscribed(region: &Region, centre: Vec2, aspect: f32) -> Vec2 {
    let (low, high) = bounds(region);
    let fits = |h: f32| {
        let half = Vec2::new(h * aspect, h) / 2.0;
        (0..=8).all(|i| {
            let t = i as f32 / 8.0 * 2.0 - 1.0;
            [Vec2::new(t, 1.0), Vec2::new(t, -1.0), Vec2::new(1.0, t), Vec2::new(-1.0, t)]
                .iter()
                .all(|&k| region::contains(region, centre + half * k))
        })
    };
    let (mut lo, mut hi) = (0.0, high.y - low.y);
    for _ in 0..20 {
        let mid = (lo + hi) / 2.0;
        if fits(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Vec2::new(lo * aspect, lo)
}

/// The back of a letter: the larger of a 3:1 rectangle across or up the letter where it is
/// broadest (up a stem, the lettering runs along it, as on a vertical bar); none under 1.5 mm
/// across, where no date fits.
fn letter_back(region: &Region) -> Option<EngravingFace> {
    let (centre, _) = deepest_point(region, 48)?;
    let across = inscribed(region, centre, 3.0);
    let up = inscribed(region, centre, 1.0 / 3.0);
    let (size, upright) =
        if up.x * up.y > across.x * across.y { (Vec2::new(up.y, up.x), true) } else { (across, false) };
    (size.y >= 1.5).then_some(EngravingFace { centre, size, upright, front: false })
}

fn custom(design: &ShapeDesign, stroke: f32) -> Result<Plan, ShapeError> {
    let height = design.height();
    let contours = outline_contours(&design.outline, height)?;
    let mut region = region::unite_even_odd(&contours);
    if region.is_empty() {
        return Err(ShapeError::BadOutline("it has no area".into()));
    }
    let bridges = join_pieces(&mut region, stroke)?.len();
    let rim = 1.5f32.max(stroke);
    let face = offset(&region, -rim);
    if face.is_empty() || region::area(&face) < 16.0 {
        return Err(ShapeError::BadOutline(format!(
            "it is too small or too narrow for a {rim:.1} mm rim with a {} inside",
            design.inset.name()
        )));
    }
    let engrave = {
        let (low, high) = bounds(&face);
        let centre = (low + high) / 2.0;
        let size = inscribed(&face, centre, 1.4);
        (size.min_element() >= 3.0).then_some(EngravingFace { centre, size, upright: false, front: true })
    };
    let (photo, engrave) = match design.inset {
        Inset::Photo => (Some(face), engrave),
        Inset::Engraving => (None, engrave),
    };
    let rings = vec![top_ring(&region)];
    Ok(Plan {
        name: "charm",
        region,
        rings,
        letter_mm: 0.0,
        bridges,
        photo,
        engrave,
        stone: None,
        warnings: Vec::new(),
    })
}
