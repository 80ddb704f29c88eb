#!/usr/bin/env python3
"""Tools of a helper that gathers a held-out set of real document names (see
fixtures/real-names/README.md): whether a source was cited before, adding candidate rows, and
the fixed trimming of HELDOUT6.md.

    scripts/heldout.py check SOURCE...      # URL, code-id:ID or a bare code id
    scripts/heldout.py add < rows.tsv       # name<TAB>label<TAB>kind<TAB>source
    scripts/heldout.py trim SEED            # writes heldout.tsv and trimmed.tsv

A set is gathered in its own folder, named by SETDIR (default: the current folder); helpers
working at once keep their folders side by side (`heldout57/`, `heldout58/` …), and each
refuses what the others' `candidates.tsv` hold. "Cited before" means: in any `.tsv` or note of
fixtures/real-names (the earlier sets, the names learnt from, train.tsv), or in another
helper's candidates. The script only reads the repository; it writes in SETDIR alone.
"""
import glob
import os
import random
import re
import sys
from collections import Counter

REAL_NAMES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "real-names")
KINDS = ("file", "folder", "title-in-list")


def set_dir():
    return os.path.abspath(os.environ.get("SETDIR") or os.getcwd())


def rows_of(path):
    """The rows of a names file, without its header."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            cells = line.rstrip("\n").split("\t")
            if (i == 0 and cells[0] == "name") or not cells[0]:
                continue
            rows.append(cells)
    return rows


def earlier_files():
    """Every names file a new set must not repeat: the fixtures' and the other helpers'."""
    files = glob.glob(os.path.join(REAL_NAMES, "*.tsv"))
    own = set_dir()
    for f in glob.glob(os.path.join(os.path.dirname(own), "heldout*", "candidates.tsv")):
        if os.path.abspath(os.path.dirname(f)) != own:
            files.append(f)
    return files


def earlier_text():
    """The text of every note and names file: trimmed rows and skipped sources are named there."""
    paths = glob.glob(os.path.join(REAL_NAMES, "*.md")) + earlier_files()
    return "\n".join(open(p, encoding="utf-8").read() for p in paths)


def plain_source(source):
    return re.sub(r"^https?://", "", source.strip()).rstrip("/")


def earlier_sources():
    sources = set()
    for path in earlier_files():
        for cells in rows_of(path):
            if len(cells) >= 4:
                sources.update(plain_source(s) for s in cells[3].split(" ; "))
    return sources


def check(args):
    sources, text = earlier_sources(), earlier_text()
    for arg in args:
        source = plain_source(f"code-id:{arg}" if arg.isdigit() else arg)
        bare = source.split(":", 1)[1] if source.startswith("code-id:") else source
        if source in sources:
            print(f"CITED BEFORE (in a set): {arg}")
        elif re.search(r"(?<!\d)" + re.escape(bare) + r"(?!\d)", text) if bare.isdigit() else bare in text:
            print(f"CITED BEFORE (named in an earlier note or list): {arg}")
        elif not source.startswith("code-id:") and text.count(source.split("/", 1)[0]):
            host = source.split("/", 1)[0]
            print(f"new, but its site {host} is named in earlier sets or notes: make sure this page "
                  f"is not one of them (grep -rn '{host}' {os.path.normpath(REAL_NAMES)})")
        else:
            print(f"new: {arg}")


def add(lines):
    os.makedirs(set_dir(), exist_ok=True)
    candidates = os.path.join(set_dir(), "candidates.tsv")
    known = {cells[0] for path in earlier_files() for cells in rows_of(path)}
    text, sources = earlier_text(), earlier_sources()
    mine = {cells[0] for cells in rows_of(candidates)} if os.path.exists(candidates) else set()
    added = 0
    with open(candidates, "a", encoding="utf-8") as out:
        for line in lines:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            cells = line.split("\t")
            if len(cells) != 4 or cells[2] not in KINDS:
                print(f"REFUSED (need name<TAB>label<TAB>{'|'.join(KINDS)}<TAB>source): {line}")
            elif cells[0] in known or f"`{cells[0]}`" in text:
                print(f"REFUSED (name in an earlier set, list or note, or another helper's): {cells[0]}")
            elif cells[0] in mine:
                print(f"REFUSED (already a candidate): {cells[0]}")
            elif any(plain_source(s) in sources for s in cells[3].split(" ; ")):
                print(f"REFUSED (source cited before): {cells[3]}")
            else:
                out.write(line + "\n")
                mine.add(cells[0])
                added += 1
    print(f"added {added}; candidates now {len(mine)}")


def trim(seed):
    """HELDOUT6.md's procedure, candidates in collection order, one `random.Random(seed)`:
    at most 12 rows per source, 5 per label string, then rows drawn until 40% are catalogue
    names (file rows are never cut; a catalogue draw only from labels with more than two rows)."""
    rnd = random.Random(seed)
    here = set_dir()
    rows = rows_of(os.path.join(here, "candidates.tsv"))
    trimmed = []

    def cut(step, indexes):
        for i in sorted(indexes, reverse=True):
            trimmed.append((step, rows.pop(i)))

    def cap(step, key, limit, counted):
        groups = {}
        for i, r in enumerate(rows):
            if counted(r):
                groups.setdefault(key(r), []).append(i)
        cut(step, [i for g in groups.values() if len(g) > limit for i in rnd.sample(g, len(g) - limit)])

    cap("page cap", lambda r: r[3], 12, lambda r: True)
    cap("label cap", lambda r: r[1], 5, lambda r: r[1] != "none")
    while rows:
        catalogue = [i for i, r in enumerate(rows) if r[1] != "none"]
        others = [i for i, r in enumerate(rows) if r[1] == "none"]
        share = len(catalogue) / len(rows)
        if abs(share - 0.4) < 0.01 or (share < 0.4 and len(others) <= len(catalogue) * 1.5):
            break
        if share < 0.4:
            pool = [i for i in others if rows[i][2] != "file"]
        else:
            labels = Counter(rows[i][1] for i in catalogue)
            pool = [i for i in catalogue if rows[i][2] != "file" and labels[rows[i][1]] > 2]
        if not pool:
            break
        cut("balance", [rnd.choice(pool)])
    with open(os.path.join(here, "heldout.tsv"), "w", encoding="utf-8") as f:
        f.write("name\tlabel\tkind\tsource\n")
        f.writelines("\t".join(r) + "\n" for r in rows)
    with open(os.path.join(here, "trimmed.tsv"), "w", encoding="utf-8") as f:
        f.writelines(step + "\t" + "\t".join(r) + "\n" for step, r in trimmed)
    kept = sum(1 for r in rows if r[1] != "none")
    steps = dict(Counter(step for step, _ in trimmed))
    print(f"kept {len(rows)}: {kept} catalogue, {len(rows) - kept} none; trimmed {len(trimmed)} {steps}")


def main(argv):
    if len(argv) >= 2 and argv[1] == "check":
        check(argv[2:])
    elif len(argv) == 2 and argv[1] == "add":
        add(sys.stdin)
    elif len(argv) == 3 and argv[1] == "trim" and argv[2].isdigit():
        trim(int(argv[2]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
