"""The command line: a thin layer over the library.

Each submodule registers its commands on the ``main`` group; domain errors become a one-line
``Error: ...`` on stderr with exit status 1.
"""

from __future__ import annotations

import click

from .. import __version__

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitrep")
def main() -> None:
    """sitrep: news in, conflict event data out."""


def _register() -> None:
    from . import bench, demo, evaluate, extract, serve, store

    for module in (extract, evaluate, bench, store, serve, demo):
        module.register(main)


_register()
