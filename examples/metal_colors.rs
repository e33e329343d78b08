//! Prints the metal presets' linear F0 and sRGB hex (how they are derived: src/finish/spectral.rs).
use pendant_viewer::color::linear_to_srgb;
use pendant_viewer::finish::Metal;

fn main() {
    for metal in Metal::ALL {
        let c = metal.base_color();
        let hex: String = c
            .iter()
            .map(|&v| {
                let s = linear_to_srgb(v as f64);
                format!("{:02x}", (s * 255.0).round() as u8)
            })
            .collect();
        println!("{:16} linear ({:.3}, {:.3}, {:.3})  sRGB #{hex}", metal.name(), c[0], c[1], c[2]);
    }
}
