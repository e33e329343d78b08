//! The slot convention a merchant's model follows (models/README.md), and the checker behind
//! `pendant-viewer check`: which personalizable areas a model marks, and actionable messages
//! for what is wrong. Only node names are read, so any exporter keeps the marks.
//!
//! Version 2 marks:
//! - `gem[_<cut>][_<size>mm]`: an empty node where a stone is set (see [`crate::stones::setting`]);
//! - `engrave_<side>[_<w>x<h>mm][_round]`: a node at the centre of an engraving area, +Z out
//!   of the surface (see [`crate::engraving::slot`]), side one of front, back, left, right,
//!   top, bottom; the size from the name or the node's mesh;
//! - `photo_<mask>[_<w>x<h>mm]`: a mesh whose UV0 spans the photo, mask one of circle, heart,
//!   oval, rect;
//! - `hinge[_<degrees>deg]`: a node whose children swing open about its +Y axis (see
//!   [`crate::hinge`]);
//! - metal parts: materials with metallic ≥ 0.5.

use glam::{Vec2, Vec3};

use crate::attachment::gaps;
use crate::engraving::slot::{mesh_extent_mm, parse_engraving_name, parse_size, SIDES};
use crate::hinge::{parse_hinge_name, DEFAULT_OPEN_DEG};
use crate::model::marks::mark_words;
use crate::model::PendantModel;
use crate::photo::slot::{measure, AreaMeasure, PhotoMask};
use crate::stones::setting::{parse_slot_name, setting_word, Setting, SlotName, PRONG_RANGE};

/// The version of the convention this checker implements.
pub const CONVENTION_VERSION: u32 = 3;
/// Above this many triangles a pendant still loads (the load budget's limit is 3,000,000) but
/// turns slowly on a phone or a software renderer: docs/models.md has the measured basis (a
/// 787,072-triangle disc: first frame 2.1 s, under 1 frame/s on this machine's SwiftShader,
/// against 0.9 s and 14 frames/s for our 3,712-triangle disc). A warning, naming the gltfpack
/// command that simplifies within a jeweller's tolerance.
pub const SMOOTH_TRIANGLES: usize = 250_000;
/// Above this a .glb still loads (the load budget's limit is 64 MiB) but downloads longer than
/// the viewer's own code: a warning.
pub const QUICK_FILE_BYTES: usize = 1 << 20;
/// Photo masks.
pub const MASKS: [&str; 4] = PhotoMask::NAMES;

/// A personalizable area found in a model.
#[derive(Debug, Clone, PartialEq)]
pub enum Slot {
    /// A stone setting.
    Gem {
        /// Node name.
        node: String,
        /// Girdle width in mm.
        size_mm: f32,
        /// Held by prongs (else a bezel).
        prongs: bool,
    },
    /// An engraving area.
    Engraving {
        /// Node name.
        node: String,
        /// Which face.
        side: String,
        /// Physical width × height in mm.
        size_mm: Vec2,
        /// An ellipse inscribed in the size.
        round: bool,
    },
    /// A photo area.
    Photo {
        /// Node name.
        node: String,
        /// Mask shape.
        mask: String,
        /// Physical width × height in mm.
        size_mm: Vec2,
    },
    /// A hinge.
    Hinge {
        /// Node name.
        node: String,
        /// How far it opens.
        open_deg: f32,
    },
}

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Works, but probably not as the artist meant.
    Warning,
    /// The viewer cannot use this mark or model as intended.
    Error,
}

/// One finding, phrased as what to do.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// How bad.
    pub severity: Severity,
    /// The message, naming the node or figure concerned.
    pub message: String,
}

/// What the checker found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// The marks the viewer will use.
    pub slots: Vec<Slot>,
    /// Problems, errors first.
    pub findings: Vec<Finding>,
    /// Triangles drawn.
    pub triangles: usize,
    /// Bounding box size in mm.
    pub size_mm: Vec3,
}

impl Report {
    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    fn error(&mut self, message: String) {
        self.findings.push(Finding { severity: Severity::Error, message });
    }

    fn warn(&mut self, message: String) {
        self.findings.push(Finding { severity: Severity::Warning, message });
    }
}

/// Checks `model` (loaded from a file of `file_bytes` bytes) against the convention.
pub fn check_model(model: &PendantModel, file_bytes: usize) -> Report {
    let mut report = Report { size_mm: (model.bounds.max - model.bounds.min) * 1000.0, ..Report::default() };
    report.triangles = model
        .nodes
        .iter()
        .filter_map(|n| n.mesh.and_then(|m| model.meshes.get(m)))
        .flat_map(|mesh| &mesh.primitives)
        .map(|p| p.indices.len() / 3)
        .sum();

    let largest = report.size_mm.max_element();
    if !(5.0..=80.0).contains(&largest) {
        report.error(format!(
            "the model is {largest:.1} mm at its largest; a pendant is 5–80 mm: glTF units are metres (a 20 mm disc is 0.02 units)"
        ));
    }
    if report.triangles > SMOOTH_TRIANGLES {
        report.warn(format!(
            "{} triangles: it loads, but turns slowly on phones (over {SMOOTH_TRIANGLES}); a pendant needs far fewer \
             to look the same: `gltfpack -i IN.glb -o OUT.glb -si 0.25 -se 0.0005 -kn -km -kv -vtf` keeps \
             its outline within a hundredth of a millimetre",
            report.triangles
        ));
    }
    if file_bytes > QUICK_FILE_BYTES {
        report.warn(format!(
            "the file is {file_bytes} bytes: it loads, but downloads longer than the viewer (over 1 MiB)"
        ));
    }
    if !model.materials.iter().any(|m| m.is_metal()) {
        report.warn("no material has metallicFactor >= 0.5, so no part will take the shopper's metal".into());
    }
    for warning in &model.warnings {
        report.warn(warning.clone());
    }
    for gap in gaps(model) {
        report.warn(gap.to_string());
    }

    for (index, node) in model.nodes.iter().enumerate() {
        let Some(name) = node.name.as_deref() else { continue };
        let words = mark_words(name);
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        match words.first().copied().unwrap_or_default() {
            "gem" => check_gem(&mut report, name),
            "engrave" | "engraving" => check_engraving(&mut report, model, index, name),
            "photo" => check_photo(&mut report, model, index, name, &words),
            "hinge" => check_hinge(&mut report, model, index, name),
            _ => {}
        }
    }
    report.findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    report
}

fn check_gem(report: &mut Report, name: &str) {
    let Some(SlotName { size_mm, setting, .. }) = parse_slot_name(name) else {
        report.warn(format!("node '{name}' starts like a gem slot but is not one; use gem_<cut>_<size>mm"));
        return;
    };
    for word in mark_words(name).iter().skip(1) {
        let known = crate::stones::cut::Cut::named(word).is_some()
            || setting_word(word).is_some()
            || word.strip_suffix("mm").is_some_and(|v| v.parse::<f32>().is_ok());
        if !known {
            report.error(format!(
                "gem slot '{name}': '{word}' is neither a cut (round, oval, princess, heart), a setting \
                 (bezel, prong, 4prong) nor a size like 4mm"
            ));
            continue;
        }
        let asked = word.trim_end_matches('s').strip_suffix("prong").and_then(|n| n.parse::<u32>().ok());
        if let Some(count) = asked.filter(|n| !(PRONG_RANGE.0 as u32..=PRONG_RANGE.1 as u32).contains(n)) {
            let made = count.clamp(PRONG_RANGE.0 as u32, PRONG_RANGE.1 as u32);
            report.warn(format!(
                "gem slot '{name}': {count} prongs asked; {made} will be made ({}–{} are possible)",
                PRONG_RANGE.0, PRONG_RANGE.1
            ));
        }
    }
    report.slots.push(Slot::Gem { node: name.to_string(), size_mm, prongs: matches!(setting, Setting::Prongs(_)) });
}

fn check_engraving(report: &mut Report, model: &PendantModel, index: usize, name: &str) {
    let Some(mark) = parse_engraving_name(name) else { return };
    let Some(side) = mark.side else {
        report.error(format!("engraving slot '{name}' needs a side: one of {}", SIDES.join(", ")));
        return;
    };
    if !SIDES.contains(&side.as_str()) {
        report.error(format!("engraving slot '{name}': side '{side}' is unknown; expected {}", SIDES.join(", ")));
        return;
    }
    for word in &mark.unknown {
        report.error(format!(
            "engraving slot '{name}': '{word}' is not understood; after the side come a size like 16x8mm and optionally 'round'"
        ));
    }
    let Some(size_mm) = mark.size_mm.or_else(|| mesh_extent_mm(model, index)) else {
        report.error(format!(
            "engraving slot '{name}' is an empty node without a size; name it e.g. engrave_{side}_16x8mm (width × height of the area)"
        ));
        return;
    };
    warn_if_small(report, "engraving slot", name, size_mm);
    report.slots.push(Slot::Engraving { node: name.to_string(), side, size_mm, round: mark.round });
}

fn warn_if_small(report: &mut Report, what: &str, name: &str, size_mm: Vec2) {
    if size_mm.min_element() < 2.0 {
        report.warn(format!(
            "{what} '{name}' is {:.1} × {:.1} mm; below 2 mm little can be engraved or printed legibly",
            size_mm.x, size_mm.y
        ));
    }
}

fn check_photo(report: &mut Report, model: &PendantModel, index: usize, name: &str, words: &[&str]) {
    let what = "photo slot";
    let Some(&mask) = words.get(1) else {
        report.error(format!("{what} '{name}' needs a mask: one of {}", MASKS.join(", ")));
        return;
    };
    if !MASKS.contains(&mask) {
        report.error(format!("{what} '{name}': mask '{mask}' is unknown; expected {}", MASKS.join(", ")));
        return;
    }
    let Some(mesh) = model.nodes[index].mesh.and_then(|m| model.meshes.get(m)) else {
        report.error(format!("{what} '{name}' has no mesh; the area is a mesh whose UVs span it"));
        return;
    };
    if mesh.primitives.iter().any(|p| !p.has_uv0) {
        report.error(format!("{what} '{name}' has no UVs (TEXCOORD_0); unwrap it so UV 0..1 spans the area"));
        return;
    }
    let Some(AreaMeasure { size_mm: measured, uv_low, uv_high }) = measure(model, index) else {
        report.error(format!("{what} '{name}' has an empty mesh"));
        return;
    };
    let size_mm = words.iter().find_map(|w| parse_size(w)).unwrap_or(measured);
    let uv_extent = uv_high - uv_low;
    if uv_low.min_element() < -0.01 || uv_high.max_element() > 1.01 {
        report.error(format!(
            "{what} '{name}': its UVs run from {uv_low:.2} to {uv_high:.2}; keep them within 0..1 so the photo maps onto the area"
        ));
    } else if uv_extent.min_element() < 0.5 {
        report.warn(format!(
            "{what} '{name}': its UVs cover only {:.0} × {:.0} % of 0..1; the photo will be drawn small",
            uv_extent.x * 100.0,
            uv_extent.y * 100.0
        ));
    }
    let physical_aspect = size_mm.x.max(size_mm.y) / size_mm.x.min(size_mm.y).max(1e-6);
    let uv_aspect = uv_extent.max_element() / uv_extent.min_element().max(1e-6);
    if (physical_aspect / uv_aspect - 1.0).abs() > 0.1 {
        report.warn(format!(
            "{what} '{name}' is {:.1} × {:.1} mm but its UVs are {:.2} × {:.2}: the photo will be stretched (scale the UVs to the area's proportions)",
            size_mm.x, size_mm.y, uv_extent.x, uv_extent.y
        ));
    }
    warn_if_small(report, what, name, size_mm);
    report.slots.push(Slot::Photo { node: name.to_string(), mask: mask.to_string(), size_mm });
}

fn check_hinge(report: &mut Report, model: &PendantModel, index: usize, name: &str) {
    let open_deg = match parse_hinge_name(name) {
        Some(Ok(degrees)) => degrees,
        Some(Err(word)) => {
            report.error(format!("hinge '{name}': '{word}' is not an opening angle like 160deg (1–270)"));
            DEFAULT_OPEN_DEG
        }
        None => return,
    };
    let moves_a_mesh = model.nodes.iter().enumerate().any(|(i, n)| n.mesh.is_some() && descends_from(model, i, index));
    if !moves_a_mesh {
        report.error(format!(
            "hinge '{name}' has no child meshes; parent the part that opens (e.g. the locket's lid) to it"
        ));
    }
    report.slots.push(Slot::Hinge { node: name.to_string(), open_deg });
}

fn descends_from(model: &PendantModel, mut node: usize, ancestor: usize) -> bool {
    while let Some(parent) = model.nodes[node].parent {
        if parent == ancestor {
            return true;
        }
        node = parent;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("16x8mm"), Some(Vec2::new(16.0, 8.0)));
        assert_eq!(parse_size("16x8"), None);
        assert_eq!(parse_size("0x8mm"), None);
        assert_eq!(parse_size("axbmm"), None);
    }
}
