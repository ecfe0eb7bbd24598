//! `cargo xtask import … --compare <file>`: how close a draft is to a checked source, block by
//! block.
//!
//! Both issues are read as values and their blocks put side by side per kind: prose blocks
//! (summary points, bullets with their depth, paragraphs, notes, sub-headings), leads,
//! sources, references, brief items, captions of tables and figures, table headers and table
//! cells. Within a kind the two sequences are aligned (longest common subsequence), so one
//! block missing or added does not shift every block after it; a block counts as identical
//! when its text, bold and links included, is the same. Table cells are compared by position
//! in the aligned tables (by caption), the total row included.

use std::fmt::Write as _;

use bulletin::model::{Block, Bullet, Cell, ColumnKind, Issue, PartBody, RichText, Span, Table};

/// How one kind of block compares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    /// The kind's key in the JSON figures (`prose`).
    pub key: &'static str,
    /// The kind as the report names it.
    pub name: &'static str,
    /// Blocks of the checked source that the draft has identically.
    pub identical: usize,
    /// Blocks of that kind in the checked source.
    pub expected: usize,
    /// Blocks of that kind in the draft.
    pub found: usize,
}

impl Figure {
    /// The share of the checked source's blocks the draft has identically, in percent.
    pub fn percent(&self) -> f64 {
        if self.expected == 0 {
            100.0
        } else {
            100.0 * self.identical as f64 / self.expected as f64
        }
    }
}

/// A block of the checked source the draft does not have identically, with what the draft
/// has in its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// The kind's name.
    pub kind: &'static str,
    /// The checked source's block.
    pub expected: String,
    /// The draft's block in its place, if any.
    pub found: Option<String>,
}

/// The comparison of a draft with a checked source.
#[derive(Clone, Debug)]
pub struct Comparison {
    /// One figure per kind of block.
    pub figures: Vec<Figure>,
    /// The checked blocks the draft does not have identically.
    pub differences: Vec<Difference>,
}

impl Comparison {
    /// The figures as a table, then at most `differences` differing blocks.
    pub fn report(&self, differences: usize) -> String {
        let mut out = String::new();
        let width = self
            .figures
            .iter()
            .map(|figure| figure.name.chars().count())
            .max()
            .unwrap_or(0);
        for figure in &self.figures {
            let extra =
                figure.found as i64 - figure.identical as i64 - (figure.expected as i64 - figure.identical as i64);
            let _ = writeln!(
                out,
                "  {:<width$}  {:>5} of {:>5} identical ({:>5.1}%), {} in the draft{}",
                figure.name,
                figure.identical,
                figure.expected,
                figure.percent(),
                figure.found,
                if extra > 0 {
                    format!(", {extra} more than checked")
                } else {
                    String::new()
                }
            );
        }
        if !self.differences.is_empty() && differences > 0 {
            let _ = writeln!(
                out,
                "  differences ({} in all, the first {}):",
                self.differences.len(),
                differences.min(self.differences.len())
            );
            for difference in self.differences.iter().take(differences) {
                let _ = writeln!(
                    out,
                    "    {}: checked: {}",
                    difference.kind,
                    shorten(&difference.expected)
                );
                match &difference.found {
                    Some(found) => {
                        let _ = writeln!(
                            out,
                            "    {:width$}    draft: {}",
                            "",
                            shorten(found),
                            width = difference.kind.chars().count()
                        );
                    }
                    None => {
                        let _ = writeln!(
                            out,
                            "    {:width$}    draft: (nothing in its place)",
                            "",
                            width = difference.kind.chars().count()
                        );
                    }
                }
            }
        }
        out
    }

    /// The figures as JSON: `{"prose": {"identical": 118, "expected": 120, "found": 121}, …}`.
    pub fn json(&self) -> String {
        let mut map = serde_json::Map::new();
        for figure in &self.figures {
            map.insert(
                figure.key.to_string(),
                serde_json::json!({
                    "identical": figure.identical,
                    "expected": figure.expected,
                    "found": figure.found,
                    "percent": (figure.percent() * 10.0).round() / 10.0,
                }),
            );
        }
        serde_json::Value::Object(map).to_string()
    }
}

fn shorten(text: &str) -> String {
    let text = text.replace('\n', " ⏎ ");
    match text.char_indices().nth(140) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

/// The blocks of one kind in an issue, each as text to compare.
type Blocks = fn(&Issue) -> Vec<String>;

/// Compares `draft` with the `checked` issue.
pub fn compare(draft: &Issue, checked: &Issue) -> Comparison {
    let mut figures = Vec::new();
    let mut differences = Vec::new();
    let kinds: [(&'static str, &'static str, Blocks); 9] = [
        ("prose", "prose blocks", prose),
        ("prose_plain", "prose blocks, bold ignored", prose_plain),
        ("leads", "leads", leads),
        ("sources", "sources", sources),
        ("references", "references", references),
        ("briefs", "brief items", briefs),
        ("captions", "captions", captions),
        ("headers", "table headers", headers),
        ("articles", "article headings", headings),
    ];
    for (key, name, blocks) in kinds {
        let expected = blocks(checked);
        let found = blocks(draft);
        let (identical, missing) = align(&expected, &found);
        figures.push(Figure {
            key,
            name,
            identical,
            expected: expected.len(),
            found: found.len(),
        });
        if key != "prose_plain" {
            differences.extend(missing.into_iter().map(|(expected, found)| Difference {
                kind: name,
                expected,
                found,
            }));
        }
    }
    let (cells, cell_differences) = table_cells(draft, checked);
    figures.push(cells);
    differences.extend(cell_differences);
    figures.push(front_matter(draft, checked));
    Comparison { figures, differences }
}

/// Rich text as the source writes it: `**bold**`, `<address>`, `[text](address)`.
fn canonical(text: &RichText) -> String {
    let mut out = String::new();
    for span in text {
        match span {
            Span::Text(run) => out.push_str(run),
            Span::Strong(run) => {
                out.push_str("**");
                out.push_str(run);
                out.push_str("**");
            }
            Span::Link { text, url } if text == url.as_str() => {
                let _ = write!(out, "<{}>", url.as_str());
            }
            Span::Link { text, url } => {
                let _ = write!(out, "[{text}]({})", url.as_str());
            }
            Span::Break => out.push('\n'),
        }
    }
    out
}

fn bullets(out: &mut Vec<String>, list: &[Bullet], depth: usize, text: fn(&RichText) -> String) {
    for bullet in list {
        out.push(format!("{}- {}", "  ".repeat(depth), text(&bullet.text)));
        bullets(out, &bullet.children, depth + 1, text);
    }
}

fn prose_with(issue: &Issue, text: fn(&RichText) -> String) -> Vec<String> {
    let mut out: Vec<String> = issue
        .summary
        .iter()
        .map(|point| format!("요약: {}", text(point)))
        .collect();
    for part in &issue.parts {
        match &part.body {
            PartBody::Articles(articles) => {
                for article in articles {
                    for block in &article.blocks {
                        match block {
                            Block::Heading(heading) => out.push(format!("### {heading}")),
                            Block::Bullets(list) => bullets(&mut out, list, 0, text),
                            Block::Paragraph(paragraph) => out.push(text(paragraph)),
                            Block::Note(note) => out.push(format!("Note: {}", text(note))),
                            Block::Table(table) => {
                                out.extend(table.notes.iter().map(|note| format!("Note: {}", text(note))))
                            }
                            Block::Figure(figure) => {
                                out.extend(figure.notes.iter().map(|note| format!("Note: {}", text(note))))
                            }
                            Block::Source(_) => {}
                        }
                    }
                }
            }
            PartBody::Briefs(briefs) => {
                for brief in briefs {
                    bullets(&mut out, &brief.bullets, 0, text);
                }
            }
        }
    }
    out
}

fn prose(issue: &Issue) -> Vec<String> {
    prose_with(issue, canonical)
}

fn prose_plain(issue: &Issue) -> Vec<String> {
    prose_with(issue, |text| bulletin::model::plain_text(text))
}

fn lead_text(lead: &bulletin::model::Lead) -> String {
    let date = lead
        .date
        .map(|date| format!(" ({}.{})", date.month, date.day))
        .unwrap_or_default();
    format!("{}{date}", canonical(&lead.text))
}

fn leads(issue: &Issue) -> Vec<String> {
    let articles = issue
        .articles()
        .filter_map(|article| article.lead.as_ref().map(lead_text));
    let briefs = issue.briefs().filter_map(|brief| brief.lead.as_ref().map(lead_text));
    articles.chain(briefs).collect()
}

fn sources(issue: &Issue) -> Vec<String> {
    let mut out = Vec::new();
    for article in issue.articles() {
        for block in &article.blocks {
            match block {
                Block::Source(text) => out.push(canonical(text)),
                Block::Table(table) => out.extend(table.sources.iter().map(canonical)),
                Block::Figure(figure) => out.extend(figure.sources.iter().map(canonical)),
                _ => {}
            }
        }
    }
    out
}

fn references(issue: &Issue) -> Vec<String> {
    issue
        .articles()
        .flat_map(|article| &article.references)
        .map(|reference| match &reference.url {
            Some(url) => format!("{} <{}>", reference.title, url.as_str()),
            None => reference.title.clone(),
        })
        .collect()
}

fn briefs(issue: &Issue) -> Vec<String> {
    issue
        .briefs()
        .map(|brief| {
            let source = &brief.source;
            let date = source
                .date
                .map(|date| format!(" ({:02}.{:02})", date.month, date.day))
                .unwrap_or_default();
            let url = source
                .url
                .as_ref()
                .map(|url| format!(" <{}>", url.as_str()))
                .unwrap_or_default();
            format!("{} {} — {}{date}{url}", brief.number, brief.title, source.outlet)
        })
        .collect()
}

fn captions(issue: &Issue) -> Vec<String> {
    let mut out = Vec::new();
    for article in issue.articles() {
        for block in &article.blocks {
            match block {
                Block::Table(table) => out.push(format!("Table: {}", table.caption)),
                Block::Figure(figure) => out.push(format!("Figure: {}", figure.caption)),
                _ => {}
            }
        }
    }
    out
}

fn kind_name(kind: ColumnKind) -> &'static str {
    match kind {
        ColumnKind::Ordinal => "ordinal",
        ColumnKind::Text => "text",
        ColumnKind::Integer => "integer",
        ColumnKind::Decimal => "decimal",
        ColumnKind::Index => "index",
        ColumnKind::List => "list",
    }
}

fn headers(issue: &Issue) -> Vec<String> {
    issue
        .tables()
        .flat_map(|table| {
            table.columns.iter().map(|column| {
                let unit = column
                    .unit
                    .as_ref()
                    .map(|unit| format!(" unit={unit:?}"))
                    .unwrap_or_default();
                format!("{} {}{unit}", column.label, kind_name(column.kind))
            })
        })
        .collect()
}

fn headings(issue: &Issue) -> Vec<String> {
    let mut out = Vec::new();
    for part in &issue.parts {
        out.push(format!("# {} {}", part.numeral, part.title));
        match &part.body {
            PartBody::Articles(articles) => out.extend(
                articles
                    .iter()
                    .map(|article| format!("## {} {} ({})", article.number, article.title, article.category)),
            ),
            PartBody::Briefs(briefs) => out.extend(
                briefs
                    .iter()
                    .map(|brief| format!("## {} {}", brief.number, brief.title)),
            ),
        }
    }
    out
}

/// The cells of every checked table against the draft's table with the same caption (or,
/// failing that, in the same place), by row and column, the total row last.
fn table_cells(draft: &Issue, checked: &Issue) -> (Figure, Vec<Difference>) {
    let expected: Vec<&Table> = checked.tables().collect();
    let found: Vec<&Table> = draft.tables().collect();
    let expected_captions: Vec<String> = expected.iter().map(|table| table.caption.clone()).collect();
    let found_captions: Vec<String> = found.iter().map(|table| table.caption.clone()).collect();
    let pairs = pairs(&expected_captions, &found_captions);
    let mut identical = 0;
    let mut total = 0;
    let mut in_draft = 0;
    let mut differences = Vec::new();
    for table in &found {
        in_draft += cells_of(table).len();
    }
    for (index, table) in expected.iter().enumerate() {
        let cells = cells_of(table);
        total += cells.len();
        let Some(other) = pairs.get(&index).map(|&other| found[other]) else {
            differences.push(Difference {
                kind: "table cells",
                expected: format!("the table {:?} ({} cells)", table.caption, cells.len()),
                found: None,
            });
            continue;
        };
        let others = cells_of(other);
        for ((row, column, text), found) in cells.iter().zip(others.iter().map(Some).chain(std::iter::repeat(None))) {
            let same = found.is_some_and(|(other_row, other_column, other_text)| {
                other_row == row && other_column == column && other_text == text
            });
            if same {
                identical += 1;
            } else {
                differences.push(Difference {
                    kind: "table cells",
                    expected: format!("{:?} row {row}, column {column}: {text}", table.caption),
                    found: found.map(|(row, column, text)| format!("row {row}, column {column}: {text}")),
                });
            }
        }
    }
    (
        Figure {
            key: "cells",
            name: "table cells",
            identical,
            expected: total,
            found: in_draft,
        },
        differences,
    )
}

/// Every cell of a table as (row, column, text as shown), the total row as row `total`.
fn cells_of(table: &Table) -> Vec<(String, usize, String)> {
    let mut out = Vec::new();
    for (row_index, row) in table.rows.iter().enumerate() {
        for (column, cell) in row.cells.iter().enumerate() {
            out.push(((row_index + 1).to_string(), column + 1, shown(cell)));
        }
    }
    if let Some(total) = &table.total {
        for (column, cell) in total.cells.iter().enumerate() {
            out.push(("total".to_string(), column + 1, shown(cell)));
        }
    }
    out
}

fn shown(cell: &Cell) -> String {
    cell.shown()
}

fn front_matter(draft: &Issue, checked: &Issue) -> Figure {
    let fields = |issue: &Issue| {
        vec![
            issue.meta.series.clone(),
            format!("{:?}", issue.meta.series_en),
            issue.meta.date.iso(),
            issue.meta.publisher.clone(),
            format!("{:?}", issue.meta.publisher_en),
            format!("{:?}", issue.meta.notice),
        ]
    };
    let expected = fields(checked);
    let found = fields(draft);
    Figure {
        key: "front_matter",
        name: "front matter fields",
        identical: expected.iter().zip(&found).filter(|(a, b)| a == b).count(),
        expected: expected.len(),
        found: found.len(),
    }
}

/// How many of `expected` the draft has identically, in order, and each of the others with
/// the draft's block in its place.
fn align(expected: &[String], found: &[String]) -> (usize, Vec<(String, Option<String>)>) {
    let matched = lcs(expected, found);
    let mut missing = Vec::new();
    let mut previous = (0usize, 0usize);
    for &(at, other) in matched.iter().chain(std::iter::once(&(expected.len(), found.len()))) {
        let mut unmatched_found = (previous.1..other).map(|index| found[index].clone());
        for block in &expected[previous.0..at] {
            missing.push((block.clone(), unmatched_found.next()));
        }
        previous = (at + 1, other + 1);
    }
    (matched.len(), missing)
}

/// The pairs of indices (expected, found) of a longest common subsequence of equal blocks.
fn lcs(expected: &[String], found: &[String]) -> Vec<(usize, usize)> {
    let (n, m) = (expected.len(), found.len());
    if n.saturating_mul(m) > 25_000_000 {
        // Too large to align: compare by position.
        return (0..n.min(m))
            .filter(|&index| expected[index] == found[index])
            .map(|index| (index, index))
            .collect();
    }
    let mut table = vec![0u32; (n + 1) * (m + 1)];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[i * (m + 1) + j] = if expected[i] == found[j] {
                table[(i + 1) * (m + 1) + j + 1] + 1
            } else {
                table[(i + 1) * (m + 1) + j].max(table[i * (m + 1) + j + 1])
            };
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if expected[i] == found[j] {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if table[(i + 1) * (m + 1) + j] >= table[i * (m + 1) + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// Tables paired by caption where the captions align, then by order among the rest.
fn pairs(expected: &[String], found: &[String]) -> std::collections::HashMap<usize, usize> {
    let mut out: std::collections::HashMap<usize, usize> = lcs(expected, found).into_iter().collect();
    let mut free_found = (0..found.len())
        .filter(|index| !out.values().any(|other| other == index))
        .collect::<Vec<_>>()
        .into_iter();
    for index in 0..expected.len() {
        if out.contains_key(&index) {
            continue;
        }
        if let Some(other) = free_found.next() {
            out.insert(index, other);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|item| item.to_string()).collect()
    }

    #[test]
    fn alignment_survives_a_missing_block() {
        let (identical, missing) = align(&strings(&["a", "b", "c", "d"]), &strings(&["a", "c", "d", "e"]));
        assert_eq!(identical, 3);
        assert_eq!(missing, [("b".to_string(), None)]);
        let (identical, missing) = align(&strings(&["a", "b", "c"]), &strings(&["a", "x", "c"]));
        assert_eq!(identical, 2);
        assert_eq!(missing, [("b".to_string(), Some("x".to_string()))]);
    }

    #[test]
    fn the_checked_issue_compares_identical_to_itself() {
        let source = include_str!("../../bulletins/2023-06-30.md");
        let issue = bulletin::parse::parse("2023-06-30.md", source)
            .unwrap_or_else(|errors| panic!("{errors:?}"))
            .issue;
        let comparison = compare(&issue, &issue);
        for figure in &comparison.figures {
            assert_eq!(figure.identical, figure.expected, "{figure:?}");
        }
        assert!(comparison.differences.is_empty());
        let cells = comparison.figures.iter().find(|figure| figure.key == "cells");
        assert_eq!(
            cells.map(|figure| figure.expected),
            Some(issue.tables().map(|table| cells_of(table).len()).sum())
        );
    }
}
