//! The reading side of a run: walks the roots, passes over unchanged files, and reads, decodes,
//! parses and extracts the others in parallel batches (walking, reading and parsing overlap),
//! keeping the corpus vocabulary.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::decode::decode;
use crate::extract::article_entities;
use crate::index::document::{FileStamp, Prepared, Record};
use crate::index::files::KnownFile;
use crate::parse::{parse, Vocab};
use crate::schema::Fields;
use crate::walk::{walk, WalkItem};

/// What the reader found about one path.
#[derive(Debug)]
pub enum Item {
    /// A file whose size and modification time are those indexed.
    Unchanged(String),
    /// A new or changed file, parsed and made into its document.
    Parsed(Box<Prepared>),
    /// A file that holds no article, and why.
    Skipped(String, String),
    /// A path given that does not exist.
    Missing(String),
}

/// A file's stamp and its bytes.
type StampedBytes = (FileStamp, Vec<u8>);

/// Files of one batch, read: each path with its stamp and bytes, or why it could not be read.
type ReadFiles = Vec<(PathBuf, Result<StampedBytes, String>)>;

/// Walks `roots` and sends batches of items (documents made with `fields`) until the walk
/// ends or the receiver hangs up. Returns the vocabulary of everything read.
///
/// Three stages overlap, each up to two batches ahead of the next (one waiting in a channel,
/// one in the making): the walk (on a thread of its own), reading files (on as many threads
/// as the current rayon pool has, or on `io_threads` threads once reading falls behind), and
/// decoding, counting, parsing and extracting on the current rayon pool. Reading apart from
/// parsing keeps many reads in flight when files come from disk rather than from the page
/// cache, while the parsing threads work on a batch before; the reading threads only open and
/// read, so the parsing pool bounds the CPU work.
pub fn read_all(
    roots: &[PathBuf],
    known: &FxHashMap<String, KnownFile>,
    batch_size: usize,
    max_size: u64,
    io_threads: usize,
    fields: &Fields,
    out: &crossbeam_channel::Sender<Vec<Item>>,
) -> Vocab {
    let (walked_tx, walked_rx) = crossbeam_channel::bounded::<(Vec<Item>, Vec<PathBuf>)>(1);
    let (read_tx, read_rx) = crossbeam_channel::bounded::<(Vec<Item>, ReadFiles)>(1);
    let io_pool = |threads: usize, name: &'static str| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(move |i| format!("newsdex-{name}-{i}"))
            .build()
            .ok()
    };
    // Files come from the page cache in microseconds: then as many reading threads as parsing
    // threads keep ahead, and more only switch in and out (warm 181k builds: 28 to 29 thousand
    // context switches, against 44 to 51 thousand with four times as many). Files that come
    // from disk keep the parsing threads waiting: once they wait longer for a batch than they
    // took to parse the one before, the rest are read on `io_threads` threads, to keep more
    // reads in flight.
    let few = io_pool(rayon::current_num_threads().min(io_threads), "io");
    let behind = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(move || walk_batches(roots, known, batch_size, &walked_tx));
        let behind = &behind;
        scope.spawn(move || {
            let mut many = None;
            for (items, files) in walked_rx {
                let read = || -> ReadFiles {
                    files
                        .into_par_iter()
                        .map(|p| {
                            let b = read_bytes(&p, max_size);
                            (p, b)
                        })
                        .collect()
                };
                if many.is_none() && behind.load(Ordering::Relaxed) {
                    many = Some(io_pool(io_threads, "io-disk"));
                }
                let texts = match many.as_ref().unwrap_or(&few) {
                    Some(pool) => pool.install(read),
                    None => read(),
                };
                if read_tx.send((items, texts)).is_err() {
                    return;
                }
            }
        });
        let mut vocab = Vocab::new();
        let mut last_parse = None;
        // Owned here, so that the reader sees the hang-up when this loop stops early.
        let mut batches = read_rx.into_iter();
        loop {
            let waiting = Instant::now();
            let Some((mut items, texts)) = batches.next() else {
                break;
            };
            if last_parse.is_some_and(|p| waiting.elapsed() > p) {
                behind.store(true, Ordering::Relaxed);
            }
            let parsing = Instant::now();
            items.extend(parse_batch(texts, &mut vocab, fields));
            last_parse = Some(parsing.elapsed());
            if out.send(items).is_err() {
                break;
            }
        }
        vocab
    })
}

/// Walks `roots`, sending batches of the items found and of the paths to read; stops when
/// the receiver hangs up.
fn walk_batches(
    roots: &[PathBuf],
    known: &FxHashMap<String, KnownFile>,
    batch_size: usize,
    out: &crossbeam_channel::Sender<(Vec<Item>, Vec<PathBuf>)>,
) {
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
            let batch = (std::mem::take(&mut items), std::mem::take(&mut to_read));
            alive = out.send(batch).is_ok();
        }
        alive
    });
    if alive {
        let _ = out.send((items, to_read));
    }
}

/// A file's stamp and its decoded text.
type StampedText = (FileStamp, String);

/// Decodes, counts, parses and extracts files read, in parallel, and makes their documents;
/// items in path order.
fn parse_batch(files: ReadFiles, vocab: &mut Vocab, fields: &Fields) -> Vec<Item> {
    if files.is_empty() {
        return Vec::new();
    }
    // Decoded and counted in one pass; the counts go in before any file of the batch is
    // parsed. Which files are counted (all of them until the vocabulary is large, then a
    // sample) is decided in path order before the batch: the same files for the same folder.
    let counted: Vec<bool> = files.iter().map(|_| vocab.counts_next()).collect();
    let mut texts: Vec<(PathBuf, Result<StampedText, String>, Vec<u64>)> = files
        .into_par_iter()
        .zip(counted)
        .map(|((p, read), counted)| {
            let text = read.and_then(decode_stamped);
            let keys = match &text {
                Ok((_, t)) if counted => Vocab::keys_of(t),
                _ => Vec::new(),
            };
            (p, text, keys)
        })
        .collect();
    for (_, _, keys) in &mut texts {
        vocab.add_keys(&std::mem::take(keys));
    }
    let vocab = &*vocab;
    texts
        .into_par_iter()
        .map(
            |(p, text, _)| match text.and_then(|(stamp, t)| record_of(&p, stamp, &t, vocab)) {
                Ok(rec) => Item::Parsed(Box::new(rec.prepare(fields))),
                Err(reason) => Item::Skipped(p.display().to_string(), reason),
            },
        )
        .collect()
}

/// Reads, decodes, parses and extracts one file, and makes its document with `fields`.
pub fn read_file(
    path: &Path,
    corpus: &Vocab,
    max_size: u64,
    fields: &Fields,
) -> Result<Prepared, String> {
    let (stamp, text) = read_text(path, max_size)?;
    record_of(path, stamp, &text, corpus).map(|rec| rec.prepare(fields))
}

/// Opens, stamps, reads and decodes a file.
fn read_text(path: &Path, max_size: u64) -> Result<StampedText, String> {
    read_bytes(path, max_size).and_then(decode_stamped)
}

/// Decodes the bytes of a file read.
fn decode_stamped((stamp, bytes): StampedBytes) -> Result<StampedText, String> {
    decode(bytes).map(|t| (stamp, t)).map_err(|e| e.to_string())
}

/// Opens, stamps and reads a file: one path lookup, and no read past the size the open file
/// reports (a file that grows meanwhile is read again by the next run, its stamp having
/// changed).
fn read_bytes(path: &Path, max_size: u64) -> Result<StampedBytes, String> {
    let mut file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let stamp = FileStamp::of(&file.metadata().map_err(|e| e.to_string())?);
    let size = stamp.size;
    if size > max_size {
        return Err(format!("file too large ({size} bytes, limit {max_size})"));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    std::io::Read::read_to_end(&mut std::io::Read::take(&mut file, size), &mut bytes)
        .map_err(|e| e.to_string())?;
    Ok((stamp, bytes))
}

/// The record of the file at `path`, stamped `stamp`, whose text is `text`.
fn record_of(path: &Path, stamp: FileStamp, text: &str, corpus: &Vocab) -> Result<Record, String> {
    let article = parse(text, corpus).map_err(|e| e.to_string())?;
    let entities = article_entities(&article.title, &article.body);
    let mut rec = Record::new(path.display().to_string(), 0, article, entities);
    rec.file = stamp;
    Ok(rec)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> Fields {
        Fields::new(&crate::schema::build_schema()).unwrap()
    }

    /// A folder of `n` small articles, named in order.
    fn folder(n: usize) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..n {
            let text = format!("Title number {i}\n\nBody of article {i}, about Berlin.\n");
            std::fs::write(dir.path().join(format!("a{i:05}.txt")), text).unwrap();
        }
        dir
    }

    #[test]
    fn every_file_comes_once_in_path_order_across_batches() {
        let dir = folder(100);
        let (tx, rx) = crossbeam_channel::bounded(2);
        let roots = vec![dir.path().to_path_buf()];
        let reader = std::thread::spawn(move || {
            read_all(&roots, &FxHashMap::default(), 7, 1 << 20, 3, &fields(), &tx)
        });
        let names: Vec<String> = rx
            .iter()
            .flatten()
            .map(|item| match item {
                Item::Parsed(rec) => Path::new(&rec.path)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                other => panic!("{other:?}"),
            })
            .collect();
        let expected: Vec<String> = (0..100).map(|i| format!("a{i:05}.txt")).collect();
        assert_eq!(names, expected);
        assert_eq!(reader.join().unwrap().count("berlin"), 100);
    }

    #[test]
    fn the_stages_stop_when_the_receiver_hangs_up() {
        let dir = folder(300);
        let (tx, rx) = crossbeam_channel::bounded(0);
        let roots = [dir.path().to_path_buf()];
        let (done_tx, done_rx) = crossbeam_channel::bounded(1);
        std::thread::spawn(move || {
            let vocab = read_all(&roots, &FxHashMap::default(), 4, 1 << 20, 3, &fields(), &tx);
            let _ = done_tx.send(vocab);
        });
        let first = rx.recv().unwrap();
        assert_eq!(first.len(), 4);
        drop(rx);
        let vocab = done_rx
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("the reader did not stop after its receiver hung up");
        // The batch sent, and the one whose sending failed: no file after them is parsed.
        assert!(
            vocab.count("berlin") <= 8,
            "{} files parsed",
            vocab.count("berlin")
        );
    }
}
