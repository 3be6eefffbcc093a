"""Reading responses files for ``careerfit score``: rows in blocks, column by column.

Input: one respondent per JSON line (an object mapping question ids to answers, a list for
multi-choice questions) or per CSV row (a header of question ids; several answers in one
cell separated by ``;``). An optional ``respondent`` field names the respondent; otherwise
the line number does.

Rows are read :data:`READ` at a time and handed on as columns (each question's answers,
row by row): a block that small stays in the CPU cache while it is encoded, which halves
the cost of every look-up. A row that is not even a set of answers (not JSON, not an
object, the wrong number of CSV cells) is reported with its line and left out.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import chain, islice
from operator import attrgetter
from typing import IO, TYPE_CHECKING, Any, Literal, NamedTuple

from careerfit.kb.questions import QuestionKind

if TYPE_CHECKING:
    from careerfit.fit.tables import QuestionTable
    from careerfit.kb.knowledge_base import KnowledgeBase

READ = 1024  # rows read and encoded together
RESPONDENT = "respondent"


class Block(NamedTuple):
    """Rows as read, column by column: what the encoder needs and nothing per row."""

    lines: Sequence[int]  # each row's line number
    respondents: list[str]
    columns: Mapping[str, Sequence[Any]]  # question id -> each row's raw answer (None: absent)
    suspect: set[int]  # rows the reader already knows must be checked in full
    answers: Callable[[int], dict[str, Any]]  # row i's answers, for the full check
    unreadable: list[tuple[int, str]]  # rows that are not even a set of answers


class JsonRows:
    """Decodes JSON Lines with msgspec straight into typed rows, one field per question.

    The row type is made from the question bank: each single-choice answer must be one of
    its question's option values, each multi-choice answer a list of them, and no other
    key may appear. So msgspec checks the usual row completely in C, and each answer it
    hands back is the very string object the encoder's look-up tables hold (option values
    are interned), which makes the look-ups as cheap as they can be. A line it refuses is
    decoded again as plain JSON and checked in full, to say what is wrong with it.
    """

    def __init__(self, questions: Sequence[QuestionTable]) -> None:
        import msgspec

        self.errors = msgspec.ValidationError, msgspec.DecodeError
        fields: list[tuple[str, Any, None]] = [("who", Any, None)]
        names = {"who": RESPONDENT}
        for j, question in enumerate(questions):
            choice = Literal[tuple(map(sys.intern, question.index))]  # type: ignore[valid-type]
            kind = list[choice] if question.multi else choice  # type: ignore[valid-type]
            fields.append((f"q{j}", kind | None, None))
            names[f"q{j}"] = question.id
        self.row = msgspec.defstruct(
            "Row", fields, rename=names, forbid_unknown_fields=True, gc=False
        )
        self.typed = msgspec.json.Decoder(self.row).decode
        self.plain = msgspec.json.Decoder().decode
        # Respondent first, then the answers: one call per row gives a tuple of all.
        self.fields = attrgetter(*(name for name, _, _ in fields))
        self.ids = [question.id for question in questions]

    def blocks(self, handle: IO[str]) -> Iterator[Block]:
        """The rows of a JSON Lines stream, :data:`READ` at a time."""
        first = 1
        while texts := list(islice(handle, READ)):
            lines: Sequence[int] = range(first, first + len(texts))
            first += len(texts)
            try:
                rows = list(map(self.typed, texts))
                suspect: set[int] = set()
                unreadable: list[tuple[int, str]] = []
            except self.errors:
                lines, texts, rows, suspect, unreadable = self._one_by_one(lines, texts)
            respondents = list(map(str, lines))  # a row names its respondent, or its line does
            columns = list(zip(*map(self.fields, rows), strict=True)) if rows else []
            if columns and columns[0].count(None) != len(rows):
                named = zip(columns[0], respondents, strict=True)
                respondents = [n if who is None else str(who) for who, n in named]
            by_id = dict(zip(self.ids, columns[1:], strict=True)) if rows else {}

            def answers(i: int, texts: list[str] = texts) -> dict[str, Any]:
                found = self.plain(texts[i])
                found.pop(RESPONDENT, None)
                return found

            yield Block(lines, respondents, by_id, suspect, answers, unreadable)

    def _one_by_one(
        self, lines: Sequence[int], texts: list[str]
    ) -> tuple[list[int], list[str], list[Any], set[int], list[tuple[int, str]]]:
        """A block with a line the typed decoder refused: take its lines one at a time.

        A line that is a JSON object but not a valid row is kept as suspect, so that the
        full check can say exactly what is wrong with it.
        """
        kept: list[int] = []
        kept_texts: list[str] = []
        rows: list[Any] = []
        suspect: set[int] = set()
        unreadable: list[tuple[int, str]] = []
        for number, text in zip(lines, texts, strict=True):
            try:
                row = self.typed(text)
            except self.errors:
                try:
                    found = self.plain(text)
                except self.errors as err:
                    if text.strip():
                        why = str(err).split(": ", 1)[-1]
                        unreadable.append((number, f"is not valid JSON ({why})"))
                    continue
                if type(found) is not dict:
                    unreadable.append((number, "is not a JSON object of question ids and answers"))
                    continue
                suspect.add(len(rows))
                row = self.row(who=found.get(RESPONDENT))
            kept.append(number)
            kept_texts.append(text)
            rows.append(row)
        return kept, kept_texts, rows, suspect, unreadable


def csv_blocks(handle: IO[str], kb: KnowledgeBase) -> Iterator[Block]:
    """CSV in blocks: a header of question ids; empty cells are skipped questions.

    Cells are read as they are and transposed into columns in one step; a row whose cells
    need cleaning (a space after a comma, as spreadsheets write) is cleaned on the full
    check, so the usual row pays nothing for it.
    """
    reader = csv.reader(handle)
    header = next(reader, None)
    if header is None:
        return
    header = [h.strip() for h in header]
    width = len(header)
    where = {name: i for i, name in enumerate(header)}
    ids = [q.id for q in kb.questions_file.questions]
    multi = {q.id for q in kb.questions_file.questions if q.kind is QuestionKind.multi}
    known = {*ids, RESPONDENT}
    extra = [i for i, name in enumerate(header) if name not in known]
    who = where.get(RESPONDENT)
    number = 1
    for rows, refused in _records(handle):
        unreadable = [(number + len(rows) + 1, refused)] if refused else []
        lines: Sequence[int] = range(number + 1, number + 1 + len(rows))
        number += len(rows) + len(unreadable)
        if set(map(len, rows)) != {width}:
            unreadable += [
                (n, f"has {len(r)} cells but the header has {width}")
                for n, r in zip(lines, rows, strict=True)
                if r and len(r) != width
            ]
            lines, rows = _same_width(lines, rows, width)
        cells = list(zip(*rows, strict=True)) if rows else [() for _ in header]
        empty = (None,) * len(rows)
        columns = {q: cells[where[q]] if q in where else empty for q in ids}
        respondents = list(map(str, lines))
        if who is not None:
            named = zip(cells[who], respondents, strict=True)
            respondents = [w.strip() or n for w, n in named]
        suspect = {i for j in extra for i, cell in enumerate(cells[j]) if cell.strip()}

        def answers(i: int, rows: list[list[str]] = rows) -> dict[str, Any]:
            found: dict[str, Any] = {
                k: v.strip() for k, v in zip(header, rows[i], strict=True) if v.strip()
            }
            found.pop(RESPONDENT, None)
            for key in multi & found.keys():
                found[key] = cell_answers(found[key])
            return found

        yield Block(lines, respondents, columns, suspect, answers, unreadable)


def cell_answers(cell: str) -> list[str]:
    """The answers in one CSV cell of a multi-choice question: separated by ';'."""
    return [part.strip() for part in cell.split(";") if part.strip()]


def _records(handle: IO[str]) -> Iterator[tuple[list[list[str]], str | None]]:
    """Data records :data:`READ` at a time, each with the complaint about the next, if any.

    A record the csv module refuses is skipped, and the complaint says why. Lines without
    a double quote are split at their commas, which is all the csv module would do with
    them, at twice its speed. From the first block with a quote in it, the csv module
    reads the rest: a quoted cell may hold commas, quotes or line breaks.
    """
    texts: list[str] = []
    while texts := list(islice(handle, READ)):
        if '"' in "".join(texts):
            break
        yield [t.rstrip("\r\n").split(",") if t.strip("\r\n") else [] for t in texts], None
    reader = csv.reader(chain(texts, handle))
    while True:
        rows: list[list[str]] = []
        try:
            rows.extend(islice(reader, READ))  # keeps the rows read before an error
        except csv.Error as err:  # a cell over the csv module's size limit, say
            yield rows, f"is not valid CSV ({err})"
            continue
        if not rows:
            return
        yield rows, None


def _same_width(
    lines: Sequence[int], rows: list[list[str]], width: int
) -> tuple[list[int], list[list[str]]]:
    pairs = [(n, r) for n, r in zip(lines, rows, strict=True) if len(r) == width]
    return [n for n, _ in pairs], [r for _, r in pairs]
