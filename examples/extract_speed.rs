//! Measures entity-extraction throughput: `cargo run --release --example extract_speed --
//! [--articles] FILES`.
//!
//! Reads every file given on the command line into memory, runs `newsdex::extract::extract`
//! over all of them (a warm-up pass, then three timed passes) and prints MB/s for one core.
//! With `--articles`, each file is an article's title, a blank line and its body (paragraphs
//! one a line, as the parser leaves them), and the work timed is the index's:
//! `newsdex::extract::article_entities`.

use std::time::Instant;

/// The binary's allocator, so that the figure is the one indexing sees.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let articles = std::env::args().nth(1).as_deref() == Some("--articles");
    let texts: Vec<String> = std::env::args()
        .skip(1 + usize::from(articles))
        .filter_map(|p| {
            std::fs::read(&p)
                .ok()
                .map(|b| String::from_utf8_lossy(&b).into_owned())
        })
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    if bytes == 0 {
        eprintln!("usage: extract_speed FILE...");
        std::process::exit(2);
    }
    let count = |t: &String| {
        if articles {
            let (title, body) = t.split_once("\n\n").unwrap_or((t, ""));
            let e = newsdex::extract::article_entities(title, body);
            [e.persons, e.organizations, e.locations]
                .iter()
                .flatten()
                .map(|(_, n)| *n as usize)
                .sum()
        } else {
            newsdex::extract::extract(t).len()
        }
    };
    let mut mentions = texts.iter().map(count).sum::<usize>();
    let passes = 3;
    let start = Instant::now();
    for _ in 0..passes {
        mentions = texts.iter().map(count).sum();
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (bytes * passes) as f64 / 1e6;
    println!(
        "{} files, {:.1} MB, {mentions} mentions a pass: {:.1} MB/s",
        texts.len(),
        bytes as f64 / 1e6,
        mb / secs
    );
}
