//! A chart laid out to stand alone as an image (the PNG a reader downloads): above the chart its
//! title and what it measures, below it where the figures come from and which issue printed
//! them, every line wrapped to the width, and the chart's row labels wrapped rather than cut.

use super::label::wrap;
use super::{bars, grouped, Anchor, ChartKind, ChartLayout, ChartRequest, Horizontal, Plan, TextRole, Vertical};
use crate::model::Table;

/// What an exported chart says around itself, in the words of the interface that exports it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Frame {
    /// The chart's title: the table's caption.
    pub title: String,
    /// What it measures, in what unit, and of which rows: `직접비 금액(만 위안)`.
    pub subtitle: String,
    /// Below the chart, each a paragraph: its sources and notes, then the issue it is from.
    pub notes: Vec<String>,
}

/// Space around the image and between its parts, in CSS pixels.
const PAD: f64 = 12.0;
const GAP: f64 = 8.0;
const TITLE_FONT: f64 = 15.0;
const TITLE_LINE: f64 = 20.0;
const SUBTITLE_FONT: f64 = 12.0;
const SUBTITLE_LINE: f64 = 16.0;
const NOTE_FONT: f64 = 11.0;
const NOTE_LINE: f64 = 15.0;
/// The most lines the title, the subtitle and each note take; a longer one ends with "…".
const MAX_LINES: usize = 4;

/// The chart of `table` for the request, framed by `frame` to stand alone: the frame's title
/// and subtitle above the chart, its notes below, each wrapped to the width; a bar chart's row
/// labels wrapped onto as many lines as they need instead of cut. Never panics, like
/// [`super::layout`].
pub fn export_layout(table: &Table, request: &ChartRequest<'_>, frame: &Frame) -> ChartLayout {
    let mut plan = Plan::new(table, request);
    plan.wrap_labels = true;
    let mut chart = match request.spec.kind {
        ChartKind::Bars => bars::layout(&plan),
        ChartKind::Grouped => grouped::layout(&plan),
    };
    let device = plan.device;
    let room = plan.css_width - 2.0 * PAD;
    let top_left = Anchor::new(Horizontal::Left, Vertical::Top);
    let mut texts = Vec::new();
    let mut y = PAD;
    let paragraph = |texts: &mut Vec<_>, y: &mut f64, text: &str, font: f64, line: f64, role: TextRole| {
        for part in wrap(text, room, font, MAX_LINES) {
            texts.push(device.text(part, text.to_string(), (PAD, *y), font, top_left, role));
            *y += line;
        }
    };
    paragraph(
        &mut texts,
        &mut y,
        &frame.title,
        TITLE_FONT,
        TITLE_LINE,
        TextRole::Title,
    );
    paragraph(
        &mut texts,
        &mut y,
        &frame.subtitle,
        SUBTITLE_FONT,
        SUBTITLE_LINE,
        TextRole::Subtitle,
    );
    // The chart moves down by a whole number of device pixels, below the title.
    let shift = device.px(y + GAP - PAD);
    for bar in &mut chart.bars {
        bar.rect.y0 += shift;
        bar.rect.y1 += shift;
    }
    for text in &mut chart.texts {
        text.y += shift;
    }
    for line in &mut chart.lines {
        line.from.1 += shift;
        line.to.1 += shift;
    }
    for entry in &mut chart.legend {
        entry.swatch.y0 += shift;
        entry.swatch.y1 += shift;
    }
    texts.append(&mut chart.texts);
    let mut y = f64::from(shift) / device.scale + chart.css_height + GAP - PAD / 2.0;
    for note in &frame.notes {
        paragraph(&mut texts, &mut y, note, NOTE_FONT, NOTE_LINE, TextRole::Footnote);
    }
    let css_height = (y + PAD).ceil();
    chart.texts = texts;
    chart.css_height = css_height;
    chart.height = device.px(css_height).max(1) as u32;
    chart
}
