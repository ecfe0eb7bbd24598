//! Bar charts of a table: which chart a table gets, where every bar and label goes, and how
//! it is painted.
//!
//! [`ChartSpec::for_table`] decides from a table's columns what its chart shows, and
//! [`ChartSpec::drawn_columns`] which of them it draws for the reader's metric. [`layout`] is
//! pure geometry: it places bars, labels, ticks and the legend for the rows a reader sees, in
//! their order, and can be tested without drawing anything. [`draw`] paints a layout on any
//! plotters `DrawingBackend` (a canvas in the viewer, SVG in tests), [`hit_test`] finds the bar
//! under the pointer for tooltips, and [`describe`] says what the chart shows, for screen
//! readers, in Korean or English ([`Wording`]): its kind, columns and number of rows, and its
//! largest and smallest value. Geometry is worked out in CSS pixels and rounded to device
//! pixels once, at the end, so a layout at devicePixelRatio 2 is the scale-1 layout twice as
//! large.
//!
//! [`export_layout`] frames a chart to stand alone as an image, with its title, measure,
//! sources and issue. [`CanvasStage`] is how far a chart's canvas is on its way from the
//! pre-rendered SVG to its first draw.

mod axis;
mod bars;
mod draw;
mod export;
mod grouped;
mod label;
mod stage;
mod svg;
#[cfg(all(test, feature = "parse"))]
mod tests;

use plotters_backend::text_anchor::{HPos, Pos, VPos};

use crate::model::{Cell, Column, ColumnId, ColumnKind, Table};
use crate::number::Number;

pub use draw::draw;
pub use export::{export_layout, Frame};
pub use label::{shorten, text_width, wrap};
pub use stage::{CanvasStage, CanvasWork, StageEvent};
pub use svg::svg;

/// The font families charts are drawn in: fonts that cover Hangul and Hanja on each platform,
/// then the browser's default.
pub const FONT_FAMILY: &str =
    "\"Noto Sans CJK KR\", \"Noto Sans KR\", \"Apple SD Gothic Neo\", \"Malgun Gothic\", sans-serif";

/// The narrowest chart laid out, in CSS pixels; narrower requests get this width.
pub const MIN_CSS_WIDTH: f64 = 240.0;

/// The widest chart laid out, in CSS pixels; wider requests get this width.
pub const MAX_CSS_WIDTH: f64 = 4000.0;

/// The smallest and largest devicePixelRatio honoured; others are clamped into this range,
/// and a ratio that is not a positive number counts as 1.
pub const SCALE_RANGE: (f64, f64) = (0.25, 5.0);

/// How far from a bar, in CSS pixels, the pointer still counts as over it, so thin bars can be
/// hovered.
pub const HIT_TOLERANCE: f64 = 3.0;

/// The most rows a chart draws, in the table's current order: beyond that a chart is no
/// longer readable (nor drawable: a canvas cannot be 260,000 pixels tall), so a long
/// table's chart shows its first rows and says how many it left out.
pub const MAX_ROWS: usize = 50;

/// The width a chart's SVG stand-in is laid out at, before the page is measured: the text
/// column's on a wide screen (the viewer's and the start-up's, which write it alike).
pub const STAND_IN_CSS_WIDTH: f64 = 708.0;

/// What a table's chart shows, decided from its columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    /// Horizontal bars of one measured column at a time, chosen by the reader.
    Bars,
    /// Vertical columns of every measured column side by side, one group a row.
    Grouped,
}

/// Which columns a table's chart draws.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChartSpec {
    /// Bars or grouped columns.
    pub kind: ChartKind,
    /// The column whose text labels the bars (the first Text column).
    pub label: ColumnId,
    /// The measured columns (kind Integer, Decimal or Index), in table order.
    pub measures: Vec<ColumnId>,
}

impl ChartSpec {
    /// None when the table has no Text column or no measured column. Grouped when every
    /// measured column is Index and there are at least two; otherwise Bars (one metric at a
    /// time, chosen by the reader).
    pub fn for_table(table: &Table) -> Option<ChartSpec> {
        let label = table
            .column_ids()
            .find(|id| table.columns[id.index()].kind == ColumnKind::Text)?;
        let measures: Vec<ColumnId> = table
            .column_ids()
            .filter(|id| table.columns[id.index()].kind.is_measure())
            .collect();
        if measures.is_empty() {
            return None;
        }
        let all_index = measures
            .iter()
            .all(|id| table.columns[id.index()].kind == ColumnKind::Index);
        let kind = if all_index && measures.len() >= 2 {
            ChartKind::Grouped
        } else {
            ChartKind::Bars
        };
        Some(ChartSpec { kind, label, measures })
    }

    /// The measured column a bar chart shows, for the metric the reader chose: that column when
    /// it is one of the measures; with no choice, the last measure (in the issue's tables the
    /// headline figure, such as the amount after the count); a choice that is not a measure
    /// falls back to the first measure (a link cannot ask for one: `route::TableView::resolve`
    /// ignores it). None only for a spec without measures, which [`ChartSpec::for_table`]
    /// never gives.
    pub fn metric(&self, chosen: Option<ColumnId>) -> Option<ColumnId> {
        match chosen {
            Some(column) if self.measures.contains(&column) => Some(column),
            Some(_) => self.measures.first().copied(),
            None => self.measures.last().copied(),
        }
    }

    /// The columns the chart draws, in drawing order, for the metric the reader chose: for Bars
    /// the one [`ChartSpec::metric`] picks, for Grouped every measure (the choice is ignored).
    /// The chart, its text alternative and its numbers table all draw these.
    pub fn drawn_columns(&self, chosen: Option<ColumnId>) -> Vec<ColumnId> {
        match self.kind {
            ChartKind::Bars => self.metric(chosen).into_iter().collect(),
            ChartKind::Grouped => self.measures.clone(),
        }
    }
}

/// The file name of a table's chart as an image: the issue's date, the table, `chart`, as
/// [`crate::csv::file_name`] names the table's CSV: `2023-06-30-nsfc-programs-chart.png`.
pub fn file_name(issue_date: &str, table: &Table) -> String {
    format!("{issue_date}-{}-chart.png", table.id)
}

/// Everything the layout needs besides the table.
#[derive(Clone, Copy, Debug)]
pub struct ChartRequest<'a> {
    /// Which columns the chart draws.
    pub spec: &'a ChartSpec,
    /// For Bars: the measured column shown (the reader's metric switch); ignored for Grouped.
    /// A column that is not among the spec's measures falls back to the first measure
    /// ([`ChartSpec::drawn_columns`]).
    pub metric: ColumnId,
    /// The rows to draw, in the order to draw them (the table's current sort and filter), as
    /// indices into `table.rows`; indices out of range are skipped. The total row is never drawn.
    pub rows: &'a [usize],
    /// The width available, in CSS pixels; clamped to [`MIN_CSS_WIDTH`]..[`MAX_CSS_WIDTH`].
    pub css_width: f64,
    /// devicePixelRatio: the layout is computed in device pixels = CSS pixels × scale, so the
    /// canvas backing store is crisp. Clamped to [`SCALE_RANGE`].
    pub scale: f64,
}

/// A chart laid out in device pixels, ready to draw or to hit-test.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartLayout {
    /// The width in device pixels; the canvas backing store is sized to it, and its CSS width
    /// is `width / scale`.
    pub width: u32,
    /// The height in device pixels.
    pub height: u32,
    /// The height in CSS pixels, which follows the number of rows (Bars) or the legend (Grouped).
    pub css_height: f64,
    /// The scale the layout was computed at, after clamping.
    pub scale: f64,
    /// The bars, in drawing order: rows in the requested order, series within a row.
    pub bars: Vec<BarMark>,
    /// Category labels, value labels, tick labels and legend labels; category and value labels
    /// come row by row in the requested order.
    pub texts: Vec<TextMark>,
    /// Axis and grid lines.
    pub lines: Vec<LineMark>,
    /// Grouped only: one swatch a series.
    pub legend: Vec<LegendMark>,
    /// A CSS font family list that covers Hangul and Hanja.
    pub font_family: &'static str,
    /// How many of the requested rows were left out beyond [`MAX_ROWS`].
    pub omitted: usize,
}

/// One bar: where it is and what it stands for, for drawing and for the tooltip.
#[derive(Clone, Debug, PartialEq)]
pub struct BarMark {
    /// Where the bar is, in device pixels.
    pub rect: Rect,
    /// Index into `table.rows`.
    pub row: usize,
    /// 0 for Bars; the measured column's position among the spec's measures for Grouped.
    pub series: usize,
    /// The full row label.
    pub label: String,
    /// The column heading with its unit (`Column::heading`).
    pub series_label: String,
    /// The cell's printed form exactly (`630 (25)`, `126,000.00 (5,000)`).
    pub value_shown: String,
}

/// A piece of text to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct TextMark {
    /// The text drawn, shortened with "…" when it did not fit its slot.
    pub text: String,
    /// The full text, for the tooltip.
    pub full: String,
    /// The anchor's x, in device pixels.
    pub x: i32,
    /// The anchor's y, in device pixels.
    pub y: i32,
    /// The font size, in device pixels.
    pub size: f64,
    /// Which point of the text's box sits at (x, y).
    pub anchor: Anchor,
    /// What the text is, which decides its colour.
    pub role: TextRole,
}

impl TextMark {
    /// The box the text is estimated to cover (by [`text_width`]), in device pixels.
    pub fn bounds(&self) -> Rect {
        let width = text_width(&self.text, self.size);
        let height = self.size;
        let left = match self.anchor.horizontal {
            Horizontal::Left => f64::from(self.x),
            Horizontal::Centre => f64::from(self.x) - width / 2.0,
            Horizontal::Right => f64::from(self.x) - width,
        };
        let top = match self.anchor.vertical {
            Vertical::Top => f64::from(self.y),
            Vertical::Middle => f64::from(self.y) - height / 2.0,
            Vertical::Bottom => f64::from(self.y) - height,
        };
        Rect {
            x0: left.floor() as i32,
            y0: top.floor() as i32,
            x1: (left + width).ceil() as i32,
            y1: (top + height).ceil() as i32,
        }
    }
}

/// Which point of a text's box its position names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Anchor {
    /// Left edge, centre or right edge.
    pub horizontal: Horizontal,
    /// Top edge, middle or bottom edge.
    pub vertical: Vertical,
}

/// The horizontal part of an [`Anchor`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Horizontal {
    /// The text starts at the anchor.
    Left,
    /// The text is centred on the anchor.
    Centre,
    /// The text ends at the anchor.
    Right,
}

/// The vertical part of an [`Anchor`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vertical {
    /// The text hangs below the anchor.
    Top,
    /// The text is centred on the anchor.
    Middle,
    /// The text stands on the anchor.
    Bottom,
}

impl Anchor {
    /// An anchor from its two parts.
    pub const fn new(horizontal: Horizontal, vertical: Vertical) -> Anchor {
        Anchor { horizontal, vertical }
    }

    /// The same anchor as plotters names it.
    pub fn position(self) -> Pos {
        let h_pos = match self.horizontal {
            Horizontal::Left => HPos::Left,
            Horizontal::Centre => HPos::Center,
            Horizontal::Right => HPos::Right,
        };
        let v_pos = match self.vertical {
            Vertical::Top => VPos::Top,
            Vertical::Middle => VPos::Center,
            Vertical::Bottom => VPos::Bottom,
        };
        Pos::new(h_pos, v_pos)
    }
}

/// What a piece of text is, so the palette can colour it and tests can find it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextRole {
    /// A row's label beside its bar or under its group.
    CategoryLabel,
    /// A bar's printed value.
    ValueLabel,
    /// A value axis tick.
    TickLabel,
    /// A series' name in the legend.
    LegendLabel,
    /// An exported chart's title ([`export_layout`]), set in bold.
    Title,
    /// What an exported chart measures, under its title.
    Subtitle,
    /// An exported chart's sources, notes and issue, under it.
    Footnote,
}

/// A straight line, in device pixels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineMark {
    /// Where it starts.
    pub from: (i32, i32),
    /// Where it ends.
    pub to: (i32, i32),
    /// Its width in device pixels.
    pub width: u32,
    /// Axis or grid.
    pub role: LineRole,
}

/// What a line is, which decides its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineRole {
    /// The zero line the bars stand on.
    Axis,
    /// A grid line at a tick.
    Grid,
}

/// One legend entry (Grouped only): a swatch in the series' colour. Its label is the
/// [`TextRole::LegendLabel`] text of the same position.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendMark {
    /// The swatch, in device pixels.
    pub swatch: Rect,
    /// The measured column's position among the spec's measures.
    pub series: usize,
    /// The column heading with its unit, in full.
    pub label: String,
}

/// An axis-aligned rectangle in device pixels: x0 ≤ x1 and y0 ≤ y1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rect {
    /// Left edge.
    pub x0: i32,
    /// Top edge.
    pub y0: i32,
    /// Right edge.
    pub x1: i32,
    /// Bottom edge.
    pub y1: i32,
}

impl Rect {
    /// Width in device pixels.
    pub fn width(&self) -> i32 {
        self.x1 - self.x0
    }

    /// Height in device pixels.
    pub fn height(&self) -> i32 {
        self.y1 - self.y0
    }

    /// Whether the two rectangles share any area (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }

    /// How far a point is from the rectangle, 0 inside or on its edge.
    pub fn distance_to(&self, x: f64, y: f64) -> f64 {
        let dx = (f64::from(self.x0) - x).max(x - f64::from(self.x1)).max(0.0);
        let dy = (f64::from(self.y0) - y).max(y - f64::from(self.y1)).max(0.0);
        dx.hypot(dy)
    }
}

/// Colours for light and dark themes; the viewer passes one.
///
/// Series colours are mid-tones on purpose: value labels sit either beside a bar, on the
/// background, or inside its end, on the bar, so the text colour must read on both, and every
/// series colour has a contrast of at least 3:1 against the background and the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    /// The canvas.
    pub background: (u8, u8, u8),
    /// Category and value labels.
    pub text: (u8, u8, u8),
    /// Tick and legend labels, and the axis.
    pub muted: (u8, u8, u8),
    /// Grid lines.
    pub grid: (u8, u8, u8),
    /// One colour a series, in order; series past the fourth reuse them.
    pub series: [(u8, u8, u8); 4],
}

impl Palette {
    /// For the light theme.
    pub const LIGHT: Palette = Palette {
        background: (255, 255, 255),
        text: (28, 33, 40),
        muted: (87, 96, 106),
        grid: (228, 231, 235),
        series: [(74, 128, 201), (214, 110, 44), (46, 150, 98), (150, 105, 200)],
    };

    /// For the dark theme.
    pub const DARK: Palette = Palette {
        background: (22, 25, 30),
        text: (230, 233, 237),
        muted: (160, 168, 178),
        grid: (52, 57, 65),
        series: [(60, 110, 184), (176, 90, 36), (36, 124, 82), (128, 88, 184)],
    };

    /// The colour of a series.
    pub fn series_colour(&self, series: usize) -> (u8, u8, u8) {
        self.series[series % self.series.len()]
    }
}

/// Lays out the chart of `table` for the request: bars, labels, ticks and legend in device
/// pixels. Never panics; odd requests (no rows, rows out of range, a zero or negative width,
/// a scale that is not a number) give a chart that is empty or clamped, not an error.
pub fn layout(table: &Table, request: &ChartRequest<'_>) -> ChartLayout {
    let plan = Plan::new(table, request);
    match request.spec.kind {
        ChartKind::Bars => bars::layout(&plan),
        ChartKind::Grouped => grouped::layout(&plan),
    }
}

/// The bar under a point given in CSS pixels relative to the canvas, if any. A point within
/// [`HIT_TOLERANCE`] CSS pixels of a bar counts, so thin bars can be hovered; when several are
/// that close, the nearest wins.
pub fn hit_test(layout: &ChartLayout, css_x: f64, css_y: f64, scale: f64) -> Option<&BarMark> {
    let scale = clamp_scale(scale);
    let (x, y) = (css_x * scale, css_y * scale);
    if !x.is_finite() || !y.is_finite() {
        return None;
    }
    let tolerance = HIT_TOLERANCE * scale;
    let mut nearest: Option<(&BarMark, f64)> = None;
    for bar in &layout.bars {
        let distance = bar.rect.distance_to(x, y);
        let closer = match nearest {
            Some((_, best)) => distance < best,
            None => true,
        };
        if distance <= tolerance && closer {
            nearest = Some((bar, distance));
        }
    }
    nearest.map(|(bar, _)| bar)
}

/// A short text alternative for screen readers, in the words of `wording`: what is drawn, how
/// many rows, and the largest and smallest value with their labels.
pub fn describe(table: &Table, request: &ChartRequest<'_>, wording: Wording) -> String {
    describe_naming(table, request, wording, &|_| None)
}

/// What a description calls a measured column, in the interface's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeriesName {
    /// With its unit: `Direct funding (10,000 yuan)`.
    pub heading: String,
    /// Without: `Direct funding`.
    pub label: String,
}

/// [`describe`], calling each measured column what `name` calls it (the interface's words for
/// the publication's headings it knows), and by its own heading where `name` gives nothing: so
/// that a description is in one language where the interface can make it so.
pub fn describe_naming(
    table: &Table,
    request: &ChartRequest<'_>,
    wording: Wording,
    name: &dyn Fn(&Column) -> Option<SeriesName>,
) -> String {
    let korean = wording == Wording::Korean;
    let mut plan = Plan::new(table, request);
    let drawn = request.spec.drawn_columns(Some(request.metric));
    for (series, column) in plan.series.iter_mut().zip(&drawn) {
        if let Some(named) = table.columns.get(column.index()).and_then(name) {
            *series = Series {
                heading: named.heading,
                label: named.label,
            };
        }
    }
    let headings: Vec<&str> = plan.series.iter().map(|series| series.heading.as_str()).collect();
    let kind = match (request.spec.kind, korean) {
        (ChartKind::Bars, true) => "가로 막대 그래프",
        (ChartKind::Grouped, true) => "세로 묶은 막대 그래프",
        (ChartKind::Bars, false) => "Horizontal bar chart",
        (ChartKind::Grouped, false) => "Grouped column chart",
    };
    let n_rows = plan.entries.len();
    let headings = headings.join(", ");
    let mut out = if korean {
        format!("{kind}: {headings}, {n_rows}개 항목")
    } else {
        format!("{kind}: {headings}, {}", count(n_rows, "item", "items"))
    };
    if plan.omitted > 0 {
        let all = n_rows + plan.omitted;
        out.push_str(&if korean {
            format!("(처음 {n_rows}개만 그림, 전체 {all}개)")
        } else {
            format!(" (the first {n_rows} drawn, of {all})")
        });
    }

    // Every drawn figure with what a listener needs to place it; in drawing order, so that
    // of equal values the first drawn is named.
    let figures: Vec<(&Entry<'_>, &Series, &Number)> = plan
        .entries
        .iter()
        .flat_map(|entry| {
            entry
                .figures
                .iter()
                .zip(&plan.series)
                .filter_map(move |(figure, series)| figure.map(|number| (entry, series, number)))
        })
        .collect();
    let n_rows_with_values = plan
        .entries
        .iter()
        .filter(|entry| entry.figures.iter().any(Option::is_some))
        .count();
    match request.spec.kind {
        ChartKind::Bars if n_rows_with_values < n_rows => out.push_str(&if korean {
            format!("(값이 있는 항목 {n_rows_with_values}개)")
        } else {
            format!(" ({} with a value)", count(n_rows_with_values, "item", "items"))
        }),
        ChartKind::Grouped => out.push_str(&if korean {
            format!(", 막대 {}개", figures.len())
        } else {
            format!(", {}", count(figures.len(), "bar", "bars"))
        }),
        ChartKind::Bars => {}
    }
    out.push('.');

    let mut largest: Option<(&Entry<'_>, &Series, &Number)> = None;
    let mut smallest: Option<(&Entry<'_>, &Series, &Number)> = None;
    for &figure in &figures {
        if largest.is_none_or(|(_, _, best)| figure.2.value > best.value) {
            largest = Some(figure);
        }
        if smallest.is_none_or(|(_, _, best)| figure.2.value < best.value) {
            smallest = Some(figure);
        }
    }
    let name = |(entry, series, number): (&Entry<'_>, &Series, &Number)| match request.spec.kind {
        ChartKind::Bars => format!("{} {}", entry.label, number.shown),
        ChartKind::Grouped => format!("{} {} {}", entry.label, series.label, number.shown),
    };
    match (largest, smallest, korean) {
        (Some(largest), Some(smallest), true) => {
            out.push_str(&format!(" 최댓값 {}, 최솟값 {}.", name(largest), name(smallest)));
        }
        (Some(largest), Some(smallest), false) => {
            out.push_str(&format!(" Largest {}, smallest {}.", name(largest), name(smallest)));
        }
        (_, _, true) => out.push_str(" 표시할 값이 없습니다."),
        (_, _, false) => out.push_str(" No values to show."),
    }
    out
}

/// The language of a chart's description ([`describe`]): its own words, around the table's
/// labels and figures, which stay as printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Wording {
    /// 한국어, the issue's language.
    #[default]
    Korean,
    /// English, for the English interface.
    English,
}

/// `n` and the English noun for it: `1 item`, `2 items`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A measured column as the chart names it.
struct Series {
    /// Its heading with the unit, for tooltips and the text alternative.
    heading: String,
    /// Its label without the unit, for the legend.
    label: String,
}

/// One drawn row.
struct Entry<'t> {
    /// Index into `table.rows`.
    row: usize,
    /// The row's label in full.
    label: String,
    /// Its figure in each drawn series; None where the cell is empty or not a number.
    figures: Vec<Option<&'t Number>>,
}

/// What a request draws, resolved against the table: the sanitised size, the series and the
/// rows that exist, in order.
struct Plan<'t> {
    css_width: f64,
    device: Device,
    series: Vec<Series>,
    entries: Vec<Entry<'t>>,
    omitted: usize,
    /// Whether a bar chart's row labels wrap onto more lines (an exported chart) rather than
    /// being cut to one.
    wrap_labels: bool,
}

impl<'t> Plan<'t> {
    fn new(table: &'t Table, request: &ChartRequest<'_>) -> Plan<'t> {
        let spec = request.spec;
        let columns = spec.drawn_columns(Some(request.metric));
        let series = columns
            .iter()
            .map(|id| match table.columns.get(id.index()) {
                Some(column) => Series {
                    heading: column.heading(),
                    label: column.label.clone(),
                },
                None => Series {
                    heading: String::new(),
                    label: String::new(),
                },
            })
            .collect();
        let existing: Vec<usize> = request
            .rows
            .iter()
            .copied()
            .filter(|row| *row < table.rows.len())
            .collect();
        let omitted = existing.len().saturating_sub(MAX_ROWS);
        let entries = existing
            .iter()
            .take(MAX_ROWS)
            .filter_map(|&row| {
                let cells = table.rows.get(row)?;
                let figures = columns
                    .iter()
                    .map(|&column| match cells.cell(column) {
                        Cell::Number(number) if number.value.is_finite() => Some(number),
                        _ => None,
                    })
                    .collect();
                Some(Entry {
                    row,
                    label: cells.cell(spec.label).shown(),
                    figures,
                })
            })
            .collect();
        Plan {
            css_width: clamp_css_width(request.css_width),
            device: Device {
                scale: clamp_scale(request.scale),
            },
            series,
            entries,
            omitted,
            wrap_labels: false,
        }
    }

    /// The layout's size in device pixels from its CSS height.
    fn finish(&self, css_height: f64, marks: Marks) -> ChartLayout {
        let css_height = css_height.ceil();
        ChartLayout {
            width: self.device.px(self.css_width).max(1) as u32,
            height: self.device.px(css_height).max(1) as u32,
            css_height,
            scale: self.device.scale,
            bars: marks.bars,
            texts: marks.texts,
            lines: marks.lines,
            legend: marks.legend,
            font_family: FONT_FAMILY,
            omitted: self.omitted,
        }
    }
}

/// The marks a layout collects before its size is known.
#[derive(Default)]
struct Marks {
    bars: Vec<BarMark>,
    texts: Vec<TextMark>,
    lines: Vec<LineMark>,
    legend: Vec<LegendMark>,
}

/// Turns CSS-pixel geometry into device pixels. Every coordinate is rounded on its own, from
/// its CSS value, so rounding never accumulates along a row of bars.
#[derive(Clone, Copy, Debug)]
struct Device {
    scale: f64,
}

impl Device {
    /// A CSS length or position in whole device pixels (`as` saturates, and NaN becomes 0).
    fn px(self, css: f64) -> i32 {
        (css * self.scale).round() as i32
    }

    fn rect(self, x0: f64, y0: f64, x1: f64, y1: f64) -> Rect {
        Rect {
            x0: self.px(x0.min(x1)),
            y0: self.px(y0.min(y1)),
            x1: self.px(x0.max(x1)),
            y1: self.px(y0.max(y1)),
        }
    }

    fn line(self, from: (f64, f64), to: (f64, f64), role: LineRole) -> LineMark {
        LineMark {
            from: (self.px(from.0), self.px(from.1)),
            to: (self.px(to.0), self.px(to.1)),
            width: self.scale.round().max(1.0) as u32,
            role,
        }
    }

    /// A text at a CSS position with a CSS font size.
    fn text(self, text: String, full: String, at: (f64, f64), font: f64, anchor: Anchor, role: TextRole) -> TextMark {
        TextMark {
            text,
            full,
            x: self.px(at.0),
            y: self.px(at.1),
            size: font * self.scale,
            anchor,
            role,
        }
    }
}

fn clamp_css_width(css_width: f64) -> f64 {
    if css_width.is_nan() {
        MIN_CSS_WIDTH
    } else {
        css_width.clamp(MIN_CSS_WIDTH, MAX_CSS_WIDTH)
    }
}

fn clamp_scale(scale: f64) -> f64 {
    if scale.is_finite() && scale > 0.0 {
        scale.clamp(SCALE_RANGE.0, SCALE_RANGE.1)
    } else {
        1.0
    }
}
