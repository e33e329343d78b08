//! Any bytes as a .glb or .gltf: a typed error or a model, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pendant_viewer::gltf_loader::{external_uris, load_gltf, ExternalResources};

fuzz_target!(|bytes: &[u8]| {
    let _ = external_uris(bytes, &pendant_viewer::load_budget::LoadBudget::default());
    if let Ok(model) = load_gltf(bytes, &ExternalResources::default()) {
        // What the viewer does next with a loaded model must hold too.
        let _ = pendant_viewer::convention::check_model(&model, bytes.len());
    }
});
