//! Rendering of the bulletin's running text: rich text spans and nested bullets.
//!
//! All text becomes text nodes, never markup, so nothing in the data can inject HTML.
//! Links exist only for `HttpUrl`s and always open in a new tab without an opener or
//! referrer.

use bulletin::anchor;
use bulletin::model::{Bullet, Span};
use yew::prelude::*;

/// Rich text as inline HTML.
pub fn rich_text(spans: &[Span]) -> Html {
    spans
        .iter()
        .map(|span| match span {
            Span::Text(text) => html! { { text.clone() } },
            Span::Strong(text) => html! { <strong>{ text.clone() }</strong> },
            Span::Link { text, url } => external_link(url.as_str(), text),
            Span::Break => html! { <br /> },
        })
        .collect()
}

/// A link to an outside page: a new tab, no opener, no referrer.
pub fn external_link(url: &str, text: &str) -> Html {
    html! {
        <a href={url.to_string()} target="_blank" rel="noopener noreferrer" class="external">{ text.to_string() }</a>
    }
}

/// A nested bullet list; `owner` and `block` name the elements for search and links.
pub fn bullet_list(owner: &str, block: usize, bullets: &[Bullet]) -> Html {
    let mut path = Vec::new();
    list_level(owner, block, bullets, &mut path)
}

fn list_level(owner: &str, block: usize, bullets: &[Bullet], path: &mut Vec<usize>) -> Html {
    let items: Html = bullets
        .iter()
        .enumerate()
        .map(|(index, bullet)| {
            path.push(index);
            let id = anchor::bullet(owner, block, path);
            let children = if bullet.children.is_empty() {
                Html::default()
            } else {
                list_level(owner, block, &bullet.children, path)
            };
            path.pop();
            html! { <li id={id}>{ rich_text(&bullet.text) }{ children }</li> }
        })
        .collect();
    let depth = path.len().min(4);
    html! { <ul class={classes!("bullets", format!("depth-{depth}"))}>{ items }</ul> }
}
