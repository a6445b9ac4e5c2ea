"""Retype an event by its parties, following ACLED's codebook (rules as data in ``data/retyping.json``).

The classifier reads words; some of ACLED's distinctions rest on who the parties are and on what else
happened. "Gunmen shot a soldier" reads like an attack on a person, but ACLED codes violence against
civilians only when the victims are unarmed, so an attack on an armed, organised actor is an armed clash.
An abduction in which people are also killed or wounded is an attack: the graver act names the event.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..records import Actor

__all__ = ["RetypeRule", "load_rules", "non_lethal_labels", "retype"]

_DATA = Path(__file__).resolve().parent / "data" / "retyping.json"


@dataclass(frozen=True)
class RetypeRule:
    """``label`` becomes ``becomes`` when the ``role`` actor's type is in ``types``, or, for a rule with
    ``casualties``, when the event also reports people killed or injured."""

    label: str
    role: str | None  # "actor1" | "actor2" | None (a casualties rule)
    types: frozenset[str]
    becomes: str
    casualties: bool = False


@lru_cache(maxsize=4)
def load_rules(path: Path = _DATA) -> tuple[RetypeRule, ...]:
    spec = json.loads(path.read_text(encoding="utf-8"))
    rules = []
    for rule in spec["rules"]:
        casualties = bool(rule.get("casualties", False))
        role = rule.get("role")
        if casualties == (role is not None) or role not in (None, "actor1", "actor2"):
            raise ValueError(
                f"{path}: a rule needs either a role (actor1 or actor2) with types, or casualties: true; "
                f"got role={role!r}, casualties={casualties}"
            )
        types = frozenset(rule.get("types", ()))
        rules.append(RetypeRule(rule["label"], role, types, rule["becomes"], casualties))
    return tuple(rules)


def retype(
    label: str,
    actor1: Actor | None,
    actor2: Actor | None,
    rules: tuple[RetypeRule, ...] | None = None,
    *,
    casualties: bool = False,
) -> str:
    """The label after the first rule that applies (``label`` itself when none does); ``casualties``:
    the event reports people killed or injured."""
    for rule in load_rules() if rules is None else rules:
        if rule.label != label:
            continue
        if rule.casualties:
            if casualties:
                return rule.becomes
            continue
        actor = actor1 if rule.role == "actor1" else actor2
        if actor is not None and actor.type in rule.types:
            return rule.becomes
    return label


@lru_cache(maxsize=4)
def non_lethal_labels(path: Path = _DATA) -> frozenset[str]:
    """Labels of ACLED's strategic developments that never kill (arrests, agreements, looting...): an
    event so typed that reports deaths is retyped by the event stage to its likeliest violent label."""
    return frozenset(json.loads(path.read_text(encoding="utf-8")).get("non_lethal", {}).get("labels", ()))
