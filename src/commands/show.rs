//! `newsdex show ID|PATH`: one whole document with its entities and duplicate files.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use newsdex::index::document::{Id, StoredDoc};
use newsdex::index::files::{duplicate_paths, find_by_path};
use newsdex::Error;
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::TantivyDocument;

use super::output::{wrap, Style};
use crate::cli::{Format, ShowArgs};

pub fn run(index_dir: &Path, args: ShowArgs) -> anyhow::Result<ExitCode> {
    let index = super::open(index_dir)?;
    let searcher = index.searcher()?;
    let f = index.fields;
    let by_id = |id: Id| -> anyhow::Result<Option<tantivy::DocAddress>> {
        let q = TermQuery::new(id.term(f.id), IndexRecordOption::Basic);
        let hits = searcher.search(&q, &TopDocs::with_limit(1).order_by_score())?;
        Ok(hits.first().map(|(_, a)| *a))
    };
    let mut found = match Id::parse(&args.target) {
        Some(id) => by_id(id)?,
        None => None,
    };
    if found.is_none() {
        if let Ok(path) = std::fs::canonicalize(&args.target) {
            found = find_by_path(&searcher, &path.display().to_string())?;
        }
    }
    let addr = found.ok_or_else(|| Error::NotFound(args.target.clone()))?;
    let mut doc: TantivyDocument = searcher.doc(addr)?;
    // A duplicate file shows the document it duplicates.
    if let Some(primary) = Id::stored_in(&doc, f.duplicate_of) {
        let addr = by_id(primary)?.ok_or_else(|| Error::NotFound(args.target.clone()))?;
        doc = searcher.doc(addr)?;
    }
    let d = StoredDoc::from_document(&doc, &f);
    let duplicates = duplicate_paths(&searcher, &f, d.id)?;
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => {
            let mut v = serde_json::to_value(&d)?;
            v["mentions"] = serde_json::to_value(&d.mentions)?;
            v["duplicates"] = serde_json::to_value(&duplicates)?;
            writeln!(out, "{}", serde_json::to_string(&v)?)?;
        }
        Format::Text => print_text(&mut out, &d, &duplicates)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn print_text(out: &mut impl Write, d: &StoredDoc, duplicates: &[String]) -> std::io::Result<()> {
    let style = Style::detect();
    writeln!(out, "{}", wrap(&style.bold(&d.title), 78, ""))?;
    let meta = [
        d.date.as_deref().unwrap_or("undated"),
        d.source.as_deref().unwrap_or("no source"),
    ];
    writeln!(out, "{}", style.dim(&meta.join(" · ")))?;
    if let Some(url) = &d.url {
        writeln!(out, "url:  {url}")?;
    }
    writeln!(out, "path: {}", d.path)?;
    writeln!(out, "id:   {}", d.id)?;
    for (label, list) in [
        ("People", &d.mentions.persons),
        ("Organizations", &d.mentions.organizations),
        ("Places", &d.mentions.locations),
    ] {
        if !list.is_empty() {
            let items: Vec<String> = list.iter().map(|(n, c)| format!("{n} ({c})")).collect();
            writeln!(
                out,
                "{}",
                wrap(&format!("{label}: {}", items.join(", ")), 78, "")
            )?;
        }
    }
    for t in &d.related_titles {
        writeln!(out, "Related: {t}")?;
    }
    for u in &d.related_urls {
        writeln!(out, "Link: {u}")?;
    }
    for p in duplicates {
        writeln!(out, "Duplicate file: {p}")?;
    }
    writeln!(out)?;
    for para in d.body.split("\n\n") {
        writeln!(out, "{}\n", wrap(para, 78, ""))?;
    }
    Ok(())
}
