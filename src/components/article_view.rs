//! One article: number, category, title, lead, body blocks and references.

use bulletin::anchor;
use bulletin::model::{Article, Block, Issue, PartBody};
use bulletin::route::{Embed, Route};
use yew::prelude::*;

use crate::components::figure_view::FigureView;
use crate::components::prose::{bullet_list, external_link, rich_text};
use crate::components::table_view::{embed_code, TableView, ViewRequest};
use crate::dom;
use crate::i18n::Lang;
use crate::ptr::Ptr;

/// Props of [`ArticleView`].
#[derive(Properties, PartialEq)]
pub struct ArticleViewProps {
    /// The issue.
    pub issue: Ptr<Issue>,
    /// The part's position in the issue.
    pub part: usize,
    /// The article's position in the part.
    pub index: usize,
    /// The interface language.
    pub lang: Lang,
    /// Whether the page is dark.
    pub dark: bool,
    /// A table state asked for by a link, for the table with this id.
    #[prop_or_default]
    pub request: Option<(AttrValue, ViewRequest)>,
}

/// Finds an article by its position.
pub fn article_at(issue: &Issue, part: usize, index: usize) -> Option<&Article> {
    match &issue.parts.get(part)?.body {
        PartBody::Articles(articles) => articles.get(index),
        PartBody::Briefs(_) => None,
    }
}

/// An article of parts I and II.
#[component]
pub fn ArticleView(props: &ArticleViewProps) -> Html {
    // Whether the last "copy embed code" worked; hooks come before the early return.
    let copied = use_state(|| None::<bool>);
    let Some(article) = article_at(&props.issue, props.part, props.index) else {
        return html! {};
    };
    let t = props.lang.t();
    let id = article.id.as_str();
    let on_copy_embed = {
        let copied = copied.clone();
        let route = Route::Embed(Embed::Article(id.to_string()));
        let title = article.title.clone();
        Callback::from(move |_: MouseEvent| {
            let address = format!("{}{}", dom::page_address(), route.to_hash());
            let copied = copied.clone();
            dom::copy_text(embed_code(&address, &title), move |ok| copied.set(Some(ok)));
        })
    };
    let copied_message = match *copied {
        Some(true) => t.copied,
        Some(false) => t.copy_failed,
        None => "",
    };
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
                let request = props
                    .request
                    .as_ref()
                    .filter(|(table_id, _)| table_id.as_str() == table.id.as_str())
                    .map(|(_, request)| request.clone());
                html! {
                    <TableView issue={props.issue.clone()} id={AttrValue::from(table.id.to_string())} lang={props.lang} dark={props.dark} request={request} />
                }
            }
            Block::Figure(figure) => html! { <FigureView figure={figure.clone()} lang={props.lang} /> },
        })
        .collect();
    html! {
        <article id={id.to_string()} class="article" aria-labelledby={title_id.clone()}>
            <header class="article-header">
                <p class="article-meta">
                    <span class="article-number">{ article.number.clone() }</span>
                    <span class="category">{ article.category.clone() }</span>
                    <span class="article-tools">
                        <span class="copied" role="status">{ copied_message }</span>
                        <button type="button" class="copy-embed" onclick={on_copy_embed}>{ t.copy_embed }</button>
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
