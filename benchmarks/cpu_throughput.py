"""Extraction throughput in words per CPU-second: steadier than ``sitrep bench`` on a shared machine.

    python benchmarks/cpu_throughput.py [N] [--spacy]

Runs the full extraction (or, with ``--spacy``, the bare spaCy model) over the first N Guardian articles
(default 80) and prints words per CPU-second of this process and words per wall-clock second. Wall time
counts the time other processes take from this one; CPU time does not, so two versions measured on a busy
machine compare fairly. It uses only long-standing entry points, so an older checkout can be measured too:

    PYTHONPATH=/path/to/old/checkout/src python benchmarks/cpu_throughput.py 80
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "news" / "guardian_sdf_sample.csv"


def main(n: int = 80, spacy_only: bool = False) -> dict[str, float | int | str]:
    from sitrep.bench import load_articles

    articles = load_articles(DATA, n)
    words = sum(len(a.text.split()) for a in articles)
    events = 0
    if spacy_only:
        from sitrep.nlp.pipeline import load_model

        nlp = load_model()
        cpu, wall = time.process_time(), time.perf_counter()
        for _doc in nlp.pipe((a.text for a in articles), batch_size=32):
            pass
    else:
        from sitrep.extract import extract
        from sitrep.nlp.pipeline import load_pipeline

        nlp = load_pipeline()
        nlp(articles[0].text[:200])  # lazy loads (gazetteer, classifier, sentence model) out of the timing
        cpu, wall = time.process_time(), time.perf_counter()
        events = sum(len(mentions) for _article, mentions in extract(articles, nlp=nlp))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return {
        "measured": "spacy" if spacy_only else "sitrep",
        "articles": len(articles),
        "words": words,
        "events": events,
        "words_per_cpu_second": round(words / cpu, 1),
        "words_per_wall_second": round(words / wall, 1),
    }


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    print(json.dumps(main(int(args[0]) if args else 80, "--spacy" in sys.argv)))
