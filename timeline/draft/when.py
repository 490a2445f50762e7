"""Dates in a sentence, as EDTF at the precision the words give.

``dateparser`` reads days and months ("January 14, 2019", "14 January 2019",
"September 2019") but loses what an article often says instead: seasons ("the summer
of 2021 and 2022"), "early", "mid" and "late", ranges ("between April and June 2021"),
several periods, and dates relative to the one before ("three weeks later", "the
following month", "that same day"). A small rule layer here finds those phrases;
dateparser reads the day and month parts.

Only phrases that date a statement count: introduced by a preposition ("in", "on",
"by", "during"...), a qualifier or the start of the sentence. A year used as an
adjective ("the 1996 film") or in parentheses after a title ("Fallout (2018)") is not
a date of the statement.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

from timeline import dates

_MONTH_NAMES = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTH_NAMES.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTH_NAMES["sept"] = 9
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_SEASON_CODES = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "several": 3, "a few": 3, "few": 3,
}  # fmt: skip
_NUMBER = r"(?:\d{1,3}|a few|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_YEAR = r"(?:1[5-9]\d\d|2[01]\d\d)"
_QUAL = r"(?:early|mid|late|the end of|the beginning of|the start of|the middle of)"
_PREPOSITIONS = (
    "in|on|by|during|since|until|till|from|between|of|over|at|to|through|throughout|"
    "before|after|around|circa|as of|for|than"
)

_DAY_MONTH = (
    rf"(?:(?P<qa>{_QUAL})[\s-]+)?"
    rf"(?:(?P<da>\d{{1,2}})\s+(?P<ma>{_MONTH})|(?P<mb>{_MONTH})(?:\s+(?P<db>\d{{1,2}})"
    rf"(?:st|nd|rd|th)?\b)?)(?:,?\s+(?P<y>{_YEAR})\b)?"
)
_ATOMS = re.compile(
    "|".join(
        (
            rf"(?P<season>(?:the\s+)?(?:(?P<sq>{_QUAL})\s+)?(?P<sname>spring|summer|autumn|fall|"
            rf"winter)\s+(?:of\s+)?(?P<sy>{_YEAR})(?P<smore>(?:(?:,\s*and|,|\s+and|\s+or)\s+"
            rf"{_YEAR}\b)*))",
            rf"(?P<rel>(?P<rn>{_NUMBER})\s+(?P<ru>day|week|month|year)s?\s+(?P<rd>later|earlier))",
            r"(?P<follow>(?:the\s+)?(?:following|next)\s+(?P<fu>day|week|month|year))",
            r"(?P<same>(?:that|the)\s+same\s+(?P<su>day|week|month|year))",
            rf"(?P<dm>{_DAY_MONTH})",
            rf"(?P<year>(?:(?P<yq>{_QUAL})[\s-]+)?(?P<yv>{_YEAR})\b(?![-\u2013]\d|%|\)))",
        )
    ),
    re.I,
)
_PREPOSITION_BEFORE = re.compile(rf"(?:^\s*|\b(?:{_PREPOSITIONS})\s+)$", re.I)
# Between two items of a list of dates ("May 27, 2022, and September 30, 2022").
_LIST_JOINER = re.compile(r"(?:,\s*and|,|\s+and|\s+or|,\s*or)\s+$", re.I)
_PARSER: DateDataParser | None = None
# A day or month without a year, this long before the previous date, is in the next year.
_NEXT_YEAR_AFTER_DAYS = 183


@dataclass(frozen=True, slots=True)
class When:
    """A date phrase found in a sentence: its EDTF date, the words, where they stand.

    ``approximate`` marks a date worked out from another (``three weeks later``);
    ``anchored`` any date that needed the previous one (a missing year, ``that same
    month``), which a person should check.
    """

    edtf: str
    text: str
    start: int
    end: int
    approximate: bool = False
    anchored: bool = False

    @property
    def value(self) -> dates.FuzzyDate:
        """The parsed EDTF date."""
        return dates.parse(self.edtf)


@dataclass(frozen=True, slots=True)
class _Atom:
    kind: str
    start: int
    end: int
    edtf: str | None  # None: needs an anchor
    text: str
    month_only: bool = False
    precision: str = ""
    anchored: bool = False
    approximate: bool = False


def _parser() -> DateDataParser:
    global _PARSER
    if _PARSER is None:
        _PARSER = DateDataParser(languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    return _PARSER


@lru_cache(maxsize=4096)
def read_day_or_month(phrase: str) -> str | None:
    """``January 14, 2019`` → ``2019-01-14``; ``September 2019`` → ``2019-09`` (dateparser)."""
    data = _parser().get_date_data(phrase)
    if data.date_obj is None:
        return None
    found: date = data.date_obj.date()
    if data.period == "day":
        return found.isoformat()
    if data.period == "month":
        return f"{found.year:04d}-{found.month:02d}"
    if data.period == "year":
        return f"{found.year:04d}"
    return None


def _year_edtf(year: int, qualifier: str | None) -> str:
    q = (qualifier or "").lower()
    if q in ("early", "the beginning of", "the start of"):
        return f"{year:04d}-40"
    if q in ("late", "the end of"):
        return f"{year:04d}-41"
    if q in ("mid", "the middle of"):
        return f"[{year:04d}-04..{year:04d}-09]"
    return f"{year:04d}"


def _introduced(sentence: str, start: int, previous: _Atom | None = None) -> bool:
    """Whether the phrase at ``start`` dates the statement: a preposition (or nothing) before
    it, or the joiner of a list whose previous item was a date."""
    before = sentence[:start]
    if previous is not None and _LIST_JOINER.fullmatch(sentence[previous.end : start]):
        return True
    if not before.strip(' "\u201c('):
        return True
    if before.rstrip().endswith("("):
        return False
    return _PREPOSITION_BEFORE.search(before) is not None


def _atoms(sentence: str, anchor: dates.FuzzyDate | None) -> list[_Atom]:
    found: list[_Atom] = []
    for m in _ATOMS.finditer(sentence):
        text = m.group(0)
        start, end = m.start(), m.end()
        if m.group("season"):
            if not _introduced(sentence, start, found[-1] if found else None):
                continue
            code = _SEASON_CODES[m.group("sname").lower()]
            years = [int(m.group("sy")), *map(int, re.findall(r"\d{4}", m.group("smore") or ""))]
            parts = [f"{y:04d}-{code}" for y in years]
            edtf = parts[0] if len(parts) == 1 else "{" + ",".join(parts) + "}"
            found.append(_Atom("season", start, end, edtf, text))
        elif m.group("rel") or m.group("follow") or m.group("same"):
            found.append(_Atom("relative", start, end, None, text))
        elif m.group("dm"):
            month_word = m.group("ma") or m.group("mb")
            day = m.group("da") or m.group("db")
            year = m.group("y")
            if month_word[0].islower():
                continue  # "may" the verb, "march" on foot: months are capitalised
            if not (_introduced(sentence, start, found[-1] if found else None) or m.group("qa")):
                continue
            if (
                not year
                and not day
                and not re.search(
                    rf"\b(?:in|by|during|since|until|from|between|of|early|mid|late)[\s-]+{re.escape(month_word)}$",
                    sentence[: m.end("ma") if m.group("ma") else m.end("mb")],
                    re.I,
                )
            ):
                continue
            found.append(
                _Atom(
                    "dm",
                    start,
                    end,
                    None,
                    text,
                    month_only=not day,
                    precision="day" if day else "month",
                )
            )
        elif m.group("year"):
            if not (_introduced(sentence, start, found[-1] if found else None) or m.group("yq")):
                continue
            found.append(
                _Atom("year", start, end, _year_edtf(int(m.group("yv")), m.group("yq")), text)
            )
    return found


def _resolve_dm(atom: _Atom, anchor: dates.FuzzyDate | None, *, bump: bool) -> _Atom | None:
    """Read a day or month phrase, taking a missing year from the anchor.

    With ``bump``, a month well before the anchor's is in the next year ("In March"
    after a December date).
    """
    phrase = re.sub(rf"^{_QUAL}[\s-]+", "", atom.text, flags=re.I)
    anchored = False
    if not re.search(_YEAR, phrase):
        if anchor is None:
            return None
        year = anchor.latest.year
        phrase = f"{phrase} {year}"
        anchored = True
    edtf = read_day_or_month(phrase)
    if edtf is None:
        return None
    late = anchor is not None and (anchor.earliest - dates.parse(edtf).latest).days
    if bump and anchored and late and late > _NEXT_YEAR_AFTER_DAYS:
        edtf = f"{int(edtf[:4]) + 1:04d}{edtf[4:]}"
    return replace(atom, edtf=edtf, anchored=anchored)


def _shift(day: date, amount: int, unit: str) -> date:
    if unit == "day":
        return day + timedelta(days=amount)
    if unit == "week":
        return day + timedelta(weeks=amount)
    months = amount * (12 if unit == "year" else 1)
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _months_edtf(first: date, last: date) -> str:
    a, b = f"{first.year:04d}-{first.month:02d}", f"{last.year:04d}-{last.month:02d}"
    return a if a == b else f"[{a}..{b}]"


def relative(text: str, anchor: dates.FuzzyDate) -> tuple[str, bool] | None:
    """The date ``text`` ("three weeks later", "the following month") means after ``anchor``.

    Returns the EDTF and whether it is approximate. A shift of days or weeks from a day
    gives a day; from anything coarser, the months the shifted bounds fall in.
    """
    lowered = text.lower()
    m = re.match(rf"({_NUMBER})\s+(day|week|month|year)s?\s+(later|earlier)", lowered)
    if m:
        amount = _NUMBERS.get(m.group(1)) or int(m.group(1))
        unit = m.group(2)
        amount = -amount if m.group(3) == "earlier" else amount
        first, last = _shift(anchor.earliest, amount, unit), _shift(anchor.latest, amount, unit)
        if unit in ("day", "week") and anchor.precision == "day":
            return first.isoformat(), unit == "week"
        if unit == "year":
            return (f"{first.year:04d}" if first.year == last.year else None) or _months_edtf(
                first, last
            ), True
        return _months_edtf(first, last), True
    unit = lowered.split()[-1]
    step = 0 if "same" in lowered else 1
    if unit == "day":
        if anchor.precision != "day":
            return (_months_edtf(anchor.earliest, anchor.latest), False) if step == 0 else None
        return _shift(anchor.earliest, step, "day").isoformat(), False
    if unit in ("month", "week"):
        if unit == "week" and step:
            return None
        day = _shift(anchor.earliest, step, "month")
        if anchor.precision == "year":
            return None
        return f"{day.year:04d}-{day.month:02d}", False
    return f"{anchor.earliest.year + step:04d}", False


_JOIN = re.compile(r"^(?:,\s*and|,|\s+and|\s+or|,\s*or)\s+$", re.I)


def find_dates(
    sentence: str, anchor: dates.FuzzyDate | None
) -> tuple[list[When], dates.FuzzyDate | None]:
    """Every date phrase of ``sentence`` in order, and the anchor for the next sentence.

    Lists ("July 23, 2021, and August 5, 2022") and ranges ("between April and June 2021",
    "from May to July 2020") are joined into one phrase each; "by X" is some time up to X.
    Phrases that cannot be read (no year and no anchor) are left out.
    """
    out: list[When] = []
    atoms = _atoms(sentence, anchor)
    i = 0
    current = anchor
    while i < len(atoms):
        atom = atoms[i]
        before = sentence[: atom.start].rstrip().lower()
        # Ranges: "between A and B", "from A to B": the year of B completes A.
        nxt = atoms[i + 1] if i + 1 < len(atoms) else None
        gap = sentence[atom.end : nxt.start].lower() if nxt else ""
        is_between = before.endswith("between") and gap.strip() == "and"
        is_from = before.endswith("from") and gap.strip() in ("to", "until", "through", "till")
        if nxt is not None and (is_between or is_from) and atom.kind != "relative":
            second = _complete(nxt, current)
            second_value = dates.parse(second.edtf) if second and second.edtf else current
            first = _complete(atom, second_value, bump=False)
            if first is not None and second is not None and first.edtf and second.edtf:
                edtf = (
                    f"[{first.edtf}..{second.edtf}]"
                    if is_between
                    else f"{first.edtf}/{second.edtf}"
                )
                if _valid(edtf):
                    text = sentence[atom.start : nxt.end]
                    out.append(When(edtf, text, atom.start, nxt.end, anchored=first.anchored))
                    current = dates.parse(edtf)
                    i += 2
                    continue
        if atom.kind == "relative" and nxt is not None and re.fullmatch(r",?\s*(?:on|in)?\s*", gap):
            # "four days later, on December 19": the date given outright is the date.
            i += 1
            continue
        resolved = _complete(atom, current)
        if resolved is None or resolved.edtf is None:
            i += 1
            continue
        # Lists of the same kind of date: one phrase for several periods.
        group = [resolved]
        j = i + 1
        while j < len(atoms):
            joiner = sentence[group[-1].end : atoms[j].start]
            if not _JOIN.match(joiner) or atoms[j].kind == "relative":
                break
            more = _complete(atoms[j], current)
            if more is None or more.edtf is None:
                break
            group.append(more)
            j += 1
        if len(group) > 1:
            word_or = " or " in sentence[group[0].start : group[-1].end]
            edtf = ("[" if word_or else "{") + ",".join(g.edtf or "" for g in group)
            edtf += "]" if word_or else "}"
            if _valid(edtf):
                when = When(edtf, sentence[group[0].start : group[-1].end], group[0].start,
                            group[-1].end, anchored=any(g.anchored for g in group))  # fmt: skip
                out.append(when)
                current = when.value
                i = j
                continue
        edtf = resolved.edtf
        if before.endswith(" by") or before == "by":
            edtf, resolved = _by(resolved)
        if _valid(edtf):
            when = When(
                edtf,
                resolved.text,
                resolved.start,
                resolved.end,
                approximate=resolved.approximate,
                anchored=resolved.anchored,
            )
            out.append(when)
            current = when.value
        i += 1
    return out, current


def _by(atom: _Atom) -> tuple[str, _Atom]:
    """ "By July 2020": at some time up to then (EDTF's open start, ``[..2020-07]``)."""
    edtf = atom.edtf or ""
    if _simple(edtf):
        return f"[..{edtf}]", atom
    return edtf, atom


def _simple(edtf: str) -> bool:
    return re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", edtf) is not None


def _complete(atom: _Atom, anchor: dates.FuzzyDate | None, *, bump: bool = True) -> _Atom | None:
    """The atom with its EDTF worked out (from the anchor where it needs one)."""
    if atom.edtf is not None:
        return atom
    if atom.kind == "dm":
        return _resolve_dm(atom, anchor, bump=bump)
    if atom.kind == "relative" and anchor is not None:
        result = relative(atom.text, anchor)
        if result is None:
            return None
        return replace(atom, edtf=result[0], approximate=result[1], anchored=True)
    return None


def _valid(edtf: str) -> bool:
    try:
        dates.parse(edtf)
    except dates.DateError:
        return False
    return True
