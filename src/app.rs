//! The app shell: owns the route, the search query and the display settings, and lays out
//! the page. Everything it shows is delegated to components, and what it does with the
//! browser to named hooks, the app's own below [`App`] and the general ones in
//! [`crate::hooks`].
//!
//! The location hash is the source of truth for the route: links change it, `hashchange`
//! and `popstate` bring it back here ([`use_hash_route`]). Typing a search and choosing a result use the history
//! API directly (no `hashchange`), so the shell updates its own state at the same time.

use std::cell::RefCell;
use std::rc::Rc;

use bulletin::anchor;
use bulletin::model::Issue;
use bulletin::route::{Embed, ParsedRoute, Route, RouteProblem};
use bulletin::search::SearchIndex;
use yew::prelude::*;

use crate::components::contents_panel::{contents_panel, ContentsPanelProps};
use crate::components::embed_view::EmbedView;
use crate::components::header::{header, HeaderProps};
use crate::components::issue_view::IssueView;
use crate::components::not_found::not_found;
use crate::components::search_panel::{Choice, SearchPanel};
use crate::components::table_view::ViewRequest;
use crate::components::update_notice::UpdateNotice;
use crate::dom;
use crate::hooks::{use_document_listener, use_document_title, use_focus_trap, use_hash_route, use_system_dark};
use crate::prefs::{apply_theme, Prefs, Theme};
use crate::ptr::Ptr;

/// What the browser told the app at start-up.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Startup {
    /// The location hash.
    pub hash: String,
    /// The remembered settings.
    pub prefs: Prefs,
    /// Whether the system asks for a dark theme.
    pub system_dark: bool,
}

/// Props of [`App`].
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The issue.
    pub issue: Ptr<Issue>,
    /// The start-up state.
    #[prop_or_default]
    pub startup: Startup,
    /// Whether the app takes over a pre-rendered page: it then renders exactly what the
    /// server rendered (the issue from the top, default settings) and applies `startup`
    /// right after, so hydration finds the DOM it expects.
    #[prop_or_default]
    pub hydrating: bool,
}

/// The route being shown, with a serial that changes on every navigation.
#[derive(Clone, Debug, PartialEq)]
struct Shown {
    route: Route,
    problems: Vec<RouteProblem>,
    serial: u32,
    /// An element to scroll to other than the route's own (a search result).
    target: Option<String>,
}

impl Shown {
    fn next(&self, parsed: ParsedRoute, target: Option<String>) -> Shown {
        Shown {
            route: parsed.route,
            problems: parsed.problems,
            serial: self.serial.wrapping_add(1),
            target,
        }
    }
}

/// Whether every id the route names exists in the issue.
fn route_exists(issue: &Issue, route: &Route) -> bool {
    match route {
        Route::Part(id) => issue.parts.iter().any(|part| part.id.as_str() == id),
        Route::Article(id) | Route::Embed(Embed::Article(id)) => issue.article(id).is_some(),
        Route::Brief(id) => issue.brief(id).is_some(),
        Route::Figure(id) => issue.figure(id).is_some(),
        Route::Table(id, _) | Route::Embed(Embed::Table(id, _) | Embed::TableOnly(id, _) | Embed::Chart(id, _)) => {
            issue.table(id).is_some()
        }
        Route::NotFound(_) => false,
        Route::Issue | Route::Summary | Route::Colophon | Route::Search(_) => true,
    }
}

/// The whole app: its state (the route shown, the search query, the settings, whether the
/// phone's contents are open) and its layout. What it does with the browser is in named hooks.
#[component]
pub fn App(props: &AppProps) -> Html {
    let server = Startup::default();
    let startup = if props.hydrating { &server } else { &props.startup };
    let shown = {
        let hash = startup.hash.clone();
        use_state(move || {
            let parsed = Route::parse(&hash);
            Shown {
                route: parsed.route,
                problems: parsed.problems,
                serial: 0,
                target: None,
            }
        })
    };
    let query = {
        let initial = match &shown.route {
            Route::Search(query) => query.clone(),
            _ => String::new(),
        };
        use_state(move || initial)
    };
    let navigation = Navigation {
        shown: shown.clone(),
        query: query.clone(),
        // The route to go back to when a search is cleared.
        before_search: use_mut_ref(|| Route::Issue),
    };
    let prefs = use_state(|| startup.prefs);
    let system_dark = use_system_dark(startup.system_dark);
    let contents_open = use_state(|| false);
    let search_index = use_mut_ref(|| None::<Ptr<SearchIndex>>);
    let dark = prefs.theme.is_dark(*system_dark);

    use_startup_after_hydration(props, &shown, &query, &prefs, &system_dark);
    {
        let navigation = navigation.clone();
        use_hash_route(move |parsed| navigation.follow_hash(parsed));
    }
    use_slash_to_search();
    use_scroll_on_navigation(&shown);
    use_document_title(prefs.lang.page_title(&props.issue.meta));

    let on_query = {
        let navigation = navigation.clone();
        Callback::from(move |text: String| navigation.search(text))
    };
    let on_clear = {
        let on_query = on_query.clone();
        Callback::from(move |_: ()| on_query.emit(String::new()))
    };
    use_escape_and_outside_click(matches!(shown.route, Route::Search(_)), &contents_open, &on_clear);
    use_focus_trap(*contents_open, anchor::CONTENTS_TOGGLE, anchor::CONTENTS);
    // Closed from inside (its button), the results give focus back to the search box.
    let on_close_results = {
        let on_clear = on_clear.clone();
        Callback::from(move |_: ()| {
            on_clear.emit(());
            dom::focus_first(&format!("#{}", anchor::SEARCH_INPUT));
        })
    };
    let on_choose = Callback::from(move |choice: Choice| navigation.choose(choice));
    let on_theme = {
        let prefs = prefs.clone();
        Callback::from(move |_: ()| {
            let next = if dark { Theme::Light } else { Theme::Dark };
            Prefs::save_theme(next);
            prefs.set(Prefs { theme: next, ..*prefs });
        })
    };
    let on_lang = {
        let prefs = prefs.clone();
        Callback::from(move |_: ()| {
            let next = prefs.lang.other();
            Prefs::save_lang(next);
            prefs.set(Prefs { lang: next, ..*prefs });
        })
    };
    let on_contents = {
        let contents_open = contents_open.clone();
        Callback::from(move |_: ()| contents_open.set(!*contents_open))
    };
    let on_contents_chosen = {
        let contents_open = contents_open.clone();
        Callback::from(move |_: ()| contents_open.set(false))
    };
    let on_skip = Callback::from(|event: MouseEvent| {
        // The skip link moves focus without touching the route.
        event.prevent_default();
        dom::focus_id(anchor::MAIN);
    });

    let issue = &props.issue;
    let lang = prefs.lang;
    let t = lang.t();
    let exists = route_exists(issue, &shown.route);
    if let (Route::Embed(embed), true) = (&shown.route, exists) {
        let request = match embed {
            Embed::Table(_, view) | Embed::TableOnly(_, view) | Embed::Chart(_, view) => Some(ViewRequest {
                view: view.clone(),
                serial: shown.serial,
            }),
            Embed::Article(_) => None,
        };
        return html! { <EmbedView issue={issue.clone()} embed={embed.clone()} request={request} lang={lang} dark={dark} /> };
    }
    let request = match &shown.route {
        Route::Table(id, view) => Some((
            AttrValue::from(id.clone()),
            ViewRequest {
                view: view.clone(),
                serial: shown.serial,
            },
        )),
        _ => None,
    };
    let problems: Vec<String> = shown
        .problems
        .iter()
        .map(|problem| match problem {
            RouteProblem::BadSortKey(key) => format!("sort={key}"),
            RouteProblem::UnknownParameter(key) => key.clone(),
        })
        .collect();
    // The search index is built when the reader first searches, then kept for every later
    // search (the panel comes and goes; the index does not change).
    let search = match &shown.route {
        Route::Search(text) if !text.trim().is_empty() => {
            let index = search_index
                .borrow_mut()
                .get_or_insert_with(|| Ptr::new(SearchIndex::new(issue)))
                .clone();
            Some((text.clone(), index))
        }
        _ => None,
    };
    html! {
        <>
            <a class="skip-link" href={format!("#{}", anchor::MAIN)} onclick={on_skip}>{ t.skip_to_content }</a>
            { header(&HeaderProps {
                meta: issue.meta.clone(),
                lang,
                query: AttrValue::from((*query).clone()),
                dark,
                contents_open: *contents_open,
                on_query,
                on_clear: on_clear.clone(),
                on_theme,
                on_lang,
                on_contents,
            }) }
            // Next to the header in the document, so that the keyboard reaches the results from
            // the search box (the panel itself is fixed at the page's right).
            if let Some((text, index)) = search {
                <SearchPanel index={index} query={AttrValue::from(text)} lang={lang} on_choose={on_choose} on_close={on_close_results} />
            }
            if prefs.reset {
                <p class="notice banner" role="status">{ t.preferences_reset }</p>
            }
            <div class="layout">
                { contents_panel(&ContentsPanelProps { issue: issue.clone(), lang, current: shown.route.clone(), open: *contents_open, on_choose: on_contents_chosen }) }
                <main id={anchor::MAIN} tabindex="-1">
                    if !problems.is_empty() && exists {
                        <p class="notice" role="status">{ format!("{} {}", t.link_partly_ignored, lang.ignored_parts(&problems)) }</p>
                    }
                    if exists {
                        <IssueView issue={issue.clone()} lang={lang} dark={dark} request={request} />
                    } else {
                        { not_found(&shown.route.to_hash(), lang) }
                    }
                </main>
            </div>
            <UpdateNotice lang={lang} />
        </>
    }
}

/// The route shown and the search query, with the ways the reader moves between routes.
#[derive(Clone)]
struct Navigation {
    shown: UseStateHandle<Shown>,
    query: UseStateHandle<String>,
    /// The route to go back to when a search is cleared.
    before_search: Rc<RefCell<Route>>,
}

impl Navigation {
    /// Follows a route the browser changed the hash to (a link, back, forward): shows it, with
    /// the search query it holds, unless it is the route shown already.
    fn follow_hash(&self, parsed: ParsedRoute) {
        let shown = &self.shown;
        if parsed.route == shown.route && parsed.problems == shown.problems {
            return;
        }
        match &parsed.route {
            Route::Search(text) => self.query.set(text.clone()),
            _ => self.query.set(String::new()),
        }
        shown.set(shown.next(parsed, None));
    }

    /// The reader typed `text` into the search box: a search route, one history entry for
    /// the whole query; an empty query goes back to where the search started.
    fn search(&self, text: String) {
        let shown = &self.shown;
        self.query.set(text.clone());
        if text.trim().is_empty() {
            let back = self.before_search.borrow().clone();
            dom::replace_hash(&back.to_hash());
            shown.set(shown.next(
                ParsedRoute {
                    route: back,
                    problems: Vec::new(),
                },
                None,
            ));
            return;
        }
        let route = Route::Search(text);
        if matches!(shown.route, Route::Search(_)) {
            dom::replace_hash(&route.to_hash());
        } else {
            *self.before_search.borrow_mut() = shown.route.clone();
            dom::push_state(&route.to_hash());
        }
        shown.set(Shown {
            route,
            problems: Vec::new(),
            serial: shown.serial,
            target: None,
        });
    }

    /// The reader chose a search result: its route, scrolled to the passage.
    fn choose(&self, choice: Choice) {
        self.query.set(String::new());
        dom::push_state(&choice.hash);
        self.shown
            .set(self.shown.next(Route::parse(&choice.hash), Some(choice.anchor)));
    }
}

/// After hydration, brings in what only the browser knows (the link, the settings), then
/// marks the page ready (`data-ready`).
#[hook]
fn use_startup_after_hydration(
    props: &AppProps,
    shown: &UseStateHandle<Shown>,
    query: &UseStateHandle<String>,
    prefs: &UseStateHandle<Prefs>,
    system_dark: &UseStateHandle<bool>,
) {
    let real = props.startup.clone();
    let hydrating = props.hydrating;
    let (shown, query, prefs, system_dark) = (shown.clone(), query.clone(), prefs.clone(), system_dark.clone());
    use_effect_with((), move |_| {
        if hydrating {
            // Each set renders the app again: only what differs from the server's defaults.
            if *prefs != real.prefs {
                prefs.set(real.prefs);
            }
            if *system_dark != real.system_dark {
                system_dark.set(real.system_dark);
            }
            let parsed = Route::parse(&real.hash);
            if parsed.route != Route::Issue || !parsed.problems.is_empty() {
                if let Route::Search(text) = &parsed.route {
                    query.set(text.clone());
                }
                shown.set(shown.next(parsed, None));
            }
        }
        dom::set_root_attribute("data-ready", Some("true"));
    });
}

/// `/` focuses the search box from anywhere but a text field.
#[hook]
fn use_slash_to_search() {
    use_document_listener("keydown", true, |event| {
        let Some(key) = dom::as_key(event) else {
            return;
        };
        if key.key() != "/" || key.ctrl_key() || key.meta_key() || key.alt_key() {
            return;
        }
        if !dom::target_is_text_field(event) {
            // The `/` that focuses the box must not also be typed into it.
            event.prevent_default();
            // A control takes focus as it is: `focus_id` would take it out of the Tab order.
            dom::focus_first(&format!("#{}", anchor::SEARCH_INPUT));
        }
    });
}

/// After each navigation, scrolls to what it points at: a search result, the route's own
/// element, or the top for the issue (but not at start-up, where the browser keeps its place).
#[hook]
fn use_scroll_on_navigation(shown: &Shown) {
    let first = use_mut_ref(|| true);
    use_effect_with(
        (shown.route.clone(), shown.serial, shown.target.clone()),
        move |(route, _, target)| {
            let initial = std::mem::replace(&mut *first.borrow_mut(), false);
            if let Some(target) = target {
                if dom::scroll_to(target, true) {
                    dom::focus_id(target);
                }
            } else if let Some(anchor) = route.anchor() {
                dom::scroll_to(anchor, !matches!(route, Route::Part(_)));
            } else if *route == Route::Issue && !initial {
                dom::scroll_to_top();
            }
        },
    );
}

/// Esc closes the phone's contents, or else the search results, wherever focus is (the search
/// box handles its own Esc first); a click outside the open contents closes them.
#[hook]
fn use_escape_and_outside_click(searching: bool, contents_open: &UseStateHandle<bool>, on_clear: &Callback<()>) {
    let open = **contents_open;
    {
        let contents_open = contents_open.clone();
        let on_clear = on_clear.clone();
        use_document_listener("keydown", searching || open, move |event| {
            let Some(key) = dom::as_key(event) else {
                return;
            };
            if key.key() != "Escape" || key.default_prevented() {
                return;
            }
            if open {
                contents_open.set(false);
                dom::focus_first(&format!("#{}", anchor::CONTENTS_TOGGLE));
            } else if searching {
                // Focus in the results, which are going, goes back to the search box.
                let in_results = dom::target_within(event, &format!("#{}", anchor::SEARCH_RESULTS));
                on_clear.emit(());
                if in_results {
                    dom::focus_first(&format!("#{}", anchor::SEARCH_INPUT));
                }
            }
        });
    }
    let contents_open = contents_open.clone();
    use_document_listener("click", open, move |event| {
        if !dom::target_within(event, &format!("#{}, .contents-toggle", anchor::CONTENTS)) {
            contents_open.set(false);
        }
    });
}

/// Applies the remembered settings to the page before the first render.
pub fn apply_prefs(prefs: &Prefs) {
    apply_theme(prefs.theme);
    dom::set_root_attribute("lang", Some(prefs.lang.code()));
}
