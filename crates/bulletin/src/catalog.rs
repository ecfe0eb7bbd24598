//! The archive's catalog: every issue in a few lines (its date, its articles' titles and
//! categories, its brief items, its tables), and the two lists a reader filters from it,
//! the archive (issues by year and month) and every table of every issue.
//!
//! A build writes the catalog as one data file (`crate::data_file`), fetched when a reader
//! first opens either list; no issue's text is in it, so it stays small as the archive grows.
//! Filtering is the search's folding (case, thousands separators; `crate::text`): every word
//! of the filter must be found in an entry's text, its issue's date included.

use serde::{Deserialize, Serialize};

use crate::model::{Date, Issue, PartBody};
use crate::text::fold;

/// Every issue of the archive, newest first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    /// The issues, newest first.
    pub issues: Vec<CatalogIssue>,
}

/// One issue as the catalog lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CatalogIssue {
    /// The issue's date.
    pub date: Date,
    /// Its data file (`data/<date>-<hash>.issue`).
    pub file: String,
    /// The data file's size in bytes, so a reader can be told what saving it offline takes.
    pub size: u32,
    /// Its parts' names as printed, numeral and title (`I 정책동향`), which its entries name by
    /// index: numbers start again in each part.
    pub parts: Vec<String>,
    /// Its articles and brief items, in print order.
    pub entries: Vec<CatalogEntry>,
    /// Its tables, in print order.
    pub tables: Vec<CatalogTable>,
}

/// An article or brief item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CatalogEntry {
    /// Its id, for its link.
    pub id: String,
    /// Whether it is a brief item (part III) rather than an article.
    pub brief: bool,
    /// The number as printed.
    pub number: String,
    /// The title.
    pub title: String,
    /// The category (기술전략, ICT …); brief items have none.
    pub category: Option<String>,
    /// The part it is in, an index into its issue's `parts`.
    pub part: u16,
}

/// A table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CatalogTable {
    /// Its id, for its link.
    pub id: String,
    /// The caption.
    pub caption: String,
    /// The title of the article that holds it.
    pub article: String,
    /// The column headings, units included.
    pub columns: Vec<String>,
    /// How many data rows it has (the total row not counted).
    pub rows: u32,
}

impl CatalogIssue {
    /// What the catalog says of `issue`, whose data file is `file` of `size` bytes.
    pub fn new(issue: &Issue, file: String, size: u32) -> CatalogIssue {
        let mut entries = Vec::new();
        let mut tables = Vec::new();
        let mut parts = Vec::new();
        for part in &issue.parts {
            let index = u16::try_from(parts.len()).unwrap_or(u16::MAX);
            parts.push(format!("{} {}", part.numeral, part.title));
            match &part.body {
                PartBody::Articles(articles) => {
                    for article in articles {
                        entries.push(CatalogEntry {
                            id: article.id.as_str().to_string(),
                            brief: false,
                            number: article.number.clone(),
                            title: article.title.clone(),
                            category: Some(article.category.clone()),
                            part: index,
                        });
                        for block in &article.blocks {
                            if let crate::model::Block::Table(table) = block {
                                tables.push(CatalogTable {
                                    id: table.id.as_str().to_string(),
                                    caption: table.caption.clone(),
                                    article: article.title.clone(),
                                    columns: table.columns.iter().map(|column| column.heading()).collect(),
                                    rows: u32::try_from(table.rows.len()).unwrap_or(u32::MAX),
                                });
                            }
                        }
                    }
                }
                PartBody::Briefs(briefs) => {
                    entries.extend(briefs.iter().map(|brief| CatalogEntry {
                        id: brief.id.as_str().to_string(),
                        brief: true,
                        number: brief.number.clone(),
                        title: brief.title.clone(),
                        category: None,
                        part: index,
                    }));
                }
            }
        }
        CatalogIssue {
            date: issue.meta.date,
            file,
            size,
            parts,
            entries,
            tables,
        }
    }
}

impl Catalog {
    /// The catalog of these issues, in any order: it lists them newest first.
    pub fn new(mut issues: Vec<CatalogIssue>) -> Catalog {
        issues.sort_by_key(|issue| core::cmp::Reverse(issue.date));
        Catalog { issues }
    }

    /// The issue of `date`.
    pub fn issue(&self, date: Date) -> Option<&CatalogIssue> {
        self.issues.iter().find(|issue| issue.date == date)
    }

    /// The issues just before and after `date` in the archive (older, newer).
    pub fn neighbours(&self, date: Date) -> (Option<Date>, Option<Date>) {
        let older = self.issues.iter().map(|issue| issue.date).filter(|d| *d < date).max();
        let newer = self.issues.iter().map(|issue| issue.date).filter(|d| *d > date).min();
        (older, newer)
    }

    /// The data files of every issue and their total size in bytes.
    pub fn total_size(&self) -> u64 {
        self.issues.iter().map(|issue| u64::from(issue.size)).sum()
    }
}

/// The catalog prepared for filtering on every keystroke: each entry's and table's text
/// folded once.
#[derive(Clone, Debug, Default)]
pub struct CatalogFilter {
    /// Per issue (in catalog order): the folded text of its date, and of each entry and table.
    issues: Vec<FoldedIssue>,
}

#[derive(Clone, Debug, Default)]
struct FoldedIssue {
    date: String,
    entries: Vec<String>,
    tables: Vec<String>,
}

/// What a filter lets through of one issue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssueMatch {
    /// The issue's index in [`Catalog::issues`].
    pub issue: usize,
    /// The indices of its entries that match, in print order (all of them when the filter
    /// is empty or names the issue's date).
    pub entries: Vec<usize>,
}

/// A table a filter lets through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TableMatch {
    /// The issue's index in [`Catalog::issues`].
    pub issue: usize,
    /// The table's index in its issue's [`CatalogIssue::tables`].
    pub table: usize,
}

fn date_words(date: Date) -> String {
    fold(&format!(
        "{} {} {}년 {}월",
        date.iso(),
        date.printed(),
        date.year,
        date.month
    ))
}

impl CatalogFilter {
    /// Folds the catalog's text once.
    pub fn new(catalog: &Catalog) -> CatalogFilter {
        let issues = catalog
            .issues
            .iter()
            .map(|issue| FoldedIssue {
                date: date_words(issue.date),
                entries: issue
                    .entries
                    .iter()
                    .map(|entry| {
                        fold(&format!(
                            "{} {} {}",
                            entry.number,
                            entry.title,
                            entry.category.as_deref().unwrap_or_default()
                        ))
                    })
                    .collect(),
                tables: issue
                    .tables
                    .iter()
                    .map(|table| {
                        fold(&format!(
                            "{} {} {}",
                            table.caption,
                            table.article,
                            table.columns.join(" ")
                        ))
                    })
                    .collect(),
            })
            .collect();
        CatalogFilter { issues }
    }

    /// The issues and entries that `query` lets through, newest first. An issue is listed
    /// when each word of the query is in its date or in one entry's text; it then shows the
    /// entries that hold the words its date does not.
    pub fn issues(&self, query: &str) -> Vec<IssueMatch> {
        let words = words(query);
        let mut matches = Vec::new();
        for (index, issue) in self.issues.iter().enumerate() {
            let rest: Vec<&str> = words
                .iter()
                .map(String::as_str)
                .filter(|word| !issue.date.contains(word))
                .collect();
            let entries: Vec<usize> = issue
                .entries
                .iter()
                .enumerate()
                .filter(|(_, text)| rest.iter().all(|word| text.contains(word)))
                .map(|(at, _)| at)
                .collect();
            if rest.is_empty() || !entries.is_empty() {
                matches.push(IssueMatch {
                    issue: index,
                    entries: if rest.is_empty() {
                        (0..issue.entries.len()).collect()
                    } else {
                        entries
                    },
                });
            }
        }
        matches
    }

    /// The tables that `query` lets through, newest issue first, in print order within an
    /// issue: each word must be in the table's caption, columns, article title or date.
    pub fn tables(&self, query: &str) -> Vec<TableMatch> {
        let words = words(query);
        let mut matches = Vec::new();
        for (issue_index, issue) in self.issues.iter().enumerate() {
            for (table_index, text) in issue.tables.iter().enumerate() {
                if words
                    .iter()
                    .all(|word| text.contains(word.as_str()) || issue.date.contains(word.as_str()))
                {
                    matches.push(TableMatch {
                        issue: issue_index,
                        table: table_index,
                    });
                }
            }
        }
        matches
    }
}

/// The query's words, folded.
fn words(query: &str) -> Vec<String> {
    fold(query).split_whitespace().map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(month: u8, day: u8) -> Date {
        Date { year: 2023, month, day }
    }

    fn entry(id: &str, title: &str, category: Option<&str>) -> CatalogEntry {
        CatalogEntry {
            id: id.into(),
            brief: category.is_none(),
            number: "01".into(),
            title: title.into(),
            category: category.map(str::to_string),
            part: u16::from(category.is_none()),
        }
    }

    fn table(id: &str, caption: &str, columns: &[&str]) -> CatalogTable {
        CatalogTable {
            id: id.into(),
            caption: caption.into(),
            article: "NSFC 사업 예산".into(),
            columns: columns.iter().map(|column| column.to_string()).collect(),
            rows: 17,
        }
    }

    fn catalog() -> Catalog {
        Catalog::new(vec![
            CatalogIssue {
                date: date(6, 30),
                file: "data/2023-06-30-0000000000000001.issue".into(),
                size: 40_000,
                parts: vec!["I 정책동향".into(), "III 단신동향".into()],
                entries: vec![
                    entry("nsfc-2022", "'22년 NSFC 사업 예산 및 분야 발표", Some("기술전략")),
                    entry("ai-model", "차세대 AI 모델 발표", Some("ICT")),
                    entry("brief-1", "과학기술부 회의", None),
                ],
                tables: vec![table(
                    "nsfc-programs",
                    "2022년 국가자연과학기금위원회 프로젝트별 지원현황",
                    &["구분", "직접비 금액(만 위안)"],
                )],
            },
            CatalogIssue {
                date: date(7, 7),
                file: "data/2023-07-07-0000000000000002.issue".into(),
                size: 10_000,
                parts: vec!["I 정책동향".into()],
                entries: vec![entry("policy", "기초연구 지원 확대", Some("기술전략"))],
                tables: vec![table("nsfc-programs", "NSFC 2023 budget", &["Program"])],
            },
        ])
    }

    #[cfg(feature = "parse")]
    #[test]
    fn entries_name_their_part_since_numbers_start_again_in_each() {
        let listed = CatalogIssue::new(crate::testing::issue(), String::new(), 0);
        assert_eq!(listed.parts, ["I 정책동향", "II 기술동향", "III 단신동향"]);
        let parts: Vec<u16> = listed.entries.iter().map(|entry| entry.part).collect();
        assert_eq!(parts, [0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 2, 2, 2, 2]);
        let numbers: Vec<&str> = listed.entries.iter().map(|entry| entry.number.as_str()).collect();
        assert_eq!(numbers[5..8], ["06", "01", "02"]);
    }

    #[test]
    fn issues_are_newest_first() {
        let catalog = catalog();
        let dates: Vec<String> = catalog.issues.iter().map(|issue| issue.date.iso()).collect();
        assert_eq!(dates, ["2023-07-07", "2023-06-30"]);
        assert_eq!(catalog.neighbours(date(6, 30)), (None, Some(date(7, 7))));
        assert_eq!(catalog.neighbours(date(7, 7)), (Some(date(6, 30)), None));
        assert_eq!(catalog.total_size(), 50_000);
    }

    #[track_caller]
    fn check_issues(query: &str, expected: &[(usize, &[usize])]) {
        let filter = CatalogFilter::new(&catalog());
        let found: Vec<(usize, Vec<usize>)> = filter
            .issues(query)
            .into_iter()
            .map(|found| (found.issue, found.entries))
            .collect();
        let expected: Vec<(usize, Vec<usize>)> = expected.iter().map(|(i, e)| (*i, e.to_vec())).collect();
        assert_eq!(found, expected, "{query}");
    }

    #[test]
    fn an_empty_filter_lists_everything() {
        check_issues("", &[(0, &[0]), (1, &[0, 1, 2])]);
        check_issues("   ", &[(0, &[0]), (1, &[0, 1, 2])]);
    }

    #[test]
    fn a_category_finds_its_articles() {
        check_issues("기술전략", &[(0, &[0]), (1, &[0])]);
        check_issues("ict", &[(1, &[1])]);
    }

    #[test]
    fn title_words_must_all_be_found() {
        check_issues("nsfc 예산", &[(1, &[0])]);
        check_issues("nsfc 회의", &[]);
    }

    #[test]
    fn a_date_selects_its_issue_and_narrows_with_other_words() {
        check_issues("2023-07", &[(0, &[0])]);
        check_issues("2023. 6. 30", &[(1, &[0, 1, 2])]);
        check_issues("6월 ict", &[(1, &[1])]);
    }

    #[test]
    fn tables_match_caption_columns_article_and_date() {
        let filter = CatalogFilter::new(&catalog());
        let found = |query: &str| -> Vec<(usize, usize)> {
            filter.tables(query).into_iter().map(|m| (m.issue, m.table)).collect()
        };
        assert_eq!(found("NSFC"), [(0, 0), (1, 0)]);
        assert_eq!(found("직접비"), [(1, 0)]);
        assert_eq!(found("nsfc 2023-07"), [(0, 0)]);
        assert_eq!(found("budget 2023-06"), []);
    }
}
