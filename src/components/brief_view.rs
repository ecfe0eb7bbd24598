//! One brief news item of part III, with its outlet, date and address.

use bulletin::anchor;
use bulletin::model::{Brief, Issue, PartBody};
use bulletin::route::Route;
use yew::prelude::*;

use crate::components::prose::{bullet_list, external_link, rich_text};
use crate::i18n::Lang;
use crate::ptr::Ptr;

fn brief_at(issue: &Issue, part: usize, index: usize) -> Option<&Brief> {
    match &issue.parts.get(part)?.body {
        PartBody::Briefs(briefs) => briefs.get(index),
        PartBody::Articles(_) => None,
    }
}

/// A brief item (a plain function, like [`super::article_view::article_view`]).
pub fn brief_view(issue: &Ptr<Issue>, part: usize, index: usize, lang: Lang) -> Html {
    let Some(brief) = brief_at(issue, part, index) else {
        return html! {};
    };
    let t = lang.t();
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
