//! The contents panel: parts, articles with their categories, tables and figures.
//!
//! On wide screens it stays beside the text; on phones it folds away behind a button.
//!
//! The lists are one raw fragment written by [`bulletin::html::Markup`] (see [`super::prose`]),
//! written once for the issue, the language and the page the links are written on: hydrating it
//! adopts the pre-rendered nodes, where a tree of links visited each one, set its attributes
//! again and gave it a listener (the largest piece of the start-up after the app's frame). One
//! click listener on the panel tells the app a link was chosen, and the link to where the
//! reader is gets `aria-current` from an effect, so the lists are never written again while
//! the reader moves (a link keeps focus, a list the reader folded stays folded).

use bulletin::anchor;
use bulletin::html::Markup;
use bulletin::model::{Issue, PartBody};
use bulletin::route::{Route, TableView};
use yew::prelude::*;

use crate::address::Links;
use crate::components::prose::raw;
use crate::dom;
use crate::i18n::{Lang, TERMS};
use crate::ptr::Ptr;

/// What [`ContentsPanel`] shows and whom it tells.
#[derive(Properties, PartialEq, Clone)]
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
#[component]
pub fn ContentsPanel(props: &ContentsPanelProps) -> Html {
    let t = props.lang.t();
    let panel = use_node_ref();
    let lists = use_memo(
        (props.issue.clone(), props.lang, props.links),
        |(issue, lang, links)| raw(lists(issue, *lang, *links)),
    );
    // The link the route leads to; a table's link with a sort or filter is still that table's.
    let current = props.current.contents_entry().map(|route| props.links.to(&route));
    {
        // Marked again when the lists are written again (another issue, language or page).
        let panel = panel.clone();
        let written = (props.issue.clone(), props.lang, props.links);
        use_effect_with((current, written), move |(current, _)| {
            dom::mark_current_link(&panel, current.as_deref());
        });
    }
    let onclick = {
        let on_choose = props.on_choose.clone();
        Callback::from(move |event: MouseEvent| {
            if dom::closest_attribute(&event, "a[href]", "href").is_some() {
                on_choose.emit(());
            }
        })
    };
    html! {
        <nav ref={panel} id={anchor::CONTENTS} class={classes!("contents", props.open.then_some("open"))} aria-label={t.contents} {onclick}>
            <h2 class="contents-title">{ t.contents }</h2>
            { (*lists).clone() }
        </nav>
    }
}

/// The panel's lists as markup: the issue's parts with their articles or brief items (as the
/// printed contents list them, categories first, where it does), the summary and colophon, then
/// the tables and the figures, each a link written by `links`.
fn lists(issue: &Issue, lang: Lang, links: Links) -> Markup {
    let t = lang.t();
    let mut markup = Markup::new();
    let link = |markup: &mut Markup, route: &Route, class: &str, text: &str| {
        markup.element("a", &[("href", &links.to(route)), ("class", class)], text);
    };
    // An entry of a list: an item holding its link.
    let item = |markup: &mut Markup, route: &Route, class: &str, text: &str| {
        markup.open("li", &[]);
        link(markup, route, class, text);
        markup.close("li");
    };
    // The issue's titles are Korean whatever the interface's language.
    markup.open("ul", &[("class", "toc"), ("lang", "ko")]);
    let framed = lang.with_lang(&[("class", "toc-part")]);
    if !issue.summary.is_empty() {
        markup.open("li", &framed);
        link(&mut markup, &Route::Summary, "toc-part-link", t.summary);
        markup.close("li");
    }
    for part in &issue.parts {
        markup.open("li", &[("class", "toc-part")]);
        let (title, title_lang) = lang.framing(TERMS.parts, &part.title);
        markup
            .open(
                "a",
                &[
                    ("href", &links.to(&Route::Part(part.id.to_string()))),
                    ("class", "toc-part-link"),
                ],
            )
            .text(&format!("{} ", part.numeral));
        match title_lang {
            Some(code) => markup.element("span", &[("lang", code)], &title),
            None => markup.element("span", &[], &title),
        };
        markup.close("a").open("ul", &[]);
        // Parts the printed contents list appear as printed: categories, then titles.
        let printed = issue.contents.iter().find(|contents| contents.part == part.id);
        match (printed, &part.body) {
            (Some(printed), _) => {
                for category in &printed.categories {
                    let (name, name_lang) = lang.framing(TERMS.categories, &category.name);
                    markup.open("li", &[("class", "toc-category")]);
                    match name_lang {
                        Some(code) => markup.element("span", &[("class", "toc-category-name"), ("lang", code)], &name),
                        None => markup.element("span", &[("class", "toc-category-name")], &name),
                    };
                    markup.open("ul", &[]);
                    for entry in &category.entries {
                        item(
                            &mut markup,
                            &Route::Article(entry.article.to_string()),
                            "toc-article",
                            &entry.title,
                        );
                    }
                    markup.close("ul").close("li");
                }
            }
            (None, PartBody::Articles(articles)) => {
                for article in articles {
                    item(
                        &mut markup,
                        &Route::Article(article.id.to_string()),
                        "toc-article",
                        &article.title,
                    );
                }
            }
            (None, PartBody::Briefs(briefs)) => {
                for brief in briefs {
                    item(
                        &mut markup,
                        &Route::Brief(brief.id.to_string()),
                        "toc-article",
                        &brief.title,
                    );
                }
            }
        }
        markup.close("ul").close("li");
    }
    if !issue.colophon.is_empty() {
        markup.open("li", &framed);
        link(&mut markup, &Route::Colophon, "toc-part-link", t.colophon);
        markup.close("li");
    }
    markup.close("ul");
    // An issue without tables or figures lists none, rather than an empty list of 0.
    let tables: Vec<(Route, String)> = issue
        .tables()
        .map(|table| {
            (
                Route::Table(table.id.to_string(), TableView::default()),
                format!("〈{}〉", table.caption),
            )
        })
        .collect();
    let figures: Vec<(Route, String)> = issue
        .figures()
        .map(|figure| (Route::Figure(figure.id.to_string()), format!("〈{}〉", figure.caption)))
        .collect();
    for (entries, title, open, class) in [
        (tables, t.tables, true, "toc-table"),
        (figures, t.figures, false, "toc-figure"),
    ] {
        if entries.is_empty() {
            continue;
        }
        let details: &[(&str, &str)] = if open {
            &[("class", "toc-list"), ("open", "")]
        } else {
            &[("class", "toc-list")]
        };
        markup
            .open("details", details)
            .element("summary", &[], &format!("{title} ({})", entries.len()))
            .open("ul", &[("lang", "ko")]);
        for (route, label) in &entries {
            item(&mut markup, route, class, label);
        }
        markup.close("ul").close("details");
    }
    markup
}
