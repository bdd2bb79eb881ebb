//! `newsdex entities` (alias `people`): the most named persons, organisations or places among
//! the articles matching a query and filters, with document counts.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use newsdex::entity_counts::{top_entities, EntityField};

use crate::cli::{EntitiesArgs, Format, KindArg};

pub fn run(index_dir: &Path, args: EntitiesArgs) -> anyhow::Result<ExitCode> {
    let filters = super::search::filters(&args.filters)?;
    let kind = match args.kind {
        KindArg::Person => EntityField::Person,
        KindArg::Org => EntityField::Organization,
        KindArg::Place => EntityField::Location,
    };
    let index = super::open(index_dir)?;
    let query = crate::cli::query_text(args.query.as_deref(), &args.more);
    let counts = top_entities(&index, &query, &filters, kind, args.limit)?;
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => writeln!(out, "{}", serde_json::to_string(&counts)?)?,
        Format::Text => {
            for e in &counts.entities {
                writeln!(out, "{:>7}  {}", e.documents, e.name)?;
            }
            writeln!(out, "({} matching articles)", counts.total)?;
        }
    }
    Ok(if counts.entities.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
