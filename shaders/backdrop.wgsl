// backdrop.wgsl — the background gradient (prefix backdrop_): one full-screen triangle drawn
// before the pendant, top colour to bottom colour. Concatenated after common and tonemap.

struct BackdropVarying {
    @builtin(position) position: vec4<f32>,
    // 0 at the bottom of the view, 1 at the top.
    @location(0) height: f32,
};

@vertex
fn backdrop_vs(@builtin(vertex_index) index: u32) -> BackdropVarying {
    // Vertices (0,0), (2,0), (0,2) in a 0..1 viewport: one triangle covering it.
    let corner = vec2<f32>(f32((index << 1u) & 2u), f32(index & 2u));
    var out: BackdropVarying;
    out.position = vec4<f32>(corner * 2.0 - 1.0, 1.0, 1.0);
    out.height = corner.y;
    return out;
}

@fragment
fn backdrop_fs(in: BackdropVarying) -> @location(0) vec4<f32> {
    let color = mix(frame.backdrop_bottom, frame.backdrop_top, clamp(in.height, 0.0, 1.0));
    return vec4<f32>(tonemap_encode(color.rgb), color.a);
}
