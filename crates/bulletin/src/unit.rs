//! Amounts of money as the bulletin prints them, in Korean units of ten thousand (만), a
//! hundred million (억) and a trillion (조) of yuan (위안) or won (원): `326.99억 위안`,
//! `235억 8,200만 위안`, a table column in `만 위안`.
//!
//! A reader who does not count in 만 and 억 is given the value in yuan (or won), worked out here
//! from the printed figure by exact arithmetic, never a new figure: `326.99억 위안` is
//! 32,699,000,000 yuan, said as `32.7 billion yuan` ([`Amount::english`]). [`find`] finds the
//! amounts in running text, [`Unit::of_column`] the unit of a table column, and [`used_in`] the
//! units an issue uses, for its glossary.

use core::ops::Range;

use crate::model::{plain_text, Block, Bullet, Issue, PartBody};
use crate::number::Decimal;

/// The currency of an amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Currency {
    /// Chinese yuan (위안, CNY).
    Yuan,
    /// Korean won (원, KRW).
    Won,
}

impl Currency {
    /// How the bulletin prints it.
    pub fn printed(self) -> &'static str {
        match self {
            Currency::Yuan => "위안",
            Currency::Won => "원",
        }
    }

    /// Its English name, as an amount is said: `yuan`, `won`.
    pub fn english(self) -> &'static str {
        match self {
            Currency::Yuan => "yuan",
            Currency::Won => "won",
        }
    }

    /// Its ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Yuan => "CNY",
            Currency::Won => "KRW",
        }
    }
}

/// A unit of money the bulletin prints: a Korean number word and a currency (`억 위안`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unit {
    /// The power of ten of the number word: 4 for 만, 8 for 억, 12 for 조.
    pub power: u8,
    /// The currency.
    pub currency: Currency,
}

/// The units a glossary explains, in its order: yuan before won, smaller before larger.
pub const UNITS: [Unit; 6] = [
    Unit::new(4, Currency::Yuan),
    Unit::new(8, Currency::Yuan),
    Unit::new(12, Currency::Yuan),
    Unit::new(4, Currency::Won),
    Unit::new(8, Currency::Won),
    Unit::new(12, Currency::Won),
];

impl Unit {
    /// A unit from its power of ten and currency.
    pub const fn new(power: u8, currency: Currency) -> Unit {
        Unit { power, currency }
    }

    /// The number word of the unit's power: 만, 억, 조.
    fn word(self) -> &'static str {
        match self.power {
            4 => "만",
            8 => "억",
            12 => "조",
            _ => "",
        }
    }

    /// How the bulletin prints the unit: `만 위안`.
    pub fn printed(self) -> String {
        format!("{} {}", self.word(), self.currency.printed())
    }

    /// The unit a column's printed unit names (`만 위안`, `억원`), if it is one of [`UNITS`].
    pub fn of_column(unit: &str) -> Option<Unit> {
        let compact: String = unit.chars().filter(|c| !c.is_whitespace()).collect();
        UNITS
            .into_iter()
            .find(|known| compact == format!("{}{}", known.word(), known.currency.printed()))
    }

    /// One of the unit in English: `10,000 yuan`, `100 million yuan`.
    pub fn english(self) -> String {
        let one = unit_decimal();
        Amount {
            value: one.times_power_of_ten(i32::from(self.power)).unwrap_or(one),
            currency: self.currency,
        }
        .english()
    }

    /// One of the unit in English, with the currency's code, as a glossary explains it:
    /// `10,000 yuan (CNY)`.
    pub fn english_with_code(self) -> String {
        format!("{} ({})", self.english(), self.currency.code())
    }

    /// One of the unit in Korean, as plain units: `1만 위안 = 10,000위안 (CNY)`.
    pub fn korean(self) -> String {
        let plain = unit_decimal()
            .times_power_of_ten(i32::from(self.power))
            .map(|value| value.to_string())
            .unwrap_or_default();
        format!(
            "1{} {} = {plain}{} ({})",
            self.word(),
            self.currency.printed(),
            self.currency.printed(),
            self.currency.code()
        )
    }
}

/// The decimal 1.
fn unit_decimal() -> Decimal {
    Decimal::parse("1").unwrap_or(Decimal::ZERO)
}

/// An amount of money in plain units of its currency, exact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Amount {
    /// How many yuan or won.
    pub value: Decimal,
    /// Which.
    pub currency: Currency,
}

impl Amount {
    /// A printed figure in a unit: `326.99` in `억 위안` is 32,699,000,000 yuan. None when the
    /// figure is not a number or has too many digits, and for a rise printed with its sign
    /// (`+30`), which an amount would say without it.
    pub fn of_figure(figure: &str, unit: Unit) -> Option<Amount> {
        if figure.trim().starts_with('+') {
            return None;
        }
        let value = Decimal::parse(figure.trim())
            .ok()?
            .times_power_of_ten(i32::from(unit.power))?;
        Some(Amount {
            value,
            currency: unit.currency,
        })
    }

    /// The amount said in English: below a million, in full (`319,000 yuan`); from a million up,
    /// in millions, billions or trillions to one decimal place, without a trailing `.0`
    /// (`32.7 billion yuan`, `94 million yuan`).
    pub fn english(&self) -> String {
        let currency = self.currency.english();
        let size = self.value.to_f64().abs();
        const SCALES: [(i32, &str); 3] = [(12, "trillion"), (9, "billion"), (6, "million")];
        for (index, (power, word)) in SCALES.iter().enumerate() {
            if size < 10f64.powi(*power) {
                continue;
            }
            let Some(scaled) = self.value.times_power_of_ten(-power) else {
                break;
            };
            let rounded = scaled.rounded(1);
            // 999.96 billion rounds to 1,000.0 billion, which is 1 trillion.
            if rounded.to_f64().abs() >= 1000.0 && index > 0 {
                let (power, word) = SCALES[index - 1];
                if let Some(scaled) = self.value.times_power_of_ten(-power) {
                    return format!("{} {word} {currency}", short(scaled.rounded(1)));
                }
            }
            return format!("{} {word} {currency}", short(rounded));
        }
        format!("{} {currency}", self.value.rounded(0))
    }
}

/// A decimal with one place, without a trailing `.0`: `32.7`, `94`.
fn short(value: Decimal) -> String {
    let text = value.to_string();
    match text.strip_suffix(".0") {
        Some(whole) => whole.to_string(),
        None => text,
    }
}

/// An amount found in running text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// Where it is, in bytes of the text.
    pub range: Range<usize>,
    /// Its value.
    pub amount: Amount,
    /// The units it is printed in (one for `326.99억 위안`, two for `235억 8,200만 위안`).
    pub units: Vec<Unit>,
}

/// The amounts of money in `text`, in order: figures with a number word each, one after
/// another, then the currency (`326.99억 위안`, `5조 9,166억 원`, `2억 5천만 위안`, `11조
/// 3,347억원`). A figure without a number word, or number words not followed by a currency
/// (`30.69만 건`), is not an amount this module explains.
pub fn find(text: &str) -> Vec<Found> {
    // An ASCII byte is always a whole character in UTF-8, so the scan goes from digit to digit.
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = bytes[at..].iter().position(u8::is_ascii_digit) {
        let start = at + offset;
        let inside_number = start > 0 && matches!(bytes[start - 1], b'0'..=b'9' | b',' | b'.');
        if !inside_number {
            if let Some(amount) = amount_at(text, start) {
                at = amount.range.end;
                found.push(amount);
                continue;
            }
        }
        at = start + 1;
    }
    found
}

/// The currencies an amount can be in.
const CURRENCIES: [Currency; 2] = [Currency::Yuan, Currency::Won];

/// The number words, longest first so that `천만` is read before `천`, with their powers.
const WORDS: [(&str, u8); 6] = [("천만", 7), ("백만", 6), ("조", 12), ("억", 8), ("만", 4), ("천", 3)];

/// The amount starting at byte `start` of `text`, if one does.
fn amount_at(text: &str, start: usize) -> Option<Found> {
    let mut at = start;
    let mut total: Option<Decimal> = None;
    let mut units = Vec::new();
    let mut end_of_parts = start;
    loop {
        let digits = text[at..]
            .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
            .unwrap_or(text.len() - at);
        if digits == 0 {
            break;
        }
        let figure = text[at..at + digits].trim_end_matches([',', '.']);
        let Some((word, power)) = WORDS
            .iter()
            .find(|(word, _)| text[at + figure.len()..].starts_with(word))
        else {
            break;
        };
        let value = Decimal::parse(figure).ok()?.times_power_of_ten(i32::from(*power))?;
        total = Some(match total {
            Some(sum) => sum.checked_add(value)?,
            None => value,
        });
        units.push(*power);
        at += figure.len() + word.len();
        end_of_parts = at;
        // Another part may follow after one space: `235억 8,200만`.
        let rest = &text[at..];
        let spaced = rest.strip_prefix(' ').unwrap_or(rest);
        if spaced.starts_with(|c: char| c.is_ascii_digit()) {
            at = text.len() - spaced.len();
        } else {
            break;
        }
    }
    let value = total?;
    let rest = &text[end_of_parts..];
    let spaces = rest.len() - rest.trim_start_matches(' ').len();
    let after = &rest[spaces..];
    let currency = CURRENCIES
        .into_iter()
        .find(|currency| after.starts_with(currency.printed()))?;
    let end = end_of_parts + spaces + currency.printed().len();
    // The units a glossary knows: the parts' words as 만, 억 or 조 of this currency.
    let units = units
        .into_iter()
        .filter_map(|power| {
            let power = match power {
                3 | 4 | 6 | 7 => 4,
                other => other,
            };
            UNITS
                .into_iter()
                .find(|unit| unit.power == power && unit.currency == currency)
        })
        .collect();
    Some(Found {
        range: start..end,
        amount: Amount { value, currency },
        units,
    })
}

/// The units of [`UNITS`] that `issue` uses, in the glossary's order: in a table column's unit,
/// in a figure's or table's caption (`(단위: 억 위안)`), or in an amount in its text.
pub fn used_in(issue: &Issue) -> Vec<Unit> {
    // This runs in the page, over the whole issue's text, at start-up: each text is read once
    // for amounts, and only a text naming a unit (`단위`) is read again for which.
    let captions: Vec<(Unit, String)> = UNITS
        .into_iter()
        .map(|unit| (unit, format!("단위:{}", unit.printed().replace(' ', ""))))
        .collect();
    let mut used: Vec<Unit> = Vec::new();
    for text in texts(issue) {
        if CURRENCIES.iter().any(|currency| text.contains(currency.printed())) {
            for found in find(&text) {
                used.extend(found.units);
            }
        }
        if text.contains("단위") {
            let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            used.extend(
                captions
                    .iter()
                    .filter(|(_, caption)| compact.contains(caption.as_str()))
                    .map(|(unit, _)| *unit),
            );
        }
    }
    for table in issue.tables() {
        used.extend(
            table
                .columns
                .iter()
                .filter_map(|column| column.unit.as_deref().and_then(Unit::of_column)),
        );
    }
    UNITS.into_iter().filter(|unit| used.contains(unit)).collect()
}

/// Every piece of running text of an issue, captions included, as plain text.
fn texts(issue: &Issue) -> Vec<String> {
    let mut out: Vec<String> = issue.summary.iter().map(|point| plain_text(point)).collect();
    let bullets = |out: &mut Vec<String>, bullets: &[Bullet]| {
        let mut stack: Vec<&Bullet> = bullets.iter().collect();
        while let Some(bullet) = stack.pop() {
            out.push(plain_text(&bullet.text));
            stack.extend(bullet.children.iter());
        }
    };
    for part in &issue.parts {
        match &part.body {
            PartBody::Articles(articles) => {
                for article in articles {
                    out.extend(article.lead.iter().map(|lead| plain_text(&lead.text)));
                    for block in &article.blocks {
                        match block {
                            Block::Paragraph(text) | Block::Note(text) | Block::Source(text) => {
                                out.push(plain_text(text))
                            }
                            Block::Heading(text) => out.push(text.clone()),
                            Block::Bullets(list) => bullets(&mut out, list),
                            Block::Figure(figure) => out.push(figure.caption.clone()),
                            Block::Table(table) => {
                                out.push(table.caption.clone());
                                out.extend(table.notes.iter().map(|note| plain_text(note)));
                            }
                        }
                    }
                }
            }
            PartBody::Briefs(briefs) => {
                for brief in briefs {
                    out.extend(brief.lead.iter().map(|lead| plain_text(&lead.text)));
                    bullets(&mut out, &brief.bullets);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const YUAN_10K: Unit = Unit::new(4, Currency::Yuan);
    const YUAN_100M: Unit = Unit::new(8, Currency::Yuan);

    #[track_caller]
    fn check_figure(figure: &str, unit: Unit, expected: &str) {
        let amount = Amount::of_figure(figure, unit).unwrap_or_else(|| panic!("{figure} is not a figure"));
        assert_eq!(amount.english(), expected, "{figure} {}", unit.printed());
    }

    #[test]
    fn printed_figures_in_yuan() {
        // The issue's own example.
        check_figure("326.99", YUAN_100M, "32.7 billion yuan");
        check_figure("1,087,845.00", YUAN_10K, "10.9 billion yuan");
        check_figure("3,269,921.35", YUAN_10K, "32.7 billion yuan");
        check_figure("80,258.70", YUAN_10K, "802.6 million yuan");
        check_figure("9402.30", YUAN_10K, "94 million yuan");
        check_figure("31.90", YUAN_10K, "319,000 yuan");
        check_figure("1.3", Unit::new(12, Currency::Yuan), "1.3 trillion yuan");
        check_figure("99,999.6", YUAN_10K, "1 billion yuan");
        check_figure("0", YUAN_10K, "0 yuan");
        assert_eq!(Amount::of_figure("12,34", YUAN_10K), None);
        // A rise keeps its printed sign: it is shown as printed.
        assert_eq!(Amount::of_figure("+31.90", YUAN_10K), None);
    }

    #[test]
    fn the_exact_value_is_kept() {
        let amount = Amount::of_figure("326.99", YUAN_100M).map(|amount| amount.value.to_string());
        assert_eq!(amount.as_deref(), Some("32,699,000,000.00"));
    }

    #[track_caller]
    fn check_find(text: &str, expected: &[(&str, &str)]) {
        let found: Vec<(&str, String)> = find(text)
            .into_iter()
            .map(|found| (&text[found.range.clone()], found.amount.english()))
            .collect();
        let expected: Vec<(&str, String)> = expected.iter().map(|(a, b)| (*a, b.to_string())).collect();
        assert_eq!(found, expected, "{text}");
    }

    #[test]
    fn amounts_in_running_text() {
        check_find(
            "총 지원액은 326.99억 위안(5조 9,166억 원)에 달함",
            &[
                ("326.99억 위안", "32.7 billion yuan"),
                ("5조 9,166억 원", "5.9 trillion won"),
            ],
        );
        check_find(
            "직접비 약 235억 8,200만 위안 지원",
            &[("235억 8,200만 위안", "23.6 billion yuan")],
        );
        check_find("2억 5천만 위안 투자", &[("2억 5천만 위안", "250 million yuan")]);
        check_find(
            "628억 위안(11조 3,347억원)으로",
            &[
                ("628억 위안", "62.8 billion yuan"),
                ("11조 3,347억원", "11.3 trillion won"),
            ],
        );
        check_find(
            "80,258.70만 위안(약 1,456억 8,559만 원)",
            &[
                ("80,258.70만 위안", "802.6 million yuan"),
                ("1,456억 8,559만 원", "145.7 billion won"),
            ],
        );
        check_find(
            "제조업 부가가치 규모 1.3조 위안을 달성",
            &[("1.3조 위안", "1.3 trillion yuan")],
        );
    }

    #[test]
    fn counts_and_bare_figures_are_not_amounts() {
        check_find("총 30.69만 건의 연구과제 중 5.16만 건", &[]);
        check_find("생산량은 300만 5,000대", &[]);
        check_find("(단위: 억 위안)", &[]);
        check_find("100 위안", &[]);
        check_find("2030년까지 20,472건", &[]);
        // A figure is read from its first digit, never from its middle.
        check_find("예산 51,234억 위안", &[("51,234억 위안", "5.1 trillion yuan")]);
    }

    #[test]
    fn units_are_explained_in_both_languages() {
        assert_eq!(YUAN_10K.printed(), "만 위안");
        assert_eq!(YUAN_10K.english(), "10,000 yuan");
        assert_eq!(YUAN_10K.english_with_code(), "10,000 yuan (CNY)");
        assert_eq!(YUAN_100M.english_with_code(), "100 million yuan (CNY)");
        assert_eq!(Unit::new(12, Currency::Won).english_with_code(), "1 trillion won (KRW)");
        assert_eq!(YUAN_10K.korean(), "1만 위안 = 10,000위안 (CNY)");
        assert_eq!(YUAN_100M.korean(), "1억 위안 = 100,000,000위안 (CNY)");
        assert_eq!(Unit::of_column("만 위안"), Some(YUAN_10K));
        assert_eq!(Unit::of_column("억위안"), Some(YUAN_100M));
        assert_eq!(Unit::of_column("만 대"), None);
    }

    #[cfg(feature = "parse")]
    #[test]
    fn the_issue_uses_yuan_in_10_000s_and_100_millions() {
        let issue = crate::testing::issue();
        let used: Vec<String> = used_in(issue).into_iter().map(Unit::printed).collect();
        // 만 위안 in the NSFC tables' columns, 억 위안 in the text and a figure's caption, 조 위안
        // in Shanghai's targets, and the won the text converts them to.
        assert_eq!(used, ["만 위안", "억 위안", "조 위안", "만 원", "억 원", "조 원"]);
    }
}
