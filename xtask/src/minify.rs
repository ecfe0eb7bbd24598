//! The release build's scripts and stylesheet, minified: the viewer's wasm-bindgen script, the
//! start script, `boot.js` and the stylesheet, which every first visit fetches, lose their
//! comments, indentation and long local names (issue 16: 6.4 KB of the 331 KB a first visit
//! fetched, gzip).
//!
//! esbuild does it (pinned, from npm, `crate::tools`): a transform of each file alone, which
//! keeps a module a module and a classic script's top-level names as they are. The page's own
//! files are minified before the pages are written from trunk's page, renamed by a hash of
//! their minified bytes, and the page's addresses and `integrity` attributes written again for
//! them. The viewer's script is minified only once the single-file build has inlined it as
//! wasm-bindgen wrote it, line by line; it keeps trunk's name, which it shares with its
//! WebAssembly and which the pages already carry (no page loads it with `integrity`, and what
//! a name holds differs then only by esbuild's version, for the same code). What host pages
//! and readers may read stays readable: `embed.js` (the host page's script) and the service
//! worker.

use std::fs;
use std::path::Path;

use sha2::{Digest, Sha384};

use crate::cmd;
use crate::error::{Error, Result};
use crate::single_file::base64;
use crate::tools;

/// Minifies the files `names` of `stage`, names each by a hash of its minified bytes, and
/// writes the stage's `index.html` again with the new names and the `integrity` of each.
///
/// A hashed name may be cached forever (README, Deploying), so it must always mean the same
/// bytes: named by trunk's hash of the readable file, a minified file would change under its
/// name with esbuild's version, and a browser that kept the old bytes would refuse them for
/// the page's new `integrity`.
pub fn run(root: &Path, stage: &Path, names: &[String]) -> Result<()> {
    minify_in_place(root, stage, names)?;
    let index_path = stage.join("index.html");
    let mut index = fs::read_to_string(&index_path).map_err(|error| Error::io("cannot read", &index_path, error))?;
    for name in names {
        let path = stage.join(name);
        let bytes = fs::read(&path).map_err(|error| Error::io("cannot read", &path, error))?;
        let renamed = renamed(name, &bytes)
            .ok_or_else(|| Error::new(format!("{}: no content hash in its name", path.display())))?;
        let to = stage.join(&renamed);
        fs::rename(&path, &to).map_err(|error| Error::io("cannot rename", &path, error))?;
        index = index.replace(&format!("\"./{name}\""), &format!("\"./{renamed}\""));
        index = with_integrity(&index, &renamed, &bytes);
    }
    fs::write(&index_path, index).map_err(|error| Error::io("cannot write", &index_path, error))
}

/// `name` (`stem-<hash>.ext`) with the hash of `bytes` in place of its hash; `None` when the
/// name carries none.
fn renamed(name: &str, bytes: &[u8]) -> Option<String> {
    if !crate::dist::has_content_hash(name) {
        return None;
    }
    let dash = name.rfind('-')?;
    let end = dash + 1 + name[dash + 1..].find(['.', '_'])?;
    Some(format!(
        "{}-{:016x}{}",
        &name[..dash],
        crate::dist::content_hash(bytes),
        &name[end..]
    ))
}

/// Minifies the files `names` of `dir` in place (the viewer's script, which no page loads with
/// `integrity`, and the bench's floor's, to be built as the viewer is).
pub fn minify_in_place(root: &Path, dir: &Path, names: &[String]) -> Result<()> {
    if names.is_empty() {
        return Err(Error::new(format!(
            "{}: no script or stylesheet to minify",
            dir.display()
        )));
    }
    let esbuild = tools::esbuild(root);
    let outdir = format!("--outdir={}", dir.display());
    let mut args: Vec<&str> = names.iter().map(String::as_str).collect();
    // UTF-8 as it is (the stylesheet's Korean would otherwise become escapes), and nothing said
    // unless something is wrong.
    args.extend([
        "--minify",
        "--charset=utf8",
        "--allow-overwrite",
        "--log-level=warning",
        &outdir,
    ]);
    let mut command = cmd::command(root, &esbuild.to_string_lossy(), &args);
    command.current_dir(dir);
    cmd::run(&mut command)
}

/// Of a build's top-level `names`, the page's own scripts and stylesheets: those named with a
/// content hash (trunk's, and the start script's) but the viewer's script (`app_stem-…`), in a
/// stable order.
pub fn page_files(names: &[String], app_stem: &str) -> Vec<String> {
    let mut minified: Vec<String> = names
        .iter()
        .filter(|name| (name.ends_with(".js") || name.ends_with(".css")) && crate::dist::has_content_hash(name))
        .filter(|name| !name.starts_with(app_stem))
        .cloned()
        .collect();
    minified.sort();
    minified
}

/// `html` with the `integrity` attribute of every tag that loads `./name` (`src` or `href`)
/// set to the SHA-384 of `bytes`; tags without one stay as they are.
fn with_integrity(html: &str, name: &str, bytes: &[u8]) -> String {
    let digest = format!("sha384-{}", base64(&Sha384::digest(bytes)));
    let mut page = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let Some(len) = rest[start..].find('>').map(|end| end + 1) else {
            break;
        };
        let tag = &rest[start..start + len];
        page.push_str(&rest[..start]);
        let loads = tag.contains(&format!("src=\"./{name}\"")) || tag.contains(&format!("href=\"./{name}\""));
        match tag.find("integrity=\"").filter(|_| loads) {
            Some(at) => {
                let value = at + "integrity=\"".len();
                let value_end = value + tag[value..].find('"').unwrap_or(0);
                page.push_str(&tag[..value]);
                page.push_str(&digest);
                page.push_str(&tag[value_end..]);
            }
            None => page.push_str(tag),
        }
        rest = &rest[start + len..];
    }
    page.push_str(rest);
    page
}

#[cfg(test)]
mod tests {
    use sha2::{Digest, Sha384};

    use super::{page_files, renamed, with_integrity};
    use crate::single_file::base64;

    #[test]
    fn the_page_files_are_its_hashed_scripts_and_stylesheets_but_the_viewers() {
        let names: Vec<String> = [
            "style-7b9a97aa6c56cf63.css",
            "boot-3685b0e4f2ccf948.js",
            "bulletin-viewer-f6871e1d59c63c84.js",
            "bulletin-viewer-f6871e1d59c63c84_bg.wasm",
            "embed.js",
            "sw.js",
            "index.html",
            "start-cb65e3a2a652bdec.js",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            page_files(&names, "bulletin-viewer"),
            [
                "boot-3685b0e4f2ccf948.js",
                "start-cb65e3a2a652bdec.js",
                "style-7b9a97aa6c56cf63.css",
            ]
        );
    }

    #[test]
    fn a_minified_file_is_named_by_what_it_holds() {
        let one = renamed("style-7b9a97aa6c56cf63.css", b"a{color:red}").expect("a hashed name");
        let other = renamed("style-7b9a97aa6c56cf63.css", b"a{color:blue}").expect("a hashed name");
        assert!(one.starts_with("style-") && one.ends_with(".css") && one.len() == "style-7b9a97aa6c56cf63.css".len());
        assert_ne!(one, other, "other bytes, another name");
        assert_eq!(
            renamed("style-0000000000000000.css", b"a{color:red}"),
            Some(one),
            "the name's old hash does not count"
        );
        assert!(renamed("boot-3685b0e4f2ccf948.js", b"x")
            .is_some_and(|name| name.starts_with("boot-") && name.ends_with(".js")));
        assert_eq!(renamed("embed.js", b"x"), None);
    }

    #[test]
    fn the_integrity_of_the_loading_tags_follows_the_minified_bytes() {
        let page = "<head><script src=\"./boot-0123456789abcdef.js\" integrity=\"sha384-old\"></script>\
            <link rel=\"stylesheet\" href=\"./style-0123456789abcdef.css\" integrity=\"sha384-kept\"/>\
            <script type=\"module\" async src=\"./start-0123456789abcdef.js\"></script></head>";
        let digest = format!("sha384-{}", base64(&Sha384::digest(b"document.title;")));
        let boot = with_integrity(page, "boot-0123456789abcdef.js", b"document.title;");
        assert_eq!(
            boot,
            page.replace("sha384-old", &digest),
            "the boot script's integrity, and nothing else, changes"
        );
        let start = with_integrity(&boot, "start-0123456789abcdef.js", b"x");
        assert_eq!(start, boot, "a tag without integrity stays as it is");
        assert_eq!(
            base64(&Sha384::digest(b"abc")),
            "ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn",
            "SHA-384 in base64, as browsers read integrity"
        );
    }
}
