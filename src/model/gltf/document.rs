//! The glTF 2.0 container (GLB) and JSON → the typed parts the loader reads, every index
//! checked against the list it points into, so the loader can index without panicking.
//!
//! Pure. Built on `serde_json::Value`, which the design document already pays for in the wasm:
//! typed serde parsing of the whole glTF schema cost about a quarter of the viewer's code.
//! Materials stay JSON (`Value`) and are read field by field; the texture indices in them are
//! checked here like every other index.

use glam::{Mat4, Quat, Vec3};

use serde_json::Value;

use super::error::{malformed, ModelError};
use super::json::{index, indices, numbers, objects, required_index, size, string, Object};

use super::budget::LoadBudget;
use super::draco::{self, DracoPrimitive};
use super::meshopt::{self, Compressed};

use super::glb::{split_glb, GLB_MAGIC};

/// A parsed glTF: the checked document and the GLB's BIN chunk, if any.
#[derive(Debug)]
pub struct Gltf {
    /// The document.
    pub document: Document,
    /// The GLB BIN chunk (buffer 0 when its `uri` is absent).
    pub blob: Option<Vec<u8>>,
}

/// The parts of a glTF document this viewer reads.
#[derive(Debug, Default)]
pub struct Document {
    /// `extensionsRequired`.
    pub extensions_required: Vec<String>,
    /// `buffers`.
    pub buffers: Vec<Buffer>,
    /// `bufferViews`.
    pub views: Vec<View>,
    /// `accessors`.
    pub accessors: Vec<Accessor>,
    /// `meshes`.
    pub meshes: Vec<Mesh>,
    /// `materials`, JSON objects (texture indices checked).
    pub materials: Vec<Value>,
    /// `textures`.
    pub textures: Vec<Texture>,
    /// `samplers`.
    pub samplers: Vec<SamplerDef>,
    /// `images`.
    pub images: Vec<ImageDef>,
    /// `nodes`.
    pub nodes: Vec<Node>,
    /// `scenes`, each its root node indices.
    pub scenes: Vec<Vec<usize>>,
    /// `scene`.
    pub scene: Option<usize>,
    /// `KHR_materials_variants`: the variants' names, by index.
    pub variants: Vec<String>,
    /// `extensionsUsed`.
    pub extensions_used: Vec<String>,
    /// What the file carries that is not drawn (animations, skins, cameras, other scenes), in
    /// words, for the model's warnings.
    pub not_drawn: Vec<String>,
}

/// A buffer: the GLB BIN chunk (no `uri`), a data URI, an external file, or a meshopt
/// fallback (no bytes of its own: its views are decoded into it).
#[derive(Debug)]
pub struct Buffer {
    /// `uri`, absent for the BIN chunk and a fallback.
    pub uri: Option<String>,
    /// `byteLength`.
    pub length: usize,
    /// An `EXT_meshopt_compression` fallback buffer.
    pub fallback: bool,
}

/// A buffer view.
#[derive(Debug, Clone, Copy)]
pub struct View {
    /// Buffer index (checked).
    pub buffer: usize,
    /// `byteOffset`.
    pub offset: usize,
    /// `byteLength`.
    pub length: usize,
    /// `byteStride`.
    pub stride: Option<usize>,
    /// `EXT_meshopt_compression`: its bytes are decoded from elsewhere.
    pub compressed: Option<Compressed>,
}

/// An accessor's component type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Component {
    /// BYTE
    I8,
    /// UNSIGNED_BYTE
    U8,
    /// SHORT
    I16,
    /// UNSIGNED_SHORT
    U16,
    /// UNSIGNED_INT
    U32,
    /// FLOAT
    F32,
}

impl Component {
    fn from_code(code: u64) -> Option<Self> {
        Some(match code {
            5120 => Self::I8,
            5121 => Self::U8,
            5122 => Self::I16,
            5123 => Self::U16,
            5125 => Self::U32,
            5126 => Self::F32,
            _ => return None,
        })
    }

    /// Bytes per component.
    pub fn size(self) -> usize {
        match self {
            Self::I8 | Self::U8 => 1,
            Self::I16 | Self::U16 => 2,
            Self::U32 | Self::F32 => 4,
        }
    }

    /// Reads one component at `at` (in bounds: the loader checks every accessor first).
    pub(super) fn read(self, data: &[u8], at: usize, normalized: bool) -> f32 {
        let le2 = || [data[at], data[at + 1]];
        let le4 = || [data[at], data[at + 1], data[at + 2], data[at + 3]];
        match (self, normalized) {
            (Self::F32, _) => f32::from_le_bytes(le4()),
            (Self::U8, true) => data[at] as f32 / 255.0,
            (Self::U16, true) => u16::from_le_bytes(le2()) as f32 / 65535.0,
            (Self::I8, true) => (data[at] as i8 as f32 / 127.0).max(-1.0),
            (Self::I16, true) => (i16::from_le_bytes(le2()) as f32 / 32767.0).max(-1.0),
            (Self::U8, false) => data[at] as f32,
            (Self::U16, false) => u16::from_le_bytes(le2()) as f32,
            (Self::I8, false) => data[at] as i8 as f32,
            (Self::I16, false) => i16::from_le_bytes(le2()) as f32,
            (Self::U32, _) => u32::from_le_bytes(le4()) as f32,
        }
    }

    /// What a normalized integer of this type divides by (1 for floats and u32).
    pub fn normalized_max(self) -> f32 {
        match self {
            Self::I8 => 127.0,
            Self::U8 => 255.0,
            Self::I16 => 32767.0,
            Self::U16 => 65535.0,
            Self::U32 | Self::F32 => 1.0,
        }
    }

    /// Reads one unsigned integer component at `at` (indices; in bounds).
    pub fn read_index(self, data: &[u8], at: usize) -> u32 {
        match self {
            Self::U8 | Self::I8 => data[at] as u32,
            Self::U16 | Self::I16 => u16::from_le_bytes([data[at], data[at + 1]]) as u32,
            Self::U32 | Self::F32 => u32::from_le_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]]),
        }
    }
}

/// An accessor.
#[derive(Debug)]
pub struct Accessor {
    /// Buffer view index (checked), absent for all-zero (sparse) data.
    pub view: Option<usize>,
    /// `byteOffset` within the view.
    pub offset: usize,
    /// `componentType`.
    pub component: Component,
    /// `normalized`.
    pub normalized: bool,
    /// `count`.
    pub count: usize,
    /// `type` as written (SCALAR, VEC2, …).
    pub kind: String,
    /// Components per element (1, 2, 3, 4, 9 or 16).
    pub components: usize,
    /// `sparse`.
    pub sparse: Option<Sparse>,
}

impl Accessor {
    /// Bytes per element (tightly packed).
    pub fn element_size(&self) -> usize {
        self.components * self.component.size()
    }
}

/// An accessor's sparse substitution.
#[derive(Debug)]
pub struct Sparse {
    /// How many elements are replaced.
    pub count: usize,
    /// The indices' view (checked), offset and component type.
    pub indices: (usize, usize, Component),
    /// The values' view (checked) and offset.
    pub values: (usize, usize),
}

/// A mesh.
#[derive(Debug)]
pub struct Mesh {
    /// `name`.
    pub name: Option<String>,
    /// `primitives`.
    pub primitives: Vec<Primitive>,
}

/// A primitive: attribute accessors by semantic (checked), indices, material and mode.
#[derive(Debug)]
pub struct Primitive {
    /// `attributes`.
    pub attributes: Vec<(String, usize)>,
    /// `indices`.
    pub indices: Option<usize>,
    /// `material`.
    pub material: Option<usize>,
    /// `mode` (4, triangles, by default).
    pub mode: u64,
    /// Morph targets (not applied: the base shape is drawn).
    pub targets: usize,
    /// `KHR_materials_variants` mappings: (variant, material), both checked.
    pub variant_materials: Vec<(usize, usize)>,
    /// `KHR_draco_mesh_compression`: its indices and attributes are one Draco stream.
    pub draco: Option<DracoPrimitive>,
}

impl Primitive {
    /// The accessor of an attribute such as "POSITION" or "TEXCOORD_0".
    pub fn attribute(&self, semantic: &str) -> Option<usize> {
        self.attributes.iter().find(|(name, _)| name == semantic).map(|&(_, accessor)| accessor)
    }
}

/// A texture: an image (checked) and an optional sampler (checked).
#[derive(Debug)]
pub struct Texture {
    /// `source`.
    pub source: usize,
    /// `sampler`.
    pub sampler: Option<usize>,
}

/// A sampler's GL enums as written.
#[derive(Debug, Default)]
pub struct SamplerDef {
    /// `magFilter`.
    pub mag_filter: Option<u64>,
    /// `minFilter`.
    pub min_filter: Option<u64>,
    /// `wrapS`.
    pub wrap_s: Option<u64>,
    /// `wrapT`.
    pub wrap_t: Option<u64>,
}

/// Where an image's bytes are.
#[derive(Debug)]
pub enum ImageSource {
    /// A data URI or an external file.
    Uri(String),
    /// A buffer view (checked).
    View(usize),
}

/// An image.
#[derive(Debug)]
pub struct ImageDef {
    /// Its bytes' source.
    pub source: ImageSource,
    /// `mimeType`.
    pub mime_type: Option<String>,
}

/// A node.
#[derive(Debug)]
pub struct Node {
    /// `name`.
    pub name: Option<String>,
    /// `children` (checked).
    pub children: Vec<usize>,
    /// `mesh` (checked).
    pub mesh: Option<usize>,
    /// `matrix`, or translation × rotation × scale.
    pub transform: Mat4,
}

/// Parses a .glb or .gltf (JSON) file and checks every index in it; the JSON's shape is
/// checked against `budget` before it is parsed.
pub fn parse(bytes: &[u8], budget: &LoadBudget) -> Result<Gltf, ModelError> {
    let (json, blob) = if bytes.starts_with(GLB_MAGIC) { split_glb(bytes)? } else { (bytes, None) };
    budget.check_json(json)?;
    let root: Value = serde_json::from_slice(json).map_err(|e| malformed(format!("JSON: {e}")))?;
    let root = root.as_object().ok_or_else(|| malformed("the JSON is not an object".into()))?;
    let document = read_document(root)?;
    Ok(Gltf { document, blob: blob.map(<[u8]>::to_vec) })
}

/// Reads the typed parts out of the root object, with JSON paths in every error.
fn read_document(root: &Object) -> Result<Document, ModelError> {
    let version = root
        .get("asset")
        .and_then(|a| a.get("version"))
        .and_then(Value::as_str)
        .ok_or_else(|| malformed("asset.version is missing".into()))?;
    if !version.starts_with("2.") {
        return Err(malformed(format!("asset.version is {version}, not 2.x")));
    }
    let names = |key: &str| match root.get(key) {
        None => Ok(Vec::new()),
        Some(value) => value
            .as_array()
            .and_then(|a| a.iter().map(|e| e.as_str().map(str::to_string)).collect())
            .ok_or_else(|| malformed(format!("{key} is not a list of names"))),
    };
    let mut document = Document {
        extensions_required: names("extensionsRequired")?,
        extensions_used: names("extensionsUsed")?,
        ..Document::default()
    };
    let variants = root.get("extensions").and_then(|e| e.get("KHR_materials_variants"));
    for (i, variant) in variants
        .and_then(Value::as_object)
        .map_or(Ok(Vec::new()), |v| objects(v, "variants", ""))?
        .into_iter()
        .enumerate()
    {
        document.variants.push(string(variant, "name").unwrap_or_else(|| format!("variant {i}")));
    }
    for (key, what) in [
        ("animations", "animations are not played"),
        ("skins", "skins are not applied"),
        ("cameras", "cameras are not used"),
    ] {
        let count = root.get(key).and_then(Value::as_array).map_or(0, Vec::len);
        if count > 0 {
            document.not_drawn.push(format!("{count} {what}: the static pose is drawn from the viewer's own camera"));
        }
    }
    for (i, buffer) in objects(root, "buffers", "")?.into_iter().enumerate() {
        let path = format!("buffers[{i}]");
        let length =
            size(buffer, "byteLength", &path)?.ok_or_else(|| malformed(format!("{path} has no byteLength")))?;
        let fallback = meshopt::is_fallback(buffer);
        document.buffers.push(Buffer { uri: string(buffer, "uri").filter(|_| !fallback), length, fallback });
    }
    for (i, view) in objects(root, "bufferViews", "")?.into_iter().enumerate() {
        let path = format!("bufferViews[{i}]");
        document.views.push(View {
            buffer: required_index(view, "buffer", &path, "buffer", document.buffers.len())?,
            offset: size(view, "byteOffset", &path)?.unwrap_or(0),
            length: size(view, "byteLength", &path)?.ok_or_else(|| malformed(format!("{path} has no byteLength")))?,
            stride: size(view, "byteStride", &path)?,
            compressed: meshopt::read_view(view, &path, document.buffers.len())?,
        });
    }
    for (i, accessor) in objects(root, "accessors", "")?.into_iter().enumerate() {
        document.accessors.push(read_accessor(accessor, &format!("accessors[{i}]"), document.views.len())?);
    }
    for (i, image) in objects(root, "images", "")?.into_iter().enumerate() {
        let path = format!("images[{i}]");
        let view = index(image, "bufferView", &path, "buffer view", document.views.len())?;
        let mime_type = string(image, "mimeType");
        let source = match (string(image, "uri"), view, &mime_type) {
            (_, Some(_), None) => return Err(malformed(format!("{path} is in a buffer view but has no mimeType"))),
            (_, Some(view), Some(_)) => ImageSource::View(view),
            (Some(uri), None, _) => ImageSource::Uri(uri),
            (None, None, _) => return Err(malformed(format!("{path} has neither a uri nor a bufferView"))),
        };
        document.images.push(ImageDef { source, mime_type });
    }
    for (i, sampler) in objects(root, "samplers", "")?.into_iter().enumerate() {
        let path = format!("samplers[{i}]");
        let code = |key| size(sampler, key, &path).map(|v| v.map(|v| v as u64));
        document.samplers.push(SamplerDef {
            mag_filter: code("magFilter")?,
            min_filter: code("minFilter")?,
            wrap_s: code("wrapS")?,
            wrap_t: code("wrapT")?,
        });
    }
    for (i, texture) in objects(root, "textures", "")?.into_iter().enumerate() {
        let path = format!("textures[{i}]");
        document.textures.push(Texture {
            source: texture_source(texture, &path, document.images.len())?,
            sampler: index(texture, "sampler", &path, "sampler", document.samplers.len())?,
        });
    }
    for (i, material) in objects(root, "materials", "")?.into_iter().enumerate() {
        check_texture_indices(material, &format!("materials[{i}]"), document.textures.len())?;
        document.materials.push(Value::Object(material.clone()));
    }
    for (m, mesh) in objects(root, "meshes", "")?.into_iter().enumerate() {
        let mut primitives = Vec::new();
        for (p, primitive) in objects(mesh, "primitives", &format!("meshes[{m}]."))?.into_iter().enumerate() {
            primitives.push(read_primitive(primitive, &format!("meshes[{m}].primitives[{p}]"), &document)?);
        }
        document.meshes.push(Mesh { name: string(mesh, "name"), primitives });
    }
    let nodes = objects(root, "nodes", "")?;
    for (i, node) in nodes.iter().enumerate() {
        let path = format!("nodes[{i}]");
        document.nodes.push(Node {
            name: string(node, "name"),
            children: indices(node, "children", &path, "node", nodes.len())?,
            mesh: index(node, "mesh", &path, "mesh", document.meshes.len())?,
            transform: node_transform(node, &path)?,
        });
    }
    for (i, scene) in objects(root, "scenes", "")?.into_iter().enumerate() {
        document.scenes.push(indices(scene, "nodes", &format!("scenes[{i}]"), "node", nodes.len())?);
    }
    document.scene = index(root, "scene", "", "scene", document.scenes.len())?;
    if document.scenes.len() > 1 {
        let drawn = document.scene.unwrap_or(0);
        document
            .not_drawn
            .push(format!("the file has {} scenes: scene {drawn} (the default) is drawn", document.scenes.len()));
    }
    Ok(document)
}

/// A texture's image: `EXT_texture_webp`'s where there is one (both the browser and the native
/// build decode WebP), else the core `source`. `KHR_texture_basisu` (KTX2) is not read: a
/// texture with no other source is refused naming it (see docs/models.md for why).
fn texture_source(texture: &Object, path: &str, images: usize) -> Result<usize, ModelError> {
    let extension = |name: &str| texture.get("extensions").and_then(|e| e.get(name)).and_then(Value::as_object);
    if let Some(webp) = extension("EXT_texture_webp") {
        return required_index(webp, "source", &format!("{path}.extensions.EXT_texture_webp"), "image", images);
    }
    match index(texture, "source", path, "image", images)? {
        Some(source) => Ok(source),
        None if extension("KHR_texture_basisu").is_some() => {
            Err(ModelError::UnsupportedExtension("KHR_texture_basisu".into()))
        }
        None => Err(malformed(format!("{path} has no source"))),
    }
}

fn read_accessor(accessor: &Object, path: &str, views: usize) -> Result<Accessor, ModelError> {
    let component_code = size(accessor, "componentType", path)?.unwrap_or(0) as u64;
    let component = Component::from_code(component_code)
        .ok_or_else(|| malformed(format!("{path}.componentType {component_code} is not a glTF component type")))?;
    let kind = string(accessor, "type").unwrap_or_default();
    let components = match kind.as_str() {
        "SCALAR" => 1,
        "VEC2" => 2,
        "VEC3" => 3,
        "VEC4" | "MAT2" => 4,
        "MAT3" => 9,
        "MAT4" => 16,
        _ => return Err(malformed(format!("{path}.type '{kind}' is not a glTF accessor type"))),
    };
    let sparse = match accessor.get("sparse") {
        None => None,
        Some(sparse) => {
            let sparse = sparse.as_object().ok_or_else(|| malformed(format!("{path}.sparse is not an object")))?;
            let part = |key: &str| {
                sparse
                    .get(key)
                    .and_then(Value::as_object)
                    .ok_or_else(|| malformed(format!("{path}.sparse has no {key}")))
            };
            let (indices, values) = (part("indices")?, part("values")?);
            let (indices_path, values_path) = (format!("{path}.sparse.indices"), format!("{path}.sparse.values"));
            let index_code = size(indices, "componentType", &indices_path)?.unwrap_or(0) as u64;
            let index_component = Component::from_code(index_code)
                .filter(|c| matches!(c, Component::U8 | Component::U16 | Component::U32))
                .ok_or_else(|| {
                    malformed(format!("{path}.sparse.indices.componentType {index_code} is not unsigned"))
                })?;
            Some(Sparse {
                count: size(sparse, "count", &format!("{path}.sparse"))?.unwrap_or(0),
                indices: (
                    required_index(indices, "bufferView", &indices_path, "buffer view", views)?,
                    size(indices, "byteOffset", &indices_path)?.unwrap_or(0),
                    index_component,
                ),
                values: (
                    required_index(values, "bufferView", &values_path, "buffer view", views)?,
                    size(values, "byteOffset", &values_path)?.unwrap_or(0),
                ),
            })
        }
    };
    Ok(Accessor {
        view: index(accessor, "bufferView", path, "buffer view", views)?,
        offset: size(accessor, "byteOffset", path)?.unwrap_or(0),
        component,
        normalized: accessor.get("normalized").and_then(Value::as_bool).unwrap_or(false),
        count: size(accessor, "count", path)?.ok_or_else(|| malformed(format!("{path} has no count")))?,
        kind,
        components,
        sparse,
    })
}

fn read_primitive(primitive: &Object, path: &str, document: &Document) -> Result<Primitive, ModelError> {
    let accessors = document.accessors.len();
    let attributes = primitive
        .get("attributes")
        .and_then(Value::as_object)
        .ok_or_else(|| malformed(format!("{path} has no attributes")))?;
    let mut checked = Vec::new();
    for name in attributes.keys() {
        let accessor = required_index(attributes, name, &format!("{path}.attributes"), "accessor", accessors)?;
        checked.push((name.clone(), accessor));
    }
    let mut variant_materials = Vec::new();
    let variants = primitive.get("extensions").and_then(|e| e.get("KHR_materials_variants")).and_then(Value::as_object);
    let mappings_path = format!("{path}.extensions.KHR_materials_variants");
    for (m, mapping) in variants
        .map_or(Ok(Vec::new()), |v| objects(v, "mappings", &format!("{mappings_path}.")))?
        .into_iter()
        .enumerate()
    {
        let here = format!("{mappings_path}.mappings[{m}]");
        let material = required_index(mapping, "material", &here, "material", document.materials.len())?;
        for variant in indices(mapping, "variants", &here, "variant", document.variants.len())? {
            variant_materials.push((variant, material));
        }
    }
    Ok(Primitive {
        attributes: checked,
        indices: index(primitive, "indices", path, "accessor", accessors)?,
        material: index(primitive, "material", path, "material", document.materials.len())?,
        mode: size(primitive, "mode", path)?.map_or(4, |m| m as u64),
        targets: primitive.get("targets").and_then(Value::as_array).map_or(0, Vec::len),
        variant_materials,
        draco: draco::read_primitive(primitive, path, document.views.len())?,
    })
}

/// The texture references the viewer reads (the core material's; those inside extensions are
/// not read, and only warned about by the loader).
fn check_texture_indices(material: &Object, path: &str, textures: usize) -> Result<(), ModelError> {
    let pbr = material.get("pbrMetallicRoughness").and_then(Value::as_object);
    let references = [
        (pbr, "baseColorTexture", "pbrMetallicRoughness."),
        (pbr, "metallicRoughnessTexture", "pbrMetallicRoughness."),
        (Some(material), "normalTexture", ""),
        (Some(material), "occlusionTexture", ""),
        (Some(material), "emissiveTexture", ""),
    ];
    for (parent, key, prefix) in references {
        let Some(reference) = parent.and_then(|p| p.get(key)) else { continue };
        let here = format!("{path}.{prefix}{key}");
        let reference = reference.as_object().ok_or_else(|| malformed(format!("{here} is not an object")))?;
        required_index(reference, "index", &here, "texture", textures)?;
    }
    Ok(())
}

fn node_transform(node: &Object, path: &str) -> Result<Mat4, ModelError> {
    if let Some(matrix) = numbers::<16>(node, "matrix", path)? {
        return Ok(Mat4::from_cols_array(&matrix));
    }
    let translation = numbers::<3>(node, "translation", path)?.map_or(Vec3::ZERO, Vec3::from);
    let rotation = numbers::<4>(node, "rotation", path)?
        .map(Quat::from_array)
        .filter(|q| q.is_finite() && q.length_squared() > 1e-12)
        .map_or(Quat::IDENTITY, Quat::normalize);
    let scale = numbers::<3>(node, "scale", path)?.map_or(Vec3::ONE, Vec3::from);
    Ok(Mat4::from_scale_rotation_translation(scale, rotation, translation))
}
