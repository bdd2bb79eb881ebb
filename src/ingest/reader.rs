//! The reader thread: walks the roots, passes over unchanged files, and reads, decodes,
//! parses and extracts the others in parallel batches, keeping the corpus vocabulary.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::decode::decode;
use crate::extract::article_entities;
use crate::index::document::{FileStamp, Record};
use crate::index::files::KnownFile;
use crate::parse::{parse, Vocab};
use crate::walk::{walk, WalkItem};

/// What the reader found about one path.
#[derive(Debug)]
pub enum Item {
    /// A file whose size and modification time are those indexed.
    Unchanged(String),
    /// A new or changed file, parsed.
    Parsed(Box<Record>),
    /// A file that holds no article, and why.
    Skipped(String, String),
    /// A path given that does not exist.
    Missing(String),
}

/// Walks `roots` and sends batches of items until the walk ends or the receiver hangs up.
/// Returns the vocabulary of everything read.
pub fn read_all(
    roots: &[PathBuf],
    known: &FxHashMap<String, KnownFile>,
    batch_size: usize,
    max_size: u64,
    out: &crossbeam_channel::Sender<Vec<Item>>,
) -> Vocab {
    let mut vocab = Vocab::new();
    let mut items: Vec<Item> = Vec::new();
    let mut to_read: Vec<(PathBuf, FileStamp)> = Vec::with_capacity(batch_size);
    let mut alive = true;
    walk(roots, |item| {
        match item {
            WalkItem::File(p) => match std::fs::metadata(&p) {
                Ok(meta) => {
                    let stamp = FileStamp::of(&meta);
                    let path = p.display().to_string();
                    if known.get(&path).is_some_and(|k| k.stamp == stamp) {
                        items.push(Item::Unchanged(path));
                    } else {
                        to_read.push((p, stamp));
                    }
                }
                Err(e) => items.push(Item::Skipped(p.display().to_string(), e.to_string())),
            },
            WalkItem::Error(p, reason) => {
                items.push(Item::Skipped(p.display().to_string(), reason))
            }
            WalkItem::Missing(p) => items.push(Item::Missing(p.display().to_string())),
        }
        if to_read.len() >= batch_size || items.len() >= batch_size * 8 {
            items.extend(read_batch(
                std::mem::take(&mut to_read),
                &mut vocab,
                max_size,
            ));
            alive = out.send(std::mem::take(&mut items)).is_ok();
        }
        alive
    });
    if alive {
        items.extend(read_batch(to_read, &mut vocab, max_size));
        let _ = out.send(items);
    }
    vocab
}

/// Reads, decodes, counts, parses and extracts `files` in parallel; items in path order.
fn read_batch(files: Vec<(PathBuf, FileStamp)>, vocab: &mut Vocab, max_size: u64) -> Vec<Item> {
    if files.is_empty() {
        return Vec::new();
    }
    let texts: Vec<(PathBuf, FileStamp, Result<String, String>)> = files
        .into_par_iter()
        .map(|(p, stamp)| {
            let t = read_text(&p, stamp.size, max_size);
            (p, stamp, t)
        })
        .collect();
    let keys: Vec<Vec<u64>> = texts
        .par_iter()
        .filter_map(|(_, _, t)| t.as_ref().ok())
        .map(|t| Vocab::keys_of(t))
        .collect();
    for k in &keys {
        vocab.add_keys(k);
    }
    let vocab = &*vocab;
    texts
        .into_par_iter()
        .map(
            |(p, stamp, t)| match t.and_then(|t| record_of(&p, &t, vocab)) {
                Ok(mut rec) => {
                    rec.file = stamp;
                    Item::Parsed(Box::new(rec))
                }
                Err(reason) => Item::Skipped(p.display().to_string(), reason),
            },
        )
        .collect()
}

/// Reads, decodes, parses and extracts one file.
pub fn read_file(path: &Path, corpus: &Vocab, max_size: u64) -> Result<Record, String> {
    let stamp = std::fs::metadata(path)
        .map(|m| FileStamp::of(&m))
        .map_err(|e| e.to_string())?;
    let text = read_text(path, stamp.size, max_size)?;
    let mut rec = record_of(path, &text, corpus)?;
    rec.file = stamp;
    Ok(rec)
}

/// Reads and decodes a file whose size (from the walk's stat) is `size`.
fn read_text(path: &Path, size: u64, max_size: u64) -> Result<String, String> {
    if size > max_size {
        return Err(format!("file too large ({size} bytes, limit {max_size})"));
    }
    // The size is known from the walk: one read into a buffer of that size (and one more to
    // see the end), without `fs::read`'s second stat.
    let mut bytes = Vec::with_capacity(size as usize + 1);
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_to_end(&mut f, &mut bytes))
        .map_err(|e| e.to_string())?;
    decode(bytes).map_err(|e| e.to_string())
}

fn record_of(path: &Path, text: &str, corpus: &Vocab) -> Result<Record, String> {
    let article = parse(text, corpus).map_err(|e| e.to_string())?;
    let entities = article_entities(&article.title, &article.body);
    Ok(Record::new(
        path.display().to_string(),
        0,
        article,
        entities,
    ))
}
