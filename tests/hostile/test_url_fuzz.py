"""URL fuzzing: 500 generated query strings through the whole app, on the example dataset.

Every case runs in a fresh AppTest session (sharded over worker processes, one per
core). For each, an oracle written from the README's URL table says what the app
should do: apply the values that fit the dataset, drop the rest with a notice (a
toast), and never raise. Repeated single-valued parameters resolve to the last value,
as Streamlit does for every bound widget.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

from tests.hostile.conftest import EXAMPLE, run_workers_in_parallel
from tests.hostile.corpus import url_cases
from timeline import urlstate
from timeline.index import DatasetIndex, build_index
from timeline.loading import load_path
from timeline.urlstate import LANE_LABELS, TABS, ZOOM_LABELS, Options

URL_CASES = 500
SLOW_RUN_S = 10.0  # one script run on the 9-event example takes ~0.1-0.3 s
WORKERS = max(1, min(int(os.environ.get("HOSTILE_URL_WORKERS", "2")), os.cpu_count() or 1))
# Every parameter the app reads (the README table, plus any newer ones in urlstate);
# the oracle models MODELLED and lets any other known one pass either way.
KEYS: tuple[str, ...] = tuple(
    sorted(value for name, value in vars(urlstate).items() if name.endswith("_PARAM"))
)
README_KEYS = ("view", "location", "who", "phase", "dates", "q", "event", "tab", "lanes", "zoom")
MODELLED = (*README_KEYS, "until", "links")
ISO_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
ANY = object()
SINGLE_CHOICE = {"view", "tab", "lanes", "zoom"}
# Widgets in the sidebar are always there; the others only in their own (open) tab.
SIDEBAR = {"view", "location", "who", "phase", "dates", "q", "until"}
MULTI_CHOICE = {"location", "who", "phase"}


@cache
def example_index() -> DatasetIndex:
    return build_index(load_path(EXAMPLE))


@cache
def example_options() -> Options:
    return Options.for_index(example_index())


def _choices() -> dict[str, tuple[str, ...]]:
    options = example_options()
    return {
        "view": options.views,
        "location": options.locations,
        "who": options.who,
        "phase": options.phases,
        "tab": TABS,
        "lanes": tuple(LANE_LABELS.values()),
        "zoom": ZOOM_LABELS,
    }


def valid_values() -> dict[str, list[str]]:
    """Values that fit the example dataset, per parameter (the fuzzer mixes in junk)."""
    index = example_index()
    span = example_options().span
    assert span is not None
    middle = span[0] + (span[1] - span[0]) / 2
    valid: dict[str, list[str]] = {key: list(values) for key, values in _choices().items()}
    valid["dates"] = [d.isoformat() for d in (span[0], middle, span[1], middle + timedelta(9))]
    valid["q"] = ["storm", "HARBOUR", "Morag", "the"]
    valid["event"] = list(index.events)
    valid["until"] = [str(n) for n in range(1, len(index.story) + 1)]
    valid["links"] = ["true", "false"]
    return {key: values for key, values in valid.items() if key in KEYS and key in MODELLED}


@cache
def all_url_cases() -> list[dict[str, list[str]]]:
    return url_cases(valid_values(), count=URL_CASES)


# --- the oracle ------------------------------------------------------------------------


@dataclass
class Expected:
    """What the app should show: widget values, selection, whether a notice is due."""

    values: dict[str, Any] = field(default_factory=dict)
    selected: Any = ANY
    tab: Any = ANY
    invalid: list[str] = field(default_factory=list)  # each needs a notice
    unclear: list[str] = field(default_factory=list)  # a notice is allowed, not needed
    # A repeated single-valued parameter resolves to one of its values (or the default),
    # always with a notice (the README's URL section says so).
    fallback: dict[str, Any] = field(default_factory=dict)

    @property
    def notice(self) -> str:
        if self.invalid:
            return "required"
        return "optional" if self.unclear else "forbidden"


def _is_day(value: str) -> bool:
    if not ISO_DAY.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _hidden(index: DatasetIndex, until: int) -> set[str]:
    beats = {e.id for e in index.story if e.order > until}
    return beats | {
        e.id for e in index.production if e.story_events and beats.issuperset(e.story_events)
    }


def expect(params: dict[str, list[str]]) -> Expected:
    """The documented behaviour for ``params`` on the example dataset."""
    index = example_index()
    options = example_options()
    choices = _choices()
    out = Expected()
    for key, values in params.items():
        last = values[-1]
        repeated = len(values) > 1
        if key not in KEYS:
            out.invalid.append(f"unknown parameter {key[:30]!r}")
            continue
        if key in SINGLE_CHOICE:
            earlier_bad = [v for v in values[:-1] if v not in choices[key]]
            if earlier_bad:
                out.unclear.append(f"{key}: earlier values {earlier_bad}")
            if last in choices[key]:
                wanted = last
            else:
                wanted = None
                (out.invalid if last else out.unclear).append(f"{key}={last[:30]!r}")
            default = {
                "view": "Both",
                "tab": TABS[0],
                "lanes": LANE_LABELS["character"],
                "zoom": ZOOM_LABELS[0],
            }[key]
            if repeated:
                out.fallback[key] = default
            if key == "tab":
                out.tab = wanted or default
            else:
                out.values[key] = wanted or default
        elif key in MULTI_CHOICE:
            bad = [v for v in values if v and v not in choices[key]]
            out.invalid += [f"{key}={v[:30]!r}" for v in bad]
            if "" in values:
                out.unclear.append(f"{key}: an empty value")
            out.values[key] = list(dict.fromkeys(v for v in values if v in choices[key]))
        elif key == "dates":
            assert options.span is not None
            # An empty value leaves that end open; the rest must be days.
            values = [v for v in values if v] or values
            days = [date.fromisoformat(v) for v in values if _is_day(v)]
            ok = (
                1 <= len(values) <= 2
                and len(days) == len(values)
                and all(options.span[0] <= d <= options.span[1] for d in days)
            )
            if ok and days != sorted(days):
                # Read end first: the notice says so and the filter swaps them.
                out.invalid.append(f"dates reversed {values}")
                out.values[key] = ANY
            elif ok:
                out.values[key] = [d.isoformat() for d in dict.fromkeys(days)]
            elif len(days) == len(values) <= 2:
                # Well-formed days outside the data: dropped, with a notice.
                out.invalid.append(f"dates={[v[:30] for v in values]}")
                out.values[key] = [d.isoformat() for d in options.span]
            else:
                # Malformed: Streamlit may still read some forms; a notice is required.
                out.invalid.append(f"dates={[v[:30] for v in values]}")
                out.values[key] = ANY
        elif key == "q":
            if repeated:
                out.unclear.append("q repeated")
                out.fallback[key] = ""
            if len(last) > urlstate.MAX_TEXT:
                out.invalid.append("q too long")
            out.values[key] = last[: urlstate.MAX_TEXT]
        elif key == "event":
            if repeated:
                out.unclear.append("event repeated")
                out.fallback["event"] = None
            if last in index.events:
                out.selected = last
            else:
                out.selected = None
                (out.invalid if last else out.unclear).append(f"event={last[:30]!r}")
        elif key == "until":
            length = len(index.story)
            if repeated:
                out.unclear.append("until repeated")
                out.fallback[key] = length
            if last.isdecimal() and 1 <= int(last) <= length:
                out.values[key] = int(last)
            else:
                out.values[key] = length
                (out.invalid if last else out.unclear).append(f"until={last[:30]!r}")
        elif key == "links":
            if repeated:
                out.unclear.append("links repeated")
                out.fallback[key] = True
            if last.lower() in ("true", "false"):
                out.values[key] = last.lower() == "true"
            else:
                out.values[key] = True
                (out.invalid if last else out.unclear).append(f"links={last[:30]!r}")
        else:
            out.unclear.append(f"{key}: not modelled by this oracle")
    for key in urlstate.SINGLE_VALUED:
        values = params.get(key, [])
        if len(values) > 1:
            out.invalid.append(f"{key} repeated")
            if key == "tab":
                out.tab = ANY
            elif key == "event":
                out.selected = ANY
            elif key in out.values:
                out.values[key] = ANY
    # The spoiler shield may hide the selected event, and says so.
    until = out.values.get("until")
    hidden = _hidden(index, until) if isinstance(until, int) else set()
    if isinstance(out.selected, str) and out.selected in hidden:
        out.selected = ANY
        out.unclear.append("the selected event is behind the spoiler shield")
    # Without a story chronology there is no lane choice to show.
    if out.values.get("view") == "Production":
        out.values.pop("lanes", None)
    return out


def problems(params: dict[str, list[str]], seen: dict[str, Any]) -> list[tuple[str, str]]:
    """Every way ``seen`` (an observation) departs from :func:`expect`, as (kind, detail)."""
    wanted = expect(params)
    found: list[tuple[str, str]] = []
    if seen["exceptions"]:
        found.append(("exception", seen["exceptions"][0][:200]))
    if seen["errors"]:
        found.append(("error element", seen["errors"][0][:200]))
    if seen["elapsed"] > SLOW_RUN_S:
        found.append(("slow run", f"{seen['elapsed']:.1f} s"))
    if wanted.notice == "required" and not seen["toasts"]:
        found.append(("value dropped without a notice", str(wanted.invalid)))
    if wanted.notice == "forbidden" and seen["toasts"]:
        found.append(("notice although every value is valid", str(seen["toasts"])))
    noticed = bool(seen["toasts"])

    def fell_back(key: str, got: Any) -> bool:
        return noticed and key in wanted.fallback and got == wanted.fallback[key]

    for key, value in wanted.values.items():
        got = seen["values"].get(key, ANY)
        label = f"{key} repeated" if key in wanted.fallback else key
        if value is ANY or fell_back(key, got):
            continue
        if got is ANY:
            if key in SIDEBAR:
                found.append((f"{key}: widget missing", ""))
        elif got != value:
            found.append(
                (f"{label}: wrong value", f"shows {_short(got)}, expected {_short(value)}")
            )
    if wanted.tab is not ANY and seen["tab"] != wanted.tab and not fell_back("tab", seen["tab"]):
        found.append(("tab: wrong value", f"shows {seen['tab']!r}, expected {wanted.tab!r}"))
    if (
        wanted.selected is not ANY
        and seen["selected"] != wanted.selected
        and not fell_back("event", seen["selected"])
    ):
        found.append(
            ("event: wrong selection", f"{seen['selected']!r}, expected {wanted.selected!r}")
        )
    return found


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _describe(params: dict[str, list[str]]) -> str:
    return _short({k[:20]: [v[:20] for v in vs] for k, vs in params.items()})


# --- tests -----------------------------------------------------------------------------


def test_the_url_cases_are_many_and_hostile() -> None:
    cases = all_url_cases()
    assert len(cases) >= 500
    assert cases == url_cases(valid_values(), count=URL_CASES), "not deterministic"
    values = [v for params in cases for vs in params.values() for v in vs]
    keys = [k for params in cases for k in params]

    def some(predicate: Any) -> int:
        return sum(1 for v in values if predicate(v))

    assert set(README_KEYS) <= set(valid_values()), "the README's parameters exist"
    assert set(valid_values()) <= set(keys), "every parameter is fuzzed"
    assert sum(k not in KEYS for k in keys) >= 50, "unknown keys"
    assert sum(len(vs) > 1 for params in cases for vs in params.values()) >= 100, "repeats"
    assert some(lambda v: "\u202e" in v) and some(lambda v: "\u200b" in v), "RTL, zero-width"
    assert some(lambda v: "🎬" in v) and some(lambda v: "\x00" in v), "emoji, NUL"
    assert some(lambda v: len(v) >= 10_000) >= 10, "10k-character values"
    assert sum(1 for p in cases for v in p.get("dates", []) if not _is_day(v)) >= 30, "dates"
    bad_events = [v for p in cases for v in p.get("event", []) if v not in example_index().events]
    assert len(bad_events) >= 20, "ids of events that do not exist"
    mixed = [
        p
        for p in cases
        if expect(p).invalid
        and any(v in valid_values().get(k, ()) for k, vs in p.items() for v in vs)
    ]
    assert len(mixed) >= 100, "valid values mixed with junk"
    assert Counter(expect(p).notice for p in cases)["forbidden"] >= 30, "some all-valid cases"


def test_no_url_crashes_the_app_and_every_ignored_value_is_noticed() -> None:
    cases = all_url_cases()
    seen = run_workers_in_parallel(
        [["urls", str(shard), str(WORKERS)] for shard in range(WORKERS)], timeout=280
    )
    assert sorted(s["i"] for s in seen) == list(range(len(cases)))
    failures: dict[str, list[str]] = {}
    for observation in sorted(seen, key=lambda s: s["i"]):
        params = cases[observation["i"]]
        for kind, detail in problems(params, observation):
            failures.setdefault(kind, []).append(
                f"#{observation['i']} {_describe(params)}: {detail}"
            )
    exceptions = sum(bool(s["exceptions"]) for s in seen)
    report = "\n".join(
        f"{kind}: {len(lines)} cases, e.g.\n    " + "\n    ".join(lines[:4])
        for kind, lines in sorted(failures.items())
    )
    assert not failures, f"{len(cases)} URL cases, {exceptions} with exceptions:\n{report}"
