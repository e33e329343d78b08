// photo.wgsl — the shopper's photo in a photo area (entry points photo_vs, photo_fs).
// Concatenated after common, draw, brdf, ibl and tonemap (src/gpu/shaders.rs). Keep in sync
// with src/gpu/photo.rs and PhotoUniforms in src/gpu/uniforms.rs.
//
// The area's mesh is the surface the shopper sees: the glass or resin over the photo (a dome
// or flat) or the metal it is printed on. The photo lies on a plane under it. The view ray is
// refracted into the cover and followed down to that plane, so the photo shifts against the
// rim as the pendant turns and bends at the edge of a dome; the cover's own reflection of the
// studio lies over it.

struct PhotoUniforms {
    // Slot UV → photo UV: photo_uv = (dot(row0.xyz, (u, v, 1)), dot(row1.xyz, (u, v, 1))).
    to_photo_row0: vec4<f32>,
    to_photo_row1: vec4<f32>,
    // Colour treatment on linear RGB, by columns (identity, black and white, sepia).
    tone0: vec4<f32>,
    tone1: vec4<f32>,
    tone2: vec4<f32>,
    // The plane the photo lies on, in the node's space: xyz unit normal, w offset.
    plane: vec4<f32>,
    // x: depth of the photo below the cover's lowest point (metres); y: IOR of the cover;
    // z: roughness of its surface; w: 1 under a cover, 0 printed on the metal.
    optics: vec4<f32>,
    // rgb: transmittance of the cover.
    tint: vec4<f32>,
};

@group(1) @binding(0) var<uniform> photo: PhotoUniforms;
@group(1) @binding(1) var photo_texture: texture_2d<f32>;
@group(1) @binding(2) var photo_sampler: sampler;

struct PhotoVertexInput {
    @location(0) position: vec3<f32>,
    @location(1) normal: vec3<f32>,
    @location(3) uv0: vec2<f32>,
};

struct PhotoVarying {
    @builtin(position) clip_position: vec4<f32>,
    @location(0) world_position: vec3<f32>,
    @location(1) normal: vec3<f32>,
    @location(2) uv: vec2<f32>,
    // Height of the cover's surface above the photo plane, metres.
    @location(3) height: f32,
};

@vertex
fn photo_vs(in: PhotoVertexInput) -> PhotoVarying {
    var out: PhotoVarying;
    let world = draw.model * vec4<f32>(in.position, 1.0);
    out.clip_position = frame.view_projection * world;
    out.world_position = world.xyz;
    out.normal = (draw.normal_matrix * vec4<f32>(in.normal, 0.0)).xyz;
    out.uv = in.uv0;
    let scale = length((draw.model * vec4<f32>(photo.plane.xyz, 0.0)).xyz);
    out.height = max(dot(photo.plane.xyz, in.position) - photo.plane.w, 0.0) * scale;
    return out;
}

@fragment
fn photo_fs(in: PhotoVarying, @builtin(front_facing) front_facing: bool) -> @location(0) vec4<f32> {
    let n = normalize(in.normal) * select(-1.0, 1.0, front_facing);
    let v = normalize(frame.camera_position.xyz - in.world_position);

    // How slot UV changes with position on the surface: the cotangent frame from screen-space
    // derivatives (C. Schüler, "Normal Mapping Without Precomputed Tangents", 2013), so any
    // unwrap of the area works without tangents.
    let dp1 = dpdx(in.world_position);
    let dp2 = dpdy(in.world_position);
    let duv1 = dpdx(in.uv);
    let duv2 = dpdy(in.uv);
    let dp2_perp = cross(dp2, n);
    let dp1_perp = cross(n, dp1);
    let det = dot(dp1, dp2_perp);
    let inverse_det = select(0.0, 1.0 / det, abs(det) > 1e-20);
    let grad_u = (dp2_perp * duv1.x + dp1_perp * duv2.x) * inverse_det;
    let grad_v = (dp2_perp * duv1.y + dp1_perp * duv2.y) * inverse_det;

    // Into the cover and down to the photo.
    let plane_normal = normalize((draw.normal_matrix * vec4<f32>(photo.plane.xyz, 0.0)).xyz);
    let ior = photo.optics.y;
    let into = refract(-v, n, 1.0 / ior);
    let depth = (in.height + photo.optics.x) * photo.optics.w;
    let offset = into * (depth / max(dot(into, -plane_normal), 0.2));
    let slot_uv = clamp(in.uv + vec2<f32>(dot(grad_u, offset), dot(grad_v, offset)), vec2<f32>(0.0), vec2<f32>(1.0));
    let uv = vec3<f32>(slot_uv, 1.0);
    let photo_uv = vec2<f32>(dot(photo.to_photo_row0.xyz, uv), dot(photo.to_photo_row1.xyz, uv));
    let texel = textureSample(photo_texture, photo_sampler, photo_uv).rgb;
    let albedo = mat3x3<f32>(photo.tone0.xyz, photo.tone1.xyz, photo.tone2.xyz) * texel;

    // The cover's (or the ink's) reflection, and the photo lit through it.
    let roughness = clamp(photo.optics.z, 0.03, 1.0);
    let n_dot_v = clamp(dot(n, v), 1e-4, 1.0);
    let f0 = vec3<f32>(pow((ior - 1.0) / (ior + 1.0), 2.0));
    let reflectance = brdf_specular_response(f0, ibl_brdf_lut(n_dot_v, roughness));
    let reflection = ibl_specular(reflect(-v, n), roughness) * reflectance;
    let through = (vec3<f32>(1.0) - reflectance) * mix(vec3<f32>(1.0), photo.tint.rgb * photo.tint.rgb, photo.optics.w);
    let radiance = reflection + through * albedo * ibl_irradiance(plane_normal);

    let color = tonemap_pbr_neutral(radiance * frame.environment.y * frame.camera_position.w);
    return vec4<f32>(tonemap_encode(color), 1.0);
}
