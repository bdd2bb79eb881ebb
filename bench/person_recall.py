#!/usr/bin/env python3
"""Person-filter recall on wire-dev: how many stories tagged with a person are found by
`newsdex search --person SURNAME`.

usage: bench/person_recall.py [--bin target/release/newsdex] [--shared ../shared] [--misses N]

Indexes `corpora/wire-dev/articles` into a temporary index with the given binary. A story
counts when its `reuters_people` tag (a lowercase surname such as `reagan`) occurs as a word in
its title or body (truth.jsonl), or for a tag of several words (`james-baker`, `de-clercq`) when
its words occur in a row; it is found when `newsdex search --person TAG` (hyphens made spaces)
returns it.
One search per distinct tag. Prints up to --misses missed stories (tag, path, the sentence
naming the person) to stderr, and the figure last: `person filter recall: X/Y = Z`.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def tag_pattern(tag):
    """`reagan` as a word; `james-baker` as its words in a row, joined by spaces or hyphens."""
    return r"\b" + r"[\s-]+".join(map(re.escape, tag.split("-"))) + r"\b"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "newsdex"))
    ap.add_argument("--shared", default=os.environ.get("NEWSDEX_SHARED", os.path.join(ROOT, "..", "shared")))
    ap.add_argument("--misses", type=int, default=20)
    args = ap.parse_args()
    wire = os.path.join(args.shared, "corpora", "wire-dev")
    articles = os.path.join(wire, "articles")

    by_tag = defaultdict(list)  # tag -> [(path, text)]
    for line in open(os.path.join(wire, "truth.jsonl"), encoding="utf-8"):
        d = json.loads(line)
        text = d["title"] + "\n\n" + "\n\n".join(d["body_paragraphs"])
        for tag in d.get("reuters_people") or []:
            if re.search(tag_pattern(tag), text, re.IGNORECASE):
                by_tag[tag].append((os.path.realpath(os.path.join(wire, d["path"])), text))

    found = defaultdict(int)  # one word / several words -> found
    total = defaultdict(int)
    misses = []
    with tempfile.TemporaryDirectory() as tmp:
        index = os.path.join(tmp, "index")
        env = dict(os.environ, NEWSDEX_INDEX=index)
        subprocess.run([args.bin, "index", articles], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for tag in sorted(by_tag):
            words = "multi" if "-" in tag else "one"
            r = subprocess.run([args.bin, "search", "--person", tag.replace("-", " "), "--format", "json",
                                "--limit", "1000"], env=env, capture_output=True, text=True)
            if r.returncode not in (0, 1):
                sys.exit(f"search --person {tag} failed: {r.stderr.strip()}")
            hits = json.loads(r.stdout)["hits"] if r.stdout.strip() else []
            got = {os.path.realpath(h["path"]) for h in hits}
            persons = {os.path.realpath(h["path"]): h["persons"] for h in hits}
            for path, text in by_tag[tag]:
                total[words] += 1
                if path in got:
                    found[words] += 1
                else:
                    misses.append((tag, path, text, persons.get(path)))
    for tag, path, text, _ in misses[: args.misses]:
        m = re.search(r"[^.\n]*%s[^.\n]*" % tag_pattern(tag), text, re.IGNORECASE)
        print(f"miss {tag}: {os.path.relpath(path, articles)}: {m.group(0).strip()[:160]}",
              file=sys.stderr)
    def figure(f, t):
        return f"{f}/{t} = {f / t if t else 0.0:.3f}"

    print(f"multi-word tags (james-baker -> --person 'james baker'): "
          f"{figure(found['multi'], total['multi'])}")
    print(f"one-word tags: {figure(found['one'], total['one'])}")
    f, t = found["one"] + found["multi"], total["one"] + total["multi"]
    print(f"person filter recall: {figure(f, t)}")


if __name__ == "__main__":
    main()
