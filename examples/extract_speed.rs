//! Measures entity-extraction throughput for one core:
//!
//! ```sh
//! cargo run --release --example extract_speed -- FILE...            # newsdex extract's path
//! newsdex export > docs.jsonl
//! cargo run --release --example extract_speed -- --export docs.jsonl  # the index's path
//! ```
//!
//! Reads its input into memory, extracts the entities of all of it (a warm-up pass, then
//! three timed passes) and prints MB/s. Files given as they are go through
//! `newsdex::extract::extract`, as `newsdex extract` reads them. With `--export`, the input is
//! the JSON Lines of `newsdex export`, and each document's title and body (paragraphs unwrapped
//! already) go through `newsdex::extract::article_entities`, as the index reads them.

use std::time::Instant;

/// The binary's allocator, so that the figure is the one indexing sees.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// What one pass extracts from.
enum Input {
    /// Whole files, as `newsdex extract` reads them.
    Files(Vec<String>),
    /// (title, body) of exported documents, as the index reads them.
    Documents(Vec<(String, String)>),
}

fn usage() -> ! {
    eprintln!("usage: extract_speed FILE... | extract_speed --export EXPORT.jsonl");
    std::process::exit(2);
}

fn read(path: &str) -> Option<String> {
    std::fs::read(path)
        .ok()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
}

fn input() -> Input {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag, path] if flag == "--export" => {
            let text = read(path).unwrap_or_else(|| usage());
            let field = |d: &serde_json::Value, f: &str| d[f].as_str().unwrap_or("").to_string();
            let docs = text
                .lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .map(|d| (field(&d, "title"), field(&d, "body")))
                .collect();
            Input::Documents(docs)
        }
        files if !files.is_empty() && !files.iter().any(|f| f.starts_with("--")) => {
            Input::Files(files.iter().filter_map(|p| read(p)).collect())
        }
        _ => usage(),
    }
}

/// The mentions found in one pass over `input`.
fn pass(input: &Input) -> usize {
    match input {
        Input::Files(texts) => texts
            .iter()
            .map(|t| newsdex::extract::extract(t).len())
            .sum(),
        Input::Documents(docs) => docs
            .iter()
            .map(|(title, body)| {
                let e = newsdex::extract::article_entities(title, body);
                [e.persons, e.organizations, e.locations]
                    .iter()
                    .flatten()
                    .map(|(_, n)| *n as usize)
                    .sum::<usize>()
            })
            .sum(),
    }
}

fn main() {
    let input = input();
    let (count, bytes): (usize, usize) = match &input {
        Input::Files(t) => (t.len(), t.iter().map(String::len).sum()),
        Input::Documents(d) => (d.len(), d.iter().map(|(t, b)| t.len() + 2 + b.len()).sum()),
    };
    if bytes == 0 {
        usage();
    }
    let mut mentions = pass(&input);
    let passes = 3;
    let start = Instant::now();
    for _ in 0..passes {
        mentions = pass(&input);
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (bytes * passes) as f64 / 1e6;
    println!(
        "{count} inputs, {:.1} MB, {mentions} mentions a pass: {:.1} MB/s",
        bytes as f64 / 1e6,
        mb / secs
    );
}
