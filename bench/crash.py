#!/usr/bin/env python3
"""Crash check: kill -9 `newsdex index` at random moments while it indexes a corpus, check
after each kill that the index opens and answers with no duplicate ids, then let a last run
finish and check the exact document count.

usage: bench/crash.py [CORPUS_DIR] [--kills 10] [--bin target/release/newsdex] [--expect N]
CORPUS_DIR defaults to ../shared/corpora/wire-dev/articles (3,000 documents expected).
"""
import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=os.path.join(ROOT, "..", "shared", "corpora", "wire-dev", "articles"))
    ap.add_argument("--kills", type=int, default=10)
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "newsdex"))
    ap.add_argument("--expect", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    a = ap.parse_args()
    rng = random.Random(a.seed)
    print(f"seed {a.seed}")
    with tempfile.TemporaryDirectory() as tmp:
        idx = os.path.join(tmp, "index")
        for k in range(a.kills):
            p = subprocess.Popen([a.bin, "--index", idx, "index", "--commit-interval", "0.1", a.corpus],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            delay = rng.uniform(0.05, 1.5)
            time.sleep(delay)
            p.send_signal(signal.SIGKILL)
            p.wait()
            if not os.path.exists(os.path.join(idx, "meta.json")):
                print(f"kill {k + 1}: after {delay:.2f}s, before the index existed")
                continue
            r = subprocess.run([a.bin, "--index", idx, "export"], capture_output=True, text=True)
            if r.returncode != 0:
                sys.exit(f"kill {k + 1}: export failed: {r.stderr}")
            ids = [json.loads(l)["id"] for l in r.stdout.splitlines() if l.strip()]
            dup = len(ids) - len(set(ids))
            print(f"kill {k + 1}: after {delay:.2f}s, index opens with {len(ids)} documents, {dup} duplicate ids")
            if dup:
                sys.exit("duplicate ids")
        r = subprocess.run([a.bin, "--index", idx, "index", a.corpus], capture_output=True, text=True)
        print(r.stdout.strip())
        r = subprocess.run([a.bin, "--index", idx, "export"], capture_output=True, text=True, check=True)
        ids = [json.loads(l)["id"] for l in r.stdout.splitlines() if l.strip()]
        ok = len(ids) == a.expect and len(set(ids)) == len(ids)
        print(f"final: {len(ids)} documents, {len(ids) - len(set(ids))} duplicate ids, expected {a.expect}: "
              f"{'OK' if ok else 'FAIL'}")
        sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
