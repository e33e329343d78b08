//! The slot convention's words: how every slot finder (stones, engraving, photos, hinges, chain
//! rings) and the merchant checker read a node name.

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
    use super::mark_words;

    #[test]
    fn splits_lowercases_and_drops_blender_suffixes() {
        assert_eq!(mark_words("Gem_Heart-6.5mm.001"), ["gem", "heart", "6.5mm"]);
        assert_eq!(mark_words("photo  front"), ["photo", "front"]);
        assert_eq!(mark_words("ring.12"), ["ring.12"]);
    }
}
