//! Robustness: junk input, killed runs, concurrent writers and readers.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use super::generate::{articles, junk, Rng};
use super::util::{json, json_lines, json_of, on};

/// `newsdex --index INDEX index ARGS... PATH` running in the background, output discarded.
fn spawn_index(index: &Path, args: &[&str], path: &Path) -> Child {
    Command::new(assert_cmd::cargo::cargo_bin!("newsdex"))
        .arg("--index")
        .arg(index)
        .arg("index")
        .args(args)
        .arg(path)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn junk_corpus_indexes_to_completion_with_every_bad_file_reported() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("junk");
    let (bad, good) = junk(&corpus, 1);
    let index = dir.path().join("index");
    let out = on(&index)
        .args(["index", "--max-file-size", "1", "--format", "json"])
        .arg(&corpus)
        .assert()
        .success();
    let report = json(&out.get_output().stdout);
    let skipped: Vec<String> = report["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s[0].as_str().unwrap().to_owned())
        .collect();
    for name in &bad {
        assert!(
            skipped.iter().any(|s| s.ends_with(name.as_str())),
            "{name} not reported in {skipped:?}"
        );
    }
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("too-large.txt: file too large"), "{stderr}");
    assert!(stderr.contains("symlink loop"), "{stderr}");
    assert_eq!(report["added"], good as u64, "{report}");
    for q in ["harbour", "café", "turbines", "budget", "sixty"] {
        on(&index).args(["search", q]).assert().success();
    }
}

fn export_ids(index: &std::path::Path) -> Vec<String> {
    let out = on(index).arg("export").assert().success();
    json_lines(&out.get_output().stdout)
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn killed_runs_leave_a_usable_index_and_the_next_run_completes_it() {
    const N: usize = 1500;
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    articles(&corpus, N, 7);
    let index = dir.path().join("index");
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    eprintln!("kill test seed {seed}");
    let mut rng = Rng::new(seed);
    for round in 0..8 {
        let mut child = spawn_index(&index, &["--commit-interval", "0.05"], &corpus);
        std::thread::sleep(Duration::from_millis(20 + rng.below(400)));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        if !index.join("meta.json").exists() {
            continue; // killed before the index was created
        }
        let ids = export_ids(&index);
        let unique: std::collections::BTreeSet<&String> = ids.iter().collect();
        assert_eq!(
            unique.len(),
            ids.len(),
            "round {round}: duplicate ids after a kill (seed {seed})"
        );
        assert!(ids.len() <= N);
        on(&index)
            .args(["stats", "--format", "json"])
            .assert()
            .success();
    }
    on(&index).arg("index").arg(&corpus).assert().success();
    let ids = export_ids(&index);
    let unique: std::collections::BTreeSet<&String> = ids.iter().collect();
    assert_eq!((ids.len(), unique.len()), (N, N), "seed {seed}");
}

#[test]
fn a_second_writer_gets_a_clear_message_and_readers_keep_working() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    articles(&corpus, 1200, 11);
    let index = dir.path().join("index");
    on(&index)
        .arg("index")
        .arg(corpus.join("00"))
        .assert()
        .success();
    let searches_work = || {
        let out = on(&index)
            .args(["search", "budget", "--format", "json"])
            .output()
            .unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    // This test holds the writer's lock itself, as another `newsdex index` would.
    let held = tantivy::Index::open_in_dir(&index)
        .unwrap()
        .writer_with_num_threads::<tantivy::TantivyDocument>(1, 15_000_000)
        .unwrap();
    let out = on(&index)
        .arg("index")
        .arg(corpus.join("01"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(err.contains("another `newsdex index` is writing"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    searches_work();
    // --wait waits while the lock is held, then runs.
    let mut waiting = spawn_index(&index, &["--wait"], &corpus.join("01"));
    std::thread::sleep(Duration::from_millis(700));
    assert!(
        waiting.try_wait().unwrap().is_none(),
        "`index --wait` did not wait for the lock"
    );
    drop(held);
    assert!(waiting.wait().unwrap().success());
    // Searches while a writer commits every 50 ms never fail.
    let mut writer = spawn_index(&index, &["--commit-interval", "0.05"], &corpus);
    while writer.try_wait().unwrap().is_none() {
        searches_work();
    }
    assert!(writer.wait().unwrap().success());
    assert_eq!(export_ids(&index).len(), 1200);
}

#[test]
fn segments_stay_few_over_many_incremental_runs() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source");
    articles(&source, 600, 5);
    let corpus = dir.path().join("corpus");
    let index = dir.path().join("index");
    let mut most = 0;
    for run in 0..30 {
        // Each run adds 20 files and changes one.
        for i in run * 20..run * 20 + 20 {
            let from = source.join(format!("{:02}/{i:05}.txt", i % 10));
            let to = corpus.join(format!("{:02}/{i:05}.txt", i % 10));
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(from, to).unwrap();
        }
        let changed = corpus.join("00/00000.txt");
        let text = std::fs::read_to_string(&changed).unwrap();
        std::fs::write(&changed, format!("{text}\nUpdate {run}.\n")).unwrap();
        on(&index).arg("index").arg(&corpus).assert().success();
        let stats = json_of(&index, &["stats", "--format", "json"]);
        assert_eq!(stats["documents"], (run as u64 + 1) * 20);
        most = most.max(stats["segments"].as_u64().unwrap());
    }
    eprintln!("most segments over 30 runs: {most}");
    assert!(most <= 12, "segments grew to {most}");
}
