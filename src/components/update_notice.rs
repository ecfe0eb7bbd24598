//! The quiet notice that a new version of the app was deployed, with a button to switch and one
//! to close it. It sits in the page's flow under the header, above the issue, so it never
//! covers a table's cells; closed, it stays closed until the page is loaded again.
//!
//! The component registers the service worker once the page has been taken over
//! ([`crate::sw::register`], after [`later::when_settled`]) and
//! shows itself once a new version has installed and is waiting; its button hands over to
//! that version and reloads ([`crate::sw::apply_update`]). Where there is no worker (a
//! `file://` page, an embed, a browser without them) it stays an empty live region.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::components::later;
use crate::i18n::Lang;
use crate::sw;

/// Props of [`UpdateNotice`].
#[derive(Properties, PartialEq)]
pub struct UpdateNoticeProps {
    /// The interface language.
    pub lang: Lang,
}

/// "A new version is available" and a reload button, once there is one.
#[component]
pub fn UpdateNotice(props: &UpdateNoticeProps) -> Html {
    let available = use_state(|| false);
    let reloading = use_state(|| false);
    let dismissed = use_state(|| false);
    {
        let available = available.setter();
        use_effect_with((), move |_| {
            // Once the page has been taken over: the worker's install, which fetches and keeps
            // the app's files and the archive's data, then does not share the start-up's
            // processor and network.
            let watch = Rc::new(RefCell::new(None));
            {
                let watch = Rc::downgrade(&watch);
                later::when_settled(move || {
                    if let Some(watch) = watch.upgrade() {
                        *watch.borrow_mut() = sw::register(Callback::from(move |()| available.set(true)));
                    }
                });
            }
            move || drop(watch)
        });
    }
    let on_reload = {
        let reloading = reloading.clone();
        Callback::from(move |_: MouseEvent| {
            reloading.set(true);
            sw::apply_update();
        })
    };
    let on_dismiss = {
        let dismissed = dismissed.clone();
        Callback::from(move |_: MouseEvent| dismissed.set(true))
    };
    let t = props.lang.t();
    // The live region is always there, so assistive technology announces what appears in it.
    html! {
        <div class="update-region" role="status">
            if *available && !*dismissed {
                <p class="update-notice">
                    <span class="update-text">{ t.new_version }</span>
                    <button type="button" class="update-reload" onclick={on_reload} disabled={*reloading}>{ t.reload }</button>
                    <button type="button" class="update-dismiss" onclick={on_dismiss} aria-label={t.dismiss} title={t.dismiss}>{ "×" }</button>
                </p>
            }
        </div>
    }
}
