//! `proof`: a design's proof as the page makes it (one A4 PDF: stills, the outline at true
//! size, the engravings as cut, options, weight, warnings, the link as a QR code).

use std::path::PathBuf;

use pendant_viewer::engraving::FontBook;
use pendant_viewer::gpu::{GpuContext, Renderer, OFFSCREEN_FORMAT};
use pendant_viewer::native::design_proof;

/// Runs the command; `Err` is a command-line mistake (exit 2).
pub fn run(options: &[String]) -> Result<u8, String> {
    let [design, out, rest @ ..] = options else { return Err("proof needs DESIGN.json and OUT.pdf".into()) };
    let (mut root, mut link) = (PathBuf::from("www"), String::new());
    let mut args = rest.iter();
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--root" => root = PathBuf::from(value),
            "--link" => link = value.clone(),
            other => return Err(format!("unknown option {other}")),
        }
    }
    let text = std::fs::read_to_string(design).map_err(|e| format!("{design}: {e}"))?;
    let fonts = FontBook::from_dir(&root.join("fonts")).map_err(|e| format!("fonts under {}: {e}", root.display()))?;
    let Ok(context) = GpuContext::offscreen() else {
        eprintln!("proof: no Vulkan or GL adapter to draw the stills");
        return Ok(2);
    };
    let mut renderer = Renderer::new(&context.device, &context.queue, OFFSCREEN_FORMAT);
    match design_proof(&context, &mut renderer, &text, &root, &fonts, &link) {
        Ok(pdf) => {
            std::fs::write(out, pdf).map_err(|e| format!("{out}: {e}"))?;
            Ok(0)
        }
        Err(error) => {
            eprintln!("{design}: {error}");
            Ok(1)
        }
    }
}
