"""How many people were killed, injured, arrested or abducted, as a sentence reports it.

``find_counts(sentence)`` looks for cue words (``data/counts_cues.json``) and reads the number that goes with
each cue, in two numbered stages:

1. syntax (when the doc is parsed): the subject of a passive cue ("12 soldiers were killed"), the object of
   an active one ("killing two"), the noun a cue modifies ("three dead", "5 deaths"), "left 5 dead";
2. word order (no parse, or stage 1 found nothing for that cue): the nearest number phrase just before
   the cue ("2 soldiers were wounded") or just after it ("killing at least 12").

Numbers follow ACLED's conventions: the most conservative figure of a range is the best estimate,
"dozens" is 12, "tens" 10, "hundreds" 100, "several"/"multiple"/an unspecified number is 3, a singular
noun ("a soldier was killed") is 1. Figures for the same kind in one sentence add up ("2 soldiers and 5
militants were killed" -> 7).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from ..records import Counts

__all__ = ["KINDS", "count_fatalities", "find_counts", "parse_quantity"]

#: The kinds of counts, in the order they are reported.
KINDS = ("killed", "injured", "arrested", "abducted")

#: Stage 2 windows: how many tokens before / after a cue may separate it from its number.
WINDOW_BEFORE = 7
WINDOW_AFTER = 5
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_RANGE = re.compile(r"^(\d+)[-–](\d+)$")
_STOP_BEFORE = {
    "and",
    "but",
    "while",
    "after",
    "before",
    "when",
    "as",
    "which",
    "who",
    "killing",
    "injuring",
    ";",
    ",",
    ".",
}
_STATIVE = {"be", "lie", "remain", "find", "confirm", "declare", "report", "leave", "lay"}


@dataclass(frozen=True)
class _Cues:
    lemmas: dict[str, str]  # word -> kind
    phrases: list[tuple[tuple[str, ...], str]]
    not_cues: list[tuple[tuple[str, ...], str]]
    numbers: dict[str, int]
    multipliers: frozenset[str]
    vague: dict[str, int]
    singular: frozenset[str]
    lower: frozenset[str]
    upper: frozenset[str]
    joiners: frozenset[str]
    skip_preps: frozenset[str]
    collective: frozenset[str]
    not_counts: frozenset[str]
    anaphoric: frozenset[str]


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    path = resources.files("sitrep.nlp") / "data" / "counts_cues.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    lemmas = {w: kind for kind, words in data["cues"].items() for w in words}
    phrases = [(tuple(p.split()), kind) for kind, ps in data["phrases"].items() for p in ps]
    not_cues = [(tuple(p.split()), kind) for kind, ps in data["not_cues"].items() for p in ps]
    return _Cues(
        lemmas,
        sorted(phrases, key=lambda p: -len(p[0])),
        not_cues,
        data["numbers"],
        frozenset(data["multipliers"]),
        data["vague"],
        frozenset(data["singular"]),
        frozenset(data["lower_bound"]),
        frozenset(data["upper_bound"]),
        frozenset(data["range_joiners"]),
        frozenset(data["skip_preps"]),
        frozenset(data["collective_nouns"]),
        frozenset(data["not_counts"]),
        frozenset(data["anaphoric"]),
    )


# -- numbers -------------------------------------------------------------------------------------------------


def _number_value(word: str) -> int | None:
    cues = _cues()
    w = word.lower().replace("’", "'")
    if _DIGITS.match(w):
        return int(w.replace(",", ""))
    if w in cues.numbers:
        return cues.numbers[w]
    if "-" in w:  # twenty-five
        parts = [cues.numbers.get(p) for p in w.split("-")]
        if all(p is not None for p in parts) and len(parts) == 2 and parts[0] >= 20 and parts[1] < 10:
            return parts[0] + parts[1]
    return None


def parse_quantity(words: list[str]) -> tuple[int, int | None, int | None, int, int] | None:
    """Read a number phrase: returns (best, low, high, first index, end index) or None.

    ``["at", "least", "12"]`` -> (12, 12, None, 2, 3); ``["between", "5", "and", "7"]`` -> (5, 5, 7, 1, 4);
    ``["dozens"]`` -> (12, 12, None, 0, 1); ``["two", "hundred"]`` -> (200, ...)."""
    cues = _cues()
    lower = [w.lower() for w in words]
    i = 0
    while i < len(lower):
        m = _RANGE.match(lower[i])
        if m:
            lo, hi = sorted((int(m.group(1)), int(m.group(2))))
            return lo, lo, hi, i, i + 1
        value = _number_value(lower[i])
        if value is not None and _is_measure(lower, i):
            value = None
        if value is not None and not (
            lower[i] in ("both", "single", "lone")
            and i + 1 < len(lower)
            and _number_value(lower[i + 1]) is not None
        ):
            j = i + 1
            total = value
            while j < len(lower):  # two hundred, 1.2 thousand, twenty five, forty - three
                if lower[j] == "-" and j + 1 < len(lower) and total >= 20 and total % 10 == 0:
                    j += 1
                nxt = _number_value(lower[j])
                if nxt is None:
                    break
                if lower[j] in cues.multipliers:
                    total *= nxt
                elif total >= 20 and total % 10 == 0 and nxt < 10:
                    total += nxt
                else:
                    break
                j += 1
            if lower[i] == "dozen" and i > 0 and lower[i - 1] in ("a", "one"):
                i -= 1
            k = j  # a range: "5 and 7", "5 to 7", "5 or 6"
            if k + 1 < len(lower) and lower[k] in cues.joiners:
                second = _number_value(lower[k + 1])
                between = i > 0 and lower[i - 1] == "between"
                if second is not None and second > total and (lower[k] != "and" or between):
                    return total, total, second, i, k + 2
            before = set(lower[max(0, i - 3) : i])
            if before & {"least", "more", "over", "above", "exceeding"}:
                return total, total, None, i, j
            if before & {"up", "many", "nearly", "almost", "under", "fewer", "less"}:
                return total, None, total, i, j
            return total, total, total, i, j
        if lower[i] in cues.vague:
            if lower[i] in ("unknown", "unspecified", "undisclosed", "unconfirmed", "unreported") and (
                i + 1 >= len(lower) or lower[i + 1] not in ("number", "numbers", "amount")
            ):
                i += 1
                continue
            if (
                lower[i] in ("some", "many", "few")
                and i + 1 < len(lower)
                and _number_value(lower[i + 1]) is not None
            ):
                i += 1
                continue
            value = cues.vague[lower[i]]
            return value, value, None, i, i + 1
        i += 1
    return None


def _is_measure(lower: list[str], i: int) -> bool:
    """A number that dates or measures something ("6 December", "13-year old", "5 km"), not people."""
    cues = _cues()
    nxt = lower[i + 1] if i + 1 < len(lower) else ""
    if nxt in ("-", "–") and i + 2 < len(lower):  # "25 - year - old" as the tokenizer splits it
        nxt = lower[i + 2]
    prev = lower[i - 1] if i > 0 else ""
    if nxt in cues.not_counts or nxt.lstrip("-") in cues.not_counts or prev in cues.not_counts - {"may"}:
        return True
    return bool(re.match(r"^\d{4}$", lower[i])) and 1900 <= int(lower[i]) <= 2100


# -- cues ----------------------------------------------------------------------------------------------------


def _cue_kinds(sent: Span) -> list[tuple[Token, str]]:
    """(cue token, kind) for each cue in the sentence; multi-word cues report their first word."""
    cues = _cues()
    words = [t.lower_ for t in sent]
    present = set(words)  # a phrase is looked for only when its first word is in the span
    found: list[tuple[Token, str]] = []
    taken: set[int] = set()
    for phrase, kind in cues.phrases:
        if phrase[0] not in present:
            continue
        for i in range(len(words) - len(phrase) + 1):
            if tuple(words[i : i + len(phrase)]) == phrase and i not in taken:
                found.append((sent[i], kind))
                taken.update(range(i, i + len(phrase)))
    for i, tok in enumerate(sent):
        if i in taken:
            continue
        kind = cues.lemmas.get(words[i]) or cues.lemmas.get(tok.lemma_.lower() if tok.lemma_ else "")
        if kind and tok.pos_ not in ("PROPN",):
            found.append((tok, kind))
    if not found:
        return found
    # Blocking phrases are read on the whole sentence: a clause cut at "killed" still belongs to "killed
    # or injured".
    whole = _enclosing_sentence(sent)
    whole_words = words if (whole.start, whole.end) == (sent.start, sent.end) else [t.lower_ for t in whole]
    whole_present = present if whole_words is words else set(whole_words)
    blocked: set[tuple[int, str]] = set()
    for phrase, kind in cues.not_cues:
        if phrase[0] not in whole_present:
            continue
        for i in range(len(whole_words) - len(phrase) + 1):
            if tuple(whole_words[i : i + len(phrase)]) == phrase:
                blocked.update((whole.start + i + k - sent.start, kind) for k in range(len(phrase)))
    found = [(tok, kind) for tok, kind in found if (tok.i - sent.start, kind) not in blocked]
    found.sort(key=lambda f: f[0].i)
    return _without_alternatives(sent, found) if present & {"(", "["} else found


def _enclosing_sentence(span: Span) -> Span:
    """The sentence ``span`` lies in, or ``span`` itself when the doc has no sentences or it spans several."""
    doc = span.doc
    if len(span) == 0 or not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return span
    sent = span[0].sent
    return sent if sent.start <= span.start and span.end <= sent.end else span


def _without_alternatives(sent: Span, found: list[tuple[Token, str]]) -> list[tuple[Token, str]]:
    """Drop cues inside brackets that follow a cue of the same kind: "killing two (some sources reported
    4 fatalities)" gives another figure for the same dead, not more dead."""
    depth, bracketed = 0, set()
    for tok in sent:
        if tok.text in ("(", "["):
            depth += 1
        elif tok.text in (")", "]"):
            depth = max(0, depth - 1)
        elif depth:
            bracketed.add(tok.i)
    kept: list[tuple[Token, str]] = []
    for tok, kind in found:
        if tok.i in bracketed and any(k == kind and t.i not in bracketed for t, k in kept):
            continue
        kept.append((tok, kind))
    return kept


# -- stage 1: syntax -----------------------------------------------------------------------------------------


def _phrase_count(
    head: Token, used: set[int], explicit: bool = False
) -> tuple[int, int | None, int | None, int, int] | None:
    """The number of people a noun phrase headed by ``head`` stands for (conjuncts added), or None.

    ``explicit``: only a number counts (for phrases a cue merely describes: "the slain suspect")."""
    total: tuple[int, int | None, int | None, int, int] | None = None
    for member in [head, *[c for c in head.conjuncts if c.i > head.i]]:
        if member is not head and not _introduces_person(member):
            continue  # "a religious scholar and teacher": one person with two roles
        own = _single_count(member, used, explicit)
        if own is None:
            continue
        if total is None:
            total = own
        else:
            best, low, high = total[0] + own[0], _add(total[1], own[1]), _add(total[2], own[2])
            total = (best, low, high, min(total[3], own[3]), max(total[4], own[4]))
    return total


def _introduces_person(tok: Token) -> bool:
    """A conjunct that names someone else: it has its own determiner, possessive or number, or is plural."""
    if tok.tag_ in ("NNS", "NNPS") or tok.pos_ in ("PROPN", "NUM", "PRON"):
        return True
    return (
        any(c.dep_ in ("det", "poss", "nummod") for c in tok.children)
        or _number_value(tok.lower_) is not None
    )


def _add(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a + b


def _single_count(
    tok: Token, used: set[int], explicit: bool = False
) -> tuple[int, int | None, int | None, int, int] | None:
    cues = _cues()
    if tok.i in used:
        return None
    skip = {
        t.i
        for c in tok.children
        if c.lower_ in cues.skip_preps or c.dep_ in ("relcl", "acl", "appos")
        for t in c.subtree
    }
    number_range = _number_value(tok.lower_) is not None and any(
        c.dep_ == "conj" and _number_value(c.lower_) is not None for c in tok.children
    )
    if not number_range:  # "between five and six" stays one phrase
        skip |= {t.i for c in tok.children if c.dep_ == "conj" or c.dep_ == "cc" for t in c.subtree}
    pre = [
        t
        for t in tok.subtree
        if t.i not in skip
        and (t.i <= tok.i or t.dep_ == "prep" and t.lower_ == "of" or t.head.lower_ == "of")
    ]
    # "a number of people", "dozens of militants": keep the quantifier side only
    pre = [
        t for t in pre if t.i <= tok.i or tok.lower_ in cues.vague or _number_value(tok.lower_) is not None
    ]
    if number_range:
        pre = [t for t in tok.subtree if t.i not in skip and t.i <= max(c.i for c in tok.conjuncts)]
    parsed = parse_quantity([t.text for t in pre])
    if (
        parsed is not None
        and parsed[3] > 0
        and pre[parsed[3] - 1].lower_ in cues.anaphoric
        and tok.sent.start > 0
    ):
        return None  # "the two herders were killed": counted where first reported
    if parsed is not None and not (explicit and pre[parsed[3]].lower_ in cues.singular):
        best, low, high, a, b = parsed
        tokens = pre[a:b]
        if any(t.i in used for t in tokens):
            return None
        used.update(t.i for t in tokens)
        return best, low, high, tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    stray = _stray_number(tok, used)  # "5 IS militants" with "IS" misread as a verb
    if stray is not None:
        return stray
    if explicit and not (tok.dep_ == "ROOT" or any(c.lower_ in ("a", "an", "one") for c in tok.children)):
        return None
    if tok.lower_ in ("who", "that", "which", "whom") and tok.head.dep_ == "relcl":
        # "protesters who were killed": count the antecedent only when it carries a number
        return _phrase_count(tok.head.head, used, explicit=True) if _has_number(tok.head.head) else None
    if tok.lower_ in ("them", "they", "themselves"):
        return _antecedent_number(tok, used)
    if tok.lower_ in ("him", "her", "he", "she") and not _introduced_before(tok):
        return None  # "gunmen killed him": the person was counted where first named
    nominal = tok.pos_ in ("NOUN", "PRON", "PROPN") or tok.dep_ in ("dobj", "nsubjpass", "nsubj", "conj")
    if (nominal and tok.pos_ not in ("VERB", "AUX", "ADP", "PUNCT")) or tok.lower_ in cues.singular:
        plural = tok.tag_ in ("NNS", "NNPS") or (not tok.tag_ and tok.lower_.endswith("s"))
        if plural and any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in tok.children):
            plural = False  # "a police personnel": the article says one, whatever the tagger says
        if tok.lower_ in ("those", "these", "others", "some"):
            return None
        if tok.lower_ in cues.collective:
            # "a group of seven farmers": the members are counted when the phrase gives their number.
            members = [
                m for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for m in c.children
                if m.dep_ == "pobj" and _has_number(m)
            ]  # fmt: skip
            return _phrase_count(members[0], used) if members else None
        if not plural and not _back_reference(tok):
            used.add(tok.i)
            return 1, 1, 1, tok.idx, tok.idx + len(tok.text)
    return None


def _stray_number(tok: Token, used: set[int]) -> tuple[int, int | None, int | None, int, int] | None:
    """A number just before a plural noun phrase that the parse left outside it."""
    if tok.tag_ not in ("NNS", "NNPS"):
        return None
    edge = tok.left_edge.i
    for k in (edge - 1, edge - 2):
        if k < tok.sent.start or k in used:
            return None
        prev = tok.doc[k]
        value = _number_value(prev.lower_)
        if (
            value is not None
            and prev.head.i != tok.i
            and not _is_measure([t.lower_ for t in tok.doc[k : k + 3]], 0)
        ):
            used.add(k)
            return value, value, value, prev.idx, prev.idx + len(prev.text)
        if prev.pos_ not in ("AUX", "PROPN"):
            return None
    return None


def _has_number(tok: Token) -> bool:
    return any(_number_value(t.lower_) is not None or t.lower_ in _cues().vague for t in tok.lefts)


def _back_reference(tok: Token) -> bool:
    """A definite noun without anything that introduces it ("the victim", "his father"): someone already
    counted or not newly killed. "The wife of a suspect" or "the man, a trader," introduce a person."""
    if tok.pos_ == "PROPN" or tok.dep_ == "ROOT" or tok.sent.start == 0:
        return False  # a report's first sentence introduces people even with "the"
    dets = [c.lower_ for c in tok.children if c.dep_ in ("det", "poss")]
    if not dets or any(d in ("a", "an", "one", "another") for d in dets):
        return False
    return not any(c.dep_ in ("prep", "appos", "relcl", "acl") for c in tok.children)


def _antecedent_number(tok: Token, used: set[int]) -> tuple[int, int | None, int | None, int, int] | None:
    """For "them": the nearest number before it in the sentence ("took two men and killed them")."""
    for prev in reversed(list(tok.sent)[: tok.i - tok.sent.start]):
        value = _number_value(prev.lower_)
        if value is not None and prev.dep_ == "nummod" and prev.i not in used:
            used.add(prev.i)
            return value, value, value, prev.idx, prev.idx + len(prev.text)
    return None


def _introduced_before(tok: Token) -> bool:
    """Whether a person was introduced earlier in the sentence with "a"/"an" ("shot a man, killing him")."""
    return any(t.lower_ in ("a", "an") and t.dep_ == "det" for t in tok.sent if t.i < tok.i)


def _syntax_count(cue: Token, used: set[int]) -> tuple[int, int | None, int | None, int, int] | None | bool:
    """The count syntax attaches to ``cue``; False when syntax offers no phrase at all to look at."""
    candidates: list[Token] = []
    described: set[int] = set()  # phrases the cue describes rather than counts ("the slain suspect")
    strict: set[int] = set()  # phrases that count only with a number ("the death of a baby")
    deps_subject = ("nsubjpass", "nsubj")
    if cue.pos_ in ("VERB", "AUX") or cue.tag_.startswith("VB"):
        objects = [c for c in cue.children if c.dep_ in ("dobj", "obj")]
        passive = [c for c in cue.children if c.dep_ == "nsubjpass"]
        intransitive = (
            [c for c in cue.children if c.dep_ == "nsubj"]
            if cue.lemma_ in ("die", "perish", "succumb")
            else []
        )
        # "shot dead a man" parsed with the man under "dead"
        objects += [
            g
            for c in cue.children
            if c.dep_ in ("acomp", "oprd", "advmod", "prt")
            for g in c.children
            if g.dep_ in ("pobj", "dobj")
        ]
        if not passive and not objects and cue.tag_ == "VBN" and cue.dep_ == "ROOT":
            # "Two gunmen and a civilian killed.": a headline-style passive with its auxiliary left out.
            if not any(c.dep_ in ("aux", "auxpass") for c in cue.children):
                passive = [c for c in cue.children if c.dep_ == "nsubj"]
        candidates = passive + objects + intransitive
        if cue.dep_ in ("acl", "amod") and cue.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            candidates.append(cue.head)  # "5 people killed"
            described.add(cue.head.i)
        if not candidates and cue.dep_ == "conj":  # "3 were killed and 5 injured"
            candidates = [
                c
                for c in cue.children
                if c.dep_ in ("nsubj", "npadvmod", "advmod")
                and (_number_value(c.lower_) is not None or c.lower_ in _cues().vague)
            ]
            if not candidates and cue.head.pos_ == "VERB":  # "shot and killed", "abducted and executed"
                candidates = [c for c in cue.head.children if c.dep_ in ("nsubjpass", "dobj")]
    elif cue.pos_ == "ADV" and cue.head.pos_ == "VERB":  # "fatally shot a man"
        candidates = [c for c in cue.head.children if c.dep_ in ("dobj", "nsubjpass")]
    elif cue.pos_ == "ADJ" or cue.lower_ in ("dead", "injured", "wounded"):
        if cue.dep_ in ("amod",) and cue.head.pos_ in ("NOUN", "NUM", "PROPN"):
            candidates.append(cue.head)
            described.add(cue.head.i)
        elif cue.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "advcl", "conj"):
            verb = cue.head
            candidates = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.i != cue.i]
            if verb.lemma_ in _STATIVE:
                candidates += [c for c in verb.children if c.dep_ in deps_subject and c.i != cue.i]
        copula = any(c.dep_ in ("cop", "aux", "auxpass") or c.lemma_ == "be" for c in cue.children)
        candidates += [
            c for c in cue.children if c.dep_ in ("nummod", "npadvmod") or (c.dep_ == "nsubj" and copula)
        ]
    else:  # nouns: "5 deaths", "the death toll rose to 7", "the bodies of 3 men"
        nums = [c for c in cue.children if c.dep_ in ("nummod", "quantmod") or c.lower_ in _cues().vague]
        if nums:
            candidates.append(cue)
        for prep in (c for c in cue.children if c.dep_ == "prep" and c.lower_ in ("of",)):
            candidates += [c for c in prep.children if c.dep_ == "pobj"]
            if cue.lemma_.lower() not in ("body", "corpse"):  # "the body of a man" is one dead
                strict.update(c.i for c in prep.children if c.dep_ == "pobj")
        if (
            cue.lower_ == "death"
            and cue.dep_ == "pobj"
            and cue.head.lower_ == "to"
            and cue.head.head.pos_ == "VERB"
        ):
            verb = cue.head.head  # "shot a villager to death", "was beaten to death"
            candidates += [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        elif cue.lower_ == "toll" or cue.lower_.startswith("death"):
            verb = cue.head
            candidates += [
                p
                for c in verb.children
                if c.dep_ == "prep" and c.lower_ in ("to", "at")
                for p in c.children
                if p.dep_ == "pobj"
            ]
            candidates += [c for c in verb.children if c.dep_ in ("attr", "dobj") and c.i != cue.i]
    if not candidates:
        return False
    for cand in candidates:
        if cand.i in strict:
            found = _phrase_count(cand, used, explicit=True)
            if found is not None and not any(
                _number_value(t.lower_) is not None or t.lower_ in _cues().vague
                for t in cand.subtree
                if t.i <= cand.i
            ):
                found = None
        else:
            found = _phrase_count(cand, used, explicit=cand.i in described)
        if found is not None:
            return found
    return None


# -- stage 2: word order -------------------------------------------------------------------------------------


def _window_count(
    cue: Token, sent: Span, used: set[int]
) -> tuple[int, int | None, int | None, int, int] | None:
    lo = max(sent.start, cue.i - WINDOW_BEFORE)
    before = [t for t in sent.doc[lo : cue.i]]
    cut = 0
    for k, t in enumerate(before):  # stop at clause boundaries, not inside "between 5 and 7"
        if t.lower_ in _STOP_BEFORE and k < len(before) - 1:
            between_numbers = (
                0 < k
                and _number_value(before[k - 1].lower_) is not None
                and _number_value(before[k + 1].lower_) is not None
            )
            if not between_numbers:
                cut = k + 1
    before = before[cut:]
    parsed = parse_quantity([t.text for t in before])
    if parsed is not None:
        best, low, high, a, b = parsed
        tokens = before[a:b]
        if not any(t.i in used for t in tokens):
            used.update(t.i for t in tokens)
            return best, low, high, tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    after = [t for t in sent.doc[cue.i + 1 : min(sent.end, cue.i + 1 + WINDOW_AFTER)]]
    for k, t in enumerate(after):
        if t.lower_ in (",", ";", ".", "and", "in", "on", "at", "after", "when", "while"):
            after = after[:k]
            break
    parsed = parse_quantity([t.text for t in after])
    if parsed is not None:
        best, low, high, a, b = parsed
        tokens = after[a:b]
        if not any(t.i in used for t in tokens):
            used.update(t.i for t in tokens)
            return best, low, high, tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return None


# -- public API ----------------------------------------------------------------------------------------------


def find_counts(sentence: Span | Doc, trigger: Token | None = None) -> dict[str, Counts]:
    """Counts of people killed, injured, arrested and abducted reported in ``sentence``.

    Keys are the kinds found (a subset of ``KINDS``). ``trigger`` is accepted for callers that know the
    event's word; the counts of the whole sentence are reported either way."""
    sent = sentence[:] if isinstance(sentence, Doc) else sentence
    parsed = sent.doc.has_annotation("DEP")
    used: set[int] = set()
    totals: dict[str, list[tuple[int, int | None, int | None, int, int]]] = {}
    for cue, kind in _cue_kinds(sent):
        found = _syntax_count(cue, used) if parsed else False
        if found is False:
            found = _window_count(cue, sent, used)
        if found is not None:
            totals.setdefault(kind, []).append(found)
    # The sentence's own text, not the doc's: Doc.text is rebuilt from every token on each access.
    sent_text, offset = sent.text, sent.start_char
    out: dict[str, Counts] = {}
    for kind, items in totals.items():
        best = sum(i[0] for i in items)
        low = None if any(i[1] is None for i in items) else sum(i[1] for i in items)  # type: ignore[misc]
        high = None if any(i[2] is None for i in items) else sum(i[2] for i in items)  # type: ignore[misc]
        start, end = min(i[3] for i in items), max(i[4] for i in items)
        text = sent_text[start - offset : end - offset]
        out[kind] = Counts(best=best, low=low, high=high, text=text, start=start, end=end)
    return out


def count_fatalities(text: str, nlp=None) -> int | None:  # noqa: ANN001
    """People killed in plain ``text`` (summed over its sentences), or None when no figure is reported.

    Uses ``nlp`` when given (a parsed pipeline is more accurate), else a blank English tokenizer."""
    doc = (nlp or _blank())(text)
    sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    total = None
    for sent in sents:
        killed = find_counts(sent).get("killed")
        if killed is not None and killed.best is not None:
            total = (total or 0) + killed.best
    return total


@lru_cache(maxsize=1)
def _blank():  # noqa: ANN202
    import spacy

    return spacy.blank("en")
