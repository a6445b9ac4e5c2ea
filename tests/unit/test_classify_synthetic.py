"""Template phrases: deterministic expansion, known labels and slots."""

from __future__ import annotations

import re

from sitrep.classify.labels import LABELS
from sitrep.classify.synthetic import expand_templates, load_templates


def test_synthetic_labels_and_slots_known() -> None:
    spec = load_templates()
    assert set(spec["templates"]) <= set(LABELS)
    for templates in spec["templates"].values():
        for template in templates:
            assert set(re.findall(r"\{(\w+)\}", template)) <= set(spec["slots"])


def test_synthetic_expansion_deterministic() -> None:
    first = expand_templates(seed=5, per_template=3)
    assert first == expand_templates(seed=5, per_template=3)
    assert all("{" not in text for text, _ in first)
    assert {label for _, label in first} >= {
        "NATURAL_DISASTER",
        "MAN_MADE_DISASTER",
        "ORG_CRIME",
        "DIPLO",
        "ATTRIB",
    }
