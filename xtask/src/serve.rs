//! `cargo xtask serve`: the release build served on 127.0.0.1 as a production host serves it.
//!
//! tower-http's `ServeDir` on axum, hyper and tokio answers GET and HEAD with ranges and
//! `Last-Modified`; it sends the precompressed `name.br` or `name.gz` that `cargo xtask dist`
//! writes beside each large file when the browser accepts it, and a compression layer
//! compresses the rest on the fly, as nginx's `gzip_static`/`brotli_static` or Caddy's
//! `precompressed` do. The rules around it are pure functions tested natively: how a request
//! path maps to a file under the sub-path ([`map_path`]), its type ([`content_type`]) and
//! caching ([`cache_control`]); [`respond`] applies them and adds the security headers. With
//! `--base /sub/` the build is served under that sub-path only, as on a project page.

use std::io::{self, Write};
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{self, HeaderValue};
use axum::http::{Method, StatusCode, Uri};
use axum::response::Response;
use axum::Router;
use tower::ServiceExt;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;

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

/// The served site, shared by every request.
#[derive(Clone, Debug)]
pub struct Site {
    /// The folder served.
    pub dir: PathBuf,
    /// The sub-path it appears under.
    pub base: String,
    /// The policy sent with every response, if any.
    pub csp: Option<String>,
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
    let site = Site {
        dir: options.dir.clone(),
        base: options.base.clone(),
        csp: options.csp.clone(),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|error| Error::new(format!("cannot start the server's runtime: {error}")))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, options.port))
            .await
            .map_err(|error| Error::new(format!("cannot listen on 127.0.0.1:{}: {error}", options.port)))?;
        let address = listener
            .local_addr()
            .map_err(|error| Error::new(format!("cannot read the listening address: {error}")))?;
        announce(&site, address)?;
        axum::serve(listener, app(site))
            .await
            .map_err(|error| Error::new(format!("the server stopped: {error}")))
    })
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

/// The whole server: [`respond`] for every request, then compression of whatever is not
/// already compressed (brotli or gzip, as the browser accepts; not images, not ranges).
pub fn app(site: Site) -> Router {
    let files = ServeDir::new(&site.dir)
        .precompressed_br()
        .precompressed_gzip()
        // Folders without their final `/` are redirected by `respond`, which knows the base.
        .redirect_to_trailing_slash(false);
    let site = Arc::new(site);
    Router::new()
        .fallback(move |request: Request| {
            let (site, files) = (Arc::clone(&site), files.clone());
            async move { respond(&site, files, request).await }
        })
        .layer(CompressionLayer::new())
}

/// One request: the site's rules around `files`, and the headers every response carries.
pub async fn respond(site: &Site, files: ServeDir, request: Request) -> Response {
    let mut response = route(site, files, request).await;
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // A file's own policy, set by `serve_file`, wins over the site's.
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        if let Some(policy) = site.csp.as_deref().and_then(|csp| HeaderValue::from_str(csp).ok()) {
            headers.insert(header::CONTENT_SECURITY_POLICY, policy);
        }
    }
    response
}

async fn route(site: &Site, files: ServeDir, request: Request) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let mut response = text(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD");
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let target = request
        .uri()
        .path_and_query()
        .map_or("/".to_string(), |target| target.as_str().to_string());
    match map_path(&site.base, &target) {
        Mapped::Bad => text(StatusCode::BAD_REQUEST, "bad request path"),
        Mapped::NotFound => text(StatusCode::NOT_FOUND, "not found"),
        Mapped::Redirect(location) => redirect(&location),
        Mapped::Inside { path, folder } => serve_file(site, files, request, &path, folder, &target).await,
    }
}

/// The file at `path` inside the folder, through `ServeDir` (precompressed copies, ranges,
/// `Last-Modified`), with this site's type and caching.
async fn serve_file(
    site: &Site,
    files: ServeDir,
    request: Request,
    path: &str,
    folder: bool,
    target: &str,
) -> Response {
    let on_disk = site.dir.join(path);
    if on_disk.is_dir() && !folder {
        // Relative links in the folder's index.html resolve against a path ending in `/`.
        let (raw, query) = target.split_at(target.find('?').unwrap_or(target.len()));
        return redirect(&format!("{raw}/{query}"));
    }
    let served = if on_disk.is_dir() {
        on_disk.join("index.html")
    } else {
        on_disk.clone()
    };
    if !served.is_file() {
        // A precompressed copy without its file is no file of the site (ServeDir would send it).
        return text(StatusCode::NOT_FOUND, "not found");
    }
    // A file changed after `dist` wrote its copies (a test deploying a new version in place, a
    // live preview) is sent itself, compressed on the fly, never as its stale copy.
    let files = if has_stale_copy(&served) {
        ServeDir::new(&site.dir).redirect_to_trailing_slash(false)
    } else {
        files
    };
    let name = if on_disk.is_dir() {
        "index.html".to_string()
    } else {
        path.rsplit('/').next().unwrap_or_default().to_string()
    };
    // ServeDir decodes the path itself: hand it the one mapped here, encoded again.
    let inner = format!(
        "/{}{}",
        percent_encode(path),
        if folder && !path.is_empty() { "/" } else { "" }
    );
    let Ok(uri) = inner.parse::<Uri>() else {
        return text(StatusCode::BAD_REQUEST, "bad request path");
    };
    let (mut parts, _) = request.into_parts();
    parts.uri = uri;
    let Ok(response) = files.oneshot(Request::from_parts(parts, Body::empty())).await;
    let mut response = response.map(Body::new);
    match response.status() {
        StatusCode::NOT_FOUND => return text(StatusCode::NOT_FOUND, "not found"),
        StatusCode::OK | StatusCode::PARTIAL_CONTENT => {
            response
                .headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(&name)));
        }
        _ => {}
    }
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_control(&name)));
    }
    // With --csp, a file's own policy (`<file>.csp` beside it, as the single file has) wins.
    if site.csp.is_some() {
        let file = if on_disk.is_dir() {
            on_disk.join("index.html")
        } else {
            on_disk
        };
        let own = std::fs::read_to_string(format!("{}.csp", file.display()));
        if let Some(policy) = own.ok().and_then(|policy| HeaderValue::from_str(policy.trim()).ok()) {
            response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, policy);
        }
    }
    response
}

/// Whether `file` has a `.br` or `.gz` copy older than itself.
fn has_stale_copy(file: &std::path::Path) -> bool {
    let modified = |path: &std::path::Path| std::fs::metadata(path).and_then(|metadata| metadata.modified()).ok();
    let Some(changed) = modified(file) else {
        return false;
    };
    [".br", ".gz"].iter().any(|ending| {
        let copy = PathBuf::from(format!("{}{ending}", file.display()));
        modified(&copy).is_some_and(|written| written < changed)
    })
}

/// A short plain-text answer that is never cached.
fn text(status: StatusCode, body: &str) -> Response {
    let mut response = Response::new(Body::from(format!("{body}\n")));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn redirect(location: &str) -> Response {
    let mut response = text(StatusCode::MOVED_PERMANENTLY, &format!("moved to {location}"));
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// A decoded path with every byte outside the unreserved set and `/` escaped as `%XX`.
fn percent_encode(path: &str) -> String {
    let mut encoded = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
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

#[cfg(test)]
mod tests {
    use std::io::{self, Read, Write};
    use std::net::{Ipv4Addr, TcpStream};
    use std::path::{Path, PathBuf};
    use std::sync::mpsc;
    use std::{env, fs, process, thread};

    use super::{
        app, cache_control, check_frame_ancestors, content_type, csp, map_path, normalize_base, percent_encode, Mapped,
        Site, CSP, DEFAULT_FRAME_ANCESTORS,
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

    /// The page of the test folders; its gzip and brotli copies say which one was sent.
    const PAGE: &str = "<!DOCTYPE html><title>t</title>";

    /// A folder with a page (and, standing in for its compressed copies, files that say what
    /// they are), a hashed WebAssembly file, a large stylesheet with no copies and a folder,
    /// served on a free port by the whole server ([`app`]) on a thread of its own.
    fn start(name: &str, base: &str, csp: Option<String>) -> (u16, PathBuf) {
        let dir = env::temp_dir().join(format!("xtask-serve-{name}-{}", process::id()));
        fresh_dir(&dir).unwrap_or_else(|error| panic!("cannot make {}: {error}", dir.display()));
        fs::create_dir_all(dir.join("icons")).unwrap_or_else(|error| panic!("{error}"));
        let write = |file: &str, bytes: &[u8]| {
            fs::write(dir.join(file), bytes).unwrap_or_else(|error| panic!("cannot write {file}: {error}"));
        };
        write("index.html", PAGE.as_bytes());
        write("index.html.gz", b"gzip copy");
        write("index.html.br", b"brotli copy");
        write("app-0123456789abcdef_bg.wasm", b"\0asm\x01\0\0\0");
        write("style.css", "body { color: black; }\n".repeat(100).as_bytes());
        write("icons/index.html", b"icons");
        write("한 글.txt", b"hangul");
        let site = Site {
            dir: dir.clone(),
            base: base.to_string(),
            csp,
        };
        let (sender, receiver) = mpsc::channel();
        thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap_or_else(|error| panic!("runtime: {error}"));
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
                    .await
                    .unwrap_or_else(|error| panic!("bind: {error}"));
                let port = listener.local_addr().map(|address| address.port()).unwrap_or(0);
                let _ = sender.send(port);
                let _ = axum::serve(listener, app(site)).await;
            });
        });
        let port = receiver
            .recv()
            .unwrap_or_else(|error| panic!("the server did not start: {error}"));
        (port, dir)
    }

    /// The raw response to one request, split into head and body; the request is sent as
    /// written, with `Connection: close` added so the server ends the connection.
    fn fetch(port: u16, request: &str) -> (String, Vec<u8>) {
        let mut stream = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).unwrap_or_else(|error| panic!("{error}"));
        let request = request.replacen("\r\n", "\r\nConnection: close\r\n", 1);
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

    /// Whether the response head has this header line (names are lowercase on the wire).
    fn has(head: &str, line: &str) -> bool {
        head.lines().any(|found| found.eq_ignore_ascii_case(line))
    }

    #[test]
    fn serves_a_hashed_wasm_file() {
        let (port, dir) = start("wasm", "/", None);
        let (head, body) = fetch(port, "GET /app-0123456789abcdef_bg.wasm HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
        assert!(has(&head, "content-type: application/wasm"), "{head}");
        assert!(
            has(&head, "cache-control: public, max-age=31536000, immutable"),
            "{head}"
        );
        assert!(has(&head, "content-length: 8"), "{head}");
        assert!(has(&head, "x-content-type-options: nosniff"), "{head}");
        assert!(!head.to_lowercase().contains("content-security-policy"), "{head}");
        assert_eq!(body, b"\0asm\x01\0\0\0");
        let _ = fs::remove_dir_all(dir);
    }

    #[test]
    fn head_of_the_index_under_a_base_with_csp() {
        let (port, dir) = start("base", "/sub/", Some(csp(DEFAULT_FRAME_ANCESTORS)));
        let (head, body) = fetch(port, "HEAD /sub/ HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
        assert!(has(&head, "content-type: text/html; charset=utf-8"), "{head}");
        assert!(has(&head, "cache-control: no-cache"), "{head}");
        assert!(has(&head, &format!("content-length: {}", PAGE.len())), "{head}");
        assert!(
            has(
                &head,
                "content-security-policy: default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; \
                 style-src 'self'; img-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; \
                 form-action 'none'; frame-ancestors 'self'"
            ),
            "{head}"
        );
        assert!(body.is_empty());
        let (head, _) = fetch(port, "GET /sub HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(head.starts_with("HTTP/1.1 301 Moved Permanently\r\n"), "{head}");
        assert!(has(&head, "location: /sub/"), "{head}");
        assert!(
            head.contains("frame-ancestors 'self'"),
            "a redirect carries the policy too: {head}"
        );
        let (head, _) = fetch(port, "GET /sub/icons?x=1 HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(
            has(&head, "location: /sub/icons/?x=1"),
            "a folder gets its final slash under the base: {head}"
        );
        let (head, body) = fetch(port, "GET /sub/icons/ HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n") && body == b"icons", "{head}");
        let (head, _) = fetch(port, "GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(head.starts_with("HTTP/1.1 404 Not Found\r\n"), "{head}");
        let (head, _) = fetch(port, "GET /sub/missing.js HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(
            head.starts_with("HTTP/1.1 404 Not Found\r\n") && has(&head, "x-content-type-options: nosniff"),
            "{head}"
        );
        let _ = fs::remove_dir_all(dir);
    }

    #[test]
    fn precompressed_copies_go_to_browsers_that_accept_them() {
        let (port, dir) = start("precompressed", "/", None);
        let get = |encodings: &str| {
            fetch(
                port,
                &format!("GET /index.html HTTP/1.1\r\nHost: x\r\nAccept-Encoding: {encodings}\r\n\r\n"),
            )
        };
        let (head, body) = get("gzip, deflate, br");
        assert!(has(&head, "content-encoding: br") && body == b"brotli copy", "{head}");
        assert!(
            has(&head, "content-type: text/html; charset=utf-8"),
            "the page's type, not the copy's: {head}"
        );
        assert!(has(&head, "vary: accept-encoding"), "{head}");
        assert!(has(&head, "cache-control: no-cache"), "{head}");
        let (head, body) = get("gzip");
        assert!(has(&head, "content-encoding: gzip") && body == b"gzip copy", "{head}");
        let (head, body) = get("identity");
        assert!(!head.to_lowercase().contains("content-encoding"), "{head}");
        assert_eq!(body, PAGE.as_bytes());
        // A file changed after its copies were written is sent itself.
        std::thread::sleep(std::time::Duration::from_millis(20));
        let changed = format!("{PAGE}<p>2</p>");
        fs::write(dir.join("index.html"), &changed).unwrap_or_else(|error| panic!("{error}"));
        let (head, body) = get("br");
        assert!(
            !has(&head, "content-encoding: br") || !body.starts_with(b"brotli copy"),
            "{head}"
        );
        let mut plain = Vec::new();
        if has(&head, "content-encoding: br") {
            brotli::BrotliDecompress(&mut &dechunk(&body)[..], &mut plain).unwrap_or_else(|error| panic!("{error}"));
        } else {
            plain = body;
        }
        assert_eq!(plain, changed.as_bytes());
        // A copy whose file is gone is not served: the file is missing.
        fs::write(dir.join("gone.js.br"), b"brotli copy").unwrap_or_else(|error| panic!("{error}"));
        let (head, _) = fetch(port, "GET /gone.js HTTP/1.1\r\nHost: x\r\nAccept-Encoding: br\r\n\r\n");
        assert!(head.starts_with("HTTP/1.1 404 Not Found\r\n"), "{head}");
        let _ = fs::remove_dir_all(dir);
    }

    #[test]
    fn files_without_copies_are_compressed_on_the_fly() {
        let (port, dir) = start("compress", "/", None);
        let stylesheet = fs::read(dir.join("style.css")).unwrap_or_else(|error| panic!("{error}"));
        let (head, body) = fetch(
            port,
            "GET /style.css HTTP/1.1\r\nHost: x\r\nAccept-Encoding: br\r\n\r\n",
        );
        assert!(has(&head, "content-encoding: br"), "{head}");
        assert!(has(&head, "content-type: text/css; charset=utf-8"), "{head}");
        // Compressed on the fly, the body is sent in chunks.
        let body = dechunk(&body);
        assert!(body.len() < stylesheet.len() / 5, "{} bytes", body.len());
        let mut plain = Vec::new();
        brotli::BrotliDecompress(&mut &body[..], &mut plain).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(plain, stylesheet);
        let (head, body) = fetch(
            port,
            "GET /style.css HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n",
        );
        assert!(has(&head, "content-encoding: gzip"), "{head}");
        let mut plain = Vec::new();
        flate2::read::GzDecoder::new(&dechunk(&body)[..])
            .read_to_end(&mut plain)
            .unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(plain, stylesheet);
        let _ = fs::remove_dir_all(dir);
    }

    #[test]
    fn ranges_and_escaped_names() {
        let (port, dir) = start("ranges", "/", None);
        let (head, body) = fetch(
            port,
            "GET /style.css HTTP/1.1\r\nHost: x\r\nRange: bytes=0-3\r\nAccept-Encoding: gzip\r\n\r\n",
        );
        assert!(head.starts_with("HTTP/1.1 206 Partial Content\r\n"), "{head}");
        assert!(
            !head.to_lowercase().contains("content-encoding"),
            "a range is never compressed: {head}"
        );
        assert_eq!(body, b"body");
        let (head, body) = fetch(port, "GET /%ED%95%9C%20%EA%B8%80.txt HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n") && body == b"hangul", "{head}");
        let (head, _) = fetch(port, "GET /../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(head.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{head}");
        let (head, _) = fetch(
            port,
            "POST /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
        );
        assert!(
            head.starts_with("HTTP/1.1 405 Method Not Allowed\r\n") && has(&head, "allow: GET, HEAD"),
            "{head}"
        );
        assert_eq!(percent_encode("a b/한.txt"), "a%20b/%ED%95%9C.txt");
        let _ = fs::remove_dir_all(dir);
    }

    #[test]
    fn a_file_with_its_own_policy_gets_it_under_csp() {
        let (port, dir) = start("own-policy", "/", Some(csp(DEFAULT_FRAME_ANCESTORS)));
        let own = "default-src 'none'; script-src 'sha256-abc'";
        fs::write(dir.join("single.html"), PAGE).unwrap_or_else(|error| panic!("{error}"));
        fs::write(dir.join("single.html.csp"), format!("{own}\n")).unwrap_or_else(|error| panic!("{error}"));
        let (head, _) = fetch(port, "GET /single.html HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(has(&head, &format!("content-security-policy: {own}")), "{head}");
        assert_eq!(
            head.to_lowercase().matches("content-security-policy").count(),
            1,
            "{head}"
        );
        let (head, _) = fetch(port, "GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(
            head.contains("frame-ancestors 'self'"),
            "the others get the site's: {head}"
        );
        let _ = fs::remove_dir_all(dir);
        let (port, dir) = start("own-policy-off", "/", None);
        fs::write(dir.join("single.html"), PAGE).unwrap_or_else(|error| panic!("{error}"));
        fs::write(dir.join("single.html.csp"), own).unwrap_or_else(|error| panic!("{error}"));
        let (head, _) = fetch(port, "GET /single.html HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(
            !head.to_lowercase().contains("content-security-policy"),
            "no --csp, no policy: {head}"
        );
        let _ = fs::remove_dir_all(dir);
    }

    /// A chunked body's data.
    fn dechunk(body: &[u8]) -> Vec<u8> {
        let mut data = Vec::new();
        let mut rest = body;
        loop {
            let Some(end) = rest.windows(2).position(|window| window == b"\r\n") else {
                return data;
            };
            let size = usize::from_str_radix(String::from_utf8_lossy(&rest[..end]).trim(), 16).unwrap_or(0);
            if size == 0 {
                return data;
            }
            data.extend_from_slice(&rest[end + 2..end + 2 + size]);
            rest = &rest[end + 2 + size + 2..];
        }
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
