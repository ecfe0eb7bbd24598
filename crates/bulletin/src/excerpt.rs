//! Text from the address, cut to what the reader is shown of it.
//!
//! The "link partly ignored" notice names what a link held that the reader did not use, and
//! the not-found view shows the address that led nowhere. Both echo text that whoever wrote
//! the link chose: 50,000 bad sort keys made a notice of 600,000 characters, and a page that
//! frames the reader could write its own message into it. So the reader is shown at most
//! [`MAX_ITEMS`] parts of [`MAX_ITEM_CHARS`] characters each, and at most
//! [`MAX_ADDRESS_CHARS`] characters of an address, with an ellipsis where text was cut and
//! a count of what was left out. Characters that are invisible or move text around
//! (controls, and format characters such as U+202E) are shown percent-encoded, as the
//! address bar shows them.

use core::fmt::Write as _;

use crate::model::is_format_char;
use crate::number::group_thousands;

/// How many of a link's ignored parts are named.
pub const MAX_ITEMS: usize = 5;

/// How many characters of each ignored part are shown.
pub const MAX_ITEM_CHARS: usize = 40;

/// How many characters of an address that leads nowhere are shown.
pub const MAX_ADDRESS_CHARS: usize = 100;

/// The ellipsis written where text was cut.
pub const ELLIPSIS: char = '…';

/// What is shown of some text from the address, and how much of it was left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Excerpt {
    /// The text shown, ending in [`ELLIPSIS`] when it was cut.
    pub shown: String,
    /// How many were left out: characters for [`address`], parts for [`parts`].
    pub left_out: usize,
}

impl Excerpt {
    /// The shown text, then, when something was left out, what `more` says of the count
    /// (written with thousands separators): `sort=a, sort=b … 외 49,995개`.
    pub fn with_count(&self, more: impl FnOnce(&str) -> String) -> String {
        if self.left_out == 0 {
            self.shown.clone()
        } else {
            format!("{} {}", self.shown, more(&group_thousands(&self.left_out.to_string())))
        }
    }
}

/// An address that leads nowhere, as the not-found view shows it: at most
/// [`MAX_ADDRESS_CHARS`] characters; `left_out` counts the characters cut.
pub fn address(hash: &str) -> Excerpt {
    let (shown, left_out) = cut(hash, MAX_ADDRESS_CHARS);
    Excerpt { shown, left_out }
}

/// The parts of a link that were ignored, as the notice names them: the first [`MAX_ITEMS`],
/// each cut to [`MAX_ITEM_CHARS`] characters, joined with commas; `left_out` counts the
/// parts not named.
pub fn parts<S: AsRef<str>>(items: &[S]) -> Excerpt {
    let named: Vec<String> = items
        .iter()
        .take(MAX_ITEMS)
        .map(|item| cut(item.as_ref(), MAX_ITEM_CHARS).0)
        .collect();
    let mut shown = named.join(", ");
    let left_out = items.len().saturating_sub(MAX_ITEMS);
    if left_out > 0 {
        shown.push_str(", ");
        shown.push(ELLIPSIS);
    }
    Excerpt { shown, left_out }
}

/// The first `max` characters of `text` (invisible ones made visible first), with an
/// ellipsis when cut, and the number of characters cut.
fn cut(text: &str, max: usize) -> (String, usize) {
    let mut shown = String::new();
    let mut kept = 0;
    let mut total = 0;
    let mut full = false;
    for c in text.chars() {
        let visible = make_visible(c);
        let width = visible.as_ref().map_or(1, |escaped| escaped.chars().count());
        total += width;
        full = full || kept + width > max;
        if full {
            continue;
        }
        kept += width;
        match visible {
            Some(escaped) => shown.push_str(&escaped),
            None => shown.push(c),
        }
    }
    if total > kept {
        shown.push(ELLIPSIS);
    }
    (shown, total - kept)
}

/// `c` percent-encoded when it is a control or format character, which would otherwise be
/// invisible or reorder the text around it.
fn make_visible(c: char) -> Option<String> {
    if !(c.is_control() || is_format_char(c)) {
        return None;
    }
    let mut bytes = [0; 4];
    let mut escaped = String::new();
    for byte in c.encode_utf8(&mut bytes).bytes() {
        let _ = write!(escaped, "%{byte:02X}");
    }
    Some(escaped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_shown_whole() {
        assert_eq!(
            address("#/%FF"),
            Excerpt {
                shown: "#/%FF".into(),
                left_out: 0
            }
        );
        assert_eq!(
            parts(&["sort=nope:asc", "metric=program"]),
            Excerpt {
                shown: "sort=nope:asc, metric=program".into(),
                left_out: 0
            }
        );
        assert_eq!(parts::<&str>(&[]).shown, "");
    }

    #[test]
    fn a_long_address_is_cut_and_counted() {
        let hash = format!("#/{}", "가".repeat(5000));
        let excerpt = address(&hash);
        assert_eq!(excerpt.shown.chars().count(), MAX_ADDRESS_CHARS + 1);
        assert!(excerpt.shown.starts_with("#/가가"));
        assert!(excerpt.shown.ends_with("가…"));
        assert_eq!(excerpt.left_out, 5002 - MAX_ADDRESS_CHARS);
        assert_eq!(
            excerpt.with_count(|n| format!("(이하 {n}자 생략)")),
            format!("{} (이하 4,902자 생략)", excerpt.shown)
        );
        let exact = "x".repeat(MAX_ADDRESS_CHARS);
        assert_eq!(address(&exact).shown, exact, "no ellipsis when nothing is cut");
    }

    /// The case: 50,000 bad sort keys made a notice of 600,000 characters.
    #[test]
    fn fifty_thousand_parts_name_five() {
        let items: Vec<String> = (0..50_000).map(|index| format!("sort=bad-key-{index}")).collect();
        let excerpt = parts(&items);
        assert_eq!(excerpt.left_out, 49_995);
        assert_eq!(
            excerpt.shown,
            "sort=bad-key-0, sort=bad-key-1, sort=bad-key-2, sort=bad-key-3, sort=bad-key-4, …"
        );
        let notice = excerpt.with_count(|n| format!("and {n} more"));
        assert!(notice.ends_with(", … and 49,995 more"), "{notice}");
        assert!(notice.chars().count() < 120, "{notice}");
    }

    #[test]
    fn each_part_is_cut() {
        let message = format!("sort={}", "Your session expired. Call 1-800-555-0100 to restore it.");
        let excerpt = parts(&[message.as_str(), "zzz"]);
        let first: String = message.chars().take(MAX_ITEM_CHARS).collect();
        assert_eq!(excerpt.shown, format!("{first}…, zzz"));
        assert_eq!(excerpt.left_out, 0);
        // The longest a notice can be: every part at its longest, and the count.
        let long: Vec<String> = (0..1000).map(|_| "w".repeat(1000)).collect();
        let worst = parts(&long).with_count(|n| format!("외 {n}개"));
        assert!(
            worst.chars().count() <= MAX_ITEMS * (MAX_ITEM_CHARS + 3) + 12,
            "{worst}"
        );
    }

    #[test]
    fn invisible_characters_are_shown_encoded() {
        assert_eq!(parts(&["sort=\u{202E}cba:asc"]).shown, "sort=%E2%80%AEcba:asc");
        assert_eq!(address("#/a\u{0}b\nc").shown, "#/a%00b%0Ac");
        // An escape is never split by the cut: it is whole or left out.
        let text = format!("{}\u{200B}", "x".repeat(MAX_ITEM_CHARS - 2));
        assert_eq!(
            parts(&[text.as_str()]).shown,
            format!("{}…", "x".repeat(MAX_ITEM_CHARS - 2))
        );
    }
}
