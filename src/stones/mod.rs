//! Birthstones: the twelve months of the modern list with their usual alternates, each a
//! stone preset (colour, refractive index, dispersion, and how it is cut and shaded).
//!
//! Colours are design colours (sRGB); refractive indices are mineral handbook values (the GIA
//! gem reference values where the handbook has none). Dispersion
//! is given as KHR_materials_dispersion's value: 20 / Abbe number, so that per-channel IORs
//! spread by (ior − 1) × 0.025 × dispersion on each side of the green.
//!
//! "Stone material" (what the stone is) is kept apart from "month" (which stone a month
//! suggests): a shop can offer cubic zirconia for April or a ruby for any month.

pub mod cut;
pub mod setting;

use std::fmt;
use std::str::FromStr;

use crate::color::srgb_to_linear;
use cut::Cut;

/// How a stone is cut and therefore shaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StoneLook {
    /// Transparent and faceted: refraction, internal reflection and dispersion.
    Faceted,
    /// Pearl: a sphere with a soft lustre and a faint overtone.
    Pearl,
    /// Opal: an opaque milky cabochon with a play of colour that moves with the view.
    Opal,
    /// Moonstone: a translucent cabochon with a blue sheen (adularescence).
    Moonstone,
    /// Turquoise: an opaque, slightly waxy cabochon.
    Turquoise,
}

/// A stone material.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stone {
    /// Attribute name, e.g. `blue-zircon`.
    pub name: &'static str,
    /// Name for people, e.g. "Blue zircon".
    pub label: &'static str,
    /// Body colour, sRGB bytes.
    pub color: [u8; 3],
    /// Refractive index (green, ~550 nm).
    pub ior: f32,
    /// KHR_materials_dispersion value (20 / Abbe number); 0 for opaque stones.
    pub dispersion: f32,
    /// How it is cut and shaded.
    pub look: StoneLook,
}

const fn faceted(name: &'static str, label: &'static str, color: [u8; 3], ior: f32, abbe: f32) -> Stone {
    Stone { name, label, color, ior, dispersion: 20.0 / abbe, look: StoneLook::Faceted }
}

const fn opaque(name: &'static str, label: &'static str, color: [u8; 3], ior: f32, look: StoneLook) -> Stone {
    Stone { name, label, color, ior, dispersion: 0.0, look }
}

/// Every stone on offer. Abbe numbers: diamond 55 (KHR's value ≈ 0.36), cubic zirconia 28,
/// zircon 25, garnet (almandine) 27, corundum 72, beryl 65, quartz 69, peridot 54, topaz 57,
/// spinel 60, tourmaline 58, tanzanite 44, chrysoberyl 60.
pub const STONES: [Stone; 20] = [
    faceted("garnet", "Garnet", [0x7B, 0x11, 0x13], 1.79, 27.0),
    faceted("amethyst", "Amethyst", [0x99, 0x66, 0xCC], 1.55, 69.0),
    faceted("aquamarine", "Aquamarine", [0x7F, 0xD4, 0xE6], 1.58, 65.0),
    faceted("diamond", "Diamond", [0xF5, 0xF7, 0xFA], 2.417, 55.0),
    faceted("emerald", "Emerald", [0x1F, 0x8A, 0x4C], 1.58, 65.0),
    opaque("pearl", "Pearl", [0xF0, 0xEA, 0xD6], 1.53, StoneLook::Pearl),
    faceted("alexandrite", "Alexandrite", [0x2E, 0x8B, 0x75], 1.75, 60.0),
    opaque("moonstone", "Moonstone", [0xDC, 0xE3, 0xEC], 1.52, StoneLook::Moonstone),
    faceted("ruby", "Ruby", [0xC0, 0x10, 0x2E], 1.77, 72.0),
    faceted("peridot", "Peridot", [0xA6, 0xC5, 0x1E], 1.67, 54.0),
    faceted("spinel", "Spinel", [0xD1, 0x27, 0x4B], 1.72, 60.0),
    faceted("sapphire", "Sapphire", [0x0F, 0x52, 0xBA], 1.77, 72.0),
    opaque("opal", "Opal", [0xE8, 0xEE, 0xF2], 1.45, StoneLook::Opal),
    faceted("pink-tourmaline", "Pink tourmaline", [0xE8, 0x6C, 0x9A], 1.62, 58.0),
    faceted("topaz", "Topaz", [0xF2, 0xA9, 0x3B], 1.62, 57.0),
    faceted("citrine", "Citrine", [0xE4, 0xA0, 0x10], 1.55, 69.0),
    faceted("tanzanite", "Tanzanite", [0x4B, 0x4B, 0xB0], 1.69, 44.0),
    faceted("blue-zircon", "Blue zircon", [0x3F, 0xA7, 0xC9], 1.93, 25.0),
    opaque("turquoise", "Turquoise", [0x40, 0xC4, 0xB8], 1.62, StoneLook::Turquoise),
    faceted("cubic-zirconia", "Cubic zirconia", [0xF7, 0xF7, 0xF7], 2.16, 28.0),
];

/// Month names as attributes accept them.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The modern birthstone list: the first stone of each month is its usual choice, the rest
/// the common alternates.
const BIRTHSTONES: [&[&str]; 12] = [
    &["garnet"],
    &["amethyst"],
    &["aquamarine"],
    &["diamond"],
    &["emerald"],
    &["pearl", "alexandrite", "moonstone"],
    &["ruby"],
    &["peridot", "spinel"],
    &["sapphire"],
    &["opal", "pink-tourmaline"],
    &["topaz", "citrine"],
    &["tanzanite", "blue-zircon", "turquoise"],
];

/// A stone or month name that is not one of ours.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GemError {
    /// Unknown stone.
    #[error("unknown stone '{0}'; expected one of: {list}", list = STONES.map(|s| s.name).join(", "))]
    UnknownStone(String),
    /// Unknown month.
    #[error("unknown birth month '{0}'; expected 1–12 or a month name such as 'july'")]
    UnknownMonth(String),
}

impl GemError {
    /// Stable code for JavaScript.
    pub fn code(&self) -> &'static str {
        match self {
            GemError::UnknownStone(_) => "stone-unknown",
            GemError::UnknownMonth(_) => "birthstone-unknown-month",
        }
    }
}

fn clip(text: &str) -> String {
    text.chars().take(40).collect()
}

impl Stone {
    /// The cut this stone gets in a slot that asks for `cut`: opaque stones are cabochons or
    /// pearls whatever the slot asks for.
    pub fn cut_in(&self, cut: Cut) -> Cut {
        match self.look {
            StoneLook::Faceted => cut,
            StoneLook::Pearl => Cut::Sphere,
            _ => Cut::Cabochon,
        }
    }

    /// The stone called `name` (see [`STONES`]).
    pub fn named(name: &str) -> Option<Stone> {
        let name = name.trim().to_ascii_lowercase();
        STONES.iter().copied().find(|stone| stone.name == name)
    }

    /// Linear RGB body colour.
    pub fn linear_color(&self) -> [f32; 3] {
        self.color.map(srgb_to_linear)
    }

    /// Per-channel refractive indices (red, green, blue) from the dispersion, as
    /// KHR_materials_dispersion defines them.
    pub fn channel_iors(&self) -> [f32; 3] {
        let half_spread = (self.ior - 1.0) * 0.025 * self.dispersion;
        [self.ior - half_spread, self.ior, self.ior + half_spread]
    }
}

impl FromStr for Stone {
    type Err = GemError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Stone::named(text).ok_or_else(|| GemError::UnknownStone(clip(text)))
    }
}

impl fmt::Display for Stone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label)
    }
}

/// A birth month, 1 = January.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BirthMonth(u8);

impl BirthMonth {
    /// `month` in 1..=12.
    pub fn new(month: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(Self(month))
    }

    /// 1..=12.
    pub fn number(self) -> u8 {
        self.0
    }

    /// The month's stones: the usual one first, then the alternates.
    pub fn stones(self) -> Vec<Stone> {
        BIRTHSTONES[self.0 as usize - 1].iter().filter_map(|name| Stone::named(name)).collect()
    }

    /// The month's usual stone.
    pub fn stone(self) -> Stone {
        self.stones()[0]
    }
}

impl FromStr for BirthMonth {
    type Err = GemError;

    /// `7`, `07`, `july` or `jul`, any case.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let value = text.trim().to_ascii_lowercase();
        let number = match value.parse::<u8>() {
            Ok(n) => Some(n),
            Err(_) if value.len() >= 3 => MONTHS.iter().position(|m| m.starts_with(&value)).map(|i| i as u8 + 1),
            Err(_) => None,
        };
        number.and_then(BirthMonth::new).ok_or_else(|| GemError::UnknownMonth(clip(text)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_month_has_its_stones() {
        let usual: Vec<_> = (1..=12).map(|m| BirthMonth::new(m).unwrap().stone().name).collect();
        assert_eq!(
            usual,
            [
                "garnet",
                "amethyst",
                "aquamarine",
                "diamond",
                "emerald",
                "pearl",
                "ruby",
                "peridot",
                "sapphire",
                "opal",
                "topaz",
                "tanzanite"
            ]
        );
        let december: Vec<_> = BirthMonth::new(12).unwrap().stones().iter().map(|s| s.name).collect();
        assert_eq!(december, ["tanzanite", "blue-zircon", "turquoise"]);
        for month in 1..=12 {
            let stones = BirthMonth::new(month).unwrap().stones();
            assert_eq!(stones.len(), BIRTHSTONES[month as usize - 1].len(), "a stone name in month {month} is wrong");
        }
    }

    #[test]
    fn months_and_stones_parse() {
        assert_eq!("7".parse::<BirthMonth>().map(|m| m.number()), Ok(7));
        assert_eq!("July".parse::<BirthMonth>().map(|m| m.number()), Ok(7));
        assert_eq!("sep".parse::<BirthMonth>().map(|m| m.number()), Ok(9));
        for bad in ["0", "13", "ju", "smarch", ""] {
            assert_eq!(bad.parse::<BirthMonth>().unwrap_err().code(), "birthstone-unknown-month", "{bad}");
        }
        assert_eq!("Blue-Zircon".parse::<Stone>().map(|s| s.label), Ok("Blue zircon"));
        let error = "kryptonite".parse::<Stone>().unwrap_err();
        assert_eq!(error.code(), "stone-unknown");
        assert!(error.to_string().contains("sapphire"));
    }

    #[test]
    fn diamond_disperses_like_khr_says() {
        let diamond = Stone::named("diamond").unwrap();
        // KHR_materials_dispersion: diamond ≈ 0.36 (anchors.md); spread blue − red ≈ 0.025.
        assert!((diamond.dispersion - 0.36).abs() < 0.01, "{}", diamond.dispersion);
        let [r, g, b] = diamond.channel_iors();
        assert!(r < g && g < b && (b - r - 0.025).abs() < 0.005, "{r} {g} {b}");
        let ruby = Stone::named("ruby").unwrap().linear_color();
        assert!(ruby[0] > 5.0 * ruby[1], "ruby is red: {ruby:?}");
    }
}
