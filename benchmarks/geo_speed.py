"""How much the toponym component adds to the bare spaCy model's time, on N Guardian articles.

    python benchmarks/geo_speed.py [N]

Parses the articles once with the bare model (timed), then runs only the toponym component over
the parsed docs (timed), and prints both and their ratio.
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "news" / "guardian_sdf_sample.csv"


def main(n: int = 40) -> None:
    from sitrep.geo.component import ToponymResolver
    from sitrep.geo.gazetteer import get_gazetteer
    from sitrep.geo.recognize import RecognizeConfig
    from sitrep.geo.resolve import ResolveConfig
    from sitrep.nlp.pipeline import load_model

    csv.field_size_limit(10**8)
    with open(DATA, encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)][:n]
    nlp = load_model()
    get_gazetteer()
    list(nlp.pipe(texts[:2]))
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts))
    t_model = time.perf_counter() - t0
    resolver = ToponymResolver(RecognizeConfig(), ResolveConfig())
    t0 = time.perf_counter()
    for doc in docs:
        resolver(doc)
    t_geo = time.perf_counter() - t0
    tokens = sum(len(d) for d in docs)
    print(
        f"{len(docs)} articles, {tokens} tokens: model {t_model:.2f} s, toponyms {t_geo:.2f} s "
        f"(+{100 * t_geo / t_model:.1f}%)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)
