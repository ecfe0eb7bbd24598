//! Text inside a line: Markdown's inline forms (bold, links, autolinks, escapes) as the
//! model's [`Span`]s, addresses repaired, letter-spaced words closed up.
//!
//! Converters leak escapes into addresses (`content\\_6887167.htm` for `content_6887167.htm`),
//! print lets a bare address stand in running text, and covers space out words
//! (`발 행 일`, `주/간/동/향`). What comes out is text the source writer can write: runs
//! without empty or neighbouring runs of the same kind, spaces collapsed, ends trimmed.

use bulletin::model::{HttpUrl, RichText, Span};

use super::lines::{is_hangul, Dialect};

/// `text` as rich text: in Markdown, `**bold**`, `[text](url)`, `<url>` and escapes are read;
/// in both dialects a bare `http(s)://` address becomes a link. Linear in the text: where each
/// form closes is looked up, never searched for again.
pub fn rich(text: &str, dialect: Dialect) -> RichText {
    let mut spans = Spans::default();
    let chars: Vec<char> = text.chars().collect();
    if chars.len() > LONGEST {
        spans.text(text);
        return spans.finish();
    }
    let next = Closers::new(&chars);
    let mut at = 0;
    let mut run = String::new();
    while at < chars.len() {
        let c = chars[at];
        if dialect == Dialect::Markdown {
            if c == '\\' {
                if let Some(&escaped) = chars.get(at + 1) {
                    if escaped.is_ascii_punctuation() {
                        run.push(escaped);
                        at += 2;
                        continue;
                    }
                }
            }
            if c == '*' && chars.get(at + 1) == Some(&'*') {
                if let Some(end) = next.bold(at + 2) {
                    let inner: String = chars[at + 2..end].iter().collect();
                    let inner = unescape(&inner);
                    if !inner.trim().is_empty() {
                        spans.text(&run);
                        run.clear();
                        spans.strong(&inner);
                        at = end + 2;
                        continue;
                    }
                }
            }
            if c == '[' {
                if let Some((label, url, end)) = markdown_link(&chars, &next, at) {
                    spans.text(&run);
                    run.clear();
                    spans.link(&label, url);
                    at = end;
                    continue;
                }
            }
            if c == '<' {
                if let Some(close) = next.angle[at] {
                    let inner: String = chars[at + 1..close].iter().collect();
                    if let Some(url) = clean_url(&inner) {
                        spans.text(&run);
                        run.clear();
                        spans.link(url.as_str(), url.clone());
                        at = close + 1;
                        continue;
                    }
                }
            }
        }
        if (c == 'h' || c == 'H')
            && starts_url(&chars[at..])
            && !at.checked_sub(1).is_some_and(|before| chars[before].is_alphanumeric())
        {
            let end = url_end(&chars, at, next.stop[at]);
            let candidate: String = chars[at..end].iter().collect();
            if let Some(url) = clean_url(&candidate) {
                spans.text(&run);
                run.clear();
                spans.link(url.as_str(), url.clone());
            } else {
                run.push_str(&candidate);
            }
            at = end.max(at + 1);
            continue;
        }
        run.push(c);
        at += 1;
    }
    spans.text(&run);
    spans.finish()
}

/// The longest line whose inline forms are read; no issue has a line near it, and a longer one
/// (noise) is kept as plain text.
const LONGEST: usize = 50_000;

/// For every position of a line, where the next closer of each inline form is.
struct Closers {
    /// The next `>`.
    angle: Vec<Option<usize>>,
    /// The next `]`.
    bracket: Vec<Option<usize>>,
    /// The next `)`.
    paren: Vec<Option<usize>>,
    /// The next `**`, at its first `*`.
    stars: Vec<Option<usize>>,
    /// The next character that ends a bare address (white space, `>`, a quote, `<`, a bracket).
    stop: Vec<usize>,
}

impl Closers {
    fn new(chars: &[char]) -> Closers {
        let n = chars.len();
        let mut closers = Closers {
            angle: vec![None; n + 1],
            bracket: vec![None; n + 1],
            paren: vec![None; n + 1],
            stars: vec![None; n + 1],
            stop: vec![n; n + 1],
        };
        for at in (0..n).rev() {
            let c = chars[at];
            closers.angle[at] = if c == '>' { Some(at) } else { closers.angle[at + 1] };
            closers.bracket[at] = if c == ']' { Some(at) } else { closers.bracket[at + 1] };
            closers.paren[at] = if c == ')' { Some(at) } else { closers.paren[at + 1] };
            closers.stars[at] = if c == '*' && chars.get(at + 1) == Some(&'*') {
                Some(at)
            } else {
                closers.stars[at + 1]
            };
            closers.stop[at] = if c.is_whitespace() || matches!(c, '>' | '"' | '<' | '」' | '〉' | '》') {
                at
            } else {
                closers.stop[at + 1]
            };
        }
        closers
    }

    /// The `**` that closes bold text opened before `from`.
    fn bold(&self, from: usize) -> Option<usize> {
        self.stars.get(from).copied().flatten()
    }
}

/// `[label](url)` at `at`: the label, the address and the index after the `)`.
fn markdown_link(chars: &[char], next: &Closers, at: usize) -> Option<(String, HttpUrl, usize)> {
    let close = next.bracket[at]?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let end = next.paren[close + 1]?;
    let target: String = chars[close + 2..end].iter().collect();
    let url = clean_url(target.trim())?;
    let label: String = chars[at + 1..close].iter().collect();
    let label = unescape(&label);
    // A label that is the address itself (escapes and all) is the address.
    let label = match clean_url(&label) {
        Some(same) if same.as_str() == url.as_str() => url.as_str().to_string(),
        _ => label,
    };
    Some((label, url, end + 1))
}

fn starts_url(chars: &[char]) -> bool {
    let head: String = chars.iter().take(8).collect::<String>().to_ascii_lowercase();
    head.starts_with("http://") || head.starts_with("https://")
}

/// Where a bare address that starts at `at` ends: at `stop` (white space, `>`, a quote), or
/// before punctuation that ends a sentence or a parenthesis opened outside the address.
fn url_end(chars: &[char], at: usize, stop: usize) -> usize {
    let mut end = stop;
    let opened = chars[at..end].iter().filter(|c| **c == '(').count();
    let mut closed = chars[at..end].iter().filter(|c| **c == ')').count();
    while end > at {
        let last = chars[end - 1];
        if matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '’' | '”') {
            end -= 1;
        } else if last == ')' && closed > opened {
            closed -= 1;
            end -= 1;
        } else {
            break;
        }
    }
    end
}

/// An address as converters leave it, repaired: backslashes (escapes leaking in, which no
/// address holds) taken out; `None` when it is not an http(s) address.
pub fn clean_url(text: &str) -> Option<HttpUrl> {
    let text = text.trim();
    let head = |length: usize| {
        text.get(..length)
            .is_some_and(|head| head.eq_ignore_ascii_case(if length == 7 { "http://" } else { "https://" }))
    };
    if !(head(7) || head(8)) {
        return None;
    }
    let cleaned: String = text.chars().filter(|c| *c != '\\').collect();
    HttpUrl::parse(&cleaned).ok()
}

/// Backslash escapes of ASCII punctuation taken out.
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next) = chars.peek() {
                if next.is_ascii_punctuation() {
                    out.push(next);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

/// Plain text of a line: escapes and bold markers out (Markdown), spaces collapsed.
pub fn plain(text: &str, dialect: Dialect) -> String {
    squash(&bulletin::model::plain_text(&rich(text, dialect)))
}

/// White space collapsed to single spaces, ends trimmed.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Letter-spaced words closed up: `발 행 일` is `발행일`, `주/간/동/향` is `주간동향`. Only runs
/// of three or more single Hangul syllables are joined, so ordinary words stay apart.
pub fn close_up(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').filter(|word| !word.is_empty()).collect();
    let mut out: Vec<String> = Vec::new();
    let mut index = 0;
    while index < words.len() {
        // `주/간/동/향`: syllables joined by slashes within one word.
        let word = words[index];
        let pieces: Vec<&str> = word.split('/').collect();
        if pieces.len() >= 3 && pieces.iter().all(|piece| single_syllable(piece)) {
            out.push(pieces.concat());
            index += 1;
            continue;
        }
        let run = words[index..].iter().take_while(|word| single_syllable(word)).count();
        if run >= 3 {
            out.push(words[index..index + run].concat());
            index += run;
        } else {
            out.push(word.to_string());
            index += 1;
        }
    }
    out.join(" ")
}

fn single_syllable(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if is_hangul(c))
}

/// The first `count` characters of `text`.
pub fn excerpt_start(text: &str, count: usize) -> String {
    text.chars().take(count).collect()
}

/// The last `count` characters of `text`.
pub fn excerpt_end(text: &str, count: usize) -> String {
    let total = text.chars().count();
    text.chars().skip(total.saturating_sub(count)).collect()
}

/// A piece of `text` the source writer writes as it is (letters, digits and single spaces),
/// to find the text again in the draft: its longest such run, at most 24 characters.
pub fn snippet(text: &str) -> String {
    let mut best = String::new();
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once('\0')) {
        let keep = c.is_alphanumeric() || (c == ' ' && !run.is_empty() && !run.ends_with(' '));
        if keep && run.chars().count() < 24 {
            run.push(c);
            continue;
        }
        let trimmed = run.trim();
        if trimmed.chars().count() > best.chars().count() {
            best = trimmed.to_string();
        }
        run.clear();
        if c.is_alphanumeric() {
            run.push(c);
        }
    }
    best
}

/// Builds rich text the writer accepts: no empty runs, neighbouring runs of one kind joined,
/// white space collapsed, no space at either end, no break at the end.
#[derive(Default)]
pub struct Spans {
    spans: Vec<Span>,
}

impl Spans {
    /// Adds plain text.
    pub fn text(&mut self, run: &str) {
        let run = collapse_spaces(run);
        if run.is_empty() {
            return;
        }
        if let Some(Span::Text(last)) = self.spans.last_mut() {
            if last.ends_with(' ') && run.starts_with(' ') {
                last.push_str(&run[1..]);
            } else {
                last.push_str(&run);
            }
            return;
        }
        self.spans.push(Span::Text(run));
    }

    /// Adds bold text; its outer spaces stay outside it.
    pub fn strong(&mut self, run: &str) {
        let collapsed = collapse_spaces(run);
        let inner = collapsed.trim();
        if inner.is_empty() {
            self.text(&collapsed);
            return;
        }
        if collapsed.starts_with(' ') {
            self.text(" ");
        }
        if let Some(Span::Strong(last)) = self.spans.last_mut() {
            last.push_str(inner);
        } else {
            self.spans.push(Span::Strong(inner.to_string()));
        }
        if collapsed.ends_with(' ') {
            self.text(" ");
        }
    }

    /// Adds a link.
    pub fn link(&mut self, text: &str, url: HttpUrl) {
        let text = squash(text);
        if text.is_empty() {
            self.spans.push(Span::Link {
                text: url.as_str().to_string(),
                url,
            });
        } else {
            self.spans.push(Span::Link { text, url });
        }
    }

    /// Adds a line break.
    pub fn line_break(&mut self) {
        if let Some(Span::Text(last)) = self.spans.last_mut() {
            let trimmed = last.trim_end().len();
            last.truncate(trimmed);
            if last.is_empty() {
                self.spans.pop();
            }
        }
        if !self.spans.is_empty() && !matches!(self.spans.last(), Some(Span::Break)) {
            self.spans.push(Span::Break);
        }
    }

    /// Adds everything of `text`.
    pub fn extend(&mut self, text: RichText) {
        for span in text {
            match span {
                Span::Text(run) => self.text(&run),
                Span::Strong(run) => self.strong(&run),
                Span::Link { text, url } => self.link(&text, url),
                Span::Break => self.line_break(),
            }
        }
    }

    /// The rich text, trimmed at both ends.
    pub fn finish(mut self) -> RichText {
        while matches!(self.spans.last(), Some(Span::Break)) {
            self.spans.pop();
        }
        if let Some(Span::Text(first)) = self.spans.first_mut() {
            let trimmed = first.trim_start().to_string();
            *first = trimmed;
        }
        if let Some(Span::Text(last)) = self.spans.last_mut() {
            let trimmed = last.trim_end().len();
            last.truncate(trimmed);
        }
        let mut out: Vec<Span> = Vec::with_capacity(self.spans.len());
        for span in self.spans {
            // A text run emptied by trimming, or one after a break that starts with a space.
            let span = match span {
                Span::Text(run) if matches!(out.last(), Some(Span::Break) | None) => {
                    Span::Text(run.trim_start().to_string())
                }
                other => other,
            };
            if matches!(&span, Span::Text(run) if run.is_empty()) {
                continue;
            }
            if let (Some(Span::Text(last)), Span::Text(run)) = (out.last_mut(), &span) {
                last.push_str(run);
                continue;
            }
            out.push(span);
        }
        // A text run before a break may not end in a space (the writer keeps it as `&#32;`).
        for index in 0..out.len() {
            if matches!(out.get(index + 1), Some(Span::Break)) {
                if let Span::Text(run) = &mut out[index] {
                    let trimmed = run.trim_end().len();
                    run.truncate(trimmed);
                }
            }
        }
        out.retain(|span| !matches!(span, Span::Text(run) if run.is_empty()));
        out
    }
}

/// Runs of white space as one space, ends kept (as one space).
fn collapse_spaces(run: &str) -> String {
    let mut out = String::with_capacity(run.len());
    let mut space = false;
    for c in run.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// Joins two pieces of a sentence that a line break separated: with a space, unless the
/// break fell where the text has none (next to `·`, before `(` after a letter, or before a
/// particle glued to a closing parenthesis, as in `원)` / `임`).
pub fn join_wrapped(before: &str, after: &str) -> String {
    let last = before.chars().last();
    let first = after.chars().next();
    let glued = match (last, first) {
        (Some('·'), _) | (_, Some('·')) => true,
        (Some(last), Some('(')) => is_hangul(last) || last.is_alphanumeric() && !last.is_ascii(),
        (Some(')'), Some(_)) => {
            let token: String = after.chars().take_while(|c| is_hangul(*c)).collect();
            let rest = after[token.len()..].chars().next();
            PARTICLES.contains(&token.as_str()) && !rest.is_some_and(char::is_alphanumeric)
        }
        _ => false,
    };
    if glued {
        format!("{before}{after}")
    } else {
        format!("{before} {after}")
    }
}

/// Particles and copulas that follow a word without a space.
const PARTICLES: [&str; 24] = [
    "이다", "임", "이며", "이고", "이나", "에", "에서", "을", "를", "의", "은", "는", "로", "으로", "과", "와", "이",
    "가", "도", "만", "까지", "부터", "에게", "이라",
];

/// Whether a line ends where a sentence cannot: after a comma, an opening bracket, or a
/// particle or connective ending that needs what follows.
pub fn ends_unfinished(text: &str) -> bool {
    let text = text.trim_end();
    let Some(last) = text.chars().last() else {
        return false;
    };
    if matches!(
        last,
        ',' | '、' | '(' | '「' | '‘' | '“' | '《' | '〈' | '·' | '-' | '&' | '/'
    ) {
        return true;
    }
    let word: String = text
        .chars()
        .rev()
        .take_while(|c| is_hangul(*c))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if word.is_empty() {
        return false;
    }
    // Particles and connective endings that need what follows; a shorter one that also ends
    // many nouns (`가` in `증가`, `과` in `성과`) is not among them.
    let endings = [
        "을",
        "를",
        "의",
        "에",
        "와",
        "은",
        "는",
        "및",
        "으로",
        "또는",
        "에서",
        "하여",
        "하고",
        "따르면",
        "대한",
        "위한",
        "통해",
        "통한",
        "있는",
        "이어",
        "되어",
        "하며",
        "으며",
        "이며",
        "였으며",
        "되며",
        "등의",
        "에는",
        "에도",
        "에게",
        "까지",
    ];
    let syllables = word.chars().count();
    let particle = endings.iter().any(|ending| {
        word.ends_with(ending) && (syllables > ending.chars().count() || ["및", "또는"].contains(ending))
    });
    // `로` ends many a noun (`도로`); after three syllables or more it is the particle (`360대로`).
    particle || (word.ends_with('로') && syllables >= 3)
}

/// Verbal nouns that end an item in the bulletin's clipped report style (개조식: `… 가속화`,
/// `… 증가`, `… 설립`), which a wrapped line rarely ends with.
const ITEM_ENDS: [&str; 64] = [
    "추진",
    "강화",
    "확대",
    "구축",
    "지원",
    "발표",
    "증가",
    "감소",
    "실현",
    "설립",
    "개발",
    "육성",
    "도입",
    "시행",
    "계획",
    "예정",
    "전망",
    "필요",
    "가능",
    "차지",
    "기록",
    "달성",
    "보유",
    "형성",
    "제시",
    "강조",
    "마련",
    "선정",
    "개최",
    "체결",
    "출범",
    "가속화",
    "활성화",
    "고도화",
    "최적화",
    "상승",
    "하락",
    "유지",
    "수행",
    "제공",
    "참여",
    "배출",
    "유치",
    "건설",
    "착수",
    "상회",
    "주력",
    "해당",
    "진화",
    "확보",
    "포함",
    "추월",
    "수립",
    "개설",
    "탑재",
    "성장",
    "완료",
    "개선",
    "투자",
    "집중",
    "운영",
    "발전",
    "향상",
    "설치",
];

/// Whether a line ends as an item of the bulletin does: a nominal ending (`…함`, `…임`, `…음`, `…됨`), or a verbal noun of [`ITEM_ENDS`] as the last
/// word (or the end of a longer compound, for the three-syllable ones: `건설가속화`).
pub fn ends_item(text: &str) -> bool {
    let text = text.trim_end().trim_end_matches(['*', '.']);
    let word: String = text
        .chars()
        .rev()
        .take_while(|c| is_hangul(*c))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if word.is_empty() {
        return false;
    }
    ["함", "임", "음", "됨"].iter().any(|end| word.ends_with(end))
        || ITEM_ENDS
            .iter()
            .any(|end| word == *end || (end.chars().count() >= 3 && word.ends_with(end)))
}

/// Whether a line starts with a word that cannot start a sentence (`등`, `및`, `또는`), or with
/// one of the verbal nouns that end items (`… 건설` / `가속화`): it goes on with the line
/// before.
pub fn starts_dependent(text: &str) -> bool {
    let word = text
        .trim_start()
        .split(|c: char| c.is_whitespace() || c == ',')
        .next()
        .unwrap_or("");
    ["등", "및", "또는", "외", "중", "등의", "등을", "등이", "등에", "등으로"].contains(&word)
        || ITEM_ENDS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> HttpUrl {
        HttpUrl::parse(text).unwrap_or_else(|reason| panic!("{text}: {reason}"))
    }

    #[track_caller]
    fn check(input: &str, dialect: Dialect, expected: &[Span]) {
        assert_eq!(rich(input, dialect), expected, "{input:?}");
    }

    #[test]
    fn markdown_bold_links_and_escapes() {
        check(
            "이 중 **집적회로** 등 \\* 표시",
            Dialect::Markdown,
            &[
                Span::Text("이 중 ".into()),
                Span::Strong("집적회로".into()),
                Span::Text(" 등 * 표시".into()),
            ],
        );
        let address = "https://www.gov.cn/zhengce/content/202306/content_6887167.htm";
        check(
            "[https://www.gov.cn/zhengce/content/202306/content\\\\_6887167.htm](https://www.gov.cn/zhengce/content/202306/content_6887167.htm)",
            Dialect::Markdown,
            &[Span::Link {
                text: address.into(),
                url: url(address),
            }],
        );
        check(
            "출처: <http://auto.hexun.com/2023-06-26/209051328.html>",
            Dialect::Markdown,
            &[
                Span::Text("출처: ".into()),
                Span::Link {
                    text: "http://auto.hexun.com/2023-06-26/209051328.html".into(),
                    url: url("http://auto.hexun.com/2023-06-26/209051328.html"),
                },
            ],
        );
    }

    #[test]
    fn bare_addresses_become_links_without_trailing_punctuation() {
        check(
            "(출처: https://example.com/a_b).",
            Dialect::Layout,
            &[
                Span::Text("(출처: ".into()),
                Span::Link {
                    text: "https://example.com/a_b".into(),
                    url: url("https://example.com/a_b"),
                },
                Span::Text(").".into()),
            ],
        );
        // In layout text `**` is text.
        check("**굵게**", Dialect::Layout, &[Span::Text("**굵게**".into())]);
    }

    #[test]
    fn letter_spaced_words_close_up() {
        assert_eq!(close_up("발 행 일"), "발행일");
        assert_eq!(
            close_up("중국 과학기술 정책 주/간/동/향"),
            "중국 과학기술 정책 주간동향"
        );
        assert_eq!(close_up("이 중 창수"), "이 중 창수");
    }

    #[test]
    fn spans_are_what_the_writer_accepts() {
        let mut spans = Spans::default();
        spans.text("  앞  ");
        spans.strong(" 굵게 ");
        spans.strong("더");
        spans.text(" 뒤 ");
        spans.line_break();
        spans.text(" 다음");
        assert_eq!(
            spans.finish(),
            [
                Span::Text("앞 ".into()),
                Span::Strong("굵게".into()),
                Span::Text(" ".into()),
                Span::Strong("더".into()),
                Span::Text(" 뒤".into()),
                Span::Break,
                Span::Text("다음".into()),
            ]
        );
    }

    #[test]
    fn wrapped_lines_join_with_a_space_unless_the_text_had_none() {
        assert_eq!(
            join_wrapped("326.99억 위안", "(5조 9,166억 원)에 달함"),
            "326.99억 위안(5조 9,166억 원)에 달함"
        );
        assert_eq!(join_wrapped("1,456억 8,559만 원)", "임"), "1,456억 8,559만 원)임");
        assert_eq!(
            join_wrapped("센터(CNES)", "의장은 공동으로"),
            "센터(CNES) 의장은 공동으로"
        );
        assert_eq!(join_wrapped("인식", "·인지에서"), "인식·인지에서");
        assert_eq!(
            join_wrapped("증가(공업정보화부", "통계 데이터)"),
            "증가(공업정보화부 통계 데이터)"
        );
    }

    #[test]
    fn unfinished_line_ends() {
        assert!(ends_unfinished("신에너지 우수기업을"));
        assert!(ends_unfinished("각각 33.4%, 37%,"));
        assert!(!ends_unfinished("충전 인프라 건설 가속화"));
        assert!(!ends_unfinished("1위를 차지"));
    }
}
