// common.wgsl — what every pass shares: the frame uniforms and lighting (bind group 0).
// Keep in sync with src/gpu/uniforms.rs (sizes are asserted there) and the bind group layouts
// in src/gpu/pipelines.rs.

const PI: f32 = 3.14159265358979;

struct FrameUniforms {
    view_projection: mat4x4<f32>,
    // xyz: camera position in world space; w: exposure (linear multiplier).
    camera_position: vec4<f32>,
    // x: highest prefiltered level (roughness 1); y: environment intensity;
    // z: 1 when the target is not sRGB and the shader must encode its output;
    // w: contact shadow intensity.
    environment: vec4<f32>,
    // Irradiance SH9, pre-scaled (see environment.rs); w unused.
    irradiance_sh: array<vec4<f32>, 9>,
    // Linear RGBA of the background at the top and the bottom of the view.
    backdrop_top: vec4<f32>,
    backdrop_bottom: vec4<f32>,
};

@group(0) @binding(0) var<uniform> frame: FrameUniforms;
@group(0) @binding(1) var environment_texture: texture_2d<f32>;
@group(0) @binding(2) var environment_sampler: sampler;
@group(0) @binding(3) var brdf_lut_texture: texture_2d<f32>;
@group(0) @binding(4) var brdf_lut_sampler: sampler;
