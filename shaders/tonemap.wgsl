// tonemap.wgsl — Khronos PBR Neutral tone mapping (prefix tonemap_): keeps base colours
// true up to the highlights, then compresses and desaturates them, which suits product shots
// where a gold must stay that gold. https://github.com/KhronosGroup/ToneMapping (PBR Neutral).

fn tonemap_pbr_neutral(input: vec3<f32>) -> vec3<f32> {
    let start_compression = 0.8 - 0.04;
    let desaturation = 0.15;
    var color = input;
    let x = min(color.r, min(color.g, color.b));
    let offset = select(0.04, x - 6.25 * x * x, x < 0.08);
    color -= offset;
    let peak = max(color.r, max(color.g, color.b));
    if (peak < start_compression) {
        return color;
    }
    let d = 1.0 - start_compression;
    let new_peak = 1.0 - d * d / (peak + d - start_compression);
    color *= new_peak / peak;
    let g = 1.0 - 1.0 / (desaturation * (peak - new_peak) + 1.0);
    return mix(color, vec3<f32>(new_peak), g);
}

// Whether the pipeline draws into a plain 8-bit target that the shader must encode (sRGB
// targets encode in hardware): an override constant (src/gpu/pipelines.rs), so the encoding
// is compiled out where it is not needed instead of computed and thrown away.
override ENCODE_SRGB: bool = false;

// The colour as the target stores it.
fn tonemap_encode(color: vec3<f32>) -> vec3<f32> {
    if (ENCODE_SRGB) {
        return tonemap_linear_to_srgb(color);
    }
    return color;
}

// The sRGB transfer function (IEC 61966-2-1), for targets that are not sRGB formats.
// Keep in sync with linear_to_srgb in src/gpu/renderer.rs.
fn tonemap_linear_to_srgb(linear: vec3<f32>) -> vec3<f32> {
    let low = linear * 12.92;
    let high = 1.055 * pow(max(linear, vec3<f32>(0.0)), vec3<f32>(1.0 / 2.4)) - 0.055;
    return select(high, low, linear <= vec3<f32>(0.0031308));
}
