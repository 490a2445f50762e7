"""The phase registry (models.PHASES) and every place that lists phases agree."""

from __future__ import annotations

import pytest

from tests.builders import make_dataset, with_change
from tests.unit.island import index_of
from timeline.models import PHASES
from timeline.style import PHASE_BY_LABEL, PHASE_COLOURS, PHASE_LABELS
from timeline.timelinejs import phase_for
from timeline.urlstate import Options


def test_every_phase_has_a_label_and_a_colour_in_registry_order() -> None:
    assert list(PHASE_LABELS) == list(PHASES)
    assert set(PHASE_COLOURS) == set(PHASES)
    assert len(set(PHASE_LABELS.values())) == len(PHASES)
    assert {PHASE_BY_LABEL[label] for label in PHASE_LABELS.values()} == set(PHASES)


def test_history_comes_first_and_is_grey_like_other() -> None:
    # Background older than the film: first in the lanes, not coloured as a stage of making it.
    assert PHASES[0] == "history"
    assert PHASE_COLOURS["history"] == PHASE_COLOURS["other"]


@pytest.mark.parametrize("group", ["History", "history", "HISTORY"])
def test_a_timelinejs_group_can_name_the_history_phase(group: str) -> None:
    assert phase_for(group) == "history"


def test_the_phase_filter_offers_history_when_the_data_has_it() -> None:
    document = with_change(make_dataset(), "events[0].phase", "history")
    options = Options.for_index(index_of(document))
    assert options.phases[0] == "History"
