//! One brief news item of part III, with its outlet, date and address.

use bulletin::anchor;
use bulletin::model::{Brief, Issue, PartBody};
use bulletin::route::Route;
use yew::prelude::*;

use crate::components::prose::{bullet_list, external_link, rich_text};
use crate::i18n::Lang;
use crate::ptr::Ptr;

/// Props of [`BriefView`].
#[derive(Properties, PartialEq)]
pub struct BriefViewProps {
    /// The issue.
    pub issue: Ptr<Issue>,
    /// The part's position in the issue.
    pub part: usize,
    /// The item's position in the part.
    pub index: usize,
    /// The interface language.
    pub lang: Lang,
}

fn brief_at(issue: &Issue, part: usize, index: usize) -> Option<&Brief> {
    match &issue.parts.get(part)?.body {
        PartBody::Briefs(briefs) => briefs.get(index),
        PartBody::Articles(_) => None,
    }
}

/// A brief item.
#[component]
pub fn BriefView(props: &BriefViewProps) -> Html {
    let Some(brief) = brief_at(&props.issue, props.part, props.index) else {
        return html! {};
    };
    let t = props.lang.t();
    let id = brief.id.as_str();
    let title_id = format!("{id}--title");
    let source = &brief.source;
    let outlet = match source.date {
        Some(date) => format!("{} ({:02}.{:02})", source.outlet, date.month, date.day),
        None => source.outlet.clone(),
    };
    html! {
        <article id={id.to_string()} class="article brief" aria-labelledby={title_id.clone()}>
            <header class="article-header">
                <p class="article-meta"><span class="article-number">{ brief.number.clone() }</span></p>
                <h3 id={title_id}>
                    <a class="self-link" href={Route::Brief(id.to_string()).to_hash()}>{ brief.title.clone() }</a>
                </h3>
                if let Some(lead) = &brief.lead {
                    <p class="lead" id={anchor::lead(id)}>
                        <span class="lead-mark" aria-hidden="true">{ "■ " }</span>{ rich_text(&lead.text) }
                    </p>
                }
            </header>
            { bullet_list(id, 0, &brief.bullets) }
            <p class="source" id={anchor::brief_source(id)}>
                <span class="source-label">{ format!("{}: ", t.source) }</span>
                { outlet }
                if let Some(url) = &source.url {
                    <br />{ external_link(url.as_str(), url.as_str()) }
                }
            </p>
        </article>
    }
}
