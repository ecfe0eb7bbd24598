//! The archive's two lists as HTML: every issue by year and month, and every table of every
//! issue. Both come from the catalog and a filter's matches (`crate::catalog`), and both are
//! written for as many matches as the viewer shows so far: it starts with a screenful and
//! writes more as the reader scrolls, so the time to show a list does not grow with the archive.

use super::Markup;
use crate::address::{href, Page};
use crate::catalog::{Catalog, IssueMatch, TableMatch};
use crate::model::Date;
use crate::route::{Route, TableView};

/// The words the lists take from the interface.
#[derive(Clone, Copy, Debug)]
pub struct Labels {
    /// A year's heading (`2023년`, `2023`).
    pub year: fn(u16) -> String,
    /// A month's heading (`7월`, `July`).
    pub month: fn(u8) -> String,
    /// The tables list's column headings: table, issue, article, columns, rows.
    pub table_headings: [&'static str; 5],
}

fn issue_link(markup: &mut Markup, date: Date, page: Page) {
    let link = href(date, &Route::Issue, page);
    markup
        .open("a", &[("href", &link), ("class", "archive-date")])
        .element("time", &[("datetime", &date.iso())], &date.printed())
        .close("a");
}

impl Markup {
    /// The issues of `matches[..shown]`, newest first, under a heading for each year and
    /// month, each with its matching articles and brief items linked. Links are written for
    /// `page`.
    pub fn archive_list(
        &mut self,
        catalog: &Catalog,
        matches: &[IssueMatch],
        shown: usize,
        page: Page,
        labels: &Labels,
    ) -> &mut Markup {
        let mut year = None;
        let mut month = None;
        self.open("div", &[("class", "archive-list")]);
        for found in matches.iter().take(shown) {
            let Some(issue) = catalog.issues.get(found.issue) else {
                continue;
            };
            let date = issue.date;
            if year != Some(date.year) {
                if month.is_some() {
                    self.close("ol").close("section");
                }
                if year.is_some() {
                    self.close("section");
                }
                self.open("section", &[("class", "archive-year")])
                    .element("h3", &[], &(labels.year)(date.year));
                year = Some(date.year);
                month = None;
            }
            if month != Some(date.month) {
                if month.is_some() {
                    self.close("ol").close("section");
                }
                self.open("section", &[("class", "archive-month")])
                    .element("h4", &[], &(labels.month)(date.month))
                    .open("ol", &[("class", "archive-issues")]);
                month = Some(date.month);
            }
            self.open("li", &[("class", "archive-issue")]);
            issue_link(self, date, page);
            let entries: Vec<_> = found.entries.iter().filter_map(|&at| issue.entries.get(at)).collect();
            // Numbers start again in each part: the entries go under their part's name.
            for group in entries.chunk_by(|a, b| a.part == b.part) {
                let part = group.first().and_then(|entry| issue.parts.get(usize::from(entry.part)));
                if let Some(part) = part {
                    self.element("p", &[("class", "archive-part"), ("lang", "ko")], part);
                }
                self.open("ul", &[("class", "archive-entries"), ("lang", "ko")]);
                for entry in group {
                    let route = if entry.brief {
                        Route::Brief(entry.id.clone())
                    } else {
                        Route::Article(entry.id.clone())
                    };
                    self.open("li", &[])
                        .open("a", &[("href", &href(date, &route, page))])
                        .element("span", &[("class", "number")], &entry.number)
                        .text(" ")
                        .text(&entry.title)
                        .close("a");
                    if let Some(category) = &entry.category {
                        self.text(" ").element("span", &[("class", "tag")], category);
                    }
                    self.close("li");
                }
                self.close("ul");
            }
            self.close("li");
        }
        if month.is_some() {
            self.close("ol").close("section");
        }
        if year.is_some() {
            self.close("section");
        }
        self.close("div")
    }

    /// The tables of `matches[..shown]` as one table: caption (linked to the table in its
    /// issue), issue date, article, column headings and row count. Each cell after the caption
    /// carries its column's heading in `data-label`, which a phone's layout shows before it,
    /// where each table is a card of its own.
    pub fn tables_list(
        &mut self,
        catalog: &Catalog,
        matches: &[TableMatch],
        shown: usize,
        page: Page,
        labels: &Labels,
    ) -> &mut Markup {
        self.open("table", &[("class", "data tables-list")])
            .open("thead", &[])
            .open("tr", &[]);
        for heading in labels.table_headings {
            self.element("th", &[("scope", "col")], heading);
        }
        self.close("tr").close("thead").open("tbody", &[]);
        for found in matches.iter().take(shown) {
            let Some(issue) = catalog.issues.get(found.issue) else {
                continue;
            };
            let Some(table) = issue.tables.get(found.table) else {
                continue;
            };
            let route = Route::Table(table.id.clone(), TableView::default());
            let [_, issue_label, article_label, columns_label, rows_label] = labels.table_headings;
            self.open("tr", &[])
                .open("th", &[("scope", "row"), ("lang", "ko")])
                .element(
                    "a",
                    &[("href", &href(issue.date, &route, page))],
                    &format!("〈{}〉", table.caption),
                )
                .close("th")
                .open("td", &[("data-label", issue_label)]);
            issue_link(self, issue.date, page);
            self.close("td")
                .element("td", &[("lang", "ko"), ("data-label", article_label)], &table.article)
                .element(
                    "td",
                    &[
                        ("lang", "ko"),
                        ("class", "tables-columns"),
                        ("data-label", columns_label),
                    ],
                    &table.columns.join(" · "),
                )
                .element(
                    "td",
                    &[("class", "numeric"), ("data-label", rows_label)],
                    &table.rows.to_string(),
                )
                .close("tr");
        }
        self.close("tbody").close("table")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{CatalogEntry, CatalogFilter, CatalogIssue, CatalogTable};

    fn labels() -> Labels {
        Labels {
            year: |year| format!("{year}년"),
            month: |month| format!("{month}월"),
            table_headings: ["표", "호", "기사", "열", "행"],
        }
    }

    fn date(month: u8, day: u8) -> Date {
        Date { year: 2023, month, day }
    }

    fn issue(month: u8, day: u8, title: &str) -> CatalogIssue {
        CatalogIssue {
            date: date(month, day),
            file: String::new(),
            size: 0,
            parts: vec!["I 정책동향".into(), "III 단신동향".into()],
            entries: vec![
                CatalogEntry {
                    id: "policy".into(),
                    brief: false,
                    number: "01".into(),
                    title: title.into(),
                    category: Some("기술전략".into()),
                    part: 0,
                },
                CatalogEntry {
                    id: "brief-1".into(),
                    brief: true,
                    number: "01".into(),
                    title: "단신 <제목>".into(),
                    category: None,
                    part: 1,
                },
            ],
            tables: vec![CatalogTable {
                id: "nsfc-programs".into(),
                caption: "지원현황".into(),
                article: title.into(),
                columns: vec!["구분".into(), "금액(만 위안)".into()],
                rows: 17,
            }],
        }
    }

    fn catalog() -> Catalog {
        Catalog::new(vec![
            issue(6, 30, "NSFC 예산"),
            issue(7, 7, "기초연구"),
            issue(7, 14, "AI 모델"),
        ])
    }

    fn archive(query: &str, shown: usize, page: Page) -> String {
        let catalog = catalog();
        let matches = CatalogFilter::new(&catalog).issues(query);
        let mut markup = Markup::new();
        markup.archive_list(&catalog, &matches, shown, page, &labels());
        markup.into_string()
    }

    #[test]
    fn issues_are_grouped_by_year_and_month() {
        let html = archive("", 10, Page::Root);
        assert_eq!(html.matches("<h3>2023년</h3>").count(), 1);
        assert_eq!(html.matches("<h4>").count(), 2);
        let july = html.find("<h4>7월</h4>").unwrap_or(usize::MAX);
        let june = html.find("<h4>6월</h4>").unwrap_or(0);
        assert!(july < june, "{html}");
        assert!(html.find("2023-07-14").unwrap_or(usize::MAX) < html.find("2023-07-07").unwrap_or(0));
        assert_eq!(html.matches("<section").count(), html.matches("</section>").count());
        assert_eq!(html.matches("<ol").count(), html.matches("</ol>").count());
    }

    #[test]
    fn links_name_their_issue_and_text_is_escaped() {
        let html = archive("", 10, Page::Issue(date(7, 7)));
        assert!(html.contains("<a href=\"2023-07-14.html#/article/policy\">"), "{html}");
        assert!(html.contains("<a href=\"#/article/policy\">"), "{html}");
        assert!(html.contains("<a href=\"2023-06-30.html#/brief/brief-1\">"), "{html}");
        assert!(html.contains("단신 &lt;제목&gt;"));
        assert!(!html.contains("<제목>"));
    }

    #[test]
    fn only_what_is_shown_is_written() {
        let html = archive("", 1, Page::Root);
        assert!(html.contains("2023-07-14"));
        assert!(!html.contains("2023-07-07"));
        let html = archive("NSFC", 10, Page::Root);
        assert!(html.contains("2023-06-30") && !html.contains("2023-07-07"), "{html}");
        // The part of the brief item the filter left out is not named.
        assert!(html.contains(">I 정책동향</p>") && !html.contains("단신동향"), "{html}");
    }

    #[test]
    fn the_tables_list_links_each_table_in_its_issue() {
        let catalog = catalog();
        let matches = CatalogFilter::new(&catalog).tables("");
        let mut markup = Markup::new();
        markup.tables_list(&catalog, &matches, 2, Page::Root, &labels());
        let html = markup.into_string();
        assert_eq!(html.matches("<tr>").count(), 3, "{html}");
        assert!(html.contains("<a href=\"2023-07-14.html#/table/nsfc-programs\">〈지원현황〉</a>"));
        assert!(html.contains("구분 · 금액(만 위안)"));
        assert!(!html.contains("2023-06-30"));
        // Each cell after the caption names its column, for a phone's cards.
        for label in ["호", "기사", "열", "행"] {
            assert_eq!(
                html.matches(&format!("data-label=\"{label}\"")).count(),
                2,
                "{label}: {html}"
            );
        }
    }
}
