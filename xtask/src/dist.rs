//! `cargo xtask dist`: the release build of the reader, as a list of steps.
//!
//! The archive is read first: every source in `bulletins/` parsed and checked together, so a
//! bad file stops the build with every error of every file before anything is built. Trunk
//! builds next (Rust to WebAssembly, wasm-bindgen, wasm-opt, hashed file names); the steps
//! after it read and rewrite what trunk left: the scripts and the stylesheet minified
//! ([`crate::minify`]), the issues' data files, a pre-rendered page for every issue and
//! `index.html` for the newest, the feed, the single-file build, the service worker, and last
//! gzip and brotli copies of every large file ([`crate::compress`]). Trunk's cargo builds the
//! WebAssembly on the pinned nightly when it is there ([`crate::wasm_build`]). Everything is
//! built in a staging folder beside the output and moved into place only when every step
//! succeeded, so a failed build never leaves a half-built site behind.
//! The tools must already be in place ([`crate::tools::ensure`]).

use std::fs;
use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};

use bulletin::address::{Page, LEGACY_ISSUE};
use bulletin::model::Date;
use bulletin::site::{PageKind, Site};

use crate::archive::{Archive, DataFiles};
use crate::cmd;
use crate::error::{Error, Result};
use crate::prerender;
use crate::wasm_build::Toolchain;

/// What to build and where.
pub struct Options {
    /// The output folder, absolute.
    pub out: PathBuf,
    /// The folder of sources to build (every `*.md` but its README); `bulletins/` when none.
    pub bulletins: Option<PathBuf>,
    /// One source to build as a site of one issue instead of a folder (a generated fixture).
    pub bulletin: Option<PathBuf>,
    /// The issue whose single-file build to write; the newest when none.
    pub single: Option<Date>,
    /// The site's address, for the feed's absolute links.
    pub site_url: Option<String>,
    /// A worker that takes over as soon as it is installed and reloads the open pages
    /// (`--urgent`: a security fix, broken data).
    pub urgent: bool,
    /// The kill switch instead of a worker (`--retire-worker`): `sw.js` withdraws any worker
    /// the reader's browser installed, and no page registers one.
    pub retire_worker: bool,
    /// The live preview's build (`serve --watch`, `crate::watch`): every page loads the script
    /// that follows the sources, trunk's page is kept for the rebuilds, and the release-only
    /// steps (facts, single file, service worker) are left out.
    pub watch: bool,
}

impl Options {
    /// Builds `bulletins/` into `out`, with the newest issue's single file.
    pub fn new(out: PathBuf) -> Options {
        Options {
            out,
            bulletins: None,
            bulletin: None,
            single: None,
            site_url: None,
            urgent: false,
            retire_worker: false,
            watch: false,
        }
    }
}

/// What the steps share: the request, and what earlier steps learnt.
struct Build<'a> {
    root: &'a Path,
    options: &'a Options,
    /// Where the steps write: the output folder's staging sibling.
    stage: PathBuf,
    /// The issues, once read.
    archive: Option<Archive>,
    /// Their data files, once written.
    data: Option<DataFiles>,
    /// Everything trunk printed, for the checks that it ran as intended.
    trunk_log: String,
    /// The toolchain that builds the WebAssembly.
    toolchain: Toolchain,
}

impl Build<'_> {
    fn archive(&self) -> Result<&Archive> {
        self.archive
            .as_ref()
            .ok_or_else(|| Error::new("the archive was not read"))
    }

    fn data(&self) -> Result<&DataFiles> {
        self.data
            .as_ref()
            .ok_or_else(|| Error::new("the data files were not written"))
    }
}

/// One step of the build.
struct Step {
    /// Shown in the step's header line.
    name: &'static str,
    run: fn(&mut Build) -> Result<()>,
    /// Which builds run it.
    part: Part,
}

/// Which builds run a step: every build runs the first two kinds, the live preview
/// (`serve --watch`) runs [`Part::Sources`] again after every change of a source.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Once a build: reading the archive (the preview reads it itself, to show each error),
    /// trunk and what rewrites or checks trunk's output.
    Once,
    /// What the sources decide: the data files, the pages, the feed ([`build_sources`]).
    Sources,
    /// The release build's alone: what a preview has no use for, or must not have (a worker
    /// would serve it stale pages).
    Release,
    /// The preview's alone: the script that follows the sources, in every page.
    Watch,
}

impl Part {
    fn runs_in(self, options: &Options) -> bool {
        match self {
            Part::Once | Part::Sources => true,
            Part::Release => !options.watch,
            Part::Watch => options.watch,
        }
    }
}

/// The steps, in order.
const STEPS: &[Step] = &[
    Step {
        name: "read and check every issue",
        run: read_archive,
        part: Part::Once,
    },
    Step {
        name: "cargo fetch",
        run: cargo_fetch,
        part: Part::Once,
    },
    Step {
        name: "trunk build --release",
        run: trunk_build,
        part: Part::Once,
    },
    Step {
        name: "check trunk's tools",
        run: check_trunk_log,
        part: Part::Once,
    },
    Step {
        name: "start the app after the first paint",
        run: start_after_first_paint,
        part: Part::Once,
    },
    Step {
        name: "move inline scripts into files",
        run: external_scripts,
        part: Part::Once,
    },
    Step {
        name: "minify the page's scripts and stylesheet",
        run: minify_page_files,
        part: Part::Release,
    },
    Step {
        name: "build the start-up without Yew",
        run: start_up_build,
        // The preview starts the viewer at once (its pages name no start-up).
        part: Part::Release,
    },
    Step {
        name: "write the issues' data files",
        run: data_files,
        part: Part::Sources,
    },
    Step {
        name: "pre-render every issue's page",
        run: prerender_pages,
        part: Part::Sources,
    },
    Step {
        name: "write the feed",
        run: feed,
        part: Part::Sources,
    },
    Step {
        name: "write the facts file for the JavaScript tests and the bench",
        run: facts_file,
        part: Part::Release,
    },
    Step {
        name: "load the live preview's script in every page",
        run: watch_script,
        part: Part::Watch,
    },
    Step {
        name: "write the single-file build",
        run: single_file_build,
        part: Part::Release,
    },
    Step {
        name: "minify the viewer's script",
        run: minify_viewer_script,
        part: Part::Release,
    },
    Step {
        name: "write the service worker",
        run: service_worker,
        part: Part::Release,
    },
    Step {
        name: "check the output",
        run: check_output,
        part: Part::Once,
    },
    Step {
        name: "write gzip and brotli copies of the large files",
        run: precompressed_copies,
        // Not in the preview: its pages change under the server, which would serve stale copies.
        part: Part::Release,
    },
];

/// The file stem trunk gives the viewer's script and WebAssembly (the bin's name).
const APP_STEM: &str = "bulletin-viewer";

/// Runs every step in a staging folder, moves it into place, then lists its files with their
/// sizes. A failed step leaves the output folder as it was.
pub fn run(root: &Path, options: &Options) -> Result<()> {
    let stage = staging_folder(&options.out)?;
    if stage.exists() {
        fs::remove_dir_all(&stage).map_err(|error| Error::io("cannot empty", &stage, error))?;
    }
    let mut build = Build {
        root,
        options,
        stage: stage.clone(),
        archive: None,
        data: None,
        trunk_log: String::new(),
        toolchain: crate::wasm_build::choose(root),
    };
    println!("dist: the WebAssembly is built with {}", build.toolchain.name());
    for step in STEPS.iter().filter(|step| step.part.runs_in(options)) {
        println!("dist: {}", step.name);
        if let Err(error) = (step.run)(&mut build) {
            let _ = fs::remove_dir_all(&stage);
            return Err(Error::new(format!("dist: {}: {error}", step.name)));
        }
    }
    replace(&stage, &options.out)?;
    print_files(&options.out)
}

/// Runs again the steps the sources decide ([`Part::Sources`]: data files, pages, feed) for
/// `archive`, into `folder`, which holds trunk's page as a build left it (`.template.html`):
/// the live preview's rebuild after a source changed (`crate::watch`). Gives the archive back.
pub fn build_sources(root: &Path, options: &Options, archive: Archive, folder: &Path) -> Result<Archive> {
    let mut build = Build {
        root,
        options,
        stage: folder.to_path_buf(),
        archive: Some(archive),
        data: None,
        trunk_log: String::new(),
        // The source steps build no WebAssembly: no toolchain to choose (or to warn about).
        toolchain: crate::wasm_build::Toolchain::Stable,
    };
    for step in STEPS.iter().filter(|step| step.part == Part::Sources) {
        (step.run)(&mut build).map_err(|error| Error::new(format!("{}: {error}", step.name)))?;
    }
    build
        .archive
        .take()
        .ok_or_else(|| Error::new("the archive was not read"))
}

/// The staging folder of `out`: its sibling `.<name>.partial`.
fn staging_folder(out: &Path) -> Result<PathBuf> {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return Err(Error::new(format!("{}: not a folder a build can go to", out.display())));
    };
    Ok(parent.join(format!(".{}.partial", name.to_string_lossy())))
}

/// Puts the finished build at `out`, in place of the one there.
fn replace(stage: &Path, out: &Path) -> Result<()> {
    if out.exists() {
        fs::remove_dir_all(out).map_err(|error| Error::io("cannot remove the old build", out, error))?;
    }
    fs::rename(stage, out).map_err(|error| Error::io("cannot move the build into place at", out, error))
}

/// Every issue, parsed and checked together; their warnings printed.
fn read_archive(build: &mut Build) -> Result<()> {
    let archive = match &build.options.bulletin {
        Some(file) => crate::archive::read_one(build.root, file)?,
        None => {
            let dir = build
                .options
                .bulletins
                .clone()
                .unwrap_or_else(|| build.root.join("bulletins"));
            crate::archive::read(build.root, &dir)?
        }
    };
    archive.print_warnings();
    if let Some(single) = build.options.single {
        if archive.position(single).is_none() {
            return Err(Error::new(format!(
                "--single {}: the archive holds no issue of that date",
                single.iso()
            )));
        }
    }
    println!(
        "dist: {} issues, newest {}",
        archive.sources.len(),
        archive.newest().meta.date.iso()
    );
    build.archive = Some(archive);
    Ok(())
}

/// `data/`: one file an issue, the catalog and the search bundles (one a year).
fn data_files(build: &mut Build) -> Result<()> {
    let files = build.archive()?.data_files()?;
    files.write(&build.stage)?;
    build.data = Some(files);
    Ok(())
}

/// What the meta tags of the page of the issue at `index` say.
fn site_of(archive: &Archive, data: &DataFiles, index: usize, kind: PageKind) -> Site {
    let issue = &archive.sources[index].issue;
    let date = issue.meta.date;
    let (older, newer) = archive.neighbours(date);
    let archive_files = kind != PageKind::Single;
    Site {
        kind,
        issue: date,
        issue_data: data.issues[index].name.clone(),
        issue_inline: None,
        older: older.filter(|_| archive_files),
        newer: newer.filter(|_| archive_files),
        // Named only on the page just before the newest (whose link to the newer issue is the
        // link to the newest), so that no other page changes when an issue comes out.
        newest: newer.filter(|newer| archive_files && *newer == archive.newest().meta.date),
        // With one issue, the app makes the archive's list and the search of the issue the page
        // holds, without fetching anything (the first issue's page changes with the second
        // anyway: it gains its link to the newer issue).
        archive: (archive_files && archive.sources.len() > 1).then(|| bulletin::site::ARCHIVE_FILE.to_string()),
    }
}

/// `index.html` (the newest issue) and `<date>.html` for every issue, from trunk's
/// index.html as the template.
fn prerender_pages(build: &mut Build) -> Result<()> {
    let archive = build.archive()?;
    let data = build.data()?;
    let template = keep_template(&build.stage)?;
    let page = |index: usize, kind: PageKind, file: String| {
        let issue = &archive.sources[index].issue;
        let legacy =
            (kind == PageKind::Root && issue.meta.date != LEGACY_ISSUE && archive.position(LEGACY_ISSUE).is_some())
                .then(|| Page::file_of(LEGACY_ISSUE));
        prerender::Page {
            file,
            site: site_of(archive, data, index, kind),
            data: build.stage.join(&data.issues[index].name),
            title: issue.title(),
            description: issue.description(prerender::DESCRIPTION_CHARS),
            legacy,
        }
    };
    let mut pages = vec![page(0, PageKind::Root, "index.html".to_string())];
    for (index, source) in archive.sources.iter().enumerate() {
        pages.push(page(index, PageKind::Issue, Page::file_of(source.issue.meta.date)));
    }
    if build.options.watch {
        prerender::write_pages_again(build.root, &build.stage, &template, &pages).map(drop)
    } else {
        prerender::run(build.root, &build.stage, &template, &pages)
    }
}

/// Trunk's page before pre-rendering, kept for the single file's page and the worker's
/// offline page (and removed by the worker's step), and in the live preview for its rebuilds.
pub const TEMPLATE: &str = ".template.html";

/// Trunk's page: [`TEMPLATE`] once kept, else `index.html`, which is then kept as [`TEMPLATE`]
/// before the pre-rendered root page replaces it.
fn keep_template(stage: &Path) -> Result<String> {
    let kept = stage.join(TEMPLATE);
    if kept.is_file() {
        return fs::read_to_string(&kept).map_err(|error| Error::io("cannot read", &kept, error));
    }
    let index = stage.join("index.html");
    let template = fs::read_to_string(&index).map_err(|error| Error::io("cannot read", &index, error))?;
    fs::write(&kept, &template).map_err(|error| Error::io("cannot write", &kept, error))?;
    Ok(template)
}

/// The live preview's script in every page, and its first state: see `crate::watch`.
fn watch_script(build: &mut Build) -> Result<()> {
    crate::watch::prepare(&build.stage)
}

/// `feed.xml`.
fn feed(build: &mut Build) -> Result<()> {
    let xml = crate::feed::write(build.archive()?, build.options.site_url.as_deref());
    let path = build.stage.join(crate::feed::FILE_NAME);
    fs::write(&path, xml).map_err(|error| Error::io("cannot write", &path, error))
}

/// Offline trunk (Trunk.toml) also builds with `cargo --offline`, so the crates Cargo.lock
/// names must already be here, and those of the standard library when the nightly rebuilds
/// it; fetching them is instant when they are.
fn cargo_fetch(build: &mut Build) -> Result<()> {
    cmd::run(&mut cmd::command(build.root, "cargo", &["fetch", "--quiet"]))?;
    build.toolchain.fetch(build.root)
}

fn trunk_build(build: &mut Build) -> Result<()> {
    // The log filter adds trunk's debug lines about which tool binaries it uses and when it
    // calls wasm-opt, which the next step checks; `--offline` also skips trunk's update check.
    let log = "error,trunk=info,trunk::tools=debug,trunk::pipelines::rust=debug";
    let out = build.stage.to_string_lossy().into_owned();
    let mut trunk = cmd::command(
        build.root,
        "trunk",
        &[
            "--offline",
            "--skip-version-check",
            "--no-color",
            "--log",
            log,
            "build",
            "--release",
            "--dist",
            &out,
        ],
    );
    build.toolchain.apply(&mut trunk);
    if std::env::var_os("RUST_LIB_BACKTRACE").is_none() {
        // Trunk's errors already list their causes; a stack trace of trunk itself only
        // buries the compiler's message when RUST_BACKTRACE is set for other reasons.
        trunk.env("RUST_LIB_BACKTRACE", "0");
    }
    // The debug lines are for the checks, not for the reader.
    build.trunk_log = cmd::run_teed(&mut trunk, |line| line.split_whitespace().nth(1) == Some("DEBUG"))?;
    Ok(())
}

/// Trunk must have used the pinned tools from PATH, downloaded nothing and run wasm-opt.
fn check_trunk_log(build: &mut Build) -> Result<()> {
    let log = &build.trunk_log;
    for tool in ["wasm-bindgen", "wasm-opt"] {
        let used_system = log
            .lines()
            .any(|line| line.contains("using system installed binary") && line.contains(&format!("/{tool} ")));
        if !used_system {
            return Err(Error::new(format!(
                "trunk did not report using the installed {tool} from PATH"
            )));
        }
    }
    if let Some(line) = log.lines().find(|line| line.to_lowercase().contains("download")) {
        return Err(Error::new(format!("trunk mentions a download: {}", line.trim())));
    }
    if !log.lines().any(|line| line.contains("calling wasm-opt")) {
        return Err(Error::new(
            "trunk did not run wasm-opt; index.html's data-wasm-opt is missing or off",
        ));
    }
    Ok(())
}

/// The wasm-bindgen output trunk staged before wasm-opt, from its log line
/// `copying <target>/wasm-bindgen/release/bulletin-viewer_bg.wasm to <stage>/…`.
fn unoptimized_wasm(log: &str) -> Option<PathBuf> {
    log.lines().find_map(|line| {
        let marker = "DEBUG copying ";
        let rest = &line[line.find(marker)? + marker.len()..];
        let (from, _) = rest.split_once(" to ")?;
        from.ends_with("_bg.wasm").then(|| PathBuf::from(from))
    })
}

/// The build's facts (the issue, the interface strings …) as JSON beside the build, from the
/// prerender binary the step before built: see `crate::facts`.
fn facts_file(build: &mut Build) -> Result<()> {
    let built = build.toolchain.facts(build.root)?;
    let path = crate::facts::write(build.root, &build.options.out, build.archive()?, build.data()?, &built)?;
    println!("dist: wrote {}", path.display());
    Ok(())
}

/// `bulletin-<date>.html`: the page with everything inlined, for `file://` and mail.
/// Before the service worker step, so it is not precached and names no worker.
fn single_file_build(build: &mut Build) -> Result<()> {
    let archive = build.archive()?;
    let data = build.data()?;
    let index = match build.options.single {
        Some(date) => archive.position(date).unwrap_or(0),
        None => 0,
    };
    let issue = &archive.sources[index].issue;
    let mut site = site_of(archive, data, index, PageKind::Single);
    site.issue_inline = Some(crate::single_file::data_address(&data.issues[index].bytes));
    let work = crate::target::dir(build.root)?.join("single");
    fs::create_dir_all(&work).map_err(|error| Error::io("cannot create", &work, error))?;
    let template_path = build.stage.join(TEMPLATE);
    let template =
        fs::read_to_string(&template_path).map_err(|error| Error::io("cannot read", &template_path, error))?;
    let page = prerender::Page {
        file: "single.html".to_string(),
        site,
        data: build.stage.join(&data.issues[index].name),
        title: issue.title(),
        description: issue.description(prerender::DESCRIPTION_CHARS),
        legacy: None,
    };
    prerender::render_to(build.root, &work, &template, &page)?;
    let page_path = work.join("single.html");
    let html = fs::read_to_string(&page_path).map_err(|error| Error::io("cannot read", &page_path, error))?;
    let name = crate::single_file::run(&build.stage, &html, issue.meta.date)?;
    println!("dist: wrote {name}");
    Ok(())
}

/// `sw.js`: the worker, which keeps this build's shell (index.html, the newest issue's page,
/// scripts, WebAssembly, stylesheet, icons, manifest, the catalog) in a cache of its own and
/// the search bundles and every issue's data file in a cache shared by builds; or, with
/// `--retire-worker`, the kill switch.
fn service_worker(build: &mut Build) -> Result<()> {
    let template_path = build.stage.join(TEMPLATE);
    let template =
        fs::read_to_string(&template_path).map_err(|error| Error::io("cannot read", &template_path, error))?;
    fs::remove_file(&template_path).map_err(|error| Error::io("cannot remove", &template_path, error))?;
    if build.options.retire_worker {
        crate::service_worker::retire(&build.stage)?;
        println!(
            "dist: wrote {}, which withdraws the worker; no page registers one",
            crate::service_worker::FILE_NAME
        );
        return Ok(());
    }
    let archive = build.archive()?;
    let data = build.data()?;
    let newest = archive.newest().meta.date;
    let newest_page = Page::file_of(newest);
    let issues: Vec<crate::service_worker::IssueFile> = archive
        .sources
        .iter()
        .zip(&data.issues)
        .map(|(source, file)| crate::service_worker::IssueFile {
            date: source.issue.meta.date,
            data: file.name.clone(),
            size: file.bytes.len() as u64,
        })
        .collect();
    let pages: Vec<String> = issues.iter().map(|issue| Page::file_of(issue.date)).collect();
    let data_files: Vec<String> = issues.iter().map(|issue| issue.data.clone()).collect();
    let skip = |name: &str| {
        crate::single_file::is_single_file(name)
            || name.ends_with(crate::single_file::POLICY_SUFFIX)
            || name == "embed.js"
            || name == crate::feed::FILE_NAME
            || (name != newest_page && pages.iter().any(|page| page == name))
            || data_files.iter().any(|file| file == name)
            || data.search.iter().any(|file| file.name == name)
    };
    let worker = crate::service_worker::Worker {
        skip: &skip,
        shell: offline_page(archive, data, &template)?,
        issues,
        search: data
            .search
            .iter()
            .map(|file| (file.name.clone(), file.bytes.len() as u64))
            .collect(),
        urgent: build.options.urgent,
    };
    let written = crate::service_worker::run(&build.stage, &worker)?;
    println!(
        "dist: wrote {}{}, cache version {}: {} files and the newest issue's data precached ({}), \
         every issue's data {}",
        crate::service_worker::FILE_NAME,
        if build.options.urgent { " (urgent)" } else { "" },
        written.version,
        written.n_files,
        human_size(written.precached_bytes),
        human_size(written.archive_bytes),
    );
    Ok(())
}

/// `name.gz` and `name.br` beside each large compressible file, for hosts that serve them as
/// they are; last, so that every file the steps wrote gets its copies and none is precached.
fn precompressed_copies(build: &mut Build) -> Result<()> {
    // The last build's output, whose copies serve again for the files that did not change.
    let previous = Some(build.options.out.as_path()).filter(|out| *out != build.stage && out.is_dir());
    let written = crate::compress::precompress(&build.stage, previous)?;
    println!(
        "dist: {} files precompressed: {} to {} gzip, {} brotli ({} copies taken again from the last build)",
        written.files,
        human_size(written.raw),
        human_size(written.gzip),
        human_size(written.brotli),
        written.reused
    );
    Ok(())
}

/// The page the worker shows an issue in offline when it is not the newest: trunk's page with
/// the site's meta tags, the issue's own values left as the worker's tokens, and `#app` empty
/// (the app renders the issue from its data file instead of hydrating a pre-rendered one).
fn offline_page(archive: &Archive, data: &DataFiles, template: &str) -> Result<String> {
    use crate::service_worker::SHELL_TOKENS;
    use bulletin::site::{meta, META_PREFIX};
    let site = site_of(archive, data, 0, PageKind::Issue);
    let mut pairs: Vec<(&str, String)> = site
        .to_pairs()
        .into_iter()
        .filter(|(name, _)| ![meta::ISSUE, meta::ISSUE_DATA, meta::OLDER, meta::NEWER, meta::NEWEST].contains(name))
        .collect();
    for (name, token) in [meta::ISSUE, meta::ISSUE_DATA, meta::OLDER, meta::NEWER, meta::NEWEST]
        .into_iter()
        .zip(SHELL_TOKENS)
    {
        pairs.push((name, token.to_string()));
    }
    let mut head = String::new();
    for (name, value) in &pairs {
        head.push_str(&format!(
            "\n  <meta name=\"{META_PREFIX}{name}\" content=\"{}\">",
            prerender::attribute(value)
        ));
    }
    prerender::with_head(template, &head)
}

/// The page's own scripts and stylesheet minified and named by a hash of what they hold now,
/// before the pages are written from trunk's page (whose addresses and `integrity` attributes
/// follow them).
fn minify_page_files(build: &mut Build) -> Result<()> {
    let names = crate::minify::page_files(&file_names(&build.stage)?, APP_STEM);
    crate::minify::run(build.root, &build.stage, &names)
}

/// The viewer's script minified, once the single file has inlined it as wasm-bindgen wrote it;
/// no page loads it with `integrity` (`start.js` imports it).
fn minify_viewer_script(build: &mut Build) -> Result<()> {
    let names = file_names(&build.stage)?;
    let glue = app_file(&names, ".js")
        .ok_or_else(|| Error::new(format!("{} has no {APP_STEM}-<hash>.js", build.stage.display())))?;
    crate::minify::minify_in_place(build.root, &build.stage, std::slice::from_ref(glue))
}

/// The file stem of the start-up without Yew (`crates/start`).
const START_STEM: &str = "bulletin-start";

/// The `<meta name>` that names the start-up's script for the start script.
pub const START_UP_SCRIPT_META: &str = "bulletin-start:script";

/// The `<meta name>` that names the start-up's WebAssembly for the start script.
pub const START_UP_WASM_META: &str = "bulletin-start:wasm";

/// The issue page's start-up without Yew (`crates/start`, issue 16): built as trunk builds the
/// viewer (the same toolchain and profile, wasm-bindgen, `wasm-opt -Oz` with the same
/// features), its script minified, both named by a hash of what they hold, and named in trunk's
/// page for the start script ([`START_UP_SCRIPT_META`], [`START_UP_WASM_META`]), so that every
/// page written from it names them.
fn start_up_build(build: &mut Build) -> Result<()> {
    let mut cargo = cmd::command(
        build.root,
        "cargo",
        &[
            "build",
            "--offline",
            "--quiet",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "--package",
            START_STEM,
            "--features",
            "entry",
        ],
    );
    build.toolchain.apply(&mut cargo);
    cmd::run(&mut cargo)?;
    let built = crate::target::dir(build.root)?.join("wasm32-unknown-unknown/release/bulletin_start.wasm");
    let work = build.stage.join(".start-up");
    if work.exists() {
        fs::remove_dir_all(&work).map_err(|error| Error::io("cannot empty", &work, error))?;
    }
    let (built_text, work_text) = (
        built.to_string_lossy().into_owned(),
        work.to_string_lossy().into_owned(),
    );
    cmd::run(&mut cmd::command(
        build.root,
        "wasm-bindgen",
        &[
            "--target",
            "web",
            "--no-typescript",
            "--out-name",
            START_STEM,
            "--out-dir",
            &work_text,
            &built_text,
        ],
    ))?;
    let bound = work.join(format!("{START_STEM}_bg.wasm"));
    let optimized = work.join("optimized.wasm");
    let wasm_opt = build.root.join(".tools/node_modules/.bin/wasm-opt");
    cmd::run(&mut cmd::command(
        build.root,
        &wasm_opt.to_string_lossy(),
        &[
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "-Oz",
            &bound.to_string_lossy(),
            "-o",
            &optimized.to_string_lossy(),
        ],
    ))?;
    let glue = format!("{START_STEM}.js");
    crate::minify::minify_in_place(build.root, &work, std::slice::from_ref(&glue))?;
    let mut named = Vec::new();
    for (from, suffix) in [(work.join(&glue), ".js"), (optimized, "_bg.wasm")] {
        let bytes = fs::read(&from).map_err(|error| Error::io("cannot read", &from, error))?;
        let name = format!("{START_STEM}-{:016x}{suffix}", content_hash(&bytes));
        let to = build.stage.join(&name);
        fs::write(&to, &bytes).map_err(|error| Error::io("cannot write", &to, error))?;
        named.push(name);
    }
    fs::remove_dir_all(&work).map_err(|error| Error::io("cannot remove", &work, error))?;
    let index_path = build.stage.join("index.html");
    let index = fs::read_to_string(&index_path).map_err(|error| Error::io("cannot read", &index_path, error))?;
    let head_end = index
        .find("</head>")
        .ok_or_else(|| Error::new(format!("{}: no </head>", index_path.display())))?;
    let mut page = index.clone();
    page.insert_str(
        head_end,
        &format!(
            "<meta name=\"{START_UP_SCRIPT_META}\" content=\"./{}\"><meta name=\"{START_UP_WASM_META}\" content=\"./{}\">",
            named[0], named[1]
        ),
    );
    fs::write(&index_path, page).map_err(|error| Error::io("cannot write", &index_path, error))
}

/// Trunk starts the app with an inline `<script type="module">`, which a Content-Security-Policy
/// without `'unsafe-inline'` blocks (`cargo xtask serve --csp` sends such a policy, as a
/// careful host would). Each inline script moves into `start-<hash>.js` next to index.html.
fn external_scripts(build: &mut Build) -> Result<()> {
    let index_path = build.stage.join("index.html");
    let index = fs::read_to_string(&index_path).map_err(|error| Error::io("cannot read", &index_path, error))?;
    let (rewritten, scripts) = split_inline_scripts(&index);
    for (name, code) in &scripts {
        let path = build.stage.join(name);
        fs::write(&path, code).map_err(|error| Error::io("cannot write", &path, error))?;
    }
    if !scripts.is_empty() {
        fs::write(&index_path, rewritten).map_err(|error| Error::io("cannot write", &index_path, error))?;
    }
    Ok(())
}

/// Trunk's page preloads the viewer's script and WebAssembly, and its start script runs them
/// as soon as they are here: on a slow connection they share the bandwidth with the page and
/// its stylesheet before the first paint, and Lighthouse counts every request begun before
/// the largest paint as holding it up (it measured that paint at 1.9× the first). The page's
/// preloads go, and trunk's start script is replaced by `start.js`, which fetches the issue's
/// data, the WebAssembly and its script after the first paint.
fn start_after_first_paint(build: &mut Build) -> Result<()> {
    let index_path = build.stage.join("index.html");
    let index = fs::read_to_string(&index_path).map_err(|error| Error::io("cannot read", &index_path, error))?;
    let names = file_names(&build.stage)?;
    let app_file = |suffix: &str| {
        app_file(&names, suffix)
            .ok_or_else(|| Error::new(format!("{} has no {APP_STEM}-<hash>{suffix}", build.stage.display())))
    };
    let glue = app_file(".js")?;
    let wasm = app_file("_bg.wasm")?;
    let rewritten = deferred_start(&index, glue, wasm).ok_or_else(|| {
        Error::new(format!(
            "{}: trunk's start script (`module_or_path`) is not there",
            index_path.display()
        ))
    })?;
    fs::write(&index_path, rewritten).map_err(|error| Error::io("cannot write", &index_path, error))
}

/// Of `names`, trunk's file of the viewer whose name ends with `suffix` (`.js`, `_bg.wasm`).
fn app_file<'a>(names: &'a [String], suffix: &str) -> Option<&'a String> {
    names
        .iter()
        .find(|name| name.starts_with(APP_STEM) && name.ends_with(suffix) && has_content_hash(name))
}

/// The start script that [`start_after_first_paint`] puts in trunk's place; it reads the
/// viewer's script and WebAssembly from the page's [`APP_SCRIPT_META`] and [`APP_WASM_META`].
pub const START_SCRIPT: &str = include_str!("start.js");

/// The `<meta name>` that names the viewer's script for the start script.
pub const APP_SCRIPT_META: &str = "bulletin-viewer:script";

/// The `<meta name>` that names the viewer's WebAssembly for the start script.
pub const APP_WASM_META: &str = "bulletin-viewer:wasm";

/// `html` without its `<link rel="preload">` and `<link rel="modulepreload">` tags, with the
/// viewer's script `glue` and WebAssembly `wasm` named in its head's meta tags, and the code of
/// trunk's inline start module (the one with `module_or_path`) replaced by [`START_SCRIPT`];
/// `None` when there is no such module or no `</head>`.
fn deferred_start(html: &str, glue: &str, wasm: &str) -> Option<String> {
    let mut page = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<link ") {
        let len = rest[start..].find('>')? + 1;
        let tag = &rest[start..start + len];
        page.push_str(&rest[..start]);
        if !(tag.contains(" rel=\"preload\"") || tag.contains(" rel=\"modulepreload\"")) {
            page.push_str(tag);
        }
        rest = &rest[start + len..];
    }
    page.push_str(rest);
    let module = "<script type=\"module\">";
    let mut from = 0;
    loop {
        let open = from + page[from..].find(module)?;
        let body = open + module.len();
        let end = body + page[body..].find("</script>")?;
        if page[body..end].contains("module_or_path") {
            page.replace_range(body..end, &format!("\n{START_SCRIPT}"));
            let head_end = page.find("</head>")?;
            page.insert_str(
                head_end,
                &format!(
                    "<meta name=\"{APP_SCRIPT_META}\" content=\"./{glue}\"><meta name=\"{APP_WASM_META}\" content=\"./{wasm}\">"
                ),
            );
            return Some(page);
        }
        from = end;
    }
}

/// The page with every inline `<script>` given a `src` instead of its code, and the files
/// (name, code) that code goes to, each named by a hash of its code.
fn split_inline_scripts(html: &str) -> (String, Vec<(String, String)>) {
    let mut page = String::with_capacity(html.len());
    let mut scripts = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let Some(open_len) = rest[start..].find('>').map(|at| at + 1) else {
            break;
        };
        let open = &rest[start..start + open_len];
        let body_start = start + open_len;
        let Some(body_len) = rest[body_start..].find("</script>") else {
            break;
        };
        let code = &rest[body_start..body_start + body_len];
        page.push_str(&rest[..start]);
        if open.contains("src=") || code.trim().is_empty() {
            page.push_str(&rest[start..body_start + body_len]);
        } else {
            let name = format!("start-{:016x}.js", content_hash(code.as_bytes()));
            // Async: the start script only waits for the first paint (start.js), and the app
            // itself for the document (src/lib.rs).
            let asynchronous = if open.contains("type=\"module\"") { " async" } else { "" };
            page.push_str(&format!("{}{asynchronous} src=\"./{name}\">", &open[..open.len() - 1]));
            scripts.push((name, code.trim().to_string() + "\n"));
        }
        page.push_str("</script>");
        rest = &rest[body_start + body_len + "</script>".len()..];
    }
    page.push_str(rest);
    (page, scripts)
}

/// A hash that changes with the content, for file names (std's SipHash, fixed keys).
pub(crate) fn content_hash(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// The output holds index.html, which loads the hashed script and WebAssembly that are there.
fn check_output(build: &mut Build) -> Result<()> {
    let out = &build.stage;
    let index_path = out.join("index.html");
    let index = fs::read_to_string(&index_path).map_err(|error| Error::io("cannot read", &index_path, error))?;
    let names = file_names(out)?;
    let expected = [("the viewer's script", ".js"), ("the viewer's WebAssembly", "_bg.wasm")];
    for (what, suffix) in expected {
        let Some(name) = app_file(&names, suffix) else {
            return Err(Error::new(format!(
                "{} has no {what} ({APP_STEM}-<hash>{suffix})",
                out.display()
            )));
        };
        if !index.contains(name.as_str()) {
            return Err(Error::new(format!("{} does not load {name}", index_path.display())));
        }
        if suffix == "_bg.wasm" {
            check_optimized(&build.trunk_log, &out.join(name))?;
        }
    }
    if !names
        .iter()
        .any(|name| name.ends_with(".css") && has_content_hash(name))
    {
        return Err(Error::new(format!("{} has no hashed stylesheet", out.display())));
    }
    Ok(())
}

/// wasm-opt ran if the shipped WebAssembly is smaller than what wasm-bindgen made.
fn check_optimized(trunk_log: &str, shipped: &Path) -> Result<()> {
    let Some(unoptimized) = unoptimized_wasm(trunk_log) else {
        return Err(Error::new("trunk's log does not say where wasm-bindgen's output is"));
    };
    let size = |path: &Path| {
        fs::metadata(path)
            .map(|metadata| metadata.len())
            .map_err(|error| Error::io("cannot read", path, error))
    };
    let (before, after) = (size(&unoptimized)?, size(shipped)?);
    if after >= before {
        return Err(Error::new(format!(
            "{} ({after} bytes) is no smaller than wasm-bindgen's {} ({before} bytes): wasm-opt did not optimize it",
            shipped.display(),
            unoptimized.display()
        )));
    }
    println!(
        "dist: trunk used wasm-bindgen and wasm-opt from PATH; wasm-opt took the WebAssembly from {} to {}",
        human_size(before),
        human_size(after)
    );
    Ok(())
}

/// The names of the files directly in `dir`.
pub(crate) fn file_names(dir: &Path) -> Result<Vec<String>> {
    let entries = fs::read_dir(dir).map_err(|error| Error::io("cannot list", dir, error))?;
    Ok(entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect())
}

/// Whether trunk put a content hash in this file name: `-` then 12 to 16 lowercase hex digits
/// (a u64 printed without padding) then `.` or `_`, as in `bulletin-viewer-3f2a…_bg.wasm`.
/// Fewer than 12 digits is taken as part of the name (`icon-192.png`).
pub fn has_content_hash(name: &str) -> bool {
    name.match_indices('-').any(|(at, _)| {
        let rest = &name[at + 1..];
        let digits = rest
            .bytes()
            .take_while(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
            .count();
        (12..=16).contains(&digits) && matches!(rest.as_bytes().get(digits), Some(b'.' | b'_'))
    })
}

fn print_files(out: &Path) -> Result<()> {
    let mut files = Vec::new();
    collect_files(out, out, &mut files)?;
    files.sort();
    println!("dist: {}", out.display());
    let width = files.iter().map(|(name, _)| name.len()).max().unwrap_or(0);
    for (name, size) in &files {
        println!("  {name:<width$}  {:>10}", human_size(*size));
    }
    let total: u64 = files.iter().map(|(_, size)| size).sum();
    println!(
        "  {:<width$}  {:>10}",
        format!("{} files", files.len()),
        human_size(total)
    );
    Ok(())
}

fn collect_files(top: &Path, dir: &Path, files: &mut Vec<(String, u64)>) -> Result<()> {
    let entries = fs::read_dir(dir).map_err(|error| Error::io("cannot list", dir, error))?;
    for entry in entries {
        let entry = entry.map_err(|error| Error::io("cannot list", dir, error))?;
        let path = entry.path();
        let metadata = entry
            .metadata()
            .map_err(|error| Error::io("cannot read", &path, error))?;
        if metadata.is_dir() {
            collect_files(top, &path, files)?;
        } else {
            let name = path.strip_prefix(top).unwrap_or(&path).to_string_lossy().into_owned();
            files.push((name, metadata.len()));
        }
    }
    Ok(())
}

/// `1234567` gives `1.18 MiB`; sizes under 1 KiB stay in bytes.
fn human_size(bytes: u64) -> String {
    const KIB: f64 = 1024.0;
    let size = bytes as f64;
    if size < KIB {
        format!("{bytes} B")
    } else if size < KIB * KIB {
        format!("{:.1} KiB", size / KIB)
    } else {
        format!("{:.2} MiB", size / KIB / KIB)
    }
}

#[cfg(test)]
mod tests {
    use super::{
        deferred_start, has_content_hash, human_size, split_inline_scripts, Options, Part, APP_SCRIPT_META,
        APP_WASM_META, START_SCRIPT, START_UP_SCRIPT_META, START_UP_WASM_META, STEPS,
    };

    /// The site of every page of an archive of the small fixture issue on each of `dates`,
    /// oldest first.
    fn sites(dates: &[&str]) -> Vec<bulletin::site::Site> {
        let folder = std::env::temp_dir().join(format!("xtask-dist-sites-{}-{}", dates.len(), std::process::id()));
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::create_dir_all(&folder).unwrap_or_else(|error| panic!("{error}"));
        let source = include_str!("../../crates/bulletin/tests/fixtures/2023-07-07-small.md");
        for date in dates {
            let text = source.replacen("date: 2023-07-07", &format!("date: {date}"), 1);
            std::fs::write(folder.join(format!("{date}.md")), text).unwrap_or_else(|error| panic!("{error}"));
        }
        let archive = crate::archive::read(&folder, &folder).unwrap_or_else(|error| panic!("{error}"));
        let data = archive.data_files().unwrap_or_else(|error| panic!("{error}"));
        let _ = std::fs::remove_dir_all(&folder);
        (0..dates.len())
            .rev()
            .map(|index| super::site_of(&archive, &data, index, bulletin::site::PageKind::Issue))
            .collect()
    }

    #[test]
    fn a_new_issue_changes_the_pages_of_the_two_issues_before_it_and_no_other() {
        let dates = ["2023-06-30", "2023-07-07", "2023-07-14", "2023-07-21"];
        let before = sites(&dates[..3]);
        let after = sites(&dates);
        assert_eq!(before[0], after[0], "the oldest page says the same");
        assert_ne!(
            before[1], after[1],
            "the page before the last newest lost its link to the newest"
        );
        assert_ne!(before[2], after[2], "the last newest has a newer issue now");
        // What the two say of the newest: the page just before it names it, the others leave it
        // to the root's page.
        let newest = bulletin::model::Date::from_iso("2023-07-21");
        assert_eq!(
            after.iter().map(|site| site.newest()).collect::<Vec<_>>(),
            [None, None, newest, newest]
        );
        assert!(after
            .iter()
            .all(|site| site.archive.as_deref() == Some(bulletin::site::ARCHIVE_FILE)));
    }

    fn steps_of(options: &Options) -> Vec<&'static str> {
        STEPS
            .iter()
            .filter(|step| step.part.runs_in(options))
            .map(|step| step.name)
            .collect()
    }

    #[test]
    fn the_preview_has_no_worker_and_rebuilds_only_what_the_sources_decide() {
        let release = Options::new("/tmp/dist".into());
        let preview = Options {
            watch: true,
            ..Options::new("/tmp/preview".into())
        };
        let (release, preview) = (steps_of(&release), steps_of(&preview));
        for step in ["write the service worker", "write the single-file build"] {
            assert!(release.contains(&step) && !preview.contains(&step), "{step}");
        }
        let script = "load the live preview's script in every page";
        assert!(preview.contains(&script) && !release.contains(&script));
        let sources: Vec<&str> = STEPS
            .iter()
            .filter(|step| step.part == Part::Sources)
            .map(|step| step.name)
            .collect();
        assert_eq!(
            sources,
            [
                "write the issues' data files",
                "pre-render every issue's page",
                "write the feed"
            ]
        );
    }

    #[track_caller]
    fn check(name: &str, expected: bool) {
        assert_eq!(has_content_hash(name), expected, "{name}");
    }

    #[test]
    fn trunk_hashes_are_recognised() {
        check("bulletin-viewer-3f2a9c4d5e6f7a8b_bg.wasm", true);
        check("bulletin-viewer-3f2a9c4d5e6f7a8b.js", true);
        check("style-f2a9c4d5e6f7a8b.css", true);
    }

    #[test]
    fn plain_names_are_not_hashed() {
        check("index.html", false);
        check("icon-192.png", false);
        check("bulletin-viewer.js", false);
        check("sw.js", false);
        check("style-3F2A9C4D5E6F7A8B.css", false);
        check("a-3f2a9c4d5e6f7a8b9c.css", false);
    }

    #[test]
    fn inline_scripts_move_to_files() {
        let page = "<head><script type=\"module\">\nimport init from './a.js';\n</script><script src=\"x.js\"></script></head>";
        let (rewritten, scripts) = split_inline_scripts(page);
        assert_eq!(scripts.len(), 1);
        let (name, code) = &scripts[0];
        assert!(name.starts_with("start-") && has_content_hash(name), "{name}");
        assert_eq!(code, "import init from './a.js';\n");
        let expected = format!(
            "<head><script type=\"module\" async src=\"./{name}\"></script><script src=\"x.js\"></script></head>"
        );
        assert_eq!(rewritten, expected);
    }

    #[test]
    fn the_app_starts_after_the_first_paint_without_preloads() {
        let page = "<head><link rel=\"modulepreload\" href=\"./a-0123456789abcdef.js\" integrity=\"sha384-A\">\
            <link rel=\"preload\" href=\"./a-0123456789abcdef_bg.wasm\" crossorigin=\"anonymous\" as=\"fetch\" type=\"application/wasm\">\
            <link rel=\"stylesheet\" href=\"./s.css\" integrity=\"sha384-C\"/>\
            <script type=\"module\">\nconsole.log(1);\n</script>\
            <script type=\"module\">\nimport init from './a-0123456789abcdef.js';\nawait init({ module_or_path: './a-0123456789abcdef_bg.wasm' });\n</script></head><body></body>";
        let rewritten =
            deferred_start(page, "a-0123456789abcdef.js", "a-0123456789abcdef_bg.wasm").expect("a start module");
        assert!(
            !rewritten.contains("rel=\"preload\"") && !rewritten.contains("modulepreload"),
            "{rewritten}"
        );
        assert!(rewritten.contains("<link rel=\"stylesheet\" href=\"./s.css\" integrity=\"sha384-C\"/>"));
        assert!(rewritten.contains("<script type=\"module\">\nconsole.log(1);\n</script>"));
        assert!(rewritten.contains(&format!("<script type=\"module\">\n{START_SCRIPT}</script>")));
        assert!(!rewritten.contains("import init"));
        // The page names what it loads, for the service worker's check and the start script.
        assert!(rewritten.contains(
            "<meta name=\"bulletin-viewer:script\" content=\"./a-0123456789abcdef.js\"><meta name=\"bulletin-viewer:wasm\" content=\"./a-0123456789abcdef_bg.wasm\"></head>"
        ));
        for name in [APP_SCRIPT_META, APP_WASM_META, START_UP_SCRIPT_META, START_UP_WASM_META] {
            assert!(START_SCRIPT.contains(&format!("\"{name}\"")), "start.js reads {name}");
        }
        assert_eq!(
            deferred_start("<script type=\"module\">x</script>", "a.js", "a.wasm"),
            None
        );
    }

    /// The JavaScript regular expression literal that follows `before` in `script`.
    fn js_pattern(script: &str, before: &str, after: &str) -> regex::Regex {
        let start = script.find(before).unwrap_or_else(|| panic!("no `{before}`")) + before.len();
        let end = start
            + script[start..]
                .find(after)
                .unwrap_or_else(|| panic!("no `{after}` after `{before}`"));
        regex::Regex::new(&script[start..end]).unwrap_or_else(|error| panic!("{error}"))
    }

    /// The start script and boot.js know the core's routes by name, each in a regular
    /// expression: which addresses the start-up may serve (a place in an issue), and which
    /// undated addresses on the root are the first builds' links to 2023-06-30. A route added
    /// to the core, or a name changed, fails here until both say the same as the core.
    #[test]
    fn the_scripts_know_the_cores_routes() {
        use bulletin::address::{Address, IssueKey, LEGACY_ISSUE};
        use bulletin::route::{Embed, Route};
        let place = js_pattern(START_SCRIPT, "const PLACE = /", "/;\n");
        let legacy = js_pattern(include_str!("../../static/boot.js"), "legacy && /", "/.test(hash)");
        let newest = bulletin::model::Date::from_iso("2023-07-14").unwrap_or_else(|| panic!("a date"));
        let routes = [
            "",
            "#",
            "#/",
            "#/summary",
            "#/colophon",
            "#/part/policy",
            "#/article/nsfc-2022",
            "#/brief/b-1",
            "#/figure/f-1",
            "#/table/nsfc-programs",
            "#/table/nsfc-programs?sort=funding:desc,name:asc",
            "#/table/%ED%91%9C?filter=a",
            "#/search",
            "#/search?q=%EC%97%B0%EA%B5%AC",
            "#/archive",
            "#/archive?q=ai",
            "#/tables",
            "#/tables?q=x",
            "#/embed/table/t?sort=a:asc",
            "#/embed/table-only/t",
            "#/embed/chart/t",
            "#/embed/article/a",
            "#/nowhere",
            "#/article",
        ];
        let mut kinds = std::collections::HashSet::new();
        for undated in routes {
            let dated = format!(
                "#/2023-06-30/{}",
                undated.trim_start_matches('#').trim_start_matches('/')
            );
            for hash in [undated.to_string(), dated] {
                let address = Address::parse(&hash);
                // Every kind of route, by name: a new one must be placed here.
                let is_place = match &address.route {
                    Route::Issue
                    | Route::Summary
                    | Route::Colophon
                    | Route::Part(_)
                    | Route::Article(_)
                    | Route::Brief(_)
                    | Route::Figure(_)
                    | Route::Table(..) => true,
                    Route::Search(_)
                    | Route::Archive(_)
                    | Route::Tables(_)
                    | Route::Embed(Embed::Table(..) | Embed::TableOnly(..) | Embed::Chart(..) | Embed::Article(_))
                    | Route::NotFound(_) => false,
                };
                kinds.insert(std::mem::discriminant(&address.route));
                assert_eq!(
                    place.is_match(&hash),
                    is_place,
                    "start.js PLACE and the core differ on `{hash}`"
                );
                // An address that names no view is not found on either page (boot.js sends
                // `#/article` on, `#/nowhere` not): only views are held to the core.
                if !matches!(address.route, Route::NotFound(_)) {
                    let is_legacy = address.issue == IssueKey::Page
                        && address.issue_on(bulletin::address::Page::Root, newest) == LEGACY_ISSUE;
                    assert_eq!(
                        legacy.is_match(&hash),
                        is_legacy,
                        "boot.js and the core differ on `{hash}` on the root"
                    );
                }
            }
        }
        // Every kind of route was among the addresses tried (Issue … NotFound, Embed once).
        assert_eq!(kinds.len(), 13);
    }

    #[test]
    fn pages_without_inline_scripts_stay() {
        let page = "<body><script src=\"x.js\"></script><p>script</p></body>";
        assert_eq!(split_inline_scripts(page), (page.to_string(), Vec::new()));
    }

    #[test]
    fn sizes_read_as_people_expect() {
        assert_eq!(human_size(512), "512 B");
        assert_eq!(human_size(2048), "2.0 KiB");
        assert_eq!(human_size(3 * 1024 * 1024), "3.00 MiB");
    }
}
