"""Pick an event's actor1 (who acts) and actor2 (who is acted on) from its sentence.

Stages, each used when the one before found nothing:

1. mentions: noun phrases of the sentence that the resolver turns into actors (alias or description);
2. roles from syntax: subjects and "by ..." agents of the event's word (or of the verbs it hangs from) act;
   objects, passive subjects and objects of "against/on/with ..." are acted on;
3. roles from word order: the first mention before the event's word acts, the first after it is acted on;
4. ACLED conventions per event type (``data/actors_conventions.json``): Protests have Protesters as actor1,
   Violence against civilians has Civilians as actor2, and so on, with generic fallbacks; an actor the
   text only describes ("the militants") is the one armed group it names (``refer_back``);
5. a trained model (:mod:`.arbiter`) may overrule the types chosen, when it is clearly surer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from spacy.tokens import Span, Token

from ...records import Actor
from .arbiter import get_arbiter
from .mentions import Mention, battle_order, conventions, sentence_mentions
from .resolver import ActorResolver, get_resolver, tokenize

__all__ = ["Mention", "find_participants", "sentence_mentions"]

#: Generic kind -> a phrase the resolver reads as that kind (used to build fallback actors).
_GENERIC_TEXT = {
    "protesters": "protesters",
    "rioters": "rioters",
    "civilians": "civilians",
    "armed": "gunmen",
    "military": "soldiers",
    "police": "police",
    "identity_militia": "communal militia",
}
_STATE = ("State forces", "External/Other forces")


def _verb_chain(trigger: Token) -> list[Token]:
    """The trigger, the verbs it hangs from ("attacked and killed", "carried out an attack", "warplanes
    conducted ...") and the verbs that continue them ("conducted airstrikes targeting PKK")."""
    chain = [trigger]
    tok = trigger
    for _ in range(4):
        if (
            tok.dep_
            in (
                "conj",
                "xcomp",
                "advcl",
                "dobj",
                "pobj",
                "prep",
                "ccomp",
                "acl",
                "pcomp",
                "nsubj",
                "nsubjpass",
            )
            and tok.head != tok
        ):
            tok = tok.head
            chain.append(tok)
        else:
            break
    for verb in list(chain):  # continuations under the chain and under its objects
        for child in verb.children:
            if child.dep_ in ("conj", "acl", "advcl", "xcomp") and child.pos_ == "VERB":
                chain.append(child)
            if child.dep_ in ("dobj", "obj"):
                chain.extend(g for g in child.children if g.dep_ == "acl" and g.pos_ == "VERB")
    return chain


def _roles(trigger: Token, conv: dict[str, Any], device_trigger: bool) -> dict[int, tuple[str, float]]:
    """token index -> (role, distance) for the phrases around the trigger."""
    roles: dict[int, tuple[str, float]] = {}

    def put(tok: Token, role: str, dist: float) -> None:
        if tok.i != trigger.i and (tok.i not in roles or roles[tok.i][1] > dist):
            roles[tok.i] = (role, dist)

    defensive = set(conv.get("defensive_verbs", []))
    for rank, verb in enumerate(_verb_chain(trigger)):
        dist = min(rank, 3) * 0.5
        for child in verb.children:
            if child.dep_ in conv["agent_deps"]:
                # "an army vehicle struck an IED", "troops repelled the attack": the subject is the target
                struck = device_trigger and trigger.head == verb and trigger.dep_ in ("dobj", "pobj")
                put(child, "patient" if struck or verb.lemma_ in defensive else "agent", dist)
            elif child.dep_ in conv["patient_deps"]:
                if verb.lemma_ in defensive:  # "repelled an attack by X", "repelled an X attack": X acts
                    for prep in (g for g in child.children if g.dep_ == "prep" and g.lower_ in ("by", "of")):
                        for obj in (g for g in prep.children if g.dep_ == "pobj"):
                            put(obj, "agent", dist)
                    for mod in (g for g in child.children if g.dep_ in ("compound", "amod", "nmod", "poss")):
                        put(mod, "agent", dist)
                    continue
                put(child, "patient", dist)
                for prep in (
                    g for g in child.children if g.dep_ == "prep" and g.lower_ in conv["patient_preps"]
                ):
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            put(obj, "patient", dist + 1)  # "airstrikes against IS positions"
            elif child.dep_ in ("prep", "agent"):
                for obj in (g for g in child.children if g.dep_ == "pobj"):
                    if child.lower_ in conv["agent_preps"] and (
                        child.dep_ == "agent" or child.lower_ == "by"
                    ):
                        put(obj, "agent", dist + 1)
                    elif child.lower_ in conv["patient_preps"]:
                        put(obj, "patient", dist + 2)
    if trigger.pos_ in ("NOUN", "PROPN"):
        for child in trigger.children:
            if child.dep_ in ("compound", "amod", "poss", "nmod"):
                put(child, "agent", 0)  # "IS attack", "U.S. airstrike"
            elif child.dep_ == "prep":
                for obj in (g for g in child.children if g.dep_ == "pobj"):
                    if child.lower_ in ("by", "from", "of"):
                        put(obj, "agent", 1)
                    elif child.lower_ in conv["patient_preps"] or child.lower_ == "between":
                        put(obj, "patient", 1)
    return roles


def _role(mention: Mention, roles: dict[int, tuple[str, float]]) -> tuple[str | None, float]:
    """The role of a mention: that of its head, climbing "positions of IS" and "X and Y"."""
    tok = mention.head
    hops = 0.0
    for _ in range(4):
        if tok.i in roles:
            role, dist = roles[tok.i]
            return role, dist + hops
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ in ("NOUN", "PROPN", "NUM"):
            tok = tok.head.head
            hops += 1
        elif tok.dep_ in ("conj", "appos", "compound") and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            tok = tok.head
            hops += 0.5
        else:
            break
    return None, 99.0


def _generic(
    kind: str, country: str | None, resolver: ActorResolver, text_from: Mention | None
) -> Actor | None:
    actor = resolver.resolve(_GENERIC_TEXT[kind], country=country)
    if actor is None:
        return None
    if text_from is not None:
        src = text_from.actor
        return Actor(actor.name, actor.type, actor.country, src.text, src.start, src.end)
    return Actor(actor.name, actor.type, actor.country, None, None, None)


def _rule(event_type: str, sub_event_type: str) -> dict[str, Any]:
    rules = conventions()["rules"]
    return (
        rules.get(f"{event_type}/{sub_event_type}")
        or rules.get(event_type)
        or {"actor1": "found", "actor2": "found"}
    )


def find_participants(
    sentence: Span,
    trigger: Token,
    *,
    event_type: str,
    sub_event_type: str,
    country: str | None,
    resolver: ActorResolver | None = None,
    context: Span | None = None,
) -> tuple[Actor | None, Actor | None]:
    """(actor1, actor2) of the event ``trigger`` reports, following ACLED's conventions for ``event_type``.

    ``country`` is the ISO2 code of the event's country; it fills generic names ("Civilians (Nigeria)") and
    decides whether a state's forces act at home (State forces) or abroad (External/Other forces).
    ``context`` (the article or paragraph) is searched for the police or army that faced a protest or riot
    when the sentence itself names none."""
    resolver = resolver or get_resolver()
    if country is None:  # no place resolved: the country the sentence (else the text) names
        named = resolver.named_country(sentence.text) or (
            resolver.named_country(context.text) if context is not None else None
        )
        country = named.iso2 if named else None
    actors = _by_rules(sentence, trigger, event_type, sub_event_type, country, resolver, context)
    actors = _refer_back(actors, sentence, context, country, resolver)
    actors = _battle_order(actors, trigger, event_type, country)
    arbiter = get_arbiter()
    if arbiter is None:
        return actors
    candidates = [m.actor for m in sentence_mentions(sentence, country, resolver) if m.entry.role is None]
    return arbiter.arbitrate(sentence.text, event_type, sub_event_type, actors, candidates, country, resolver)


def _battle_order(
    actors: tuple[Actor | None, Actor | None], trigger: Token, event_type: str, country: str | None
) -> tuple[Actor | None, Actor | None]:
    """A fight that names no attacker ("X clashed with Y") between a state's forces and another side,
    ordered as ACLED codes that country's battles when its coders nearly always put the state on the same
    side (``data/actors_battle_order.json``); a report that says who attacked keeps the attacker first."""
    actor1, actor2 = actors
    if event_type != "Battles" or country is None or actor1 is None or actor2 is None:
        return actors
    state1, state2 = actor1.type == "State forces", actor2.type == "State forces"
    order, neutral = battle_order()
    if state1 == state2 or trigger.lower_ not in neutral:
        return actors
    first = order.get(country.upper())
    if first is None or first == state1:
        return actors
    return actor2, actor1


def _by_rules(
    sentence: Span,
    trigger: Token,
    event_type: str,
    sub_event_type: str,
    country: str | None,
    resolver: ActorResolver,
    context: Span | None,
) -> tuple[Actor | None, Actor | None]:
    """Stages 1-4 (see the module docstring)."""
    conv = conventions()
    rule = _rule(event_type, sub_event_type)
    mentions = [
        m
        for m in sentence_mentions(sentence, country, resolver)
        if not m.start <= trigger.i < m.end or m.entry.role != "patient"
    ]
    agents: list[tuple[float, Mention]] = []
    patients: list[tuple[float, Mention]] = []
    if sentence.doc.has_annotation("DEP"):
        own = next((m for m in mentions if m.start <= trigger.i < m.end), None)
        roles = _roles(trigger, conv, device_trigger=own is not None and own.entry.generic == "device")
        for m in mentions:
            if m is own:
                continue
            role, dist = _role(m, roles)
            if role == "agent":
                agents.append((dist, m))
            elif role == "patient":
                patients.append((dist, m))
    for m in mentions:  # "an Iraqi airstrike": the event's own phrase names who struck
        if m.start <= trigger.i < m.end and (
            m.entry.generic is None or m.entry.role == "agent" or resolver.demonym_country(m.actor.text)
        ):
            # "an Iraqi airstrike", "Turkish warplanes", "an IED": the event's own phrase says who acted
            generic_only = m.entry.generic is not None and not resolver.demonym_country(m.actor.text)
            agents.append((2.5 if generic_only else 0.0, m))
    agents.sort(key=lambda x: (x[0], abs(x[1].start - trigger.i)))
    patients.sort(key=lambda x: (x[0], abs(x[1].start - trigger.i)))
    by_syntax = [m for _, m in agents]
    ordered_patients = [m for _, m in patients]
    # stage 3: word order ("... by gunmen" after the trigger acts; other mentions after it are acted on)
    doc = sentence.doc
    passive_by = [m for m in mentions if m.start > trigger.i and doc[m.start - 1].lower_ == "by"]
    # mentions syntax gave the other role come last in each list ("two suspects were killed" is no agent)
    as_patient = {id(m) for _, m in patients}
    as_agent = {id(m) for _, m in agents}
    before = [m for m in mentions if m.end <= trigger.i][::-1]
    after = [m for m in mentions if m.start > trigger.i and m not in passive_by]
    rest_agents = before + after
    ordered_agents = by_syntax + passive_by + [m for m in rest_agents if id(m) not in as_patient]
    ordered_agents += [m for m in rest_agents if id(m) in as_patient]
    rest_patients = after + before[::-1]
    ordered_patients += [m for m in rest_patients if id(m) not in as_agent]
    ordered_patients += [m for m in rest_patients if id(m) in as_agent]
    ordered_agents = _stable_unique(
        [_behind_device(m, mentions) for m in ordered_agents if m.entry.role != "patient"]
    )
    ordered_patients = _stable_unique([m for m in ordered_patients if m.entry.role != "agent"])
    if len(by_syntax) == 0:  # word order only: subjects before objects
        ordered_agents.sort(key=lambda m: not _subjectish(m))
        ordered_patients.sort(key=lambda m: _subjectish(m))
    if rule.get("civilians_as1"):
        ordered_agents = [_as_kind(m, rule["civilians_as1"], country, resolver) for m in ordered_agents]
    if rule.get("civilians_as2"):
        ordered_patients = [_as_kind(m, rule["civilians_as2"], country, resolver) for m in ordered_patients]

    ordered_agents = [m for m in ordered_agents if m.entry.generic not in rule.get("exclude_kinds1", [])]
    if rule.get("owner2"):  # the seized weapon stands for its owner
        own_phrase = [m for m in mentions if m.start <= trigger.i < m.end]
        ordered_patients = [
            _behind_device(m, mentions)
            for m in own_phrase + ordered_patients + [m for m in mentions if m.entry.generic == "device"]
        ]
        ordered_patients = _stable_unique(ordered_patients)
    actor1 = _fill(
        rule.get("actor1", "found"), ordered_agents, rule.get("exclude1", []), country, resolver, None
    )
    if actor1 is not None and actor1.text is None and _has_cue(sentence, rule.get("identity_cues1", ())):
        actor1 = _generic("identity_militia", country, resolver, None) or actor1  # "ethnic clashes"
    acted_on = _lone_patient(actor1, mentions, as_patient) if rule.get("lone_patient2") else None
    if acted_on is not None:  # "a group killed two police officers": the one actor named is the target
        actor1 = None
    if rule.get("claimed1") and context is not None and _unnamed(actor1, country, resolver):
        # "An IED hit a convoy. Al Shabaab claimed the attack.": the group the text names elsewhere
        claimant = _named_elsewhere(sentence, context, rule["claimed1"], country, resolver)
        actor1 = claimant or actor1
    how2 = rule.get("actor2", "found")
    ordered_patients = [m for m in ordered_patients if m.entry.generic not in rule.get("exclude_kinds2", [])]
    last = rule.get("last_kinds2", [])  # a bombed vehicle is a civilian target only if no one else is named
    ordered_patients.sort(key=lambda m: m.entry.generic in last)
    syntax_only = set(rule.get("syntax_only2", []))
    if syntax_only:
        syntactic = {id(m) for _, m in patients}
        ordered_patients = [
            m for m in ordered_patients if m.actor.type not in syntax_only or id(m) in syntactic
        ]
    if how2.startswith("anystate"):
        ordered_patients = ordered_patients + [m for m in mentions if m not in ordered_patients]
        if context is not None and not any(m.actor.type in _STATE for m in ordered_patients):
            for sent in context.sents:
                if sent.start != sentence.start:
                    ordered_patients += [
                        m
                        for m in sentence_mentions(sent, country, resolver)
                        if m.actor.type in _STATE and m.entry.role is None
                    ]
    if rule.get("reciprocal2") and not any(m.actor.type in _STATE for m in ordered_patients):
        if _reciprocal(sentence):
            return actor1, _generic(rule["reciprocal2"], country, resolver, None)
    elif how2.startswith("found") and actor1 is not None:
        # a mention after the trigger that is not actor1 is the other side more often than one before it
        ordered_patients = [m for m in ordered_patients if m.actor.name != actor1.name] or ordered_patients
    actor2 = _fill(how2, ordered_patients, rule.get("exclude2", []), country, resolver, actor1)
    armed_target = _armed_target(patients, rule, actor1)
    if armed_target is not None:  # "an attack killed 3 soldiers": the target is armed, whatever the type says
        actor2 = armed_target
    if actor2 is None and how2.endswith("counterpart") and actor1 is not None:
        actor2 = _counterpart(
            actor1, ordered_agents + ordered_patients, rule.get("exclude2", []), country, resolver, sentence
        )
    if acted_on is not None and actor1 is None:
        actor2 = actor2 or acted_on
        if how2.endswith("counterpart"):
            actor1 = _counterpart(actor2, [], rule.get("exclude1", []), country, resolver, sentence)
        else:
            actor1 = _fill(rule["actor1"], [], [], country, resolver, None)
    return actor1, actor2


def _lone_patient(actor1: Actor | None, mentions: list[Mention], as_patient: set[int]) -> Actor | None:
    """``actor1`` when it is the only actor the sentence names and syntax has it acted on (not a side one
    clashes "with", which is no target)."""
    pool = [m for m in mentions if m.entry.role is None]
    if actor1 is None or not pool or {m.actor.name for m in pool} != {actor1.name}:
        return None
    if any(m.head.dep_ == "pobj" and m.head.head.lower_ == "with" for m in pool):
        return None
    return actor1 if all(id(m) in as_patient for m in pool) else None


def _refer_back(
    actors: tuple[Actor | None, Actor | None],
    sentence: Span,
    context: Span | None,
    country: str | None,
    resolver: ActorResolver,
) -> tuple[Actor | None, Actor | None]:
    """An actor described without a name ("the militants", "gunmen", an IED, or a fallback) is the one
    named armed group the text names ("IS militants attacked ... killing 2 militants"), as ACLED codes
    it (``refer_back`` in ``actors_conventions.json``); kept when the text names none or several."""
    spec = conventions().get("refer_back")
    if not spec:
        return actors
    out = list(actors)
    named: list[Actor] | None = None
    for index, actor in enumerate(out):
        if actor is None or not _described(actor, spec, country, resolver):
            continue
        named = named if named is not None else _named_in(sentence, context, spec["types"], country, resolver)
        choices = [a for a in named if out[1 - index] is None or a.name != out[1 - index].name]
        if len(choices) == 1:
            out[index] = Actor(
                choices[0].name, choices[0].type, choices[0].country, actor.text, actor.start, actor.end
            )
    return out[0], out[1]


def _described(actor: Actor, spec: dict[str, Any], country: str | None, resolver: ActorResolver) -> bool:
    """Whether ``actor`` is an unnamed armed actor the ``refer_back`` spec replaces."""
    if actor.text is None:  # a fallback of the rules
        return actor.type in spec["fallback_types"] and actor.name.startswith(tuple(spec["fallback_names"]))
    found = resolver.resolve_entry(actor.text, country=country)
    return found is not None and found[1].generic in spec["kinds"]


#: How many sentences before and after an event's sentence ``_named_in`` reads.
REFER_BACK_REACH = 3


def _named_in(
    sentence: Span, context: Span | None, types: list[str], country: str | None, resolver: ActorResolver
) -> list[Actor]:
    """The distinct named actors of ``types`` in ``context`` (else the sentence), in text order: in the
    sentences within ``REFER_BACK_REACH`` of ``sentence`` (a description names a group named nearby)."""
    doc = sentence.doc
    split = doc.has_annotation("SENT_START") or doc.has_annotation("DEP")
    spans = list(context.sents) if context is not None and split else [context or sentence]
    here = next((k for k, s in enumerate(spans) if s.start <= sentence.start < s.end), None)
    if here is not None:
        spans = spans[max(0, here - REFER_BACK_REACH) : here + REFER_BACK_REACH + 1]
    return list(_named_actors(spans, types, country, resolver, without_role=True).values())


def _named_actors(
    spans: Iterable[Span],
    types: list[str],
    country: str | None,
    resolver: ActorResolver,
    *,
    without_role: bool,
) -> dict[str, Actor]:
    """The distinct actors of ``types`` the ``spans`` name (not describe), by name in text order;
    ``without_role``: leave out aliases with a role (places and targets, weapons standing for an attacker)."""
    named: dict[str, Actor] = {}
    for sent in spans:
        for m in sentence_mentions(sent, country, resolver):
            if m.entry.generic is not None or m.actor.type not in types:
                continue
            if without_role and m.entry.role is not None:
                continue
            named.setdefault(m.actor.name, m.actor)
    return named


def _unnamed(actor: Actor | None, country: str | None, resolver: ActorResolver) -> bool:
    """No actor, or one the text describes without naming it (a bomb, gunmen)."""
    if actor is None or actor.text is None:
        return True
    found = resolver.resolve_entry(actor.text, country=country)
    return found is not None and found[1].generic in ("device", "armed")


def _named_elsewhere(
    sentence: Span, context: Span, types: list[str], country: str | None, resolver: ActorResolver
) -> Actor | None:
    """The one named actor of ``types`` the other sentences of ``context`` mention (None when none or
    several different ones are named)."""
    others = (sent for sent in context.sents if sent.start != sentence.start)
    named = _named_actors(others, types, country, resolver, without_role=False)
    return next(iter(named.values())) if len(named) == 1 else None


def _armed_target(
    patients: list[tuple[float, Mention]], rule: dict[str, Any], actor1: Actor | None
) -> Actor | None:
    """The nearest syntactic target when it is an armed actor the rule's ``armed_target2`` accepts: state
    forces of any description, other armed types only when named ("pro-government militia members")."""
    accept = rule.get("armed_target2")
    if not accept:
        return None
    for _dist, m in sorted(patients, key=lambda x: x[0])[:1]:
        if actor1 is not None and m.actor.name == actor1.name:
            return None
        generic_ok = m.actor.type in accept.get("types", [])
        named_ok = m.entry.generic is None and m.actor.type in accept.get("named_types", [])
        if generic_ok or named_ok:
            return m.actor
    return None


def _behind_device(m: Mention, mentions: list[Mention]) -> Mention:
    """For a weapon standing for its user ("an IED planted by NPA rebels"), that user when the sentence
    names one."""
    if m.entry.role != "agent":
        return m
    doc = m.head.doc
    if doc.has_annotation("DEP"):
        inside = _owner_words(m.head)
        for other in mentions:
            if other is not m and other.entry.role is None and other.head.i in inside:
                return other
    for other in mentions:
        if other.entry.generic is not None:
            continue
        if 0 <= m.start - other.end <= 2:  # "an Al Shabaab IED", parsed apart
            return other
        if 0 < other.start - m.end <= 3 and doc[other.start - 1].lower_ == "by":  # "an IED planted by X"
            return other
    return m


#: Dependents of a weapon's word that may name its owner ("an NPA IED", "the bombs of IS").
_OWNER_DEPS = ("compound", "amod", "nmod", "poss", "appos")


def _owner_words(head: Token) -> set[int]:
    """Token indices under a weapon's word that may name who used it: its modifiers, "by/of/from ..."
    phrases and the "by ..." agent of a verb describing it ("an IED planted by X"), not what it hit
    ("airstrikes killed six PKK militants" names no owner)."""
    out: set[int] = set()
    for child in head.children:
        if child.dep_ in _OWNER_DEPS or (child.dep_ == "prep" and child.lower_ in ("by", "of", "from")):
            out.update(t.i for t in child.subtree)
        elif child.dep_ in ("acl", "relcl"):
            for agent in child.children:
                if agent.dep_ == "agent" or (agent.dep_ == "prep" and agent.lower_ == "by"):
                    out.update(t.i for t in agent.subtree)
    return out


def _stable_unique(items: list[Mention]) -> list[Mention]:
    seen: set[int] = set()
    out = []
    for m in items:
        if m.start not in seen:
            seen.add(m.start)
            out.append(m)
    return out


def _subjectish(m: Mention) -> bool:
    """Subjects and "by ..." agents of any verb (without a parse: never)."""
    tok = m.head
    while tok.dep_ in ("conj", "appos") and tok.head != tok:
        tok = tok.head
    return tok.dep_ in ("nsubj", "csubj") or (tok.dep_ == "pobj" and tok.head.lower_ == "by")


def _as_kind(m: Mention, kind: str, country: str | None, resolver: ActorResolver) -> Mention:
    if m.actor.type != "Civilians" or m.entry.role == "patient" or not _subjectish(m):
        return m
    actor = _generic(kind, country, resolver, m)
    return Mention(actor, m.entry, m.head, m.start, m.end) if actor else m


def _fill(
    how: str,
    ordered: list[Mention],
    exclude: list[str],
    country: str | None,
    resolver: ActorResolver,
    other: Actor | None,
) -> Actor | None:
    if how == "none":
        return None
    if how.startswith("fixed:"):
        kind = how.split(":", 1)[1]
        target = _generic(kind, country, resolver, None)
        match = next((m for m in ordered if target is not None and m.actor.type == target.type), None)
        return _generic(kind, country, resolver, match)
    source, _, fallback = how.partition("|")
    for m in ordered:
        if m.actor.type in exclude or (other is not None and m.actor.name == other.name):
            continue
        if source == "anystate" and m.actor.type not in _STATE:
            continue
        return m.actor
    if fallback in ("", "none", "counterpart"):
        return None
    return _generic(fallback, country, resolver, None)


def _counterpart(
    actor1: Actor,
    ordered: list[Mention],
    exclude: list[str],
    country: str | None,
    resolver: ActorResolver,
    sentence: Span,
) -> Actor | None:
    """The other side of a battle when the sentence names only one."""
    for m in ordered:
        if m.actor.name != actor1.name and m.actor.type not in exclude:
            return m.actor
    paired = _paired(actor1, country, resolver)
    if paired is not None and paired.type not in exclude:
        return paired
    kind = conventions().get("counterpart", {}).get(actor1.type or "", "military")
    if kind == "same":
        if actor1.type == "Identity militia" or _reciprocal(sentence):  # rival clans, two militias
            return Actor(actor1.name, actor1.type, actor1.country, None, None, None)
        kind = "military"
    return _generic(kind, country, resolver, None)


def _paired(actor1: Actor, country: str | None, resolver: ActorResolver) -> Actor | None:
    """The other side named inside actor1's own phrase: "LNA and GNA forces", "Military forces of India
    and Pakistan", "Indian and Pakistani troops"."""
    text = actor1.text or ""
    if not any(w.lower() in ("and", "&") for w, _, _ in tokenize(text)):
        return None
    for i, j, entry in resolver.matches(text):
        if entry.generic is None and entry.name != actor1.name:
            found = resolver.resolve(" ".join(w for w, _, _ in tokenize(text)[i:j]), country=country)
            if found is not None:
                return Actor(found.name, found.type, found.country, None, None, None)
    others = [c for c in resolver.countries_in(text) if c.iso3 != actor1.country]
    if others:
        found_entry = resolver.resolve_entry(text, country=country, target=others[0].iso2)
        if found_entry is not None and found_entry[0].name != actor1.name:
            actor = found_entry[0]
            return Actor(actor.name, actor.type, actor.country, None, None, None)
    return None


def _has_cue(sentence: Span, cues: Iterable[str]) -> bool:
    """Whether one of ``cues`` is a word of the sentence ("inter-community" whole, not "community")."""
    if not cues:
        return False
    words = set(re.findall(r"[a-z]+(?:-[a-z]+)*", sentence.text.lower()))
    return any(cue in words for cue in cues)


def _reciprocal(sentence: Span) -> bool:
    lowered = " " + sentence.text.lower() + " "
    return any(f" {cue} " in lowered for cue in conventions().get("reciprocal_cues", []))
