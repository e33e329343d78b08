//! The slot convention's words (models/README.md): how every slot finder (stones, engraving,
//! photos, hinges, chain rings) and the merchant checker read a node name, what a name's first
//! word marks it as, and the stone size a gem mark names (the loader frames stones not yet set).

use glam::{Mat4, Vec3};

/// Stone size when a slot name gives none.
pub const DEFAULT_SIZE_MM: f32 = 4.0;
/// Sizes outside this range are clamped (a slot name typo must not produce a 2 m stone).
pub const SIZE_RANGE_MM: (f32, f32) = (1.0, 20.0);

/// What a node is marked as, by the first word of its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    /// `gem_…`: a stone setting.
    Stone,
    /// `engrave_…` (or `engraving_…`): an engraving area.
    Engraving,
    /// `photo_…`: a photo area.
    Photo,
    /// `hinge_…`: a locket's hinge.
    Hinge,
    /// `jump…`, `bail…`, `ring…`: where a chain runs through.
    Ring,
}

/// What `name` marks its node as; `None` for a plain node.
pub fn mark_kind(name: &str) -> Option<MarkKind> {
    Some(match mark_words(name).first()?.as_str() {
        "gem" => MarkKind::Stone,
        "engrave" | "engraving" => MarkKind::Engraving,
        "photo" => MarkKind::Photo,
        "hinge" => MarkKind::Hinge,
        "jump" | "bail" | "ring" => MarkKind::Ring,
        _ => return None,
    })
}

/// The stone size a gem mark's words name (`6.5mm`; the last one wins), clamped to
/// [`SIZE_RANGE_MM`]; [`DEFAULT_SIZE_MM`] when none does.
pub fn stone_size_mm(words: &[String]) -> f32 {
    let mut size_mm = DEFAULT_SIZE_MM;
    for word in words {
        if let Some(value) = word.strip_suffix("mm").and_then(|v| v.parse::<f32>().ok()) {
            if value.is_finite() {
                size_mm = value.clamp(SIZE_RANGE_MM.0, SIZE_RANGE_MM.1);
            }
        }
    }
    size_mm
}

/// Stone-local units (girdle half-width 1) to the slot node's units (metres).
pub fn slot_scale(size_mm: f32) -> Mat4 {
    Mat4::from_scale(Vec3::splat(size_mm / 2000.0))
}

/// The words of a node name as the slot convention reads them: lower case, split at `_`, `-`
/// and spaces, without Blender's duplicate suffix (`.` and three digits: `gem.001` → `gem`;
/// `gem_heart_6.5mm` keeps its decimal point).
pub fn mark_words(name: &str) -> Vec<String> {
    let name = name.to_ascii_lowercase();
    let base = match name.rsplit_once('.') {
        Some((head, tail)) if tail.len() == 3 && tail.chars().all(|c| c.is_ascii_digit()) => head,
        _ => name.as_str(),
    };
    base.split(['_', '-', ' ']).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_words_mark_slots_and_sizes_are_clamped() {
        assert_eq!(mark_kind("Gem_oval_6mm.002"), Some(MarkKind::Stone));
        assert_eq!(mark_kind("engraving-back"), Some(MarkKind::Engraving));
        assert_eq!(mark_kind("bail"), Some(MarkKind::Ring));
        assert_eq!(mark_kind("gemstone"), None);
        let words = |name: &str| mark_words(name);
        assert_eq!(stone_size_mm(&words("gem_round")), DEFAULT_SIZE_MM);
        assert_eq!(stone_size_mm(&words("gem_6.5mm_bezel")), 6.5);
        assert_eq!(stone_size_mm(&words("gem_900mm")), SIZE_RANGE_MM.1);
    }

    #[test]
    fn splits_lowercases_and_drops_blender_suffixes() {
        assert_eq!(mark_words("Gem_Heart-6.5mm.001"), ["gem", "heart", "6.5mm"]);
        assert_eq!(mark_words("photo  front"), ["photo", "front"]);
        assert_eq!(mark_words("ring.12"), ["ring.12"]);
    }
}
