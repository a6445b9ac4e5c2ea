"""CASE 2021 labels and their ACLED event type and sub-event type (data in ``data/labels.json``).

>>> label_for("Air/drone strike")
'AIR_STRIKE'
>>> sub_event_type_for("AIR_STRIKE")
'Air/drone strike'
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = [
    "ACLED_LABELS",
    "LABELS",
    "NON_ACLED_LABELS",
    "LabelInfo",
    "event_type_for",
    "label_for",
    "label_info",
    "old_type_label",
    "sub_event_type_for",
]

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class LabelInfo:
    label: str
    event_type: str | None
    sub_event_type: str | None


@lru_cache(maxsize=1)
def _table() -> dict:
    return json.loads((DATA_DIR / "labels.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _infos() -> tuple[LabelInfo, ...]:
    return tuple(
        LabelInfo(row["label"], row["event_type"], row["sub_event_type"]) for row in _table()["labels"]
    )


def _norm(name: str) -> str:
    return " ".join(name.lower().split())


@lru_cache(maxsize=1)
def _by_sub_event() -> dict[str, str]:
    return {_norm(i.sub_event_type): i.label for i in _infos() if i.sub_event_type}


LABELS: tuple[str, ...] = tuple(i.label for i in _infos())
ACLED_LABELS: tuple[str, ...] = tuple(i.label for i in _infos() if i.sub_event_type)
NON_ACLED_LABELS: tuple[str, ...] = tuple(i.label for i in _infos() if not i.sub_event_type)


def label_info(label: str) -> LabelInfo:
    """The row of ``label``; ``KeyError`` naming the known labels if it is not one."""
    for info in _infos():
        if info.label == label:
            return info
    raise KeyError(f"unknown label {label!r}; known: {', '.join(LABELS)}")


def label_for(sub_event_type: str) -> str:
    """CASE label of an ACLED sub-event type name (case and spacing ignored)."""
    try:
        return _by_sub_event()[_norm(sub_event_type)]
    except KeyError:
        raise KeyError(f"unknown ACLED sub-event type {sub_event_type!r}") from None


def sub_event_type_for(label: str) -> str | None:
    """ACLED sub-event type name of a CASE label (None for the five classes outside ACLED)."""
    return label_info(label).sub_event_type


def event_type_for(label: str) -> str | None:
    """ACLED event type name of a CASE label (None for the five classes outside ACLED)."""
    return label_info(label).event_type


def old_type_label(old_event_type: str) -> str | None:
    """CASE label for a pre-2019 ACLED event type when it names one sub-event type, else None."""
    mapping = {k: v for k, v in _table()["old_taxonomy"].items() if not k.startswith("_")}
    return mapping.get(old_event_type.strip())
