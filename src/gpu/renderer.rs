//! The renderer: draws the current model, lit by the baked studio, into a texture view it is
//! handed (canvas, offscreen texture), with 4× MSAA resolved into that view.

use std::sync::{Arc, OnceLock};

use glam::Mat4;

use crate::camera::OrbitCamera;
use crate::chain::{Chain, ChainAnchor};
use crate::engraving::slot::{area_frame, find_engraving_slots, EngravingSlot};
use crate::engraving::HeightField;
use crate::finish::{Finish, MetalAppearance};
use crate::hinge::{find_hinges, posed_world_transforms, Hinge};
use crate::model::{Image, ModelNode, PendantModel};
use crate::photo::{photo_slots, PhotoDesign, PhotoError, PhotoSlot, PhotoWindow};
use crate::stones::setting::{find_gem_slots, slot_scale, GemSlot};
use crate::stones::Stone;
use crate::studio::backdrop::Backdrop;
use crate::studio::environment::{bake, BakedEnvironment, Studio};
use crate::studio::shadow::{blend_opacity, contact_shadow, swinging_contact_shadow};

use super::engraving::{CutFinish, GpuEngraving};
use super::environment::EnvironmentTextures;
use super::gems::GpuStones;
use super::model::GpuModel;
use super::photo::GpuPhotos;
use super::pipelines::{Pipelines, DEPTH_FORMAT};
use super::shadow::GpuShadow;
use super::uniforms::FrameUniforms;

/// Multisample count (4× is guaranteed for renderable formats on WebGPU and WebGL2).
pub const SAMPLE_COUNT: u32 = 4;

/// Per-frame look settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FrameSettings {
    /// Linear multiplier before tone mapping (1 = neutral).
    pub exposure: f32,
    /// What is behind the pendant.
    pub background: Backdrop,
    /// Opacity of the soft contact shadow behind the pendant, 0..1 (0: none).
    pub shadow_intensity: f32,
}

impl Default for FrameSettings {
    fn default() -> Self {
        Self { exposure: 1.0, background: Backdrop::Studio, shadow_intensity: DEFAULT_SHADOW_INTENSITY }
    }
}

/// Contact shadow opacity by default: visible on the studio backdrop without looking dirty.
pub const DEFAULT_SHADOW_INTENSITY: f32 = 0.6;

struct Targets {
    size: (u32, u32),
    color: wgpu::TextureView,
    depth: wgpu::TextureView,
}

/// Draws pendants. Create once per device and output format.
pub struct Renderer {
    color_format: wgpu::TextureFormat,
    pipelines: Pipelines,
    environment: Arc<BakedEnvironment>,
    frame_buffer: wgpu::Buffer,
    frame_bind_group: wgpu::BindGroup,
    model: Option<GpuModel>,
    finish: Option<MetalAppearance>,
    /// Gem slots of the current model and the metal its bezels get without a finish.
    slots: Vec<GemSlot>,
    model_metal: MetalAppearance,
    stone: Option<Stone>,
    stones: Option<GpuStones>,
    shadow: Option<GpuShadow>,
    /// A locket's shadow opacity closed and open, mixed as it swings.
    shadow_swing: Option<(Vec<u8>, Vec<u8>)>,
    /// World transforms of the nodes as last posed by `set_open` (`None`: as loaded).
    pose: Option<Vec<Mat4>>,
    /// Engraving areas of the current model and their lettering.
    engraving_slots: Vec<EngravingSlot>,
    engraving: GpuEngraving,
    /// Photo areas of the current model and their photos.
    photos: GpuPhotos,
    /// The current model's nodes and hinges, for posing it as a locket opens.
    nodes: Vec<ModelNode>,
    hinges: Vec<Hinge>,
    targets: Option<Targets>,
    /// The chain: where the current model's rings are, the chain asked for, and its mesh.
    chain_anchor: Option<ChainAnchor>,
    chain: Option<Chain>,
    chain_model: Option<GpuModel>,
    no_photos: GpuPhotos,
}

impl Renderer {
    /// Builds pipelines for views of `color_format` and bakes and uploads the studio lighting.
    /// With an sRGB format the hardware encodes the output; with a plain 8-bit format the
    /// shader does (WebGPU canvases: Chromium's GL-based WebGPU cannot resolve MSAA into an
    /// sRGB view of a canvas texture and writes linear values, so we do not rely on it).
    /// The studio is baked once per process (every viewer on a page, every recovery uses it).
    pub fn new(device: &wgpu::Device, queue: &wgpu::Queue, color_format: wgpu::TextureFormat) -> Self {
        Self::with_environment(device, queue, color_format, Self::jewelry_studio())
    }

    /// The jewelry studio, baked on first use (tens of milliseconds): a caller with time to
    /// spare before it needs a renderer, waiting on the browser for a GPU adapter, bakes it then.
    pub fn jewelry_studio() -> Arc<BakedEnvironment> {
        static JEWELRY_STUDIO: OnceLock<Arc<BakedEnvironment>> = OnceLock::new();
        Arc::clone(JEWELRY_STUDIO.get_or_init(|| Arc::new(bake(&Studio::jewelry()))))
    }

    /// As [`Renderer::new`], lit by `studio` instead of the jewelry studio (the furnace test
    /// uses a uniform white one).
    pub fn with_studio(
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        color_format: wgpu::TextureFormat,
        studio: &Studio,
    ) -> Self {
        Self::with_environment(device, queue, color_format, Arc::new(bake(studio)))
    }

    fn with_environment(
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        color_format: wgpu::TextureFormat,
        environment: Arc<BakedEnvironment>,
    ) -> Self {
        let pipelines = Pipelines::new(device, color_format, SAMPLE_COUNT);
        let textures = EnvironmentTextures::upload(device, queue, &environment);
        let frame_buffer = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("frame uniforms"),
            size: std::mem::size_of::<FrameUniforms>() as u64,
            usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let frame_bind_group = device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("frame"),
            layout: &pipelines.frame_layout,
            entries: &[
                wgpu::BindGroupEntry { binding: 0, resource: frame_buffer.as_entire_binding() },
                wgpu::BindGroupEntry {
                    binding: 1,
                    resource: wgpu::BindingResource::TextureView(&textures.environment),
                },
                wgpu::BindGroupEntry {
                    binding: 2,
                    resource: wgpu::BindingResource::Sampler(&textures.environment_sampler),
                },
                wgpu::BindGroupEntry { binding: 3, resource: wgpu::BindingResource::TextureView(&textures.brdf_lut) },
                wgpu::BindGroupEntry {
                    binding: 4,
                    resource: wgpu::BindingResource::Sampler(&textures.brdf_lut_sampler),
                },
            ],
        });
        let engraving = GpuEngraving::new(device, &pipelines, &[]);
        let photos = GpuPhotos::new(device, &[]);
        let no_photos = GpuPhotos::new(device, &[]);
        Self {
            chain_anchor: None,
            chain: None,
            chain_model: None,
            no_photos,
            photos,
            color_format,
            engraving,
            engraving_slots: Vec::new(),
            nodes: Vec::new(),
            hinges: Vec::new(),
            pipelines,
            environment,
            frame_buffer,
            frame_bind_group,
            model: None,
            finish: None,
            slots: Vec::new(),
            model_metal: Finish::DEFAULT.appearance(),
            stone: None,
            stones: None,
            shadow: None,
            shadow_swing: None,
            pose: None,
            targets: None,
        }
    }

    /// Replaces the drawn model (the previous one's GPU memory is released).
    pub fn set_model(&mut self, device: &wgpu::Device, queue: &wgpu::Queue, model: &PendantModel) {
        self.model = Some(GpuModel::upload(device, queue, &self.pipelines, model, self.finish.as_ref()));
        self.slots = find_gem_slots(model);
        self.engraving_slots = find_engraving_slots(model);
        self.engraving = GpuEngraving::new(device, &self.pipelines, &self.engraving_slots);
        self.photos = GpuPhotos::new(device, &photo_slots(model));
        self.nodes = model.nodes.clone();
        self.hinges = find_hinges(model);
        let (shadow, swing) = match swinging_contact_shadow(model, &self.hinges) {
            Some((closed, open)) => {
                let swing = (closed.opacity.clone(), open);
                (Some(closed), Some(swing))
            }
            None => (contact_shadow(model), None),
        };
        self.shadow = shadow.map(|shadow| GpuShadow::upload(device, queue, &self.pipelines, &shadow));
        self.shadow_swing = swing;
        self.pose = None;
        // Bezels match the model's own metal until a finish is chosen.
        self.model_metal = model
            .materials
            .iter()
            .find(|m| m.is_metal())
            .map(|m| MetalAppearance {
                base_color: [m.base_color_factor[0], m.base_color_factor[1], m.base_color_factor[2]],
                roughness: m.roughness_factor,
                anisotropy: 0.0,
            })
            .unwrap_or_else(|| Finish::DEFAULT.appearance());
        self.rebuild_stones(device);
        self.chain_anchor = ChainAnchor::of(model);
        self.rebuild_chain(device, queue);
    }

    /// Hangs this and later models on `chain` (`None`: no chain), from their rings.
    pub fn set_chain(&mut self, device: &wgpu::Device, queue: &wgpu::Queue, chain: Option<Chain>) {
        self.chain = chain;
        self.rebuild_chain(device, queue);
    }

    /// The chain this and later models hang on.
    pub fn chain(&self) -> Option<Chain> {
        self.chain
    }

    fn rebuild_chain(&mut self, device: &wgpu::Device, queue: &wgpu::Queue) {
        self.chain_model = self.chain.zip(self.chain_anchor.as_ref()).map(|(chain, anchor)| {
            GpuModel::upload(device, queue, &self.pipelines, &anchor.build(chain), self.finish.as_ref())
        });
        self.prepare_pipelines(device);
    }

    /// Shows every metal part of this and later models in `finish` (`None`: as authored).
    pub fn set_finish(&mut self, device: &wgpu::Device, queue: &wgpu::Queue, finish: Option<Finish>) {
        self.finish = finish.map(Finish::appearance);
        for model in self.model.iter_mut().chain(&mut self.chain_model) {
            model.apply_finish(queue, self.finish.as_ref());
        }
        self.prepare_pipelines(device);
        self.rebuild_stones(device);
    }

    /// Sets `stone` into every gem slot of this and later models (`None`: empty settings
    /// are not drawn).
    pub fn set_stone(&mut self, device: &wgpu::Device, stone: Option<Stone>) {
        self.stone = stone;
        self.rebuild_stones(device);
    }

    fn rebuild_stones(&mut self, device: &wgpu::Device) {
        let metal = self.finish.unwrap_or(self.model_metal);
        // Slots on an opened lid are where the lid is now.
        let slots: Vec<GemSlot> = match &self.pose {
            Some(pose) => self
                .slots
                .iter()
                .map(|slot| GemSlot { transform: pose[slot.index] * slot_scale(slot.size_mm), ..*slot })
                .collect(),
            None => self.slots.clone(),
        };
        let stone = self.stone.filter(|_| !slots.is_empty());
        if stone.is_some() {
            self.pipelines.prepare_gem(device);
        }
        self.stones = stone.map(|stone| GpuStones::upload(device, &self.pipelines, &slots, &stone, &metal));
    }

    /// How many stone settings the current model has.
    pub fn stone_settings(&self) -> usize {
        self.slots.len()
    }

    /// Whether the current model has a hinge (a locket).
    pub fn has_hinges(&self) -> bool {
        !self.hinges.is_empty()
    }

    /// Opens every hinge of the current model by `fraction` (0 closed … 1 fully open); the
    /// engraving on a moving part moves with it.
    pub fn set_open(&mut self, queue: &wgpu::Queue, fraction: f32) {
        if self.hinges.is_empty() {
            return;
        }
        let transforms = posed_world_transforms(&self.nodes, &self.hinges, fraction);
        if let Some(model) = &self.model {
            model.set_pose(queue, &transforms);
        }
        let frames = self.engraving_slots.iter().map(|slot| area_frame(transforms[slot.node]));
        self.engraving.move_areas(queue, frames);
        if let Some(stones) = &self.stones {
            stones.set_pose(queue, &transforms);
        }
        if let (Some(shadow), Some((closed, open))) = (&self.shadow, &self.shadow_swing) {
            shadow.set_opacity(queue, &blend_opacity(closed, open, fraction));
        }
        self.pose = Some(transforms);
    }

    /// The current model's engraving areas (at most [`super::MAX_AREAS`] are drawn).
    pub fn engraving_slots(&self) -> &[EngravingSlot] {
        &self.engraving_slots[..self.engraving_slots.len().min(super::MAX_AREAS)]
    }

    /// The index of the current model's engraving area on `side` (`front`, `back`, …; any
    /// case, surrounding spaces ignored).
    pub fn engraving_slot_index(&self, side: &str) -> Option<usize> {
        self.engraving_slots().iter().position(|slot| slot.side.eq_ignore_ascii_case(side.trim()))
    }

    /// Cuts `field` into engraving area `index` of the current model (`None` clears it). The
    /// first engraving builds the pipelines with the engraving pass.
    pub fn set_engraving(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        index: usize,
        field: Option<&HeightField>,
        finish: CutFinish,
    ) {
        self.engraving.set_field(queue, index, field, finish);
        self.prepare_pipelines(device);
    }

    /// The current model's photo areas, in node order.
    pub fn photo_slots(&self) -> impl Iterator<Item = &PhotoSlot> {
        self.photos.slots()
    }

    /// Shows `image` (upright RGBA8, see [`crate::photo::TEXTURE_SIDE`]) in photo area
    /// `index` placed by `design` (`None`: the area's own material). Returns the window of the
    /// photo the area shows. The first photo builds the photo pipeline.
    pub fn set_photo(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        index: usize,
        image: Option<&Image>,
        design: PhotoDesign,
    ) -> Result<Option<PhotoWindow>, PhotoError> {
        if image.is_some() {
            self.pipelines.prepare_photo(device);
        }
        self.photos.set_photo(device, queue, &self.pipelines, index, image, design)
    }

    /// Re-places area `index`'s photo (crop, tone, cover): one uniform write.
    pub fn set_photo_design(
        &mut self,
        queue: &wgpu::Queue,
        index: usize,
        design: PhotoDesign,
    ) -> Result<Option<PhotoWindow>, PhotoError> {
        self.photos.set_design(queue, index, design)
    }

    /// The format of the views this renderer draws into.
    pub fn color_format(&self) -> wgpu::TextureFormat {
        self.color_format
    }

    /// Whether a model is loaded.
    pub fn has_model(&self) -> bool {
        self.model.is_some()
    }

    /// Builds the pipelines the next frame draws with that are not built yet: each material's
    /// own variant, with the engraving pass while there is lettering. Called by every change
    /// that can need a new one (model, chain, finish, engraving).
    fn prepare_pipelines(&mut self, device: &wgpu::Device) {
        let engraved = self.engraving.has_lettering();
        for model in self.model.iter().chain(&self.chain_model) {
            model.prepare_pipelines(device, &mut self.pipelines, engraved);
        }
    }

    /// Builds ahead of time the pipelines the shopper's next choices can need: the metal parts
    /// polished and brushed, with the engraving pass too where the model has engraving areas,
    /// and the stones' pipeline where it has stone settings.
    /// A first choice then does not wait for a shader to compile (a quarter of a second with
    /// a software GPU). Call once the model's first frame is submitted.
    pub fn prepare_ahead(&mut self, device: &wgpu::Device) {
        let engravable = !self.engraving_slots.is_empty();
        for model in self.model.iter().chain(&self.chain_model) {
            model.prepare_finish_pipelines(device, &mut self.pipelines, engravable);
        }
        if !self.slots.is_empty() {
            self.pipelines.prepare_gem(device); // a birthstone's first choice
        }
    }

    /// Draws one frame into `view` (of the format given to [`Renderer::new`], `width`×`height`).
    pub fn render(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        view: &wgpu::TextureView,
        (width, height): (u32, u32),
        camera: &OrbitCamera,
        settings: &FrameSettings,
    ) {
        let (width, height) = (width.max(1), height.max(1));
        if self.targets.as_ref().map(|t| t.size) != Some((width, height)) {
            self.targets = Some(self.create_targets(device, width, height));
        }
        let Some(targets) = &self.targets else { return };
        let view_projection = camera.projection_matrix(width as f32 / height as f32) * camera.view_matrix();
        let encode_srgb = !self.color_format.is_srgb();
        let uniforms = FrameUniforms::new(view_projection, camera.eye(), settings, &self.environment, encode_srgb);
        queue.write_buffer(&self.frame_buffer, 0, bytemuck::bytes_of(&uniforms));

        let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor { label: Some("frame") });
        {
            // A plain background is the clear colour; a gradient is drawn over it.
            let [r, g, b, a] = settings.background.colors()[0].map(f64::from);
            let [r, g, b] = if encode_srgb { [r, g, b].map(crate::color::linear_to_srgb) } else { [r, g, b] };
            let mut pass = encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
                label: Some("pendant"),
                color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                    view: &targets.color,
                    depth_slice: None,
                    resolve_target: Some(view),
                    ops: wgpu::Operations {
                        load: wgpu::LoadOp::Clear(wgpu::Color { r, g, b, a }),
                        store: wgpu::StoreOp::Discard,
                    },
                })],
                depth_stencil_attachment: Some(wgpu::RenderPassDepthStencilAttachment {
                    view: &targets.depth,
                    depth_ops: Some(wgpu::Operations { load: wgpu::LoadOp::Clear(1.0), store: wgpu::StoreOp::Discard }),
                    stencil_ops: None,
                }),
                timestamp_writes: None,
                occlusion_query_set: None,
                multiview_mask: None,
            });
            pass.set_bind_group(0, &self.frame_bind_group, &[]);
            self.engraving.bind(&mut pass);
            if settings.background.is_gradient() {
                pass.set_pipeline(&self.pipelines.backdrop);
                pass.draw(0..3, 0..1);
            }
            if let Some(shadow) = self.shadow.as_ref().filter(|_| settings.shadow_intensity > 0.0) {
                shadow.draw(&mut pass, &self.pipelines);
            }
            if let Some(model) = &self.model {
                model.draw(&mut pass, &self.pipelines, self.engraving.has_lettering(), &self.photos);
            }
            if let Some(chain) = &self.chain_model {
                chain.draw(&mut pass, &self.pipelines, false, &self.no_photos);
            }
            if let Some(stones) = &self.stones {
                stones.draw(&mut pass, &self.pipelines);
            }
        }
        queue.submit([encoder.finish()]);
    }

    fn create_targets(&self, device: &wgpu::Device, width: u32, height: u32) -> Targets {
        let create = |format, label| {
            device
                .create_texture(&wgpu::TextureDescriptor {
                    label: Some(label),
                    size: wgpu::Extent3d { width, height, depth_or_array_layers: 1 },
                    mip_level_count: 1,
                    sample_count: SAMPLE_COUNT,
                    dimension: wgpu::TextureDimension::D2,
                    format,
                    usage: wgpu::TextureUsages::RENDER_ATTACHMENT,
                    view_formats: &[],
                })
                .create_view(&wgpu::TextureViewDescriptor::default())
        };
        Targets {
            size: (width, height),
            color: create(self.color_format, "msaa color"),
            depth: create(DEPTH_FORMAT, "msaa depth"),
        }
    }
}
