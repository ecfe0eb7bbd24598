//! The whole issue in reading order: summary, parts with their articles and brief items,
//! the colophon, and the glossary of the units its amounts are in.

use bulletin::anchor;
use bulletin::html::Markup;
use bulletin::model::{Issue, PartBody};
use bulletin::route::Route;
use yew::prelude::*;

use crate::address::Links;
use crate::components::article_view::article_view;
use crate::components::brief_view::brief_view;
use crate::components::glossary::glossary;
use crate::components::later::later;
use crate::components::prose::{prose_markup, raw};
use crate::components::table_view::ViewRequest;
use crate::i18n::{Lang, TERMS};
use crate::ptr::Ptr;

/// Props of [`IssueView`].
#[derive(Properties, PartialEq)]
pub struct IssueViewProps {
    /// The issue.
    pub issue: Ptr<Issue>,
    /// The interface language.
    pub lang: Lang,
    /// Whether the page is dark.
    pub dark: bool,
    /// A table state asked for by a link.
    #[prop_or_default]
    pub request: Option<(AttrValue, ViewRequest)>,
    /// How the issue's own links are written.
    pub links: Links,
}

/// The issue, top to bottom. Each part, and the glossary, take the pre-rendered page over in
/// turns of their own (components/later.rs), and each article of a part in one after it.
#[component]
pub fn IssueView(props: &IssueViewProps) -> Html {
    let issue = &props.issue;
    let parts: Html = (0..issue.parts.len())
        .map(|part_index| {
            let (issue, lang, dark, request, links) = (
                props.issue.clone(),
                props.lang,
                props.dark,
                props.request.clone(),
                props.links,
            );
            later(move || part_view(&issue, part_index, (lang, dark, links), &request))
        })
        .collect();
    let units = {
        let (issue, lang) = (props.issue.clone(), props.lang);
        later(move || glossary(&issue, lang))
    };
    html! {
        // The issue's text is Korean whatever the interface's language; the interface's own
        // strings inside it say so where they are not (`Lang::inside_issue`).
        <div class="issue" lang="ko">
            if !issue.summary.is_empty() {
                { summary(issue, props.lang, props.links) }
            }
            { parts }
            if !issue.colophon.is_empty() {
                { colophon(issue, props.lang, props.links) }
            }
            { units }
        </div>
    }
}

/// One part of the issue: its heading, then its articles or its brief items.
fn part_view(
    issue: &Ptr<Issue>,
    part_index: usize,
    (lang, dark, links): (Lang, bool, Links),
    request: &Option<(AttrValue, ViewRequest)>,
) -> Html {
    let Some(part) = issue.parts.get(part_index) else {
        return Html::default();
    };
    let items: Html = match &part.body {
        PartBody::Articles(articles) => articles
            .iter()
            .enumerate()
            .map(|(index, article)| {
                // Only the article holding the requested table passes the request on, so
                // the other tables keep their props and are not rendered again.
                let request = request.clone().filter(|(table_id, _)| {
                    article.blocks.iter().any(|block| {
                        matches!(block, bulletin::model::Block::Table(table) if table.id.as_str() == table_id.as_str())
                    })
                });
                // Each article takes the pre-rendered page over in tasks of its own
                // after the first render (article_view).
                article_view(issue, (part_index, index), (lang, dark, links), &request)
            })
            .collect(),
        PartBody::Briefs(briefs) => {
            let (issue, count) = (issue.clone(), briefs.len());
            later(move || {
                (0..count)
                    .map(|index| brief_view(&issue, part_index, index, lang, links))
                    .collect()
            })
        }
    };
    let heading_id = anchor::title(part.id.as_str());
    let (title, title_lang) = lang.framing(TERMS.parts, &part.title);
    html! {
        <section id={part.id.to_string()} class="part" aria-labelledby={heading_id.clone()}>
            <h2 id={heading_id} class="part-title">
                <a class="self-link" href={links.to(&Route::Part(part.id.to_string()))}>
                    <span class="part-numeral">{ part.numeral.clone() }</span>{ " " }<span lang={title_lang}>{ title }</span>
                </a>
            </h2>
            { items }
        </section>
    }
}

/// The issue's summary points, as one raw fragment (see [`crate::components::prose`]).
fn summary(issue: &Issue, lang: Lang, links: Links) -> Html {
    let title_id = anchor::title(anchor::SUMMARY);
    let mut markup = prose_markup(lang);
    markup
        .open(
            "section",
            &[
                ("id", anchor::SUMMARY),
                ("class", "summary"),
                ("aria-labelledby", &title_id),
            ],
        )
        .open("h2", &[("id", &title_id)])
        .element(
            "a",
            &lang.with_lang(&[("class", "self-link"), ("href", &links.to(&Route::Summary))]),
            lang.t().summary,
        )
        .close("h2")
        .open("ul", &[("class", "bullets")]);
    for (index, point) in issue.summary.iter().enumerate() {
        markup
            .open("li", &[("id", &anchor::summary_point(index))])
            .rich_text(point)
            .close("li");
    }
    markup.close("ul").close("section");
    raw(markup)
}

/// The colophon: series, publisher entries and notice, as one raw fragment.
fn colophon(issue: &Issue, lang: Lang, links: Links) -> Html {
    let title_id = anchor::title(anchor::COLOPHON);
    let mut markup = Markup::new();
    markup
        .open(
            "section",
            &[
                ("id", anchor::COLOPHON),
                ("class", "colophon"),
                ("aria-labelledby", &title_id),
            ],
        )
        .open("h2", &[("id", &title_id)])
        .element(
            "a",
            &lang.with_lang(&[("class", "self-link"), ("href", &links.to(&Route::Colophon))]),
            lang.t().colophon,
        )
        .close("h2")
        .element("p", &[("class", "colophon-series")], &issue.meta.series)
        .open("dl", &[]);
    for (index, entry) in issue.colophon.iter().enumerate() {
        markup.open("div", &[("id", &anchor::colophon_entry(index))]);
        match lang.term(TERMS.colophon, &entry.label) {
            Some(word) => markup.element("dt", &lang.with_lang(&[]), word),
            None => markup.element("dt", &[], &entry.label),
        };
        markup.open("dd", &[]).rich_text(&entry.value).close("dd").close("div");
    }
    markup.close("dl");
    if let Some(notice) = &issue.meta.notice {
        markup.element("p", &[("class", "notice-text")], notice);
    }
    markup.close("section");
    raw(markup)
}
