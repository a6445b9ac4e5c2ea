"""Actors: resolve phrases to ACLED-style actors and pick an event's actor1 and actor2 from a sentence."""

from __future__ import annotations

from .participants import find_participants
from .resolver import ActorResolver, get_resolver

__all__ = ["ActorResolver", "find_participants", "get_resolver"]
