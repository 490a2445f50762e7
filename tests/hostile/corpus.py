"""Hostile inputs, generated in memory (nothing big is committed).

* :func:`cases`: the bad-file corpus, one :class:`Case` per way an events file can be
  wrong, each with the JSON path and phrase the loader must report. Built from
  :func:`tests.builders.make_dataset` (see its docstring for what ``events[0..3]`` are).
* :func:`hostile_document`: a *valid* events file whose every piece of shown text
  carries markup (HTML, Markdown, Plotly tags) that must be shown, never run.
* :func:`url_cases`: seeded, generated query strings for the app's URL parameters.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Callable
from functools import cache
from typing import Any, NamedTuple

from tests.builders import (
    DELETE,
    make_dataset,
    make_measure,
    make_production,
    make_story,
    to_bytes,
    with_change,
)

MB = 1024 * 1024


class Case(NamedTuple):
    """One bad (or, for ``path=None``, surprising but valid) events file.

    ``path`` is the JSON path one reported issue must have (a trailing ``*`` matches
    any path starting with the rest); ``phrase`` must occur in that issue's message
    (case-insensitive; ``""`` accepts any message).
    """

    case_id: str
    data: bytes
    path: str | None
    phrase: str


def _doc() -> dict[str, Any]:
    return make_dataset()


def _changed(path: str, value: Any) -> Callable[[], bytes]:
    return lambda: to_bytes(with_change(_doc(), path, value))


def _plain() -> bytes:
    return to_bytes(_doc())


def _replaced(old: bytes, new: bytes) -> Callable[[], bytes]:
    def make() -> bytes:
        data = _plain()
        assert old in data, old
        return data.replace(old, new, 1)

    return make


def _with_events(events: list[dict[str, Any]], **film: Any) -> bytes:
    doc = _doc()
    doc["events"] = events
    doc["film"].update(film)
    return to_bytes(doc)


def _extra_top_level() -> bytes:
    doc = _doc()
    doc["colour"] = "red"
    return to_bytes(doc)


def _nested(depth: int) -> bytes:
    # A real document whose film title is an array nested ``depth`` deep.
    data = _plain()
    return data.replace(b'"The Lighthouse Keeper"', b"[" * depth + b"]" * depth, 1)


def _million_events() -> bytes:
    # 1M empty objects: ~3 MB, under the 5 MB upload cap, each one an invalid event.
    return _with_events([{}] * 1_000_000)


def _ten_thousand_invalid() -> bytes:
    return _with_events([make_story(id=f"beat-{i}", order=i + 1, title="") for i in range(10_000)])


def _ten_thousand_bad_dates() -> bytes:
    # The same invalid EDTF string 10k times (~2.4 MB).
    return _with_events([make_production(id=f"shoot-{i}", date="2021-13") for i in range(10_000)])


def _slow_edtf_sets() -> bytes:
    # Valid EDTF "one of a set" dates, each distinct and 96 characters long, in a file
    # that is invalid elsewhere (film.year): the reference parser takes ~0.4 s apiece.
    events = [
        make_production(
            id=f"shoot-{i}",
            date="{" + ",".join(f"{1000 + i + j:04d}" for j in range(19)) + "}",
        )
        for i in range(100)
    ]
    return _with_events(events, year=1600)


def _non_utf8() -> bytes:
    return (
        json.dumps(_doc(), ensure_ascii=False)
        .replace("Lighthouse", "Lighthouse café")
        .encode("latin-1")
    )


def _utf16() -> bytes:
    return json.dumps(_doc()).encode("utf-16")


def _lone_surrogate_key() -> bytes:
    doc = _doc()
    doc["\ud800"] = 1
    return to_bytes(doc)


def _long_unknown_key() -> bytes:
    doc = _doc()
    doc["events"][0]["k" * 10_000] = 1
    return to_bytes(doc)


# id -> (bytes factory, expected path, expected phrase)
_CASES: dict[str, tuple[Callable[[], bytes], str | None, str]] = {
    # --- not an events document at all -------------------------------------------------
    "not-json": (lambda: b"hello, world", "$", "not valid JSON"),
    "empty-file": (lambda: b"", "$", "the file is empty"),
    "truncated-json": (lambda: _plain()[: len(_plain()) // 2], "$", "not valid JSON"),
    "trailing-garbage": (lambda: _plain() + b" }{", "$", "not valid JSON"),
    "bom-valid": (lambda: b"\xef\xbb\xbf" + _plain(), None, ""),
    "non-utf8-latin1": (_non_utf8, "$", "not UTF-8"),
    "utf16": (_utf16, "$", "not UTF-8"),
    "top-level-list": (lambda: json.dumps([_doc()]).encode(), "$", "expected a JSON object"),
    "top-level-string": (lambda: b'"events"', "$", "expected a JSON object"),
    "top-level-number": (lambda: b"42", "$", "expected a JSON object"),
    "top-level-null": (lambda: b"null", "$", "expected a JSON object"),
    # --- fields missing, extra, of the wrong type or empty --------------------------------
    "missing-film": (_changed("film", DELETE), "film", "required field is missing"),
    "missing-event-title": (
        _changed("events[2].title", DELETE),
        "events[2].title",
        "required field is missing",
    ),
    "extra-top-level-field": (_extra_top_level, "colour", "unknown field"),
    "extra-event-field": (_changed("events[2].colour", "red"), "events[2].colour", "unknown field"),
    "long-unknown-key": (_long_unknown_key, "events[0].kkkk*", "unknown field"),
    "lone-surrogate-key": (_lone_surrogate_key, "$", "not valid JSON"),
    "string-lat": (_changed("locations[0].lat", "56.5"), "locations[0].lat", "valid number"),
    "boolean-order": (_changed("events[2].order", True), "events[2].order", "valid integer"),
    "list-title": (_changed("events[2].title", ["A storm"]), "events[2].title", "valid string"),
    "object-people": (_changed("people", {"a": 1}), "people", "should be a valid"),
    "empty-title": (_changed("events[2].title", ""), "events[2].title", "at least 1 character"),
    "empty-id": (_changed("events[0].id", ""), "events[0].id", "should match pattern"),
    "not-a-slug-id": (
        _changed("people[0].id", "Ada Stone"),
        "people[0].id",
        "should match pattern",
    ),
    # A lone surrogate cannot be UTF-8: the JSON parser refuses its escape.
    "lone-surrogate-title": (_changed("events[2].title", "\ud800 storm"), "$", "not valid JSON"),
    "unknown-chronology": (_changed("events[2].chronology", "dream"), "events[2]", "tag 'dream'"),
    "unknown-phase": (_changed("events[0].phase", "catering"), "events[0].phase", "should be"),
    "javascript-url": (
        _changed("film.sources[0].url", "javascript:alert(1)"),
        "film.sources[0].url",
        "should match pattern",
    ),
    # --- cross-record rules -----------------------------------------------------------------
    "duplicate-event-ids": (
        _changed("events[3].id", "storm-warning"),
        "events[3].id",
        "duplicate id 'storm-warning'",
    ),
    "duplicate-location-ids": (
        _changed("locations[2].id", "scotland"),
        "locations[2].id",
        "duplicate id 'scotland'",
    ),
    "unknown-location-ref": (
        _changed("events[1].locations", ["atlantis"]),
        "events[1].locations[0]",
        "unknown location 'atlantis'",
    ),
    "unknown-person-ref": (
        _changed("events[0].people", ["nobody"]),
        "events[0].people[0]",
        "unknown person 'nobody'",
    ),
    "unknown-character-ref": (
        _changed("events[2].characters", ["ghost"]),
        "events[2].characters[0]",
        "unknown character 'ghost'",
    ),
    "unknown-story-event-ref": (
        _changed("events[1].story_events", ["no-such-beat"]),
        "events[1].story_events[0]",
        "unknown story event 'no-such-beat'",
    ),
    "story-event-ref-to-production": (
        _changed("events[1].story_events", ["stone-cast"]),
        "events[1].story_events[0]",
        "unknown story event 'stone-cast'",
    ),
    "unknown-section": (
        _changed("events[0].source", "appendix"),
        "events[0].source",
        "unknown section 'appendix'",
    ),
    "unknown-parent": (
        _changed("locations[0].parent", "atlantis"),
        "locations[0].parent",
        "unknown location 'atlantis'",
    ),
    "parent-cycle": (
        _changed("locations[0].parent", "stromness"),
        "locations[0].parent",
        "ends up inside itself",
    ),
    "story-order-gap": (_changed("events[3].order", 5), "events[3].order", "leaves a gap"),
    "story-order-duplicate": (
        _changed("events[3].order", 1),
        "events[3].order",
        "already used by events[2]",
    ),
    # --- dates ----------------------------------------------------------------------------
    "edtf-month-13": (_changed("events[0].date", "2021-13"), "events[0].date", "not a valid EDTF"),
    "edtf-reversed-interval": (
        _changed("events[1].date", "2021-06/2021-04"),
        "events[1].date",
        "ends before it starts",
    ),
    "edtf-open-at-both-ends": (
        _changed("events[1].date", "../.."),
        "events[1].date",
        "../..",
    ),
    "edtf-padded": (_changed("events[0].date", " 2021"), "events[0].date", "padded with spaces"),
    # The reference parser prints to stdout for this one (see test_cli_output_is_clean).
    "edtf-unspecified-in-interval": (
        _changed("events[1].date", "2021-XX/2022"),
        "events[1].date",
        "2021-XX/2022",
    ),
    "planned-date-not-a-date": (
        _changed("events[0].planned_date", "soon"),
        "events[0].planned_date",
        "valid date",
    ),
    # --- numbers ----------------------------------------------------------------------------
    "lat-out-of-range": (_changed("locations[0].lat", 91), "locations[0].lat", "less than or"),
    "lon-out-of-range": (_changed("locations[0].lon", -181), "locations[0].lon", "greater than"),
    "nan": (_changed("locations[0].lat", float("nan")), "locations[0].lat", "finite number"),
    "infinity": (_changed("locations[0].lon", float("inf")), "locations[0].lon", "finite number"),
    "minus-infinity": (
        _changed("events[0].measures", [make_measure(value=float("-inf"))]),
        "events[0].measures[0].value",
        "finite number",
    ),
    "float-overflow-1e400": (
        _replaced(b'"lat": 56.49', b'"lat": 1e400'),
        "locations[0].lat",
        "finite number",
    ),
    "huge-int-lat": (_changed("locations[0].lat", 10**400), "locations[0].lat", "number"),
    "huge-int-measure": (
        _changed("events[0].measures", [make_measure(value=-(10**400))]),
        "events[0].measures[0].value",
        "number",
    ),
    "huge-int-year": (_changed("film.year", 10**30), "film.year", "less than or equal to 2200"),
    "huge-int-order": (_changed("events[2].order", 10**30), "events[2].order", "leaves a gap"),
    "int-too-many-digits": (
        _replaced(b'"year": 2024', b'"year": ' + b"9" * 5000),
        "$",
        "not valid JSON",
    ),
    # --- size and shape (run in their own process with time and memory bounds) ------------
    "title-10mb": (
        _changed("events[2].title", "x" * (10 * MB)),
        "events[2].title",
        "at most 300 characters",
    ),
    "nesting-100k-deep": (lambda: _nested(100_000), "$", "nested"),
    "events-1m-array": (_million_events, "events*", ""),
    "events-10k-invalid": (_ten_thousand_invalid, "events[0].title", "at least 1 character"),
    "dates-10k-invalid-edtf": (_ten_thousand_bad_dates, "events[0].date", "not a valid EDTF"),
    "dates-slow-edtf-sets": (_slow_edtf_sets, "film.year", "greater than or equal to 1870"),
}

# Cases that stress time or memory: each runs in a process of its own, with limits.
BOUNDED = (
    "title-10mb",
    "nesting-100k-deep",
    "events-1m-array",
    "events-10k-invalid",
    "dates-10k-invalid-edtf",
    "dates-slow-edtf-sets",
)
# A representative subset for ``python -m timeline validate`` in a real subprocess
# (the rest go through ``timeline.cli.main`` in-process).
CLI_SUBPROCESS = (
    "not-json",
    "bom-valid",
    "non-utf8-latin1",
    "top-level-list",
    "edtf-month-13",
    "edtf-unspecified-in-interval",
    "parent-cycle",
    "nan",
    *BOUNDED,
)


def case_ids() -> list[str]:
    """Every case id, in corpus order."""
    return list(_CASES)


@cache
def case(case_id: str) -> Case:
    """One case, generated on first use."""
    make, path, phrase = _CASES[case_id]
    return Case(case_id, make(), path, phrase)


def cases() -> list[Case]:
    """The whole corpus (about 30 MB in memory, most of it the 10 MB title)."""
    return [case(case_id) for case_id in _CASES]


def path_matches(expected: str, found: str) -> bool:
    """``expected`` is a JSON path, or a prefix when it ends with ``*``."""
    if expected.endswith("*"):
        return found.startswith(expected[:-1])
    return found == expected


# --- markup that must stay text --------------------------------------------------------

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
BOLD_MD = "**bold-mark**"
LINK_MD = "[link](javascript:alert(1))"
COLOUR_MD = ":red[red-mark]"
MATH_MD = "$x$"
IMAGE_MD = "![pixel](https://evil.example/pixel.png)"
BOLD_TAG = "<b>bold-tag</b>"
LINK_TAG = '<a href="https://evil.example/">evil-link</a>'

PAYLOADS = (SCRIPT, IMG, BOLD_MD, LINK_MD, COLOUR_MD, MATH_MD, IMAGE_MD, BOLD_TAG, LINK_TAG)
# Every payload at once: 230 characters, under the 300 a title may have.
ALL = " ".join(PAYLOADS)
HOSTILE_FILE_NAME = f"{SCRIPT}{LINK_MD}{BOLD_MD}.json"


def _tagged(label: str) -> str:
    """``label`` followed by every payload (kept unique per field so names stay distinct)."""
    return f"{label} {ALL}"


def hostile_document() -> dict[str, Any]:
    """A valid events file with markup in every text field the app shows.

    Titles, summaries, names, place names, date_text, source and section titles, roles,
    measure labels, tags, character descriptions: all of them carry :data:`PAYLOADS`.
    """
    doc = copy.deepcopy(make_dataset())
    film = doc["film"]
    film["title"] = _tagged("Film")
    source = film["sources"][0]
    source["title"] = _tagged("Source")
    source["license"] = _tagged("Licence")
    for section in source["sections"]:
        section["title"] = _tagged(f"Section {section['id']}")
    for place in doc["locations"]:
        place["name"] = _tagged(place["id"])
    for person in doc["people"]:
        person["name"] = _tagged(person["id"])
        person["roles"] = [_tagged("role")]
    for character in doc["characters"]:
        character["name"] = _tagged(character["id"])
        character["description"] = _tagged("Description")
    for event in doc["events"]:
        event["title"] = _tagged(event["id"])
        event["summary"] = _tagged("Summary") + "\n# heading-mark\n- list-mark\n" + ALL
        if event["chronology"] == "production":
            event["date_text"] = _tagged("when")
            event["tags"] = [_tagged("tag")]
            event["measures"] = [make_measure(label=_tagged("measure"))]
    return doc


# --- URL parameters ------------------------------------------------------------------------

JUNK = (
    "",
    " ",
    "\u202eevil\u202c",  # right-to-left override
    "\u200b",  # zero-width space
    "\u200d",  # zero-width joiner
    "\ufeff",
    "🎬🔥",
    "👩\u200d👩\u200d👧",
    "x\x00y",
    "\x00",
    "%00",
    "%25",
    "a&b=c",
    "<script>alert(1)</script>",
    "[link](javascript:alert(1))",
    "![pixel](https://evil.example/pixel.png)",
    ":red[x]",
    "$x$",
    "**bold**",
    "null",
    "undefined",
    "None",
    "true",
    "0",
    "-1",
    "1e309",
    "NaN",
    "9" * 40,
    "../../etc/passwd",
    "'; DROP TABLE events; --",
    "\n",
    "\t",
    "Ünïcödé",
    "日本語",
    "العربية",
)
BAD_DATES = (
    "2023-13-01",
    "2023-02-30",
    "2023-00-10",
    "20230101",
    "2023-1-1",
    "2023/01/01",
    "2023-05-01T00:00",
    "2023-05-01 ",
    " 2023-05-01",
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "1900-01-01",
    "2100-01-01",
    "today",
    "",
    "\u0662\u0660\u0662\u0663-\u0660\u0665-\u0660\u0661",  # Arabic-Indic digits
    "2023-05",
    "2023",
    "-2023-05-01",
    "+2023-05-01",
)


def _variants(value: str) -> list[str]:
    """Near misses of a valid value: case, padding, invisible characters, homoglyphs."""
    return [
        value.lower(),
        value.upper(),
        f" {value}",
        f"{value} ",
        value[:1] + "\u200b" + value[1:],
        value + "\x00",
        value.replace("o", "\u043e").replace("a", "\u0430"),  # Cyrillic o and a
        value * 2,
    ]


def url_cases(
    valid: dict[str, list[str]], *, count: int = 500, seed: int = 20_240_501
) -> list[dict[str, list[str]]]:
    """``count`` query-parameter dicts (every value a list, so repeats are possible).

    ``valid`` maps each known parameter to values that fit the dataset. Each case mixes
    valid values with junk: unknown keys, repeated keys, unicode (RTL, emoji,
    zero-width, NUL), 10k-character values, malformed dates, unknown event ids.
    """
    rng = random.Random(seed)
    keys = list(valid)

    def junk() -> str:
        roll = rng.random()
        if roll < 0.08:
            return rng.choice(["x", "é", "\u202e", "🎬", "\x00"]) * 10_000
        if roll < 0.5:
            return rng.choice(JUNK)
        if roll < 0.75:
            pool = [v for vs in valid.values() for v in vs if v]
            return rng.choice(_variants(rng.choice(pool)))
        return "".join(
            rng.choice("abcxyz -_.~!é🎬\u200b\x00%&=?#") for _ in range(rng.randint(1, 12))
        )

    def value_for(key: str) -> str:
        if key == "dates" and rng.random() < 0.6:
            return rng.choice([*valid["dates"], *BAD_DATES])
        if rng.random() < 0.5 and valid[key]:
            return rng.choice(valid[key])
        return junk()

    out: list[dict[str, list[str]]] = []
    for n in range(count):
        params: dict[str, list[str]] = {}
        # The first cases try one parameter at a time; the rest mix several.
        chosen = [keys[n % len(keys)]] if n < 4 * len(keys) else rng.sample(keys, rng.randint(1, 5))
        for key in chosen:
            repeats = rng.choice([1, 1, 1, 2, 3]) if key != "dates" else rng.choice([1, 2, 2, 3])
            params[key] = [value_for(key) for _ in range(repeats)]
        if rng.random() < 0.25:
            unknown = rng.choice(
                [
                    junk(),
                    rng.choice(keys).upper(),
                    rng.choice(keys) + "s",
                    "k" * 10_000,
                    "utm_source",
                    "\u202etab",
                ]
            )
            if unknown not in valid:
                params[unknown] = [junk()]
        out.append(params)
    return out
