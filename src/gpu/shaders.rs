//! WGSL sources, split by role under `shaders/` and joined in dependency order (WGSL has no
//! imports; concatenation keeps every file valid on its own role without a preprocessor).

/// The physically based pass: shared bindings, BRDF, IBL, tone mapping, entry points.
pub const PBR_SHADER_SOURCE: &str = concat!(
    include_str!("../../shaders/common.wgsl"),
    include_str!("../../shaders/material.wgsl"),
    include_str!("../../shaders/draw.wgsl"),
    include_str!("../../shaders/engraving.wgsl"),
    include_str!("../../shaders/brdf.wgsl"),
    include_str!("../../shaders/ibl.wgsl"),
    include_str!("../../shaders/tonemap.wgsl"),
    include_str!("../../shaders/pbr.wgsl"),
);

/// The shopper's photo under its cover.
pub const PHOTO_SHADER_SOURCE: &str = concat!(
    include_str!("../../shaders/common.wgsl"),
    include_str!("../../shaders/draw.wgsl"),
    include_str!("../../shaders/brdf.wgsl"),
    include_str!("../../shaders/ibl.wgsl"),
    include_str!("../../shaders/tonemap.wgsl"),
    include_str!("../../shaders/photo.wgsl"),
);

/// Stones (traced facets, opaque looks) and their bezels.
pub const GEM_SHADER_SOURCE: &str = concat!(
    include_str!("../../shaders/common.wgsl"),
    include_str!("../../shaders/brdf.wgsl"),
    include_str!("../../shaders/ibl.wgsl"),
    include_str!("../../shaders/tonemap.wgsl"),
    include_str!("../../shaders/gem.wgsl"),
);

/// The contact shadow quad.
pub const SHADOW_SHADER_SOURCE: &str =
    concat!(include_str!("../../shaders/common.wgsl"), include_str!("../../shaders/shadow.wgsl"));

/// The background gradient pass.
pub const BACKDROP_SHADER_SOURCE: &str = concat!(
    include_str!("../../shaders/common.wgsl"),
    include_str!("../../shaders/tonemap.wgsl"),
    include_str!("../../shaders/backdrop.wgsl"),
);
