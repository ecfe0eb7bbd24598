//! Renders the app to HTML on the host, at build time: `cargo xtask dist` puts the output into
//! each issue's page (and `index.html`), so a reader sees the issue before the WebAssembly has
//! arrived (and without JavaScript at all), and the app then hydrates that markup instead of
//! building it.
//!
//! `prerender --pages <file>` renders every page the file lists, in one run. The file is a
//! list of blocks separated by blank lines, each one page:
//!
//! ```text
//! out /path/to/the/rendered/body.html
//! data /path/to/the/issue's/data/file
//! meta page issue
//! meta issue 2023-06-30
//! meta issue-data data/2023-06-30-….issue
//! …
//! ```
//!
//! `meta` lines are the page's `<meta name="bulletin:…">` tags, which the xtask writes into
//! the page's head: the app reads the same tags at start-up, so both render the same page.
//! Each page is exactly what the app's first render in the browser produces when it takes over
//! a pre-rendered page (`AppProps::hydrating`): its issue from the top, with default settings.
//!
//! `prerender --strings` prints the interface strings of both languages as JSON
//! (`{"ko": …, "en": …, "terms": …}`, the terms being the publication's framing labels the
//! interface gives in English), which the xtask puts into the facts file the JavaScript tests and
//! the bench read.

use std::fs;
use std::process::ExitCode;
use std::rc::Rc;

use bulletin::data_file;
use bulletin::site::Site;
use bulletin_viewer::app::{AppProps, Root, Startup};
use bulletin_viewer::i18n::{Lang, Strings, Term, Terms, TERMS};
use bulletin_viewer::ptr::Ptr;
use serde_json::{json, Value};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["--strings"] => strings_json().map(|text| println!("{text}")),
        ["--pages", file] => pages(file),
        _ => Err("usage: prerender --pages <file> | --strings".to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("prerender: {message}");
            ExitCode::FAILURE
        }
    }
}

/// One page to render.
#[derive(Default)]
struct Page {
    out: String,
    data: String,
    meta: Vec<(String, String)>,
}

/// Renders every page the file at `path` lists.
fn pages(path: &str) -> Result<(), String> {
    let text = fs::read_to_string(path).map_err(|error| format!("cannot read {path}: {error}"))?;
    let mut pages = Vec::new();
    for block in text.split("\n\n").filter(|block| !block.trim().is_empty()) {
        let mut page = Page::default();
        for line in block.lines() {
            match line.split_once(' ') {
                Some(("out", value)) => page.out = value.to_string(),
                Some(("data", value)) => page.data = value.to_string(),
                Some(("meta", rest)) => {
                    let (name, value) = rest.split_once(' ').unwrap_or((rest, ""));
                    page.meta.push((name.to_string(), value.to_string()));
                }
                _ => return Err(format!("{path}: a line that is not out, data or meta: {line}")),
            }
        }
        pages.push(page);
    }
    // Issues are rendered once however many pages show them (the root and the newest's own).
    let mut decoded: Vec<(String, Rc<bulletin::model::Issue>)> = Vec::new();
    for page in &pages {
        let site = Site::from_pairs(page.meta.iter().map(|(name, value)| (name.as_str(), value.as_str())))
            .map_err(|message| format!("{}: {message}", page.out))?;
        let issue = match decoded.iter().find(|(data, _)| *data == page.data) {
            Some((_, issue)) => issue.clone(),
            None => {
                let bytes = fs::read(&page.data).map_err(|error| format!("cannot read {}: {error}", page.data))?;
                let issue =
                    data_file::decode_issue(&site.issue_data, &bytes, site.issue).map_err(|error| error.to_string())?;
                let issue = Rc::new(issue);
                decoded.push((page.data.clone(), issue.clone()));
                issue
            }
        };
        let props = AppProps {
            site: Ptr::new(site),
            issue: Ptr(issue),
            startup: Startup::default(),
            hydrating: true,
        };
        let html = futures::executor::block_on(yew::LocalServerRenderer::<Root>::with_props(props).render());
        fs::write(&page.out, html).map_err(|error| format!("cannot write {}: {error}", page.out))?;
    }
    Ok(())
}

/// The interface strings of both languages, and the publication's framing labels the interface
/// gives in English (`terms`), as JSON text.
fn strings_json() -> Result<String, String> {
    let mut strings: serde_json::Map<String, Value> = [Lang::Ko, Lang::En]
        .into_iter()
        .map(|lang| (lang.code().to_string(), strings(lang.t())))
        .collect();
    strings.insert("terms".to_string(), terms());
    serde_json::to_string(&strings).map_err(|error| format!("cannot write the strings as JSON: {error}"))
}

/// The framing labels the interface gives in English (`i18n::TERMS`), each kind as an object
/// from the printed label to its English.
fn terms() -> Value {
    let kind = |terms: &[Term]| -> Value {
        Value::Object(
            terms
                .iter()
                .map(|term| (term.ko.to_string(), Value::from(term.en)))
                .collect(),
        )
    };
    let Terms {
        parts,
        categories,
        colophon,
        totals,
        measures,
    } = &TERMS;
    json!({
        "parts": kind(parts),
        "categories": kind(categories),
        "colophon": kind(colophon),
        "totals": kind(totals),
        "measures": kind(measures),
    })
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
        embed_table_only,
        embed_chart,
        embed_table_and_chart,
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
        filtered_print,
        dismiss,
        getting_ready,
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
        offline_title,
        offline_checking,
        offline_unavailable,
        offline_failed,
        offline_storage_full,
        preferences_reset,
        total,
        archive,
        all_tables,
        archive_filter,
        tables_filter,
        older_issue,
        newer_issue,
        newest_issue,
        issue_navigation,
        loading_issue,
        loading_list,
        issue_failed,
        list_failed,
        search_failed,
        retry,
        show_more,
        no_matches,
        all_issues,
        table_column,
        issue_column,
        article_column,
        columns_column,
        rows_column,
        units,
        units_intro,
    )
}
