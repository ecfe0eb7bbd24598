//! Text folding for search and filters: what counts as "the same text" to a reader.
//!
//! Folding lowercases (so `CAS` finds `cas`), and drops the thousands separators between
//! digits (so `51593` finds `51,593` and `51,593` finds `51593`). Hangul, Hanja and
//! everything else pass through unchanged, so substrings match as typed. A [`Folded`]
//! text remembers where each folded byte came from, so a match can be highlighted in the
//! original text.

use core::ops::Range;

/// A folded text and the map back to the original.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// For each byte of `text`, the byte offset in the original where its character starts;
    /// one extra entry at the end holds the original's length.
    origin: Vec<u32>,
}

impl Folded {
    /// Folds `original`.
    pub fn new(original: &str) -> Folded {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len() + 1);
        let mut chars = original.char_indices().peekable();
        let mut previous_digit = false;
        while let Some((offset, c)) = chars.next() {
            if c == ',' && previous_digit && chars.peek().is_some_and(|(_, next)| next.is_ascii_digit()) {
                continue;
            }
            previous_digit = c.is_ascii_digit();
            let start = text.len();
            if c.is_ascii() {
                text.push(c.to_ascii_lowercase());
            } else {
                text.extend(c.to_lowercase());
            }
            origin.extend(std::iter::repeat_n(offset as u32, text.len() - start));
        }
        origin.push(original.len() as u32);
        Folded { text, origin }
    }

    /// The byte range in the original text that the folded range `range` came from.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.origin.get(range.start).copied().unwrap_or(0) as usize;
        // The end maps to the start of the character after the match, or the original's end.
        let end = match self.origin.get(range.end) {
            Some(end) => *end as usize,
            None => self.origin.last().copied().unwrap_or(0) as usize,
        };
        start..end.max(start)
    }
}

/// Folds a query the same way as the texts it is matched against.
pub fn fold(query: &str) -> String {
    Folded::new(query.trim()).text
}

/// The byte ranges of every non-overlapping occurrence of `needle` in `haystack`.
pub fn find_all(haystack: &str, needle: &str) -> Vec<Range<usize>> {
    if needle.is_empty() {
        return Vec::new();
    }
    haystack
        .match_indices(needle)
        .map(|(start, found)| start..start + found.len())
        .collect()
}

/// A run of text, marked when it matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// The text.
    pub text: String,
    /// Whether it is a match, to be highlighted.
    pub matched: bool,
}

/// Cuts `text` into plain and matched runs around at most the first few matches, keeping
/// about `context` characters before the first match and ending with "…" where text was cut.
pub fn snippet(text: &str, ranges: &[Range<usize>], context: usize, max_chars: usize) -> Vec<Segment> {
    let valid: Vec<&Range<usize>> = ranges
        .iter()
        .filter(|range| {
            range.start < range.end && text.is_char_boundary(range.start) && text.is_char_boundary(range.end)
        })
        .filter(|range| range.end <= text.len())
        .collect();
    let first = valid.first().map_or(0, |range| range.start);
    let start = text[..first]
        .char_indices()
        .rev()
        .nth(context.saturating_sub(1))
        .map_or(0, |(index, _)| index);
    let start = if text[..first].chars().count() <= context {
        0
    } else {
        start
    };
    let end = text[start..]
        .char_indices()
        .nth(max_chars)
        .map_or(text.len(), |(index, _)| start + index);
    let mut segments = Vec::new();
    if start > 0 {
        segments.push(Segment {
            text: "…".to_string(),
            matched: false,
        });
    }
    let mut cursor = start;
    for range in valid.iter().filter(|range| range.start >= start && range.end <= end) {
        if range.start < cursor {
            continue;
        }
        if range.start > cursor {
            segments.push(Segment {
                text: text[cursor..range.start].to_string(),
                matched: false,
            });
        }
        segments.push(Segment {
            text: text[range.start..range.end].to_string(),
            matched: true,
        });
        cursor = range.end;
    }
    if cursor < end {
        segments.push(Segment {
            text: text[cursor..end].to_string(),
            matched: false,
        });
    }
    if end < text.len() {
        segments.push(Segment {
            text: "…".to_string(),
            matched: false,
        });
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(original: &str, folded: &str) {
        assert_eq!(Folded::new(original).text, folded);
    }

    #[test]
    fn folding() {
        check("Nature Index", "nature index");
        check("51,593", "51593");
        check("3,269,921.35", "3269921.35");
        check("쑤저우(蘇州)시", "쑤저우(蘇州)시");
        check("선전, 상하이", "선전, 상하이");
        check("1, 2", "1, 2");
        check("a,1", "a,1");
    }

    #[test]
    fn ranges_map_back_to_the_original() {
        let original = "합계 51,593건";
        let folded = Folded::new(original);
        let found = find_all(&folded.text, &fold("51593"));
        assert_eq!(found.len(), 1);
        assert_eq!(&original[folded.original_range(found[0].clone())], "51,593");
        let found = find_all(&folded.text, &fold("합계"));
        assert_eq!(&original[folded.original_range(found[0].clone())], "합계");
        let found = find_all(&folded.text, &fold("건"));
        assert_eq!(&original[folded.original_range(found[0].clone())], "건");
    }

    #[test]
    fn case_folding_maps_back() {
        let original = "CAS와 cas";
        let folded = Folded::new(original);
        let ranges: Vec<&str> = find_all(&folded.text, &fold("Cas"))
            .into_iter()
            .map(|range| &original[folded.original_range(range)])
            .collect();
        assert_eq!(ranges, ["CAS", "cas"]);
    }

    fn render(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|segment| {
                if segment.matched {
                    format!("[{}]", segment.text)
                } else {
                    segment.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn snippets_mark_matches_and_cut_long_text() {
        let text = "가나다라마바사아자차카타파하";
        let start = text.find("마바").unwrap_or(0);
        let range = start..start + "마바".len();
        assert_eq!(
            render(&snippet(text, std::slice::from_ref(&range), 2, 6)),
            "…다라[마바]사아…"
        );
        assert_eq!(
            render(&snippet(text, &[range], 10, 100)),
            "가나다라[마바]사아자차카타파하"
        );
        assert_eq!(render(&snippet("abc", &[], 5, 2)), "ab…");
        // Ranges that do not fall on character boundaries are ignored rather than panicking.
        assert_eq!(render(&snippet(text, &[1..2, 0..100], 5, 3)), "가나다…");
    }
}
