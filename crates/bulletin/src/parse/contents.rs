//! The printed table of contents, read as a nested list and checked against the parts and
//! articles it names.

use super::section::IssueDraft;
use super::tree::{node_offset, plain, Node};
use super::{ErrorKind, Reader};
use crate::model::{Article, ContentsCategory, ContentsEntry, ContentsPart, Part, PartBody};

pub(super) struct ContentsDraft {
    pub(super) title: String,
    pub(super) offset: usize,
    pub(super) categories: Vec<CategoryDraft>,
}

/// A contents category: its name, offset, and entries with their offsets.
type CategoryDraft = (String, usize, Vec<(String, usize)>);

impl Reader<'_> {
    pub(super) fn contents_node(&mut self, node: &Node, draft: &mut IssueDraft) {
        let Node::List { items, .. } = node else {
            self.error(
                ErrorKind::Contents,
                node_offset(node),
                "the contents are one nested list: part, category, article title",
            );
            return;
        };
        let mut parts = Vec::new();
        for part_item in items {
            let mut categories = Vec::new();
            for category_list in &part_item.children {
                let Node::List {
                    items: category_items, ..
                } = category_list
                else {
                    continue;
                };
                for category_item in category_items {
                    let mut entries = Vec::new();
                    for entry_list in &category_item.children {
                        let Node::List { items: entry_items, .. } = entry_list else {
                            continue;
                        };
                        for entry in entry_items {
                            if !entry.children.is_empty() {
                                self.error(
                                    ErrorKind::Contents,
                                    entry.offset,
                                    "the contents nest three levels: part, category, article title",
                                );
                            }
                            entries.push((plain(&entry.text), entry.offset));
                        }
                    }
                    categories.push((plain(&category_item.text), category_item.offset, entries));
                }
            }
            parts.push(ContentsDraft {
                title: plain(&part_item.text),
                offset: part_item.offset,
                categories,
            });
        }
        if let Some((contents, _)) = &mut draft.contents {
            contents.extend(parts);
        }
    }

    pub(super) fn check_contents(
        &mut self,
        contents: Vec<ContentsDraft>,
        offset: usize,
        parts: &[Part],
    ) -> Vec<ContentsPart> {
        let article_parts: Vec<(&Part, &Vec<Article>)> = parts
            .iter()
            .filter_map(|part| match &part.body {
                PartBody::Articles(articles) => Some((part, articles)),
                PartBody::Briefs(_) => None,
            })
            .collect();
        if contents.len() != article_parts.len() {
            self.error(
                ErrorKind::Contents,
                offset,
                format!(
                    "the contents list {} parts, the issue has {} parts of articles",
                    contents.len(),
                    article_parts.len()
                ),
            );
            return Vec::new();
        }
        let mut out = Vec::new();
        for (draft, (part, articles)) in contents.into_iter().zip(article_parts) {
            // Print numbers the contents' parts in arabic (`2. 기술동향` for `# II 기술동향`).
            let expected = match roman_value(&part.numeral) {
                Some(number) => format!("{number}. {}", part.title),
                None => part.title.clone(),
            };
            if draft.title.split_whitespace().ne(expected.split_whitespace()) {
                self.warn(
                    ErrorKind::Contents,
                    draft.offset,
                    format!(
                        "the contents list the part {:?} where part {} is {:?} ({expected:?} expected); kept as the contents print it",
                        draft.title, part.numeral, part.title
                    ),
                );
            }
            let mut remaining = articles.iter();
            let mut categories = Vec::new();
            for (name, category_offset, entries) in draft.categories {
                let mut out_entries = Vec::new();
                for (title, entry_offset) in entries {
                    let Some(article) = remaining.next() else {
                        self.error(
                            ErrorKind::Contents,
                            entry_offset,
                            format!(
                                "the contents list {title:?}, but part {} has no article left for it",
                                part.numeral
                            ),
                        );
                        continue;
                    };
                    if article.category != name {
                        self.error(
                            ErrorKind::Contents,
                            entry_offset,
                            format!(
                                "the contents list {title:?} under {name:?}, but article {} ({}) has category {:?}",
                                article.number, article.id, article.category
                            ),
                        );
                    }
                    out_entries.push(ContentsEntry {
                        title,
                        article: article.id.clone(),
                    });
                }
                if out_entries.is_empty() {
                    self.error(
                        ErrorKind::Contents,
                        category_offset,
                        format!("the contents category {name:?} lists no article"),
                    );
                }
                categories.push(ContentsCategory {
                    name,
                    entries: out_entries,
                });
            }
            let left: Vec<String> = remaining
                .map(|article| format!("{} ({})", article.number, article.id))
                .collect();
            if !left.is_empty() {
                self.error(
                    ErrorKind::Contents,
                    draft.offset,
                    format!(
                        "the contents of part {} miss its last {} article(s): {}",
                        part.numeral,
                        left.len(),
                        left.join(", ")
                    ),
                );
            }
            out.push(ContentsPart {
                title: draft.title,
                part: part.id.clone(),
                categories,
            });
        }
        out
    }
}

/// The value of a part's roman numeral (`IV` is 4), if it is one.
fn roman_value(numeral: &str) -> Option<u32> {
    let digit = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        _ => None,
    };
    let digits: Vec<u32> = numeral.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0;
    for (index, value) in digits.iter().enumerate() {
        match digits.get(index + 1) {
            Some(next) if next > value => total -= *value as i64,
            _ => total += *value as i64,
        }
    }
    u32::try_from(total).ok().filter(|value| *value > 0)
}

#[cfg(test)]
mod tests {
    use super::roman_value;

    #[test]
    fn roman_numerals_of_parts() {
        let values: Vec<Option<u32>> = ["I", "II", "III", "IV", "V", "IX", "XIV", "XL", "", "IIV2"]
            .iter()
            .map(|numeral| roman_value(numeral))
            .collect();
        assert_eq!(
            values,
            [
                Some(1),
                Some(2),
                Some(3),
                Some(4),
                Some(5),
                Some(9),
                Some(14),
                Some(40),
                None,
                None
            ]
        );
    }
}
