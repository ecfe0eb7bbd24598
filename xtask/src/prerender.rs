//! The pre-rendering step of `cargo xtask dist`: the issue as static HTML inside index.html.
//!
//! The viewer's `prerender` binary (feature `ssr`) renders the app on the host, with the
//! same embedded issue as the WebAssembly; its output replaces the marked placeholder in
//! `#app`, which is flagged `data-prerendered` so the app hydrates it instead of rendering
//! again. A reader sees the issue as soon as the HTML arrives, and reads it even with
//! JavaScript off. The same page without its scripts is written to `plain/` in cargo's
//! target folder (`target/plain/` by default): the plain static page that
//! `cargo xtask bench` compares the app against.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cmd;
use crate::error::{Error, Result};
use crate::target;

/// Where index.html's `#app` placeholder starts and ends.
const START_MARK: &str = "<!-- prerender -->";
const END_MARK: &str = "<!-- /prerender -->";

/// Renders the app and writes it into `out/index.html`; writes the plain page to [`plain_dir`].
pub fn run(root: &Path, out: &Path, bulletin: Option<&Path>) -> Result<()> {
    let mut build = cmd::command(
        root,
        "cargo",
        &["build", "--quiet", "--bin", "prerender", "--features", "ssr"],
    );
    if let Some(bulletin) = bulletin {
        build.env("BULLETIN", bulletin);
    }
    cmd::run(&mut build)?;
    let binary = prerender_binary(root)?;
    let body = capture(Command::new(&binary).current_dir(root))?;
    let title = capture(Command::new(&binary).arg("--title").current_dir(root))?;
    let description = capture(Command::new(&binary).arg("--description").current_dir(root))?;
    let index_path = out.join("index.html");
    let index = fs::read_to_string(&index_path).map_err(|error| Error::io("cannot read", &index_path, error))?;
    let page = inject(&index, body.trim(), title.trim())?;
    let page = describe(&page, description.trim());
    fs::write(&index_path, &page).map_err(|error| Error::io("cannot write", &index_path, error))?;
    write_plain(root, out, &page)
}

/// The ISO date of the issue the last pre-rendering embedded (`run` builds the binary).
pub fn issue_date(root: &Path) -> Result<String> {
    let binary = prerender_binary(root)?;
    Ok(capture(Command::new(&binary).arg("--date").current_dir(root))?
        .trim()
        .to_string())
}

/// The prerender binary `cargo build` made, in cargo's target folder wherever that is.
fn prerender_binary(root: &Path) -> Result<PathBuf> {
    Ok(target::dir(root)?.join("debug").join("prerender"))
}

/// The folder the plain page goes to: `plain/` in cargo's target folder.
pub fn plain_dir(root: &Path) -> Result<PathBuf> {
    Ok(target::dir(root)?.join("plain"))
}

/// The issue the last pre-rendering embedded and the interface strings, as the binary's
/// `--facts` prints them (JSON; `run` builds the binary).
pub fn facts(root: &Path) -> Result<String> {
    capture(Command::new(prerender_binary(root)?).arg("--facts").current_dir(root))
}

fn capture(command: &mut Command) -> Result<String> {
    let line = cmd::describe(command);
    let output = command
        .output()
        .map_err(|error| Error::new(format!("cannot run {line}: {error}")))?;
    if !output.status.success() {
        return Err(Error::new(format!(
            "{line} failed with {}: {}",
            cmd::ending(output.status),
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    String::from_utf8(output.stdout).map_err(|_| Error::new(format!("{line} printed something that is not UTF-8")))
}

/// The page with the rendered app in place of the placeholder, `#app` flagged, and the title set.
fn inject(index: &str, body: &str, title: &str) -> Result<String> {
    let (Some(start), Some(end)) = (index.find(START_MARK), index.find(END_MARK)) else {
        return Err(Error::new(format!(
            "index.html has no {START_MARK} … {END_MARK} placeholder inside #app"
        )));
    };
    if end < start {
        return Err(Error::new("index.html's prerender marks are in the wrong order"));
    }
    let before = &index[..start];
    let Some(app_at) = before.rfind("<div id=\"app\"") else {
        return Err(Error::new(
            "index.html's prerender placeholder is not inside <div id=\"app\">",
        ));
    };
    let mut page = String::with_capacity(index.len() + body.len());
    page.push_str(&before[..app_at]);
    page.push_str(&before[app_at..].replacen("<div id=\"app\"", "<div id=\"app\" data-prerendered", 1));
    page.push_str(body);
    page.push_str(&index[end + END_MARK.len()..]);
    Ok(replace_title(&page, title))
}

/// The page with `<meta name="description">` after its title (none for an empty description),
/// from the issue's summary: what search engines and link previews show of the issue.
fn describe(page: &str, description: &str) -> String {
    let Some(after_title) = page.find("</title>").map(|at| at + "</title>".len()) else {
        return page.to_string();
    };
    if description.is_empty() {
        return page.to_string();
    }
    let escaped = description
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!(
        "{}\n  <meta name=\"description\" content=\"{escaped}\">{}",
        &page[..after_title],
        &page[after_title..]
    )
}

fn replace_title(page: &str, title: &str) -> String {
    match (page.find("<title>"), page.find("</title>")) {
        (Some(open), Some(close)) if open < close => {
            let escaped = title.replace('&', "&amp;").replace('<', "&lt;");
            format!("{}<title>{escaped}{}", &page[..open], &page[close..])
        }
        _ => page.to_string(),
    }
}

/// The same page without scripts, preloads or the service worker: what a plain HTML
/// edition of the issue would be. Written to [`plain_dir`] with the stylesheet beside it.
fn write_plain(root: &Path, out: &Path, page: &str) -> Result<()> {
    let plain_dir = plain_dir(root)?;
    fs::create_dir_all(&plain_dir).map_err(|error| Error::io("cannot create", &plain_dir, error))?;
    let plain = strip_scripts(page);
    for name in stylesheets(&plain) {
        let from = out.join(&name);
        let to = plain_dir.join(&name);
        fs::copy(&from, &to).map_err(|error| Error::io("cannot copy", &from, error))?;
    }
    let path = plain_dir.join("index.html");
    fs::write(&path, plain).map_err(|error| Error::io("cannot write", &path, error))
}

/// Removes `<script>…</script>` elements and `<link rel="modulepreload|preload|manifest">`.
fn strip_scripts(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    let mut rest = page;
    while let Some((at, len)) = next_removable(rest) {
        out.push_str(&rest[..at]);
        rest = &rest[at + len..];
    }
    out.push_str(rest);
    out
}

/// The first script element or code-loading link in `page`: (offset, length).
fn next_removable(page: &str) -> Option<(usize, usize)> {
    let script = page.find("<script").and_then(|at| {
        page[at..]
            .find("</script>")
            .map(|close| (at, close + "</script>".len()))
    });
    match (script, find_link(page)) {
        (Some(script), Some(link)) => Some(if script.0 < link.0 { script } else { link }),
        (script, link) => script.or(link),
    }
}

/// The first `<link …>` that preloads code or names the manifest: (offset, length).
fn find_link(page: &str) -> Option<(usize, usize)> {
    let mut offset = 0;
    while let Some(at) = page[offset..].find("<link") {
        let start = offset + at;
        let end = start + page[start..].find('>')? + 1;
        let tag = &page[start..end];
        if tag.contains("modulepreload") || tag.contains("rel=\"preload\"") || tag.contains("rel=\"manifest\"") {
            return Some((start, end - start));
        }
        offset = end;
    }
    None
}

/// The `href`s of the page's stylesheets.
fn stylesheets(page: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = page;
    while let Some(at) = rest.find("<link") {
        let Some(end) = rest[at..].find('>') else { break };
        let tag = &rest[at..at + end];
        if tag.contains("stylesheet") {
            if let Some(href) = tag.split("href=\"").nth(1).and_then(|href| href.split('"').next()) {
                names.push(href.trim_start_matches("./").to_string());
            }
        }
        rest = &rest[at + end..];
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELL: &str = "<html><head><title>x</title><link rel=\"stylesheet\" href=\"./style-1.css\"><link rel=\"modulepreload\" href=\"./a.js\"><script src=\"./boot.js\"></script></head><body><div id=\"app\"><!-- prerender --><noscript>JS</noscript><!-- /prerender --></div></body></html>";

    #[test]
    fn the_rendered_app_replaces_the_placeholder() {
        let page = inject(SHELL, "<main>본문</main>", "주간동향 · 2023. 6. 30").unwrap_or_default();
        assert!(
            page.contains("<div id=\"app\" data-prerendered><main>본문</main></div>"),
            "{page}"
        );
        assert!(page.contains("<title>주간동향 · 2023. 6. 30</title>"));
        assert!(!page.contains("noscript"));
    }

    #[test]
    fn the_description_follows_the_title_escaped() {
        let page = describe(SHELL, "중국 \"R&D\" <예산> 확대");
        assert!(
            page.contains("<title>x</title>\n  <meta name=\"description\" content=\"중국 &quot;R&amp;D&quot; &lt;예산&gt; 확대\"><link"),
            "{page}"
        );
        assert_eq!(describe(SHELL, ""), SHELL, "no summary, no description");
    }

    #[test]
    fn a_shell_without_the_placeholder_is_an_error() {
        assert!(inject("<div id=\"app\"></div>", "x", "t").is_err());
    }

    #[test]
    fn the_plain_page_has_no_scripts_or_preloads() {
        let plain = strip_scripts(SHELL);
        assert!(!plain.contains("<script"));
        assert!(!plain.contains("modulepreload"));
        assert!(plain.contains("style-1.css"));
        assert_eq!(stylesheets(&plain), ["style-1.css"]);
    }
}
