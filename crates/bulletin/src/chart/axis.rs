//! The value axis: a range that starts at or below zero, with "nice" ticks (1, 2, 2.5 or 5
//! times a power of ten apart) and their labels with thousands separators.

use crate::number::group_thousands;

use super::label::text_width;

/// A value axis from `low_index × step` to `high_index × step`. Ticks are kept as whole
/// multiples of the step so they never drift by floating-point error.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct ValueAxis {
    step: f64,
    low_index: i64,
    high_index: i64,
    decimals: usize,
}

/// One tick: its value and label.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Tick {
    pub value: f64,
    pub label: String,
}

/// The most intervals an axis has; with the smallest nice step that stays under it, an axis
/// of positive values gets 3 to 5 intervals, that is 4 to 6 ticks.
const MAX_INTERVALS: f64 = 5.0;

const MANTISSAS: [f64; 4] = [1.0, 2.0, 2.5, 5.0];

impl ValueAxis {
    /// The axis for these values, zero always included. Values that are not finite are left
    /// out; with nothing to show (or only zeros) the axis runs from 0 to 1.
    pub fn spanning(values: impl IntoIterator<Item = f64>) -> ValueAxis {
        let (min, max) = values
            .into_iter()
            .filter(|value| value.is_finite())
            .fold((0.0_f64, 0.0_f64), |(min, max), value| (min.min(value), max.max(value)));
        ValueAxis::nice(min, max)
            .or_else(|| ValueAxis::nice(0.0, 1.0))
            .unwrap_or(ValueAxis {
                step: 1.0,
                low_index: 0,
                high_index: 1,
                decimals: 0,
            })
    }

    fn nice(min: f64, max: f64) -> Option<ValueAxis> {
        let span = max - min;
        if !(span > 0.0 && span.is_finite()) {
            return None;
        }
        let exponent = (span / MAX_INTERVALS).log10().floor() as i32;
        for power in exponent - 1..=exponent + 1 {
            for mantissa in MANTISSAS {
                let step = mantissa * 10f64.powi(power);
                if !(step > 0.0 && step.is_finite()) {
                    continue;
                }
                // The small slack keeps a value that is a whole number of steps, give or take
                // rounding, from growing the axis by a step.
                let low = (min / step + 1e-9).floor();
                let high = (max / step - 1e-9).ceil();
                if high - low <= MAX_INTERVALS {
                    return Some(ValueAxis {
                        step,
                        low_index: low as i64,
                        high_index: high as i64,
                        decimals: decimals_of(step),
                    });
                }
            }
        }
        None
    }

    /// The lowest value on the axis (zero or below).
    pub fn low(&self) -> f64 {
        self.low_index as f64 * self.step
    }

    /// The highest value on the axis (zero or above).
    pub fn high(&self) -> f64 {
        self.high_index as f64 * self.step
    }

    /// Where `value` falls along the axis, from 0 at its low end to 1 at its high end.
    pub fn fraction(&self, value: f64) -> f64 {
        let span = self.high() - self.low();
        if span.is_nan() || span <= 0.0 {
            return 0.0;
        }
        let fraction = (value - self.low()) / span;
        if fraction.is_nan() {
            0.0
        } else {
            fraction.clamp(0.0, 1.0)
        }
    }

    /// The ticks from low to high, with their labels.
    pub fn ticks(&self) -> Vec<Tick> {
        (self.low_index..=self.high_index)
            .map(|index| {
                let value = index as f64 * self.step;
                Tick {
                    value,
                    label: format_tick(value, self.decimals, index == 0),
                }
            })
            .collect()
    }
}

/// How many decimals show a multiple of `step` exactly: none for 250,000, two for 0.25.
fn decimals_of(step: f64) -> usize {
    (0..=12)
        .find(|&decimals| {
            let scaled = step * 10f64.powi(decimals as i32);
            (scaled - scaled.round()).abs() <= 1e-6 * scaled
        })
        .unwrap_or(12)
}

fn format_tick(value: f64, decimals: usize, is_zero: bool) -> String {
    if is_zero {
        return "0".to_string();
    }
    let digits = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits.as_str(), ""));
    let mut out = String::new();
    if value < 0.0 {
        out.push('-');
    }
    out.push_str(&group_thousands(whole));
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// Which tick labels to show along a horizontal axis so that none overlap and all lie within
/// `0..width`: the labels at every `stride`-th tick counted from `keep` (the zero tick, which
/// readers look for first), for the smallest stride that works. Each label is given by its
/// centre's x and its text; a label that would leave the canvas is never shown.
pub(super) fn horizontal_ticks_shown(
    labels: &[(f64, &str)],
    keep: usize,
    font: f64,
    width: f64,
    gap: f64,
) -> Vec<bool> {
    let spans: Vec<Option<(f64, f64)>> = labels
        .iter()
        .map(|&(centre, text)| {
            let half = text_width(text, font) / 2.0;
            (centre - half >= 0.0 && centre + half <= width).then_some((centre - half, centre + half))
        })
        .collect();
    for stride in 1..=labels.len().max(1) {
        let shown: Vec<bool> = spans
            .iter()
            .enumerate()
            .map(|(index, span)| index.abs_diff(keep) % stride == 0 && span.is_some())
            .collect();
        let mut previous_end = f64::NEG_INFINITY;
        let mut clear = true;
        for (span, &is_shown) in spans.iter().zip(&shown) {
            if let (Some((start, end)), true) = (span, is_shown) {
                if *start < previous_end + gap {
                    clear = false;
                    break;
                }
                previous_end = *end;
            }
        }
        if clear {
            return shown;
        }
    }
    vec![false; labels.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(values: &[f64], expected_labels: &[&str]) {
        let axis = ValueAxis::spanning(values.iter().copied());
        let labels: Vec<String> = axis.ticks().into_iter().map(|tick| tick.label).collect();
        assert_eq!(labels, expected_labels, "{values:?}");
    }

    #[test]
    fn nice_ticks() {
        check(
            &[1_087_845.0, 9402.3],
            &["0", "250,000", "500,000", "750,000", "1,000,000", "1,250,000"],
        );
        check(&[98.0, 69.0], &["0", "20", "40", "60", "80", "100"]);
        check(
            &[20_472.0, 16.0],
            &["0", "5,000", "10,000", "15,000", "20,000", "25,000"],
        );
        check(&[101.0], &["0", "25", "50", "75", "100", "125"]);
        check(&[0.9], &["0", "0.2", "0.4", "0.6", "0.8", "1.0"]);
        check(&[-0.1, 4.1], &["-2", "0", "2", "4", "6"]);
        check(&[-30.0, 10.0], &["-30", "-20", "-10", "0", "10"]);
        check(&[], &["0", "0.2", "0.4", "0.6", "0.8", "1.0"]);
        check(&[0.0, 0.0], &["0", "0.2", "0.4", "0.6", "0.8", "1.0"]);
        check(&[f64::NAN, f64::INFINITY, 3.0], &["0", "1", "2", "3"]);
        check(
            &[1e15],
            &[
                "0",
                "200,000,000,000,000",
                "400,000,000,000,000",
                "600,000,000,000,000",
                "800,000,000,000,000",
                "1,000,000,000,000,000",
            ],
        );
    }

    #[test]
    fn every_positive_axis_has_four_to_six_ticks() {
        let mut value = 0.001;
        while value < 1e16 {
            let axis = ValueAxis::spanning([value]);
            let n_ticks = axis.ticks().len();
            assert!((4..=6).contains(&n_ticks), "{value}: {n_ticks} ticks");
            assert!(axis.high() >= value, "{value} beyond {}", axis.high());
            value *= 1.37;
        }
    }

    #[test]
    fn fractions_run_from_low_to_high() {
        let axis = ValueAxis::spanning([-30.0, 10.0]);
        assert_eq!(axis.fraction(-30.0), 0.0);
        assert_eq!(axis.fraction(0.0), 0.75);
        assert_eq!(axis.fraction(10.0), 1.0);
        assert_eq!(axis.fraction(1e300), 1.0);
        assert_eq!(axis.fraction(f64::NAN), 0.0);
    }

    #[test]
    fn crowded_tick_labels_are_thinned() {
        let labels = [(10.0, "0"), (40.0, "200,000"), (70.0, "400,000"), (100.0, "600,000")];
        // 200,000 is 3.9 em = 39 px at 10 px: neighbours 30 px apart collide, 60 px apart do not.
        assert_eq!(
            horizontal_ticks_shown(&labels, 0, 10.0, 200.0, 2.0),
            [true, false, true, false]
        );
        assert_eq!(horizontal_ticks_shown(&labels, 0, 1.0, 200.0, 2.0), [true; 4]);
        // A label that would leave the canvas is dropped, the others kept.
        assert_eq!(
            horizontal_ticks_shown(&labels, 0, 1.0, 101.0, 2.0),
            [true, true, true, false]
        );
        // Counting from the zero tick, wherever it is.
        assert_eq!(
            horizontal_ticks_shown(&labels, 1, 10.0, 200.0, 2.0),
            [false, true, false, true]
        );
    }
}
