//! The build tools, at pinned versions, installed by the xtask and never by hand.
//!
//! Trunk runs offline (Trunk.toml), so it must find wasm-bindgen and wasm-opt on PATH at
//! exactly the versions Trunk.toml names; [`ensure`] checks each tool and installs only
//! what is missing or at another version, so a second run installs nothing:
//!
//! - the `wasm32-unknown-unknown` target, with rustup;
//! - trunk [`TRUNK_VERSION`] and wasm-bindgen-cli at Cargo.lock's wasm-bindgen version,
//!   with `cargo install` into `$CARGO_HOME/bin`;
//! - wasm-opt from npm's `binaryen` [`BINARYEN_VERSION`] and esbuild [`ESBUILD_VERSION`], into
//!   `.tools/` (git-ignored);
//! - the nightly [`NIGHTLY`] with its `rust-src`, with rustup, for the release WebAssembly
//!   (`crate::wasm_build`); where it cannot be had, the build falls back to stable and says so;
//! - Chromium and chromedriver for the browser tests, and poppler's pdftotext for the import's
//!   end-to-end test, with apt-get when running as root.

use std::fs;
use std::path::{Path, PathBuf};

use crate::cmd;
use crate::error::{Error, Result};

/// The trunk release the build is written for (0.22 needs a newer rustc).
pub const TRUNK_VERSION: &str = "0.21.14";

/// The binaryen release wasm-opt comes from; Trunk.toml's `wasm_opt` is `version_` and this.
pub const BINARYEN_VERSION: &str = "132";

/// The esbuild release that minifies the release build's scripts and stylesheet (from npm).
pub const ESBUILD_VERSION: &str = "0.25.12";

/// The nightly the release WebAssembly is built with, pinned by date: only a nightly rebuilds
/// the standard library for size (`-Zbuild-std`, see `crate::wasm_build`). Tests and clippy
/// stay on the stable toolchain.
pub const NIGHTLY: &str = "nightly-2026-10-29";

/// The Rust target of the viewer.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Where the Debian packages put the browser the tests drive.
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// Where the Debian packages put the driver of that browser.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Where Debian's poppler-utils puts `pdftotext`, which the import's end-to-end test runs on
/// the reader's print.
pub const PDFTOTEXT: &str = "/usr/bin/pdftotext";

/// Whether a task drives a browser, and so needs Chromium.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Browser {
    /// Building and serving need no browser.
    NotNeeded,
    /// The browser tests do.
    Needed,
}

/// Makes sure every tool the task needs is there at its pinned version, installing what is not.
pub fn ensure(root: &Path, browser: Browser) -> Result<()> {
    let wasm_bindgen = pinned_wasm_bindgen(root)?;
    ensure_target(root)?;
    ensure_trunk(root)?;
    ensure_wasm_bindgen(root, &wasm_bindgen)?;
    ensure_wasm_opt(root)?;
    ensure_esbuild(root)?;
    ensure_nightly(root);
    if browser == Browser::Needed {
        ensure_chromium(root)?;
    }
    Ok(())
}

/// The wasm-bindgen version of Cargo.lock, after checking that Trunk.toml pins the same one
/// (and the binaryen release this module installs), since offline trunk would stop on a
/// mismatch with a less helpful message.
fn pinned_wasm_bindgen(root: &Path) -> Result<String> {
    let lock_path = root.join("Cargo.lock");
    let lock = fs::read_to_string(&lock_path).map_err(|error| Error::io("cannot read", &lock_path, error))?;
    let Some(locked) = locked_version(&lock, "wasm-bindgen") else {
        return Err(Error::new(format!(
            "{} has no wasm-bindgen package",
            lock_path.display()
        )));
    };
    let trunk_path = root.join("Trunk.toml");
    let trunk = fs::read_to_string(&trunk_path).map_err(|error| Error::io("cannot read", &trunk_path, error))?;
    let pinned = toml_value(&trunk, "tools", "wasm_bindgen");
    if pinned != Some(locked) {
        return Err(Error::new(format!(
            "{}: [tools] wasm_bindgen is {}, but Cargo.lock has wasm-bindgen {locked}; set wasm_bindgen = \"{locked}\"",
            trunk_path.display(),
            pinned.map_or("missing".to_string(), |pinned| format!("\"{pinned}\"")),
        )));
    }
    let wasm_opt = format!("version_{BINARYEN_VERSION}");
    if toml_value(&trunk, "tools", "wasm_opt") != Some(wasm_opt.as_str()) {
        return Err(Error::new(format!(
            "{}: [tools] wasm_opt must be \"{wasm_opt}\", the binaryen release `cargo xtask` installs",
            trunk_path.display()
        )));
    }
    Ok(locked.to_string())
}

fn ensure_target(root: &Path) -> Result<()> {
    let installed = cmd::command(root, "rustup", &["target", "list", "--installed"])
        .output()
        .map_err(|error| Error::new(format!("cannot run rustup (is it installed?): {error}")))?;
    if String::from_utf8_lossy(&installed.stdout)
        .lines()
        .any(|line| line.trim() == WASM_TARGET)
    {
        println!("tools: rust target {WASM_TARGET} ok");
        return Ok(());
    }
    println!("installing rust target {WASM_TARGET}…");
    cmd::run(&mut cmd::command(root, "rustup", &["target", "add", WASM_TARGET]))
}

fn ensure_trunk(root: &Path) -> Result<()> {
    if version_word(root, "trunk", 1).as_deref() == Some(TRUNK_VERSION) {
        println!("tools: trunk {TRUNK_VERSION} ok");
        return Ok(());
    }
    println!("installing trunk {TRUNK_VERSION}…");
    cargo_install(root, "trunk", TRUNK_VERSION)?;
    check_installed(root, "trunk", TRUNK_VERSION)
}

fn ensure_wasm_bindgen(root: &Path, version: &str) -> Result<()> {
    // One crate installs both; the test runner drives the browser tests.
    let programs = ["wasm-bindgen", "wasm-bindgen-test-runner"];
    if programs
        .iter()
        .all(|program| version_word(root, program, 1).as_deref() == Some(version))
    {
        println!("tools: wasm-bindgen {version} ok");
        return Ok(());
    }
    println!("installing wasm-bindgen-cli {version}…");
    cargo_install(root, "wasm-bindgen-cli", version)?;
    for program in programs {
        check_installed(root, program, version)?;
    }
    Ok(())
}

fn ensure_wasm_opt(root: &Path) -> Result<()> {
    ensure_npm_tool(root, "binaryen", BINARYEN_VERSION, "wasm-opt", wasm_opt_version)
}

fn ensure_esbuild(root: &Path) -> Result<()> {
    ensure_npm_tool(root, "esbuild", ESBUILD_VERSION, "esbuild", |root| {
        cmd::first_line(&mut cmd::command(
            root,
            &esbuild(root).to_string_lossy(),
            &["--version"],
        ))
    })
}

/// The esbuild [`ensure`] installs, which minifies the scripts and the stylesheet of a release
/// build (`crate::minify`).
pub fn esbuild(root: &Path) -> PathBuf {
    root.join(".tools/node_modules/.bin/esbuild")
}

/// Installs npm's `package` at `version` into `.tools/` unless `version_of` (what its
/// `program` says its version is) already reports that version.
fn ensure_npm_tool(
    root: &Path,
    package: &str,
    version: &str,
    program: &str,
    version_of: fn(&Path) -> Option<String>,
) -> Result<()> {
    if version_of(root).as_deref() == Some(version) {
        println!("tools: {program} ({package} {version}) ok");
        return Ok(());
    }
    println!("installing {program} ({package} {version})…");
    let dir = root.join(".tools");
    fs::create_dir_all(&dir).map_err(|error| Error::io("cannot create", &dir, error))?;
    let manifest = dir.join("package.json");
    if !manifest.exists() {
        let text = "{\n  \"name\": \"xtask-tools\",\n  \"private\": true,\n  \"description\": \"Build tools installed by cargo xtask; not part of the app.\"\n}\n";
        fs::write(&manifest, text).map_err(|error| Error::io("cannot write", &manifest, error))?;
    }
    let pinned = format!("{package}@{version}");
    let mut npm = cmd::command(
        root,
        "npm",
        &["install", "--no-audit", "--no-fund", "--save-exact", &pinned],
    );
    npm.current_dir(&dir);
    cmd::run(&mut npm)?;
    match version_of(root) {
        Some(found) if found == version => Ok(()),
        found => Err(Error::new(format!(
            "npm installed {pinned}, but .tools/node_modules/.bin/{program} --version reports {}",
            found.map_or("nothing".to_string(), |found| format!("version {found}"))
        ))),
    }
}

/// Installs [`NIGHTLY`] with `rust-src` when it is missing. A nightly that cannot be had (no
/// network, a date rustup no longer serves) stops nothing: the release build then uses stable
/// and says so (`crate::wasm_build::choose`).
fn ensure_nightly(root: &Path) {
    if nightly_source(root).is_some() {
        println!("tools: {NIGHTLY} with rust-src ok");
        return;
    }
    println!("installing {NIGHTLY} with rust-src (minimal profile)…");
    let mut rustup = cmd::command(
        root,
        "rustup",
        &[
            "toolchain",
            "install",
            NIGHTLY,
            "--profile",
            "minimal",
            "--component",
            "rust-src",
        ],
    );
    if let Err(error) = cmd::run(&mut rustup) {
        println!(
            "tools: {NIGHTLY} could not be installed ({error}); the release WebAssembly will be built with stable"
        );
    }
}

/// The standard library's sources of [`NIGHTLY`] (`library/` of its `rust-src`), when that
/// nightly and its `rust-src` are installed.
pub fn nightly_source(root: &Path) -> Option<PathBuf> {
    let mut rustc = cmd::command(root, "rustc", &["--print", "sysroot"]);
    rustc.env("RUSTUP_TOOLCHAIN", NIGHTLY).env("RUSTUP_AUTO_INSTALL", "0");
    let sysroot = cmd::first_line(&mut rustc)?;
    let library = Path::new(sysroot.trim()).join("lib/rustlib/src/rust/library");
    library.join("Cargo.lock").is_file().then_some(library)
}

/// `wasm-opt version 132 (version_132)` gives `132`.
fn wasm_opt_version(root: &Path) -> Option<String> {
    let program = root.join(".tools/node_modules/.bin/wasm-opt");
    let line = cmd::first_line(&mut cmd::command(root, &program.to_string_lossy(), &["--version"]))?;
    line.split_whitespace().nth(2).map(str::to_string)
}

fn ensure_chromium(root: &Path) -> Result<()> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        println!("tools: chromium and chromedriver ok");
        return Ok(());
    }
    install_debian(
        root,
        "Chromium",
        &["chromium", "chromium-driver", "fonts-noto-cjk"],
        &[CHROMIUM, CHROMEDRIVER],
    )
}

/// poppler's `pdftotext`, for the end-to-end test that imports the reader's own print.
pub fn ensure_pdftotext(root: &Path) -> Result<()> {
    if Path::new(PDFTOTEXT).exists() {
        println!("tools: pdftotext ok");
        return Ok(());
    }
    install_debian(root, "pdftotext", &["poppler-utils"], &[PDFTOTEXT])
}

/// Installs Debian `packages` with apt-get when running as root (otherwise stops with the
/// command to run), then checks that each of `paths` is there.
fn install_debian(root: &Path, what: &str, packages: &[&str], paths: &[&str]) -> Result<()> {
    let is_root = cmd::first_line(&mut cmd::command(root, "id", &["-u"])).as_deref() == Some("0");
    if !is_root {
        return Err(Error::new(format!(
            "missing {what}: run sudo apt-get install -y {}",
            packages.join(" ")
        )));
    }
    println!("installing {}…", packages.join(", "));
    let install = |root: &Path| {
        let mut apt = cmd::command(root, "apt-get", &["install", "-y"]);
        apt.args(packages).env("DEBIAN_FRONTEND", "noninteractive");
        cmd::run(&mut apt)
    };
    if install(root).is_err() {
        // A fresh machine's package lists may be empty or stale.
        cmd::run(cmd::command(root, "apt-get", &["update"]).env("DEBIAN_FRONTEND", "noninteractive"))?;
        install(root)?;
    }
    for path in paths {
        if !Path::new(path).exists() {
            return Err(Error::new(format!(
                "apt-get installed {}, but {path} is still missing",
                packages.join(" ")
            )));
        }
    }
    Ok(())
}

/// The `index`th word of `program --version` (`trunk 0.21.14` has the version at 1).
fn version_word(root: &Path, program: &str, index: usize) -> Option<String> {
    let line = cmd::first_line(&mut cmd::command(root, program, &["--version"]))?;
    line.split_whitespace().nth(index).map(str::to_string)
}

/// `cargo install` at a pinned version; with the crate's own lock file first, and without it
/// when that lock names a version this machine's crates.io index does not have yet.
pub fn cargo_install(root: &Path, krate: &str, version: &str) -> Result<()> {
    let locked = cmd::run(&mut cmd::command(
        root,
        "cargo",
        &["install", krate, "--version", version, "--locked"],
    ));
    if locked.is_ok() {
        return Ok(());
    }
    println!("cargo install --locked failed for {krate} {version}; retrying without --locked…");
    cmd::run(&mut cmd::command(
        root,
        "cargo",
        &["install", krate, "--version", version],
    ))
}

fn check_installed(root: &Path, program: &str, version: &str) -> Result<()> {
    match version_word(root, program, 1) {
        Some(found) if found == version => Ok(()),
        found => Err(Error::new(format!(
            "installed {program} {version}, but `{program} --version` on the tools' PATH reports {}",
            found.unwrap_or_else(|| "nothing".to_string())
        ))),
    }
}

/// The version of `package` in the text of a Cargo.lock (the first, if several are locked).
pub fn locked_version<'a>(lock: &'a str, package: &str) -> Option<&'a str> {
    let mut name = None;
    for line in lock.lines().map(str::trim) {
        if line == "[[package]]" {
            name = None;
        } else if let Some(value) = string_value(line, "name") {
            name = Some(value);
        } else if let Some(value) = string_value(line, "version") {
            if name == Some(package) {
                return Some(value);
            }
        }
    }
    None
}

/// The value of `key` in `[section]` of a small, flat TOML file such as Trunk.toml, without
/// its quotes. Enough for the pins read here; not a TOML parser.
pub fn toml_value<'a>(text: &'a str, section: &str, key: &str) -> Option<&'a str> {
    let header = format!("[{section}]");
    let mut inside = false;
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or_default().trim();
        if line.starts_with('[') {
            inside = line == header;
        } else if inside {
            if let Some((name, value)) = line.split_once('=') {
                if name.trim() == key {
                    let value = value.trim();
                    return Some(
                        value
                            .strip_prefix('"')
                            .and_then(|v| v.strip_suffix('"'))
                            .unwrap_or(value),
                    );
                }
            }
        }
    }
    None
}

/// `key = "value"` gives `value`.
fn string_value<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let (name, value) = line.split_once('=')?;
    if name.trim() != key {
        return None;
    }
    value.trim().strip_prefix('"')?.strip_suffix('"')
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::{locked_version, toml_value, BINARYEN_VERSION};
    use crate::repo_root;

    fn read(name: &str) -> String {
        let path = repo_root().join(name);
        fs::read_to_string(&path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
    }

    #[test]
    fn trunk_pins_the_locked_wasm_bindgen() {
        let lock = read("Cargo.lock");
        let trunk = read("Trunk.toml");
        let locked = locked_version(&lock, "wasm-bindgen");
        assert!(locked.is_some(), "Cargo.lock has no wasm-bindgen");
        assert_eq!(toml_value(&trunk, "tools", "wasm_bindgen"), locked);
    }

    #[test]
    fn trunk_pins_the_installed_wasm_opt() {
        let trunk = read("Trunk.toml");
        let expected = format!("version_{BINARYEN_VERSION}");
        assert_eq!(toml_value(&trunk, "tools", "wasm_opt"), Some(expected.as_str()));
    }

    #[test]
    fn trunk_never_downloads() {
        let trunk = read("Trunk.toml");
        assert_eq!(toml_value(&trunk, "build", "offline"), Some("true"));
    }

    #[test]
    fn locked_version_reads_the_named_package() {
        let lock = "[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"0.2.1\"\n\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n";
        assert_eq!(locked_version(lock, "wasm-bindgen"), Some("0.2.130"));
        assert_eq!(locked_version(lock, "yew"), None);
    }

    #[test]
    fn toml_value_reads_only_its_section() {
        let text = "[build]\nrelease = true # comment\n[tools]\nwasm_opt = \"version_132\"\n";
        assert_eq!(toml_value(text, "build", "release"), Some("true"));
        assert_eq!(toml_value(text, "tools", "wasm_opt"), Some("version_132"));
        assert_eq!(toml_value(text, "tools", "release"), None);
    }
}
