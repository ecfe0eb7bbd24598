//! The single-file step of `cargo xtask dist`: `bulletin-<date>.html`, one self-contained page
//! that opens by double-click from a disk or a mail attachment, with no server and no network.
//!
//! It is index.html (as trunk and the steps before left it) with everything the head loads
//! inlined: the boot script and the stylesheet as `<script>` and `<style>`, the icons as
//! `data:` addresses, and trunk's start module replaced by one inline module that holds
//! wasm-bindgen's glue (its `export`s removed) and the WebAssembly, deflated (zlib) and then
//! base64, which the page inflates with the browser's `DecompressionStream` and hands to the
//! glue's init as bytes (no fetch, which `file://` would refuse). Deflated, the WebAssembly
//! takes about 56% of its own size in the file instead of base64's 133%. Preload hints and the web
//! manifest are dropped; the page has no service worker (src/sw.rs registers one only where
//! index.html names it, which this page does not). Anything in the head this step does not
//! know how to inline stops the build rather than leave a page that needs the network.

use std::fs;
use std::path::Path;

use bulletin::model::Date;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// The suffix of the file written beside the single file (`bulletin-<date>.html.csp`) that
/// holds the Content-Security-Policy a server must send it with ([`policy`]).
pub const POLICY_SUFFIX: &str = ".csp";

/// The start of [`data_address`]'s value, which the single file's start module looks for.
const PACKED_DATA: &str = "data:application/zlib;base64,";

/// An issue's data file deflated into a `data:` address for the page's
/// `bulletin:issue-inline` tag. The start module inflates it into a `blob:` address before the
/// app starts, and the app fetches that as it would the file (fetching a `blob:` address works
/// from `file://`, where fetching a file does not).
pub fn data_address(bytes: &[u8]) -> String {
    format!("{PACKED_DATA}{}", base64(&deflate(bytes)))
}

/// The single file's name for an issue date (`2023-06-30`).
pub fn file_name(iso_date: &str) -> String {
    format!("bulletin-{iso_date}.html")
}

/// Whether `name` (a path in the build folder) is a single-file build.
pub fn is_single_file(name: &str) -> bool {
    name.starts_with("bulletin-") && name.ends_with(".html") && !name.contains('/')
}

/// Writes the single file of the issue of `date` into `out`, from `page`, that issue's page as
/// pre-rendered for the single file (its meta tags say so, and hold its data inline:
/// [`data_address`]); returns its name.
///
/// Beside it goes `<name>.csp`, the policy it needs when a server sends it ([`policy`]).
pub fn run(out: &Path, page: &str, date: Date) -> Result<String> {
    let page = inline_page(page, &|path: &str| read_asset(out, path))?;
    check_self_contained(&page)?;
    let name = file_name(&date.iso());
    let path = out.join(&name);
    fs::write(&path, &page).map_err(|error| Error::io("cannot write", &path, error))?;
    let policy_path = out.join(format!("{name}{POLICY_SUFFIX}"));
    fs::write(&policy_path, policy(&page) + "\n").map_err(|error| Error::io("cannot write", &policy_path, error))?;
    Ok(name)
}

/// The Content-Security-Policy the single file needs when a server sends it: the site's
/// policy allows no inline script or style, which is all this page is. Each inline script and
/// style is allowed by its SHA-256 hash and nothing else is: `'wasm-unsafe-eval'` compiles the
/// WebAssembly, `img-src data:` shows the inlined icons, `connect-src blob:` lets the app fetch
/// its issue from the `blob:` address the start module inflates it into. Nothing may frame it.
pub fn policy(page: &str) -> String {
    let sources = |element: &str| -> String {
        inline_contents(page, element)
            .iter()
            .map(|code| format!("'sha256-{}'", base64(&Sha256::digest(code.as_bytes()))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    format!(
        "default-src 'none'; script-src {} 'wasm-unsafe-eval'; style-src {}; img-src data:; connect-src blob:; \
         base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        sources("script"),
        sources("style")
    )
}

/// The text of every `<script>` without `src` (or every `<style>`) of the page, exactly as a
/// browser hashes it.
fn inline_contents<'a>(page: &'a str, element: &str) -> Vec<&'a str> {
    let close = format!("</{element}");
    opening_tags(page)
        .into_iter()
        .filter(|tag| {
            let name: String = tag[1..]
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            name == element && Attributes::parse(tag).get("src").is_none()
        })
        .filter_map(|tag| {
            // `tag` is a slice of `page`: its content starts where it ends.
            let start = tag.as_ptr() as usize - page.as_ptr() as usize + tag.len();
            let rest = &page[start..];
            let lower = rest.to_ascii_lowercase();
            lower.find(&close).map(|end| &rest[..end])
        })
        .collect()
}

/// An asset the page loads, by its address relative to index.html (`./style-….css`).
fn read_asset(out: &Path, address: &str) -> Result<Vec<u8>> {
    let relative = address.strip_prefix("./").unwrap_or(address);
    let plain = !relative.is_empty()
        && !relative.contains(':')
        && !relative.starts_with('/')
        && !relative.contains(['?', '#', '\\'])
        && relative
            .split('/')
            .all(|segment| !segment.is_empty() && segment != "..");
    if !plain {
        return Err(Error::new(format!(
            "index.html loads `{address}`, which is not a file of the build to inline"
        )));
    }
    let path = out.join(relative);
    fs::read(&path).map_err(|error| Error::io("cannot read", &path, error))
}

/// The page with the head's assets inlined; `read` gives an asset's bytes by address.
fn inline_page(index: &str, read: &dyn Fn(&str) -> Result<Vec<u8>>) -> Result<String> {
    let Some(head_end) = index.find("</head>") else {
        return Err(Error::new("index.html has no </head>"));
    };
    let (head, body) = index.split_at(head_end);
    let mut page = String::with_capacity(index.len() * 2);
    let mut rest = head;
    while let Some(start) = next_tag(rest) {
        page.push_str(&rest[..start]);
        let tag = &rest[start..];
        let Some(open_len) = tag.find('>').map(|at| at + 1) else {
            return Err(Error::new("index.html: a tag in the head is not closed"));
        };
        let open = &tag[..open_len];
        let attributes = Attributes::parse(open);
        if open.starts_with("<script") {
            let Some(body_len) = tag[open_len..].find("</script>") else {
                return Err(Error::new("index.html: a <script> in the head has no </script>"));
            };
            let code = &tag[open_len..open_len + body_len];
            page.push_str(&inline_script(index, &attributes, code, read)?);
            rest = &tag[open_len + body_len + "</script>".len()..];
        } else {
            page.push_str(&inline_link(open, &attributes, read)?);
            rest = &tag[open_len..];
        }
    }
    page.push_str(rest);
    page.push_str(body);
    Ok(page)
}

/// Where the next `<script` or `<link` starts.
fn next_tag(text: &str) -> Option<usize> {
    let script = text.find("<script");
    let link = text.find("<link");
    match (script, link) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// One `<script>` of the head, inlined.
/// `index` is the whole page, whose meta tags name what the start module loads.
fn inline_script(
    index: &str,
    attributes: &Attributes,
    code: &str,
    read: &dyn Fn(&str) -> Result<Vec<u8>>,
) -> Result<String> {
    let Some(src) = attributes.get("src") else {
        return Ok(format!("<script>{code}</script>"));
    };
    if attributes.get("type") == Some("module") {
        return start_module(index, read);
    }
    let text = utf8(src, read(src)?)?;
    Ok(format!("<script>\n{}</script>", script_text(src, &text)?))
}

/// The start module as one inline module with the glue and bytes of the viewer's script and
/// WebAssembly that the page names in its meta tags (`dist`'s start.js reads the same tags).
fn start_module(index: &str, read: &dyn Fn(&str) -> Result<Vec<u8>>) -> Result<String> {
    let named = |name: &str| {
        quoted_after(index, &format!("<meta name=\"{name}\" content="))
            .ok_or_else(|| Error::new(format!("index.html has no <meta name=\"{name}\">")))
    };
    let glue_path = named(crate::dist::APP_SCRIPT_META)?;
    let wasm_path = named(crate::dist::APP_WASM_META)?;
    let glue = utf8(glue_path, read(glue_path)?)?;
    let (glue, init) = strip_exports(glue_path, &glue)?;
    let wasm = base64(&deflate(&read(wasm_path)?));
    let glue = script_text(glue_path, &glue)?;
    let packed_len = PACKED_DATA.len();
    Ok(format!(
        "<script type=\"module\">\n{glue}\n\
         // The WebAssembly of {wasm_path}, deflated and inlined by `cargo xtask dist`, and the\n\
         // issue's data, deflated into the page's bulletin:issue-inline tag.\n\
         {{\n\
         const inline = document.querySelector('meta[name=\"bulletin:issue-inline\"]');\n\
         if (inline && inline.content.startsWith(\"{PACKED_DATA}\")) {{\n\
         const packed = Uint8Array.from(atob(inline.content.slice({packed_len})), (c) => c.charCodeAt(0));\n\
         const data = await new Response(new Blob([packed]).stream().pipeThrough(new DecompressionStream(\"deflate\"))).blob();\n\
         inline.content = URL.createObjectURL(data);\n\
         }}\n\
         const deflated = Uint8Array.from(atob(\"{wasm}\"), (c) => c.charCodeAt(0));\n\
         const bytes = await new Response(new Blob([deflated]).stream().pipeThrough(new DecompressionStream(\"deflate\"))).arrayBuffer();\n\
         const wasm = await {init}({{ module_or_path: bytes }});\n\
         dispatchEvent(new CustomEvent(\"TrunkApplicationStarted\", {{ detail: {{ wasm }} }}));\n\
         }}\n\
         </script>"
    ))
}

/// The first '…' or "…" string after `marker`.
pub fn quoted_after<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    let after = text[text.find(marker)? + marker.len()..].trim_start();
    let quote = after.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let inner = &after[1..];
    Some(&inner[..inner.find(quote)?])
}

/// wasm-bindgen's glue as a classic block of code: `export { a, b as default };` lines go and
/// `export function` loses its `export`. Returns the code and the local name of the default
/// export (the init function). Imports (snippets) cannot be inlined and stop the build.
fn strip_exports(name: &str, glue: &str) -> Result<(String, String)> {
    let mut code = String::with_capacity(glue.len());
    let mut init = None;
    for line in glue.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("import ") || trimmed.starts_with("import{") {
            return Err(Error::new(format!(
                "{name} imports other modules (`{}`), which the single file cannot inline",
                trimmed.trim()
            )));
        }
        if let Some(list) = trimmed.strip_prefix("export {") {
            let list = list.trim_end().trim_end_matches(';').trim_end_matches('}');
            for item in list.split(',') {
                if let Some((local, exported)) = item.split_once(" as ") {
                    if exported.trim() == "default" {
                        init = Some(local.trim().to_string());
                    }
                }
            }
            continue;
        }
        if let Some(declaration) = trimmed.strip_prefix("export ") {
            let known = ["function ", "async function ", "class ", "const ", "let "];
            if !known.iter().any(|start| declaration.starts_with(start)) {
                return Err(Error::new(format!("{name}: cannot inline `{}`", trimmed.trim())));
            }
            code.push_str(&line[..line.len() - trimmed.len()]);
            code.push_str(declaration);
        } else {
            code.push_str(line);
        }
        code.push('\n');
    }
    let init =
        init.ok_or_else(|| Error::new(format!("{name} has no `export {{ … as default }}` (the init function)")))?;
    Ok((code, init))
}

/// Code that can sit inside `<script>…</script>` as it is.
fn script_text(name: &str, code: &str) -> Result<String> {
    let lower = code.to_ascii_lowercase();
    for bad in ["</script", "<!--", "<script"] {
        if lower.contains(bad) {
            return Err(Error::new(format!(
                "{name} contains `{bad}`, which would end or confuse an inline <script>"
            )));
        }
    }
    Ok(code.to_string())
}

/// One `<link>` of the head: a stylesheet becomes `<style>`, icons take `data:` addresses,
/// preload hints and the manifest go.
fn inline_link(open: &str, attributes: &Attributes, read: &dyn Fn(&str) -> Result<Vec<u8>>) -> Result<String> {
    let rel = attributes.get("rel").unwrap_or_default().to_ascii_lowercase();
    let Some(href) = attributes.get("href") else {
        return Ok(open.to_string());
    };
    match rel.as_str() {
        "stylesheet" => {
            let css = utf8(href, read(href)?)?;
            let lower = css.to_ascii_lowercase();
            if lower.contains("</style") || lower.contains("url(") || lower.contains("@import") {
                return Err(Error::new(format!(
                    "{href} has `</style`, `url(` or `@import`, which the single file cannot inline"
                )));
            }
            Ok(format!("<style>\n{css}</style>"))
        }
        // The feed is the site's, which a single file is not part of.
        "modulepreload" | "preload" | "manifest" | "alternate" => Ok(String::new()),
        "icon" | "apple-touch-icon" => {
            let bytes = read(href)?;
            let mime = match href.rsplit_once('.').map(|(_, extension)| extension) {
                Some("png") => "image/png",
                Some("svg") => "image/svg+xml",
                Some("ico") => "image/x-icon",
                _ => return Err(Error::new(format!("icon {href}: not a PNG, SVG or ICO file"))),
            };
            let data = format!("data:{mime};base64,{}", base64(&bytes));
            Ok(open.replacen(&format!("href=\"{href}\""), &format!("href=\"{data}\""), 1))
        }
        _ => Err(Error::new(format!(
            "index.html: `{open}` links to a file the single file does not know how to inline"
        ))),
    }
}

/// The page loads nothing: every `src` and `href` is a `data:` address, a `#` route or a
/// link out (`https:`, `mailto:`). Only real tags count: text that merely reads like an
/// attribute (a bulletin quoting `<img src="…">`, escaped as `&lt;img src="…"&gt;`) does not.
fn check_self_contained(page: &str) -> Result<()> {
    for tag in opening_tags(page) {
        let attributes = Attributes::parse(tag);
        for name in ["src", "href"] {
            let Some(value) = attributes.get(name) else { continue };
            let fine = ["data:", "#", "https:", "http:", "mailto:"]
                .iter()
                .any(|start| value.starts_with(start));
            if !fine {
                return Err(Error::new(format!(
                    "the single file still loads `{}`",
                    value.chars().take(80).collect::<String>()
                )));
            }
        }
    }
    Ok(())
}

/// The opening tags of an HTML page, skipping comments and the raw text of scripts and
/// styles (where `<` is code, not markup). In text, `<` is always escaped.
fn opening_tags(page: &str) -> Vec<&str> {
    let mut tags = Vec::new();
    let mut rest = page;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        if !rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            rest = &rest[1..];
            continue;
        }
        let end = tag_end(rest);
        let tag = &rest[..end];
        tags.push(tag);
        rest = &rest[end..];
        let name: String = tag[1..]
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            rest = rest.find(&close).map_or("", |end| &rest[end..]);
        }
    }
    tags
}

/// The length of the opening tag at the start of `text`, quotes respected.
fn tag_end(text: &str) -> usize {
    let mut quote = None;
    for (index, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), c) if c == open => quote = None,
            (None, '>') => return index + 1,
            _ => {}
        }
    }
    text.len()
}

fn utf8(name: &str, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|_| Error::new(format!("{name} is not UTF-8 text")))
}

/// `bytes` in the zlib format, which `DecompressionStream("deflate")` reads, at the best
/// compression miniz_oxide has.
fn deflate(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(bytes, 10)
}

/// Standard base64 with padding.
pub(crate) fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut text = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(chunk.get(1).copied().unwrap_or(0)) << 8)
            | u32::from(chunk.get(2).copied().unwrap_or(0));
        for index in 0..4 {
            if index <= chunk.len() {
                text.push(char::from(ALPHABET[(n >> (18 - 6 * index)) as usize & 63]));
            } else {
                text.push('=');
            }
        }
    }
    text
}

/// The attributes of an opening tag, in order.
struct Attributes(Vec<(String, String)>);

impl Attributes {
    /// Reads `<tag a="1" b='2' c=3 d>`; a malformed rest is ignored.
    fn parse(open: &str) -> Attributes {
        let inner = open.trim_start_matches('<').trim_end_matches('>').trim_end_matches('/');
        let mut rest = inner.trim_start_matches(|c: char| !c.is_whitespace());
        let mut found = Vec::new();
        loop {
            rest = rest.trim_start();
            let name_len = rest.find(|c: char| c.is_whitespace() || c == '=').unwrap_or(rest.len());
            if name_len == 0 {
                break;
            }
            let name = rest[..name_len].to_ascii_lowercase();
            rest = rest[name_len..].trim_start();
            let value = if let Some(after) = rest.strip_prefix('=') {
                let after = after.trim_start();
                match after.chars().next() {
                    Some(quote @ ('"' | '\'')) => {
                        let inner = &after[1..];
                        let end = inner.find(quote).unwrap_or(inner.len());
                        rest = inner.get(end + 1..).unwrap_or_default();
                        inner[..end].to_string()
                    }
                    _ => {
                        let end = after.find(char::is_whitespace).unwrap_or(after.len());
                        rest = &after[end..];
                        after[..end].to_string()
                    }
                }
            } else {
                String::new()
            };
            found.push((name, value));
        }
        Attributes(found)
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::{
        base64, check_self_contained, data_address, deflate, inline_page, is_single_file, policy, quoted_after,
        strip_exports, Attributes, PACKED_DATA,
    };
    use crate::error::{Error, Result};

    #[test]
    fn the_policy_allows_each_inline_script_and_style_by_its_hash_only() {
        // SHA-256 of "abc" is the FIPS 180-2 example: ba7816bf…f20015ad.
        let page = "<head><script>abc</script><script src=\"x.js\"></script><!-- <script>no</script> -->\
            <style>abc</style><script type=\"module\">\nabc</SCRIPT></head><body><p>&lt;script&gt;</p></body>";
        let abc = "'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='";
        let newline_abc = "'sha256-8505v8mSh7hIeA1BEOtmPw58NErkH0ajkMQTW4ncJ1Y='";
        assert_eq!(
            policy(page),
            format!(
                "default-src 'none'; script-src {abc} {newline_abc} 'wasm-unsafe-eval'; style-src {abc}; img-src data:; \
                 connect-src blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
            )
        );
    }
    #[track_caller]
    fn check_base64(input: &[u8], expected: &str) {
        assert_eq!(base64(input), expected);
    }

    #[test]
    fn base64_matches_the_standard() {
        check_base64(b"", "");
        check_base64(b"f", "Zg==");
        check_base64(b"fo", "Zm8=");
        check_base64(b"foo", "Zm9v");
        check_base64(b"foob", "Zm9vYg==");
        check_base64(b"\0asm\x01\0\0\0", "AGFzbQEAAAA=");
        check_base64(&[0xff, 0xfe, 0xfd], "//79");
    }

    #[test]
    fn attributes_are_read() {
        let attributes = Attributes::parse("<link rel=\"icon\" href='a b.png' sizes=32x32 hidden/>");
        assert_eq!(attributes.get("rel"), Some("icon"));
        assert_eq!(attributes.get("href"), Some("a b.png"));
        assert_eq!(attributes.get("sizes"), Some("32x32"));
        assert_eq!(attributes.get("hidden"), Some(""));
        assert_eq!(attributes.get("type"), None);
    }

    #[test]
    fn exports_are_stripped() {
        let glue = "let wasm;\nexport function greet() {}\nfunction __wbg_init() {}\nexport { initSync, __wbg_init as default };\n";
        let (code, init) = strip_exports("glue.js", glue).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(init, "__wbg_init");
        assert_eq!(code, "let wasm;\nfunction greet() {}\nfunction __wbg_init() {}\n");
        assert!(strip_exports("glue.js", "import { x } from './snippets/a.js';\n").is_err());
        assert!(strip_exports("glue.js", "let a;\n").is_err());
    }

    fn assets(address: &str) -> Result<Vec<u8>> {
        let text: &str = match address {
            "./boot-0123456789abcdef.js" => "document.title;\n",
            "./style-0123456789abcdef.css" => "body { margin: 0 }\n",
            "./app-0123456789abcdef.js" => {
                "let wasm;\nasync function __wbg_init(m) {}\nexport { __wbg_init as default };\n"
            }
            "./app-0123456789abcdef_bg.wasm" => "\0asm",
            "icons/favicon.svg" => "<svg/>",
            other => return Err(Error::new(format!("no {other}"))),
        };
        Ok(text.as_bytes().to_vec())
    }

    #[test]
    fn a_trunk_page_is_inlined() {
        let index = "<!DOCTYPE html><html><head><title>t</title>\
            <link rel=\"manifest\" href=\"manifest.webmanifest\">\
            <link rel=\"icon\" href=\"icons/favicon.svg\" type=\"image/svg+xml\">\
            <script src=\"./boot-0123456789abcdef.js\" integrity=\"sha384-x\"></script>\
            <link rel=\"stylesheet\" href=\"./style-0123456789abcdef.css\" integrity=\"sha384-y\"/>\
            <script type=\"module\" src=\"./start-0123456789abcdef.js\"></script>\
            <link rel=\"modulepreload\" href=\"./app-0123456789abcdef.js\">\
            <link rel=\"preload\" href=\"./app-0123456789abcdef_bg.wasm\" as=\"fetch\">\
            <meta name=\"bulletin-viewer:script\" content=\"./app-0123456789abcdef.js\">\
            <meta name=\"bulletin-viewer:wasm\" content=\"./app-0123456789abcdef_bg.wasm\">\
            </head><body><a href=\"#/table/t1\">t</a></body></html>";
        let page = inline_page(index, &assets).unwrap_or_else(|error| panic!("{error}"));
        assert!(!page.contains("manifest"), "{page}");
        assert!(!page.contains("preload"), "{page}");
        assert!(!page.contains("integrity"), "{page}");
        assert!(page.contains("<link rel=\"icon\" href=\"data:image/svg+xml;base64,PHN2Zy8+\" type=\"image/svg+xml\">"));
        assert!(page.contains("<script>\ndocument.title;\n</script>"), "{page}");
        assert!(page.contains("<style>\nbody { margin: 0 }\n</style>"), "{page}");
        assert!(page.contains("<script type=\"module\">\nlet wasm;\nasync function __wbg_init(m) {}\n"));
        let inlined = quoted_after(&page, "const deflated = Uint8Array.from(atob(").unwrap_or_else(|| panic!("{page}"));
        assert_eq!(inlined, base64(&deflate(b"\0asm")), "the WebAssembly, deflated");
        assert!(page.contains("new DecompressionStream(\"deflate\")"), "{page}");
        assert!(page.contains("await __wbg_init({ module_or_path: bytes })"), "{page}");
        // The issue's data, inflated into a blob: address before the app starts.
        let data_start = page
            .find("inline.content = URL.createObjectURL(data)")
            .unwrap_or(usize::MAX);
        assert!(data_start < page.find("await __wbg_init").unwrap_or(0), "{page}");
        assert!(page.ends_with("</head><body><a href=\"#/table/t1\">t</a></body></html>"));
        check_self_contained(&page).unwrap_or_else(|error| panic!("{error}"));
    }

    #[test]
    fn the_issue_data_goes_in_deflated() {
        let bytes: Vec<u8> = b"KSTW".iter().copied().cycle().take(4000).collect();
        let address = data_address(&bytes);
        let packed = address.strip_prefix(PACKED_DATA).unwrap_or_else(|| panic!("{address}"));
        assert_eq!(packed, base64(&deflate(&bytes)));
        assert!(
            address.len() < bytes.len() / 4,
            "{} bytes for {}",
            address.len(),
            bytes.len()
        );
    }

    #[test]
    fn deflate_writes_zlib_that_inflates_to_the_input() {
        let input: Vec<u8> = (0..50_000u32).map(|n| (n % 251) as u8).chain(*b"\0asm").collect();
        let deflated = deflate(&input);
        assert_eq!(&deflated[..2], &[0x78, 0xda], "a zlib header, best compression");
        assert!(deflated.len() < input.len() / 10, "{} bytes", deflated.len());
        let inflated =
            miniz_oxide::inflate::decompress_to_vec_zlib(&deflated).unwrap_or_else(|error| panic!("{error:?}"));
        assert_eq!(inflated, input);
    }

    #[test]
    fn unknown_links_stop_the_build() {
        let index = "<head><link rel=\"canonical\" href=\"other.html\"></head>";
        assert!(inline_page(index, &assets).is_err());
        let index = "<head><script src=\"https://example.com/x.js\"></script></head>";
        assert!(inline_page(index, &|address| super::read_asset(std::path::Path::new("."), address)).is_err());
    }

    #[test]
    fn loads_are_found() {
        assert!(check_self_contained("<img src=\"a.png\">").is_err());
        assert!(check_self_contained("<a href=\"index.html\">x</a>").is_err());
        assert!(check_self_contained("<a href=\"https://x\">x</a><a href=\"#/a\">a</a>").is_ok());
        // A bulletin that quotes markup shows it as text; text loads nothing.
        assert!(check_self_contained("<p>&lt;iframe src=\"javascript:alert(1)\"&gt;</p>").is_ok());
        assert!(check_self_contained("<script>if (a < b) { x = ' src=\"y.js\"'; }</script><p>ok</p>").is_ok());
        assert!(check_self_contained("<!-- <img src=\"a.png\"> --><p>ok</p>").is_ok());
    }

    #[test]
    fn single_files_are_recognised() {
        assert!(is_single_file("bulletin-2023-06-30.html"));
        assert!(!is_single_file("index.html"));
        assert!(!is_single_file("bulletin-viewer-0123456789abcdef.js"));
        assert!(!is_single_file("icons/bulletin-x.html"));
    }
}
