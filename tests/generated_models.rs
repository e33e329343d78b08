//! The pendants built by `pendant-viewer generate` (src/bin/pendant-viewer/generate) are
//! committed in models/; each must be what its generator makes now, and follow the budgets.
//! The locket's hinge is checked in src/hinge.rs and by its golden (closed, half, open).

use std::process::Command;

use pendant_viewer::convention::{check_model, QUICK_FILE_BYTES, SMOOTH_TRIANGLES};
use pendant_viewer::engraving::slot::find_engraving_slots;
use pendant_viewer::model::gltf::{load_gltf, ExternalResources};

#[test]
fn committed_models_match_their_generator() {
    let output =
        Command::new(env!("CARGO_BIN_EXE_pendant-viewer")).args(["generate", "--check"]).output().expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    // Every model shipped in models/ comes from the generator.
    let shipped = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/models"))
        .expect("models/")
        .filter(|entry| entry.as_ref().is_ok_and(|e| e.path().extension().is_some_and(|x| x == "glb")))
        .count();
    assert_eq!(stdout.matches("matches its generator").count(), shipped, "{stdout}");
}

#[test]
fn a_changed_file_is_caught() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("generated-check");
    std::fs::create_dir_all(&dir).expect("dir");
    let models = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models");
    for entry in std::fs::read_dir(&models).expect("models") {
        let file = entry.expect("entry").file_name().into_string().expect("name");
        if !file.ends_with(".glb") {
            continue;
        }
        let mut bytes = std::fs::read(models.join(&file)).expect("model");
        if file == "bar-vertical.glb" {
            let last = bytes.len() - 8; // a vertex or index near the end of the binary chunk
            bytes[last] ^= 0x40;
        }
        std::fs::write(dir.join(&file), bytes).expect("write");
    }
    let output = Command::new(env!("CARGO_BIN_EXE_pendant-viewer"))
        .args(["generate", "--check"])
        .arg(&dir)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("bar-vertical.glb: differs"), "{stdout}");
    assert!(stdout.contains("bar-horizontal.glb: matches"), "{stdout}");
}

#[test]
fn bars_have_their_engraving_faces_and_fit_the_budgets() {
    let models = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models");
    for (file, sides, size_mm) in [
        ("bar-horizontal.glb", vec!["front", "back"], [44.1, 8.0]),
        ("bar-vertical.glb", vec!["front", "right", "back", "left"], [4.5, 38.8]),
        ("locket-round.glb", vec!["front", "back"], [22.6, 25.4]),
        ("locket-oval.glb", vec!["front", "back"], [18.7, 27.4]),
        ("locket-heart.glb", vec!["front", "back"], [22.6, 23.3]),
        ("photo-round.glb", vec!["back"], [25.0, 28.4]),
        ("charm-heart.glb", vec!["back"], [12.0, 14.3]),
    ] {
        let bytes = std::fs::read(models.join(file)).expect("model");
        let model = load_gltf(&bytes, &ExternalResources::new()).expect("loads");
        let found: Vec<String> = find_engraving_slots(&model).into_iter().map(|s| s.side).collect();
        assert_eq!(found, sides, "{file}");
        let report = check_model(&model, bytes.len());
        assert!(!report.has_errors(), "{file}: {:?}", report.findings);
        assert!(report.findings.is_empty(), "{file}: {:?}", report.findings);
        assert!(report.triangles <= SMOOTH_TRIANGLES && bytes.len() <= QUICK_FILE_BYTES);
        assert!(
            (report.size_mm.x - size_mm[0]).abs() < 0.2 && (report.size_mm.y - size_mm[1]).abs() < 0.2,
            "{file}: {}",
            report.size_mm
        );
    }
}
