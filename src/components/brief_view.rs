//! One brief news item of part III, with its outlet, date and address: nothing in it is
//! interactive, so the whole item is one raw fragment (see [`super::prose`]).

use bulletin::anchor;
use bulletin::model::{Brief, Issue, PartBody};
use bulletin::route::Route;
use yew::prelude::*;

use crate::address::Links;
use crate::components::prose::{prose_markup, raw, write_lead};
use crate::i18n::Lang;
use crate::ptr::Ptr;

fn brief_at(issue: &Issue, part: usize, index: usize) -> Option<&Brief> {
    match &issue.parts.get(part)?.body {
        PartBody::Briefs(briefs) => briefs.get(index),
        PartBody::Articles(_) => None,
    }
}

/// A brief item (a plain function, like [`super::article_view::article_view`]).
pub fn brief_view(issue: &Ptr<Issue>, part: usize, index: usize, lang: Lang, links: Links) -> Html {
    let Some(brief) = brief_at(issue, part, index) else {
        return html! {};
    };
    let t = lang.t();
    let id = brief.id.as_str();
    let title_id = anchor::title(id);
    let source = &brief.source;
    let outlet = match source.date {
        Some(date) => format!("{} ({:02}.{:02})", source.outlet, date.month, date.day),
        None => source.outlet.clone(),
    };
    let mut markup = prose_markup(lang);
    markup
        .open(
            "article",
            &[("id", id), ("class", "article brief"), ("aria-labelledby", &title_id)],
        )
        .open("header", &[("class", "article-header")])
        .open("p", &[("class", "article-meta")])
        .element("span", &[("class", "article-number")], &brief.number)
        .close("p")
        .open("h3", &[("id", &title_id)])
        .element(
            "a",
            &[
                ("class", "self-link"),
                ("href", &links.to(&Route::Brief(id.to_string()))),
            ],
            &brief.title,
        )
        .close("h3");
    if let Some(lead) = &brief.lead {
        write_lead(&mut markup, id, lead);
    }
    markup
        .close("header")
        .bullet_list(id, 0, &brief.bullets)
        .open("p", &[("class", "source"), ("id", &anchor::brief_source(id))])
        .element(
            "span",
            &lang.with_lang(&[("class", "source-label")]),
            &format!("{}: ", t.source),
        )
        .text(&outlet);
    if let Some(url) = &source.url {
        markup.open("br", &[]).external_link(url, url.as_str());
    }
    markup.close("p").close("article");
    raw(markup)
}
