//! Every bind group layout and render pipeline, built in one place. The layouts mirror the
//! bindings in `shaders/common.wgsl` (keep in sync).

use crate::model::Vertex;

use super::shaders::{
    BACKDROP_SHADER_SOURCE, GEM_SHADER_SOURCE, PBR_SHADER_SOURCE, PHOTO_SHADER_SOURCE, SHADOW_SHADER_SOURCE,
};

/// Depth buffer format (available on WebGL2).
pub const DEPTH_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Depth24Plus;

/// Vertex layout of [`Vertex`]: position, normal, tangent, uv0, uv1.
const VERTEX_ATTRIBUTES: [wgpu::VertexAttribute; 5] =
    wgpu::vertex_attr_array![0 => Float32x3, 1 => Float32x3, 2 => Float32x4, 3 => Float32x2, 4 => Float32x2];
const _: () = assert!(std::mem::size_of::<Vertex>() == 56);

/// How a material is drawn: which faces, and whether it blends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PipelineKey {
    /// Draw back faces too (glTF `doubleSided`).
    pub double_sided: bool,
    /// Alpha blending (glTF `alphaMode: BLEND`); depth writes off.
    pub blend: bool,
}

impl PipelineKey {
    fn index(self) -> usize {
        self.double_sided as usize + 2 * self.blend as usize
    }
}

/// The layouts, the four PBR pipeline variants, stones and the backdrop gradient.
pub struct Pipelines {
    /// Group 0: frame uniforms, environment, BRDF table.
    pub frame_layout: wgpu::BindGroupLayout,
    /// Group 1: material uniforms, five textures, sampler.
    pub material_layout: wgpu::BindGroupLayout,
    /// Group 2: per-draw transform.
    pub draw_layout: wgpu::BindGroupLayout,
    /// Group 3: engraving areas, their height fields (2D array), sampler.
    pub engraving_layout: wgpu::BindGroupLayout,
    /// Group 1 of the gem pass: one stone's or bezel's uniforms.
    pub gem_layout: wgpu::BindGroupLayout,
    /// Stones and bezels (opaque, back faces culled).
    pub gem: wgpu::RenderPipeline,
    /// Group 1 of the contact shadow: uniforms, opacity texture, sampler.
    pub shadow_layout: wgpu::BindGroupLayout,
    /// The contact shadow quad (alpha-blended, no depth writes).
    pub shadow: wgpu::RenderPipeline,
    /// Full-screen background gradient (frame bind group only).
    pub backdrop: wgpu::RenderPipeline,
    /// Group 1 of the photo pass: placement uniforms, the photo, sampler.
    pub photo_layout: wgpu::BindGroupLayout,
    /// Photo areas holding a photo; built with the first photo.
    photo: Option<wgpu::RenderPipeline>,
    variants: Vec<wgpu::RenderPipeline>,
    /// The same four with the engraving pass compiled in (`ENGRAVED`), built on the first
    /// engraving: the extra code costs software renderers frames even where it is skipped.
    engraved_variants: Option<Vec<wgpu::RenderPipeline>>,
    pbr_layout: wgpu::PipelineLayout,
    pbr_module: wgpu::ShaderModule,
    color_format: wgpu::TextureFormat,
    sample_count: u32,
}

/// What a pipeline runs: layout, shader module, entry points, override constants.
struct Program<'a> {
    layout: &'a wgpu::PipelineLayout,
    module: &'a wgpu::ShaderModule,
    entries: (&'a str, &'a str),
    constants: &'a [(&'a str, f64)],
}

/// The PBR pipeline keys in `PipelineKey::index` order.
const PBR_KEYS: [PipelineKey; 4] = [
    PipelineKey { double_sided: false, blend: false },
    PipelineKey { double_sided: true, blend: false },
    PipelineKey { double_sided: false, blend: true },
    PipelineKey { double_sided: true, blend: true },
];

fn pbr_program<'a>(layout: &'a wgpu::PipelineLayout, module: &'a wgpu::ShaderModule, engraved: bool) -> Program<'a> {
    const PLAIN: &[(&str, f64)] = &[("ENGRAVED", 0.0)];
    const WITH_ENGRAVING: &[(&str, f64)] = &[("ENGRAVED", 1.0)];
    Program {
        layout,
        module,
        entries: ("vs_main", "fs_main"),
        constants: if engraved { WITH_ENGRAVING } else { PLAIN },
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

impl Pipelines {
    /// Compiles the shader and builds every pipeline for `color_format` at `sample_count`.
    pub fn new(device: &wgpu::Device, color_format: wgpu::TextureFormat, sample_count: u32) -> Self {
        let frame_layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("frame layout"),
            entries: &[uniform_entry(0), texture_entry(1), sampler_entry(2), texture_entry(3), sampler_entry(4)],
        });
        let material_layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("material layout"),
            entries: &[
                uniform_entry(0),
                texture_entry(1),
                texture_entry(2),
                texture_entry(3),
                texture_entry(4),
                texture_entry(5),
                sampler_entry(6),
            ],
        });
        let draw_layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("draw layout"),
            entries: &[uniform_entry(0)],
        });
        let engraving_layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("engraving layout"),
            entries: &[
                uniform_entry(0),
                wgpu::BindGroupLayoutEntry {
                    binding: 1,
                    visibility: wgpu::ShaderStages::FRAGMENT,
                    ty: wgpu::BindingType::Texture {
                        sample_type: wgpu::TextureSampleType::Float { filterable: true },
                        view_dimension: wgpu::TextureViewDimension::D2Array,
                        multisampled: false,
                    },
                    count: None,
                },
                sampler_entry(2),
            ],
        });
        let pbr_layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("pbr layout"),
            bind_group_layouts: &[
                Some(&frame_layout),
                Some(&material_layout),
                Some(&draw_layout),
                Some(&engraving_layout),
            ],
            immediate_size: 0,
        });
        let pbr_module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some("pbr.wgsl"),
            source: wgpu::ShaderSource::Wgsl(PBR_SHADER_SOURCE.into()),
        });
        let program = pbr_program(&pbr_layout, &pbr_module, false);
        let variants =
            PBR_KEYS.iter().map(|key| create_pipeline(device, &program, color_format, sample_count, *key)).collect();
        let gem_layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("gem layout"),
            entries: &[uniform_entry(0)],
        });
        let gem_pipeline_layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("gem pipeline layout"),
            bind_group_layouts: &[Some(&frame_layout), Some(&gem_layout)],
            immediate_size: 0,
        });
        let gem_module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some("gem.wgsl"),
            source: wgpu::ShaderSource::Wgsl(GEM_SHADER_SOURCE.into()),
        });
        let gem = create_pipeline(
            device,
            &Program {
                layout: &gem_pipeline_layout,
                module: &gem_module,
                entries: ("gem_vs", "gem_fs"),
                constants: &[],
            },
            color_format,
            sample_count,
            PipelineKey { double_sided: false, blend: false },
        );
        // Drawn first, behind everything: it neither tests nor writes depth.
        let backdrop = create_overlay_pipeline(
            device,
            OverlayPass {
                name: "backdrop",
                source: BACKDROP_SHADER_SOURCE,
                layouts: &[Some(&frame_layout)],
                topology: wgpu::PrimitiveTopology::TriangleList,
                depth_compare: wgpu::CompareFunction::Always,
                blend: None,
            },
            color_format,
            sample_count,
        );
        let shadow_layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("shadow layout"),
            entries: &[uniform_entry(0), texture_entry(1), sampler_entry(2)],
        });
        let shadow = create_overlay_pipeline(
            device,
            OverlayPass {
                name: "shadow",
                source: SHADOW_SHADER_SOURCE,
                layouts: &[Some(&frame_layout), Some(&shadow_layout)],
                topology: wgpu::PrimitiveTopology::TriangleStrip,
                depth_compare: wgpu::CompareFunction::LessEqual,
                blend: Some(shadow_blend(color_format)),
            },
            color_format,
            sample_count,
        );
        let photo_layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("photo layout"),
            entries: &[uniform_entry(0), texture_entry(1), sampler_entry(2)],
        });
        Self {
            photo_layout,
            photo: None,
            frame_layout,
            material_layout,
            draw_layout,
            engraving_layout,
            gem_layout,
            gem,
            shadow_layout,
            shadow,
            backdrop,
            variants,
            engraved_variants: None,
            pbr_layout,
            pbr_module,
            color_format,
            sample_count,
        }
    }

    /// Builds the engraved PBR variants if they are not built yet.
    pub fn prepare_engraved(&mut self, device: &wgpu::Device) {
        if self.engraved_variants.is_none() {
            let program = pbr_program(&self.pbr_layout, &self.pbr_module, true);
            self.engraved_variants = Some(
                PBR_KEYS
                    .iter()
                    .map(|key| create_pipeline(device, &program, self.color_format, self.sample_count, *key))
                    .collect(),
            );
        }
    }

    /// Builds the photo pipeline if it is not built yet. Its layout ends with the PBR pass's
    /// groups 2 and 3, so switching between the two keeps the draw and engraving bindings.
    pub fn prepare_photo(&mut self, device: &wgpu::Device) {
        if self.photo.is_some() {
            return;
        }
        let layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("photo layout"),
            bind_group_layouts: &[
                Some(&self.frame_layout),
                Some(&self.photo_layout),
                Some(&self.draw_layout),
                Some(&self.engraving_layout),
            ],
            immediate_size: 0,
        });
        let module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some("photo.wgsl"),
            source: wgpu::ShaderSource::Wgsl(PHOTO_SHADER_SOURCE.into()),
        });
        let program = Program { layout: &layout, module: &module, entries: ("photo_vs", "photo_fs"), constants: &[] };
        let key = PipelineKey { double_sided: false, blend: false };
        self.photo = Some(create_pipeline(device, &program, self.color_format, self.sample_count, key));
    }

    /// The photo pipeline, once prepared.
    pub fn photo(&self) -> Option<&wgpu::RenderPipeline> {
        self.photo.as_ref()
    }

    /// The pipeline for a material's key, with the engraving pass when `engraved` (and
    /// prepared).
    pub fn pipeline(&self, key: PipelineKey, engraved: bool) -> &wgpu::RenderPipeline {
        let variants = self.engraved_variants.as_ref().filter(|_| engraved).unwrap_or(&self.variants);
        &variants[key.index()]
    }
}

fn create_pipeline(
    device: &wgpu::Device,
    program: &Program<'_>,
    color_format: wgpu::TextureFormat,
    sample_count: u32,
    key: PipelineKey,
) -> wgpu::RenderPipeline {
    let (vertex_entry, fragment_entry) = program.entries;
    let compilation_options =
        || wgpu::PipelineCompilationOptions { constants: program.constants, ..Default::default() };
    device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
        label: Some(vertex_entry),
        layout: Some(program.layout),
        vertex: wgpu::VertexState {
            module: program.module,
            entry_point: Some(vertex_entry),
            compilation_options: compilation_options(),
            buffers: &[Some(wgpu::VertexBufferLayout {
                array_stride: std::mem::size_of::<Vertex>() as u64,
                step_mode: wgpu::VertexStepMode::Vertex,
                attributes: &VERTEX_ATTRIBUTES,
            })],
        },
        primitive: wgpu::PrimitiveState {
            topology: wgpu::PrimitiveTopology::TriangleList,
            front_face: wgpu::FrontFace::Ccw,
            cull_mode: if key.double_sided { None } else { Some(wgpu::Face::Back) },
            ..Default::default()
        },
        depth_stencil: Some(wgpu::DepthStencilState {
            format: DEPTH_FORMAT,
            depth_write_enabled: Some(!key.blend),
            depth_compare: Some(wgpu::CompareFunction::LessEqual),
            stencil: Default::default(),
            bias: Default::default(),
        }),
        multisample: wgpu::MultisampleState { count: sample_count, mask: !0, alpha_to_coverage_enabled: false },
        fragment: Some(wgpu::FragmentState {
            module: program.module,
            entry_point: Some(fragment_entry),
            compilation_options: compilation_options(),
            targets: &[Some(wgpu::ColorTargetState {
                format: color_format,
                blend: key.blend.then_some(wgpu::BlendState::ALPHA_BLENDING),
                write_mask: wgpu::ColorWrites::ALL,
            })],
        }),
        multiview_mask: None,
        cache: None,
    })
}

/// A pass without vertex buffers that never writes depth (the background gradient, the
/// contact shadow quad): what differs between them.
struct OverlayPass<'a> {
    name: &'static str,
    source: &'static str,
    layouts: &'a [Option<&'a wgpu::BindGroupLayout>],
    topology: wgpu::PrimitiveTopology,
    depth_compare: wgpu::CompareFunction,
    blend: Option<wgpu::BlendState>,
}

fn create_overlay_pipeline(
    device: &wgpu::Device,
    pass: OverlayPass<'_>,
    color_format: wgpu::TextureFormat,
    sample_count: u32,
) -> wgpu::RenderPipeline {
    let layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
        label: Some(pass.name),
        bind_group_layouts: pass.layouts,
        immediate_size: 0,
    });
    let module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
        label: Some(pass.name),
        source: wgpu::ShaderSource::Wgsl(pass.source.into()),
    });
    let (vertex_entry, fragment_entry) = (format!("{}_vs", pass.name), format!("{}_fs", pass.name));
    device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
        label: Some(pass.name),
        layout: Some(&layout),
        vertex: wgpu::VertexState {
            module: &module,
            entry_point: Some(&vertex_entry),
            compilation_options: Default::default(),
            buffers: &[],
        },
        primitive: wgpu::PrimitiveState { topology: pass.topology, ..Default::default() },
        depth_stencil: Some(wgpu::DepthStencilState {
            format: DEPTH_FORMAT,
            depth_write_enabled: Some(false),
            depth_compare: Some(pass.depth_compare),
            stencil: Default::default(),
            bias: Default::default(),
        }),
        multisample: wgpu::MultisampleState { count: sample_count, mask: !0, alpha_to_coverage_enabled: false },
        fragment: Some(wgpu::FragmentState {
            module: &module,
            entry_point: Some(&fragment_entry),
            compilation_options: Default::default(),
            targets: &[Some(wgpu::ColorTargetState {
                format: color_format,
                blend: pass.blend,
                write_mask: wgpu::ColorWrites::ALL,
            })],
        }),
        multiview_mask: None,
        cache: None,
    })
}

/// How the shadow darkens what is behind it: plain alpha blending of black on sRGB targets
/// (blending happens in linear light); on targets the shader encodes, dst·(1 − a) − src, which
/// reproduces the linear darkening on encoded values (see shaders/shadow.wgsl).
fn shadow_blend(color_format: wgpu::TextureFormat) -> wgpu::BlendState {
    if color_format.is_srgb() {
        return wgpu::BlendState::ALPHA_BLENDING;
    }
    wgpu::BlendState {
        color: wgpu::BlendComponent {
            src_factor: wgpu::BlendFactor::One,
            dst_factor: wgpu::BlendFactor::OneMinusSrcAlpha,
            operation: wgpu::BlendOperation::ReverseSubtract,
        },
        alpha: wgpu::BlendComponent::OVER,
    }
}
