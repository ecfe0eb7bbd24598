//! The view for a link that points at nothing in this issue: never a blank page.

use bulletin::route::Route;
use yew::prelude::*;

use crate::i18n::Lang;

/// Props of [`NotFound`].
#[derive(Properties, PartialEq)]
pub struct NotFoundProps {
    /// The hash that was asked for.
    pub hash: AttrValue,
    /// The interface language.
    pub lang: Lang,
}

/// Says what was not found and offers the way back.
#[component]
pub fn NotFound(props: &NotFoundProps) -> Html {
    let t = props.lang.t();
    html! {
        <section class="not-found" aria-labelledby="not-found--title">
            <h2 id="not-found--title">{ t.not_found }</h2>
            <p>{ t.not_found_body }{ " " }<code>{ props.hash.to_string() }</code></p>
            <p><a class="button" href={Route::Issue.to_hash()}>{ t.back_to_issue }</a></p>
        </section>
    }
}
