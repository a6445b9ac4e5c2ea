"""Run every evaluation on the gold files in ../shared/data and print one Markdown table per kind.

    python scripts/eval_all.py                 # every file, in full
    python scripts/eval_all.py --limit 500     # the first 500 documents of each (quick look)

Each row names the file it was measured on; the same figures come from `sitrep eval KIND PATH --json`.
The ACLED training files are scored on their held-out tenth (`--held-out`), which no trained model reads;
global_2020_05.csv is held out whole and scored in full.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sitrep.cli.evaluate import run_evaluation

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"

#: (kind, file, held-out split only)
RUNS = [
    ("case2021", "case2021-task2/dev.tsv", False),
    ("acled", "acled/global_2020_05.csv", False),
    ("acled", "acled/afghanistan_2020_03.csv", True),
    ("acled", "acled/africa_2016_old_taxonomy.csv", True),
    ("acled", "acled/extra_2004_2024.csv.gz", True),
    ("gwn", "geoparsing/GWN.xml", False),
    ("geoxml", "geoparsing/lgl.xml", False),
    ("event-location", "event_location/labeled_text.jsonl.gz", False),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N documents of each file")
    parser.add_argument("--kind", action="append", help="only these kinds (repeatable)")
    parser.add_argument("--skip", action="append", default=[], help="leave out files whose path has this")
    parser.add_argument("--jsonl", type=Path, help="also append each result as a JSON line to this file")
    args = parser.parse_args()
    for kind, relative, held_out in RUNS:
        if (args.kind and kind not in args.kind) or any(part in relative for part in args.skip):
            continue
        result = run_evaluation(kind, DATA / relative, limit=args.limit, held_out=held_out)
        if args.jsonl:
            with args.jsonl.open("a", encoding="utf-8") as out:
                out.write(json.dumps(result) + "\n")
        scope = " held-out tenth" if held_out else ""
        print(f"\n{kind} — {relative}{scope}" + (f" (first {args.limit})" if args.limit else ""))
        print("| metric | value |\n|---|---|")
        for key, value in result.items():
            if key not in ("kind", "file"):
                print(f"| {key} | {value} |")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
