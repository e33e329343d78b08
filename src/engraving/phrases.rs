//! Helpers for what shoppers type: map coordinates, dates and monograms, each parsed
//! strictly and formatted the way jewellers engrave them.

/// A point on the map, degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coordinates {
    /// −90…90, north positive.
    pub latitude: f64,
    /// −180…180, east positive.
    pub longitude: f64,
}

/// How coordinates are written on the pendant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoordinateStyle {
    /// `40.7128° N 74.0060° W`
    Decimal,
    /// `40°42′46″N 74°00′22″W`
    Dms,
}

/// Why a phrase was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PhraseError {
    /// Coordinates not understood.
    #[error("'{0}' is not a pair of coordinates; write e.g. 40.7128, -74.0060 or 40°42'46\"N 74°0'22\"W")]
    CoordinatesUnreadable(String),
    /// A latitude or longitude out of range.
    #[error("{what} {value} is out of range (latitude −90…90, longitude −180…180; minutes and seconds below 60)")]
    CoordinatesOutOfRange {
        /// latitude or longitude
        what: &'static str,
        /// The value given.
        value: String,
    },
    /// A date not understood or impossible.
    #[error("'{0}' is not a date; write it as YYYY-MM-DD, e.g. 2024-06-14")]
    DateUnreadable(String),
    /// A date format name not understood.
    #[error("the date style '{0}' is unknown; expected dots, us, iso, long or roman")]
    DateStyleUnknown(String),
}

impl PhraseError {
    /// A stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            PhraseError::CoordinatesUnreadable(_) => "coordinates-unreadable",
            PhraseError::CoordinatesOutOfRange { .. } => "coordinates-out-of-range",
            PhraseError::DateUnreadable(_) => "date-unreadable",
            PhraseError::DateStyleUnknown(_) => "date-style-unknown",
        }
    }
}

/// One of the two numbers of a coordinate pair, with its hemisphere letter if written.
fn parse_angle(part: &str, positive: char, negative: char, what: &'static str, limit: f64) -> Result<f64, PhraseError> {
    let unreadable = || PhraseError::CoordinatesUnreadable(part.chars().take(60).collect());
    let mut text = part.trim().to_ascii_uppercase();
    let mut sign = 1.0;
    for (letter, s) in [(positive, 1.0), (negative, -1.0)] {
        if let Some(rest) = text.strip_suffix(letter).or_else(|| text.strip_prefix(letter)) {
            text = rest.trim().to_string();
            sign = s;
        }
    }
    if let Some(rest) = text.strip_prefix('-') {
        text = rest.trim().to_string();
        sign = -sign;
    }
    // Degrees, minutes, seconds: any of ° ' ′ " ″ or spaces separate them.
    let numbers: Vec<&str> = text.split(['°', '\'', '′', '"', '″', ' ', '’', '”']).filter(|s| !s.is_empty()).collect();
    if numbers.is_empty() || numbers.len() > 3 {
        return Err(unreadable());
    }
    let values: Vec<f64> =
        numbers.iter().map(|n| n.parse::<f64>().map_err(|_| unreadable())).collect::<Result<_, _>>()?;
    if values.iter().any(|v| !v.is_finite() || *v < 0.0) || values.iter().skip(1).any(|v| *v >= 60.0) {
        return Err(PhraseError::CoordinatesOutOfRange { what, value: part.trim().chars().take(60).collect() });
    }
    let degrees = values[0] + values.get(1).unwrap_or(&0.0) / 60.0 + values.get(2).unwrap_or(&0.0) / 3600.0;
    if degrees > limit {
        return Err(PhraseError::CoordinatesOutOfRange { what, value: part.trim().chars().take(60).collect() });
    }
    Ok(sign * degrees)
}

/// Parses "lat, lon" in decimal or degrees-minutes-seconds, with signs or N/S/E/W.
pub fn parse_coordinates(input: &str) -> Result<Coordinates, PhraseError> {
    let unreadable = || PhraseError::CoordinatesUnreadable(input.chars().take(60).collect());
    if input.len() > 100 {
        return Err(unreadable());
    }
    let upper = input.trim().to_ascii_uppercase();
    // Split at a comma or semicolon, else right after the latitude's N/S.
    let (lat, lon) = if let Some((a, b)) = upper.split_once([',', ';']) {
        (a.to_string(), b.to_string())
    } else if let Some(at) = upper.find(['N', 'S']) {
        let (a, b) = upper.split_at(at + 1);
        (a.to_string(), b.to_string())
    } else {
        let parts: Vec<&str> = upper.split_whitespace().collect();
        match parts.as_slice() {
            [a, b] => (a.to_string(), b.to_string()),
            _ => return Err(unreadable()),
        }
    };
    Ok(Coordinates {
        latitude: parse_angle(&lat, 'N', 'S', "latitude", 90.0)?,
        longitude: parse_angle(&lon, 'E', 'W', "longitude", 180.0)?,
    })
}

impl Coordinates {
    /// The engraved form.
    pub fn format(&self, style: CoordinateStyle) -> String {
        let lat = (self.latitude.abs(), if self.latitude >= 0.0 { 'N' } else { 'S' });
        let lon = (self.longitude.abs(), if self.longitude >= 0.0 { 'E' } else { 'W' });
        match style {
            CoordinateStyle::Decimal => format!("{:.4}° {} {:.4}° {}", lat.0, lat.1, lon.0, lon.1),
            CoordinateStyle::Dms => format!("{}{} {}{}", dms(lat.0), lat.1, dms(lon.0), lon.1),
        }
    }
}

fn dms(degrees: f64) -> String {
    let total = (degrees * 3600.0).round() as i64;
    format!("{}°{:02}′{:02}″", total / 3600, total / 60 % 60, total % 60)
}

/// How a date is engraved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// 14.06.2024
    Dots,
    /// 06.14.2024
    Us,
    /// 2024-06-14
    Iso,
    /// 14 June 2024
    Long,
    /// XIV·VI·MMXXIV
    Roman,
}

impl std::str::FromStr for DateStyle {
    type Err = PhraseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.trim().to_ascii_lowercase().as_str() {
            "dots" => DateStyle::Dots,
            "us" => DateStyle::Us,
            "iso" => DateStyle::Iso,
            "long" => DateStyle::Long,
            "roman" => DateStyle::Roman,
            _ => return Err(PhraseError::DateStyleUnknown(s.chars().take(20).collect())),
        })
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Formats an ISO date (`YYYY-MM-DD`, checked against the calendar, years 1–3999).
pub fn format_date(iso: &str, style: DateStyle) -> Result<String, PhraseError> {
    let unreadable = || PhraseError::DateUnreadable(iso.chars().take(30).collect());
    let parts: Vec<&str> = iso.trim().split('-').collect();
    let [y, m, d] = parts.as_slice() else { return Err(unreadable()) };
    let (year, month, day): (u32, u32, u32) = (
        y.parse().map_err(|_| unreadable())?,
        m.parse().map_err(|_| unreadable())?,
        d.parse().map_err(|_| unreadable())?,
    );
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(unreadable()),
    };
    if !(1..=3999).contains(&year) || day == 0 || day > days {
        return Err(unreadable());
    }
    Ok(match style {
        DateStyle::Dots => format!("{day:02}.{month:02}.{year}"),
        DateStyle::Us => format!("{month:02}.{day:02}.{year}"),
        DateStyle::Iso => format!("{year}-{month:02}-{day:02}"),
        DateStyle::Long => format!("{day} {} {year}", MONTHS[month as usize - 1]),
        DateStyle::Roman => format!("{}·{}·{}", roman(day), roman(month), roman(year)),
    })
}

fn roman(mut n: u32) -> String {
    const NUMERALS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, letters) in NUMERALS {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

/// A classic three-letter monogram from a full name: first, LAST, middle initials (the
/// surname's initial sits in the middle); two names give first and last; upper case.
pub fn monogram(full_name: &str) -> String {
    let initials: Vec<String> = full_name
        .split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
        .map(|c| c.to_uppercase().collect())
        .collect();
    match initials.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [first, last] => format!("{first}{last}"),
        [first, middle @ .., last] => format!("{first}{last}{}", middle[0]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_table() {
        let ok = [
            ("40.7128, -74.0060", 40.7128, -74.006),
            ("40.7128 N, 74.0060 W", 40.7128, -74.006),
            ("40°42'46\"N 74°0'22\"W", 40.712_777, -74.006_111),
            ("51°30′26″N 0°7′39″W", 51.507_222, -0.1275),
            ("-33.8688; 151.2093", -33.8688, 151.2093),
            ("S 33.8688, E 151.2093", -33.8688, 151.2093),
            ("90, 180", 90.0, 180.0),
            ("0 0", 0.0, 0.0),
        ];
        for (input, lat, lon) in ok {
            let c = parse_coordinates(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert!((c.latitude - lat).abs() < 1e-5 && (c.longitude - lon).abs() < 1e-5, "{input}: {c:?}");
        }
        let bad = [
            ("91, 0", "coordinates-out-of-range"),
            ("0, 180.5", "coordinates-out-of-range"),
            ("40°61'0\"N 74°0'0\"W", "coordinates-out-of-range"),
            ("hello", "coordinates-unreadable"),
            ("", "coordinates-unreadable"),
            ("1, 2, 3", "coordinates-unreadable"),
            ("NaN, 0", "coordinates-unreadable"),
        ];
        for (input, code) in bad {
            assert_eq!(parse_coordinates(input).map_err(|e| e.code()), Err(code), "{input}");
        }
    }

    #[test]
    fn coordinates_format() {
        let c = parse_coordinates("40.7128, -74.0060").unwrap();
        assert_eq!(c.format(CoordinateStyle::Decimal), "40.7128° N 74.0060° W");
        assert_eq!(c.format(CoordinateStyle::Dms), "40°42′46″N 74°00′22″W");
    }

    #[test]
    fn dates() {
        assert_eq!(format_date("2024-06-14", DateStyle::Dots).unwrap(), "14.06.2024");
        assert_eq!(format_date("2024-06-14", DateStyle::Us).unwrap(), "06.14.2024");
        assert_eq!(format_date("2024-06-14", DateStyle::Long).unwrap(), "14 June 2024");
        assert_eq!(format_date("2024-06-14", DateStyle::Roman).unwrap(), "XIV·VI·MMXXIV");
        assert!(format_date("2024-02-29", DateStyle::Iso).is_ok());
        for bad in ["2023-02-29", "1900-02-29", "2024-13-01", "2024-04-31", "14/06/2024", "0-01-01"] {
            assert_eq!(format_date(bad, DateStyle::Iso).map_err(|e| e.code()), Err("date-unreadable"), "{bad}");
        }
    }

    #[test]
    fn monograms() {
        assert_eq!(monogram("emma sophie miller"), "EMS");
        assert_eq!(monogram("Jo  Smith"), "JS");
        assert_eq!(monogram("  "), "");
    }
}
