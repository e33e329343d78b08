//! What changed in the scene since the renderer last synced: the renderer uploads only that.

/// The parts of the scene that changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changes {
    /// A new model (everything on it is new: slots, shadow, photos kept by area).
    pub model: bool,
    /// The metal finish.
    pub finish: bool,
    /// The model's material variant (KHR_materials_variants).
    pub variant: bool,
    /// The stone in the settings.
    pub stone: bool,
    /// The chain (or none).
    pub chain: bool,
    /// The lid's pose, or where the pendant is worn.
    pub pose: bool,
    /// What is drawn around the pendant: the view (studio or worn), the bust and the worn
    /// chain, the coin beside it.
    pub surroundings: bool,
    /// Photo areas whose photo was set or taken out (ascending, no repeats).
    pub photos: Vec<usize>,
    /// Photo areas whose photo was only re-placed (crop, tone, cover).
    pub photo_designs: Vec<usize>,
    /// Engraving areas whose lettering changed.
    pub engravings: Vec<usize>,
}

impl Changes {
    /// Whether anything changed at all.
    pub fn any(&self) -> bool {
        *self != Self::default()
    }

    pub(super) fn mark(list: &mut Vec<usize>, index: usize) {
        if let Err(at) = list.binary_search(&index) {
            list.insert(at, index);
        }
    }
}
