//! JSON paths (`measures[3].period.start`): where in a dataset something is.

use std::fmt;

/// One step into a JSON document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// A path from the top of a JSON document to one value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JsonPath(pub Vec<Step>);

impl JsonPath {
    /// The top level of the document.
    pub fn root() -> JsonPath {
        JsonPath(Vec::new())
    }

    /// This path, one key further.
    pub fn key(&self, key: &str) -> JsonPath {
        let mut steps = self.0.clone();
        steps.push(Step::Key(key.to_owned()));
        JsonPath(steps)
    }

    /// This path, one array index further.
    pub fn index(&self, index: usize) -> JsonPath {
        let mut steps = self.0.clone();
        steps.push(Step::Index(index));
        JsonPath(steps)
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(top level)");
        }
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(key) if is_plain_key(key) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(key)?;
                }
                Step::Key(key) => write!(
                    f,
                    "[{}]",
                    super::characters::printable(
                        &serde_json::Value::from(key.as_str()).to_string()
                    )
                )?,
                Step::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

fn is_plain_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_like_javascript() {
        let p = JsonPath::root()
            .key("measures")
            .index(3)
            .key("period")
            .key("start");
        assert_eq!(p.to_string(), "measures[3].period.start");
        assert_eq!(JsonPath::root().to_string(), "(top level)");
        assert_eq!(JsonPath::root().key("a b").to_string(), "[\"a b\"]");
        assert_eq!(JsonPath::root().key("$schema").to_string(), "$schema");
    }
}
