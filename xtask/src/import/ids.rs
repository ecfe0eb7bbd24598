//! Readable ASCII ids for what the draft names: Hangul romanized (the Revised Romanization's
//! letters, syllable by syllable), Latin words and numbers kept, Chinese characters left out;
//! a numbered fallback (`table-3`) where nothing readable is left.
//!
//! Ids are what links point at, so an editor may well rename them; the importer only makes
//! sure each is valid and unique in the issue (parts, articles, brief items, tables and
//! figures share one namespace, columns have one a table).

use std::collections::HashSet;

use bulletin::slug::Slug;

/// The ids given so far in one namespace.
#[derive(Default)]
pub struct Ids {
    taken: HashSet<String>,
}

/// How many words of a title an id keeps.
const WORDS: usize = 3;

/// The longest id made from a title, in characters.
const LONGEST: usize = 32;

impl Ids {
    /// A new id made from `text`, or `{fallback}-{number}` when `text` gives nothing readable;
    /// unique in this namespace (`-2`, `-3` … added when taken).
    pub fn make(&mut self, text: &str, fallback: &str, number: usize) -> Slug {
        let readable = slug_text(text, WORDS);
        let base = if readable.is_empty() {
            format!("{fallback}-{number}")
        } else {
            readable
        };
        self.claim(&base)
    }

    /// `base`, or `base-2`, `base-3` … whichever is free first.
    pub fn claim(&mut self, base: &str) -> Slug {
        let base = if Slug::parse(base).is_ok() {
            base.to_string()
        } else {
            "id".to_string()
        };
        let mut candidate = base.clone();
        let mut suffix = 2;
        while self.taken.contains(&candidate) {
            candidate = format!("{base}-{suffix}");
            suffix += 1;
        }
        self.taken.insert(candidate.clone());
        // Made only of a-z, 0-9 and single hyphens inside, so always valid.
        Slug::parse(&candidate).unwrap_or_else(|_| unreachable_slug())
    }
}

/// An id that is always valid, for the branch that cannot be taken.
fn unreachable_slug() -> Slug {
    match Slug::parse("id") {
        Ok(slug) => slug,
        Err(_) => unreachable!("`id` is a valid slug"),
    }
}

/// The first `words` words of `text` that give something in ASCII, joined with hyphens.
pub fn slug_text(text: &str, words: usize) -> String {
    let mut parts: Vec<String> = Vec::new();
    for word in text.split(|c: char| !(c.is_alphanumeric())) {
        if parts.len() == words {
            break;
        }
        let ascii = romanize(word);
        if !ascii.is_empty() {
            parts.push(ascii);
        }
    }
    let mut out = String::new();
    for part in parts {
        if !out.is_empty() && out.len() + 1 + part.len() > LONGEST {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&part);
    }
    out.truncate(LONGEST);
    out.trim_matches('-').to_string()
}

/// A word in lowercase ASCII: Hangul romanized, ASCII letters and digits kept, the rest left out.
pub fn romanize(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(syllable) = syllable(c) {
            out.push_str(&syllable);
        }
    }
    out
}

const INITIALS: [&str; 19] = [
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h",
];
const VOWELS: [&str; 21] = [
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu",
    "ui", "i",
];
const FINALS: [&str; 28] = [
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t",
    "t", "k", "t", "p", "t",
];

/// One Hangul syllable in the Revised Romanization's letters (without its sound changes
/// across syllables).
fn syllable(c: char) -> Option<String> {
    let code = u32::from(c).checked_sub(0xAC00)?;
    if code >= 11_172 {
        return None;
    }
    let initial = (code / (21 * 28)) as usize;
    let vowel = ((code % (21 * 28)) / 28) as usize;
    let last = (code % 28) as usize;
    Some(format!("{}{}{}", INITIALS[initial], VOWELS[vowel], FINALS[last]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hangul_is_romanized() {
        assert_eq!(romanize("정책동향"), "jeongchaekdonghyang");
        assert_eq!(romanize("쑤저우"), "ssujeou");
        assert_eq!(romanize("NSFC"), "nsfc");
        assert_eq!(romanize("紫東太初"), "");
    }

    #[test]
    fn ids_keep_a_few_words() {
        assert_eq!(slug_text("'22년 NSFC 사업 예산 및 분야 발표", 3), "22nyeon-nsfc-saeop");
        assert_eq!(slug_text("〈国家自然科学基金委员会〉", 3), "");
    }

    #[test]
    fn ids_are_unique_and_fall_back_to_numbers() {
        let mut ids = Ids::default();
        assert_eq!(ids.make("기술전략", "part", 1).as_str(), "gisuljeonryak");
        assert_eq!(ids.make("기술전략", "part", 2).as_str(), "gisuljeonryak-2");
        assert_eq!(ids.make("紫東太初", "figure", 4).as_str(), "figure-4");
        assert_eq!(ids.make("紫東太初", "figure", 4).as_str(), "figure-4-2");
    }
}
