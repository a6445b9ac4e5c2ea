"""Features of a (trigger, toponym) pair for the event-location model: syntax, not place names.

Every feature is a string naming a property of how the toponym attaches to the event's trigger in the
dependency parse (path labels, the preposition that introduces it, subject/possessor roles, distance,
coordination with other toponyms) or of the toponym itself (recogniser role, feature level, entity
label). No feature names a place or a trigger word, so the weights carry over to any text.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .event_candidates import Candidate

__all__ = ["FeatureCues", "ancestors", "pair_features", "path_between"]

#: Closed-class words whose identity may be a feature (prepositions and the like introduce places).
_FUNCTION_POS = ("ADP", "SCONJ", "PART", "DET", "CCONJ", "PUNCT")


def ancestors(token: Token, limit: int = 40) -> list[Token]:
    """The token and its heads up to the root (Token objects are views: compare indices)."""
    out = [token]
    while out[-1].head.i != out[-1].i and len(out) < limit:
        out.append(out[-1].head)
    return out


def path_between(a: Token, b: Token) -> tuple[list[Token], list[Token]] | None:
    """(a up to the common ancestor, b up to it), both including it; None across sentences."""
    up_a, up_b = ancestors(a), ancestors(b)
    index_a = {t.i: k for k, t in enumerate(up_a)}
    for k, t in enumerate(up_b):
        if t.i in index_a:
            return up_a[: index_a[t.i] + 1], up_b[: k + 1]
    return None


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def _word(token: Token | None) -> str:
    if token is None:
        return "NONE"
    if token.pos_ in _FUNCTION_POS or token.is_stop:
        return token.lower_
    return token.pos_


def _lemma(token: Token | None, cues: FeatureCues) -> str:
    """A common word's lemma when it is in the cue vocabulary, else its coarse class."""
    if token is None:
        return "NONE"
    if token.pos_ in _FUNCTION_POS or token.is_stop:
        return token.lower_
    lemma = token.lemma_.lower() or token.lower_
    if token.pos_ in ("NOUN", "ADJ", "VERB") and lemma in cues.context_words:
        return lemma
    return token.pos_


def _prep_on(root: Token, trigger: Token) -> str | None:
    """The preposition by which ``root`` hangs off the trigger ("in", "near"), or None."""
    head = root.head
    if root.dep_ == "pobj" and head.pos_ == "ADP" and head.head.i == trigger.i:
        return head.lower_
    return None


def _gap(span, trigger: Token) -> int:
    """Words from the trigger to the span: positive after it, negative before, 0 when it covers it."""
    if span.start <= trigger.i < span.end:
        return 0
    return span.start - trigger.i if span.start > trigger.i else -(trigger.i - span.end + 1)


def _inner(token: Token, cues: FeatureCues) -> str:
    """A word inside a candidate span: its lower-case form when a common word or area word, else NAME."""
    low = token.lower_
    if low in cues.area_words or low in cues.context_words or token.is_stop or token.is_punct:
        return low
    return "NAME"


def _shape(span) -> str:
    if all(t.is_upper or not t.is_alpha for t in span):
        return "upper"
    if all(t.is_title or not t.is_alpha or t.is_stop for t in span):
        return "title"
    if span[0].is_lower:
        return "lower"
    return "mixed"


@dataclass(frozen=True)
class FeatureCues:
    """Closed word lists the features consult (speech verbs, area words, common context words)."""

    speech_verbs: frozenset[str] = frozenset()
    area_words: frozenset[str] = frozenset()
    context_words: frozenset[str] = frozenset()


def _trigger_features(trigger: Token, cues: FeatureCues) -> list[str]:
    """Whether the trigger reports one event: its word, tense, auxiliaries, negation, subject."""
    feats = [f"tword={_lemma(trigger, cues)}", f"tense={trigger.morph.get('Tense') or trigger.tag_}"]
    for child in trigger.children:
        if child.dep_ in ("aux", "auxpass", "neg"):
            feats.append(f"t{child.dep_}={child.lemma_.lower() or child.lower_}")
        elif child.dep_ in ("nsubj", "nsubjpass"):
            feats.append(f"tsubj={_lemma(child, cues)}")
    return feats


def pair_features(cand: Candidate, trigger: Token, others: list[Candidate], cues: FeatureCues) -> list[str]:
    """Feature names of one candidate place ``cand`` for the event of ``trigger``.

    ``others`` are the other candidates of the sentence (for rank, nesting and coordination features).
    """
    span = cand.span
    doc = span.doc
    root = span.root
    src = cand.source
    feats = ["bias", f"src={src}", f"dep={root.dep_}", f"tdep={trigger.dep_}", f"tpos={trigger.pos_}"]
    feats += _trigger_features(trigger, cues)
    if cand.toponym is not None:
        role = cand.toponym._.sitrep_role or "literal"
        place = cand.toponym._.sitrep_place
        level = (place.feature or "none") if place is not None else "unresolved"
    else:
        role, level = "none", "none"
    ent = (root.ent_type_ or "O") if root.ent_iob_ in ("B", "I") else "O"  # Doc.ents is rebuilt per access
    feats += [f"role={role}", f"level={level}", f"ent={ent}", f"len={_bucket(len(span), (1, 2, 3))}"]
    feats += [f"src={src}|ent={ent}", f"shape={_shape(span)}", f"src={src}|shape={_shape(span)}"]
    known = cand.known.split("|")
    feats += [f"known={known[0]}", f"known={cand.known}", f"src={src}|known={known[0]}"]
    feats += [f"src={src}|dep={root.dep_}", f"src={src}|len={_bucket(len(span), (1, 2, 3))}"]
    if span.start == span.sent.start:
        feats.append("sent_initial")
    # The span's own common words: "the Free Syrian Army", "Operation X", "Y Province" (no names).
    feats.append(f"first={_inner(span[0], cues)}")
    feats.append(f"last={_inner(span[-1], cues)}")
    feats.append(f"src={src}|last={_inner(span[-1], cues)}")
    head = root.head
    prep = head.lower_ if root.dep_ == "pobj" and head.pos_ == "ADP" else None
    feats.append(f"prep={prep}")
    feats.append(f"src={src}|prep={prep}")
    feats.append(f"known={known[0]}|prep={prep}")
    if prep is not None:
        feats.append(f"prep={prep}|attach={head.head.pos_}")
        feats.append(f"prep={prep}|attach_is_trigger={head.head.i == trigger.i}")
        feats.append(f"prep={prep}|owner={_lemma(head.head, cues)}")
    elif root.dep_ in ("compound", "amod", "nmod", "poss", "appos", "conj"):
        feats.append(f"dep={root.dep_}|head={head.pos_}|{head.dep_}")
        feats.append(f"dep={root.dep_}|headword={_lemma(head, cues)}")
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    before2 = doc[span.start - 2] if span.start > 1 else None
    feats += [f"prev={_word(before)}", f"next={_word(after)}"]
    feats += [f"prevw={_lemma(before, cues)}", f"nextw={_lemma(after, cues)}"]
    feats.append(f"prev2={_lemma(before2, cues)}|prev={_word(before)}")
    if after is not None and after.lower_ in cues.area_words:
        feats.append("next_area")
    gap = abs(_gap(span, trigger))
    side = "after" if span.start > trigger.i else "before"
    if span.start <= trigger.i < span.end:
        side, gap = "covers", 0
    feats.append(f"side={side}|gap={_bucket(abs(gap), (1, 3, 6, 10, 20))}")
    # The trigger's word decides how its place attaches ("fighting in X", "X was shelled", "fled to X").
    tword = _lemma(trigger, cues)
    feats += [f"tword={tword}&prep={prep}", f"tword={tword}&side={side}", f"tword={tword}&level={level}"]
    feats.append(f"tword={tword}&src={src}")

    path = path_between(trigger, root)
    if path is None:
        feats.append("path=none")
        return feats
    up_t, up_c = path
    length = len(up_t) + len(up_c) - 2
    feats.append(f"plen={_bucket(length, (1, 2, 3, 4, 6, 9))}")
    in_subtree = up_c[-1].i == trigger.i
    feats.append(f"in_subtree={in_subtree}")
    feats.append(f"tword={tword}&in_subtree={in_subtree}")
    feats.append(f"in_subtree={in_subtree}|prep={prep}")
    up_labels = [t.dep_ for t in up_c[:-1]]
    down_labels = [t.dep_ for t in up_t[:-1]]
    if length <= 5:
        feats.append("path=" + ">".join(up_labels) + "|" + "<".join(reversed(down_labels)))
    feats.append("up=" + ">".join(up_labels[:3]))
    feats.append("down=" + "<".join(reversed(down_labels[-2:])))
    feats.append(f"ancestor_pos={up_c[-1].pos_}")
    if any(t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in cues.speech_verbs for t in up_c[1:]):
        feats.append("under_speech_verb")
    if any(t.pos_ == "VERB" for t in up_c[1:-1]):
        feats.append("other_verb_on_path")
    # The candidate's own clause: a place said where someone spoke ("Speaking in Berlin, ... said Homs
    # was shelled") is where the speech happened, not the event.
    own = next((t for t in up_c[1:] if t.pos_ in ("VERB", "AUX")), None)
    if own is not None and own.i != trigger.i:
        feats.append("own_verb=other")
        if (own.lemma_.lower() or own.lower_) in cues.speech_verbs:
            feats.append("own_verb=speech")
    elif own is not None:
        feats.append("own_verb=trigger")
    if own is not None and own.i != trigger.i:
        # How the candidate's clause relates to the trigger's: "forces launched an attack on X" (its verb
        # governs the trigger), "X, where ... was shelled" (under it), or a separate clause.
        if any(t.i == own.i for t in up_t):
            feats.append("own_verb_rel=governs_trigger")
        elif any(t.i == trigger.i for t in ancestors(own)):
            feats.append("own_verb_rel=under_trigger")
        else:
            feats.append("own_verb_rel=apart")
    # What lies between the candidate and the trigger in the text: another verb, commas.
    lo, hi = (span.end, trigger.i) if span.end <= trigger.i else (trigger.i + 1, span.start)
    between = doc[lo:hi] if hi > lo else []
    feats.append(f"verb_between={any(t.pos_ == 'VERB' for t in between)}")
    feats.append(f"commas_between={_bucket(sum(1 for t in between if t.text == ','), (0, 1))}")
    feats.append(f"prep={prep}|up=" + ">".join(up_labels[:3]))
    if root.head.i == trigger.i and root.dep_ in ("nsubj", "nsubjpass", "dobj", "agent"):
        feats.append(f"argument={root.dep_}")
        feats.append(f"argument={root.dep_}|src={src}")
    subject = next((c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.left_edge.i <= root.i <= subject.right_edge.i:
        feats.append(f"inside_subject={subject.dep_}")

    # Rank among the sentence's candidates by path length; coordination with another candidate.
    lengths = []
    for other in others:
        p = path_between(trigger, other.span.root)
        lengths.append(len(p[0]) + len(p[1]) - 2 if p else 99)
    rank = sum(1 for n in lengths if n < length)
    feats.append(f"rank={min(rank, 3)}")
    feats.append(f"tword={tword}&rank={min(rank, 2)}")
    feats.append(f"tword={tword}&up=" + ">".join(up_labels[:2]))
    # Rank by distance in words, and whether a nearer candidate lies on the same side of the trigger.
    gaps = [_gap(o.span, trigger) for o in others]
    near = sum(1 for g in gaps if abs(g) < abs(gap))
    feats.append(f"dist_rank={min(near, 3)}|rank={min(rank, 3)}")
    # A competitor: another candidate hangs off the trigger by a preposition ("fighting in X").
    mine = _prep_on(root, trigger)
    rival = next((p for p in (_prep_on(o.span.root, trigger) for o in others) if p), None)
    feats.append(f"own_prep_on_trigger={mine}|rival={rival}")
    if any(abs(g) < abs(gap) and (g > 0) == (span.start > trigger.i) for g in gaps):
        feats.append("nearer_same_side")
    before_n = sum(1 for o in others if o.span.start < span.start)
    feats.append(f"order={'first' if before_n == 0 else 'later'}|n={_bucket(len(others) + 1, (1, 2, 3))}")
    feats.append(f"n_cands={_bucket(len(others) + 1, (1, 2, 3, 5))}")
    other_roots = {o.span.root.i for o in others}
    if root.dep_ == "conj" and root.head.i in other_roots:
        feats.append("conj_of_candidate")
    if any(c.dep_ == "conj" and c.i in other_roots for c in root.children):
        feats.append("has_candidate_conj")
    if (
        root.dep_ == "appos"
        and root.head.i in other_roots
        or (any(c.dep_ in ("appos", "npadvmod") and c.i in other_roots for c in root.children))
    ):
        feats.append("appos_with_candidate")
    if prep == "of" and head.head.i in other_roots:
        feats.append("of_candidate")  # "Ramadi city of Anbar province": the larger area
    # Nesting: "the Kafr Souseh area of Damascus", "Ghazaliyah district in western Baghdad", "Buram, South
    # Darfur": the finer place is named first and the container hangs off it.
    starts = {o.span.start for o in others}
    ends = {o.span.end for o in others}
    noun = head if root.dep_ in ("compound", "amod", "nmod") and head.pos_ in ("NOUN", "PROPN") else root
    if any(
        c.dep_ == "prep" and c.lower_ in ("of", "in") and any(g.i in other_roots for g in c.children)
        for c in noun.children
    ):
        feats.append("contains_candidate_below")
    owner = head.head
    if prep in ("of", "in") and (
        owner.i in other_roots or any(c.i in other_roots for c in owner.children if c.dep_ == "compound")
    ):
        feats.append("container_of_candidate")
    if after is not None and after.text == "," and span.end + 1 in starts:
        feats.append("comma_then_candidate")
    if before is not None and before.text == "," and span.start - 1 in ends:
        feats.append("after_candidate_comma")
    if any(o.span.root.head.i == root.i and o.span.root.dep_ == "pobj" for o in others) or any(
        c.dep_ == "prep" and any(g.i in other_roots for g in c.children) for c in root.children
    ):
        feats.append("has_candidate_below")
    return feats
