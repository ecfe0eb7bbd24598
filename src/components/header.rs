//! The page header: series title, issue date, search box and the display switches.

use bulletin::anchor;
use bulletin::model::Meta;
use bulletin::route::Route;
use yew::prelude::*;

use crate::components::search_panel::result_links;
use crate::dom;
use crate::i18n::Lang;

/// What [`header`] shows and whom it tells.
pub struct HeaderProps {
    /// The issue's metadata.
    pub meta: Meta,
    /// The interface language.
    pub lang: Lang,
    /// The search query.
    pub query: AttrValue,
    /// Whether the page is dark now.
    pub dark: bool,
    /// Whether the contents panel is unfolded (phones).
    pub contents_open: bool,
    /// Called with the query as the reader types.
    pub on_query: Callback<String>,
    /// Called when the reader clears the search (Esc).
    pub on_clear: Callback<()>,
    /// Called to switch the theme.
    pub on_theme: Callback<()>,
    /// Called to switch the language.
    pub on_lang: Callback<()>,
    /// Called to fold or unfold the contents (phones).
    pub on_contents: Callback<()>,
}

/// The header.
pub fn header(props: &HeaderProps) -> Html {
    let t = props.lang.t();
    let oninput = {
        let on_query = props.on_query.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(value) = dom::target_value(&event) {
                on_query.emit(value);
            }
        })
    };
    let onkeydown = {
        let on_clear = props.on_clear.clone();
        Callback::from(move |event: KeyboardEvent| {
            match event.key().as_str() {
                "Escape" => {
                    event.prevent_default();
                    on_clear.emit(());
                }
                // Down from the box into the results, the first of which is a link.
                "ArrowDown" if dom::focus_first(&result_links()) => event.prevent_default(),
                _ => {}
            }
        })
    };
    let click = |callback: &Callback<()>| {
        let callback = callback.clone();
        Callback::from(move |_: MouseEvent| callback.emit(()))
    };
    // Until the app has the text typed while it started, the box keeps showing it.
    let value = match dom::typed_before_start(anchor::SEARCH_INPUT) {
        Some(typed) if props.query.is_empty() => AttrValue::from(typed),
        _ => props.query.clone(),
    };
    let theme_label = if props.dark { t.light_theme } else { t.dark_theme };
    let (series, series_lang) = props.lang.series_name(&props.meta);
    html! {
        <header class="site-header">
            <div class="masthead">
                <button type="button" id={anchor::CONTENTS_TOGGLE} class="contents-toggle" aria-controls={anchor::CONTENTS} aria-expanded={props.contents_open.to_string()} onclick={click(&props.on_contents)}>
                    <span aria-hidden="true">{ "☰ " }</span>{ t.show_contents }
                </button>
                <h1 class="series" lang={series_lang}><a href={Route::Issue.to_hash()}>{ series }</a></h1>
                <p class="issue-date">
                    <span class="visually-hidden">{ format!("{} ", t.issue_date) }</span>
                    <time datetime={props.meta.date.iso()}>{ props.meta.date.printed() }</time>
                </p>
            </div>
            <div class="header-tools">
                <form class="search" role="search" onsubmit={Callback::from(|event: SubmitEvent| event.prevent_default())}>
                    <label for={anchor::SEARCH_INPUT} class="visually-hidden">{ t.search }</label>
                    <input
                        id={anchor::SEARCH_INPUT}
                        type="search"
                        autocomplete="off"
                        placeholder={t.search_placeholder}
                        {value}
                        aria-controls={(!props.query.trim().is_empty()).then_some(anchor::SEARCH_RESULTS)}
                        {oninput}
                        {onkeydown}
                    />
                </form>
                <button type="button" class="theme-toggle" onclick={click(&props.on_theme)}>{ theme_label }</button>
                <button type="button" class="lang-toggle" lang={props.lang.other().code()} onclick={click(&props.on_lang)}>{ t.other_language }</button>
            </div>
        </header>
    }
}
