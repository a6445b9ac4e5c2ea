"""strip_coder_remarks: coder remarks and the date lead go, the event description stays."""

from __future__ import annotations

import pytest

from sitrep.classify.notes import strip_coder_remarks


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        (
            "On 9 May 2020, police arrested two men in Kano. [size=no report]",
            "Police arrested two men in Kano.",
        ),
        (
            "On May 9, 2020, traders marched to the town hall. [size=around 50]",
            "Traders marched to the town hall.",
        ),
        (
            "On Mar 27, jets struck a camp near Gao. Unspecified number of fatalities coded as 3.",
            "Jets struck a camp near Gao.",
        ),
        (
            "Arrests: On 10 Sept, police detained a reporter in Pokhara.",
            "Police detained a reporter in Pokhara.",
        ),
        ("Property destruction: On 3 January 2021, men burned a shop in Kut.", "Men burned a shop in Kut."),
        ("22 April. Soldiers repelled an attack on a post.", "Soldiers repelled an attack on a post."),
        ("As reported on Aug 08, a mortar shell hit a farm.", "A mortar shell hit a farm."),
        (
            "Around 9 September 2020 (between 6-12 Sept), fighting in Abala (coded to Abala at GP2).",
            "Fighting in Abala.",
        ),
        ("Rebels attacked a base. Fatalities coded as 2 (VoJ reported 3).", "Rebels attacked a base."),
        (
            "Militia fighters looted a market. Unknown fatalities coded as 3 and split between events.",
            "Militia fighters looted a market.",
        ),
    ],
)
def test_notes_strip_coder_remarks(note: str, expected: str) -> None:
    assert strip_coder_remarks(note) == expected


def test_notes_keep_plain_news_text() -> None:
    text = "Police fired tear gas at students who gathered outside the ministry."
    assert strip_coder_remarks(text) == text


def test_notes_remove_every_size_remark() -> None:
    for size in ("no report", "dozens", "hundreds", "around 1,000", "Size=unknown"):
        assert "size" not in strip_coder_remarks(f"Workers held a sit-in. [size={size}]").lower()


def test_notes_empty_input() -> None:
    assert strip_coder_remarks("") == ""
