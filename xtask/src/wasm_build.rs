//! Which Rust toolchain builds the release WebAssembly, and with what flags.
//!
//! The release build uses the nightly pinned in [`tools::NIGHTLY`], because only a nightly can
//! rebuild the standard library for size: `-Zbuild-std` with std's `optimize_for_size`
//! feature, panics that abort at once (`-Cpanic=immediate-abort`: no panic machinery, no
//! messages), no file and line in panics (`-Zlocation-detail=none`) and `{:?}` that prints
//! nothing (`-Zfmt-debug=none`). Together they take about 34 KB off the WebAssembly, gzip
//! (docs/benchmark.md). Trunk's cargo gets the nightly and these settings through its
//! environment only ([`Toolchain::apply`]), so `cargo test`, clippy and the browser tests keep
//! building with stable, and the settings never leak into a host build.
//!
//! Where the nightly is not installed (`cargo xtask` could not download it), the build falls
//! back to stable with a one-line notice, and the facts file and the bench say which toolchain
//! built the WebAssembly.
//!
//! Under immediate-abort a panic is a WebAssembly trap that skips the panic hook: `static/boot.js`
//! catches the trap and shows the error screen instead.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Serialize;

use crate::cmd;
use crate::error::{Error, Result};
use crate::tools::{self, NIGHTLY};

/// `RUSTFLAGS` for the WebAssembly target only (cargo's `CARGO_TARGET_<triple>_RUSTFLAGS`).
pub const NIGHTLY_RUSTFLAGS: &str =
    "-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none";

/// The standard library crates rebuilt (cargo's `-Zbuild-std`).
pub const BUILD_STD: &str = "std,panic_abort";

/// The standard library's features for that rebuild (cargo's `-Zbuild-std-features`).
pub const BUILD_STD_FEATURES: &str = "optimize_for_size";

/// The toolchain that builds the release WebAssembly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Toolchain {
    /// [`NIGHTLY`], with the standard library's sources at this path.
    Nightly { library: PathBuf },
    /// The stable toolchain, because the nightly is not there.
    Stable,
}

/// What the facts file says about how the WebAssembly was built.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BuildFacts {
    /// `nightly-2026-10-29` or `stable`.
    pub toolchain: String,
    /// What `rustc --version` says for it.
    pub rustc: String,
    /// How a panic ends: `immediate-abort` (a trap, no hook, no message) or `abort` (the panic
    /// hook shows the message, then the trap).
    pub panic: &'static str,
}

/// The nightly when it is installed with its `rust-src`, else stable with a one-line notice.
pub fn choose(root: &Path) -> Toolchain {
    match tools::nightly_source(root) {
        Some(library) => Toolchain::Nightly { library },
        None => {
            println!("dist: {NIGHTLY} with rust-src is not installed; building the WebAssembly with stable, without the size flags (larger)");
            Toolchain::Stable
        }
    }
}

impl Toolchain {
    /// The toolchain's name as rustup knows it.
    pub fn name(&self) -> &'static str {
        match self {
            Toolchain::Nightly { .. } => NIGHTLY,
            Toolchain::Stable => "stable",
        }
    }

    /// Sets up `command` (trunk, which runs cargo) to build the WebAssembly with this toolchain.
    pub fn apply(&self, command: &mut Command) {
        match self {
            Toolchain::Nightly { .. } => {
                command
                    .env("RUSTUP_TOOLCHAIN", NIGHTLY)
                    .env("CARGO_UNSTABLE_BUILD_STD", BUILD_STD)
                    .env("CARGO_UNSTABLE_BUILD_STD_FEATURES", BUILD_STD_FEATURES)
                    .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS", NIGHTLY_RUSTFLAGS)
                    // RUSTFLAGS from the environment would replace the target's flags above.
                    .env_remove("RUSTFLAGS")
                    .env_remove("CARGO_ENCODED_RUSTFLAGS");
            }
            // The toolchain the xtask itself runs with, as before there was a nightly.
            Toolchain::Stable => {}
        }
    }

    /// Downloads what rebuilding the standard library needs from crates.io (its own
    /// dependencies, locked by `rust-src`'s Cargo.lock), so that trunk's offline cargo finds
    /// them; instant when they are there.
    pub fn fetch(&self, root: &Path) -> Result<()> {
        let Toolchain::Nightly { library } = self else {
            return Ok(());
        };
        let manifest = library.join("Cargo.toml");
        let manifest = manifest.to_string_lossy();
        let mut fetch = cmd::command(root, "cargo", &["fetch", "--quiet", "--manifest-path", &manifest]);
        fetch.env("RUSTUP_TOOLCHAIN", NIGHTLY);
        cmd::run(&mut fetch)
    }

    /// The facts of this build, for the facts file.
    pub fn facts(&self, root: &Path) -> Result<BuildFacts> {
        let mut rustc = cmd::command(root, "rustc", &["--version"]);
        if let Toolchain::Nightly { .. } = self {
            rustc.env("RUSTUP_TOOLCHAIN", NIGHTLY);
        }
        let Some(version) = cmd::first_line(&mut rustc) else {
            return Err(Error::new(format!(
                "`rustc --version` of {} printed nothing",
                self.name()
            )));
        };
        Ok(BuildFacts {
            toolchain: self.name().to_string(),
            rustc: version.trim().to_string(),
            panic: match self {
                Toolchain::Nightly { .. } => "immediate-abort",
                Toolchain::Stable => "abort",
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use std::process::Command;

    use super::{Toolchain, NIGHTLY_RUSTFLAGS};
    use crate::tools::NIGHTLY;

    fn env_of(command: &Command, name: &str) -> Option<String> {
        command
            .get_envs()
            .find(|(key, _)| *key == name)
            .and_then(|(_, value)| value.map(|value| value.to_string_lossy().into_owned()))
    }

    #[test]
    fn the_nightly_build_sets_only_the_wasm_target_flags() {
        let mut command = Command::new("trunk");
        Toolchain::Nightly { library: "/lib".into() }.apply(&mut command);
        assert_eq!(env_of(&command, "RUSTUP_TOOLCHAIN").as_deref(), Some(NIGHTLY));
        assert_eq!(
            env_of(&command, "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS").as_deref(),
            Some(NIGHTLY_RUSTFLAGS)
        );
        assert_eq!(
            env_of(&command, "CARGO_UNSTABLE_BUILD_STD").as_deref(),
            Some("std,panic_abort")
        );
        assert_eq!(
            env_of(&command, "RUSTFLAGS"),
            None,
            "RUSTFLAGS would replace the target's flags"
        );
    }

    #[test]
    fn the_stable_fallback_sets_no_unstable_flag() {
        let mut command = Command::new("trunk");
        Toolchain::Stable.apply(&mut command);
        assert_eq!(command.get_envs().count(), 0, "stable builds as it always did");
    }

    #[test]
    fn the_pinned_nightly_is_dated() {
        let date = NIGHTLY.strip_prefix("nightly-").unwrap_or_default();
        let parts: Vec<&str> = date.split('-').collect();
        assert_eq!(
            parts.iter().map(|part| part.len()).collect::<Vec<_>>(),
            [4, 2, 2],
            "{NIGHTLY}"
        );
    }
}
