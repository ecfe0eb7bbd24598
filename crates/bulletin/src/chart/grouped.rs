//! The layout of grouped columns: one group a row along the x axis in the requested order, one
//! column a measured column within the group, the legend above, the value axis on the left and
//! the row labels under their groups.

use super::axis::ValueAxis;
use super::label::{shorten, text_width};
use super::{Anchor, BarMark, ChartLayout, Horizontal, LegendMark, LineRole, Marks, Plan, TextRole, Vertical};

/// Space around the chart, in CSS pixels.
const PAD: f64 = 8.0;
const LEGEND_FONT: f64 = 12.0;
const SWATCH: f64 = 10.0;
/// Between a swatch and its label.
const SWATCH_GAP: f64 = 4.0;
/// Between one legend entry and the next on the same line.
const LEGEND_ENTRY_GAP: f64 = 14.0;
const LEGEND_LINE: f64 = 18.0;
/// Between the legend and the plot; the top tick label reaches half its height into it.
const LEGEND_GAP: f64 = 10.0;
/// The plot's height, whatever the width, so the chart stays about 320 CSS pixels tall.
const PLOT_HEIGHT: f64 = 250.0;
const TICK_FONT: f64 = 11.0;
/// Between the tick labels and the plot.
const TICK_GAP: f64 = 4.0;
const CATEGORY_FONT: f64 = 12.0;
/// Between the plot and the first line of row labels.
const CATEGORY_GAP: f64 = 6.0;
const CATEGORY_LINE: f64 = 16.0;
/// The share of a group's width left empty, half on each side, so groups stand apart.
const GROUP_PADDING_SHARE: f64 = 0.2;
/// The least room between two row labels on the same line.
const CATEGORY_LABEL_GAP: f64 = 4.0;

pub(super) fn layout(plan: &Plan<'_>) -> ChartLayout {
    let device = plan.device;
    let width = plan.css_width;
    let mut marks = Marks::default();

    // The legend flows left to right and wraps; an entry too long for a line of its own is cut.
    let legend_right = width - PAD;
    let longest_legend_label = (legend_right - PAD - SWATCH - SWATCH_GAP).max(0.0);
    let mut x = PAD;
    let mut line = 0;
    for (position, series) in plan.series.iter().enumerate() {
        let text = shorten(&series.label, longest_legend_label, LEGEND_FONT);
        let entry_width = SWATCH + SWATCH_GAP + text_width(&text, LEGEND_FONT);
        if x > PAD && x + entry_width > legend_right {
            line += 1;
            x = PAD;
        }
        let centre_y = PAD + (line as f64 + 0.5) * LEGEND_LINE;
        marks.legend.push(LegendMark {
            swatch: device.rect(x, centre_y - SWATCH / 2.0, x + SWATCH, centre_y + SWATCH / 2.0),
            series: position,
            label: series.heading.clone(),
        });
        marks.texts.push(device.text(
            text,
            series.label.clone(),
            (x + SWATCH + SWATCH_GAP, centre_y),
            LEGEND_FONT,
            Anchor::new(Horizontal::Left, Vertical::Middle),
            TextRole::LegendLabel,
        ));
        x += entry_width + LEGEND_ENTRY_GAP;
    }
    let legend_lines = if plan.series.is_empty() { 0 } else { line + 1 };

    let plot_top = PAD + legend_lines as f64 * LEGEND_LINE + LEGEND_GAP;
    let plot_bottom = plot_top + PLOT_HEIGHT;
    let axis = ValueAxis::spanning(
        plan.entries
            .iter()
            .flat_map(|entry| entry.figures.iter().flatten().map(|number| number.value)),
    );
    let ticks = axis.ticks();
    let y_of = |value: f64| plot_bottom - axis.fraction(value) * PLOT_HEIGHT;
    // Tick labels are right-aligned against the plot; the plot starts after the widest, but a
    // label wider than a third of the chart is cut rather than squeezing the plot away.
    let tick_column = ticks
        .iter()
        .map(|tick| text_width(&tick.label, TICK_FONT))
        .fold(0.0, f64::max)
        .min(width / 3.0);
    let plot_left = PAD + tick_column + TICK_GAP;
    let plot_right = width - PAD;

    for tick in &ticks {
        let y = y_of(tick.value);
        if tick.value != 0.0 {
            marks
                .lines
                .push(device.line((plot_left, y), (plot_right, y), LineRole::Grid));
        }
        marks.texts.push(device.text(
            shorten(&tick.label, tick_column, TICK_FONT),
            tick.label.clone(),
            (plot_left - TICK_GAP, y),
            TICK_FONT,
            Anchor::new(Horizontal::Right, Vertical::Middle),
            TextRole::TickLabel,
        ));
    }
    let y_zero = y_of(0.0);
    marks
        .lines
        .push(device.line((plot_left, y_zero), (plot_right, y_zero), LineRole::Axis));

    let n_groups = plan.entries.len();
    let group_width = (plot_right - plot_left) / n_groups.max(1) as f64;
    let n_series = plan.series.len().max(1) as f64;
    let column_width = group_width * (1.0 - GROUP_PADDING_SHARE) / n_series;
    // When a row label does not fit under its own group, labels alternate between two lines,
    // so each has the width of two groups.
    let single_slot = group_width - CATEGORY_LABEL_GAP;
    let staggered = n_groups > 1
        && plan
            .entries
            .iter()
            .any(|entry| text_width(&entry.label, CATEGORY_FONT) > single_slot);
    let slot = if staggered {
        2.0 * group_width - CATEGORY_LABEL_GAP
    } else {
        single_slot
    };
    let label_lines = if staggered { 2.0 } else { 1.0 };
    let css_height = plot_bottom + CATEGORY_GAP + label_lines * CATEGORY_LINE + PAD;

    for (position, entry) in plan.entries.iter().enumerate() {
        let group_left = plot_left + position as f64 * group_width;
        let first_column_left = group_left + group_width * GROUP_PADDING_SHARE / 2.0;
        // Neighbouring columns share an edge computed once, so rounding never makes them overlap.
        let column_edge = |series: usize| first_column_left + series as f64 * column_width;
        for (series, figure) in entry.figures.iter().enumerate() {
            let Some(number) = figure else {
                continue;
            };
            marks.bars.push(BarMark {
                rect: device.rect(column_edge(series), y_zero, column_edge(series + 1), y_of(number.value)),
                row: entry.row,
                series,
                label: entry.label.clone(),
                series_label: plan.series.get(series).map(|s| s.heading.clone()).unwrap_or_default(),
                value_shown: number.shown.clone(),
            });
        }

        let centre_x = group_left + group_width / 2.0;
        // The first and last labels may not reach past the canvas edge.
        let half_slot = (slot / 2.0).min(centre_x - 1.0).min(width - 1.0 - centre_x).max(0.0);
        let line = if staggered { position % 2 } else { 0 };
        marks.texts.push(device.text(
            shorten(&entry.label, 2.0 * half_slot, CATEGORY_FONT),
            entry.label.clone(),
            (centre_x, plot_bottom + CATEGORY_GAP + line as f64 * CATEGORY_LINE),
            CATEGORY_FONT,
            Anchor::new(Horizontal::Centre, Vertical::Top),
            TextRole::CategoryLabel,
        ));
    }

    plan.finish(css_height, marks)
}
