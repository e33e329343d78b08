//! What the scene reads from a model once, when it loads: where its stones, engraving and
//! photo areas, hinges and chain rings are, the metal its bezels take without a finish, and
//! its contact shadow (closed and, for a locket, open). Nothing downstream looks for slots
//! again.

use crate::chain::ChainAnchor;
use crate::engraving::slot::{find_engraving_slots, EngravingSlot, MAX_ENGRAVING_AREAS};
use crate::finish::{Finish, MetalAppearance};
use crate::hinge::{find_hinges, swept_bounds, Hinge};
use crate::model::{Bounds, PendantModel};
use crate::photo::{photo_slots, PhotoSlot};
use crate::stones::setting::{find_gem_slots, GemSlot};
use crate::studio::shadow::{contact_shadow, swinging_contact_shadow, ContactShadow};

/// A model's slots and the rest the scene finds once per model.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Stone settings.
    pub gems: Vec<GemSlot>,
    /// Engraving areas (at most [`MAX_ENGRAVING_AREAS`]).
    pub engraving: Vec<EngravingSlot>,
    /// Photo areas, in node order.
    pub photos: Vec<PhotoSlot>,
    /// A locket's hinges (empty: the model does not open).
    pub hinges: Vec<Hinge>,
    /// Where a chain hangs from (`None`: the model has no ring).
    pub chain_anchor: Option<ChainAnchor>,
    /// The metal bezels take until a finish is chosen: the model's first metal material.
    pub metal: Option<MetalAppearance>,
    /// The contact shadow as modelled (closed).
    pub shadow: Option<ContactShadow>,
    /// A locket's shadow opacity fully open, blended with the closed one as it swings.
    pub open_shadow: Option<Vec<u8>>,
    /// The box around the model closed and fully open (the closed box for a model that
    /// does not open).
    pub swept: Bounds,
}

impl Analysis {
    /// Reads `model`'s slots and bakes its contact shadow.
    pub fn of(model: &PendantModel) -> Self {
        let mut engraving = find_engraving_slots(model);
        engraving.truncate(MAX_ENGRAVING_AREAS);
        let hinges = find_hinges(model);
        let (shadow, open_shadow) = match swinging_contact_shadow(model, &hinges) {
            Some((closed, open)) => (Some(closed), Some(open)),
            None => (contact_shadow(model), None),
        };
        let metal = model.materials.iter().find(|m| m.is_metal()).map(|m| MetalAppearance {
            base_color: [m.base_color_factor[0], m.base_color_factor[1], m.base_color_factor[2]],
            roughness: m.roughness_factor,
            anisotropy: 0.0,
        });
        Self {
            gems: find_gem_slots(model),
            engraving,
            photos: photo_slots(model),
            hinges: hinges.clone(),
            chain_anchor: ChainAnchor::of(model),
            metal,
            shadow,
            open_shadow,
            swept: swept_bounds(model, &hinges),
        }
    }

    /// The metal of bezels and prongs under `finish` (`None`: the model's own metal).
    pub fn setting_metal(&self, finish: Option<Finish>) -> MetalAppearance {
        finish.map(Finish::appearance).or(self.metal).unwrap_or_else(|| Finish::DEFAULT.appearance())
    }

    /// The index of the engraving area on `side` (`front`, `back`, …; any case, surrounding
    /// spaces ignored).
    pub fn engraving_index(&self, side: &str) -> Option<usize> {
        self.engraving.iter().position(|slot| slot.side.eq_ignore_ascii_case(side.trim()))
    }
}
