//! The pre-rendering step of `cargo xtask dist`: every issue's page, and `index.html` for the
//! newest, as static HTML made from the template trunk built.
//!
//! The viewer's `prerender` binary (feature `ssr`) renders the app on the host, once per page
//! (`src/bin/prerender.rs`); its output replaces the marked placeholder in `#app`, which is
//! flagged `data-prerendered` so the app hydrates it instead of rendering again. A reader sees
//! the issue as soon as the HTML arrives, and reads it even with JavaScript off. Each page's
//! head gets its title, its description (the summary, for search engines and link previews),
//! the `<meta name="bulletin:…">` tags that tell the app which page this is
//! (`bulletin::site`); the start script preloads the issue's data file named there, which the
//! app fetches first, after the first paint (`start.js`).
//! The root page without its scripts is written to `plain/` in cargo's target folder
//! (`target/plain/` by default): the plain static page that `cargo xtask bench` compares the
//! app against.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock, PoisonError};

use bulletin::site::{Site, META_PREFIX};

use crate::cmd;
use crate::error::{Error, Result};
use crate::target;

/// Where index.html's `#app` placeholder starts and ends.
const START_MARK: &str = "<!-- prerender -->";
const END_MARK: &str = "<!-- /prerender -->";

/// How long a page's description may be, in characters (what search engines show).
pub const DESCRIPTION_CHARS: usize = 160;

/// One page to write.
pub struct Page {
    /// Its file name in the build (`index.html`, `2023-06-30.html`).
    pub file: String,
    /// What its meta tags say.
    pub site: Site,
    /// Its issue's data file on disk, for the binary to read.
    pub data: PathBuf,
    /// The document's title.
    pub title: String,
    /// Its description.
    pub description: String,
    /// On the root page: the page undated links of the first builds mean, for boot.js.
    pub legacy: Option<String>,
}

/// Renders every page from `template` (trunk's index.html) into `out`, and the plain page of
/// the first one into [`plain_dir`].
pub fn run(root: &Path, out: &Path, template: &str, pages: &[Page]) -> Result<()> {
    let rendered = write(root, out, template, pages, Reuse::No)?;
    match rendered.first() {
        Some(first) => write_plain(root, out, first),
        None => Ok(()),
    }
}

/// Renders every page from `template` into `out` for the live preview, where a save changes
/// one issue of many: the binary renders only the bodies it did not render for the same
/// [`body_key`] in this run's last call, and every page gets its head anew (and no plain page).
pub fn write_pages_again(root: &Path, out: &Path, template: &str, pages: &[Page]) -> Result<Vec<String>> {
    write(root, out, template, pages, Reuse::Bodies)
}

/// Whether a render takes bodies from the last one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reuse {
    No,
    Bodies,
}

fn write(root: &Path, out: &Path, template: &str, pages: &[Page], reuse: Reuse) -> Result<Vec<String>> {
    let work = target::dir(root)?.join("prerender");
    let rendered = render(root, &work, template, pages, reuse)?;
    for (page, html) in pages.iter().zip(&rendered) {
        let path = out.join(&page.file);
        fs::write(&path, html).map_err(|error| Error::io("cannot write", &path, error))?;
    }
    Ok(rendered)
}

/// Renders one page from `template` into `dir` (the single file's page, before inlining).
pub fn render_to(root: &Path, dir: &Path, template: &str, page: &Page) -> Result<()> {
    let work = target::dir(root)?.join("prerender-one");
    let rendered = render(root, &work, template, std::slice::from_ref(page), Reuse::No)?;
    let path = dir.join(&page.file);
    let html = rendered
        .first()
        .ok_or_else(|| Error::new("the page was not rendered"))?;
    fs::write(&path, html).map_err(|error| Error::io("cannot write", &path, error))
}

/// The pages, whole: the binary renders each body (working in `work`), then each goes into
/// the template with its head.
fn render(root: &Path, work: &Path, template: &str, pages: &[Page], reuse: Reuse) -> Result<Vec<String>> {
    build_once(root)?;
    if work.exists() {
        fs::remove_dir_all(work).map_err(|error| Error::io("cannot empty", work, error))?;
    }
    fs::create_dir_all(work).map_err(|error| Error::io("cannot create", work, error))?;
    let mut bodies: Vec<Option<String>> = match reuse {
        Reuse::Bodies => {
            let known = BODIES.lock().unwrap_or_else(PoisonError::into_inner);
            pages.iter().map(|page| known.get(&body_key(page)).cloned()).collect()
        }
        Reuse::No => vec![None; pages.len()],
    };
    let mut jobs = String::new();
    for (index, page) in pages.iter().enumerate().filter(|(index, _)| bodies[*index].is_none()) {
        jobs.push_str(&format!("out {}\n", work.join(format!("{index}.html")).display()));
        jobs.push_str(&format!("data {}\n", page.data.display()));
        for (name, value) in page.site.to_pairs() {
            jobs.push_str(&format!("meta {name} {value}\n"));
        }
        jobs.push('\n');
    }
    if !jobs.is_empty() {
        let jobs_path = work.join("pages.txt");
        fs::write(&jobs_path, jobs).map_err(|error| Error::io("cannot write", &jobs_path, error))?;
        let mut command = Command::new(prerender_binary(root)?);
        command.current_dir(root).arg("--pages").arg(&jobs_path);
        capture(&mut command)?;
    }
    for (index, body) in bodies.iter_mut().enumerate().filter(|(_, body)| body.is_none()) {
        let body_path = work.join(format!("{index}.html"));
        let read = fs::read_to_string(&body_path).map_err(|error| Error::io("cannot read", &body_path, error))?;
        *body = Some(read.trim().to_string());
    }
    let bodies: Vec<String> = bodies.into_iter().map(Option::unwrap_or_default).collect();
    if reuse == Reuse::Bodies {
        let mut known = BODIES.lock().unwrap_or_else(PoisonError::into_inner);
        known.clear();
        known.extend(pages.iter().map(body_key).zip(bodies.iter().cloned()));
    }
    let mut rendered = Vec::with_capacity(pages.len());
    for (page, body) in pages.iter().zip(&bodies) {
        let html = inject(template, body, &page.title)?;
        rendered.push(with_head(&html, &head(page))?);
    }
    Ok(rendered)
}

/// The bodies the binary rendered in this run's last [`write_pages_again`], by [`body_key`].
static BODIES: Mutex<BTreeMap<String, String>> = Mutex::new(BTreeMap::new());

/// What decides a page's body: its meta tags, among them its issue's data file (named by its
/// bytes).
fn body_key(page: &Page) -> String {
    page.site
        .to_pairs()
        .iter()
        .map(|(name, value)| format!("{name} {value}\n"))
        .collect()
}

/// What goes at the top of a page's head: the site's meta tags (before `boot.js`, which reads
/// them) and the description.
fn head(page: &Page) -> String {
    let mut head = String::new();
    for (name, value) in page.site.to_pairs() {
        head.push_str(&format!(
            "\n  <meta name=\"{META_PREFIX}{name}\" content=\"{}\">",
            attribute(&value)
        ));
    }
    if let Some(legacy) = &page.legacy {
        head.push_str(&format!(
            "\n  <meta name=\"{META_PREFIX}{}\" content=\"{}\">",
            bulletin::site::meta::LEGACY,
            attribute(legacy)
        ));
    }
    head.push_str(&format!(
        "\n  <meta name=\"description\" content=\"{}\">",
        attribute(&page.description)
    ));
    head
}

/// `text` for a double-quoted attribute value.
pub(crate) fn attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The page with `head` right after its `<meta charset>`.
pub(crate) fn with_head(page: &str, head: &str) -> Result<String> {
    let marker = "<meta charset=\"utf-8\">";
    let Some(at) = page.find(marker) else {
        return Err(Error::new(
            "index.html has no <meta charset=\"utf-8\"> to put the page's meta tags after",
        ));
    };
    let at = at + marker.len();
    Ok(format!("{}{head}{}", &page[..at], &page[at..]))
}

/// Builds the prerender binary, once a run: the live preview renders again on every save,
/// and the viewer's code does not change under it (cargo's own check of that costs about a
/// second on this project's machine).
fn build_once(root: &Path) -> Result<()> {
    static BUILT: OnceLock<std::result::Result<(), String>> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            cmd::run(&mut cmd::command(
                root,
                "cargo",
                &["build", "--quiet", "--bin", "prerender", "--features", "ssr"],
            ))
            .map_err(|error| error.to_string())
        })
        .clone()
        .map_err(Error::new)
}

/// The prerender binary `cargo build` made, in cargo's target folder wherever that is.
fn prerender_binary(root: &Path) -> Result<PathBuf> {
    Ok(target::dir(root)?.join("debug").join("prerender"))
}

/// The folder the plain page goes to: `plain/` in cargo's target folder.
pub fn plain_dir(root: &Path) -> Result<PathBuf> {
    Ok(target::dir(root)?.join("plain"))
}

/// The interface strings of both languages, as the binary's `--strings` prints them (JSON;
/// `run` builds the binary).
pub fn strings(root: &Path) -> Result<String> {
    capture(Command::new(prerender_binary(root)?).arg("--strings").current_dir(root))
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
pub(crate) fn strip_scripts(page: &str) -> String {
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

    fn page(data: &str, newer: Option<&str>) -> Page {
        let date = |iso: &str| bulletin::model::Date::from_iso(iso).unwrap_or_else(|| panic!("a date"));
        Page {
            file: "2023-07-07.html".to_string(),
            site: Site {
                kind: bulletin::site::PageKind::Issue,
                issue: date("2023-07-07"),
                issue_data: data.to_string(),
                issue_inline: None,
                older: None,
                newer: newer.map(date),
                newest: None,
                archive: Some(bulletin::site::ARCHIVE_FILE.to_string()),
            },
            data: PathBuf::from("/elsewhere").join(data),
            title: "t".to_string(),
            description: "d".to_string(),
            legacy: None,
        }
    }

    #[test]
    fn a_body_is_known_by_its_issue_and_meta() {
        let key = body_key(&page("data/2023-07-07-aa.issue", None));
        assert_eq!(key, body_key(&page("data/2023-07-07-aa.issue", None)));
        assert_ne!(key, body_key(&page("data/2023-07-07-bb.issue", None)));
        assert_ne!(key, body_key(&page("data/2023-07-07-aa.issue", Some("2023-07-14"))));
        assert!(
            key.contains("data/2023-07-07-aa.issue") && key.contains("archive data/archive.txt"),
            "{key}"
        );
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
