//! Paints a laid-out chart on any plotters backend: a canvas in the viewer, SVG in tests.
//!
//! The backend gets only rectangles, lines and texts with an anchor, which every backend draws
//! natively, so no font rasterizer is needed: the text style's `draw` (used only by backends
//! that rasterize text themselves) draws nothing.

use std::convert::Infallible;

use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontFamily, FontStyle,
};

use super::label::text_width;
use super::{ChartLayout, LineRole, Palette, TextMark, TextRole};

/// Paints `layout` on `backend` in `palette`'s colours: the background, then grid and axis
/// lines, bars, texts and legend swatches, and presents the result.
pub fn draw<DB: DrawingBackend>(
    layout: &ChartLayout,
    palette: &Palette,
    backend: &mut DB,
) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
    backend.ensure_prepared()?;
    let corner = (
        i32::try_from(layout.width).unwrap_or(i32::MAX),
        i32::try_from(layout.height).unwrap_or(i32::MAX),
    );
    backend.draw_rect((0, 0), corner, &ShapeStyle::fill(palette.background), true)?;

    for line in &layout.lines {
        let colour = match line.role {
            LineRole::Axis => palette.muted,
            LineRole::Grid => palette.grid,
        };
        let style = ShapeStyle {
            colour,
            stroke_width: line.width,
        };
        backend.draw_line(line.from, line.to, &style)?;
    }

    for bar in &layout.bars {
        let style = ShapeStyle::fill(palette.series_colour(bar.series));
        backend.draw_rect((bar.rect.x0, bar.rect.y0), (bar.rect.x1, bar.rect.y1), &style, true)?;
    }

    for text in &layout.texts {
        if text.text.is_empty() {
            continue;
        }
        let colour = match text.role {
            TextRole::CategoryLabel | TextRole::ValueLabel | TextRole::Title => palette.text,
            TextRole::TickLabel | TextRole::LegendLabel | TextRole::Subtitle | TextRole::Footnote => palette.muted,
        };
        let style = TextStyle {
            mark: text,
            colour,
            family: layout.font_family,
        };
        backend.draw_text(&text.text, &style, (text.x, text.y))?;
    }

    for entry in &layout.legend {
        let style = ShapeStyle::fill(palette.series_colour(entry.series));
        let swatch = entry.swatch;
        backend.draw_rect((swatch.x0, swatch.y0), (swatch.x1, swatch.y1), &style, true)?;
    }

    backend.present()
}

/// A solid colour for a rectangle or a line.
struct ShapeStyle {
    colour: (u8, u8, u8),
    stroke_width: u32,
}

impl ShapeStyle {
    fn fill(colour: (u8, u8, u8)) -> ShapeStyle {
        ShapeStyle {
            colour,
            stroke_width: 1,
        }
    }
}

impl BackendStyle for ShapeStyle {
    fn color(&self) -> BackendColor {
        BackendColor {
            alpha: 1.0,
            rgb: self.colour,
        }
    }

    fn stroke_width(&self) -> u32 {
        self.stroke_width
    }
}

/// How one text mark is set: its size and anchor, the layout's font families and a colour.
struct TextStyle<'a> {
    mark: &'a TextMark,
    colour: (u8, u8, u8),
    family: &'a str,
}

impl BackendTextStyle for TextStyle<'_> {
    type FontError = Infallible;

    fn color(&self) -> BackendColor {
        BackendColor {
            alpha: 1.0,
            rgb: self.colour,
        }
    }

    fn size(&self) -> f64 {
        self.mark.size
    }

    fn style(&self) -> FontStyle {
        if self.mark.role == TextRole::Title {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        }
    }

    fn anchor(&self) -> plotters_backend::text_anchor::Pos {
        self.mark.anchor.position()
    }

    fn family(&self) -> FontFamily<'_> {
        FontFamily::Name(self.family)
    }

    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), Infallible> {
        let width = text_width(text, self.mark.size).ceil() as i32;
        let height = self.mark.size.ceil() as i32;
        Ok(((0, 0), (width, height)))
    }

    fn draw<E, DrawFunc: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        _text: &str,
        _pos: BackendCoord,
        _draw: DrawFunc,
    ) -> Result<Result<(), E>, Infallible> {
        Ok(Ok(()))
    }
}
