#!/usr/bin/env python
"""Rebuild sitrep's event-type classifier into src/sitrep/classify/data/ (reproducible: fixed seeds).

    python scripts/train_classifier.py [--data-dir ../shared/data] [--out PATH]

Reads ACLED notes (never acled/global_2020_05.csv, the held-out ACLED evaluation file, and no CASE 2021
file), PLOVER gold sentences and sitrep's own template phrases. Writes the joblib artifact and a JSON
report of the training run beside it. The embedding head needs the sentence model of
requirements/model.txt, and fine-tuning its top layers needs torch (`pip install -e '.[train]'`, a CPU
build is enough); sentence embeddings are kept in $SITREP_CACHE_DIR (or ~/.cache/sitrep) unless
--no-cache.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitrep.classify.model import ARTIFACT_PATH  # noqa: E402
from sitrep.classify.training import TrainConfig, build_corpus, fit  # noqa: E402
from sitrep.geo.index import cache_dir  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ARTIFACT_PATH)
    parser.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE", help="override a TrainConfig field"
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="do not keep sentence embeddings between runs"
    )
    args = parser.parse_args(argv)
    import joblib

    config = TrainConfig()
    for item in args.set:
        name, _, value = item.partition("=")
        current = getattr(config, name)
        setattr(
            config,
            name,
            value.lower() in ("1", "true", "yes") if isinstance(current, bool) else type(current)(value),
        )
    started = time.perf_counter()
    examples = build_corpus(args.data_dir, config)
    artifact, report = fit(
        examples,
        config,
        log=lambda m: print(m, file=sys.stderr),
        embedding_cache=None if args.no_cache else cache_dir() / "classifier_embeddings.npz",
    )
    report["training_seconds"] = round(time.perf_counter() - started, 1)
    artifact["info"] = report
    args.out.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(artifact, args.out, compress=3)
    report["artifact_bytes"] = args.out.stat().st_size
    args.out.with_suffix(".json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items() if k not in ("by_label",)}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
