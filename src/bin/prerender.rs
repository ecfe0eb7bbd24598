//! Renders the app to HTML on the host, at build time: `cargo xtask dist` puts the output
//! into `index.html`, so a reader sees the issue before the WebAssembly has arrived (and
//! without JavaScript at all), and the app then hydrates that markup instead of building it.
//!
//! It renders exactly what the app's first render in the browser produces when it takes
//! over a pre-rendered page (`AppProps::hydrating`): the issue from the top, with default
//! settings. With `--title` it prints the page title instead, with `--date` the issue's ISO
//! date: the build's other steps ask it rather than reading the source again.

use std::io::Write;
use std::process::ExitCode;

use bulletin_viewer::app::{App, AppProps, Startup};
use bulletin_viewer::data;
use bulletin_viewer::ptr::Ptr;

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
        Some("--date") => {
            println!("{}", issue.meta.date.iso());
            return ExitCode::SUCCESS;
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
