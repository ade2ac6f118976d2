//! A mutation fuzzer for the two readers that take files from anywhere: the dataset loader
//! (`dataset::load`) and the PDF reader (`readback::pdf::Report`). Stable Rust has no
//! `cargo fuzz` (it needs nightly), so this is a plain mutator without coverage feedback:
//! it starts from real files (seeds), applies random byte edits, splices and hostile tokens,
//! and runs each input through the reader. A panic is a finding (saved); an abort or a hang
//! kills the process, and `benches/fuzz.sh` saves the input it was running (`current`).
//!
//! `cargo run --release -p ita-report-engine --example fuzz -- dataset|pdf SECONDS OUT SEED…`

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ita_report_engine::dataset::load;
use ita_report_engine::readback::pdf::Report;

const JSON_TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ",",
    ":",
    "\\u0000",
    "\\u001b[2J",
    "\\u202e",
    "\\ud800",
    "\u{0E48}",
    "\"list\": [",
    "{\"list\": [\"x\"]}",
    "\"style\": \"dash\"",
    "1e999",
    "-0",
    "null",
    "true",
    "\"measures\": []",
    "\"fiscal_year\": 2567",
    "\"period\": {\"start\": \"2023-10-01\", \"end\": \"2024-09-30\"}",
    "\u{FEFF}",
    "\r\n",
    "\t",
];
const PDF_TOKENS: &[&str] = &[
    " 0 R",
    "/Kids [",
    "]",
    "<<",
    ">>",
    "/Names [",
    "/EmbeddedFiles",
    "/Filter /FlateDecode",
    "/Length 99999999",
    "/Encrypt 1 0 R",
    "obj",
    "endobj",
    "stream\n",
    "\nendstream",
    "/Type /ObjStm",
    "/N 1000000",
    "/First 0",
    "xref\n0 1\n",
    "trailer",
    "startxref\n0\n%%EOF",
    "(dataset.json)",
    "/Prev 0",
];

/// xorshift64*: small, seeded, the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn mutate(rng: &mut Rng, input: &mut Vec<u8>, seeds: &[Vec<u8>], tokens: &[&str]) {
    for _ in 0..=rng.below(4) {
        let at = rng.below(input.len() + 1);
        match rng.below(8) {
            0 if !input.is_empty() => {
                let i = at.min(input.len() - 1);
                input[i] ^= 1 << rng.below(8);
            }
            1 if !input.is_empty() => {
                let i = at.min(input.len() - 1);
                input[i] = [0, 0x7F, 0x80, 0xFF, b'"', b'\\', b'0', b'9'][rng.below(8)];
            }
            2 => {
                let end = (at + rng.below(64)).min(input.len());
                input.drain(at..end);
            }
            3 => {
                let end = (at + rng.below(256)).min(input.len());
                let copy = input[at..end].to_vec();
                let to = rng.below(input.len() + 1);
                input.splice(
                    to..to,
                    copy.iter()
                        .copied()
                        .cycle()
                        .take(copy.len() * (1 + rng.below(8))),
                );
            }
            4 | 5 => {
                let token = tokens[rng.below(tokens.len())].as_bytes();
                let times = if rng.below(8) == 0 {
                    1 + rng.below(200)
                } else {
                    1
                };
                input.splice(
                    at..at,
                    token.iter().copied().cycle().take(token.len() * times),
                );
            }
            6 if !seeds.is_empty() => {
                let other = &seeds[rng.below(seeds.len())];
                let from = rng.below(other.len());
                let end = (from + rng.below(512)).min(other.len());
                input.splice(at..at, other[from..end].iter().copied());
            }
            _ => {
                let digits = rng.next().to_string();
                input.splice(at..at, digits.bytes());
            }
        }
    }
    input.truncate(4 << 20);
}

fn run_dataset(bytes: &[u8]) {
    let _ = load(bytes).map(|d| d.measures.len());
}

fn run_pdf(bytes: &[u8]) {
    if let Ok(report) = Report::parse(bytes) {
        let _ = report.page_count();
        let _ = report.attached_dataset();
        let _ = report.claimed_standards();
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [target, seconds, out, seed_paths @ ..] = args.as_slice() else {
        eprintln!("usage: fuzz dataset|pdf SECONDS OUT-DIR SEED…");
        std::process::exit(2);
    };
    let (run, tokens): (fn(&[u8]), &[&str]) = match target.as_str() {
        "dataset" => (run_dataset, JSON_TOKENS),
        "pdf" => (run_pdf, PDF_TOKENS),
        _ => {
            eprintln!("the target is dataset or pdf");
            std::process::exit(2);
        }
    };
    let seconds: u64 = seconds.parse().unwrap_or(60);
    let out = PathBuf::from(out);
    std::fs::create_dir_all(&out).expect("the output folder can be made");
    let seeds: Vec<Vec<u8>> = seed_paths
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .collect();
    assert!(!seeds.is_empty(), "give at least one seed file");
    let seed = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x1616_1616_u64);
    let mut rng = Rng(seed | 1);
    std::panic::set_hook(Box::new(|_| {}));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let (mut runs, mut panics, mut slowest) = (0u64, 0u64, Duration::ZERO);
    let current = out.join("current");
    while Instant::now() < deadline {
        let mut input = seeds[rng.below(seeds.len())].clone();
        mutate(&mut rng, &mut input, &seeds, tokens);
        std::fs::write(&current, &input).expect("the current input can be saved");
        let start = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| run(&input)));
        let took = start.elapsed();
        if took > slowest {
            slowest = took;
            save(&out, "slowest", &input);
        }
        if result.is_err() {
            panics += 1;
            save(&out, &format!("panic-{runs}"), &input);
        }
        runs += 1;
    }
    let _ = std::fs::remove_file(&current);
    println!(
        "{target}: {runs} runs in {seconds} s, {panics} panics, slowest input {} ms",
        slowest.as_millis()
    );
}

fn save(out: &Path, name: &str, input: &[u8]) {
    let _ = std::fs::write(out.join(name), input);
}
