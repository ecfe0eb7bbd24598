//! A table's chart: laid out by the core, drawn with plotters on a canvas whose backing
//! store is sized by devicePixelRatio, redrawn when its width, the theme, the table's sort
//! or filter change. Hovering or tapping a bar shows its exact printed value; a switch
//! shows the same numbers as a table for screen readers and keyboards.
//!
//! Until the canvas is first drawn, the chart is shown as SVG ([`bulletin::chart::svg`]),
//! which the pre-rendered page carries, so a reader sees every chart from the first paint and
//! without JavaScript. The canvas waits for the chart to come near the view (a screen's height
//! away), then for the browser to be idle: a new canvas at devicePixelRatio 2 costs the browser
//! tens of milliseconds, which would otherwise make the start-up a long task on a phone
//! (docs/benchmark.md). At the first idle moment the browser does its one-off work for the
//! canvas ([`set_up`]); at the next, the chart is drawn. The core's [`CanvasStage`] is how far
//! it is; this component reports nearness, the idle moments and the draws to it
//! ([`use_canvas_stage`]) and does the work the stage asks for ([`use_canvas_drawing`]).

use std::cell::RefCell;
use std::rc::Rc;

use bulletin::anchor;
use bulletin::chart::{
    self, CanvasStage, CanvasWork, ChartKind, ChartLayout, ChartRequest, ChartSpec, Frame, Palette, StageEvent, Wording,
};
use bulletin::model::{plain_text, Column, ColumnId, Date, Table};
use bulletin::route::{Embed, Route, TableView as LinkView};
use bulletin::unit::{Amount, Unit};
use plotters_canvas::CanvasBackend;
use yew::prelude::*;

use crate::components::copy_button::CopyButton;
use crate::dom;
use crate::hooks::{use_device_pixel_ratio, use_element_width};
use crate::i18n::{Lang, TERMS};
use crate::ptr::Ptr;

const RESERVED_CSS_WIDTH: f64 = chart::STAND_IN_CSS_WIDTH;

/// The longest the first canvas draw waits for the browser to be idle, in milliseconds.
const FIRST_DRAW_WAIT_MS: u32 = 300;

/// How near the view a chart's canvas starts on its way to its first draw
/// (`IntersectionObserver`'s `rootMargin`): within a screen's height above or below, so that
/// it is drawn before a reader scrolling at a reading pace reaches it (its SVG stands in until
/// then).
const NEAR_VIEW: &str = "100% 0px";

/// Props of [`ChartView`].
#[derive(Properties, PartialEq)]
pub struct ChartViewProps {
    /// The table charted.
    pub table: Ptr<Table>,
    /// What the chart draws.
    pub spec: Ptr<ChartSpec>,
    /// The rows in the table's current order and filter.
    pub rows: Rc<Vec<usize>>,
    /// The measured column shown (bars).
    pub metric: ColumnId,
    /// Called when the reader picks another metric.
    pub on_metric: Callback<ColumnId>,
    /// The interface language.
    pub lang: Lang,
    /// Whether the page is dark.
    pub dark: bool,
    /// The table's state, for links.
    pub link_view: LinkView,
    /// The series' name in the interface's language, for the exported image.
    pub series: AttrValue,
    /// The issue's date, for the exported image and its file name.
    pub issue_date: Date,
}

/// What the tooltip shows and where.
#[derive(Clone, Debug, PartialEq)]
struct Tip {
    label: String,
    value: String,
    x: f64,
    y: f64,
}

/// The canvas's stage as component state: a reducer that only hands each event to
/// [`CanvasStage::next`].
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Stage(CanvasStage);

impl Reducible for Stage {
    type Action = StageEvent;

    fn reduce(self: Rc<Self>, event: StageEvent) -> Rc<Self> {
        Rc::new(Stage(self.0.next(event)))
    }
}

/// The chart of one table.
#[component]
pub fn ChartView(props: &ChartViewProps) -> Html {
    let t = props.lang.t();
    let container = use_node_ref();
    let canvas = use_node_ref();
    let tooltip = use_node_ref();
    let css_width = use_element_width(&container);
    let scale = use_device_pixel_ratio();
    let show_numbers = use_state(|| false);
    let stage = use_canvas_stage(&container);
    let drawn = stage.0.is_drawn();
    let tip = use_state(|| None::<Tip>);
    // The chart laid out at the reserved width, the same way on the server and in the browser,
    // with its description: it gives the canvas its first size (the pre-rendered page reserves
    // the chart's height, so nothing jumps when it is drawn) and draws the SVG stand-in, which
    // follows the rows until the canvas is drawn.
    let chart_inputs = (
        props.table.clone(),
        props.spec.clone(),
        props.rows.clone(),
        props.metric,
        props.lang,
    );
    let reserved_layout = use_memo(chart_inputs.clone(), |(table, spec, rows, metric, lang)| {
        let wording = match lang {
            Lang::Ko => Wording::Korean,
            Lang::En => Wording::English,
        };
        let request = ChartRequest {
            spec,
            metric: *metric,
            rows,
            css_width: RESERVED_CSS_WIDTH,
            scale: 1.0,
        };
        (
            chart::layout(table, &request),
            chart::describe_naming(table, &request, wording, &|column| lang.series_name_of(column)),
        )
    });
    // Fixed at the first render: from then on each draw sizes the canvas itself.
    let reserved = {
        let layout = reserved_layout.clone();
        use_state(move || (layout.0.width.to_string(), layout.0.height.to_string()))
    };
    // The SVG, written once for each order and only while the canvas is undrawn.
    let stand_in = {
        let layout = reserved_layout.clone();
        use_memo((chart_inputs, drawn || *show_numbers), move |(_, replaced)| {
            (!*replaced).then(|| AttrValue::from(chart::svg(&layout.0, &layout.1)))
        })
    };
    // The layout last drawn on the canvas, for hit-testing the pointer.
    let layout = use_canvas_drawing(Drawing {
        canvas: canvas.clone(),
        table: props.table.clone(),
        spec: props.spec.clone(),
        rows: props.rows.clone(),
        metric: props.metric,
        css_width,
        scale,
        dark: props.dark,
        hidden: *show_numbers,
        stage: stage.clone(),
    });
    // Place the tooltip where the pointer is.
    {
        let tooltip = tooltip.clone();
        use_effect_with((*tip).clone(), move |tip| {
            if let Some(tip) = tip {
                dom::place(&tooltip, tip.x, tip.y);
            }
        });
    }

    let on_pointer = {
        let layout = layout.clone();
        let tip = tip.clone();
        let table = props.table.clone();
        let drawn = props.spec.drawn_columns(Some(props.metric));
        let lang = props.lang;
        Callback::from(move |event: PointerEvent| {
            let x = f64::from(event.offset_x());
            let y = f64::from(event.offset_y());
            let found = layout.borrow().as_ref().and_then(|layout| {
                chart::hit_test(layout, x, y, scale).map(|bar| {
                    let column = drawn
                        .get(bar.series)
                        .and_then(|column| table.columns.get(column.index()));
                    Tip {
                        label: bar.label.clone(),
                        value: tip_value(column, &bar.series_label, &bar.value_shown, lang),
                        x,
                        y,
                    }
                })
            });
            if found != *tip {
                tip.set(found);
            }
        })
    };
    let on_leave = {
        let tip = tip.clone();
        Callback::from(move |_: PointerEvent| tip.set(None))
    };
    let on_toggle = {
        let show_numbers = show_numbers.clone();
        Callback::from(move |_: MouseEvent| show_numbers.set(!*show_numbers))
    };
    // The PNG is drawn anew, on a canvas of its own, framed to stand alone: caption, measure
    // and unit above the chart, sources and issue below, long labels wrapped (the core's
    // `export_layout`), at the width and pixel ratio the reader sees.
    let on_png = {
        let table = props.table.clone();
        let spec = props.spec.clone();
        let rows = props.rows.clone();
        let metric = props.metric;
        let lang = props.lang;
        let dark = props.dark;
        let series = props.series.clone();
        let date = props.issue_date;
        Callback::from(move |_: MouseEvent| {
            let request = ChartRequest {
                spec: &spec,
                metric,
                rows: &rows,
                css_width: if css_width > 0.0 { css_width } else { RESERVED_CSS_WIDTH },
                scale,
            };
            let frame = export_frame(&table, &spec, &rows, metric, lang, &series, date);
            let layout = chart::export_layout(&table, &request, &frame);
            let Some(element) = dom::detached_canvas(layout.width, layout.height) else {
                return;
            };
            let palette = if dark { Palette::DARK } else { Palette::LIGHT };
            let Some(mut backend) = CanvasBackend::with_canvas_object(element.clone()) else {
                return;
            };
            if chart::draw(&layout, &palette, &mut backend).is_err() {
                return;
            }
            if let Some(url) = dom::canvas_png(&element) {
                dom::click_link(&url, &chart::file_name(&date.iso(), &table));
            }
        })
    };
    let table = &props.table;
    let id = table.id.to_string();
    // The chart's link opens the issue at its table, in the same state, so the chart shows.
    let link_route = Route::Table(id.clone(), props.link_view.clone());
    let embed_route = Route::Embed(Embed::Chart(id.clone(), props.link_view.clone()));
    let embed_title = AttrValue::from(format!("{} ({})", table.caption, t.embed_chart));
    // The sentence does not depend on the width the chart is drawn at.
    let description = reserved_layout.1.clone();
    let metric_switch = match props.spec.kind {
        ChartKind::Bars if props.spec.measures.len() > 1 => html! {
            <span class="metric-switch" role="group" aria-label={t.metric}>
                { for props.spec.measures.iter().map(|measure| {
                    let measure = *measure;
                    let on_metric = props.on_metric.clone();
                    let printed = table.columns.get(measure.index()).map(|column| column.label.clone()).unwrap_or_default();
                    // The interface's word for the heading when it knows it; else as printed, in Korean.
                    let (label, label_lang) = match props.lang.term(TERMS.measures, &printed) {
                        Some(word) => (word.to_string(), None),
                        None => (printed, Some("ko")),
                    };
                    html! {
                        <button type="button" lang={label_lang} aria-pressed={(measure == props.metric).to_string()} onclick={Callback::from(move |_: MouseEvent| on_metric.emit(measure))}>{ label }</button>
                    }
                }) }
            </span>
        },
        _ => html! {},
    };
    let numbers = if *show_numbers {
        numbers_table(table, &props.spec, &props.rows, props.metric)
    } else {
        html! {}
    };
    // The memo above gives none once the canvas is drawn or while the numbers are shown.
    let stand_in_shown = stand_in.is_some();
    let stand_in = match stand_in.as_ref() {
        Some(svg) => Html::from_html_unchecked(svg.clone()),
        None => Html::default(),
    };
    html! {
        <figure class="chart" id={anchor::chart(&id)}>
            <figcaption><span lang={props.lang.inside_issue()}>{ format!("{}: ", t.chart) }</span>{ format!("〈{}〉", table.caption) }</figcaption>
            <div class="chart-controls" lang={props.lang.inside_issue()}>
                { metric_switch }
                <span class="toolbar-buttons">
                    <button type="button" aria-expanded={show_numbers.to_string()} onclick={on_toggle}>
                        { if *show_numbers { t.show_chart } else { t.show_numbers } }
                    </button>
                    if !*show_numbers {
                        <button type="button" onclick={on_png}>{ t.download_png }</button>
                    }
                    <CopyButton label={t.copy_link} route={link_route} lang={props.lang} />
                    <CopyButton label={t.copy_embed} route={embed_route} embed_title={embed_title} lang={props.lang} />
                </span>
            </div>
            if props.rows.len() > chart::MAX_ROWS {
                <p class="chart-note" lang={props.lang.inside_issue()}>{ props.lang.chart_rows_omitted(chart::MAX_ROWS, props.rows.len()) }</p>
            }
            <div class={classes!("chart-area", stand_in_shown.then_some("stand-in"))} ref={container}>
                if *show_numbers {
                    { numbers }
                } else {
                    { stand_in }
                    <canvas ref={canvas} class={classes!((!drawn).then_some("undrawn"))} width={reserved.0.clone()} height={reserved.1.clone()} role="img" aria-label={description} lang={props.lang.inside_issue()} onpointermove={on_pointer.clone()} onpointerdown={on_pointer} onpointerleave={on_leave}></canvas>
                    <div ref={tooltip} class={classes!("chart-tip", tip.is_none().then_some("hidden"))} aria-hidden="true">
                        if let Some(tip) = &*tip {
                            <strong>{ tip.label.clone() }</strong><br />{ tip.value.clone() }
                        }
                    </div>
                }
            </div>
        </figure>
    }
}

/// How far the canvas is on its way to its first draw: far from the view at first, until the
/// chart area (`container`) comes near it; then waiting for the browser to be idle, and moved
/// on once it is.
#[hook]
fn use_canvas_stage(container: &NodeRef) -> UseReducerHandle<Stage> {
    let stage = use_reducer_eq(Stage::default);
    {
        let stage = stage.dispatcher();
        let container = container.clone();
        use_effect_with((), move |_| {
            let watch = dom::when_near(&container, NEAR_VIEW, move || stage.dispatch(StageEvent::Near));
            move || drop(watch)
        });
    }
    {
        let waiting = stage.0 == CanvasStage::Waiting;
        let stage = stage.dispatcher();
        use_effect_with(waiting, move |waiting| {
            let idle = waiting.then(|| dom::when_idle(FIRST_DRAW_WAIT_MS, move || stage.dispatch(StageEvent::Idle)));
            move || drop(idle)
        });
    }
    stage
}

/// What the canvas draws, at what size, and where it stands.
struct Drawing {
    canvas: NodeRef,
    table: Ptr<Table>,
    spec: Ptr<ChartSpec>,
    rows: Rc<Vec<usize>>,
    metric: ColumnId,
    css_width: f64,
    scale: f64,
    dark: bool,
    /// Whether the numbers table stands in the canvas's place.
    hidden: bool,
    stage: UseReducerHandle<Stage>,
}

/// Does the work the canvas's stage asks for ([`CanvasStage::work`]) whenever what the chart
/// shows, or its size, changes: sets the canvas up and waits for the browser to be idle again,
/// or draws it. Nothing while the canvas is hidden or not yet measured. Returns the layout
/// last drawn.
#[hook]
fn use_canvas_drawing(drawing: Drawing) -> Rc<RefCell<Option<ChartLayout>>> {
    let layout: Rc<RefCell<Option<ChartLayout>>> = use_mut_ref(|| None);
    // The idle callback that moves a set-up canvas on to drawing; a new set-up replaces it.
    let next_stage: Rc<RefCell<Option<dom::Idle>>> = use_mut_ref(|| None);
    let Drawing {
        canvas,
        table,
        spec,
        rows,
        metric,
        css_width,
        scale,
        dark,
        hidden,
        stage,
    } = drawing;
    let work = stage.0.work();
    let drawn = layout.clone();
    use_effect_with(
        ((rows, metric, css_width, scale), dark, hidden, work),
        move |((rows, metric, css_width, scale), dark, hidden, work)| {
            let Some(work) = *work else {
                return;
            };
            if *hidden || *css_width <= 0.0 {
                return;
            }
            let Some(element) = dom::canvas(&canvas) else {
                return;
            };
            let palette = if *dark { Palette::DARK } else { Palette::LIGHT };
            let timing = match work {
                CanvasWork::Draw => dom::Timing::start("chart-draw", table.id.as_str()),
                CanvasWork::SetUp => dom::Timing::start("chart-setup", table.id.as_str()),
            };
            let request = ChartRequest {
                spec: &spec,
                metric: *metric,
                rows,
                css_width: *css_width,
                scale: *scale,
            };
            let laid_out = chart::layout(&table, &request);
            dom::size_canvas(
                &element,
                (laid_out.width, laid_out.height),
                (f64::from(laid_out.width) / laid_out.scale, laid_out.css_height),
            );
            if work == CanvasWork::SetUp {
                set_up(&element, &laid_out, &palette);
                timing.finish();
                let stage = stage.dispatcher();
                *next_stage.borrow_mut() = Some(dom::when_idle(FIRST_DRAW_WAIT_MS, move || {
                    stage.dispatch(StageEvent::Idle)
                }));
                return;
            }
            if let Some(mut backend) = CanvasBackend::with_canvas_object(element) {
                let _ = chart::draw(&laid_out, &palette, &mut backend);
            }
            timing.finish();
            *drawn.borrow_mut() = Some(laid_out);
            stage.dispatch(StageEvent::Drew);
        },
    );
    layout
}

/// Has the browser do now, rather than in the first draw, what it does once for a new canvas:
/// allocate the backing store, on the first thing painted (one pixel of the background), and
/// resolve the font at each size the chart's text uses, which in Chromium on Linux asks the
/// browser process for the font's rendering settings. Either can take several milliseconds on a
/// slow machine (docs/benchmark.md); the first draw, in a later task, then only draws.
fn set_up(canvas: &dom::HtmlCanvasElement, layout: &ChartLayout, palette: &Palette) {
    let (r, g, b) = palette.background;
    let mut fonts: Vec<String> = Vec::new();
    for text in &layout.texts {
        // The font as plotters-canvas writes it for `draw_text`, so the draw finds it resolved.
        let font = format!("normal {}px {}", text.size, layout.font_family);
        if !fonts.contains(&font) {
            fonts.push(font);
        }
    }
    dom::prepare_canvas(canvas, &format!("rgb({r},{g},{b})"), &fonts);
}

/// What the tooltip says of a bar's figure: its column and the figure as printed, and in English
/// the column's English name and, for a figure in a unit of money, its value in yuan or won.
fn tip_value(column: Option<&Column>, heading: &str, shown: &str, lang: Lang) -> String {
    let Some(column) = column.filter(|_| lang == Lang::En) else {
        return format!("{heading}: {shown}");
    };
    let heading = lang
        .series_name_of(column)
        .map_or_else(|| heading.to_string(), |name| name.heading);
    let main = shown.split('(').next().unwrap_or(shown).trim();
    let amount = column
        .unit
        .as_deref()
        .and_then(Unit::of_column)
        .and_then(|unit| Amount::of_figure(main, unit));
    match amount {
        Some(amount) => format!("{heading}: {shown} = {}", amount.english()),
        None => format!("{heading}: {shown}"),
    }
}

/// What an exported chart says around itself, in the interface's language: the caption as its
/// title; the measures drawn, with their units, and how many rows a filter leaves; the table's
/// sources and notes as printed; and the issue's date and series.
fn export_frame(
    table: &Table,
    spec: &ChartSpec,
    rows: &[usize],
    metric: ColumnId,
    lang: Lang,
    series: &str,
    date: Date,
) -> Frame {
    let t = lang.t();
    let measures: Vec<String> = spec
        .drawn_columns(Some(metric))
        .iter()
        .filter_map(|column| table.columns.get(column.index()))
        .map(|column| {
            lang.series_name_of(column)
                .map_or_else(|| column.heading(), |name| name.heading)
        })
        .collect();
    let mut subtitle = measures.join(" · ");
    if rows.len() < table.rows.len() {
        subtitle.push_str(&format!(" · {}", lang.rows_shown(rows.len(), table.rows.len())));
    }
    let mut notes: Vec<String> = table
        .sources
        .iter()
        .map(|source| format!("{}: {}", t.source, plain_text(source)))
        .collect();
    notes.extend(table.notes.iter().map(|note| format!("* {}", plain_text(note))));
    notes.push(format!("{}: {} · {series}", t.issue_date, date.printed()));
    Frame {
        title: format!("〈{}〉", table.caption),
        subtitle,
        notes,
    }
}

/// The chart's numbers as a table, in the chart's order: the accessible twin of the canvas.
fn numbers_table(table: &Table, spec: &ChartSpec, rows: &[usize], metric: ColumnId) -> Html {
    let columns = spec.drawn_columns(Some(metric));
    let label = table
        .columns
        .get(spec.label.index())
        .map(|column| column.heading())
        .unwrap_or_default();
    html! {
        <table class="data chart-numbers">
            <thead>
                <tr>
                    <th scope="col">{ label }</th>
                    { for columns.iter().filter_map(|column| table.columns.get(column.index())).map(|column| html! {
                        <th scope="col" class="num">{ column.heading() }</th>
                    }) }
                </tr>
            </thead>
            <tbody>
                { for rows.iter().filter_map(|row| table.rows.get(*row)).map(|row| html! {
                    <tr>
                        <th scope="row">{ row.cell(spec.label).shown() }</th>
                        { for columns.iter().map(|column| html! { <td class="num">{ row.cell(*column).shown() }</td> }) }
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
