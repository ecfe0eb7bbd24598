//! Element ids: every id the page's elements carry, shared by the search index (which points at
//! the searchable pieces), the HTML writer and the viewer (which render them).
//!
//! Articles, brief items, tables, figures and parts use their own slug. Smaller pieces use
//! the owner's slug, `--`, and a position or a role; slugs never contain `--`, so no generated
//! id can collide with a slug. The page's own landmarks (the contents, the search box, …) have
//! fixed ids.

/// The summary section.
pub const SUMMARY: &str = "summary";
/// The colophon section.
pub const COLOPHON: &str = "colophon";
/// The contents panel.
pub const CONTENTS: &str = "contents";
/// The button that folds and unfolds the contents on a narrow screen.
pub const CONTENTS_TOGGLE: &str = "contents-toggle";
/// The search box (the `/` shortcut focuses it).
pub const SEARCH_INPUT: &str = "search-input";
/// The search results panel.
pub const SEARCH_RESULTS: &str = "search-results";
/// The page's main content, which the skip link focuses.
pub const MAIN: &str = "main";
/// The owner of the "no such address" message's title ([`title`]).
pub const NOT_FOUND: &str = "not-found";
/// The archive's list of issues (`--` keeps it apart from every slug).
pub const ARCHIVE_VIEW: &str = "archive--view";
/// The list of every table.
pub const TABLES_VIEW: &str = "tables--view";
/// The links between issues.
pub const ISSUE_NAV: &str = "issue--nav";

/// The heading of a section, part, article or brief item, which labels it.
pub fn title(owner: &str) -> String {
    format!("{owner}--title")
}

/// The n-th (0-based) summary point.
pub fn summary_point(index: usize) -> String {
    format!("summary--{}", index + 1)
}

/// The lead line of an article or brief item.
pub fn lead(owner: &str) -> String {
    format!("{owner}--lead")
}

/// A block (heading, paragraph, note, source) of an article, by its 0-based block index.
pub fn block(owner: &str, block: usize) -> String {
    format!("{owner}--b{}", block + 1)
}

/// A bullet: its block, then its 0-based position at each nesting level.
pub fn bullet(owner: &str, block: usize, path: &[usize]) -> String {
    let mut id = format!("{owner}--b{}", block + 1);
    for index in path {
        id.push('-');
        id.push_str(&(index + 1).to_string());
    }
    id
}

/// A table row, by its index in print order.
pub fn table_row(table: &str, row: usize) -> String {
    format!("{table}--r{}", row + 1)
}

/// A table's `<table>` element (the table's own slug names the block around it).
pub fn table(table: &str) -> String {
    format!("{table}--table")
}

/// A table's caption, which labels its scrolling region.
pub fn table_caption(table: &str) -> String {
    format!("{table}--caption")
}

/// The hint that describes a table's sort buttons.
pub fn table_hint(table: &str) -> String {
    format!("{table}--hint")
}

/// A table's chart.
pub fn chart(table: &str) -> String {
    format!("{table}--chart")
}

/// A table's total row.
pub fn table_total(table: &str) -> String {
    format!("{table}--total")
}

/// An article's n-th (0-based) reference.
pub fn reference(owner: &str, index: usize) -> String {
    format!("{owner}--ref{}", index + 1)
}

/// A brief item's source line.
pub fn brief_source(owner: &str) -> String {
    format!("{owner}--source")
}

/// The n-th (0-based) colophon entry.
pub fn colophon_entry(index: usize) -> String {
    format!("colophon--{}", index + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert_eq!(bullet("ev-charging", 2, &[0, 1]), "ev-charging--b3-1-2");
        assert_eq!(table_row("nsfc-programs", 0), "nsfc-programs--r1");
        assert_eq!(summary_point(5), "summary--6");
        assert_eq!(reference("nsfc-2022", 0), "nsfc-2022--ref1");
    }

    #[test]
    fn table_and_chart_ids() {
        assert_eq!(table("nsfc-programs"), "nsfc-programs--table");
        assert_eq!(table_caption("nsfc-programs"), "nsfc-programs--caption");
        assert_eq!(table_hint("nsfc-programs"), "nsfc-programs--hint");
        assert_eq!(chart("nsfc-programs"), "nsfc-programs--chart");
    }

    #[test]
    fn titles() {
        assert_eq!(title("ev-charging"), "ev-charging--title");
        assert_eq!(title(SUMMARY), "summary--title");
        assert_eq!(title(COLOPHON), "colophon--title");
        assert_eq!(title(NOT_FOUND), "not-found--title");
    }
}
