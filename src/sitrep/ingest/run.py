"""``sitrep ingest``: sources -> articles -> (dedup) -> extraction -> store, resumable.

Every article is stored in its own transaction right after extraction, so killing an ingest loses
only the articles in flight, and the next run skips everything already stored (content ids) and
near-duplicates of it (MinHash signatures kept in the store).

The extraction function defaults to ``sitrep.extract.extract``; tests pass their own, or name one in
the environment variable ``SITREP_EXTRACTOR`` as ``module:function`` (used by subprocess tests).
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import InputError, SitrepError
from ..records import Article, EventMention
from ..store import Store
from .dedup import DedupOptions, NearDuplicateIndex
from .sources import iter_sources

__all__ = ["EXTRACTOR_ENV", "IngestStats", "Extractor", "ingest", "resolve_extractor"]

Extractor = Callable[[Iterable[Article]], Iterator[tuple[Article, list[EventMention]]]]
EXTRACTOR_ENV = "SITREP_EXTRACTOR"


@dataclass
class IngestStats:
    """What one ingest did."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0  # already stored, or repeated in this run
    near_duplicates: int = 0  # stored as a link to their original, no extraction
    failed: int = 0
    mentions: int = 0

    @property
    def skipped(self) -> int:
        return self.duplicates + self.near_duplicates

    def summary(self, events_total: int | None = None) -> str:
        line = (
            f"{self.read} articles read: {self.stored} stored, {self.skipped} skipped as duplicates "
            f"({self.near_duplicates} near-duplicates), {self.failed} failed; {self.mentions} events found"
        )
        if events_total is not None:
            line += f"; {events_total} events in the database"
        return line


def resolve_extractor(extractor: Extractor | None = None) -> Extractor:
    """The given extractor, else the one named in ``SITREP_EXTRACTOR``, else ``sitrep.extract.extract``."""
    if extractor is not None:
        return extractor
    spec = os.environ.get(EXTRACTOR_ENV)
    if spec:
        module, _, name = spec.partition(":")
        try:
            return getattr(importlib.import_module(module), name or "extract")  # type: ignore[no-any-return]
        except (ImportError, AttributeError) as exc:
            raise SitrepError(f"{EXTRACTOR_ENV}={spec!r} names no function; use module:function") from exc
    from ..extract import extract

    return extract


class _Progress:
    def __init__(self, enabled: bool) -> None:
        self.bar: Any = None
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(unit=" articles", file=sys.stderr, dynamic_ncols=True, leave=False)

    def tick(self, stats: IngestStats) -> None:
        if self.bar is not None:
            self.bar.update(1)
            postfix = {"stored": stats.stored, "duplicates": stats.skipped, "failed": stats.failed}
            self.bar.set_postfix(dict(postfix, events=stats.mentions), refresh=False)

    def write(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def ingest(
    sources: Iterable[str],
    store: Store,
    *,
    extractor: Extractor | None = None,
    dedup: DedupOptions | None = None,
    progress: bool = False,
    on_error: Callable[[InputError], None] | None = None,
    fetch: Callable[[str], bytes] | None = None,
) -> IngestStats:
    """Read ``sources`` into ``store``; returns the counts. Input errors are reported, not raised."""
    extract = resolve_extractor(extractor)
    index = NearDuplicateIndex(dedup)
    index.load(store.signatures())
    stats = IngestStats()
    bar = _Progress(progress)
    report = on_error or (lambda exc: bar.write(f"Error: {exc}"))
    seen: set[str] = set()
    pending: dict[str, bytes] = {}  # article id -> signature, handed to the extractor, not stored yet
    waiting: dict[str, list[tuple[Article, float, bytes]]] = {}  # original id -> its near-duplicates

    def store_copy(copy: Article, original: str, similarity: float, signature: bytes) -> None:
        if store.add_article(copy, duplicate_of=original, similarity=similarity, signature=signature):
            stats.near_duplicates += 1
        else:
            stats.duplicates += 1

    def fresh() -> Iterator[Article]:
        for _origin, item in iter_sources(sources, **({"fetch": fetch} if fetch else {})):
            if isinstance(item, InputError):
                stats.failed += 1
                report(item)
                bar.tick(stats)
                continue
            stats.read += 1
            aid = item.article_id
            if aid in seen or store.has_article(aid):
                stats.duplicates += 1
                bar.tick(stats)
                continue
            seen.add(aid)
            mh = index.signature(item.text)
            signature = index.to_bytes(mh)
            hit = index.find(mh)
            if hit is not None:
                original, similarity = hit
                if original in pending:
                    waiting.setdefault(original, []).append((item, similarity, signature))
                else:
                    store_copy(item, original, similarity, signature)
                bar.tick(stats)
                continue
            index.add(aid, mh)
            pending[aid] = signature
            yield item

    try:
        for article, mentions in extract(fresh()):
            aid = article.article_id
            if store.add_article(article, mentions, signature=pending.pop(aid, None)):
                stats.stored += 1
                stats.mentions += len(mentions)
            else:
                stats.duplicates += 1
            for copy, similarity, signature in waiting.pop(aid, []):
                store_copy(copy, aid, similarity, signature)
            bar.tick(stats)
        for original, copies in waiting.items():  # originals the extractor never returned
            for copy, _sim, _sig in copies:
                stats.failed += 1
                report(
                    InputError(
                        copy.source_path or copy.article_id,
                        f"near-duplicate of {original}, which was not stored",
                        "ingest it again",
                    )
                )
    finally:
        bar.close()
    return stats
