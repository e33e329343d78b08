// draw.wgsl — the per-draw transform of a mesh node (bind group 2), shared by the PBR and the
// photo passes. Keep in sync with src/gpu/uniforms.rs (DrawUniforms).

struct DrawUniforms {
    model: mat4x4<f32>,
    // Inverse transpose of the model matrix's upper 3×3, padded to 4×4.
    normal_matrix: mat4x4<f32>,
};

@group(2) @binding(0) var<uniform> draw: DrawUniforms;
