//! A saved view, written as model-viewer writes its `camera-orbit` attribute: `theta phi
//! radius`, e.g. `30deg 75deg 100%`. Theta turns about the vertical axis (0 looks at the
//! pendant's front), phi is the angle down from straight above (90deg: level), radius is the
//! distance as a percentage of the framing distance (100%: the pendant fills the view).
//! Angles take `deg` or `rad` (a bare number is degrees).

use std::fmt;
use std::str::FromStr;

use crate::camera::{MAX_PITCH_RAD, MAX_ZOOM_FRACTION, MIN_ZOOM_FRACTION};

/// A view of the pendant, independent of its size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CameraOrbit {
    /// Turn about the vertical axis, degrees in [0, 360).
    pub theta_deg: f32,
    /// Angle down from straight above, degrees (90 = level).
    pub phi_deg: f32,
    /// Distance as a fraction of the framing distance.
    pub zoom: f32,
}

impl Default for CameraOrbit {
    fn default() -> Self {
        Self { theta_deg: 0.0, phi_deg: 90.0, zoom: 1.0 }
    }
}

/// A `camera-orbit` value that is not understood.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("camera orbit '{0}' is not understood; expected 'theta phi radius' such as '30deg 75deg 100%'")]
pub struct CameraOrbitError(pub String);

impl CameraOrbitError {
    /// Stable code for JavaScript.
    pub fn code(&self) -> &'static str {
        "camera-orbit-invalid"
    }
}

impl CameraOrbit {
    /// The same view with every value in the camera's range (pitch limits, zoom limits).
    pub fn clamped(self) -> Self {
        let max_phi_offset = MAX_PITCH_RAD.to_degrees();
        Self {
            theta_deg: self.theta_deg.rem_euclid(360.0),
            phi_deg: self.phi_deg.clamp(90.0 - max_phi_offset, 90.0 + max_phi_offset),
            zoom: self.zoom.clamp(MIN_ZOOM_FRACTION, MAX_ZOOM_FRACTION),
        }
    }
}

impl CameraOrbit {
    /// The view in words, for a screen reader's live region: "Front, level, framed",
    /// "Back left, from above, close up".
    pub fn describe(&self) -> String {
        // Theta 90° puts the camera on +X: the side that is on the shopper's right when they
        // face the front.
        const SIDES: [&str; 8] =
            ["Front", "Front right", "Right side", "Back right", "Back", "Back left", "Left side", "Front left"];
        let side = SIDES[((self.theta_deg.rem_euclid(360.0) + 22.5) / 45.0) as usize % 8];
        let height = match self.phi_deg {
            p if p < 60.0 => "from above",
            p if p < 80.0 => "slightly from above",
            p if p <= 100.0 => "level",
            p if p <= 120.0 => "slightly from below",
            _ => "from below",
        };
        let distance = match self.zoom {
            z if z < 0.8 => "close up",
            z if z <= 1.25 => "framed",
            _ => "from afar",
        };
        format!("{side}, {height}, {distance}")
    }
}

fn angle_deg(word: &str) -> Option<f32> {
    let value = if let Some(number) = word.strip_suffix("deg") {
        number.parse::<f32>().ok()?
    } else if let Some(number) = word.strip_suffix("rad") {
        number.parse::<f32>().ok()?.to_degrees()
    } else {
        word.parse::<f32>().ok()?
    };
    value.is_finite().then_some(value)
}

impl FromStr for CameraOrbit {
    type Err = CameraOrbitError;

    /// One to three values; the ones left out keep the default (`45deg` turns and stays level).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || CameraOrbitError(text.chars().take(40).collect());
        let words: Vec<&str> = text.split_whitespace().collect();
        if words.is_empty() || words.len() > 3 {
            return Err(error());
        }
        let mut orbit = CameraOrbit { theta_deg: angle_deg(words[0]).ok_or_else(error)?, ..CameraOrbit::default() };
        if let Some(word) = words.get(1) {
            orbit.phi_deg = angle_deg(word).ok_or_else(error)?;
        }
        if let Some(word) = words.get(2) {
            let percent = word.strip_suffix('%').and_then(|n| n.parse::<f32>().ok()).ok_or_else(error)?;
            if !percent.is_finite() || percent <= 0.0 {
                return Err(error());
            }
            orbit.zoom = percent / 100.0;
        }
        Ok(orbit.clamped())
    }
}

impl fmt::Display for CameraOrbit {
    /// Rounded to a tenth of a degree and a tenth of a percent: short in a URL, and parsing
    /// it back gives the same view to the eye.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tenth = |value: f32| (value * 10.0).round() / 10.0;
        write!(f, "{}deg {}deg {}%", tenth(self.theta_deg) % 360.0, tenth(self.phi_deg), tenth(self.zoom * 100.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_model_viewer_style_values() {
        let orbit: CameraOrbit = "30deg 75deg 120%".parse().unwrap();
        assert_eq!(orbit, CameraOrbit { theta_deg: 30.0, phi_deg: 75.0, zoom: 1.2 });
        let turned: CameraOrbit = "-90 1.5708rad".parse().unwrap();
        assert_eq!(turned.theta_deg, 270.0);
        assert!((turned.phi_deg - 90.0).abs() < 1e-3 && turned.zoom == 1.0);
        assert_eq!("180deg".parse::<CameraOrbit>().unwrap().phi_deg, 90.0);
    }

    #[test]
    fn clamps_to_the_camera_limits_and_refuses_nonsense() {
        let steep: CameraOrbit = "0deg 0deg 1000%".parse().unwrap();
        assert!((steep.phi_deg - 5.0).abs() < 1e-4, "{}", steep.phi_deg);
        assert_eq!(steep.zoom, MAX_ZOOM_FRACTION);
        for bad in ["", "a b c", "1 2 3 4", "10deg 20deg 30", "10deg NaNdeg", "1 2 -5%", "inf"] {
            let error = bad.parse::<CameraOrbit>().unwrap_err();
            assert_eq!(error.code(), "camera-orbit-invalid", "{bad}");
        }
    }

    #[test]
    fn describes_the_view_in_words() {
        assert_eq!(CameraOrbit::default().describe(), "Front, level, framed");
        let back: CameraOrbit = "180deg 40deg 50%".parse().unwrap();
        assert_eq!(back.describe(), "Back, from above, close up");
        let right: CameraOrbit = "80deg 110deg 200%".parse().unwrap();
        assert_eq!(right.describe(), "Right side, slightly from below, from afar");
        assert_eq!("350deg".parse::<CameraOrbit>().unwrap().describe(), "Front, level, framed");
    }

    #[test]
    fn writes_what_it_reads() {
        let orbit = CameraOrbit { theta_deg: 359.96, phi_deg: 62.34, zoom: 0.8765 };
        assert_eq!(orbit.to_string(), "0deg 62.3deg 87.7%");
        let again: CameraOrbit = orbit.to_string().parse().unwrap();
        assert!((again.phi_deg - 62.3).abs() < 1e-4 && (again.zoom - 0.877).abs() < 1e-4);
    }
}
