//! `newsdex export`: every document as one JSON object a line, all fields of DESIGN.md.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use newsdex::index::document::StoredDoc;
use tantivy::{DocAddress, TantivyDocument};

use crate::cli::ExportArgs;

pub fn run(index_dir: &Path, _args: ExportArgs) -> anyhow::Result<ExitCode> {
    let index = super::open(index_dir)?;
    let searcher = index.searcher()?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        for doc_id in segment.doc_ids_alive() {
            let doc: TantivyDocument = searcher.doc(DocAddress::new(ord as u32, doc_id))?;
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
                "duplicates": d.duplicates,
            });
            serde_json::to_writer(&mut out, &v)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
