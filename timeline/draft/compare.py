"""How close a draft is to a hand-made events file of the same article (the benchmark).

- **Dated statements.** A reference production event counts when the article dates it:
  its ``date_text`` does not say "not dated in the article". It is *recalled* when the draft has a
  production event from the same section on the same date; a draft event is *precise*
  when the reference has a dated event from the same section on the same date. "The
  same date" means the same first and last possible day (so ``2019-09`` matches only a
  month of September 2019, never a day in it); :attr:`Scores.strict_recall` and
  :attr:`Scores.strict_precision` ask for the identical EDTF string as well, and
  :attr:`Scores.paired_recall` pairs events one to one.
- **Cast pairings.** A reference (person, character) pair is found when the draft has a
  character played by a person of the same name (letters compared without accents and
  case) whose name holds every word of the reference character's name.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from timeline import dates
from timeline.models import Dataset, ProductionEvent


@dataclass(frozen=True, slots=True)
class Scores:
    """Recall and precision of dated statements, and the cast pairings found."""

    reference: int
    drafted: int
    recalled: int
    precise: int
    strict_recalled: int
    strict_precise: int
    paired: int
    missed: tuple[str, ...]
    extra: tuple[str, ...]
    pairings: int
    pairings_found: int
    pairings_missed: tuple[str, ...]

    @property
    def recall(self) -> float:
        """Share of the reference's dated statements the draft has."""
        return self.recalled / self.reference if self.reference else 0.0

    @property
    def precision(self) -> float:
        """Share of the draft's dated events the reference has."""
        return self.precise / self.drafted if self.drafted else 0.0

    @property
    def strict_recall(self) -> float:
        """Recall when the EDTF strings must be identical too."""
        return self.strict_recalled / self.reference if self.reference else 0.0

    @property
    def strict_precision(self) -> float:
        """Precision when the EDTF strings must be identical too."""
        return self.strict_precise / self.drafted if self.drafted else 0.0

    @property
    def paired_recall(self) -> float:
        """Recall when each draft event may match one reference event only."""
        return self.paired / self.reference if self.reference else 0.0


def is_dated(event: ProductionEvent) -> bool:
    """Whether the article itself dates this reference event."""
    return "not dated in the article" not in event.date_text.lower()


def _bounds(edtf: str) -> tuple[str, str]:
    value = dates.parse(edtf)
    return value.earliest.isoformat(), value.latest.isoformat()


def _fold(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.findall(r"[a-z0-9-]+", ascii_text.lower()))


def compare(draft: Dataset, reference: Dataset) -> Scores:
    """Score ``draft`` against ``reference`` (see the module docstring)."""
    ref = [e for e in reference.events if isinstance(e, ProductionEvent) and is_dated(e)]
    out = [e for e in draft.events if isinstance(e, ProductionEvent)]
    ref_keys = Counter((e.source, _bounds(e.date)) for e in ref)
    out_keys = Counter((e.source, _bounds(e.date)) for e in out)
    ref_strict = {(e.source, e.date) for e in ref}
    out_strict = {(e.source, e.date) for e in out}
    recalled = [e for e in ref if (e.source, _bounds(e.date)) in out_keys]
    precise = [e for e in out if (e.source, _bounds(e.date)) in ref_keys]
    paired = sum(min(n, out_keys[key]) for key, n in ref_keys.items())
    missed = tuple(f"{e.source}: {e.date} ({e.title})" for e in ref if e not in recalled)
    extra = tuple(f"{e.source}: {e.date} ({e.title})" for e in out if e not in precise)

    players = {p.id: _fold(p.name) for p in draft.people}
    drafted_pairs = {(players[pid], _fold(c.name)) for c in draft.characters for pid in c.played_by}
    ref_people = {p.id: _fold(p.name) for p in reference.people}
    wanted = [(ref_people[pid], c.name) for c in reference.characters for pid in c.played_by]
    found, missed_pairs = 0, []
    for person, character in wanted:
        words = set(_fold(character).split()) - {"the", "of"}
        if any(p == person and words <= set(name.split()) for p, name in drafted_pairs):
            found += 1
        else:
            missed_pairs.append(f"{person} as {character}")
    return Scores(
        reference=len(ref),
        drafted=len(out),
        recalled=len(recalled),
        precise=len(precise),
        strict_recalled=sum((e.source, e.date) in out_strict for e in ref),
        strict_precise=sum((e.source, e.date) in ref_strict for e in out),
        paired=paired,
        missed=missed,
        extra=extra,
        pairings=len(wanted),
        pairings_found=found,
        pairings_missed=tuple(missed_pairs),
    )
