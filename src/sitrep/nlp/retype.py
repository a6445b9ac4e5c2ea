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

__all__ = [
    "RetypeRule",
    "escalation",
    "lethal_labels",
    "load_rules",
    "never_lethal_labels",
    "non_lethal_labels",
    "protest_causes",
    "retype",
]

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
def _spec(path: Path) -> dict:  # type: ignore[type-arg]
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def load_rules(path: Path = _DATA) -> tuple[RetypeRule, ...]:
    """The retyping rules of ``path``; ``ValueError`` naming the file for a malformed rule."""
    rules = []
    for rule in _spec(path)["rules"]:
        casualties = bool(rule.get("casualties", False))
        role = rule.get("role")
        types = frozenset(rule.get("types", ()))
        valid_role = role in ("actor1", "actor2") and bool(types)
        if casualties == valid_role or (casualties and (role is not None or types)):
            raise ValueError(
                f"{path}: a rule needs either a role (actor1 or actor2) with types, or casualties: true "
                f"without types; got role={role!r}, types={sorted(types)}, casualties={casualties}"
            )
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
    """The label once no rule applies any more (``label`` itself when none does), so rules chain: an
    abduction with deaths becomes an attack, and an attack on soldiers an armed clash. ``casualties``:
    the event reports people killed or injured."""
    rules = load_rules() if rules is None else rules
    seen = {label}
    while True:
        new = _apply_first(label, actor1, actor2, rules, casualties)
        if new in seen:  # no rule applies (or the rules would cycle)
            return new
        seen.add(new)
        label = new


def _apply_first(
    label: str, actor1: Actor | None, actor2: Actor | None, rules: tuple[RetypeRule, ...], casualties: bool
) -> str:
    for rule in rules:
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
    """Labels of ACLED's strategic developments that never kill (arrests, agreements, looting...)."""
    return frozenset(_spec(path).get("non_lethal", {}).get("labels", ()))


@lru_cache(maxsize=4)
def lethal_labels(path: Path = _DATA) -> frozenset[str]:
    """The labels a non-lethal one gives way to when the event reports deaths (the likeliest is taken)."""
    return frozenset(_spec(path).get("non_lethal", {}).get("instead", ()))


@lru_cache(maxsize=4)
def never_lethal_labels(path: Path = _DATA) -> frozenset[str]:
    """Labels whose events kill no one by definition (peaceful protests): the deaths their sentence names
    are the cause, not the toll."""
    return frozenset(_spec(path).get("never_lethal", {}).get("labels", ()))


@lru_cache(maxsize=4)
def protest_causes(path: Path = _DATA) -> tuple[frozenset[str], frozenset[str]]:
    """(prepositions, verb lemmas) under which a figure of the dead is a protest's cause, not its toll."""
    spec = _spec(path).get("never_lethal", {})
    return frozenset(spec.get("cause_prepositions", ())), frozenset(spec.get("cause_verbs", ()))


def escalation(label: str | None, later: str | None, path: Path = _DATA) -> str | None:
    """The label of a ``label`` event that a later mention of the same place, labelled ``later``, turns
    out to continue ("the protest ... police dispersed it": a protest with intervention), or None."""
    for rule in _spec(path).get("escalations", {}).get("rules", ()):
        if rule["label"] == label and later in rule["by"]:
            return str(rule["becomes"])
    return None
