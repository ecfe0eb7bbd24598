//! Stable ids for links: lowercase ASCII letters, digits and single hyphens.
//!
//! Every article, table, figure, part and column carries one; routes name things by it,
//! so it must survive a URL untouched and never collide with route syntax.

use core::fmt;

use serde::{Deserialize, Serialize};

/// A validated id such as `nsfc-programs`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

/// Why a text is not a valid id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlugError {
    /// Nothing was given.
    Empty,
    /// A character other than a-z, 0-9 and `-`.
    BadCharacter(char),
    /// A hyphen at either end or two in a row.
    BadHyphen,
}

impl fmt::Display for SlugError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SlugError::Empty => write!(f, "the id is empty"),
            SlugError::BadCharacter(c) => {
                write!(f, "the id contains {c:?}; use lowercase a-z, digits and hyphens")
            }
            SlugError::BadHyphen => write!(f, "the id starts or ends with a hyphen, or has two in a row"),
        }
    }
}

impl Slug {
    /// Checks `text` and makes an id of it.
    pub fn parse(text: &str) -> Result<Slug, SlugError> {
        if text.is_empty() {
            return Err(SlugError::Empty);
        }
        if let Some(bad) = text
            .chars()
            .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
        {
            return Err(SlugError::BadCharacter(bad));
        }
        if text.starts_with('-') || text.ends_with('-') || text.contains("--") {
            return Err(SlugError::BadHyphen);
        }
        Ok(Slug(text.to_string()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Slug {
    type Error = SlugError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Slug::parse(&text)
    }
}

impl From<Slug> for String {
    fn from(slug: Slug) -> String {
        slug.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(input: &str, expected: Result<(), SlugError>) {
        assert_eq!(Slug::parse(input).map(|_| ()), expected, "{input:?}");
    }

    #[test]
    fn valid_ids() {
        check("nsfc-programs", Ok(()));
        check("change-6-payloads", Ok(()));
        check("a", Ok(()));
    }

    #[test]
    fn invalid_ids() {
        check("", Err(SlugError::Empty));
        check("NSFC", Err(SlugError::BadCharacter('N')));
        check("표", Err(SlugError::BadCharacter('표')));
        check("a/b", Err(SlugError::BadCharacter('/')));
        check("-a", Err(SlugError::BadHyphen));
        check("a--b", Err(SlugError::BadHyphen));
    }
}
