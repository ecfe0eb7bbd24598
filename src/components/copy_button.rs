//! A button that copies a link, or an `<iframe>` embed code, to the clipboard and says
//! whether it worked.
//!
//! The address is built when the button is pressed (never while rendering), so the same
//! component renders on the server. It always names the issue's own page
//! (`…/2023-06-30.html#/table/…`, [`crate::app::Here::address`]), so a link shared or embedded
//! from the newest issue keeps showing that issue when newer ones come out.

use yew::prelude::*;

use crate::app::Here;
use crate::dom;
use crate::i18n::Lang;

/// Props of [`CopyButton`].
#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    /// The button's label.
    pub label: &'static str,
    /// The route the link opens, with its `#`.
    pub hash: AttrValue,
    /// With a title, the button copies an `<iframe>` embed code titled so, not the link.
    #[prop_or_default]
    pub embed_title: Option<AttrValue>,
    /// The interface language.
    pub lang: Lang,
}

/// Copies a link or an embed code.
#[component]
pub fn CopyButton(props: &CopyButtonProps) -> Html {
    let copied = use_state(|| None::<bool>);
    let here = use_context::<Here>().unwrap_or_default();
    let onclick = {
        let copied = copied.clone();
        let hash = props.hash.clone();
        let embed_title = props.embed_title.clone();
        Callback::from(move |_: MouseEvent| {
            let address = here.address(&hash);
            let text = match &embed_title {
                Some(title) => embed_code(&address, title),
                None => address,
            };
            let copied = copied.clone();
            dom::copy_text(text, move |ok| copied.set(Some(ok)));
        })
    };
    let t = props.lang.t();
    let message = match *copied {
        Some(true) => t.copied,
        Some(false) => t.copy_failed,
        None => "",
    };
    html! {
        <>
            <button type="button" {onclick}>{ props.label }</button>
            <span class="copied" role="status">{ message }</span>
        </>
    }
}

/// The `<iframe>` snippet a host page pastes to embed a piece of the issue.
pub fn embed_code(address: &str, title: &str) -> String {
    let escape = |text: &str| text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    format!(
        "<iframe src=\"{}\" title=\"{}\" data-bulletin-viewer width=\"100%\" height=\"480\" loading=\"lazy\" style=\"border:0;max-width:100%\"></iframe>",
        escape(address),
        escape(title)
    )
}
