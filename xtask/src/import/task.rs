//! The command: `cargo xtask import <text-file> [--out <file>] [--force] [--date YYYY-MM-DD]
//! [--compare <checked.md> [--figures <file.json>]]`.
//!
//! Without `--out` the draft goes to standard output and everything else to standard error,
//! so that `> draft.md` keeps only the draft. With `--out` (a file, or a folder where the
//! draft is named after the issue's date) the draft is written there, never over an existing
//! file unless `--force`, and the review list beside it as `<out>.review.txt`. Either way the
//! output ends with what `check-bulletin` says of the draft and the review list.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use bulletin::model::Date;

use super::{check, import, Draft, Options};
use crate::compare;
use crate::error::{Error, Result};

/// The command's options.
pub struct TaskOptions {
    /// The text of the printed issue.
    pub input: PathBuf,
    /// Where the draft goes: a file, or a folder for `<date>.md`; standard output when `None`.
    pub out: Option<PathBuf>,
    /// Overwrite an existing draft.
    pub force: bool,
    /// The issue's date, when the text has none or it is wrong (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// A checked source to compare the draft with.
    pub compare: Option<PathBuf>,
    /// Where to write the comparison's figures as JSON.
    pub figures: Option<PathBuf>,
}

/// Runs the import.
pub fn run(options: &TaskOptions) -> Result<()> {
    let bytes = fs::read(&options.input).map_err(|error| Error::io("cannot read", &options.input, error))?;
    let date = options.date.as_deref().map(parse_date).transpose()?;
    let draft = import(&bytes, &Options { date })
        .map_err(|error| Error::new(format!("{}: {error}", options.input.display())))?;
    let mut report = String::new();
    let counts = counts(&draft);
    report.push_str(match draft.dialect {
        super::Dialect::Markdown => "import: read as a PDF-to-Markdown converter's text\n",
        super::Dialect::Layout => "import: read as pdftotext -layout text\n",
    });
    let out = options.out.as_ref().map(|out| target(out, &draft));
    match &out {
        Some(path) => {
            if path.exists() && !options.force {
                return Err(Error::new(format!(
                    "{} exists; give --force to overwrite it, or another --out",
                    path.display()
                )));
            }
            if let Some(parent) = path.parent().filter(|parent| !parent.as_os_str().is_empty()) {
                fs::create_dir_all(parent).map_err(|error| Error::io("cannot create", parent, error))?;
            }
            fs::write(path, &draft.source).map_err(|error| Error::io("cannot write", path, error))?;
            let review_path = review_path(path);
            fs::write(&review_path, review_text(&draft))
                .map_err(|error| Error::io("cannot write", &review_path, error))?;
            report.push_str(&format!(
                "import: wrote {} ({} lines: {counts}) and its review list {}\n",
                path.display(),
                draft.source.lines().count(),
                review_path.display()
            ));
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(draft.source.as_bytes())
                .map_err(|error| Error::new(format!("cannot write the draft to standard output: {error}")))?;
            report.push_str(&format!(
                "import: the draft ({} lines: {counts})\n",
                draft.source.lines().count()
            ));
        }
    }
    if let Some(checked_path) = &options.compare {
        let text = fs::read_to_string(checked_path).map_err(|error| Error::io("cannot read", checked_path, error))?;
        let name = checked_path.display().to_string();
        let checked = bulletin::parse::parse(&name, &text).map_err(|errors| {
            Error::new(format!(
                "{name} does not parse, so it cannot be compared with: {}",
                errors.first().map(ToString::to_string).unwrap_or_default()
            ))
        })?;
        let comparison = compare::compare(&draft.issue, &checked.issue);
        report.push_str(&format!("compare with {name}:\n{}", comparison.report(30)));
        if let Some(figures) = &options.figures {
            fs::write(figures, comparison.json()).map_err(|error| Error::io("cannot write", figures, error))?;
        }
    }
    let errors = check(&draft);
    if errors.is_empty() {
        report.push_str("check: the draft passes check-bulletin\n");
    } else {
        let unnamed = errors.iter().filter(|(_, named)| !named).count();
        report.push_str(&format!(
            "check: check-bulletin finds {} error(s) in the draft, {} of them at lines the review list names:\n",
            errors.len(),
            errors.len() - unnamed
        ));
        for (error, named) in &errors {
            report.push_str(&format!(
                "  {error}{}\n",
                if *named { "" } else { "  (not in the review list)" }
            ));
        }
    }
    report.push_str(&review_text(&draft));
    match &out {
        Some(_) => print!("{report}"),
        None => eprint!("{report}"),
    }
    Ok(())
}

/// `bulletins/` (a folder) gives `bulletins/<date>.md`; a file path is taken as it is.
fn target(out: &Path, draft: &Draft) -> PathBuf {
    let as_folder = out.is_dir() || out.as_os_str().to_string_lossy().ends_with('/');
    if as_folder {
        out.join(format!("{}.md", draft.issue.meta.date.iso()))
    } else {
        out.to_path_buf()
    }
}

/// `bulletins/2023-06-30.md` gives `bulletins/2023-06-30.md.review.txt`.
fn review_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(".review.txt");
    PathBuf::from(name)
}

/// The review list as text: a count, then one item a line.
pub fn review_text(draft: &Draft) -> String {
    let mut out = match draft.review.len() {
        0 => "review: nothing; the importer decided everything\n".to_string(),
        1 => "review: 1 thing the importer could not decide\n".to_string(),
        count => format!("review: {count} things the importer could not decide\n"),
    };
    for (index, item) in draft.review.iter().enumerate() {
        out.push_str(&format!("{:>4}. {item}\n", index + 1));
    }
    out
}

fn counts(draft: &Draft) -> String {
    let issue = &draft.issue;
    format!(
        "{} parts, {} articles, {} brief items, {} tables, {} figures, {} references",
        issue.parts.len(),
        issue.articles().count(),
        issue.briefs().count(),
        issue.tables().count(),
        issue.figures().count(),
        issue.articles().map(|article| article.references.len()).sum::<usize>()
    )
}

fn parse_date(text: &str) -> Result<Date> {
    let parts: Vec<&str> = text.split('-').collect();
    let parsed = match parts.as_slice() {
        [year, month, day] if year.len() == 4 => year
            .parse::<u16>()
            .ok()
            .zip(month.parse::<u8>().ok())
            .zip(day.parse::<u8>().ok())
            .map(|((year, month), day)| Date { year, month, day }),
        _ => None,
    };
    parsed
        .filter(|date| (1..=12).contains(&date.month) && (1..=31).contains(&date.day) && date.year >= 1000)
        .ok_or_else(|| Error::new(format!("--date wants YYYY-MM-DD, not `{text}`")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_review_paths() {
        assert_eq!(
            parse_date("2023-06-30").ok().map(|date| date.iso()).as_deref(),
            Some("2023-06-30")
        );
        assert!(parse_date("2023-13-01").is_err());
        assert!(parse_date("30.6.2023").is_err());
        assert_eq!(
            review_path(Path::new("bulletins/2023-06-30.md")),
            PathBuf::from("bulletins/2023-06-30.md.review.txt")
        );
    }
}
