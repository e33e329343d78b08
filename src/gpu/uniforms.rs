//! Rust mirrors of the WGSL uniform structs in `shaders/` (keep in sync; the table is in
//! shaders/README.md; sizes are asserted below, and the 16-byte alignment WebGL2 requires holds by construction: every
//! field is a vec4 or mat4).

use bytemuck::{Pod, Zeroable};
use glam::{Mat3, Mat4, Vec3};

use crate::finish::MetalAppearance;
use crate::model::{AlphaMode, Material, TextureRef};
use crate::stones::cut::{GemGeometry, MAX_FACETS};
use crate::stones::{Stone, StoneLook};
use crate::studio::environment::BakedEnvironment;
use crate::studio::shadow::ContactShadow;

use super::pipelines::ShaderFeatures;
use super::FrameSettings;

/// `FrameUniforms` in common.wgsl.
#[repr(C)]
#[derive(Debug, Clone, Copy, Pod, Zeroable)]
pub struct FrameUniforms {
    pub view_projection: [[f32; 4]; 4],
    pub camera_position: [f32; 4],
    pub environment: [f32; 4],
    pub irradiance_sh: [[f32; 4]; 9],
    pub backdrop_top: [f32; 4],
    pub backdrop_bottom: [f32; 4],
}
const _: () = assert!(std::mem::size_of::<FrameUniforms>() == 272);

impl FrameUniforms {
    /// `encode_srgb`: the target is not an sRGB format, so the shader applies the sRGB
    /// transfer function itself.
    pub fn new(
        view_projection: Mat4,
        camera_position: Vec3,
        settings: &FrameSettings,
        environment: &BakedEnvironment,
        encode_srgb: bool,
    ) -> Self {
        let [backdrop_top, backdrop_bottom] = settings.background.colors();
        Self {
            view_projection: view_projection.to_cols_array_2d(),
            camera_position: camera_position.extend(settings.exposure).into(),
            environment: [
                (environment.levels.len() - 1) as f32,
                1.0,
                if encode_srgb { 1.0 } else { 0.0 },
                settings.shadow_intensity.clamp(0.0, 1.0),
            ],
            irradiance_sh: environment.irradiance_sh.map(|c| c.extend(0.0).into()),
            backdrop_top,
            backdrop_bottom,
        }
    }
}

/// `TextureSlot` in material.wgsl.
#[repr(C)]
#[derive(Debug, Clone, Copy, Pod, Zeroable)]
pub struct TextureSlot {
    pub row0: [f32; 4],
    pub row1: [f32; 4],
}

impl TextureSlot {
    fn new(texture: Option<&TextureRef>) -> Self {
        let Some(texture) = texture else {
            return Self { row0: [1.0, 0.0, 0.0, 0.0], row1: [0.0, 1.0, 0.0, 0.0] };
        };
        let [r0, r1] = texture.transform.to_rows();
        Self { row0: [r0[0], r0[1], r0[2], texture.tex_coord as f32], row1: [r1[0], r1[1], r1[2], 1.0] }
    }
}

/// `MaterialUniforms` in material.wgsl.
#[repr(C)]
#[derive(Debug, Clone, Copy, Pod, Zeroable)]
pub struct MaterialUniforms {
    pub base_color_factor: [f32; 4],
    pub emissive_factor: [f32; 4],
    pub params: [f32; 4],
    pub alpha: [f32; 4],
    pub surface: [f32; 4],
    pub optics: [f32; 4],
    pub dielectric_f0: [f32; 4],
    pub volume: [f32; 4],
    pub slots: [TextureSlot; 5],
}
const _: () = assert!(std::mem::size_of::<MaterialUniforms>() == 288);

impl MaterialUniforms {
    /// The material as authored, or with `finish` replacing colour, roughness and anisotropy
    /// when it is a metal part.
    pub fn new(material: &Material, finish: Option<&MetalAppearance>) -> Self {
        let cutoff = match material.alpha_mode {
            AlphaMode::Mask { cutoff } => cutoff,
            _ => -1.0,
        };
        let [r, g, b] = material.emissive_factor;
        let optics = &material.optics;
        // Dielectric F0 from the IOR, tinted and scaled by KHR_materials_specular.
        let f0_from_ior = ((optics.ior - 1.0) / (optics.ior + 1.0)).powi(2);
        let df0 = optics.specular_color.map(|c| (f0_from_ior * c).min(1.0) * optics.specular_factor);
        // Beer–Lambert coefficient per mesh unit (KHR_materials_volume: colour reached after
        // the attenuation distance); a clear volume absorbs nothing.
        let absorption = optics.attenuation_color.map(|c| {
            if optics.attenuation_distance.is_finite() {
                -c.max(1e-4).ln() / optics.attenuation_distance
            } else {
                0.0
            }
        });
        let mut base_color_factor = material.base_color_factor;
        let (mut metallic, mut roughness, mut anisotropy) = (material.metallic_factor, material.roughness_factor, 0.0);
        if let Some(finish) = finish.filter(|_| material.is_metal()) {
            let [fr, fg, fb] = finish.base_color;
            base_color_factor = [fr, fg, fb, base_color_factor[3]];
            (metallic, roughness, anisotropy) = (1.0, finish.roughness, finish.anisotropy);
        }
        Self {
            base_color_factor,
            emissive_factor: [r, g, b, 0.0],
            // No normal map: scale 0, so the 1×1 stand-in (128/255 is not exactly 0.5) cannot tilt n.
            params: [
                metallic,
                roughness,
                if material.normal_texture.is_some() { material.normal_scale } else { 0.0 },
                material.occlusion_strength,
            ],
            alpha: [
                cutoff,
                if material.alpha_mode == AlphaMode::Blend { 1.0 } else { 0.0 },
                optics.clearcoat_roughness,
                0.0,
            ],
            surface: [anisotropy, 0.0, 0.0, 0.0],
            // y unused: the specular factor is folded into `dielectric_f0`.
            optics: [optics.ior, 0.0, optics.transmission, optics.dispersion],
            dielectric_f0: [df0[0], df0[1], df0[2], optics.clearcoat],
            volume: [absorption[0], absorption[1], absorption[2], optics.thickness],
            slots: [
                TextureSlot::new(material.base_color_texture.as_ref()),
                TextureSlot::new(material.metallic_roughness_texture.as_ref()),
                TextureSlot::new(material.normal_texture.as_ref()),
                TextureSlot::new(material.occlusion_texture.as_ref()),
                TextureSlot::new(material.emissive_texture.as_ref()),
            ],
        }
    }

    /// The shader features these values need; the ones left out would have no effect.
    pub fn features(&self) -> ShaderFeatures {
        let textures = self.slots.map(|slot| slot.row1[3] > 0.5);
        ShaderFeatures {
            textures,
            alpha_mask: self.alpha[0] >= 0.0,
            // Fully metal: metallic factor 1 and no metallic-roughness texture to lower it.
            dielectric: self.params[0] < 1.0 || textures[1],
            anisotropy: self.surface[0] != 0.0,
            transmission: self.optics[2] > 0.0,
            clearcoat: self.dielectric_f0[3] > 0.0,
        }
    }
}

/// `DrawUniforms` in draw.wgsl.
#[repr(C)]
#[derive(Debug, Clone, Copy, Pod, Zeroable)]
pub struct DrawUniforms {
    pub model: [[f32; 4]; 4],
    pub normal_matrix: [[f32; 4]; 4],
}
const _: () = assert!(std::mem::size_of::<DrawUniforms>() == 128);

impl DrawUniforms {
    pub fn new(model: Mat4) -> Self {
        let normal = Mat3::from_mat4(model).inverse().transpose();
        let normal = if normal.is_finite() { normal } else { Mat3::IDENTITY };
        Self { model: model.to_cols_array_2d(), normal_matrix: Mat4::from_mat3(normal).to_cols_array_2d() }
    }
}

/// `GemUniforms` in shaders/gem.wgsl.
#[repr(C)]
#[derive(Debug, Clone, Copy, Pod, Zeroable)]
pub struct GemUniforms {
    pub model: [[f32; 4]; 4],
    pub inverse_model: [[f32; 4]; 4],
    pub absorption: [f32; 4],
    pub color: [f32; 4],
    pub params: [f32; 4],
    pub facets: [[f32; 4]; MAX_FACETS],
}
const _: () = assert!(std::mem::size_of::<GemUniforms>() == 176 + 16 * MAX_FACETS);

/// `GEM_LOOK_*` in shaders/gem.wgsl.
fn look_code(look: StoneLook) -> f32 {
    match look {
        StoneLook::Faceted => 0.0,
        StoneLook::Pearl => 1.0,
        StoneLook::Opal => 2.0,
        StoneLook::Moonstone => 3.0,
        StoneLook::Turquoise => 4.0,
    }
}
const LOOK_METAL: f32 = 5.0;

/// Path length (stone-local units, girdle half-width 1) over which a faceted stone's body
/// colour is reached: absorption = −ln(colour) / this. Chosen so light stones (aquamarine)
/// stay bright and dark ones (garnet, sapphire) saturate the way they do in hand.
const COLOR_PATH_LENGTH: f32 = 1.5;

impl GemUniforms {
    fn placed(model: Mat4) -> Self {
        let inverse = model.inverse();
        Self {
            model: model.to_cols_array_2d(),
            inverse_model: if inverse.is_finite() { inverse } else { Mat4::IDENTITY }.to_cols_array_2d(),
            ..Self::zeroed()
        }
    }

    /// The same, placed by `model` instead (a stone on a locket's opening lid).
    pub fn moved(self, model: Mat4) -> Self {
        let placed = Self::placed(model);
        Self { model: placed.model, inverse_model: placed.inverse_model, ..self }
    }

    /// A stone of `geometry` placed by `model`.
    pub fn stone(model: Mat4, stone: &Stone, geometry: &GemGeometry) -> Self {
        let color = stone.linear_color();
        let absorption = color.map(|c| -c.max(0.02).ln() / COLOR_PATH_LENGTH);
        let roughness = match stone.look {
            StoneLook::Faceted => 0.0,
            StoneLook::Pearl => 0.22,
            StoneLook::Opal => 0.08,
            StoneLook::Moonstone => 0.1,
            StoneLook::Turquoise => 0.45,
        };
        let [r, g, b] = stone.channel_iors();
        let mut uniforms = Self::placed(model);
        uniforms.absorption = [absorption[0], absorption[1], absorption[2], g];
        uniforms.color = [color[0], color[1], color[2], roughness];
        uniforms.params = [
            look_code(stone.look),
            (b - r) * 0.5,
            if geometry.mirror_x { 1.0 } else { 0.0 },
            geometry.facets.len().min(MAX_FACETS) as f32,
        ];
        for (slot, facet) in uniforms.facets.iter_mut().zip(&geometry.facets) {
            *slot = facet.normal.extend(facet.offset).into();
        }
        uniforms
    }

    /// A metal bezel placed by `model`.
    pub fn metal(model: Mat4, metal: &MetalAppearance) -> Self {
        let [r, g, b] = metal.base_color;
        let mut uniforms = Self::placed(model);
        uniforms.absorption = [0.0, 0.0, 0.0, 1.5];
        uniforms.color = [r, g, b, metal.roughness];
        uniforms.params = [LOOK_METAL, 0.0, 0.0, 0.0];
        uniforms
    }
}

/// `ShadowUniforms` in shaders/shadow.wgsl.
#[repr(C)]
#[derive(Debug, Clone, Copy, Pod, Zeroable)]
pub struct ShadowUniforms {
    pub origin: [f32; 4],
    pub u: [f32; 4],
    pub v: [f32; 4],
}
const _: () = assert!(std::mem::size_of::<ShadowUniforms>() == 48);

impl ShadowUniforms {
    pub fn new(shadow: &ContactShadow) -> Self {
        Self {
            origin: shadow.origin.extend(0.0).into(),
            u: shadow.u.extend(0.0).into(),
            v: shadow.v.extend(0.0).into(),
        }
    }
}

/// `EngravingArea` in engraving.wgsl.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, Pod, Zeroable)]
pub struct EngravingAreaUniforms {
    pub origin: [f32; 4],
    pub x_axis: [f32; 4],
    pub y_axis: [f32; 4],
    pub z_axis: [f32; 4],
    pub texture: [f32; 4],
}

/// `EngravingUniforms` in engraving.wgsl.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, Pod, Zeroable)]
pub struct EngravingUniforms {
    pub areas: [EngravingAreaUniforms; 4],
    pub count: [f32; 4],
}
const _: () = assert!(std::mem::size_of::<EngravingUniforms>() == 4 * 80 + 16);

/// `PhotoUniforms` in photo.wgsl.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, Pod, Zeroable)]
pub struct PhotoUniforms {
    pub to_photo_row0: [f32; 4],
    pub to_photo_row1: [f32; 4],
    pub tone: [[f32; 4]; 3],
    pub plane: [f32; 4],
    pub optics: [f32; 4],
    pub tint: [f32; 4],
}
const _: () = assert!(std::mem::size_of::<PhotoUniforms>() == 128);

impl PhotoUniforms {
    /// A photo shown through `window` with `design`'s tone and cover, lying on `plane` (node
    /// space: unit normal, offset).
    pub fn new(window: &crate::photo::PhotoWindow, design: &crate::photo::PhotoDesign, plane: (Vec3, f32)) -> Self {
        let [row0, row1] = window.to_photo_uv_rows();
        let tone = design.tone.matrix();
        let optics = design.cover.optics();
        Self {
            to_photo_row0: [row0[0], row0[1], row0[2], 0.0],
            to_photo_row1: [row1[0], row1[1], row1[2], 0.0],
            tone: [0, 1, 2].map(|i| tone.col(i).extend(0.0).to_array()),
            plane: plane.0.extend(plane.1).to_array(),
            optics: [optics.depth_mm * 0.001, optics.ior, optics.roughness, optics.coat],
            tint: optics.tint.extend(1.0).to_array(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Optics, UvTransform};

    fn texture() -> Option<TextureRef> {
        Some(TextureRef { texture: 0, tex_coord: 0, transform: UvTransform::default() })
    }

    #[test]
    fn plain_metal_needs_no_optional_shader_feature() {
        let features = MaterialUniforms::new(&Material::default(), None).features();
        assert_eq!(features, ShaderFeatures::default());
        let polished = MetalAppearance { base_color: [1.0, 0.8, 0.4], roughness: 0.1, anisotropy: 0.0 };
        assert_eq!(MaterialUniforms::new(&Material::default(), Some(&polished)).features(), ShaderFeatures::default());
    }

    #[test]
    fn features_follow_what_the_material_uses() {
        let brushed = MetalAppearance { base_color: [1.0, 0.8, 0.4], roughness: 0.3, anisotropy: 0.7 };
        assert!(MaterialUniforms::new(&Material::default(), Some(&brushed)).features().anisotropy);

        let enamel = Material {
            metallic_factor: 0.0,
            base_color_texture: texture(),
            occlusion_texture: texture(),
            alpha_mode: AlphaMode::Mask { cutoff: 0.5 },
            optics: Optics { clearcoat: 1.0, transmission: 0.5, ..Optics::default() },
            ..Material::default()
        };
        let features = MaterialUniforms::new(&enamel, Some(&brushed)).features();
        let expected = ShaderFeatures {
            textures: [true, false, false, true, false],
            alpha_mask: true,
            dielectric: true,
            anisotropy: false, // not a metal part: the finish leaves it alone
            transmission: true,
            clearcoat: true,
        };
        assert_eq!(features, expected);

        // A metallic-roughness texture can make parts of a metal dielectric.
        let textured_metal = Material { metallic_roughness_texture: texture(), ..Material::default() };
        let features = MaterialUniforms::new(&textured_metal, None).features();
        assert!(features.dielectric && features.textures[1]);
    }
}
