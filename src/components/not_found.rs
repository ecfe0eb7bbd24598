//! The view for a link that points at nothing in this issue: never a blank page.

use bulletin::anchor;
use bulletin::model::Date;
use bulletin::route::Route;
use yew::prelude::*;

use crate::i18n::Lang;

/// Says what was not found (the hash as given, cut short when long; or, for `missing`, that the
/// archive holds no issue of that date) and offers the ways back: the issue's beginning, and
/// the archive's list where there is one.
pub fn not_found(hash: &str, missing: Option<Date>, lang: Lang, archive: bool) -> Html {
    let t = lang.t();
    let (shown, cut) = lang.shown_address(hash);
    let title_id = anchor::title(anchor::NOT_FOUND);
    html! {
        <section class="not-found" aria-labelledby={title_id.clone()}>
            <h2 id={title_id}>{ t.not_found }</h2>
            if let Some(date) = missing {
                <p>{ lang.no_such_issue(date) }</p>
            } else {
                <p>{ format!("{} ", t.not_found_body) }<code>{ shown }</code>{ cut }</p>
            }
            <p>
                <a class="button" href={Route::Issue.to_hash()}>{ t.back_to_issue }</a>
                if archive {
                    { " " }<a class="button" href={Route::Archive(String::new()).to_hash()}>{ t.all_issues }</a>
                }
            </p>
        </section>
    }
}
