//! Element ids for every searchable piece of the page, shared by the search index (which
//! points at them) and the viewer (which renders them).
//!
//! Articles, brief items, tables, figures and parts use their own slug. Smaller pieces use
//! the owner's slug, `--`, and a position; slugs never contain `--`, so no generated id can
//! collide with a slug.

/// The summary section.
pub const SUMMARY: &str = "summary";
/// The colophon section.
pub const COLOPHON: &str = "colophon";
/// The contents panel.
pub const CONTENTS: &str = "contents";

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
}
