"""Load the time-expression patterns (data) and find them in text.

The built-in patterns live in ``data/patterns.json`` and the words they name in ``data/lexicon.json``.
Users add their own pattern files (same layout; their patterns are tried before the built-in ones) with
``load_patterns(extra=[path, ...])`` or the environment variable ``SITREP_TIME_PATTERNS`` (paths joined
by ``os.pathsep``). A user file may also carry a ``"lexicon"`` object whose lists are merged into the
built-in lexicon (new month spellings, holidays, ...). See ``README.md`` beside this module.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import InputError
from .starts import candidates, finditer, first_chars, heads

__all__ = ["ENV_VAR", "Lexicon", "Match", "Pattern", "PatternSet", "default_patterns", "load_patterns"]

#: Environment variable naming extra pattern files (``os.pathsep``-separated).
ENV_VAR = "SITREP_TIME_PATTERNS"

_FLAGS = re.IGNORECASE | re.UNICODE
_WORD_START = r"(?<![\w-])"
_WORD_END = r"(?![\w])"
_LEADING = re.compile(r"^(?:on|in|at|during|over|around|about|circa|as\s+of)\s+", _FLAGS)
_TRIM = " \t\n\r,.;:!?\"'“”‘’()[]"
_ABBREVIATION_DOT = re.compile(r"\b(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.$", _FLAGS)


def _alternation(forms: Iterable[str], case_sensitive: frozenset[str]) -> str:
    """One regex alternation of surface forms, longest first; case-sensitive forms need a capital."""
    parts = []
    for form in sorted(set(forms), key=len, reverse=True):
        escaped = re.escape(form).replace(r"\ ", r"\s+")
        if form in case_sensitive:
            cap = re.escape(form[:1].upper() + form[1:]).replace(r"\ ", r"\s+")
            parts.append(f"(?-i:{cap}|{re.escape(form.upper())})")
        else:
            parts.append(escaped)
    return "(?:" + "|".join(parts) + ")"


def _full_month_name(form: str) -> bool:
    """Month words safe to find alone in running text (not "Jan", "Sept.")."""
    return form.isalpha() and (len(form) > 4 or form in ("may", "june", "july"))


@dataclass
class Lexicon:
    """Canonical values for the words the patterns use, and the regex pieces built from them."""

    tables: dict[str, dict[str, Any]]
    case_sensitive: frozenset[str]
    lookup: dict[str, dict[str, str]] = field(init=False)

    def __post_init__(self) -> None:
        self.lookup = {}
        for table, entries in self.tables.items():
            reverse: dict[str, str] = {}
            for value, forms in entries.items():
                names = forms["names"] if isinstance(forms, dict) else forms
                for form in names:
                    reverse[" ".join(form.lower().split())] = value
            self.lookup[table] = reverse

    def value(self, table: str, text: str) -> str | None:
        """Canonical value of ``text`` in ``table`` (``months``, ``weekdays``, ...), or None."""
        key = " ".join(text.lower().split())
        found = self.lookup[table].get(key)
        if found is None and key.startswith("the "):
            found = self.lookup[table].get(key[4:])
        if found is None and key.endswith("-"):
            found = self.lookup[table].get(key[:-1])
        return found

    def placeholders(self) -> dict[str, str]:
        cs = self.case_sensitive

        def alt(table: str, only: Any = None) -> str:
            forms = [f for fs in self.lookup[table].items() for f in [fs[0]] if only is None or only(f)]
            return _alternation(forms, cs)

        return {
            "MONTH": alt("months"),
            "MONTHNAME": alt("months", _full_month_name),
            "WEEKDAY": alt("weekdays"),
            "NUM": r"(?:\d{1,3}|" + alt("numbers") + ")",
            "ORD": alt("ordinals"),
            "UNIT": alt("units"),
            "REL": alt("relatives"),
            "MOD": alt("modifiers"),
            "SEASON": alt("seasons"),
            "PART": alt("parts_of_day"),
            "HOLIDAY": alt("holidays"),
            "DAY": r"(?:[0-3]?\d(?:st|nd|rd|th)?)(?![\d:])",
            "YEAR": r"(?:1[89]|20)\d\d(?![\d:])",
        }

    def merged(self, extra: dict[str, Any]) -> Lexicon:
        """A new lexicon with ``extra``'s entries added (lists extended, new keys added)."""
        tables = json.loads(json.dumps(self.tables))
        for table, entries in extra.items():
            if table == "case_sensitive":
                continue
            target = tables.setdefault(table, {})
            for value, forms in entries.items():
                if isinstance(forms, list) and isinstance(target.get(value), list):
                    target[value] = target[value] + forms
                else:
                    target[value] = forms
        return Lexicon(tables, self.case_sensitive | frozenset(extra.get("case_sensitive", [])))


@dataclass(frozen=True)
class Pattern:
    """One named pattern: a compiled regex and the kind of window its groups compute."""

    name: str
    kind: str
    regex: re.Pattern[str]
    params: dict[str, Any]
    scan: bool
    before: re.Pattern[str] | None
    not_before: re.Pattern[str] | None
    source: str
    #: How a match can begin, folded (``starts.heads`` of ``starts.first_chars``), None when unbounded.
    first: frozenset[str] | None = None


@dataclass(frozen=True)
class Match:
    """A pattern that matched: where, and the named groups it captured."""

    pattern: Pattern
    start: int
    end: int
    groups: dict[str, str]
    text: str


def _expand(regex: str, table: dict[str, str], where: str) -> str:
    def sub(m: re.Match[str]) -> str:
        key = m.group(1)
        if key not in table:
            known = ", ".join(sorted(table))
            raise InputError(where, f"unknown placeholder {{{key}}}", f"use one of {known}")
        return table[key]

    return re.sub(r"\{([A-Z]+)\}", sub, regex)


def _compile_patterns(specs: Sequence[dict[str, Any]], lexicon: Lexicon, source: str) -> list[Pattern]:
    from .kinds import KINDS as kinds  # late: kinds imports this module

    table = lexicon.placeholders()
    patterns = []
    for spec in specs:
        where = f"{source}: pattern {spec.get('name', '?')!r}"
        try:
            body = _expand(spec["regex"], table, where)
            regex = re.compile(_WORD_START + "(?:" + body + ")" + _WORD_END, _FLAGS)
            before = re.compile(spec["before"], _FLAGS) if spec.get("before") else None
            not_before = re.compile(spec["not_before"], _FLAGS) if spec.get("not_before") else None
            pattern = Pattern(spec["name"], spec["kind"], regex, dict(spec.get("params", {})),
                              bool(spec.get("scan", True)), before, not_before, source,
                              heads(first_chars(regex)))
        except KeyError as exc:
            fix = "each pattern needs name, kind and regex"
            raise InputError(where, f"missing field {exc}", fix) from exc
        except re.error as exc:
            raise InputError(where, f"bad regular expression ({exc})", "fix the regex") from exc
        if pattern.kind not in kinds:
            known = ", ".join(sorted(kinds))
            raise InputError(where, f"unknown kind {pattern.kind!r}", f"use one of {known}")
        patterns.append(pattern)
    return patterns


class PatternSet:
    """An ordered list of compiled patterns plus the lexicon they were built from."""

    def __init__(self, patterns: list[Pattern], lexicon: Lexicon) -> None:
        self.patterns = patterns
        self.lexicon = lexicon

    def match(self, text: str) -> Match | None:
        """The first pattern (in order) matching the whole expression, else the longest match inside it."""
        cleaned = normalise(text)
        whole = self.whole(cleaned)
        if whole is not None:
            return whole
        inside = self.scan(cleaned)
        return max(inside, key=lambda x: (x.end - x.start, -x.start), default=None)

    def whole(self, cleaned: str) -> Match | None:
        """The first pattern (in order) matching all of an expression already ``normalise``d."""
        for pattern in self.patterns:
            m = pattern.regex.fullmatch(cleaned)
            if m:
                return _to_match(pattern, m)
        return None

    def scan(self, text: str) -> list[Match]:
        """Every match of every scanning pattern in running text (overlaps included), pattern by pattern.

        Each pattern is tried only at the word starts its first character allows (see ``starts``)."""
        found = []
        index = candidates(text)
        for pattern in self.patterns:
            if not pattern.scan:
                continue
            for m in finditer(pattern.regex, text, pattern.first, index):
                if not _context_ok(pattern, text, m.start()):
                    continue
                found.append(_to_match(pattern, m))
        return found


def normalise(text: str) -> str:
    """One expression, trimmed: collapse spaces, drop a leading preposition and outer punctuation."""
    cleaned = " ".join(text.split())
    keep_dot = bool(_ABBREVIATION_DOT.search(cleaned))
    cleaned = cleaned.strip(_TRIM)
    if keep_dot:
        cleaned += "."
    return _LEADING.sub("", cleaned)


def _context_ok(pattern: Pattern, text: str, start: int) -> bool:
    window = text[max(0, start - 40) : start]
    if pattern.before is not None and not pattern.before.search(window):
        return False
    return not (pattern.not_before is not None and pattern.not_before.search(window))


def _to_match(pattern: Pattern, m: re.Match[str]) -> Match:
    # params["groups"] supplies fixed values for groups the regex does not capture ("a fortnight" -> 2 weeks).
    groups = {k: str(v) for k, v in pattern.params.get("groups", {}).items()}
    groups.update({k: v for k, v in m.groupdict().items() if v is not None})
    return Match(pattern, m.start(), m.end(), groups, m.group(0))


def _read_json(path: Path | str) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as exc:
        raise InputError(str(path), f"cannot read the time patterns file ({exc.strerror})",
                         f"check the path given in {ENV_VAR} or extra_patterns") from exc
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"not valid JSON ({exc.msg}, line {exc.lineno})", "fix the file") from exc
    if not isinstance(data, dict) or not isinstance(data.get("patterns", []), list):
        problem = 'expected an object with a "patterns" list'
        raise InputError(str(path), problem, "see sitrep/time/README.md")
    return data


def _builtin(name: str) -> dict[str, Any]:
    return json.loads(resources.files("sitrep.time").joinpath("data", name).read_text(encoding="utf-8"))


def load_patterns(extra: Sequence[str | Path] = (), *, use_env: bool = True) -> PatternSet:
    """Built-in patterns, preceded by the patterns of ``extra`` files and of ``$SITREP_TIME_PATTERNS``."""
    paths = [str(p) for p in extra]
    if use_env and os.environ.get(ENV_VAR):
        paths += [p for p in os.environ[ENV_VAR].split(os.pathsep) if p]
    return _load(tuple(paths))


def default_patterns() -> PatternSet:
    """The pattern set resolve() uses when none is given (built-in plus ``$SITREP_TIME_PATTERNS``)."""
    return load_patterns()


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...]) -> PatternSet:
    lex_data = _builtin("lexicon.json")
    case_sensitive = frozenset(lex_data.pop("case_sensitive", []))
    lex_data.pop("_about", None)
    lexicon = Lexicon(lex_data, case_sensitive)
    user_files = [(p, _read_json(p)) for p in paths]
    for _, data in user_files:
        if data.get("lexicon"):
            lexicon = lexicon.merged(data["lexicon"])
    patterns: list[Pattern] = []
    for path, data in user_files:
        patterns += _compile_patterns(data.get("patterns", []), lexicon, path)
    builtin = _builtin("patterns.json")["patterns"]
    patterns += _compile_patterns(builtin, lexicon, "sitrep/time/data/patterns.json")
    return PatternSet(patterns, lexicon)
