//! The CPU-side pendant model: what the loader produces and the GPU layer uploads.
//!
//! Plain data only: no glTF types, no GPU handles. Names mirror the glTF spec where the data is
//! glTF (`base_color_factor`, `metallic_factor`, …). Units are glTF's: metres, +Y up.

pub mod build;
pub mod gltf;
pub mod image_header;
pub mod marks;
pub mod tangents;

use glam::{Mat4, Vec3};

/// A loaded model: node hierarchy, meshes, materials and decoded images.
#[derive(Debug, Clone, Default)]
pub struct PendantModel {
    /// Nodes of the displayed scene, parents before children.
    pub nodes: Vec<ModelNode>,
    /// Meshes, referenced by `ModelNode::mesh`.
    pub meshes: Vec<Mesh>,
    /// Materials, referenced by `Primitive::material`.
    pub materials: Vec<Material>,
    /// Textures (an image plus sampling state), referenced by `TextureRef::texture`.
    pub textures: Vec<Texture>,
    /// Decoded images, RGBA8, referenced by `Texture::image`.
    pub images: Vec<Image>,
    /// World-space axis-aligned bounds of everything drawn.
    pub bounds: Bounds,
    /// Things the loader skipped without failing (e.g. point primitives), for the console.
    pub warnings: Vec<String>,
    /// `KHR_materials_variants`: the variants' names; each primitive maps them to materials.
    pub variants: Vec<String>,
}

impl PendantModel {
    /// A model of one node drawing `primitive` in `material`, placed as built: the chain,
    /// the display bust.
    pub fn single(name: &str, primitive: Primitive, material: Material) -> Self {
        Self::of_parts(name, vec![(primitive, material)])
    }

    /// Shows variant `name` (KHR_materials_variants; `None`: as authored): each primitive
    /// takes the material its mapping names for the variant and its authored one otherwise.
    /// False, and nothing changed, when the model has no variant of that name.
    pub fn select_variant(&mut self, name: Option<&str>) -> bool {
        let variant = match name {
            Some(name) => match self.variants.iter().position(|v| v == name) {
                Some(variant) => Some(variant),
                None => return false,
            },
            None => None,
        };
        for primitive in self.meshes.iter_mut().flat_map(|m| &mut m.primitives) {
            let mapped = primitive.variant_materials.iter().find(|&&(v, _)| Some(v) == variant);
            if let Some(&(_, material)) = mapped {
                primitive.material = Some(material);
            } else if !primitive.variant_materials.is_empty() {
                primitive.material = primitive.authored_material;
            }
        }
        true
    }

    /// The world-space box round `node`'s mesh (empty without a mesh or vertices).
    pub fn node_bounds(&self, node: &ModelNode) -> Bounds {
        let mut bounds = Bounds::default();
        let Some(mesh) = node.mesh.and_then(|m| self.meshes.get(m)) else { return bounds };
        for vertex in mesh.primitives.iter().flat_map(|p| &p.vertices) {
            bounds.include(node.world_transform.transform_point3(Vec3::from(vertex.position)));
        }
        bounds
    }

    /// A model of one node drawing each primitive in its own material (their material
    /// indices are set), placed as built: a two-metal coin.
    pub fn of_parts(name: &str, parts: Vec<(Primitive, Material)>) -> Self {
        let mut bounds = Bounds::default();
        let (mut primitives, mut materials) = (Vec::new(), Vec::new());
        for (index, (mut primitive, material)) in parts.into_iter().enumerate() {
            for vertex in &primitive.vertices {
                bounds.include(Vec3::from(vertex.position));
            }
            primitive.material = Some(index);
            primitives.push(primitive);
            materials.push(material);
        }
        PendantModel {
            nodes: vec![ModelNode {
                name: Some(name.into()),
                parent: None,
                local_transform: Mat4::IDENTITY,
                world_transform: Mat4::IDENTITY,
                mesh: Some(0),
            }],
            meshes: vec![Mesh { name: Some(name.into()), primitives }],
            materials,
            bounds,
            ..PendantModel::default()
        }
    }
}

/// One node of the scene with its transform resolved.
#[derive(Debug, Clone)]
pub struct ModelNode {
    /// The glTF node name, if any (the slot convention relies on names).
    pub name: Option<String>,
    /// Index into `PendantModel::nodes` of the parent.
    pub parent: Option<usize>,
    /// Transform relative to the parent.
    pub local_transform: Mat4,
    /// Transform from this node's space to the world.
    pub world_transform: Mat4,
    /// Index into `PendantModel::meshes`.
    pub mesh: Option<usize>,
}

/// A glTF mesh: a list of primitives.
#[derive(Debug, Clone, Default)]
pub struct Mesh {
    /// The glTF mesh name, if any.
    pub name: Option<String>,
    /// Triangle lists, one per material.
    pub primitives: Vec<Primitive>,
}

/// Interleaved vertex as uploaded to the GPU. Keep in sync with `shaders/pbr.wgsl` (`VertexInput`)
/// and `gpu::pipelines::VERTEX_ATTRIBUTES`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, bytemuck::Pod, bytemuck::Zeroable)]
pub struct Vertex {
    /// Position in mesh space (metres).
    pub position: [f32; 3],
    /// Unit normal in mesh space.
    pub normal: [f32; 3],
    /// Unit tangent in mesh space, `w` = ±1 handedness of the bitangent.
    pub tangent: [f32; 4],
    /// TEXCOORD_0.
    pub uv0: [f32; 2],
    /// TEXCOORD_1 (zeros when absent).
    pub uv1: [f32; 2],
    /// COLOR_0, linear RGBA as unsigned normalized 16-bit (white when absent): it multiplies
    /// the base colour, as glTF says.
    pub color: [u16; 4],
}

impl Vertex {
    /// Opaque white: the colour of a vertex without COLOR_0.
    pub const WHITE: [u16; 4] = [u16::MAX; 4];
}

impl Default for Vertex {
    fn default() -> Self {
        Self {
            position: [0.0; 3],
            normal: [0.0; 3],
            tangent: [0.0; 4],
            uv0: [0.0; 2],
            uv1: [0.0; 2],
            color: Self::WHITE,
        }
    }
}

/// A triangle list with one material.
#[derive(Debug, Clone, Default)]
pub struct Primitive {
    /// Vertices; normals are always present (generated flat when the file has none).
    pub vertices: Vec<Vertex>,
    /// Triangle list indices into `vertices` (generated for non-indexed primitives).
    pub indices: Vec<u32>,
    /// Index into `PendantModel::materials`; `None` uses the glTF default material.
    pub material: Option<usize>,
    /// Whether the file gave TEXCOORD_0 (otherwise `uv0` is zero).
    pub has_uv0: bool,
    /// `KHR_materials_variants`: (variant, material) pairs; a variant not named here shows
    /// `authored_material` (see [`PendantModel::select_variant`]).
    pub variant_materials: Vec<(usize, usize)>,
    /// The material as the file gives it, outside any variant.
    pub authored_material: Option<usize>,
}

/// How a material's alpha is used (glTF `alphaMode`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum AlphaMode {
    /// Alpha ignored.
    #[default]
    Opaque,
    /// Alpha below the cutoff is discarded.
    Mask {
        /// glTF `alphaCutoff`, default 0.5.
        cutoff: f32,
    },
    /// Alpha blended over what is behind.
    Blend,
}

/// Texture coordinate transform (KHR_texture_transform), applied as
/// `uv' = T(offset) · R(rotation) · S(scale) · uv`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UvTransform {
    /// Translation in UV units.
    pub offset: [f32; 2],
    /// Rotation in radians, counter-clockwise in UV space.
    pub rotation: f32,
    /// Scale.
    pub scale: [f32; 2],
}

impl Default for UvTransform {
    fn default() -> Self {
        Self { offset: [0.0, 0.0], rotation: 0.0, scale: [1.0, 1.0] }
    }
}

impl UvTransform {
    /// The transform as the two rows of a 2×3 affine matrix (what the shader multiplies with).
    pub fn to_rows(&self) -> [[f32; 3]; 2] {
        let (sin, cos) = self.rotation.sin_cos();
        let [sx, sy] = self.scale;
        let [ox, oy] = self.offset;
        // glTF's rotation matrix is [cos, sin; -sin, cos] (KHR_texture_transform README).
        [[cos * sx, sin * sy, ox], [-sin * sx, cos * sy, oy]]
    }
}

/// A material's use of a texture.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextureRef {
    /// Index into `PendantModel::textures`.
    pub texture: usize,
    /// Which UV set (0 or 1) after `KHR_texture_transform`'s override.
    pub tex_coord: u32,
    /// KHR_texture_transform (identity when absent).
    pub transform: UvTransform,
}

/// A glTF metallic-roughness material.
#[derive(Debug, Clone, PartialEq)]
pub struct Material {
    /// The glTF material name, if any.
    pub name: Option<String>,
    /// Linear RGBA multiplier of the base colour (default 1,1,1,1).
    pub base_color_factor: [f32; 4],
    /// sRGB-encoded base colour texture.
    pub base_color_texture: Option<TextureRef>,
    /// 0..1, default 1 (metal).
    pub metallic_factor: f32,
    /// 0..1 perceptual roughness, default 1.
    pub roughness_factor: f32,
    /// Linear texture: roughness in G, metallic in B.
    pub metallic_roughness_texture: Option<TextureRef>,
    /// Linear tangent-space normal map.
    pub normal_texture: Option<TextureRef>,
    /// Scales the normal map's XY.
    pub normal_scale: f32,
    /// Linear ambient occlusion in R.
    pub occlusion_texture: Option<TextureRef>,
    /// 0..1 strength of the occlusion.
    pub occlusion_strength: f32,
    /// sRGB-encoded emissive texture.
    pub emissive_texture: Option<TextureRef>,
    /// Linear emitted radiance, already multiplied by KHR_materials_emissive_strength.
    pub emissive_factor: [f32; 3],
    /// How alpha is used.
    pub alpha_mode: AlphaMode,
    /// Whether back faces are drawn (with flipped normals).
    pub double_sided: bool,
    /// KHR_materials_* factors (defaults when the extensions are absent).
    pub optics: Optics,
}

/// The optical extensions of glTF PBR (factors only): KHR_materials_ior, _specular,
/// _transmission, _volume, _dispersion and _clearcoat. Defaults are the extensions' defaults,
/// which reproduce plain metallic-roughness.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Optics {
    /// Index of refraction of the dielectric part (KHR_materials_ior, default 1.5).
    pub ior: f32,
    /// Strength of the dielectric specular reflection (KHR_materials_specular, default 1).
    pub specular_factor: f32,
    /// Linear tint of the dielectric F0 (KHR_materials_specular, default white).
    pub specular_color: [f32; 3],
    /// Fraction of light transmitted through the surface (KHR_materials_transmission).
    pub transmission: f32,
    /// Thickness of the volume in mesh units (KHR_materials_volume; 0 = thin-walled).
    pub thickness: f32,
    /// Distance light travels before reaching `attenuation_color` (infinite = clear).
    pub attenuation_distance: f32,
    /// Linear colour white light becomes after `attenuation_distance`.
    pub attenuation_color: [f32; 3],
    /// KHR_materials_dispersion value (20 / Abbe number; 0 = none).
    pub dispersion: f32,
    /// Strength of a clear coat over the material (KHR_materials_clearcoat).
    pub clearcoat: f32,
    /// Perceptual roughness of the clear coat.
    pub clearcoat_roughness: f32,
}

impl Default for Optics {
    fn default() -> Self {
        Self {
            ior: 1.5,
            specular_factor: 1.0,
            specular_color: [1.0; 3],
            transmission: 0.0,
            thickness: 0.0,
            attenuation_distance: f32::INFINITY,
            attenuation_color: [1.0; 3],
            dispersion: 0.0,
            clearcoat: 0.0,
            clearcoat_roughness: 0.0,
        }
    }
}

impl Material {
    /// Whether a metal finish applies to this material: the slot convention marks metal parts
    /// as glTF metals (metallic factor at least 0.5), which every exporter writes.
    pub fn is_metal(&self) -> bool {
        self.metallic_factor >= 0.5
    }
}

impl Default for Material {
    /// The glTF default material (spec §3.9.6): white, fully metallic, fully rough.
    fn default() -> Self {
        Self {
            name: None,
            base_color_factor: [1.0; 4],
            base_color_texture: None,
            metallic_factor: 1.0,
            roughness_factor: 1.0,
            metallic_roughness_texture: None,
            normal_texture: None,
            normal_scale: 1.0,
            occlusion_texture: None,
            occlusion_strength: 1.0,
            emissive_texture: None,
            emissive_factor: [0.0; 3],
            alpha_mode: AlphaMode::Opaque,
            double_sided: false,
            optics: Optics::default(),
        }
    }
}

/// Texture wrap mode (glTF sampler `wrapS`/`wrapT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Wrap {
    /// REPEAT (the glTF default).
    #[default]
    Repeat,
    /// MIRRORED_REPEAT.
    MirroredRepeat,
    /// CLAMP_TO_EDGE.
    ClampToEdge,
}

/// Sampling state of a texture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sampler {
    /// Wrap along U.
    pub wrap_u: Wrap,
    /// Wrap along V.
    pub wrap_v: Wrap,
    /// Linear (true) or nearest magnification.
    pub mag_linear: bool,
    /// Linear (true) or nearest minification.
    pub min_linear: bool,
}

impl Default for Sampler {
    fn default() -> Self {
        Self { wrap_u: Wrap::Repeat, wrap_v: Wrap::Repeat, mag_linear: true, min_linear: true }
    }
}

/// A glTF texture: an image and how to sample it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Texture {
    /// Index into `PendantModel::images`.
    pub image: usize,
    /// Sampling state.
    pub sampler: Sampler,
}

/// A decoded image, 8-bit RGBA, rows top to bottom. Whether it is sRGB or linear depends on
/// which material slot uses it, so the GPU layer decides.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width * height * 4` bytes.
    pub rgba8: Vec<u8>,
}

/// Axis-aligned bounds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    /// Minimum corner.
    pub min: Vec3,
    /// Maximum corner.
    pub max: Vec3,
}

impl Default for Bounds {
    /// Empty bounds (min > max), which `include` grows from.
    fn default() -> Self {
        Self { min: Vec3::splat(f32::INFINITY), max: Vec3::splat(f32::NEG_INFINITY) }
    }
}

impl Bounds {
    /// Grows the bounds to contain `point`.
    pub fn include(&mut self, point: Vec3) {
        self.min = self.min.min(point);
        self.max = self.max.max(point);
    }

    /// Grows the bounds to contain `other` (an empty `other` changes nothing).
    pub fn include_bounds(&mut self, other: &Bounds) {
        if !other.is_empty() {
            self.include(other.min);
            self.include(other.max);
        }
    }

    /// Whether nothing was included.
    pub fn is_empty(&self) -> bool {
        self.min.x > self.max.x
    }

    /// Centre of the box.
    pub fn center(&self) -> Vec3 {
        (self.min + self.max) * 0.5
    }

    /// Radius of the sphere around `center()` that contains the box.
    pub fn radius(&self) -> f32 {
        (self.max - self.min).length() * 0.5
    }
}
