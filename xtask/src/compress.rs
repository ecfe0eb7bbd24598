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

use std::fs;
use std::io::Write;
use std::path::Path;

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
}

/// Whether a file of this name gets precompressed copies (its size aside).
pub fn is_compressible(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    !COPIES.iter().any(|copy| name.ends_with(copy)) && COMPRESSIBLE.iter().any(|ending| name.ends_with(ending))
}

/// Writes `name.gz` and `name.br` beside every compressible file over [`MIN_BYTES`] below `dir`.
pub fn precompress(dir: &Path) -> Result<Written> {
    let mut written = Written::default();
    walk(dir, &mut written)?;
    Ok(written)
}

fn walk(dir: &Path, written: &mut Written) -> Result<()> {
    let entries = fs::read_dir(dir).map_err(|error| Error::io("cannot list", dir, error))?;
    let mut paths: Vec<_> = entries
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<std::io::Result<_>>()
        .map_err(|error| Error::io("cannot list", dir, error))?;
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(&path, written)?;
            continue;
        }
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !is_compressible(&name) {
            continue;
        }
        let bytes = fs::read(&path).map_err(|error| Error::io("cannot read", &path, error))?;
        if bytes.len() as u64 <= MIN_BYTES {
            continue;
        }
        let raw = bytes.len() as u64;
        let copies = [(".gz", gzip(&bytes)?), (".br", brotli(&bytes)?)];
        let mut any = false;
        for (ending, compressed) in copies {
            let copy = path.with_file_name(format!("{name}{ending}"));
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
    }
    Ok(())
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
        let written = precompress(&dir).unwrap_or_else(|error| panic!("{error}"));
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
        let again = precompress(&dir).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(again, written);
        assert_ne!(again, Written::default());
        let _ = fs::remove_dir_all(&dir);
    }
}
