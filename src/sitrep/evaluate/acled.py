"""Evaluate sitrep on ACLED exports: the notes are the input, the coded columns the gold.

Either schema is read: current exports (``event_date`` like ``9-May-20`` or ``21 March 2020``,
``inter1`` as numbers or labels, ``timestamp``), the harmonised extra file (``event_date_iso``) and the
pre-2019 taxonomy (no ``sub_event_type``; old types mapped by ``data/acled_old_types.json``).

Prediction never sees the answer: coder remarks ("[size=no report]", "fatalities coded as 3") are removed
with :func:`sitrep.classify.notes.strip_coder_remarks`; the note's own date lead ("On 9 May 2020,") is
kept because a news report states its date too. The publication date given to the pipeline is the
export's ``timestamp`` (when the event was coded), never the event date.

Rows whose source file codes no second actor on any row (the extra file's Bangladesh rows) are left out
of ``actor2_type_accuracy``: their empty ``inter2`` is missing data. ``actor2_rows`` counts the rest.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sklearn.metrics import f1_score

from ..classify.split import is_held_out
from ..errors import GoldDataError
from ..ingest.readers import parse_date
from ..records import ACTOR_TYPES, Article, EventMention
from .common import haversine_km, median_or_none, ratio
from .common import progress as with_progress

__all__ = [
    "AcledRow",
    "coded_date",
    "evaluate",
    "inter_type",
    "main_mention",
    "read_acled",
    "sources_coding_actor2",
]

OLD_TYPES = json.loads((Path(__file__).parent / "data" / "acled_old_types.json").read_text(encoding="utf-8"))
#: A mention this confident, earliest in the note, is taken as the note's event.
MAIN_MENTION_CONFIDENCE = 0.5
#: Calibration check: of the events scored at least this, the share whose sub-event type is right.
CALIBRATION_THRESHOLD = 0.8
REQUIRED = ("notes", "event_type", "latitude", "longitude", "fatalities")
_DATE_LEAD = re.compile(r"^\s*(?:[A-Z][\w /-]{0,40}:\s*)?(On|Between|Around|During|In)\s+([^,]{3,60}),")


@dataclass(frozen=True)
class AcledRow:
    text: str
    published: date | None
    event_type: str | None
    sub_event_type: str | None
    inter1: str | None
    inter2: str | None
    lat: float
    lon: float
    event_date: date | None
    fatalities: int
    #: False when the row's source file codes no second actor on any row (the extra file's Bangladesh
    #: rows): an empty ``inter2`` there is missing data, not "no second actor", and is not scored.
    inter2_known: bool = True


def inter_type(value: str | None) -> str | None:
    """ACLED's ``inter1``/``inter2`` cell (a number or a label) as an actor type; None for no actor."""
    value = (value or "").strip()
    if not value or value == "0":
        return None
    if value.isdigit():
        index = int(value)
        return ACTOR_TYPES[index - 1] if 1 <= index <= len(ACTOR_TYPES) else None
    lowered = value.lower().rstrip("s")
    for label in ACTOR_TYPES:
        if label.lower().rstrip("s") == lowered or label.lower().startswith(lowered):
            return label
    return value


def note_text(notes: str) -> str:
    """The note as input: coder remarks removed, the date lead kept."""
    from ..classify.notes import strip_coder_remarks

    body = strip_coder_remarks(notes)
    lead = _DATE_LEAD.match(notes)
    if lead and not body.startswith(lead.group(1)):
        return f"{lead.group(1)} {lead.group(2)}, {body}"
    return body


def coded_date(record: dict[str, str]) -> date | None:
    """The day the row was coded (its ``timestamp``): the publication date the pipeline is given."""
    stamp = (record.get("timestamp") or "").strip()
    if stamp.isdigit():
        return datetime.fromtimestamp(int(stamp), tz=UTC).date()
    return None


def _types(record: dict[str, str], inter1: str | None) -> tuple[str | None, str | None]:
    event_type = (record.get("event_type") or "").strip()
    sub = (record.get("sub_event_type") or "").strip() or None
    if event_type in OLD_TYPES and "sub_event_type" not in record:
        new_type, new_sub = OLD_TYPES[event_type]
        if event_type == "Riots/Protests":
            new_type = "Riots" if inter1 == "Rioters" else "Protests"
        return new_type, new_sub
    return event_type or None, sub


def read_acled(path: Path, *, held_out: bool = False) -> list[AcledRow]:
    """Rows of an ACLED export (CSV, gzipped or not) that have notes and coordinates; with ``held_out``,
    only the rows of the split that training never reads (:func:`sitrep.classify.split.is_held_out`)."""
    try:
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        text = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        raise GoldDataError(f"{path}: cannot read as an ACLED CSV ({exc})") from exc
    csv.field_size_limit(1 << 30)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise GoldDataError(f"{path}: not an ACLED export, missing columns {', '.join(missing)}")
    records = list(reader)
    coded = sources_coding_actor2(records)
    rows = []
    for record in records:
        notes = (record.get("notes") or "").strip()
        try:
            lat, lon = float(record["latitude"]), float(record["longitude"])
        except (TypeError, ValueError):
            continue
        if not notes or (held_out and not is_held_out(record.get("notes") or "")):
            continue
        inter1 = inter_type(record.get("inter1"))
        event_type, sub = _types(record, inter1)
        when = parse_date(record.get("event_date_iso")) or parse_date(record.get("event_date"))
        try:
            fatalities = int(float(record.get("fatalities") or 0))
        except ValueError:
            fatalities = 0
        rows.append(
            AcledRow(
                text=note_text(notes),
                published=coded_date(record),
                event_type=event_type,
                sub_event_type=sub,
                inter1=inter1,
                inter2=inter_type(record.get("inter2")),
                lat=lat,
                lon=lon,
                event_date=when,
                fatalities=fatalities,
                inter2_known=(record.get("_source_file") or "") in coded,
            )
        )
    return rows


def sources_coding_actor2(records: Iterable[dict[str, str]]) -> set[str]:
    """The source files (``_source_file`` of the harmonised file; "" for a plain export) with a second
    actor coded on some row. A source outside the set codes none (the extra file's Bangladesh rows): its
    empty ``actor2``/``inter2`` cells are missing data, not "no second actor"."""
    return {
        record.get("_source_file") or ""
        for record in records
        if (record.get("inter2") or "").strip() or (record.get("actor2") or "").strip()
    }


def main_mention(mentions: list[EventMention]) -> EventMention | None:
    """The note's event: the first confident current mention (ACLED notes lead with the event), else
    the most confident current one, else the most confident of all."""
    if not mentions:
        return None
    current = [m for m in mentions if m.status in ("actual", "claimed")] or mentions
    confident = [m for m in current if m.confidence >= MAIN_MENTION_CONFIDENCE]
    if confident:
        return min(confident, key=lambda m: m.sentence_start)
    return max(current, key=lambda m: m.confidence)


def evaluate(
    path: Path, *, progress: bool = False, limit: int | None = None, held_out: bool = False
) -> dict[str, Any]:
    """Metrics of sitrep's extraction on an ACLED export (``held_out``: only the held-out split)."""
    from ..extract import extract
    from ..nlp.events import NOTES_READING
    from ..nlp.pipeline import load_pipeline

    # Every ACLED note reports an event, in the style the classifier was trained on (NOTES_READING).
    nlp = load_pipeline(events_config=NOTES_READING)

    rows = read_acled(Path(path), held_out=held_out)
    rows = rows[:limit] if limit else rows
    if not rows:
        raise GoldDataError(f"{path}: no rows with notes and coordinates")
    articles = (Article(text=row.text, published=row.published, source_path=str(path)) for row in rows)
    results = with_progress(extract(articles, nlp=nlp), enabled=progress, total=len(rows), desc="acled")
    n = type_ok = fat_ok = a1_ok = a2_ok = a2_n = date_ok = date_n = 0
    confident = confident_ok = 0
    within25 = within161 = 0
    distances: list[float] = []
    gold_sub: list[str] = []
    pred_sub: list[str] = []
    for row, (_article, mentions) in zip(rows, results, strict=True):
        n += 1
        main = main_mention(mentions)
        type_ok += int(main is not None and main.event_type == row.event_type)
        if row.sub_event_type:
            gold_sub.append(row.sub_event_type)
            pred_sub.append(main.sub_event_type if main else "NONE")
            if main is not None and main.confidence >= CALIBRATION_THRESHOLD:
                confident += 1
                confident_ok += int(main.sub_event_type == row.sub_event_type)
        killed = main.fatalities.best if main and main.fatalities.best is not None else 0
        fat_ok += int(killed == row.fatalities)
        a1_ok += int((main.actor1.type if main and main.actor1 else None) == row.inter1)
        if row.inter2_known:
            a2_n += 1
            a2_ok += int((main.actor2.type if main and main.actor2 else None) == row.inter2)
        if main is not None and main.location is not None:
            km = haversine_km(row.lat, row.lon, main.location.lat, main.location.lon)
            distances.append(km)
            within25 += int(km <= 25)
            within161 += int(km <= 161)
        if row.event_date is not None:
            date_n += 1
            date_ok += int(main is not None and main.date is not None and main.date.start == row.event_date)
    labels = sorted(set(gold_sub))
    return {
        "n": n,
        "split": "held-out" if held_out else "all",
        "event_type_accuracy": ratio(type_ok, n),
        "sub_event_type_weighted_f1": round(
            float(f1_score(gold_sub, pred_sub, labels=labels, average="weighted", zero_division=0)), 4
        )
        if gold_sub
        else None,
        "sub_event_type_macro_f1": round(
            float(f1_score(gold_sub, pred_sub, labels=labels, average="macro", zero_division=0)), 4
        )
        if gold_sub
        else None,
        "sub_event_type_accuracy": ratio(
            sum(g == p for g, p in zip(gold_sub, pred_sub, strict=True)), len(gold_sub)
        ),
        "fatalities_exact": ratio(fat_ok, n),
        "actor1_type_accuracy": ratio(a1_ok, n),
        "actor2_type_accuracy": ratio(a2_ok, a2_n),
        "actor2_rows": a2_n,
        "location_acc_25km": ratio(within25, n),
        "location_acc_161km": ratio(within161, n),
        "location_median_km": median_or_none(distances),
        "location_coverage": ratio(len(distances), n),
        "date_exact": ratio(date_ok, date_n),
        "share_scored_ge_0.8": ratio(confident, len(gold_sub)),
        "accuracy_scored_ge_0.8": ratio(confident_ok, confident),
    }
