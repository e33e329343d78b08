//! The sRGB transfer function (IEC 61966-2-1), both ways. The shaders carry their own copy
//! (`tonemap_linear_to_srgb` in shaders/tonemap.wgsl); keep the two in sync.

/// An 8-bit sRGB value to linear.
pub fn srgb_to_linear(value: u8) -> f32 {
    let v = value as f32 / 255.0;
    if v <= 0.040_45 {
        v / 12.92
    } else {
        ((v + 0.055) / 1.055).powf(2.4)
    }
}

/// A linear value in [0, 1] to sRGB-encoded (clear colours on non-sRGB targets, printed swatches).
pub fn linear_to_srgb(linear: f64) -> f64 {
    if linear <= 0.003_130_8 {
        linear * 12.92
    } else {
        1.055 * linear.powf(1.0 / 2.4) - 0.055
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_two_directions_invert_each_other() {
        for value in [0u8, 1, 10, 11, 64, 128, 200, 255] {
            let back = linear_to_srgb(srgb_to_linear(value) as f64) * 255.0;
            assert!((back - value as f64).abs() < 1e-3, "{value} → {back}");
        }
    }
}
