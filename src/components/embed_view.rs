//! One piece of the issue alone, for an `<iframe>` on another page: a table, a chart or an
//! article, without the app's chrome, with a small link back to the full issue.
//!
//! The page tells its parent how tall it is whenever that changes, with
//! `postMessage({type: "bulletin-viewer:height", id, height}, "*")`, so the host can size the
//! iframe (`static/embed.js` does this for every `<iframe data-bulletin-viewer>`).

use bulletin::address::Page;
use bulletin::model::{Issue, PartBody};
use bulletin::route::{Embed, Route};
use yew::prelude::*;

use crate::address;
use crate::address::Links;
use crate::app::Here;
use crate::components::article_view::article_view;
use crate::components::table_view::{EmbedPart, TableView, ViewRequest};
use crate::dom;
use crate::i18n::Lang;
use crate::ptr::Ptr;

/// The message type a host page listens for.
pub const HEIGHT_MESSAGE: &str = "bulletin-viewer:height";

/// Props of [`EmbedView`].
#[derive(Properties, PartialEq)]
pub struct EmbedViewProps {
    /// The issue.
    pub issue: Ptr<Issue>,
    /// What to show.
    pub embed: Embed,
    /// The page links are written for.
    pub page: Page,
    /// The table state the link asks for.
    #[prop_or_default]
    pub request: Option<ViewRequest>,
    /// The interface language.
    pub lang: Lang,
    /// Whether the page is dark.
    pub dark: bool,
}

/// The embedded piece.
#[component]
pub fn EmbedView(props: &EmbedViewProps) -> Html {
    let root = use_node_ref();
    let here = use_context::<Here>().unwrap_or_default();
    let id = match &props.embed {
        Embed::Table(id, _) | Embed::TableOnly(id, _) | Embed::Chart(id, _) | Embed::Article(id) => id.clone(),
    };
    {
        let root = root.clone();
        let id = id.clone();
        use_effect_with(id, move |id| {
            dom::set_root_attribute("data-embed", Some("true"));
            let observer = dom::element(&root).and_then(|element| crate::embed::post_heights(&element, id));
            move || drop(observer)
        });
    }
    let t = props.lang.t();
    let full = match &props.embed {
        Embed::Table(id, view) | Embed::TableOnly(id, view) | Embed::Chart(id, view) => {
            Route::Table(id.clone(), view.clone())
        }
        Embed::Article(id) => Route::Article(id.clone()),
    };
    let body = match &props.embed {
        Embed::Table(id, _) | Embed::TableOnly(id, _) | Embed::Chart(id, _) => {
            let part = match props.embed {
                Embed::Chart(..) => EmbedPart::Chart,
                Embed::TableOnly(..) => EmbedPart::TableOnly,
                _ => EmbedPart::TableAndChart,
            };
            html! {
                <TableView issue={props.issue.clone()} id={AttrValue::from(id.clone())} lang={props.lang} dark={props.dark} request={props.request.clone()} embed={part} />
            }
        }
        Embed::Article(id) => {
            let position = props
                .issue
                .parts
                .iter()
                .enumerate()
                .find_map(|(part_index, part)| match &part.body {
                    PartBody::Articles(articles) => articles
                        .iter()
                        .position(|article| article.id.as_str() == id)
                        .map(|index| (part_index, index)),
                    PartBody::Briefs(_) => None,
                });
            match position {
                Some((part, index)) => html! {
                    { article_view(
                        &props.issue,
                        (part, index),
                        (props.lang, props.dark, Links { date: props.issue.meta.date, page: props.page }),
                        &None,
                    ) }
                },
                None => html! {},
            }
        }
    };
    let (series, series_lang) = props.lang.series_name(&props.issue.meta);
    let date = props.issue.meta.date.printed();
    // The issue's own page, whatever page the frame was opened on.
    let full_issue = address::href(&here, &full, props.page);
    html! {
        <div class="embed" role="main" lang="ko" ref={root}>
            <h1 class="visually-hidden"><span lang={series_lang}>{ series.clone() }</span>{ format!(" · {date}") }</h1>
            { body }
            <p class="embed-footer">
                <a href={full_issue} target="_blank" rel="noopener">
                    <span lang={series_lang}>{ series }</span>{ format!(" · {date} ") }<span lang={props.lang.inside_issue()}>{ t.open_full_issue }</span>
                </a>
            </p>
        </div>
    }
}
