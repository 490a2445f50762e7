"""Plotly figure builders, one module per chart family, and the registry of charts.

Builders are pure: index and :class:`~timeline.selection.Selection` in, ``go.Figure``
out, nothing rendered here. :mod:`timeline.charts.registry` lists them all.
"""
