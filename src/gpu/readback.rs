//! Offscreen rendering with pixel readback (native): golden tests and still images.

use crate::camera::OrbitCamera;

use super::{FrameSettings, GpuContext, RenderError, Renderer};

/// The usual format for offscreen frames (sRGB-encoded bytes on readback).
pub const OFFSCREEN_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Rgba8UnormSrgb;

/// Renders one frame of `width`×`height` and returns tightly packed sRGB RGBA8 rows, top to
/// bottom. The renderer's format must be 4 bytes per texel, RGBA order ([`OFFSCREEN_FORMAT`]
/// or `Rgba8Unorm`). Blocks until the GPU is done.
pub fn render_to_rgba8(
    context: &GpuContext,
    renderer: &mut Renderer,
    (width, height): (u32, u32),
    camera: &OrbitCamera,
    settings: &FrameSettings,
) -> Result<Vec<u8>, RenderError> {
    let GpuContext { device, queue, .. } = context;
    let texture = device.create_texture(&wgpu::TextureDescriptor {
        label: Some("offscreen"),
        size: wgpu::Extent3d { width, height, depth_or_array_layers: 1 },
        mip_level_count: 1,
        sample_count: 1,
        dimension: wgpu::TextureDimension::D2,
        format: renderer.color_format(),
        usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
        view_formats: &[],
    });
    let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
    renderer.render(device, queue, &view, (width, height), camera, settings);

    // Rows are padded to COPY_BYTES_PER_ROW_ALIGNMENT in the buffer and stripped below.
    let unpadded = width * 4;
    let padded = unpadded.div_ceil(wgpu::COPY_BYTES_PER_ROW_ALIGNMENT) * wgpu::COPY_BYTES_PER_ROW_ALIGNMENT;
    let buffer = device.create_buffer(&wgpu::BufferDescriptor {
        label: Some("readback"),
        size: (padded * height) as u64,
        usage: wgpu::BufferUsages::COPY_DST | wgpu::BufferUsages::MAP_READ,
        mapped_at_creation: false,
    });
    let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor { label: Some("readback") });
    encoder.copy_texture_to_buffer(
        texture.as_image_copy(),
        wgpu::TexelCopyBufferInfo {
            buffer: &buffer,
            layout: wgpu::TexelCopyBufferLayout {
                offset: 0,
                bytes_per_row: Some(padded),
                rows_per_image: Some(height),
            },
        },
        wgpu::Extent3d { width, height, depth_or_array_layers: 1 },
    );
    queue.submit([encoder.finish()]);
    let slice = buffer.slice(..);
    let (sender, receiver) = std::sync::mpsc::channel();
    slice.map_async(wgpu::MapMode::Read, move |result| {
        let _ = sender.send(result);
    });
    device.poll(wgpu::PollType::wait_indefinitely()).map_err(|e| RenderError::Readback(e.to_string()))?;
    receiver
        .recv()
        .map_err(|e| RenderError::Readback(e.to_string()))?
        .map_err(|e| RenderError::Readback(e.to_string()))?;
    let mapped = slice.get_mapped_range().map_err(|e| RenderError::Readback(e.to_string()))?;
    let mut pixels = Vec::with_capacity((unpadded * height) as usize);
    for row in mapped.chunks(padded as usize) {
        pixels.extend_from_slice(&row[..unpadded as usize]);
    }
    Ok(pixels)
}
