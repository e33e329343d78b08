//! glTF materials (core PBR and the KHR_materials_* extensions the viewer reads) and samplers
//! → the model's plain material types.

use serde_json::Value;

use super::document::{self};
use crate::model::{AlphaMode, Material, Optics, Sampler, TextureRef, UvTransform, Wrap};

/// Texture properties of the optical extensions, which this viewer does not read yet (their
/// factors apply); a model using them loads with a warning naming them.
const UNREAD_EXTENSION_TEXTURES: &[(&str, &str)] = &[
    ("KHR_materials_specular", "specularTexture"),
    ("KHR_materials_specular", "specularColorTexture"),
    ("KHR_materials_transmission", "transmissionTexture"),
    ("KHR_materials_volume", "thicknessTexture"),
    ("KHR_materials_clearcoat", "clearcoatTexture"),
    ("KHR_materials_clearcoat", "clearcoatRoughnessTexture"),
    ("KHR_materials_clearcoat", "clearcoatNormalTexture"),
];

/// A number member, or `default` when absent or not a finite number.
fn number(object: Option<&Value>, key: &str, default: f32) -> f32 {
    object
        .and_then(|o| o.get(key))
        .and_then(Value::as_f64)
        .map(|v| v as f32)
        .filter(|v| v.is_finite())
        .unwrap_or(default)
}

/// N numbers, each falling back to `default`'s when absent or not a number.
fn number_array<const N: usize>(object: Option<&Value>, key: &str, default: [f32; N]) -> [f32; N] {
    let Some(items) = object.and_then(|o| o.get(key)).and_then(Value::as_array).filter(|a| a.len() == N) else {
        return default;
    };
    std::array::from_fn(|i| items[i].as_f64().map(|v| v as f32).filter(|v| v.is_finite()).unwrap_or(default[i]))
}

/// A texture reference (`{"index", "texCoord", "extensions": {"KHR_texture_transform"}}`);
/// the index was checked by `document`.
fn texture_ref(info: Option<&Value>) -> Option<TextureRef> {
    let info = info?;
    let texture = info.get("index")?.as_u64()? as usize;
    let tex_coord = info.get("texCoord").and_then(Value::as_u64).unwrap_or(0).min(1) as u32;
    let mut result = TextureRef { texture, tex_coord, transform: UvTransform::default() };
    let transform = info.get("extensions").and_then(|e| e.get("KHR_texture_transform"));
    if transform.is_some() {
        result.transform = UvTransform {
            offset: number_array(transform, "offset", [0.0, 0.0]),
            rotation: number(transform, "rotation", 0.0),
            scale: number_array(transform, "scale", [1.0, 1.0]),
        };
        if let Some(set) = transform.and_then(|t| t.get("texCoord")).and_then(Value::as_u64) {
            result.tex_coord = set.min(1) as u32;
        }
    }
    Some(result)
}

fn material_name(material: &Value) -> Option<String> {
    material.get("name").and_then(Value::as_str).map(str::to_string)
}

/// The optical extensions' factors, each clamped to its valid range.
fn convert_optics(material: &Value, warnings: &mut Vec<String>) -> Optics {
    let extension = |name: &str| material.get("extensions").and_then(|e| e.get(name));
    let clamped = |name: &str, key: &str, default: f32, (low, high): (f32, f32)| {
        number(extension(name), key, default).clamp(low, high)
    };
    let color = |name: &str, key: &str| number_array(extension(name), key, [1.0; 3]).map(|c| c.clamp(0.0, 1.0));
    for (name, texture) in UNREAD_EXTENSION_TEXTURES {
        if extension(name).and_then(|e| e.get(*texture)).is_some() {
            warnings.push(format!(
                "material '{}': {name} {texture} is not supported yet; its factor is used",
                material_name(material).as_deref().unwrap_or("unnamed")
            ));
        }
    }
    Optics {
        // KHR_materials_ior allows 0 ("infinite", F0 = 1); clamped to what real materials have.
        ior: clamped("KHR_materials_ior", "ior", 1.5, (1.0, 5.0)),
        specular_factor: clamped("KHR_materials_specular", "specularFactor", 1.0, (0.0, 1.0)),
        specular_color: color("KHR_materials_specular", "specularColorFactor"),
        transmission: clamped("KHR_materials_transmission", "transmissionFactor", 0.0, (0.0, 1.0)),
        thickness: clamped("KHR_materials_volume", "thicknessFactor", 0.0, (0.0, f32::MAX)),
        attenuation_distance: clamped(
            "KHR_materials_volume",
            "attenuationDistance",
            f32::INFINITY,
            (1e-6, f32::INFINITY),
        ),
        attenuation_color: color("KHR_materials_volume", "attenuationColor"),
        dispersion: clamped("KHR_materials_dispersion", "dispersion", 0.0, (0.0, 10.0)),
        clearcoat: clamped("KHR_materials_clearcoat", "clearcoatFactor", 0.0, (0.0, 1.0)),
        clearcoat_roughness: clamped("KHR_materials_clearcoat", "clearcoatRoughnessFactor", 0.0, (0.0, 1.0)),
    }
}

/// A warning for each texture that reads a UV set past TEXCOORD_1 (the viewer draws two: such a
/// texture reads TEXCOORD_1 instead).
fn note_unread_uv_sets(material: &Value, warnings: &mut Vec<String>) {
    let pbr = material.get("pbrMetallicRoughness");
    let references = [
        ("baseColorTexture", pbr.and_then(|p| p.get("baseColorTexture"))),
        ("metallicRoughnessTexture", pbr.and_then(|p| p.get("metallicRoughnessTexture"))),
        ("normalTexture", material.get("normalTexture")),
        ("occlusionTexture", material.get("occlusionTexture")),
        ("emissiveTexture", material.get("emissiveTexture")),
    ];
    for (slot, info) in references {
        let Some(set) = info.and_then(|i| i.get("texCoord")).and_then(Value::as_u64).filter(|&set| set > 1) else {
            continue;
        };
        warnings.push(format!(
            "material '{}': {slot} reads TEXCOORD_{set}, which is not drawn; it reads TEXCOORD_1",
            material_name(material).as_deref().unwrap_or("unnamed")
        ));
    }
}

pub(super) fn convert_material(material: &Value, warnings: &mut Vec<String>) -> Material {
    note_unread_uv_sets(material, warnings);
    let pbr = material.get("pbrMetallicRoughness");
    let normal = material.get("normalTexture");
    let occlusion = material.get("occlusionTexture");
    let strength = number(
        material.get("extensions").and_then(|e| e.get("KHR_materials_emissive_strength")),
        "emissiveStrength",
        1.0,
    );
    let cutoff = number(Some(material), "alphaCutoff", 0.5);
    Material {
        name: material_name(material),
        base_color_factor: number_array(pbr, "baseColorFactor", [1.0; 4]),
        base_color_texture: texture_ref(pbr.and_then(|p| p.get("baseColorTexture"))),
        metallic_factor: number(pbr, "metallicFactor", 1.0).clamp(0.0, 1.0),
        roughness_factor: number(pbr, "roughnessFactor", 1.0).clamp(0.0, 1.0),
        metallic_roughness_texture: texture_ref(pbr.and_then(|p| p.get("metallicRoughnessTexture"))),
        normal_texture: texture_ref(normal),
        normal_scale: number(normal, "scale", 1.0),
        occlusion_texture: texture_ref(occlusion),
        occlusion_strength: number(occlusion, "strength", 1.0).clamp(0.0, 1.0),
        emissive_texture: texture_ref(material.get("emissiveTexture")),
        emissive_factor: number_array(Some(material), "emissiveFactor", [0.0; 3]).map(|c| c * strength),
        alpha_mode: match material.get("alphaMode").and_then(Value::as_str) {
            Some("MASK") => AlphaMode::Mask { cutoff },
            Some("BLEND") => AlphaMode::Blend,
            _ => AlphaMode::Opaque,
        },
        double_sided: material.get("doubleSided").and_then(Value::as_bool).unwrap_or(false),
        optics: convert_optics(material, warnings),
    }
}

pub(super) fn convert_sampler(sampler: &document::SamplerDef) -> Sampler {
    const NEAREST: u64 = 9728;
    const NEAREST_MIPMAP_NEAREST: u64 = 9984;
    const NEAREST_MIPMAP_LINEAR: u64 = 9986;
    let wrap = |mode| match mode {
        Some(33071) => Wrap::ClampToEdge,
        Some(33648) => Wrap::MirroredRepeat,
        _ => Wrap::Repeat,
    };
    Sampler {
        wrap_u: wrap(sampler.wrap_s),
        wrap_v: wrap(sampler.wrap_t),
        mag_linear: sampler.mag_filter != Some(NEAREST),
        min_linear: !matches!(sampler.min_filter, Some(NEAREST | NEAREST_MIPMAP_NEAREST | NEAREST_MIPMAP_LINEAR)),
    }
}
