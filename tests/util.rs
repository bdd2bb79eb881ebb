//! Helpers: the binary with a scrubbed environment, temporary indexes, and the shared data.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The newsdex binary with no `NEWSDEX_*` or colour variables from the outside.
pub fn newsdex() -> Command {
    let mut cmd = assert_cmd::cargo_bin_cmd!("newsdex");
    for (k, _) in std::env::vars_os() {
        let k = k.to_string_lossy().into_owned();
        if k.starts_with("NEWSDEX_") || k == "NO_COLOR" || k == "CLICOLOR_FORCE" {
            cmd.env_remove(&k);
        }
    }
    cmd.env("NO_COLOR", "1");
    cmd
}

/// The binary run on the index at `index`.
pub fn on(index: &Path) -> Command {
    let mut cmd = newsdex();
    cmd.arg("--index").arg(index);
    cmd
}

/// The crate's folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The project's sample corpus.
pub fn sample_corpus() -> PathBuf {
    root().join("sample_corpus")
}

/// A temporary directory with an index of `paths` at `<dir>/index`.
pub fn indexed(paths: &[&Path]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let mut cmd = on(&index);
    cmd.arg("index").args(paths);
    cmd.assert().success();
    (dir, index)
}

/// The shared data folder (`NEWSDEX_SHARED`, else `../shared`), or `None` with a notice when
/// absent. With `NEWSDEX_REQUIRE_SHARED=1`, absence fails the test.
pub fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("NEWSDEX_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared"));
    if dir.join("DESIGN.md").is_file() {
        return Some(dir);
    }
    if std::env::var("NEWSDEX_REQUIRE_SHARED").is_ok_and(|v| v == "1") {
        panic!(
            "NEWSDEX_REQUIRE_SHARED=1 but no shared data at {}",
            dir.display()
        );
    }
    eprintln!(
        "skipped: no shared data at {} (set NEWSDEX_SHARED)",
        dir.display()
    );
    None
}

/// Parses stdout of a command as JSON.
pub fn json(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(out)))
}

/// Parses JSON Lines.
pub fn json_lines(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(out)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Every document of the index at `index`, from `newsdex export`.
pub fn exported(index: &Path) -> Vec<serde_json::Value> {
    json_lines(
        &on(index)
            .arg("export")
            .assert()
            .success()
            .get_output()
            .stdout,
    )
}

/// The JSON that `newsdex --index INDEX ARGS...` prints, the command succeeding.
pub fn json_of(index: &Path, args: &[&str]) -> serde_json::Value {
    json(&on(index).args(args).assert().success().get_output().stdout)
}
