//! The facts file: what the JavaScript tests and the bench know about a build, written by the
//! xtask as one JSON file, so that no JavaScript reads a Rust source or parses the Markdown
//! a second time, and no fact is written down in two languages.
//!
//! `cargo xtask dist` writes one for every build, as `<target dir>/facts/<name>.json`, where
//! `<name>` is the name of the build's folder (`target/facts/dist.json` for `dist/`,
//! `hostile.json` for the hostile build in `target/e2e/hostile/`, `app.json` for the bench's
//! `target/bench/app/`): beside the build, never inside the folder that is served. It holds:
//!
//! - `issue`: the newest issue of the build (the root page's), in the model's serde form,
//!   exactly as its data file holds it;
//! - `derived`: what the tests would otherwise work out from the issue, each computed by the
//!   core function the viewer itself calls: the parts, articles, briefs, tables and figures in
//!   print order; each table's cells as shown (`Cell::shown`) and their figures
//!   (`Cell::value`), row ids (`anchor`), headings (`Column::heading`), which columns sort as
//!   numbers, and whether and how it is charted (`ChartSpec::for_table`); and how deep
//!   bullets nest;
//! - `archive`: every issue of the build, newest first: its date, page, data file and `derived`;
//! - `strings`: the interface strings, `ko` and `en` (`src/i18n.rs`, printed by the prerender
//!   binary's `--strings`, with `terms`, the framing labels the interface gives in English);
//! - `constants`: the chart palettes;
//! - `build`: which toolchain built the WebAssembly and how a panic ends in it
//!   (`crate::wasm_build::BuildFacts`): the end-to-end suite expects the error screen's detail
//!   to match, and the bench reports it;
//! - `bench`: the bench's sections and the only names its records may carry
//!   (`bench/metric.rs`), the synthetic table's id and the search archive's size.
//!
//! Rows in the order a sort gives are deliberately not facts: the tests compute them from
//! these values with a comparison of their own (and Korean order with the browser's
//! `Intl.Collator`, which only a browser has), so the page is checked against an independent
//! statement of the rule, not against the code that runs it.

use std::fs;
use std::path::{Path, PathBuf};

use bulletin::anchor;
use bulletin::chart::{ChartKind, ChartSpec, Palette};
use bulletin::model::{Block, Bullet, Cell, ColumnKind, Issue, PartBody, Row, Table};
use serde::Serialize;

use crate::archive::{Archive, DataFiles};

use crate::error::{Error, Result};
use crate::wasm_build::BuildFacts;

/// The whole file.
#[derive(Serialize)]
struct Facts<'a> {
    about: &'static str,
    issue: &'a Issue,
    derived: Derived,
    /// Every issue of the build, newest first.
    archive: Vec<ArchiveIssue>,
    strings: &'a serde_json::Value,
    constants: Constants,
    build: &'a BuildFacts,
    bench: crate::bench::Facts,
}

/// One issue of the build, where it is and what it holds.
#[derive(Serialize)]
struct ArchiveIssue {
    /// Its date, `2023-06-30`.
    date: String,
    /// Its page, `2023-06-30.html`.
    page: String,
    /// Its data file, `data/2023-06-30-<hash>.issue`.
    data: String,
    /// What the tests walk of it, as for the newest.
    derived: Derived,
}

/// What follows from the issue, in the shapes the tests walk.
#[derive(Debug, PartialEq, Serialize)]
struct Derived {
    /// The issue's date, `2023-06-30`.
    date: String,
    parts: Vec<PartFacts>,
    articles: Vec<Entry>,
    briefs: Vec<Entry>,
    tables: Vec<TableFacts>,
    figures: Vec<FigureFacts>,
    /// The most levels of bullets nested in one another anywhere in the issue.
    deepest_bullet: usize,
    /// The summary's points, as text.
    summary: Vec<String>,
    /// The issue's title as pages and the feed give it (`Issue::title`).
    title: String,
}

#[derive(Debug, PartialEq, Serialize)]
struct PartFacts {
    id: String,
    numeral: String,
    title: String,
    /// Whether it holds brief items rather than articles.
    briefs: bool,
}

/// An article or a brief item.
#[derive(Debug, PartialEq, Serialize)]
struct Entry {
    id: String,
    number: String,
    title: String,
    /// An article's category; none for a brief item.
    category: Option<String>,
    /// The id of its part.
    part: String,
}

#[derive(Debug, PartialEq, Serialize)]
struct TableFacts {
    id: String,
    caption: String,
    columns: Vec<ColumnFacts>,
    rows: Vec<RowFacts>,
    total: Option<RowFacts>,
    /// What its chart draws, when it has one.
    chart: Option<ChartFacts>,
}

#[derive(Debug, PartialEq, Serialize)]
struct ColumnFacts {
    id: String,
    label: String,
    kind: ColumnKind,
    unit: Option<String>,
    /// The label with its unit, as the header and the CSV print it.
    heading: String,
    /// Whether it sorts as numbers.
    numeric: bool,
}

#[derive(Debug, PartialEq, Serialize)]
struct RowFacts {
    /// The row's element id.
    id: String,
    /// Each cell as print shows it.
    cells: Vec<String>,
    /// Each cell's main figure; null for a cell that is not a number.
    values: Vec<Option<f64>>,
}

#[derive(Debug, PartialEq, Serialize)]
struct ChartFacts {
    /// `bars` (one measure at a time) or `grouped`.
    kind: &'static str,
    /// The index of the column that labels the bars.
    label: usize,
    /// The indices of the columns it can draw, in table order.
    measures: Vec<usize>,
}

#[derive(Debug, PartialEq, Serialize)]
struct FigureFacts {
    id: String,
    caption: String,
}

#[derive(Serialize)]
struct Constants {
    /// The chart colours of each theme (`bulletin::chart::Palette`), as `[r, g, b]`.
    palettes: Palettes,
}

#[derive(Serialize)]
struct Palettes {
    light: PaletteFacts,
    dark: PaletteFacts,
}

#[derive(Serialize)]
struct PaletteFacts {
    background: (u8, u8, u8),
    text: (u8, u8, u8),
    muted: (u8, u8, u8),
    grid: (u8, u8, u8),
    series: [(u8, u8, u8); 4],
}

impl From<Palette> for PaletteFacts {
    fn from(palette: Palette) -> PaletteFacts {
        PaletteFacts {
            background: palette.background,
            text: palette.text,
            muted: palette.muted,
            grid: palette.grid,
            series: palette.series,
        }
    }
}

/// Writes the facts of the build in `out`, whose prerender binary `dist` built last, and
/// returns the file's path.
pub fn write(root: &Path, out: &Path, archive: &Archive, data: &DataFiles, build: &BuildFacts) -> Result<PathBuf> {
    let path = path_for(root, out)?;
    let printed = crate::prerender::strings(root)?;
    let strings: serde_json::Value = serde_json::from_str(&printed)
        .map_err(|error| Error::new(format!("the prerender binary's --strings cannot be read: {error}")))?;
    let newest = archive.newest();
    let facts = Facts {
        about: "Facts of one build for the JavaScript tests and the bench, written by `cargo xtask dist` (xtask/src/facts.rs); do not edit.",
        issue: newest,
        derived: derive(newest),
        archive: archive
            .sources
            .iter()
            .zip(&data.issues)
            .map(|(source, file)| ArchiveIssue {
                date: source.issue.meta.date.iso(),
                page: bulletin::address::Page::file_of(source.issue.meta.date),
                data: file.name.clone(),
                derived: derive(&source.issue),
            })
            .collect(),
        strings: &strings,
        constants: Constants {
            palettes: Palettes {
                light: Palette::LIGHT.into(),
                dark: Palette::DARK.into(),
            },
        },
        build,
        bench: crate::bench::facts(),
    };
    let text = serde_json::to_string_pretty(&facts)
        .map_err(|error| Error::new(format!("cannot write the facts as JSON: {error}")))?;
    write_file(&path, &(text + "\n"))?;
    Ok(path)
}

/// Writes the bench's part of the facts file at `path` again, from this xtask's lists, leaving
/// the rest as the build wrote it.
pub fn rewrite_bench(path: &Path) -> Result<()> {
    let text = fs::read_to_string(path).map_err(|error| Error::io("cannot read", path, error))?;
    let mut facts: serde_json::Value =
        serde_json::from_str(&text).map_err(|error| Error::new(format!("{}: not JSON: {error}", path.display())))?;
    let Some(object) = facts.as_object_mut() else {
        return Err(Error::new(format!("{}: not a facts file", path.display())));
    };
    let bench = serde_json::to_value(crate::bench::facts())
        .map_err(|error| Error::new(format!("cannot write the bench's facts as JSON: {error}")))?;
    object.insert("bench".to_string(), bench);
    let text = serde_json::to_string_pretty(&facts)
        .map_err(|error| Error::new(format!("cannot write the facts as JSON: {error}")))?;
    write_file(path, &(text + "\n"))
}

/// Writes `text` to `path`, making its folder first.
pub fn write_file(path: &Path, text: &str) -> Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|error| Error::io("cannot create", dir, error))?;
    }
    fs::write(path, text).map_err(|error| Error::io("cannot write", path, error))
}

/// Where the facts of the build in `out` go: `<target dir>/facts/<out's folder name>.json`.
pub fn path_for(root: &Path, out: &Path) -> Result<PathBuf> {
    file_in(&crate::target::dir(root)?, out)
}

fn file_in(target_dir: &Path, out: &Path) -> Result<PathBuf> {
    let Some(name) = out.file_name() else {
        return Err(Error::new(format!(
            "{}: a build's folder needs a name, which names its facts file",
            out.display()
        )));
    };
    let mut file = name.to_os_string();
    file.push(".json");
    Ok(target_dir.join("facts").join(file))
}

fn derive(issue: &Issue) -> Derived {
    let mut parts = Vec::new();
    let mut articles = Vec::new();
    let mut briefs = Vec::new();
    for part in &issue.parts {
        parts.push(PartFacts {
            id: part.id.to_string(),
            numeral: part.numeral.clone(),
            title: part.title.clone(),
            briefs: matches!(part.body, PartBody::Briefs(_)),
        });
        match &part.body {
            PartBody::Articles(list) => articles.extend(list.iter().map(|article| Entry {
                id: article.id.to_string(),
                number: article.number.clone(),
                title: article.title.clone(),
                category: Some(article.category.clone()),
                part: part.id.to_string(),
            })),
            PartBody::Briefs(list) => briefs.extend(list.iter().map(|brief| Entry {
                id: brief.id.to_string(),
                number: brief.number.clone(),
                title: brief.title.clone(),
                category: None,
                part: part.id.to_string(),
            })),
        }
    }
    let tables = issue.tables().map(table_facts).collect();
    let figures = issue
        .figures()
        .map(|figure| FigureFacts {
            id: figure.id.to_string(),
            caption: figure.caption.clone(),
        })
        .collect();
    Derived {
        date: issue.meta.date.iso(),
        parts,
        articles,
        briefs,
        tables,
        figures,
        deepest_bullet: deepest_bullet(issue),
        summary: issue
            .summary
            .iter()
            .map(|point| bulletin::model::plain_text(point))
            .collect(),
        title: issue.title(),
    }
}

fn table_facts(table: &Table) -> TableFacts {
    let id = table.id.as_str();
    let row = |id: String, row: &Row| RowFacts {
        id,
        cells: row.cells.iter().map(Cell::shown).collect(),
        values: row.cells.iter().map(Cell::value).collect(),
    };
    TableFacts {
        id: id.to_string(),
        caption: table.caption.clone(),
        columns: table
            .columns
            .iter()
            .map(|column| ColumnFacts {
                id: column.id.to_string(),
                label: column.label.clone(),
                kind: column.kind,
                unit: column.unit.clone(),
                heading: column.heading(),
                numeric: column.kind.is_numeric(),
            })
            .collect(),
        rows: table
            .rows
            .iter()
            .enumerate()
            .map(|(index, cells)| row(anchor::table_row(id, index), cells))
            .collect(),
        total: table.total.as_ref().map(|total| row(anchor::table_total(id), total)),
        chart: ChartSpec::for_table(table).map(|spec| ChartFacts {
            kind: match spec.kind {
                ChartKind::Bars => "bars",
                ChartKind::Grouped => "grouped",
            },
            label: spec.label.index(),
            measures: spec.measures.iter().map(|column| column.index()).collect(),
        }),
    }
}

/// The most levels of bullets nested in one another, in articles and brief items.
fn deepest_bullet(issue: &Issue) -> usize {
    fn depth(bullets: &[Bullet]) -> usize {
        bullets
            .iter()
            .map(|bullet| 1 + depth(&bullet.children))
            .max()
            .unwrap_or(0)
    }
    let in_articles = issue.articles().flat_map(|article| {
        article.blocks.iter().map(|block| match block {
            Block::Bullets(bullets) => depth(bullets),
            _ => 0,
        })
    });
    let in_briefs = issue.briefs().map(|brief| depth(&brief.bullets));
    in_articles.chain(in_briefs).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issue(path: &str) -> Issue {
        let text = fs::read_to_string(crate::repo_root().join(path)).unwrap_or_else(|error| panic!("{path}: {error}"));
        match bulletin::parse::parse(path, &text) {
            Ok(parsed) => parsed.issue,
            Err(errors) => panic!("{path}: {errors:?}"),
        }
    }

    fn table<'a>(derived: &'a Derived, id: &str) -> &'a TableFacts {
        derived
            .tables
            .iter()
            .find(|table| table.id == id)
            .unwrap_or_else(|| panic!("no table {id}"))
    }

    #[test]
    fn a_build_folder_names_its_facts_file() {
        let file = file_in(Path::new("/cache/target"), Path::new("/repo/target/e2e/hostile"));
        assert_eq!(file.ok(), Some(PathBuf::from("/cache/target/facts/hostile.json")));
        let file = file_in(Path::new("/repo/target"), Path::new("/repo/dist"));
        assert_eq!(file.ok(), Some(PathBuf::from("/repo/target/facts/dist.json")));
        let error = file_in(Path::new("/repo/target"), Path::new("/"))
            .err()
            .map(|error| error.to_string());
        assert_eq!(
            error.as_deref(),
            Some("/: a build's folder needs a name, which names its facts file")
        );
    }

    #[test]
    fn entries_in_print_order_with_their_part() {
        let derived = derive(&issue("bulletins/2023-06-30.md"));
        assert_eq!(derived.date, "2023-06-30");
        assert_eq!(
            derived.parts.iter().map(|part| part.briefs).collect::<Vec<_>>(),
            [false, false, true]
        );
        assert_eq!((derived.articles.len(), derived.briefs.len()), (8, 6));
        let first = &derived.articles[0];
        assert_eq!(first.number, "01");
        assert_eq!(first.part, derived.parts[0].id);
        assert!(first.category.is_some());
        assert!(derived.briefs.iter().all(|brief| brief.category.is_none()));
        assert_eq!(derived.figures.len(), 8);
    }

    #[test]
    fn a_table_as_shown_with_its_figures() {
        let derived = derive(&issue("bulletins/2023-06-30.md"));
        let programs = table(&derived, "nsfc-programs");
        assert_eq!(programs.rows.len(), 17);
        assert_eq!(programs.rows[0].id, "nsfc-programs--r1");
        let total = programs
            .total
            .as_ref()
            .map(|total| (total.id.as_str(), total.values.clone()));
        let funding = programs.columns.iter().position(|column| column.id == "funding");
        assert_eq!(
            total.map(|(id, values)| (id, funding.and_then(|column| values[column]))),
            Some(("nsfc-programs--total", Some(3_269_921.35)))
        );
        // "630 (25)": shown with its sub-figure, valued by its main figure.
        let with_sub = programs
            .rows
            .iter()
            .flat_map(|row| row.cells.iter().zip(&row.values))
            .find(|(cell, _)| cell.as_str() == "630 (25)");
        assert_eq!(with_sub.map(|(_, value)| *value), Some(Some(630.0)));
        let heading = programs.columns.iter().find(|column| column.id == "funding");
        assert!(heading.is_some_and(|column| column.numeric && column.heading.ends_with("(만 위안)")));
    }

    #[test]
    fn charted_tables_are_those_the_core_charts() {
        let derived = derive(&issue("bulletins/2023-06-30.md"));
        let charted: Vec<(&str, &str)> = derived
            .tables
            .iter()
            .filter_map(|table| table.chart.as_ref().map(|chart| (table.id.as_str(), chart.kind)))
            .collect();
        assert_eq!(
            charted,
            [
                ("nsfc-programs", "bars"),
                ("nsfc-major-plans", "bars"),
                ("hurun-top10", "grouped")
            ]
        );
        let hurun = table(&derived, "hurun-top10");
        assert_eq!(hurun.chart.as_ref().map(|chart| chart.measures.len()), Some(4));
    }

    #[test]
    fn bullets_are_measured_at_their_deepest() {
        let source = "---\nseries: s\ndate: 2023-07-07\npublisher: p\n---\n\n# I 동향 {#trends}\n\n## 01 제목 {#a category=c}\n\n- 하나\n  - 둘\n    - 셋\n- 넷\n";
        let issue = match bulletin::parse::parse("test.md", source) {
            Ok(parsed) => parsed.issue,
            Err(errors) => panic!("{errors:?}"),
        };
        assert_eq!(deepest_bullet(&issue), 3);
    }
}
