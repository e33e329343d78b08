//! Every render pipeline, built in one place, on the bind group layouts of `layouts.rs`.

use std::collections::HashMap;

use crate::model::Vertex;

use super::layouts::Layouts;
use super::shaders::{
    BACKDROP_SHADER_SOURCE, GEM_SHADER_SOURCE, PBR_SHADER_SOURCE, PHOTO_SHADER_SOURCE, SHADOW_SHADER_SOURCE,
};

/// Depth buffer format (available on WebGL2).
pub const DEPTH_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Depth24Plus;

/// Vertex layout of [`Vertex`]: position, normal, tangent, uv0, uv1.
const VERTEX_ATTRIBUTES: [wgpu::VertexAttribute; 6] = wgpu::vertex_attr_array![
    0 => Float32x3, 1 => Float32x3, 2 => Float32x4, 3 => Float32x2, 4 => Float32x2, 5 => Unorm16x4
];
const _: () = assert!(std::mem::size_of::<Vertex>() == 64);

/// How a material is drawn: which faces, and whether it blends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PipelineKey {
    /// Draw back faces too (glTF `doubleSided`).
    pub double_sided: bool,
    /// Alpha blending (glTF `alphaMode: BLEND`); depth writes off.
    pub blend: bool,
}

/// The optional parts of the PBR fragment shader a material uses: the override constants of
/// `shaders/pbr.wgsl`, where the reason is given (software GPUs pay for code they skip).
/// Derived from the material's uniforms ([`super::uniforms::MaterialUniforms::features`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ShaderFeatures {
    /// Base colour, metallic-roughness, normal, occlusion and emissive texture, in that order.
    pub textures: [bool; 5],
    pub alpha_mask: bool,
    /// Not all metal.
    pub dielectric: bool,
    pub anisotropy: bool,
    pub transmission: bool,
    pub clearcoat: bool,
}

impl ShaderFeatures {
    /// The override constants that compile these features in and the others out.
    fn constants(self) -> [(&'static str, f64); 10] {
        let value = |on: bool| if on { 1.0 } else { 0.0 };
        let [base_color, metallic_roughness, normal, occlusion, emissive] = self.textures.map(value);
        [
            ("BASE_COLOR_TEXTURE", base_color),
            ("METALLIC_ROUGHNESS_TEXTURE", metallic_roughness),
            ("NORMAL_TEXTURE", normal),
            ("OCCLUSION_TEXTURE", occlusion),
            ("EMISSIVE_TEXTURE", emissive),
            ("ALPHA_MASK", value(self.alpha_mask)),
            ("DIELECTRIC", value(self.dielectric)),
            ("ANISOTROPY", value(self.anisotropy)),
            ("TRANSMISSION", value(self.transmission)),
            ("CLEARCOAT", value(self.clearcoat)),
        ]
    }
}

/// One PBR pipeline: a material's key and features, with or without the engraving pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct PbrVariant {
    key: PipelineKey,
    features: ShaderFeatures,
    engraved: bool,
}

/// The layouts, the PBR pipelines built so far, stones and the backdrop gradient.
pub struct Pipelines {
    /// The bind group layouts every pipeline is built on.
    pub layouts: Layouts,
    /// Stones and bezels (opaque, back faces culled).
    gem: Option<wgpu::RenderPipeline>,
    /// The contact shadow quad (alpha-blended, no depth writes).
    pub shadow: wgpu::RenderPipeline,
    /// Full-screen background gradient (frame bind group only).
    pub backdrop: wgpu::RenderPipeline,
    /// Photo areas holding a photo; built with the first photo.
    photo: Option<wgpu::RenderPipeline>,
    /// PBR pipelines by variant, each built the first time a drawn material needs it
    /// ([`Pipelines::prepare_pbr`]).
    pbr: HashMap<PbrVariant, wgpu::RenderPipeline>,
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

/// Opaque, back faces culled: stones, bezels and photos.
const OPAQUE: PipelineKey = PipelineKey { double_sided: false, blend: false };

/// `ENCODE_SRGB` (shaders/tonemap.wgsl) for `color_format`: plain 8-bit targets are encoded by
/// the shader, sRGB ones by the hardware.
fn encode_constant(color_format: wgpu::TextureFormat) -> (&'static str, f64) {
    ("ENCODE_SRGB", if color_format.is_srgb() { 0.0 } else { 1.0 })
}

impl Pipelines {
    /// Compiles the shader and builds every pipeline for `color_format` at `sample_count`.
    pub fn new(device: &wgpu::Device, color_format: wgpu::TextureFormat, sample_count: u32) -> Self {
        let layouts = Layouts::new(device);
        let pbr_layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("pbr layout"),
            bind_group_layouts: &[
                Some(&layouts.frame),
                Some(&layouts.material),
                Some(&layouts.draw),
                Some(&layouts.engraving),
            ],
            immediate_size: 0,
        });
        let pbr_module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some("pbr.wgsl"),
            source: wgpu::ShaderSource::Wgsl(PBR_SHADER_SOURCE.into()),
        });
        // Drawn first, behind everything: it neither tests nor writes depth.
        let backdrop = create_overlay_pipeline(
            device,
            OverlayPass {
                name: "backdrop",
                source: BACKDROP_SHADER_SOURCE,
                constants: &[encode_constant(color_format)],
                layouts: &[Some(&layouts.frame)],
                topology: wgpu::PrimitiveTopology::TriangleList,
                depth_compare: wgpu::CompareFunction::Always,
                blend: None,
            },
            color_format,
            sample_count,
        );
        let shadow = create_overlay_pipeline(
            device,
            OverlayPass {
                name: "shadow",
                source: SHADOW_SHADER_SOURCE,
                constants: &[],
                layouts: &[Some(&layouts.frame), Some(&layouts.shadow)],
                topology: wgpu::PrimitiveTopology::TriangleStrip,
                depth_compare: wgpu::CompareFunction::LessEqual,
                blend: Some(shadow_blend(color_format)),
            },
            color_format,
            sample_count,
        );
        Self {
            layouts,
            photo: None,
            gem: None,
            shadow,
            backdrop,
            pbr: HashMap::new(),
            pbr_layout,
            pbr_module,
            color_format,
            sample_count,
        }
    }

    /// Builds the PBR pipeline for a material's `key` and `features`, with the engraving pass
    /// when `engraved`, if it is not built yet.
    pub fn prepare_pbr(&mut self, device: &wgpu::Device, key: PipelineKey, features: ShaderFeatures, engraved: bool) {
        let variant = PbrVariant { key, features, engraved };
        if self.pbr.contains_key(&variant) {
            return;
        }
        let mut constants = features.constants().to_vec();
        constants.push(("ENGRAVED", if engraved { 1.0 } else { 0.0 }));
        constants.push(encode_constant(self.color_format));
        let program = Program {
            layout: &self.pbr_layout,
            module: &self.pbr_module,
            entries: ("vs_main", "fs_main"),
            constants: &constants,
        };
        let pipeline = create_pipeline(device, &program, self.color_format, self.sample_count, key);
        self.pbr.insert(variant, pipeline);
    }

    /// Builds the photo pipeline if it is not built yet. Its layout ends with the PBR pass's
    /// groups 2 and 3, so switching between the two keeps the draw and engraving bindings.
    pub fn prepare_photo(&mut self, device: &wgpu::Device) {
        if self.photo.is_none() {
            let layouts = [
                Some(&self.layouts.frame),
                Some(&self.layouts.photo),
                Some(&self.layouts.draw),
                Some(&self.layouts.engraving),
            ];
            let pipeline =
                self.create_on_demand(device, "photo.wgsl", PHOTO_SHADER_SOURCE, &layouts, ("photo_vs", "photo_fs"));
            self.photo = Some(pipeline);
        }
    }

    /// Builds the stones' pipeline (traced gems and their settings) if it is not built yet:
    /// models without stone settings never compile it.
    pub fn prepare_gem(&mut self, device: &wgpu::Device) {
        if self.gem.is_none() {
            let layouts = [Some(&self.layouts.frame), Some(&self.layouts.gem)];
            let pipeline = self.create_on_demand(device, "gem.wgsl", GEM_SHADER_SOURCE, &layouts, ("gem_vs", "gem_fs"));
            self.gem = Some(pipeline);
        }
    }

    /// An opaque pipeline of one shader for this view format, built when first needed.
    fn create_on_demand(
        &self,
        device: &wgpu::Device,
        name: &str,
        source: &str,
        layouts: &[Option<&wgpu::BindGroupLayout>],
        entries: (&str, &str),
    ) -> wgpu::RenderPipeline {
        let layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some(name),
            bind_group_layouts: layouts,
            immediate_size: 0,
        });
        let module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some(name),
            source: wgpu::ShaderSource::Wgsl(source.into()),
        });
        let constants = [encode_constant(self.color_format)];
        let program = Program { layout: &layout, module: &module, entries, constants: &constants };
        create_pipeline(device, &program, self.color_format, self.sample_count, OPAQUE)
    }

    /// The stones' pipeline, once prepared.
    pub fn gem(&self) -> Option<&wgpu::RenderPipeline> {
        self.gem.as_ref()
    }

    /// The photo pipeline, once prepared.
    pub fn photo(&self) -> Option<&wgpu::RenderPipeline> {
        self.photo.as_ref()
    }

    /// The PBR pipeline for a material's key and features, with the engraving pass when
    /// `engraved`, once prepared.
    pub fn pbr(&self, key: PipelineKey, features: ShaderFeatures, engraved: bool) -> Option<&wgpu::RenderPipeline> {
        self.pbr.get(&PbrVariant { key, features, engraved })
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
    constants: &'a [(&'a str, f64)],
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
            compilation_options: wgpu::PipelineCompilationOptions { constants: pass.constants, ..Default::default() },
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
            compilation_options: wgpu::PipelineCompilationOptions { constants: pass.constants, ..Default::default() },
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_feature_is_an_override_of_the_pbr_shader() {
        let all = ShaderFeatures {
            textures: [true; 5],
            alpha_mask: true,
            dielectric: true,
            anisotropy: true,
            transmission: true,
            clearcoat: true,
        };
        let names = all.constants().map(|(name, value)| {
            assert_eq!(value, 1.0, "{name}");
            name
        });
        for name in names.into_iter().chain(["ENGRAVED", encode_constant(wgpu::TextureFormat::Rgba8Unorm).0]) {
            assert!(PBR_SHADER_SOURCE.contains(&format!("override {name}: bool")), "{name}");
        }
        assert!(ShaderFeatures::default().constants().iter().all(|&(_, value)| value == 0.0));
    }
}
