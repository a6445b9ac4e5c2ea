"""Event typing: ACLED event types and sub-event types (plus the five other CASE 2021 classes) of a snippet.

>>> from sitrep.classify import get_classifier
>>> get_classifier().predict(["Warplanes bombed rebel positions near the town."])[0].label
'AIR_STRIKE'
"""

from __future__ import annotations

from .labels import (
    ACLED_LABELS,
    LABELS,
    NON_ACLED_LABELS,
    event_type_for,
    label_for,
    label_info,
    sub_event_type_for,
)
from .model import EventClassifier, Prediction, get_classifier, load_classifier
from .notes import strip_coder_remarks

__all__ = [
    "ACLED_LABELS",
    "LABELS",
    "NON_ACLED_LABELS",
    "EventClassifier",
    "Prediction",
    "event_type_for",
    "get_classifier",
    "label_for",
    "label_info",
    "load_classifier",
    "strip_coder_remarks",
    "sub_event_type_for",
]
