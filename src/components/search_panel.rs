//! Search results as the reader types, across every issue: grouped by issue (newest first,
//! each under its date), then under the article they belong to, with the matched text
//! highlighted. Choosing one closes the panel and takes the reader there, into that issue.

use bulletin::address::{href, Page};
use bulletin::anchor;
use bulletin::model::Date;
use bulletin::search::archive;
use bulletin::search::{GroupKind, PassageKind};
use bulletin::text::{snippet, Segment};
use yew::prelude::*;

use crate::dom;
use crate::i18n::Lang;
use crate::library::SearchData;
use crate::ptr::Ptr;

/// How many results are listed at most (also what `cargo xtask bench` asks of its archive).
pub const LIMIT: usize = 200;

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
    let listing = {
        let index = index.clone();
        let page = props.page;
        use_memo(
            (props.query.clone(), lang, index.clone(), page),
            move |(query, lang, _, page)| listing(&index, query, *lang, *page),
        )
    };
    let t = lang.t();
    let (total, n_issues, issues) = &*listing;
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
                <p class="result-count" role="status">{ result_count(lang, *total, *n_issues, index.issues.len()) }</p>
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
            if *total > LIMIT {
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
        </section>
    }
}

fn listing(data: &SearchData, query: &str, lang: Lang, page: Page) -> (usize, usize, Vec<ListedIssue>) {
    let t = lang.t();
    let results = archive::search(&data.issues, query, LIMIT);
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
    (results.total, results.n_issues, issues)
}
