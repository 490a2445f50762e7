"""Colours and labels shared by every chart, so a phase looks the same everywhere.

Colours come from the Okabe-Ito palette, chosen to stay distinct for the common
forms of colour blindness. Phases share a colour within a family (everything
before the cameras roll, the shoot, finishing, the release, the reception);
history, like other, is grey: background rather than the making of the film.
"""

from __future__ import annotations

from timeline.models import Phase

STORY_COLOUR = "#CC79A7"
PRODUCTION_COLOUR = "#0072B2"
MUTED = "#6B6B6B"

PHASE_LABELS: dict[Phase, str] = {
    "history": "History",
    "development": "Development",
    "casting": "Casting",
    "pre-production": "Pre-production",
    "filming": "Filming",
    "post-production": "Post-production",
    "music": "Music",
    "marketing": "Marketing",
    "release": "Release",
    "home-media": "Home media",
    "box-office": "Box office",
    "reception": "Reception",
    "awards": "Awards",
    "politics": "Politics",
    "sequel": "Sequel",
    "other": "Other",
}
PHASE_BY_LABEL: dict[str, Phase] = {label: phase for phase, label in PHASE_LABELS.items()}

PHASE_COLOURS: dict[Phase, str] = {
    "history": "#999999",
    "development": "#E69F00",
    "casting": "#E69F00",
    "pre-production": "#E69F00",
    "filming": "#0072B2",
    "post-production": "#009E73",
    "music": "#009E73",
    "marketing": "#D55E00",
    "release": "#D55E00",
    "home-media": "#D55E00",
    "box-office": "#56B4E9",
    "reception": "#CC79A7",
    "awards": "#CC79A7",
    "politics": "#000000",
    "sequel": MUTED,
    "other": "#999999",
}

CHRONOLOGY_LABELS = {"story": "Story", "production": "Production", "both": "Both"}
