// gem.wgsl — stones and the bezels that hold them (prefix gem_): entry points gem_vs, gem_fs.
// Concatenated after common, brdf, ibl and tonemap (src/gpu/shaders.rs).
//
// Faceted stones are traced, not faked: the stone is the intersection of its facet planes
// (src/gem_cut.rs), so inside it a ray's exit is the nearest plane it moves toward. The view
// ray refracts in, bounces up to GEM_BOUNCES times (total internal reflection where Fresnel
// says so, partial exits otherwise) and each exit refracts out per colour channel with the
// channel's index of refraction (KHR_materials_dispersion's spread), which splits the studio's
// strip lights into "fire". Beer–Lambert absorption along the path gives the body colour.
// (The technique: docs/rendering.md, "Stones are traced".)

const GEM_MAX_FACETS: u32 = 80u;
const GEM_BOUNCES: i32 = 6;
const GEM_LOOK_FACETED: i32 = 0;
const GEM_LOOK_PEARL: i32 = 1;
const GEM_LOOK_OPAL: i32 = 2;
const GEM_LOOK_MOONSTONE: i32 = 3;
const GEM_LOOK_TURQUOISE: i32 = 4;
const GEM_LOOK_METAL: i32 = 5;

// Keep in sync with GemUniforms in src/gpu/uniforms.rs.
struct GemUniforms {
    // Stone-local → world (rotation, translation and a uniform scale).
    model: mat4x4<f32>,
    inverse_model: mat4x4<f32>,
    // xyz: absorption per local unit (Beer–Lambert); w: refractive index (green).
    absorption: vec4<f32>,
    // xyz: linear body colour (opaque looks) or F0 (metal); w: roughness.
    color: vec4<f32>,
    // x: look (GEM_LOOK_*); y: half-spread of the index across R..B; z: 1 when the stone is
    // its x >= 0 half mirrored at x = 0; w: facet count.
    params: vec4<f32>,
    // xyz: outward unit normal, w: offset (inside: dot(n, p) <= w).
    facets: array<vec4<f32>, 80>,
};

@group(1) @binding(0) var<uniform> gem: GemUniforms;

struct GemVertexInput {
    @location(0) position: vec3<f32>,
    @location(1) normal: vec3<f32>,
};

struct GemVarying {
    @builtin(position) clip_position: vec4<f32>,
    @location(0) world_position: vec3<f32>,
    @location(1) local_position: vec3<f32>,
    @location(2) local_normal: vec3<f32>,
};

@vertex
fn gem_vs(in: GemVertexInput) -> GemVarying {
    var out: GemVarying;
    let world = gem.model * vec4<f32>(in.position, 1.0);
    out.clip_position = frame.view_projection * world;
    out.world_position = world.xyz;
    out.local_position = in.position;
    out.local_normal = in.normal;
    return out;
}

fn gem_to_world(direction: vec3<f32>) -> vec3<f32> {
    return normalize((gem.model * vec4<f32>(direction, 0.0)).xyz);
}

fn gem_to_local(direction: vec3<f32>) -> vec3<f32> {
    return normalize((gem.inverse_model * vec4<f32>(direction, 0.0)).xyz);
}

fn gem_environment(world_direction: vec3<f32>) -> vec3<f32> {
    return ibl_specular(world_direction, 0.0);
}

// Unpolarized Fresnel reflectance of a dielectric interface; `eta` = n(transmitted side) /
// n(incident side). Total internal reflection gives 1.
fn gem_fresnel(cos_incident: f32, eta: f32) -> f32 {
    let c = abs(cos_incident);
    let g2 = eta * eta - 1.0 + c * c;
    if (g2 <= 0.0) {
        return 1.0;
    }
    let g = sqrt(g2);
    let a = (g - c) / (g + c);
    let b = (c * (g + c) - 1.0) / (c * (g - c) + 1.0);
    return clamp(0.5 * a * a * (1.0 + b * b), 0.0, 1.0);
}

// From `p` inside the stone along `d`: xyz = the facet's normal, w = distance to it.
fn gem_exit(p: vec3<f32>, d: vec3<f32>) -> vec4<f32> {
    var best = vec4<f32>(0.0, 0.0, 1.0, 1e6);
    let count = min(u32(gem.params.w), GEM_MAX_FACETS);
    for (var i = 0u; i < count; i++) {
        let facet = gem.facets[i];
        let along = dot(facet.xyz, d);
        if (along > 1e-5) {
            let t = (facet.w - dot(facet.xyz, p)) / along;
            if (t < best.w) {
                best = vec4<f32>(facet.xyz, t);
            }
        }
    }
    best.w = max(best.w, 0.0);
    return best;
}

fn gem_unmirror(d: vec3<f32>, mirrored: bool) -> vec3<f32> {
    return select(d, vec3<f32>(-d.x, d.y, d.z), mirrored);
}

// Radiance leaving one channel of a ray that exits the stone through a facet of normal `n`.
fn gem_exit_channel(d: vec3<f32>, n: vec3<f32>, ior: f32, mirrored: bool) -> vec3<f32> {
    let out_direction = refract(d, -n, ior);
    if (dot(out_direction, out_direction) < 1e-8) {
        return vec3<f32>(0.0); // this channel is totally reflected
    }
    return gem_environment(gem_to_world(gem_unmirror(out_direction, mirrored)));
}

fn gem_faceted(in: GemVarying, v: vec3<f32>) -> vec3<f32> {
    let ior = gem.absorption.w;
    let spread = gem.params.y;
    let mirror = gem.params.z > 0.5;
    let local_normal = normalize(in.local_normal);
    let n = gem_to_world(local_normal);
    let cos_view = max(dot(n, v), 1e-4);
    let surface_reflectance = gem_fresnel(cos_view, ior);
    let reflection = gem_environment(reflect(-v, n));

    var p = in.local_position;
    var d = refract(gem_to_local(-v), local_normal, 1.0 / ior);
    var mirrored = false;
    if (mirror && p.x < 0.0) {
        p.x = -p.x;
        d.x = -d.x;
        mirrored = true;
    }
    var throughput = vec3<f32>(1.0);
    var radiance = vec3<f32>(0.0);
    for (var bounce = 0; bounce < GEM_BOUNCES; bounce++) {
        let hit = gem_exit(p, d);
        p += d * hit.w;
        throughput *= exp(-gem.absorption.xyz * hit.w);
        let facet_normal = hit.xyz;
        if (mirror && facet_normal.x < -0.999) {
            // The plane between the two halves of a heart: carry on in the other half.
            d.x = -d.x;
            mirrored = !mirrored;
            continue;
        }
        let leaving = 1.0 - gem_fresnel(dot(d, facet_normal), 1.0 / ior);
        if (leaving > 0.0) {
            let exits = vec3<f32>(
                gem_exit_channel(d, facet_normal, ior - spread, mirrored).r,
                gem_exit_channel(d, facet_normal, ior, mirrored).g,
                gem_exit_channel(d, facet_normal, ior + spread, mirrored).b,
            );
            radiance += throughput * leaving * exits;
            throughput *= 1.0 - leaving;
        }
        d = reflect(d, facet_normal);
    }
    // What is still inside after the last bounce leaves along its path.
    radiance += throughput * gem_environment(gem_to_world(gem_unmirror(d, mirrored)));
    return reflection * surface_reflectance + radiance * (1.0 - surface_reflectance);
}

fn gem_hash(cell: vec3<f32>) -> f32 {
    return fract(sin(dot(cell, vec3<f32>(12.9898, 78.233, 37.719))) * 43758.5453);
}

fn gem_hue(hue: f32) -> vec3<f32> {
    let k = vec3<f32>(0.0, 2.0 / 3.0, 1.0 / 3.0);
    return clamp(abs(fract(hue + k) * 6.0 - 3.0) - 1.0, vec3<f32>(0.0), vec3<f32>(1.0));
}

// Pearls, opals, moonstones, turquoise and the metal bezel: a glossy or metallic surface with
// each stone's own optical effect on top.
fn gem_opaque(in: GemVarying, v: vec3<f32>, look: i32) -> vec3<f32> {
    let n = gem_to_world(normalize(in.local_normal));
    let roughness = clamp(gem.color.w, 0.03, 1.0);
    let base = gem.color.rgb;
    let n_dot_v = clamp(dot(n, v), 1e-4, 1.0);
    let reflected = reflect(-v, n);
    let lut = ibl_brdf_lut(n_dot_v, roughness);
    if (look == GEM_LOOK_METAL) {
        return ibl_specular(reflected, roughness) * brdf_specular_response(base, lut);
    }
    let ior = gem.absorption.w;
    let f0 = vec3<f32>(pow((ior - 1.0) / (ior + 1.0), 2.0));
    var specular = ibl_specular(reflected, roughness) * brdf_specular_response(f0, lut);
    var diffuse = base * ibl_irradiance(n);
    let rim = pow(1.0 - n_dot_v, 2.0);
    if (look == GEM_LOOK_PEARL) {
        // Lustre (a second, sharper reflection from the nacre layers) and a rosé overtone
        // toward the rim.
        specular += ibl_specular(reflected, 0.12) * 0.06;
        diffuse *= mix(vec3<f32>(1.0), vec3<f32>(1.0, 0.86, 0.9), rim);
    } else if (look == GEM_LOOK_OPAL) {
        // Play of colour: patches of spectral colour that flash as the view changes.
        let cell = floor(in.local_position * 4.0);
        let seed = gem_hash(cell);
        let hue = fract(seed + dot(reflected, vec3<f32>(0.9, 0.6, 0.3)));
        let flash = smoothstep(0.6, 0.95, fract(seed * 7.0 + n_dot_v * 2.5));
        diffuse += gem_hue(hue) * flash * 0.45 * ibl_irradiance(n);
    } else if (look == GEM_LOOK_MOONSTONE) {
        // Adularescence: a blue glow floating under the dome, moving with the light.
        let glow = pow(max(dot(reflected, gem_to_world(vec3<f32>(0.0, 0.3, 1.0))), 0.0), 6.0);
        diffuse += vec3<f32>(0.25, 0.42, 0.95) * glow * 0.6;
    }
    return diffuse + specular;
}

@fragment
fn gem_fs(in: GemVarying) -> @location(0) vec4<f32> {
    let v = normalize(frame.camera_position.xyz - in.world_position);
    let look = i32(gem.params.x + 0.5);
    var radiance: vec3<f32>;
    if (look == GEM_LOOK_FACETED) {
        radiance = gem_faceted(in, v);
    } else {
        radiance = gem_opaque(in, v, look);
    }
    let color = tonemap_pbr_neutral(radiance * frame.environment.y * frame.camera_position.w);
    return vec4<f32>(tonemap_encode(color), 1.0);
}
