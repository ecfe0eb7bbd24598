//! The app shell: owns the route, the search query and the display settings, and lays out
//! the page. Everything it shows is delegated to components.
//!
//! The location hash is the source of truth for the route: links change it, `hashchange`
//! and `popstate` bring it back here. Typing a search and choosing a result use the history
//! API directly (no `hashchange`), so the shell updates its own state at the same time.

use bulletin::model::Issue;
use bulletin::route::{Embed, ParsedRoute, Route, RouteProblem};
use bulletin::search::SearchIndex;
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::contents_panel::{contents_panel, ContentsPanelProps};
use crate::components::embed_view::EmbedView;
use crate::components::header::{header, HeaderProps, CONTENTS_TOGGLE_ID, SEARCH_INPUT_ID};
use crate::components::issue_view::IssueView;
use crate::components::not_found::not_found;
use crate::components::search_panel::{Choice, SearchPanel};
use crate::components::table_view::ViewRequest;
use crate::components::update_notice::UpdateNotice;
use crate::dom;
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
        Route::Table(id, _) | Route::Embed(Embed::Table(id, _)) | Route::Embed(Embed::Chart(id, _)) => {
            issue.table(id).is_some()
        }
        Route::NotFound(_) => false,
        Route::Issue | Route::Summary | Route::Colophon | Route::Search(_) => true,
    }
}

/// The whole app.
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
    // The route to go back to when a search is cleared.
    let before_search = use_mut_ref(|| Route::Issue);
    let theme = use_state(|| startup.prefs.theme);
    let lang = use_state(|| startup.prefs.lang);
    let system_dark = use_state(|| startup.system_dark);
    let contents_open = use_state(|| false);
    let search_index = use_mut_ref(|| None::<Ptr<SearchIndex>>);
    let prefs_reset = use_state(|| startup.prefs.reset);
    let dark = theme.is_dark(*system_dark);

    // After hydration, bring in what only the browser knows: the link, the settings.
    {
        let real = props.startup.clone();
        let hydrating = props.hydrating;
        let (shown, query, theme, lang, system_dark, prefs_reset) = (
            shown.clone(),
            query.clone(),
            theme.clone(),
            lang.clone(),
            system_dark.clone(),
            prefs_reset.clone(),
        );
        use_effect_with((), move |_| {
            if hydrating {
                // Each set renders the app again: only what differs from the server's defaults.
                if *theme != real.prefs.theme {
                    theme.set(real.prefs.theme);
                }
                if *lang != real.prefs.lang {
                    lang.set(real.prefs.lang);
                }
                if *system_dark != real.system_dark {
                    system_dark.set(real.system_dark);
                }
                if *prefs_reset != real.prefs.reset {
                    prefs_reset.set(real.prefs.reset);
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

    // Links, back and forward: re-read the hash whenever the browser changes it.
    {
        let shown = shown.clone();
        let query = query.clone();
        use_effect_with((), move |_| {
            let on_change = move |_: &Event| {
                let hash = dom::current_hash();
                let parsed = Route::parse(&hash);
                if parsed.route == shown.route && parsed.problems == shown.problems {
                    return;
                }
                match &parsed.route {
                    Route::Search(text) => query.set(text.clone()),
                    _ => query.set(String::new()),
                }
                shown.set(shown.next(parsed, None));
            };
            let listeners = dom::window().map(|window| {
                let on_change = std::rc::Rc::new(on_change);
                let hash_change = {
                    let on_change = on_change.clone();
                    EventListener::new(&window, "hashchange", move |event| on_change(event))
                };
                let pop_state = EventListener::new(&window, "popstate", move |event| on_change(event));
                (hash_change, pop_state)
            });
            move || drop(listeners)
        });
    }
    // Follow the system theme while the reader has not chosen one.
    {
        let system_dark = system_dark.clone();
        use_effect_with((), move |_| {
            let media =
                dom::window().and_then(|window| window.match_media("(prefers-color-scheme: dark)").ok().flatten());
            let listener = media.map(|media| {
                let target = media.clone();
                EventListener::new(&target, "change", move |_| system_dark.set(media.matches()))
            });
            move || drop(listener)
        });
    }
    // `/` focuses the search box from anywhere but a text field.
    use_effect_with((), move |_| {
        let listener = dom::document().map(|document| {
            // Not passive: the `/` that focuses the box must not also be typed into it.
            let options = gloo::events::EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(&document, "keydown", options, move |event| {
                let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                if event.key() != "/" || event.ctrl_key() || event.meta_key() || event.alt_key() {
                    return;
                }
                let typing = event
                    .target()
                    .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|element| matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
                if !typing {
                    event.prevent_default();
                    dom::focus_id(SEARCH_INPUT_ID);
                }
            })
        });
        move || drop(listener)
    });
    // After each navigation, scroll to what it points at.
    {
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
                    if let Some(window) = dom::window() {
                        window.scroll_to_with_x_and_y(0.0, 0.0);
                    }
                }
            },
        );
    }

    let on_query = {
        let shown = shown.clone();
        let query = query.clone();
        let before_search = before_search.clone();
        Callback::from(move |text: String| {
            query.set(text.clone());
            if text.trim().is_empty() {
                let back = before_search.borrow().clone();
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
                *before_search.borrow_mut() = shown.route.clone();
                dom::push_state(&route.to_hash());
            }
            shown.set(Shown {
                route,
                problems: Vec::new(),
                serial: shown.serial,
                target: None,
            });
        })
    };
    let on_clear = {
        let on_query = on_query.clone();
        Callback::from(move |_: ()| on_query.emit(String::new()))
    };
    // Esc closes the search results and the phone's contents, wherever focus is (the search
    // box handles its own Esc first); a click outside the open contents closes them.
    {
        let searching = matches!(shown.route, Route::Search(_));
        let open = *contents_open;
        let on_clear = on_clear.clone();
        let contents_open = contents_open.clone();
        use_effect_with((searching, open), move |&(searching, open)| {
            let listeners = (searching || open).then(dom::document).flatten().map(|document| {
                let on_key = {
                    let contents_open = contents_open.clone();
                    EventListener::new(&document, "keydown", move |event| {
                        let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                            return;
                        };
                        if event.key() != "Escape" || event.default_prevented() {
                            return;
                        }
                        if open {
                            contents_open.set(false);
                            dom::focus_first(&format!("#{CONTENTS_TOGGLE_ID}"));
                        } else if searching {
                            on_clear.emit(());
                        }
                    })
                };
                let on_click = open.then(|| {
                    EventListener::new(&document, "click", move |event| {
                        let inside = event
                            .target()
                            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
                            .is_some_and(|target| {
                                target.closest("#contents, .contents-toggle").ok().flatten().is_some()
                            });
                        if !inside {
                            contents_open.set(false);
                        }
                    })
                });
                (on_key, on_click)
            });
            move || drop(listeners)
        });
    }
    let on_choose = {
        let shown = shown.clone();
        let query = query.clone();
        Callback::from(move |choice: Choice| {
            query.set(String::new());
            dom::push_state(&choice.hash);
            shown.set(shown.next(Route::parse(&choice.hash), Some(choice.anchor)));
        })
    };
    let on_theme = {
        let theme = theme.clone();
        Callback::from(move |_: ()| {
            let next = if dark { Theme::Light } else { Theme::Dark };
            Prefs::save_theme(next);
            theme.set(next);
        })
    };
    let on_lang = {
        let lang = lang.clone();
        Callback::from(move |_: ()| {
            let next = lang.other();
            Prefs::save_lang(next);
            lang.set(next);
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
        dom::focus_id("main");
    });

    let issue = &props.issue;
    let t = lang.t();
    let exists = route_exists(issue, &shown.route);
    if let (Route::Embed(embed), true) = (&shown.route, exists) {
        let request = match embed {
            Embed::Table(_, view) | Embed::Chart(_, view) => Some(ViewRequest {
                view: view.clone(),
                serial: shown.serial,
            }),
            Embed::Article(_) => None,
        };
        return html! { <EmbedView issue={issue.clone()} embed={embed.clone()} request={request} lang={*lang} dark={dark} /> };
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
            <a class="skip-link" href="#main" onclick={on_skip}>{ t.skip_to_content }</a>
            { header(&HeaderProps {
                meta: issue.meta.clone(),
                lang: *lang,
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
                <SearchPanel index={index} query={AttrValue::from(text)} lang={*lang} on_choose={on_choose} on_close={on_clear} />
            }
            if *prefs_reset {
                <p class="notice banner" role="status">{ t.preferences_reset }</p>
            }
            <div class="layout">
                { contents_panel(&ContentsPanelProps { issue: issue.clone(), lang: *lang, current: shown.route.clone(), open: *contents_open, on_choose: on_contents_chosen }) }
                <main id="main" tabindex="-1">
                    if !problems.is_empty() && exists {
                        <p class="notice" role="status">{ format!("{} {}", t.link_partly_ignored, lang.ignored_parts(&problems)) }</p>
                    }
                    if exists {
                        <IssueView issue={issue.clone()} lang={*lang} dark={dark} request={request} />
                    } else {
                        { not_found(&shown.route.to_hash(), *lang) }
                    }
                </main>
            </div>
            <UpdateNotice lang={*lang} />
        </>
    }
}

/// Applies the remembered settings to the page before the first render.
pub fn apply_prefs(prefs: &Prefs) {
    apply_theme(prefs.theme);
    dom::set_root_attribute("lang", Some(prefs.lang.code()));
}
