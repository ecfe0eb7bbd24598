//! Numbers as the bulletin prints them: `20,472`, `1,087,845.00`, `9402.30`, `630 (25)`,
//! `94,000.00 (17,000.00)`.
//!
//! A printed number becomes a [`Number`] once, when the source is parsed: its main figure
//! (which sorts and is charted), its optional parenthesised sub-figure (shown, and counted
//! by totals) and the printed form, kept for display. [`Decimal`] is the exact value used
//! to check that a total row adds up, free of floating-point error.

use core::fmt;

use serde::{Deserialize, Serialize};

/// A number as printed in a table cell.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Number {
    /// The main figure.
    pub value: f64,
    /// The parenthesised sub-figure, as in `630 (25)`.
    pub sub: Option<f64>,
    /// The printed form, exactly as in the source.
    pub shown: String,
}

impl Number {
    /// The printed main figure and the printed sub-figure with its parentheses:
    /// `630 (25)` gives `("630", Some("(25)"))`.
    pub fn parts(&self) -> (&str, Option<&str>) {
        match self.shown.find('(') {
            Some(open) => (self.shown[..open].trim_end(), Some(&self.shown[open..])),
            None => (self.shown.as_str(), None),
        }
    }
}

/// An exact decimal: `units / 10^scale`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decimal {
    units: i128,
    scale: u8,
}

/// A number parsed from print, with its exact parts for checks.
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedNumber {
    /// The number for the model.
    pub number: Number,
    /// The exact main figure.
    pub main: Decimal,
    /// The exact sub-figure.
    pub sub: Option<Decimal>,
}

/// Why a text is not a printed number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumberError {
    /// The text is empty.
    Empty,
    /// A character that has no place in a number.
    Unexpected {
        /// The character.
        found: char,
        /// Its position in characters from the start.
        at: usize,
    },
    /// Thousands separators in the wrong places (`1,00`, `12,3456`).
    Grouping,
    /// A `(` without its `)`, or text after the `)`.
    Parenthesis,
    /// More digits than any printed figure has.
    TooLong,
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NumberError::Empty => write!(f, "expected a number, found nothing"),
            NumberError::Unexpected { found, at } => {
                write!(
                    f,
                    "unexpected {found:?} at character {}; a number is written like 1,234.56 or 630 (25)",
                    at + 1
                )
            }
            NumberError::Grouping => write!(f, "thousands separators must group digits by three, as in 1,234,567"),
            NumberError::Parenthesis => {
                write!(
                    f,
                    "a sub-figure is written in parentheses after the main figure, as in 630 (25)"
                )
            }
            NumberError::TooLong => write!(f, "the number has too many digits"),
        }
    }
}

impl Decimal {
    /// Zero.
    pub const ZERO: Decimal = Decimal { units: 0, scale: 0 };

    /// Parses `-1,234.56` (grouping optional but, when used, by threes), and `+3.2`, as print
    /// writes a rise.
    pub fn parse(text: &str) -> Result<Decimal, NumberError> {
        let (negative, digits) = match (text.strip_prefix('-'), text.strip_prefix('+')) {
            (Some(rest), _) => (true, rest),
            (None, Some(rest)) => (false, rest),
            (None, None) => (false, text),
        };
        if digits.is_empty() {
            return Err(NumberError::Empty);
        }
        let (whole, fraction) = match digits.split_once('.') {
            Some((whole, fraction)) => (whole, Some(fraction)),
            None => (digits, None),
        };
        let offset = usize::from(digits.len() < text.len());
        check_digits(whole, offset, true)?;
        if whole.is_empty() {
            return Err(NumberError::Unexpected { found: '.', at: offset });
        }
        check_grouping(whole)?;
        let mut units: i128 = 0;
        let mut scale: u8 = 0;
        for c in whole.chars().filter(|c| *c != ',') {
            units = push_digit(units, c)?;
        }
        if let Some(fraction) = fraction {
            let at = offset + whole.chars().count() + 1;
            check_digits(fraction, at, false)?;
            if fraction.is_empty() {
                return Err(NumberError::Unexpected { found: '.', at: at - 1 });
            }
            for c in fraction.chars() {
                units = push_digit(units, c)?;
                scale = scale.checked_add(1).ok_or(NumberError::TooLong)?;
            }
        }
        Ok(Decimal {
            units: if negative { -units } else { units },
            scale,
        })
    }

    /// The sum of two decimals, exact.
    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        let scale = self.scale.max(other.scale);
        let a = self.rescale(scale)?;
        let b = other.rescale(scale)?;
        Some(Decimal {
            units: a.checked_add(b)?,
            scale,
        })
    }

    fn rescale(self, scale: u8) -> Option<i128> {
        let factor = 10i128.checked_pow(u32::from(scale - self.scale))?;
        self.units.checked_mul(factor)
    }

    /// Half a unit of the decimal's last printed place, the most its rounding can have moved
    /// it: `0.05` for `45.2`, `0.5` for `120`. None for a decimal of the most places there are.
    pub fn half_unit(self) -> Option<Decimal> {
        Some(Decimal {
            units: 5,
            scale: self.scale.checked_add(1)?,
        })
    }

    /// Whether `self` is within `tolerance` of `other`, exactly. False when they cannot be
    /// compared (too many digits).
    pub fn within(self, other: Decimal, tolerance: Decimal) -> bool {
        let scale = self.scale.max(other.scale).max(tolerance.scale);
        match (self.rescale(scale), other.rescale(scale), tolerance.rescale(scale)) {
            (Some(a), Some(b), Some(tolerance)) => a
                .checked_sub(b)
                .is_some_and(|difference| difference.unsigned_abs() <= tolerance.unsigned_abs()),
            _ => false,
        }
    }

    /// Whether two decimals are the same number, whatever their printed precision.
    pub fn same_value(self, other: Decimal) -> bool {
        let scale = self.scale.max(other.scale);
        match (self.rescale(scale), other.rescale(scale)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        }
    }

    /// The decimal times `10^power` (a negative power divides), exact: `326.99` times `10^8`
    /// is `32699000000.00`. None when the result has too many digits.
    pub fn times_power_of_ten(self, power: i32) -> Option<Decimal> {
        if power >= 0 {
            let factor = 10i128.checked_pow(u32::try_from(power).ok()?)?;
            Some(Decimal {
                units: self.units.checked_mul(factor)?,
                scale: self.scale,
            })
        } else {
            let places = u8::try_from(power.unsigned_abs()).ok()?;
            Some(Decimal {
                units: self.units,
                scale: self.scale.checked_add(places)?,
            })
        }
    }

    /// The decimal rounded to `decimals` places, halves away from zero: `10.87845` to one place
    /// is `10.9`. A decimal with fewer places is only written with more.
    pub fn rounded(self, decimals: u8) -> Decimal {
        if decimals >= self.scale {
            let factor = 10i128.pow(u32::from(decimals - self.scale));
            return match self.units.checked_mul(factor) {
                Some(units) => Decimal { units, scale: decimals },
                None => self,
            };
        }
        let divisor = 10i128.pow(u32::from(self.scale - decimals));
        let (quotient, remainder) = (self.units / divisor, self.units % divisor);
        let away = remainder.unsigned_abs() * 2 >= divisor.unsigned_abs();
        let units = match (away, self.units < 0) {
            (true, true) => quotient - 1,
            (true, false) => quotient + 1,
            (false, _) => quotient,
        };
        Decimal { units, scale: decimals }
    }

    /// The value as a float, for sorting and drawing.
    pub fn to_f64(self) -> f64 {
        // Precision loss is acceptable here: the exact value is kept for checks.
        self.units as f64 / 10f64.powi(i32::from(self.scale))
    }
}

fn check_digits(text: &str, offset: usize, commas: bool) -> Result<(), NumberError> {
    for (index, c) in text.chars().enumerate() {
        if !(c.is_ascii_digit() || (commas && c == ',')) {
            return Err(NumberError::Unexpected {
                found: c,
                at: offset + index,
            });
        }
    }
    Ok(())
}

fn check_grouping(whole: &str) -> Result<(), NumberError> {
    if !whole.contains(',') {
        return Ok(());
    }
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or("");
    if first.is_empty() || first.len() > 3 || groups.any(|group| group.len() != 3) {
        return Err(NumberError::Grouping);
    }
    Ok(())
}

fn push_digit(units: i128, c: char) -> Result<i128, NumberError> {
    let digit = i128::from(c.to_digit(10).ok_or(NumberError::Unexpected { found: c, at: 0 })? as u8);
    units
        .checked_mul(10)
        .and_then(|units| units.checked_add(digit))
        .filter(|units| *units < 10i128.pow(30))
        .ok_or(NumberError::TooLong)
}

impl fmt::Display for Decimal {
    /// Prints with thousands separators and the decimal's own precision: `3,269,921.35`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.units.unsigned_abs().to_string();
        let scale = usize::from(self.scale);
        let padded = if digits.len() <= scale {
            format!("{}{digits}", "0".repeat(scale + 1 - digits.len()))
        } else {
            digits
        };
        let (whole, fraction) = padded.split_at(padded.len() - scale);
        if self.units < 0 {
            f.write_str("-")?;
        }
        f.write_str(&group_thousands(whole))?;
        if !fraction.is_empty() {
            write!(f, ".{fraction}")?;
        }
        Ok(())
    }
}

/// Inserts thousands separators into a run of digits: `1234567` becomes `1,234,567`.
pub fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, c) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Figures added up exactly, with how far print's rounding of each can have moved the sum:
/// half a unit of each figure's last printed place. A total print rounded apart from its rows
/// (`total=rounded`) is checked against it, by the parser and the importer alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RoundedSum {
    /// The exact sum.
    pub sum: Decimal,
    /// The most the rounding of the figures added can have moved it.
    pub slack: Decimal,
}

impl RoundedSum {
    /// Nothing added yet.
    pub const ZERO: RoundedSum = RoundedSum {
        sum: Decimal::ZERO,
        slack: Decimal::ZERO,
    };

    /// The sum with `figure` added; None beyond the exact decimal's range.
    pub fn adding(self, figure: Decimal) -> Option<RoundedSum> {
        self.join(RoundedSum {
            sum: figure,
            slack: figure.half_unit()?,
        })
    }

    /// Two sums as one (the main figures and the sub-figures, for a total that counts both).
    pub fn join(self, other: RoundedSum) -> Option<RoundedSum> {
        Some(RoundedSum {
            sum: self.sum.checked_add(other.sum)?,
            slack: self.slack.checked_add(other.slack)?,
        })
    }

    /// How far a total printed as `stated` may be from the sum: the figures' rounding and its own.
    pub fn tolerance(self, stated: Decimal) -> Option<Decimal> {
        self.slack.checked_add(stated.half_unit()?)
    }

    /// Whether a total printed as `stated` is the sum up to that rounding.
    pub fn agrees_within_rounding(self, stated: Decimal) -> bool {
        self.tolerance(stated)
            .is_some_and(|tolerance| stated.within(self.sum, tolerance))
    }
}

/// The marks print puts in a column of figures where a row has no figure.
pub const DASHES: [&str; 4] = ["-", "–", "—", "−"];

/// Whether `text` (trimmed) is one of the [`DASHES`] alone: no figure, where a figure would be.
pub fn is_dash(text: &str) -> bool {
    DASHES.contains(&text.trim())
}

/// A figure without the percent sign a percentage may carry after it, as print has it (`12.5%`).
fn without_percent(text: &str) -> &str {
    text.strip_suffix('%').map_or(text, str::trim_end)
}

/// Parses a printed number with an optional parenthesised sub-figure.
pub fn parse(text: &str) -> Result<ParsedNumber, NumberError> {
    let shown = text.trim();
    if shown.is_empty() {
        return Err(NumberError::Empty);
    }
    let (main_text, sub_text) = match shown.find('(') {
        Some(open) => {
            let rest = &shown[open + 1..];
            let Some(inner) = rest.strip_suffix(')') else {
                return Err(NumberError::Parenthesis);
            };
            if inner.contains(['(', ')']) {
                return Err(NumberError::Parenthesis);
            }
            (shown[..open].trim_end(), Some(inner.trim()))
        }
        None if shown.contains(')') => return Err(NumberError::Parenthesis),
        None => (shown, None),
    };
    if main_text.is_empty() {
        return Err(NumberError::Parenthesis);
    }
    let main = Decimal::parse(without_percent(main_text))?;
    let sub_text = sub_text.map(without_percent);
    // A fault in the sub-figure is placed in the whole text, not in the parentheses.
    let sub = sub_text
        .map(|inner| {
            Decimal::parse(inner).map_err(|error| match error {
                NumberError::Unexpected { found, at } => {
                    // `inner` is a slice of `shown`: the characters before it count.
                    let start = inner.as_ptr() as usize - shown.as_ptr() as usize;
                    NumberError::Unexpected {
                        found,
                        at: at + shown[..start].chars().count(),
                    }
                }
                other => other,
            })
        })
        .transpose()?;
    Ok(ParsedNumber {
        number: Number {
            value: main.to_f64(),
            sub: sub.map(Decimal::to_f64),
            shown: shown.to_string(),
        },
        main,
        sub,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(input: &str, value: f64, sub: Option<f64>) {
        let parsed = parse(input).unwrap_or_else(|error| panic!("{input:?}: {error}"));
        assert_eq!(parsed.number.value, value, "{input:?}");
        assert_eq!(parsed.number.sub, sub, "{input:?}");
        assert_eq!(parsed.number.shown, input.trim());
    }

    #[test]
    fn a_fault_in_the_sub_figure_is_placed_in_the_whole_text() {
        check_error("630 (2x5)", NumberError::Unexpected { found: 'x', at: 6 });
        check_error("630 ( 2x5)", NumberError::Unexpected { found: 'x', at: 7 });
        check_error("6.83점", NumberError::Unexpected { found: '점', at: 4 });
        check_error("6.83%%", NumberError::Unexpected { found: '%', at: 4 });
    }

    #[track_caller]
    fn check_error(input: &str, expected: NumberError) {
        assert_eq!(parse(input).map(|parsed| parsed.number), Err(expected), "{input:?}");
    }

    #[test]
    fn half_units_and_nearness() {
        let decimal = |text: &str| Decimal::parse(text).unwrap_or_else(|error| panic!("{text:?}: {error}"));
        assert!(decimal("45.2")
            .half_unit()
            .is_some_and(|half| half.same_value(decimal("0.05"))));
        assert!(decimal("120")
            .half_unit()
            .is_some_and(|half| half.same_value(decimal("0.5"))));
        assert!(decimal("99.9").within(decimal("100.0"), decimal("0.20")));
        assert!(decimal("100.0").within(decimal("99.8"), decimal("0.2")));
        assert!(!decimal("99.7").within(decimal("100"), decimal("0.25")));
        assert!(decimal("-1").within(decimal("1"), decimal("2")));
    }

    #[test]
    fn a_dash_alone_is_no_figure_and_not_a_number() {
        for dash in DASHES {
            assert!(is_dash(dash) && is_dash(&format!(" {dash} ")), "{dash:?}");
            assert!(parse(dash).is_err(), "{dash:?}");
        }
        for text in ["", "--", "-1", "- 1", "n/a", "0"] {
            assert!(!is_dash(text), "{text:?}");
        }
    }

    #[test]
    fn plain_and_grouped() {
        check("20,472", 20472.0, None);
        check("1,087,845.00", 1087845.0, None);
        check("9402.30", 9402.3, None);
        check("31.90", 31.9, None);
        check("0", 0.0, None);
        check("-12.5", -12.5, None);
        check("+3.2", 3.2, None);
        check("+1,200 (+5)", 1200.0, Some(5.0));
        check("12.5%", 12.5, None);
        check("-3 %", -3.0, None);
        check("45.2% (3.1%)", 45.2, Some(3.1));
        check(" 88.1 ", 88.1, None);
    }

    #[test]
    fn printed_parts() {
        let parts = |text: &str| {
            parse(text).map(|parsed| {
                let (main, sub) = parsed.number.parts();
                (main.to_string(), sub.map(str::to_string))
            })
        };
        assert_eq!(parts("630 (25)"), Ok(("630".to_string(), Some("(25)".to_string()))));
        assert_eq!(parts("1,087,845.00"), Ok(("1,087,845.00".to_string(), None)));
    }

    #[test]
    fn sub_figures() {
        check("630 (25)", 630.0, Some(25.0));
        check("126,000.00 (5,000)", 126000.0, Some(5000.0));
        check("94,000.00 (17,000.00)", 94000.0, Some(17000.0));
        check("16(3)", 16.0, Some(3.0));
    }

    #[test]
    fn broken_numbers() {
        check_error("", NumberError::Empty);
        check_error("12,34", NumberError::Grouping);
        check_error("1234,567", NumberError::Grouping);
        check_error(",123", NumberError::Grouping);
        check_error("12a", NumberError::Unexpected { found: 'a', at: 2 });
        check_error("1.2.3", NumberError::Unexpected { found: '.', at: 3 });
        check_error("630 (25", NumberError::Parenthesis);
        check_error("(25)", NumberError::Parenthesis);
        check_error("630 (25) 1", NumberError::Parenthesis);
        check_error("12.", NumberError::Unexpected { found: '.', at: 2 });
        check_error("일반", NumberError::Unexpected { found: '일', at: 0 });
        check_error(&"9".repeat(40), NumberError::TooLong);
    }

    #[test]
    fn exact_sums() {
        let total = ["1,087,845.00", "205,282.00", "9402.30"]
            .iter()
            .try_fold(Decimal::ZERO, |sum, text| sum.checked_add(Decimal::parse(text).ok()?))
            .unwrap();
        assert_eq!(total.to_string(), "1,302,529.30");
        assert!(Decimal::parse("320")
            .unwrap()
            .same_value(Decimal::parse("320.00").unwrap()));
        assert!(!Decimal::parse("320")
            .unwrap()
            .same_value(Decimal::parse("320.01").unwrap()));
    }

    #[test]
    fn powers_of_ten_and_rounding_are_exact() {
        let decimal = |text: &str| Decimal::parse(text).unwrap_or_else(|error| panic!("{text}: {error}"));
        let shifted = |text: &str, power: i32| decimal(text).times_power_of_ten(power).map(|value| value.to_string());
        assert_eq!(shifted("326.99", 8).as_deref(), Some("32,699,000,000.00"));
        assert_eq!(shifted("1,087,845.00", 4).as_deref(), Some("10,878,450,000.00"));
        assert_eq!(shifted("32699000000", -9).as_deref(), Some("32.699000000"));
        assert_eq!(shifted("9", 40), None);
        let rounded = |text: &str, places: u8| decimal(text).rounded(places).to_string();
        assert_eq!(rounded("32.699", 1), "32.7");
        assert_eq!(rounded("10.84999", 1), "10.8");
        assert_eq!(rounded("10.85", 1), "10.9");
        assert_eq!(rounded("-10.85", 1), "-10.9");
        assert_eq!(rounded("319000.00", 0), "319,000");
        assert_eq!(rounded("94.023", 0), "94");
        assert_eq!(rounded("94", 1), "94.0");
    }

    #[test]
    fn grouping_for_display() {
        assert_eq!(group_thousands("3269921"), "3,269,921");
        assert_eq!(group_thousands("921"), "921");
        assert_eq!(Decimal::parse("-0.05").unwrap().to_string(), "-0.05");
    }
}
