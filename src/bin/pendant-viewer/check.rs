//! `check`: merchant models against the slot convention (models/README.md): what the viewer
//! will use and what to fix.

use std::path::Path;

use pendant_viewer::convention::{check_model, Severity, Slot, CONVENTION_VERSION};
use pendant_viewer::model::gltf::budget::LoadBudget;
use pendant_viewer::model::gltf::{external_uris, load_gltf, ExternalResources};

/// A glTF URI as a path below the model's folder (`None`: a scheme, an absolute path, `..`,
/// a query, or percent-escapes this checker does not decode).
fn local_path(uri: &str) -> Option<&Path> {
    let plain = !uri.is_empty() && !uri.contains([':', '?', '#', '%', '\\']) && !uri.starts_with('/');
    let path = Path::new(uri);
    let inside = path.components().all(|c| matches!(c, std::path::Component::Normal(_)));
    (plain && inside).then_some(path)
}

/// Checks one file and returns its exit code.
pub fn check_file(path: &Path) -> u8 {
    let name = path.display();
    let budget = LoadBudget::default();
    if let Ok(metadata) = std::fs::metadata(path) {
        if metadata.len() > budget.file_bytes {
            println!(
                "{name}: cannot load: the file is {} bytes (at most {}) [model-too-complex]",
                metadata.len(),
                budget.file_bytes
            );
            return 2;
        }
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            println!("{name}: cannot read the file: {error}");
            return 2;
        }
    };
    let mut external = ExternalResources::new();
    for uri in external_uris(&bytes, &budget).unwrap_or_default() {
        // Missing files are left out: the loader then names them in its error. Only files
        // beside the model or below it: a URI with a scheme, an absolute path or `..` never
        // reads elsewhere on this machine.
        let Some(relative) = local_path(&uri) else { continue };
        let file = path.parent().unwrap_or(Path::new(".")).join(relative);
        if std::fs::metadata(&file).is_ok_and(|m| m.len() <= budget.file_bytes) {
            if let Ok(data) = std::fs::read(file) {
                external.insert(uri, data);
            }
        }
    }
    let model = match load_gltf(&bytes, &external) {
        Ok(model) => model,
        Err(error) => {
            println!("{name}: cannot load: {error} [{}]", error.code());
            return 2;
        }
    };
    let report = check_model(&model, bytes.len());
    let [w, h, d] = report.size_mm.to_array();
    println!("{name}: {w:.1} × {h:.1} × {d:.1} mm, {} triangles, {} bytes", report.triangles, bytes.len());
    for slot in &report.slots {
        println!("  slot  {}", describe(slot));
    }
    for finding in &report.findings {
        let label = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        println!("  {label}: {}", finding.message);
    }
    if let Some(advice) = compression_advice(&bytes, &budget) {
        println!("  note: {advice}");
    }
    if report.has_errors() {
        1
    } else {
        println!("  ok: follows the slot convention v{CONVENTION_VERSION}");
        0
    }
}

/// Over this, a file that is not compressed is larger than it needs to be: our own pendants
/// are 15–60 KB once quantized and meshopt-compressed (docs/models.md).
const COMPRESS_ABOVE_BYTES: usize = 100_000;

/// How to make a large uncompressed file smaller with the tools merchants use, keeping what
/// the slot convention needs (node names, materials, UVs); `None` when it is small or
/// already compressed.
fn compression_advice(bytes: &[u8], budget: &LoadBudget) -> Option<String> {
    let document = pendant_viewer::model::gltf::document::parse(bytes, budget).ok()?.document;
    let compressed =
        document.extensions_used.iter().any(|e| e == "EXT_meshopt_compression" || e == "KHR_mesh_quantization");
    (!compressed && bytes.len() > COMPRESS_ABOVE_BYTES).then(|| {
        format!(
            "{} KB uncompressed; about a fifth once compressed, slots kept: \
             `gltfpack -i IN.glb -o OUT.glb -cc -kn -km -kv -vtf` or \
             `gltf-transform optimize IN.glb OUT.glb --compress meshopt --prune false --simplify false --join false --flatten false`",
            bytes.len() / 1000
        )
    })
}

fn describe(slot: &Slot) -> String {
    match slot {
        Slot::Gem { node, size_mm, prongs } => {
            format!("gem        '{node}': {size_mm} mm stone{}", if *prongs { " in prongs" } else { "" })
        }
        Slot::Engraving { node, side, size_mm, round } => {
            let shape = if *round { ", round" } else { "" };
            format!("engraving  '{node}': {side}, {:.1} × {:.1} mm{shape}", size_mm.x, size_mm.y)
        }
        Slot::Photo { node, mask, size_mm } => {
            format!("photo      '{node}': {mask}, {:.1} × {:.1} mm", size_mm.x, size_mm.y)
        }
        Slot::Hinge { node, open_deg } => format!("hinge      '{node}': opens {open_deg}°"),
    }
}
