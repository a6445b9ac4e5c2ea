"""Where a time pattern can begin: an exact prefilter for :meth:`PatternSet.scan`.

Every pattern starts with a word-start lookbehind, so Python's ``re`` tries each of them at every
position of a document. Most positions cannot start a match: the first three characters of any match
belong to a small set read off the pattern's syntax tree ("jan", "the", a digit and a space...).
``first_chars`` gives that set (folded as :func:`fold` folds text), ``candidates`` the word starts of a
text under their folded first characters, and ``finditer`` tries the regex only at the word starts
that begin as the set allows. Python's ``finditer`` would find the same matches, in the same order: it
tries every position from the end of the last match, and no position left out can start a match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain
from re import _constants as sre  # the parser's opcodes (private modules, stable since 3.11)
from re import _parser as sre_parse

__all__ = ["ANY", "FOLDS", "PREFIX", "candidates", "finditer", "first_chars", "fold", "heads"]

#: Characters other than A-Z that ``re.IGNORECASE`` matches with an ASCII letter (Kelvin sign, long s,
#: dotted capital I, dotless i); the tests check the list against every code point.
FOLDS = {"\u212a": "k", "\u017f": "s", "\u0130": "i", "\u0131": "i"}
_DIGIT = "0"  # every decimal digit folds to "0" (digit classes become "0")
#: Stands for a character a pattern does not bound (a space, ``\\w``...).
ANY = "\x00"
#: How many first characters of a match the start sets hold.
PREFIX = 3
_MAX_PREFIXES = 4000
_NOT_WORD = re.compile(r"[^\w-]")  # what the patterns' lookbehind (?<![\w-]) accepts before a match


def fold(ch: str) -> str:
    """One character as the start sets see it: ASCII lower-cased, the IGNORECASE look-alikes of ASCII
    letters mapped to them, decimal digits to "0", anything else unchanged."""
    if ch < "\x80":
        return _DIGIT if "0" <= ch <= "9" else ch.lower()
    if ch in FOLDS:
        return FOLDS[ch]
    return _DIGIT if ch.isdecimal() else ch


def first_chars(regex: re.Pattern[str], size: int = PREFIX) -> frozenset[str] | None:
    """The folded beginnings (``size`` characters, fewer for a shorter match; ``ANY`` stands for a
    character the syntax does not bound) every match of ``regex`` starts with, or None when the syntax
    does not bound its first character (``\\w``, a non-ASCII literal, a possibly empty match...)."""
    found = _prefixes(sre_parse.parse(regex.pattern, regex.flags), size)
    if found is None or "" in found or any(s[0] == ANY for s in found):
        return None
    return frozenset(found)


def heads(first: frozenset[str] | None) -> frozenset[str] | None:
    """The start set as ``finditer`` uses it: each beginning cut before its first ``ANY``."""
    return None if first is None else frozenset(s.split(ANY, 1)[0] for s in first)


def _prefixes(items, size: int) -> set[str] | None:
    """Every beginning (up to ``size`` characters, shorter when the sequence ends) of a match of a
    sequence of parsed items, or None when unknown or too many."""
    out = {""}
    for op, av in items:
        grown: set[str] = set()
        for head in out:
            if len(head) >= size:
                grown.add(head)
                continue
            tails = _item_prefixes(op, av, size - len(head))
            if tails is None:
                return None
            grown.update(head + t for t in tails)
        if len(grown) > _MAX_PREFIXES:
            return None
        out = grown
        if all(len(h) >= size for h in out):
            break
    return out


def _item_prefixes(op, av, size: int) -> set[str] | None:
    if op is sre.LITERAL:
        ch = chr(av)
        return {fold(ch) if ch < "\x80" else ANY}
    if op is sre.IN:
        return _class_chars(av)
    if op in (sre.ANY, sre.NOT_LITERAL):
        return {ANY}
    if op is sre.BRANCH:
        out: set[str] = set()
        for alternative in av[1]:
            found = _prefixes(alternative, size)
            if found is None:
                return None
            out |= found
        return out
    if op is sre.SUBPATTERN:
        return _prefixes(av[3], size)
    if op is sre.ATOMIC_GROUP:
        return _prefixes(av, size)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, item = av
        one = _prefixes(item, size)
        if one is None:
            return None
        # r repetitions for r from min(low, size) to min(high, size): more than ``size`` repetitions
        # begin like ``size`` of them (a repetition is empty or adds a character).
        out = {""} if low == 0 else set()
        acc = {""}
        for r in range(1, min(high, size) + 1):
            acc = {h if len(h) >= size else (h + t)[:size] for h in acc for t in one}
            if r >= min(low, size):
                out |= acc
            if len(out) > _MAX_PREFIXES:
                return None
        return out
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return {""}  # zero width
    return None


def _class_chars(items) -> set[str]:
    out: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL and av < 0x80:
            out.add(fold(chr(av)))
        elif op is sre.RANGE and av[1] < 0x80:
            out.update(fold(chr(c)) for c in range(av[0], av[1] + 1))
        elif op is sre.CATEGORY and av in (sre.CATEGORY_DIGIT, sre.CATEGORY_UNI_DIGIT):
            out.add(_DIGIT)
        else:
            return {ANY}
    return out


class _FoldTable(dict):
    """``str.translate`` table applying :func:`fold`, filled as characters are met."""

    def __missing__(self, code: int) -> str:
        value = self[code] = fold(chr(code))
        return value


_TABLE = _FoldTable()


def candidates(text: str) -> dict[str, list[int]]:
    """The positions where ``(?<![\\w-])`` holds, under their first one, two and three folded characters."""
    folded = text.translate(_TABLE)
    by_key: dict[str, list[int]] = {}
    starts = [m.end() for m in _NOT_WORD.finditer(text)]
    for p in [0, *starts]:
        key = folded[p : p + PREFIX]
        if key:
            by_key.setdefault(key, []).append(p)
    index = {key: list(found) for key, found in by_key.items()}
    for key, found in by_key.items():
        for n in range(1, len(key)):
            index.setdefault(key[:n], []).extend(found)
    return index


def finditer(
    regex: re.Pattern[str], text: str, starts: frozenset[str] | None, index: dict[str, list[int]]
) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)`` for a regex that starts with ``(?<![\\w-])`` and whose matches begin
    with one of ``starts`` (from :func:`heads`; None: no prefilter)."""
    if starts is None:
        yield from regex.finditer(text)
        return
    end = 0
    for p in sorted(set(chain.from_iterable(index.get(h, ()) for h in starts))):
        if p < end:
            continue
        m = regex.match(text, p)
        if m is not None:
            yield m
            end = m.end()
