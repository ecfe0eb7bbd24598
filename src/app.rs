//! The app shell: owns the view (which issue, which route), the search query, the display
//! settings and the archive's data fetched so far, and lays out the page. Everything it shows
//! is delegated to components, and what it does with the browser to named hooks, the app's
//! own below [`App`] and the general ones in [`crate::hooks`].
//!
//! The location is the source of truth for the view: its path names the issue's page
//! (`2023-06-30.html`, or the root for the newest issue) and its hash the route
//! (`bulletin::address`). Links change the hash; a link to another issue's page is opened in
//! place, with `history.pushState`, once that issue's data is fetched; `hashchange` and
//! `popstate` bring every change back here ([`use_location`]). Typing a search and choosing a
//! result use the history API directly, so the shell updates its own state at the same time.

use std::cell::RefCell;
use std::rc::Rc;

use bulletin::address::{href, link_page, locate, page_of, route_exists, Located, Page};
use bulletin::anchor;
use bulletin::model::{Date, Issue};
use bulletin::route::{Embed, Route, RouteProblem};
use bulletin::site::{PageKind, Site};
use yew::prelude::*;

use crate::components::catalog_view::{CatalogView, ListKind};
use crate::components::contents_panel::{ContentsPanel, ContentsPanelProps};
use crate::components::embed_view::EmbedView;
use crate::components::header::{header, HeaderProps};
use crate::components::issue_nav::{issue_nav, IssueNavProps};
use crate::components::issue_status::{failed, loading};
use crate::components::issue_view::IssueView;
use crate::components::later::later;
use crate::components::not_found::not_found;
use crate::components::search_panel::{Choice, SearchPanel};
use crate::components::table_view::ViewRequest;
use crate::components::update_notice::UpdateNotice;
use crate::dom;
use crate::hooks::{use_document_listener, use_focus_trap, use_location, use_system_dark};
use crate::library::{Library, Load, Loader, SearchData};
use crate::prefs::{apply_theme, Prefs, Theme};
use crate::ptr::Ptr;

/// What the browser told the app at start-up.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Startup {
    /// The location's path.
    pub path: String,
    /// The location hash.
    pub hash: String,
    /// The remembered settings.
    pub prefs: Prefs,
    /// Whether the system asks for a dark theme.
    pub system_dark: bool,
}

/// Props of [`App`].
#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// The site as the page describes it.
    pub site: Ptr<Site>,
    /// The page's own issue, already fetched and checked.
    pub issue: Ptr<Issue>,
    /// The start-up state.
    #[prop_or_default]
    pub startup: Startup,
    /// Whether the app takes over a pre-rendered page: it then renders exactly what the
    /// server rendered (the page's issue from the top, default settings) and applies
    /// `startup` right after, so hydration finds the DOM it expects.
    #[prop_or_default]
    pub hydrating: bool,
}

/// The issue being shown and how this page is addressed, for the components that write an
/// address to share (copy buttons, embed codes), which read it from the context.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Here {
    /// The issue shown.
    pub date: Option<Date>,
    /// Whether the page is the single-file build, whose address is its own file.
    pub single: bool,
}

impl Here {
    /// The absolute address of `hash` (a route of the issue shown, with its `#`): that issue's
    /// own page in the site's folder, so the address means this issue whatever is published
    /// later; in the single file, the file itself.
    pub fn address(&self, hash: &str) -> String {
        match (self.date, self.single) {
            (Some(date), false) => format!("{}{}{hash}", dom::folder_address(), Page::file_of(date)),
            _ => format!("{}{hash}", dom::page_address()),
        }
    }
}

/// The view being shown, with a serial that changes on every navigation.
#[derive(Clone, Debug, PartialEq)]
struct Shown {
    /// The issue shown, or for a view across issues the one to come back to.
    date: Date,
    /// The page the location names, for the links written on it.
    page: Page,
    route: Route,
    problems: Vec<RouteProblem>,
    serial: u32,
    /// An element to scroll to other than the route's own (a search result).
    target: Option<String>,
}

impl Shown {
    fn at(located: Located, serial: u32, target: Option<String>) -> Shown {
        Shown {
            date: located.date,
            page: located.page,
            route: located.route,
            problems: located.problems,
            serial,
            target,
        }
    }
}

/// Whether the pre-rendered page opened at this location hydrates in turns (components/later.rs):
/// opened at the top of the page's issue, or at a place in it (its summary, a part, an
/// article, a table, a figure), which the pre-rendered page already shows. At a place, the app
/// scrolls to it on the pre-rendered nodes at once and brings in the rest of the address (a
/// table's order, its mark, a notice) once every piece has hydrated. Any other address shows
/// another view (another issue, a list, a search, an embed, not found): the page then hydrates
/// whole, in one task, as that view replaces it at once.
pub fn hydrates_in_turns(site: &Site, issue: &Issue, path: &str, hash: &str) -> bool {
    let located = locate(site, path, hash, true);
    let top = located.date == site.issue && located.route == Route::Issue;
    top || (located.place_in(site.issue).is_some() && route_exists(issue, &located.route))
}

/// The app as the page mounts it and the pre-rendering renders it: the whole [`App`] is a piece
/// that waits for its turn while the page hydrates (components/later.rs). The first task of the
/// hydration then only starts Yew (its scheduler, the suspense the pieces wait in) and claims
/// the page; the app's frame hydrates in the next. In one task the two took up to 94 ms at 4×
/// CPU, most of it compiling about 450 functions on their first call (issue 16).
#[component]
pub fn Root(props: &AppProps) -> Html {
    let props = props.clone();
    later(move || html! { <App ..props.clone() /> })
}

/// The whole app: its state (the view, the search query, the settings, the archive's data,
/// whether the phone's contents are open) and its layout. What it does with the browser is in
/// named hooks.
#[component]
pub fn App(props: &AppProps) -> Html {
    let site = props.site.clone();
    let server = Startup::default();
    let startup = if props.hydrating { &server } else { &props.startup };
    let shown = {
        let site = site.clone();
        let (path, hash, hydrating) = (startup.path.clone(), startup.hash.clone(), props.hydrating);
        use_state(move || {
            if hydrating {
                // Exactly what the pre-rendering drew: the page's issue from the top.
                Shown {
                    date: site.issue,
                    page: site.page(),
                    route: Route::Issue,
                    problems: Vec::new(),
                    serial: 0,
                    target: None,
                }
            } else {
                let located = locate(&site, &path, &hash, true);
                if let Some(address) = &located.rewrite {
                    dom::replace_hash(address);
                }
                Shown::at(located, 0, None)
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
    let library = {
        let (site, issue) = (site.clone(), props.issue.clone());
        use_reducer(move || Library::with_issue(&site, issue.0.clone()))
    };
    let loader = Loader::new(site.0.clone(), library.dispatcher());
    let navigation = Navigation {
        site: site.clone(),
        shown: shown.clone(),
        query: query.clone(),
        before_search: use_mut_ref(|| None::<Shown>),
        rewritten: use_mut_ref(|| None::<String>),
        keep_place: use_mut_ref(|| false),
    };
    let prefs = use_state(|| startup.prefs);
    let system_dark = use_system_dark(startup.system_dark);
    let contents_open = use_state(|| false);
    let dark = prefs.theme.is_dark(*system_dark);

    use_startup_after_hydration(props, &navigation, &prefs, &system_dark);
    {
        let navigation = navigation.clone();
        use_location(move |path, hash| navigation.follow(&path, &hash));
    }
    {
        let navigation = navigation.clone();
        use_links_to_issues(site.kind != PageKind::Single, move |address| navigation.open(&address));
    }
    use_fetches(&shown, &library, &loader);
    use_slash_to_search();
    use_scroll_on_navigation(
        &shown,
        library.ready_issue(shown.date).is_some(),
        &navigation.keep_place,
    );
    use_title(&library, shown.date, prefs.lang);

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
    let on_choose = {
        let navigation = navigation.clone();
        Callback::from(move |choice: Choice| navigation.choose(choice))
    };
    let on_list_query = {
        let navigation = navigation.clone();
        Callback::from(move |text: String| navigation.filter_list(text))
    };
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
    let on_retry_issue = {
        let (loader, date) = (loader.clone(), shown.date);
        Callback::from(move |_: ()| loader.retry_issue(date))
    };
    let on_retry_catalog = {
        let (loader, library) = (loader.clone(), library.clone());
        Callback::from(move |_: ()| loader.retry_catalog(&library))
    };

    let lang = prefs.lang;
    let t = lang.t();
    let here = Here {
        date: Some(shown.date),
        single: site.kind == PageKind::Single,
    };
    let issue_load = library.issues.get(&shown.date).cloned();
    let absent = matches!(issue_load, Some(Load::Absent));
    let issue = match &issue_load {
        Some(Load::Ready(issue)) => Some(Ptr(issue.clone())),
        _ => None,
    };
    let exists = issue.as_ref().is_some_and(|issue| route_exists(issue, &shown.route));
    if let Route::Embed(embed) = &shown.route {
        let request = match embed {
            Embed::Table(_, view) | Embed::TableOnly(_, view) | Embed::Chart(_, view) => Some(ViewRequest {
                view: view.clone(),
                serial: shown.serial,
            }),
            Embed::Article(_) => None,
        };
        let body = match (&issue, &issue_load) {
            (Some(issue), _) if exists => {
                html! { <EmbedView issue={issue.clone()} embed={embed.clone()} page={link_page(&site, shown.page)} request={request} lang={lang} dark={dark} /> }
            }
            (_, Some(Load::Failed(why))) => failed(t.issue_failed, why, lang, on_retry_issue),
            (_, None | Some(Load::Loading)) => loading(t.loading_issue),
            _ => not_found(
                &shown.route.to_hash(),
                absent.then_some(shown.date),
                lang,
                site.has_archive(),
            ),
        };
        return html! { <ContextProvider<Here> context={here}>{ body }</ContextProvider<Here>> };
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
    let on_retry_search = {
        let (loader, library) = (loader.clone(), library.clone());
        Callback::from(move |_: ()| loader.retry_search(&library))
    };
    let search = search_panel(
        &shown,
        link_page(&site, shown.page),
        &library,
        &navigation,
        (&on_choose, &on_close_results, &on_retry_search),
        lang,
    );
    // The header names the issue shown; while another issue is fetched, its date.
    // An issue the archive does not hold (a mistyped or made-up date) names no date in the
    // header and no neighbours: the frame stays the page's own issue's.
    let framed = if absent { site.issue } else { shown.date };
    let meta = {
        let own = &props.issue.meta;
        let mut meta = issue.as_ref().map_or_else(|| own.clone(), |issue| issue.meta.clone());
        meta.date = framed;
        meta
    };
    let (older, newer, newest) = if framed == site.issue {
        (site.older, site.newer, site.newest())
    } else {
        let (older, newer) = library.neighbours(shown.date);
        (older, newer, newer.is_none().then_some(shown.date))
    };
    let links = link_page(&site, shown.page);
    let issue_links = crate::address::Links {
        date: shown.date,
        page: links,
    };
    let nav = |landmark: bool| {
        let props = IssueNavProps {
            date: framed,
            older,
            newer,
            newest,
            page: links,
            archive: site.has_archive(),
            landmark,
            lang,
        };
        later(move || issue_nav(&props))
    };
    let list = |kind: ListKind, text: &str| {
        html! {
            <CatalogView kind={kind} catalog={library.catalog.clone()} query={AttrValue::from(text.to_string())} page={links} lang={lang} on_query={on_list_query.clone()} on_retry={on_retry_catalog.clone()} />
        }
    };
    let main = match (&shown.route, &issue_load) {
        (Route::Archive(text), _) => list(ListKind::Issues, text),
        (Route::Tables(text), _) => list(ListKind::Tables, text),
        (_, Some(Load::Ready(_))) if exists => html! {
            <>
                if !problems.is_empty() {
                    <p class="notice" role="status">{ format!("{} {}", t.link_partly_ignored, lang.ignored_parts(&problems)) }</p>
                }
                { nav(true) }
                if let Some(issue) = issue.clone() {
                    { later(move || html! { <IssueView issue={issue.clone()} lang={lang} dark={dark} request={request.clone()} links={issue_links} /> }) }
                }
                { nav(false) }
            </>
        },
        (_, Some(Load::Failed(why))) => failed(t.issue_failed, why, lang, on_retry_issue),
        (_, None | Some(Load::Loading)) => loading(t.loading_issue),
        _ => not_found(
            &shown.route.to_hash(),
            absent.then_some(shown.date),
            lang,
            site.has_archive(),
        ),
    };
    let contents = match &issue {
        Some(issue) if !matches!(shown.route, Route::Archive(_) | Route::Tables(_)) => {
            let props = ContentsPanelProps {
                issue: issue.clone(),
                lang,
                current: shown.route.clone(),
                open: *contents_open,
                on_choose: on_contents_chosen,
                links: issue_links,
            };
            later(move || html! { <ContentsPanel ..props.clone() /> })
        }
        _ => Html::default(),
    };
    // The header and the contents hydrate in turns of their own, like the issue's pieces
    // (components/later.rs): the first render is only the page's frame.
    let header_props = HeaderProps {
        meta,
        lang,
        query: AttrValue::from((*query).clone()),
        dark,
        contents_open: *contents_open,
        on_query,
        on_clear: on_clear.clone(),
        on_theme,
        on_lang,
        on_contents,
    };
    html! {
        <ContextProvider<Here> context={here}>
            <a class="skip-link" href={format!("#{}", anchor::MAIN)} onclick={on_skip}>{ t.skip_to_content }</a>
            { later(move || header(&header_props)) }
            // Next to the header in the document, so that the keyboard reaches the results from
            // the search box (the panel itself is fixed at the page's right).
            { search }
            if prefs.reset {
                <p class="notice banner" role="status">{ t.preferences_reset }</p>
            }
            // In the flow under the header, so it never covers the issue.
            { later(move || html! { <UpdateNotice lang={lang} /> }) }
            <div class="layout">
                { contents }
                <main id={anchor::MAIN} tabindex="-1">
                    { main }
                </main>
            </div>
        </ContextProvider<Here>>
    }
}

/// The search results over the page, while the route is a search: every issue's once the
/// archive's search bundles are indexed, the issues already loaded until then.
fn search_panel(
    shown: &Shown,
    links: Page,
    library: &Library,
    navigation: &Navigation,
    (on_choose, on_clear, on_retry): (&Callback<Choice>, &Callback<()>, &Callback<()>),
    lang: crate::i18n::Lang,
) -> Html {
    let Route::Search(text) = &shown.route else {
        return Html::default();
    };
    if text.trim().is_empty() {
        return Html::default();
    }
    let (index, indexing, failed) = match &library.search {
        Some(Load::Ready(data)) => (Ptr(data.clone()), None, None),
        other => {
            let failed = match other {
                Some(Load::Failed(why)) => Some(AttrValue::from(why.clone())),
                _ => None,
            };
            let indexing = failed.is_none().then_some(library.search_progress);
            (navigation.loaded_index(library), indexing, failed)
        }
    };
    html! {
        <SearchPanel index={index} indexing={indexing} failed={failed} page={links} query={AttrValue::from(text.clone())} lang={lang} on_choose={on_choose.clone()} on_close={on_clear.clone()} on_retry={on_retry.clone()} />
    }
}

/// The view and the search query, with the ways the reader moves between views.
#[derive(Clone)]
struct Navigation {
    site: Ptr<Site>,
    shown: UseStateHandle<Shown>,
    query: UseStateHandle<String>,
    /// The view to go back to when a search is cleared.
    before_search: Rc<RefCell<Option<Shown>>>,
    /// The location the app last wrote in place of the one the browser gave it, which the
    /// browser's next event about the same move (`popstate` and `hashchange` both come) must
    /// not undo.
    rewritten: Rc<RefCell<Option<String>>>,
    /// Whether the next scroll to a route's place is left out: the reader opened the page at
    /// that place, was taken there at once, and has scrolled on since.
    keep_place: Rc<RefCell<bool>>,
}

thread_local! {
    /// The search over the issues loaded so far, kept while the set of them is the same.
    static LOADED_INDEX: RefCell<Option<(Vec<Date>, Ptr<SearchData>)>> = const { RefCell::new(None) };
}

impl Navigation {
    /// Shows a location the browser moved to (a link, back, forward), with the search query
    /// it holds, unless it is the view shown already.
    fn follow(&self, path: &str, hash: &str) {
        let location = format!("{path}{hash}");
        if self.rewritten.borrow_mut().take().as_deref() == Some(location.as_str()) {
            return;
        }
        let located = locate(&self.site, path, hash, false);
        self.rewrite(&located);
        let shown = &self.shown;
        if located.date == shown.date
            && located.route == shown.route
            && located.problems == shown.problems
            && located.page == shown.page
        {
            return;
        }
        match &located.route {
            Route::Search(text) => self.query.set(text.clone()),
            _ => self.query.set(String::new()),
        }
        shown.set(Shown::at(located, shown.serial.wrapping_add(1), None));
    }

    /// Puts the address a location stands for in its place, and remembers it.
    fn rewrite(&self, located: &Located) {
        if let Some(address) = &located.rewrite {
            dom::replace_hash(address);
            *self.rewritten.borrow_mut() = Some(format!("{}{}", dom::current_path(), dom::current_hash()));
        }
    }

    /// Opens an address the reader followed (a link to an issue's page), in place.
    fn open(&self, address: &str) {
        dom::push_state(address);
        self.follow(&dom::current_path(), &dom::current_hash());
    }

    /// The reader typed `text` into the search box: a search view, one history entry for the
    /// whole query; an empty query goes back to where the search started.
    fn search(&self, text: String) {
        let shown = &self.shown;
        self.query.set(text.clone());
        if text.trim().is_empty() {
            let back = self.before_search.borrow_mut().take();
            let back = back.unwrap_or_else(|| Shown {
                route: Route::Issue,
                ..(**shown).clone()
            });
            dom::replace_hash(&href(back.date, &back.route, link_page(&self.site, shown.page)));
            shown.set(Shown {
                serial: shown.serial.wrapping_add(1),
                target: None,
                page: page_of(&self.site, &dom::current_path()),
                ..back
            });
            return;
        }
        let route = Route::Search(text);
        if matches!(shown.route, Route::Search(_)) {
            dom::replace_hash(&route.to_hash());
        } else {
            *self.before_search.borrow_mut() = Some((**shown).clone());
            dom::push_state(&route.to_hash());
        }
        shown.set(Shown {
            route,
            problems: Vec::new(),
            target: None,
            ..(**shown).clone()
        });
    }

    /// The reader typed into the archive's or the tables view's filter: the same view with
    /// that filter, in place of the address (one history entry for the whole filter).
    fn filter_list(&self, text: String) {
        let shown = &self.shown;
        let route = match shown.route {
            Route::Tables(_) => Route::Tables(text),
            _ => Route::Archive(text),
        };
        dom::replace_hash(&route.to_hash());
        shown.set(Shown {
            route,
            ..(**shown).clone()
        });
    }

    /// The reader chose a search result: that issue, at the passage.
    fn choose(&self, choice: Choice) {
        self.query.set(String::new());
        self.before_search.borrow_mut().take();
        let shown = &self.shown;
        let route = Route::parse(&choice.hash).route;
        dom::push_state(&href(choice.date, &route, link_page(&self.site, shown.page)));
        let page = page_of(&self.site, &dom::current_path());
        shown.set(Shown {
            date: choice.date,
            page,
            route,
            problems: Vec::new(),
            serial: shown.serial.wrapping_add(1),
            target: Some(choice.anchor),
        });
    }

    /// The search over the issues the library holds, for the time the archive's bundle is
    /// fetched and indexed (or when it cannot be).
    fn loaded_index(&self, library: &Library) -> Ptr<SearchData> {
        let dates: Vec<Date> = library
            .issues
            .iter()
            .filter(|(_, load)| matches!(load, Load::Ready(_)))
            .map(|(date, _)| *date)
            .collect();
        LOADED_INDEX.with(|kept| {
            if let Some((kept_dates, index)) = &*kept.borrow() {
                if *kept_dates == dates {
                    return index.clone();
                }
            }
            let data = SearchData::of_loaded(library);
            let index = Ptr::new(data);
            *kept.borrow_mut() = Some((dates, index.clone()));
            index
        })
    }
}

/// After hydration, brings in what only the browser knows (the location, the settings), then
/// marks the page ready (`data-ready`).
#[hook]
fn use_startup_after_hydration(
    props: &AppProps,
    navigation: &Navigation,
    prefs: &UseStateHandle<Prefs>,
    system_dark: &UseStateHandle<bool>,
) {
    let real = props.startup.clone();
    let hydrating = props.hydrating;
    // The view whose render makes the page ready, when the address is brought in only once
    // every piece has hydrated (a place in the issue).
    let ready_at = use_mut_ref(|| None::<u32>);
    {
        let (navigation, prefs, system_dark, ready_at) =
            (navigation.clone(), prefs.clone(), system_dark.clone(), ready_at.clone());
        use_effect_with((), move |_| {
            if !hydrating {
                crate::components::later::when_settled(ready);
                return;
            }
            // Each set renders the app again: only what differs from the server's defaults.
            if *prefs != real.prefs {
                prefs.set(real.prefs);
            }
            if *system_dark != real.system_dark {
                system_dark.set(real.system_dark);
            }
            let located = locate(&navigation.site, &real.path, &real.hash, true);
            navigation.rewrite(&located);
            let shown = &navigation.shown;
            let unchanged = located.date == shown.date
                && located.route == Route::Issue
                && located.problems.is_empty()
                && located.page == shown.page;
            if unchanged {
                crate::components::later::when_settled(ready);
            } else if let Some(anchor) = located.place_in(shown.date) {
                // A place in the issue (`hydrates_in_turns`): the reader is taken there on the
                // pre-rendered page now; the table's order, the mark and any notice come once
                // every piece has hydrated, as the address is followed, unless the reader has
                // gone elsewhere by then. Having scrolled on since, the reader is left where
                // they are.
                // Unless the start-up, which served the page before, has taken them there already
                // (crate::handover).
                let served = crate::handover::served();
                let placed = if served {
                    None
                } else {
                    dom::scroll_to(anchor, false).then(dom::scroll_y)
                };
                let address = dom::current_address();
                let shown = shown.clone();
                let keep_place = navigation.keep_place.clone();
                crate::components::later::when_settled(move || {
                    if dom::current_address() != address {
                        ready();
                        return;
                    }
                    if served || placed.is_some_and(|top| (dom::scroll_y() - top).abs() > 1.0) {
                        *keep_place.borrow_mut() = true;
                    }
                    let serial = shown.serial.wrapping_add(1);
                    *ready_at.borrow_mut() = Some(serial);
                    shown.set(Shown::at(located, serial, None));
                });
            } else {
                if let Route::Search(text) = &located.route {
                    navigation.query.set(text.clone());
                }
                shown.set(Shown::at(located, shown.serial.wrapping_add(1), None));
                crate::components::later::when_settled(ready);
            }
        });
    }
    let serial = navigation.shown.serial;
    use_effect_with(serial, move |serial| {
        let due = *ready_at.borrow() == Some(*serial);
        if due {
            *ready_at.borrow_mut() = None;
            ready();
        }
    });
}

/// The page is ready (`data-ready`, which the tests and the bench wait for): every piece has
/// hydrated and the address is followed. A sort tapped before now (static/boot.js kept it) is
/// made then, on the hydrated table.
fn ready() {
    dom::set_root_attribute("data-ready", Some("true"));
    dom::replay_early_tap();
}

/// Asks the library for what the view needs: the issue shown, the catalog for the archive's
/// and the tables' lists, the search bundles for a search.
#[hook]
fn use_fetches(shown: &Shown, library: &UseReducerHandle<Library>, loader: &Loader) {
    let wants_catalog = matches!(shown.route, Route::Archive(_) | Route::Tables(_));
    let wants_search = matches!(&shown.route, Route::Search(text) if !text.trim().is_empty());
    let wants_issue = !wants_catalog;
    let loader = loader.clone();
    let state = (**library).clone();
    use_effect_with(
        (shown.date, wants_issue, wants_catalog, wants_search, state),
        move |(date, wants_issue, wants_catalog, wants_search, state)| {
            if *wants_issue {
                loader.want_issue(state, *date);
            }
            if *wants_catalog {
                loader.want_catalog(state);
            }
            if *wants_search {
                loader.want_search(state);
            }
        },
    );
}

/// Opens links to another issue's page (`2023-07-07.html#/…`) in place, through `open`,
/// instead of loading that page; a click with a modifier key (a new tab, a new window) is the
/// browser's.
#[hook]
fn use_links_to_issues<F>(active: bool, open: F)
where
    F: Fn(String) + 'static,
{
    use_document_listener("click", active, move |event| {
        if dom::is_modified_click(event) {
            return;
        }
        let Some(address) = dom::closest_attribute(event, "a[href]", "href") else {
            return;
        };
        let file = address.split('#').next().unwrap_or_default();
        let is_issue_page = file
            .strip_suffix(".html")
            .is_some_and(|date| bulletin::model::Date::from_iso(date).is_some());
        if is_issue_page && !dom::target_within(event, "a[target], a[download]") {
            event.prevent_default();
            open(address);
        }
    });
}

/// The document's title names the issue shown, in the interface's language.
#[hook]
fn use_title(library: &Library, date: Date, lang: crate::i18n::Lang) {
    let issue = library.ready_issue(date);
    // In the interface's language: the series' English name in English.
    let title = issue.map(|issue| lang.page_title(&issue.meta));
    use_effect_with(title, |title| {
        if let Some(title) = title {
            dom::set_title(title);
        }
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

/// After each navigation, and once the issue it leads to is there, scrolls to what it points
/// at: a search result, the route's own element, or the top for the issue (but not at
/// start-up, where the browser keeps its place).
#[hook]
fn use_scroll_on_navigation(shown: &Shown, ready: bool, keep_place: &Rc<RefCell<bool>>) {
    let first = use_mut_ref(|| true);
    let keep_place = keep_place.clone();
    use_effect_with(
        (
            shown.date,
            shown.route.clone(),
            shown.serial,
            shown.target.clone(),
            ready,
        ),
        move |(_, route, _, target, ready)| {
            if !*ready && !route.is_across_issues() {
                return;
            }
            let initial = std::mem::replace(&mut *first.borrow_mut(), false);
            if let Some(target) = target {
                if dom::scroll_to(target, true) {
                    dom::focus_id(target);
                }
            } else if let Some(anchor) = route.anchor() {
                let mark = !matches!(route, Route::Part(_));
                if std::mem::take(&mut *keep_place.borrow_mut()) {
                    if mark {
                        dom::mark(anchor);
                    }
                } else {
                    dom::scroll_to(anchor, mark);
                }
            } else if matches!(route, Route::Issue | Route::Archive(_) | Route::Tables(_)) && !initial {
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
