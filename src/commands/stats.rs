//! `newsdex stats`: documents, date span, top sources, index size and folders indexed.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use newsdex::index::document::{format_date, tantivy_to_date};
use newsdex::index::files::document_count;
use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use crate::cli::{Format, StatsArgs};

pub fn run(index_dir: &Path, args: StatsArgs) -> anyhow::Result<ExitCode> {
    let index = super::open(index_dir)?;
    let searcher = index.searcher()?;
    let f = index.fields;
    let mut first = None;
    let mut last = None;
    let mut dated = 0u64;
    let mut hosts = std::collections::BTreeSet::new();
    for segment in searcher.segment_readers() {
        if let Ok(col) = segment.fast_fields().date("date") {
            for doc in segment.doc_ids_alive() {
                if let Some(d) = col.first(doc) {
                    dated += 1;
                    first = Some(first.map_or(d, |f: tantivy::DateTime| f.min(d)));
                    last = Some(last.map_or(d, |l: tantivy::DateTime| l.max(d)));
                }
            }
        }
        let inverted = segment.inverted_index(f.source)?;
        let mut stream = inverted.terms().stream()?;
        while stream.advance() {
            hosts.insert(String::from_utf8_lossy(stream.key()).into_owned());
        }
    }
    let mut sources = Vec::new();
    for h in hosts {
        let n = searcher.search(
            &TermQuery::new(
                Term::from_field_text(f.source, &h),
                IndexRecordOption::Basic,
            ),
            &Count,
        )?;
        if n > 0 {
            sources.push((h, n));
        }
    }
    sources.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let docs = document_count(&searcher, &f)?;
    let info = index.commit_info();
    let size = index.size_on_disk();
    let fmt = |d: Option<tantivy::DateTime>| d.map(|d| format_date(tantivy_to_date(d)));
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => {
            let v = serde_json::json!({
                "documents": docs,
                "dated": dated,
                "first_date": fmt(first),
                "last_date": fmt(last),
                "sources": sources.iter().map(|(h, n)| serde_json::json!({"source": h, "documents": n})).collect::<Vec<_>>(),
                "index_bytes": size,
                "segments": searcher.segment_readers().len(),
                "index": index_dir,
                "roots": info.roots,
                "schema_version": info.schema_version,
            });
            writeln!(out, "{v}")?;
        }
        Format::Text => {
            writeln!(out, "documents   {docs} ({dated} dated)")?;
            if let (Some(a), Some(b)) = (fmt(first), fmt(last)) {
                writeln!(out, "dates       {a} to {b}")?;
            }
            writeln!(
                out,
                "index       {} ({:.1} MiB, {} segments)",
                index_dir.display(),
                size as f64 / 1048576.0,
                searcher.segment_readers().len()
            )?;
            for r in &info.roots {
                writeln!(out, "folder      {r}")?;
            }
            if !sources.is_empty() {
                writeln!(out, "top sources")?;
                for (h, n) in sources.iter().take(10) {
                    writeln!(out, "  {n:>8}  {h}")?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
