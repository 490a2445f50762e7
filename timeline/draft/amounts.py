"""Numbers worth charting in a sentence: money ("$291 million", "£57 million"), percentages
and scores ("8/10", "81 out of 100"), as measures of the events format.

The metric is named from the sentence's words (a budget, a gross, a score); the label
is the amount as written, so a person checking the draft sees what was read.
"""

from __future__ import annotations

import re
from collections import Counter

_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "m": 1e6, "bn": 1e9, "b": 1e9}
_MONEY = re.compile(
    r"(?P<cur>US\$|\$|£)\s?(?P<num>\d[\d,]*(?:\.\d+)?)(?:\s*(?P<scale>thousand|million|billion|bn|M|B)\b)?"
)
_PERCENT = re.compile(r"(?<![\w.])(?P<num>\d+(?:\.\d+)?)\s?(?:%|percent\b)")
_SCORE = re.compile(
    r"(?<![\w.$£])(?P<num>\d+(?:\.\d+)?)(?:/| out of )(?P<of>\d+)\b(?!\s*(?:stars|people))"
)
_METRICS = (
    (r"\bbudget\b", "budget"),
    (r"\bweekend\b", "weekend-gross"),
    (r"\bfirst day\b|\bopening day\b", "daily-gross"),
    (r"\bgross|\bearn|\bmade\b|\bdebut|\btotal\b|\bbox office\b", "gross"),
    (r"\binsurance|payout", "payout"),
    (r"\bcost|\bspent\b", "cost"),
    (r"\bsale\b|\bsold\b|\bpaid\b|\bdeal\b", "deal"),
)


def _metric(sentence: str, default: str) -> str:
    lowered = sentence.lower()
    for pattern, name in _METRICS:
        if re.search(pattern, lowered):
            return name
    return default


def measures_in(sentence: str) -> list[dict[str, object]]:
    """The measures of ``sentence`` as dicts for the models, in the order they appear."""
    found: list[tuple[int, dict[str, object]]] = []
    money_metric = _metric(sentence, "amount")
    for m in _MONEY.finditer(sentence):
        value = float(m.group("num").replace(",", ""))
        scale = (m.group("scale") or "").lower()
        value *= _SCALES.get(scale, 1.0)
        unit = "GBP" if m.group("cur") == "£" else "USD"
        found.append(
            (m.start(), {"metric": money_metric, "label": m.group(0), "value": value, "unit": unit})
        )
    for m in _PERCENT.finditer(sentence):
        found.append(
            (
                m.start(),
                {
                    "metric": "percent",
                    "label": m.group(0),
                    "value": float(m.group("num")),
                    "unit": "percent",
                },
            )
        )
    for m in _SCORE.finditer(sentence):
        of = float(m.group("of"))
        if of <= 0:
            continue
        found.append(
            (
                m.start(),
                {
                    "metric": "score",
                    "label": m.group(0),
                    "value": float(m.group("num")),
                    "unit": "rating",
                    "out_of": of,
                },
            )
        )
    found.sort(key=lambda pair: pair[0])
    seen: Counter[str] = Counter()
    out = []
    for _, measure in found:
        name = str(measure["metric"])
        seen[name] += 1
        if seen[name] > 1:
            measure["metric"] = f"{name}-{seen[name]}"
        out.append(measure)
    return out
