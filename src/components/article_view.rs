//! One article: number, category, title, lead, body blocks and references.

use bulletin::anchor;
use bulletin::html::Markup;
use bulletin::model::{Article, Block, Issue, PartBody, Reference};
use bulletin::route::{Embed, Route};
use yew::prelude::*;

use crate::address::Links;
use crate::components::copy_button::CopyButton;
use crate::components::later::later;
use crate::components::prose::{prose_markup, raw, write_block, write_lead};
use crate::components::table_view::{TableView, ViewRequest};
use crate::i18n::{Lang, TERMS};
use crate::ptr::Ptr;

/// A table state asked for by a link: the table's id and the state.
pub type TableRequest = Option<(AttrValue, ViewRequest)>;

/// Finds an article by its position.
pub fn article_at(issue: &Issue, part: usize, index: usize) -> Option<&Article> {
    match &issue.parts.get(part)?.body {
        PartBody::Articles(articles) => articles.get(index),
        PartBody::Briefs(_) => None,
    }
}

/// An article of parts I and II. A plain function, not a component: the issue never
/// changes, so the whole article is rendered again only when the language or theme does,
/// and each component costs the WebAssembly several kilobytes.
pub fn article_view(
    issue: &Ptr<Issue>,
    (part, index): (usize, usize),
    (lang, dark, links): (Lang, bool, Links),
    request: &TableRequest,
) -> Html {
    let Some(article) = article_at(issue, part, index) else {
        return html! {};
    };
    let id = article.id.to_string();
    let title_id = anchor::title(&id);
    // What the article holds is written and takes the pre-rendered page over in a turn of its
    // own after the first render, and each of its tables in one more (`later`); the article
    // element itself is hydrated with the first render.
    let (issue, request) = (issue.clone(), request.clone());
    html! {
        <article id={id} class="article" aria-labelledby={title_id}>
            { later(move || match article_at(&issue, part, index) {
                Some(article) => article_inside(&issue, article, (lang, dark, links), &request),
                None => Html::default(),
            }) }
        </article>
    }
}

/// What an article holds: its header (number, category, tools, title, lead), its prose and
/// tables, and its references.
fn article_inside(
    issue: &Ptr<Issue>,
    article: &Article,
    (lang, dark, links): (Lang, bool, Links),
    request: &TableRequest,
) -> Html {
    let t = lang.t();
    let (category, category_lang) = lang.framing(TERMS.categories, &article.category);
    let id = article.id.as_str();
    let title_id = anchor::title(id);
    // The prose between tables goes in as raw fragments; each table is a component.
    let mut body: Vec<Html> = Vec::new();
    let mut prose = prose_markup(lang);
    for (index, block) in article.blocks.iter().enumerate() {
        let Block::Table(table) = block else {
            write_block(&mut prose, id, index, block, lang);
            continue;
        };
        body.push(raw(std::mem::replace(&mut prose, prose_markup(lang))));
        let request = request
            .as_ref()
            .filter(|(table_id, _)| table_id.as_str() == table.id.as_str())
            .map(|(_, request)| request.clone());
        // Each table (and its chart) takes the pre-rendered page over in a task of its own
        // after the first render, so no task of the start-up hydrates them all (`later`).
        let (issue, table_id) = (issue.clone(), AttrValue::from(table.id.to_string()));
        body.push(later(move || {
            html! {
                <TableView issue={issue.clone()} id={table_id.clone()} lang={lang} dark={dark} request={request.clone()} />
            }
        }));
    }
    if !article.references.is_empty() {
        write_references(&mut prose, id, &article.references, lang);
    }
    body.push(raw(prose));
    let mut heading = prose_markup(lang);
    heading
        .open("h3", &[("id", &title_id)])
        .element(
            "a",
            &[
                ("class", "self-link"),
                ("href", &links.to(&Route::Article(id.to_string()))),
            ],
            &article.title,
        )
        .close("h3");
    if let Some(lead) = &article.lead {
        write_lead(&mut heading, id, lead);
    }
    html! {
        <>
            <header class="article-header">
                <p class="article-meta">
                    <span class="article-number">{ article.number.clone() }</span>
                    <span class="category" lang={category_lang}>{ category }</span>
                    <span class="article-tools" lang={lang.inside_issue()}>
                        <CopyButton label={t.copy_embed} route={Route::Embed(Embed::Article(id.to_string()))} embed_title={AttrValue::from(article.title.clone())} lang={lang} />
                    </span>
                </p>
                { raw(heading) }
            </header>
            { for body }
        </>
    }
}

/// The article's references, each with its address when the print gives one.
fn write_references(markup: &mut Markup, owner: &str, references: &[Reference], lang: Lang) {
    markup
        .open("section", &[("class", "references")])
        .element("h4", &lang.with_lang(&[]), lang.t().references)
        .open("ul", &[]);
    for (index, reference) in references.iter().enumerate() {
        markup.open("li", &[("id", &anchor::reference(owner, index))]);
        match &reference.url {
            Some(url) => {
                markup.external_link(url, &reference.title).element(
                    "span",
                    &[("class", "reference-url")],
                    url.as_str(),
                );
            }
            None => {
                markup.text(&reference.title);
            }
        }
        markup.close("li");
    }
    markup.close("ul").close("section");
}
