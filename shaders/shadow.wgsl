// shadow.wgsl — the soft contact shadow behind the pendant (prefix shadow_): a quad on the
// plane touching the back of the model, textured with the shadow baked by src/shadow.rs,
// drawn after the background and before the pendant. Concatenated after common.

// Keep in sync with ShadowUniforms in src/gpu/uniforms.rs.
struct ShadowUniforms {
    // xyz: world position of the image's bottom-left corner; the two edges follow.
    origin: vec4<f32>,
    u: vec4<f32>,
    v: vec4<f32>,
};

@group(1) @binding(0) var<uniform> shadow: ShadowUniforms;
@group(1) @binding(1) var shadow_texture: texture_2d<f32>;
@group(1) @binding(2) var shadow_sampler: sampler;

struct ShadowVarying {
    @builtin(position) position: vec4<f32>,
    @location(0) uv: vec2<f32>,
};

@vertex
fn shadow_vs(@builtin(vertex_index) index: u32) -> ShadowVarying {
    // Triangle strip: (0,0), (1,0), (0,1), (1,1).
    let corner = vec2<f32>(f32(index & 1u), f32(index >> 1u));
    let world = shadow.origin.xyz + shadow.u.xyz * corner.x + shadow.v.xyz * corner.y;
    var out: ShadowVarying;
    out.position = frame.view_projection * vec4<f32>(world, 1.0);
    out.uv = corner;
    return out;
}

@fragment
fn shadow_fs(in: ShadowVarying) -> @location(0) vec4<f32> {
    let opacity = textureSample(shadow_texture, shadow_sampler, in.uv).r;
    // The surface is seen from the front; as the view turns to the side the shadow fades so
    // the plane never shows edge-on or hides the back of the pendant.
    let center = shadow.origin.xyz + 0.5 * (shadow.u.xyz + shadow.v.xyz);
    let facing = normalize(frame.camera_position.xyz - center).z;
    let fade = smoothstep(0.35, 0.8, facing);
    let alpha = opacity * frame.environment.w * fade;
    if (frame.environment.z < 0.5) {
        // sRGB target: blending black at alpha gives c·(1 − alpha) in linear light.
        return vec4<f32>(0.0, 0.0, 0.0, alpha);
    }
    // Encoded target: the same darkening of an encoded value e = 1.055·c^(1/2.4) − 0.055 is
    // e·k − 0.055·(1 − k) with k = (1 − alpha)^(1/2.4); the pipeline blends this with a
    // reverse subtract (dst·(1 − a) − src), see src/gpu/pipelines.rs.
    let k = pow(1.0 - alpha, 1.0 / 2.4);
    return vec4<f32>(vec3<f32>(0.055 * (1.0 - k)), 1.0 - k);
}
