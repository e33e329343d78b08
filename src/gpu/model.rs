//! A [`PendantModel`] on the GPU: one vertex and index buffer per primitive, one bind group
//! per material (absent textures replaced by 1×1 defaults), one per drawn node.

use std::collections::HashMap;

use wgpu::util::DeviceExt;

use crate::finish::{Finish, MetalAppearance, Surface};
use crate::model::{AlphaMode, Material, PendantModel, TextureRef};

use super::photo::GpuPhotos;
use super::pipelines::{PipelineKey, Pipelines, ShaderFeatures};
use super::textures::{create_sampler, solid_texture, upload_image};
use super::uniforms::{DrawUniforms, MaterialUniforms};

/// One primitive ready to draw.
pub struct GpuPrimitive {
    vertex_buffer: wgpu::Buffer,
    index_buffer: wgpu::Buffer,
    index_count: u32,
    material: usize,
}

impl GpuPrimitive {
    fn draw(&self, pass: &mut wgpu::RenderPass<'_>) {
        pass.set_vertex_buffer(0, self.vertex_buffer.slice(..));
        pass.set_index_buffer(self.index_buffer.slice(..), wgpu::IndexFormat::Uint32);
        pass.draw_indexed(0..self.index_count, 0, 0..1);
    }
}

/// One node instance of a mesh.
pub struct GpuNode {
    bind_group: wgpu::BindGroup,
    uniforms: wgpu::Buffer,
    /// Index in `PendantModel::nodes`.
    node: usize,
    mesh: usize,
}

/// A material's bind group and how it is drawn; the CPU copy lets a finish be re-applied.
pub struct GpuMaterial {
    bind_group: wgpu::BindGroup,
    key: PipelineKey,
    /// Follows the finish (brushed metal is anisotropic).
    features: ShaderFeatures,
    uniforms: wgpu::Buffer,
    source: Material,
}

/// Everything needed to draw one model.
pub struct GpuModel {
    meshes: Vec<Vec<GpuPrimitive>>,
    materials: Vec<GpuMaterial>,
    nodes: Vec<GpuNode>,
}

impl GpuModel {
    /// Uploads `model`, its metal parts in `finish` when given. Materials are uploaded in
    /// order, followed by the glTF default material (used by primitives without one).
    pub fn upload(
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        pipelines: &Pipelines,
        model: &PendantModel,
        finish: Option<&MetalAppearance>,
    ) -> Self {
        let white_srgb = solid_texture(device, queue, [255, 255, 255, 255], true);
        let white_linear = solid_texture(device, queue, [255, 255, 255, 255], false);
        let flat_normal = solid_texture(device, queue, [128, 128, 255, 255], false);
        let mut images: HashMap<(usize, bool), wgpu::TextureView> = HashMap::new();
        let mut samplers = HashMap::new();

        let default_material = Material::default();
        let materials = model
            .materials
            .iter()
            .chain(std::iter::once(&default_material))
            .map(|material| {
                let mut view = |texture: Option<TextureRef>, srgb: bool, fallback: &wgpu::TextureView| {
                    let Some(texture) = texture.and_then(|t| model.textures.get(t.texture)) else {
                        return fallback.clone();
                    };
                    images
                        .entry((texture.image, srgb))
                        .or_insert_with(|| upload_image(device, queue, &model.images[texture.image], srgb))
                        .clone()
                };
                let base_color = view(material.base_color_texture, true, &white_srgb);
                let metallic_roughness = view(material.metallic_roughness_texture, false, &white_linear);
                let normal = view(material.normal_texture, false, &flat_normal);
                let occlusion = view(material.occlusion_texture, false, &white_linear);
                let emissive = view(material.emissive_texture, true, &white_srgb);
                // One sampler per material (WebGL2 pairs each texture with one sampler state):
                // the base colour texture's, else the first present.
                let sampler_state = [
                    material.base_color_texture,
                    material.metallic_roughness_texture,
                    material.normal_texture,
                    material.occlusion_texture,
                    material.emissive_texture,
                ]
                .into_iter()
                .flatten()
                .find_map(|t| model.textures.get(t.texture))
                .map(|t| t.sampler)
                .unwrap_or_default();
                let sampler = samplers.entry(sampler_state).or_insert_with(|| create_sampler(device, &sampler_state));
                let values = MaterialUniforms::new(material, finish);
                let uniforms = device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
                    label: Some("material uniforms"),
                    contents: bytemuck::bytes_of(&values),
                    usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
                });
                let bind_group = device.create_bind_group(&wgpu::BindGroupDescriptor {
                    label: Some("material"),
                    layout: &pipelines.layouts.material,
                    entries: &[
                        wgpu::BindGroupEntry { binding: 0, resource: uniforms.as_entire_binding() },
                        wgpu::BindGroupEntry { binding: 1, resource: wgpu::BindingResource::TextureView(&base_color) },
                        wgpu::BindGroupEntry {
                            binding: 2,
                            resource: wgpu::BindingResource::TextureView(&metallic_roughness),
                        },
                        wgpu::BindGroupEntry { binding: 3, resource: wgpu::BindingResource::TextureView(&normal) },
                        wgpu::BindGroupEntry { binding: 4, resource: wgpu::BindingResource::TextureView(&occlusion) },
                        wgpu::BindGroupEntry { binding: 5, resource: wgpu::BindingResource::TextureView(&emissive) },
                        wgpu::BindGroupEntry { binding: 6, resource: wgpu::BindingResource::Sampler(sampler) },
                    ],
                });
                let key =
                    PipelineKey { double_sided: material.double_sided, blend: material.alpha_mode == AlphaMode::Blend };
                GpuMaterial { bind_group, key, features: values.features(), uniforms, source: material.clone() }
            })
            .collect();

        let default_material_index = model.materials.len();
        let meshes = model
            .meshes
            .iter()
            .map(|mesh| {
                mesh.primitives
                    .iter()
                    .filter(|p| !p.indices.is_empty())
                    .map(|primitive| GpuPrimitive {
                        vertex_buffer: device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
                            label: Some("vertices"),
                            contents: bytemuck::cast_slice(&primitive.vertices),
                            usage: wgpu::BufferUsages::VERTEX,
                        }),
                        index_buffer: device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
                            label: Some("indices"),
                            contents: bytemuck::cast_slice(&primitive.indices),
                            usage: wgpu::BufferUsages::INDEX,
                        }),
                        index_count: primitive.indices.len() as u32,
                        material: primitive
                            .material
                            .filter(|&m| m < model.materials.len())
                            .unwrap_or(default_material_index),
                    })
                    .collect()
            })
            .collect();

        let nodes = model
            .nodes
            .iter()
            .enumerate()
            .filter_map(|(index, node)| {
                let mesh = node.mesh?;
                let uniforms = device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
                    label: Some("draw uniforms"),
                    contents: bytemuck::bytes_of(&DrawUniforms::new(node.world_transform)),
                    usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
                });
                let bind_group = device.create_bind_group(&wgpu::BindGroupDescriptor {
                    label: Some("draw"),
                    layout: &pipelines.layouts.draw,
                    entries: &[wgpu::BindGroupEntry { binding: 0, resource: uniforms.as_entire_binding() }],
                });
                Some(GpuNode { bind_group, uniforms, node: index, mesh })
            })
            .collect();
        Self { meshes, materials, nodes }
    }

    /// Moves every drawn node to `world_transforms[node]` (a locket opening).
    pub fn set_pose(&self, queue: &wgpu::Queue, world_transforms: &[glam::Mat4]) {
        for node in &self.nodes {
            if let Some(&transform) = world_transforms.get(node.node) {
                queue.write_buffer(&node.uniforms, 0, bytemuck::bytes_of(&DrawUniforms::new(transform)));
            }
        }
    }

    /// Points each primitive at the material `model` gives it now (a variant was chosen);
    /// `model` is the one uploaded, so its primitives line up with these.
    pub fn apply_materials(&mut self, model: &PendantModel) {
        let default_material_index = model.materials.len();
        for (gpu_mesh, mesh) in self.meshes.iter_mut().zip(&model.meshes) {
            let drawn = mesh.primitives.iter().filter(|p| !p.indices.is_empty());
            for (gpu, primitive) in gpu_mesh.iter_mut().zip(drawn) {
                gpu.material =
                    primitive.material.filter(|&m| m < model.materials.len()).unwrap_or(default_material_index);
            }
        }
    }

    /// Re-writes the material uniforms with `finish` on the metal parts (`None`: as authored).
    /// Only uniform writes (and a pipeline to build the first time a finish needs new shader
    /// features, see [`GpuModel::prepare_pipelines`]).
    pub fn apply_finish(&mut self, queue: &wgpu::Queue, finish: Option<&MetalAppearance>) {
        for material in &mut self.materials {
            let values = MaterialUniforms::new(&material.source, finish);
            queue.write_buffer(&material.uniforms, 0, bytemuck::bytes_of(&values));
            material.features = values.features();
        }
    }

    /// Builds the pipelines [`GpuModel::draw`] will use, if they are not built yet.
    pub fn prepare_pipelines(&self, device: &wgpu::Device, pipelines: &mut Pipelines, engraved: bool) {
        for material in self.drawn_materials() {
            pipelines.prepare_pbr(device, material.key, material.features, engraved);
        }
    }

    /// Builds the pipelines a change of finish can need (metal parts polished and brushed),
    /// each also with the engraving pass when `engravable`, as are the current ones.
    pub fn prepare_finish_pipelines(&self, device: &wgpu::Device, pipelines: &mut Pipelines, engravable: bool) {
        let finishes =
            [Surface::Polished, Surface::Brushed].map(|surface| Finish { surface, ..Finish::DEFAULT }.appearance());
        for material in self.drawn_materials() {
            let with_finishes = finishes.iter().map(|finish| MaterialUniforms::new(&material.source, Some(finish)));
            let features = std::iter::once(material.features).chain(with_finishes.map(|values| values.features()));
            for features in features {
                for engraved in [false, true].into_iter().filter(|&engraved| engravable || !engraved) {
                    pipelines.prepare_pbr(device, material.key, features, engraved);
                }
            }
        }
    }

    /// The materials some primitive is drawn with (the glTF default material is often not).
    fn drawn_materials(&self) -> impl Iterator<Item = &GpuMaterial> {
        self.materials
            .iter()
            .enumerate()
            .filter(|(index, _)| self.meshes.iter().flatten().any(|p| p.material == *index))
            .map(|(_, m)| m)
    }

    /// Records the draws: opaque and masked materials first, then blended ones.
    /// `engraved`: use the pipelines with the engraving pass. Photo areas holding a photo are
    /// drawn with the photo pipeline instead of their material.
    pub fn draw(
        &self,
        pass: &mut wgpu::RenderPass<'_>,
        pipelines: &Pipelines,
        engraved: bool,
        photos: Option<&GpuPhotos>,
    ) {
        for blended in [false, true] {
            for node in &self.nodes {
                pass.set_bind_group(2, &node.bind_group, &[]);
                if let Some((group, pipeline)) = photos.and_then(|p| p.group_for(node.node)).zip(pipelines.photo()) {
                    if !blended {
                        pass.set_pipeline(pipeline);
                        pass.set_bind_group(1, group, &[]);
                        self.meshes.get(node.mesh).into_iter().flatten().for_each(|p| p.draw(pass));
                    }
                    continue;
                }
                for primitive in self.meshes.get(node.mesh).into_iter().flatten() {
                    let material = &self.materials[primitive.material];
                    if material.key.blend != blended {
                        continue;
                    }
                    let Some(pipeline) = pipelines.pbr(material.key, material.features, engraved) else {
                        debug_assert!(false, "draw before prepare_pipelines");
                        continue;
                    };
                    pass.set_pipeline(pipeline);
                    pass.set_bind_group(1, &material.bind_group, &[]);
                    primitive.draw(pass);
                }
            }
        }
    }
}
