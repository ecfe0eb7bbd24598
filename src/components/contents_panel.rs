//! The contents panel: parts, articles with their categories, tables and figures.
//!
//! On wide screens it stays beside the text; on phones it folds away behind a button.

use bulletin::anchor;
use bulletin::model::{Issue, PartBody};
use bulletin::route::{Route, TableView};
use yew::prelude::*;

use crate::address::Links;
use crate::i18n::{Lang, TERMS};
use crate::ptr::Ptr;

/// What [`contents_panel`] shows and whom it tells.
pub struct ContentsPanelProps {
    /// The issue.
    pub issue: Ptr<Issue>,
    /// The interface language.
    pub lang: Lang,
    /// The current route, to mark where the reader is.
    pub current: Route,
    /// Whether the panel is unfolded (phones).
    pub open: bool,
    /// Called when a link is chosen, so the phone panel can fold.
    pub on_choose: Callback<()>,
    /// How the issue's links are written.
    pub links: Links,
}

/// The contents.
pub fn contents_panel(props: &ContentsPanelProps) -> Html {
    let t = props.lang.t();
    let issue = &props.issue;
    let link = |route: Route, label: Html, class: &'static str| {
        // A table link carrying a sort or filter is still that table.
        let current = match (&route, &props.current) {
            (Route::Table(id, _), Route::Table(current, _)) => id == current,
            (route, current) => route == current,
        }
        .then_some("page");
        let on_choose = props.on_choose.clone();
        html! {
            <a href={props.links.to(&route)} class={class} aria-current={current} onclick={Callback::from(move |_| on_choose.emit(()))}>{ label }</a>
        }
    };
    let parts: Html = issue
        .parts
        .iter()
        .map(|part| {
            // Parts the printed contents list appear as printed: categories, then titles.
            let printed = issue.contents.iter().find(|contents| contents.part == part.id);
            let entries: Html = match (printed, &part.body) {
                (Some(printed), _) => printed
                    .categories
                    .iter()
                    .map(|category| {
                        let (name, name_lang) = props.lang.framing(TERMS.categories, &category.name);
                        html! {
                            <li class="toc-category">
                                <span class="toc-category-name" lang={name_lang}>{ name }</span>
                                <ul>
                                    { for category.entries.iter().map(|entry| html! {
                                        <li>{ link(Route::Article(entry.article.to_string()), html! { <>{ entry.title.clone() }</> }, "toc-article") }</li>
                                    }) }
                                </ul>
                            </li>
                        }
                    })
                    .collect(),
                (None, PartBody::Articles(articles)) => articles
                    .iter()
                    .map(|article| {
                        let label = html! { <>{ article.title.clone() }</> };
                        html! { <li>{ link(Route::Article(article.id.to_string()), label, "toc-article") }</li> }
                    })
                    .collect(),
                (None, PartBody::Briefs(briefs)) => briefs
                    .iter()
                    .map(|brief| {
                        let label = html! { <>{ brief.title.clone() }</> };
                        html! { <li>{ link(Route::Brief(brief.id.to_string()), label, "toc-article") }</li> }
                    })
                    .collect(),
            };
            let (title, title_lang) = props.lang.framing(TERMS.parts, &part.title);
            let label = html! { <>{ format!("{} ", part.numeral) }<span lang={title_lang}>{ title }</span></> };
            html! {
                <li class="toc-part">
                    { link(Route::Part(part.id.to_string()), label, "toc-part-link") }
                    <ul>{ entries }</ul>
                </li>
            }
        })
        .collect();
    let tables: Vec<Html> = issue
        .tables()
        .map(|table| {
            let label = html! { <>{ format!("〈{}〉", table.caption) }</> };
            html! { <li>{ link(Route::Table(table.id.to_string(), TableView::default()), label, "toc-table") }</li> }
        })
        .collect();
    let figures: Vec<Html> = issue
        .figures()
        .map(|figure| {
            let label = html! { <>{ format!("〈{}〉", figure.caption) }</> };
            html! { <li>{ link(Route::Figure(figure.id.to_string()), label, "toc-figure") }</li> }
        })
        .collect();
    html! {
        <nav id={anchor::CONTENTS} class={classes!("contents", props.open.then_some("open"))} aria-label={t.contents}>
            <h2 class="contents-title">{ t.contents }</h2>
            // The issue's titles are Korean whatever the interface's language.
            <ul class="toc" lang="ko">
                if !issue.summary.is_empty() {
                    <li class="toc-part" lang={props.lang.inside_issue()}>{ link(Route::Summary, html! { <>{ t.summary }</> }, "toc-part-link") }</li>
                }
                { parts }
                if !issue.colophon.is_empty() {
                    <li class="toc-part" lang={props.lang.inside_issue()}>{ link(Route::Colophon, html! { <>{ t.colophon }</> }, "toc-part-link") }</li>
                }
            </ul>
            // An issue without tables or figures lists none, rather than an empty list of 0.
            if !tables.is_empty() {
                <details class="toc-list" open=true>
                    <summary>{ format!("{} ({})", t.tables, tables.len()) }</summary>
                    <ul lang="ko">{ for tables }</ul>
                </details>
            }
            if !figures.is_empty() {
                <details class="toc-list">
                    <summary>{ format!("{} ({})", t.figures, figures.len()) }</summary>
                    <ul lang="ko">{ for figures }</ul>
                </details>
            }
        </nav>
    }
}
