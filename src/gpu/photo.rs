//! Photos on the GPU: per photo area of the model, the shopper's photo (sRGB with mipmaps) and
//! its placement, drawn by the photo pipeline in place of the area's own material. An area
//! without a photo keeps the model's material. Panning, zooming and changing the tone or cover
//! are one uniform write; only a new photo uploads texels.

use crate::model::{Image, Sampler, Wrap};
use crate::photo::{PhotoDesign, PhotoError, PhotoSlot, PhotoWindow};

use super::layouts::uniform_texture_sampler_group;
use super::pipelines::Pipelines;
use super::textures::{create_sampler, upload_image};
use super::uniforms::PhotoUniforms;

struct Area {
    slot: PhotoSlot,
    buffer: wgpu::Buffer,
    /// The photo's size (upright pixels) and its bind group, once a photo is set.
    photo: Option<((u32, u32), wgpu::BindGroup)>,
    design: PhotoDesign,
}

/// The photo areas of the current model.
pub struct GpuPhotos {
    areas: Vec<Area>,
    sampler: wgpu::Sampler,
}

impl GpuPhotos {
    /// Areas for `slots`, all without a photo.
    pub fn new(device: &wgpu::Device, slots: &[PhotoSlot]) -> Self {
        let areas = slots
            .iter()
            .map(|slot| Area {
                slot: slot.clone(),
                buffer: device.create_buffer(&wgpu::BufferDescriptor {
                    label: Some("photo uniforms"),
                    size: std::mem::size_of::<PhotoUniforms>() as u64,
                    usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
                    mapped_at_creation: false,
                }),
                photo: None,
                design: PhotoDesign::default(),
            })
            .collect();
        let clamp =
            Sampler { wrap_u: Wrap::ClampToEdge, wrap_v: Wrap::ClampToEdge, mag_linear: true, min_linear: true };
        Self { areas, sampler: create_sampler(device, &clamp) }
    }

    /// Shows `image` (upright RGBA8) in area `index` with `design` (`None`: the area's own
    /// material again).
    pub fn set_photo(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        pipelines: &Pipelines,
        index: usize,
        image: Option<&Image>,
        design: PhotoDesign,
    ) -> Result<Option<PhotoWindow>, PhotoError> {
        let count = self.areas.len();
        let area = self.areas.get_mut(index).ok_or(PhotoError::NoSuchArea { index, count })?;
        let Some(image) = image else {
            area.photo = None;
            return Ok(None);
        };
        let expected = image.width as usize * image.height as usize * 4;
        if image.width == 0 || image.height == 0 || image.rgba8.len() != expected {
            return Err(PhotoError::BadPixels {
                width: image.width,
                height: image.height,
                expected,
                got: image.rgba8.len(),
            });
        }
        let view = upload_image(device, queue, image, true);
        let group = uniform_texture_sampler_group(
            device,
            "photo",
            &pipelines.layouts.photo,
            (&area.buffer, &view, &self.sampler),
        );
        area.photo = Some(((image.width, image.height), group));
        self.set_design(queue, index, design)
    }

    /// Places area `index`'s photo with `design` (the crop clamped); returns the window it
    /// shows (`None` while the area has no photo).
    pub fn set_design(
        &mut self,
        queue: &wgpu::Queue,
        index: usize,
        design: PhotoDesign,
    ) -> Result<Option<PhotoWindow>, PhotoError> {
        let count = self.areas.len();
        let area = self.areas.get_mut(index).ok_or(PhotoError::NoSuchArea { index, count })?;
        area.design = PhotoDesign { crop: design.crop.clamped(), ..design };
        let Some((size, _)) = &area.photo else { return Ok(None) };
        let window = PhotoWindow::new(*size, area.slot.size_mm, area.design.crop);
        let uniforms = PhotoUniforms::new(&window, &area.design, area.slot.plane);
        queue.write_buffer(&area.buffer, 0, bytemuck::bytes_of(&uniforms));
        Ok(Some(window))
    }

    /// The bind group to draw node `node` with, when it is a photo area holding a photo.
    pub fn group_for(&self, node: usize) -> Option<&wgpu::BindGroup> {
        self.areas.iter().find(|a| a.slot.node == node).and_then(|a| a.photo.as_ref()).map(|(_, group)| group)
    }
}
