//! The necklace length chart shops print, located on the display bust: where each length is
//! said to fall, as a band of heights below the suprasternal notch.
//!
//! The chart (as jewellers print it, and as issue 22 quotes it): 14 in a choker, 16 in the base
//! of the neck, 18 in the collarbone, 20 in just below it, 22 in above the bust, 24 in on the
//! bust. On the medium form (35 cm neck, [`super::bust`]) those places are these heights of the
//! pendant's ring below the notch:
//! - the base of the neck: the notch and the 15 mm under it;
//! - the collarbone: 15–42 mm, the clavicles' heads beside the notch and the hollow under them;
//! - just below it: 42–68 mm, the top of the breastbone;
//! - above the bust: 68–94 mm, the upper chest;
//! - on the bust: from 94 mm, where the chest turns forward into the bust (the bust point
//!   itself is 210 mm down: an opera chain's place).
//!
//! Each 2 in of chain adds an inch to each side of the V, so the places are about an inch
//! apart, as the chart's drawings are; the drape, not the chart, decides where a pendant
//! falls (a larger body holds the same chain higher).

/// A place on the chest, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    /// Less than 15 mm below the notch.
    BaseOfNeck,
    /// 15–42 mm.
    Collarbone,
    /// 42–68 mm.
    BelowCollarbone,
    /// 68–94 mm.
    AboveBust,
    /// 94 mm and lower.
    OnBust,
}

/// Each place's band, mm below the notch (top, bottom).
const BANDS_MM: [(Place, f32, f32); 5] = [
    (Place::BaseOfNeck, f32::NEG_INFINITY, 15.0),
    (Place::Collarbone, 15.0, 42.0),
    (Place::BelowCollarbone, 42.0, 68.0),
    (Place::AboveBust, 68.0, 94.0),
    (Place::OnBust, 94.0, f32::INFINITY),
];

impl Place {
    /// Where a ring `drop_mm` below the notch falls.
    pub fn at(drop_mm: f32) -> Place {
        BANDS_MM.iter().find(|(_, _, bottom)| drop_mm < *bottom).map_or(Place::OnBust, |(place, ..)| *place)
    }

    /// Where the chart says a chain of `length_in` inches falls (`None`: not on the chart).
    pub fn of_length(length_in: u8) -> Option<Place> {
        Some(match length_in {
            16 => Place::BaseOfNeck,
            18 => Place::Collarbone,
            20 => Place::BelowCollarbone,
            22 => Place::AboveBust,
            24 => Place::OnBust,
            _ => return None,
        })
    }

    /// The band, mm below the notch (top, bottom).
    pub fn band_mm(self) -> (f32, f32) {
        BANDS_MM.iter().find(|(place, ..)| *place == self).map(|(_, top, bottom)| (*top, *bottom)).unwrap_or_default()
    }

    /// In words, for the live region ("at the collarbone").
    pub fn words(self) -> &'static str {
        match self {
            Place::BaseOfNeck => "at the base of the neck",
            Place::Collarbone => "at the collarbone",
            Place::BelowCollarbone => "just below the collarbone",
            Place::AboveBust => "above the bust",
            Place::OnBust => "on the bust",
        }
    }
}
