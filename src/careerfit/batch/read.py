"""Reading responses files for ``careerfit score``: rows in blocks, column by column.

Input: one respondent per JSON line (an object mapping question ids to answers, a list for
multi-choice questions) or per CSV row (a header of question ids; several answers in one
cell separated by ``;``). An optional ``respondent`` field names the respondent; otherwise
the line number does.

Rows are read :data:`READ` at a time and handed on as columns (each question's answers,
row by row): a block that small stays in the CPU cache while it is encoded, which halves
the cost of every look-up. A row that is not even a set of answers (not JSON, nested deeper
than the JSON decoder goes, not an object, the wrong number of CSV cells, bytes that are
not text) is reported with its line and left out; the rest are read on. A row's line is
the physical line it starts on, as an editor numbers it, even after a quoted CSV cell
that spans several lines.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain, islice
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from careerfit.batch.source import undecodable
from careerfit.errors import DataError, Problem
from careerfit.kb.questions import QuestionKind

if TYPE_CHECKING:
    from careerfit.fit.tables import QuestionTable
    from careerfit.kb.knowledge_base import KnowledgeBase

READ = 1024  # rows read and encoded together
RESPONDENT = "respondent"

Check = Callable[[str], str | None]  # what is wrong with a line's bytes, if anything


class Block(NamedTuple):
    """Rows as read, column by column: what the encoder needs and nothing per row."""

    lines: Sequence[int]  # each row's line number
    respondents: list[str]
    columns: Mapping[str, Sequence[Any]]  # question id -> each row's raw answer (None: absent)
    suspect: set[int]  # rows the reader already knows must be checked in full
    answers: Callable[[int], dict[str, Any]]  # row i's fields (respondent too), for the check
    unreadable: list[tuple[int, str]]  # rows that are not even a set of answers


def is_name(who: object) -> bool:
    """Whether a respondent field can name someone: text or a number, or absent."""
    return who is None or type(who) in (str, int, float)


class JsonRows:
    """Decodes JSON Lines with msgspec straight into typed rows, one field per question.

    The row type is made from the question bank: each single-choice answer must be one of
    its question's option values, each multi-choice answer a list of them, the respondent
    text or a number, and no other key may appear. So msgspec checks the usual row
    completely in C, and each answer it hands back is the very string object the encoder's
    look-up tables hold (option values are interned), which makes the look-ups as cheap as
    they can be. A block with a line it refuses is read again line by line: a line that is
    a JSON object is decoded as plain JSON and checked in full, to say what is wrong with
    it; any other line is reported as unreadable.
    """

    def __init__(self, questions: Sequence[QuestionTable]) -> None:
        import msgspec

        # msgspec raises RecursionError for nesting deeper than Python's recursion limit
        # allows: a hostile or broken line, never a reason to stop the batch.
        self.errors = msgspec.ValidationError, msgspec.DecodeError, RecursionError
        self.malformed = msgspec.DecodeError
        fields: list[tuple[str, Any, None]] = [("who", str | int | float | None, None)]
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

    def blocks(self, lines: Iterable[str], check: Check = undecodable) -> Iterator[Block]:
        """The rows of JSON Lines, :data:`READ` at a time; ``check`` finds undecodable bytes."""
        source = iter(lines)
        first = 1
        while texts := list(islice(source, READ)):
            numbers: Sequence[int] = range(first, first + len(texts))
            first += len(texts)
            rows = self._typed(texts, check)
            suspect: set[int] = set()
            unreadable: list[tuple[int, str]] = []
            if rows is None:
                numbers, texts, rows, suspect, unreadable = self._one_by_one(numbers, texts, check)
            respondents = list(map(str, numbers))  # a row names its respondent, or its line does
            columns = list(zip(*map(self.fields, rows), strict=True)) if rows else []
            if columns and columns[0].count(None) != len(rows):
                named = zip(columns[0], respondents, strict=True)
                respondents = [n if who is None else str(who) for who, n in named]
            by_id = dict(zip(self.ids, columns[1:], strict=True)) if rows else {}

            def answers(i: int, texts: list[str] = texts) -> dict[str, Any]:
                found: dict[str, Any] = self.plain(texts[i])
                return found

            yield Block(numbers, respondents, by_id, suspect, answers, unreadable)

    def _typed(self, texts: list[str], check: Check) -> list[Any] | None:
        """Every line as a typed row; None if any line is not one (or holds bytes not text)."""
        if not all(map(str.isascii, texts)) and any(map(check, texts)):
            return None  # msgspec cannot even be given such a line
        try:
            return list(map(self.typed, texts))
        except self.errors:
            return None

    def _one_by_one(
        self, lines: Sequence[int], texts: list[str], check: Check
    ) -> tuple[list[int], list[str], list[Any], set[int], list[tuple[int, str]]]:
        """A block with a line the typed decoder refused: take its lines one at a time.

        A line that is a JSON object but not a valid row is kept as suspect, so that the
        full check can say exactly what is wrong with it. Blank lines are passed over.
        """
        kept: list[int] = []
        kept_texts: list[str] = []
        rows: list[Any] = []
        suspect: set[int] = set()
        unreadable: list[tuple[int, str]] = []
        for number, text in zip(lines, texts, strict=True):
            if not text.strip():
                continue
            if why := check(text):
                unreadable.append((number, why))
                continue
            try:
                row = self.typed(text)
            except self.errors:
                found, why = self._plain(text)
                if why is not None:
                    unreadable.append((number, why))
                    continue
                suspect.add(len(rows))
                who = found.get(RESPONDENT)
                row = self.row(who=who if is_name(who) else None)
            kept.append(number)
            kept_texts.append(text)
            rows.append(row)
        return kept, kept_texts, rows, suspect, unreadable

    def _plain(self, text: str) -> tuple[dict[str, Any], str | None]:
        """The line as a plain JSON object, or what keeps it from being one."""
        try:
            found = self.plain(text)
        except RecursionError:
            return {}, (
                "is nested too deeply to be read; a row is one JSON object of question ids "
                "and answers, with a list for a multi-choice answer"
            )
        except self.errors as err:
            why = str(err).split(": ", 1)[-1]
            if isinstance(err, self.malformed):
                return {}, f"is not valid JSON ({why})"
            return {}, f"cannot be read ({why})"  # valid JSON, but a number out of range
        if type(found) is not dict:
            return {}, "is not a JSON object of question ids and answers"
        return found, None


def csv_blocks(
    lines: Iterable[str],
    kb: KnowledgeBase,
    check: Check = undecodable,
    name: str = "responses",
) -> Iterator[Block]:
    """CSV in blocks: a header of question ids; empty cells are skipped questions.

    Cells are read as they are and transposed into columns in one step; a row whose cells
    need cleaning (a space after a comma, as spreadsheets write) is cleaned on the full
    check, so the usual row pays nothing for it. A header that cannot be read stops the
    run (``name`` says whose): no row means anything without it.
    """
    source = iter(lines)
    header, first = _header(source, check, name)
    if header is None:
        return
    width = len(header)
    where = {column: i for i, column in enumerate(header)}
    ids = [q.id for q in kb.questions_file.questions]
    multi = {q.id for q in kb.questions_file.questions if q.kind is QuestionKind.multi}
    known = {*ids, RESPONDENT}
    extra = [i for i, column in enumerate(header) if column not in known]
    who = where.get(RESPONDENT)
    for starts, rows, unreadable in _records(source, first, check):
        if set(map(len, rows)) != {width}:
            unreadable += [
                (n, f"has {_cells(len(r))} but the header has {width}")
                for n, r in zip(starts, rows, strict=True)
                if r and len(r) != width
            ]
            starts, rows = _same_width(starts, rows, width)
        cells = list(zip(*rows, strict=True)) if rows else [() for _ in header]
        empty = (None,) * len(rows)
        columns = {q: cells[where[q]] if q in where else empty for q in ids}
        respondents = list(map(str, starts))
        if who is not None:
            named = zip(cells[who], respondents, strict=True)
            respondents = [w.strip() or n for w, n in named]
        suspect = {i for j in extra for i, cell in enumerate(cells[j]) if cell.strip()}

        def answers(i: int, rows: list[list[str]] = rows) -> dict[str, Any]:
            found: dict[str, Any] = {
                k: v.strip() for k, v in zip(header, rows[i], strict=True) if v.strip()
            }
            for key in multi & found.keys():
                found[key] = cell_answers(found[key])
            return found

        yield Block(starts, respondents, columns, suspect, answers, sorted(unreadable))


def cell_answers(cell: str) -> list[str]:
    """The answers in one CSV cell of a multi-choice question: separated by ';'."""
    return [part.strip() for part in cell.split(";") if part.strip()]


def _cells(count: int) -> str:
    return f"{count} cell" if count == 1 else f"{count} cells"


def _header(source: Iterator[str], check: Check, name: str) -> tuple[list[str] | None, int]:
    """The header's cells (blank lines before it passed over) and the line after it.

    ``None`` when there is no header at all: the input is empty or blank.
    """
    reader = csv.reader(source)
    start = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                break
            start = reader.line_num + 1
        else:
            return None, 0
    except csv.Error as err:
        raise _bad_header(name, start, f"is not valid CSV ({err})") from None
    if why := check("".join(cells)):
        raise _bad_header(name, start, why)
    return [cell.strip() for cell in cells], reader.line_num + 1


def _bad_header(name: str, line: int, why: str) -> DataError:
    problem = Problem(name, line, "", f"the header of question ids {why}")
    return DataError([problem], "responses file")


Records = tuple[list[int], list[list[str]], list[tuple[int, str]]]


def _records(source: Iterator[str], number: int, check: Check) -> Iterator[Records]:
    """Data records :data:`READ` at a time: the line each starts on, its cells, and the refused.

    ``number`` is the line the first record starts on. A record the csv module refuses is
    skipped, and so is one holding bytes that are not text; each is returned with its line
    and why. Lines without a double quote are split at their commas, which is all the csv
    module would do with them, at twice its speed. From the first block with a quote in
    it, the csv module reads the rest: a quoted cell may hold commas, quotes or line
    breaks, so a record may span lines, and the csv module's count of lines read says
    where the next one starts.
    """
    texts: list[str] = []
    while texts := list(islice(source, READ)):
        joined = "".join(texts)
        if '"' in joined:
            break
        starts = list(range(number, number + len(texts)))
        number += len(texts)
        rows = [t.rstrip("\r\n").split(",") if t.strip("\r\n") else [] for t in texts]
        yield _decodable(starts, rows, check, joined.isascii())
    reader = csv.reader(chain(texts, source))
    before = number - 1  # lines before the first one the csv module reads
    while True:
        starts, rows, refused = [], [], []
        try:
            for row in reader:
                starts.append(number)
                rows.append(row)
                number = before + reader.line_num + 1
                if len(rows) == READ:
                    break
        except csv.Error as err:  # a cell over the csv module's size limit, say
            refused.append((number, f"is not valid CSV ({err})"))
            number = before + reader.line_num + 1
        if not rows and not refused:
            return
        ascii_only = "".join(map("".join, rows)).isascii()
        starts, rows, undecoded = _decodable(starts, rows, check, ascii_only)
        yield starts, rows, undecoded + refused


def _decodable(starts: list[int], rows: list[list[str]], check: Check, ascii_only: bool) -> Records:
    """The records without those holding bytes that are not text, which are reported."""
    if ascii_only:
        return starts, rows, []
    kept: Records = ([], [], [])
    for start, row in zip(starts, rows, strict=True):
        if why := check(",".join(row)):
            kept[2].append((start, why))
        else:
            kept[0].append(start)
            kept[1].append(row)
    return kept


def _same_width(
    lines: Sequence[int], rows: list[list[str]], width: int
) -> tuple[list[int], list[list[str]]]:
    pairs = [(n, r) for n, r in zip(lines, rows, strict=True) if len(r) == width]
    return [n for n, _ in pairs], [r for _, r in pairs]
