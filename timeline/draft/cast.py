"""The cast list as people and characters: "Actor as Character, description".

Besides the one-actor lines, the usual forms are read: "Surname also voices
Character, ...", "A, B and C appear as heads of agencies, representing X, Y and Z,
respectively" and "A and B appear as the captain and the mate of the ship,
respectively". Credits in the lead ("directed by X", "a screenplay ... with Y") add
crew. Lines in none of these forms are returned for the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from timeline.plaintext import slugify

_UPPER = r"[A-ZÀ-ÖØ-Þ]"
_WORD = rf"{_UPPER}[\w'\u2019.-]*"
NAME = rf"{_WORD}(?:\s+(?:{_WORD}|de|da|del|di|van|von|der|le|la|bin|al))*?(?:\s+{_WORD})?"
_LINE = re.compile(rf"^(?P<actor>{NAME})\s+as\s+(?P<character>[^,.;(]+?)(?:\s*[,.;(]|$)")
_ALSO = re.compile(
    rf"^(?P<who>{_WORD})\s+also\s+(?:voices|plays|portrays)\s+(?P<character>[^,.;(]+?)(?:\s*[,.;(]|$)"
)
_RESPECTIVELY = re.compile(
    r"^(?:Additionally,\s+|Also,\s+)?(?P<actors>[^.;]{1,400}?)\s+(?:appear|appears|star|play|portray)"
    r"\s+as\s+(?P<roles>[^;]{1,400}?)(?:,\s+representing\s+(?P<reps>[^;]{1,400}?))?,\s+"
    r"respectively\.?$"
)
# A cast line longer than this is not a cast line (and is not fed to the patterns).
MAX_LINE = 2000
_CREDITS = (
    (re.compile(rf"\bdirected by (?P<name>{NAME})"), "director"),
    (re.compile(rf"\bscreenplay\b[^.]*?\bwith (?P<name>{NAME})"), "screenwriter"),
    (re.compile(rf"\bwritten by (?P<name>{NAME})"), "writer"),
    (re.compile(rf"\bproduced by (?P<name>{NAME})"), "producer"),
    (re.compile(rf"\b(?:music|score) (?:by|composed by) (?P<name>{NAME})"), "composer"),
)


@dataclass(slots=True)
class CastPerson:
    """A real person the draft knows, with roles ("actor", "director")."""

    id: str
    name: str
    roles: list[str] = field(default_factory=list)


@dataclass(slots=True)
class CastCharacter:
    """A character and who plays it."""

    id: str
    name: str
    played_by: list[str]
    description: str | None = None


@dataclass(slots=True)
class Cast:
    """People and characters read from the cast list and the credits."""

    people: dict[str, CastPerson] = field(default_factory=dict)
    characters: dict[str, CastCharacter] = field(default_factory=dict)
    unread: list[str] = field(default_factory=list)

    def person(self, name: str, role: str) -> CastPerson:
        """The person called ``name`` (added if new), with ``role`` among their roles."""
        name = " ".join(name.split()).rstrip(".,;:")
        pid = slugify(name) or "person"
        found = self.people.get(pid)
        if found is None:
            found = self.people[pid] = CastPerson(pid, name)
        if role not in found.roles:
            found.roles.append(role)
        return found

    def character(self, name: str, player: CastPerson, description: str | None) -> None:
        """Add a character played by ``player`` (a second player joins the first)."""
        name = " ".join(name.split())
        name = name[0].upper() + name[1:]
        cid = slugify(name) or "character"
        if cid in self.characters:
            if player.id not in self.characters[cid].played_by:
                self.characters[cid].played_by.append(player.id)
            return
        self.characters[cid] = CastCharacter(cid, name, [player.id], description)

    def by_surname(self, surname: str) -> CastPerson | None:
        """The one person whose last name is ``surname``, or None (none, or several)."""
        found = [p for p in self.people.values() if p.name.split()[-1] == surname]
        return found[0] if len(found) == 1 else None


def _names(text: str) -> list[str]:
    """``A, B, C and D`` → the four names."""
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+", text.strip())
    return [p.strip() for p in parts if p.strip()]


def _respectively(cast: Cast, match: re.Match[str], line: str) -> bool:
    actors = _names(match.group("actors"))
    roles_text = match.group("roles")
    reps = match.group("reps")
    if reps:
        labels = _names(reps)
        head = re.sub(r"^(?:the\s+)?", "", roles_text).split()[0]
        singular = head[:-1] if head.endswith("s") and not head.endswith("ss") else head
        roles = [f"{label} {singular}" for label in labels]
    else:
        tail = ""
        of = re.search(r"\s+(of|on|at|in|from)\s+(.+)$", roles_text)
        if of:
            tail = f" {of.group(1)} {of.group(2)}"
            roles_text = roles_text[: of.start()]
        roles = [re.sub(r"^the\s+", "", r) + tail for r in _names(roles_text)]
    if len(roles) != len(actors) or not actors:
        return False
    for actor, role in zip(actors, roles, strict=True):
        cast.character(role, cast.person(actor, "actor"), line)
    return True


def read_cast(paragraphs: list[str], lead: str = "") -> Cast:
    """People and characters from the cast section's lines and the lead's credits."""
    cast = Cast()
    for pattern, role in _CREDITS:
        for m in pattern.finditer(lead):
            cast.person(m.group("name"), role)
    for raw in paragraphs:
        line = " ".join(raw.split())
        if len(line) > MAX_LINE:
            cast.unread.append(line[:200] + "\u2026")
            continue
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", line)
        groups = [
            g
            for g in map(_RESPECTIVELY.match, sentences)
            if g is not None and "respectively" in g.group(0)
        ]
        if groups and all(_respectively(cast, g, g.group(0)) for g in groups):
            continue
        one = _LINE.match(line)
        if one:
            description = line[one.end() :].strip(" ,.") or None
            player = cast.person(one.group("actor"), "actor")
            cast.character(one.group("character").strip(), player, description and line)
            continue
        also = _ALSO.match(line)
        if also:
            player_or_none = cast.by_surname(also.group("who"))
            if player_or_none is not None:
                cast.character(also.group("character").strip(), player_or_none, line)
                continue
        cast.unread.append(line)
    return cast
