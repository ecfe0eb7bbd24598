//! Buttons that copy a link, or an embed code, to the clipboard and say whether it worked: one
//! button ([`CopyButton`]), or a labelled group of them sharing one status ([`CopyChoices`]),
//! as a table's "table", "chart" and "table with chart" embed codes are.
//!
//! The address is built when a button is pressed (never while rendering), so the same
//! components render on the server; [`crate::address`] builds it. It always names the issue's
//! own page (`…/2023-06-30.html#/table/…`, from the [`Here`] context), so a link shared or
//! embedded from the newest issue keeps showing that issue when newer ones come out.

use bulletin::route::Route;
use yew::prelude::*;

use crate::address;
use crate::app::Here;
use crate::dom;
use crate::i18n::Lang;

/// What one button copies.
#[derive(Clone, Debug, PartialEq)]
pub struct Copied {
    /// The button's label.
    pub label: &'static str,
    /// The route the link or the embed code opens.
    pub route: Route,
    /// With a title, the button copies an embed code (the frame titled so, and `embed.js`),
    /// not the link.
    pub embed_title: Option<AttrValue>,
}

impl Copied {
    /// The text copied from the page of `here`: the embed code or the link, absolute.
    fn text(&self, here: &Here) -> String {
        match &self.embed_title {
            Some(title) => address::embed_code(here, &self.route, title),
            None => address::shareable_address(here, &self.route),
        }
    }
}

/// Props of [`CopyButton`].
#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    /// The button's label.
    pub label: &'static str,
    /// The route the link or the embed code opens.
    pub route: Route,
    /// With a title, the button copies an embed code titled so, not the link.
    #[prop_or_default]
    pub embed_title: Option<AttrValue>,
    /// The interface language.
    pub lang: Lang,
}

/// Copies a link or an embed code.
#[component]
pub fn CopyButton(props: &CopyButtonProps) -> Html {
    let item = Copied {
        label: props.label,
        route: props.route.clone(),
        embed_title: props.embed_title.clone(),
    };
    html! { <CopyChoices items={vec![item]} lang={props.lang} /> }
}

/// Props of [`CopyChoices`].
#[derive(Properties, PartialEq)]
pub struct CopyChoicesProps {
    /// The group's label, shown before the buttons; none for a lone button.
    #[prop_or_default]
    pub group: Option<&'static str>,
    /// One button each.
    pub items: Vec<Copied>,
    /// The interface language.
    pub lang: Lang,
}

/// Buttons that copy, with one status after them.
#[component]
pub fn CopyChoices(props: &CopyChoicesProps) -> Html {
    let copied = use_state(|| None::<bool>);
    let here = use_context::<Here>().unwrap_or_default();
    let t = props.lang.t();
    let message = match *copied {
        Some(true) => t.copied,
        Some(false) => t.copy_failed,
        None => "",
    };
    let buttons: Html = props
        .items
        .iter()
        .map(|item| {
            let copied = copied.clone();
            let item = item.clone();
            let here = here.clone();
            let label = item.label;
            let onclick = Callback::from(move |_: MouseEvent| {
                let copied = copied.clone();
                dom::copy_text(item.text(&here), move |ok| copied.set(Some(ok)));
            });
            html! { <button type="button" {onclick}>{ label }</button> }
        })
        .collect();
    let status = html! { <span class="copied" role="status">{ message }</span> };
    match props.group {
        Some(group) => html! {
            <span class="copy-choices" role="group" aria-label={group}>
                <span class="copy-choices-label" aria-hidden="true">{ group }</span>
                { buttons }
                { status }
            </span>
        },
        None => html! { <>{ buttons }{ status }</> },
    }
}
