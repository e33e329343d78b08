//! The fuzz corpus replayed on stable Rust in `make test`: every input the fuzzers kept
//! (tests/fuzz/corpus/<target>/), every crash they found (tests/fuzz/regressions/<target>/) and
//! the hostile models (tests/hostile/) go through the same checks as the libFuzzer targets
//! (tests/fuzz/targets.rs). Long runs: `make fuzz` (scripts/fuzz.sh), figures in
//! docs/security.md.

#[path = "fuzz/targets.rs"]
mod targets;

use std::path::{Path, PathBuf};

fn inputs(target: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in [format!("tests/fuzz/corpus/{target}"), format!("tests/fuzz/regressions/{target}")] {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        files.extend(entries.map(|entry| entry.expect("entry").path()));
    }
    files.sort();
    files
}

fn replay(target: &str, run: impl Fn(&[u8])) -> usize {
    let files = inputs(target);
    for file in &files {
        let bytes = std::fs::read(file).expect("read");
        let started = std::time::Instant::now();
        run(&bytes);
        // A hang guard, not a timing budget: libFuzzer's own limit is 10 s.
        assert!(started.elapsed().as_secs() < 10, "{} took {:?}", file.display(), started.elapsed());
    }
    files.len()
}

#[test]
fn model_corpus_and_hostile_models() {
    let corpus = replay("model", targets::model);
    assert!(corpus >= 20, "the committed model corpus has {corpus} inputs");
    let mut hostile = 0;
    for entry in std::fs::read_dir("tests/hostile").expect("tests/hostile") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "gltf") {
            targets::model(&std::fs::read(&path).expect("read"));
            hostile += 1;
        }
    }
    assert!(hostile >= 16, "{hostile} hostile models");
}

#[test]
fn design_corpus() {
    let count = replay("design", targets::design);
    assert!(count >= 20, "the committed design corpus has {count} inputs");
}

#[test]
fn photo_corpus() {
    let count = replay("photo", targets::photo);
    assert!(count >= 10, "the committed photo corpus has {count} inputs");
}

#[test]
fn engraving_corpus() {
    let book = pendant_viewer::engraving::FontBook::from_dir(Path::new("www/fonts")).expect("www/fonts");
    let count = replay("engraving", |bytes| targets::engraving(bytes, &book));
    assert!(count >= 20, "the committed engraving corpus has {count} inputs");
}

#[test]
fn cutout_corpus() {
    let book = pendant_viewer::engraving::FontBook::from_dir(Path::new("www/fonts")).expect("www/fonts");
    let count = replay("cutout", |bytes| targets::cutout(bytes, &book));
    assert!(count >= 12, "the committed cut-out corpus has {count} inputs");
}
