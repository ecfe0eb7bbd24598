//! The archive section of `cargo xtask bench`: synthetic archives of 1, 50 and 500 issues,
//! generated as source files, built by the real `cargo xtask dist --bulletins`, and measured.
//!
//! Each issue is made up (and says so): a realistic issue's shape — articles with leads,
//! headings, bullets, paragraphs and a few tables, a part of brief items, a summary, the
//! contents and the colophon — built as an [`Issue`] value by a seeded generator and written by
//! the core's writer, one issue a week. The same index gives the same issue in every archive,
//! so the 1-issue site is the 500-issue archive's first week alone.
//!
//! Here, natively: each build's time, the size of its `dist/` folder, and what the service
//! worker keeps by default (its shell files, the newest issue's data, the catalog and the search
//! bundles), raw and gzip. tests/bench/archive.mjs measures in Chromium: the first load, opening
//! the oldest issue's page against the same page without scripts, the archive and tables views,
//! and a search keystroke over every issue. Both write records (`super::records`) under the names
//! of `super::metric`; [`super::budget::archive`] checks the issue's budgets.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use bulletin::model::{
    Article, Block, Brief, BriefSource, Bullet, Cell, ColophonEntry, ColumnKind, ContentsCategory, ContentsEntry,
    ContentsPart, Date, Lead, MonthDay, Part, PartBody, Reference, Row, Table,
};
use bulletin::number::group_thousands;
use serde::Deserialize;

use super::budget;
use super::metric;
use super::records::{Origin, Records};
use super::{json, Run, Server};
use crate::cmd;
use crate::error::{Error, Result};
use crate::generate::{self, text, Issue};
use crate::tools::{self, Browser, CHROMIUM};

/// The archives measured, by how many issues they hold.
pub const SIZES: [usize; 3] = [1, 50, 500];

/// The first issue's date; the others follow a week apart.
const FIRST: Date = Date {
    year: 2014,
    month: 1,
    day: 3,
};

/// What to measure and how often.
pub struct Options {
    /// Loads, navigations or keystrokes behind each median.
    pub runs: usize,
    /// Measure the builds already in `target/bench/archive-<n>/`.
    pub skip_build: bool,
}

/// The folder of archive `n`'s sources, below the bench folder.
fn sources_dir(bench: &Path, n: usize) -> PathBuf {
    bench.join(format!("archive-{n}-sources"))
}

/// The folder archive `n` is built into, below the bench folder (and served from).
fn folder(n: usize) -> String {
    format!("archive-{n}")
}

/// The records the native side measured for archive `n`, kept beside its build so that a
/// run with `--skip-build` reports them too.
fn build_records_path(bench: &Path, n: usize) -> PathBuf {
    bench.join(format!("archive-{n}-build.tsv"))
}

/// Generates, builds and measures every archive; prints the table, writes the JSON, and
/// fails when a budget is broken.
pub fn run(root: &Path, options: &Options) -> Result<()> {
    let bench = super::bench_dir(root)?;
    fs::create_dir_all(&bench).map_err(|error| Error::io("cannot create", &bench, error))?;
    if options.skip_build {
        if !Path::new(CHROMIUM).exists() {
            return Err(Error::new(format!("{CHROMIUM} is missing; run without --skip-build")));
        }
    } else {
        tools::ensure(root, Browser::Needed)?;
        // The first build may compile the viewer (after a change, or on a fresh checkout):
        // build the smallest archive once untimed, so that every timed build is of the archive.
        println!("bench: a first, untimed build, which compiles the viewer if it must");
        build(root, &bench, SIZES[0])?;
        for n in SIZES {
            build(root, &bench, n)?;
        }
    }
    let mut pages = Vec::new();
    let mut records_text = String::new();
    for n in SIZES {
        let out = bench.join(folder(n));
        let measured = build_records_path(&bench, n);
        if !out.join("index.html").is_file() || !measured.is_file() {
            return Err(Error::new(format!(
                "{} is missing; run `cargo xtask bench --archive-only` without --skip-build",
                out.display()
            )));
        }
        records_text
            .push_str(&fs::read_to_string(&measured).map_err(|error| Error::io("cannot read", &measured, error))?);
        let oldest = oldest_date(&out)?;
        pages.push(ArchivePage {
            folder: folder(n),
            issues: n,
            old: bulletin::address::Page::file_of(oldest),
            plain: plain_name(oldest),
        });
    }
    let largest = bench.join(folder(SIZES[SIZES.len() - 1]));
    let facts_path = crate::facts::path_for(root, &largest)?;
    if !facts_path.is_file() {
        return Err(Error::new(format!(
            "{} is missing; run `cargo xtask bench --archive-only` without --skip-build",
            facts_path.display()
        )));
    }
    crate::facts::rewrite_bench(&facts_path)?;
    super::npm_ci(root)?;
    let records_path = bench.join("archive-records.tsv");
    fs::write(&records_path, "").map_err(|error| Error::io("cannot write", &records_path, error))?;
    {
        let server = Server::start(&bench)?;
        println!("bench: serving {} at {}", bench.display(), server.url);
        let archives = serde_json::to_string(&pages)
            .map_err(|error| Error::new(format!("cannot write the archives as JSON: {error}")))?;
        let mut node = cmd::command(root, "node", &["tests/bench/archive.mjs"]);
        node.env("BENCH_URL", &server.url)
            .env("BENCH_DIR", &bench)
            .env("BENCH_FACTS", &facts_path)
            .env("BENCH_RUNS", options.runs.to_string())
            .env("BENCH_RECORDS", &records_path)
            .env("BENCH_ARCHIVES", archives)
            .env("CHROMIUM", CHROMIUM);
        cmd::run(&mut node)?;
    }
    records_text
        .push_str(&fs::read_to_string(&records_path).map_err(|error| Error::io("cannot read", &records_path, error))?);
    let records = Records::parse(&records_text).map_err(|error| {
        Error::new(format!(
            "the archive's records ({} and archive-<n>-build.tsv): {error}",
            records_path.display()
        ))
    })?;
    let run = Run::new(root, options.runs, Some("archive".to_string()), &facts_path);
    let budgets = budget::archive(&records);
    println!();
    print!("{}", table(&run, &records));
    for budget in &budgets {
        println!(
            "  {}  {} {}: {}",
            budget.verdict.label(),
            budget.name,
            budget.limit,
            budget.measured
        );
    }
    let written = write_results(root, &run, &json::results(&run, &records, &budgets))?;
    println!("\nbench: wrote {written} and bench-results/archive-latest.json");
    budget::check(&budgets, "archive budget(s)")
}

/// What tests/bench/archive.mjs is told of each archive.
#[derive(serde::Serialize)]
struct ArchivePage {
    /// The folder below the bench folder.
    folder: String,
    /// How many issues it holds.
    issues: usize,
    /// The oldest issue's page.
    old: String,
    /// The same page without scripts, beside it.
    plain: String,
}

/// The name of the plain copy of an issue's page, written beside the build after it is measured.
fn plain_name(date: Date) -> String {
    format!("bench-plain-{}.html", date.iso())
}

/// Writes archive `n`'s sources, builds them with `cargo xtask dist` as a person would, and
/// measures the build: its time, its size, what the worker keeps by default.
fn build(root: &Path, bench: &Path, n: usize) -> Result<()> {
    let sources = sources_dir(bench, n);
    if sources.exists() {
        fs::remove_dir_all(&sources).map_err(|error| Error::io("cannot remove", &sources, error))?;
    }
    fs::create_dir_all(&sources).map_err(|error| Error::io("cannot create", &sources, error))?;
    for (index, date) in dates(n).into_iter().enumerate() {
        let path = sources.join(format!("{}.md", date.iso()));
        let text = generate::write(&issue(index, date)?)?;
        fs::write(&path, text).map_err(|error| Error::io("cannot write", &path, error))?;
    }
    let out = bench.join(folder(n));
    // A first build, into an empty folder: a build takes the compressed copies of unchanged
    // files from the output it replaces (compress.rs), which would make this a rebuild.
    if out.exists() {
        fs::remove_dir_all(&out).map_err(|error| Error::io("cannot remove", &out, error))?;
    }
    println!("bench: building {} ({n} issues)", out.display());
    let mut dist = std::process::Command::new(super::current_exe()?);
    dist.current_dir(root)
        .arg("dist")
        .arg("--bulletins")
        .arg(&sources)
        .arg("--out")
        .arg(&out)
        .env_remove("TRUNK_BUILD_FEATURES");
    let started = Instant::now();
    cmd::run(&mut dist)?;
    let build_ms = started.elapsed().as_secs_f64() * 1000.0;
    let mut records = String::new();
    let issues = n.to_string();
    let mut sample = |name: metric::Name, values: &[&str], value: f64| {
        let mut filled = vec![issues.as_str()];
        filled.extend_from_slice(values);
        let _ = writeln!(records, "sample\t{}\t{value:.3}", name.with(&filled));
    };
    sample(metric::ARCHIVE_BUILD, &[], build_ms);
    sample(metric::ARCHIVE_DIST_BYTES, &[], folder_bytes(&out)? as f64);
    for part in offline(&out)? {
        sample(metric::ARCHIVE_OFFLINE, &[part.name], part.raw as f64);
        sample(metric::ARCHIVE_OFFLINE_GZIP, &[part.name], part.gzip as f64);
    }
    // The oldest issue's page without its scripts, for the page to be compared with; written
    // after the size was taken, so it is not counted in it.
    let oldest = oldest_date(&out)?;
    let page_path = out.join(bulletin::address::Page::file_of(oldest));
    let page = fs::read_to_string(&page_path).map_err(|error| Error::io("cannot read", &page_path, error))?;
    let plain_path = out.join(plain_name(oldest));
    fs::write(&plain_path, crate::prerender::strip_scripts(&page))
        .map_err(|error| Error::io("cannot write", &plain_path, error))?;
    let path = build_records_path(bench, n);
    fs::write(&path, records).map_err(|error| Error::io("cannot write", &path, error))
}

/// `n` weekly dates from [`FIRST`], oldest first.
pub fn dates(n: usize) -> Vec<Date> {
    let mut dates = Vec::with_capacity(n);
    let mut date = FIRST;
    for _ in 0..n {
        dates.push(date);
        date = add_days(date, 7);
    }
    dates
}

fn add_days(date: Date, days: u8) -> Date {
    let Date {
        mut year,
        mut month,
        day,
    } = date;
    let leap = |year: u16| (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let length = |year: u16, month: u8| match month {
        4 | 6 | 9 | 11 => 30,
        2 if leap(year) => 29,
        2 => 28,
        _ => 31,
    };
    let mut day = day + days;
    while day > length(year, month) {
        day -= length(year, month);
        month += 1;
        if month > 12 {
            month = 1;
            year += 1;
        }
    }
    Date { year, month, day }
}

/// The bytes of every file below `dir`.
fn folder_bytes(dir: &Path) -> Result<u64> {
    let mut total = 0;
    let entries = fs::read_dir(dir).map_err(|error| Error::io("cannot list", dir, error))?;
    for entry in entries {
        let entry = entry.map_err(|error| Error::io("cannot list", dir, error))?;
        let kind = entry
            .file_type()
            .map_err(|error| Error::io("cannot read", &entry.path(), error))?;
        if kind.is_dir() {
            total += folder_bytes(&entry.path())?;
        } else {
            total += entry
                .metadata()
                .map_err(|error| Error::io("cannot read", &entry.path(), error))?
                .len();
        }
    }
    Ok(total)
}

/// The build as its worker lists it: the `const BUILD = {…};` line of `sw.js`.
#[derive(Deserialize)]
struct WorkerBuild {
    /// This build's files, kept in the build's own cache.
    shell: Vec<String>,
    /// Every issue, newest first: date, data file, bytes.
    issues: Vec<(String, String, u64)>,
    /// The search bundles, one a year, newest first: file, bytes (kept in the cache shared by
    /// builds).
    #[serde(default)]
    search: Vec<(String, u64)>,
}

/// One part of what the worker keeps by default, in bytes.
#[derive(Debug, PartialEq)]
struct OfflinePart {
    /// shell, newest, catalog or search.
    name: &'static str,
    /// As stored.
    raw: u64,
    /// gzip at level 9 (DEFLATE plus gzip's 18 bytes of header and trailer), as sent.
    gzip: u64,
}

/// What the worker of the build in `out` keeps by default: its shell files (the app, its
/// pages, the newest issue's page), the newest issue's data, the catalog and the search
/// bundles. Read from `sw.js`'s list, each file measured.
fn offline(out: &Path) -> Result<Vec<OfflinePart>> {
    let sw = out.join(crate::service_worker::FILE_NAME);
    let script = fs::read_to_string(&sw).map_err(|error| Error::io("cannot read", &sw, error))?;
    let build = worker_build(&script).map_err(|error| Error::new(format!("{}: {error}", sw.display())))?;
    let mut parts = [("shell", 0, 0), ("newest", 0, 0), ("catalog", 0, 0), ("search", 0, 0)];
    let mut add = |part: usize, name: &str| -> Result<()> {
        let path = out.join(name);
        let bytes = fs::read(&path).map_err(|error| Error::io("cannot read", &path, error))?;
        parts[part].1 += bytes.len() as u64;
        parts[part].2 += gzip_size(&bytes);
        Ok(())
    };
    for name in &build.shell {
        let part = if name.starts_with("data/catalog-") {
            2
        } else if name.starts_with("data/search-") {
            3
        } else {
            0
        };
        add(part, name)?;
    }
    for (name, _) in &build.search {
        add(3, name)?;
    }
    let Some((_, newest, _)) = build.issues.first() else {
        return Err(Error::new(format!("{}: the worker lists no issue", sw.display())));
    };
    add(1, newest)?;
    Ok(parts
        .into_iter()
        .map(|(name, raw, gzip)| OfflinePart { name, raw, gzip })
        .collect())
}

/// The worker's build list, from its `const BUILD = {…};` line.
fn worker_build(script: &str) -> std::result::Result<WorkerBuild, String> {
    let line = script
        .lines()
        .find_map(|line| line.strip_prefix("const BUILD = "))
        .ok_or("no `const BUILD = ` line")?;
    let json = line.trim_end().strip_suffix(';').unwrap_or(line);
    serde_json::from_str(json).map_err(|error| format!("the BUILD line is not the build's list: {error}"))
}

fn gzip_size(bytes: &[u8]) -> u64 {
    miniz_oxide::deflate::compress_to_vec(bytes, 9).len() as u64 + 18
}

/// The oldest issue of the build in `out`, from its worker's list.
fn oldest_date(out: &Path) -> Result<Date> {
    let sw = out.join(crate::service_worker::FILE_NAME);
    let script = fs::read_to_string(&sw).map_err(|error| Error::io("cannot read", &sw, error))?;
    let build = worker_build(&script).map_err(|error| Error::new(format!("{}: {error}", sw.display())))?;
    build
        .issues
        .last()
        .and_then(|(date, _, _)| Date::from_iso(date))
        .ok_or_else(|| Error::new(format!("{}: the worker lists no issue with a date", sw.display())))
}

/// Writes `bench-results/<date>-archive.json` and `bench-results/archive-latest.json`.
fn write_results(root: &Path, run: &Run, results: &json::Json) -> Result<String> {
    let dir = root.join("bench-results");
    fs::create_dir_all(&dir).map_err(|error| Error::io("cannot create", &dir, error))?;
    let text = results.to_text();
    let name = format!("bench-results/{}-archive.json", run.date.replace(':', "-"));
    for path in [root.join(&name), dir.join("archive-latest.json")] {
        fs::write(&path, &text).map_err(|error| Error::io("cannot write", &path, error))?;
    }
    Ok(name)
}

// ---- the printed table --------------------------------------------------------------------

/// The archive's table: one row an archive, then what a reader keeps offline.
fn table(run: &Run, records: &Records) -> String {
    let mut out = String::new();
    let chromium = records.info(metric::INFO_CHROMIUM, &[]).unwrap_or("unknown");
    let _ = writeln!(
        out,
        "== cargo xtask bench --archive-only · {} · runs {}",
        run.date, run.runs
    );
    let _ = writeln!(
        out,
        "machine: {} cores (nproc) · {} · Chromium {chromium} · {}",
        run.nproc, run.cpu, run.commit
    );
    let _ = writeln!(
        out,
        "times are medians in ms (min–max); sizes in KB = 1,000 bytes, MB = 1,000,000; see docs/benchmark.md"
    );
    let _ = writeln!(
        out,
        "\n-- the archive: synthetic issues built by `cargo xtask dist --bulletins`"
    );
    for n in budget::archive_sizes(records) {
        let issues = n.to_string();
        let issues = issues.as_str();
        let median = |name: metric::Name, values: &[&str]| {
            let mut filled = vec![issues];
            filled.extend_from_slice(values);
            records.summary(name, &filled)
        };
        let shown = |name: metric::Name, values: &[&str]| {
            median(name, values).map_or("not measured".to_string(), |summary| {
                format!(
                    "{} ({}–{})",
                    super::print::ms(summary.median),
                    super::print::ms(summary.min),
                    super::print::ms(summary.max)
                )
            })
        };
        let _ = writeln!(out, "  {n} issues");
        let build = median(metric::ARCHIVE_BUILD, &[]).map_or("not measured".to_string(), |summary| {
            format!("{:.1} s", summary.median / 1000.0)
        });
        let dist = median(metric::ARCHIVE_DIST_BYTES, &[])
            .map_or("not measured".to_string(), |summary| mb(summary.median as u64));
        let _ = writeln!(out, "    build (cargo xtask dist)       {build}; dist/ {dist}");
        let files = records.files_of(&folder(n), Origin::Page);
        if !files.is_empty() {
            let gzip: u64 = files.iter().map(|file| file.gzip).sum();
            let raw: u64 = files.iter().map(|file| file.raw).sum();
            let _ = writeln!(
                out,
                "    first load                     {} gzip -9 ({} raw) in {} files",
                super::print::kb(gzip),
                super::print::kb(raw),
                files.len()
            );
        }
        let _ = writeln!(
            out,
            "    first paint: newest {}; oldest issue's page {}; the same page without scripts {}",
            shown(metric::ARCHIVE_NEWEST_FCP, &[]),
            shown(metric::ARCHIVE_OLD_FCP, &[]),
            shown(metric::ARCHIVE_PLAIN_FCP, &[])
        );
        let _ = writeln!(
            out,
            "    oldest issue's page ready (data-ready) {}",
            shown(metric::ARCHIVE_OLD_READY, &[])
        );
        for list in ["archive", "tables"] {
            let _ = writeln!(
                out,
                "    #/{list:<8} rendered {}; painted {}; first open, catalog fetched {}",
                shown(metric::ARCHIVE_VIEW_RENDERED, &[list]),
                shown(metric::ARCHIVE_VIEW_PAINTED, &[list]),
                shown(metric::ARCHIVE_VIEW_FIRST, &[list])
            );
        }
        let _ = writeln!(
            out,
            "    search keystroke: rendered {}; painted {}; bundle fetched and indexed {}",
            shown(metric::ARCHIVE_KEYSTROKE_RENDERED, &[]),
            shown(metric::ARCHIVE_KEYSTROKE_PAINTED, &[]),
            shown(metric::ARCHIVE_SEARCH_READY, &[])
        );
        let parts: Vec<(String, u64, u64)> = ["shell", "newest", "catalog", "search"]
            .iter()
            .filter_map(|part| {
                let raw = median(metric::ARCHIVE_OFFLINE, &[part])?.median as u64;
                let gzip = median(metric::ARCHIVE_OFFLINE_GZIP, &[part])?.median as u64;
                Some((part.to_string(), raw, gzip))
            })
            .collect();
        if !parts.is_empty() {
            let raw: u64 = parts.iter().map(|part| part.1).sum();
            let gzip: u64 = parts.iter().map(|part| part.2).sum();
            let each: Vec<String> = parts
                .iter()
                .map(|(name, raw, gzip)| format!("{name} {} ({} gzip)", mb(*raw), mb(*gzip)))
                .collect();
            let _ = writeln!(
                out,
                "    kept offline by default        {} ({} gzip): {}",
                mb(raw),
                mb(gzip),
                each.join(", ")
            );
        }
    }
    let _ = writeln!(out, "\n-- archive budgets");
    out
}

fn mb(bytes: u64) -> String {
    format!("{:.2} MB", bytes as f64 / 1_000_000.0)
}

// ---- the synthetic issues -----------------------------------------------------------------

const PLACES: [&str; 16] = [
    "베이징",
    "상하이",
    "광둥",
    "장쑤",
    "저장",
    "산둥",
    "후베이",
    "쓰촨",
    "안후이",
    "푸젠",
    "선전",
    "쑤저우",
    "항저우",
    "우한",
    "청두",
    "허페이",
];

const BODIES: [&str; 12] = [
    "국무원",
    "과학기술부",
    "공업정보화부",
    "국가발전개혁위원회",
    "중국과학원",
    "국가자연과학기금위원회(NSFC)",
    "재정부",
    "교육부",
    "국가지식재산권국",
    "중국공정원",
    "생태환경부",
    "국가에너지국",
];

const FIELDS: [&str; 16] = [
    "인공지능",
    "양자정보",
    "반도체",
    "신에너지 자동차",
    "충전 인프라",
    "바이오의약",
    "신소재",
    "우주항공",
    "수소연료 배터리",
    "정밀의료",
    "로봇",
    "스마트제조",
    "데이터센터",
    "해양과학",
    "탄소중립",
    "원자력",
];

const ACTIONS: [&str; 10] = [
    "발전 계획 발표",
    "지원 정책 추진",
    "시범사업 착수",
    "산업단지 가동",
    "연구 성과 발표",
    "표준 체계 구축",
    "투자 확대",
    "인재 육성 방안 발표",
    "국제협력 강화",
    "규제 개선안 공개",
];

/// Articles an issue has, and how many of them are in part I (the others are in part II).
const ARTICLES: usize = 8;
const POLICY_ARTICLES: usize = 6;

/// Each article's category, in order, so each part's contents group them as printed.
const CATEGORIES: [&str; ARTICLES] = [
    "기술전략",
    "기술전략",
    "지역",
    "지역",
    "혁신체계",
    "통계",
    "ICT",
    "바이오",
];

const OUTLETS: [&str; 5] = ["과기일보", "인민일보", "신화망", "지무신문망", "중국과학보"];

/// One synthetic issue: the `index`-th week's, dated `date`. Everything in it is made up.
pub fn issue(index: usize, date: Date) -> Result<Issue> {
    let mut random = SplitMix(0x00a7_c41e_0000_0000 ^ index as u64);
    let mut articles = Vec::new();
    let mut contents_policy: Vec<ContentsCategory> = Vec::new();
    let mut contents_technology: Vec<ContentsCategory> = Vec::new();
    let mut summary = Vec::new();
    for number in 1..=ARTICLES {
        let body = random.pick(&BODIES);
        let place = random.pick(&PLACES);
        let field = random.pick(&FIELDS);
        let action = random.pick(&ACTIONS);
        let policy = number <= POLICY_ARTICLES;
        let category = CATEGORIES[number - 1];
        let title = format!("{body}, {place} {field} {action}");
        let id = generate::slug(&format!("article-{number}"))?;
        let mut blocks = vec![Block::Paragraph(vec![text(&format!(
            "{body}는 {place} 지역의 {field} 분야에서 {action}을 통해 {}년까지 핵심 기술의 자립도를 높이고 관련 기업 {}곳을 육성할 계획이다. \
             이번 발표는 지난해 같은 분야의 성과를 바탕으로 연구개발 투자와 산업화 지원을 함께 늘리는 내용을 담고 있다 (합성 자료).",
            date.year + 2,
            10 + index % 90
        ))])];
        for section in 1..=3usize {
            let topic = random.pick(&FIELDS);
            blocks.push(Block::Heading(format!("{section}) {topic} 주요 내용")));
            blocks.push(Block::Paragraph(vec![text(&format!(
                "{}시는 {}와 함께 {topic} 산업 클러스터를 조성하고 있으며, 연구기관과 기업의 공동 연구, 시험 인증 플랫폼, 전문 인력 양성을 지원한다. \
                 {}년 상반기까지 {}개 프로젝트를 선정하여 단계적으로 추진할 예정이다.",
                random.pick(&PLACES),
                random.pick(&BODIES),
                date.year + 1,
                5 + (index + section) % 40
            ))]));
            let bullets = (0..4)
                .map(|item| Bullet {
                    text: vec![text(&format!(
                        "{} {} 분야 {}개 과제에 {}억 위안을 지원하고, {} 및 관련 기업의 {}을 추진",
                        random.pick(&PLACES),
                        random.pick(&FIELDS),
                        3 + (index + item) % 17,
                        group_thousands(&(100 + (index * 37 + item * 11 + section) % 9_000).to_string()),
                        random.pick(&BODIES),
                        random.pick(&ACTIONS)
                    ))],
                    children: if item % 2 == 0 {
                        vec![Bullet {
                            text: vec![text(&format!(
                                "세부 목표: {} 관련 핵심 기술 {}건 확보, 시범 응용 사례 {}건 발굴",
                                random.pick(&FIELDS),
                                12 + item,
                                3 + section
                            ))],
                            children: Vec::new(),
                        }]
                    } else {
                        Vec::new()
                    },
                })
                .collect();
            blocks.push(Block::Bullets(bullets));
        }
        // Three of the articles carry a table: what a real issue has.
        if number % 3 == 1 {
            blocks.push(Block::Table(synthetic_table(&mut random, number, field)?));
        }
        let article = Article {
            id: id.clone(),
            number: format!("{:02}", if policy { number } else { number - POLICY_ARTICLES }),
            title: title.clone(),
            category: category.to_string(),
            lead: Some(Lead {
                text: vec![text(&format!("{body}, {field} 분야 {action} (합성 자료)"))],
                date: Some(MonthDay {
                    month: date.month,
                    day: date.day.min(28),
                }),
            }),
            blocks,
            references: vec![Reference {
                title: format!("{body}, {field} 관련 발표"),
                url: Some(generate::url(&format!(
                    "https://example.org/synthetic/{}/{number}",
                    date.iso()
                ))?),
            }],
        };
        summary.push(vec![text(&format!(
            "{body}는 {place}에서 {field} {action}을 하였으며, 관련 산업의 연구개발과 기업 육성을 함께 지원할 계획이다 (합성 자료)."
        ))]);
        let contents = if policy {
            &mut contents_policy
        } else {
            &mut contents_technology
        };
        let entry = ContentsEntry { title, article: id };
        match contents.last_mut() {
            Some(last) if last.name == category => last.entries.push(entry),
            _ => contents.push(ContentsCategory {
                name: category.to_string(),
                entries: vec![entry],
            }),
        }
        articles.push(article);
    }
    let technology = articles.split_off(POLICY_ARTICLES);
    let mut briefs = Vec::new();
    for number in 1..=6usize {
        let place = random.pick(&PLACES);
        let field = random.pick(&FIELDS);
        briefs.push(Brief {
            id: generate::slug(&format!("brief-{number}"))?,
            number: format!("{number:02}"),
            title: format!("{place} {field} {}", random.pick(&ACTIONS)),
            lead: None,
            bullets: vec![
                Bullet {
                    text: vec![text(&format!(
                        "{place}에서 {field} 관련 {}개 기업이 참여하는 협력 플랫폼이 출범하였다 (합성 자료)",
                        5 + number
                    ))],
                    children: Vec::new(),
                },
                Bullet {
                    text: vec![text(&format!(
                        "총 투자 규모는 {}억 위안이며, {}개 연구기관과 대학이 공동으로 참여한다",
                        20 + (index + number) % 300,
                        3 + number
                    ))],
                    children: Vec::new(),
                },
                Bullet {
                    text: vec![text(&format!(
                        "{}는 이번 사업을 통해 {} 분야의 기술 사업화와 국제협력을 확대할 방침이다",
                        random.pick(&BODIES),
                        random.pick(&FIELDS)
                    ))],
                    children: Vec::new(),
                },
            ],
            source: BriefSource {
                outlet: random.pick(&OUTLETS).to_string(),
                date: Some(MonthDay {
                    month: date.month,
                    day: date.day.min(28),
                }),
                url: Some(generate::url(&format!(
                    "https://example.org/synthetic/{}/brief-{number}",
                    date.iso()
                ))?),
            },
        });
    }
    let policy = generate::slug("policy")?;
    let technology_id = generate::slug("technology")?;
    Ok(Issue {
        meta: generate::meta(date.year, date.month, date.day),
        contents: vec![
            ContentsPart {
                title: "1. 정책동향".to_string(),
                part: policy.clone(),
                categories: contents_policy,
            },
            ContentsPart {
                title: "2. 기술동향".to_string(),
                part: technology_id.clone(),
                categories: contents_technology,
            },
        ],
        summary,
        parts: vec![
            Part {
                id: policy,
                numeral: "I".to_string(),
                title: "정책동향".to_string(),
                body: PartBody::Articles(articles),
            },
            Part {
                id: technology_id,
                numeral: "II".to_string(),
                title: "기술동향".to_string(),
                body: PartBody::Articles(technology),
            },
            Part {
                id: generate::slug("briefs")?,
                numeral: "III".to_string(),
                title: "단신동향".to_string(),
                body: PartBody::Briefs(briefs),
            },
        ],
        colophon: vec![
            ColophonEntry {
                label: "발행일".to_string(),
                value: vec![text(&date.printed())],
            },
            ColophonEntry {
                label: "비고".to_string(),
                value: vec![text("cargo xtask bench가 만든 합성 자료로, 실제 발행본이 아님")],
            },
        ],
    })
}

/// A table of 8 to 20 regions: a name and three measures.
fn synthetic_table(random: &mut SplitMix, number: usize, field: &str) -> Result<Table> {
    let n_rows = 8 + random.below(13) as usize;
    let columns = vec![
        generate::column("region", "지역", ColumnKind::Text, None)?,
        generate::column("projects", "과제 수", ColumnKind::Integer, None)?,
        generate::column("funding", "지원액", ColumnKind::Decimal, Some("억 위안"))?,
        generate::column("share", "비중", ColumnKind::Index, Some("%"))?,
    ];
    let rows = (0..n_rows)
        .map(|row| {
            let projects = 10 + random.below(5_000);
            let funding = 1 + random.below(1_000_000);
            let share = random.below(1_000);
            Row {
                cells: vec![
                    Cell::Text(format!("{} {}", PLACES[row % PLACES.len()], row / PLACES.len() + 1)),
                    generate::number(&group_thousands(&projects.to_string())),
                    generate::number(&format!(
                        "{}.{:02}",
                        group_thousands(&(funding / 100).to_string()),
                        funding % 100
                    )),
                    generate::number(&format!("{}.{}", share / 10, share % 10)),
                ],
            }
        })
        .collect();
    Ok(Table {
        id: generate::slug(&format!("table-{number}"))?,
        caption: format!("지역별 {field} 지원 현황 (합성 자료)"),
        columns,
        rows,
        total: None,
        sources: vec![vec![text("cargo xtask bench")]],
        notes: Vec::new(),
    })
}

/// splitmix64, as in `super::synthetic`: small, fast, the same sequence everywhere.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len() as u64) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_run_over_months_and_years() {
        let dates = dates(500);
        assert_eq!(dates[0].iso(), "2014-01-03");
        assert_eq!(dates[1].iso(), "2014-01-10");
        assert_eq!(dates[8].iso(), "2014-02-28");
        assert_eq!(dates[9].iso(), "2014-03-07");
        assert_eq!(dates[52].iso(), "2015-01-02");
        // 499 weeks after 2014-01-03 (3,493 days).
        assert_eq!(dates[499].iso(), "2023-07-28");
        assert!(dates.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn an_issue_is_written_and_parsed_back_the_same() {
        let date = dates(10)[9];
        let made = issue(9, date).unwrap_or_else(|error| panic!("{error}"));
        let source = generate::write(&made).unwrap_or_else(|error| panic!("{error}"));
        let parsed = match bulletin::parse::parse("synthetic.md", &source) {
            Ok(parsed) => parsed.issue,
            Err(errors) => panic!(
                "{}",
                errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
            ),
        };
        assert_eq!(parsed, made);
        assert_eq!(parsed.meta.date, date);
        let tables: Vec<&str> = ["table-1", "table-4", "table-7"]
            .into_iter()
            .filter(|id| parsed.table(id).is_some())
            .collect();
        assert_eq!(tables.len(), 3);
        assert!(source.contains("합성 자료"));
        assert_eq!(issue(9, date).ok(), Some(made), "the same index gives the same issue");
    }

    #[test]
    fn the_worker_list_is_read_and_split() {
        let script = "// a\nconst BUILD = {\"version\":\"v\",\"urgent\":false,\"shell\":[\"index.html\",\"data/catalog-1.bin\"],\"issues\":[[\"2014-01-10\",\"data/2014-01-10-2.issue\",9],[\"2014-01-03\",\"data/2014-01-03-1.issue\",8]],\"search\":[[\"data/search-2014-3.bin\",7]]};\nconst SHELL = \"\";\n";
        let build = worker_build(script).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(build.shell, ["index.html", "data/catalog-1.bin"]);
        assert_eq!(build.issues[1].0, "2014-01-03");
        assert_eq!(build.search, [("data/search-2014-3.bin".to_string(), 7)]);
        assert!(worker_build("const SHELL = 1;").is_err());
    }
}
