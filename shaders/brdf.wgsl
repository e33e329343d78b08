// brdf.wgsl — metallic-roughness material model helpers (prefix brdf_).
// The glTF 2.0 spec, Appendix B (BRDF implementation): F0 from the IOR (0.04 at 1.5) for
// dielectrics, base colour for metals (pbr.wgsl); Schlick Fresnel (C. Schlick, "An
// Inexpensive BRDF Model for Physically-based Rendering", 1994). GGX and Smith terms live in the baked split-sum table (brdf_lut.rs).

// Split-sum specular response E(v) with multiple-scattering energy compensation
// (C. Fdez-Agüera, "A Multiple-Scattering Microfacet Model for Real-Time Image-based
// Lighting", JCGT 2019): single scattering loses energy on rough surfaces, which makes rough
// gold look dirty. The paper's eq. 10-11: the light that single scattering misses (1 - Ess)
// leaves after a geometric series of bounces, each reflecting the average Fresnel Favg.
fn brdf_specular_response(f0: vec3<f32>, lut: vec2<f32>) -> vec3<f32> {
    let single = f0 * lut.x + lut.y;
    let single_albedo = lut.x + lut.y;
    let missed = 1.0 - single_albedo;
    let average_fresnel = f0 + (1.0 - f0) / 21.0;
    let multiple = single * average_fresnel / (1.0 - missed * average_fresnel);
    return single + multiple * missed;
}
