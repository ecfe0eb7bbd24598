//! `cargo xtask serve`: a small static HTTP/1.1 server for the release build.
//!
//! It answers GET and HEAD on 127.0.0.1, a thread per connection and `Connection: close`,
//! which is all a browser test needs and enough for Chromium's parallel requests. The rules
//! a real static host must follow are pure functions tested natively: how a request path
//! maps to a file ([`map_path`]), its type ([`content_type`]) and caching ([`cache_control`]).
//! With `--base /sub/` the build is served under that sub-path only, as on a project page.

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::net::{Ipv4Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use crate::dist::has_content_hash;
use crate::error::{Error, Result};

/// The Content-Security-Policy to deploy the build with (README.md, "Deploying"), but for
/// `frame-ancestors`, which the deployer chooses ([`csp`]): nothing is allowed unless named,
/// and what is named is what the reader needs, nothing inline. The service worker is a
/// script (`worker-src` falls back to `script-src`); `manifest-src` lets the browser read
/// the web manifest, which makes the reader installable. The CSV and PNG downloads are
/// `blob:` addresses opened by a link, which no directive governs.
pub const CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
                       img-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; \
                       form-action 'none'";

/// `frame-ancestors` when `--frame-ancestors` is not given: the reader's own pages only, so a
/// page of another origin cannot frame it (embed codes then work only on the reader's own
/// origin).
pub const DEFAULT_FRAME_ANCESTORS: &str = "'self'";

/// The whole policy `--csp` sends: [`CSP`] and who may frame the reader, a list of CSP source
/// expressions (`'none'`, `'self'`, `https://host.example`, `*`).
pub fn csp(frame_ancestors: &str) -> String {
    format!("{CSP}; frame-ancestors {frame_ancestors}")
}

/// Checks a `--frame-ancestors` value: source expressions only, so that it cannot end the
/// directive and start another.
pub fn check_frame_ancestors(sources: &str) -> Result<String> {
    let sources = sources.trim();
    let fine = !sources.is_empty()
        && sources
            .chars()
            .all(|c| c.is_ascii_graphic() && c != ';' && c != ',' || c == ' ');
    if fine {
        Ok(sources.to_string())
    } else {
        Err(Error::new(format!(
            "--frame-ancestors {sources:?}: want CSP sources separated by spaces, such as 'none', 'self' or https://host.example"
        )))
    }
}

/// The longest request head read; browsers send a few hundred bytes.
const MAX_HEAD: usize = 16 * 1024;

/// What to serve and how.
pub struct Options {
    /// The port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// The folder served.
    pub dir: PathBuf,
    /// The sub-path the folder appears under, from [`normalize_base`].
    pub base: String,
    /// The Content-Security-Policy to send ([`csp`]), if any.
    pub csp: Option<String>,
}

/// The served site, shared by the connection threads.
pub struct Site {
    dir: PathBuf,
    base: String,
    csp: Option<String>,
}

/// Binds, prints the one `serving <dir> at <url>` line test harnesses wait for, and serves
/// until killed.
pub fn run(options: &Options) -> Result<()> {
    if !options.dir.is_dir() {
        return Err(Error::new(format!(
            "{} is not a folder; build it first with `cargo xtask dist`",
            options.dir.display()
        )));
    }
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, options.port))
        .map_err(|error| Error::new(format!("cannot listen on 127.0.0.1:{}: {error}", options.port)))?;
    let address = listener
        .local_addr()
        .map_err(|error| Error::new(format!("cannot read the listening address: {error}")))?;
    let site = Site {
        dir: options.dir.clone(),
        base: options.base.clone(),
        csp: options.csp.clone(),
    };
    announce(&site, address)?;
    serve_forever(listener, Arc::new(site));
    Ok(())
}

fn announce(site: &Site, address: SocketAddr) -> Result<()> {
    let mut stdout = io::stdout().lock();
    writeln!(
        stdout,
        "serving {} at http://{address}{}",
        site.dir.display(),
        site.base
    )
    .and_then(|()| stdout.flush())
    .map_err(|error| Error::new(format!("cannot write to stdout: {error}")))
}

/// Accepts connections and answers each on its own thread.
pub fn serve_forever(listener: TcpListener, site: Arc<Site>) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else {
            // A connection that failed before it was accepted concerns only its client.
            continue;
        };
        let site = Arc::clone(&site);
        thread::spawn(move || {
            // A client that goes away mid-answer is not the server's problem.
            let _ = answer(&site, stream);
        });
    }
}

/// `/sub`, `sub/` and `/sub/` all give `/sub/`; the base always starts and ends with `/`.
pub fn normalize_base(base: &str) -> Result<String> {
    let inner = base.trim_matches('/');
    if inner.is_empty() {
        return Ok("/".to_string());
    }
    let plain = inner
        .split('/')
        .all(|segment| !segment.is_empty() && segment != "." && segment != "..")
        && !inner.contains(['?', '#', '%', '\\', ' ']);
    if !plain {
        return Err(Error::new(format!(
            "--base {base}: want a plain sub-path such as /sub/"
        )));
    }
    Ok(format!("/{inner}/"))
}

/// Where a request path leads, before looking at the disk.
#[derive(Debug, PartialEq, Eq)]
pub enum Mapped {
    /// A path inside the served folder, `/`-separated, decoded, without empty or `.`
    /// segments; empty for the folder itself. `folder` is whether the request ended in `/`.
    Inside { path: String, folder: bool },
    /// Send the client here (the base without its final `/`).
    Redirect(String),
    /// Outside the base.
    NotFound,
    /// Malformed, or trying to leave the folder (`..`, bad `%XX`, NUL, backslash).
    Bad,
}

/// Maps a request target (`/sub/a%20b.js?x=1`) to a path inside the folder served at `base`.
pub fn map_path(base: &str, target: &str) -> Mapped {
    let raw = target.split(['?', '#']).next().unwrap_or_default();
    let query = &target[raw.len()..];
    let Some(decoded) = percent_decode(raw) else {
        return Mapped::Bad;
    };
    if !decoded.starts_with('/') || decoded.contains(['\0', '\\']) {
        return Mapped::Bad;
    }
    if decoded.split('/').any(|segment| segment == "..") {
        return Mapped::Bad;
    }
    if base.len() > 1 && decoded == base[..base.len() - 1] {
        return Mapped::Redirect(format!("{base}{}", query.split('#').next().unwrap_or_default()));
    }
    let Some(rest) = decoded.strip_prefix(base) else {
        return Mapped::NotFound;
    };
    let segments: Vec<&str> = rest
        .split('/')
        .filter(|segment| !segment.is_empty() && *segment != ".")
        .collect();
    Mapped::Inside {
        path: segments.join("/"),
        folder: rest.is_empty() || rest.ends_with('/'),
    }
}

/// Decodes `%XX` escapes; `None` for a bad escape or bytes that are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'%' {
            let hex = text.get(at + 1..at + 3)?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            at += 3;
        } else {
            decoded.push(bytes[at]);
            at += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

/// The Content-Type of a file, by its extension.
pub fn content_type(name: &str) -> &'static str {
    let extension = name
        .rsplit_once('.')
        .map(|(_, extension)| extension.to_ascii_lowercase());
    match extension.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("webmanifest") => "application/manifest+json",
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        Some("ico") => "image/x-icon",
        Some("txt") => "text/plain; charset=utf-8",
        Some("woff2") => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// The Cache-Control of a file: pages, the service worker and the manifest are always
/// revalidated so that a new build is seen; files trunk named by their content never change.
pub fn cache_control(name: &str) -> &'static str {
    let always_fresh = name.ends_with(".html") || name == "sw.js" || name.ends_with(".webmanifest");
    if !always_fresh && has_content_hash(name) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// A response, before it is written.
struct Response {
    status: &'static str,
    headers: Vec<(&'static str, String)>,
    body: Body,
}

enum Body {
    Text(String),
    File { file: File, len: u64 },
}

impl Response {
    fn text(status: &'static str, body: &str) -> Response {
        Response {
            status,
            headers: vec![
                ("Content-Type", "text/plain; charset=utf-8".into()),
                ("Cache-Control", "no-store".into()),
            ],
            body: Body::Text(format!("{body}\n")),
        }
    }
}

fn answer(site: &Site, mut stream: TcpStream) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    stream.set_write_timeout(Some(Duration::from_secs(30)))?;
    let head = read_head(&mut stream)?;
    let mut response = respond(site, &head);
    let head_only = head.starts_with("HEAD ");
    write_response(&mut stream, site, &mut response, head_only)?;
    stream.shutdown(Shutdown::Write)
}

/// Reads up to the blank line that ends the request head.
fn read_head(stream: &mut TcpStream) -> io::Result<String> {
    let mut head = Vec::new();
    let mut buffer = [0; 2048];
    while !head.windows(4).any(|window| window == b"\r\n\r\n") && head.len() < MAX_HEAD {
        let n = stream.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&buffer[..n]);
    }
    Ok(String::from_utf8_lossy(&head).into_owned())
}

fn respond(site: &Site, head: &str) -> Response {
    let request_line = head.lines().next().unwrap_or_default();
    let mut words = request_line.split(' ');
    let (Some(method), Some(target), Some(version)) = (words.next(), words.next(), words.next()) else {
        return Response::text("400 Bad Request", "bad request");
    };
    if !version.starts_with("HTTP/1.") {
        return Response::text("400 Bad Request", "bad request: HTTP/1.x only");
    }
    if method != "GET" && method != "HEAD" {
        let mut response = Response::text("405 Method Not Allowed", "only GET and HEAD");
        response.headers.push(("Allow", "GET, HEAD".into()));
        return response;
    }
    match map_path(&site.base, target) {
        Mapped::Bad => Response::text("400 Bad Request", "bad request path"),
        Mapped::NotFound => Response::text("404 Not Found", "not found"),
        Mapped::Redirect(location) => redirect(location),
        Mapped::Inside { path, folder } => serve_file(site, &path, folder, target),
    }
}

fn redirect(location: String) -> Response {
    let mut response = Response::text("301 Moved Permanently", &format!("moved to {location}"));
    response.headers.push(("Location", location));
    response
}

fn serve_file(site: &Site, path: &str, folder: bool, target: &str) -> Response {
    let mut file_path = site.dir.join(path);
    if file_path.is_dir() {
        if !folder {
            // Relative links in the folder's index.html resolve against a path ending in `/`.
            let (raw, query) = target.split_at(target.find('?').unwrap_or(target.len()));
            return redirect(format!("{raw}/{query}"));
        }
        file_path = file_path.join("index.html");
    }
    let Ok(file) = File::open(&file_path) else {
        return Response::text("404 Not Found", "not found");
    };
    let Ok(metadata) = file.metadata().and_then(|metadata| {
        if metadata.is_file() {
            Ok(metadata)
        } else {
            Err(io::Error::other("not a file"))
        }
    }) else {
        return Response::text("404 Not Found", "not found");
    };
    let name = file_name(&file_path);
    let mut headers = vec![
        ("Content-Type", content_type(&name).into()),
        ("Cache-Control", cache_control(&name).into()),
    ];
    // With --csp, a file's own policy (`<file>.csp` beside it, as the single file has) wins.
    let own_policy = std::fs::read_to_string(format!("{}.csp", file_path.display()));
    if let (Some(_), Ok(policy)) = (&site.csp, own_policy) {
        headers.push(("Content-Security-Policy", policy.trim().to_string()));
    }
    Response {
        status: "200 OK",
        headers,
        body: Body::File {
            file,
            len: metadata.len(),
        },
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn write_response(stream: &mut TcpStream, site: &Site, response: &mut Response, head_only: bool) -> io::Result<()> {
    let mut out = BufWriter::new(stream);
    let len = match &response.body {
        Body::Text(text) => text.len() as u64,
        Body::File { len, .. } => *len,
    };
    write!(out, "HTTP/1.1 {}\r\n", response.status)?;
    for (name, value) in &response.headers {
        write!(out, "{name}: {value}\r\n")?;
    }
    write!(
        out,
        "Content-Length: {len}\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\n"
    )?;
    let own_policy = response
        .headers
        .iter()
        .any(|(name, _)| *name == "Content-Security-Policy");
    if let (Some(csp), false) = (&site.csp, own_policy) {
        write!(out, "Content-Security-Policy: {csp}\r\n")?;
    }
    write!(out, "\r\n")?;
    if !head_only {
        match &mut response.body {
            Body::Text(text) => out.write_all(text.as_bytes())?,
            Body::File { file, .. } => {
                io::copy(file, &mut out)?;
            }
        }
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use std::io::{self, Read, Write};
    use std::net::{Ipv4Addr, TcpListener, TcpStream};
    use std::path::{Path, PathBuf};
    use std::sync::Arc;
    use std::{env, fs, process, thread};

    use super::{
        cache_control, check_frame_ancestors, content_type, csp, map_path, normalize_base, serve_forever, Mapped, Site,
        CSP, DEFAULT_FRAME_ANCESTORS,
    };

    /// Makes `dir` exist and be empty.
    fn fresh_dir(dir: &Path) -> io::Result<()> {
        if dir.exists() {
            fs::remove_dir_all(dir)?;
        }
        fs::create_dir_all(dir)
    }

    #[track_caller]
    fn check_map(base: &str, target: &str, expected: Mapped) {
        assert_eq!(map_path(base, target), expected, "{base} {target}");
    }

    fn inside(path: &str, folder: bool) -> Mapped {
        Mapped::Inside {
            path: path.to_string(),
            folder,
        }
    }

    #[test]
    fn root_and_files_map_inside() {
        check_map("/", "/", inside("", true));
        check_map("/", "/index.html", inside("index.html", false));
        check_map("/", "/static/style.css?v=1", inside("static/style.css", false));
        check_map("/", "/static/", inside("static", true));
        check_map("/", "//a/./b", inside("a/b", false));
    }

    #[test]
    fn escapes_are_decoded() {
        check_map("/", "/a%20b.js", inside("a b.js", false));
        check_map("/", "/%ED%95%9C.txt", inside("한.txt", false));
    }

    #[test]
    fn traversal_is_rejected() {
        check_map("/", "/../etc/passwd", Mapped::Bad);
        check_map("/", "/a/../../b", Mapped::Bad);
        check_map("/", "/%2e%2e/etc/passwd", Mapped::Bad);
        check_map("/", "/a%2f..%2fb", Mapped::Bad);
        check_map("/", "/a%5c..%5cb", Mapped::Bad);
        check_map("/", "/a%00", Mapped::Bad);
        check_map("/", "/a%zz", Mapped::Bad);
        check_map("/", "/a%e", Mapped::Bad);
        check_map("/", "http://example.com/", Mapped::Bad);
    }

    #[test]
    fn base_confines_and_redirects() {
        check_map("/sub/", "/sub/", inside("", true));
        check_map("/sub/", "/sub/x.js", inside("x.js", false));
        check_map("/sub/", "/sub", Mapped::Redirect("/sub/".into()));
        check_map("/sub/", "/sub?a=1", Mapped::Redirect("/sub/?a=1".into()));
        check_map("/sub/", "/", Mapped::NotFound);
        check_map("/sub/", "/index.html", Mapped::NotFound);
        check_map("/sub/", "/subway/", Mapped::NotFound);
    }

    #[test]
    fn bases_are_normalized() {
        assert_eq!(normalize_base("/").ok().as_deref(), Some("/"));
        assert_eq!(normalize_base("sub").ok().as_deref(), Some("/sub/"));
        assert_eq!(normalize_base("/a/b/").ok().as_deref(), Some("/a/b/"));
        assert!(normalize_base("/a/../b/").is_err());
        assert!(normalize_base("/a?b").is_err());
    }

    #[test]
    fn content_types_follow_extensions() {
        let cases = [
            ("index.html", "text/html; charset=utf-8"),
            ("app-0123456789abcdef.js", "text/javascript; charset=utf-8"),
            ("snippets/x.mjs", "text/javascript; charset=utf-8"),
            ("app_bg.wasm", "application/wasm"),
            ("style.css", "text/css; charset=utf-8"),
            ("data.json", "application/json"),
            ("manifest.webmanifest", "application/manifest+json"),
            ("icon.png", "image/png"),
            ("icon.svg", "image/svg+xml"),
            ("favicon.ico", "image/x-icon"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("font.woff2", "font/woff2"),
            ("README", "application/octet-stream"),
        ];
        for (name, expected) in cases {
            assert_eq!(content_type(name), expected, "{name}");
        }
    }

    #[test]
    fn cache_rules() {
        let immutable = "public, max-age=31536000, immutable";
        let cases = [
            ("index.html", "no-cache"),
            ("sw.js", "no-cache"),
            ("manifest.webmanifest", "no-cache"),
            ("bulletin-viewer-3f2a9c4d5e6f7a8b_bg.wasm", immutable),
            ("bulletin-viewer-3f2a9c4d5e6f7a8b.js", immutable),
            ("style-3f2a9c4d5e6f7a8b.css", immutable),
            ("page-3f2a9c4d5e6f7a8b.html", "no-cache"),
            ("icon-192.png", "no-cache"),
            ("style.css", "no-cache"),
        ];
        for (name, expected) in cases {
            assert_eq!(cache_control(name), expected, "{name}");
        }
    }

    /// A folder with a page and a hashed WebAssembly file, served on a free port.
    fn start(name: &str, base: &str, csp: Option<String>) -> (u16, PathBuf) {
        let dir = env::temp_dir().join(format!("xtask-serve-{name}-{}", process::id()));
        fresh_dir(&dir).unwrap_or_else(|error| panic!("cannot make {}: {error}", dir.display()));
        let write = |file: &str, bytes: &[u8]| {
            fs::write(dir.join(file), bytes).unwrap_or_else(|error| panic!("cannot write {file}: {error}"));
        };
        write("index.html", b"<!DOCTYPE html><title>t</title>");
        write("app-0123456789abcdef_bg.wasm", b"\0asm\x01\0\0\0");
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap_or_else(|error| panic!("bind: {error}"));
        let port = listener
            .local_addr()
            .map(|address| address.port())
            .unwrap_or_else(|error| panic!("{error}"));
        let site = Site {
            dir: dir.clone(),
            base: base.to_string(),
            csp,
        };
        thread::spawn(move || serve_forever(listener, Arc::new(site)));
        (port, dir)
    }

    /// The raw response to one request, split into head and body.
    fn fetch(port: u16, request: &str) -> (String, Vec<u8>) {
        let mut stream = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).unwrap_or_else(|error| panic!("{error}"));
        stream
            .write_all(request.as_bytes())
            .unwrap_or_else(|error| panic!("{error}"));
        let mut response = Vec::new();
        stream
            .read_to_end(&mut response)
            .unwrap_or_else(|error| panic!("{error}"));
        let split = response
            .windows(4)
            .position(|window| window == b"\r\n\r\n")
            .unwrap_or(response.len());
        let head = String::from_utf8_lossy(&response[..split]).into_owned();
        let body = response.get(split + 4..).unwrap_or_default().to_vec();
        (head, body)
    }

    #[test]
    fn serves_a_hashed_wasm_file() {
        let (port, dir) = start("wasm", "/", None);
        let (head, body) = fetch(port, "GET /app-0123456789abcdef_bg.wasm HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
        assert!(head.contains("\r\nContent-Type: application/wasm\r\n"), "{head}");
        assert!(
            head.contains("\r\nCache-Control: public, max-age=31536000, immutable\r\n"),
            "{head}"
        );
        assert!(head.contains("\r\nContent-Length: 8\r\n"), "{head}");
        assert!(head.contains("\r\nConnection: close"), "{head}");
        assert!(!head.contains("Content-Security-Policy"), "{head}");
        assert_eq!(body, b"\0asm\x01\0\0\0");
        let _ = fs::remove_dir_all(dir);
    }

    #[test]
    fn head_of_the_index_under_a_base_with_csp() {
        let (port, dir) = start("base", "/sub/", Some(csp(DEFAULT_FRAME_ANCESTORS)));
        let (head, body) = fetch(port, "HEAD /sub/ HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
        assert!(
            head.contains("\r\nContent-Type: text/html; charset=utf-8\r\n"),
            "{head}"
        );
        assert!(head.contains("\r\nCache-Control: no-cache\r\n"), "{head}");
        assert!(head.contains("\r\nContent-Length: 31\r\n"), "{head}");
        assert!(
            head.lines().any(|line| line
                == "Content-Security-Policy: default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; \
                    style-src 'self'; img-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; \
                    form-action 'none'; frame-ancestors 'self'"),
            "{head}"
        );
        assert!(body.is_empty());
        let (head, _) = fetch(port, "GET /sub HTTP/1.1\r\n\r\n");
        assert!(head.starts_with("HTTP/1.1 301 Moved Permanently\r\n"), "{head}");
        assert!(head.contains("\r\nLocation: /sub/\r\n"), "{head}");
        let (head, _) = fetch(port, "GET /index.html HTTP/1.1\r\n\r\n");
        assert!(head.starts_with("HTTP/1.1 404 Not Found\r\n"), "{head}");
        let _ = fs::remove_dir_all(dir);
    }

    /// The README gives deployers the policy `--csp` sends, so the two cannot drift apart.
    #[test]
    fn the_readme_states_the_policy_served() {
        let readme = include_str!("../../README.md");
        assert!(
            readme.contains(&csp("<sources>")),
            "README.md lacks the policy {}",
            csp("<sources>")
        );
        for image_source in ["data:", "blob:"] {
            assert!(!CSP.contains(image_source), "{image_source} is allowed somewhere");
        }
    }

    #[test]
    fn frame_ancestors_are_sources_only() {
        assert_eq!(check_frame_ancestors(" 'none' ").ok().as_deref(), Some("'none'"));
        assert_eq!(
            check_frame_ancestors("https://a.example https://b.example:8443")
                .ok()
                .as_deref(),
            Some("https://a.example https://b.example:8443")
        );
        assert!(check_frame_ancestors("*; script-src *").is_err());
        assert!(check_frame_ancestors("").is_err());
        assert!(check_frame_ancestors("a\r\nSet-Cookie: x").is_err());
    }
}
