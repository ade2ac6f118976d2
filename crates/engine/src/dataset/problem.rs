//! A problem found in a dataset: what is wrong, where, and how to fix it.

use std::fmt;

use super::locate::Position;
use super::path::JsonPath;

/// One thing wrong with a dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Where in the JSON document; the top level for problems of the file as a whole.
    pub path: JsonPath,
    /// Whether the problem is the key itself (an unknown key), not its value.
    pub at_key: bool,
    /// Line and column in the file, when known.
    pub position: Option<Position>,
    /// What is wrong, in plain words.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub hint: Option<String>,
}

impl Problem {
    pub fn new(path: JsonPath, message: impl Into<String>) -> Problem {
        Problem {
            path,
            at_key: false,
            position: None,
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Problem {
        self.hint = Some(hint.into());
        self
    }

    pub fn at_key(mut self) -> Problem {
        self.at_key = true;
        self
    }

    pub fn at(mut self, position: Position) -> Problem {
        self.position = Some(position);
        self
    }
}

impl fmt::Display for Problem {
    /// `12:5: measures[3].period.start: … (hint: …)`, without the file name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(position) = self.position {
            write!(f, "{position}: ")?;
        }
        if !self.path.is_root() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// A dataset that cannot be used, with every problem found (up to [`MAX_PROBLEMS`]).
#[derive(Debug, Clone, PartialEq)]
pub struct InvalidDataset {
    pub problems: Vec<Problem>,
    /// Whether more problems were found than are listed.
    pub truncated: bool,
}

/// How many problems of one file are worth listing.
pub const MAX_PROBLEMS: usize = 50;

impl InvalidDataset {
    pub fn single(problem: Problem) -> InvalidDataset {
        InvalidDataset {
            problems: vec![problem],
            truncated: false,
        }
    }
}

impl fmt::Display for InvalidDataset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{problem}")?;
        }
        if self.truncated {
            write!(f, "\n(only the first {MAX_PROBLEMS} problems are listed)")?;
        }
        Ok(())
    }
}

impl std::error::Error for InvalidDataset {}
