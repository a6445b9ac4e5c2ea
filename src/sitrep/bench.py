"""Throughput of the full extraction and of the bare spaCy model on the same articles.

Each measurement runs in a fresh child process so that its peak resident memory is its own; model
loading is timed apart from processing.
"""

from __future__ import annotations

import multiprocessing
import resource
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .errors import InputError, SitrepError
from .ingest.readers import read_path
from .records import Article

__all__ = ["BenchResult", "bench", "load_articles"]


@dataclass(frozen=True)
class BenchResult:
    name: str
    articles: int
    words: int
    load_seconds: float
    seconds: float
    articles_per_second: float
    words_per_second: float
    peak_rss_mb: float
    events: int


def load_articles(path: Path, limit: int | None = None) -> list[Article]:
    articles = read_path(path)
    if not articles:
        raise InputError(str(path), "no articles", "give a JSONL or CSV file with a text column")
    return articles[:limit] if limit else articles


def _measure(name: str, path: str, limit: int | None, queue: Any) -> None:
    articles = load_articles(Path(path), limit)
    words = sum(len(a.text.split()) for a in articles)
    started = time.perf_counter()
    if name == "sitrep":
        from .extract import extract
        from .nlp.pipeline import load_pipeline

        nlp = load_pipeline()
        nlp(articles[0].text[:200])  # warm the lazy gazetteer/classifier loads into load time
        loaded = time.perf_counter()
        events = sum(len(m) for _a, m in extract(articles, nlp=nlp))
    else:
        from .nlp.pipeline import load_model

        nlp = load_model()
        loaded = time.perf_counter()
        events = 0
        for _doc in nlp.pipe((a.text for a in articles), batch_size=32):
            pass
    done = time.perf_counter()
    seconds = done - loaded
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put(
        BenchResult(
            name=name,
            articles=len(articles),
            words=words,
            load_seconds=round(loaded - started, 2),
            seconds=round(seconds, 2),
            articles_per_second=round(len(articles) / seconds, 2),
            words_per_second=round(words / seconds, 1),
            peak_rss_mb=round(peak_mb, 1),
            events=events,
        )
    )


def bench(path: Path, *, limit: int | None = None) -> dict[str, Any]:
    """Both measurements and the ratio of sitrep's throughput to the bare model's."""
    load_articles(path, limit)  # fail early, in this process, on a bad input
    context = multiprocessing.get_context("spawn")
    results: dict[str, BenchResult] = {}
    for name in ("spacy", "sitrep"):
        queue = context.Queue()
        process = context.Process(target=_measure, args=(name, str(path), limit, queue))
        process.start()
        process.join()
        if process.exitcode != 0 or queue.empty():
            raise SitrepError(
                f"the {name} measurement failed (exit code {process.exitcode}); run it with --limit 5"
            )
        results[name] = queue.get()
    sitrep, spacy = results["sitrep"], results["spacy"]
    return {
        "file": str(path),
        "sitrep": asdict(sitrep),
        "spacy": asdict(spacy),
        "throughput_ratio": round(sitrep.words_per_second / spacy.words_per_second, 3),
        "memory_ratio": round(sitrep.peak_rss_mb / spacy.peak_rss_mb, 3),
    }
