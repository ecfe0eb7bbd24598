//! The layout of horizontal bars: one band a row, top to bottom in the requested order, the
//! row's label on the left (on one line, cut with "…", or for an exported chart wrapped onto
//! as many lines as it needs, its band taller), the bar from zero, its printed value at its
//! end, and the value axis with its ticks below.

use super::axis::{horizontal_ticks_shown, ValueAxis};
use super::label::{shorten, text_width, wrap};
use super::{Anchor, BarMark, ChartLayout, Entry, Horizontal, LineRole, Marks, Plan, TextRole, Vertical};
use crate::number::Number;

/// Space around the chart, in CSS pixels.
const PAD: f64 = 8.0;
/// The height of one row's band.
const BAND: f64 = 26.0;
/// The thickness of a bar, centred in its band.
const BAR: f64 = 18.0;
const CATEGORY_FONT: f64 = 13.0;
/// The distance between the lines of a wrapped row label.
const LABEL_LINE: f64 = 16.0;
/// The most lines a wrapped row label takes.
const MAX_LABEL_LINES: usize = 6;
const VALUE_FONT: f64 = 12.0;
const TICK_FONT: f64 = 11.0;
/// The label column takes this share of the width, within the bounds below, and no more than
/// the longest label needs.
const LABEL_COLUMN_SHARE: f64 = 0.3;
const MIN_LABEL_COLUMN: f64 = 72.0;
const MAX_LABEL_COLUMN: f64 = 280.0;
/// Between the label column and the plot.
const LABEL_GAP: f64 = 6.0;
/// Between a bar's end and its value label.
const VALUE_GAP: f64 = 4.0;
/// Between the plot and the tick labels below it.
const TICK_GAP: f64 = 4.0;
/// The least room between two tick labels.
const TICK_LABEL_GAP: f64 = 6.0;
/// How close to the canvas edge a value label may come.
const EDGE: f64 = 4.0;

pub(super) fn layout(plan: &Plan<'_>) -> ChartLayout {
    let device = plan.device;
    let width = plan.css_width;
    let mut marks = Marks::default();
    let series_label = plan
        .series
        .first()
        .map(|series| series.heading.clone())
        .unwrap_or_default();

    let axis = ValueAxis::spanning(plan.entries.iter().filter_map(figure).map(|number| number.value));
    let ticks = axis.ticks();

    let longest_label = plan
        .entries
        .iter()
        .map(|entry| text_width(&entry.label, CATEGORY_FONT))
        .fold(0.0, f64::max);
    let label_column = (width * LABEL_COLUMN_SHARE)
        .clamp(MIN_LABEL_COLUMN, MAX_LABEL_COLUMN)
        .min(longest_label.ceil());
    let label_right = PAD + label_column;

    // Each row's label, cut to one line or wrapped (an exported chart: no label is cut), and the
    // band that holds it: one line's band, taller by a line for each line more.
    let labels: Vec<Vec<String>> = plan
        .entries
        .iter()
        .map(|entry| {
            if plan.wrap_labels {
                let lines = wrap(&entry.label, label_column, CATEGORY_FONT, MAX_LABEL_LINES);
                if lines.is_empty() {
                    vec![String::new()]
                } else {
                    lines
                }
            } else {
                vec![shorten(&entry.label, label_column, CATEGORY_FONT)]
            }
        })
        .collect();
    let bands: Vec<f64> = labels
        .iter()
        .map(|lines| BAND + lines.len().saturating_sub(1) as f64 * LABEL_LINE)
        .collect();
    // Zero rows still get one empty band, so the axis has a plot to stand under.
    let plot_top = PAD;
    let plot_bottom = plot_top + if bands.is_empty() { BAND } else { bands.iter().sum() };
    let tick_top = plot_bottom + TICK_GAP;
    let css_height = tick_top + TICK_FONT + PAD;
    let plot_left = label_right + LABEL_GAP;
    // The last tick label is centred on the plot's right edge, so the plot leaves room for its
    // right half (up to a fifth of the width; a label wider than that is not shown).
    let last_tick_half = ticks
        .last()
        .map(|tick| text_width(&tick.label, TICK_FONT) / 2.0 + 2.0)
        .unwrap_or(0.0);
    let right_margin = PAD.max(last_tick_half.min(width * 0.2));
    let plot_right = (width - right_margin).max(plot_left + 1.0);
    let x_of = |value: f64| plot_left + axis.fraction(value) * (plot_right - plot_left);
    let x_zero = x_of(0.0);

    for tick in &ticks {
        if tick.value != 0.0 {
            let x = x_of(tick.value);
            marks
                .lines
                .push(device.line((x, plot_top), (x, plot_bottom), LineRole::Grid));
        }
    }
    marks
        .lines
        .push(device.line((x_zero, plot_top), (x_zero, plot_bottom), LineRole::Axis));

    let mut band_top = plot_top;
    for ((entry, lines), band) in plan.entries.iter().zip(&labels).zip(&bands) {
        let centre_y = band_top + band / 2.0;
        band_top += band;
        let first_line = centre_y - (lines.len() as f64 - 1.0) / 2.0 * LABEL_LINE;
        for (index, line) in lines.iter().enumerate() {
            marks.texts.push(device.text(
                line.clone(),
                entry.label.clone(),
                (label_right, first_line + index as f64 * LABEL_LINE),
                CATEGORY_FONT,
                Anchor::new(Horizontal::Right, Vertical::Middle),
                TextRole::CategoryLabel,
            ));
        }
        let Some(number) = figure(entry) else {
            continue;
        };
        let x_end = x_of(number.value);
        marks.bars.push(BarMark {
            rect: device.rect(x_zero, centre_y - BAR / 2.0, x_end, centre_y + BAR / 2.0),
            row: entry.row,
            series: 0,
            label: entry.label.clone(),
            series_label: series_label.clone(),
            value_shown: number.shown.clone(),
        });
        if let Some((text, x, horizontal)) = place_value_label(&number.shown, x_zero, x_end, plot_left, width) {
            marks.texts.push(device.text(
                text,
                number.shown.clone(),
                (x, centre_y),
                VALUE_FONT,
                Anchor::new(horizontal, Vertical::Middle),
                TextRole::ValueLabel,
            ));
        }
    }

    let tick_labels: Vec<(f64, &str)> = ticks
        .iter()
        .map(|tick| (x_of(tick.value), tick.label.as_str()))
        .collect();
    let zero_tick = ticks.iter().position(|tick| tick.value == 0.0).unwrap_or(0);
    let shown = horizontal_ticks_shown(&tick_labels, zero_tick, TICK_FONT, width, TICK_LABEL_GAP);
    for (&(x, text), is_shown) in tick_labels.iter().zip(shown) {
        if is_shown {
            marks.texts.push(device.text(
                text.to_string(),
                text.to_string(),
                (x, tick_top),
                TICK_FONT,
                Anchor::new(Horizontal::Centre, Vertical::Top),
                TextRole::TickLabel,
            ));
        }
    }

    plan.finish(css_height, marks)
}

/// The figure a row's bar shows: Bars draw one series.
fn figure<'t>(entry: &Entry<'t>) -> Option<&'t Number> {
    entry.figures.first().copied().flatten()
}

/// Where a bar's printed value goes, in order of preference: just past the bar's end, inside
/// the end of the bar, or on the other side of the zero line (free space in the bar's own
/// band when the axis runs below zero). When it fits in none of them in full, it is cut to the
/// roomiest. Past the end of a negative bar, and beyond zero for a positive one, the label stops
/// at the plot's left edge so it never runs into the row labels. None when not even "…" fits.
fn place_value_label(
    shown: &str,
    x_zero: f64,
    x_end: f64,
    plot_left: f64,
    width: f64,
) -> Option<(String, f64, Horizontal)> {
    let label_width = text_width(shown, VALUE_FONT);
    let room_inside = (x_end - x_zero).abs() - 2.0 * VALUE_GAP;
    let room_right_of = |x: f64| width - EDGE - (x + VALUE_GAP);
    let room_left_of = |x: f64| x - VALUE_GAP - plot_left;
    // (room, anchor x, which edge of the text sits at the anchor)
    let places = if x_end >= x_zero {
        [
            (room_right_of(x_end), x_end + VALUE_GAP, Horizontal::Left),
            (room_inside, x_end - VALUE_GAP, Horizontal::Right),
            (room_left_of(x_zero), x_zero - VALUE_GAP, Horizontal::Right),
        ]
    } else {
        [
            (room_left_of(x_end), x_end - VALUE_GAP, Horizontal::Right),
            (room_inside, x_end + VALUE_GAP, Horizontal::Left),
            (room_right_of(x_zero), x_zero + VALUE_GAP, Horizontal::Left),
        ]
    };
    let fitting = places.iter().find(|(room, _, _)| label_width <= *room);
    let roomiest = places
        .iter()
        .fold(places[0], |best, &place| if place.0 > best.0 { place } else { best });
    let &(room, x, horizontal) = fitting.unwrap_or(&roomiest);
    let text = shorten(shown, room, VALUE_FONT);
    (!text.is_empty()).then_some((text, x, horizontal))
}
