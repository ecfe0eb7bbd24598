//! A captioned figure whose image is not part of this edition.

use bulletin::model::Figure;
use yew::prelude::*;

use crate::components::prose::rich_text;
use crate::i18n::Lang;

/// A figure: its caption and source, with a plain mark where the image would be.
pub fn figure_view(figure: &Figure, lang: Lang) -> Html {
    let t = lang.t();
    html! {
        <figure id={figure.id.to_string()} class="figure">
            <div class="figure-missing">
                <span class="figure-label">{ t.kind_figure }</span>
                <span>{ t.figure_not_included }</span>
            </div>
            <figcaption>{ format!("〈{}〉", figure.caption) }</figcaption>
            { for figure.sources.iter().map(|source| html! {
                <p class="source"><span class="source-label">{ format!("{}: ", t.source) }</span>{ rich_text(source) }</p>
            }) }
            { for figure.notes.iter().map(|note| html! { <p class="note">{ "* " }{ rich_text(note) }</p> }) }
        </figure>
    }
}
