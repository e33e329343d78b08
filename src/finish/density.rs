//! How heavy each metal is: the alloy's density from its elements' densities and mass
//! fractions (1/ρ = Σ wᵢ/ρᵢ, the rule jewellers' weight-conversion tables use; real alloys
//! come within about 2 % of it). Element densities at 20 °C from the CRC Handbook of
//! Chemistry and Physics (97th ed., "Physical constants of inorganic compounds"); the
//! compositions are those named on [`Metal`].

use super::Metal;

/// Gold, silver, copper, palladium, platinum and ruthenium, g/cm³.
const GOLD: f64 = 19.32;
const SILVER: f64 = 10.49;
const COPPER: f64 = 8.96;
const PALLADIUM: f64 = 12.02;
const PLATINUM: f64 = 21.45;
const RUTHENIUM: f64 = 12.45;

impl Metal {
    /// Mass fractions and element densities (g/cm³). White gold is taken as the palladium
    /// white 18K most makers cast (75 % Au, 15 % Pd, 10 % Ag); the rhodium plate weighs nothing
    /// that matters. Platinum 950 is taken with ruthenium.
    fn composition(self) -> &'static [(f64, f64)] {
        match self {
            Metal::YellowGold => &[(0.75, GOLD), (0.125, SILVER), (0.125, COPPER)],
            Metal::RoseGold => &[(0.75, GOLD), (0.2225, COPPER), (0.0275, SILVER)],
            Metal::WhiteGold => &[(0.75, GOLD), (0.15, PALLADIUM), (0.10, SILVER)],
            Metal::SterlingSilver => &[(0.925, SILVER), (0.075, COPPER)],
            Metal::Platinum => &[(0.95, PLATINUM), (0.05, RUTHENIUM)],
        }
    }

    /// Density, g/cm³.
    pub fn density_g_cm3(self) -> f64 {
        1.0 / self.composition().iter().map(|(fraction, density)| fraction / density).sum::<f64>()
    }

    /// The weight of `volume_mm3` of this metal, g.
    pub fn weight_g(self, volume_mm3: f64) -> f64 {
        volume_mm3 / 1000.0 * self.density_g_cm3()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn densities_match_the_published_alloy_figures() {
        // Published figures for these alloys (refiners' data sheets): 18K yellow 15.5, sterling
        // 10.36, Pt950/Ru 20.7 g/cm³.
        for (metal, published) in [(Metal::YellowGold, 15.5), (Metal::SterlingSilver, 10.36), (Metal::Platinum, 20.7)] {
            let density = metal.density_g_cm3();
            assert!((density - published).abs() / published < 0.02, "{metal:?}: {density}");
        }
        assert!((Metal::SterlingSilver.weight_g(1000.0) - 10.357).abs() < 0.01);
    }
}
