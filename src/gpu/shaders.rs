//! WGSL sources, split by role under `shaders/` and joined in dependency order (WGSL has no
//! imports; concatenation keeps every file valid on its own role without a preprocessor). build.rs
//! strips their comments first.

/// One stripped file of `shaders/` (see build.rs).
macro_rules! stripped {
    ($name:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/shaders/", $name))
    };
}

/// The physically based pass: shared bindings, BRDF, IBL, tone mapping, entry points.
pub const PBR_SHADER_SOURCE: &str = concat!(
    stripped!("common.wgsl"),
    stripped!("material.wgsl"),
    stripped!("draw.wgsl"),
    stripped!("engraving.wgsl"),
    stripped!("brdf.wgsl"),
    stripped!("ibl.wgsl"),
    stripped!("tonemap.wgsl"),
    stripped!("pbr.wgsl"),
);

/// The shopper's photo under its cover.
pub const PHOTO_SHADER_SOURCE: &str = concat!(
    stripped!("common.wgsl"),
    stripped!("draw.wgsl"),
    stripped!("brdf.wgsl"),
    stripped!("ibl.wgsl"),
    stripped!("tonemap.wgsl"),
    stripped!("photo.wgsl"),
);

/// Stones (traced facets, opaque looks) and their bezels.
pub const GEM_SHADER_SOURCE: &str = concat!(
    stripped!("common.wgsl"),
    stripped!("brdf.wgsl"),
    stripped!("ibl.wgsl"),
    stripped!("tonemap.wgsl"),
    stripped!("gem.wgsl"),
);

/// The contact shadow quad.
pub const SHADOW_SHADER_SOURCE: &str = concat!(stripped!("common.wgsl"), stripped!("shadow.wgsl"));

/// The background gradient pass.
pub const BACKDROP_SHADER_SOURCE: &str =
    concat!(stripped!("common.wgsl"), stripped!("tonemap.wgsl"), stripped!("backdrop.wgsl"));
