//! The app shell: owns the issue and lays out the page.

use std::rc::Rc;

use bulletin::model::Issue;
use yew::prelude::*;

use crate::data;

/// The whole app.
#[component]
pub fn App() -> Html {
    let issue = use_memo((), |_| data::embedded_issue());
    match &*issue {
        Ok(issue) => html! { <IssuePage issue={Rc::clone(issue)} /> },
        Err(message) => html! { <main class="fatal"><p>{ message.clone() }</p></main> },
    }
}

/// Props of [`IssuePage`].
#[derive(Properties, PartialEq)]
pub struct IssuePageProps {
    /// The issue shown.
    pub issue: Rc<Issue>,
}

/// The issue's title, date and contents.
#[component]
pub fn IssuePage(props: &IssuePageProps) -> Html {
    let issue = &props.issue;
    html! {
        <main>
            <header>
                <h1 class="series">{ issue.meta.series.clone() }</h1>
                <p class="issue-date"><time datetime={issue.meta.date.iso()}>{ issue.meta.date.printed() }</time></p>
            </header>
            <nav class="contents" aria-label="목차">
                <ol>
                { for issue.contents.iter().map(|part| html! {
                    <li>
                        <span class="contents-part">{ part.title.clone() }</span>
                        <ul>
                        { for part.categories.iter().map(|category| html! {
                            <li>
                                <span class="contents-category">{ category.name.clone() }</span>
                                <ul>
                                { for category.entries.iter().map(|entry| html! {
                                    <li><a href={format!("#/article/{}", entry.article)}>{ entry.title.clone() }</a></li>
                                }) }
                                </ul>
                            </li>
                        }) }
                        </ul>
                    </li>
                }) }
                </ol>
            </nav>
        </main>
    }
}
