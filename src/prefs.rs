//! The reader's remembered display settings: theme and interface language.
//!
//! They live in localStorage under `bulletin-viewer.*`. A stored value that is not one the
//! viewer wrote (garbage, an old format, a hand edit) is removed and the default used, and
//! the viewer says so once; storage being refused (a sandboxed iframe) just means nothing
//! is remembered.

use crate::dom;
use crate::i18n::Lang;

pub const THEME_KEY: &str = "bulletin-viewer.theme";
pub const LANG_KEY: &str = bulletin_start::LANG_KEY;

/// The colour theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follow the system (the default).
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    fn code(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }

    fn parse(code: &str) -> Option<Theme> {
        match code {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    /// Whether this theme, with the system's preference, is dark.
    pub fn is_dark(self, system_dark: bool) -> bool {
        match self {
            Theme::System => system_dark,
            Theme::Light => false,
            Theme::Dark => true,
        }
    }
}

/// The settings as loaded, with whether anything stored had to be thrown away.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Prefs {
    /// The theme.
    pub theme: Theme,
    /// The interface language.
    pub lang: Lang,
    /// Whether a stored value was unreadable and reset.
    pub reset: bool,
}

impl Prefs {
    /// Loads the settings from localStorage, dropping values the viewer did not write.
    pub fn load() -> Prefs {
        let mut prefs = Prefs::default();
        if let Some(stored) = dom::stored(THEME_KEY) {
            match Theme::parse(&stored) {
                Some(theme) => prefs.theme = theme,
                None => {
                    dom::store(THEME_KEY, None);
                    prefs.reset = true;
                }
            }
        }
        if let Some(stored) = dom::stored(LANG_KEY) {
            match Lang::parse(&stored) {
                Some(lang) => prefs.lang = lang,
                None => {
                    dom::store(LANG_KEY, None);
                    prefs.reset = true;
                }
            }
        }
        prefs
    }

    /// Remembers the theme and applies it to the page.
    pub fn save_theme(theme: Theme) {
        dom::store(THEME_KEY, theme.code());
        apply_theme(theme);
    }

    /// Remembers the language and applies it to the page.
    pub fn save_lang(lang: Lang) {
        dom::store(LANG_KEY, Some(lang.code()));
        dom::set_root_attribute("lang", Some(lang.code()));
    }
}

/// Sets `data-theme` on `<html>`; the stylesheet follows the system when it is absent.
pub fn apply_theme(theme: Theme) {
    dom::set_root_attribute("data-theme", theme.code());
}
