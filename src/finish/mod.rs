//! Metal finishes a shopper chooses: the alloy (its colour from measured optical constants, see
//! [`crate::finish::spectral`]) and the surface (polished or brushed). A finish replaces the colour and
//! roughness of every metal part of a model (see [`crate::model::Material::is_metal`]).

pub mod density;
pub mod spectral;

use std::fmt;
use std::str::FromStr;

use crate::finish::spectral::{alloy_reflectance, reflectance_to_linear_srgb, COPPER, GOLD, PLATINUM, RHODIUM, SILVER};

/// The alloys on offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Metal {
    /// 18K yellow gold: 75% Au, 12.5% Ag, 12.5% Cu by mass.
    YellowGold,
    /// 18K rose gold: 75% Au, 22.25% Cu, 2.75% Ag by mass.
    RoseGold,
    /// 18K white gold, rhodium plated (what the shopper sees is the rhodium).
    WhiteGold,
    /// Sterling silver: 92.5% Ag, 7.5% Cu by mass.
    SterlingSilver,
    /// Platinum 950 (95% Pt; the 5% ruthenium or cobalt is ignored).
    Platinum,
}

/// How the metal surface is worked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Surface {
    /// Mirror polish: crisp highlights.
    #[default]
    Polished,
    /// Satin / brushed: fine parallel lines that stretch highlights across them.
    Brushed,
}

/// A metal and a surface, e.g. brushed rose gold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Finish {
    /// The alloy.
    pub metal: Metal,
    /// The surface.
    pub surface: Surface,
}

/// What the renderer needs to draw a finish.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MetalAppearance {
    /// Linear RGB specular colour at normal incidence (glTF base colour of a metal).
    pub base_color: [f32; 3],
    /// Perceptual roughness along the brushing direction's normal (glTF roughness).
    pub roughness: f32,
    /// 0 = isotropic; toward 1 = highlights stretched across the brushing lines
    /// (same meaning as KHR_materials_anisotropy's strength).
    pub anisotropy: f32,
}

/// A finish name that is not one of ours.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FinishError {
    /// Unknown metal name.
    #[error("unknown metal '{0}'; expected one of: {list}", list = Metal::NAMES.join(", "))]
    UnknownMetal(String),
    /// Unknown surface name.
    #[error("unknown surface '{0}'; expected polished or brushed")]
    UnknownSurface(String),
}

impl FinishError {
    /// Stable code for JavaScript.
    pub fn code(&self) -> &'static str {
        match self {
            FinishError::UnknownMetal(_) => "finish-unknown-metal",
            FinishError::UnknownSurface(_) => "finish-unknown-surface",
        }
    }
}

/// Atomic masses (IUPAC 2021, g/mol) to turn mass fractions into atomic fractions.
const AU: f32 = 196.97;
const AG: f32 = 107.87;
const CU: f32 = 63.546;

impl Metal {
    /// Every metal, in the order a picker shows them.
    pub const ALL: [Metal; 5] =
        [Metal::YellowGold, Metal::RoseGold, Metal::WhiteGold, Metal::SterlingSilver, Metal::Platinum];
    /// Names used in attributes and configuration, in [`Metal::ALL`] order.
    pub const NAMES: [&'static str; 5] = ["yellow-gold", "rose-gold", "white-gold", "sterling-silver", "platinum"];

    /// The attribute name, e.g. `rose-gold`.
    pub fn name(self) -> &'static str {
        Self::NAMES[Self::ALL.iter().position(|&m| m == self).unwrap_or(0)]
    }

    /// Linear RGB F0 computed from the constituents' measured optical constants.
    pub fn base_color(self) -> [f32; 3] {
        let by_mass = |parts: &[(f32, f32, &'static crate::finish::spectral::OpticalConstants)]| {
            let atomic: Vec<_> = parts.iter().map(|&(mass, molar, element)| (mass / molar, element)).collect();
            reflectance_to_linear_srgb(|l| alloy_reflectance(&atomic, l))
        };
        match self {
            Metal::YellowGold => by_mass(&[(75.0, AU, &GOLD), (12.5, AG, &SILVER), (12.5, CU, &COPPER)]),
            Metal::RoseGold => by_mass(&[(75.0, AU, &GOLD), (22.25, CU, &COPPER), (2.75, AG, &SILVER)]),
            Metal::WhiteGold => by_mass(&[(1.0, 1.0, &RHODIUM)]),
            Metal::SterlingSilver => by_mass(&[(92.5, AG, &SILVER), (7.5, CU, &COPPER)]),
            Metal::Platinum => by_mass(&[(1.0, 1.0, &PLATINUM)]),
        }
    }
}

impl Surface {
    /// Names used in attributes and configuration.
    pub const NAMES: [&'static str; 2] = ["polished", "brushed"];

    /// The attribute name.
    pub fn name(self) -> &'static str {
        match self {
            Surface::Polished => "polished",
            Surface::Brushed => "brushed",
        }
    }
}

impl Finish {
    /// The default on a product page: polished yellow gold.
    pub const DEFAULT: Finish = Finish { metal: Metal::YellowGold, surface: Surface::Polished };

    /// Colour, roughness and anisotropy for the renderer.
    pub fn appearance(self) -> MetalAppearance {
        // Polished jewelry is a near-mirror; 0.08 keeps the studio's softboxes crisp without
        // the aliasing of a perfect mirror. Brushed: roughness and anisotropy chosen by eye
        // against product photos of satin-finish pendants (highlights smeared across the
        // lines, the metal colour still reading clearly).
        let (roughness, anisotropy) = match self.surface {
            Surface::Polished => (0.08, 0.0),
            Surface::Brushed => (0.32, 0.8),
        };
        MetalAppearance { base_color: self.metal.base_color(), roughness, anisotropy }
    }
}

impl Default for Finish {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl FromStr for Metal {
    type Err = FinishError;

    /// Accepts the names in [`Metal::NAMES`] and `silver` for sterling silver, any case.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let name = text.trim().to_ascii_lowercase();
        if name == "silver" {
            return Ok(Metal::SterlingSilver);
        }
        Metal::NAMES
            .iter()
            .position(|&n| n == name)
            .map(|i| Metal::ALL[i])
            .ok_or_else(|| FinishError::UnknownMetal(text.chars().take(40).collect()))
    }
}

impl FromStr for Surface {
    type Err = FinishError;

    /// `polished`, `brushed` (or its synonym `satin`), any case.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().as_str() {
            "polished" => Ok(Surface::Polished),
            "brushed" | "satin" => Ok(Surface::Brushed),
            _ => Err(FinishError::UnknownSurface(text.chars().take(40).collect())),
        }
    }
}

impl FromStr for Finish {
    type Err = FinishError;

    /// A metal name and an optional surface in either order, separated by spaces:
    /// `rose-gold`, `brushed platinum`, `white-gold satin`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut finish = Finish::DEFAULT;
        let mut metal = None;
        for word in text.split_whitespace() {
            match (word.parse::<Surface>(), metal) {
                (Ok(surface), _) => finish.surface = surface,
                (Err(_), None) => metal = Some(word.parse::<Metal>()?),
                (Err(_), Some(_)) => return Err(FinishError::UnknownSurface(word.chars().take(40).collect())),
            }
        }
        finish.metal = metal.ok_or_else(|| FinishError::UnknownMetal(text.trim().chars().take(40).collect()))?;
        Ok(finish)
    }
}

impl fmt::Display for Finish {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.surface.name(), self.metal.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn luminance([r, g, b]: [f32; 3]) -> f32 {
        0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    #[test]
    fn names_round_trip() {
        for metal in Metal::ALL {
            assert_eq!(metal.name().parse::<Metal>(), Ok(metal));
        }
        assert_eq!("Silver".parse::<Metal>(), Ok(Metal::SterlingSilver));
        assert_eq!("satin".parse::<Surface>(), Ok(Surface::Brushed));
        let error = "unobtainium".parse::<Metal>().unwrap_err();
        assert_eq!(error.code(), "finish-unknown-metal");
        assert!(error.to_string().contains("rose-gold"), "{error}");
        assert_eq!(
            "brushed Rose-Gold".parse::<Finish>(),
            Ok(Finish { metal: Metal::RoseGold, surface: Surface::Brushed })
        );
        assert_eq!("platinum".parse::<Finish>().map(|f| f.surface), Ok(Surface::Polished));
        assert_eq!("".parse::<Finish>().unwrap_err().code(), "finish-unknown-metal");
        assert_eq!("gold hammered".parse::<Finish>().unwrap_err().code(), "finish-unknown-metal");
        assert_eq!("platinum hammered".parse::<Finish>().unwrap_err().code(), "finish-unknown-surface");
        for finish in ["brushed sterling-silver", "polished yellow-gold"] {
            assert_eq!(finish.parse::<Finish>().unwrap().to_string(), finish);
        }
    }

    #[test]
    fn alloys_are_ordered_like_the_real_metals() {
        let [yellow, rose, white, silver, platinum] = Metal::ALL.map(Metal::base_color);
        for (name, c) in [("yellow", yellow), ("rose", rose), ("white", white), ("silver", silver), ("pt", platinum)] {
            assert!(c.iter().all(|v| (0.0..=1.0).contains(v)), "{name} {c:?}");
        }
        // Golds are warm: blue well below red; rose gold is redder (less green) than yellow.
        assert!(yellow[2] < 0.6 * yellow[0], "{yellow:?}");
        assert!(rose[1] / rose[0] < yellow[1] / yellow[0], "rose {rose:?} yellow {yellow:?}");
        // White metals are near neutral: channels within 15% of each other.
        for c in [white, silver, platinum] {
            let (lo, hi) = (c.iter().cloned().fold(1.0, f32::min), c.iter().cloned().fold(0.0, f32::max));
            assert!(lo > 0.85 * hi, "{c:?}");
        }
        // Silver is the brightest metal, platinum darker than rhodium-plated white gold.
        assert!(luminance(silver) > luminance(white) && luminance(white) > luminance(platinum));
    }

    #[test]
    fn brushed_is_rougher_and_anisotropic() {
        let polished = Finish { metal: Metal::Platinum, surface: Surface::Polished }.appearance();
        let brushed = Finish { metal: Metal::Platinum, surface: Surface::Brushed }.appearance();
        assert_eq!(polished.anisotropy, 0.0);
        assert!(brushed.roughness > polished.roughness && brushed.anisotropy > 0.5);
        assert_eq!(polished.base_color, brushed.base_color);
    }
}
