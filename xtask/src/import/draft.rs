//! The draft: the issue written by the core's writer, a total row that does not add up spliced
//! in as printed, and each review item given its line in the draft.
//!
//! The importer builds values the writer accepts; should the writer still refuse something,
//! what it refuses is found (the contents, one entry, one block at a time), taken out and
//! listed with the writer's reason, so that there is always a draft.

use std::collections::HashMap;

use bulletin::model::{Block, Issue, Part, PartBody};
use bulletin::write::write_issue;

use super::lines::Dialect;
use super::{Anchor, Draft, DraftLine, ImportError, Note, Read, ReviewItem, Splice};

/// Writes the draft and resolves the review list against it.
pub fn write(read: Read, dialect: Dialect) -> Result<Draft, ImportError> {
    let Read {
        mut issue,
        mut notes,
        splices,
    } = read;
    let source = match write_issue(&issue) {
        Ok(source) => source,
        Err(_) => {
            repair(&mut issue, &mut notes);
            write_issue(&issue).map_err(|errors| {
                let shown: Vec<String> = errors.iter().take(5).map(ToString::to_string).collect();
                ImportError::new(format!(
                    "the draft could not be written even after leaving out what the writer refused: {}",
                    shown.join("; ")
                ))
            })?
        }
    };
    let (source, spliced) = splice(source, &splices);
    let lines: Vec<&str> = source.lines().collect();
    let mut index = IdLines::new(&lines);
    index.totals = spliced;
    let review = notes
        .into_iter()
        .map(|note| ReviewItem {
            input: note.input,
            draft: resolve(&note.anchor, &lines, &index),
            message: note.message,
        })
        .collect();
    Ok(Draft {
        source,
        issue,
        review,
        dialect,
    })
}

/// Finds what the writer refuses and takes it out, each with a review note: the contents, a
/// summary point, a colophon entry, a block, a lead, a whole entry.
fn repair(issue: &mut Issue, notes: &mut Vec<Note>) {
    let writes = |issue: &Issue| {
        write_issue(issue)
            .map(|_| ())
            .map_err(|errors| errors.first().map(ToString::to_string).unwrap_or_default())
    };
    let probe = |issue: &Issue, part: Part| {
        let small = Issue {
            meta: issue.meta.clone(),
            contents: Vec::new(),
            summary: Vec::new(),
            parts: vec![part],
            colophon: Vec::new(),
        };
        writes(&small)
    };
    let mut note = |message: String| {
        notes.push(Note {
            input: (0, 0),
            anchor: Anchor::Near(None),
            message,
        });
    };
    if !issue.contents.is_empty() {
        let mut without = issue.clone();
        without.contents.clear();
        if let (Err(reason), Ok(())) = (writes(issue), writes(&without)) {
            issue.contents.clear();
            note(format!(
                "the contents were left out of the draft: the writer refused them ({reason})"
            ));
            return;
        }
    }
    let mut index = 0;
    while index < issue.summary.len() {
        let single = Issue {
            meta: issue.meta.clone(),
            contents: Vec::new(),
            summary: vec![issue.summary[index].clone()],
            parts: vec![stand_in()],
            colophon: Vec::new(),
        };
        if let Err(reason) = writes(&single) {
            let text = bulletin::model::plain_text(&issue.summary.remove(index));
            note(format!(
                "a summary point was left out, the writer refused it ({reason}): {text:?}"
            ));
        } else {
            index += 1;
        }
    }
    let mut index = 0;
    while index < issue.colophon.len() {
        let single = Issue {
            meta: issue.meta.clone(),
            contents: Vec::new(),
            summary: Vec::new(),
            parts: vec![stand_in()],
            colophon: vec![issue.colophon[index].clone()],
        };
        if let Err(reason) = writes(&single) {
            let entry = issue.colophon.remove(index);
            note(format!(
                "the colophon entry {:?} was left out, the writer refused it ({reason})",
                entry.label
            ));
        } else {
            index += 1;
        }
    }
    for part_index in 0..issue.parts.len() {
        let shell = |issue: &Issue| Part {
            id: issue.parts[part_index].id.clone(),
            numeral: issue.parts[part_index].numeral.clone(),
            title: issue.parts[part_index].title.clone(),
            body: match &issue.parts[part_index].body {
                PartBody::Articles(_) => PartBody::Articles(Vec::new()),
                PartBody::Briefs(_) => PartBody::Briefs(Vec::new()),
            },
        };
        let mut entry = 0;
        loop {
            let count = match &issue.parts[part_index].body {
                PartBody::Articles(articles) => articles.len(),
                PartBody::Briefs(briefs) => briefs.len(),
            };
            if entry >= count {
                break;
            }
            let mut part = shell(issue);
            match (&mut part.body, &issue.parts[part_index].body) {
                (PartBody::Articles(out), PartBody::Articles(articles)) => out.push(articles[entry].clone()),
                (PartBody::Briefs(out), PartBody::Briefs(briefs)) => out.push(briefs[entry].clone()),
                _ => {}
            }
            if probe(issue, part).is_ok() {
                entry += 1;
                continue;
            }
            let kept = repair_entry(issue, part_index, entry, &shell, &probe, &mut note);
            if kept {
                entry += 1;
            }
        }
    }
    issue.parts.retain(|part| match &part.body {
        PartBody::Articles(articles) => !articles.is_empty(),
        PartBody::Briefs(briefs) => !briefs.is_empty(),
    });
    if !issue.contents.is_empty() && writes(issue).is_err() {
        issue.contents.clear();
        note("the contents were left out of the draft: the entries they name changed".to_string());
    }
}

/// Whether an issue with only this part is written; the writer's first reason when not.
type Probe<'a> = dyn Fn(&Issue, Part) -> Result<(), String> + 'a;

/// One entry the writer refuses: its blocks tried one by one, then its lead; taken out whole
/// when still refused. Returns whether it stays.
fn repair_entry(
    issue: &mut Issue,
    part_index: usize,
    entry: usize,
    shell: &dyn Fn(&Issue) -> Part,
    probe: &Probe<'_>,
    note: &mut dyn FnMut(String),
) -> bool {
    if let PartBody::Articles(articles) = &issue.parts[part_index].body {
        let article = articles[entry].clone();
        let mut kept = Vec::new();
        for block in &article.blocks {
            let mut trial = article.clone();
            trial.blocks = vec![block.clone()];
            trial.references.clear();
            let mut part = shell(issue);
            if let PartBody::Articles(out) = &mut part.body {
                out.push(trial);
            }
            match probe(issue, part) {
                Ok(()) => kept.push(block.clone()),
                Err(reason) => note(format!(
                    "article {} ({}): a block was left out, the writer refused it ({reason}): {:?}",
                    article.number,
                    article.id,
                    block_excerpt(block)
                )),
            }
        }
        if let PartBody::Articles(articles) = &mut issue.parts[part_index].body {
            articles[entry].blocks = kept;
        }
    }
    let mut part = shell(issue);
    match (&mut part.body, &issue.parts[part_index].body) {
        (PartBody::Articles(out), PartBody::Articles(articles)) => out.push(articles[entry].clone()),
        (PartBody::Briefs(out), PartBody::Briefs(briefs)) => out.push(briefs[entry].clone()),
        _ => {}
    }
    if probe(issue, part.clone()).is_ok() {
        return true;
    }
    match &mut part.body {
        PartBody::Articles(out) => {
            if let Some(article) = out.first_mut() {
                article.lead = None;
            }
        }
        PartBody::Briefs(out) => {
            if let Some(brief) = out.first_mut() {
                brief.lead = None;
            }
        }
    }
    if let Ok(()) = probe(issue, part) {
        match &mut issue.parts[part_index].body {
            PartBody::Articles(articles) => articles[entry].lead = None,
            PartBody::Briefs(briefs) => briefs[entry].lead = None,
        }
        note(format!(
            "entry {} of part {}: its lead was left out, the writer refused it",
            entry + 1,
            issue.parts[part_index].numeral
        ));
        return true;
    }
    let (number, title) = match &mut issue.parts[part_index].body {
        PartBody::Articles(articles) => {
            let article = articles.remove(entry);
            (article.number, article.title)
        }
        PartBody::Briefs(briefs) => {
            let brief = briefs.remove(entry);
            (brief.number, brief.title)
        }
    };
    note(format!(
        "article {number} {title:?} was left out of the draft: the writer refused it"
    ));
    false
}

/// A part the writer always accepts, for trying a summary point or a colophon entry alone
/// (an issue needs a part).
fn stand_in() -> Part {
    let id = |text: &str| bulletin::slug::Slug::parse(text).unwrap_or_else(|_| unreachable!("{text} is a valid id"));
    Part {
        id: id("stand-in"),
        numeral: "I".to_string(),
        title: "stand-in".to_string(),
        body: PartBody::Briefs(vec![bulletin::model::Brief {
            id: id("stand-in-item"),
            number: "01".to_string(),
            title: "stand-in".to_string(),
            lead: None,
            bullets: Vec::new(),
            source: bulletin::model::BriefSource {
                outlet: "stand-in".to_string(),
                date: None,
                url: None,
            },
        }]),
    }
}

fn block_excerpt(block: &Block) -> String {
    let text = match block {
        Block::Heading(text) => text.clone(),
        Block::Paragraph(text) | Block::Note(text) | Block::Source(text) => bulletin::model::plain_text(text),
        Block::Bullets(bullets) => bullets
            .first()
            .map(|bullet| bulletin::model::plain_text(&bullet.text))
            .unwrap_or_default(),
        Block::Table(table) => table.caption.clone(),
        Block::Figure(figure) => figure.caption.clone(),
    };
    super::excerpt(&text, 80)
}

/// The source with each splice's raw line after the rows of its table, and the line each went to.
fn splice(source: String, splices: &[Splice]) -> (String, HashMap<String, usize>) {
    let mut at_lines = HashMap::new();
    if splices.is_empty() {
        return (source, at_lines);
    }
    let mut lines: Vec<String> = source.lines().map(str::to_string).collect();
    for splice in splices {
        let marker = format!("{{#{}}}", splice.table);
        let Some(caption) = lines
            .iter()
            .position(|line| line.starts_with("Table: ") && line.ends_with(&marker))
        else {
            continue;
        };
        let mut at = caption + 1;
        while at < lines.len() && lines[at].is_empty() {
            at += 1;
        }
        while at < lines.len() && lines[at].starts_with('|') {
            at += 1;
        }
        lines.insert(at, splice.line.clone());
        for line in at_lines.values_mut() {
            if *line > at {
                *line += 1;
            }
        }
        at_lines.insert(splice.table.as_str().to_string(), at + 1);
    }
    let mut out = lines.join("\n");
    out.push('\n');
    (out, at_lines)
}

/// The draft line of each id (`{#id}` on a heading, `Table:` or `Figure:` line).
struct IdLines {
    lines: HashMap<String, usize>,
    /// The line of each spliced total row, by its table's id.
    totals: HashMap<String, usize>,
}

impl IdLines {
    fn new(lines: &[&str]) -> IdLines {
        let mut found = HashMap::new();
        for (index, line) in lines.iter().enumerate() {
            if !(line.starts_with('#') || line.starts_with("Table: ") || line.starts_with("Figure: ")) {
                continue;
            }
            let Some(open) = line.rfind("{#") else { continue };
            let id: String = line[open + 2..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            found.entry(id).or_insert(index + 1);
        }
        IdLines {
            lines: found,
            totals: HashMap::new(),
        }
    }

    fn line(&self, id: &str) -> Option<usize> {
        self.lines.get(id).copied()
    }
}

fn resolve(anchor: &Anchor, lines: &[&str], index: &IdLines) -> DraftLine {
    match anchor {
        Anchor::FrontMatter => DraftLine::At(1),
        Anchor::TotalRow(id) => index
            .totals
            .get(id.as_str())
            .copied()
            .or_else(|| index.line(id.as_str()))
            .map_or(DraftLine::Absent, DraftLine::At),
        Anchor::Id(id) => index.line(id.as_str()).map_or(DraftLine::Absent, DraftLine::At),
        Anchor::Text(context, snippet) => {
            let from = context.as_ref().and_then(|id| index.line(id.as_str())).unwrap_or(1);
            if snippet.is_empty() {
                return DraftLine::At(from);
            }
            lines
                .iter()
                .enumerate()
                .skip(from.saturating_sub(1))
                .find(|(_, line)| line.contains(snippet.as_str()))
                .map_or(DraftLine::Near(from), |(at, _)| DraftLine::At(at + 1))
        }
        Anchor::Near(context) => context
            .as_ref()
            .and_then(|id| index.line(id.as_str()))
            .map_or(DraftLine::Absent, DraftLine::Near),
    }
}
