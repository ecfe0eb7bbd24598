//! The two lists made from the archive's catalog: every issue by year and month
//! (`#/archive`), and every table of every issue (`#/tables`). Each has a filter box that
//! narrows it as the reader types (the text goes into the address, so a filtered list has a
//! link), says how many entries match, and shows a screenful at first and more on request,
//! so opening a list costs the same whether the archive holds ten issues or five hundred.

use std::rc::Rc;

use bulletin::address::Page;
use bulletin::anchor;
use bulletin::html::Markup;
use yew::prelude::*;

use crate::components::issue_status::{failed, loading};
use crate::dom;
use crate::i18n::Lang;
use crate::library::{CatalogData, Load};

/// How many entries a list shows at first, and how many more each "show more" adds: about a
/// screenful. An issue of the archive's list is as tall as its articles and brief items (14
/// lines for an issue like 2023-06-30's), a table of the tables list one line (on a phone, a
/// card of five). Writing and laying out more than a screen at once is what made opening the
/// archive of 500 issues slow (`cargo xtask bench --archive-only`: 40 issues took 206 ms to
/// paint).
pub fn step(kind: ListKind) -> usize {
    match kind {
        ListKind::Issues => 6,
        ListKind::Tables => 30,
    }
}

/// Which list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListKind {
    /// Every issue.
    Issues,
    /// Every table.
    Tables,
}

/// Props of [`CatalogView`].
#[derive(Properties, PartialEq)]
pub struct CatalogViewProps {
    /// Which list.
    pub kind: ListKind,
    /// The catalog, as far as it is fetched.
    pub catalog: Option<Load<CatalogData>>,
    /// The filter text.
    pub query: AttrValue,
    /// The page the list's links are written on.
    pub page: Page,
    /// The interface language.
    pub lang: Lang,
    /// Called with the filter text as the reader types.
    pub on_query: Callback<String>,
    /// Called to fetch the catalog again after a failure.
    pub on_retry: Callback<()>,
}

/// A list of issues or tables.
#[component]
pub fn CatalogView(props: &CatalogViewProps) -> Html {
    let lang = props.lang;
    let t = lang.t();
    let kind = props.kind;
    // How many entries the reader asked for, for this list and filter: a new filter, or the
    // other list, starts from a screenful again, in the same render.
    let more_for = use_state(|| None::<(ListKind, AttrValue, usize)>);
    let shown = match &*more_for {
        Some((for_kind, for_query, shown)) if *for_kind == kind && *for_query == props.query => *shown,
        _ => step(kind),
    };
    let data = match &props.catalog {
        Some(Load::Ready(data)) => Some(data.clone()),
        _ => None,
    };
    let listing = {
        let page = props.page;
        use_memo(
            (
                kind,
                props.query.clone(),
                data.as_ref().map(|data| Rc::as_ptr(data) as usize),
                shown,
                lang,
                page,
            ),
            move |(kind, query, _, shown, lang, page)| {
                data.map(|data| listing(&data, *kind, query, *shown, *lang, *page))
            },
        )
    };
    let (id, title, placeholder) = match kind {
        ListKind::Issues => (anchor::ARCHIVE_VIEW, t.archive, t.archive_filter),
        ListKind::Tables => (anchor::TABLES_VIEW, t.all_tables, t.tables_filter),
    };
    let title_id = anchor::title(id);
    let input_id = format!("{id}-filter");
    let oninput = {
        let on_query = props.on_query.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(value) = dom::target_value(&event) {
                on_query.emit(value);
            }
        })
    };
    let more = {
        let query = props.query.clone();
        Callback::from(move |_: MouseEvent| more_for.set(Some((kind, query.clone(), shown + step(kind)))))
    };
    let body = match (&props.catalog, &*listing) {
        (_, Some(listing)) => html! {
            <>
                <p class="list-count" role="status">{ listing.count.clone() }</p>
                if listing.matched == 0 {
                    <p class="notice">{ t.no_matches }</p>
                }
                { raw_html(&listing.markup) }
                if listing.matched > shown {
                    <p class="list-more"><button type="button" class="button" onclick={more}>{ t.show_more }</button></p>
                }
            </>
        },
        (Some(Load::Failed(why)), _) => failed(t.list_failed, why, lang, props.on_retry.clone()),
        _ => loading(t.loading_list),
    };
    html! {
        <section id={id} class={classes!("catalog-view", match kind { ListKind::Issues => "archive", ListKind::Tables => "all-tables" })} aria-labelledby={title_id.clone()}>
            <h2 id={title_id}>{ title }</h2>
            <form class="list-filter" role="search" onsubmit={Callback::from(|event: SubmitEvent| event.prevent_default())}>
                <label for={input_id.clone()}>{ placeholder }</label>
                <input id={input_id} type="search" autocomplete="off" value={props.query.clone()} {oninput} />
            </form>
            { body }
            if kind == ListKind::Issues { <crate::components::save_archive::SaveArchive lang={lang} /> }
        </section>
    }
}

/// A list written for the entries a filter lets through.
struct Listing {
    /// "12 of 40 issues".
    count: String,
    /// How many entries match.
    matched: usize,
    /// The list's HTML, for the first `shown` of them.
    markup: String,
}

fn listing(data: &CatalogData, kind: ListKind, query: &str, shown: usize, lang: Lang, page: Page) -> Listing {
    let labels = lang.archive_labels();
    let mut markup = Markup::new();
    let (matched, count) = match kind {
        ListKind::Issues => {
            let matches = data.filter.issues(query);
            markup.archive_list(&data.catalog, &matches, shown, page, &labels);
            (
                matches.len(),
                lang.issues_listed(matches.len(), data.catalog.issues.len()),
            )
        }
        ListKind::Tables => {
            let matches = data.filter.tables(query);
            let all: usize = data.catalog.issues.iter().map(|issue| issue.tables.len()).sum();
            if !matches.is_empty() {
                markup.tables_list(&data.catalog, &matches, shown, page, &labels);
            }
            (matches.len(), lang.tables_listed(matches.len(), all))
        }
    };
    Listing {
        count,
        matched,
        markup: markup.into_string(),
    }
}

fn raw_html(markup: &str) -> Html {
    if markup.is_empty() {
        return Html::default();
    }
    Html::from_html_unchecked(AttrValue::from(markup.to_string()))
}
