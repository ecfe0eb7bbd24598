//! The links between issues around an issue: the one before, the one after, the newest and
//! the archive. Ordinary links to each issue's own page, so they work without JavaScript;
//! with it, the app opens them in place.

use bulletin::address::{href, Page};
use bulletin::model::Date;
use bulletin::route::Route;
use yew::prelude::*;

use crate::i18n::Lang;

/// What [`issue_nav`] links.
pub struct IssueNavProps {
    /// The issue shown.
    pub date: Date,
    /// The issue before it, if any.
    pub older: Option<Date>,
    /// The issue after it, if any.
    pub newer: Option<Date>,
    /// The newest issue, where the page knows it ([`bulletin::site::Site::newest`]); elsewhere
    /// the link to the newest is the root's, which always shows it.
    pub newest: Option<Date>,
    /// The page the links are written on.
    pub page: Page,
    /// Whether other issues can be reached (not in the single file).
    pub archive: bool,
    /// Whether this is the page's one landmark of links between issues (the copy at the end
    /// of the issue is not, so landmarks stay unique).
    pub landmark: bool,
    /// The interface language.
    pub lang: Lang,
}

/// The link to the newest issue, on a page that does not know it: the root's page
/// (`index.html`), which always shows the newest, so an older issue's page says the same
/// whatever came out since. A page that knows the newest is that issue or the one just before
/// it ([`bulletin::site::Site::newest`]), whose link to the issue after leads there already.
fn newest_link(props: &IssueNavProps) -> Html {
    if props.newest.is_some() || props.newer.is_none() {
        return Html::default();
    }
    html! {
        <a class="issue-link newest" href={format!("index.html{}", Route::Issue.to_hash())}>
            <span class="issue-link-label">{ props.lang.t().newest_issue }</span>
        </a>
    }
}

/// The links, in a `<nav>`; nothing when there is no other issue to go to.
pub fn issue_nav(props: &IssueNavProps) -> Html {
    if !props.archive {
        return Html::default();
    }
    let t = props.lang.t();
    let link = |date: Date, class: &'static str, rel: Option<&'static str>, label: &'static str| {
        html! {
            <a class={classes!("issue-link", class)} href={href(date, &Route::Issue, props.page)} rel={rel}>
                <span class="issue-link-label">{ label }</span>
                <time datetime={date.iso()}>{ date.printed() }</time>
            </a>
        }
    };
    let links = html! {
        <>
            if let Some(older) = props.older {
                { link(older, "older", Some("prev"), t.older_issue) }
            }
            <a class="issue-link archive-link" href={Route::Archive(String::new()).to_hash()}>{ t.archive }</a>
            <a class="issue-link tables-link" href={Route::Tables(String::new()).to_hash()}>{ t.all_tables }</a>
            if let Some(newer) = props.newer {
                { link(newer, "newer", Some("next"), t.newer_issue) }
            }
            { newest_link(props) }
        </>
    };
    if props.landmark {
        html! { <nav class="issue-nav" aria-label={t.issue_navigation}>{ links }</nav> }
    } else {
        html! { <div class="issue-nav issue-nav-end">{ links }</div> }
    }
}
