//! The scene: what the shopper chose, on which model, and how it moves. Pure, between the web
//! layer (which only adapts the element's calls to it) and the GPU layer (which uploads what
//! [`Scene::take_changes`] says changed and draws). Stills, goldens and the page take the
//! same path: design → scene → renderer.
//!
//! It finds a model's slots once ([`Analysis`]), frames it (hinges swept, stones, the chain's
//! V), keeps the shopper's photos across models by area, checks engravings and photos before
//! anything is uploaded, and moves a locket's lid.

mod analysis;
mod changes;
mod design;
mod lid;
mod surroundings;

pub use analysis::Analysis;
pub use changes::Changes;
pub use design::ShowError;
pub use lid::{LidMotion, OPEN_DURATION_S};

use glam::{Mat4, Vec2};

use crate::chain::{Chain, ChainStyle, DEFAULT_LENGTH_IN};
use crate::engraving::{CutFinish, EngravingError, HeightField};
use crate::finish::Finish;
use crate::hinge::posed_world_transforms;
use crate::model::{Bounds, Image, PendantModel};
use crate::photo::inspect::fitted_size;
use crate::photo::{PhotoDesign, PhotoError, PhotoWindow, TEXTURE_SIDE};
use crate::size::{metal_volume, Coin, MetalVolume, WeightUnknown};
use crate::stones::setting::{slot_scale, GemSlot};
use crate::stones::Stone;
use crate::studio::shadow::blend_opacity;
use crate::worn::{BodySize, ViewMode, Worn};

use surroundings::Surroundings;

/// Space framed above a pendant on a chain, metres: the chain's V shows.
pub const CHAIN_HEADROOM_M: f32 = 0.005;

/// A shopper's photo in one area: the upright pixels and how they are placed.
#[derive(Debug, Clone, PartialEq)]
pub struct KeptPhoto {
    /// Upright RGBA8, within [`TEXTURE_SIDE`].
    pub image: Image,
    /// Crop, tone and cover.
    pub design: PhotoDesign,
}

/// Lettering cut into one engraving area.
#[derive(Debug, Clone, PartialEq)]
pub struct Cut {
    /// The heights the engraving module made.
    pub field: HeightField,
    /// Bright or oxidized floor.
    pub finish: CutFinish,
}

/// What is shown.
#[derive(Debug, Default)]
pub struct Scene {
    model: Option<PendantModel>,
    analysis: Analysis,
    finish: Option<Finish>,
    /// The material variant asked for, kept across models (`None`: as authored).
    variant: Option<String>,
    stone: Option<Stone>,
    chain: Option<Chain>,
    /// By photo area number, kept across models (a locket's photos come back when the shopper
    /// returns to a locket).
    photos: Vec<Option<KeptPhoto>>,
    /// By engraving area of the current model.
    cuts: Vec<Option<Cut>>,
    lid: LidMotion,
    /// Whether the lid has moved since the model loaded (until then, slots are as loaded).
    posed: bool,
    /// Worn or in the studio, and what that puts around the pendant.
    surroundings: Surroundings,
    changes: Changes,
    /// The current model's metal, measured on first request (a shop's page asks on every
    /// design change); cleared with a new model or variant.
    metal: std::cell::OnceCell<Result<MetalVolume, WeightUnknown>>,
}

impl Scene {
    /// An empty scene: no model, the model's own materials, no stone, no chain.
    pub fn new() -> Self {
        Self::default()
    }

    /// Shows `model` (closed; its engraving areas blank; the shopper's photos back in its
    /// photo areas).
    pub fn set_model(&mut self, mut model: PendantModel) {
        if !model.select_variant(self.variant.as_deref()) {
            model.select_variant(None);
        }
        self.analysis = Analysis::of(&model);
        self.model = Some(model);
        self.metal = std::cell::OnceCell::new();
        self.cuts = vec![None; self.analysis.engraving.len()];
        self.lid.close_now();
        self.posed = false;
        self.changes = Changes { model: true, ..Changes::default() };
        self.rewear();
    }

    /// The model shown.
    pub fn model(&self) -> Option<&PendantModel> {
        self.model.as_ref()
    }

    /// The current model's slots, hinges, rings and shadow.
    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    /// Shows this and later models in their material variant `name` (KHR_materials_variants;
    /// `None`: as authored). False when the current model has no such variant: it shows as
    /// authored, and a later model that has it shows it.
    pub fn set_variant(&mut self, name: Option<&str>) -> bool {
        self.variant = name.map(str::to_string);
        let Some(model) = self.model.as_mut() else { return true };
        let known = model.select_variant(name);
        if !known {
            model.select_variant(None);
        }
        self.metal = std::cell::OnceCell::new(); // a variant may make a part metal or not
        self.changes.variant = true;
        known
    }

    /// The current model's metal volume, or why it is unknown (`None`: no model). Measured
    /// once per model and variant: linear in the triangles.
    pub fn metal_volume(&self) -> Option<&Result<MetalVolume, WeightUnknown>> {
        let model = self.model.as_ref()?;
        Some(self.metal.get_or_init(|| metal_volume(model)))
    }

    /// The current model's material variants, by name (empty: it has none).
    pub fn variants(&self) -> &[String] {
        self.model.as_ref().map_or(&[], |m| &m.variants)
    }

    /// Every metal part of this and later models in `finish` (`None`: as authored).
    pub fn set_finish(&mut self, finish: Option<Finish>) {
        self.finish = finish;
        self.changes.finish = true;
    }

    /// The finish chosen.
    pub fn finish(&self) -> Option<Finish> {
        self.finish
    }

    /// `stone` in every setting of this and later models (`None`: empty settings, not drawn).
    pub fn set_stone(&mut self, stone: Option<Stone>) {
        self.stone = stone;
        self.changes.stone = true;
    }

    /// The stone chosen.
    pub fn stone(&self) -> Option<Stone> {
        self.stone
    }

    /// Hangs this and later models on `chain` (`None`: no chain), from their rings.
    pub fn set_chain(&mut self, chain: Option<Chain>) {
        self.chain = chain;
        self.changes.chain = true;
        self.rewear();
    }

    /// Shows the pendant in the studio or worn on a display bust of `body`'s size.
    pub fn set_view(&mut self, view: ViewMode, body: BodySize) {
        if (view, body) != (self.surroundings.view, self.surroundings.body) {
            (self.surroundings.view, self.surroundings.body) = (view, body);
            self.rewear();
        }
    }

    /// Studio or worn.
    pub fn view(&self) -> ViewMode {
        self.surroundings.view
    }

    /// The body size the worn view uses.
    pub fn body(&self) -> BodySize {
        self.surroundings.body
    }

    /// The pendant worn (while the view is worn and there is a model).
    pub fn worn(&self) -> Option<&Worn> {
        self.surroundings.worn.as_ref()
    }

    /// The chain worn: the one chosen, else the 18 in cable a pendant is sold on.
    pub fn worn_chain(&self) -> Chain {
        self.chain.unwrap_or(Chain { style: ChainStyle::Cable, length_in: DEFAULT_LENGTH_IN })
    }

    /// Stands `coin` beside this and later models in the studio (`None`: no coin).
    pub fn set_size_reference(&mut self, coin: Option<Coin>) {
        if coin != self.surroundings.coin_chosen {
            self.surroundings.coin_chosen = coin;
            self.rewear();
        }
    }

    /// The coin chosen.
    pub fn size_reference(&self) -> Option<Coin> {
        self.surroundings.coin_chosen
    }

    /// What is drawn around the pendant: the bust and the worn chain, or the coin; each with
    /// whether it takes the pendant's finish (the chain does; the bust and the coin keep
    /// their own materials).
    pub fn surroundings(&self) -> Vec<(&PendantModel, bool)> {
        self.surroundings.models()
    }

    /// Hangs the model on the bust again, or stands the coin beside it (view, body, coin,
    /// chain or model changed); the worn pendant is posed where it hangs.
    fn rewear(&mut self) {
        let chain = self.worn_chain();
        if self.surroundings.rebuild(self.model.as_ref(), self.analysis.chain_anchor.as_ref(), chain) {
            self.changes.surroundings = true;
            self.changes.pose = true;
            self.posed = true;
        }
    }

    /// The chain chosen.
    pub fn chain(&self) -> Option<Chain> {
        self.chain
    }

    /// What the camera frames. Worn: the neck and chest down past the longest chain, the same
    /// for every length. In the studio: the model as far open as it is now (a closed locket
    /// fills the view, an opening one stays in it), with room above for the chain's V when it
    /// hangs on one. `None` without a model.
    pub fn framing_bounds(&self) -> Option<Bounds> {
        let model = self.model.as_ref()?;
        if let Some(worn) = self.worn() {
            return Some(worn.framing);
        }
        let (closed, open, t) = (model.bounds, self.analysis.swept, self.opening());
        let mut bounds = Bounds { min: closed.min.lerp(open.min, t), max: closed.max.lerp(open.max, t) };
        if self.chain.is_some() && self.analysis.chain_anchor.is_some() {
            bounds.max.y += CHAIN_HEADROOM_M;
        }
        if let Some(coin) = &self.surroundings.coin {
            bounds.include_bounds(&coin.bounds);
        }
        Some(bounds)
    }

    /// Opens (true) or closes a locket; [`Scene::advance`] moves it.
    pub fn set_open(&mut self, open: bool) {
        self.lid.set_open(open);
    }

    /// Puts a locket's lid at `fraction` (0 closed … 1 open; eased as the motion is) at once,
    /// for a still; a model without a hinge ignores it.
    pub fn set_opening(&mut self, fraction: f32) {
        self.lid.jump_to(fraction);
        if !self.analysis.hinges.is_empty() {
            self.changes.pose = true;
            self.posed = true;
        }
    }

    /// The lid's motion as it is (to put it back after a still posed it).
    pub fn lid_motion(&self) -> LidMotion {
        self.lid
    }

    /// Puts the lid's motion back as [`Scene::lid_motion`] gave it.
    pub fn restore_lid_motion(&mut self, lid: LidMotion) {
        self.lid = lid;
        if !self.analysis.hinges.is_empty() {
            self.changes.pose = true;
            self.posed = true;
        }
    }

    /// Moves the lid on by `dt_s` seconds. Returns whether it is still moving (another frame
    /// is wanted); a model without a hinge never moves.
    pub fn advance(&mut self, dt_s: f32) -> bool {
        if self.analysis.hinges.is_empty() {
            return false;
        }
        if self.lid.advance(dt_s) {
            self.changes.pose = true;
            self.posed = true;
            return true;
        }
        false
    }

    /// How far open the hinges are posed (eased), 0 closed … 1 open.
    pub fn opening(&self) -> f32 {
        self.lid.eased()
    }

    /// World transforms of the model's nodes as posed now (`None` without a model).
    pub fn posed_transforms(&self) -> Option<Vec<Mat4>> {
        let model = self.model.as_ref()?;
        let mut pose = posed_world_transforms(&model.nodes, &self.analysis.hinges, self.opening());
        if let Some(worn) = self.worn() {
            pose.iter_mut().for_each(|transform| *transform = worn.placement * *transform);
        }
        Some(pose)
    }

    /// The stone settings where they are now (on an opened lid, where the lid is).
    pub fn posed_gem_slots(&self) -> Vec<GemSlot> {
        match self.posed.then(|| self.posed_transforms()).flatten() {
            Some(pose) => self
                .analysis
                .gems
                .iter()
                .map(|slot| GemSlot { transform: pose[slot.index] * slot_scale(slot.size_mm), ..*slot })
                .collect(),
            _ => self.analysis.gems.clone(),
        }
    }

    /// A locket's contact shadow opacity as posed now (`None`: the shadow does not swing).
    pub fn shadow_opacity(&self) -> Option<Vec<u8>> {
        if self.worn().is_some() {
            return None;
        }
        let closed = &self.analysis.shadow.as_ref()?.opacity;
        let open = self.analysis.open_shadow.as_ref()?;
        Some(blend_opacity(closed, open, self.opening()))
    }

    /// Shows `image` (upright RGBA8, within [`TEXTURE_SIDE`]) in photo area `index`, placed by
    /// `design`. Returns the window of the photo the area shows. Refuses an area the model
    /// does not have and pixels that do not match the size; the area then keeps its photo.
    pub fn set_photo(
        &mut self,
        index: usize,
        image: Image,
        design: PhotoDesign,
    ) -> Result<Option<PhotoWindow>, PhotoError> {
        if fitted_size(image.width, image.height, TEXTURE_SIDE) != (image.width, image.height) {
            return Err(PhotoError::TooLarge { width: image.width, height: image.height });
        }
        self.check_area(index)?;
        let expected = image.width as usize * image.height as usize * 4;
        if image.width == 0 || image.height == 0 || image.rgba8.len() != expected {
            let (width, height, got) = (image.width, image.height, image.rgba8.len());
            return Err(PhotoError::BadPixels { width, height, expected, got });
        }
        if self.photos.len() <= index {
            self.photos.resize_with(index + 1, || None);
        }
        let design = PhotoDesign { crop: design.crop.clamped(), ..design };
        self.photos[index] = Some(KeptPhoto { image, design });
        Changes::mark(&mut self.changes.photos, index);
        Ok(self.photo_window(index))
    }

    /// Re-places area `index`'s photo (crop clamped, tone, cover). Returns the window it
    /// shows (`None` while the area has no photo).
    pub fn set_photo_design(&mut self, index: usize, design: PhotoDesign) -> Result<Option<PhotoWindow>, PhotoError> {
        self.check_area(index)?;
        let Some(Some(kept)) = self.photos.get_mut(index) else { return Ok(None) };
        kept.design = PhotoDesign { crop: design.crop.clamped(), ..design };
        Changes::mark(&mut self.changes.photo_designs, index);
        Ok(self.photo_window(index))
    }

    /// Moves area `index`'s photo by `delta` in photo UV, kept covering the area. Refuses an
    /// area without a photo.
    pub fn pan_photo(&mut self, index: usize, delta: Vec2) -> Result<Option<PhotoWindow>, PhotoError> {
        let no_photo = PhotoError::NoSuchArea { index, count: self.analysis.photos.len() };
        let (Some(window), Some(Some(kept))) = (self.photo_window(index), self.photos.get(index)) else {
            return Err(no_photo);
        };
        let design = PhotoDesign { crop: window.panned(kept.design.crop, delta), ..kept.design };
        self.set_photo_design(index, design)
    }

    /// Takes the photo out of area `index` (the area shows its own material again).
    pub fn clear_photo(&mut self, index: usize) {
        if let Some(slot) = self.photos.get_mut(index) {
            *slot = None;
        }
        if index < self.analysis.photos.len() {
            Changes::mark(&mut self.changes.photos, index);
        }
    }

    /// The shopper's photo for area `index`, if any (kept even where the model has no such area).
    pub fn photo(&self, index: usize) -> Option<&KeptPhoto> {
        self.photos.get(index)?.as_ref()
    }

    /// The window of its photo area `index` shows (`None`: no such area or no photo).
    pub fn photo_window(&self, index: usize) -> Option<PhotoWindow> {
        let slot = self.analysis.photos.get(index)?;
        let kept = self.photo(index)?;
        Some(PhotoWindow::new((kept.image.width, kept.image.height), slot.size_mm, kept.design.crop))
    }

    fn check_area(&self, index: usize) -> Result<(), PhotoError> {
        let count = self.analysis.photos.len();
        if index < count {
            Ok(())
        } else {
            Err(PhotoError::NoSuchArea { index, count })
        }
    }

    /// Cuts `field` into the engraving area on `side` with a `finish` floor (`None` clears
    /// it). Refuses a side the model does not have and a field whose pixels do not match its
    /// size; the area then keeps its lettering.
    pub fn set_engraving(&mut self, side: &str, cut: Option<Cut>) -> Result<(), EngravingError> {
        let index = self
            .analysis
            .engraving_index(side)
            .ok_or_else(|| EngravingError::NoArea(side.chars().take(20).collect()))?;
        if let Some(cut) = &cut {
            cut.field.check()?;
        }
        self.cuts[index] = cut;
        Changes::mark(&mut self.changes.engravings, index);
        Ok(())
    }

    /// The lettering in engraving area `index`.
    pub fn cut(&self, index: usize) -> Option<&Cut> {
        self.cuts.get(index)?.as_ref()
    }

    /// What changed since the last call; the renderer uploads exactly that.
    pub fn take_changes(&mut self) -> Changes {
        std::mem::take(&mut self.changes)
    }
}
