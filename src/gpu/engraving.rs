//! Engraving on the GPU: one height-field layer per engraving area of the model (an R8 array
//! texture) and the areas' frames, bound as group 3 of the PBR pass (shaders/engraving.wgsl).
//! Typing replaces one layer's texels and one uniform write; nothing is rebuilt.

use wgpu::util::DeviceExt;

use crate::engraving::raster::raster_size;
use crate::engraving::slot::{EngravingSlot, MAX_ENGRAVING_AREAS};
use crate::engraving::CutFinish;
use crate::engraving::HeightField;

use super::layouts::uniform_texture_sampler_group;
use super::pipelines::Pipelines;
use super::textures::r8_texture;
use super::uniforms::{EngravingAreaUniforms, EngravingUniforms};

/// How deep the lettering is cut, mm (hand and machine engraving: 0.1–0.2 mm).
pub const CUT_DEPTH_MM: f32 = 0.15;

/// The engraving textures and uniforms of the current model.
pub struct GpuEngraving {
    uniforms: EngravingUniforms,
    buffer: wgpu::Buffer,
    texture: wgpu::Texture,
    bind_group: wgpu::BindGroup,
    size: (u32, u32),
}

impl GpuEngraving {
    /// Areas for `slots` (at most [`MAX_ENGRAVING_AREAS`]), all blank.
    pub fn new(device: &wgpu::Device, pipelines: &Pipelines, slots: &[EngravingSlot]) -> Self {
        let slots = &slots[..slots.len().min(MAX_ENGRAVING_AREAS)];
        let size =
            slots.iter().map(|s| raster_size(&s.area)).fold((1, 1), |(w, h), (sw, sh, _)| (w.max(sw), h.max(sh)));
        let mut uniforms = EngravingUniforms { count: [slots.len() as f32, 0.0, 0.0, 0.0], ..Default::default() };
        for (area, (layer, slot)) in uniforms.areas.iter_mut().zip(slots.iter().enumerate()) {
            let axis = |i: usize| slot.frame.col(i).truncate().normalize_or_zero();
            let origin = slot.frame.col(3).truncate();
            let [w, h] = slot.area.size_mm.to_array();
            *area = EngravingAreaUniforms {
                origin: origin.extend(0.0).into(),
                x_axis: axis(0).extend(w).into(),
                y_axis: axis(1).extend(h).into(),
                z_axis: axis(2).extend(layer as f32).into(),
                texture: [1.0, 1.0, 0.025, 0.0],
            };
        }
        let buffer = device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
            label: Some("engraving uniforms"),
            contents: bytemuck::bytes_of(&uniforms),
            usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
        });
        let texture = device.create_texture(&r8_texture("engraving heights", size, slots.len().max(1) as u32));
        let view = texture.create_view(&wgpu::TextureViewDescriptor {
            dimension: Some(wgpu::TextureViewDimension::D2Array),
            ..Default::default()
        });
        let sampler = device.create_sampler(&wgpu::SamplerDescriptor {
            label: Some("engraving"),
            mag_filter: wgpu::FilterMode::Linear,
            min_filter: wgpu::FilterMode::Linear,
            ..Default::default()
        });
        let bind_group = uniform_texture_sampler_group(
            device,
            "engraving",
            &pipelines.layouts.engraving,
            (&buffer, &view, &sampler),
        );
        Self { uniforms, buffer, texture, bind_group, size }
    }

    /// Shows `field` in area `index` (`None`: nothing engraved there).
    pub fn set_field(&mut self, queue: &wgpu::Queue, index: usize, field: Option<&HeightField>, finish: CutFinish) {
        if index >= self.uniforms.count[0] as usize {
            return;
        }
        let area = &mut self.uniforms.areas[index];
        area.origin[3] = 0.0;
        if let Some(field) = field.filter(|f| f.width <= self.size.0 && f.height <= self.size.1) {
            queue.write_texture(
                wgpu::TexelCopyTextureInfo {
                    texture: &self.texture,
                    mip_level: 0,
                    origin: wgpu::Origin3d { x: 0, y: 0, z: index as u32 },
                    aspect: wgpu::TextureAspect::All,
                },
                &field.pixels,
                wgpu::TexelCopyBufferLayout {
                    offset: 0,
                    bytes_per_row: Some(field.width),
                    rows_per_image: Some(field.height),
                },
                wgpu::Extent3d { width: field.width, height: field.height, depth_or_array_layers: 1 },
            );
            area.origin[3] = CUT_DEPTH_MM;
            area.texture = [
                field.width as f32 / self.size.0 as f32,
                field.height as f32 / self.size.1 as f32,
                1.0 / field.pixels_per_mm,
                if finish == CutFinish::Oxidized { 1.0 } else { 0.0 },
            ];
        }
        let count = self.uniforms.count[0] as usize;
        self.uniforms.count[1] = self.uniforms.areas[..count].iter().filter(|a| a.origin[3] > 0.0).count() as f32;
        queue.write_buffer(&self.buffer, 0, bytemuck::bytes_of(&self.uniforms));
    }

    /// Moves the areas to new frames (area mm → world), one per area in slot order.
    pub fn move_areas(&mut self, queue: &wgpu::Queue, frames: impl Iterator<Item = glam::Mat4>) {
        let count = self.uniforms.count[0] as usize;
        for (area, frame) in self.uniforms.areas.iter_mut().take(count).zip(frames) {
            let axis = |i: usize| frame.col(i).truncate().normalize_or_zero();
            area.origin = frame.col(3).truncate().extend(area.origin[3]).into();
            area.x_axis = axis(0).extend(area.x_axis[3]).into();
            area.y_axis = axis(1).extend(area.y_axis[3]).into();
            area.z_axis = axis(2).extend(area.z_axis[3]).into();
        }
        queue.write_buffer(&self.buffer, 0, bytemuck::bytes_of(&self.uniforms));
    }

    /// Whether any area has lettering.
    pub fn has_lettering(&self) -> bool {
        self.uniforms.count[1] > 0.0
    }

    /// Binds group 3 for the PBR pass.
    pub fn bind(&self, pass: &mut wgpu::RenderPass<'_>) {
        pass.set_bind_group(3, &self.bind_group, &[]);
    }
}
