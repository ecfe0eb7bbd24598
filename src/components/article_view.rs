//! One article: number, category, title, lead, body blocks and references.

use bulletin::anchor;
use bulletin::model::{Article, Block, Issue, PartBody};
use bulletin::route::{Embed, Route};
use yew::prelude::*;

use crate::components::copy_button::CopyButton;
use crate::components::figure_view::figure_view;
use crate::components::prose::{bullet_list, external_link, rich_text};
use crate::components::table_view::{TableView, ViewRequest};
use crate::i18n::Lang;
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
    part: usize,
    index: usize,
    lang: Lang,
    dark: bool,
    request: &TableRequest,
) -> Html {
    let Some(article) = article_at(issue, part, index) else {
        return html! {};
    };
    let t = lang.t();
    let id = article.id.as_str();
    let title_id = format!("{id}--title");
    let blocks: Html = article
        .blocks
        .iter()
        .enumerate()
        .map(|(index, block)| match block {
            Block::Heading(text) => html! { <h4 id={anchor::block(id, index)}>{ text.clone() }</h4> },
            Block::Bullets(bullets) => bullet_list(id, index, bullets),
            Block::Paragraph(text) => html! { <p id={anchor::block(id, index)}>{ rich_text(text) }</p> },
            Block::Note(text) => html! { <p class="note" id={anchor::block(id, index)}>{ "* " }{ rich_text(text) }</p> },
            Block::Source(text) => html! {
                <p class="source" id={anchor::block(id, index)}>
                    <span class="source-label">{ format!("{}: ", t.source) }</span>{ rich_text(text) }
                </p>
            },
            Block::Table(table) => {
                let request = request
                    .as_ref()
                    .filter(|(table_id, _)| table_id.as_str() == table.id.as_str())
                    .map(|(_, request)| request.clone());
                html! {
                    <TableView issue={issue.clone()} id={AttrValue::from(table.id.to_string())} lang={lang} dark={dark} request={request} />
                }
            }
            Block::Figure(figure) => figure_view(figure, lang),
        })
        .collect();
    html! {
        <article id={id.to_string()} class="article" aria-labelledby={title_id.clone()}>
            <header class="article-header">
                <p class="article-meta">
                    <span class="article-number">{ article.number.clone() }</span>
                    <span class="category">{ article.category.clone() }</span>
                    <span class="article-tools">
                        <CopyButton label={t.copy_embed} hash={AttrValue::from(Route::Embed(Embed::Article(id.to_string())).to_hash())} embed_title={AttrValue::from(article.title.clone())} lang={lang} />
                    </span>
                </p>
                <h3 id={title_id}>
                    <a class="self-link" href={Route::Article(id.to_string()).to_hash()}>{ article.title.clone() }</a>
                </h3>
                if let Some(lead) = &article.lead {
                    <p class="lead" id={anchor::lead(id)}>
                        <span class="lead-mark" aria-hidden="true">{ "■ " }</span>
                        { rich_text(&lead.text) }
                        if let Some(date) = lead.date {
                            <span class="lead-date">{ format!(" ({}.{})", date.month, date.day) }</span>
                        }
                    </p>
                }
            </header>
            { blocks }
            if !article.references.is_empty() {
                <section class="references">
                    <h4>{ t.references }</h4>
                    <ul>
                        { for article.references.iter().enumerate().map(|(index, reference)| html! {
                            <li id={anchor::reference(id, index)}>
                                if let Some(url) = &reference.url {
                                    { external_link(url.as_str(), &reference.title) }
                                    <span class="reference-url">{ url.as_str().to_string() }</span>
                                } else {
                                    { reference.title.clone() }
                                }
                            </li>
                        }) }
                    </ul>
                </section>
            }
        </article>
    }
}
