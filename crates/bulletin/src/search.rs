//! Full-text search over everything a reader can see: titles, leads, bullets, table rows,
//! captions, sources, notes, references, brief items and the colophon.
//!
//! The issue is cut into [`Passage`]s, each with the element id it scrolls to and the
//! article (or section) it belongs to. Matching is substring matching on folded text
//! (see [`crate::text`]), so Hangul and Hanja match as typed, Latin letters ignore case and
//! numbers ignore thousands separators. To answer each keystroke in well under a frame even
//! over hundreds of issues, an inverted index of character pairs narrows the passages to
//! check: a one-character query reads its character's list, a longer one checks only the
//! passages that hold its rarest pairs.

pub mod archive;

use core::ops::Range;

use crate::anchor;
use crate::model::{plain_text, Block, Bullet, Issue, Lead, PartBody, RichText};
use crate::route::{Route, TableView};
use crate::text::{find_all, fold, Folded};

/// What a group of results belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GroupKind {
    /// The summary.
    Summary,
    /// An article, with its number and title.
    Article {
        /// The number as printed.
        number: String,
        /// The title.
        title: String,
    },
    /// A brief item, with its number and title.
    Brief {
        /// The number as printed.
        number: String,
        /// The title.
        title: String,
    },
    /// The colophon.
    Colophon,
}

/// A section of the issue that results are listed under.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// What it is.
    pub kind: GroupKind,
    /// Where it opens.
    pub route: Route,
}

/// What kind of text a passage is, so results can say "표", "그림", "참고자료" …
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PassageKind {
    /// An article's or brief item's title.
    Title,
    /// An article's category (`기술전략`), found under the article.
    Category,
    /// A lead line.
    Lead,
    /// A sub-heading.
    Heading,
    /// A bullet.
    Bullet,
    /// A paragraph.
    Paragraph,
    /// A note.
    Note,
    /// A source line.
    Source,
    /// A table caption.
    TableCaption,
    /// A table row (its cells joined).
    TableRow,
    /// A figure caption.
    FigureCaption,
    /// A reference.
    Reference,
    /// A summary point.
    SummaryPoint,
    /// A colophon entry.
    Colophon,
}

/// One searchable piece of text.
#[derive(Clone, Debug, PartialEq)]
pub struct Passage {
    /// Index of its group.
    pub group: usize,
    /// The element id it scrolls to.
    pub anchor: String,
    /// The route that shows it (a table route for rows, so the table can be reset to show them).
    pub route: Route,
    /// What it is.
    pub kind: PassageKind,
    /// The text as shown.
    pub text: String,
}

/// A matching passage and where the query matched, as byte ranges of `Passage::text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index of the passage.
    pub passage: usize,
    /// The matched ranges, for highlighting.
    pub ranges: Vec<Range<usize>>,
}

/// The answer to a query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Results {
    /// How many passages match in all.
    pub total: usize,
    /// The first matching passages, in document order, at most the limit asked for.
    pub hits: Vec<Hit>,
}

/// Posting lists in one flat array: `keys[i]` has passages `passages[offsets[i]..offsets[i + 1]]`.
#[derive(Clone, Debug, Default)]
struct Postings {
    keys: Vec<u64>,
    offsets: Vec<u32>,
    passages: Vec<u32>,
}

impl Postings {
    fn build(mut pairs: Vec<(u64, u32)>) -> Postings {
        pairs.sort_unstable();
        pairs.dedup();
        let mut postings = Postings::default();
        for (key, passage) in pairs {
            if postings.keys.last() != Some(&key) {
                postings.keys.push(key);
                postings.offsets.push(postings.passages.len() as u32);
            }
            postings.passages.push(passage);
        }
        postings.offsets.push(postings.passages.len() as u32);
        postings
    }

    fn get(&self, key: u64) -> &[u32] {
        match self.keys.binary_search(&key) {
            Ok(index) => {
                let start = self.offsets[index] as usize;
                let end = self.offsets[index + 1] as usize;
                &self.passages[start..end]
            }
            Err(_) => &[],
        }
    }
}

/// The search index of one issue (or of many, for an archive).
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    groups: Vec<Group>,
    passages: Vec<Passage>,
    folded: Vec<Folded>,
    singles: Postings,
    pairs: Postings,
}

fn pair_key(first: char, second: char) -> u64 {
    (u64::from(u32::from(first)) << 32) | u64::from(u32::from(second))
}

impl SearchIndex {
    /// Indexes everything readable in `issue`.
    pub fn new(issue: &Issue) -> SearchIndex {
        let mut builder = Builder::default();
        builder.issue(issue);
        SearchIndex::from_parts(builder.groups, builder.passages)
    }

    /// Indexes the given passages (their `group` fields index `groups`).
    pub fn from_parts(groups: Vec<Group>, passages: Vec<Passage>) -> SearchIndex {
        let folded: Vec<Folded> = passages.iter().map(|passage| Folded::new(&passage.text)).collect();
        let mut singles = Vec::new();
        let mut pairs = Vec::new();
        for (index, text) in folded.iter().enumerate() {
            let passage = index as u32;
            let mut previous = None;
            for c in text.text.chars() {
                singles.push((u64::from(u32::from(c)), passage));
                if let Some(first) = previous {
                    pairs.push((pair_key(first, c), passage));
                }
                previous = Some(c);
            }
        }
        SearchIndex {
            groups,
            passages,
            folded,
            singles: Postings::build(singles),
            pairs: Postings::build(pairs),
        }
    }

    /// The passages, in document order.
    pub fn passages(&self) -> &[Passage] {
        &self.passages
    }

    /// The groups results are listed under.
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// The passages containing `query`, the first `limit` with their matched ranges.
    pub fn search(&self, query: &str, limit: usize) -> Results {
        let needle = fold(query);
        let chars: Vec<char> = needle.chars().collect();
        let candidates: Vec<u32> = match chars.as_slice() {
            [] => return Results::default(),
            [single] => self.singles.get(u64::from(u32::from(*single))).to_vec(),
            _ => {
                let mut lists: Vec<&[u32]> = chars
                    .windows(2)
                    .map(|pair| self.pairs.get(pair_key(pair[0], pair[1])))
                    .collect();
                lists.sort_by_key(|list| list.len());
                let mut candidates = lists[0].to_vec();
                if let Some(second) = lists.get(1) {
                    candidates.retain(|passage| second.binary_search(passage).is_ok());
                }
                candidates
            }
        };
        // Two characters are one pair: its list is the answer. Longer queries are checked.
        let exact = chars.len() <= 2;
        let mut results = Results::default();
        for passage in candidates {
            let Some(folded) = self.folded.get(passage as usize) else {
                continue;
            };
            if !exact && !folded.text.contains(&needle) {
                continue;
            }
            results.total += 1;
            if results.hits.len() < limit {
                let ranges = find_all(&folded.text, &needle)
                    .into_iter()
                    .map(|range| folded.original_range(range))
                    .collect();
                results.hits.push(Hit {
                    passage: passage as usize,
                    ranges,
                });
            }
        }
        results
    }
}

/// A cell's text in a passage: list items joined like the cells, without their bullets.
fn passage_text(cell: &crate::model::Cell) -> String {
    match cell {
        crate::model::Cell::List(items) => items.join(" · "),
        other => other.shown(),
    }
}

/// Cuts an issue into passages.
#[derive(Default)]
struct Builder {
    groups: Vec<Group>,
    passages: Vec<Passage>,
}

impl Builder {
    fn push(&mut self, anchor: String, route: &Route, kind: PassageKind, text: String) {
        if text.trim().is_empty() {
            return;
        }
        let group = self.groups.len().saturating_sub(1);
        self.passages.push(Passage {
            group,
            anchor,
            route: route.clone(),
            kind,
            text,
        });
    }

    fn issue(&mut self, issue: &Issue) {
        self.groups.push(Group {
            kind: GroupKind::Summary,
            route: Route::Summary,
        });
        for (index, point) in issue.summary.iter().enumerate() {
            self.push(
                anchor::summary_point(index),
                &Route::Summary,
                PassageKind::SummaryPoint,
                plain_text(point),
            );
        }
        for part in &issue.parts {
            match &part.body {
                PartBody::Articles(articles) => {
                    for article in articles {
                        let id = article.id.as_str();
                        let route = Route::Article(id.to_string());
                        let kind = GroupKind::Article {
                            number: article.number.clone(),
                            title: article.title.clone(),
                        };
                        self.entry(kind, &route, id, &article.title, article.lead.as_ref());
                        self.push(id.to_string(), &route, PassageKind::Category, article.category.clone());
                        for (index, block) in article.blocks.iter().enumerate() {
                            self.block(id, &route, index, block);
                        }
                        for (index, reference) in article.references.iter().enumerate() {
                            self.push(
                                anchor::reference(id, index),
                                &route,
                                PassageKind::Reference,
                                reference.title.clone(),
                            );
                        }
                    }
                }
                PartBody::Briefs(briefs) => {
                    for brief in briefs {
                        let id = brief.id.as_str();
                        let route = Route::Brief(id.to_string());
                        let kind = GroupKind::Brief {
                            number: brief.number.clone(),
                            title: brief.title.clone(),
                        };
                        self.entry(kind, &route, id, &brief.title, brief.lead.as_ref());
                        self.bullets(id, &route, 0, &brief.bullets, &mut Vec::new());
                        let source = match brief.source.date {
                            Some(date) => format!("{} ({:02}.{:02})", brief.source.outlet, date.month, date.day),
                            None => brief.source.outlet.clone(),
                        };
                        self.push(anchor::brief_source(id), &route, PassageKind::Source, source);
                    }
                }
            }
        }
        self.groups.push(Group {
            kind: GroupKind::Colophon,
            route: Route::Colophon,
        });
        for (index, entry) in issue.colophon.iter().enumerate() {
            let text = format!("{}: {}", entry.label, plain_text(&entry.value).replace('\n', " "));
            self.push(
                anchor::colophon_entry(index),
                &Route::Colophon,
                PassageKind::Colophon,
                text,
            );
        }
    }

    /// Opens the group of an article or brief item with its title and lead.
    fn entry(&mut self, kind: GroupKind, route: &Route, id: &str, title: &str, lead: Option<&Lead>) {
        self.groups.push(Group {
            kind,
            route: route.clone(),
        });
        self.push(id.to_string(), route, PassageKind::Title, title.to_string());
        if let Some(lead) = lead {
            self.push(anchor::lead(id), route, PassageKind::Lead, plain_text(&lead.text));
        }
    }

    fn block(&mut self, owner: &str, route: &Route, index: usize, block: &Block) {
        let own = anchor::block(owner, index);
        match block {
            Block::Heading(text) => self.push(own, route, PassageKind::Heading, text.clone()),
            Block::Paragraph(text) => self.push(own, route, PassageKind::Paragraph, plain_text(text)),
            Block::Note(text) => self.push(own, route, PassageKind::Note, plain_text(text)),
            Block::Source(text) => self.push(own, route, PassageKind::Source, plain_text(text)),
            Block::Bullets(bullets) => self.bullets(owner, route, index, bullets, &mut Vec::new()),
            Block::Table(table) => {
                let id = table.id.as_str();
                let table_route = Route::Table(id.to_string(), TableView::default());
                self.push(
                    id.to_string(),
                    &table_route,
                    PassageKind::TableCaption,
                    table.caption.clone(),
                );
                for (row_index, row) in table.rows.iter().enumerate() {
                    let cells: Vec<String> = row
                        .cells
                        .iter()
                        .map(passage_text)
                        .filter(|text| !text.is_empty())
                        .collect();
                    self.push(
                        anchor::table_row(id, row_index),
                        &table_route,
                        PassageKind::TableRow,
                        cells.join(" · "),
                    );
                }
                if let Some(total) = &table.total {
                    let cells: Vec<String> = total
                        .cells
                        .iter()
                        .map(passage_text)
                        .filter(|text| !text.is_empty())
                        .collect();
                    self.push(
                        anchor::table_total(id),
                        &table_route,
                        PassageKind::TableRow,
                        cells.join(" · "),
                    );
                }
                self.sources_and_notes(id, &table_route, &table.sources, &table.notes);
            }
            Block::Figure(figure) => {
                let id = figure.id.as_str();
                let figure_route = Route::Figure(id.to_string());
                self.push(
                    id.to_string(),
                    &figure_route,
                    PassageKind::FigureCaption,
                    figure.caption.clone(),
                );
                self.sources_and_notes(id, &figure_route, &figure.sources, &figure.notes);
            }
        }
    }

    fn sources_and_notes(&mut self, id: &str, route: &Route, sources: &[RichText], notes: &[RichText]) {
        for source in sources {
            self.push(id.to_string(), route, PassageKind::Source, plain_text(source));
        }
        for note in notes {
            self.push(id.to_string(), route, PassageKind::Note, plain_text(note));
        }
    }

    fn bullets(&mut self, owner: &str, route: &Route, block: usize, bullets: &[Bullet], path: &mut Vec<usize>) {
        for (index, bullet) in bullets.iter().enumerate() {
            path.push(index);
            self.push(
                anchor::bullet(owner, block, path),
                route,
                PassageKind::Bullet,
                plain_text(&bullet.text),
            );
            self.bullets(owner, route, block, &bullet.children, path);
            path.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;

    const SOURCE: &str = include_str!("../../../bulletins/2023-06-30.md");

    fn index() -> SearchIndex {
        match parse("issue.md", SOURCE) {
            Ok(parsed) => SearchIndex::new(&parsed.issue),
            Err(errors) => panic!("{errors:?}"),
        }
    }

    fn matched<'a>(index: &'a SearchIndex, hit: &Hit) -> Vec<&'a str> {
        let text = &index.passages()[hit.passage].text;
        hit.ranges.iter().map(|range| &text[range.clone()]).collect()
    }

    /// Brute force: the passages whose folded text contains the folded query.
    fn brute_force(index: &SearchIndex, query: &str) -> Vec<usize> {
        let needle = fold(query);
        (0..index.passages().len())
            .filter(|i| Folded::new(&index.passages()[*i].text).text.contains(&needle))
            .collect()
    }

    #[track_caller]
    fn check(query: &str, total: usize, first_anchor: &str, first_match: &str) {
        let index = index();
        let results = index.search(query, 50);
        assert_eq!(results.total, total, "{query}");
        assert_eq!(
            results.hits.iter().map(|hit| hit.passage).collect::<Vec<_>>(),
            brute_force(&index, query)
        );
        let first = &results.hits[0];
        assert_eq!(index.passages()[first.passage].anchor, first_anchor, "{query}");
        assert_eq!(matched(&index, first)[0], first_match, "{query}");
    }

    #[test]
    fn hangul_word() {
        check("쑤저우", 12, "summary--4", "쑤저우");
    }

    #[test]
    fn hanja_word() {
        check("蘇州", 3, "summary--4", "蘇州");
    }

    #[test]
    fn number_with_or_without_separators() {
        check("51,593", 1, "nsfc-programs--total", "51,593");
        check("51593", 1, "nsfc-programs--total", "51,593");
        check("1087845", 1, "nsfc-programs--r1", "1,087,845");
    }

    #[test]
    fn latin_ignores_case() {
        check("nature index", 2, "nature-index-2023--b1-1", "Nature Index");
    }

    #[test]
    fn table_cells_captions_and_briefs_are_found() {
        let index = index();
        let kinds = |query: &str| -> Vec<PassageKind> {
            index
                .search(query, 50)
                .hits
                .iter()
                .map(|hit| index.passages()[hit.passage].kind)
                .collect()
        };
        assert_eq!(kinds("허페이"), [PassageKind::TableRow]);
        let strategy: Vec<&str> = index
            .search("기술전략", 50)
            .hits
            .iter()
            .map(|hit| &index.passages()[hit.passage])
            .filter(|passage| passage.kind == PassageKind::Category)
            .map(|passage| passage.anchor.as_str())
            .collect();
        assert_eq!(strategy, ["nsfc-2022", "ev-charging"], "a category finds its articles");
        assert!(kinds("충전기(充電樁)").contains(&PassageKind::FigureCaption));
        assert_eq!(kinds("지무신문망"), [PassageKind::Source]);
        assert!(kinds("上海市推动制造业").contains(&PassageKind::Reference));
        assert!(kinds("서행아").contains(&PassageKind::Colophon));
    }

    #[test]
    fn single_characters_and_misses() {
        let index = index();
        let results = index.search("蘇", 3);
        assert_eq!(results.total, brute_force(&index, "蘇").len());
        assert_eq!(results.hits.len(), 3);
        assert_eq!(index.search("없는검색어", 10), Results::default());
        assert_eq!(index.search("   ", 10), Results::default());
    }

    #[test]
    fn list_cells_read_as_their_items() {
        let index = index();
        let results = index.search("리튬배터리 전해질", 10);
        let text = &index.passages()[results.hits[0].passage].text;
        assert!(
            text.contains("장자강(張家港) 신에너지산업단지 · 글로벌 최대의"),
            "{text}"
        );
        assert!(!text.contains('•'), "{text}");
    }

    #[test]
    fn results_know_their_article() {
        let index = index();
        let results = index.search("쯔둥타이추", 50);
        let hit = &results.hits[0];
        let group = &index.groups()[index.passages()[hit.passage].group];
        assert_eq!(group.route, Route::Article("zidong-taichu-2".into()));
        assert!(matches!(&group.kind, GroupKind::Article { number, .. } if number == "01"));
    }

    #[test]
    fn every_match_is_highlighted() {
        let index = index();
        let results = index.search("충전", 100);
        for hit in &results.hits {
            assert!(!hit.ranges.is_empty());
            assert!(matched(&index, hit).iter().all(|text| *text == "충전"));
        }
    }

    #[test]
    fn agrees_with_brute_force_on_many_queries() {
        let index = index();
        for query in [
            "중국",
            "과학기술",
            "2023",
            "R&D",
            "위안",
            "(6.",
            "a",
            "국제(지역)",
            "%",
            "기금 (홍콩",
        ] {
            let found: Vec<usize> = index
                .search(query, usize::MAX)
                .hits
                .iter()
                .map(|hit| hit.passage)
                .collect();
            assert_eq!(found, brute_force(&index, query), "{query}");
        }
    }
}
