//! The code a host page pastes to embed a piece of the issue: the `<iframe>` and the
//! `<script>` line of `embed.js`, exactly as docs/embedding.md shows them.
//!
//! Both addresses are absolute, so the code works pasted on a page of any origin, and the
//! script line comes with it, so the frame takes its content's height without the host having
//! to know about `embed.js` (the script keeps to one listener however many times a page
//! includes it).

/// The file name of the host page's script, beside the reader's page in every build.
pub const SCRIPT_FILE: &str = "embed.js";

/// The frame's height before `embed.js` sets it, and for good where the script is blocked.
pub const FALLBACK_HEIGHT: u32 = 480;

/// The embed code: the frame showing `frame_address`, titled `title` for screen readers, and
/// the script at `script_address` that keeps it as tall as its content.
pub fn code(frame_address: &str, script_address: &str, title: &str) -> String {
    format!(
        "<iframe src=\"{}\" title=\"{}\" data-bulletin-viewer width=\"100%\" height=\"{FALLBACK_HEIGHT}\" loading=\"lazy\" style=\"border:0;max-width:100%\"></iframe>\n<script src=\"{}\" defer></script>",
        escape(frame_address),
        escape(title),
        escape(script_address),
    )
}

/// The address of `embed.js` beside the page at `page_address` (an absolute address, its
/// query and fragment ignored): `https://example.org/bulletin/index.html?x#/` gives
/// `https://example.org/bulletin/embed.js`.
pub fn script_beside(page_address: &str) -> String {
    let end = page_address.find(['?', '#']).unwrap_or(page_address.len());
    let path = &page_address[..end];
    // The last `/` after the scheme's `//` ends the folder; an address without one (no path at
    // all) is the root of its host.
    let after_scheme = path.find("//").map_or(0, |at| at + 2);
    match path[after_scheme..].rfind('/') {
        Some(slash) => format!("{}{SCRIPT_FILE}", &path[..after_scheme + slash + 1]),
        None => format!("{path}/{SCRIPT_FILE}"),
    }
}

/// Escapes text for a double-quoted HTML attribute.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_script(page: &str, expected: &str) {
        assert_eq!(script_beside(page), expected, "{page}");
    }

    #[test]
    fn the_script_is_beside_the_page() {
        check_script("https://example.org/bulletin/", "https://example.org/bulletin/embed.js");
        check_script(
            "https://example.org/bulletin/index.html",
            "https://example.org/bulletin/embed.js",
        );
        check_script(
            "https://example.org/bulletin/2023-06-30.html?utm=x#/table/t",
            "https://example.org/bulletin/embed.js",
        );
        check_script("http://127.0.0.1:8080/", "http://127.0.0.1:8080/embed.js");
        check_script("http://127.0.0.1:8080", "http://127.0.0.1:8080/embed.js");
        check_script("https://example.org?q=/x/", "https://example.org/embed.js");
        check_script("file:///home/a/bulletin-2023-06-30.html", "file:///home/a/embed.js");
    }

    #[test]
    fn the_code_is_the_frame_and_the_script() {
        let code = code(
            "https://example.org/bulletin/#/embed/table-only/nsfc-programs?sort=funding:desc",
            "https://example.org/bulletin/embed.js",
            "2022년 국가자연과학기금위원회 프로젝트별 지원현황 (표)",
        );
        assert_eq!(
            code,
            "<iframe src=\"https://example.org/bulletin/#/embed/table-only/nsfc-programs?sort=funding:desc\" \
             title=\"2022년 국가자연과학기금위원회 프로젝트별 지원현황 (표)\" data-bulletin-viewer width=\"100%\" \
             height=\"480\" loading=\"lazy\" style=\"border:0;max-width:100%\"></iframe>\n\
             <script src=\"https://example.org/bulletin/embed.js\" defer></script>"
        );
    }

    #[test]
    fn titles_and_addresses_cannot_break_out_of_their_attribute() {
        let code = code(
            "https://e.org/#/a\"b",
            "https://e.org/embed.js",
            "\"><script>alert(1)</script>&",
        );
        assert!(!code.contains("<script>alert"), "{code}");
        assert!(
            code.contains("title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;\""),
            "{code}"
        );
        assert!(code.contains("src=\"https://e.org/#/a&quot;b\""), "{code}");
        assert_eq!(code.matches("<script").count(), 1, "{code}");
    }
}
