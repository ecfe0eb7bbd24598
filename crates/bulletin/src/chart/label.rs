//! How wide a label will be, estimated without a font, and how to cut one that is too long.
//!
//! The core cannot ask the browser to measure text, so it estimates: Hangul, Hanja and other
//! full-width characters take about one em, Latin letters and digits about 0.6 em, spaces and
//! thin punctuation less, and the symbols that Korean fonts set full-width (the middle dot,
//! curly quotes, the ellipsis) one em. The estimate leans wide, so a label that fits by the
//! estimate fits on screen, and labels never overlap each other or the bars.

/// The estimated width of `text` set at `font_px`, in the same unit as `font_px`.
pub fn text_width(text: &str, font_px: f64) -> f64 {
    text_em(text) * font_px
}

/// `text` as it fits in `max_width` at `font_px`: unchanged when it fits, otherwise cut and
/// ended with "…", or empty when not even "…" fits.
pub fn shorten(text: &str, max_width: f64, font_px: f64) -> String {
    if font_px.is_nan() || font_px <= 0.0 {
        return text.to_string();
    }
    let max_em = max_width / font_px;
    if text_em(text) <= max_em {
        return text.to_string();
    }
    let ellipsis_em = char_em(ELLIPSIS);
    if ellipsis_em > max_em {
        return String::new();
    }
    let mut used_em = ellipsis_em;
    let mut kept = String::new();
    for c in text.chars() {
        used_em += char_em(c);
        if used_em > max_em {
            break;
        }
        kept.push(c);
    }
    // A space before the ellipsis would read as a gap, not as a cut word.
    let mut out = kept.trim_end().to_string();
    out.push(ELLIPSIS);
    out
}

/// `text` broken into lines that fit `max_width` at `font_px`, at most `max_lines` of them:
/// between words where it can (Korean is not broken inside a word), inside a word that alone is
/// too wide, and the last line shortened with "…" when the text needs more lines than that.
pub fn wrap(text: &str, max_width: f64, font_px: f64, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if text_width(&candidate, font_px) <= max_width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word wider than a line is broken where it must be.
        let mut rest = word;
        while text_width(rest, font_px) > max_width {
            let mut used = 0.0;
            let cut = rest
                .char_indices()
                .find(|(_, c)| {
                    used += text_width(&c.to_string(), font_px);
                    used > max_width
                })
                .map_or(rest.len(), |(at, _)| at);
            if cut == 0 {
                break;
            }
            lines.push(rest[..cut].to_string());
            rest = &rest[cut..];
        }
        line = rest.to_string();
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > max_lines.max(1) {
        let kept = max_lines.max(1);
        let last = lines[kept - 1..].join(" ");
        lines.truncate(kept - 1);
        // One character more than fits, so that the cut shows.
        lines.push(shorten(&format!("{last}…"), max_width, font_px));
    }
    lines
}

const ELLIPSIS: char = '…';

fn text_em(text: &str) -> f64 {
    text.chars().map(char_em).sum()
}

/// The estimated advance of one character, in em.
fn char_em(c: char) -> f64 {
    match c {
        ' ' => 0.3,
        'a'..='z' | 'A'..='Z' | '0'..='9' => 0.6,
        ',' | '.' | ':' | ';' | '\'' | '!' | '|' | '`' => 0.3,
        '(' | ')' | '[' | ']' | '{' | '}' => 0.35,
        // Controls, combining marks, zero-width characters and variation selectors take no room.
        '\u{0}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{300}'..='\u{36f}'
        | '\u{1160}'..='\u{11ff}'
        | '\u{200b}'..='\u{200f}'
        | '\u{fe00}'..='\u{fe0f}' => 0.0,
        // Korean fonts draw these symbols full-width, though Latin fonts do not: the middle dot
        // of 협력·교류, curly quotes, the ellipsis, degree and multiplication signs, and the
        // letter-like, arrow, mathematical, technical, enclosed, box and geometric symbols.
        '\u{b0}'
        | '\u{b1}'
        | '\u{b7}'
        | '\u{d7}'
        | '\u{f7}'
        | '\u{2014}'..='\u{2015}'
        | '\u{2018}'..='\u{2022}'
        | '\u{2025}'..='\u{2026}'
        | '\u{2030}'..='\u{203b}'
        | '\u{2100}'..='\u{2bff}' => 1.0,
        // Hangul leading jamo, CJK radicals to Yi (kana, compatibility jamo, ideographs), Hangul
        // syllables, compatibility ideographs, vertical and small forms, full-width forms, the
        // supplementary ideographs and emoji.
        '\u{1100}'..='\u{115f}'
        | '\u{2e80}'..='\u{a4cf}'
        | '\u{ac00}'..='\u{d7a3}'
        | '\u{f900}'..='\u{faff}'
        | '\u{fe10}'..='\u{fe6f}'
        | '\u{ff00}'..='\u{ff60}'
        | '\u{ffe0}'..='\u{ffe6}'
        | '\u{1f300}'..='\u{1faff}'
        | '\u{20000}'..='\u{3fffd}' => 1.0,
        _ => 0.6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_width(text: &str, expected_em: f64) {
        let width = text_width(text, 10.0);
        assert!(
            (width - expected_em * 10.0).abs() < 1e-9,
            "{text:?}: {width} px at 10 px, expected {expected_em} em"
        );
    }

    #[test]
    fn widths_follow_the_script() {
        check_width("", 0.0);
        check_width("선전", 2.0);
        check_width("天元", 2.0);
        check_width("ＡＢ", 2.0);
        check_width("abc", 1.8);
        check_width("9402", 2.4);
        check_width("일반 프로젝트", 6.3);
        check_width("1,087,845.00", 9.0 * 0.6 + 3.0 * 0.3);
        check_width("630 (25)", 5.0 * 0.6 + 0.3 + 0.7);
        check_width("…", 1.0);
        check_width("협력·교류", 5.0);
        check_width("‘21년", 2.0 + 1.2);
        check_width("■ 2030", 1.3 + 2.4);
    }

    #[track_caller]
    fn check_shorten(text: &str, max_width: f64, expected: &str) {
        assert_eq!(shorten(text, max_width, 10.0), expected, "{text:?} in {max_width} px");
    }

    #[test]
    fn shortening_cuts_and_ends_with_an_ellipsis() {
        check_shorten("일반 프로젝트", 63.0, "일반 프로젝트");
        check_shorten("일반 프로젝트", 62.0, "일반 프로…");
        // The cut falls after a space, which is dropped rather than left before the ellipsis.
        check_shorten("일반 프로젝트", 33.0, "일반…");
        check_shorten("일반 프로젝트", 10.0, "…");
        check_shorten("일반 프로젝트", 9.0, "");
        check_shorten("일반 프로젝트", -5.0, "");
    }

    #[test]
    fn long_labels_wrap_between_words() {
        let label = "우수 청년 과학 기금 (홍콩-마카오 지역)";
        let lines = wrap(label, 120.0, 10.0, 3);
        assert_eq!(lines, ["우수 청년 과학 기금", "(홍콩-마카오 지역)"]);
        assert_eq!(lines.join(" "), label, "every word is kept");
        assert_eq!(wrap(label, 400.0, 10.0, 3), [label]);
        for line in wrap(label, 60.0, 10.0, 5) {
            assert!(text_width(&line, 10.0) <= 60.0, "{line:?}");
        }
        // A word wider than the line is broken inside it.
        assert_eq!(
            wrap("국가걸출청년과학기금", 50.0, 10.0, 3),
            ["국가걸출청", "년과학기금"]
        );
        // More lines than allowed: the last ends with "…".
        let cut = wrap(label, 60.0, 10.0, 2);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…'), "{cut:?}");
        assert!(wrap("", 60.0, 10.0, 2).is_empty());
    }

    #[test]
    fn shortened_text_fits() {
        let long = "가".repeat(40);
        for max_width in [0.0, 12.5, 55.0, 99.9, 250.0, 399.0] {
            let short = shorten(&long, max_width, 10.0);
            assert!(text_width(&short, 10.0) <= max_width, "{short:?} in {max_width}");
        }
    }
}
