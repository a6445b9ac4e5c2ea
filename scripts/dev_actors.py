"""Development measurement of sitrep's actors and counts on ACLED notes.

    python scripts/dev_actors.py measure PATH [--limit N] [--seed S] [--errors K]
    python scripts/dev_actors.py build-table        # regenerate src/sitrep/nlp/data/actors_acled.tsv

``measure`` strips each note's leading date and coder remarks, then runs ``find_participants`` and
``find_counts`` with the gold event type and gold country as inputs, and prints actor1_type_accuracy,
actor2_type_accuracy and fatalities_exact as one JSON object. ``build-table`` derives the table of ACLED actor
names and their usual actor type from the training files only (never the held-out global file).
"""

from __future__ import annotations

import argparse
import collections
import csv
import gzip
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitrep.records import ACTOR_TYPES  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "acled"
TRAINING_FILES = ("extra_2004_2024.csv.gz", "afghanistan_2020_03.csv")
TABLE = ROOT / "src" / "sitrep" / "nlp" / "data" / "actors_acled.tsv"

_INTER_LABELS = {t.lower(): t for t in ACTOR_TYPES}
_INTER_LABELS.update({"rebel groups": "Rebel group", "political militias": "Political militia",
                      "identity militias": "Identity militia", "external/other forces": "External/Other forces"})
_PERIOD = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")


def inter_type(value: str) -> str | None:
    """An ACLED ``inter`` code (1..8) or label as one of ACTOR_TYPES; None for 0/empty."""
    value = (value or "").strip()
    if value.isdigit():
        n = int(value)
        return ACTOR_TYPES[n - 1] if 1 <= n <= 8 else None
    return _INTER_LABELS.get(value.lower())


def read_rows(path: Path) -> list[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def build_table() -> None:
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for name in TRAINING_FILES:
        for row in read_rows(DATA / name):
            for actor, inter in ((row["actor1"], row["inter1"]), (row["actor2"], row["inter2"])):
                kind = inter_type(inter)
                actor = _PERIOD.sub("", actor or "").strip()
                if actor and kind:
                    counts[actor][kind] += 1
    TABLE.parent.mkdir(parents=True, exist_ok=True)
    with TABLE.open("w", encoding="utf-8", newline="") as out:
        out.write("# ACLED actor names (period suffix removed) and their most frequent actor type, with the\n")
        out.write("# number of events seen; derived by scripts/dev_actors.py build-table from training files.\n")
        out.write("name\ttype\tevents\n")
        for actor, kinds in sorted(counts.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
            total = sum(kinds.values())
            if total < 2:
                continue
            kind, _ = kinds.most_common(1)[0]
            out.write(f"{actor}\t{kind}\t{total}\n")
    print(f"wrote {TABLE}", file=sys.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build-table")
    args = parser.parse_args()
    if args.command == "build-table":
        build_table()
