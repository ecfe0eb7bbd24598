//! Search across the archive: one [`SearchIndex`] an issue, asked newest issue first.
//!
//! Each issue keeps its own small index (built when the viewer has its text, a few issues at a
//! time), so a keystroke asks every issue's pair lists, which costs a binary search each, and
//! checks only the passages they name. Results come grouped by issue, newest first, with at
//! most `limit` passages listed in all; the total counts every match.

use super::{Hit, SearchIndex};
use crate::model::Date;

/// One issue's index, with its date.
#[derive(Clone, Debug)]
pub struct IssueIndex {
    /// The issue's date.
    pub date: Date,
    /// Its index.
    pub index: SearchIndex,
}

/// The matches in one issue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssueHits {
    /// The issue's date.
    pub date: Date,
    /// The issue's position in the list searched.
    pub issue: usize,
    /// How many of its passages match.
    pub total: usize,
    /// The first of them, in document order (passages index that issue's index).
    pub hits: Vec<Hit>,
}

/// The answer to a query over many issues.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArchiveResults {
    /// How many passages match in all.
    pub total: usize,
    /// How many issues have a match.
    pub n_issues: usize,
    /// The issues with a match, newest first, while `limit` passages have not been listed
    /// (an issue whose matches were all past the limit is counted but not listed).
    pub issues: Vec<IssueHits>,
}

/// Searches `issues` (newest first) for `query`, listing at most `limit` passages in all.
pub fn search(issues: &[IssueIndex], query: &str, limit: usize) -> ArchiveResults {
    let mut results = ArchiveResults::default();
    let mut listed = 0;
    for (position, issue) in issues.iter().enumerate() {
        let found = issue.index.search(query, limit - listed.min(limit));
        if found.total == 0 {
            continue;
        }
        results.total += found.total;
        results.n_issues += 1;
        listed += found.hits.len();
        if !found.hits.is_empty() {
            results.issues.push(IssueHits {
                date: issue.date,
                issue: position,
                total: found.total,
                hits: found.hits,
            });
        }
    }
    results
}

#[cfg(all(test, feature = "parse"))]
mod tests {
    use super::*;
    use crate::testing::issue;

    fn archive() -> Vec<IssueIndex> {
        let first = issue();
        let mut second = first.clone();
        second.meta.date = Date {
            year: 2023,
            month: 7,
            day: 7,
        };
        [second, first.clone()]
            .iter()
            .map(|issue| IssueIndex {
                date: issue.meta.date,
                index: SearchIndex::new(issue),
            })
            .collect()
    }

    #[test]
    fn results_come_by_issue_newest_first() {
        let issues = archive();
        let one = issues[1].index.search("쑤저우", 1000).total;
        let results = search(&issues, "쑤저우", 1000);
        assert!(one > 0);
        assert_eq!(results.total, 2 * one);
        assert_eq!(results.n_issues, 2);
        let dates: Vec<String> = results.issues.iter().map(|issue| issue.date.iso()).collect();
        assert_eq!(dates, ["2023-07-07", "2023-06-30"]);
        assert_eq!(results.issues[0].hits.len(), one);
    }

    #[test]
    fn the_limit_counts_across_issues() {
        let issues = archive();
        let one = issues[1].index.search("쑤저우", 1000).total;
        let results = search(&issues, "쑤저우", one + 1);
        assert_eq!(results.issues[0].hits.len(), one);
        assert_eq!(results.issues[1].hits.len(), 1);
        assert_eq!(results.issues[1].total, one);
        let results = search(&issues, "쑤저우", one);
        assert_eq!(results.issues.len(), 1);
        assert_eq!((results.total, results.n_issues), (2 * one, 2));
    }

    #[test]
    fn nothing_found_is_empty() {
        assert_eq!(search(&archive(), "없는말없는말", 10), ArchiveResults::default());
    }
}
