"""Normalise ACLED ``notes`` into an event description: strip coder remarks and the date lead.

ACLED's coders add things a news text never says (``[size=no report]``, "Unspecified number of fatalities
coded as 3.", a category prefix such as "Arrests:") and often the answer itself. Training and the ACLED
evaluation both pass notes through :func:`strip_coder_remarks`, so the model never reads those remarks.
The patterns are data, in ``data/coder_remarks.json``.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

__all__ = ["strip_coder_remarks"]

_DATA = Path(__file__).resolve().parent / "data" / "coder_remarks.json"
_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE}


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    spec = json.loads(_DATA.read_text(encoding="utf-8"))
    macros: dict[str, str] = dict(spec["macros"])
    for _ in range(3):  # macros may use each other
        for name, body in macros.items():
            for other, value in macros.items():
                body = body.replace("{" + other + "}", value)
            macros[name] = body
    compiled = []
    for item in spec["patterns"]:
        pattern = item["pattern"]
        for name, value in macros.items():
            pattern = pattern.replace("{" + name + "}", value)
        flags = 0
        for letter in item.get("flags", ""):
            flags |= _FLAGS[letter]
        compiled.append(re.compile(pattern, flags))
    return tuple(compiled)


_SPACES = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?])")


def strip_coder_remarks(text: str) -> str:
    """The event description of an ACLED note, without coder remarks or the leading date.

    >>> strip_coder_remarks("On 9 May 2020, police arrested two men in Kano. [size=no report]")
    'Police arrested two men in Kano.'
    """
    out = text or ""
    for pattern in _patterns():
        out = pattern.sub(" ", out)
    out = _SPACE_BEFORE_PUNCT.sub(r"\1", _SPACES.sub(" ", out)).strip(" ,;:-")
    if out and out[0].islower():
        out = out[0].upper() + out[1:]
    return out
