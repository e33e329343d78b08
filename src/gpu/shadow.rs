//! The contact shadow on the GPU: the baked opacity image (R8) and the quad's placement.

use wgpu::util::DeviceExt;

use crate::studio::shadow::{ContactShadow, SHADOW_SIZE};

use super::layouts::uniform_texture_sampler_group;
use super::pipelines::Pipelines;
use super::textures::r8_texture;
use super::uniforms::ShadowUniforms;

/// A model's contact shadow, ready to draw.
pub struct GpuShadow {
    bind_group: wgpu::BindGroup,
    texture: wgpu::Texture,
}

impl GpuShadow {
    /// Uploads `shadow` (its intensity is a frame setting).
    pub fn upload(device: &wgpu::Device, queue: &wgpu::Queue, pipelines: &Pipelines, shadow: &ContactShadow) -> Self {
        let size = SHADOW_SIZE as u32;
        let texture = device.create_texture_with_data(
            queue,
            &r8_texture("contact shadow", (size, size), 1),
            wgpu::util::TextureDataOrder::LayerMajor,
            &shadow.opacity,
        );
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        let sampler = device.create_sampler(&wgpu::SamplerDescriptor {
            label: Some("contact shadow"),
            mag_filter: wgpu::FilterMode::Linear,
            min_filter: wgpu::FilterMode::Linear,
            ..Default::default()
        });
        let uniforms = device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
            label: Some("shadow uniforms"),
            contents: bytemuck::bytes_of(&ShadowUniforms::new(shadow)),
            usage: wgpu::BufferUsages::UNIFORM,
        });
        let bind_group =
            uniform_texture_sampler_group(device, "shadow", &pipelines.layouts.shadow, (&uniforms, &view, &sampler));
        Self { bind_group, texture }
    }

    /// Replaces the opacity image (same size and placement: a locket's lid swinging).
    pub fn set_opacity(&self, queue: &wgpu::Queue, opacity: &[u8]) {
        let size = SHADOW_SIZE as u32;
        queue.write_texture(
            self.texture.as_image_copy(),
            opacity,
            wgpu::TexelCopyBufferLayout { offset: 0, bytes_per_row: Some(size), rows_per_image: Some(size) },
            wgpu::Extent3d { width: size, height: size, depth_or_array_layers: 1 },
        );
    }

    /// Records the draw (frame bind group already set).
    pub fn draw(&self, pass: &mut wgpu::RenderPass<'_>, pipelines: &Pipelines) {
        pass.set_pipeline(&pipelines.shadow);
        pass.set_bind_group(1, &self.bind_group, &[]);
        pass.draw(0..4, 0..1);
    }
}
