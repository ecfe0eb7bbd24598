//! The bulletin's running text, handed to Yew as raw HTML written by [`bulletin::html`]:
//! paragraphs, bullets, leads, figures, notes, sources and references.
//!
//! The prose never changes while a page is open, so a raw fragment is enough, and it is what
//! keeps start-up fast: hydrating a raw fragment adopts the pre-rendered nodes as they are,
//! where a tree of virtual nodes would visit every element and copy every string into
//! JavaScript (docs/benchmark.md). Everything from the source is escaped by the writer, so
//! nothing in the data can inject markup.

use bulletin::anchor;
use bulletin::html::Markup;
use bulletin::model::{Block, Figure, Lead, RichText, Span};
use yew::prelude::*;

use crate::i18n::Lang;

/// A fragment written by [`bulletin::html`], which escapes everything taken from a source, as a
/// node of the page; nothing at all when the fragment is empty.
pub fn raw(markup: Markup) -> Html {
    if markup.as_str().is_empty() {
        return Html::default();
    }
    Html::from_html_unchecked(AttrValue::from(markup.into_string()))
}

/// An empty fragment for the running text in `lang`: in English, each amount of money it
/// holds gets its value in yuan or won on hover and focus ([`Markup::with_amounts_in_english`]).
pub fn prose_markup(lang: Lang) -> Markup {
    match lang {
        Lang::Ko => Markup::new(),
        Lang::En => Markup::with_amounts_in_english(),
    }
}

/// A source line: `출처: …`.
pub fn write_source(markup: &mut Markup, id: Option<&str>, lang: Lang, spans: &[Span]) {
    let label = format!("{}: ", lang.t().source);
    match id {
        Some(id) => markup.open("p", &[("class", "source"), ("id", id)]),
        None => markup.open("p", &[("class", "source")]),
    };
    markup
        .element("span", &lang.with_lang(&[("class", "source-label")]), &label)
        .rich_text(spans)
        .close("p");
}

/// A note: `* …`.
pub fn write_note(markup: &mut Markup, id: Option<&str>, spans: &[Span]) {
    match id {
        Some(id) => markup.open("p", &[("class", "note"), ("id", id)]),
        None => markup.open("p", &[("class", "note")]),
    };
    markup.text("* ").rich_text(spans).close("p");
}

/// The lead line of an article or brief item: `■ …`, with its date when printed.
pub fn write_lead(markup: &mut Markup, owner: &str, lead: &Lead) {
    markup
        .open("p", &[("class", "lead"), ("id", &anchor::lead(owner))])
        .element("span", &[("class", "lead-mark"), ("aria-hidden", "true")], "■ ")
        .rich_text(&lead.text);
    if let Some(date) = lead.date {
        let date = format!(" ({}.{})", date.month, date.day);
        markup.element("span", &[("class", "lead-date")], &date);
    }
    markup.close("p");
}

/// One block of an article's body other than a table, which is a component of its own.
pub fn write_block(markup: &mut Markup, owner: &str, index: usize, block: &Block, lang: Lang) {
    let id = anchor::block(owner, index);
    match block {
        Block::Heading(text) => {
            markup.element("h4", &[("id", &id)], text);
        }
        Block::Bullets(bullets) => {
            markup.bullet_list(owner, index, bullets);
        }
        Block::Paragraph(text) => {
            markup.open("p", &[("id", &id)]).rich_text(text).close("p");
        }
        Block::Note(text) => write_note(markup, Some(&id), text),
        Block::Source(text) => write_source(markup, Some(&id), lang, text),
        Block::Figure(figure) => write_figure(markup, figure, lang),
        Block::Table(_) => {}
    }
}

/// A captioned figure whose image is not part of this edition: its caption and source, with
/// a plain mark where the image would be.
pub fn write_figure(markup: &mut Markup, figure: &Figure, lang: Lang) {
    let t = lang.t();
    let caption = format!("〈{}〉", figure.caption);
    markup
        .open("figure", &[("id", figure.id.as_str()), ("class", "figure")])
        .open("div", &lang.with_lang(&[("class", "figure-missing")]))
        .element("span", &[("class", "figure-label")], t.kind_figure)
        .element("span", &[], t.figure_not_included)
        .close("div")
        .element("figcaption", &[], &caption);
    write_sources_and_notes(markup, &figure.sources, &figure.notes, lang);
    markup.close("figure");
}

/// The sources, then the notes, printed under a figure or a table.
pub fn write_sources_and_notes(markup: &mut Markup, sources: &[RichText], notes: &[RichText], lang: Lang) {
    for source in sources {
        write_source(markup, None, lang, source);
    }
    for note in notes {
        write_note(markup, None, note);
    }
}
