"""What a draft needs from a person, in one place: the report.

- **undated**: statements of the production sections with no date the rules could read
  (a planned date, "set to be released on ...", is not when the statement happened, so
  those are here too, with the planned date). They are not events of the draft.
- **unplaced**: names after "in", "at", "near"... that the gazetteer could not place
  with confidence (or every such name, without the gazetteer). Never given a point.
- **beats without characters**: plot sentences that name no one from the cast list.
- **guesses**: dates worked out from the previous date (a missing year, "three weeks
  later", "that same month"), places placed by a rule that could be wrong, and each
  a person should check.
- **notes**: what was skipped or could not be read at all (the lead, cast lines).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing to check: where (a section, an event id, a name) and what."""

    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


@dataclass(slots=True)
class Report:
    """The report of one draft; every list is in the article's order."""

    undated: list[Finding] = field(default_factory=list)
    unplaced: list[Finding] = field(default_factory=list)
    beats_without_characters: list[Finding] = field(default_factory=list)
    guesses: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def groups(self) -> list[tuple[str, list[str]]]:
        """Titled groups of lines, for the command line and the app."""
        return [
            (title, [str(item) for item in items])
            for title, items in (
                ("Statements without a date (not in the draft)", self.undated),
                ("Places not placed", self.unplaced),
                ("Story beats without characters", self.beats_without_characters),
                ("Guesses to check", self.guesses),
            )
            if items
        ] + ([("Notes", list(self.notes))] if self.notes else [])

    def summary(self) -> str:
        """One line of counts."""
        c = self.counts
        return (
            f"{c.get('production', 0)} dated production events, {c.get('story', 0)} story beats, "
            f"{c.get('people', 0)} people, {c.get('characters', 0)} characters, "
            f"{c.get('locations', 0)} places; to check: {len(self.undated)} undated statements, "
            f"{len(self.unplaced)} places not placed, {len(self.beats_without_characters)} "
            f"beats without characters, {len(self.guesses)} guesses"
        )

    def lines(self) -> list[str]:
        """Every group as ``Title:`` and indented lines."""
        out = []
        for title, items in self.groups():
            out.append(f"{title}:")
            out.extend(f"  {item}" for item in items)
        return out
