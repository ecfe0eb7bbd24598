//! Fuzz target: any bytes, read as UTF-8 (invalid sequences become U+FFFD), through the
//! source parser `bulletin::parse::parse`.
//!
//! The parser must never panic. A source it rejects must carry at least one error, sorted,
//! each pointing inside the file. An issue it accepts must hold what the format promises,
//! checked here independently of the parser: every row as wide as its header, cells of the
//! column's kind, every total equal to the sum of the rows above it, ids valid and unique,
//! numbers finite and printed as parsed, contents that name the articles in order, and the
//! same issue after a postcard round trip (the viewer receives it that way) and after the
//! source writer's (written, then parsed again), unless the writer refuses it by name. The
//! viewer's core work on an accepted issue (sorting, chart layout, CSV, search) must not
//! panic either.

#![no_main]

use std::collections::HashSet;

use bulletin::chart::{self, ChartRequest, ChartSpec};
use bulletin::model::{Block, Bullet, Cell, ColumnId, ColumnKind, Issue, MonthDay, PartBody, Table};
use bulletin::number;
use bulletin::parse::{ParseError, Severity, MAX_BULLET_DEPTH};
use bulletin::search::SearchIndex;
use bulletin::slug::Slug;
use bulletin::sort::{self, Collation, Direction, SortKey, SortState};
use bulletin::write::{write_issue, WriteErrorKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    let lines = LineLengths::new(&source);
    match bulletin::parse::parse("fuzz.md", &source) {
        Ok(parsed) => {
            for warning in &parsed.warnings {
                lines.check(warning);
                assert_eq!(warning.severity(), Severity::Warning, "{warning}");
            }
            check_issue(&parsed.issue);
            check_round_trip(&parsed.issue);
            check_written(&parsed.issue);
            exercise_viewer_core(&parsed.issue);
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "a rejected source must say why");
            for error in &errors {
                lines.check(error);
                assert_eq!(error.severity(), Severity::Error, "{error}");
            }
            let positions: Vec<(usize, usize)> = errors.iter().map(|error| (error.line(), error.column())).collect();
            assert!(
                positions.windows(2).all(|pair| pair[0] <= pair[1]),
                "errors are not sorted by position: {positions:?}"
            );
        }
    }
});

/// The length in characters of each line of the source, to check error positions cheaply.
struct LineLengths(Vec<usize>);

impl LineLengths {
    fn new(source: &str) -> LineLengths {
        LineLengths(source.split('\n').map(|line| line.chars().count()).collect())
    }

    /// An error points at an existing line, at a column from 1 to one past its end.
    fn check(&self, error: &ParseError) {
        let (line, column) = (error.line(), error.column());
        assert!(
            line >= 1 && line <= self.0.len(),
            "{error}: line {line} of {}",
            self.0.len()
        );
        let width = self.0[line - 1];
        assert!(
            column >= 1 && column <= width + 1,
            "{error}: column {column} of {width}"
        );
        assert!(!error.message().is_empty(), "{error}: no message");
        let shown = error.to_string();
        assert!(shown.starts_with(&format!("fuzz.md:{line}:{column}: ")), "{shown}");
    }
}

fn check_issue(issue: &Issue) {
    let date = issue.meta.date;
    assert!(
        (1..=12).contains(&date.month) && (1..=31).contains(&date.day),
        "{date:?}"
    );
    let mut ids = Ids::default();
    let mut article_parts = Vec::new();
    for part in &issue.parts {
        ids.claim(&part.id, "part");
        assert!(
            !part.numeral.is_empty() && part.numeral.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L')),
            "part {}: numeral {:?}",
            part.id,
            part.numeral
        );
        match &part.body {
            PartBody::Articles(articles) => {
                assert!(!articles.is_empty(), "part {} has no articles", part.id);
                article_parts.push((part, articles));
                for article in articles {
                    ids.claim(&article.id, "article");
                    check_entry_number(&article.number, article.id.as_str());
                    assert!(!article.blocks.is_empty(), "article {} has no body", article.id);
                    if let Some(date) = article.lead.as_ref().and_then(|lead| lead.date) {
                        check_month_day(date);
                    }
                    for reference in &article.references {
                        assert!(
                            !reference.title.is_empty(),
                            "article {}: untitled reference",
                            article.id
                        );
                    }
                    for block in &article.blocks {
                        match block {
                            Block::Table(table) => {
                                ids.claim(&table.id, "table");
                                check_table(table);
                            }
                            Block::Figure(figure) => ids.claim(&figure.id, "figure"),
                            Block::Bullets(bullets) => check_bullets(bullets, 1),
                            _ => {}
                        }
                    }
                }
            }
            PartBody::Briefs(briefs) => {
                assert!(!briefs.is_empty(), "part {} has no brief items", part.id);
                for brief in briefs {
                    ids.claim(&brief.id, "brief item");
                    check_entry_number(&brief.number, brief.id.as_str());
                    check_bullets(&brief.bullets, 1);
                    assert!(!brief.source.outlet.is_empty(), "brief {}: no outlet", brief.id);
                    if let Some(date) = brief.source.date {
                        check_month_day(date);
                    }
                }
            }
        }
    }
    // The contents are optional; when given, they name every part of articles and, in
    // each, every article in order, under the article's own category.
    if !issue.contents.is_empty() {
        assert_eq!(issue.contents.len(), article_parts.len(), "contents parts");
        for (contents, (part, articles)) in issue.contents.iter().zip(&article_parts) {
            assert_eq!(contents.part, part.id, "contents part");
            let listed: Vec<(&str, &str)> = contents
                .categories
                .iter()
                .flat_map(|category| {
                    category
                        .entries
                        .iter()
                        .map(move |entry| (entry.article.as_str(), category.name.as_str()))
                })
                .collect();
            let actual: Vec<(&str, &str)> = articles
                .iter()
                .map(|article| (article.id.as_str(), article.category.as_str()))
                .collect();
            assert_eq!(listed, actual, "contents of part {}", part.id);
        }
    }
}

/// Ids of parts, articles, brief items, tables and figures share one namespace.
#[derive(Default)]
struct Ids(HashSet<String>);

impl Ids {
    fn claim(&mut self, id: &Slug, what: &str) {
        check_slug(id, what);
        assert!(
            self.0.insert(id.as_str().to_string()),
            "the {what} id {id} is used twice"
        );
    }
}

fn check_slug(id: &Slug, what: &str) {
    assert!(
        Slug::parse(id.as_str()).is_ok(),
        "the {what} id {id:?} is not a valid slug"
    );
}

fn check_entry_number(number: &str, id: &str) {
    assert!(
        !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()),
        "{id}: number {number:?}"
    );
}

fn check_month_day(date: MonthDay) {
    assert!(
        (1..=12).contains(&date.month) && (1..=31).contains(&date.day),
        "{date:?}"
    );
}

fn check_bullets(bullets: &[Bullet], level: usize) {
    assert!(level <= MAX_BULLET_DEPTH, "bullets nest {level} levels deep");
    for bullet in bullets {
        assert!(!bullet.text.is_empty(), "an empty bullet");
        check_bullets(&bullet.children, level + 1);
    }
}

fn check_table(table: &Table) {
    let id = table.id.as_str();
    assert!(!table.rows.is_empty(), "table {id} has no rows");
    let mut column_ids = HashSet::new();
    for column in &table.columns {
        check_slug(&column.id, "column");
        assert!(
            column_ids.insert(column.id.as_str()),
            "table {id}: column {} twice",
            column.id
        );
        assert!(!column.label.is_empty(), "table {id}: a column without a label");
    }
    for (index, row) in table.rows.iter().enumerate() {
        assert_eq!(row.cells.len(), table.columns.len(), "table {id}, row {index}");
        for (column, cell) in table.columns.iter().zip(&row.cells) {
            check_cell(column.kind, cell, id);
        }
    }
    let Some(total) = &table.total else { return };
    assert_eq!(total.cells.len(), table.columns.len(), "table {id}, total row");
    for (index, (column, cell)) in table.columns.iter().zip(&total.cells).enumerate() {
        if index == 0 {
            // The first cell of the total row is its label, whatever the column holds.
            assert!(
                matches!(cell, Cell::Text(_) | Cell::Empty),
                "table {id}: total label {cell:?}"
            );
            continue;
        }
        check_cell(column.kind, cell, id);
        let Cell::Number(stated) = cell else { continue };
        if !column.kind.is_measure() {
            continue;
        }
        // The parser checks totals exactly, in decimals; this checks the same claim
        // independently in floating point: the figures and sub-figures of the rows add up to
        // the stated total, up to rounding.
        let mut sum = 0.0f64;
        let mut magnitude = stated.value.abs();
        for row in &table.rows {
            if let Cell::Number(number) = &row.cells[index] {
                let row_sum = number.value + number.sub.unwrap_or(0.0);
                sum += row_sum;
                magnitude += number.value.abs() + number.sub.unwrap_or(0.0).abs();
            }
        }
        // A total print rounded apart is within half a unit of each figure's last place and
        // the total's: at most half of one for each, as no figure has fewer places than none.
        let rounding = if column.rounded_total { 0.5 * (table.rows.len() + 1) as f64 } else { 0.0 };
        assert!(
            (sum - stated.value).abs() <= 1e-9 * magnitude + rounding,
            "table {id}, column {}: the total says {} but the rows add up to {sum}",
            column.id,
            stated.shown
        );
    }
}

fn check_cell(kind: ColumnKind, cell: &Cell, table: &str) {
    match cell {
        Cell::Empty => {}
        Cell::Dash(mark) => {
            assert!(kind.is_numeric(), "table {table}: a dash in a {kind:?} column");
            assert!(number::is_dash(mark), "table {table}: {mark:?} kept as a dash");
        }
        Cell::Text(text) => {
            assert_eq!(
                kind,
                ColumnKind::Text,
                "table {table}: text {text:?} in a {kind:?} column"
            );
            assert!(!text.is_empty() && text.trim() == text, "table {table}: text {text:?}");
        }
        Cell::List(items) => {
            assert_eq!(kind, ColumnKind::List, "table {table}: a list in a {kind:?} column");
            assert!(
                items.iter().all(|item| !item.is_empty()),
                "table {table}: empty list item"
            );
        }
        Cell::Number(number) => {
            assert!(kind.is_numeric(), "table {table}: a number in a {kind:?} column");
            assert!(number.value.is_finite(), "table {table}: {number:?}");
            assert!(number.sub.is_none_or(f64::is_finite), "table {table}: {number:?}");
            if matches!(kind, ColumnKind::Ordinal | ColumnKind::Integer) {
                assert!(
                    number.value.fract() == 0.0 && number.sub.is_none_or(|sub| sub.fract() == 0.0),
                    "table {table}: {} in a whole-number column",
                    number.shown
                );
            }
            // The printed form is kept as written and reads back to the same number.
            match number::parse(&number.shown) {
                Ok(again) => assert_eq!(&again.number, number, "table {table}"),
                Err(error) => panic!("table {table}: {:?} no longer parses: {error}", number.shown),
            }
        }
    }
}

fn check_round_trip(issue: &Issue) {
    let bytes = match postcard::to_allocvec(issue) {
        Ok(bytes) => bytes,
        Err(error) => panic!("postcard cannot write the issue: {error}"),
    };
    match postcard::from_bytes::<Issue>(&bytes) {
        Ok(again) => assert_eq!(&again, issue, "the issue changed in a postcard round trip"),
        Err(error) => panic!("postcard cannot read back the issue it wrote: {error}"),
    }
}

/// The writer on an accepted issue: a source that reads back as the same issue, or a refusal
/// that names something the format cannot say; never a source of another issue, and never
/// a rule broken by the written source that the original did not break.
fn check_written(issue: &Issue) {
    match write_issue(issue) {
        Ok(source) => match bulletin::parse::parse("written.md", &source) {
            Ok(again) => assert_eq!(&again.issue, issue, "the written source reads back differently:\n{source}"),
            Err(errors) => panic!("the written source does not parse: {}\n{source}", errors[0]),
        },
        Err(errors) => {
            for error in &errors {
                assert_eq!(error.kind(), WriteErrorKind::Unwritable, "the writer failed: {error}");
            }
        }
    }
}

/// What the viewer does with every table and the issue: none of it may panic on an issue
/// the parser accepted.
fn exercise_viewer_core(issue: &Issue) {
    for table in issue.tables() {
        let collation = Collation::by_code_point(table);
        let mut everything: Vec<usize> = (0..table.rows.len()).collect();
        for column in table.column_ids() {
            let state = SortState::new([SortKey {
                column,
                direction: Direction::Descending,
            }]);
            let order = sort::order(table, &state, &collation);
            let mut seen = order.clone();
            seen.sort_unstable();
            assert_eq!(seen, everything, "table {}: sorting is not a permutation", table.id);
        }
        everything.reverse();
        let _ = bulletin::csv::table_to_csv(table, &everything, Some("all"));
        let _ = bulletin::csv::table_to_csv(table, &everything[everything.len() / 2..], Some("all"));
        if let Some(spec) = ChartSpec::for_table(table) {
            for &metric in &spec.measures {
                lay_out(table, &spec, metric, &everything);
            }
        }
    }
    let _ = bulletin::csv::formula_risks(issue);
    let index = SearchIndex::new(issue);
    let _ = index.search(&issue.meta.publisher, 20);
}

fn lay_out(table: &Table, spec: &ChartSpec, metric: ColumnId, rows: &[usize]) {
    let request = ChartRequest {
        spec,
        metric,
        rows,
        css_width: 640.0,
        scale: 2.0,
    };
    let layout = chart::layout(table, &request);
    let _ = chart::describe(table, &request, chart::Wording::Korean);
    let _ = chart::describe(table, &request, chart::Wording::English);
    let _ = chart::hit_test(&layout, 100.0, 40.0, 2.0);
}
