//! Texture uploads: model images with mipmaps (built on the CPU: no compute or blit pass is
//! needed, which WebGL2 lacks), the 1×1 defaults bound for absent material textures, and
//! samplers from glTF sampler state.

use crate::model::{Image, Sampler, Wrap};

/// Uploads an RGBA8 image with a full mip chain (2×2 box filter). `srgb` picks the colour
/// space: base colour and emissive are sRGB, data textures are linear (glTF spec §3.9).
pub fn upload_image(device: &wgpu::Device, queue: &wgpu::Queue, image: &Image, srgb: bool) -> wgpu::TextureView {
    let levels = mip_chain(image);
    let format = if srgb { wgpu::TextureFormat::Rgba8UnormSrgb } else { wgpu::TextureFormat::Rgba8Unorm };
    let texture = device.create_texture(&wgpu::TextureDescriptor {
        label: Some("model image"),
        size: wgpu::Extent3d { width: image.width, height: image.height, depth_or_array_layers: 1 },
        mip_level_count: levels.len() as u32,
        sample_count: 1,
        dimension: wgpu::TextureDimension::D2,
        format,
        usage: wgpu::TextureUsages::TEXTURE_BINDING | wgpu::TextureUsages::COPY_DST,
        view_formats: &[],
    });
    for (level, mip) in levels.iter().enumerate() {
        write_level(queue, &texture, level as u32, mip.width, mip.height, 4, &mip.rgba8);
    }
    texture.create_view(&wgpu::TextureViewDescriptor::default())
}

/// Writes one mip level of tightly packed texels.
pub fn write_level(
    queue: &wgpu::Queue,
    texture: &wgpu::Texture,
    level: u32,
    width: u32,
    height: u32,
    bytes_per_texel: u32,
    data: &[u8],
) {
    queue.write_texture(
        wgpu::TexelCopyTextureInfo {
            texture,
            mip_level: level,
            origin: wgpu::Origin3d::ZERO,
            aspect: wgpu::TextureAspect::All,
        },
        data,
        wgpu::TexelCopyBufferLayout {
            offset: 0,
            bytes_per_row: Some(width * bytes_per_texel),
            rows_per_image: Some(height),
        },
        wgpu::Extent3d { width, height, depth_or_array_layers: 1 },
    );
}

/// The image followed by successively halved copies down to 1×1 (a 2×2 box filter; an odd
/// last row or column is averaged with itself). Row-wise over whole texels: a photo's chain
/// (1024 × 768) takes a few milliseconds in wasm.
fn mip_chain(image: &Image) -> Vec<Image> {
    let mut levels = vec![image.clone()];
    while let Some(last) = levels.last().filter(|l| l.width > 1 || l.height > 1) {
        let (width, height) = ((last.width / 2).max(1), (last.height / 2).max(1));
        let stride = last.width as usize * 4;
        let mut rgba8 = vec![0u8; (width * height * 4) as usize];
        for (y, out_row) in rgba8.chunks_exact_mut(width as usize * 4).enumerate() {
            let top = (2 * y).min(last.height as usize - 1) * stride;
            let bottom = (2 * y + 1).min(last.height as usize - 1) * stride;
            let (top, bottom) = (&last.rgba8[top..top + stride], &last.rgba8[bottom..bottom + stride]);
            for (x, out) in out_row.chunks_exact_mut(4).enumerate() {
                let left = 2 * x * 4;
                let right = (2 * x + 1).min(last.width as usize - 1) * 4;
                for c in 0..4 {
                    let sum = top[left + c] as u16
                        + top[right + c] as u16
                        + bottom[left + c] as u16
                        + bottom[right + c] as u16;
                    out[c] = ((sum + 2) / 4) as u8;
                }
            }
        }
        levels.push(Image { width, height, rgba8 });
    }
    levels
}

/// A one-channel (R8) texture of `width` × `height` × `layers` that shaders sample and the
/// queue writes: height fields, shadow opacity.
pub fn r8_texture(label: &str, (width, height): (u32, u32), layers: u32) -> wgpu::TextureDescriptor<'_> {
    wgpu::TextureDescriptor {
        label: Some(label),
        size: wgpu::Extent3d { width, height, depth_or_array_layers: layers },
        mip_level_count: 1,
        sample_count: 1,
        dimension: wgpu::TextureDimension::D2,
        format: wgpu::TextureFormat::R8Unorm,
        usage: wgpu::TextureUsages::TEXTURE_BINDING | wgpu::TextureUsages::COPY_DST,
        view_formats: &[],
    }
}

/// A 1×1 texture of one colour, bound where a material has no texture so the shader needs no
/// branches: white for colour/data, (0.5, 0.5, 1) for a flat normal.
pub fn solid_texture(device: &wgpu::Device, queue: &wgpu::Queue, rgba8: [u8; 4], srgb: bool) -> wgpu::TextureView {
    upload_image(device, queue, &Image { width: 1, height: 1, rgba8: rgba8.to_vec() }, srgb)
}

/// A sampler for glTF sampler state (trilinear, 4× anisotropy where filtering is linear).
pub fn create_sampler(device: &wgpu::Device, sampler: &Sampler) -> wgpu::Sampler {
    let address = |wrap| match wrap {
        Wrap::Repeat => wgpu::AddressMode::Repeat,
        Wrap::MirroredRepeat => wgpu::AddressMode::MirrorRepeat,
        Wrap::ClampToEdge => wgpu::AddressMode::ClampToEdge,
    };
    let filter = |linear| if linear { wgpu::FilterMode::Linear } else { wgpu::FilterMode::Nearest };
    let all_linear = sampler.mag_linear && sampler.min_linear;
    device.create_sampler(&wgpu::SamplerDescriptor {
        label: Some("material sampler"),
        address_mode_u: address(sampler.wrap_u),
        address_mode_v: address(sampler.wrap_v),
        mag_filter: filter(sampler.mag_linear),
        min_filter: filter(sampler.min_linear),
        mipmap_filter: if sampler.min_linear {
            wgpu::MipmapFilterMode::Linear
        } else {
            wgpu::MipmapFilterMode::Nearest
        },
        anisotropy_clamp: if all_linear { 4 } else { 1 },
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mip_chain_halves_to_one_texel_and_averages() {
        let image = Image { width: 4, height: 2, rgba8: [[0u8, 0, 0, 255], [255, 255, 255, 255]].repeat(4).concat() };
        let levels = mip_chain(&image);
        let sizes: Vec<(u32, u32)> = levels.iter().map(|l| (l.width, l.height)).collect();
        assert_eq!(sizes, vec![(4, 2), (2, 1), (1, 1)]);
        assert_eq!(&levels[2].rgba8, &[128, 128, 128, 255]);
    }
}
