//! `Rate`: how many requests per period, written as slowapi's `limits` writes it
//! (`"5/minute"`, `"100 per hour"`, `"10/30 seconds"`).

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// A limit: `count` requests per `period`.
///
/// Parsed from slowapi's notation: a count, `/` or `per`, an optional multiple, then `second`,
/// `minute`, `hour` or `day` (plural or not): `"5/minute"`, `"100 per hour"`,
/// `"10/30 seconds"`. Shown as slowapi shows it in its 429: `5 per 1 minute`.
///
/// ```
/// use fastrs::ratelimit::Rate;
///
/// let rate: Rate = "5/minute".parse().unwrap();
/// assert_eq!(rate.to_string(), "5 per 1 minute");
/// assert_eq!(rate, Rate::per_minute(5));
/// assert!("5 per fortnight".parse::<Rate>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rate {
    count: u64,
    multiple: u64,
    unit: Unit,
}

/// A period's unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Unit {
    Second,
    Minute,
    Hour,
    Day,
}

impl Unit {
    fn seconds(self) -> u64 {
        match self {
            Unit::Second => 1,
            Unit::Minute => 60,
            Unit::Hour => 3_600,
            Unit::Day => 86_400,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Unit::Second => "second",
            Unit::Minute => "minute",
            Unit::Hour => "hour",
            Unit::Day => "day",
        }
    }

    fn parse(word: &str) -> Option<Self> {
        let word = word.strip_suffix('s').unwrap_or(word);
        Some(match word {
            "second" | "sec" => Unit::Second,
            "minute" | "min" => Unit::Minute,
            "hour" => Unit::Hour,
            "day" => Unit::Day,
            _ => return None,
        })
    }
}

impl Rate {
    /// `count` requests per second.
    pub const fn per_second(count: u64) -> Self {
        Self::new(count, 1, Unit::Second)
    }

    /// `count` requests per minute.
    pub const fn per_minute(count: u64) -> Self {
        Self::new(count, 1, Unit::Minute)
    }

    /// `count` requests per hour.
    pub const fn per_hour(count: u64) -> Self {
        Self::new(count, 1, Unit::Hour)
    }

    /// `count` requests per day.
    pub const fn per_day(count: u64) -> Self {
        Self::new(count, 1, Unit::Day)
    }

    /// `count` per `multiple` periods of `unit_seconds` (1, 60, 3,600 or 86,400): what the route
    /// macro writes for `rate_limit = "..."`, which it parsed.
    #[doc(hidden)]
    pub const fn __from_parts(count: u64, multiple: u64, unit_seconds: u64) -> Self {
        let unit = match unit_seconds {
            60 => Unit::Minute,
            3_600 => Unit::Hour,
            86_400 => Unit::Day,
            _ => Unit::Second,
        };
        Self::new(count, multiple, unit)
    }

    const fn new(count: u64, multiple: u64, unit: Unit) -> Self {
        Self {
            count,
            multiple,
            unit,
        }
    }

    /// How many requests a period allows.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// The period.
    pub fn period(&self) -> Duration {
        Duration::from_secs(self.multiple * self.unit.seconds())
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} per {} {}",
            self.count,
            self.multiple,
            self.unit.name()
        )
    }
}

/// Why a rate does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateError(String);

impl fmt::Display for RateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a rate: write a count, `/` or `per`, and a period (`5/minute`, `100 per hour`, `10/30 seconds`)",
            self.0
        )
    }
}

impl std::error::Error for RateError {}

impl FromStr for Rate {
    type Err = RateError;

    fn from_str(text: &str) -> Result<Self, RateError> {
        let refused = || RateError(text.to_owned());
        let lower = text.trim().to_ascii_lowercase();
        let (count, period) = lower
            .split_once('/')
            .or_else(|| lower.split_once(" per "))
            .ok_or_else(refused)?;
        let count: u64 = count.trim().parse().map_err(|_| refused())?;
        let period = period.trim();
        let digits = period
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(period.len());
        let multiple = match &period[..digits] {
            "" => 1,
            n => n.parse().map_err(|_| refused())?,
        };
        let unit = Unit::parse(period[digits..].trim()).ok_or_else(refused)?;
        if count == 0 || multiple == 0 {
            return Err(refused());
        }
        Ok(Self::new(count, multiple, unit))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The notations of `notations.txt`, which the route macro's parser reads too.
    #[test]
    fn the_shared_notations_parse_as_listed() {
        let notations = include_str!("notations.txt");
        let lines = notations.lines().filter(|l| !l.starts_with('#'));
        for line in lines {
            let (text, expected) = line.split_once('|').unwrap();
            let (text, expected) = (text.trim(), expected.trim());
            let parsed = text.parse::<Rate>();
            if expected == "refused" {
                assert!(parsed.is_err(), "{text:?}");
                continue;
            }
            let numbers: Vec<u64> = expected.split(' ').map(|n| n.parse().unwrap()).collect();
            let rate = parsed.unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(
                rate,
                Rate::__from_parts(numbers[0], numbers[1], numbers[2]),
                "{text}"
            );
            assert_eq!(
                rate.period(),
                Duration::from_secs(numbers[1] * numbers[2]),
                "{text}"
            );
        }
    }

    #[test]
    fn a_rate_shows_as_slowapi_shows_it() {
        for (text, shown) in [
            ("5/minute", "5 per 1 minute"),
            ("10/30 seconds", "10 per 30 second"),
            ("2/Day", "2 per 1 day"),
        ] {
            assert_eq!(text.parse::<Rate>().unwrap().to_string(), shown);
        }
    }
}
