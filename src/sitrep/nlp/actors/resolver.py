"""Resolve a phrase to a canonical ACLED-style actor (name, ACLED actor type, ISO3 country).

Matching order (the first that finds something wins):

1. named actors: aliases from the user's file (``SITREP_ACTOR_ALIASES``), then sitrep's curated aliases
   (``actors_aliases.json``), then names derived from ACLED's actor list (``actors_acled.tsv``); the
   longest alias found in the phrase wins.
2. generic descriptions ("gunmen", "Nigerian soldiers", "villagers"): a template filled with the country
   named by a demonym in the phrase ("Nigerian") or else the event's country.

State forces are typed "State forces" inside their own country and "External/Other forces" outside it.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ...errors import InputError
from ...records import ACTOR_TYPES, Actor
from .countries import Countries, CountryInfo, get_countries

__all__ = ["ALIASES_ENV", "ActorResolver", "Entry", "get_resolver", "tokenize"]

#: Environment variable naming the user's actor alias file (layout of ``data/actors_aliases.json``); its
#: aliases take precedence over sitrep's own.
ALIASES_ENV = "SITREP_ACTOR_ALIASES"

_TOKEN = re.compile(r"[A-Za-z](?:\.[A-Za-z])+\.?|\w+(?:['’]\w+)*|[-–]", re.UNICODE)
_GENERIC_FAMILIES = re.compile(
    r"^(Civilians|Protesters|Rioters|Unidentified Armed Group|Military Forces of|Police Forces of"
    r"|Government of)\b"
)
_PERIOD = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")
_IDENTITY = re.compile(r"^(.+?) (Ethnic|Communal|Clan|Sub-Clan|Tribal) Militia(?: \((.+)\))?$")
_IDENTITY_NOUNS = (
    "militia",
    "militias",
    "militiamen",
    "gunmen",
    "herdsmen",
    "herders",
    "fighters",
    "militants",
    "attackers",
    "youths",
    "assailants",
    "tribesmen",
    "clansmen",
    "clan",
    "ethnic militia",
    "men",
)


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Word tokens of ``text`` with their character offsets (keeps "U.S." and "al-Shabaab" whole)."""
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _norm(word: str) -> str:
    """Lower case, one kind of apostrophe, no possessive "'s", no final dot of a long word ("Forces.")."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s") and len(word) > 3:
        word = word[:-2]
    return word.rstrip(".") if len(word) > 2 else word


def _cased_form(word: str) -> str:
    """A word as written, for aliases matched in capitals only: no possessive ("KIA's") nor final dot."""
    word = word.replace("’", "'")
    if word.endswith("'s") and len(word) > 3:
        word = word[:-2]
    return word.rstrip(".")


@dataclass(frozen=True)
class Entry:
    """One alias target: a named actor or a generic template."""

    name: str  # canonical name, or a template with {country} / {country_forces}
    type: str
    country: str | None = None  # ISO3
    state: bool = False
    generic: str | None = None  # generic kind ("military", "civilians"...) or None for named actors
    source: str = "curated"
    role: str | None = None  # "patient" (places, targets) or "agent" (weapons standing for an attacker)
    only_in: tuple[str, ...] = ()  # ISO2 countries where this alias applies (empty: everywhere; also
    # applies when the event's country is unknown)


class ActorResolver:
    """Text -> ``Actor``, from alias data (see the module docstring for the order of matching)."""

    def __init__(
        self,
        entries: list[tuple[str, Entry, bool]],
        countries: Countries,
        unnamed_words: frozenset[str] = frozenset(),
    ) -> None:
        """``entries``: (alias, entry, case_sensitive), most trusted first; ``unnamed_words`` turn the
        description of a state's force into an unidentified armed group ("unidentified armed personnel")."""
        self.countries = countries
        self.unnamed_words = unnamed_words
        self._unnamed_entry = next((e for _, e, _ in entries if e.generic == "armed"), None)
        self._index: dict[tuple[str, ...], list[tuple[Entry, tuple[str, ...] | None]]] = {}
        #: The longest alias (in words) beginning with each word: matching tries no longer phrase from it.
        self._longest_from: dict[str, int] = {}
        for alias, entry, case in entries:
            words = tuple(w for w, _, _ in tokenize(alias))
            if not words:
                continue
            key = tuple(_norm(w) for w in words)
            # Capitals-only aliases keep their written form, compared as ``_cased_form`` reads it.
            self._index.setdefault(key, []).append((entry, tuple(map(_cased_form, words)) if case else None))
            self._longest_from[key[0]] = max(self._longest_from.get(key[0], 0), len(key))

    # -- construction -------------------------------------------------------------------------------------

    @classmethod
    def load(cls, extra: Path | None = None) -> ActorResolver:
        """The packaged alias data, with the user's ``extra`` JSON file (same layout as
        ``actors_aliases.json``: "named" and/or "generic" lists) taking precedence."""
        data_dir = resources.files("sitrep.nlp") / "data"
        entries: list[tuple[str, Entry, bool]] = []
        if extra is not None:
            entries += _user_entries(Path(extra))
        data = json.loads((data_dir / "actors_aliases.json").read_text("utf-8"))
        curated = _entries_from_json(data, "curated")
        entries += curated
        generic_words = frozenset(alias.lower() for alias, entry, _ in curated if entry.generic is not None)
        entries += _entries_from_acled_table(
            (data_dir / "actors_acled.tsv").read_text("utf-8"), get_countries(), generic_words
        )
        unnamed = frozenset(w.lower() for w in data.get("unnamed_words", []))
        return cls(entries, get_countries(), unnamed)

    # -- resolution ---------------------------------------------------------------------------------------

    def matches(self, text: str) -> list[tuple[int, int, Entry]]:
        """Every alias occurrence in ``text`` as (first token, end token, entry), longest first."""
        toks = tokenize(text)
        keys = [_norm(w) for w, _, _ in toks]
        found: list[tuple[int, int, Entry]] = []
        for i in range(len(toks)):
            for j in range(min(len(toks), i + self._longest_from.get(keys[i], 0)), i, -1):
                for entry, cased in self._index.get(tuple(keys[i:j]), ()):
                    if cased is not None and tuple(_cased_form(w) for w, _, _ in toks[i:j]) != cased:
                        continue
                    if entry.generic is None and i >= 2 and keys[i - 2 : i] in (["anti", "-"], ["anti", "–"]):
                        continue  # "anti-Houthi forces" are the other side
                    found.append((i, j, entry))
        # longest first; named before generic; among equal generic words the rightmost (the phrase's head:
        # "local policeman" is police, not a local resident)
        found.sort(key=lambda m: (-(m[1] - m[0]), m[2].generic is not None, -m[0] if m[2].generic else m[0]))
        return found

    def demonym_country(self, text: str) -> CountryInfo | None:
        """The country a demonym or country name in ``text`` points to ("Nigerian troops" -> Nigeria)."""
        toks = [_norm(w) for w, _, _ in tokenize(text)]
        for n in (3, 2, 1):
            for i in range(len(toks) - n + 1):
                if (
                    toks[i + n : i + n + 2]
                    and toks[i + n] in ("-", "–")
                    and toks[i + n + 1 : i + n + 2]
                    and (toks[i + n + 1] in _PATRON_WORDS)
                ):
                    continue  # "U.S.-backed militias" are not U.S. forces
                phrase = " ".join(toks[i : i + n])
                iso2 = self.countries.demonyms.get(phrase)
                if iso2 is None and n > 1:
                    iso2 = self.countries.by_phrase.get(phrase)
                if iso2:
                    return self.countries.get(iso2)
        return self._country_after_of(text)

    def _country_after_of(self, text: str) -> CountryInfo | None:
        """A one-word country name right after "of" ("Military forces of Armenia"); one-word names
        elsewhere stay unread, as they are too often places or people ("Niger State", "Chad")."""
        found = self.countries_in(text, after=("of",))
        return found[0] if found else None

    def countries_in(self, text: str, after: tuple[str, ...] = ("of", "and", ",", "&")) -> list[CountryInfo]:
        """Countries an actor phrase names, in order: demonyms ("Indian and Pakistani troops"), names of
        two words or more, and one-word names after one of ``after`` ("forces of India and Pakistan")."""
        toks = tokenize(text)
        keys = [_norm(w) for w, _, _ in toks]
        out: list[CountryInfo] = []
        i = 0
        while i < len(toks):
            for n in (3, 2, 1):
                phrase = " ".join(keys[i : i + n])
                if i + n > len(toks):
                    continue
                iso2 = self.countries.demonyms.get(phrase)
                if iso2 is None and (n > 1 or (i > 0 and keys[i - 1] in after and toks[i][0][:1].isupper())):
                    iso2 = self.countries.by_phrase.get(phrase)
                if iso2:
                    info = self.countries.get(iso2)
                    if info is not None and info not in out:
                        out.append(info)
                    i += n - 1
                    break
            i += 1
        return out

    def named_country(self, text: str) -> CountryInfo | None:
        """The last country named in ``text`` (names, not demonyms: "... in Dahuk, Northern Iraq" -> Iraq),
        used as the event's country when the place was not resolved."""
        toks = tokenize(text)
        found: CountryInfo | None = None
        i = 0
        while i < len(toks):
            for n in (3, 2, 1):
                words = toks[i : i + n]
                if len(words) < n or not words[0][0][:1].isupper():
                    continue
                iso2 = self.countries.by_phrase.get(" ".join(_norm(w) for w, _, _ in words))
                lone = n == 1 and (
                    (i > 0 and toks[i - 1][0] in _NOT_COUNTRY_BEFORE)
                    or (i + 1 < len(toks) and toks[i + 1][0] in _NOT_COUNTRY_AFTER)
                )
                if iso2 and not lone:
                    found = self.countries.get(iso2)
                    i += n - 1
                    break
            i += 1
        return found

    def resolve(
        self,
        text: str,
        *,
        country: str | None = None,
        inside_country: bool | None = None,
        start: int | None = None,
    ) -> Actor | None:
        """The actor ``text`` names, or None. ``country`` is the ISO2 code of the event's country;
        ``inside_country`` says whether a state force acts at home (worked out from ``country`` when None).
        ``start`` is the offset of ``text`` in the document, kept on the returned ``Actor``."""
        found = self.resolve_entry(text, country=country, inside_country=inside_country, start=start)
        return found[0] if found else None

    def resolve_entry(
        self,
        text: str,
        *,
        country: str | None = None,
        inside_country: bool | None = None,
        start: int | None = None,
        target: str | None = None,
    ) -> tuple[Actor, Entry] | None:
        """Like ``resolve``, with the alias entry that matched (its generic kind and role). ``target`` (ISO2)
        names the country a generic description belongs to, instead of the one its words name."""
        if not text or not text.strip():
            return None
        # an alias scoped to some countries applies there, and where the event's country is unknown
        found = [
            m
            for m in self.matches(text)
            if not m[2].only_in or country is None or country.upper() in m[2].only_in
        ]
        if not found:
            return None
        named = [m for m in found if m[2].generic is None]
        best = named[0] if named else found[0]
        entry = best[2]
        if entry.state and entry.generic is not None and entry.role is None and self._unnamed_entry:
            before = [_norm(w) for w, _, _ in tokenize(text)[max(0, best[0] - _UNNAMED_REACH) : best[0]]]
            if any(w in self.unnamed_words for w in before):  # "unidentified armed personnel"
                entry = self._unnamed_entry
        event_country = self.countries.get(country)
        name, actor_country = entry.name, entry.country
        if entry.generic is not None:
            forces_of = self.countries.get(target) if target else None
            target_info = forces_of or self.demonym_country(text)
            polity = _FORCES_OF.search(text) if entry.state and target_info is None else None
            if polity is not None and polity.group(1).split()[0] in _NOT_POLITY:
                polity = None
            target_info = target_info or event_country
            if polity is not None and "{country_forces}" in entry.name:
                # "Military forces of Artsakh": a polity that is no country in the table keeps its name
                name = entry.name.format(country_forces=polity.group(1))
                actor_country = None
            elif target_info is None and "{" in entry.name:
                name = _PLACEHOLDER.sub("", entry.name).replace("  ", " ").strip()
                name = name.replace("()", "").replace(" of", "").strip()
            elif "{" in entry.name:
                name = entry.name.format(country=target_info.name, country_forces=target_info.forces_name)
            if "{" in entry.name and polity is None:
                actor_country = target_info.iso3 if target_info else None
        kind = entry.type
        if entry.state:
            if inside_country is None:
                inside_country = (
                    event_country is None or actor_country is None or event_country.iso3 == actor_country
                )
            kind = "State forces" if inside_country else "External/Other forces"
        offset = start or 0
        actor = Actor(
            name=name,
            type=kind,
            country=actor_country,
            text=text.strip(),
            start=None if start is None else offset + (len(text) - len(text.lstrip())),
            end=None if start is None else offset + len(text.rstrip()),
        )
        return actor, entry


#: How many words before a state force's description an ``unnamed_words`` word may stand.
_UNNAMED_REACH = 3

#: "forces of <Name>" where <Name> (capitalised words) is the polity the forces belong to.
_FORCES_OF = re.compile(
    r"\b(?:[Ff]orces|[Aa]rmy|[Pp]olice) of (?:the )?((?:[A-Z][\w'’-]+)(?: [A-Z][\w'’-]+){0,2})"
)

_NOT_POLITY = frozenset(
    {"Republic", "Government", "State", "Ministry", "Interior", "Defence", "Defense", "Regime", "Kingdom"}
)

_PATRON_WORDS = frozenset(
    {"backed", "led", "trained", "supported", "funded", "armed", "allied", "aligned", "sponsored"}
)
#: Words around a one-word country name that make it another place ("Lake Chad", "Niger State").
_NOT_COUNTRY_BEFORE = frozenset({"Lake", "River", "Mount", "Gulf", "Sea"})
_NOT_COUNTRY_AFTER = frozenset({"State", "River", "Delta", "Basin"})
#: An ACLED militia named by proper nouns alone ("Mungiki Militia", "Aye Cult Militia").
_PROPER_MILITIA = re.compile(r"^((?:[A-Z][a-z][\w-]+)(?: [A-Z][a-z][\w-]+)*(?: Cult)?) Militia$")
_PLACEHOLDER = re.compile(r"\{country(?:_forces)?\}")


def _entries_from_json(data: dict[str, Any], source: str) -> list[tuple[str, Entry, bool]]:
    out: list[tuple[str, Entry, bool]] = []
    for item in data.get("named", []):
        kind = item.get("type")
        if kind not in ACTOR_TYPES:
            raise ValueError(f"actor {item.get('name')!r}: type {kind!r} is not one of {ACTOR_TYPES}")
        entry = Entry(item["name"], kind, item.get("country"), bool(item.get("state")), None, source)
        for alias in [item["name"], *item.get("aliases", [])]:
            out.append((alias, entry, _is_cased(alias)))
        for alias, where in item.get("scoped_aliases", {}).items():
            out.append((alias, dataclasses.replace(entry, only_in=tuple(where)), _is_cased(alias)))
    for item in data.get("generic", []):
        entry = Entry(
            item["template"],
            item["type"],
            None,
            bool(item.get("state")),
            item["kind"],
            source,
            item.get("role"),
        )
        for phrase in item.get("phrases", []):
            out.append((phrase, entry, False))
    return out


def _is_cased(alias: str) -> bool:
    """Short all-capital aliases (IS, AA, ADF) match only in capitals."""
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 6


def _entries_from_acled_table(
    text: str, countries: Countries, generic_words: frozenset[str] = frozenset()
) -> list[tuple[str, Entry, bool]]:
    """Aliases derived from ACLED actor names: "NPA: New People's Army" -> NPA, New People's Army;
    "Boko Haram - Jamaatu ..." -> Boko Haram; "Fulani Ethnic Militia (Nigeria)" -> Fulani militia, ..."""
    out: list[tuple[str, Entry, bool]] = []
    rows = csv.DictReader((line for line in text.splitlines() if not line.startswith("#")), delimiter="\t")
    for row in rows:
        name, kind = row["name"], row["type"]
        if _GENERIC_FAMILIES.match(name) or "and/or" in name or kind not in ACTOR_TYPES:
            continue
        base = _PERIOD.sub("", name).strip()
        qualifier = None
        m = re.match(r"^(.*?) \(([^()]+)\)$", base)
        if m:
            base, qualifier = m.group(1), m.group(2)
        info = countries.from_name(qualifier) if qualifier else None
        entry = Entry(name, kind, info.iso3 if info else None, False, None, "acled")
        aliases = {name, base}
        if ": " in base:
            abbr, full = base.split(": ", 1)
            aliases.update(a for a in abbr.split("/") if len(a) >= 2)
            aliases.update(full.split("/"))
        if " - " in base:
            aliases.add(base.split(" - ", 1)[0])
        ident = _IDENTITY.match(_PERIOD.sub("", name))
        if ident and not ident.group(1).startswith("Unidentified"):
            aliases.update(f"{ident.group(1)} {noun}" for noun in _IDENTITY_NOUNS)
        seen_in = tuple(
            sorted(
                {
                    info.iso2
                    for c in (row.get("countries") or "").split(";")
                    if (info := countries.from_name(c)) is not None
                }
            )
        )
        proper = _PROPER_MILITIA.match(base)
        if proper and proper.group(1).lower() not in generic_words:
            # "Mungiki Militia" -> "Mungiki", "Aye Cult Militia" -> "Aye Cult", written as a name only
            out.append((proper.group(1), entry, True))
        for alias in aliases:
            if len(alias) >= 2 and not alias.isdigit() and alias.lower() not in generic_words:
                cased = _is_cased(alias)
                # abbreviations are ambiguous across countries: keep them to where the actor was seen
                scoped = dataclasses.replace(entry, only_in=seen_in) if cased and seen_in else entry
                out.append((alias, scoped, cased))
    return out


def _user_entries(path: Path) -> list[tuple[str, Entry, bool]]:
    """The aliases of a user's file, or one clear ``InputError`` naming the file and the fix."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError('the top level must be an object with "named" and/or "generic" lists')
        return _entries_from_json(data, "user")
    except OSError as exc:
        raise InputError(
            str(path),
            f"cannot read the actor alias file ({exc.strerror or exc})",
            f"fix the path in {ALIASES_ENV}",
        ) from exc
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(
            str(path),
            f"not an actor alias file ({exc})",
            "use the layout of sitrep/nlp/data/actors_aliases.json",
        ) from exc


def get_resolver() -> ActorResolver:
    """The packaged resolver plus the user's alias file named by ``SITREP_ACTOR_ALIASES`` (if set),
    loaded once per process for each file."""
    return _resolver(os.environ.get(ALIASES_ENV) or None)


@lru_cache(maxsize=4)
def _resolver(extra: str | None) -> ActorResolver:
    return ActorResolver.load(Path(extra) if extra else None)
