//! Walking: the paths given on the command line to the article files under them.
//!
//! Files ending `.txt` in any case; hidden files and folders are skipped; folders are read in
//! sorted order, so "the first file" of a set of duplicates is well defined. Symlinks are
//! followed, loops reported. Yields as it goes: no pre-walk.

use std::path::{Path, PathBuf};

/// One thing the walk found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WalkItem {
    /// An article file: its canonical path.
    File(PathBuf),
    /// A path that could not be walked, and why.
    Error(PathBuf, String),
    /// A path given by the user that does not exist.
    Missing(PathBuf),
}

/// Whether a walked `path` names an article file (`.txt` in any case, after a name: `.txt`
/// alone is a hidden file, as `Path::extension` has it).
fn is_article_file(path: &Path) -> bool {
    let name = name_bytes(path);
    name.len() > 4 && name[name.len() - 4..].eq_ignore_ascii_case(b".txt")
}

/// The file name of a walked path, as bytes to sort by: what `Path::file_name` gives for the
/// paths a walk makes (a folder joined with a name), found by one scan back to the last
/// separator. `sort_by_file_name` parses the path's components twice for each comparison,
/// which was most of a walk's instructions in a folder of 3,000 files.
fn name_bytes(path: &Path) -> &[u8] {
    let bytes = path.as_os_str().as_encoded_bytes();
    let start = bytes
        .iter()
        .rposition(|&b| b.is_ascii() && std::path::is_separator(char::from(b)))
        .map_or(0, |i| i + 1);
    &bytes[start..]
}

/// Whether a walked path names a hidden file or folder.
fn is_hidden(path: &Path) -> bool {
    name_bytes(path).starts_with(b".")
}

/// Walks `roots` in order, calling `f` for each item; stops early if `f` returns false.
pub fn walk(roots: &[PathBuf], mut f: impl FnMut(WalkItem) -> bool) {
    for root in roots {
        if std::fs::metadata(root).is_err() && std::fs::symlink_metadata(root).is_err() {
            if !f(WalkItem::Missing(root.clone())) {
                return;
            }
            continue;
        }
        // Paths under a canonical root are canonical, except below a symlink: only those
        // need the (costly) canonicalize call.
        let base = std::fs::canonicalize(root).unwrap_or_else(|_| root.clone());
        let mut linked: Vec<PathBuf> = Vec::new();
        let entries = walkdir::WalkDir::new(&base)
            .follow_links(true)
            .sort_by(|a, b| name_bytes(a.path()).cmp(name_bytes(b.path())))
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.path()));
        for entry in entries {
            let item = match entry {
                Ok(e) if e.file_type().is_dir() => {
                    if e.path_is_symlink() {
                        linked.push(e.path().to_path_buf());
                    }
                    continue;
                }
                Ok(e)
                    if e.file_type().is_file() && (e.depth() == 0 || is_article_file(e.path())) =>
                {
                    if !e.path_is_symlink() && !linked.iter().any(|l| e.path().starts_with(l)) {
                        WalkItem::File(e.into_path())
                    } else {
                        match std::fs::canonicalize(e.path()) {
                            Ok(p) => WalkItem::File(p),
                            Err(err) => WalkItem::Error(e.path().to_path_buf(), err.to_string()),
                        }
                    }
                }
                Ok(_) => continue,
                Err(err) => {
                    let path = err
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.clone());
                    let reason = if err.loop_ancestor().is_some() {
                        "symlink loop".to_owned()
                    } else {
                        err.io_error()
                            .map_or_else(|| err.to_string(), ToString::to_string)
                    };
                    WalkItem::Error(path, reason)
                }
            };
            if !f(item) {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_bytes_is_the_file_name() {
        for p in [
            "/a/b/10885_67f9.txt",
            "rel/x.TXT",
            "plain.txt",
            "/a/b/Zürich – Bericht.txt",
            "/a/.hidden",
            "/a/b c/d e",
            "/a/.txt",
            "/a/..txt",
            "/a/b.TxT",
            "/a/btxt",
            "/a/b.txt.md",
        ] {
            let path = Path::new(p);
            let name = path.file_name().unwrap().as_encoded_bytes();
            assert_eq!(name_bytes(path), name, "{p}");
            let txt = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("txt"));
            assert_eq!(is_article_file(path), txt, "{p}");
        }
    }

    #[test]
    fn finds_txt_files_sorted_and_skips_hidden() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("b/.hidden")).unwrap();
        for p in [
            "b/2.txt",
            "b/1.TXT",
            "a.txt",
            "b/.hidden/x.txt",
            ".h.txt",
            "notes.md",
        ] {
            std::fs::write(d.join(p), "x").unwrap();
        }
        let mut got = Vec::new();
        walk(&[d.to_path_buf(), d.join("nope")], |item| {
            got.push(match item {
                WalkItem::File(p) => p
                    .strip_prefix(d.canonicalize().unwrap())
                    .unwrap()
                    .display()
                    .to_string(),
                WalkItem::Missing(p) => {
                    format!("missing {}", p.file_name().unwrap().to_string_lossy())
                }
                WalkItem::Error(p, r) => format!("error {} {r}", p.display()),
            });
            true
        });
        assert_eq!(got, ["a.txt", "b/1.TXT", "b/2.txt", "missing nope"]);
    }

    #[cfg(unix)]
    #[test]
    fn files_below_a_symlink_get_their_canonical_path() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(d.join("real")).unwrap();
        std::fs::create_dir_all(d.join("root")).unwrap();
        std::fs::write(d.join("real/x.txt"), "x").unwrap();
        std::os::unix::fs::symlink(d.join("real"), d.join("root/link")).unwrap();
        let mut got = Vec::new();
        walk(&[d.join("root")], |item| {
            got.push(item);
            true
        });
        assert_eq!(got, [WalkItem::File(d.join("real/x.txt"))]);
    }
}
