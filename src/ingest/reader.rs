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
    let mut to_read: Vec<PathBuf> = Vec::with_capacity(batch_size);
    let mut alive = true;
    walk(roots, |item| {
        match item {
            // Only an indexed file needs a stat here, to see whether it changed; a new one
            // is opened, stamped and read in one go by the reading threads.
            WalkItem::File(p) => {
                let path = p.display().to_string();
                match known.get(&path) {
                    Some(k) => match std::fs::metadata(&p) {
                        Ok(meta) if FileStamp::of(&meta) == k.stamp => {
                            items.push(Item::Unchanged(path))
                        }
                        Ok(_) => to_read.push(p),
                        Err(e) => items.push(Item::Skipped(path, e.to_string())),
                    },
                    None => to_read.push(p),
                }
            }
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

/// A file's stamp and its decoded text.
type StampedText = (FileStamp, String);

/// Reads, decodes, counts, parses and extracts `files` in parallel; items in path order.
fn read_batch(files: Vec<PathBuf>, vocab: &mut Vocab, max_size: u64) -> Vec<Item> {
    if files.is_empty() {
        return Vec::new();
    }
    let texts: Vec<(PathBuf, Result<StampedText, String>)> = files
        .into_par_iter()
        .map(|p| {
            let t = read_text(&p, max_size);
            (p, t)
        })
        .collect();
    let keys: Vec<Vec<u64>> = texts
        .par_iter()
        .filter_map(|(_, t)| t.as_ref().ok())
        .map(|(_, t)| Vocab::keys_of(t))
        .collect();
    for k in &keys {
        vocab.add_keys(k);
    }
    let vocab = &*vocab;
    texts
        .into_par_iter()
        .map(|(p, t)| {
            let rec = t.and_then(|(stamp, t)| Ok((stamp, record_of(&p, &t, vocab)?)));
            match rec {
                Ok((stamp, mut rec)) => {
                    rec.file = stamp;
                    Item::Parsed(Box::new(rec))
                }
                Err(reason) => Item::Skipped(p.display().to_string(), reason),
            }
        })
        .collect()
}

/// Reads, decodes, parses and extracts one file.
pub fn read_file(path: &Path, corpus: &Vocab, max_size: u64) -> Result<Record, String> {
    let (stamp, text) = read_text(path, max_size)?;
    let mut rec = record_of(path, &text, corpus)?;
    rec.file = stamp;
    Ok(rec)
}

/// Opens, stamps, reads and decodes a file: one path lookup, and no read past the size the
/// open file reports (a file that grows meanwhile is read again by the next run, its stamp
/// having changed).
fn read_text(path: &Path, max_size: u64) -> Result<StampedText, String> {
    let mut file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let stamp = FileStamp::of(&file.metadata().map_err(|e| e.to_string())?);
    let size = stamp.size;
    if size > max_size {
        return Err(format!("file too large ({size} bytes, limit {max_size})"));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    std::io::Read::read_to_end(&mut std::io::Read::take(&mut file, size), &mut bytes)
        .map_err(|e| e.to_string())?;
    decode(bytes).map(|t| (stamp, t)).map_err(|e| e.to_string())
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
