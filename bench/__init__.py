"""Performance benchmark: ``python -m bench.run`` (see :mod:`bench.run`)."""
