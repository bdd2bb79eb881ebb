//! `newsdex export`: every document as one JSON object a line, all fields of DESIGN.md, in
//! path order.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use newsdex::index::document::StoredDoc;
use newsdex::index::files::{all_duplicates, documents_by_path};
use tantivy::TantivyDocument;

use crate::cli::ExportArgs;

pub fn run(index_dir: &Path, _args: ExportArgs) -> anyhow::Result<ExitCode> {
    let index = super::open(index_dir)?;
    let searcher = index.searcher()?;
    let duplicates = all_duplicates(&searcher, &index.fields)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    // In path order, so that two builds of the same files export the same lines; duplicate
    // files' records are listed under their documents.
    for addr in documents_by_path(&searcher, &index.fields)? {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let d = StoredDoc::from_document(&doc, &index.fields);
        let v = serde_json::json!({
            "id": d.id,
            "path": d.path,
            "title": d.title,
            "body": d.body,
            "url": d.url,
            "source": d.source,
            "date": d.date,
            "related_urls": d.related_urls,
            "related_titles": d.related_titles,
            "persons": d.persons,
            "organizations": d.organizations,
            "locations": d.locations,
            "duplicates": duplicates.get(&d.id).cloned().unwrap_or_default(),
        });
        serde_json::to_writer(&mut out, &v)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
