//! Stones in their settings on the GPU: for every gem slot of the model, the stone's mesh and
//! its setting (bezel or prongs), each with its uniforms (placement, optics or metal), drawn by the gem pipeline.

use glam::Mat4;
use wgpu::util::DeviceExt;

use crate::finish::MetalAppearance;
use crate::model::Vertex;
use crate::stones::cut::generate;
use crate::stones::setting::{setting_mesh, slot_scale, GemSlot};
use crate::stones::Stone;

use super::pipelines::Pipelines;
use super::uniforms::GemUniforms;

struct GpuMesh {
    vertices: wgpu::Buffer,
    indices: wgpu::Buffer,
    index_count: u32,
}

impl GpuMesh {
    fn upload(device: &wgpu::Device, vertices: &[Vertex], indices: &[u32]) -> Self {
        Self {
            vertices: device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
                label: Some("gem vertices"),
                contents: bytemuck::cast_slice(vertices),
                usage: wgpu::BufferUsages::VERTEX,
            }),
            indices: device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
                label: Some("gem indices"),
                contents: bytemuck::cast_slice(indices),
                usage: wgpu::BufferUsages::INDEX,
            }),
            index_count: indices.len() as u32,
        }
    }
}

struct PlacedMesh {
    mesh: GpuMesh,
    bind_group: wgpu::BindGroup,
    /// Its uniforms, kept to move it with a hinge.
    uniforms: GemUniforms,
    buffer: wgpu::Buffer,
    /// The slot's node and stone-local scale.
    node: usize,
    scale: Mat4,
}

/// Every set stone of a model, ready to draw.
pub struct GpuStones {
    parts: Vec<PlacedMesh>,
}

impl GpuStones {
    /// Uploads `stone` into each of `slots`, with bezels in `metal`.
    pub fn upload(
        device: &wgpu::Device,
        pipelines: &Pipelines,
        slots: &[GemSlot],
        stone: &Stone,
        metal: &MetalAppearance,
    ) -> Self {
        let place = |slot: &GemSlot, (vertices, indices): (&[Vertex], &[u32]), uniforms: GemUniforms| {
            let buffer = device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
                label: Some("gem uniforms"),
                contents: bytemuck::bytes_of(&uniforms),
                usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
            });
            let bind_group = device.create_bind_group(&wgpu::BindGroupDescriptor {
                label: Some("gem"),
                layout: &pipelines.layouts.gem,
                entries: &[wgpu::BindGroupEntry { binding: 0, resource: buffer.as_entire_binding() }],
            });
            let mesh = GpuMesh::upload(device, vertices, indices);
            PlacedMesh { mesh, bind_group, uniforms, buffer, node: slot.index, scale: slot_scale(slot.size_mm) }
        };
        let mut parts = Vec::with_capacity(slots.len() * 2);
        for slot in slots {
            let geometry = generate(stone.cut_in(slot.cut));
            let uniforms = GemUniforms::stone(slot.transform, stone, &geometry);
            parts.push(place(slot, (&geometry.vertices, &geometry.indices), uniforms));
            let (vertices, indices) = setting_mesh(&geometry, slot.setting);
            parts.push(place(slot, (&vertices, &indices), GemUniforms::metal(slot.transform, metal)));
        }
        Self { parts }
    }

    /// Moves each stone and its setting to its slot node's `transforms` entry (world, as a
    /// locket opens).
    pub fn set_pose(&self, queue: &wgpu::Queue, transforms: &[Mat4]) {
        for part in &self.parts {
            if let Some(node) = transforms.get(part.node) {
                let uniforms = part.uniforms.moved(*node * part.scale);
                queue.write_buffer(&part.buffer, 0, bytemuck::bytes_of(&uniforms));
            }
        }
    }

    /// Records the draws (frame bind group already set).
    pub fn draw(&self, pass: &mut wgpu::RenderPass<'_>, pipelines: &Pipelines) {
        let Some(pipeline) = pipelines.gem().filter(|_| !self.parts.is_empty()) else { return };
        pass.set_pipeline(pipeline);
        for part in &self.parts {
            pass.set_bind_group(1, &part.bind_group, &[]);
            pass.set_vertex_buffer(0, part.mesh.vertices.slice(..));
            pass.set_index_buffer(part.mesh.indices.slice(..), wgpu::IndexFormat::Uint32);
            pass.draw_indexed(0..part.mesh.index_count, 0, 0..1);
        }
    }
}
