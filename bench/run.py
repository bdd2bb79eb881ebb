#!/usr/bin/env python3
"""newsdex benchmark suite: indexing and querying beside tantivy-cli, SQLite FTS5 and ripgrep,
in the same run on the same machine.

usage: bench/run.py [--replicas R] [--threads N] [--skip-rg] [--queries-only] [--stage DIR]
                    [--shared ../shared] [--work bench/work]

Corpus: every distinct Reuters-21578 story (~18.1k) in the print-to-text layout, made by
../shared/tools/make_wire.py (--n 100000 --seed 5, --replicas R: R=10 gives ~181k articles).
Indexing: newsdex (files -> index, entities included), tantivy-cli (the same stories as JSON:
title, body, url as stored en_stem text, same threads), SQLite FTS5 (porter tokenizer, python3's
sqlite3): seconds, docs/s, MB/s of article files, peak RSS, size on disk, and each round's
newsdex/tantivy-cli ratio of wall and CPU time. The inputs are copied to an in-memory folder
(--stage, default /dev/shm); without one, each indexer's input is read right before its run.
Querying: bench/queries.tsv (100 queries: words, phrases, person and date filters, date sort),
top 10 with snippets: newsdex in-process p50/p99 (benches/query.rs) and whole-process median,
FTS5 in-process (bm25 + snippet) p50/p99, ripgrep whole-process median. --queries-only runs the
queries on the indexes a previous run left in the work folder.
Needs: cargo build --release; tantivy on PATH (cargo install tantivy-cli, without --locked); rg (ripgrep).
"""
import argparse
import atexit
import concurrent.futures
import json
import os
import re
import shutil
import sqlite3
import statistics
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

FTS_LOADER = r"""
import json, sqlite3, sys, resource
db, jsonl = sys.argv[1], sys.argv[2]
con = sqlite3.connect(db)
con.execute("PRAGMA journal_mode=OFF")
con.execute("PRAGMA synchronous=OFF")
con.execute("CREATE VIRTUAL TABLE docs USING fts5(title, body, url UNINDEXED, date UNINDEXED, tokenize='porter')")
with open(jsonl) as f:
    rows = ((d["title"], d["body"], d["url"], d["date"] or "") for d in map(json.loads, f))
    con.executemany("INSERT INTO docs VALUES (?, ?, ?, ?)", rows)
con.commit()
con.execute("INSERT INTO docs(docs) VALUES('optimize')")
con.commit()
"""


def measured(cmd, stdin_path=None, env=None):
    """Runs cmd under /usr/bin/time -v: (seconds, peak RSS bytes, stdout, CPU seconds)."""
    start = time.perf_counter()
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    r = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdin=stdin, capture_output=True, text=True, env=env)
    secs = time.perf_counter() - start
    if r.returncode != 0:
        sys.exit(f"failed ({r.returncode}): {' '.join(cmd)}\n{r.stderr[-3000:]}")
    rss = next(int(l.split()[-1]) * 1024 for l in r.stderr.splitlines() if "Maximum resident" in l)
    cpu = sum(float(l.split()[-1]) for l in r.stderr.splitlines()
              if "User time (seconds)" in l or "System time (seconds)" in l)
    return secs, rss, r.stdout, cpu


def du(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def pct(values, p):
    v = sorted(values)
    return v[round((len(v) - 1) * p)]


def make_corpus(a):
    corpus = os.path.join(a.work, f"wire-all-r{a.replicas}")
    if not os.path.isfile(os.path.join(corpus, "truth.jsonl")):
        src = os.path.join(a.shared, "corpora", "reuters21578")
        sgm = sorted(os.path.join(src, f) for f in os.listdir(src) if f.endswith(".sgm"))
        subprocess.run([sys.executable, os.path.join(a.shared, "tools", "make_wire.py"), corpus] + sgm
                       + ["--n", "100000", "--seed", "5", "--replicas", str(a.replicas)], check=True)
    jsonl = corpus + ".jsonl"
    if not os.path.isfile(jsonl):
        with open(os.path.join(corpus, "truth.jsonl")) as src, open(jsonl, "w") as out:
            for line in src:
                t = json.loads(line)
                out.write(json.dumps({"title": t["title"], "body": "\n\n".join(t["body_paragraphs"]),
                                      "url": t["url"], "date": t["date"]}) + "\n")
    return corpus, jsonl


def fts_query(q, opts):
    """The FTS5 form of a newsdex query line: MATCH expression, WHERE, ORDER BY."""
    terms = []
    for tok in re.findall(r'"[^"]*"|\S+', q):
        if tok.startswith('"'):
            terms.append(tok)
        elif tok.startswith("-"):
            terms.append(("NOT", tok[1:]))
        else:
            w = tok.lstrip("+").rstrip("~")
            if w.startswith("title:"):
                terms.append("title : " + w[6:])
            else:
                terms.append(w if w.endswith("*") else '"' + w + '"')
    pos = [t for t in terms if isinstance(t, str)]
    neg = [t[1] for t in terms if isinstance(t, tuple)]
    words = opts.split()
    where, order, person = [], "bm25(docs)", []
    for k, v in zip(words[::2], words[1::2]):
        if k == "--person":
            person.append('"' + v + '"')
        elif k == "--from":
            where.append(f"date >= '{v}'")
        elif k == "--to":
            where.append(f"date <= '{v}-31'")
        elif k == "--sort":
            order = "date DESC"
    match = " OR ".join(pos)
    if person:
        match = " AND ".join(([f"({match})"] if match else []) + person)
    if neg and match:
        match = f"({match}) NOT " + " NOT ".join(neg)
    return match, where, order


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--work", default=os.path.join(HERE, "work"))
    ap.add_argument("--replicas", type=int, default=1)
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=3, help="indexing runs per indexer (median shown)")
    ap.add_argument("--skip-rg", action="store_true")
    ap.add_argument("--skip-tantivy", action="store_true")
    ap.add_argument("--queries-only", action="store_true", help="query the indexes a previous run left")
    ap.add_argument("--stage", default="/dev/shm",
                    help="in-memory folder (tmpfs) to copy the inputs to first; '' reads them where they are")
    ap.add_argument("--newsdex", default=os.path.join(ROOT, "target", "release", "newsdex"))
    ap.add_argument("--tantivy", default=shutil.which("tantivy") or os.path.expanduser("~/.cargo/bin/tantivy"))
    a = ap.parse_args()
    a.repeat = max(1, a.repeat)
    os.makedirs(a.work, exist_ok=True)
    corpus, jsonl = make_corpus(a)
    articles = os.path.join(corpus, "articles")
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "queries.tsv")) as f:
        queries = [l.rstrip("\n").split("\t", 1) for l in f if l.strip()]
    machine = (f"machine: {os.cpu_count()} cores, "
               f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB")
    nd_index = os.path.join(a.work, f"newsdex-r{a.replicas}")
    tv_index = os.path.join(a.work, f"tantivy-r{a.replicas}")
    fts_db = os.path.join(a.work, f"fts5-r{a.replicas}.db")
    if a.queries_only:
        missing = [p for p in (nd_index, fts_db) if not os.path.exists(p)]
        if missing:
            sys.exit(f"--queries-only: no index at {', '.join(missing)}; run without it first")
        # The index says how many documents it holds; walking a million files to count them
        # would take longer than the queries.
        stats = subprocess.run([a.newsdex, "--index", nd_index, "stats", "--format", "json"],
                               capture_output=True, text=True, check=True)
        print(f"{machine}; index: {json.loads(stats.stdout)['documents']} documents of {articles}")
        query(a, queries, nd_index, fts_db, articles)
        return

    files = [os.path.join(d, f) for d, _, fs in os.walk(articles) for f in fs if f.endswith(".txt")]
    n_docs, corpus_bytes = len(files), sum(os.path.getsize(f) for f in files)
    print(f"{machine}; corpus: {n_docs} articles, {corpus_bytes / 1e6:.1f} MB of article files; "
          f"{a.threads} threads")
    staged = stage(a, articles, jsonl, files, corpus_bytes)
    if staged:
        articles, jsonl, files = staged

    # Inputs left on disk are read right before each indexer's timed run, many files at a
    # time: a run that reads its files from disk measures the disk (many small files against
    # one JSON file), not the indexer. How long each read took tells how much was still cached.
    # A staged copy cannot leave memory, so it is not read again.
    def read_through(path):
        with open(path, "rb") as f:
            while f.read(1 << 20):
                pass

    def warm(paths):
        start = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(16) as pool:
            list(pool.map(read_through, paths, chunksize=256))
        return time.perf_counter() - start

    if not staged:
        print(f"inputs read once to warm the page cache: {warm(files + [jsonl]):.1f} s")

    # Before each run its input is read again (unless staged), and the last run's writes go to
    # disk (`sync`): a commit's fsync must not wait for the index another indexer just wrote.
    # Returns how long the read took.
    def ready(paths):
        took = 0.0 if staged else warm(paths)
        os.sync()
        return took

    def newsdex():
        shutil.rmtree(nd_index, ignore_errors=True)
        return measured([a.newsdex, "--index", nd_index, "index", "--threads", str(a.threads), articles])

    def tantivy():
        shutil.rmtree(tv_index, ignore_errors=True)
        os.makedirs(tv_index)
        with open(os.path.join(tv_index, "meta.json"), "w") as f:
            json.dump(TANTIVY_META, f)
        return measured([a.tantivy, "index", "-i", tv_index, "-t", str(a.threads)], stdin_path=jsonl)

    def fts5():
        if os.path.exists(fts_db):
            os.remove(fts_db)
        return measured([sys.executable, "-c", FTS_LOADER, fts_db, jsonl])

    # The machine is shared: the indexers take turns, --repeat times, and each row is the run
    # with the median time. Each round's newsdex and tantivy-cli runs follow each other under
    # the same load, so their ratio (wall and CPU time) is steadier than that of the medians.
    runs = {"newsdex (files)": [], "tantivy-cli (JSON)": [], "SQLite FTS5 (JSON)": []}
    pairs = []
    rewarm = []
    for _ in range(a.repeat):
        rewarm.append(ready(files))
        nd = newsdex()
        runs["newsdex (files)"].append(nd[:2] + (du(nd_index),))
        if not a.skip_tantivy:
            ready([jsonl])
            tv = tantivy()
            runs["tantivy-cli (JSON)"].append(tv[:2] + (du(tv_index),))
            pairs.append((nd[0] / tv[0], nd[3] / tv[3]))
        ready([jsonl])
        runs["SQLite FTS5 (JSON)"].append(fts5()[:2] + (du(fts_db),))
    if not staged:
        print("article files read again before each newsdex run: "
              + " ".join(f"{t:.1f}" for t in rewarm) + " s")
    rows = []
    for name, rs in runs.items():
        if rs:
            rs.sort(key=lambda r: r[0])
            rows.append((name,) + rs[len(rs) // 2])
    # The queries below use the index of the last newsdex run above.
    print(f"\nindexing (median of {a.repeat} alternating runs)")
    print(f"{'':22s} {'seconds':>8s} {'docs/s':>9s} {'MB/s':>7s} {'peak RSS':>9s} {'on disk':>9s} {'vs newsdex':>10s}")
    for name, secs, rss, size in rows:
        print(f"{name:22s} {secs:8.2f} {n_docs / secs:9.0f} {corpus_bytes / 1e6 / secs:7.1f} "
              f"{rss / 2**20:7.0f}Mi {size / 2**20:7.1f}Mi {secs / rows[0][1]:9.2f}x")
    print(f"newsdex index size / corpus bytes: {rows[0][3] / corpus_bytes:.2f}")
    if pairs:
        for i, what in ((0, "wall"), (1, "CPU")):
            each = [p[i] for p in pairs]
            print(f"newsdex / tantivy-cli {what} time, each round: "
                  f"{' '.join(f'{r:.2f}' for r in each)} (median {statistics.median(each):.2f})")
        # On a shared virtual machine a run can only be slowed down, never sped up, by what
        # else the host is doing (even its CPU time grows when the host takes the core away),
        # so the fastest run of each is the least disturbed measure of the two.
        fastest = min(r[0] for r in runs["newsdex (files)"]) / min(r[0] for r in runs["tantivy-cli (JSON)"])
        print(f"newsdex / tantivy-cli, fastest run of each: {fastest:.2f}")
    query(a, queries, nd_index, fts_db, articles)


def stage(a, articles, jsonl, files, corpus_bytes):
    """Copies the article files and the JSON file to the in-memory folder `a.stage`, and returns
    the copies' (articles, jsonl, files), or None when there is no such folder or room in it.
    The page cache does not keep inputs for the timed runs on this project's machine: its
    kernel pages out file pages that went unread for about a minute (DAMON reclaim), even
    between a read of all inputs and the run right after it, so newsdex, reading many small
    files, was timed waiting on the disk while tantivy-cli read one file in order. A tmpfs with no swap behind it cannot page its files out. The copy is removed
    when the suite ends."""
    if not a.stage or not os.path.isdir(a.stage):
        print("inputs read where they are (no staging folder)")
        return None
    # A tmpfs page holds one small file: about 4 KiB for each article, beside the JSON.
    need = 4096 * len(files) + corpus_bytes + 2 * os.path.getsize(jsonl)
    if shutil.disk_usage(a.stage).free < 2 * need:
        print(f"inputs read where they are: {a.stage} has less than {2 * need / 2**30:.1f} GiB free")
        return None
    root = os.path.join(a.stage, f"newsdex-bench-{os.getpid()}")
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    start = time.perf_counter()
    staged = os.path.join(root, "articles")
    copy_tree(articles, staged)
    staged_jsonl = os.path.join(root, os.path.basename(jsonl))
    shutil.copyfile(jsonl, staged_jsonl)
    print(f"inputs copied to {root} (in memory): {time.perf_counter() - start:.1f} s")
    return staged, staged_jsonl, [os.path.join(staged, os.path.relpath(f, articles)) for f in files]


def copy_tree(src, dst):
    """Copies the folder `src` to `dst`, files sixteen at a time: one at a time, as
    `shutil.copytree` does, a million small files not in the page cache took 35 minutes to read
    from this machine's disk."""
    pairs = []
    for d, _, names in os.walk(src):
        out = os.path.join(dst, os.path.relpath(d, src))
        os.makedirs(out, exist_ok=True)
        pairs += [(os.path.join(d, n), os.path.join(out, n)) for n in names]
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda p: shutil.copyfile(*p), pairs, chunksize=256))


def query(a, queries, nd_index, fts_db, articles):
    print("\nquerying (100 queries, top 10 with snippets)")
    r = subprocess.run(["cargo", "bench", "-q", "--bench", "query", "--", nd_index, os.path.join(HERE, "queries.tsv"),
                        str(a.rounds)], cwd=ROOT, capture_output=True, text=True)
    print("newsdex in-process:   " + (r.stdout.strip().splitlines() or [r.stderr[-500:]])[-1])
    whole = []
    for q, o in queries:
        args = [a.newsdex, "--index", nd_index, "search"] + ([q] if q else []) + o.split() + ["--format", "json"]
        for _ in range(3):
            t = time.perf_counter()
            subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            whole.append((time.perf_counter() - t) * 1e3)
    print(f"newsdex whole process: median {statistics.median(whole):.1f} ms  p99 {pct(whole, 0.99):.1f} ms")
    con = sqlite3.connect(fts_db)
    times = []
    for _ in range(max(1, a.rounds // 2)):
        for q, o in queries:
            match, where, order = fts_query(q, o)
            sql = "SELECT url, title, snippet(docs, 1, '[', ']', '…', 24) FROM docs"
            conds = ([f"docs MATCH ?"] if match else []) + where
            if conds:
                sql += " WHERE " + " AND ".join(conds)
            sql += f" ORDER BY {order} LIMIT 10"
            t = time.perf_counter()
            try:
                con.execute(sql, (match,) if match else ()).fetchall()
            except sqlite3.OperationalError as e:
                print(f"  fts5 rejected {q!r}: {e}")
            times.append((time.perf_counter() - t) * 1e3)
    print(f"SQLite FTS5 in-process: p50 {pct(times, 0.5):.2f} ms  p99 {pct(times, 0.99):.2f} ms  "
          f"mean {statistics.mean(times):.2f} ms")
    if not a.skip_rg:
        rg = []
        for q, o in queries:
            pattern = q.strip('"') or o.split()[1]
            pattern = re.sub(r"[*~+\-]|title:", "", pattern).strip() or "the"
            t = time.perf_counter()
            subprocess.run(["rg", "-i", "-m1", "--max-columns", "240", "-F", "-e", pattern, articles],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            rg.append((time.perf_counter() - t) * 1e3)
        print(f"ripgrep whole process: median {statistics.median(rg):.1f} ms  p99 {pct(rg, 0.99):.1f} ms")


if __name__ == "__main__":
    main()
