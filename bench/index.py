#!/usr/bin/env python3
"""Indexing benchmark: newsdex (files -> index, entities included) beside tantivy-cli
(JSON -> index) on the same stories, in the same run, on the same machine.

usage: bench/index.py [--shared ../shared] [--work bench/work] [--replicas 1] [--threads N]

Builds the corpus with ../shared/tools/make_wire.py (all Reuters-21578 stories, seed 5, in the
print-to-text layout) once, writes the same stories as JSON Lines for tantivy-cli (title, body,
url as stored en_stem text), runs both indexers with the same thread count and prints time,
docs/s, MB/s, peak RSS, index size and the ratio. Needs `tantivy` (cargo install tantivy-cli)
on PATH and a release build of newsdex (cargo build --release).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

TANTIVY_META = {
    "index_settings": {"docstore_compression": "lz4", "docstore_blocksize": 16384},
    "segments": [],
    "schema": [
        {"name": n, "type": "text", "options": {
            "indexing": {"record": "position", "fieldnorms": True, "tokenizer": "en_stem"},
            "stored": True, "fast": False}}
        for n in ("title", "body", "url")
    ],
    "opstamp": 0,
}


def run_measured(cmd, stdin_path=None):
    """Runs cmd under /usr/bin/time -v; returns (seconds, peak RSS bytes)."""
    start = time.perf_counter()
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    r = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdin=stdin, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    secs = time.perf_counter() - start
    if r.returncode != 0:
        sys.exit(f"failed ({r.returncode}): {' '.join(cmd)}\n{r.stderr[-2000:]}")
    rss = next(int(l.split()[-1]) * 1024 for l in r.stderr.splitlines() if "Maximum resident" in l)
    return secs, rss


def du(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--work", default=os.path.join(HERE, "work"))
    ap.add_argument("--replicas", type=int, default=1)
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--newsdex", default=os.path.join(ROOT, "target", "release", "newsdex"))
    ap.add_argument("--tantivy", default=shutil.which("tantivy") or os.path.expanduser("~/.cargo/bin/tantivy"))
    a = ap.parse_args()
    corpus = os.path.join(a.work, f"wire-all-r{a.replicas}")
    if not os.path.isfile(os.path.join(corpus, "truth.jsonl")):
        sgm = sorted(os.path.join(a.shared, "corpora", "reuters21578", f)
                     for f in os.listdir(os.path.join(a.shared, "corpora", "reuters21578")) if f.endswith(".sgm"))
        subprocess.run([sys.executable, os.path.join(a.shared, "tools", "make_wire.py"), corpus] + sgm
                       + ["--n", "100000", "--seed", "5", "--replicas", str(a.replicas)], check=True)
    jsonl = os.path.join(a.work, f"wire-all-r{a.replicas}.jsonl")
    if not os.path.isfile(jsonl):
        with open(os.path.join(corpus, "truth.jsonl")) as src, open(jsonl, "w") as out:
            for line in src:
                t = json.loads(line)
                out.write(json.dumps({"title": t["title"], "body": "\n\n".join(t["body_paragraphs"]),
                                      "url": t["url"]}) + "\n")
    articles = os.path.join(corpus, "articles")
    files = [os.path.join(d, f) for d, _, fs in os.walk(articles) for f in fs if f.endswith(".txt")]
    n_docs, corpus_bytes = len(files), sum(os.path.getsize(f) for f in files)
    rows = []
    # newsdex: files -> index
    nd_index = os.path.join(a.work, "newsdex-index")
    shutil.rmtree(nd_index, ignore_errors=True)
    secs, rss = run_measured([a.newsdex, "--index", nd_index, "index", "--threads", str(a.threads), articles])
    rows.append(("newsdex (files)", secs, rss, du(nd_index)))
    # tantivy-cli: JSON -> index, same threads
    tv_index = os.path.join(a.work, "tantivy-index")
    shutil.rmtree(tv_index, ignore_errors=True)
    os.makedirs(tv_index)
    with open(os.path.join(tv_index, "meta.json"), "w") as f:
        json.dump(TANTIVY_META, f)
    secs, rss = run_measured([a.tantivy, "index", "-i", tv_index, "-t", str(a.threads)], stdin_path=jsonl)
    rows.append(("tantivy-cli (JSON)", secs, rss, du(tv_index)))
    print(f"corpus: {n_docs} articles, {corpus_bytes / 1e6:.1f} MB of article files; {a.threads} threads; "
          f"{os.cpu_count()} cores")
    print(f"{'indexer':20s} {'seconds':>8s} {'docs/s':>9s} {'MB/s':>7s} {'peak RSS':>9s} {'index':>9s}")
    for name, secs, rss, size in rows:
        print(f"{name:20s} {secs:8.2f} {n_docs / secs:9.0f} {corpus_bytes / 1e6 / secs:7.1f} "
              f"{rss / 2**20:7.0f}Mi {size / 2**20:7.1f}Mi")
    print(f"newsdex / tantivy-cli time: {rows[0][1] / rows[1][1]:.2f}x")


if __name__ == "__main__":
    main()
