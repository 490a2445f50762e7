"""An events file drafted from an article: :func:`draft_article`.

Production events come from each dated statement of the production sections (one per
clause that carries its own date: "was leaked on May 21, and released on May 23" is
two); story beats from the plot's sentences, in order; people and characters from the
cast list. What the rules could not settle goes to the :class:`Report`. The lead is
read for the film's title and credits only: it summarises the body, so its dates
would repeat the body's events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from pydantic import ValidationError

from timeline import dates
from timeline.draft import boxoffice, phases
from timeline.draft.amounts import measures_in
from timeline.draft.article import Article, ArticleError, Section, read_article
from timeline.draft.cast import Cast, read_cast
from timeline.draft.places import MISSING, Gazetteer, Placer, default_gazetteer
from timeline.draft.report import Finding, Report
from timeline.draft.when import When, find_dates, relative
from timeline.loading import issues_from
from timeline.models import Dataset, Phase
from timeline.plaintext import cut, shorten_at_word, slugify

TITLE_MAX = 90
SOURCE_ID = "article"
# A statement about a plan: its date is when something was to happen, not when it was said.
_PLANNED = re.compile(
    r"\b(?:expected|projected|forecast|slated|due|set) to\b|\b(?:is|are) (?:scheduled|set)\b"
    r"|\bscheduled for release\b",
    re.I,
)
# Between two dated phrases, a new clause (and so a new statement) starts at one of these.
_CLAUSE = re.compile(r",\s*(?:and|while|with|but|whereas)\s|;\s|\swhile\s", re.I)
_SHORT_AND = re.compile(r"^\s*and\s", re.I)
_POINT_WORDS = re.compile(r"(?:\b(?:in|on|at|during|over)\s+(?:the\s+)?|^)$", re.I)
_RESUMED = re.compile(r"\bresum(?:ed|es|ing)\b|\brestart(?:ed|s)\b", re.I)
_LATER = re.compile(r"(\S+)\s+(day|week|month|year)s?\s+later,?\s+(?:on\s+|in\s+)?$", re.I)
_RELEASE = re.compile(
    r"theatrical(?:ly)? released|released theatrically|wide release|released in (?:the )?"
    r"(?:theaters|theatres|cinemas)",
    re.I,
)
_LEAD_TITLE = re.compile(r"^(?P<title>.+?)\s+is\s+an?\s+(?:upcoming\s+)?(?P<year>\d{4})\b")


@dataclass(slots=True)
class Statement:
    """One clause of a production section, dated or not."""

    section: Section
    phase: Phase
    sentence: str
    clause: str
    when: When | None
    date_text: str = ""
    tags: list[str] = field(default_factory=list)
    note: str = ""


@dataclass(frozen=True, slots=True)
class Draft:
    """A validated draft dataset and what a person should check."""

    dataset: Dataset
    report: Report


def _date_text(sentence: str, when: When) -> str:
    """The date phrase verbatim, with the word that introduces it ("On January 14, 2019")."""
    before = re.search(
        r"(?:\b(?:in|on|by|during|since|until|from|between|over|at)\s+)$",
        sentence[: when.start],
        re.I,
    )
    start = before.start() if before else when.start
    return cut(sentence[start : when.end].strip(" ,"), 300)


def _split(sentence: str, found: list[When]) -> list[tuple[str, When]]:
    """The statements of a sentence: the first date of each clause that has one."""
    groups: list[tuple[int, When]] = []
    for when in found:
        if not groups:
            groups.append((0, when))
            continue
        previous = groups[-1][1]
        between = sentence[previous.end : when.start]
        bare = re.sub(r"\([^)]*\)", "", between)
        words = len(bare.split())
        point = bool(_POINT_WORDS.search(sentence[: when.start])) or when.anchored
        clause = _CLAUSE.search(between) or (_SHORT_AND.search(bare) and words <= 8)
        if clause and point:
            if isinstance(clause, re.Match):
                cut_at = previous.end + clause.start()
            else:
                cut_at = previous.end + between.rfind(" and ")
            groups.append((cut_at, when))
    out = []
    for k, (start, when) in enumerate(groups):
        end = groups[k + 1][0] if k + 1 < len(groups) else len(sentence)
        out.append((sentence[start:end].strip(" ,;"), when))
    return out


def _release_day(article: Article) -> date | None:
    """The theatrical release day: the first day-dated "theatrically released" clause."""
    anchor = None
    for section in article.sections[1:]:
        if phases.is_plot(section) or phases.is_cast(section) or phases.is_skipped(section):
            continue
        for sentence in section.sentences():
            found, _ = find_dates(sentence.text, anchor)
            for clause, when in _split(sentence.text, found):
                value = anchor = when.value
                if _RELEASE.search(clause) and value.precision == "day":
                    return value.earliest
    return None


def _statements(article: Article, release: date | None) -> list[Statement]:
    out: list[Statement] = []
    anchor: dates.FuzzyDate | None = None
    for section in article.sections[1:]:
        if phases.is_plot(section) or phases.is_cast(section) or phases.is_skipped(section):
            continue
        phase = phases.section_phase(section) or "other"
        for sentence in section.sentences():
            text = sentence.text
            # Relative dates and missing years go by the previous dated statement, not by
            # every date a sentence mentions ("moving to the studio in mid-May").
            found, _ = find_dates(text, anchor)
            if phase == "box-office" and release is not None:
                periods = boxoffice.find_periods(text, release)
                taken = [(w.start, w.end) for w in periods]
                found = sorted(
                    [*periods, *(w for w in found if not any(a < w.end and w.start < b
                                                              for a, b in taken))],
                    key=lambda w: w.start,
                )  # fmt: skip
            if _PLANNED.search(text) and found:
                planned = ", ".join(_date_text(text, w) for w in found)
                out.append(Statement(section, phase, text, text, None, note=f"a plan ({planned})"))
                continue
            pieces = _split(text, found)
            if not pieces:
                out.append(Statement(section, phase, text, text, None))
                continue
            anchor = pieces[-1][1].value
            for clause, when in pieces:
                tags = (["approximate"] if when.approximate else []) + (
                    ["inferred"] if when.anchored else []
                )
                out.append(
                    Statement(
                        section,
                        phases.sentence_phase(phase, clause),
                        text,
                        clause,
                        when,
                        _date_text(text, when),
                        tags,
                    )
                )
    return _merge_resumed(_back_fill(out))


def _back_fill(statements: list[Statement]) -> list[Statement]:
    """ "X. Y four days later, on December 19": X was on December 15 (marked approximate)."""
    for k in range(1, len(statements)):
        here, before = statements[k], statements[k - 1]
        if here.when is None or before.when is not None or before.note:
            continue
        if before.section is not here.section:
            continue
        later = _LATER.search(here.sentence[: here.when.start])
        if later is None or here.when.value.precision != "day":
            continue
        back = relative(f"{later.group(1)} {later.group(2)}s earlier", here.when.value)
        if back is None:
            continue
        edtf, _ = back
        words = f"{later.group(1)} {later.group(2)}s before {here.when.text}"
        statements[k - 1] = replace(
            before,
            when=When(edtf, words, 0, 0, approximate=True, anchored=True),
            date_text=cut(words, 300),
            tags=["approximate", "inferred"],
        )
    return statements


def _merge_resumed(statements: list[Statement]) -> list[Statement]:
    """ "Suspended on October 26. Resumed a week later.": one event, October 26 to November 2."""
    out: list[Statement] = []
    for statement in statements:
        previous = out[-1] if out else None
        when = statement.when
        if (
            previous is not None
            and previous.when is not None
            and when is not None
            and when.anchored
            and previous.section is statement.section
            and _RESUMED.search(statement.clause)
            and re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", previous.when.edtf)
            and re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", when.edtf)
        ):
            span = f"{previous.when.edtf}/{when.edtf}"
            try:
                dates.parse(span)
            except dates.DateError:
                out.append(statement)
                continue
            out[-1] = replace(
                previous,
                when=replace(previous.when, edtf=span),
                sentence=f"{previous.sentence} {statement.sentence}",
                date_text=cut(f"{previous.date_text}; {statement.date_text}", 300),
                tags=sorted({*previous.tags, *statement.tags}),
            )
            continue
        out.append(statement)
    return out


def _title(clause: str, when: When | None, date_text: str) -> str:
    text = re.sub(r"^(?:and|while|with|but|whereas)\s+", "", clause.strip(" ,;"), flags=re.I)
    if date_text and text.lower().startswith(date_text.lower()):
        text = text[len(date_text) :].lstrip(" ,")
    text = text[:1].upper() + text[1:]
    return shorten_at_word(text.rstrip("."), TITLE_MAX) or "Untitled"


class _Ids:
    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, text: str, fallback: str) -> str:
        base = slugify(text, 80) or fallback
        candidate, n = base, 2
        while candidate in self.used:
            candidate, n = f"{base}-{n}", n + 1
        self.used.add(candidate)
        return candidate


def _name_patterns(cast: Cast) -> tuple[dict[str, re.Pattern[str]], dict[str, re.Pattern[str]]]:
    """Regexes finding each person (full name or unique surname) and character by name.

    A character with a proper name is found by its full, first or last name when no other
    character shares that word; a descriptive one ("an agency head") only in full.
    """
    people: dict[str, re.Pattern[str]] = {}
    surnames = [p.name.split()[-1] for p in cast.people.values()]
    for person in cast.people.values():
        forms = [person.name]
        last = person.name.split()[-1]
        if surnames.count(last) == 1 and len(last) > 2:
            forms.append(last)
        people[person.id] = re.compile(r"\b(?:" + "|".join(map(re.escape, forms)) + r")\b")
    words: list[str] = []
    for ch in cast.characters.values():
        words.extend(re.sub(r"^The\s+", "", ch.name).split())
    characters: dict[str, re.Pattern[str]] = {}
    for ch in cast.characters.values():
        bare = re.sub(r"^The\s+", "", ch.name)
        forms = [ch.name, bare]
        parts = bare.split()
        if all(p[:1].isupper() for p in parts) and len(parts) <= 3:
            forms.extend(p for p in parts if words.count(p) == 1 and len(p) > 2)
        characters[ch.id] = re.compile(r"\b(?:" + "|".join(map(re.escape, forms)) + r")\b")
    return people, characters


def _film(article: Article, name: str, years: list[int]) -> tuple[str, int]:
    lead = " ".join(article.lead.paragraphs)
    found = _LEAD_TITLE.match(lead)
    if found and 1870 <= int(found.group("year")) <= 2200:
        return cut(found.group("title"), 300), int(found.group("year"))
    title = cut(name.rsplit("/", 1)[-1].removesuffix(".txt") or "Drafted film", 300)
    return title, min(max(min(years), 1870), 2200)


def draft_article(
    data: bytes | str,
    *,
    name: str = "article.txt",
    gazetteer: Gazetteer | bool | None = True,
    max_bytes: int | None = None,
) -> Draft:
    """Draft an events file from an article's plain text (see the module docstring).

    ``gazetteer``: True for the installed one, None/False for none, or any object with
    the :class:`~timeline.draft.places.Gazetteer` methods. Raises :class:`ArticleError`.
    """
    article = read_article(data) if max_bytes is None else read_article(data, max_bytes=max_bytes)
    geo: Gazetteer | None
    geo = default_gazetteer() if gazetteer is True else (gazetteer or None)
    report = Report()
    lead = " ".join(article.lead.paragraphs)
    cast_sections = [s for s in article.sections if phases.is_cast(s)]
    cast = read_cast([p for s in cast_sections for p in s.paragraphs], lead)
    report.notes.extend(f"cast line not read: {line}" for line in cast.unread)
    if not cast_sections:
        report.notes.append("no cast section: no people or characters from a cast list")
    person_re, character_re = _name_patterns(cast)
    exclude = {w for ch in cast.characters.values() for w in ch.name.split() if w[:1].isupper()}
    exclude |= {w for p in cast.people.values() for w in p.name.split()}
    placer = Placer(geo, exclude)
    if geo is None:
        report.notes.append(MISSING)
    placer.article_countries = placer.countries_in(" ".join(
        p for s in article.sections for p in s.paragraphs))  # fmt: skip

    release = _release_day(article)
    statements = _statements(article, release)
    dated = [s for s in statements if s.when is not None]
    if not dated:
        raise ArticleError(
            "no dated statements found: the production sections give no date the rules can "
            "read (a day, a month, a season or a year)"
        )
    ids = _Ids()
    events: list[dict[str, object]] = []
    section_text = {s.id: " ".join(s.paragraphs) for s in article.sections}

    plot = [s for s in article.sections if phases.is_plot(s)]
    order = 0
    for section in plot:
        for sentence in section.sentences():
            order += 1
            chars = [cid for cid, rx in character_re.items() if rx.search(sentence.text)]
            title = shorten_at_word(sentence.text.rstrip("."), TITLE_MAX)
            event_id = ids.make(title, f"beat-{order}")
            if not chars:
                report.beats_without_characters.append(Finding(event_id, sentence.text))
            events.append(
                {
                    "chronology": "story",
                    "id": event_id,
                    "order": order,
                    "title": title,
                    "summary": cut(sentence.text, 5000),
                    "source": section.id,
                    "characters": chars,
                    "locations": placer.find(sentence.text, section_text[section.id]),
                }
            )
    if not plot:
        report.notes.append("no plot section: the draft has no story beats")

    for statement in statements:
        where = statement.section.title
        if statement.when is None:
            what = statement.sentence + (f" [{statement.note}]" if statement.note else "")
            report.undated.append(Finding(where, what))
            continue
        title = _title(statement.clause, statement.when, statement.date_text)
        event_id = ids.make(title, "event")
        if statement.when.anchored or statement.when.approximate:
            why = "approximate, from the date before" if statement.when.approximate else (
                "worked out from the date before")  # fmt: skip
            report.guesses.append(
                Finding(event_id, f"{statement.date_text!r} read as {statement.when.edtf} ({why})")
            )
        events.append(
            {
                "chronology": "production",
                "id": event_id,
                "title": title,
                "summary": cut(statement.sentence, 5000),
                "source": statement.section.id,
                "phase": statement.phase,
                "date": statement.when.edtf,
                "date_text": statement.date_text or statement.when.text,
                "people": [pid for pid, rx in person_re.items() if rx.search(statement.sentence)],
                "locations": placer.find(statement.sentence, section_text[statement.section.id]),
                "measures": measures_in(statement.sentence),
                "tags": statement.tags,
            }
        )
    lead_dates = sum(1 for s in article.lead.sentences() if find_dates(s.text, None)[0])
    if lead_dates:
        report.notes.append(
            f"the lead was not drafted: it summarises the article, and its {lead_dates} dated "
            "sentences repeat statements of the sections"
        )
    report.unplaced.extend(Finding(n, f"not placed; in: {s}") for n, s in placer.unplaced.items())
    report.guesses.extend(Finding("place", g) for g in dict.fromkeys(placer.guesses))

    years = [dates.parse(str(e["date"])).earliest.year for e in events if "date" in e]
    title, year = _film(article, name, years)
    document = {
        "film": {
            "title": title,
            "year": year,
            "sources": [
                {
                    "id": SOURCE_ID,
                    "title": cut(f"{title} (article)", 300),
                    "sections": [{"id": s.id, "title": s.title} for s in article.sections],
                }
            ],
        },
        "locations": [
            {"id": pid, "name": p.name, "lat": p.lat, "lon": p.lon, "kind": p.kind}
            for pid, p in placer.placed.items()
        ],
        "people": [{"id": p.id, "name": p.name, "roles": p.roles} for p in cast.people.values()],
        "characters": [
            {"id": c.id, "name": c.name, "played_by": c.played_by}
            | ({"description": cut(c.description, 5000)} if c.description else {})
            for c in cast.characters.values()
        ],
        "events": events,
    }
    try:
        dataset = Dataset.model_validate(document)
    except ValidationError as exc:
        problems = "; ".join(str(issue) for issue in issues_from(exc)[:5])
        raise ArticleError(f"the draft does not validate (a drafting bug): {problems}") from None
    story = sum(1 for e in events if e["chronology"] == "story")
    report.counts = {
        "production": len(events) - story,
        "story": story,
        "people": len(dataset.people),
        "characters": len(dataset.characters),
        "locations": len(dataset.locations),
    }
    return Draft(dataset, report)
