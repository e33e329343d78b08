// engraving.wgsl — lettering cut into the metal (bind group 3 of the PBR pass).
// Keep in sync with EngravingUniforms in src/gpu/uniforms.rs.
//
// Each area is a frame on the pendant (slot convention v2): the fragment's position is
// projected into it, and the area's height field (0 surface … 1 full depth) says how deep the
// cut is there. A short ray march finds where the view ray meets the cut (parallax: the floor
// shifts against the rim as the pendant turns), and the height gradient gives the walls'
// normals, so walls catch the light while the floor sits in shadow.

// Whether this pipeline carries the engraving pass (src/gpu/pipelines.rs builds both: the
// plain one is faster on software renderers even though the pass would be skipped).
override ENGRAVED: bool = false;

struct EngravingArea {
    // xyz: world origin (metres); w: cut depth in mm (0 = nothing engraved).
    origin: vec4<f32>,
    // xyz: world axes (unit); w of x: width mm; of y: height mm; of z: texture layer.
    x_axis: vec4<f32>,
    y_axis: vec4<f32>,
    z_axis: vec4<f32>,
    // xy: the part of the layer the area uses (0..1); z: mm per texel; w: 1 oxidized.
    texture: vec4<f32>,
};

struct EngravingUniforms {
    areas: array<EngravingArea, 4>,
    // x: number of areas; y: how many have lettering (0: the pass skips engraving entirely).
    count: vec4<f32>,
};

@group(3) @binding(0) var<uniform> engraving: EngravingUniforms;
@group(3) @binding(1) var engraving_heights: texture_2d_array<f32>;
@group(3) @binding(2) var engraving_sampler: sampler;

// What the cut does at a fragment.
struct Cut {
    // The surface normal there (world).
    normal: vec3<f32>,
    // 0 on the surface … 1 on the floor of the cut.
    depth: f32,
    // 1 when the area asks for a darkened (oxidized) floor.
    oxidized: f32,
};

fn engraving_height(area: EngravingArea, mm: vec2<f32>) -> f32 {
    let size = vec2<f32>(area.x_axis.w, area.y_axis.w);
    let unit = vec2<f32>(mm.x / size.x + 0.5, 0.5 - mm.y / size.y);
    if (any(unit < vec2<f32>(0.0)) || any(unit > vec2<f32>(1.0))) {
        return 0.0;
    }
    return textureSampleLevel(engraving_heights, engraving_sampler, unit * area.texture.xy, i32(area.z_axis.w), 0.0).r;
}

fn engraving_cut(world_position: vec3<f32>, geometric_normal: vec3<f32>, v: vec3<f32>) -> Cut {
    var cut = Cut(geometric_normal, 0.0, 0.0);
    let count = i32(engraving.count.x);
    for (var i = 0; i < count; i++) {
        let area = engraving.areas[i];
        let depth_mm = area.origin.w;
        let x = area.x_axis.xyz;
        let y = area.y_axis.xyz;
        let z = area.z_axis.xyz;
        if (depth_mm <= 0.0 || dot(geometric_normal, z) < 0.3) {
            continue;
        }
        let offset = (world_position - area.origin.xyz) * 1000.0;
        let local = vec3<f32>(dot(offset, x), dot(offset, y), dot(offset, z));
        let half_size = 0.5 * vec2<f32>(area.x_axis.w, area.y_axis.w);
        if (any(abs(local.xy) > half_size) || abs(local.z) > 3.0) {
            continue;
        }
        // March down the view ray until it is below the cut's surface.
        let view = vec3<f32>(dot(v, x), dot(v, y), max(dot(v, z), 0.25));
        let slide = -view.xy / view.z; // mm sideways per mm down
        let steps = 10;
        var previous_t = 0.0;
        var previous_gap = engraving_height(area, local.xy) * depth_mm;
        var t = 0.0;
        var floor_at = local.xy;
        for (var s = 1; s <= steps && previous_gap > 0.0; s++) {
            t = depth_mm * f32(s) / f32(steps);
            let gap = engraving_height(area, local.xy + slide * t) * depth_mm - t;
            if (gap <= 0.0) {
                // Between the last two samples: interpolate where the gap closes.
                let k = previous_gap / max(previous_gap - gap, 1e-5);
                t = mix(previous_t, t, k);
                break;
            }
            previous_t = t;
            previous_gap = gap;
        }
        floor_at = local.xy + slide * t;
        let h = engraving_height(area, floor_at);
        // Height gradient over one texel → wall slope.
        let texel = area.texture.z;
        let dx = engraving_height(area, floor_at + vec2<f32>(texel, 0.0)) - engraving_height(area, floor_at - vec2<f32>(texel, 0.0));
        let dy = engraving_height(area, floor_at + vec2<f32>(0.0, texel)) - engraving_height(area, floor_at - vec2<f32>(0.0, texel));
        let slope = vec2<f32>(dx, dy) * depth_mm / (2.0 * texel);
        cut.normal = normalize(geometric_normal + x * slope.x + y * slope.y);
        cut.depth = h;
        cut.oxidized = area.texture.w;
        break;
    }
    return cut;
}
