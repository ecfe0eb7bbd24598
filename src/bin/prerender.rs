//! Renders the app to HTML on the host, at build time: `cargo xtask dist` puts the output
//! into `index.html`, so a reader sees the issue before the WebAssembly has arrived (and
//! without JavaScript at all), and the app then hydrates that markup instead of building it.
//!
//! It renders exactly what the app's first render in the browser produces when it takes
//! over a pre-rendered page (`AppProps::hydrating`): the issue from the top, with default
//! settings. With `--title` it prints the page title instead, with `--description` the page's
//! description for search engines and link previews (`Issue::description`), with `--date` the
//! issue's ISO date, and with `--facts` the embedded issue and the interface strings of both languages as
//! JSON (`{"issue": …, "strings": {"ko": …, "en": …}}`), which the xtask turns into the facts
//! file the JavaScript tests and the bench read: the build's other steps ask it rather than
//! reading the source again.

use std::io::Write;
use std::process::ExitCode;

use bulletin::model::Issue;
use bulletin_viewer::app::{App, AppProps, Startup};
use bulletin_viewer::data;
use bulletin_viewer::i18n::{Lang, Strings};
use bulletin_viewer::ptr::Ptr;
use serde_json::{json, Value};

/// The longest description written: what search results show of one on a wide screen.
const DESCRIPTION_CHARS: usize = 160;

fn main() -> ExitCode {
    let issue = match data::embedded_issue() {
        Ok(issue) => issue,
        Err(message) => {
            eprintln!("prerender: {message}");
            return ExitCode::FAILURE;
        }
    };
    match std::env::args().nth(1).as_deref() {
        Some("--title") => {
            println!("{} · {}", issue.meta.series, issue.meta.date.printed());
            return ExitCode::SUCCESS;
        }
        Some("--description") => {
            println!("{}", issue.description(DESCRIPTION_CHARS));
            return ExitCode::SUCCESS;
        }
        Some("--date") => {
            println!("{}", issue.meta.date.iso());
            return ExitCode::SUCCESS;
        }
        Some("--facts") => {
            return match facts(&issue) {
                Ok(text) => {
                    println!("{text}");
                    ExitCode::SUCCESS
                }
                Err(message) => {
                    eprintln!("prerender: {message}");
                    ExitCode::FAILURE
                }
            };
        }
        _ => {}
    }
    let props = AppProps {
        issue: Ptr(issue),
        startup: Startup::default(),
        hydrating: true,
    };
    let html = futures::executor::block_on(yew::LocalServerRenderer::<App>::with_props(props).render());
    let mut stdout = std::io::stdout().lock();
    if let Err(error) = stdout.write_all(html.as_bytes()).and_then(|()| stdout.flush()) {
        eprintln!("prerender: cannot write the page: {error}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// The issue as embedded and the interface strings, as JSON text.
fn facts(issue: &Issue) -> Result<String, String> {
    let issue = serde_json::to_value(issue).map_err(|error| format!("cannot write the issue as JSON: {error}"))?;
    let strings: serde_json::Map<String, Value> = [Lang::Ko, Lang::En]
        .into_iter()
        .map(|lang| (lang.code().to_string(), strings(lang.t())))
        .collect();
    serde_json::to_string(&json!({ "issue": issue, "strings": strings }))
        .map_err(|error| format!("cannot write the facts as JSON: {error}"))
}

/// Every field of `Strings` as a JSON object, keyed by the field's name. The fields are
/// destructured without `..`, so a field added to `Strings` and not named here is a compile
/// error rather than a string the tests cannot find.
fn strings(t: &Strings) -> Value {
    macro_rules! object {
        ($($field:ident),* $(,)?) => {{
            let Strings { $($field),* } = t;
            let mut object = serde_json::Map::new();
            $(object.insert(stringify!($field).to_string(), Value::from(*$field));)*
            Value::Object(object)
        }};
    }
    object!(
        skip_to_content,
        search,
        search_placeholder,
        clear_search,
        no_results,
        contents,
        show_contents,
        tables,
        figures,
        summary,
        colophon,
        references,
        source,
        issue_date,
        figure_not_included,
        dark_theme,
        light_theme,
        other_language,
        ascending,
        descending,
        sort_cleared,
        sort_hint,
        filter_rows,
        download_csv,
        copy_link,
        copy_embed,
        copied,
        copy_failed,
        chart,
        metric,
        show_numbers,
        show_chart,
        download_png,
        not_found,
        not_found_body,
        back_to_issue,
        link_partly_ignored,
        no_matching_rows,
        open_full_issue,
        close,
        kind_title,
        kind_category,
        kind_lead,
        kind_text,
        kind_table,
        kind_figure,
        kind_source,
        kind_note,
        kind_reference,
        new_version,
        reload,
        preferences_reset,
        total,
    )
}
