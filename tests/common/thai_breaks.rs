//! An independent judge of Thai line breaks in a rendered PDF: the lines as poppler reads them
//! (`pdftotext -bbox-layout`), each line end found again in the dataset's text, and judged by
//! PyThaiNLP (tests/readers/thai_breaks.py: newmm words, its syllable splitters, Thai
//! character clusters), not by the crate's own segmenter. A line end between two Thai letters
//! counts as inside a cluster, inside a syllable, or inside a word (a compound may part
//! between the words it is made of: องค์การ|บริหาร).

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

use super::readers::readers_dir;
use super::tool;

/// What a line end splits, from the worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Inside {
    Nothing,
    Word,
    Syllable,
    Cluster,
}

/// The lines of a PDF, each as its words' text without white space. poppler sometimes puts a
/// zero-width mark placed past its consonant into a line of its own at the same height: lines
/// of one block at the same height are merged again, their words in left-to-right order.
pub fn lines(pdf: &Path) -> Vec<String> {
    let xml = tool(
        "pdftotext",
        &["-bbox-layout", "-enc", "UTF-8", pdf.to_str().unwrap(), "-"],
    );
    let mut out = Vec::new();
    for block in xml.split("<block").skip(1) {
        let block = block.split("</block>").next().unwrap_or("");
        // (yMin, [(xMin, text)])
        let mut merged: Vec<(f64, Vec<(f64, String)>)> = Vec::new();
        for line in block.split("<line").skip(1) {
            let line = line.split("</line>").next().unwrap_or("");
            let y = attribute(line, "yMin");
            let words: Vec<(f64, String)> = line
                .split("<word")
                .skip(1)
                .filter_map(|w| {
                    let (head, rest) = w.split_once('>')?;
                    Some((
                        attribute(head, "xMin"),
                        unescape(rest.split("</word>").next().unwrap_or("")),
                    ))
                })
                .collect();
            match merged.iter_mut().find(|(other, _)| (other - y).abs() < 1.0) {
                Some((_, existing)) => existing.extend(words),
                None => merged.push((y, words)),
            }
        }
        for (_, mut words) in merged {
            words.sort_by(|a, b| a.0.total_cmp(&b.0));
            let text: String = words.into_iter().map(|(_, w)| w).collect();
            if !text.is_empty() {
                out.push(text);
            }
        }
    }
    out
}

pub fn attribute(element: &str, name: &str) -> f64 {
    element
        .split(&format!("{name}=\""))
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0)
}

pub fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Thai above and below marks, which readers may place out of order.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}

/// Thai letters, vowels and marks (written here again, not taken from the crate).
pub fn is_thai_letter(c: char) -> bool {
    matches!(c, '\u{0E01}'..='\u{0E3A}' | '\u{0E40}'..='\u{0E4E}')
}

/// PyThaiNLP's boundaries inside one run of Thai letters, in characters.
#[derive(Debug, Default)]
struct Judgement {
    clusters: Vec<usize>,
    syllables: Vec<usize>,
    words: Vec<usize>,
    seams: Vec<usize>,
}

/// Judges every run at once (one Python process).
fn judge(runs: &[String]) -> Vec<Judgement> {
    let python = readers_dir().join(".venv/bin/python");
    let install = "python3 -m venv tests/readers/.venv && \
                   tests/readers/.venv/bin/pip install -r tests/readers/requirements.txt";
    assert!(
        python.exists(),
        "PyThaiNLP is not installed (no {}): run `{install}` (.ci/run does it)",
        python.display()
    );
    let mut child = Command::new(python)
        .arg(readers_dir().join("thai_breaks.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the judge starts");
    let input = serde_json::to_vec(runs).unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().expect("the judge finishes");
    writer.join().unwrap().unwrap();
    assert!(
        output.status.success(),
        "tests/readers/thai_breaks.py failed (`{install}`?): {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let value: Value = serde_json::from_slice(&output.stdout).expect("the judge writes JSON");
    let list = |v: &Value, key: &str| -> Vec<usize> {
        v[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_u64().unwrap() as usize)
            .collect()
    };
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| Judgement {
            clusters: list(v, "clusters"),
            syllables: list(v, "syllables"),
            words: list(v, "words"),
            seams: list(v, "seams"),
        })
        .collect()
}

/// The runs of Thai letters of `text`: (first character, run).
fn thai_runs(chars: &[char]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_thai_letter(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_thai_letter(chars[i]) {
            i += 1;
        }
        out.push((start, chars[start..i].iter().collect()));
    }
    out
}

/// A source string without white space, and what a line end at each position would split.
pub struct Source {
    text: Vec<char>,
    inside: Vec<Inside>,
}

/// The sources of these strings (each a cell's text), judged together.
pub fn sources(strings: &[String]) -> Vec<Source> {
    let all: Vec<Vec<char>> = strings.iter().map(|s| s.chars().collect()).collect();
    let mut runs: Vec<String> = all.iter().flat_map(|c| thai_runs(c)).map(|r| r.1).collect();
    runs.sort();
    runs.dedup();
    let judged: HashMap<&str, Judgement> =
        runs.iter().map(String::as_str).zip(judge(&runs)).collect();
    all.iter()
        .map(|chars| {
            let mut inside = vec![Inside::Nothing; chars.len() + 1];
            for (start, run) in thai_runs(chars) {
                let j = &judged[run.as_str()];
                for k in 1..run.chars().count() {
                    inside[start + k] = if !j.clusters.contains(&k) {
                        Inside::Cluster
                    } else if !j.syllables.contains(&k) {
                        Inside::Syllable
                    } else if !j.words.contains(&k) && !j.seams.contains(&k) {
                        Inside::Word
                    } else {
                        Inside::Nothing
                    };
                }
            }
            // The same without white space (a line end at a space splits nothing).
            let mut text = Vec::new();
            let mut squashed = vec![inside[0]];
            for (i, c) in chars.iter().enumerate() {
                if c.is_whitespace() {
                    *squashed.last_mut().unwrap() = Inside::Nothing;
                    continue;
                }
                text.push(*c);
                squashed.push(inside[i + 1]);
            }
            Source {
                text,
                inside: squashed,
            }
        })
        .collect()
}

impl Source {
    /// Where `line` ends in this source, comparing without marks (see [`lines`]).
    fn end_of(&self, line: &[char]) -> Option<usize> {
        let skeleton: Vec<char> = line.iter().copied().filter(|c| !is_mark(*c)).collect();
        let (first, rest) = skeleton.split_first()?;
        'start: for i in 0..self.text.len() {
            if self.text[i] != *first {
                continue;
            }
            let mut j = i + 1;
            for c in rest {
                while j < self.text.len() && is_mark(self.text[j]) {
                    j += 1;
                }
                if j >= self.text.len() || self.text[j] != *c {
                    continue 'start;
                }
                j += 1;
            }
            // The line's own marks after its last letter belong to it.
            while j < self.text.len() && is_mark(self.text[j]) {
                j += 1;
            }
            return Some(j);
        }
        None
    }
}

/// The line ends of one PDF, judged.
#[derive(Debug, Default, Clone)]
pub struct Breaks {
    /// Line ends between two Thai letters.
    pub thai: usize,
    pub inside_clusters: usize,
    pub inside_syllables: usize,
    /// Inside a word (not at a compound seam), but between its syllables.
    pub inside_words: usize,
    pub bad_starts: Vec<String>,
    pub bad_ends: Vec<String>,
    /// Line ends inside a word or worse: "before|after".
    pub examples: Vec<String>,
}

impl Breaks {
    pub fn add(&mut self, other: &Breaks) {
        self.thai += other.thai;
        self.inside_clusters += other.inside_clusters;
        self.inside_syllables += other.inside_syllables;
        self.inside_words += other.inside_words;
        self.bad_starts.extend(other.bad_starts.iter().cloned());
        self.bad_ends.extend(other.bad_ends.iter().cloned());
        self.examples.extend(other.examples.iter().cloned());
    }

    /// Share of Thai line ends inside a word (of any kind: word, syllable or cluster).
    pub fn word_share(&self) -> f64 {
        (self.inside_words + self.inside_syllables + self.inside_clusters) as f64
            / self.thai.max(1) as f64
    }

    pub fn summary(&self) -> String {
        format!(
            "Thai line ends {:>4}: inside a cluster {}, a syllable {}, a word {} ({:.1}% inside words) e.g. {}",
            self.thai,
            self.inside_clusters,
            self.inside_syllables,
            self.inside_words,
            100.0 * self.word_share(),
            self.examples
                .iter()
                .take(6)
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

/// Judges the line ends of `pdf` against the text it was rendered from.
pub fn measure(pdf: &Path, sources: &[Source]) -> Breaks {
    let mut breaks = Breaks::default();
    for line in lines(pdf) {
        let chars: Vec<char> = line.chars().collect();
        if chars.len() < 4 {
            continue;
        }
        if matches!(chars[0], 'ะ' | 'ั' | 'า' | 'ำ' | 'ิ'..='ฺ' | 'ๅ' | '็'..='๎')
        {
            breaks.bad_starts.push(line.clone());
        }
        if matches!(chars[chars.len() - 1], 'เ' | 'แ' | 'โ' | 'ใ' | 'ไ') {
            breaks.bad_ends.push(line.clone());
        }
        let Some((source, end)) = sources
            .iter()
            .find_map(|s| s.end_of(&chars).map(|end| (s, end)))
        else {
            continue;
        };
        if end >= source.text.len()
            || !is_thai_letter(source.text[end - 1])
            || !is_thai_letter(source.text[end])
        {
            continue;
        }
        breaks.thai += 1;
        let inside = source.inside[end];
        match inside {
            Inside::Nothing => continue,
            Inside::Word => breaks.inside_words += 1,
            Inside::Syllable => breaks.inside_syllables += 1,
            Inside::Cluster => breaks.inside_clusters += 1,
        }
        let tail: String = source.text[end.saturating_sub(8)..end].iter().collect();
        let head: String = source.text[end..(end + 8).min(source.text.len())]
            .iter()
            .collect();
        breaks.examples.push(format!("{inside:?}: {tail}|{head}"));
    }
    breaks
}

/// Every string of a dataset (cells, names, introduction), list styles left out.
pub fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map
            .iter()
            .filter(|(k, _)| *k != "style")
            .for_each(|(_, v)| strings(v, out)),
        _ => {}
    }
}

/// The judged line ends of `pdf`, rendered from `dataset`.
pub fn judge_pdf(pdf: &Path, dataset: &Value) -> Breaks {
    let mut all = Vec::new();
    strings(dataset, &mut all);
    measure(pdf, &sources(&all))
}
