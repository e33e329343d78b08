// material.wgsl — the metallic-roughness pass's material (bind group 1).
// Keep in sync with src/gpu/uniforms.rs and src/gpu/pipelines.rs.

// One textured material slot: a 2×3 UV transform (KHR_texture_transform) in the xyz of two
// rows; row0.w selects the UV set (0 or 1); row1.w is 1 when the material has the texture.
struct TextureSlot {
    row0: vec4<f32>,
    row1: vec4<f32>,
};

struct MaterialUniforms {
    base_color_factor: vec4<f32>,
    // xyz: emissive radiance (linear).
    emissive_factor: vec4<f32>,
    // x: metallic, y: perceptual roughness, z: normal scale, w: occlusion strength.
    params: vec4<f32>,
    // x: alpha cutoff (negative when alphaMode is not MASK); y: 1 when alphaMode is BLEND;
    // z: clear coat roughness.
    alpha: vec4<f32>,
    // x: anisotropy strength 0..1 (brushed metal: highlights stretch across the tangent).
    surface: vec4<f32>,
    // x: IOR, z: transmission, w: dispersion (KHR_materials_*); y unused (the specular
    // factor is folded into dielectric_f0).
    optics: vec4<f32>,
    // rgb: F0 of the dielectric parts (from the IOR, tinted and scaled by
    // KHR_materials_specular); w: clear coat factor.
    dielectric_f0: vec4<f32>,
    // rgb: volume absorption per mesh unit; w: thickness (0 = thin-walled).
    volume: vec4<f32>,
    base_color_slot: TextureSlot,
    metallic_roughness_slot: TextureSlot,
    normal_slot: TextureSlot,
    occlusion_slot: TextureSlot,
    emissive_slot: TextureSlot,
};

@group(1) @binding(0) var<uniform> material: MaterialUniforms;
@group(1) @binding(1) var base_color_texture: texture_2d<f32>;
@group(1) @binding(2) var metallic_roughness_texture: texture_2d<f32>;
@group(1) @binding(3) var normal_texture: texture_2d<f32>;
@group(1) @binding(4) var occlusion_texture: texture_2d<f32>;
@group(1) @binding(5) var emissive_texture: texture_2d<f32>;
@group(1) @binding(6) var material_sampler: sampler;
