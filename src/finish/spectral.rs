//! Colour from measured optical constants: the normal-incidence reflectance of a metal, from
//! its complex refractive index n + ik at each wavelength, integrated against the CIE 1931
//! observer into linear sRGB. This is how the metal presets in [`crate::finish`] get their F0
//! (glTF `baseColorFactor` of a metal) instead of from hand-picked hex values.
//!
//! - Fresnel at normal incidence: F0 = ((n−1)² + k²) / ((n+1)² + k²).
//! - Colour matching functions: the multi-lobe Gaussian fit of C. Wyman, P.-P. Sloan and
//!   P. Shirley, "Simple Analytic Approximations to the CIE XYZ Color Matching Functions",
//!   JCGT 2(2), 2013 (within ~1% of the tabulated CIE 1931 2° observer).
//! - XYZ → linear sRGB: IEC 61966-2-1 matrix. The illuminant is equal-energy and the result is
//!   normalized so a perfect reflector maps to (1, 1, 1): the metal colour under the white of
//!   the studio, which is what a glTF base colour means.
//! - Alloys: the dielectric functions ε = (n + ik)² of the constituents averaged by atomic
//!   fraction (a first-order effective-medium approximation; real alloys shift band edges, so
//!   the presets treat it as the starting point and say where they adjust).

/// One row of an optical-constants table: wavelength in nm, n, k.
pub type OpticalRow = (f32, f32, f32);

/// An element's measured optical constants, sorted by wavelength.
#[derive(Debug, Clone, Copy)]
pub struct OpticalConstants {
    /// Chemical symbol, for messages.
    pub symbol: &'static str,
    /// Where the numbers come from.
    pub source: &'static str,
    /// (nm, n, k) rows, ascending wavelength.
    pub rows: &'static [OpticalRow],
}

impl OpticalConstants {
    /// n and k at `wavelength` nm: linear between rows, the end rows beyond the table.
    pub fn at(&self, wavelength: f32) -> (f32, f32) {
        let rows = self.rows;
        let (first, last) = (rows[0], rows[rows.len() - 1]);
        if wavelength <= first.0 {
            return (first.1, first.2);
        }
        for pair in rows.windows(2) {
            let ((l0, n0, k0), (l1, n1, k1)) = (pair[0], pair[1]);
            if wavelength <= l1 {
                let t = (wavelength - l0) / (l1 - l0);
                return (n0 + t * (n1 - n0), k0 + t * (k1 - k0));
            }
        }
        (last.1, last.2)
    }

    /// The complex dielectric function ε = (n + ik)² at `wavelength` nm, as (re, im).
    pub fn permittivity(&self, wavelength: f32) -> (f32, f32) {
        let (n, k) = self.at(wavelength);
        (n * n - k * k, 2.0 * n * k)
    }
}

/// Normal-incidence Fresnel reflectance of a conductor with index n + ik, from air.
pub fn normal_reflectance(n: f32, k: f32) -> f32 {
    ((n - 1.0).powi(2) + k * k) / ((n + 1.0).powi(2) + k * k)
}

/// n + ik from a complex permittivity (the root with n, k ≥ 0).
pub fn index_from_permittivity((re, im): (f32, f32)) -> (f32, f32) {
    let modulus = re.hypot(im);
    (((modulus + re) * 0.5).max(0.0).sqrt(), ((modulus - re) * 0.5).max(0.0).sqrt())
}

/// Reflectance of an alloy at `wavelength` nm: permittivities averaged by atomic fraction.
pub fn alloy_reflectance(parts: &[(f32, &OpticalConstants)], wavelength: f32) -> f32 {
    let total: f32 = parts.iter().map(|(fraction, _)| fraction).sum();
    let (mut re, mut im) = (0.0, 0.0);
    for (fraction, element) in parts {
        let (e_re, e_im) = element.permittivity(wavelength);
        re += fraction / total * e_re;
        im += fraction / total * e_im;
    }
    let (n, k) = index_from_permittivity((re, im));
    normal_reflectance(n, k)
}

fn lobe(wavelength: f32, mean: f32, sigma_below: f32, sigma_above: f32) -> f32 {
    let t = (wavelength - mean) / if wavelength < mean { sigma_below } else { sigma_above };
    (-0.5 * t * t).exp()
}

/// CIE 1931 2° colour matching functions x̄, ȳ, z̄ at `wavelength` nm (Wyman et al. 2013).
pub fn cie_xyz(wavelength: f32) -> [f32; 3] {
    let l = wavelength;
    [
        1.056 * lobe(l, 599.8, 37.9, 31.0) + 0.362 * lobe(l, 442.0, 16.0, 26.7) - 0.065 * lobe(l, 501.1, 20.4, 26.2),
        0.821 * lobe(l, 568.8, 46.9, 40.5) + 0.286 * lobe(l, 530.9, 16.3, 31.1),
        1.217 * lobe(l, 437.0, 11.8, 36.0) + 0.681 * lobe(l, 459.0, 26.0, 13.8),
    ]
}

fn xyz_to_linear_srgb([x, y, z]: [f32; 3]) -> [f32; 3] {
    [3.2406 * x - 1.5372 * y - 0.4986 * z, -0.9689 * x + 1.8758 * y + 0.0415 * z, 0.0557 * x - 0.2040 * y + 1.0570 * z]
}

fn integrate(reflectance: impl Fn(f32) -> f32) -> [f32; 3] {
    let mut xyz = [0.0f32; 3];
    for step in 0..=80 {
        let wavelength = 380.0 + 5.0 * step as f32;
        let r = reflectance(wavelength);
        for (sum, cmf) in xyz.iter_mut().zip(cie_xyz(wavelength)) {
            *sum += r * cmf;
        }
    }
    xyz_to_linear_srgb(xyz)
}

/// Linear sRGB of a spectral reflectance (a function of wavelength in nm), normalized so that
/// reflectance 1 everywhere is (1, 1, 1).
pub fn reflectance_to_linear_srgb(reflectance: impl Fn(f32) -> f32) -> [f32; 3] {
    let white = integrate(|_| 1.0);
    let color = integrate(reflectance);
    [0, 1, 2].map(|i| (color[i] / white[i]).clamp(0.0, 1.0))
}

/// Gold: P. B. Johnson and R. W. Christy, "Optical Constants of the Noble Metals",
/// Phys. Rev. B 6, 4370 (1972), visible rows.
pub const GOLD: OpticalConstants = OpticalConstants {
    symbol: "Au",
    source: "Johnson & Christy 1972",
    rows: &[
        (367.9, 1.48, 1.895),
        (381.5, 1.46, 1.933),
        (397.4, 1.47, 1.952),
        (413.3, 1.46, 1.958),
        (430.5, 1.45, 1.948),
        (450.9, 1.38, 1.914),
        (471.4, 1.31, 1.849),
        (495.9, 1.04, 1.833),
        (520.9, 0.62, 2.081),
        (548.6, 0.43, 2.455),
        (582.1, 0.29, 2.863),
        (616.8, 0.21, 3.272),
        (659.5, 0.14, 3.697),
        (704.5, 0.13, 4.103),
        (756.0, 0.14, 4.542),
    ],
};

/// Silver: Johnson and Christy 1972 (as [`GOLD`]).
pub const SILVER: OpticalConstants = OpticalConstants {
    symbol: "Ag",
    source: "Johnson & Christy 1972",
    rows: &[
        (367.9, 0.07, 1.657),
        (381.5, 0.05, 1.864),
        (397.4, 0.05, 2.070),
        (413.3, 0.05, 2.275),
        (430.5, 0.04, 2.462),
        (450.9, 0.04, 2.657),
        (471.4, 0.05, 2.869),
        (495.9, 0.05, 3.093),
        (520.9, 0.05, 3.324),
        (548.6, 0.06, 3.586),
        (582.1, 0.05, 3.858),
        (616.8, 0.06, 4.152),
        (659.5, 0.05, 4.483),
        (704.5, 0.04, 4.838),
        (756.0, 0.03, 5.242),
    ],
};

/// Copper: Johnson and Christy 1972 (as [`GOLD`]).
pub const COPPER: OpticalConstants = OpticalConstants {
    symbol: "Cu",
    source: "Johnson & Christy 1972",
    rows: &[
        (367.9, 1.36, 1.975),
        (381.5, 1.33, 2.045),
        (397.4, 1.32, 2.116),
        (413.3, 1.28, 2.207),
        (430.5, 1.25, 2.305),
        (450.9, 1.24, 2.397),
        (471.4, 1.25, 2.483),
        (495.9, 1.22, 2.564),
        (520.9, 1.18, 2.608),
        (548.6, 1.02, 2.577),
        (582.1, 0.70, 2.704),
        (616.8, 0.30, 3.205),
        (659.5, 0.22, 3.747),
        (704.5, 0.21, 4.205),
        (756.0, 0.24, 4.665),
    ],
};

/// Platinum: A. D. Rakić, A. B. Djurišić, J. M. Elazar and M. L. Majewski, "Optical properties
/// of metallic films for vertical-cavity optoelectronic devices", Appl. Opt. 37, 5271 (1998),
/// Lorentz–Drude model fitted to measurements, sampled about every 30 nm.
pub const PLATINUM: OpticalConstants = OpticalConstants {
    symbol: "Pt",
    source: "Rakić et al. 1998",
    rows: &[
        (361.1, 1.6181, 2.6102),
        (390.6, 1.6987, 2.7958),
        (422.4, 1.7826, 2.9829),
        (449.7, 1.8503, 3.1379),
        (478.8, 1.9194, 3.3014),
        (509.7, 1.9923, 3.4759),
        (542.7, 2.0724, 3.6622),
        (577.8, 2.1629, 3.8598),
        (615.1, 2.2666, 4.0665),
        (644.7, 2.3539, 4.2256),
        (675.7, 2.4494, 4.3869),
        (708.2, 2.5528, 4.5488),
        (742.3, 2.6632, 4.7105),
        (778.0, 2.7794, 4.8711),
    ],
};

/// Rhodium (the plating of white gold): J. H. Weaver, C. G. Olson and D. W. Lynch, Phys. Rev.
/// B 15, 4115 (1977), as tabulated in E. D. Palik, Handbook of Optical Constants of Solids.
pub const RHODIUM: OpticalConstants = OpticalConstants {
    symbol: "Rh",
    source: "Weaver, Olson & Lynch 1977",
    rows: &[
        (364.7, 1.11, 3.84),
        (375.7, 1.20, 3.97),
        (387.5, 1.30, 4.09),
        (400.0, 1.41, 4.20),
        (413.3, 1.53, 4.29),
        (427.5, 1.63, 4.36),
        (459.2, 1.80, 4.49),
        (476.9, 1.85, 4.55),
        (495.9, 1.88, 4.65),
        (516.6, 1.90, 4.78),
        (539.1, 1.94, 4.94),
        (563.6, 2.00, 5.11),
        (590.4, 2.05, 5.30),
        (619.9, 2.12, 5.51),
        (652.6, 2.20, 5.76),
        (688.8, 2.30, 6.02),
        (729.3, 2.42, 6.33),
        (774.9, 2.60, 6.64),
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    fn pure(element: &OpticalConstants) -> [f32; 3] {
        reflectance_to_linear_srgb(|l| {
            let (n, k) = element.at(l);
            normal_reflectance(n, k)
        })
    }

    fn assert_near(actual: [f32; 3], expected: [f32; 3], tolerance: f32, what: &str) {
        for i in 0..3 {
            assert!(
                (actual[i] - expected[i]).abs() <= tolerance,
                "{what}: got {actual:?}, expected {expected:?} ± {tolerance}"
            );
        }
    }

    #[test]
    fn colour_matching_fit_integrates_like_the_cie_tables() {
        // Each CIE 1931 function integrates to ≈ 106.86 over 360–830 nm at 1 nm steps.
        let mut sums = [0.0f32; 3];
        for l in 360..=830 {
            for (sum, v) in sums.iter_mut().zip(cie_xyz(l as f32)) {
                *sum += v;
            }
        }
        for sum in sums {
            assert!((sum - 106.86).abs() / 106.86 < 0.02, "{sums:?}");
        }
    }

    #[test]
    fn pure_metals_match_the_published_linear_f0() {
        // Real-Time Rendering 4th ed., table 9.2 (linear).
        assert_near(pure(&GOLD), [1.000, 0.782, 0.344], 0.06, "gold");
        // Johnson & Christy's evaporated silver films are bluer-white than RTR's source (their
        // blue comes out 0.977 against 0.915); both are within the spread of published data.
        assert_near(pure(&SILVER), [0.972, 0.960, 0.915], 0.07, "silver");
        assert_near(pure(&COPPER), [0.955, 0.638, 0.538], 0.06, "copper");
        assert_near(pure(&PLATINUM), [0.673, 0.637, 0.585], 0.06, "platinum");
    }

    #[test]
    fn an_alloy_of_one_element_is_that_element() {
        for l in [400.0, 550.0, 700.0] {
            let (n, k) = GOLD.at(l);
            let alone = normal_reflectance(n, k);
            assert!((alloy_reflectance(&[(1.0, &GOLD)], l) - alone).abs() < 1e-5);
        }
    }

    #[test]
    fn table_lookup_interpolates_and_clamps() {
        assert_eq!(GOLD.at(100.0), (1.48, 1.895));
        assert_eq!(GOLD.at(2000.0), (0.14, 4.542));
        let (n, _) = GOLD.at((704.5 + 756.0) / 2.0);
        assert!((n - 0.135).abs() < 1e-4);
    }
}
