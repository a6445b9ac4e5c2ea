"""Docs that are tested: every command has help with an example and is in the README."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from tests.helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(main.commands))
def test_docs_every_command_has_help_with_an_example(name):
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output, f"`sitrep {name} --help` shows no example"


@pytest.mark.parametrize("name", sorted(main.commands))
def test_docs_every_command_is_in_the_readme(name):
    assert f"sitrep {name}" in README


def test_docs_readme_names_the_test_command_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in README and "make test" in ci
    assert "make demo" in README
