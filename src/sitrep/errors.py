"""sitrep's exceptions, in one place.

    SitrepError                 every error sitrep raises on purpose; str() is a one-line message
    ├── InputError              an input (file, URL, archive, record) cannot be read; names it and the fix
    │   ├── UnsupportedInput    binary or unknown file type
    │   ├── EncodingError       bytes that are not text in any encoding we try
    │   ├── EmptyInput          nothing to read (empty file, empty feed)
    │   └── SchemaError         a table without the needed columns (no text column, say)
    ├── ModelError              a model or data package is missing; says what to install
    ├── GoldDataError           an evaluation file does not have the expected layout
    └── StoreError              the database cannot be opened or written

Third-party errors are translated at the boundary with ``raise ... from exc``.
"""

from __future__ import annotations

__all__ = [
    "EmptyInput",
    "EncodingError",
    "GoldDataError",
    "InputError",
    "ModelError",
    "SchemaError",
    "SitrepError",
    "StoreError",
    "UnsupportedInput",
]


class SitrepError(Exception):
    """Base class: the message is one line saying what went wrong and what to do."""


class InputError(SitrepError):
    def __init__(self, source: str, problem: str, fix: str | None = None) -> None:
        self.source = source
        self.problem = problem
        self.fix = fix
        message = f"{source}: {problem}"
        if fix:
            message += f"; {fix}"
        super().__init__(message)


class UnsupportedInput(InputError):
    pass


class EncodingError(InputError):
    pass


class EmptyInput(InputError):
    pass


class SchemaError(InputError):
    pass


class ModelError(SitrepError):
    pass


class GoldDataError(SitrepError):
    pass


class StoreError(SitrepError):
    pass
