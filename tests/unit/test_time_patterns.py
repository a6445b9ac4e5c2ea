"""Pattern files: built-in order, user files first, the environment variable, errors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.time.patterns import ENV_VAR, load_patterns, normalise
from sitrep.time.resolve import resolve


def _write(path: Path, patterns: list[dict[str, object]], lexicon: dict[str, object] | None = None) -> Path:
    path.write_text(json.dumps({"patterns": patterns, **({"lexicon": lexicon} if lexicon else {})}), "utf-8")
    return path


def test_time_patterns_builtin_names_are_unique() -> None:
    names = [p.name for p in load_patterns(use_env=False).patterns]
    assert len(names) == len(set(names)) and len(names) > 30


def test_time_patterns_user_file_goes_first(tmp_path: Path) -> None:
    # A user who reads a bare weekday as the coming one in their sources can override the built-in pattern.
    spec = {"name": "my_weekday", "kind": "weekday", "regex": "(?P<weekday>{WEEKDAY})",
            "params": {"groups": {"rel": "next"}}}
    user = _write(tmp_path / "u.json", [spec])
    pset = load_patterns([user], use_env=False)
    assert pset.patterns[0].name == "my_weekday"
    span = resolve("Wednesday", date(2017, 10, 12), patterns=pset)
    assert span is not None and span.start == date(2017, 10, 18)


def test_time_patterns_env_var(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user = _write(tmp_path / "env.json", [], lexicon={"holidays": {"founding": {"names": ["founding day"],
                                                                             "month": 6, "day": 2}}})
    monkeypatch.setenv(ENV_VAR, str(user))
    span = resolve("on Founding Day", date(2020, 7, 1))
    assert span is not None and span.start == date(2020, 6, 2)
    monkeypatch.delenv(ENV_VAR)
    assert resolve("on Founding Day", date(2020, 7, 1)) is None


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "not valid JSON"), ('{"patterns": {}}', "patterns"),
     ('{"patterns": [{"name": "x", "kind": "date", "regex": "{NOPE}"}]}', "unknown placeholder"),
     ('{"patterns": [{"name": "x", "regex": "a"}]}', "missing field"),
     ('{"patterns": [{"name": "x", "kind": "nope", "regex": "a"}]}', "unknown kind"),
     ('{"patterns": [{"name": "x", "kind": "date", "regex": "(a"}]}', "bad regular expression")],
)
def test_time_patterns_bad_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, "utf-8")
    with pytest.raises(InputError, match=message):
        load_patterns([path], use_env=False)


def test_time_patterns_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        load_patterns([tmp_path / "absent.json"], use_env=False)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("  On 9 May 2020, ", "9 May 2020"), ("in mid-September.", "mid-September"), ("Sept.", "Sept."),
     ("(last week)", "last week")],
)
def test_time_patterns_normalise(raw: str, clean: str) -> None:
    assert normalise(raw) == clean


def test_time_patterns_case_sensitive_month_words() -> None:
    pset = load_patterns(use_env=False)
    assert [m.text for m in pset.scan("They may strike in May.")] == ["May"]
    assert [m.text for m in pset.scan("Crowds march on 3 March.")] == ["3 March"]
