"""Answers as small integer codes, checked by the same rules as an answers file.

A single-choice answer's code is its option's index; a multi-choice answer's code numbers
its combination of options. Codes are what :mod:`careerfit.batch.score` turns into numpy columns. A
row with anything unusual (an unknown key or value, a missing required answer, a list
where one answer is expected) is checked in full by :func:`careerfit.answers.check_all`,
then either canonicalised or reported with its line number and skipped.
"""

from __future__ import annotations

import sys
from collections.abc import Hashable, Sequence
from itertools import repeat
from typing import TYPE_CHECKING, Any, NamedTuple

from careerfit.batch.read import RESPONDENT, cell_answers, is_name
from careerfit.errors import AnswerRejected
from careerfit.fit.answers import Value, check_all, check_answer
from careerfit.fit.tables import QuestionTable, recorded, setting_bits, tables
from careerfit.kb.questions import Question

if TYPE_CHECKING:
    from careerfit.batch.read import Block
    from careerfit.kb.knowledge_base import KnowledgeBase

INVALID = -2  # code of an answer the fast path cannot accept
_NEW = -3  # code of a multi-choice combination not seen before

Invalid = tuple[int, tuple[str, ...]]  # an invalid row's line, and every problem found in it
_NAMED = 'respondent: must be text or a number, e.g. "respondent": "Sam Lee"'


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


class Column:
    """One question's answers as codes, and what each code means for scoring.

    A single-choice answer's code is its option's index. A multi-choice answer's code
    numbers its combination of options: few combinations occur, so each is checked once
    (with :func:`check_answer`) and remembered.
    """

    def __init__(self, table: QuestionTable, question: Question) -> None:
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
            raw = cell_answers(key)
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
        for chosen in self.chosen:
            told = recorded(map(options.__getitem__, chosen))
            rows.append(
                (
                    setting_bits(told.settings),
                    sum(credential_bits[c] for c in told.credentials),
                    float(told.pay or 0),
                    told.education.rank if told.education is not None else -1,
                    told.study.rank if told.study is not None else -1,
                )
            )
        rows.append((0, 0, 0.0, -1, -1))  # code -1: not answered
        settings, credentials, pay, education, study = (
            np.array(c) for c in zip(*rows, strict=True)
        )
        table = self.table
        moves = (
            [
                (
                    table.dim,
                    np.array([sum(table.moves[i] for i in c) for c in self.chosen] + [0]),
                    table.lowest,
                    table.highest,
                )
            ]
            if table.dim is not None
            else []
        )
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
        import numpy as np

        self.kb = kb
        bank = {q.id: q for q in kb.questions_file.questions}
        self.columns = [Column(t, bank[t.id]) for t in tables(kb).questions]
        self.floors = np.array([c.floor for c in self.columns])[:, None]  # lowest valid code

    def encode(self, block: Block, text: bool) -> tuple[Coded, list[Invalid]]:
        """The block's valid rows as codes, and its invalid rows with every problem in each."""
        import numpy as np

        n = len(block.lines)
        codes = np.empty((len(self.columns), n), dtype=np.int64)
        invalid: list[Invalid] = [(line, (why,)) for line, why in block.unreadable]
        if not n:  # every line of the block unreadable or blank
            return Coded([], [], codes), invalid
        for j, column in enumerate(self.columns):
            values = column.encode(block.columns[column.table.id], text)
            codes[j] = np.fromiter(values, np.int64, n)
        low = np.flatnonzero((codes < self.floors).any(axis=0))
        suspect = block.suspect.union(low.tolist())
        if not suspect:
            return Coded(list(block.lines), block.respondents, codes), invalid
        bad: list[int] = []
        for i in sorted(suspect):
            canonical, problems = self.check(block.answers(i))
            if problems:
                invalid.append((block.lines[i], problems))
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

    def check(self, row: dict[str, Any]) -> tuple[dict[str, Value], tuple[str, ...]]:
        """A row's answers in canonical form, and every problem in it, one line each.

        The answers are judged by the rules of an answers file; the respondent, which an
        answers file does not have, must be text or a number (it becomes a cell or a JSON
        string of the results).
        """
        who = row.pop(RESPONDENT, None)
        canonical, problems = check_all(self.kb.questions_file, row)
        found = [problem.line() for problem in problems]
        if not is_name(who):
            found.insert(0, _NAMED)
        return canonical, tuple(found)
