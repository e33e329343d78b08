//! Native tools for merchants and production:
//! - `pendant-viewer check <model.glb|model.gltf>...`: the slot convention checker;
//! - `pendant-viewer engrave --text "Emma" [options]`: an engraving's production spec (JSON on
//!   stdout) and its outlines in millimetres (`--svg`) or height field (`--png`);
//! - `pendant-viewer cut DESIGN.json OUT`: a cut-out pendant's SVG, spec and model;
//! - `pendant-viewer proof DESIGN.json OUT.pdf [--root DIR] [--link URL]`: the proof a shopper
//!   approves (docs/proof.md);
//! - `pendant-viewer generate [--check] [DIR]`: writes the generated pendants into models/
//!   (or checks the committed ones against their generator).
//!
//! Exit codes: 0 fine (warnings allowed), 1 a model breaks the convention or the engraving
//! cannot be made, 2 a file could not be read or loaded, or the command line is wrong.

mod check;
mod cut;
mod engrave;
mod generate;
mod proof;

use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "usage: pendant-viewer check <model.glb|model.gltf>...
       pendant-viewer engrave --text TEXT [--font script|block|serif|mono] [--align left|center|right]
                              [--path straight|arc] [--area WxHmm] [--round] [--letter-mm MM] [--spacing EM]
                              [--fonts DIR] [--svg OUT.svg] [--png OUT.png]
       pendant-viewer cut DESIGN.json OUT [--fonts DIR]   (writes OUT.svg, OUT.json, OUT.glb)
       pendant-viewer proof DESIGN.json OUT.pdf [--root DIR] [--link URL]
       pendant-viewer generate [--check] [DIR]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.split_first() {
        Some((command, files)) if command == "check" && !files.is_empty() => {
            files.iter().map(|file| check::check_file(Path::new(file))).max().unwrap_or(0)
        }
        Some((command, options)) if command == "engrave" => engrave::run(options).unwrap_or_else(|usage_error| {
            eprintln!("{usage_error}\n{USAGE}");
            2
        }),
        Some((command, options)) if command == "cut" => cut::run(options).unwrap_or_else(|usage_error| {
            eprintln!("{usage_error}\n{USAGE}");
            2
        }),
        Some((command, options)) if command == "proof" => proof::run(options).unwrap_or_else(|usage_error| {
            eprintln!("{usage_error}\n{USAGE}");
            2
        }),
        Some((command, options)) if command == "generate" => generate::run(options).unwrap_or_else(|usage_error| {
            eprintln!("{usage_error}\n{USAGE}");
            2
        }),
        _ => {
            eprintln!("{USAGE}");
            2
        }
    };
    ExitCode::from(code)
}
