//! The last step of `cargo xtask dist`: a gzip and a brotli copy beside every compressible
//! file of the build, for hosts that serve precompressed files as they are (nginx's
//! `gzip_static` and `brotli_static`, Caddy's `file_server { precompressed br gzip }`,
//! `cargo xtask serve`), so no host compresses them again on every request.
//!
//! It runs over whatever the output folder holds, so files later steps or other issues add
//! (an archive's `data/*.issue`) get their copies too. `name.gz` is gzip at its best level,
//! `name.br` brotli at quality 11; a file gets them only when it is text or WebAssembly
//! ([`is_compressible`]) and over [`MIN_BYTES`], and a copy is written only when it is
//! smaller than the file.
//!
//! Brotli at quality 11 takes seconds a megabyte, and an archive's build is mostly pages and
//! data files that did not change since the last build: a copy from the last build's output is
//! taken again when its file is byte for byte the same and the copy decompresses to it (which
//! costs a fraction of compressing), so a weekly build compresses what changed, not the whole
//! archive again. What is compressed is shared among the machine's cores.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::{Error, Result};

/// Files this size or smaller are left alone: their headers would cost what compression saves.
pub const MIN_BYTES: u64 = 1024;

/// The extensions of the copies, which are never compressed again.
const COPIES: [&str; 2] = [".gz", ".br"];

/// The file endings worth compressing: markup, scripts, WebAssembly, styles, vector images,
/// data. Images other than SVG, and fonts, are compressed already.
const COMPRESSIBLE: &[&str] = &[
    ".html",
    ".htm",
    ".js",
    ".mjs",
    ".wasm",
    ".css",
    ".svg",
    ".json",
    ".webmanifest",
    ".xml",
    ".txt",
    ".csv",
    ".map",
    ".issue",
    ".bin",
];

/// What was written, for the build's log.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Files that got copies.
    pub files: usize,
    /// Their bytes, as stored.
    pub raw: u64,
    /// The bytes of their gzip copies.
    pub gzip: u64,
    /// The bytes of their brotli copies.
    pub brotli: u64,
    /// Copies taken from the last build rather than compressed again.
    pub reused: usize,
}

/// Whether a file of this name gets precompressed copies (its size aside).
pub fn is_compressible(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    !COPIES.iter().any(|copy| name.ends_with(copy)) && COMPRESSIBLE.iter().any(|ending| name.ends_with(ending))
}

/// Writes `name.gz` and `name.br` beside every compressible file over [`MIN_BYTES`] below `dir`,
/// taking each copy from `previous` (the last build's output, if there is one) where the file
/// there is the same and its copy decompresses to it.
pub fn precompress(dir: &Path, previous: Option<&Path>) -> Result<Written> {
    let mut files = Vec::new();
    list(dir, Path::new(""), &mut files)?;
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let results: Vec<Result<Written>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers.min(files.len()).max(1))
            .map(|_| {
                scope.spawn(|| {
                    let mut written = Written::default();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(relative) = files.get(index) else {
                            return Ok(written);
                        };
                        copies_of(dir, relative, previous, &mut written)?;
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|_| Err(Error::new("a compression thread panicked")))
            })
            .collect()
    });
    let mut total = Written::default();
    for result in results {
        let written = result?;
        total.files += written.files;
        total.raw += written.raw;
        total.gzip += written.gzip;
        total.brotli += written.brotli;
        total.reused += written.reused;
    }
    Ok(total)
}

/// The compressible files below `dir`, as paths relative to the build's folder (`prefix`).
fn list(dir: &Path, prefix: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    let entries = fs::read_dir(dir).map_err(|error| Error::io("cannot list", dir, error))?;
    let mut paths: Vec<_> = entries
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<std::io::Result<_>>()
        .map_err(|error| Error::io("cannot list", dir, error))?;
    paths.sort();
    for path in paths {
        let Some(name) = path.file_name() else { continue };
        let relative = prefix.join(name);
        if path.is_dir() {
            list(&path, &relative, files)?;
        } else if is_compressible(&name.to_string_lossy()) {
            files.push(relative);
        }
    }
    Ok(())
}

/// The copies of one file (`relative` below `dir`), if it is large enough.
fn copies_of(dir: &Path, relative: &Path, previous: Option<&Path>, written: &mut Written) -> Result<()> {
    let path = dir.join(relative);
    let bytes = fs::read(&path).map_err(|error| Error::io("cannot read", &path, error))?;
    let raw = bytes.len() as u64;
    if raw <= MIN_BYTES {
        return Ok(());
    }
    // The last build's copies serve only when they are of these very bytes.
    let same_before = previous
        .map(|previous| previous.join(relative))
        .filter(|before| fs::read(before).is_ok_and(|before| before == bytes));
    let mut any = false;
    for ending in COPIES {
        let copy = with_ending(&path, ending);
        let kept = same_before
            .as_ref()
            .and_then(|before| fs::read(with_ending(before, ending)).ok())
            .filter(|kept| decompress(ending, kept).is_some_and(|inflated| inflated == bytes));
        let compressed = match kept {
            Some(kept) => {
                written.reused += 1;
                kept
            }
            None if ending == ".gz" => gzip(&bytes)?,
            None => brotli(&bytes)?,
        };
        if compressed.len() as u64 >= raw {
            // A copy no smaller than the file would only cost the host a lookup.
            if copy.exists() {
                fs::remove_file(&copy).map_err(|error| Error::io("cannot remove", &copy, error))?;
            }
            continue;
        }
        fs::write(&copy, &compressed).map_err(|error| Error::io("cannot write", &copy, error))?;
        match ending {
            ".gz" => written.gzip += compressed.len() as u64,
            _ => written.brotli += compressed.len() as u64,
        }
        any = true;
    }
    if any {
        written.files += 1;
        written.raw += raw;
    }
    Ok(())
}

/// `path` with `ending` added to its file name (`index.html` → `index.html.br`).
fn with_ending(path: &Path, ending: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(ending);
    PathBuf::from(name)
}

/// What a copy with `ending` holds, or `None` when it does not decompress.
fn decompress(ending: &str, copy: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    if ending == ".gz" {
        flate2::read::GzDecoder::new(copy).read_to_end(&mut out).ok()?;
    } else {
        brotli::BrotliDecompress(&mut &copy[..], &mut out).ok()?;
    }
    Some(out)
}

/// `bytes` as a gzip file, at the best level.
pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .map_err(|error| Error::new(format!("gzip failed: {error}")))
}

/// `bytes` as brotli, at quality 11 with a 4 MiB window.
pub fn brotli(bytes: &[u8]) -> Result<Vec<u8>> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)
        .map_err(|error| Error::new(format!("brotli failed: {error}")))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::io::Read;
    use std::{env, fs, process};

    use super::{is_compressible, precompress, Written};

    #[test]
    fn text_and_webassembly_are_compressible_images_and_copies_are_not() {
        for name in [
            "index.html",
            "app-0123456789abcdef_bg.wasm",
            "style.css",
            "icons/favicon.svg",
            "manifest.webmanifest",
            "data/2023-06-30.issue",
            "INDEX.HTML",
        ] {
            assert!(is_compressible(name), "{name}");
        }
        for name in [
            "icon-192.png",
            "index.html.gz",
            "app_bg.wasm.br",
            "font.woff2",
            "README",
        ] {
            assert!(!is_compressible(name), "{name}");
        }
    }

    #[test]
    fn copies_decompress_to_the_file_and_small_files_get_none() {
        let dir = env::temp_dir().join(format!("xtask-compress-{}", process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("sub")).unwrap_or_else(|error| panic!("{error}"));
        let page = "<p>정책동향 policy</p>\n".repeat(200);
        let write =
            |name: &str, bytes: &[u8]| fs::write(dir.join(name), bytes).unwrap_or_else(|error| panic!("{error}"));
        write("index.html", page.as_bytes());
        write("sub/data.json", page.as_bytes());
        write("small.js", b"console.log(1);");
        write("icon.png", page.as_bytes());
        let written = precompress(&dir, None).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(written.files, 2);
        assert_eq!(written.raw, 2 * page.len() as u64);
        assert!(
            written.gzip < written.raw / 10 && written.brotli < written.gzip,
            "{written:?}"
        );
        let read = |name: &str| fs::read(dir.join(name)).unwrap_or_else(|error| panic!("{name}: {error}"));
        let mut unzipped = String::new();
        flate2::read::GzDecoder::new(&read("index.html.gz")[..])
            .read_to_string(&mut unzipped)
            .unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(unzipped, page);
        let mut unbrotlied = Vec::new();
        brotli::BrotliDecompress(&mut &read("sub/data.json.br")[..], &mut unbrotlied)
            .unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(unbrotlied, page.as_bytes());
        for name in ["small.js.gz", "small.js.br", "icon.png.gz", "index.html.gz.gz"] {
            assert!(!dir.join(name).exists(), "{name} was written");
        }
        // A second run writes the same copies and compresses no copy.
        let again = precompress(&dir, None).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(again, written);
        assert_ne!(again, Written::default());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_last_builds_copies_serve_only_for_the_same_bytes_and_only_when_they_decompress_to_them() {
        let root = env::temp_dir().join(format!("xtask-compress-again-{}", process::id()));
        let _ = fs::remove_dir_all(&root);
        let (before, now) = (root.join("before"), root.join("now"));
        for dir in [&before, &now] {
            fs::create_dir_all(dir.join("data")).unwrap_or_else(|error| panic!("{error}"));
        }
        let write =
            |path: std::path::PathBuf, bytes: &[u8]| fs::write(path, bytes).unwrap_or_else(|error| panic!("{error}"));
        let same = "<p>지난 호 그대로 the same issue</p>\n".repeat(200);
        let damaged = "<p>사본이 망가진 파일 a damaged copy</p>\n".repeat(200);
        let old = "<p>지난주의 목록 last week's list</p>\n".repeat(200);
        let new = "<p>이번 주의 목록 this week's list</p>\n".repeat(200);
        write(before.join("2023-06-30.html"), same.as_bytes());
        write(before.join("data/old.bin"), damaged.as_bytes());
        write(before.join("index.html"), old.as_bytes());
        precompress(&before, None).unwrap_or_else(|error| panic!("{error}"));
        // A copy of the last build that is not of its file's bytes any more.
        write(before.join("data/old.bin.br"), b"not brotli at all");
        write(now.join("2023-06-30.html"), same.as_bytes());
        write(now.join("data/old.bin"), damaged.as_bytes());
        write(now.join("index.html"), new.as_bytes());
        let written = precompress(&now, Some(&before)).unwrap_or_else(|error| panic!("{error}"));
        // The unchanged page's two copies and the damaged file's good gzip copy.
        assert_eq!(written.reused, 3, "{written:?}");
        assert_eq!(written.files, 3);
        let read =
            |path: std::path::PathBuf| fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        assert_eq!(
            read(now.join("2023-06-30.html.br")),
            read(before.join("2023-06-30.html.br"))
        );
        for (name, text) in [
            ("data/old.bin", &damaged),
            ("index.html", &new),
            ("2023-06-30.html", &same),
        ] {
            let mut unbrotlied = Vec::new();
            brotli::BrotliDecompress(&mut &read(now.join(format!("{name}.br")))[..], &mut unbrotlied)
                .unwrap_or_else(|error| panic!("{name}: {error}"));
            assert_eq!(unbrotlied, text.as_bytes(), "{name}");
            let mut unzipped = String::new();
            flate2::read::GzDecoder::new(&read(now.join(format!("{name}.gz")))[..])
                .read_to_string(&mut unzipped)
                .unwrap_or_else(|error| panic!("{name}: {error}"));
            assert_eq!(&unzipped, text, "{name}");
        }
        let _ = fs::remove_dir_all(&root);
    }
}
