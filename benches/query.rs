//! In-process query latency: opens an index once and runs a query set (top 10 with snippets),
//! each query `ROUNDS` times, printing p50/p99/mean over all runs.
//!
//! usage: cargo bench --bench query -- INDEX QUERIES.tsv [ROUNDS] [--per-query]
//! `--per-query` also prints each query's median, slowest first.
//! QUERIES.tsv: `query<TAB>options` a line, options among `--person X`, `--from D`, `--to D`,
//! `--sort date`.

use std::time::Instant;

use newsdex::index::NewsIndex;
use newsdex::query::filters::{parse_period, Filters};
use newsdex::search::{search, SearchRequest, Sort};

fn request(query: &str, options: &str) -> SearchRequest {
    let mut filters = Filters::default();
    let mut sort = Sort::Relevance;
    let words: Vec<&str> = options.split_whitespace().collect();
    for pair in words.chunks(2) {
        match pair {
            ["--person", p] => filters.persons.push((*p).to_owned()),
            ["--from", d] => filters.from = parse_period(d).ok().map(|(a, _)| a),
            ["--to", d] => filters.to = parse_period(d).ok().map(|(_, b)| b),
            ["--sort", "date"] => sort = Sort::Newest,
            other => panic!("unknown option {other:?}"),
        }
    }
    SearchRequest {
        query: query.to_owned(),
        filters,
        sort,
        limit: 10,
        offset: 0,
        snippet_len: 240,
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let [index, queries, rest @ ..] = args.as_slice() else {
        eprintln!("usage: cargo bench --bench query -- INDEX QUERIES.tsv [ROUNDS] [--per-query]");
        std::process::exit(2);
    };
    let rounds: usize = rest.iter().find_map(|r| r.parse().ok()).unwrap_or(10);
    let per_query = rest.iter().any(|r| r == "--per-query");
    let index = NewsIndex::open(std::path::Path::new(index)).expect("open index");
    let reqs: Vec<SearchRequest> = std::fs::read_to_string(queries)
        .expect("read queries")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (q, o) = l.split_once('\t').unwrap_or((l, ""));
            request(q, o)
        })
        .collect();
    for r in &reqs {
        search(&index, r).expect("query runs"); // warm-up
    }
    let mut times: Vec<f64> = Vec::with_capacity(reqs.len() * rounds);
    let mut each: Vec<Vec<f64>> = vec![Vec::with_capacity(rounds); reqs.len()];
    let mut hits = 0usize;
    for _ in 0..rounds {
        for (i, r) in reqs.iter().enumerate() {
            let t = Instant::now();
            let res = search(&index, r).expect("query runs");
            let ms = t.elapsed().as_secs_f64() * 1e3;
            times.push(ms);
            each[i].push(ms);
            hits += res.hits.len();
        }
    }
    if per_query {
        let mut medians: Vec<(f64, &SearchRequest)> = each
            .iter_mut()
            .zip(&reqs)
            .map(|(t, r)| {
                t.sort_by(|a, b| a.total_cmp(b));
                (t[t.len() / 2], r)
            })
            .collect();
        medians.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (ms, r) in medians {
            println!("{ms:8.2} ms  {:?} {:?} {:?}", r.query, r.filters, r.sort);
        }
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    let mean = times.iter().sum::<f64>() / times.len() as f64;
    println!(
        "queries {} x {rounds} rounds: p50 {:.2} ms  p99 {:.2} ms  mean {:.2} ms  ({} hits)",
        reqs.len(),
        pct(0.50),
        pct(0.99),
        mean,
        hits / rounds
    );
}
