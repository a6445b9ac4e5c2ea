"""Event-location evaluation on sentences labelled with an event verb and where it happened (JSONL).

The file may be gzipped. Each line: ``text``, ``tokens`` (``start``, ``end``, ``id``) and ``spans``
with ``token_start``, ``token_end`` and ``label`` (``VERB``, the first one is the trigger;
``LOCATION`` zero or more times). Token offsets are used, never the spans' character offsets
(some are broken). Given the gold verb as the trigger, sitrep's
:func:`~sitrep.geo.event_location.choose_event_locations` picks toponyms (or none); the measure is token-level
precision, recall and F1 over the gold LOCATION tokens, summed over the file.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

from ..errors import GoldDataError

__all__ = ["evaluate", "read_records"]


def read_records(path: Path) -> list[dict]:
    """The file's records, checked for the fields the measure needs."""
    if not path.exists():
        raise GoldDataError(f"{path}: no such file; pass a JSONL file of labelled sentences")
    with open(path, "rb") as handle:
        gzipped = handle.read(2) == b"\x1f\x8b"
    opener = gzip.open if gzipped else open
    records = []
    with opener(path, "rt", encoding="utf-8") as handle:
        for n, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldDataError(
                    f"{path}:{n}: not JSON ({exc.msg}); expected one JSON object a line"
                ) from exc
            if not isinstance(rec, dict) or "text" not in rec or "tokens" not in rec or "spans" not in rec:
                raise GoldDataError(
                    f"{path}:{n}: a record needs text, tokens and spans (the labelled-sentence layout)"
                )
            verbs = [s for s in rec["spans"] if s.get("label") == "VERB"]
            if not verbs or any("token_start" not in s or "token_end" not in s for s in rec["spans"]):
                raise GoldDataError(
                    f"{path}:{n}: each record needs a VERB span and token_start/token_end on every span"
                )
            records.append(rec)
    return records


def _token_ids(tokens: list[dict], start_char: int, end_char: int) -> set[int]:
    return {t["id"] for t in tokens if t["start"] < end_char and t["end"] > start_char}


def evaluate(path: Path, *, progress: bool = False, limit: int | None = None) -> dict:
    """Token-level precision/recall/F1 of the chosen event location; ``limit`` keeps the first N records."""
    from ..geo import component  # noqa: F401  (registers the factory)
    from ..geo.event_location import choose_event_locations
    from ..nlp.pipeline import load_model

    records = read_records(Path(path))[:limit]
    nlp = load_model()
    nlp.add_pipe(
        "sitrep_toponyms_v1", config={"relative_locations": False, "fallback_to_document_place": False}
    )
    docs = nlp.pipe((r["text"] for r in records), batch_size=64)
    if progress:
        from tqdm import tqdm

        docs = tqdm(docs, total=len(records), desc="event-location", file=sys.stderr)
    tp = n_pred = n_gold = 0
    for rec, doc in zip(records, docs, strict=False):
        tokens = rec["tokens"]
        by_id = {t["id"]: t for t in tokens}
        verb = next(s for s in rec["spans"] if s["label"] == "VERB")
        gold: set[int] = set()
        for s in rec["spans"]:
            if s["label"] == "LOCATION":
                gold.update(range(s["token_start"], s["token_end"] + 1))
        vtok = by_id.get(verb["token_start"])
        trigger = None
        if vtok is not None:
            span = doc.char_span(vtok["start"], vtok["end"], alignment_mode="expand")
            trigger = span.root if span is not None and len(span) else None
        predicted: set[int] = set()
        if trigger is not None:
            for chosen in choose_event_locations(doc, trigger):
                predicted |= _token_ids(tokens, chosen.start_char, chosen.end_char)
        tp += len(predicted & gold)
        n_pred += len(predicted)
        n_gold += len(gold)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "n": len(records),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "n_gold_tokens": n_gold,
        "n_predicted_tokens": n_pred,
    }
