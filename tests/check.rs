//! `pendant-viewer check`: the shipped models pass; deliberately broken merchant models get
//! the message that says what to fix, and exit codes a script can use.

mod common;

use std::path::PathBuf;
use std::process::Command;

/// A 20 × 10 mm quad (metal) with a marked node: `mark` names a second quad of `size` metres
/// (with UVs when `uvs`), or, for a hinge, an empty node that parents it when `hinge_child`;
/// a mark written `empty <name>` is an empty node 1 mm in front of the quad.
fn fixture(mark: &str, size: f32, uvs: bool, hinge_child: bool) -> Vec<u8> {
    let h = size / 2.0;
    let positions: Vec<f32> = vec![-h, -h / 2.0, 0.0, h, -h / 2.0, 0.0, h, h / 2.0, 0.0, -h, h / 2.0, 0.0];
    let uv: Vec<f32> = vec![0.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0];
    let indices: Vec<u16> = vec![0, 1, 2, 0, 2, 3];
    let mut bin: Vec<u8> = positions.iter().flat_map(|v| v.to_le_bytes()).collect();
    bin.extend(uv.iter().flat_map(|v| v.to_le_bytes()));
    bin.extend(indices.iter().flat_map(|v| v.to_le_bytes()));
    let attributes = if uvs { r#"{"POSITION":0,"TEXCOORD_0":1}"# } else { r#"{"POSITION":0}"# };
    let marked = if let Some(name) = mark.strip_prefix("empty ") {
        format!(r#"{{"name":"{name}","translation":[0,0,0.001]}},{{"name":"lid","mesh":1}}"#)
    } else if mark.starts_with("hinge") {
        let children = if hinge_child { r#","children":[3]"# } else { "" };
        format!(r#"{{"name":"{mark}"{children}}},{{"name":"lid","mesh":1}}"#)
    } else {
        format!(r#"{{"name":"{mark}","mesh":1,"translation":[0,0,0.001]}}"#)
    };
    let json = format!(
        r#"{{"asset":{{"version":"2.0"}},"scene":0,"scenes":[{{"nodes":[0]}}],
        "nodes":[{{"name":"pendant","children":[1,2]}},{{"name":"body","mesh":0,"scale":[{s},{s},{s}]}},{marked}],
        "meshes":[{{"primitives":[{{"attributes":{{"POSITION":0}},"indices":2,"material":0}}]}},
                  {{"primitives":[{{"attributes":{attributes},"indices":2,"material":0}}]}}],
        "materials":[{{"pbrMetallicRoughness":{{"metallicFactor":1}}}}],
        "buffers":[{{"byteLength":{len}}}],
        "bufferViews":[{{"buffer":0,"byteOffset":0,"byteLength":48}},{{"buffer":0,"byteOffset":48,"byteLength":32}},{{"buffer":0,"byteOffset":80,"byteLength":12}}],
        "accessors":[{{"bufferView":0,"componentType":5126,"count":4,"type":"VEC3","min":[-{h},-{q},0],"max":[{h},{q},0]}},
                     {{"bufferView":1,"componentType":5126,"count":4,"type":"VEC2"}},
                     {{"bufferView":2,"componentType":5123,"count":6,"type":"SCALAR"}}]}}"#,
        s = 0.02 / size,
        q = h / 2.0,
        len = bin.len(),
    );
    common::glb(&json, &bin)
}

fn check(files: &[PathBuf]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_pendant-viewer")).arg("check").args(files).output().expect("runs");
    (output.status.code().unwrap_or(-1), String::from_utf8_lossy(&output.stdout).into_owned())
}

fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("check-fixtures");
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

#[test]
fn shipped_models_pass() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models");
    let mut models: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("models/")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "glb"))
        .collect();
    models.sort();
    assert_eq!(models.len(), 12);
    let (code, out) = check(&models);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("gem        'gem_round_3.5mm': 3.5 mm stone"), "{out}");
    assert!(out.contains("gem        'gem_round_6mm_prong': 6 mm stone in prongs"), "{out}");
    assert_eq!(out.matches("ok: follows the slot convention v3").count(), models.len(), "{out}");
}

#[test]
fn good_marks_are_listed() {
    let cases = [
        ("engrave_front_16x8mm", "engraving  'engrave_front_16x8mm': front, 16.0 × 8.0 mm"),
        ("empty engrave_back_12x6mm_round", "engraving  'engrave_back_12x6mm_round': back, 12.0 × 6.0 mm, round"),
        ("engrave_front", "engraving  'engrave_front': front, 20.0 × 10.0 mm"),
        ("photo_heart", "photo      'photo_heart': heart, 20.0 × 10.0 mm"),
        ("hinge_150deg", "hinge      'hinge_150deg': opens 150°"),
        ("gem_oval_5mm_4prong", "gem        'gem_oval_5mm_4prong': 5 mm stone in prongs"),
        ("gem_round_5mm_12prong", "12 prongs asked; 8 will be made (3–8 are possible)"),
    ];
    for (mark, listed) in cases {
        let path =
            write(&format!("{}.glb", mark.replace(' ', "-")), &fixture(mark, 0.02, mark.starts_with("photo"), true));
        let (code, out) = check(&[path]);
        assert_eq!(code, 0, "{mark}: {out}");
        assert!(out.contains(listed), "{mark}: {out}");
    }
}

#[test]
fn broken_marks_say_what_to_fix() {
    let cases = [
        (
            "photo_hexagon",
            fixture("photo_hexagon", 0.02, true, false),
            "mask 'hexagon' is unknown; expected circle, heart, oval, rect",
        ),
        ("photo_rect", fixture("photo_rect", 0.02, false, false), "'photo_rect' has no UVs (TEXCOORD_0)"),
        (
            "engrave_front_empty",
            fixture("empty engrave_front", 0.02, false, false),
            "'engrave_front' is an empty node without a size",
        ),
        ("engrave_curly", fixture("engrave_front_8x4mm_curly", 0.02, false, false), "'curly' is not understood"),
        ("engrave_sideways", fixture("engrave_sideways", 0.02, true, false), "side 'sideways' is unknown"),
        ("hinge", fixture("hinge", 0.02, true, false), "hinge 'hinge' has no child meshes"),
        ("gem_round_big", fixture("gem_round_big", 0.02, true, false), "'big' is neither a cut"),
        ("millimetres", fixture("engrave_back", 20.0, true, false), "glTF units are metres"),
    ];
    for (name, bytes, message) in cases {
        let path = write(&format!("{name}.glb"), &bytes);
        let (code, out) = check(&[path]);
        assert_eq!(code, 1, "{name}: {out}");
        assert!(out.contains(message), "{name}: expected '{message}' in:\n{out}");
    }
}

#[test]
fn stretched_uvs_warn_without_failing() {
    // A 20 × 10 mm area whose UVs are square: letters would be stretched 2:1.
    let path = write("stretched.glb", &fixture("photo_rect", 0.02, true, false));
    let (code, out) = check(&[path]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("the photo will be stretched"), "{out}");
}

#[test]
fn unreadable_files_and_bad_usage_exit_2() {
    let (code, out) = check(&[PathBuf::from("/nonexistent/model.glb")]);
    assert_eq!(code, 2);
    assert!(out.contains("cannot read the file"), "{out}");
    let path = write("not-a-model.glb", b"<html>404</html>");
    let (code, out) = check(&[path]);
    assert_eq!(code, 2);
    assert!(out.contains("[model-not-gltf]"), "{out}");
    let status = Command::new(env!("CARGO_BIN_EXE_pendant-viewer")).status().expect("runs");
    assert_eq!(status.code(), Some(2));
}

/// A large uncompressed file gets the slot-safe compression commands; a quantized one does not.
#[test]
fn large_uncompressed_files_are_told_how_to_compress() {
    use pendant_viewer::model::build::glb::{write_glb, Part, Scene};
    use pendant_viewer::model::build::mesh::{heart, puffy};
    // A puffy heart written with float vertex data, as a CAD export is.
    let scene =
        Scene { name: "heart", meshes: vec![Part::new("heart", puffy(&heart(20.0, 400), 5.0, 40))], slots: vec![] };
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let float = dir.join("float-heart.glb");
    std::fs::write(&float, write_glb(&scene, "test")).expect("write");
    let (_, report) = check(&[float]);
    assert!(report.contains("KB uncompressed; about a fifth once compressed"), "{report}");
    assert!(report.contains("gltfpack -i IN.glb -o OUT.glb -cc -kn -km -kv -vtf"), "{report}");
    let models = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models");
    let (_, small) = check(&[models.join("heart-puffy.glb")]);
    assert!(!small.contains("note:"), "{small}");
}
