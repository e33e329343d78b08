//! The renderer: draws the current model, lit by the baked studio, into a texture view it is
//! handed (canvas, offscreen texture), with 4× MSAA resolved into that view.

use std::sync::{Arc, OnceLock};

use crate::camera::OrbitCamera;
use crate::engraving::slot::area_frame;
use crate::engraving::CutFinish;
use crate::finish::{Finish, MetalAppearance};
use crate::scene::{Changes, Scene};
use crate::studio::backdrop::Backdrop;
use crate::studio::environment::{bake, BakedEnvironment, Studio};

use super::engraving::GpuEngraving;
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

/// Draws a [`Scene`]. Create once per device and output format; [`Renderer::sync`] uploads
/// what the scene says changed, [`Renderer::render`] draws.
pub struct Renderer {
    color_format: wgpu::TextureFormat,
    pipelines: Pipelines,
    environment: Arc<BakedEnvironment>,
    frame_buffer: wgpu::Buffer,
    frame_bind_group: wgpu::BindGroup,
    model: Option<GpuModel>,
    stones: Option<GpuStones>,
    shadow: Option<GpuShadow>,
    /// The engraving areas of the current model and their lettering.
    engraving: GpuEngraving,
    /// The photo areas of the current model and their photos.
    photos: GpuPhotos,
    chain_model: Option<GpuModel>,
    /// What is drawn around the pendant: the bust and the worn chain, or a coin.
    surroundings: Vec<(GpuModel, bool)>,
    /// Whether the pendant is worn (no contact shadow: it lies on the bust).
    worn: bool,
    targets: Option<Targets>,
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
            layout: &pipelines.layouts.frame,
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
        Self {
            chain_model: None,
            surroundings: Vec::new(),
            worn: false,
            photos,
            color_format,
            engraving,
            pipelines,
            environment,
            frame_buffer,
            frame_bind_group,
            model: None,
            stones: None,
            shadow: None,
            targets: None,
        }
    }

    /// Uploads what `changes` (from [`Scene::take_changes`]) says changed in `scene`. A new
    /// model rebuilds everything drawn on it; the rest writes only its own buffers.
    pub fn sync(&mut self, device: &wgpu::Device, queue: &wgpu::Queue, scene: &Scene, changes: &Changes) {
        let finish = scene.finish().map(Finish::appearance);
        let analysis = scene.analysis();
        if changes.model {
            let Some(model) = scene.model() else { return };
            self.model = Some(GpuModel::upload(device, queue, &self.pipelines, model, finish.as_ref()));
            self.engraving = GpuEngraving::new(device, &self.pipelines, &analysis.engraving);
            self.photos = GpuPhotos::new(device, &analysis.photos);
            self.shadow =
                analysis.shadow.as_ref().map(|shadow| GpuShadow::upload(device, queue, &self.pipelines, shadow));
            for index in 0..analysis.photos.len() {
                self.upload_photo(device, queue, scene, index);
            }
        } else {
            if let (true, Some(gpu), Some(model)) = (changes.variant, self.model.as_mut(), scene.model()) {
                gpu.apply_materials(model);
            }
            if changes.finish {
                let following = self.surroundings.iter_mut().filter(|(_, follows)| *follows).map(|(model, _)| model);
                for model in self.model.iter_mut().chain(&mut self.chain_model).chain(following) {
                    model.apply_finish(queue, finish.as_ref());
                }
            }
            for &index in &changes.photos {
                self.upload_photo(device, queue, scene, index);
            }
        }
        if changes.model || changes.chain || changes.surroundings {
            let worn = scene.worn();
            self.worn = worn.is_some();
            let close_up = scene.chain().zip(analysis.chain_anchor.as_ref()).filter(|_| !self.worn);
            self.chain_model = close_up.map(|(chain, anchor)| {
                GpuModel::upload(device, queue, &self.pipelines, &anchor.build(chain), finish.as_ref())
            });
            self.surroundings = scene
                .surroundings()
                .into_iter()
                .map(|(model, follows)| {
                    let own = finish.as_ref().filter(|_| follows);
                    (GpuModel::upload(device, queue, &self.pipelines, model, own), follows)
                })
                .collect();
        }
        if changes.model || changes.finish || changes.stone {
            self.rebuild_stones(device, scene, analysis.setting_metal(scene.finish()));
        }
        for &index in changes.photo_designs.iter().filter(|i| !changes.photos.contains(i)) {
            if let Some(kept) = scene.photo(index) {
                let _ = self.photos.set_design(queue, index, kept.design);
            }
        }
        for &index in &changes.engravings {
            let cut = scene.cut(index);
            let finish = cut.map_or(CutFinish::Bright, |cut| cut.finish);
            self.engraving.set_field(queue, index, cut.map(|cut| &cut.field), finish);
        }
        if changes.pose {
            self.pose(queue, scene);
        }
        if changes.model
            || changes.chain
            || changes.surroundings
            || changes.finish
            || changes.variant
            || !changes.engravings.is_empty()
        {
            self.prepare_pipelines(device);
        }
    }

    /// Puts the scene's photo for area `index` on the GPU (or takes it off). The first photo
    /// builds the photo pipeline.
    fn upload_photo(&mut self, device: &wgpu::Device, queue: &wgpu::Queue, scene: &Scene, index: usize) {
        let kept = scene.photo(index);
        if kept.is_some() {
            self.pipelines.prepare_photo(device);
        }
        let design = kept.map(|kept| kept.design).unwrap_or_default();
        // The scene checked the area and the pixels: nothing here can be refused.
        let _ = self.photos.set_photo(device, queue, &self.pipelines, index, kept.map(|kept| &kept.image), design);
    }

    fn rebuild_stones(&mut self, device: &wgpu::Device, scene: &Scene, metal: MetalAppearance) {
        let slots = scene.posed_gem_slots();
        let stone = scene.stone().filter(|_| !slots.is_empty());
        if stone.is_some() {
            self.pipelines.prepare_gem(device);
        }
        self.stones = stone.map(|stone| GpuStones::upload(device, &self.pipelines, &slots, &stone, &metal));
    }

    /// Poses the model, its engraving, stones and shadow as the scene's lid is now.
    fn pose(&mut self, queue: &wgpu::Queue, scene: &Scene) {
        let Some(transforms) = scene.posed_transforms() else { return };
        if let Some(model) = &self.model {
            model.set_pose(queue, &transforms);
        }
        let frames = scene.analysis().engraving.iter().map(|slot| area_frame(transforms[slot.node]));
        self.engraving.move_areas(queue, frames);
        if let Some(stones) = &self.stones {
            stones.set_pose(queue, &transforms);
        }
        if let (Some(shadow), Some(opacity)) = (&self.shadow, scene.shadow_opacity()) {
            shadow.set_opacity(queue, &opacity);
        }
    }

    /// The format of the views this renderer draws into.
    pub fn color_format(&self) -> wgpu::TextureFormat {
        self.color_format
    }

    /// Builds the pipelines the next frame draws with that are not built yet: each material's
    /// own variant, the model's with the engraving pass while there is lettering (the chain
    /// is never engraved). Called by every change that can need a new one (model, chain,
    /// finish, engraving).
    fn prepare_pipelines(&mut self, device: &wgpu::Device) {
        if let Some(model) = &self.model {
            model.prepare_pipelines(device, &mut self.pipelines, self.engraving.has_lettering());
        }
        for model in unengraved(&self.chain_model, &self.surroundings) {
            model.prepare_pipelines(device, &mut self.pipelines, false);
        }
    }

    /// Builds ahead of time the pipelines the shopper's next choices can need: the metal parts
    /// polished and brushed, with the engraving pass too where the model has engraving areas,
    /// and the stones' pipeline where it has stone settings.
    /// A first choice then does not wait for a shader to compile (a quarter of a second with
    /// a software GPU). Call once the model's first frame is submitted.
    pub fn prepare_ahead(&mut self, device: &wgpu::Device, scene: &Scene) {
        let engravable = !scene.analysis().engraving.is_empty();
        for model in self.model.iter().chain(&self.chain_model) {
            model.prepare_finish_pipelines(device, &mut self.pipelines, engravable);
        }
        if !scene.analysis().gems.is_empty() {
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
            if let Some(shadow) = self.shadow.as_ref().filter(|_| settings.shadow_intensity > 0.0 && !self.worn) {
                shadow.draw(&mut pass, &self.pipelines);
            }
            if let Some(model) = &self.model {
                model.draw(&mut pass, &self.pipelines, self.engraving.has_lettering(), Some(&self.photos));
            }
            for model in unengraved(&self.chain_model, &self.surroundings) {
                model.draw(&mut pass, &self.pipelines, false, None);
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

/// The models drawn besides the pendant, never engraved: the close-up chain, the bust and the
/// worn chain, or a coin.
fn unengraved<'a>(
    chain: &'a Option<GpuModel>,
    surroundings: &'a [(GpuModel, bool)],
) -> impl Iterator<Item = &'a GpuModel> {
    chain.iter().chain(surroundings.iter().map(|(model, _)| model))
}
