//! `feed.xml`: the archive as an Atom feed (RFC 4287), so feed readers and intranet portals
//! can follow the weekly.
//!
//! One entry an issue, newest first: its title and date, the summary's points (as text, and
//! as a list in the entry's content with the issue's articles), and its page's address. The
//! build does not know where the site will be served, so addresses are relative to the feed
//! (which feed readers resolve against the feed's own address) unless `--site-url` gives the
//! site's address; ids are `tag:` URIs (RFC 4151), which never depend on where the site is.

use bulletin::address::Page;
use bulletin::model::{plain_text, Issue};

use crate::archive::Archive;

/// The feed's file name in the build.
pub const FILE_NAME: &str = "feed.xml";

/// The authority and year of the `tag:` URIs (RFC 4151): the publisher's domain, and the
/// year of the first issue in the archive.
const TAG_AUTHORITY: &str = "kostec.re.kr,2023";

/// Issues are dated in Korea.
const TIME_ZONE: &str = "+09:00";

/// The feed of `archive`; `site_url` is the site's folder (`https://example.org/weekly/`)
/// when known.
pub fn write(archive: &Archive, site_url: Option<&str>) -> String {
    let base = site_url
        .map(|url| format!("{}/", url.trim_end_matches('/')))
        .unwrap_or_default();
    let newest = archive.newest();
    let mut xml = String::with_capacity(4096 + archive.sources.len() * 2048);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"ko\">\n");
    element(&mut xml, 1, "title", &newest.meta.series);
    if let Some(english) = &newest.meta.series_en {
        element(&mut xml, 1, "subtitle", english);
    }
    element(&mut xml, 1, "id", &format!("tag:{TAG_AUTHORITY}:weekly"));
    element(&mut xml, 1, "updated", &timestamp(newest));
    link(
        &mut xml,
        1,
        "self",
        "application/atom+xml",
        &format!("{base}{FILE_NAME}"),
    );
    link(
        &mut xml,
        1,
        "alternate",
        "text/html",
        if base.is_empty() { "./" } else { &base },
    );
    xml.push_str("  <author>\n");
    element(&mut xml, 2, "name", &newest.meta.publisher);
    xml.push_str("  </author>\n");
    for source in &archive.sources {
        entry(&mut xml, &source.issue, &base);
    }
    xml.push_str("</feed>\n");
    xml
}

fn entry(xml: &mut String, issue: &Issue, base: &str) {
    let date = issue.meta.date;
    xml.push_str("  <entry>\n");
    element(xml, 2, "title", &issue.title());
    element(xml, 2, "id", &format!("tag:{TAG_AUTHORITY}:weekly/{}", date.iso()));
    element(xml, 2, "published", &timestamp(issue));
    element(xml, 2, "updated", &timestamp(issue));
    link(
        xml,
        2,
        "alternate",
        "text/html",
        &format!("{base}{}", Page::file_of(date)),
    );
    let points: Vec<String> = issue.summary.iter().map(|point| plain_text(point)).collect();
    element(xml, 2, "summary", &points.join("\n"));
    xml.push_str("    <content type=\"xhtml\">\n      <div xmlns=\"http://www.w3.org/1999/xhtml\">\n");
    if !points.is_empty() {
        xml.push_str("        <ul>\n");
        for point in &points {
            element(xml, 5, "li", point);
        }
        xml.push_str("        </ul>\n");
    }
    let titles: Vec<String> = issue
        .articles()
        .map(|article| format!("{} {} ({})", article.number, article.title, article.category))
        .chain(issue.briefs().map(|brief| format!("{} {}", brief.number, brief.title)))
        .collect();
    if !titles.is_empty() {
        xml.push_str("        <ol>\n");
        for title in &titles {
            element(xml, 5, "li", title);
        }
        xml.push_str("        </ol>\n");
    }
    xml.push_str("      </div>\n    </content>\n  </entry>\n");
}

fn timestamp(issue: &Issue) -> String {
    format!("{}T00:00:00{TIME_ZONE}", issue.meta.date.iso())
}

fn element(xml: &mut String, depth: usize, name: &str, text: &str) {
    xml.push_str(&"  ".repeat(depth));
    xml.push('<');
    xml.push_str(name);
    xml.push('>');
    escape_into(xml, text);
    xml.push_str("</");
    xml.push_str(name);
    xml.push_str(">\n");
}

fn link(xml: &mut String, depth: usize, rel: &str, kind: &str, href: &str) {
    xml.push_str(&"  ".repeat(depth));
    xml.push_str("<link rel=\"");
    xml.push_str(rel);
    xml.push_str("\" type=\"");
    xml.push_str(kind);
    xml.push_str("\" href=\"");
    escape_into(xml, href);
    xml.push_str("\"/>\n");
}

/// XML's five escapes, and no character XML 1.0 forbids (control characters other than
/// tab and line breaks are left out).
fn escape_into(xml: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => xml.push_str("&amp;"),
            '<' => xml.push_str("&lt;"),
            '>' => xml.push_str("&gt;"),
            '"' => xml.push_str("&quot;"),
            '\'' => xml.push_str("&apos;"),
            '\t' | '\n' | '\r' => xml.push(c),
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => xml.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::{read, Source};

    fn archive() -> Archive {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let real = read(&root, &root.join("bulletins")).unwrap_or_else(|error| panic!("{error}"));
        let mut small = bulletin::parse::parse(
            "2023-07-07.md",
            include_str!("../../crates/bulletin/tests/fixtures/2023-07-07-small.md"),
        )
        .unwrap_or_else(|errors| panic!("{errors:?}"))
        .issue;
        // A made-up title with every character XML escapes, to see the feed survive it.
        small.parts[0].body =
            match std::mem::replace(&mut small.parts[0].body, bulletin::model::PartBody::Briefs(Vec::new())) {
                bulletin::model::PartBody::Articles(mut articles) => {
                    articles[0].title = "R&D <\"전략\"> & 'AI'\u{1}".into();
                    bulletin::model::PartBody::Articles(articles)
                }
                body => body,
            };
        let mut sources = vec![Source {
            shown: "2023-07-07.md".into(),
            issue: small,
            warnings: Vec::new(),
            text: String::new(),
        }];
        sources.extend(real.sources);
        Archive { sources }
    }

    fn parsed(xml: &str) -> feed_rs::model::Feed {
        feed_rs::parser::parse(xml.as_bytes()).unwrap_or_else(|error| panic!("{error}\n{xml}"))
    }

    #[test]
    fn a_feed_parser_reads_every_issue_newest_first() {
        let feed = parsed(&write(&archive(), None));
        assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
        assert_eq!(
            feed.title.map(|title| title.content).as_deref(),
            Some("중국 과학기술 정책 주간동향")
        );
        let titles: Vec<String> = feed
            .entries
            .iter()
            .filter_map(|entry| entry.title.as_ref().map(|title| title.content.clone()))
            .collect();
        assert_eq!(
            titles,
            [
                "중국 과학기술 정책 주간동향 · 2023. 7. 7",
                "중국 과학기술 정책 주간동향 · 2023. 6. 30"
            ]
        );
        let links: Vec<&str> = feed.entries.iter().map(|entry| entry.links[0].href.as_str()).collect();
        assert_eq!(links, ["2023-07-07.html", "2023-06-30.html"]);
        let published = feed.entries[1].published.map(|date| date.to_rfc3339());
        assert_eq!(published.as_deref(), Some("2023-06-29T15:00:00+00:00"));
    }

    #[test]
    fn entries_carry_the_summary_points() {
        let archive = archive();
        let feed = parsed(&write(&archive, None));
        let summary = feed.entries[1]
            .summary
            .as_ref()
            .map(|text| text.content.clone())
            .unwrap_or_default();
        let points: Vec<&str> = summary.lines().collect();
        assert_eq!(points.len(), 6);
        assert_eq!(points[5], plain_text(&archive.sources[1].issue.summary[5]));
        let content = feed.entries[0]
            .content
            .as_ref()
            .and_then(|content| content.body.clone())
            .unwrap_or_default();
        // The parser gives the content back re-serialized: the text survived, the control character did not.
        assert!(
            content.contains("<li>01 R&amp;D &lt;\"전략\"> &amp; 'AI' (기술전략)</li>"),
            "{content}"
        );
    }

    #[test]
    fn a_site_url_makes_addresses_absolute() {
        let feed = parsed(&write(&archive(), Some("https://example.org/weekly")));
        assert_eq!(
            feed.entries[1].links[0].href,
            "https://example.org/weekly/2023-06-30.html"
        );
        assert_eq!(feed.id, "tag:kostec.re.kr,2023:weekly");
        assert_eq!(feed.entries[1].id, "tag:kostec.re.kr,2023:weekly/2023-06-30");
    }
}
