"""The held-out split of the ACLED training files: rows no trained sitrep model ever reads.

A row is held out when the SHA-1 of its stripped ``notes`` falls in the first tenth of the hash space.
The rule needs no list of ids, gives the same rows on every machine, and applies to any ACLED export, so
``sitrep eval acled FILE --held-out`` measures on the tenth of FILE that training skipped.
``acled/global_2020_05.csv`` is held out whole on top of this (see ``training.HELD_OUT_FILES``).
"""

from __future__ import annotations

import hashlib

__all__ = ["HELD_OUT_PERCENT", "is_held_out"]

#: Share of every ACLED file kept out of training, in percent.
HELD_OUT_PERCENT = 10


def is_held_out(notes: str) -> bool:
    """Whether a note (the raw ``notes`` cell) belongs to the held-out split."""
    digest = hashlib.sha1(notes.strip().encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % 100 < HELD_OUT_PERCENT
