//! Finds where a JSON path points in the text of a dataset, so that every problem can be
//! reported with the line and column a clerk sees in an editor.

use std::fmt;

use super::path::{JsonPath, Step};

/// A place in a text file: one-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

impl Position {
    /// The position of a byte offset in `text` (clamped to the text).
    pub fn of_byte(text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }

    /// Converts serde_json's line and byte column into a character position.
    pub fn from_serde(text: &str, line: usize, byte_column: usize) -> Position {
        let line_start = text
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum::<usize>();
        Position::of_byte(text, line_start + byte_column.saturating_sub(1))
    }
}

/// Where the value at `path` starts, or with `at_key`, the key that names it.
/// Returns `None` when the path does not exist in `text`.
pub fn locate(text: &str, path: &JsonPath, at_key: bool) -> Option<Position> {
    let bytes = text.as_bytes();
    let mut pos = skip_ws(bytes, 0);
    for (i, step) in path.0.iter().enumerate() {
        let last = i + 1 == path.0.len();
        pos = match step {
            Step::Key(key) => {
                let (key_start, value_start) = find_key(text, pos, key)?;
                if last && at_key {
                    key_start
                } else {
                    value_start
                }
            }
            Step::Index(index) => find_index(bytes, pos, *index)?,
        };
    }
    Some(Position::of_byte(text, pos))
}

/// In the object at `pos`, the offsets of the key `key` and of its value.
fn find_key(text: &str, pos: usize, key: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    if bytes.get(pos) != Some(&b'{') {
        return None;
    }
    let mut pos = pos + 1;
    loop {
        pos = skip_ws(bytes, pos);
        if bytes.get(pos) != Some(&b'"') {
            return None;
        }
        let key_start = pos;
        let key_end = skip_string(bytes, pos)?;
        let name: String = serde_json::from_str(text.get(key_start..key_end)?).ok()?;
        pos = skip_ws(bytes, key_end);
        if bytes.get(pos) != Some(&b':') {
            return None;
        }
        let value_start = skip_ws(bytes, pos + 1);
        if name == key {
            return Some((key_start, value_start));
        }
        pos = skip_ws(bytes, skip_value(bytes, value_start)?);
        match bytes.get(pos) {
            Some(b',') => pos += 1,
            _ => return None,
        }
    }
}

/// In the array at `pos`, the offset of the element `index`.
fn find_index(bytes: &[u8], pos: usize, index: usize) -> Option<usize> {
    if bytes.get(pos) != Some(&b'[') {
        return None;
    }
    let mut pos = skip_ws(bytes, pos + 1);
    for _ in 0..index {
        pos = skip_ws(bytes, skip_value(bytes, pos)?);
        match bytes.get(pos) {
            Some(b',') => pos = skip_ws(bytes, pos + 1),
            _ => return None,
        }
    }
    matches!(bytes.get(pos), Some(b) if *b != b']').then_some(pos)
}

/// A key given twice in one object: the path it names and the byte offset of its second use.
pub struct DuplicateKey {
    pub path: JsonPath,
    pub offset: usize,
}

/// Every key that appears more than once in the same object of `text` (valid JSON), up to
/// `limit` of them. A JSON reader keeps only one of the two values, so a dataset with both
/// would print one and silently lose the other. Nesting is tracked on a stack, not recursed.
pub fn duplicate_keys(text: &str, limit: usize) -> Vec<DuplicateKey> {
    enum Frame {
        Object {
            path: JsonPath,
            seen: std::collections::HashSet<String>,
            key: Option<String>,
            expect_key: bool,
        },
        Array {
            path: JsonPath,
            index: usize,
        },
    }
    fn child_path(stack: &[Frame]) -> JsonPath {
        match stack.last() {
            None => JsonPath::root(),
            Some(Frame::Object { path, key, .. }) => path.key(key.as_deref().unwrap_or("")),
            Some(Frame::Array { path, index }) => path.index(*index),
        }
    }
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() && found.len() < limit {
        match bytes[pos] {
            b'{' => {
                let path = child_path(&stack);
                stack.push(Frame::Object {
                    path,
                    seen: Default::default(),
                    key: None,
                    expect_key: true,
                });
                pos += 1;
            }
            b'[' => {
                let path = child_path(&stack);
                stack.push(Frame::Array { path, index: 0 });
                pos += 1;
            }
            b'}' | b']' => {
                stack.pop();
                pos += 1;
            }
            b',' => {
                match stack.last_mut() {
                    Some(Frame::Object { expect_key, .. }) => *expect_key = true,
                    Some(Frame::Array { index, .. }) => *index += 1,
                    None => {}
                }
                pos += 1;
            }
            b'"' => {
                let Some(end) = skip_string(bytes, pos) else {
                    break;
                };
                if let Some(Frame::Object {
                    path,
                    seen,
                    key,
                    expect_key: expect @ true,
                }) = stack.last_mut()
                {
                    let name: String = text
                        .get(pos..end)
                        .and_then(|s| serde_json::from_str(s).ok())
                        .unwrap_or_default();
                    if !seen.insert(name.clone()) {
                        found.push(DuplicateKey {
                            path: path.key(&name),
                            offset: pos,
                        });
                    }
                    *key = Some(name);
                    *expect = false;
                }
                pos = end;
            }
            _ => pos += 1,
        }
    }
    found
}

fn skip_ws(bytes: &[u8], mut pos: usize) -> usize {
    while matches!(bytes.get(pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        pos += 1;
    }
    pos
}

/// The offset just past the string that starts at `pos`.
fn skip_string(bytes: &[u8], pos: usize) -> Option<usize> {
    let mut pos = pos + 1;
    loop {
        match bytes.get(pos)? {
            b'\\' => pos += 2,
            b'"' => return Some(pos + 1),
            _ => pos += 1,
        }
    }
}

/// The offset just past the value that starts at `pos`; nesting is counted, not recursed.
fn skip_value(bytes: &[u8], pos: usize) -> Option<usize> {
    match bytes.get(pos)? {
        b'"' => skip_string(bytes, pos),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut pos = pos;
            loop {
                match bytes.get(pos)? {
                    b'"' => {
                        pos = skip_string(bytes, pos)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(pos + 1);
                        }
                    }
                    _ => {}
                }
                pos += 1;
            }
        }
        _ => {
            let mut pos = pos;
            while !matches!(
                bytes.get(pos),
                None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
            ) {
                pos += 1;
            }
            Some(pos)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "{\n  \"a\": 1,\n  \"b\\u0020c\": [true, {\"x\": \"y]\"}, \"ข้อ\"],\n  \"d\": {\"e\": null}\n}";

    fn at(path: JsonPath, key: bool) -> Option<(usize, usize)> {
        locate(DOC, &path, key).map(|p| (p.line, p.column))
    }

    #[test]
    fn finds_values_and_keys() {
        let r = JsonPath::root();
        assert_eq!(at(r.clone(), false), Some((1, 1)));
        assert_eq!(at(r.key("a"), false), Some((2, 8)));
        assert_eq!(at(r.key("a"), true), Some((2, 3)));
        assert_eq!(at(r.key("b c").index(0), false), Some((3, 16)));
        assert_eq!(at(r.key("b c").index(1).key("x"), false), Some((3, 28)));
        assert_eq!(at(r.key("b c").index(2), false), Some((3, 35)));
        assert_eq!(at(r.key("d").key("e"), false), Some((4, 14)));
    }

    #[test]
    fn missing_paths_are_none() {
        let r = JsonPath::root();
        assert_eq!(at(r.key("zz"), false), None);
        assert_eq!(at(r.key("b c").index(3), false), None);
        assert_eq!(at(r.key("a").key("x"), false), None);
    }

    #[test]
    fn finds_keys_given_twice() {
        let text =
            "{\"a\": 1, \"b\": [{\"x\": \"{\\\"x\\\": 1}\", \"x\": 2}],\n \"a\": {\"a\": 3}}";
        let found: Vec<(String, Position)> = duplicate_keys(text, 10)
            .into_iter()
            .map(|d| (d.path.to_string(), Position::of_byte(text, d.offset)))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "b[0].x".to_owned(),
                    Position {
                        line: 1,
                        column: 36
                    }
                ),
                ("a".to_owned(), Position { line: 2, column: 2 }),
            ]
        );
        assert_eq!(duplicate_keys("{\"a\": 1, \"a\": 2, \"a\": 3}", 1).len(), 1);
    }

    #[test]
    fn columns_count_characters() {
        let text = "{\"ก\": \"ข\", \"x\": 1}";
        assert_eq!(
            locate(text, &JsonPath::root().key("x"), true),
            Some(Position {
                line: 1,
                column: 12
            })
        );
        // serde_json counts bytes; Thai letters are three bytes each.
        assert_eq!(
            Position::from_serde(text, 1, 16),
            Position {
                line: 1,
                column: 12
            }
        );
    }
}
