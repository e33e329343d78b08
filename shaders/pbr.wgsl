// pbr.wgsl — entry points of the metallic-roughness pass: vs_main / fs_main.
// Concatenated after common, brdf, ibl and tonemap (src/gpu/shaders.rs).

struct VertexInput {
    @location(0) position: vec3<f32>,
    @location(1) normal: vec3<f32>,
    @location(2) tangent: vec4<f32>,
    @location(3) uv0: vec2<f32>,
    @location(4) uv1: vec2<f32>,
    @location(5) color: vec4<f32>,
};

struct VertexOutput {
    @builtin(position) clip_position: vec4<f32>,
    @location(0) world_position: vec3<f32>,
    @location(1) normal: vec3<f32>,
    @location(2) tangent: vec4<f32>,
    @location(3) uv0: vec2<f32>,
    @location(4) uv1: vec2<f32>,
    // COLOR_0 (white without one), multiplying the base colour.
    @location(5) color: vec4<f32>,
};

@vertex
fn vs_main(in: VertexInput) -> VertexOutput {
    var out: VertexOutput;
    let world = draw.model * vec4<f32>(in.position, 1.0);
    out.clip_position = frame.view_projection * world;
    out.world_position = world.xyz;
    out.normal = (draw.normal_matrix * vec4<f32>(in.normal, 0.0)).xyz;
    out.tangent = vec4<f32>((draw.model * vec4<f32>(in.tangent.xyz, 0.0)).xyz, in.tangent.w);
    out.uv0 = in.uv0;
    out.uv1 = in.uv1;
    out.color = in.color;
    return out;
}

// What this pipeline's materials use (src/gpu/pipelines.rs: ShaderFeatures, derived from the
// material uniforms). Software GPUs (SwiftShader in browsers without a GPU, llvmpipe) run every
// instruction of a shader for every pixel, branches not taken included: a texture read or a
// clear coat that a polished metal skips at run time still costs it frames. As override
// constants the unused parts are compiled out. The defaults (everything on) are the general
// shader; each part also stays correct for values that leave it without effect.
override BASE_COLOR_TEXTURE: bool = true;
override METALLIC_ROUGHNESS_TEXTURE: bool = true;
override NORMAL_TEXTURE: bool = true;
override OCCLUSION_TEXTURE: bool = true;
override EMISSIVE_TEXTURE: bool = true;
// Alpha cut off below a threshold (glTF alphaMode MASK).
override ALPHA_MASK: bool = true;
// Not all metal: diffuse light and dielectric reflection (metallic < 1 somewhere).
override DIELECTRIC: bool = true;
// Brushed: anisotropic reflection.
override ANISOTROPY: bool = true;
override TRANSMISSION: bool = true;
override CLEARCOAT: bool = true;

fn slot_uv(slot: TextureSlot, in: VertexOutput) -> vec2<f32> {
    let uv = vec3<f32>(select(in.uv0, in.uv1, slot.row0.w > 0.5), 1.0);
    return vec2<f32>(dot(slot.row0.xyz, uv), dot(slot.row1.xyz, uv));
}

// KHR_materials_transmission (+ _volume, _dispersion): the studio seen through the surface.
// Thin-walled surfaces pass light straight through; volumes refract it at the entry (per
// colour channel when dispersive) and absorb along their thickness. Rays that leave roughly
// along the view see the backdrop (what the shopper sees behind the pendant), bent ones the
// studio. Other parts of the pendant behind the surface are not seen (no scene-colour copy).
fn pbr_behind(direction: vec3<f32>, v: vec3<f32>, roughness: f32) -> vec3<f32> {
    let studio = ibl_specular(direction, roughness);
    let backdrop = 0.5 * (frame.backdrop_top + frame.backdrop_bottom);
    let along_view = smoothstep(0.75, 0.97, dot(direction, -v)) * step(0.5, backdrop.a);
    return mix(studio, backdrop.rgb / max(frame.camera_position.w, 1e-3), along_view);
}

fn pbr_transmission(n: vec3<f32>, v: vec3<f32>, base_color: vec3<f32>, roughness: f32, ior: f32) -> vec3<f32> {
    let thickness = material.volume.w;
    let spread = (ior - 1.0) * 0.025 * material.optics.w;
    let through = thickness > 0.0;
    let red = select(-v, refract(-v, n, 1.0 / (ior - spread)), through);
    let green = select(-v, refract(-v, n, 1.0 / ior), through);
    let blue = select(-v, refract(-v, n, 1.0 / (ior + spread)), through);
    let seen = vec3<f32>(
        pbr_behind(red, v, roughness).r,
        pbr_behind(green, v, roughness).g,
        pbr_behind(blue, v, roughness).b,
    );
    return seen * base_color * exp(-material.volume.xyz * thickness);
}

// Brushed metal: lines along the tangent stretch highlights along the bitangent. The
// prefiltered environment is isotropic, so the reflection is taken about a normal bent toward
// the one that faces the viewer within the plane across the lines (the "bent normal"
// approximation of anisotropic image-based lighting: B. Karis / Filament, "Physically Based
// Rendering in Filament", section on anisotropic IBL; McAuley's and Revie's talks before it).
fn anisotropic_normal(n: vec3<f32>, v: vec3<f32>, across: vec3<f32>, anisotropy: f32, roughness: f32) -> vec3<f32> {
    let across_tangent = cross(across, v);
    let across_normal = cross(across_tangent, across);
    let bend = anisotropy * clamp(5.0 * roughness, 0.0, 1.0);
    let bent = mix(n, across_normal, bend);
    return select(n, normalize(bent), dot(bent, bent) > 1e-8);
}

@fragment
fn fs_main(in: VertexOutput, @builtin(front_facing) front_facing: bool) -> @location(0) vec4<f32> {
    // All texture reads first, in uniform control flow, and only of textures the material has.
    var base_sample = vec4<f32>(1.0);
    if (BASE_COLOR_TEXTURE) {
        base_sample = textureSample(base_color_texture, material_sampler, slot_uv(material.base_color_slot, in));
    }
    var mr_sample = vec4<f32>(1.0);
    if (METALLIC_ROUGHNESS_TEXTURE) {
        mr_sample = textureSample(metallic_roughness_texture, material_sampler, slot_uv(material.metallic_roughness_slot, in));
    }
    var normal_sample = vec3<f32>(0.5, 0.5, 1.0);
    if (NORMAL_TEXTURE) {
        normal_sample = textureSample(normal_texture, material_sampler, slot_uv(material.normal_slot, in)).xyz;
    }
    var occlusion_sample = 1.0;
    if (OCCLUSION_TEXTURE) {
        occlusion_sample = textureSample(occlusion_texture, material_sampler, slot_uv(material.occlusion_slot, in)).r;
    }
    var emissive_sample = vec3<f32>(1.0);
    if (EMISSIVE_TEXTURE) {
        emissive_sample = textureSample(emissive_texture, material_sampler, slot_uv(material.emissive_slot, in)).rgb;
    }

    var base_color = material.base_color_factor * base_sample * in.color;
    if (ALPHA_MASK) {
        if (base_color.a < material.alpha.x) {
            discard;
        }
    }
    var metallic = clamp(material.params.x * mr_sample.b, 0.0, 1.0);
    // Below ~0.03 the GGX lobe is narrower than a texel of the environment; clamp to avoid
    // sparkling aliasing on polished metal.
    var roughness = clamp(material.params.y * mr_sample.g, 0.03, 1.0);

    // Tangent-space normal mapping; back faces of double-sided materials face the viewer.
    let facing = select(-1.0, 1.0, front_facing);
    let geometric_normal = normalize(in.normal) * facing;
    let v = normalize(frame.camera_position.xyz - in.world_position);

    // Engraving cut into metal parts: wall normals, a satin floor in its own shadow, and a
    // dark patina on the floor when oxidized.
    var surface_normal = geometric_normal;
    var cavity = 1.0;
    // (Keep this operand order: with the uniform test first, lavapipe's shader compiler —
    // mesa-vulkan-drivers on Debian, our CI renderer — crashes with SIGSEGV.)
    if (ENGRAVED && metallic >= 0.5 && engraving.count.y > 0.0) {
        let cut = engraving_cut(in.world_position, geometric_normal, v);
        surface_normal = cut.normal;
        let on_floor = smoothstep(0.45, 0.95, cut.depth);
        roughness = mix(roughness, max(roughness, 0.3), on_floor);
        cavity = 1.0 - 0.45 * cut.depth;
        let patina = on_floor * cut.oxidized;
        base_color = vec4<f32>(mix(base_color.rgb, vec3<f32>(0.035, 0.03, 0.028), patina), base_color.a);
        metallic = mix(metallic, 0.0, patina);
        roughness = mix(roughness, 0.55, patina);
    }

    // The tangent frame, for normal maps and brushing.
    var n = surface_normal;
    var reflection_normal = surface_normal;
    if (NORMAL_TEXTURE || ANISOTROPY) {
        let raw_tangent = in.tangent.xyz - surface_normal * dot(surface_normal, in.tangent.xyz);
        let tangent_length_squared = dot(raw_tangent, raw_tangent);
        // Without UVs there is no tangent: use world +X (else +Z) in the surface plane, so
        // brushed metal still brushes horizontally.
        let axis = select(vec3<f32>(1.0, 0.0, 0.0), vec3<f32>(0.0, 0.0, 1.0), abs(surface_normal.x) > 0.9);
        let fallback_tangent = normalize(axis - surface_normal * dot(surface_normal, axis));
        let tangent = select(
            fallback_tangent,
            raw_tangent * inverseSqrt(max(tangent_length_squared, 1e-12)),
            tangent_length_squared > 1e-12,
        );
        let bitangent = cross(surface_normal, tangent) * in.tangent.w;
        if (NORMAL_TEXTURE) {
            let mapped = (normal_sample * 2.0 - 1.0) * vec3<f32>(material.params.z, material.params.z, 1.0);
            n = normalize(tangent * mapped.x + bitangent * mapped.y + surface_normal * mapped.z);
        }
        reflection_normal = n;
        if (ANISOTROPY) {
            reflection_normal = anisotropic_normal(n, v, bitangent, material.surface.x, roughness);
        }
    }

    let n_dot_v = clamp(dot(n, v), 1e-4, 1.0);
    let reflected = reflect(-v, reflection_normal);

    let ior = material.optics.x;
    let dielectric_f0 = material.dielectric_f0.rgb;
    let f0 = mix(dielectric_f0, base_color.rgb, metallic);
    let lut = ibl_brdf_lut(n_dot_v, roughness);
    let occlusion = mix(1.0, occlusion_sample, material.params.w) * cavity;
    var specular = ibl_specular(reflected, roughness) * brdf_specular_response(f0, lut);
    // Without occlusion (1) the specular occlusion is exactly 1.
    if (OCCLUSION_TEXTURE || ENGRAVED) {
        specular *= ibl_specular_occlusion(n_dot_v, occlusion, roughness);
    }
    var base_layer = specular;
    // An oxidized engraving floor is dielectric on any metal.
    if (DIELECTRIC || ENGRAVED) {
        // Light the dielectric surface reflects does not reach the layer below it.
        let below = (1.0 - metallic) * (vec3<f32>(1.0) - brdf_specular_response(dielectric_f0, lut));
        let diffuse = base_color.rgb * ibl_irradiance(n) * occlusion;
        var beneath = diffuse;
        if (TRANSMISSION) {
            beneath = mix(diffuse, pbr_transmission(n, v, base_color.rgb, roughness, ior), material.optics.z);
        }
        base_layer += below * beneath;
    }

    // KHR_materials_clearcoat: a smooth dielectric (F0 0.04) over everything, on the
    // geometric normal.
    let coat = material.dielectric_f0.w;
    var layered = base_layer;
    if (CLEARCOAT) {
        let coat_roughness = clamp(material.alpha.z, 0.03, 1.0);
        let coat_n_dot_v = clamp(dot(geometric_normal, v), 1e-4, 1.0);
        let coat_albedo = brdf_specular_response(vec3<f32>(0.04), ibl_brdf_lut(coat_n_dot_v, coat_roughness));
        let coat_reflection = ibl_specular(reflect(-v, geometric_normal), coat_roughness) * coat_albedo;
        layered = base_layer * (vec3<f32>(1.0) - coat * coat_albedo) + coat * coat_reflection;
    }

    let emissive = material.emissive_factor.xyz * emissive_sample;
    let radiance = layered * frame.environment.y + emissive;
    let color = tonemap_pbr_neutral(radiance * frame.camera_position.w);
    // Opaque and masked materials cover what is behind them, even over a transparent canvas.
    return vec4<f32>(tonemap_encode(color), select(1.0, base_color.a, material.alpha.y > 0.5));
}
