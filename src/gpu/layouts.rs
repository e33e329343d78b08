//! The bind group layouts, as ruffle keeps its layouts apart from its pipelines. They mirror
//! the bindings the shaders declare (keep in sync; the table is in shaders/README.md).

/// Every bind group layout.
pub struct Layouts {
    /// Group 0: frame uniforms, environment, BRDF table.
    pub frame: wgpu::BindGroupLayout,
    /// Group 1: material uniforms, five textures, sampler.
    pub material: wgpu::BindGroupLayout,
    /// Group 2: per-draw transform.
    pub draw: wgpu::BindGroupLayout,
    /// Group 3: engraving areas, their height fields (2D array), sampler.
    pub engraving: wgpu::BindGroupLayout,
    /// Group 1 of the gem pass: one stone's or bezel's uniforms.
    pub gem: wgpu::BindGroupLayout,
    /// Group 1 of the contact shadow: uniforms, opacity texture, sampler.
    pub shadow: wgpu::BindGroupLayout,
    /// Group 1 of the photo pass: placement uniforms, the photo, sampler.
    pub photo: wgpu::BindGroupLayout,
}

impl Layouts {
    /// Creates every layout.
    pub fn new(device: &wgpu::Device) -> Self {
        let layout = |label: &str, entries: &[wgpu::BindGroupLayoutEntry]| {
            device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor { label: Some(label), entries })
        };
        let height_fields = wgpu::BindGroupLayoutEntry {
            binding: 1,
            visibility: wgpu::ShaderStages::FRAGMENT,
            ty: wgpu::BindingType::Texture {
                sample_type: wgpu::TextureSampleType::Float { filterable: true },
                view_dimension: wgpu::TextureViewDimension::D2Array,
                multisampled: false,
            },
            count: None,
        };
        Self {
            frame: layout(
                "frame layout",
                &[uniform_entry(0), texture_entry(1), sampler_entry(2), texture_entry(3), sampler_entry(4)],
            ),
            material: layout(
                "material layout",
                &[
                    uniform_entry(0),
                    texture_entry(1),
                    texture_entry(2),
                    texture_entry(3),
                    texture_entry(4),
                    texture_entry(5),
                    sampler_entry(6),
                ],
            ),
            draw: layout("draw layout", &[uniform_entry(0)]),
            engraving: layout("engraving layout", &[uniform_entry(0), height_fields, sampler_entry(2)]),
            gem: layout("gem layout", &[uniform_entry(0)]),
            shadow: layout("shadow layout", &[uniform_entry(0), texture_entry(1), sampler_entry(2)]),
            photo: layout("photo layout", &[uniform_entry(0), texture_entry(1), sampler_entry(2)]),
        }
    }
}

fn uniform_entry(binding: u32) -> wgpu::BindGroupLayoutEntry {
    wgpu::BindGroupLayoutEntry {
        binding,
        visibility: wgpu::ShaderStages::VERTEX_FRAGMENT,
        ty: wgpu::BindingType::Buffer {
            ty: wgpu::BufferBindingType::Uniform,
            has_dynamic_offset: false,
            min_binding_size: None,
        },
        count: None,
    }
}

fn texture_entry(binding: u32) -> wgpu::BindGroupLayoutEntry {
    wgpu::BindGroupLayoutEntry {
        binding,
        visibility: wgpu::ShaderStages::FRAGMENT,
        ty: wgpu::BindingType::Texture {
            sample_type: wgpu::TextureSampleType::Float { filterable: true },
            view_dimension: wgpu::TextureViewDimension::D2,
            multisampled: false,
        },
        count: None,
    }
}

fn sampler_entry(binding: u32) -> wgpu::BindGroupLayoutEntry {
    wgpu::BindGroupLayoutEntry {
        binding,
        visibility: wgpu::ShaderStages::FRAGMENT,
        ty: wgpu::BindingType::Sampler(wgpu::SamplerBindingType::Filtering),
        count: None,
    }
}

/// A bind group of the uniform-buffer, texture, sampler shape (bindings 0, 1, 2) that the
/// engraving and contact-shadow layouts share.
pub fn uniform_texture_sampler_group(
    device: &wgpu::Device,
    label: &str,
    layout: &wgpu::BindGroupLayout,
    (uniforms, view, sampler): (&wgpu::Buffer, &wgpu::TextureView, &wgpu::Sampler),
) -> wgpu::BindGroup {
    device.create_bind_group(&wgpu::BindGroupDescriptor {
        label: Some(label),
        layout,
        entries: &[
            wgpu::BindGroupEntry { binding: 0, resource: uniforms.as_entire_binding() },
            wgpu::BindGroupEntry { binding: 1, resource: wgpu::BindingResource::TextureView(view) },
            wgpu::BindGroupEntry { binding: 2, resource: wgpu::BindingResource::Sampler(sampler) },
        ],
    })
}
