"""Citations as a reader expects them: numbered notes, resolved in a list of sources.

The knowledge base cites ``SOURCE:LINE`` so that every fact can be checked against its
line; a reader needs the source itself: its title, publisher, date and address. Each view
numbers the sources it cites in the order it first cites them, and lists them at the end.
"""

from __future__ import annotations

from collections.abc import Iterable

from careerfit.kb.citations import CITE_RE
from careerfit.kb.knowledge_base import KnowledgeBase
from careerfit.kb.roles import Source
from careerfit.records import record

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@record
class SourceNote:
    """One numbered source as a reader sees it."""

    number: int
    title: str
    details: str  # publisher, edition and date, as far as known
    url: str | None

    @property
    def text(self) -> str:
        """``Title. Publisher, March 2025.`` (without the address)."""
        return f"{self.title}. {self.details}." if self.details else f"{self.title}."


def when(date: str) -> str:
    """An ISO partial date in words: ``2024-02-20`` -> ``20 February 2024``."""
    parts = date.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return date


def describe(source: Source) -> tuple[str, str | None]:
    """A source's publisher, edition and date in one phrase, and its address."""
    details = [p for p in (source.publisher, source.edition) if p]
    if source.date:
        details.append(when(source.date))
    return ", ".join(details), source.url


class Notes:
    """Numbers the sources one view cites, in the order it first cites them."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._numbers: dict[str, int] = {}

    def mark(self, cites: Iterable[str]) -> tuple[int, ...]:
        """The note numbers of these citations' sources (each once, in citation order)."""
        numbers = []
        for cite in cites:
            match = CITE_RE.match(cite)
            source = match.group("source") if match else cite
            number = self._numbers.setdefault(source, len(self._numbers) + 1)
            if number not in numbers:
                numbers.append(number)
        return tuple(sorted(numbers))

    def listed(self) -> tuple[SourceNote, ...]:
        """Every source numbered so far, in number order."""
        out = []
        for source_id, number in self._numbers.items():
            source = self.kb.source(source_id)
            details, url = describe(source)
            out.append(SourceNote(number, source.title, details, url))
        return tuple(out)
