//! Which glTF extensions the loader reads, and what it says about the ones it does not.

use super::document::Document;

/// glTF extensions this loader reads; a file that *requires* any other is refused with
/// `model-unsupported-extension` naming it.
pub const SUPPORTED_EXTENSIONS: &[&str] = &[
    "KHR_texture_transform",
    "KHR_materials_emissive_strength",
    "KHR_materials_ior",
    "KHR_materials_specular",
    "KHR_materials_transmission",
    "KHR_materials_volume",
    "KHR_materials_dispersion",
    "KHR_materials_clearcoat",
    "KHR_materials_variants",
    "KHR_mesh_quantization",
    "EXT_meshopt_compression",
    "EXT_texture_webp",
    "KHR_draco_mesh_compression",
];

/// Why an extension a file uses (without requiring it) is not drawn, for the warnings.
const UNREAD_REASONS: &[(&str, &str)] = &[
    ("KHR_texture_basisu", "KTX2 textures are not read; each texture's PNG, JPEG or WebP source is used"),
    ("KHR_lights_punctual", "the file's lights are not used; the studio lights it"),
];

/// A warning for each extension `document` uses that the loader does not read (a file that
/// requires one was refused before this).
pub(super) fn unread_extensions(document: &Document) -> Vec<String> {
    document
        .extensions_used
        .iter()
        .filter(|name| !SUPPORTED_EXTENSIONS.contains(&name.as_str()))
        .map(|name| match UNREAD_REASONS.iter().find(|(known, _)| known == name) {
            Some((_, reason)) => format!("{name}: {reason}"),
            None => format!("{name} is not read: what it adds is not drawn"),
        })
        .collect()
}
