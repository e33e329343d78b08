//! Strips the WGSL under `shaders/` of comments, indentation and blank lines into `OUT_DIR`, where
//! src/gpu/shaders.rs includes them: the comments are for readers of the repository, not bytes
//! every shopper downloads (about a third of the shader text). WGSL has no string literals, so
//! `//` always starts a comment; the sources use no block comments (tests/shaders.rs checks both
//! that none remain and that every stripped shader still validates).

use std::{env, fs, path::Path};

fn main() {
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out_dir).join("shaders");
    fs::create_dir_all(&out).expect("create OUT_DIR/shaders");
    println!("cargo:rerun-if-changed=shaders");
    for entry in fs::read_dir("shaders").expect("read shaders/") {
        let path = entry.expect("list shaders/").path();
        if path.extension().is_some_and(|ext| ext == "wgsl") {
            println!("cargo:rerun-if-changed={}", path.display());
            let source = fs::read_to_string(&path).expect("read a shader");
            let name = path.file_name().expect("a file name");
            fs::write(out.join(name), strip(&source)).expect("write a stripped shader");
        }
    }
}

fn strip(source: &str) -> String {
    let mut stripped = String::with_capacity(source.len());
    for line in source.lines() {
        let code = line.split_once("//").map_or(line, |(code, _comment)| code).trim();
        if !code.is_empty() {
            stripped.push_str(code);
            stripped.push('\n');
        }
    }
    stripped
}
