//! `newsdex search`: ranked hits with snippets, text or JSON; exit 1 when nothing matches.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use newsdex::query::filters::{parse_period, Filters};
use newsdex::search::{search, Hit, SearchRequest, Sort};

use super::output::{wrap, Style};
use crate::cli::{FilterArgs, Format, SearchArgs, SortArg};

pub fn run(index_dir: &Path, args: SearchArgs) -> anyhow::Result<ExitCode> {
    let req = request(
        crate::cli::query_text(args.query.as_deref(), &args.more),
        &args,
    )?;
    let index = super::open(index_dir)?;
    let results = search(&index, &req)?;
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => writeln!(out, "{}", serde_json::to_string(&results)?)?,
        Format::Text => {
            let style = Style::detect();
            if results.hits.is_empty() {
                writeln!(out, "no matches ({} in all)", results.total)?;
            }
            for hit in &results.hits {
                print_hit(&mut out, hit, &style)?;
            }
            if !results.hits.is_empty() {
                let last = results.hits.last().map_or(0, |h| h.rank);
                writeln!(
                    out,
                    "{}",
                    style.dim(&format!(
                        "{}-{} of {} matches",
                        req.offset + 1,
                        last,
                        results.total
                    ))
                )?;
            }
        }
    }
    out.flush()?;
    Ok(if results.hits.is_empty() && results.total == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The library's filters from the command line's.
pub fn filters(args: &FilterArgs) -> anyhow::Result<Filters> {
    let from = args
        .from
        .as_deref()
        .map(parse_period)
        .transpose()?
        .map(|(first, _)| first);
    let to = args
        .to
        .as_deref()
        .map(parse_period)
        .transpose()?
        .map(|(_, last)| last);
    Ok(Filters {
        from,
        to,
        persons: args.person.clone(),
        orgs: args.org.clone(),
        places: args.place.clone(),
        sources: args.source.clone(),
    })
}

fn request(query: String, args: &SearchArgs) -> anyhow::Result<SearchRequest> {
    Ok(SearchRequest {
        query,
        filters: filters(&args.filters)?,
        sort: match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Date => Sort::Newest,
            SortArg::Oldest => Sort::Oldest,
        },
        limit: args.limit,
        offset: args.offset,
        snippet_len: 240,
    })
}

fn print_hit(out: &mut impl Write, hit: &Hit, style: &Style) -> std::io::Result<()> {
    let title = style.highlight(&hit.title, &hit.title_highlights);
    writeln!(
        out,
        "{}",
        wrap(&format!("{}. {}", hit.rank, style.bold(&title)), 78, "")
    )?;
    let mut meta = vec![hit.date.clone().unwrap_or_else(|| "undated".into())];
    if let Some(s) = &hit.source {
        meta.push(s.clone());
    }
    meta.push(format!("id {}", hit.id));
    writeln!(out, "   {}", style.dim(&meta.join(" · ")))?;
    writeln!(out, "   {}", hit.url.as_deref().unwrap_or(&hit.path))?;
    if !hit.snippet.is_empty() {
        writeln!(
            out,
            "{}",
            wrap(&style.highlight(&hit.snippet, &hit.highlights), 75, "   ")
        )?;
    }
    if !hit.persons.is_empty() {
        writeln!(
            out,
            "{}",
            wrap(&format!("People: {}", hit.persons.join(", ")), 75, "   ")
        )?;
    }
    writeln!(out)
}
