"""Numbers as people read them: one formatter for measures, shared by details and charts.

Charts use the short form (``$54.7M``, ``8/10``) where room is tight; the details
panel the long one (``$54.7 million``, ``8 out of 10``). Both round alike and write a
negative with a typographic minus (U+2212).
"""

from __future__ import annotations

from timeline.models import Measure

SYMBOLS = {"USD": "$", "GBP": "£"}
MINUS = "\u2212"


def number(value: float) -> str:
    """``4,327``, ``8.5``, ``12`` for 12.004, and a typographic minus for negatives."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace("-", MINUS)


def money(value: float, currency: str = "USD", *, long: bool = False) -> str:
    """An amount: short ``$54.7M``, ``$1.25B``, ``£57M``, ``$950``; long ``$54.7 million``.

    A negative amount starts with a minus sign (U+2212), as :func:`number` does.
    """
    symbol = SYMBOLS.get(currency, f"{currency} ")
    sign = MINUS if value < 0 else ""
    size = abs(value)
    if long:
        amount = f"{size / 1e6:,.1f} million" if size >= 1e6 else number(size)
    elif size >= 1e9:
        amount = f"{size / 1e9:.2f}".rstrip("0").rstrip(".") + "B"
    elif size >= 1e6:
        amount = f"{size / 1e6:.1f}".removesuffix(".0") + "M"
    else:
        amount = f"{size:,.0f}"
    return f"{sign}{symbol}{amount}"


def measure_text(measure: Measure, *, long: bool = False) -> str:
    """A measure in its original form: ``96%``, ``8/10`` (long: ``8 out of 10``), ``#4``,
    ``$54.7M`` (long: ``$54.7 million``), ``2``."""
    if measure.unit in SYMBOLS:
        return money(measure.value, measure.unit, long=long)
    if measure.unit == "percent":
        return f"{number(measure.value)}%"
    if measure.unit == "rank":
        return f"#{number(measure.value)}"
    if measure.out_of is not None and (long or measure.unit == "rating"):
        joiner = " out of " if long else "/"
        return f"{number(measure.value)}{joiner}{number(measure.out_of)}"
    return number(measure.value)


def score_out_of_100(measure: Measure) -> float | None:
    """A percent as is, a rating rescaled to 0-100 (``8`` out of ``10`` → 80); else None."""
    if measure.unit == "percent":
        return measure.value
    if measure.unit == "rating" and measure.out_of is not None:
        return measure.value * 100 / measure.out_of
    return None
