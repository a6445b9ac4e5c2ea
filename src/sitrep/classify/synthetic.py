"""Expand the news-style phrase templates of ``data/synthetic.json`` into training sentences.

The templates are sitrep's own words. Expansion is deterministic for a given seed.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

__all__ = ["expand_templates", "load_templates"]

_DATA = Path(__file__).resolve().parent / "data" / "synthetic.json"
_SLOT = re.compile(r"\{(\w+)\}")


def load_templates(path: Path = _DATA) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _fill(template: str, slots: dict[str, list[str]], rng: random.Random) -> str:
    text = _SLOT.sub(lambda m: rng.choice(slots[m.group(1)]), template)
    text = " ".join(text.split()).replace(" ,", ",").replace(" .", ".")
    return text[0].upper() + text[1:] if text else text


def expand_templates(
    seed: int = 13, per_template: int | None = None, path: Path = _DATA
) -> list[tuple[str, str]]:
    """(sentence, label) pairs: each template filled ``per_template`` times (duplicates dropped)."""
    spec = load_templates(path)
    rng = random.Random(seed)
    count = per_template if per_template is not None else int(spec.get("per_template", 10))
    out: list[tuple[str, str]] = []
    for label, templates in spec["templates"].items():
        for template in templates:
            seen: set[str] = set()
            for _ in range(count):
                text = _fill(template, spec["slots"], rng)
                if text not in seen:
                    seen.add(text)
                    out.append((text, label))
    return out
