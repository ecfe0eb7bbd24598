//! A laid-out chart as inline SVG, for the pre-rendered page.
//!
//! The pre-rendered page shows every chart from its first paint, before the WebAssembly has
//! arrived and with JavaScript off; the viewer then draws the canvas when the browser is idle
//! and swaps it in (docs/benchmark.md says why). The SVG paints the same marks as [`super::draw`]
//! from the same [`ChartLayout`], but names each mark's role in a class instead of a colour, so
//! the stylesheet colours it for the light or the dark theme (`.chart-svg` in static/style.css,
//! whose custom properties `--chart-*` hold [`super::Palette`]'s colours).

use super::{Anchor, ChartLayout, Horizontal, LineRole, Rect, TextRole, Vertical};
use crate::html::Markup;

/// The SVG of `layout`, sized by the layout's CSS size and scaled by the stylesheet to the
/// width available; `label` is its accessible name (`describe`'s sentence).
pub fn svg(layout: &ChartLayout, label: &str) -> String {
    let scale = if layout.scale > 0.0 { layout.scale } else { 1.0 };
    let css = |device: i32| number(f64::from(device) / scale);
    let (width, height) = (css(layout.width as i32), css(layout.height as i32));
    let view_box = format!("0 0 {width} {height}");
    let mut markup = Markup::new();
    markup.open(
        "svg",
        &[
            ("class", "chart-svg"),
            ("viewBox", &view_box),
            ("width", &width),
            ("height", &height),
            ("role", "img"),
            ("aria-label", label),
            ("font-family", layout.font_family),
        ],
    );
    markup.empty("rect", &[("class", "chart-bg"), ("width", &width), ("height", &height)]);
    for line in &layout.lines {
        let class = match line.role {
            LineRole::Axis => "chart-axis",
            LineRole::Grid => "chart-grid",
        };
        markup.empty(
            "line",
            &[
                ("class", class),
                ("x1", &css(line.from.0)),
                ("y1", &css(line.from.1)),
                ("x2", &css(line.to.0)),
                ("y2", &css(line.to.1)),
                ("stroke-width", &number(f64::from(line.width) / scale)),
            ],
        );
    }
    for bar in &layout.bars {
        rect(&mut markup, series_class(bar.series), &bar.rect, scale);
    }
    for text in &layout.texts {
        if text.text.is_empty() {
            continue;
        }
        let class = match text.role {
            TextRole::CategoryLabel | TextRole::ValueLabel => "chart-text",
            TextRole::Title => "chart-text chart-title",
            TextRole::TickLabel | TextRole::LegendLabel | TextRole::Subtitle | TextRole::Footnote => "chart-muted",
        };
        let (text_anchor, baseline) = anchor(text.anchor);
        markup.element(
            "text",
            &[
                ("class", class),
                ("x", &css(text.x)),
                ("y", &css(text.y)),
                ("font-size", &number(text.size / scale)),
                ("text-anchor", text_anchor),
                ("dominant-baseline", baseline),
            ],
            &text.text,
        );
    }
    for entry in &layout.legend {
        rect(&mut markup, series_class(entry.series), &entry.swatch, scale);
    }
    markup.close("svg");
    markup.into_string()
}

fn rect(markup: &mut Markup, class: &str, rect: &Rect, scale: f64) {
    let css = |device: i32| number(f64::from(device) / scale);
    markup.empty(
        "rect",
        &[
            ("class", class),
            ("x", &css(rect.x0)),
            ("y", &css(rect.y0)),
            ("width", &css(rect.width())),
            ("height", &css(rect.height())),
        ],
    );
}

/// The class of a series' colour; series past the fourth reuse them, as on the canvas.
fn series_class(series: usize) -> &'static str {
    ["chart-s0", "chart-s1", "chart-s2", "chart-s3"][series % 4]
}

/// SVG's names for an anchor, as the canvas's `textAlign` and `textBaseline` place it.
fn anchor(anchor: Anchor) -> (&'static str, &'static str) {
    let horizontal = match anchor.horizontal {
        Horizontal::Left => "start",
        Horizontal::Centre => "middle",
        Horizontal::Right => "end",
    };
    let vertical = match anchor.vertical {
        Vertical::Top => "text-before-edge",
        Vertical::Middle => "central",
        Vertical::Bottom => "text-after-edge",
    };
    (horizontal, vertical)
}

/// A coordinate in CSS pixels with at most two decimals and no trailing zeros, without float
/// formatting: `12`, `12.5`, `-3.25`.
fn number(value: f64) -> String {
    if !value.is_finite() {
        return "0".to_string();
    }
    let hundredths = (value * 100.0).round() as i64;
    let sign = if hundredths < 0 { "-" } else { "" };
    let magnitude = hundredths.unsigned_abs();
    let (whole, fraction) = (magnitude / 100, magnitude % 100);
    match fraction {
        0 => format!("{sign}{whole}"),
        f if f % 10 == 0 => format!("{sign}{whole}.{}", f / 10),
        f => format!("{sign}{whole}.{f:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_short() {
        for (value, expected) in [
            (12.0, "12"),
            (12.5, "12.5"),
            (-3.25, "-3.25"),
            (0.004, "0"),
            (707.999, "708"),
            (f64::NAN, "0"),
        ] {
            assert_eq!(number(value), expected, "{value}");
        }
    }

    #[test]
    fn anchors_map_to_svg_names() {
        assert_eq!(
            anchor(Anchor::new(Horizontal::Right, Vertical::Middle)),
            ("end", "central")
        );
        assert_eq!(
            anchor(Anchor::new(Horizontal::Centre, Vertical::Top)),
            ("middle", "text-before-edge")
        );
    }
}
