"""Drafting an events file from an article's plain text (``python -m timeline draft``).

One module per idea: :mod:`~timeline.draft.article` (sections and sentences),
:mod:`~timeline.draft.phases` (headings to phases), :mod:`~timeline.draft.when` (date
phrases to EDTF), :mod:`~timeline.draft.boxoffice` (periods counted from the release),
:mod:`~timeline.draft.cast` (the cast list), :mod:`~timeline.draft.places` (the
gazetteer), :mod:`~timeline.draft.amounts` (money and scores), :mod:`~timeline.draft.build`
(the draft itself), :mod:`~timeline.draft.report` (what needs a person),
:mod:`~timeline.draft.compare` (the benchmark) and :mod:`~timeline.draft.mediawiki`
(fetching an article by title).
"""

from timeline.draft.article import ArticleError
from timeline.draft.build import Draft, draft_article
from timeline.draft.report import Report

__all__ = ["ArticleError", "Draft", "Report", "draft_article"]
