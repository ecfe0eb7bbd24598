//! The few command-line options of the tasks, read by hand.
//!
//! A dozen flags do not warrant an argument-parsing crate; what matters is that a typo
//! (`--prot 0`) stops with a message instead of being ignored, which [`Args::finish`] does.

use std::env;
use std::path::PathBuf;

use crate::error::{Error, Result};

/// The words after the task name, consumed option by option.
pub struct Args {
    words: Vec<String>,
}

impl Args {
    /// Wraps the words that follow the task name.
    pub fn new(words: Vec<String>) -> Args {
        Args { words }
    }

    /// Whether the flag `name` was given; removes it.
    pub fn flag(&mut self, name: &str) -> bool {
        let before = self.words.len();
        self.words.retain(|word| word != name);
        self.words.len() != before
    }

    /// The value of `name`, given as `--name value` or `--name=value`; removes both.
    pub fn value(&mut self, name: &str) -> Result<Option<String>> {
        let prefix = format!("{name}=");
        let Some(index) = self
            .words
            .iter()
            .position(|word| word == name || word.starts_with(&prefix))
        else {
            return Ok(None);
        };
        let word = self.words.remove(index);
        if let Some(value) = word.strip_prefix(&prefix) {
            return Ok(Some(value.to_string()));
        }
        if index < self.words.len() && !self.words[index].starts_with("--") {
            return Ok(Some(self.words.remove(index)));
        }
        Err(Error::new(format!("{name} wants a value")))
    }

    /// The value of `name` as a path, made absolute against the working directory so that
    /// it means the same to every child process, whatever their working directory.
    pub fn path(&mut self, name: &str) -> Result<Option<PathBuf>> {
        let Some(value) = self.value(name)? else {
            return Ok(None);
        };
        let path = PathBuf::from(value);
        if path.is_absolute() {
            return Ok(Some(path));
        }
        let cwd =
            env::current_dir().map_err(|error| Error::new(format!("cannot read the working directory: {error}")))?;
        Ok(Some(cwd.join(path)))
    }

    /// The first word that is not an option; `what` names it when it is missing.
    pub fn positional(&mut self, what: &str) -> Result<String> {
        match self.words.iter().position(|word| !word.starts_with("--")) {
            Some(index) => Ok(self.words.remove(index)),
            None => Err(Error::new(format!("missing {what}"))),
        }
    }

    /// Fails on any word no option took.
    pub fn finish(self) -> Result<()> {
        match self.words.first() {
            None => Ok(()),
            Some(word) => Err(Error::new(format!(
                "unexpected argument `{word}`; `cargo xtask help` lists the options"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Args;

    fn args(words: &[&str]) -> Args {
        Args::new(words.iter().map(|word| word.to_string()).collect())
    }

    #[test]
    fn value_in_two_words_or_one() {
        let mut given = args(&["--port", "0", "--base=/sub/"]);
        assert_eq!(given.value("--port").ok().flatten().as_deref(), Some("0"));
        assert_eq!(given.value("--base").ok().flatten().as_deref(), Some("/sub/"));
        assert!(given.finish().is_ok());
    }

    #[test]
    fn value_missing_is_an_error() {
        let mut given = args(&["--port", "--csp"]);
        assert!(given.value("--port").is_err());
    }

    #[test]
    fn unknown_word_is_an_error() {
        let mut given = args(&["--csp", "--prot", "0"]);
        assert!(given.flag("--csp"));
        let error = given.finish().err().map(|error| error.to_string());
        assert_eq!(
            error.as_deref(),
            Some("unexpected argument `--prot`; `cargo xtask help` lists the options")
        );
    }
}
