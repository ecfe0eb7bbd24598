//! A table's chart: laid out by the core, drawn with plotters on a canvas whose backing
//! store is sized by devicePixelRatio, redrawn when its width, the theme, the table's sort
//! or filter change. Hovering or tapping a bar shows its exact printed value; a switch
//! shows the same numbers as a table for screen readers and keyboards.
//!
//! Until the canvas is first drawn, the chart is shown as SVG ([`bulletin::chart::svg`]),
//! which the pre-rendered page carries, so a reader sees every chart from the first paint and
//! without JavaScript. The canvas waits for the browser to be idle: a new canvas at
//! devicePixelRatio 2 costs the browser tens of milliseconds, which would otherwise hold up the
//! page's first interactive frame (docs/benchmark.md). At the first idle moment the browser does
//! its one-off work for the canvas ([`set_up`]); at the next, the chart is drawn.

use std::cell::RefCell;
use std::rc::Rc;

use bulletin::anchor;
use bulletin::chart::{self, ChartKind, ChartLayout, ChartRequest, ChartSpec, Palette, Wording};
use bulletin::model::{ColumnId, Table};
use bulletin::route::{Embed, Route, TableView as LinkView};
use gloo::events::EventListener;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::copy_button::CopyButton;
use crate::dom;
use crate::i18n::Lang;
use crate::ptr::Ptr;

/// The chart's width before the page is measured: the text column's on a wide screen.
const RESERVED_CSS_WIDTH: f64 = 708.0;

/// The longest the first canvas draw waits for the browser to be idle, in milliseconds.
const FIRST_DRAW_WAIT_MS: u32 = 300;

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
}

/// What the tooltip shows and where.
#[derive(Clone, Debug, PartialEq)]
struct Tip {
    label: String,
    value: String,
    x: f64,
    y: f64,
}

// The User Timing API, for `cargo xtask bench` (docs/benchmark.md); `catch` turns a browser
// without it into an `Err` that is ignored, never an exception through the WebAssembly.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = performance, js_name = mark)]
    fn performance_mark(name: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = performance, js_name = measure)]
    fn performance_measure(name: &str, start_mark: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = performance, js_name = clearMarks)]
    fn performance_clear_marks(name: &str) -> Result<JsValue, JsValue>;
}

/// One step of a chart on the browser's performance timeline, as the measure
/// `<name>:<table id>`: `chart-draw` (layout, canvas sizing and drawing) and `chart-setup` (the
/// browser's one-off work for a new canvas, in a task of its own before the first draw).
struct Timing {
    measure: String,
    start: String,
}

impl Timing {
    fn start(name: &str, table_id: &str) -> Timing {
        let timing = Timing {
            measure: format!("{name}:{table_id}"),
            start: format!("{name}-start:{table_id}"),
        };
        let _ = performance_mark(&timing.start);
        timing
    }

    fn finish(self) {
        let _ = performance_measure(&self.measure, &self.start);
        // Only the measures stay; a chart redrawn on every resize leaves no trail of marks.
        let _ = performance_clear_marks(&self.start);
    }
}

/// How far a chart's canvas is on its way to the first draw.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Stage {
    /// Waiting for the browser to be idle; the SVG shows the chart.
    Waiting,
    /// Idle once: the canvas gets its size, and the browser does its one-off work for it
    /// ([`set_up`]) in a task of its own.
    SetUp,
    /// Idle again: the canvas draws, and redraws whenever what it shows changes.
    Draw,
}

/// The chart of one table.
#[component]
pub fn ChartView(props: &ChartViewProps) -> Html {
    let t = props.lang.t();
    let container = use_node_ref();
    let canvas = use_node_ref();
    let tooltip = use_node_ref();
    let css_width = use_state(|| 0.0f64);
    // The ratio is read in an effect: rendering must not touch the browser, so that the
    // same component also renders on the server for the pre-rendered page.
    let scale = use_state(|| 1.0f64);
    let show_numbers = use_state(|| false);
    // How far the canvas is on its way to the first draw, and whether it has drawn: until then
    // the SVG shows the chart.
    let stage = use_state(|| Stage::Waiting);
    let next_stage: Rc<RefCell<Option<dom::Idle>>> = use_mut_ref(|| None);
    let drawn = use_state(|| false);
    let tip = use_state(|| None::<Tip>);
    let layout: Rc<RefCell<Option<ChartLayout>>> = use_mut_ref(|| None);
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
            chart::describe(table, &request, wording),
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
        use_memo((chart_inputs, *drawn || *show_numbers), move |(_, replaced)| {
            (!*replaced).then(|| AttrValue::from(chart::svg(&layout.0, &layout.1)))
        })
    };

    // Width from the container, and devicePixelRatio from window resizes (zoom changes it).
    {
        let container = container.clone();
        let css_width = css_width.clone();
        let scale = scale.clone();
        use_effect_with((), move |_| {
            let ratio = dom::device_pixel_ratio();
            if ratio != *scale {
                scale.set(ratio);
            }
            let measure = {
                let container = container.clone();
                let css_width = css_width.clone();
                move || {
                    if let Some(element) = container.cast::<web_sys::Element>() {
                        let width = f64::from(element.client_width()).floor();
                        if width > 0.0 && width != *css_width {
                            css_width.set(width);
                        }
                    }
                }
            };
            measure();
            let observer = container.cast::<web_sys::Element>().and_then(|element| {
                let measure = measure.clone();
                let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |_: js_sys::Array| measure());
                let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
                observer.observe(&element);
                Some((observer, callback))
            });
            let resize = dom::window().map(|window| {
                EventListener::new(&window, "resize", move |_| {
                    let ratio = dom::device_pixel_ratio();
                    if ratio != *scale {
                        scale.set(ratio);
                    }
                })
            });
            move || {
                if let Some((observer, _)) = &observer {
                    observer.disconnect();
                }
                drop(observer);
                drop(resize);
            }
        });
    }

    {
        let stage = stage.clone();
        use_effect_with((), move |_| {
            let waiting = dom::when_idle(FIRST_DRAW_WAIT_MS, move || stage.set(Stage::SetUp));
            move || drop(waiting)
        });
    }

    let request_inputs = (props.rows.clone(), props.metric, *css_width, *scale);
    // Draw whenever what the chart shows or its size changes.
    {
        let canvas = canvas.clone();
        let table = props.table.clone();
        let spec = props.spec.clone();
        let layout = layout.clone();
        let dark = props.dark;
        let hidden = *show_numbers;
        let drawn = drawn.clone();
        let stage = stage.clone();
        let current = *stage;
        let next_stage = next_stage.clone();
        use_effect_with(
            (request_inputs.clone(), dark, hidden, current),
            move |((rows, metric, css_width, scale), dark, hidden, current)| {
                if *current == Stage::Waiting || *hidden || *css_width <= 0.0 {
                    return;
                }
                let Some(element) = canvas.cast::<web_sys::HtmlCanvasElement>() else {
                    return;
                };
                let palette = if *dark { Palette::DARK } else { Palette::LIGHT };
                let timing = match current {
                    Stage::Draw => Timing::start("chart-draw", table.id.as_str()),
                    _ => Timing::start("chart-setup", table.id.as_str()),
                };
                let request = ChartRequest {
                    spec: &spec,
                    metric: *metric,
                    rows,
                    css_width: *css_width,
                    scale: *scale,
                };
                let laid_out = chart::layout(&table, &request);
                // Resizing a canvas reallocates its backing store: only when the size changed.
                if element.width() != laid_out.width || element.height() != laid_out.height {
                    element.set_width(laid_out.width);
                    element.set_height(laid_out.height);
                    // CSSOM, not a style attribute, so a strict Content-Security-Policy allows it.
                    let style = element.style();
                    let _ = style.set_property("width", &format!("{}px", f64::from(laid_out.width) / laid_out.scale));
                    let _ = style.set_property("height", &format!("{}px", laid_out.css_height));
                }
                if *current != Stage::Draw {
                    set_up(&element, &laid_out, &palette);
                    timing.finish();
                    *next_stage.borrow_mut() = Some(dom::when_idle(FIRST_DRAW_WAIT_MS, move || stage.set(Stage::Draw)));
                    return;
                }
                if let Some(mut backend) = CanvasBackend::with_canvas_object(element) {
                    let _ = chart::draw(&laid_out, &palette, &mut backend);
                }
                timing.finish();
                *layout.borrow_mut() = Some(laid_out);
                if !*drawn {
                    drawn.set(true);
                }
            },
        );
    }
    // Place the tooltip where the pointer is.
    {
        let tooltip = tooltip.clone();
        use_effect_with((*tip).clone(), move |tip| {
            if let (Some(tip), Some(element)) = (tip, tooltip.cast::<web_sys::HtmlElement>()) {
                let style = element.style();
                let _ = style.set_property("left", &format!("{}px", tip.x));
                let _ = style.set_property("top", &format!("{}px", tip.y));
            }
        });
    }

    let on_pointer = {
        let layout = layout.clone();
        let tip = tip.clone();
        let scale = *scale;
        Callback::from(move |event: PointerEvent| {
            let x = f64::from(event.offset_x());
            let y = f64::from(event.offset_y());
            let found = layout.borrow().as_ref().and_then(|layout| {
                chart::hit_test(layout, x, y, scale).map(|bar| Tip {
                    label: bar.label.clone(),
                    value: format!("{}: {}", bar.series_label, bar.value_shown),
                    x,
                    y,
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
    let on_png = {
        let canvas = canvas.clone();
        let name = format!("{}-chart.png", props.table.id);
        Callback::from(move |_: MouseEvent| {
            if let Some(element) = canvas.cast::<web_sys::HtmlCanvasElement>() {
                if let Ok(url) = element.to_data_url_with_type("image/png") {
                    dom::click_link(&url, &name);
                }
            }
        })
    };
    let table = &props.table;
    let id = table.id.to_string();
    // The chart's link opens the issue at its table, in the same state, so the chart shows.
    let link_hash = AttrValue::from(Route::Table(id.clone(), props.link_view.clone()).to_hash());
    let embed_hash = AttrValue::from(Route::Embed(Embed::Chart(id.clone(), props.link_view.clone())).to_hash());
    // The sentence does not depend on the width the chart is drawn at.
    let description = reserved_layout.1.clone();
    let metric_switch = match props.spec.kind {
        ChartKind::Bars if props.spec.measures.len() > 1 => html! {
            <span class="metric-switch" role="group" aria-label={t.metric} lang="ko">
                { for props.spec.measures.iter().map(|measure| {
                    let measure = *measure;
                    let on_metric = props.on_metric.clone();
                    let label = table.columns.get(measure.index()).map(|column| column.label.clone()).unwrap_or_default();
                    html! {
                        <button type="button" aria-pressed={(measure == props.metric).to_string()} onclick={Callback::from(move |_: MouseEvent| on_metric.emit(measure))}>{ label }</button>
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
                        <button type="button" onclick={on_png} disabled={!*drawn}>{ t.download_png }</button>
                    }
                    <CopyButton label={t.copy_link} hash={link_hash} lang={props.lang} />
                    <CopyButton label={t.copy_embed} hash={embed_hash} embed_title={AttrValue::from(table.caption.clone())} lang={props.lang} />
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
                    <canvas ref={canvas} class={classes!((!*drawn).then_some("undrawn"))} width={reserved.0.clone()} height={reserved.1.clone()} role="img" aria-label={description} lang={props.lang.inside_issue()} onpointermove={on_pointer.clone()} onpointerdown={on_pointer} onpointerleave={on_leave}></canvas>
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

/// The chart's numbers as a table, in the chart's order: the accessible twin of the canvas.
/// Has the browser do now, rather than in the first draw, what it does once for a new canvas:
/// allocate the backing store, on the first thing painted (one pixel of the background), and
/// resolve the font at each size the chart's text uses, which in Chromium on Linux asks the
/// browser process for the font's rendering settings. Either can take several milliseconds on a
/// slow machine (docs/benchmark.md); the first draw, in a later task, then only draws.
fn set_up(canvas: &web_sys::HtmlCanvasElement, layout: &ChartLayout, palette: &Palette) {
    let Some(context) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|context| context.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    let (r, g, b) = palette.background;
    context.set_fill_style_str(&format!("rgb({r},{g},{b})"));
    context.fill_rect(0.0, 0.0, 1.0, 1.0);
    let mut sizes: Vec<f64> = Vec::new();
    for text in &layout.texts {
        if !sizes.contains(&text.size) {
            sizes.push(text.size);
        }
    }
    for size in sizes {
        // The font as plotters-canvas writes it for `draw_text`, so the draw finds it resolved.
        context.set_font(&format!("normal {size}px {}", layout.font_family));
        let _ = context.measure_text("가A0");
    }
}

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
