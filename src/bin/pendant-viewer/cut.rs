//! `cut`: makes the pendant a design document's `shape` describes, exactly as the viewer does,
//! and writes what production needs: `<out>.svg` (the cutting outline in millimetres),
//! `<out>.json` (the spec: sizes, area, volume, weights, warnings) and `<out>.glb` (the model).

use std::path::PathBuf;

use pendant_viewer::cutout::make;
use pendant_viewer::design::Design;
use pendant_viewer::engraving::FontBook;

/// Runs the command; `Err` is a command-line mistake (exit 2).
pub fn run(options: &[String]) -> Result<u8, String> {
    let [design, out, rest @ ..] = options else { return Err("cut needs DESIGN.json and OUT".into()) };
    let fonts = match rest {
        [flag, dir] if flag == "--fonts" => PathBuf::from(dir),
        [] => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/www/fonts")),
        _ => return Err(format!("unexpected {rest:?}")),
    };
    let text = std::fs::read_to_string(design).map_err(|e| format!("{design}: {e}"))?;
    let design = match Design::from_json(&text) {
        Ok(design) => design,
        Err(error) => {
            eprintln!("{error} ({})", error.code());
            return Ok(1);
        }
    };
    let Some(shape) = design.shape else {
        eprintln!("the design has no shape: nothing to cut");
        return Ok(1);
    };
    let book = FontBook::from_dir(&fonts).map_err(|e| format!("{}: {e}", fonts.display()))?;
    let cutout = match make(&shape, &book) {
        Ok(cutout) => cutout,
        Err(error) => {
            eprintln!("{error} ({})", error.code());
            return Ok(1);
        }
    };
    for (extension, bytes) in [
        ("svg", cutout.svg.as_bytes().to_vec()),
        ("json", serde_json::to_vec_pretty(&cutout.spec.json).unwrap_or_default()),
        ("glb", cutout.glb),
    ] {
        let path = format!("{out}.{extension}");
        std::fs::write(&path, bytes).map_err(|e| format!("{path}: {e}"))?;
    }
    for warning in &cutout.spec.warnings {
        eprintln!("warning: {warning}");
    }
    println!("{}", serde_json::to_string_pretty(&cutout.spec.json).unwrap_or_default());
    Ok(0)
}
