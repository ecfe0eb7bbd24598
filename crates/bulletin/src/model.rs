//! The typed model of one issue of the bulletin.
//!
//! The parser builds it from a source file; the viewer receives it already built (embedded
//! at build time with postcard) and never parses text again. Everything a reader sees is
//! here, in print order: contents, summary, parts with their articles or brief items, and
//! the colophon.

use serde::{Deserialize, Serialize};

use crate::number::Number;
use crate::slug::Slug;

/// One issue of the bulletin.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Issue {
    /// Title, date, publisher.
    pub meta: Meta,
    /// The printed table of contents, checked against the parts when parsed.
    pub contents: Vec<ContentsPart>,
    /// The summary (요약), one entry a point.
    pub summary: Vec<RichText>,
    /// The parts (I 정책동향, II 기술동향, III 단신동향), in print order.
    pub parts: Vec<Part>,
    /// The colophon (발행일, 발행인 …).
    pub colophon: Vec<ColophonEntry>,
}

/// The issue's metadata, from the source's front matter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// The series title as printed, e.g. `중국 과학기술 정책 주간동향`.
    pub series: String,
    /// The series title in English, when the source gives one.
    pub series_en: Option<String>,
    /// The issue date.
    pub date: Date,
    /// The publishing organisation.
    pub publisher: String,
    /// The publishing organisation's English name, when given.
    pub publisher_en: Option<String>,
    /// The notice printed under the contents (a request to cite the source), when given.
    pub notice: Option<String>,
}

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Date {
    /// The year, e.g. 2023.
    pub year: u16,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month, 1 to 31.
    pub day: u8,
}

impl Date {
    /// The ISO form, `2023-06-30`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The form the bulletin prints, `2023. 6. 30`.
    pub fn printed(&self) -> String {
        format!("{}. {}. {}", self.year, self.month, self.day)
    }

    /// Whether `text` is written as a date, `YYYY-MM-DD`, whether or not the calendar has it
    /// (`2023-02-30` is; `2023-2-3` is not): what tells "not a date of the calendar" from "not
    /// written as a date" in messages.
    pub fn is_iso_shaped(text: &str) -> bool {
        text.len() == 10
            && text.bytes().enumerate().all(|(index, byte)| {
                if index == 4 || index == 7 {
                    byte == b'-'
                } else {
                    byte.is_ascii_digit()
                }
            })
    }

    /// Reads the ISO form `YYYY-MM-DD`; only dates of the calendar (no 31 June, 29 February
    /// only in leap years).
    pub fn from_iso(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let number = |range: core::ops::Range<usize>| -> Option<u16> {
            let digits = &text[range];
            digits
                .bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| digits.parse().ok())
                .flatten()
        };
        let year = number(0..4)?;
        let month = u8::try_from(number(5..7)?).ok()?;
        let day = u8::try_from(number(8..10)?).ok()?;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days).contains(&day).then_some(Date { year, month, day })
    }
}

/// A month and day without a year, as leads and brief sources print them (`6.19`, `06.12`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MonthDay {
    /// The month, 1 to 12.
    pub month: u8,
    /// The day, 1 to 31.
    pub day: u8,
}

impl MonthDay {
    /// Whether it is a day of the calendar in some year (the 29th of February is, in a leap
    /// year; the 30th is not).
    pub fn is_valid(self) -> bool {
        let days = match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 => 29,
            _ => return false,
        };
        (1..=days).contains(&self.day)
    }
}

/// One part of the printed table of contents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContentsPart {
    /// The part as the contents print it (`1. 정책동향`).
    pub title: String,
    /// The id of the part it stands for.
    pub part: Slug,
    /// Its categories, in order.
    pub categories: Vec<ContentsCategory>,
}

/// One category heading of the contents with its articles.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContentsCategory {
    /// The category (기술전략, 지역 …).
    pub name: String,
    /// Its entries, in order.
    pub entries: Vec<ContentsEntry>,
}

/// One article as the contents list it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContentsEntry {
    /// The title in the contents' own wording.
    pub title: String,
    /// The id of the article it stands for.
    pub article: Slug,
}

/// A part of the issue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Part {
    /// Stable id for links.
    pub id: Slug,
    /// The roman numeral as printed (`I`, `II`, `III`).
    pub numeral: String,
    /// The part's title (`정책동향`).
    pub title: String,
    /// Articles, or brief items.
    pub body: PartBody,
}

/// What a part holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PartBody {
    /// Full articles (parts I and II).
    Articles(Vec<Article>),
    /// Short news items with a source each (part III).
    Briefs(Vec<Brief>),
}

/// A full article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id for links.
    pub id: Slug,
    /// The number as printed (`01`).
    pub number: String,
    /// The title as the article's heading prints it.
    pub title: String,
    /// The category (기술전략, 지역, 혁신체계, 통계, ICT, 바이오 …).
    pub category: String,
    /// The lead line (■ …), with its date when printed.
    pub lead: Option<Lead>,
    /// The body, in print order.
    pub blocks: Vec<Block>,
    /// The references (참고자료).
    pub references: Vec<Reference>,
}

/// An article's lead line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Lead {
    /// The text after the ■ marker, without the trailing date.
    pub text: RichText,
    /// The trailing `(6.19)`, when printed.
    pub date: Option<MonthDay>,
}

/// A block of an article's body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Block {
    /// A sub-heading (`1) 도시 간 충전망`).
    Heading(String),
    /// A list of bullets, possibly nested.
    Bullets(Vec<Bullet>),
    /// A paragraph of prose.
    Paragraph(RichText),
    /// A data table.
    Table(Table),
    /// A captioned figure whose image is not part of this edition.
    Figure(Figure),
    /// A note (printed after `*`).
    Note(RichText),
    /// A source line (출처) standing on its own.
    Source(RichText),
}

/// One bullet with its nested bullets.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bullet {
    /// The bullet's text.
    pub text: RichText,
    /// Bullets nested under it.
    pub children: Vec<Bullet>,
}

/// Text with the few inline forms the bulletin uses.
pub type RichText = Vec<Span>;

/// A run of inline text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Span {
    /// Plain text.
    Text(String),
    /// Bold text.
    Strong(String),
    /// A link; only http(s) addresses ever become one.
    Link {
        /// The text shown.
        text: String,
        /// The address.
        url: HttpUrl,
    },
    /// A line break inside the same paragraph.
    Break,
}

/// An absolute `http:` or `https:` address; no other scheme can be built.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct HttpUrl(String);

impl HttpUrl {
    /// Accepts `http://host…` and `https://host…` with a non-empty host and no spaces,
    /// control characters or invisible format characters (direction overrides such as U+202E,
    /// zero-width characters: see [`is_format_char`]); anything else is refused with the reason.
    pub fn parse(text: &str) -> Result<HttpUrl, &'static str> {
        let rest = if let Some(rest) = strip_prefix_ignore_case(text, "https://") {
            rest
        } else if let Some(rest) = strip_prefix_ignore_case(text, "http://") {
            rest
        } else {
            return Err("only http: and https: addresses are allowed");
        };
        let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let host = &rest[..host_end];
        if host.is_empty() || host.starts_with(':') || host.contains('@') {
            return Err("the address has no host");
        }
        if text
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || is_format_char(c) || c == '"' || c == '<' || c == '>')
        {
            return Err("the address contains spaces, quotes, control characters or invisible format characters");
        }
        Ok(HttpUrl(text.to_string()))
    }

    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whether `c` is a Unicode format character (general category Cf, Unicode 15.1): invisible,
/// yet it changes how the text around it is shown or read. Among them are the direction
/// marks, embeddings, overrides and isolates (U+200E, U+202A–U+202E, U+2066–U+2069), the
/// zero-width characters (U+200B–U+200D, U+2060, U+FEFF), the soft hyphen and the tag
/// characters. An address has no use for any of them.
pub fn is_format_char(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

impl TryFrom<String> for HttpUrl {
    type Error = &'static str;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        HttpUrl::parse(&text)
    }
}

impl From<HttpUrl> for String {
    fn from(url: HttpUrl) -> String {
        url.0
    }
}

/// A reference (참고자료) of an article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    /// The title as printed.
    pub title: String,
    /// Its address, when the print gives one.
    pub url: Option<HttpUrl>,
}

/// A data table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Stable id for links.
    pub id: Slug,
    /// The caption, without the 〈 〉 brackets.
    pub caption: String,
    /// The columns, in print order.
    pub columns: Vec<Column>,
    /// The data rows, in print order; the total row is not among them.
    pub rows: Vec<Row>,
    /// The total row (합계), when printed; its figures were checked against the rows.
    pub total: Option<Row>,
    /// Where the table comes from.
    pub sources: Vec<RichText>,
    /// Notes printed under the table.
    pub notes: Vec<RichText>,
}

/// Index of a column within its table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ColumnId(pub u16);

impl ColumnId {
    /// The column's position, for indexing `Table::columns` and `Row::cells`.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// One column of a table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Column {
    /// Stable id for links (`funding`).
    pub id: Slug,
    /// The header as printed, without the unit (`직접비 금액`).
    pub label: String,
    /// What the column holds.
    pub kind: ColumnKind,
    /// The unit the print gives in the header (`만 위안`).
    pub unit: Option<String>,
    /// Whether print rounded the column's total apart from its rows (shares that print 100.0
    /// when their rounded figures add up to 99.9): the total is then checked to be within the
    /// rows' and its own rounding of their sum, not equal to it (`total=rounded`).
    pub rounded_total: bool,
}

impl Column {
    /// The header as print shows it: the label with its unit in parentheses.
    pub fn heading(&self) -> String {
        match &self.unit {
            Some(unit) => format!("{}({unit})", self.label),
            None => self.label.clone(),
        }
    }
}

/// What a column holds, which decides how it sorts and whether it is charted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ColumnKind {
    /// The printed row number (구분 1, 2, 3 …).
    Ordinal,
    /// Text, sorted in Korean order.
    Text,
    /// Whole numbers (counts).
    Integer,
    /// Decimal amounts.
    Decimal,
    /// Index scores.
    Index,
    /// Cells that hold a bullet list.
    List,
}

impl ColumnKind {
    /// Whether the column holds numbers that sort numerically.
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            ColumnKind::Ordinal | ColumnKind::Integer | ColumnKind::Decimal | ColumnKind::Index
        )
    }

    /// Whether the column holds measured quantities that a chart can draw.
    pub fn is_measure(self) -> bool {
        matches!(self, ColumnKind::Integer | ColumnKind::Decimal | ColumnKind::Index)
    }
}

/// One row of a table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// One cell a column.
    pub cells: Vec<Cell>,
}

impl Row {
    /// The cell in `column`, or `Cell::Empty` when the row is short (it never is once parsed).
    pub fn cell(&self, column: ColumnId) -> &Cell {
        self.cells.get(column.index()).unwrap_or(&Cell::Empty)
    }
}

/// A typed table cell.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    /// A number, with its printed form and optional sub-figure.
    Number(Number),
    /// Text.
    Text(String),
    /// A bullet list.
    List(Vec<String>),
    /// Nothing printed.
    Empty,
    /// A dash printed in a column of figures where there is no figure (`-`, `–`, `—`, `−`:
    /// [`crate::number::is_dash`]), as printed. It has no value: it sorts with the empty cells,
    /// a total does not count it and a chart draws no bar for it.
    Dash(String),
}

impl Cell {
    /// The cell as print shows it, on one line (list items joined with " • ").
    pub fn shown(&self) -> String {
        match self {
            Cell::Number(number) => number.shown.clone(),
            Cell::Text(text) => text.clone(),
            Cell::List(items) => items
                .iter()
                .map(|item| format!("• {item}"))
                .collect::<Vec<_>>()
                .join(" "),
            Cell::Empty => String::new(),
            Cell::Dash(mark) => mark.clone(),
        }
    }

    /// The main figure, for numeric cells.
    pub fn value(&self) -> Option<f64> {
        match self {
            Cell::Number(number) => Some(number.value),
            _ => None,
        }
    }
}

/// A captioned figure; the printed image is not part of this edition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// Stable id for links.
    pub id: Slug,
    /// The caption, without the 〈 〉 brackets.
    pub caption: String,
    /// Where the figure comes from.
    pub sources: Vec<RichText>,
    /// Notes printed under the figure.
    pub notes: Vec<RichText>,
}

/// A brief news item of part III.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Brief {
    /// Stable id for links.
    pub id: Slug,
    /// The number as printed (`01`).
    pub number: String,
    /// The title.
    pub title: String,
    /// The lead line (■ …).
    pub lead: Option<Lead>,
    /// The bullets.
    pub bullets: Vec<Bullet>,
    /// The outlet, date and address it was taken from.
    pub source: BriefSource,
}

/// Where a brief item comes from: `지무신문망 (06.12) <http://…>`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BriefSource {
    /// The outlet (지무신문망).
    pub outlet: String,
    /// The publication date, when printed.
    pub date: Option<MonthDay>,
    /// The article's address, when printed.
    pub url: Option<HttpUrl>,
}

/// One entry of the colophon: `발행일: 2023. 6. 30`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ColophonEntry {
    /// The label (발행일).
    pub label: String,
    /// The value, which may run over several lines.
    pub value: RichText,
}

impl Issue {
    /// The issue's title as pages and feeds give it: `중국 과학기술 정책 주간동향 · 2023. 6. 30`.
    pub fn title(&self) -> String {
        format!("{} · {}", self.meta.series, self.meta.date.printed())
    }

    /// The summary's points as one text of at most `max_chars` characters, cut after a
    /// word with `…` when longer: a page's description for search engines and link previews.
    pub fn description(&self, max_chars: usize) -> String {
        let text = self
            .summary
            .iter()
            .map(|point| plain_text(point).split_whitespace().collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join(" ");
        if text.chars().count() <= max_chars {
            return text;
        }
        let mut cut: String = text.chars().take(max_chars.saturating_sub(1)).collect();
        if let Some(space) = cut.rfind(' ') {
            cut.truncate(space);
        }
        cut.push('…');
        cut
    }

    /// All articles of all parts, in print order.
    pub fn articles(&self) -> impl Iterator<Item = &Article> {
        self.parts.iter().flat_map(|part| match &part.body {
            PartBody::Articles(articles) => articles.as_slice(),
            PartBody::Briefs(_) => &[],
        })
    }

    /// All brief items, in print order.
    pub fn briefs(&self) -> impl Iterator<Item = &Brief> {
        self.parts.iter().flat_map(|part| match &part.body {
            PartBody::Articles(_) => &[],
            PartBody::Briefs(briefs) => briefs.as_slice(),
        })
    }

    /// All tables, in print order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.articles().flat_map(|article| {
            article.blocks.iter().filter_map(|block| match block {
                Block::Table(table) => Some(table),
                _ => None,
            })
        })
    }

    /// All figures, in print order.
    pub fn figures(&self) -> impl Iterator<Item = &Figure> {
        self.articles().flat_map(|article| {
            article.blocks.iter().filter_map(|block| match block {
                Block::Figure(figure) => Some(figure),
                _ => None,
            })
        })
    }

    /// The table with this id.
    pub fn table(&self, id: &str) -> Option<&Table> {
        self.tables().find(|table| table.id.as_str() == id)
    }

    /// The article with this id.
    pub fn article(&self, id: &str) -> Option<&Article> {
        self.articles().find(|article| article.id.as_str() == id)
    }

    /// The brief item with this id.
    pub fn brief(&self, id: &str) -> Option<&Brief> {
        self.briefs().find(|brief| brief.id.as_str() == id)
    }

    /// The figure with this id.
    pub fn figure(&self, id: &str) -> Option<&Figure> {
        self.figures().find(|figure| figure.id.as_str() == id)
    }

    /// The article that holds the table or figure with this id.
    pub fn article_holding(&self, block_id: &str) -> Option<&Article> {
        self.articles().find(|article| {
            article.blocks.iter().any(|block| match block {
                Block::Table(table) => table.id.as_str() == block_id,
                Block::Figure(figure) => figure.id.as_str() == block_id,
                _ => false,
            })
        })
    }
}

impl Table {
    /// The column with this link id.
    pub fn column(&self, id: &str) -> Option<ColumnId> {
        let position = self.columns.iter().position(|column| column.id.as_str() == id)?;
        u16::try_from(position).ok().map(ColumnId)
    }

    /// The ids of all columns, in order.
    pub fn column_ids(&self) -> impl Iterator<Item = ColumnId> + '_ {
        (0..self.columns.len()).filter_map(|index| u16::try_from(index).ok().map(ColumnId))
    }
}

/// The plain text of rich text, links as their text and breaks as newlines.
pub fn plain_text(text: &[Span]) -> String {
    let mut out = String::new();
    for span in text {
        match span {
            Span::Text(text) | Span::Strong(text) => out.push_str(text),
            Span::Link { text, .. } => out.push_str(text),
            Span::Break => out.push('\n'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_url(input: &str, ok: bool) {
        assert_eq!(HttpUrl::parse(input).is_ok(), ok, "{input}");
    }

    #[test]
    fn http_urls_only() {
        check_url("https://www.gov.cn/zhengce/content/202306/content_6887167.htm", true);
        check_url("http://auto.hexun.com/2023-06-26/209051328.html", true);
        check_url("HTTPS://EXAMPLE.COM", true);
        check_url("javascript:alert(1)", false);
        check_url("data:text/html,<script>", false);
        check_url("https://", false);
        check_url("https:///path", false);
        check_url("https://a b", false);
        check_url("//example.com", false);
        check_url("ftp://example.com", false);
    }

    #[test]
    fn invisible_format_characters_are_refused() {
        // Shown as text under references, a direction override would make the address read
        // as another one; nothing that changes how an address reads without being seen passes.
        for invisible in [
            '\u{202E}',
            '\u{202A}',
            '\u{2066}',
            '\u{2069}',
            '\u{200E}',
            '\u{200F}',
            '\u{061C}',
            '\u{200B}',
            '\u{200D}',
            '\u{2060}',
            '\u{FEFF}',
            '\u{00AD}',
            '\u{E0041}',
        ] {
            check_url(&format!("https://example.com/{invisible}gpj.exe"), false);
            check_url(&format!("https://exa{invisible}mple.com/"), false);
        }
        assert_eq!(
            HttpUrl::parse("https://example.com/\u{202E}moc.live"),
            Err("the address contains spaces, quotes, control characters or invisible format characters")
        );
        check_url("https://example.com/한국어/주소?q=中文", true);
    }

    /// A reference whose address holds a direction override keeps its title, shows the
    /// address as plain text and gets no link; the parser says so.
    #[cfg(feature = "parse")]
    #[test]
    fn a_reversed_reference_address_is_not_a_link() {
        let fixture = include_str!("../tests/fixtures/2023-07-07-small.md");
        let address = "https://www.most.gov.cn/\u{202E}fdp.exe";
        let source = fixture.replace(
            "- [关于加强基础研究的通知](https://www.most.gov.cn/)",
            &format!("- [关于加强基础研究的通知]({address})"),
        );
        assert_ne!(source, fixture, "the fixture has the reference to change");
        let parsed = crate::parse::parse("small.md", &source).unwrap_or_else(|errors| panic!("{errors:?}"));
        let references: Vec<&Reference> = parsed
            .issue
            .articles()
            .flat_map(|article| &article.references)
            .collect();
        assert_eq!(references.len(), 1);
        assert_eq!(references[0].url, None);
        assert!(references[0].title.contains(address), "{:?}", references[0].title);
        assert!(
            parsed
                .warnings
                .iter()
                .any(|warning| warning.message().contains("invisible format characters")),
            "{:?}",
            parsed.warnings
        );
    }

    #[test]
    fn url_conversion_revalidates() {
        assert!(HttpUrl::try_from("javascript:alert(1)".to_string()).is_err());
    }

    #[test]
    fn dates_print_as_the_bulletin_does() {
        let date = Date {
            year: 2023,
            month: 6,
            day: 30,
        };
        assert_eq!(date.iso(), "2023-06-30");
        assert_eq!(date.printed(), "2023. 6. 30");
        assert_eq!(Date::from_iso("2023-06-30"), Some(date));
    }

    #[test]
    fn only_calendar_dates_are_read() {
        for bad in [
            "2023-06-31",
            "2023-02-29",
            "2023-13-01",
            "2023-00-10",
            "2023-6-30",
            "+023-06-30",
            "2023-06-3x",
            "",
        ] {
            assert_eq!(Date::from_iso(bad), None, "{bad}");
        }
        assert!(Date::from_iso("2024-02-29").is_some());
        assert!(Date::from_iso("2000-02-29").is_some());
        assert!(Date::from_iso("1900-02-29").is_none());
    }

    #[cfg(feature = "parse")]
    #[test]
    fn titles_and_descriptions_come_from_the_issue() {
        let issue = crate::testing::issue();
        assert_eq!(issue.title(), "중국 과학기술 정책 주간동향 · 2023. 6. 30");
        let description = issue.description(160);
        assert!(description.chars().count() <= 160, "{description}");
        assert!(description.starts_with("2022년 국가자연과학기금위원회(NSFC)에서 지원한 총 과제수는 51,600건으로"));
        assert!(description.ends_with("구축에 관한 지도…"), "{description}");
        let whole = issue.description(10_000);
        assert!(!whole.ends_with('…'));
        assert!(whole.contains("세계 1위를 차지하였다."));
    }
}
