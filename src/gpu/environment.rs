//! Uploads the baked studio lighting ([`crate::studio::environment`]) as RGB9E5 and the split-sum
//! table ([`crate::studio::brdf_lut`]) as half floats: float formats filterable on WebGPU and WebGL2
//! alike. RGB9E5 rather than RGBA16F for the light: with a software GPU (SwiftShader) every
//! pixel of a pendant samples it, and the 32-bit texel costs ~15 % less frame time (bench
//! heart, interleaved A/B) at half the memory.

use crate::gpu::texels::{f32_to_f16_bits, pack_rgb9e5};
use crate::studio::brdf_lut::{bake_brdf_lut, LUT_SIZE};
use crate::studio::environment::BakedEnvironment;

use super::textures::write_level;

/// GPU copies of the lighting.
pub struct EnvironmentTextures {
    /// Prefiltered equirectangular radiance, one roughness per mip level.
    pub environment: wgpu::TextureView,
    /// Repeats around, clamps at the poles; trilinear between roughness levels.
    pub environment_sampler: wgpu::Sampler,
    /// The split-sum BRDF table.
    pub brdf_lut: wgpu::TextureView,
    /// Clamps at the table's edges.
    pub brdf_lut_sampler: wgpu::Sampler,
}

impl EnvironmentTextures {
    /// Uploads `baked` and bakes + uploads the BRDF table.
    pub fn upload(device: &wgpu::Device, queue: &wgpu::Queue, baked: &BakedEnvironment) -> Self {
        let base = &baked.levels[0];
        let environment_texture = device.create_texture(&wgpu::TextureDescriptor {
            label: Some("environment"),
            size: wgpu::Extent3d { width: base.width as u32, height: base.height as u32, depth_or_array_layers: 1 },
            mip_level_count: baked.levels.len() as u32,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: wgpu::TextureFormat::Rgb9e5Ufloat,
            usage: wgpu::TextureUsages::TEXTURE_BINDING | wgpu::TextureUsages::COPY_DST,
            view_formats: &[],
        });
        for (level, image) in baked.levels.iter().enumerate() {
            let texels: Vec<u32> = image.texels.iter().map(|t| pack_rgb9e5([t.x, t.y, t.z])).collect();
            let bytes: &[u8] = bytemuck::cast_slice(&texels);
            write_level(queue, &environment_texture, level as u32, image.width as u32, image.height as u32, 4, bytes);
        }
        let environment_sampler = device.create_sampler(&wgpu::SamplerDescriptor {
            label: Some("environment sampler"),
            address_mode_u: wgpu::AddressMode::Repeat,
            address_mode_v: wgpu::AddressMode::ClampToEdge,
            mag_filter: wgpu::FilterMode::Linear,
            min_filter: wgpu::FilterMode::Linear,
            mipmap_filter: wgpu::MipmapFilterMode::Linear,
            ..Default::default()
        });

        let lut: Vec<u16> = bake_brdf_lut().iter().flatten().map(|&v| f32_to_f16_bits(v)).collect();
        let lut_texture = device.create_texture(&wgpu::TextureDescriptor {
            label: Some("brdf lut"),
            size: wgpu::Extent3d { width: LUT_SIZE as u32, height: LUT_SIZE as u32, depth_or_array_layers: 1 },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: wgpu::TextureFormat::Rg16Float,
            usage: wgpu::TextureUsages::TEXTURE_BINDING | wgpu::TextureUsages::COPY_DST,
            view_formats: &[],
        });
        write_level(queue, &lut_texture, 0, LUT_SIZE as u32, LUT_SIZE as u32, 4, bytemuck::cast_slice(&lut));
        let brdf_lut_sampler = device.create_sampler(&wgpu::SamplerDescriptor {
            label: Some("brdf lut sampler"),
            mag_filter: wgpu::FilterMode::Linear,
            min_filter: wgpu::FilterMode::Linear,
            ..Default::default()
        });
        Self {
            environment: environment_texture.create_view(&wgpu::TextureViewDescriptor::default()),
            environment_sampler,
            brdf_lut: lut_texture.create_view(&wgpu::TextureViewDescriptor::default()),
            brdf_lut_sampler,
        }
    }
}
