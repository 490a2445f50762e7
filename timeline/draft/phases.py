"""Which sections hold what: headings to phases, the plot, the cast, and what to skip.

Film articles name their sections in a few usual ways ("Development", "Pre-production",
"Filming", "Principal photography", "Box office", "Critical reception", ...). A heading
is read word by word; a subsection with no phase of its own takes its parent's.
"""

from __future__ import annotations

import re

from timeline.draft.article import Section
from timeline.models import Phase

# The rule matching earliest in the heading decides; at the same place, the first rule
# ("Pre-production" before "Production").
_HEADING_RULES: tuple[tuple[str, Phase], ...] = (
    (r"pre-?production", "pre-production"),
    (r"post-?production|visual effects|editing", "post-production"),
    (r"casting|\bcast(ing)? ", "casting"),
    (r"development|writing|screenplay|conception|origins?", "development"),
    (r"filming|photography|shooting|principal|locations?|cinematography|stunts?", "filming"),
    (r"music|soundtrack|score", "music"),
    (r"marketing|promotion|publicity|trailers?", "marketing"),
    (r"home media|home video|streaming|dvd|blu-?ray", "home-media"),
    (r"box office|commercial performance|gross", "box-office"),
    (r"accolades|awards|nominations|honou?rs", "awards"),
    (r"critical|reception|reviews|response|legacy", "reception"),
    (r"political|politics", "politics"),
    (r"controvers|dispute|lawsuit|incident", "other"),
    (r"release|distribution|premiere|theatrical", "release"),
    (r"sequels?|follow-up|future|franchise", "sequel"),
    (r"production|making", "filming"),
)

PLOT = re.compile(r"^(plot|synopsis|story|summary|premise)(\s+summary)?$", re.I)
CAST = re.compile(r"^(cast|cast and characters|characters|starring|voice cast)$", re.I)
# Sections of links and citations: nothing to draft from.
SKIP = re.compile(
    r"^(notes|references|citations|sources|bibliography|external links|see also|"
    r"further reading|footnotes)$",
    re.I,
)

# Sentence words that move a statement of a development section to casting.
_CASTING_WORDS = re.compile(
    r"\b(cast|casting|joined the cast|to play|reprising|reprise|his role|her role|"
    r"confirmed (his|her|their) return|returning as|would return as|recast(ing)?|audition)",
    re.I,
)


def heading_phase(title: str) -> Phase | None:
    """The phase a heading names, or None when it names none."""
    lowered = f" {title.lower()} "
    found = [
        (m.start(), rank, phase)
        for rank, (pattern, phase) in enumerate(_HEADING_RULES)
        if (m := re.search(pattern, lowered))
    ]
    # The heading's first named phase ("Development and pre-production": development).
    return min(found)[2] if found else None


def section_phase(section: Section) -> Phase | None:
    """The section's phase from its heading, else from its nearest parent that has one."""
    own = heading_phase(section.title)
    if own is not None and own != "other":
        return own
    for parent in reversed(section.parents):
        inherited = heading_phase(parent)
        if inherited is not None and inherited != "other":
            return inherited
    return own


def sentence_phase(section_phase: Phase, sentence: str) -> Phase:
    """A development statement about casting is a casting event; otherwise the section's."""
    if section_phase in ("development", "pre-production") and _CASTING_WORDS.search(sentence):
        return "casting"
    return section_phase


def is_plot(section: Section) -> bool:
    """Whether this is the story section."""
    return PLOT.match(section.title.strip()) is not None


def is_cast(section: Section) -> bool:
    """Whether this is the cast list."""
    return CAST.match(section.title.strip()) is not None


def is_skipped(section: Section) -> bool:
    """Notes, references, external links and the like."""
    return SKIP.match(section.title.strip()) is not None
