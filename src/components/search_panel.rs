//! Search results as the reader types, across every issue: grouped by issue (newest first,
//! each under its date), then under the article they belong to, with the matched text
//! highlighted. Choosing one closes the panel and takes the reader there, into that issue.

use std::cell::RefCell;
use std::rc::Rc;

use bulletin::address::{href, Page};
use bulletin::anchor;
use bulletin::model::Date;
use bulletin::search::archive;
use bulletin::search::{GroupKind, PassageKind};
use bulletin::text::{snippet, Segment};
use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::dom;
use crate::i18n::Lang;
use crate::library::SearchData;
use crate::ptr::Ptr;

/// How many results are listed at most (also what `cargo xtask bench` asks of its archive).
pub const LIMIT: usize = 200;

/// How many results are written at first, and how many more each "show more" adds, up to
/// [`LIMIT`]: about two screenfuls. Writing and laying out all 200 on every keystroke is what
/// made a keystroke over 500 issues slow (`cargo xtask bench --archive-only`).
pub const STEP: usize = 30;

/// A chosen result: where it opens and the element to scroll to.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    /// The issue it is in.
    pub date: Date,
    /// The route to open in that issue.
    pub hash: String,
    /// The element to scroll to and mark.
    pub anchor: String,
}

/// Props of [`SearchPanel`].
#[derive(Properties, PartialEq)]
pub struct SearchPanelProps {
    /// The indexes searched: every issue's once the archive's bundle is indexed, the loaded
    /// issues' until then.
    pub index: Ptr<SearchData>,
    /// While the archive's bundle is indexed: issues done, issues in all.
    #[prop_or_default]
    pub indexing: Option<(usize, usize)>,
    /// Why the archive's bundle could not be had, when it could not.
    #[prop_or_default]
    pub failed: Option<AttrValue>,
    /// Called to fetch the archive's bundle again after a failure.
    #[prop_or_default]
    pub on_retry: Callback<()>,
    /// The page the results' links are written on.
    pub page: Page,
    /// The query.
    pub query: AttrValue,
    /// The interface language.
    pub lang: Lang,
    /// Called with the chosen result.
    pub on_choose: Callback<Choice>,
    /// Called to close the panel.
    pub on_close: Callback<()>,
}

/// "검색 결과 12건", and over several issues "검색 결과 12건 · 3개 호".
fn result_count(lang: Lang, total: usize, n_issues: usize, searched: usize) -> String {
    match (total, searched) {
        (0, _) => lang.t().no_results.to_string(),
        (_, 0 | 1) => lang.result_count(total),
        _ => format!("{} · {}", lang.result_count(total), lang.in_issues(n_issues)),
    }
}

/// The selector of the result links, in order; the keyboard moves between them.
pub fn result_links() -> String {
    format!("#{} a.result", anchor::SEARCH_RESULTS)
}

struct ListedIssue {
    date: Date,
    groups: Vec<ListedGroup>,
}

struct ListedGroup {
    label: String,
    /// Whether the label is the issue's own text (an article's title), in Korean whatever the
    /// interface's language, rather than an interface string.
    from_issue: bool,
    items: Vec<ListedHit>,
}

struct ListedHit {
    kind: &'static str,
    segments: Vec<Segment>,
    href: String,
    choice: Choice,
}

/// The results panel.
#[component]
pub fn SearchPanel(props: &SearchPanelProps) -> Html {
    let index = props.index.clone();
    let lang = props.lang;
    // How many results the reader asked for, for this query; a new query starts from STEP.
    let more_for = use_state(|| None::<(AttrValue, usize)>);
    let shown = match &*more_for {
        Some((query, shown)) if *query == props.query => *shown,
        _ => STEP,
    };
    let listing = {
        let index = index.clone();
        let page = props.page;
        use_memo(
            (props.query.clone(), lang, index.clone(), page, shown),
            move |(query, lang, _, page, shown)| listing(&index, query, *lang, *page, *shown),
        )
    };
    let on_more = {
        let query = props.query.clone();
        Callback::from(move |_: MouseEvent| more_for.set(Some((query.clone(), (shown + STEP).min(LIMIT)))))
    };
    let t = lang.t();
    let (listed_total, listed_issues, issues, complete) = &*listing;
    let complete = *complete;
    // Over a large archive the first results come from the newest issues alone; how many
    // passages match in all is counted after they are painted (the next frame, then a task),
    // so that a keystroke's cost does not grow with the archive. A newer keystroke cancels a
    // count that has not run yet.
    let counted = use_state(|| None::<(AttrValue, Ptr<SearchData>, usize, usize)>);
    {
        let counted = counted.clone();
        use_effect_with(
            (props.query.clone(), index.clone(), complete),
            move |(query, index, complete)| {
                let known =
                    matches!(&*counted, Some((for_query, for_index, _, _)) if for_query == query && for_index == index);
                let pending: Rc<RefCell<Option<Timeout>>> = Rc::default();
                let frame = (!*complete && !known).then(|| {
                    let (query, index, pending) = (query.clone(), index.clone(), pending.clone());
                    gloo::render::request_animation_frame(move |_| {
                        let timeout = Timeout::new(0, move || {
                            let (total, n_issues) = archive::count(&index.issues, &query);
                            counted.set(Some((query, index, total, n_issues)));
                        });
                        *pending.borrow_mut() = Some(timeout);
                    })
                });
                move || {
                    drop(frame);
                    drop(pending.borrow_mut().take());
                }
            },
        );
    }
    let (total, n_issues) = match &*counted {
        _ if complete => (Some(*listed_total), *listed_issues),
        Some((query, for_index, total, n_issues)) if *query == props.query && *for_index == index => {
            (Some(*total), *n_issues)
        }
        _ => (None, *listed_issues),
    };
    let count = match total {
        Some(total) => result_count(lang, total, n_issues, index.issues.len()),
        None => lang.result_count_so_far(*listed_total),
    };
    let more = total.is_none_or(|total| total > shown) && shown < LIMIT;
    let on_close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    // Up and down move between the results; up from the first goes back to the search box.
    let on_key = Callback::from(|event: KeyboardEvent| {
        let step: i32 = match event.key().as_str() {
            "ArrowDown" => 1,
            "ArrowUp" => -1,
            _ => return,
        };
        if dom::focus_next_of(&result_links(), step, anchor::SEARCH_INPUT) {
            event.prevent_default();
        }
    });
    html! {
        <section class="search-panel" id={anchor::SEARCH_RESULTS} aria-label={t.search} onkeydown={on_key}>
            <header class="search-header">
                <p class="result-count" role="status">{ count }</p>
                <button type="button" class="close" onclick={on_close}>{ t.close }</button>
            </header>
            if let Some((done, all)) = props.indexing {
                <p class="notice indexing" role="status">{ lang.indexing(done, all) }</p>
            }
            if let Some(why) = &props.failed {
                <p class="notice failed" role="alert">
                    { t.search_failed }<br /><code>{ why.clone() }</code><br />
                    <button type="button" class="button retry" onclick={props.on_retry.reform(|_: MouseEvent| ())}>{ t.retry }</button>
                </p>
            }
            if total.is_some_and(|total| total > LIMIT) && shown >= LIMIT {
                <p class="notice">{ lang.showing_first(LIMIT) }</p>
            }
            { for issues.iter().map(|issue| html! {
                <section class="result-issue">
                    <h2 class="result-issue-date"><time datetime={issue.date.iso()}>{ issue.date.printed() }</time></h2>
                    { for issue.groups.iter().map(|group| html! {
                        <section class="result-group">
                            <h3 class="result-group-title" lang={group.from_issue.then_some("ko")}>{ group.label.clone() }</h3>
                            <ul>
                                { for group.items.iter().map(|item| {
                                    let choice = item.choice.clone();
                                    let on_choose = props.on_choose.clone();
                                    let onclick = Callback::from(move |event: MouseEvent| {
                                        event.prevent_default();
                                        on_choose.emit(choice.clone());
                                    });
                                    html! {
                                        <li>
                                            <a href={item.href.clone()} class="result" onclick={onclick}>
                                                <span class="result-kind">{ item.kind }</span>
                                                <span class="result-text" lang="ko">
                                                    { for item.segments.iter().map(|segment| if segment.matched {
                                                        html! { <mark>{ segment.text.clone() }</mark> }
                                                    } else {
                                                        html! { { segment.text.clone() } }
                                                    }) }
                                                </span>
                                            </a>
                                        </li>
                                    }
                                }) }
                            </ul>
                        </section>
                    }) }
                </section>
            }) }
            if more {
                <p class="list-more"><button type="button" class="button more" onclick={on_more}>{ t.show_more }</button></p>
            }
        </section>
    }
}

/// The first `shown` results, with how many passages and issues match among the issues
/// searched for them, and whether that was every issue.
fn listing(
    data: &SearchData,
    query: &str,
    lang: Lang,
    page: Page,
    shown: usize,
) -> (usize, usize, Vec<ListedIssue>, bool) {
    let t = lang.t();
    let (results, complete) = archive::first(&data.issues, query, shown.min(LIMIT));
    let mut issues = Vec::new();
    for found in &results.issues {
        let Some(index) = data.issues.get(found.issue).map(|issue| &issue.index) else {
            continue;
        };
        let mut groups: Vec<(usize, ListedGroup)> = Vec::new();
        for hit in &found.hits {
            let Some(passage) = index.passages().get(hit.passage) else {
                continue;
            };
            let Some(group) = index.groups().get(passage.group) else {
                continue;
            };
            let kind = match passage.kind {
                PassageKind::Title => t.kind_title,
                PassageKind::Category => t.kind_category,
                PassageKind::Lead => t.kind_lead,
                PassageKind::Heading | PassageKind::Bullet | PassageKind::Paragraph | PassageKind::SummaryPoint => {
                    t.kind_text
                }
                PassageKind::Colophon => t.colophon,
                PassageKind::Note => t.kind_note,
                PassageKind::Source => t.kind_source,
                PassageKind::TableCaption | PassageKind::TableRow => t.kind_table,
                PassageKind::FigureCaption => t.kind_figure,
                PassageKind::Reference => t.kind_reference,
            };
            let item = ListedHit {
                kind,
                segments: snippet(&passage.text, &hit.ranges, 30, 140),
                href: href(found.date, &passage.route, page),
                choice: Choice {
                    date: found.date,
                    hash: passage.route.to_hash(),
                    anchor: passage.anchor.clone(),
                },
            };
            match groups.last_mut() {
                Some((group_index, listed)) if *group_index == passage.group => listed.items.push(item),
                _ => {
                    let (label, from_issue) = match &group.kind {
                        GroupKind::Summary => (t.summary.to_string(), false),
                        GroupKind::Colophon => (t.colophon.to_string(), false),
                        GroupKind::Article { number, title } | GroupKind::Brief { number, title } => {
                            (format!("{number} {title}"), true)
                        }
                    };
                    groups.push((
                        passage.group,
                        ListedGroup {
                            label,
                            from_issue,
                            items: vec![item],
                        },
                    ));
                }
            }
        }
        issues.push(ListedIssue {
            date: found.date,
            groups: groups.into_iter().map(|(_, group)| group).collect(),
        });
    }
    (results.total, results.n_issues, issues, complete)
}
