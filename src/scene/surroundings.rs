//! What the scene draws around the pendant: worn, the display bust and the chain lying on it;
//! in the studio, a coin standing beside it for scale. Rebuilt when the view, the body, the
//! coin, the chain or the model changes.

use crate::chain::{Chain, ChainAnchor};
use crate::model::{Image, PendantModel, Sampler, Texture, TextureRef, UvTransform};
use crate::size::Coin;
use crate::worn::{wear, BodySize, Bust, ViewMode, Worn};

/// The view and what it puts around the pendant.
#[derive(Debug, Default)]
pub(super) struct Surroundings {
    pub(super) view: ViewMode,
    pub(super) body: BodySize,
    pub(super) coin_chosen: Option<Coin>,
    /// The pendant on the bust, while the view is worn and there is a model.
    pub(super) worn: Option<Worn>,
    /// The bust drawn (with where the chain rests on it), its mesh kept while the body size
    /// stays.
    bust: Option<(BodySize, PendantModel)>,
    /// The coin standing beside the model in the studio.
    pub(super) coin: Option<PendantModel>,
}

impl Surroundings {
    /// Builds them again for `model` hanging on `chain` from `anchor`. Returns whether
    /// anything drawn changed (a coin or a worn view came, went or moved).
    pub(super) fn rebuild(&mut self, model: Option<&PendantModel>, anchor: Option<&ChainAnchor>, chain: Chain) -> bool {
        let had = self.coin.is_some() || self.worn.is_some();
        self.coin = match (self.view, self.coin_chosen, model) {
            (ViewMode::Studio, Some(coin), Some(model)) => Some(coin.beside(&model.bounds)),
            _ => None,
        };
        self.worn = match (self.view, model) {
            (ViewMode::Worn, Some(model)) => Some(wear(model, anchor, chain, self.body)),
            _ => None,
        };
        if self.worn.is_some() && self.bust.as_ref().map(|(body, _)| *body) != Some(self.body) {
            self.bust = Some((self.body, Bust::new(self.body.neck_cm()).model()));
        }
        if let (Some(worn), Some((_, bust))) = (&self.worn, &mut self.bust) {
            rest_on(bust, worn.shadow.clone());
        }
        had || self.coin.is_some() || self.worn.is_some()
    }

    /// The models drawn, each with whether it takes the pendant's finish (the chain does; the
    /// bust and the coin keep their own materials).
    pub(super) fn models(&self) -> Vec<(&PendantModel, bool)> {
        match (&self.worn, &self.bust) {
            (Some(worn), Some((_, bust))) => vec![(bust, false), (&worn.chain, true)],
            _ => self.coin.iter().map(|coin| (coin, false)).collect(),
        }
    }
}

/// Puts `shadow` in the bust's occlusion slot (replacing the last one).
fn rest_on(bust: &mut PendantModel, shadow: Image) {
    bust.images = vec![shadow];
    bust.textures = vec![Texture { image: 0, sampler: Sampler::default() }];
    for material in &mut bust.materials {
        material.occlusion_texture = Some(TextureRef { texture: 0, tex_coord: 0, transform: UvTransform::default() });
        material.occlusion_strength = 1.0;
    }
}
