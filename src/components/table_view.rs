//! A data table the reader can sort, filter, download, link to and chart.
//!
//! The component keeps the reader's state (sort keys, filter, chart metric) and asks the
//! core for everything else: `SortState::click` for header clicks, `visible_rows` for the
//! rows shown, `csv::table_to_csv` for the download, `TableView` for links. The total row
//! is rendered in `<tfoot>`, outside the sorted rows, so it stays last. Tables too long to
//! render at once (thousands of rows) render only the rows in view.
//!
//! The `<table>` itself is one raw fragment written by [`bulletin::html`] (`Markup::data_table`)
//! and written again when the rows or the sort change: a table holds most of the page's
//! elements, and a raw fragment hydrates without visiting each (docs/benchmark.md). One click
//! listener around it reads the sort button's `data-column`, and focus goes back to that button
//! once the table is written again, so a keyboard reader can sort again at once.

use std::cell::RefCell;
use std::rc::Rc;

use bulletin::anchor;
use bulletin::chart::ChartSpec;
use bulletin::csv;
use bulletin::html::{English, Ids, Markup, Shown, COLUMN_ATTRIBUTE, WINDOW_THRESHOLD};
use bulletin::model::{Cell, ColumnId, Issue, Table};
use bulletin::route::{Embed, Route, TableView as LinkView};
use bulletin::sort::{visible_rows, Collation, RowText, SortState};
use yew::prelude::*;

use crate::collate;
use crate::components::chart_view::ChartView;
use crate::components::copy_button::{Copied, CopyButton, CopyChoices};
use crate::components::later::later;
use crate::components::prose::{raw, write_sources_and_notes};
use crate::dom;
use crate::i18n::{Lang, TERMS};
use crate::ptr::Ptr;

/// Rows rendered in a windowed table: a screenful and some to spare.
const WINDOW_ROWS: usize = 80;
/// Rows rendered above the first visible one, so fast scrolling shows no gap.
const WINDOW_OVERSCAN: usize = 20;
/// The height of a windowed row until the real one is measured, in CSS pixels.
const DEFAULT_ROW_PX: f64 = 33.0;

/// A table state asked for by a link; `serial` changes on every navigation so the same
/// link followed twice applies twice.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewRequest {
    /// The state asked for.
    pub view: LinkView,
    /// Distinguishes successive navigations.
    pub serial: u32,
}

/// Which part of the table an embed shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmbedPart {
    /// The table with its controls, and its chart.
    TableAndChart,
    /// The table with its controls, without its chart.
    TableOnly,
    /// The chart alone.
    Chart,
}

/// Props of [`TableView`].
#[derive(Properties, PartialEq)]
pub struct TableViewProps {
    /// The issue holding the table.
    pub issue: Ptr<Issue>,
    /// The table's id.
    pub id: AttrValue,
    /// The interface language.
    pub lang: Lang,
    /// Whether the page is dark (for the chart's colours).
    pub dark: bool,
    /// A state a link asked for.
    #[prop_or_default]
    pub request: Option<ViewRequest>,
    /// Set when the table is shown alone in an embed.
    #[prop_or_default]
    pub embed: Option<EmbedPart>,
}

/// The reader's state of one table.
#[derive(Clone, Debug, PartialEq)]
struct State {
    sort: SortState,
    filter: String,
    metric: Option<ColumnId>,
    ignored: Vec<String>,
}

impl State {
    fn from_request(table: &Table, request: Option<&ViewRequest>) -> State {
        match request {
            Some(request) => {
                let resolved = request.view.resolve(table);
                State {
                    sort: resolved.sort,
                    filter: resolved.filter,
                    metric: resolved.metric,
                    ignored: resolved.ignored,
                }
            }
            None => State {
                sort: SortState::default(),
                filter: String::new(),
                metric: None,
                ignored: Vec::new(),
            },
        }
    }
}

/// A sortable, filterable table with its chart.
#[component]
pub fn TableView(props: &TableViewProps) -> Html {
    // One shared copy of the table for the component's lifetime, compared by pointer.
    let table = use_memo((props.issue.clone(), props.id.clone()), |(issue, id)| {
        issue.table(id).cloned().map(Ptr::new)
    });
    let Some(table) = (*table).clone() else {
        return html! {};
    };
    html! {
        <TableBody
            issue={props.issue.clone()}
            table={table}
            lang={props.lang}
            dark={props.dark}
            request={props.request.clone()}
            embed={props.embed}
        />
    }
}

#[derive(Properties, PartialEq)]
struct TableBodyProps {
    issue: Ptr<Issue>,
    table: Ptr<Table>,
    lang: Lang,
    dark: bool,
    request: Option<ViewRequest>,
    embed: Option<EmbedPart>,
}

#[component]
fn TableBody(props: &TableBodyProps) -> Html {
    let table = props.table.clone();
    let t = props.lang.t();
    let state = {
        let table = table.clone();
        let request = props.request.clone();
        use_state(move || {
            let mut state = State::from_request(&table, request.as_ref());
            // A sort the start-up without Yew made before the viewer started (src/handover.rs):
            // the page shows that order already.
            if request.is_none() {
                if let Some(sort) = crate::handover::take_sort(table.id.as_str()) {
                    state.sort = sort;
                }
            }
            state
        })
    };
    // A new link to this table (another navigation) resets the state to what it asks for.
    {
        let state = state.clone();
        let table = table.clone();
        let request = props.request.clone();
        let applied = use_mut_ref(|| request.as_ref().map(|request| request.serial));
        use_effect_with(request, move |request| {
            let serial = request.as_ref().map(|request| request.serial);
            if serial.is_some() && *applied.borrow() != serial {
                *applied.borrow_mut() = serial;
                state.set(State::from_request(&table, request.as_ref()));
            }
        });
    }
    let announcement = use_state(String::new);
    // Set by the reader's own changes (sort, filter, metric), not by following a link.
    let reader_changed = use_mut_ref(|| false);
    let row_text = use_memo(table.clone(), |table| RowText::new(table));
    let collation: Rc<RefCell<Option<Collation>>> = use_mut_ref(|| None);
    let rows = {
        let table = table.clone();
        let collation = collation.clone();
        let row_text = row_text.clone();
        use_memo((state.sort.clone(), state.filter.clone()), move |(sort, filter)| {
            let needs_collation = sort
                .keys()
                .iter()
                .any(|key| !table.columns[key.column.index()].kind.is_numeric());
            if needs_collation && collation.borrow().is_none() {
                *collation.borrow_mut() = Some(collate::korean(&table));
            }
            let empty = Collation::default();
            let borrowed = collation.borrow();
            Rc::new(visible_rows(
                &table,
                sort,
                borrowed.as_ref().unwrap_or(&empty),
                &row_text,
                filter,
            ))
        })
    };
    let rows: Rc<Vec<usize>> = (*rows).clone();
    let chart_spec = use_memo(table.clone(), |table| ChartSpec::for_table(table));
    let metric = chart_spec.as_ref().as_ref().and_then(|spec| spec.metric(state.metric));

    let on_sort = {
        let state = state.clone();
        let table = table.clone();
        let announcement = announcement.clone();
        let lang = props.lang;
        let reader_changed = reader_changed.clone();
        Callback::from(move |(column, additive): (ColumnId, bool)| {
            *reader_changed.borrow_mut() = true;
            let kind = table.columns[column.index()].kind;
            let sort = state.sort.click(column, kind, additive);
            announcement.set(lang.sorted_by(&bulletin_start::words::sort_keys(&table, &sort)));
            state.set(State {
                sort,
                ..(*state).clone()
            });
        })
    };
    let scroller = use_node_ref();
    let on_table_click = use_sort_clicks(&on_sort, &scroller);
    let windowed = rows.len() > WINDOW_THRESHOLD;
    let on_scroll = use_scroll_edges(&scroller, windowed);
    let block = use_node_ref();
    // The column sorted by comes into view in a table that scrolls sideways (a link's sort, in
    // a narrow frame); a column the reader clicked is in view already.
    {
        let block = block.clone();
        use_effect_with(state.sort.clone(), move |_| dom::reveal_sorted_column(&block));
    }
    let kept_mark = use_kept_mark(&block);
    let on_filter = {
        let state = state.clone();
        let reader_changed = reader_changed.clone();
        Callback::from(move |event: InputEvent| {
            let Some(filter) = dom::target_value(&event) else {
                return;
            };
            kept_mark.note(None);
            *reader_changed.borrow_mut() = true;
            state.set(State {
                filter,
                ..(*state).clone()
            });
        })
    };
    let on_metric = {
        let state = state.clone();
        let reader_changed = reader_changed.clone();
        Callback::from(move |metric: ColumnId| {
            *reader_changed.borrow_mut() = true;
            state.set(State {
                metric: Some(metric),
                ..(*state).clone()
            })
        })
    };
    let link_view = LinkView::from_state(&table, &state.sort, &state.filter, state.metric);
    let id = table.id.to_string();
    let link_route = Route::Table(id.clone(), link_view.clone());
    // When the address is a link to this table, it follows the reader's changes, so that the
    // address bar and a reload give what is shown; replaced in place, with no history entry
    // and no `hashchange`. Any other address (the issue, an article, an embed) stays as it is.
    {
        let reader_changed = reader_changed.clone();
        let id = id.clone();
        use_effect_with(link_view.clone(), move |view| {
            if !std::mem::take(&mut *reader_changed.borrow_mut()) {
                return;
            }
            if let Some(hash) = Route::follow_table(&dom::current_hash(), &id, view.clone()) {
                dom::replace_hash(&hash);
            }
        });
    }
    let on_csv = {
        let table = table.clone();
        let rows = rows.clone();
        let date = props.issue.meta.date.iso();
        // A filtered table's total is of every row: the CSV says so as the screen and print do.
        let total_scope = props.lang.total_of_all(table.rows.len());
        Callback::from(move |_: MouseEvent| {
            let text = csv::table_to_csv(&table, &rows, Some(&total_scope));
            dom::download(
                &csv::file_name(&date, &table),
                "text/csv;charset=utf-8",
                text.as_bytes(),
            );
        })
    };
    let chart = match (chart_spec.as_ref(), metric) {
        (Some(spec), Some(metric)) => {
            let (table, spec, rows, link_view) = (
                table.clone(),
                Ptr(Rc::new(spec.clone())),
                rows.clone(),
                link_view.clone(),
            );
            let (lang, dark, issue_date) = (props.lang, props.dark, props.issue.meta.date);
            let series = AttrValue::from(props.lang.series_name(&props.issue.meta).0);
            later(move || {
                html! {
                    <ChartView
                        table={table.clone()}
                        spec={spec.clone()}
                        rows={rows.clone()}
                        metric={metric}
                        on_metric={on_metric.clone()}
                        lang={lang}
                        dark={dark}
                        link_view={link_view.clone()}
                        series={series.clone()}
                        issue_date={issue_date}
                    />
                }
            })
        }
        _ => html! {},
    };
    if props.embed == Some(EmbedPart::Chart) {
        return html! { <div class="table-block embedded" id={id}>{ chart }</div> };
    }
    let chart = if props.embed == Some(EmbedPart::TableOnly) {
        html! {}
    } else {
        chart
    };
    let embeds = embed_choices(&table, &link_view, chart_spec.is_some(), props.lang);

    let sources_and_notes = {
        let mut markup = Markup::new();
        write_sources_and_notes(&mut markup, &table.sources, &table.notes, props.lang);
        raw(markup)
    };
    // Written by the markup only when a filter hides rows.
    let total_scope = AttrValue::from(props.lang.total_of_all(table.rows.len()));
    let caption_id = anchor::table_caption(&id);
    let hint_id = anchor::table_hint(&id);
    html! {
        <div class={classes!("table-block", props.embed.map(|_| "embedded"))} id={id.clone()} ref={block}>
            <div class="table-toolbar" role="group" aria-label={table.caption.clone()} lang={props.lang.inside_issue()}>
                <label class="filter">
                    <span class="filter-label">{ t.filter_rows }</span>
                    <input type="search" value={state.filter.clone()} oninput={on_filter} aria-controls={anchor::table(&id)} />
                </label>
                // A live region: a screen reader hears how many rows a filter leaves as it changes.
                <span class="row-count" role="status">{ props.lang.rows_shown(rows.len(), table.rows.len()) }</span>
                // Shown only while a sort button tapped before the app started waits for it
                // (static/boot.js marks the block `data-pending`; `dom::replay_early_tap`).
                <span class="getting-ready" role="status">{ t.getting_ready }</span>
                <span class="toolbar-buttons">
                    <button type="button" onclick={on_csv}>{ t.download_csv }</button>
                    <CopyButton label={t.copy_link} route={link_route} lang={props.lang} />
                    { embeds }
                </span>
            </div>
            if !state.ignored.is_empty() {
                <p class="notice" role="status" lang={props.lang.inside_issue()}>{ format!("{} {}", t.link_partly_ignored, props.lang.ignored_parts(&state.ignored)) }</p>
            }
            if rows.is_empty() && !state.filter.is_empty() {
                <p class="notice" role="status" lang={props.lang.inside_issue()}>{ t.no_matching_rows }</p>
            }
            // On paper the toolbar is gone: a filtered table says so above itself, with the filter
            // and how many rows it leaves.
            if !state.filter.is_empty() {
                <p class="print-only filter-print" lang={props.lang.inside_issue()}>
                    { format!("{}: “", t.filtered_print) }<span lang="ko">{ state.filter.clone() }</span>{ format!("” · {}", props.lang.rows_shown(rows.len(), table.rows.len())) }
                </p>
            }
            <p id={hint_id.clone()} class="visually-hidden" lang={props.lang.inside_issue()}>{ t.sort_hint }</p>
            // The frame shows, by its edges, that the table scrolls sideways (`data-more`).
            <div class="table-frame">
                if windowed {
                    <WindowedTable table={table.clone()} rows={rows.clone()} sort={state.sort.clone()} on_sort={on_sort} caption_id={caption_id} hint_id={hint_id} total_scope={total_scope} lang={props.lang} />
                } else {
                    <div class="table-scroll" tabindex="0" role="region" aria-labelledby={caption_id.clone()} onclick={on_table_click} onscroll={on_scroll} ref={scroller}>
                        { table_markup(&table, &state.sort, Shown::All(&rows), Ids { caption: &caption_id, hint: &hint_id, total_scope: Some(&total_scope), english: english(&table, props.lang) }) }
                    </div>
                }
            </div>
            <p class="visually-hidden" aria-live="polite" lang={props.lang.inside_issue()}>{ (*announcement).clone() }</p>
            { sources_and_notes }
            { chart }
        </div>
    }
}

/// The table's embed codes: the table alone, and when it has a chart, the chart alone and the
/// table with its chart, each titled after the caption and the choice.
fn embed_choices(table: &Table, view: &LinkView, charted: bool, lang: Lang) -> Html {
    let t = lang.t();
    let id = table.id.to_string();
    let item = |label: &'static str, embed: Embed| Copied {
        label,
        route: Route::Embed(embed),
        embed_title: Some(AttrValue::from(format!("{} ({label})", table.caption))),
    };
    let table_only = item(t.embed_table_only, Embed::TableOnly(id.clone(), view.clone()));
    if !charted {
        return html! { <CopyButton label={t.copy_embed} route={table_only.route} embed_title={table_only.embed_title} lang={lang} /> };
    }
    let items = vec![
        table_only,
        item(t.embed_chart, Embed::Chart(id.clone(), view.clone())),
        item(t.embed_table_and_chart, Embed::Table(id, view.clone())),
    ];
    html! { <CopyChoices group={Some(t.copy_embed)} items={items} lang={lang} /> }
}

/// What the English interface writes into a table: the total row's label in English, when the
/// interface knows the printed one, and the amounts' values; nothing in Korean.
fn english(table: &Table, lang: Lang) -> Option<English<'static>> {
    if lang == Lang::Ko {
        return None;
    }
    let printed = match table.total.as_ref().map(|total| total.cell(ColumnId(0))) {
        Some(Cell::Text(label)) => Some(label.as_str()),
        _ => None,
    };
    Some(English {
        total_label: printed.and_then(|label| lang.term(TERMS.totals, label)),
    })
}

/// The table as a raw fragment.
fn table_markup(table: &Table, sort: &SortState, shown: Shown<'_>, ids: Ids<'_>) -> Html {
    let mut markup = Markup::new();
    markup.data_table(table, sort, shown, ids);
    raw(markup)
}

/// Keeps a table's box marked, on its frame, with the edges beyond which it has more to show
/// ([`dom::mark_scroll_edges`]): when the box is first laid out and whenever it is resized
/// (its `ResizeObserver`), after every later render (the rows or their widths changed), and
/// on the returned callback, its scroll listener. `shown` says whether the box is rendered (a
/// long table's box is another component's).
///
/// Not after the first render: measuring the box then would make the browser lay the page out
/// at once, in the task that hydrates the table (11.6 ms of the start-up's 108 in a profile at
/// 1×, issue 16), where the observer's first call comes with the next frame's layout anyway.
#[hook]
fn use_scroll_edges(scroller: &NodeRef, shown: bool) -> Callback<Event> {
    {
        let scroller = scroller.clone();
        let mounted = use_mut_ref(|| false);
        use_effect(move || {
            if mounted.replace(true) {
                dom::mark_scroll_edges(&scroller);
            }
        });
    }
    {
        let scroller = scroller.clone();
        use_effect_with(shown, move |_| {
            let watch = dom::element(&scroller).and_then(|element| {
                let scroller = scroller.clone();
                dom::observe_resize(&element, move || dom::mark_scroll_edges(&scroller))
            });
            move || drop(watch)
        });
    }
    let scroller = scroller.clone();
    Callback::from(move |_: Event| dom::mark_scroll_edges(&scroller))
}

/// The click listener around a table: a click on a sort button (or Enter or Space on it)
/// sorts by its column, Shift adding the column as a further key. Once the table has been
/// written again, focus goes back to that column's new button, and a row or total marked as
/// the target of a link or search result is marked again in its new place.
#[hook]
fn use_sort_clicks(on_sort: &Callback<(ColumnId, bool)>, scroller: &NodeRef) -> Callback<MouseEvent> {
    let kept = use_kept_mark(scroller);
    let on_sort = on_sort.clone();
    Callback::from(move |event: MouseEvent| {
        let Some(column) = dom::closest_attribute(&event, "button.sort", COLUMN_ATTRIBUTE)
            .and_then(|index| index.parse::<u16>().ok())
            .map(ColumnId)
        else {
            return;
        };
        kept.note(Some(column));
        on_sort.emit((column, event.shift_key()));
    })
}

/// Keeps the mark of a row (or total) that a link or search result made the target, through a
/// change of state that writes the table's rows again (a sort, a filter keystroke): `note`,
/// called before the change, takes the marked row's id from inside the container; once the
/// table has been written again, the row with that id is marked again, if the change kept it
/// among the rows written, and the given column's sort button gets focus back.
#[derive(Clone)]
struct KeptMark {
    container: NodeRef,
    pending: Rc<RefCell<Option<Rewrite>>>,
}

impl KeptMark {
    fn note(&self, column: Option<ColumnId>) {
        let target = dom::id_within(&self.container, &format!(".{}", dom::TARGET_CLASS));
        *self.pending.borrow_mut() = Some(Rewrite { column, target });
    }
}

#[hook]
fn use_kept_mark(container: &NodeRef) -> KeptMark {
    let pending: Rc<RefCell<Option<Rewrite>>> = use_mut_ref(|| None);
    {
        let pending = pending.clone();
        let container = container.clone();
        use_effect(move || {
            let Some(rewrite) = pending.borrow_mut().take() else {
                return;
            };
            if let Some(id) = rewrite.target {
                // By id, as the row keeps its id in every order; a filter may have left it out,
                // and a windowed table may have scrolled it out of the rows written.
                dom::mark_within(&container, &id);
            }
            if let Some(column) = rewrite.column {
                let selector = format!("button.sort[{COLUMN_ATTRIBUTE}=\"{}\"]", column.index());
                dom::focus_within(&container, &selector);
            }
        });
    }
    KeptMark {
        container: container.clone(),
        pending,
    }
}

/// What a change leaves for the table written again: the column whose sort button gets focus
/// back, after a sort click, and the id of the row marked as the target, if one was.
struct Rewrite {
    column: Option<ColumnId>,
    target: Option<String>,
}

#[derive(Properties, PartialEq)]
struct WindowedTableProps {
    table: Ptr<Table>,
    rows: Rc<Vec<usize>>,
    sort: SortState,
    on_sort: Callback<(ColumnId, bool)>,
    caption_id: String,
    hint_id: String,
    total_scope: AttrValue,
    lang: Lang,
}

/// A long table that renders only the rows around the scroll position; spacer rows keep
/// the scroll bar true to the whole table.
#[component]
fn WindowedTable(props: &WindowedTableProps) -> Html {
    let first = use_state(|| 0usize);
    let row_px = use_mut_ref(|| DEFAULT_ROW_PX);
    let scroller = use_node_ref();
    let total = props.rows.len();
    let start = (*first).min(total.saturating_sub(1));
    let end = (start + WINDOW_ROWS).min(total);
    {
        let scroller = scroller.clone();
        let row_px = row_px.clone();
        // After every render: a new window or order writes the table again, spacers included.
        use_effect(move || {
            // Measure a real row once rendered, so spacers match what the stylesheet draws.
            if let Some(height) = dom::height_within(&scroller, "tbody tr.row") {
                *row_px.borrow_mut() = height;
            }
            let px = *row_px.borrow();
            let spacers = [start as f64 * px, (total - end) as f64 * px];
            dom::set_heights_within(&scroller, "tbody > tr.spacer > td", &spacers);
        });
    }
    let onscroll = {
        let first = first.clone();
        let row_px = row_px.clone();
        Callback::from(move |event: Event| {
            let Some(scroll_top) = dom::target_scroll_top(&event) else {
                return;
            };
            let px = *row_px.borrow();
            let visible_first = (scroll_top / px).floor().max(0.0) as usize;
            let wanted = visible_first.saturating_sub(WINDOW_OVERSCAN);
            // Re-render only when the window has to move, not on every scrolled pixel.
            if wanted.abs_diff(*first) >= WINDOW_OVERSCAN / 2 {
                first.set(wanted);
            }
        })
    };
    let on_table_click = use_sort_clicks(&props.on_sort, &scroller);
    let on_edges = use_scroll_edges(&scroller, true);
    let onscroll = Callback::from(move |event: Event| {
        on_edges.emit(event.clone());
        onscroll.emit(event);
    });
    let shown = Shown::Window {
        order: &props.rows,
        start,
        end,
    };
    html! {
        <div class="table-scroll windowed" tabindex="0" role="region" aria-labelledby={props.caption_id.clone()} onscroll={onscroll} onclick={on_table_click} ref={scroller}>
            { table_markup(&props.table, &props.sort, shown, Ids { caption: &props.caption_id, hint: &props.hint_id, total_scope: Some(&props.total_scope), english: english(&props.table, props.lang) }) }
        </div>
    }
}
