//! What the page shows in place of an issue, the archive's list or the search's index while
//! it is fetched, or when it could not be: a clear sentence naming the file and what went
//! wrong, and a button to try again. Every other issue keeps working meanwhile.

use yew::prelude::*;

use crate::i18n::Lang;

/// A fetch under way: a polite status line.
pub fn loading(message: &'static str) -> Html {
    html! {
        <p class="notice loading" role="status" aria-busy="true">{ message }</p>
    }
}

/// A fetch that failed: what failed, why (worded by `crate::library`), and a retry button.
pub fn failed(title: &'static str, why: &str, lang: Lang, on_retry: Callback<()>) -> Html {
    let t = lang.t();
    let onclick = Callback::from(move |_: MouseEvent| on_retry.emit(()));
    html! {
        <section class="notice failed" role="alert">
            <p><strong>{ title }</strong></p>
            <p class="why"><code>{ why.to_string() }</code></p>
            <p><button type="button" class="button retry" {onclick}>{ t.retry }</button></p>
        </section>
    }
}
