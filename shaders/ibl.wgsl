// ibl.wgsl — image-based lighting from the baked studio (prefix ibl_). See environment.rs.

// Keep in sync with environment::equirect_uv.
fn ibl_equirect_uv(direction: vec3<f32>) -> vec2<f32> {
    let u = 0.5 + atan2(direction.x, -direction.z) / (2.0 * PI);
    let v = acos(clamp(direction.y, -1.0, 1.0)) / PI;
    return vec2<f32>(u, v);
}

// Prefiltered radiance along the reflection vector; each mip level is one roughness step.
fn ibl_specular(reflected: vec3<f32>, roughness: f32) -> vec3<f32> {
    let level = roughness * frame.environment.x;
    return textureSampleLevel(environment_texture, environment_sampler, ibl_equirect_uv(reflected), level).rgb;
}

// Lambertian radiance per unit albedo from the SH9 irradiance. Basis order and constants:
// keep in sync with environment::sh_basis.
fn ibl_irradiance(n: vec3<f32>) -> vec3<f32> {
    let sh = frame.irradiance_sh;
    var result = sh[0].xyz * 0.282095;
    result += sh[1].xyz * (0.488603 * n.y);
    result += sh[2].xyz * (0.488603 * n.z);
    result += sh[3].xyz * (0.488603 * n.x);
    result += sh[4].xyz * (1.092548 * n.x * n.y);
    result += sh[5].xyz * (1.092548 * n.y * n.z);
    result += sh[6].xyz * (0.315392 * (3.0 * n.z * n.z - 1.0));
    result += sh[7].xyz * (1.092548 * n.x * n.z);
    result += sh[8].xyz * (0.546274 * (n.x * n.x - n.y * n.y));
    return max(result, vec3<f32>(0.0));
}

// Split-sum scale and bias for F0 (brdf_lut.rs); u = n·v, v = roughness.
fn ibl_brdf_lut(n_dot_v: f32, roughness: f32) -> vec2<f32> {
    return textureSampleLevel(brdf_lut_texture, brdf_lut_sampler, vec2<f32>(n_dot_v, roughness), 0.0).rg;
}

// Specular occlusion from ambient occlusion (S. Lagarde and C. de Rousiers, "Moving Frostbite
// to PBR", SIGGRAPH 2014, eq. 12).
fn ibl_specular_occlusion(n_dot_v: f32, occlusion: f32, roughness: f32) -> f32 {
    return clamp(pow(n_dot_v + occlusion, exp2(-16.0 * roughness - 1.0)) - 1.0 + occlusion, 0.0, 1.0);
}
