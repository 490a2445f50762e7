"""Reading an article: sections, sentences, heading variants, cast lines, and bad input."""

from __future__ import annotations

import time

import pytest

from timeline.draft import ArticleError, draft_article
from timeline.draft.article import read_article, split_sentences
from timeline.draft.cast import read_cast
from timeline.draft.phases import heading_phase, is_cast, is_plot, is_skipped, section_phase

SMALL = """Testfilm is a 2031 science fiction film directed by Ada Quill.

== Plot ==
Captain Rhea Vance leaves the orbital station. Vance meets Tomas in the old port.

== Cast ==
Nora Blythe as Rhea Vance, a pilot.
Oskar Lund as Tomas, a smuggler.

== Production ==
=== Filming ===
Filming began on March 3, 2030, in the desert.
"""


@pytest.mark.parametrize(
    ("heading", "phase"),
    [
        ("Development", "development"),
        ("Development and pre-production", "development"),
        ("Pre-production", "pre-production"),
        ("Writing", "development"),
        ("Casting", "casting"),
        ("Filming", "filming"),
        ("Principal photography", "filming"),
        ("Filming locations", "filming"),
        ("Post-production", "post-production"),
        ("Visual effects", "post-production"),
        ("Music", "music"),
        ("Soundtrack", "music"),
        ("Marketing", "marketing"),
        ("Promotion", "marketing"),
        ("Release", "release"),
        ("Theatrical release", "release"),
        ("Home media", "home-media"),
        ("Box office", "box-office"),
        ("Commercial performance", "box-office"),
        ("Critical response", "reception"),
        ("Critical reception", "reception"),
        ("Accolades", "awards"),
        ("Awards and nominations", "awards"),
        ("Political impact", "politics"),
        ("Sequel", "sequel"),
        ("Future", "sequel"),
        ("Production", "filming"),
    ],
)
def test_heading_variants_name_their_phase(heading: str, phase: str) -> None:
    assert heading_phase(heading) == phase


def test_a_subsection_without_a_phase_takes_its_parents() -> None:
    article = read_article(
        "Lead.\n== Production ==\n=== Filming ===\n==== A dispute over a bridge ====\nText.\n"
    )
    dispute = article.sections[-1]
    assert dispute.parents == ("Production", "Filming")
    assert section_phase(dispute) == "filming"


def test_plot_cast_and_link_sections_are_recognised() -> None:
    article = read_article(
        "Lead.\n== Plot summary ==\nA.\n== Cast ==\nB.\n== External links ==\nC.\n"
    )
    plot, cast, links = article.sections[1:]
    assert is_plot(plot) and is_cast(cast) and is_skipped(links)
    assert not is_plot(cast) and not is_cast(plot)


def test_sections_get_unique_ids_and_paragraphs_are_lines() -> None:
    article = read_article("Lead one.\nLead two.\n== Notes ==\n== Notes ==\nX.\n")
    assert [s.id for s in article.sections] == ["lead", "notes", "notes-2"]
    assert article.lead.paragraphs == ["Lead one.", "Lead two."]


@pytest.mark.parametrize(
    ("paragraph", "count"),
    [
        ("In Washington, D.C., Ethan meets a U.S. agent. He leaves.", 2),
        ("It grossed $571.1 million. It was a hit.", 2),
        ('He said "it is over." Then he left.', 2),
        ("Warner Bros. Studios built the set. It was big.", 2),
        ("One sentence only", 1),
    ],
)
def test_sentences_split_at_full_stops_but_not_abbreviations(paragraph: str, count: int) -> None:
    assert len(split_sentences(paragraph)) == count


def test_cast_lines_in_their_usual_forms() -> None:
    cast = read_cast(
        [
            "Nora Blythe as Rhea Vance, a pilot and the leader of the crew.",
            "Oskar Lund as Tomas, a smuggler.",
            "Lund also voices the Machine, an AI that runs the station.",
            "Additionally, Ann Lee, Bo Chen and Cy Diaz appear as heads of agencies, "
            "representing ABC, DEF and GHI, respectively.",
            "Dag Holm and Eva Berg appear as the captain and the pilot of the ferry, respectively.",
            "A line in no known form.",
        ],
        "Testfilm is a film directed by Ada Quill from a screenplay he co-wrote with Ben Ode.",
    )
    pairs = {(c.name, tuple(c.played_by)) for c in cast.characters.values()}
    assert pairs == {
        ("Rhea Vance", ("nora-blythe",)),
        ("Tomas", ("oskar-lund",)),
        ("The Machine", ("oskar-lund",)),
        ("ABC head", ("ann-lee",)),
        ("DEF head", ("bo-chen",)),
        ("GHI head", ("cy-diaz",)),
        ("Captain of the ferry", ("dag-holm",)),
        ("Pilot of the ferry", ("eva-berg",)),
    }
    assert cast.people["ada-quill"].roles == ["director"]
    assert cast.people["ben-ode"].roles == ["screenwriter"]
    assert cast.unread == ["A line in no known form."]


def test_a_small_article_drafts_beats_characters_and_events() -> None:
    draft = draft_article(SMALL, gazetteer=None)
    ds = draft.dataset
    assert ds.film.title == "Testfilm" and ds.film.year == 2031
    beats = [e for e in ds.events if e.chronology == "story"]
    assert [b.order for b in beats] == [1, 2]
    assert beats[0].characters == ["rhea-vance"]  # full name
    assert set(beats[1].characters) == {"rhea-vance", "tomas"}  # last name, first name
    (filming,) = [e for e in ds.events if e.chronology == "production"]
    assert (filming.date, filming.date_text, filming.phase) == (
        "2030-03-03",
        "on March 3, 2030",
        "filming",
    )
    assert filming.source == "filming"


def test_beats_without_characters_and_undated_statements_are_reported() -> None:
    text = SMALL.replace("Vance meets Tomas in the old port.", "A storm breaks.") + (
        "The crew later moved to a studio.\n"
    )
    report = draft_article(text, gazetteer=None).report
    assert [f.what for f in report.beats_without_characters] == ["A storm breaks."]
    assert [f.what for f in report.undated] == ["The crew later moved to a studio."]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("", "the text is empty"),
        ("   \n\n ", "the text is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        (b"\xff\xfe\xfa bad", "not UTF-8"),
        ("Just a lead paragraph without any heading.", "no section headings"),
        ("Lead.\n== Filming ==\nFilming began in the desert.\n", "no dated statements"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(data: str | bytes, message: str) -> None:
    with pytest.raises(ArticleError, match=message):
        draft_article(data, gazetteer=None)


def test_a_50_mb_paste_is_refused_at_once() -> None:
    line = "== Filming ==\nOn May 1, 2020, filming began.\n"
    paste = line * (50 * 1024 * 1024 // len(line) + 1)
    started = time.perf_counter()
    with pytest.raises(ArticleError, match=r"the text is 50\.0 MB; the limit is 5 MB"):
        draft_article(paste, gazetteer=None)
    assert time.perf_counter() - started < 1.0


def test_an_overlong_cast_line_is_set_aside_not_read() -> None:
    from timeline.draft.cast import MAX_LINE

    # A pasted wall of names with "appear as" and commas, but no "respectively".
    wall = "Nora Blythe, " * (MAX_LINE // 13 + 5) + "appear as guards, and more"
    cast = read_cast([wall, "Oskar Lund as Tomas, a smuggler."])
    assert [c.name for c in cast.characters.values()] == ["Tomas"]
    (unread,) = cast.unread
    assert unread.startswith("Nora Blythe, ") and unread.endswith("\u2026")
    assert len(unread) == 201
