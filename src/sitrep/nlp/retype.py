"""Retype an event by its parties, following ACLED's codebook (rules as data in ``data/retyping.json``).

The classifier reads words; some of ACLED's distinctions rest on who the parties are. "Gunmen shot a
soldier" reads like an attack on a person, but ACLED codes violence against civilians only when the
victims are unarmed, so an attack on an armed, organised actor is an armed clash.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..records import Actor

__all__ = ["RetypeRule", "load_rules", "retype"]

_DATA = Path(__file__).resolve().parent / "data" / "retyping.json"


@dataclass(frozen=True)
class RetypeRule:
    label: str
    role: str  # "actor1" | "actor2"
    types: frozenset[str]
    becomes: str


@lru_cache(maxsize=4)
def load_rules(path: Path = _DATA) -> tuple[RetypeRule, ...]:
    spec = json.loads(path.read_text(encoding="utf-8"))
    rules = []
    for rule in spec["rules"]:
        if rule["role"] not in ("actor1", "actor2"):
            raise ValueError(f"{path}: role must be actor1 or actor2, not {rule['role']!r}")
        rules.append(RetypeRule(rule["label"], rule["role"], frozenset(rule["types"]), rule["becomes"]))
    return tuple(rules)


def retype(
    label: str, actor1: Actor | None, actor2: Actor | None, rules: tuple[RetypeRule, ...] | None = None
) -> str:
    """The label after the first rule that applies (``label`` itself when none does)."""
    for rule in load_rules() if rules is None else rules:
        actor = actor1 if rule.role == "actor1" else actor2
        if rule.label == label and actor is not None and actor.type in rule.types:
            return rule.becomes
    return label
