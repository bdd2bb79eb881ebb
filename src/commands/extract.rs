//! `newsdex extract [FILE...]`: the entities of plain text, no index needed. JSON offsets are
//! byte offsets into the input as read.

use std::io::{Read, Write};
use std::process::ExitCode;

use newsdex::extract::{extract, Mention};

use crate::cli::{ExtractArgs, Format};

pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let mut inputs: Vec<(String, Vec<u8>)> = Vec::new();
    let mut failed = false;
    if args.files.is_empty() {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf)?;
        inputs.push(("-".into(), buf));
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let emit = |path: &str, bytes: &[u8], out: &mut dyn Write| -> anyhow::Result<()> {
        with_mentions(bytes, |mentions| {
            write_mentions(path, mentions, args.format, out)
        })
    };
    for (path, bytes) in &inputs {
        emit(path, bytes, &mut out)?;
    }
    for file in &args.files {
        match std::fs::read(file) {
            Ok(bytes) => emit(&file.display().to_string(), &bytes, &mut out)?,
            Err(e) => {
                eprintln!("{}: {e}", file.display());
                failed = true;
            }
        }
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Writes the mentions of one input in `format`.
fn write_mentions(
    path: &str,
    mentions: &[Mention<'_>],
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match format {
        Format::Json => {
            let v = serde_json::json!({"path": path, "entities": mentions});
            writeln!(out, "{v}")?;
        }
        Format::Text => {
            writeln!(out, "{path}")?;
            for m in mentions {
                let kind = format!("{:?}", m.kind).to_lowercase();
                // A name wrapped across lines is shown on one.
                let text = m.text.split_whitespace().collect::<Vec<_>>().join(" ");
                writeln!(
                    out,
                    "  {kind:<12} {:<30} {}..{}  {text}",
                    m.canonical, m.start, m.end
                )?;
            }
        }
    }
    Ok(())
}

/// Calls `f` with the mentions of `bytes`, offsets into `bytes` as read: UTF-8 is used as is
/// (after a byte-order mark); other input is read as Windows-1252, one byte a character.
fn with_mentions<R>(bytes: &[u8], f: impl FnOnce(&[Mention<'_>]) -> R) -> R {
    let (bom, rest) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (3, rest),
        None => (0, bytes),
    };
    if let Ok(text) = std::str::from_utf8(rest) {
        let mut mentions = extract(text);
        for m in &mut mentions {
            m.start += bom;
            m.end += bom;
        }
        return f(&mentions);
    }
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    let char_index = |byte: usize| text[..byte].chars().count();
    let mut mentions = extract(&text);
    for m in &mut mentions {
        m.start = char_index(m.start);
        m.end = char_index(m.end);
    }
    f(&mentions)
}
