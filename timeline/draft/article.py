"""An article's plain text as sections, paragraphs and sentences.

The form is what the MediaWiki API returns for ``prop=extracts&explaintext=1&
exsectionformat=wiki``: a lead, then ``== Heading ==`` lines (more ``=`` for a
subsection). :func:`read_article` checks the text first (not empty, not binary,
not too large, has headings) and raises :class:`ArticleError` with a reason a
person can act on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from timeline.plaintext import slugify

#: The largest article read (the app's upload cap is usually lower).
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
LEAD_ID = "lead"

_HEADING = re.compile(r"^(={2,6})\s*(.+?)\s*\1\s*$")
# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "no", "inc", "ltd", "co", "corp", "bros",
    "gen", "col", "lt", "sgt", "capt", "prof", "rev", "mt", "ft", "approx", "est", "vol",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}  # fmt: skip
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class ArticleError(ValueError):
    """Text that cannot be drafted from; ``str()`` says why."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence and where it stands: its paragraph's number within the section."""

    text: str
    paragraph: int


@dataclass(slots=True)
class Section:
    """A heading (``title``, its ``level``: 1 for the lead, 2 for ``==``) and its text."""

    id: str
    title: str
    level: int
    parents: tuple[str, ...]
    paragraphs: list[str] = field(default_factory=list)

    def sentences(self) -> list[Sentence]:
        """Every sentence of the section, in order."""
        return [
            Sentence(text, number)
            for number, paragraph in enumerate(self.paragraphs)
            for text in split_sentences(paragraph)
        ]


@dataclass(frozen=True, slots=True)
class Article:
    """The sections of one article, lead first."""

    sections: tuple[Section, ...]

    @property
    def lead(self) -> Section:
        """The text before the first heading."""
        return self.sections[0]


def check_text(data: bytes | str, *, max_bytes: int = MAX_ARTICLE_BYTES) -> str:
    """The article as text, or :class:`ArticleError`: empty, too large, binary, not UTF-8."""
    size = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
    if size > max_bytes:
        raise ArticleError(
            f"the text is {size / 1024 / 1024:.1f} MB; the limit is "
            f"{max_bytes / 1024 / 1024:g} MB (an article is rarely over 1 MB)"
        )
    if isinstance(data, bytes):
        if b"\x00" in data[:8192]:
            raise ArticleError("this is binary data, not text: paste or upload the article's text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ArticleError(
                f"the file is not UTF-8 text (bad byte at offset {exc.start})"
            ) from None
    else:
        text = data
    if not text.strip():
        raise ArticleError("the text is empty")
    if "\x00" in text or len(_CONTROL.findall(text[:8192])) > 8:
        raise ArticleError("this is binary data, not text: paste or upload the article's text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_article(data: bytes | str, *, max_bytes: int = MAX_ARTICLE_BYTES) -> Article:
    """Split an article into sections; :class:`ArticleError` if it cannot be drafted from."""
    text = check_text(data, max_bytes=max_bytes)
    sections = [Section(LEAD_ID, "Lead", 1, ())]
    used = {LEAD_ID}
    stack: list[tuple[int, str]] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            sections[-1].paragraphs.append(" ".join(paragraph))
            paragraph.clear()

    for raw in text.split("\n"):
        line = raw.strip()
        heading = _HEADING.match(line)
        if heading:
            flush()
            level, title = len(heading.group(1)), heading.group(2)
            while stack and stack[-1][0] >= level:
                stack.pop()
            base = slugify(title) or f"section-{len(sections)}"
            section_id, n = base, 2
            while section_id in used:
                section_id, n = f"{base}-{n}", n + 1
            used.add(section_id)
            sections.append(Section(section_id, title, level, tuple(t for _, t in stack)))
            stack.append((level, title))
        elif line:
            # The plain-text form puts each paragraph on a line of its own.
            paragraph.append(line)
            flush()
    flush()
    if len(sections) == 1:
        raise ArticleError(
            "no section headings found: the draft needs headings written as "
            "'== Plot ==', '== Production ==' (the MediaWiki plain-text form)"
        )
    return Article(tuple(sections))


def _ends_sentence(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends a sentence (not ``D.C.``, ``Bros.``, ``8.5``)."""
    before = re.search(r"(\S+)$", text[:dot])
    word = before.group(1) if before else ""
    bare = word.strip("\"'(").lower()
    if bare in _ABBREVIATIONS:
        return False
    # Initials and dotted abbreviations: "D.C", "U.S", "J" (as in "J. Smith").
    if re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", word.strip("\"'(")):
        after = text[dot + 1 :].lstrip()
        # "in Washington, D.C. The team..." does end; "U.S. agents" does not.
        return (
            bool(after)
            and after[0].isupper()
            and len(word.strip("\"'(")) > 1
            and (
                re.match(r"(?:The|In|On|At|It|He|She|They|A|An|After|As|While|When)\b", after)
                is not None
            )
        )
    return True


def split_sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences: split after ``.``, ``!`` or ``?`` (and a closing quote)
    followed by a space and a capital, a digit or a quote; abbreviations do not split."""
    out: list[str] = []
    start = 0
    for match in re.finditer(r"[.!?][\"'\u201d\u2019)]*(?=\s+[\"\u201cA-Z0-9])", paragraph):
        end = match.end()
        if match.group(0)[0] == "." and not _ends_sentence(paragraph, match.start()):
            continue
        piece = paragraph[start:end].strip()
        if piece:
            out.append(piece)
        start = end
    rest = paragraph[start:].strip()
    if rest:
        out.append(rest)
    return out
