"""An event mention's status from the syntax around its trigger: actual, negated, planned, hypothetical.

Historical is decided from the event's date (``sitrep.time.status``), claimed from the classifier's
ATTRIB label; this module reads only the sentence. The cues are data: ``data/status.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Token

__all__ = ["StatusCues", "reporting_speaker", "syntactic_status"]

DATA_PATH = Path(__file__).parent / "data" / "status.json"

#: Verbs of saying whose clausal complement holds a reported claim.
REPORTING_VERBS = frozenset(
    "say said announce report claim state tell confirm add allege accuse acknowledge "
    "write warn explain insist note disclose reveal".split()
)


@dataclass(frozen=True)
class StatusCues:
    negation: frozenset[str]
    denial: frozenset[str]
    planned_aux: frozenset[str]
    planned_gov: frozenset[str]
    hypo_aux: frozenset[str]
    hypo_gov: frozenset[str]
    opinion: frozenset[str]

    @classmethod
    def load(cls, path: Path = DATA_PATH) -> StatusCues:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            negation=frozenset(data["negation_lemmas"]),
            denial=frozenset(data["denial_verbs"]),
            planned_aux=frozenset(data["planned_auxiliaries"]),
            planned_gov=frozenset(data["planned_governors"]),
            hypo_aux=frozenset(data["hypothetical_auxiliaries"]),
            hypo_gov=frozenset(data["hypothetical_governors"]),
            opinion=frozenset(data["opinion_verbs"]),
        )


def _clause_head(token: Token) -> Token:
    """The verb heading the trigger's clause (a nominal trigger's governing verb)."""
    head = token
    steps = 0
    while head.pos_ not in ("VERB", "AUX") and head.head is not head and steps < 4:
        head = head.head
        steps += 1
    return head if head.pos_ in ("VERB", "AUX") else token


def _markers(verb: Token) -> tuple[set[str], set[str]]:
    lemmas = {
        c.lemma_.lower() for c in verb.children if c.dep_ in ("neg", "aux", "auxpass", "advmod", "mark")
    }
    lowers = {c.lower_ for c in verb.children if c.dep_ in ("neg", "aux", "auxpass", "advmod", "mark")}
    return lemmas, lowers


def _governed_status(verb: Token, cues: StatusCues) -> str | None:
    """The status a governing verb gives the event under it ("denied", "planned", "feared"), if any."""
    lemma = verb.lemma_.lower()
    if lemma in cues.denial:
        return "negated"
    if lemma in cues.planned_gov:
        return "planned"
    if lemma in cues.hypo_gov or lemma in cues.opinion:
        return "hypothetical"
    return None


def syntactic_status(trigger: Token, cues: StatusCues) -> str:
    """``negated``, ``planned``, ``hypothetical`` or ``actual`` for the event the trigger names."""
    verb = _clause_head(trigger)
    chain = [trigger, verb] if verb is not trigger else [trigger]
    for token in chain:
        lemmas, lowers = _markers(token)
        if lemmas & cues.negation or lowers & cues.negation:
            return "negated"
        if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
            return "negated"
    lemmas, lowers = _markers(verb)
    if lowers & cues.planned_aux or lemmas & cues.planned_aux:
        return "planned"
    if lowers & cues.hypo_aux or "if" in lowers or "unless" in lowers:
        return "hypothetical"
    # A noun trigger's own verb: "planned an attack", "denied the airstrike", "feared an attack".
    if verb is not trigger:
        status = _governed_status(verb, cues)
        if status is not None:
            return status
    # Governing verbs: "vowed to attack", "fears of an attack", "denied carrying out the attack".
    governor = verb
    for _ in range(3):
        if governor.dep_ not in ("xcomp", "ccomp", "pcomp", "pobj", "dobj", "advcl", "acl", "prep"):
            break
        governor = governor.head
        status = _governed_status(governor, cues)
        if status is not None:
            return status
        g_lemmas, g_lowers = _markers(governor)
        if g_lowers & cues.hypo_aux:
            return "hypothetical"
    return "actual"


def reporting_speaker(trigger: Token) -> Token | None:
    """The head of the speaker's phrase when the trigger sits in reported speech ("X said that ...")."""
    for steps, ancestor in enumerate(trigger.ancestors):
        if steps >= 6:
            break
        if ancestor.pos_ == "VERB" and ancestor.lemma_.lower() in REPORTING_VERBS:
            subjects = [
                c for c in ancestor.children if c.dep_ in ("nsubj", "nsubjpass") and trigger not in c.subtree
            ]
            if subjects:
                return subjects[0]
    # "..., according to AFRICOM"
    sent = trigger.sent
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            objs = [c for c in tok.doc[tok.i + 1].children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None
