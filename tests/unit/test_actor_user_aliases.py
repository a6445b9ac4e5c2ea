"""Users extend the actor aliases with their own file, named by SITREP_ACTOR_ALIASES."""

from __future__ import annotations

import json

import pytest

from sitrep.errors import InputError
from sitrep.nlp.actors import get_resolver
from sitrep.nlp.actors.resolver import ALIASES_ENV


def _write(path, named):
    path.write_text(json.dumps({"named": named}), encoding="utf-8")
    return path


def test_actor_user_aliases_add_a_new_group(tmp_path, monkeypatch) -> None:
    assert get_resolver().resolve("the Copper Hawk Brigade", country="MLI") is None or (
        get_resolver().resolve("the Copper Hawk Brigade", country="MLI").name != "Copper Hawk Brigade"
    )
    path = _write(
        tmp_path / "mine.json",
        [{"name": "Copper Hawk Brigade", "type": "Political militia", "country": "MLI", "aliases": ["CHB"]}],
    )
    monkeypatch.setenv(ALIASES_ENV, str(path))
    resolver = get_resolver()
    for text in ("the Copper Hawk Brigade", "CHB fighters"):
        actor = resolver.resolve(text, country="MLI")
        assert actor is not None and (actor.name, actor.type, actor.country) == (
            "Copper Hawk Brigade",
            "Political militia",
            "MLI",
        )
    islamic_state = resolver.resolve("ISIS", country="SYR")  # sitrep's own aliases still apply
    assert islamic_state is not None and islamic_state.name == "Islamic State"


def test_actor_user_aliases_take_precedence(tmp_path, monkeypatch) -> None:
    mine = {"name": "Daesh Cells", "type": "Rebel group", "aliases": ["Daesh"]}
    path = _write(tmp_path / "override.json", [mine])
    monkeypatch.setenv(ALIASES_ENV, str(path))
    actor = get_resolver().resolve("Daesh", country="IRQ")
    assert actor is not None and actor.name == "Daesh Cells"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read the actor alias file"),
        ("[1, 2]", "not an actor alias file"),
        ('{"named": [{"name": "X", "type": "Wizards"}]}', "not an actor alias file"),
    ],
)
def test_actor_user_aliases_bad_file_is_one_clear_error(tmp_path, monkeypatch, content, message) -> None:
    path = tmp_path / f"aliases-{abs(hash(message)) % 1000}-{content is None}.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    monkeypatch.setenv(ALIASES_ENV, str(path))
    with pytest.raises(InputError, match=message) as caught:
        get_resolver()
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)
