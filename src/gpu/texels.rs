//! f32 → the packed float texel formats: IEEE 754 binary16 (the BRDF table) and RGB9E5 (the
//! environment). A few lines here beat a dependency.

/// Converts an `f32` to the bits of the nearest `f16` (round to nearest even). NaN stays NaN,
/// values past the f16 range become infinity, tiny values become subnormals or zero.
pub fn f32_to_f16_bits(value: f32) -> u16 {
    let bits = value.to_bits();
    let sign = ((bits >> 16) & 0x8000) as u16;
    let exponent = ((bits >> 23) & 0xff) as i32;
    let mantissa = bits & 0x007f_ffff;
    if exponent == 0xff {
        // Inf or NaN (keep a mantissa bit set for NaN).
        return sign | 0x7c00 | if mantissa != 0 { 0x200 } else { 0 };
    }
    let half_exponent = exponent - 127 + 15;
    if half_exponent >= 0x1f {
        return sign | 0x7c00;
    }
    if half_exponent <= 0 {
        if half_exponent < -10 {
            return sign;
        }
        // Subnormal: shift the mantissa (with its implicit leading 1) into place.
        let full = mantissa | 0x0080_0000;
        let shift = (14 - half_exponent) as u32;
        let half_mantissa = full >> shift;
        let remainder = full & ((1 << shift) - 1);
        let halfway = 1 << (shift - 1);
        let round_up = remainder > halfway || (remainder == halfway && (half_mantissa & 1) == 1);
        return sign | (half_mantissa as u16 + round_up as u16);
    }
    let half = ((half_exponent as u32) << 10) | (mantissa >> 13);
    let remainder = mantissa & 0x1fff;
    let round_up = remainder > 0x1000 || (remainder == 0x1000 && (half & 1) == 1);
    // A carry out of the mantissa correctly bumps the exponent (up to infinity).
    sign | (half + round_up as u32) as u16
}

/// Largest value RGB9E5 holds: a 9-bit mantissa of 511/512 at the top exponent.
pub const RGB9E5_MAX: f32 = 65408.0;

/// Packs linear RGB into `Rgb9e5Ufloat` texel bits: three 9-bit mantissas sharing one 5-bit
/// exponent, as the GL/Vulkan/WebGPU specifications define it (EXT_texture_shared_exponent).
/// Negative and NaN channels become 0, values past [`RGB9E5_MAX`] saturate. Each channel keeps
/// 9 bits of precision relative to the brightest one, which suits prefiltered light (hardware
/// filters it exactly, as floats, at half the memory of RGBA16F).
pub fn pack_rgb9e5(rgb: [f32; 3]) -> u32 {
    const MANTISSA_BITS: i32 = 9;
    const BIAS: i32 = 15;
    let channels = rgb.map(|c| if c > 0.0 { c.min(RGB9E5_MAX) } else { 0.0 });
    let brightest = channels[0].max(channels[1]).max(channels[2]);
    if brightest == 0.0 {
        return 0;
    }
    // The shared exponent that fits the brightest channel, then one more if rounding carries.
    let mut exponent = brightest.log2().floor().max(-(BIAS + 1) as f32) as i32 + 1 + BIAS;
    let mut scale = 2f32.powi(exponent - BIAS - MANTISSA_BITS);
    if (brightest / scale + 0.5).floor() >= (1 << MANTISSA_BITS) as f32 {
        scale *= 2.0;
        exponent += 1;
    }
    let [r, g, b] = channels.map(|c| ((c / scale + 0.5).floor() as u32).min(511));
    r | g << 9 | b << 18 | (exponent as u32) << 27
}

#[cfg(test)]
mod tests {
    use super::{f32_to_f16_bits, pack_rgb9e5, RGB9E5_MAX};

    fn unpack_rgb9e5(bits: u32) -> [f32; 3] {
        let scale = 2f32.powi((bits >> 27) as i32 - 15 - 9);
        [0, 9, 18].map(|shift| ((bits >> shift) & 511) as f32 * scale)
    }

    #[test]
    fn rgb9e5_round_trips_within_its_precision() {
        assert_eq!(pack_rgb9e5([0.0; 3]), 0);
        assert_eq!(unpack_rgb9e5(pack_rgb9e5([1.0, 0.5, 0.25])), [1.0, 0.5, 0.25]);
        assert_eq!(unpack_rgb9e5(pack_rgb9e5([-1.0, f32::NAN, 2.0])), [0.0, 0.0, 2.0]);
        assert_eq!(unpack_rgb9e5(pack_rgb9e5([1e9, 0.0, 0.0]))[0], RGB9E5_MAX);
        for rgb in [[0.123, 4.56, 78.9], [1e-3, 2e-3, 3e-3], [30_000.0, 0.5, 1.0], [0.999_9, 0.0, 0.0]] {
            let brightest = rgb.iter().copied().fold(0.0, f32::max);
            let back = unpack_rgb9e5(pack_rgb9e5(rgb));
            for (value, decoded) in rgb.iter().zip(back) {
                // Half a mantissa step of the shared exponent.
                assert!((value - decoded).abs() <= brightest / 512.0, "{rgb:?} → {back:?}");
            }
        }
    }

    #[test]
    fn converts_reference_values() {
        let cases: &[(f32, u16)] = &[
            (0.0, 0x0000),
            (-0.0, 0x8000),
            (1.0, 0x3c00),
            (-2.0, 0xc000),
            (0.5, 0x3800),
            (65504.0, 0x7bff),
            (1e6, 0x7c00),
            (f32::INFINITY, 0x7c00),
            (5.960_464_5e-8, 0x0001), // smallest subnormal
            (6.103_515_6e-5, 0x0400), // smallest normal
            (0.333_333_34, 0x3555),
        ];
        for &(value, expected) in cases {
            assert_eq!(f32_to_f16_bits(value), expected, "{value}");
        }
        assert_eq!(f32_to_f16_bits(f32::NAN) & 0x7c00, 0x7c00);
        assert_ne!(f32_to_f16_bits(f32::NAN) & 0x03ff, 0);
    }
}
