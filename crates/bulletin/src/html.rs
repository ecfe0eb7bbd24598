//! Markup for the bulletin's running text, written as a string.
//!
//! The viewer hands the prose (paragraphs, bullets, leads, references, brief items) to Yew as
//! raw HTML instead of a tree of virtual nodes: the prose never changes while a page is open,
//! and a raw fragment hydrates by adopting the pre-rendered nodes as they are, where a virtual
//! tree walks every element, sets every attribute and copies every string into JavaScript.
//! That costs the start-up tens of milliseconds and the WebAssembly kilobytes (docs/benchmark.md).
//!
//! Everything taken from a source is escaped here, in text and in attribute values, so a
//! source can never inject markup; links exist only for [`HttpUrl`]s and always open in a new
//! tab without an opener or referrer.

mod archive;
mod table;

pub use archive::Labels;
pub use table::{pinned_columns, English, Ids, Shown, COLUMN_ATTRIBUTE, WINDOW_THRESHOLD};

use crate::anchor;
use crate::model::{Bullet, HttpUrl, Span};
use crate::unit::Amount;

/// An HTML fragment being written: elements are opened and closed explicitly, text and
/// attribute values are always escaped.
#[derive(Debug, Default)]
pub struct Markup {
    out: String,
    /// Whether the amounts of money in rich text get their value in English.
    amounts_in_english: bool,
}

/// The class of an amount of money given its value in plain units ([`Markup::amount`]).
pub const AMOUNT_CLASS: &str = "amount";

impl Markup {
    /// An empty fragment.
    pub fn new() -> Markup {
        Markup::default()
    }

    /// An empty fragment whose rich text gives each amount of money it holds (`326.99억 위안`)
    /// its value in English (`32.7 billion yuan`), for readers who do not count in 만 and 억
    /// ([`crate::unit`]).
    pub fn with_amounts_in_english() -> Markup {
        Markup {
            amounts_in_english: true,
            ..Markup::default()
        }
    }

    /// An amount as printed, `printed`, with its value in English: a focusable span whose note,
    /// marked English, the stylesheet shows on hover and focus (and screen readers read after
    /// the figure).
    pub fn amount(&mut self, printed: &str, amount: &Amount) -> &mut Markup {
        self.open("span", &[("class", AMOUNT_CLASS), ("tabindex", "0")])
            .text(printed)
            .element(
                "span",
                &[("class", "amount-note"), ("lang", "en")],
                &format!(" = {}", amount.english()),
            )
            .close("span")
    }

    /// Running text, escaped, its amounts of money given their value in English when the
    /// fragment asks for it.
    fn running_text(&mut self, text: &str) -> &mut Markup {
        if !self.amounts_in_english {
            return self.text(text);
        }
        let mut at = 0;
        for found in crate::unit::find(text) {
            self.text(&text[at..found.range.start]);
            self.amount(&text[found.range.clone()], &found.amount);
            at = found.range.end;
        }
        self.text(&text[at..])
    }

    /// Opens `<tag name="value" …>`; the values are escaped, the tag and names are the caller's
    /// constants.
    pub fn open(&mut self, tag: &str, attributes: &[(&str, &str)]) -> &mut Markup {
        self.start_tag(tag, attributes);
        self.out.push('>');
        self
    }

    /// A self-closed `<tag name="value" …/>`, for SVG's empty elements.
    pub fn empty(&mut self, tag: &str, attributes: &[(&str, &str)]) -> &mut Markup {
        self.start_tag(tag, attributes);
        self.out.push_str("/>");
        self
    }

    fn start_tag(&mut self, tag: &str, attributes: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attributes {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value, true);
            self.out.push('"');
        }
    }

    /// Closes `</tag>`.
    pub fn close(&mut self, tag: &str) -> &mut Markup {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
        self
    }

    /// An element holding only `text`.
    pub fn element(&mut self, tag: &str, attributes: &[(&str, &str)], text: &str) -> &mut Markup {
        self.open(tag, attributes).text(text).close(tag)
    }

    /// Text, escaped.
    pub fn text(&mut self, text: &str) -> &mut Markup {
        escape_into(&mut self.out, text, false);
        self
    }

    /// Rich text: plain and bold runs, links and line breaks.
    pub fn rich_text(&mut self, spans: &[Span]) -> &mut Markup {
        for span in spans {
            match span {
                Span::Text(text) => {
                    self.running_text(text);
                }
                Span::Strong(text) => {
                    self.open("strong", &[]).running_text(text).close("strong");
                }
                Span::Link { text, url } => {
                    self.external_link(url, text);
                }
                Span::Break => self.out.push_str("<br>"),
            }
        }
        self
    }

    /// A link to an outside page: a new tab, no opener, no referrer.
    pub fn external_link(&mut self, url: &HttpUrl, text: &str) -> &mut Markup {
        let attributes = [
            ("href", url.as_str()),
            ("target", "_blank"),
            ("rel", "noopener noreferrer"),
            ("class", "external"),
        ];
        self.element("a", &attributes, text)
    }

    /// A nested bullet list; `owner` and `block` name its items for search and links
    /// ([`anchor::bullet`]).
    pub fn bullet_list(&mut self, owner: &str, block: usize, bullets: &[Bullet]) -> &mut Markup {
        let mut path = Vec::new();
        self.list_level(owner, block, bullets, &mut path);
        self
    }

    fn list_level(&mut self, owner: &str, block: usize, bullets: &[Bullet], path: &mut Vec<usize>) {
        let class = match path.len() {
            0 => "bullets depth-0",
            1 => "bullets depth-1",
            2 => "bullets depth-2",
            3 => "bullets depth-3",
            _ => "bullets depth-4",
        };
        self.open("ul", &[("class", class)]);
        for (index, bullet) in bullets.iter().enumerate() {
            path.push(index);
            let id = anchor::bullet(owner, block, path);
            self.open("li", &[("id", &id)]).rich_text(&bullet.text);
            if !bullet.children.is_empty() {
                self.list_level(owner, block, &bullet.children, path);
            }
            self.close("li");
            path.pop();
        }
        self.close("ul");
    }

    /// The fragment written so far.
    pub fn as_str(&self) -> &str {
        &self.out
    }

    /// The fragment.
    pub fn into_string(self) -> String {
        self.out
    }
}

/// Appends `text` with the characters that HTML gives a meaning escaped: `&`, `<` and `>`
/// everywhere, and `"` in attribute values (always double-quoted here).
fn escape_into(out: &mut String, text: &str, attribute: bool) {
    let mut rest = text;
    while let Some(at) = rest.find(|c: char| matches!(c, '&' | '<' | '>') || (attribute && c == '"')) {
        out.push_str(&rest[..at]);
        let escaped = match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            _ => "&quot;",
        };
        out.push_str(escaped);
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> HttpUrl {
        HttpUrl::parse(text).unwrap_or_else(|error| panic!("{text}: {error}"))
    }

    #[track_caller]
    fn check(markup: &Markup, expected: &str) {
        assert_eq!(markup.as_str(), expected);
    }

    #[test]
    fn text_is_escaped() {
        let mut markup = Markup::new();
        markup.text("a < b && c > \"d\" 'e' <script>");
        check(&markup, "a &lt; b &amp;&amp; c &gt; \"d\" 'e' &lt;script&gt;");
    }

    #[test]
    fn attribute_values_are_escaped_and_quoted() {
        let mut markup = Markup::new();
        markup
            .open("p", &[("id", "x\" onclick=\"alert(1)"), ("class", "a&b<c>")])
            .close("p");
        check(
            &markup,
            "<p id=\"x&quot; onclick=&quot;alert(1)\" class=\"a&amp;b&lt;c&gt;\"></p>",
        );
    }

    #[test]
    fn korean_text_passes_through_unchanged() {
        let mut markup = Markup::new();
        markup.text("중국 과학기술 정책 주간동향 · 51,593건 (25)");
        check(&markup, "중국 과학기술 정책 주간동향 · 51,593건 (25)");
    }

    #[test]
    fn amounts_get_their_value_in_english_when_asked() {
        let spans = vec![
            Span::Text("총 지원액은 326.99억 위안(5조 9,166억 원)에 달함, ".to_string()),
            Span::Strong("1.8조 위안".to_string()),
        ];
        let mut markup = Markup::with_amounts_in_english();
        markup.rich_text(&spans);
        check(
            &markup,
            "총 지원액은 <span class=\"amount\" tabindex=\"0\">326.99억 위안<span class=\"amount-note\" lang=\"en\"> = 32.7 \
             billion yuan</span></span>(<span class=\"amount\" tabindex=\"0\">5조 9,166억 원<span class=\"amount-note\" \
             lang=\"en\"> = 5.9 trillion won</span></span>)에 달함, <strong><span class=\"amount\" tabindex=\"0\">1.8조 \
             위안<span class=\"amount-note\" lang=\"en\"> = 1.8 trillion yuan</span></span></strong>",
        );
        let mut korean = Markup::new();
        korean.rich_text(&spans);
        check(
            &korean,
            "총 지원액은 326.99억 위안(5조 9,166억 원)에 달함, <strong>1.8조 위안</strong>",
        );
    }

    #[test]
    fn rich_text_writes_every_span_kind() {
        let spans = vec![
            Span::Text("가 ".to_string()),
            Span::Strong("나<b>".to_string()),
            Span::Break,
            Span::Link {
                text: "다".to_string(),
                url: url("https://example.org/a?b=1&c=2"),
            },
        ];
        let mut markup = Markup::new();
        markup.rich_text(&spans);
        check(
            &markup,
            "가 <strong>나&lt;b&gt;</strong><br><a href=\"https://example.org/a?b=1&amp;c=2\" \
             target=\"_blank\" rel=\"noopener noreferrer\" class=\"external\">다</a>",
        );
    }

    #[test]
    fn nested_bullets_carry_depth_classes_and_anchor_ids() {
        let leaf = |text: &str| Bullet {
            text: vec![Span::Text(text.to_string())],
            children: Vec::new(),
        };
        let bullets = vec![
            Bullet {
                text: vec![Span::Text("one".to_string())],
                children: vec![leaf("one.a")],
            },
            leaf("two"),
        ];
        let mut markup = Markup::new();
        markup.bullet_list("a01", 3, &bullets);
        let expected = format!(
            "<ul class=\"bullets depth-0\"><li id=\"{}\">one<ul class=\"bullets depth-1\"><li id=\"{}\">one.a</li></ul></li>\
             <li id=\"{}\">two</li></ul>",
            anchor::bullet("a01", 3, &[0]),
            anchor::bullet("a01", 3, &[0, 0]),
            anchor::bullet("a01", 3, &[1]),
        );
        check(&markup, &expected);
    }

    #[test]
    fn deep_lists_stop_at_depth_four() {
        let mut bullet = Bullet {
            text: vec![Span::Text("deepest".to_string())],
            children: Vec::new(),
        };
        for _ in 0..6 {
            bullet = Bullet {
                text: vec![Span::Text("level".to_string())],
                children: vec![bullet],
            };
        }
        let mut markup = Markup::new();
        markup.bullet_list("b", 0, &[bullet]);
        assert_eq!(markup.as_str().matches("depth-4").count(), 3);
        assert!(!markup.as_str().contains("depth-5"));
    }
}
