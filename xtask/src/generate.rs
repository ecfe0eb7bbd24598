//! What the xtask's generated issues share: model values made from literals, the core's
//! writer, and splicing deliberately malformed source into what it wrote.
//!
//! The bench's 10,000-row issue (`bench/synthetic.rs`), the scaling check's large sources
//! (`scaling.rs`) and the end-to-end suite's hostile fixture (`hostile.rs`) are built as
//! [`Issue`] values and written by `bulletin::write`, so none of them writes the source format
//! by hand. What no issue can hold — raw HTML, `javascript:` links, errors on purpose — is
//! source text put in place of a marker after writing, by [`splice`].

use bulletin::model::{Cell, Column, ColumnKind, Date, HttpUrl, Meta, Span};
use bulletin::number;
use bulletin::slug::Slug;
use bulletin::write::write_issue;

use crate::error::{Error, Result};

pub use bulletin::model::Issue;

/// A run of plain text.
pub fn text(run: &str) -> Span {
    Span::Text(run.to_string())
}

/// A run of bold text.
pub fn strong(run: &str) -> Span {
    Span::Strong(run.to_string())
}

/// A link.
pub fn link(run: &str, address: &str) -> Result<Span> {
    Ok(Span::Link {
        text: run.to_string(),
        url: url(address)?,
    })
}

/// An http(s) address.
pub fn url(address: &str) -> Result<HttpUrl> {
    HttpUrl::parse(address).map_err(|reason| Error::new(format!("{address:?} is not an address: {reason}")))
}

/// An id.
pub fn slug(id: &str) -> Result<Slug> {
    Slug::parse(id).map_err(|error| Error::new(format!("{id:?} is not an id: {error}")))
}

/// A column.
pub fn column(id: &str, label: &str, kind: ColumnKind, unit: Option<&str>) -> Result<Column> {
    Ok(Column {
        id: slug(id)?,
        label: label.to_string(),
        kind,
        unit: unit.map(str::to_string),
        rounded_total: false,
    })
}

/// A numeric cell as print shows it (`1,234.50`, `630 (25)`). Text that is not a number stays
/// text, which the writer then refuses by name in a numeric column.
pub fn number(printed: &str) -> Cell {
    match number::parse(printed) {
        Ok(parsed) => Cell::Number(parsed.number),
        Err(_) => Cell::Text(printed.to_string()),
    }
}

/// The front matter every generated issue has: the series and publisher as printed, the date given.
pub fn meta(year: u16, month: u8, day: u8) -> Meta {
    Meta {
        series: "중국 과학기술 정책 주간동향".to_string(),
        series_en: None,
        date: Date { year, month, day },
        publisher: "한중과학기술협력센터".to_string(),
        publisher_en: None,
        notice: None,
    }
}

/// The issue as source text, or every reason it cannot be written.
pub fn write(issue: &Issue) -> Result<String> {
    write_issue(issue).map_err(|errors| {
        let shown: Vec<String> = errors.iter().take(10).map(ToString::to_string).collect();
        Error::new(format!(
            "the generated issue cannot be written ({} problems): {}",
            errors.len(),
            shown.join("; ")
        ))
    })
}

/// `source` with its one `marker` replaced by `raw`: source text no issue can hold, put in on
/// purpose. A marker that is missing or there twice is an error, so a splice never lands
/// somewhere unmeant.
pub fn splice(source: &str, marker: &str, raw: &str) -> Result<String> {
    match source.match_indices(marker).count() {
        1 => Ok(source.replacen(marker, raw, 1)),
        count => Err(Error::new(format!(
            "the marker {marker:?} is in the written source {count} times, not once"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_splice_replaces_its_one_marker() {
        assert_eq!(splice("a X b", "X", "<raw>").ok(), Some("a <raw> b".to_string()));
        assert!(splice("a b", "X", "<raw>").is_err());
        assert!(splice("X X", "X", "<raw>").is_err());
    }

    #[test]
    fn numbers_are_read_as_printed() {
        let Cell::Number(read) = number("630 (25)") else {
            panic!("630 (25) is a number");
        };
        assert_eq!(
            (read.value, read.sub, read.shown.as_str()),
            (630.0, Some(25.0), "630 (25)")
        );
        assert_eq!(number("일반"), Cell::Text("일반".to_string()));
    }
}
