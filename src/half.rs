//! f32 → IEEE 754 binary16 conversion for the half-float textures (environment, BRDF LUT).
//! A dozen lines here beat a dependency; round-to-nearest-even, saturating to ±65504 is not
//! needed because callers clamp their values first.

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

#[cfg(test)]
mod tests {
    use super::f32_to_f16_bits;

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
