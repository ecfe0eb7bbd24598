//! The glossary of units: each unit of money the issue's figures are in (`만 위안`, `억 위안`),
//! what one of it is in plain yuan or won, in the interface's language. It stands under the
//! colophon, as one raw fragment (see [`super::prose`]); an issue without such units has none.

use bulletin::anchor;
use bulletin::html::Markup;
use bulletin::model::Issue;
use bulletin::unit;
use yew::prelude::*;

use crate::components::prose::raw;
use crate::i18n::Lang;

/// The glossary of the units `issue` uses.
pub fn glossary(issue: &Issue, lang: Lang) -> Html {
    let units = unit::used_in(issue);
    if units.is_empty() {
        return Html::default();
    }
    let t = lang.t();
    let title_id = anchor::title(anchor::UNITS);
    let interface = lang.with_lang(&[]);
    let mut markup = Markup::new();
    markup
        .open(
            "section",
            &[
                ("id", anchor::UNITS),
                ("class", "glossary"),
                ("aria-labelledby", &title_id),
            ],
        )
        .open("h2", &[("id", &title_id)])
        .element("span", &interface, t.units)
        .close("h2")
        .element("p", &interface, t.units_intro)
        .open("dl", &[]);
    for unit in units {
        let meaning = match lang {
            Lang::Ko => unit.korean(),
            Lang::En => unit.english_with_code(),
        };
        markup
            .open("div", &[])
            .element("dt", &[], &unit.printed())
            .element("dd", &interface, &meaning)
            .close("div");
    }
    markup.close("dl").close("section");
    raw(markup)
}
