//! `cargo xtask fuzz` runs the fuzz targets of `fuzz/` (cargo-fuzz, libFuzzer) for a fixed
//! time each; `cargo xtask scaling` checks that parsing a source stays linear in its size.
//!
//! Fuzzing needs nightly Rust and cargo-fuzz. cargo-fuzz is installed at a pinned version
//! when missing, like the other tools; a missing nightly stops the task with the rustup
//! command to run, since a toolchain download is not the xtask's to make. Each target runs
//! with one job, its committed seeds (`fuzz/seeds/<target>`), its dictionary
//! (`fuzz/dict/<target>.dict`) and a persistent, git-ignored corpus (`fuzz/corpus/<target>`)
//! that later runs start from. libFuzzer's output goes to `fuzz/artifacts/<target>.log`; the
//! terminal gets its start, its pulses and anything that goes wrong, then one line a target:
//! executions, exec/s, corpus size (libFuzzer's, and files on disk), and the artifact of a
//! crash, which makes the task fail.
//!
//! The scaling check is a task of its own, not part of `fuzz`, because it is a different
//! kind of check: it needs only stable Rust, takes a minute, and passes or fails the same
//! way every time, so it suits CI, while fuzzing is nightly-only and time-boxed. It
//! generates valid sources of 1 and 2 MiB (many articles, bullets and tables) and a
//! malformed one (one long line of errors and warnings, the parser's reporting path), parses
//! each in a release build, and fails when 1 MiB takes more than a second or when doubling
//! the size more than triples the time.

use std::fmt::Write as _;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use crate::args::Args;
use crate::cmd;
use crate::error::{Error, Result};
use crate::tools;

/// The cargo-fuzz release the task installs and expects.
pub const CARGO_FUZZ_VERSION: &str = "0.13.2";

/// How long each target runs when `--seconds` is not given.
pub const DEFAULT_SECONDS: u64 = 60;

/// One fuzz target of `fuzz/Cargo.toml`.
pub struct Target {
    /// The binary's name, which `--target` takes.
    pub name: &'static str,
    /// libFuzzer's `-max_len`: long enough for the seeds and for real structure, short
    /// enough to keep executions fast (the scaling check covers large inputs).
    pub max_len: usize,
}

/// Every target, in the order they run.
pub const TARGETS: &[Target] = &[
    Target {
        name: "parse_source",
        max_len: 8192,
    },
    Target {
        name: "parse_number",
        max_len: 128,
    },
    Target {
        name: "route",
        max_len: 512,
    },
];

/// A run of one input longer than this is a hang, reported as a crash (libFuzzer's
/// `-timeout`, in seconds).
const HANG_SECONDS: u64 = 10;

/// What to fuzz, and for how long.
pub struct Options {
    /// Seconds per target.
    pub seconds: u64,
    /// Only this target.
    pub target: Option<String>,
}

impl Options {
    /// Reads `--seconds N` and `--target NAME`.
    pub fn read(args: &mut Args) -> Result<Options> {
        let seconds = match args.value("--seconds")? {
            Some(text) => match text.parse::<u64>() {
                Ok(seconds) if seconds > 0 => seconds,
                _ => {
                    return Err(Error::new(format!(
                        "--seconds wants a whole number of seconds above 0, not `{text}`"
                    )))
                }
            },
            None => DEFAULT_SECONDS,
        };
        Ok(Options {
            seconds,
            target: args.value("--target")?,
        })
    }
}

/// What one target's run gave.
struct Outcome {
    name: &'static str,
    executions: Option<u64>,
    per_second: Option<u64>,
    /// libFuzzer's own corpus at the end, as it prints it (`421/36Kb`): the inputs it keeps.
    corpus: Option<String>,
    /// Files in the corpus folder, which also holds inputs libFuzzer has since superseded.
    corpus_files: usize,
    /// The crash, hang or out-of-memory input libFuzzer wrote, if it found one.
    artifact: Option<String>,
    /// How the run ended when it failed without writing an artifact.
    failure: Option<String>,
}

/// Runs the chosen targets one after the other; fails when any of them found a crash.
pub fn run(root: &Path, options: &Options) -> Result<()> {
    let targets: Vec<&Target> = match &options.target {
        Some(name) => match TARGETS.iter().find(|target| target.name == name) {
            Some(target) => vec![target],
            None => {
                let names: Vec<&str> = TARGETS.iter().map(|target| target.name).collect();
                return Err(Error::new(format!(
                    "--target {name}: no such fuzz target; the targets are {}",
                    names.join(", ")
                )));
            }
        },
        None => TARGETS.iter().collect(),
    };
    println!("== tools");
    ensure_tools(root)?;
    let mut outcomes = Vec::new();
    for target in targets {
        println!("== fuzz {} ({} s)", target.name, options.seconds);
        outcomes.push(fuzz_target(root, target, options.seconds)?);
    }
    println!("== fuzz results ({} s a target)", options.seconds);
    print!("{}", results_table(&outcomes));
    let failed: Vec<&str> = outcomes
        .iter()
        .filter(|outcome| outcome.artifact.is_some() || outcome.failure.is_some())
        .map(|outcome| outcome.name)
        .collect();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(Error::new(format!(
            "fuzz: {} found a failure; reproduce with `cargo +nightly fuzz run <target> <artifact>`",
            failed.join(", ")
        )))
    }
}

/// Nightly must be there already; cargo-fuzz is installed when missing or at another version.
fn ensure_tools(root: &Path) -> Result<()> {
    match cmd::first_line(&mut cmd::command(root, "cargo", &["+nightly", "--version"])) {
        Some(version) => println!("tools: nightly ok ({version})"),
        None => return Err(Error::new(
            "fuzzing needs nightly Rust, and `cargo +nightly --version` fails: run `rustup toolchain install nightly`",
        )),
    }
    let found = cmd::first_line(&mut cmd::command(root, "cargo", &["fuzz", "--version"]));
    let found_version = found.as_deref().and_then(|line| line.split_whitespace().nth(1));
    if found_version == Some(CARGO_FUZZ_VERSION) {
        println!("tools: cargo-fuzz {CARGO_FUZZ_VERSION} ok");
        return Ok(());
    }
    println!("installing cargo-fuzz {CARGO_FUZZ_VERSION}…");
    tools::cargo_install(root, "cargo-fuzz", CARGO_FUZZ_VERSION).map_err(|error| {
        Error::new(format!(
            "{error}; install it by hand with `cargo install cargo-fuzz --version {CARGO_FUZZ_VERSION} --locked`"
        ))
    })?;
    let installed = cmd::first_line(&mut cmd::command(root, "cargo", &["fuzz", "--version"]));
    match installed.as_deref().and_then(|line| line.split_whitespace().nth(1)) {
        Some(CARGO_FUZZ_VERSION) => Ok(()),
        other => Err(Error::new(format!(
            "installed cargo-fuzz {CARGO_FUZZ_VERSION}, but `cargo fuzz --version` reports {}",
            other.unwrap_or("nothing")
        ))),
    }
}

fn fuzz_target(root: &Path, target: &Target, seconds: u64) -> Result<Outcome> {
    let fuzz = root.join("fuzz");
    let corpus = fuzz.join("corpus").join(target.name);
    let artifacts = fuzz.join("artifacts").join(target.name);
    for dir in [&corpus, &artifacts] {
        fs::create_dir_all(dir).map_err(|error| Error::io("cannot create", dir, error))?;
    }
    let seeds = seeds_dir(root, target.name);
    let dict = fuzz.join("dict").join(format!("{}.dict", target.name));
    let mut libfuzzer = vec![
        format!("-max_total_time={seconds}"),
        format!("-timeout={HANG_SECONDS}"),
        format!("-max_len={}", target.max_len),
        "-print_final_stats=1".to_string(),
    ];
    if dict.is_file() {
        libfuzzer.push(format!("-dict={}", dict.display()));
    }
    // The first folder is the corpus libFuzzer adds to; the seeds are only read.
    let mut fuzz_run = cmd::command(root, "cargo", &["+nightly", "fuzz", "run", "--jobs", "1", target.name]);
    fuzz_run.arg(&corpus);
    if seeds.is_dir() {
        fuzz_run.arg(&seeds);
    }
    fuzz_run.arg("--").args(&libfuzzer);
    // Beside the artifacts folder, not in it: cargo-fuzz reports every new file there as a
    // failing input.
    let log_path = fuzz.join("artifacts").join(format!("{}.log", target.name));
    let (status, text) = run_logged(&mut fuzz_run, &log_path)?;
    let corpus_files = file_count(&corpus);
    let artifact = text
        .lines()
        .filter_map(|line| line.split("Test unit written to ").nth(1))
        .map(str::trim)
        .rfind(|path| is_failure_artifact(path))
        .map(str::to_string);
    let failure = (!status.success() && artifact.is_none()).then(|| {
        format!(
            "`{}` failed with {}; see {}",
            cmd::describe(&fuzz_run),
            cmd::ending(status),
            log_path.display()
        )
    });
    Ok(Outcome {
        name: target.name,
        executions: final_stat(&text, "number_of_executed_units"),
        per_second: final_stat(&text, "average_exec_per_sec"),
        corpus: last_corpus(&text),
        corpus_files,
        artifact,
        failure,
    })
}

/// Runs `command`, writing all it prints to `log_path` and showing on the terminal only what
/// a person watches for: everything but libFuzzer's line for each new or reduced input.
/// Returns how it ended and what it printed; a failed run is not an error here.
fn run_logged(command: &mut Command, log_path: &Path) -> Result<(std::process::ExitStatus, String)> {
    let mut log = fs::File::create(log_path).map_err(|error| Error::io("cannot create", log_path, error))?;
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| Error::new(format!("cannot start `{}`: {error}", cmd::describe(command))))?;
    let (sender, lines) = mpsc::channel::<String>();
    let readers: Vec<_> = [
        child.stdout.take().map(|out| Box::new(out) as Box<dyn Read + Send>),
        child.stderr.take().map(|err| Box::new(err) as Box<dyn Read + Send>),
    ]
    .into_iter()
    .flatten()
    .map(|stream| {
        let sender = sender.clone();
        thread::spawn(move || {
            let mut reader = BufReader::new(stream);
            let mut line = Vec::new();
            while let Ok(n) = reader.read_until(b'\n', &mut line) {
                if n == 0 || sender.send(String::from_utf8_lossy(&line).into_owned()).is_err() {
                    break;
                }
                line.clear();
            }
        })
    })
    .collect();
    drop(sender);
    let mut text = String::new();
    let mut stdout = std::io::stdout();
    for line in lines {
        // A full disk or a closed terminal must not stop the fuzzer; the copy in `text` is
        // what the results come from.
        let _ = log.write_all(line.as_bytes());
        if !is_progress_line(&line) {
            let _ = stdout.write_all(line.as_bytes()).and_then(|()| stdout.flush());
        }
        text.push_str(&line);
    }
    for reader in readers {
        let _ = reader.join();
    }
    let status = child
        .wait()
        .map_err(|error| Error::new(format!("cannot wait for `{}`: {error}", cmd::describe(command))))?;
    Ok((status, text))
}

/// Whether libFuzzer wrote `path` for a failure: slow units are written too, and only these
/// kinds mean the target failed.
fn is_failure_artifact(path: &str) -> bool {
    let file = Path::new(path).file_name().map(|name| name.to_string_lossy());
    file.is_some_and(|file| {
        ["crash-", "timeout-", "oom-", "leak-"]
            .iter()
            .any(|kind| file.starts_with(kind))
    })
}

/// libFuzzer's `#1234\tNEW …` and `#1234\tREDUCE …` lines, one per input it keeps, with the
/// `NEW_FUNC` lines that follow them, and the entries of the dictionary it recommends at the
/// end (`"ab" # Uses: 12`): many, and only interesting in the log. Its `INITED`, `pulse` and
/// `DONE` lines stay on the terminal.
fn is_progress_line(line: &str) -> bool {
    (line.starts_with('#') && (line.contains("\tNEW ") || line.contains("\tREDUCE ")))
        || line.trim_start().starts_with("NEW_FUNC[")
        || (line.starts_with('"') && line.contains("\" # Uses: "))
}

/// `stat::number_of_executed_units: 123` from `-print_final_stats=1`.
fn final_stat(text: &str, name: &str) -> Option<u64> {
    let prefix = format!("stat::{name}:");
    text.lines()
        .filter_map(|line| line.trim().strip_prefix(&prefix))
        .next_back()
        .and_then(|value| value.trim().parse().ok())
}

/// `421/36Kb` from the last status line (`#14704160\tDONE   cov: 526 ft: 1813 corp: 421/36Kb …`).
fn last_corpus(text: &str) -> Option<String> {
    text.lines()
        .filter(|line| line.starts_with('#'))
        .filter_map(|line| line.split(" corp: ").nth(1))
        .filter_map(|rest| rest.split_whitespace().next())
        .next_back()
        .map(str::to_string)
}

/// The number of files in `dir`.
fn file_count(dir: &Path) -> usize {
    fs::read_dir(dir).map_or(0, |entries| {
        entries
            .flatten()
            .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
            .count()
    })
}

fn results_table(outcomes: &[Outcome]) -> String {
    let number = |value: Option<u64>| value.map_or_else(|| "?".to_string(), |value| group(&value.to_string()));
    let mut out = format!(
        "  {:<14} {:>14} {:>9} {:>14} {:>8}  result\n",
        "target", "executions", "exec/s", "corpus", "on disk"
    );
    for outcome in outcomes {
        let corpus = outcome.corpus.as_deref().unwrap_or("?");
        let result = match (&outcome.artifact, &outcome.failure) {
            (Some(artifact), _) => format!("FAILED: {artifact}"),
            (None, Some(failure)) => format!("FAILED: {failure}"),
            (None, None) => "no crash".to_string(),
        };
        let _ = writeln!(
            out,
            "  {:<14} {:>14} {:>9} {:>14} {:>8}  {result}",
            outcome.name,
            number(outcome.executions),
            number(outcome.per_second),
            corpus,
            outcome.corpus_files
        );
    }
    out
}

/// `1234567` as `1,234,567`.
fn group(digits: &str) -> String {
    bulletin::number::group_thousands(digits)
}

// ---------------------------------------------------------------------------------------
// The scaling check.

/// The size of the smaller generated source; the larger is twice it.
const SCALING_BYTES: usize = 1 << 20;

/// The most the smaller source may take to parse.
const SCALING_LIMIT: Duration = Duration::from_secs(1);

/// The most the time may grow when the size doubles: linear gives about 2, quadratic 4.
const SCALING_MAX_RATIO: f64 = 3.0;

/// Each source is parsed this many times and the fastest run counts, so that a compile
/// running beside the check does not fail it.
const SCALING_RUNS: usize = 5;

/// Set on the release build the check starts, so that it measures instead of starting
/// another one.
const RELEASE_CHILD: &str = "XTASK_SCALING_RELEASE";

/// `cargo xtask scaling`: measures in a release build, starting one when this is not.
pub fn scaling(root: &Path) -> Result<()> {
    if cfg!(debug_assertions) {
        if std::env::var_os(RELEASE_CHILD).is_some() {
            return Err(Error::new(
                "scaling: the release build still has debug assertions; its timings would mean nothing",
            ));
        }
        println!("== scaling: building the xtask in release to time the parser as it ships");
        let mut release = cmd::command(
            root,
            "cargo",
            &["run", "--release", "--quiet", "--package", "xtask", "--"],
        );
        release.arg("scaling").env(RELEASE_CHILD, "1");
        return cmd::run(&mut release);
    }
    println!("== scaling (release build, fastest of {SCALING_RUNS} runs)");
    let probes: [(&str, Generator); 2] = [
        ("valid source", synthetic_source),
        ("one line of errors", malformed_source),
    ];
    let mut problems = Vec::new();
    for (name, generate) in probes {
        let small = generate(SCALING_BYTES);
        let large = generate(2 * SCALING_BYTES);
        let small_time = time_parse(&small)?;
        let large_time = time_parse(&large)?;
        let ratio = large_time.as_secs_f64() / small_time.as_secs_f64().max(1e-9);
        println!(
            "  {name:<20} {:>6.2} MiB {:>9.1} ms   {}",
            mebibytes(&small.text),
            small_time.as_secs_f64() * 1000.0,
            small.what
        );
        println!(
            "  {name:<20} {:>6.2} MiB {:>9.1} ms   {}; time ratio {ratio:.2}",
            mebibytes(&large.text),
            large_time.as_secs_f64() * 1000.0,
            large.what
        );
        if small_time > SCALING_LIMIT {
            problems.push(format!(
                "{name}: {:.2} MiB took {:.0} ms, more than {} ms",
                mebibytes(&small.text),
                small_time.as_secs_f64() * 1000.0,
                SCALING_LIMIT.as_millis()
            ));
        }
        if ratio > SCALING_MAX_RATIO {
            problems.push(format!(
                "{name}: twice the size took {ratio:.2} times as long (at most {SCALING_MAX_RATIO}); parsing is not linear"
            ));
        }
    }
    if problems.is_empty() {
        println!("scaling: ok");
        Ok(())
    } else {
        Err(Error::new(format!("scaling: {}", problems.join("; "))))
    }
}

fn mebibytes(text: &str) -> f64 {
    text.len() as f64 / f64::from(1u32 << 20)
}

/// Makes a source of at least the given size.
type Generator = fn(usize) -> Synthetic;

/// A generated source and what parsing it must give.
struct Synthetic {
    text: String,
    expected: Expected,
    /// What it holds, for the report.
    what: String,
}

/// What a generated source must parse to; checked so that a generator bug cannot make a
/// fast parse of an error-filled file look like a pass.
#[derive(Debug, PartialEq, Eq)]
enum Expected {
    /// An issue with these many articles, tables, bullets and brief items.
    Issue {
        articles: usize,
        tables: usize,
        bullets: usize,
        briefs: usize,
    },
    /// Exactly this many errors.
    Errors(usize),
}

/// Parses `source` [`SCALING_RUNS`] times; the fastest time, after checking the result once.
fn time_parse(source: &Synthetic) -> Result<Duration> {
    let found = outcome_of(&source.text);
    if found != source.expected {
        return Err(Error::new(format!(
            "scaling: the generated source should parse to {:?}, but gave {found:?}",
            source.expected
        )));
    }
    let mut fastest = Duration::MAX;
    for _ in 0..SCALING_RUNS {
        let started = Instant::now();
        let parsed = bulletin::parse::parse("generated.md", &source.text);
        fastest = fastest.min(started.elapsed());
        drop(parsed);
    }
    Ok(fastest)
}

fn outcome_of(text: &str) -> Expected {
    match bulletin::parse::parse("generated.md", text) {
        Ok(parsed) => {
            let issue = &parsed.issue;
            Expected::Issue {
                articles: issue.articles().count(),
                tables: issue.tables().count(),
                bullets: issue
                    .articles()
                    .flat_map(|article| &article.blocks)
                    .map(|block| match block {
                        bulletin::model::Block::Bullets(bullets) => count_bullets(bullets),
                        _ => 0,
                    })
                    .sum(),
                briefs: issue.briefs().count(),
            }
        }
        Err(errors) => Expected::Errors(errors.len()),
    }
}

fn count_bullets(bullets: &[bulletin::model::Bullet]) -> usize {
    bullets.iter().map(|bullet| 1 + count_bullets(&bullet.children)).sum()
}

const FRONT_MATTER: &str =
    "---\nseries: 중국 과학기술 정책 주간동향\ndate: 2023-06-30\npublisher: 한중과학기술협력센터\n---\n\n";

/// How many articles a part of a generated source holds.
const ARTICLES_PER_PART: usize = 40;

/// Articles in a row with the same category, so the contents group them.
const ARTICLES_PER_CATEGORY: usize = 8;

/// Table rows of a generated article.
const ROWS_PER_TABLE: usize = 12;

/// A valid source of at least `bytes` bytes: contents, summary, parts of articles with
/// leads, nested bullets, sub-headings, a table with a checked total, a figure, sources,
/// notes and references, a part of brief items, and the colophon.
fn synthetic_source(bytes: usize) -> Synthetic {
    let mut body = String::new();
    let mut contents = String::new();
    let mut articles = 0;
    let mut bullets = 0;
    let mut part_number = 0;
    while body.len() < bytes {
        part_number += 1;
        let _ = write!(body, "# {} 합성동향 {{#part-{part_number}}}\n\n", roman(part_number));
        let _ = writeln!(contents, "- {part_number}\\. 합성동향");
        for index in 0..ARTICLES_PER_PART {
            articles += 1;
            let category = format!("분류{}", index / ARTICLES_PER_CATEGORY + 1);
            if index % ARTICLES_PER_CATEGORY == 0 {
                let _ = writeln!(contents, "  - {category}");
            }
            let _ = writeln!(contents, "    - 합성 기사 {articles}");
            bullets += write_article(&mut body, articles, index + 1, &category);
        }
    }
    let briefs = articles / 4;
    body.push_str("# L 단신동향 {#briefs .briefs}\n\n");
    for brief in 1..=briefs {
        let _ = write!(
            body,
            "## {brief:02} 단신 {brief} 산업단지 개설 {{#brief-{brief}}}\n\n■ 인공지능 기업 {brief}개 유치 목표\n\n\
             - 하이뎬구에 산업단지 {brief} 개설\n- 총 투자액은 약 {brief}억 위안\n\n\
             Source: 과기일보 (07.05) <https://www.stdaily.com/{brief}>\n\n"
        );
    }
    body.push_str("# 발행 정보 {.colophon}\n\n- 발행일: 2023. 6. 30\n- 발행기관: 한중과학기술협력센터\n");
    let text = format!(
        "{FRONT_MATTER}# 목차 {{.contents}}\n\n{contents}\n# 요약 {{.summary}}\n\n- 합성 요약 하나\n- 합성 요약 둘\n\n{body}"
    );
    let what = format!("{articles} articles and tables, {bullets} bullets, {briefs} brief items");
    Synthetic {
        text,
        expected: Expected::Issue {
            articles,
            tables: articles,
            bullets,
            briefs,
        },
        what,
    }
}

/// Writes article `id` (its `number` within the part) and returns how many bullets it has.
fn write_article(out: &mut String, id: usize, number: usize, category: &str) -> usize {
    let _ = write!(
        out,
        "## {number:02} 합성 기사 {id} 제목 {{#article-{id} category={category}}}\n\n\
         ■ 기초연구 예산을 늘리고 청년 연구자 {id}명을 지원(6.19)\n\n\
         - 기초연구 예산을 전년 대비 **6.8%** 늘림 ([근거](https://www.most.gov.cn/{id}))\n\
         \x20 - 청년 과학 기금 비중 확대\n\
         \x20   - 지역 과학 기금 {id}건 선정\n\
         - 연구개발비 투입 강도 2.55%\n\n\
         ### 1) 세부 내용\n\n\
         - 중점 프로젝트 {id}건에 직접비 지원\n\
         - 국제공동연구 확대\n\n\
         Table: 합성 표 {id} {{#table-{id}}}\n\n\
         | 구분 {{#no ordinal}} | 항목 {{#item text}} | 과제 수 {{#projects integer}} | 금액 {{#amount decimal unit=\"만 위안\"}} | 내용 {{#content list}} |\n\
         |---:|---|---:|---:|---|\n"
    );
    let mut projects_total = 0u64;
    let mut cents_total = 0u64;
    for row in 1..=ROWS_PER_TABLE {
        let projects = ((id * 7919 + row * 104_729) % 30_000) as u64;
        let cents = ((id * 15_485_863 + row * 32_452_843) % 200_000_000) as u64;
        projects_total += projects;
        cents_total += cents;
        // Every third row prints a sub-figure, which the total includes.
        let amount = if row % 3 == 0 {
            let sub_cents = cents / 10;
            cents_total += sub_cents;
            format!("{} ({})", money(cents), money(sub_cents))
        } else {
            money(cents)
        };
        let _ = writeln!(
            out,
            "| {row} | 항목 {id}-{row} | {} | {amount} | • 첫째 항목 • 둘째 항목 |",
            group(&projects.to_string())
        );
    }
    let _ = write!(
        out,
        "| 합계 {{total}} | | {} | {} | |\n\n\
         Source: 国家自然科学基金委员会 <https://www.nsfc.gov.cn/{id}>\n\n\
         Note: 합성 자료 {id}\n\n\
         Figure: 합성 그림 {id} {{#figure-{id}}}\n\n\
         Source: 국가통계국\n\n\
         References:\n\n\
         - [关于加强基础研究的通知 {id}](https://www.most.gov.cn/ref/{id})\n\
         - 〈国家自然科学基金委员会2022年度报告〉(2023.3.)\n\n",
        group(&projects_total.to_string()),
        money(cents_total)
    );
    6
}

/// Cents as printed money: `123456` is `1,234.56`.
fn money(cents: u64) -> String {
    format!("{}.{:02}", group(&(cents / 100).to_string()), cents % 100)
}

/// Roman numerals from the letters the format allows (I, V, X, L), up to 89.
fn roman(mut number: usize) -> String {
    let mut out = String::new();
    for (value, letters) in [
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while number >= value {
            out.push_str(letters);
            number -= value;
        }
    }
    out
}

/// A source whose one article holds one bullet of at least `bytes` bytes, every few words
/// an error (single-asterisk emphasis) or a warning (raw HTML, a `javascript:` link): the
/// reporting path, where each message is located by line and column.
fn malformed_source(bytes: usize) -> Synthetic {
    const UNIT: &str = "가나 *강조* 다라 <b>굵게</b> [링크](javascript:void) ";
    let mut text = format!(
        "{FRONT_MATTER}# I 정책동향 {{#policy}}\n\n## 01 오류 기사 {{#broken category=기술전략}}\n\n■ 리드\n\n- "
    );
    let units = bytes.saturating_sub(text.len()).div_ceil(UNIT.len()).max(1);
    text.push_str(&UNIT.repeat(units));
    text.push('\n');
    Synthetic {
        text,
        expected: Expected::Errors(units),
        what: format!("{units} errors and {} warnings on one line", 3 * units),
    }
}

/// The folder of a target's committed seeds.
fn seeds_dir(root: &Path, target: &str) -> PathBuf {
    root.join("fuzz").join("seeds").join(target)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repo_root;

    #[test]
    fn generated_source_parses_to_what_was_generated() {
        let source = synthetic_source(60_000);
        assert!(source.text.len() >= 60_000);
        let found = outcome_of(&source.text);
        if let Expected::Errors(_) = found {
            let errors = bulletin::parse::parse("generated.md", &source.text)
                .err()
                .unwrap_or_default();
            let shown: Vec<String> = errors.iter().take(5).map(ToString::to_string).collect();
            panic!("the generated source does not parse:\n{}", shown.join("\n"));
        }
        assert_eq!(found, source.expected);
    }

    #[test]
    fn generated_errors_are_all_reported() {
        let source = malformed_source(20_000);
        assert_eq!(outcome_of(&source.text), source.expected);
    }

    #[test]
    fn roman_numerals_use_the_allowed_letters() {
        assert_eq!(roman(1), "I");
        assert_eq!(roman(14), "XIV");
        assert_eq!(roman(49), "XLIX");
        assert_eq!(roman(89), "LXXXIX");
    }

    #[test]
    fn money_groups_and_keeps_cents() {
        assert_eq!(money(123_456_789), "1,234,567.89");
        assert_eq!(money(5), "0.05");
    }

    /// The committed seeds that do not say they are broken must stay valid as the format
    /// evolves; a seed the parser rejects early explores far less.
    #[test]
    fn valid_seeds_parse() {
        let dir = seeds_dir(&repo_root(), "parse_source");
        let entries = fs::read_dir(&dir).unwrap_or_else(|error| panic!("cannot read {}: {error}", dir.display()));
        let mut checked = 0;
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("broken-") {
                continue;
            }
            let text = fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            if let Err(errors) = bulletin::parse::parse(&name, &text) {
                let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
                panic!("seed {name} does not parse:\n{}", shown.join("\n"));
            }
            checked += 1;
        }
        assert!(checked >= 3, "only {checked} valid seeds in {}", dir.display());
    }

    #[test]
    fn final_stats_are_read() {
        let text =
            "#1024\tpulse  cov: 1\nstat::number_of_executed_units: 123456\nstat::average_exec_per_sec:     2057\n";
        assert_eq!(final_stat(text, "number_of_executed_units"), Some(123_456));
        assert_eq!(final_stat(text, "average_exec_per_sec"), Some(2057));
        assert_eq!(final_stat(text, "peak_rss_mb"), None);
    }

    #[test]
    fn corpus_is_read_from_the_last_status_line() {
        let text = "#446\tINITED cov: 526 ft: 1736 corp: 369/34Kb exec/s: 0 rss: 52Mb\n\
                    #14704160\tDONE   cov: 526 ft: 1813 corp: 421/36Kb lim: 512 exec/s: 24466 rss: 566Mb\n\
                    stat::peak_rss_mb: 566\n";
        assert_eq!(last_corpus(text).as_deref(), Some("421/36Kb"));
        assert_eq!(last_corpus("no status\n"), None);
    }

    #[test]
    fn only_new_and_reduce_lines_are_hidden() {
        assert!(is_progress_line(
            "#1234\tNEW    cov: 10 ft: 20 corp: 3/4b lim: 4 exec/s: 0 rss: 30Mb L: 1/1 MS: 1 ChangeBit-\n"
        ));
        assert!(is_progress_line("#99\tREDUCE cov: 10 ft: 20 corp: 3/4b\n"));
        assert!(is_progress_line(
            "\tNEW_FUNC[1/2]: 0x55 in pulldown_cmark::scanners::unescape\n"
        ));
        assert!(!is_progress_line("#1048576\tpulse  cov: 10 ft: 20 corp: 3/4b\n"));
        assert!(!is_progress_line("#2000000\tDONE   cov: 10 ft: 20 corp: 3/4b\n"));
        assert!(is_progress_line("\"\\001\\022\" # Uses: 104\n"));
        assert!(!is_progress_line("==12==ERROR: libFuzzer: deadly signal\n"));
    }
}
