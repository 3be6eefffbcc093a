"""Score many respondents at once: a class, a cohort, a workforce programme.

Input: one respondent per JSON line (an object mapping question ids to answers, a list for
multi-choice questions) or per CSV row (a header of question ids; several answers in one
cell separated by ``;``). An optional ``respondent`` field names the respondent; otherwise
the line number does. Output: one row per respondent with the top matches, their fits and
whether the person can enter each role today.

How it stays fast (the figures are in ``benchmarks/perf.py``):

* Rows are read in blocks of :data:`READ` and turned column by column into small integer
  codes (an option's index, or a multi-choice combination's number). A block that small
  stays in the CPU cache while it is encoded, which halves the cost of every look-up.
* A row with anything unusual (an unknown key or value, a missing required answer, a list
  where one answer is expected) is checked in full by :func:`careerfit.answers.check_all`,
  the same rules as an answers file, and then either canonicalised or reported with its
  line number and skipped.
* Codes are scored :data:`CHUNK` rows at a time with numpy, so numpy's fixed costs are
  shared by many rows. Every closeness uses the formulas in :mod:`careerfit.fitcore`, in
  the same order of operations as a single quiz, so each fit is identical to what
  ``careerfit quiz --answers`` gives (the tests check this).
* Results are formatted a chunk at a time with one template per row.

Memory stays flat: only one chunk of codes is held at a time.
"""

from __future__ import annotations

import csv
import gc
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice, repeat
from operator import attrgetter
from pathlib import Path
from typing import IO, Any, Literal, NamedTuple

from careerfit import fitcore
from careerfit.answers import AnswerRejected, check_all, check_answer
from careerfit.knowledgebase import KnowledgeBase
from careerfit.schema import CredentialStatus, Question, QuestionKind

READ = 1024  # rows read and encoded together
CHUNK = 8192  # rows scored together
RESPONDENT = "respondent"
INVALID = -2  # code of an answer the fast path cannot accept
_NEW = -3  # code of a multi-choice combination not seen before


@dataclass
class Summary:
    """What a batch run did: counts per first match, and the invalid rows."""

    scored: int = 0
    first: Counter[str] = field(default_factory=Counter)
    invalid: list[tuple[int, str]] = field(default_factory=list)


class Block(NamedTuple):
    """Rows as read, column by column: what the encoder needs and nothing per row."""

    lines: Sequence[int]  # each row's line number
    respondents: list[str]
    columns: dict[str, Sequence[Any]]  # question id -> each row's raw answer (None: absent)
    suspect: set[int]  # rows the reader already knows must be checked in full
    answers: Callable[[int], dict[str, Any]]  # row i's answers, for the full check
    unreadable: list[tuple[int, str]]  # rows that are not even a set of answers


class Coded(NamedTuple):
    """Valid rows as codes: ``codes[j][i]`` is row i's answer to question j (-1 skipped)."""

    lines: list[int]
    respondents: list[str]
    codes: Any  # numpy int64 array, questions x rows


def _lookup(table: dict[Any, int], keys: Sequence[Any], default: int) -> list[int]:
    """``table[key]`` for each key, ``default`` when absent or unhashable (a dict, say)."""
    try:
        return list(map(table.get, keys, repeat(default)))
    except TypeError:
        return [table.get(k, default) if isinstance(k, Hashable) else default for k in keys]


class _Column:
    """One question's answers as codes, and what each code means for scoring.

    A single-choice answer's code is its option's index. A multi-choice answer's code
    numbers its combination of options: few combinations occur, so each is checked once
    (with :func:`check_answer`) and remembered.
    """

    def __init__(self, table: fitcore.QuestionTable, question: Question) -> None:
        self.table = table
        self.question = question
        self.floor = -1 if question.skippable else 0
        self.records = question.records
        self.chosen: list[tuple[int, ...]] = (
            [] if table.multi else [(i,) for i in range(len(table.options))]
        )
        self.codes: dict[Any, int] = {None: -1, "": -1}
        if table.multi:
            self.codes[()] = -1
        else:
            # Interned, so that the JSON decoder hands back these very objects.
            self.codes.update({sys.intern(value): i for value, i in table.index.items()})
        self._canonical: dict[tuple[int, ...], int] = {}
        self._facts: Facts | None = None

    def encode(self, values: Sequence[Any], text: bool) -> list[int]:
        """Each value's code, INVALID where the fast path cannot accept it.

        ``text`` says values are CSV cells, where a multi-choice cell holds several answers
        separated by ';'.
        """
        if not self.table.multi:
            return _lookup(self.codes, values, INVALID)
        keys = values if text else [tuple(v) if type(v) is list else v for v in values]
        column = _lookup(self.codes, keys, _NEW)
        if _NEW in column:
            for key in {k for k, c in zip(keys, column, strict=True) if c == _NEW}:
                self._learn(key, text)
            column = _lookup(self.codes, keys, INVALID)
        return column

    def code_of(self, canonical: Any) -> int:
        """The code of a canonical answer (from :func:`check_all`); -1 if skipped."""
        if canonical is None:
            return -1
        if not self.table.multi:
            return self.table.index[canonical]
        self._learn(canonical, False)
        return self.codes[canonical]

    def _learn(self, key: Hashable, text: bool) -> None:
        """Remember a new multi-choice combination's code; an invalid one is not kept."""
        raw: Any = key
        if text and isinstance(key, str):
            raw = [p.strip() for p in key.split(";") if p.strip()]
        elif isinstance(key, tuple):
            raw = list(key)
        try:
            values = check_answer(self.question, raw)
        except AnswerRejected:
            return
        picked = tuple(self.table.index[v] for v in values)
        if picked not in self._canonical:
            self._canonical[picked] = len(self.chosen)
            self.chosen.append(picked)
        self.codes[key] = self._canonical[picked]

    def facts(self, credential_bits: dict[str, int]) -> Facts:
        """What each code says about the person, read from its options as a quiz reads them.

        Rebuilt only when a new combination has been learnt.
        """
        if self._facts is not None and len(self._facts.pay) == len(self.chosen) + 1:
            return self._facts
        import numpy as np

        options = self.table.options
        rows = []
        for chosen in self.chosen:  # the same reading, in the same order, as person_from
            settings = credentials = pay = 0
            education = study = -1
            for option in map(options.__getitem__, chosen):
                if option.setting is not None:
                    settings |= fitcore.SETTING_BITS[option.setting]
                if option.credential is not None:
                    credentials |= credential_bits[option.credential]
                if option.pay:
                    pay = option.pay
                if option.education is not None:
                    education = option.education.rank
                if option.study is not None:
                    study = option.study.rank
            rows.append((settings, credentials, float(pay), education, study))
        rows.append((0, 0, 0.0, -1, -1))  # code -1: not answered
        settings, credentials, pay, education, study = (
            np.array(c) for c in zip(*rows, strict=True)
        )
        moves = [
            (dim, np.array([sum(per_option[i] for i in c) for c in self.chosen] + [0]), lo, hi)
            for dim, per_option, lo, hi in self.table.moves
        ]
        self._facts = Facts(moves, settings, credentials, pay, education, study)
        return self._facts


class Facts(NamedTuple):
    """Per code (the last entry: not answered), what an answer tells about the person."""

    moves: list[tuple[str, Any, int, int]]  # dimension, total move per code, lowest, highest
    settings: Any  # bit mask of settings chosen
    credentials: Any  # bit mask of credentials held
    pay: Any  # pay needed, 0 if not given
    education: Any  # rank of education held, -1 if not given
    study: Any  # rank of education the person would study for, -1 if not given


class Encoder:
    """Turns blocks of rows into codes, checking every row by the answers-file rules."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        bank = {q.id: q for q in kb.questions_file.questions}
        self.columns = [_Column(t, bank[t.id]) for t in fitcore.tables(kb).questions]
        self.ids = [c.table.id for c in self.columns]

    def encode(self, block: Block, text: bool) -> tuple[Coded, list[tuple[int, str]]]:
        """The block's valid rows as codes, and its invalid rows with why."""
        import numpy as np

        n = len(block.lines)
        codes = np.empty((len(self.columns), n), dtype=np.int64)
        for j, column in enumerate(self.columns):
            values = column.encode(block.columns[column.table.id], text)
            codes[j] = np.fromiter(values, np.int64, n)
        floors = np.array([c.floor for c in self.columns])[:, None]
        suspect = block.suspect.union(np.flatnonzero((codes < floors).any(axis=0)).tolist())
        invalid = list(block.unreadable)
        if not suspect:
            return Coded(list(block.lines), block.respondents, codes), invalid
        bad: list[int] = []
        for i in sorted(suspect):
            canonical, problems = check_all(self.kb.questions_file, block.answers(i))
            if problems:
                invalid.append((block.lines[i], problems[0].line()))
                bad.append(i)
                continue
            for j, column in enumerate(self.columns):
                codes[j, i] = column.code_of(canonical.get(column.table.id))
        keep = np.ones(n, dtype=bool)
        keep[bad] = False
        kept = keep.tolist()
        return Coded(
            [line for line, ok in zip(block.lines, kept, strict=True) if ok],
            [who for who, ok in zip(block.respondents, kept, strict=True) if ok],
            codes[:, keep],
        ), invalid


class JsonRows:
    """Decodes JSON Lines with msgspec straight into typed rows, one field per question.

    The row type is made from the question bank: each single-choice answer must be one of
    its question's option values, each multi-choice answer a list of them, and no other
    key may appear. So msgspec checks the usual row completely in C, and each answer it
    hands back is the very string object the encoder's look-up tables hold (option values
    are interned), which makes the look-ups as cheap as they can be. A line it refuses is
    decoded again as plain JSON and checked in full, to say what is wrong with it.
    """

    def __init__(self, columns: list[_Column]) -> None:
        import msgspec

        self.errors = msgspec.ValidationError, msgspec.DecodeError
        fields: list[tuple[str, Any, None]] = [("who", Any, None)]
        names = {"who": RESPONDENT}
        for j, column in enumerate(columns):
            choice = Literal[tuple(map(sys.intern, column.table.index))]
            kind = list[choice] if column.table.multi else choice  # type: ignore[valid-type]
            fields.append((f"q{j}", kind | None, None))
            names[f"q{j}"] = column.table.id
        self.row = msgspec.defstruct(
            "Row", fields, rename=names, forbid_unknown_fields=True, gc=False
        )
        self.typed = msgspec.json.Decoder(self.row).decode
        self.plain = msgspec.json.Decoder().decode
        # Respondent first, then the answers: one call per row gives a tuple of all.
        self.fields = attrgetter(*(name for name, _, _ in fields))
        self.ids = [column.table.id for column in columns]

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
    while True:
        rows: list[list[str]] = []
        unreadable = []
        try:
            rows.extend(islice(reader, READ))  # keeps the rows read before an error
        except csv.Error as err:  # a cell over the csv module's size limit, say
            unreadable.append((number + len(rows) + 1, f"is not valid CSV ({err})"))
        if not rows and not unreadable:
            return
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
            found = {k: v.strip() for k, v in zip(header, rows[i], strict=True) if v.strip()}
            found.pop(RESPONDENT, None)
            for key in multi & found.keys():
                found[key] = [p.strip() for p in found[key].split(";") if p.strip()]
            return found

        yield Block(lines, respondents, columns, suspect, answers, unreadable)


def _same_width(
    lines: Sequence[int], rows: list[list[str]], width: int
) -> tuple[list[int], list[list[str]]]:
    pairs = [(n, r) for n, r in zip(lines, rows, strict=True) if len(r) == width]
    return [n for n, _ in pairs], [r for _, r in pairs]


class Scorer:
    """Scores chunks of codes with numpy: the fitcore formulas over respondents x roles."""

    def __init__(self, kb: KnowledgeBase, columns: list[_Column]) -> None:
        import numpy as np

        self.kb = kb
        self.columns = columns
        self.tables = fitcore.tables(kb)
        t = self.tables
        self.ids = [r.id for r in kb.roles]
        self.levels = [np.array(levels)[None, :] for levels in t.levels]
        self.offered = np.array(t.offered)[None, :]
        self.known_settings = np.array([bits != 0 for bits in t.offered])
        self.known_pay = np.array([p is not None for p in t.pay])
        self.figures = np.array([p if p is not None else 0.0 for p in t.pay])[None, :]
        self.known_usual = np.array([u is not None for u in t.usual])
        self.usual = np.array([u if u is not None else 0 for u in t.usual])[None, :]
        self.minimum = np.array(
            [r.education.minimum.level.rank if r.education.minimum else -1 for r in kb.roles]
        )[None, :]
        self.required = np.array(
            [
                sum(
                    t.credential_bits[c.credential]
                    for c in r.credentials
                    if c.status is CredentialStatus.required and c.region is None
                )
                for r in kb.roles
            ],
            dtype=np.int64,
        )[None, :]

    def score(self, codes: Any, top: int) -> tuple[Any, Any, Any]:
        """Each row's ``top`` roles (indexes), their fits, and whether each is open today."""
        import numpy as np

        t = self.tables
        rules = self.kb.questions_file.factors
        n = codes.shape[1]
        # The person, question by question, as scoring.person_from reads the answers. The
        # dimension totals are sums of whole numbers, so they are exact in any order.
        totals = {d.id: [np.zeros(n), np.zeros(n), np.zeros(n)] for d in t.dims}
        chosen = np.zeros(n, dtype=np.int64)
        held = np.zeros(n, dtype=np.int64)
        need = np.zeros(n)
        have = np.full(n, -1)
        study = np.full(n, -1)
        for column, picks in zip(self.columns, codes, strict=True):
            facts = column.facts(t.credential_bits)
            answered = picks >= 0
            for dim, moved, lowest, highest in facts.moves:
                acc = totals[dim]
                acc[0] = acc[0] + moved[picks]
                acc[1] = acc[1] + np.where(answered, lowest, 0)
                acc[2] = acc[2] + np.where(answered, highest, 0)
            records = column.records
            if records == "setting":
                chosen |= facts.settings[picks]
            elif records == "credential":
                held |= facts.credentials[picks]
            elif records == "pay":
                need = np.where(facts.pay[picks] > 0, facts.pay[picks], need)
            elif records == "education":
                have = np.where(facts.education[picks] >= 0, facts.education[picks], have)
            elif records == "study":
                study = np.where(facts.study[picks] >= 0, facts.study[picks], study)
        reach = np.where(study > have, study, have)
        # Every factor's closeness for every respondent and role (n x roles), then the fits.
        factors: list[tuple[float, Any, Any]] = []  # weight, active (n,), closeness
        for d, levels in zip(t.dims, self.levels, strict=True):
            s, lo, hi = totals[d.id]
            active = hi > lo
            mine = np.divide(s - lo, hi - lo, out=np.zeros(n), where=active)
            factors.append((d.weight, active, fitcore.dimension(np, mine[:, None], levels)))
        close = fitcore.settings(np, chosen[:, None], self.offered)
        factors.append(
            (rules.settings.weight, chosen != 0, _impute(np, close, self.known_settings))
        )
        safe_need = np.where(need > 0, need, 1.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            close = fitcore.pay(np, safe_need[:, None], self.figures, rules.pay.shortfall_to_zero)
        factors.append((rules.pay.weight, need > 0, _impute(np, close, self.known_pay)))
        rule = rules.preparation
        close = fitcore.preparation(
            np, have[:, None], reach[:, None], self.usual, rule.within_reach, rule.per_level_short
        )
        factors.append((rule.weight, have >= 0, _impute(np, close, self.known_usual)))
        total = np.zeros(n)
        for weight, active, _ in factors:
            total = total + np.where(active, weight, 0)
        fit = np.zeros((n, len(self.ids)))
        term = np.empty_like(fit)
        safe_total = np.where(total > 0, total, 1.0)
        for weight, active, close in factors:
            # As scoring.score adds them up: 100 * (weight / total) * closeness, factor by
            # factor. A factor not in play adds 0 * closeness, exactly nothing (every
            # closeness is finite).
            share = np.where(active, 100 * (weight / safe_total), 0.0)
            np.multiply(share[:, None], close, out=term)
            fit += term
        education_ok = (have[:, None] < 0) | (have[:, None] >= self.minimum)
        ready = education_ok & ((self.required & ~held[:, None]) == 0)
        order = _best(np, fit, top)
        return (
            order,
            np.take_along_axis(fit, order, axis=1),
            np.take_along_axis(ready, order, axis=1),
        )


def _best(np: Any, fit: Any, top: int) -> Any:
    """Each row's ``top`` columns by fit, highest first; ties keep knowledge-base order.

    A few passes of argmax (which returns the first of equal values) beat a full stable
    sort when only the first few of many roles are wanted.
    """
    if top * 4 > fit.shape[1]:
        return np.argsort(-fit, axis=1, kind="stable")[:, :top]
    left = fit.copy()
    rows = np.arange(len(fit))
    order = np.empty((len(fit), top), dtype=np.intp)
    for k in range(top):
        order[:, k] = best = left.argmax(axis=1)
        left[rows, best] = -np.inf
    return order


def _impute(np: Any, close: Any, known: Any) -> Any:
    """Roles without data score the average of the roles with data, per respondent.

    Added up role by role, left to right, exactly as the single-quiz path does.
    """
    columns = [j for j, k in enumerate(known) if k]
    if not columns:
        return np.full(close.shape, 0.5)
    acc = close[:, columns[0]]
    for j in columns[1:]:
        acc = acc + close[:, j]
    typical = acc / len(columns)
    return np.where(known[None, :], close, typical[:, None])


_JSON_SAFE = re.compile(r"[ !#-\[\]-~]*").fullmatch  # printable ASCII but " and \
_CSV_SAFE = re.compile(r'[^,"\r\n]*').fullmatch


class Formatter:
    """Result rows as text, a chunk at a time: one ``%`` template per row."""

    def __init__(self, kind: str, ids: list[str], top: int) -> None:
        import numpy as np

        self.top = top
        self.ids = np.array(ids, dtype=object)  # ids are [a-z0-9-]: safe in JSON and CSV
        if kind == "csv":
            self.header = (
                ",".join(
                    [RESPONDENT, "line"]
                    + [
                        f"{name}_{k}"
                        for k in range(1, top + 1)
                        for name in ("match", "fit", "ready")
                    ]
                )
                + "\n"
            )
            self.template = "%s,%d," + ",".join(["%s,%.2f,%s"] * top) + "\n"
            self.flags = np.array(["no", "yes"], dtype=object)
            self.quote: Callable[[str], str] = _csv_cell
        else:
            self.header = ""
            match = '{"role": "%s", "fit": %.2f, "ready": %s}'
            self.template = (
                f'{{"{RESPONDENT}": %s, "line": %d, "top": [' + ", ".join([match] * top) + "]}\n"
            )
            self.flags = np.array(["false", "true"], dtype=object)
            self.quote = _json_string

    def rows(self, coded: Coded, order: Any, fits: Any, ready: Any) -> str:
        """The result rows of one scored chunk."""
        import numpy as np

        roles = self.ids[order].T.tolist()
        flags = self.flags[ready.astype(np.int8)].T.tolist()
        columns = [list(map(self.quote, coded.respondents)), coded.lines]
        for match in zip(roles, fits.T.tolist(), flags, strict=True):
            columns += match
        return "".join(map(self.template.__mod__, zip(*columns, strict=True)))


def _json_string(text: str) -> str:
    return f'"{text}"' if _JSON_SAFE(text) else json.dumps(text)


def _csv_cell(text: str) -> str:
    return text if _CSV_SAFE(text) else '"' + text.replace('"', '""') + '"'


def run(
    kb: KnowledgeBase,
    source: IO[str],
    kind: str,
    sink: IO[str],
    top: int = 3,
    progress: Callable[[int], None] | None = None,
) -> Summary:
    """Score every row of ``source`` into ``sink`` (same format), chunk by chunk.

    Python's cyclic garbage collector is paused meanwhile: the batch makes no reference
    cycles, and the collector would otherwise rescan every row's objects again and again
    (it halves the throughput). Memory stays flat because each chunk is released.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(kb, source, kind, sink, min(top, len(kb.roles)), progress)
    finally:
        if collecting:
            gc.enable()


def _run(
    kb: KnowledgeBase,
    source: IO[str],
    kind: str,
    sink: IO[str],
    top: int,
    progress: Callable[[int], None] | None,
) -> Summary:
    import numpy as np

    encoder = Encoder(kb)
    scorer = Scorer(kb, encoder.columns)
    formatter = Formatter(kind, scorer.ids, top)
    summary = Summary()
    text = kind == "csv"
    blocks = csv_blocks(source, kb) if text else JsonRows(encoder.columns).blocks(source)
    sink.write(formatter.header)
    pending: list[Coded] = []

    def flush() -> None:
        if not pending:
            return
        coded = Coded(
            [line for c in pending for line in c.lines],
            [who for c in pending for who in c.respondents],
            np.concatenate([c.codes for c in pending], axis=1),
        )
        pending.clear()
        order, fits, ready = scorer.score(coded.codes, top)
        sink.write(formatter.rows(coded, order, fits, ready))
        firsts = np.bincount(order[:, 0], minlength=len(scorer.ids)).tolist()
        summary.first.update({r: k for r, k in zip(scorer.ids, firsts, strict=True) if k})
        summary.scored += len(coded.lines)

    waiting = 0
    for block in blocks:
        coded, invalid = encoder.encode(block, text)
        summary.invalid.extend(invalid)
        pending.append(coded)
        waiting += len(coded.lines)
        if waiting >= CHUNK:
            flush()
            waiting = 0
        if progress is not None:
            progress(len(block.lines))
    flush()
    summary.invalid.sort()
    return summary


def kind_of(path: Path, override: str | None) -> str:
    """``csv`` or ``jsonl``, from an explicit choice or the file name."""
    if override:
        return override
    return "csv" if path.suffix.lower() == ".csv" else "jsonl"
