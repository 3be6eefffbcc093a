"""Score many respondents at once: a class, a cohort, a workforce programme.

Responses stream in (JSON Lines or CSV) and results stream out in chunks, so memory stays
flat however long the input is. Each chunk is scored with numpy using the same closeness
formulas as a single quiz (:mod:`careerfit.fitcore`), in the same order of operations, so
every fit is identical to what ``careerfit quiz --answers`` gives for that respondent (the
tests check this). An invalid row is reported with its line number and skipped.

Input: one respondent per JSON line (an object mapping question ids to answers, a list for
multi-choice questions) or per CSV row (a header of question ids; several answers in one
cell separated by ``;``). An optional ``respondent`` field names the respondent; otherwise
the line number does. Output: one row per respondent with the top matches, their fits and
whether the person can enter each role today.
"""

from __future__ import annotations

import csv
import gc
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import IO, Any, NamedTuple

from careerfit import fitcore
from careerfit.answers import AnswerRejected, check_all, check_answer
from careerfit.knowledge import KnowledgeBase
from careerfit.schema import CredentialStatus

CHUNK = 8192
RESPONDENT = "respondent"
_JSON_BOOL = {True: "true", False: "false"}


class Row(NamedTuple):
    """One input row: where it was, who it is, and the answers as read.

    A NamedTuple, not a dataclass: it is made once per respondent, and creating it must
    cost next to nothing.
    """

    line: int
    respondent: str
    answers: dict[str, Any]


@dataclass
class Summary:
    """What a batch run did: counts per first match, and the invalid rows."""

    scored: int = 0
    first: Counter[str] = field(default_factory=Counter)
    invalid: list[tuple[int, str]] = field(default_factory=list)


class _Encoder:
    """Checks rows quickly and turns valid ones into option indexes for numpy."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.tables = fitcore.tables(kb)
        self.bank = {q.id: q for q in kb.questions_file.questions}
        self.required = [q.id for q in kb.questions_file.questions if not q.skippable]
        self._combos: dict[str, dict[Any, int]] = {
            q.id: {None: 0, (): 0} for q in self.tables.questions if q.multi
        }

    def _mask(self, q: fitcore.QuestionTable, key: Any) -> int:
        """The bit mask of one combination of answers, or -2 if it is not a valid answer."""
        try:
            values = check_answer(self.bank[q.id], list(key))
        except (AnswerRejected, TypeError):
            return -2
        mask = 0
        for value in values:
            option = q.options[q.index[value]]
            if option.setting is not None:
                mask |= fitcore.SETTING_BITS[option.setting]
            elif option.credential is not None:
                mask |= self.tables.credential_bits[option.credential]
        return mask

    def check(self, row: Row) -> tuple[str | None, dict[str, Any]]:
        """Check a row fully, by the same rules as an answers file.

        Returns why it cannot be scored (its first problem), or None and its canonical
        answers.
        """
        canonical, problems = check_all(self.kb.questions_file, row.answers)
        return (problems[0].line(), {}) if problems else (None, canonical)

    def encode(
        self, rows: list[Row]
    ) -> tuple[list[Row], dict[str, list[int]], list[tuple[int, str]]]:
        """Column by column: each single-choice question's option index per row (-1 skipped).

        One pass per question over the whole chunk keeps the per-row Python work small; a
        row with anything unusual (unknown key or value, a missing required answer, a list
        where one answer is expected) is checked fully and either canonicalised or refused.
        """
        known = self.bank.keys()
        dicts = [row.answers for row in rows]
        suspect = {i for i, answers in enumerate(dicts) if not answers.keys() <= known}
        columns: dict[str, list[int]] = {}
        for q in self.tables.questions:
            if q.multi:
                # Answers to a multi-choice question become one bit mask per row. Few
                # combinations exist, so each is checked once and remembered.
                combos = self._combos[q.id]
                keys = [tuple(v) if type(v) in (list, tuple) else v for v in
                        map(dict.get, dicts, repeat(q.id))]  # fmt: skip
                try:
                    column = list(map(combos.get, keys, repeat(-3)))
                except TypeError:
                    column = [-2] * len(keys)
                if -3 in column:
                    for key in {k for k, m in zip(keys, column, strict=True) if m == -3}:
                        combos[key] = self._mask(q, key)
                    column = [combos.get(k, -2) for k in keys]
                if min(column, default=0) < 0:
                    suspect.update(i for i, mask in enumerate(column) if mask < 0)
                columns[q.id] = column
                continue
            lookup = {**q.index, None: -1, "": -1}
            try:
                column = list(map(lookup.get, map(dict.get, dicts, repeat(q.id)), repeat(-2)))
            except TypeError:  # an unhashable value (a list for a single-choice question)
                column = [
                    lookup.get(v, -2) if isinstance(v, str | None) else -2
                    for v in map(dict.get, dicts, repeat(q.id))
                ]
            floor = 0 if q.id in self.required else -1
            if min(column, default=0) < floor:
                suspect.update(i for i, code in enumerate(column) if code < floor)
            columns[q.id] = column
        if not suspect:
            return rows, columns, []
        invalid: list[tuple[int, str]] = []
        fixed: list[Row] = []
        for i, row in enumerate(rows):
            if i in suspect:
                why, canonical = self.check(row)
                if why is not None:
                    invalid.append((row.line, why))
                    continue
                row = Row(row.line, row.respondent, canonical)
            fixed.append(row)
        if not fixed:
            return [], {}, invalid
        rows, columns, more = self.encode(fixed)  # canonical now: no row is suspect twice
        return rows, columns, invalid + more


def read_rows(handle: IO[str], kind: str) -> Iterator[Row | tuple[int, str]]:
    """Rows of a JSON Lines or CSV stream; a row that is not even readable is (line, why)."""
    if kind == "csv":
        yield from _csv_rows(handle)
        return
    loads = _json_loads()
    for number, text in enumerate(handle, start=1):
        try:
            data = loads(text)
        except ValueError as err:
            if text.strip():
                why = getattr(err, "msg", str(err)).split(":")[0]
                yield number, f"is not valid JSON ({why})"
            continue
        if type(data) is not dict:
            yield number, "is not a JSON object of question ids and answers"
            continue
        respondent = data.pop(RESPONDENT, number)
        yield Row(number, str(respondent), data)


def _json_loads() -> Callable[[str], Any]:
    """The JSON parser: orjson when installed (about twice as fast), else the standard one."""
    try:
        import orjson
    except ImportError:
        return json.loads
    return orjson.loads


def _csv_rows(handle: IO[str]) -> Iterator[Row | tuple[int, str]]:
    """CSV rows: a header of question ids; empty cells are skipped questions."""
    reader = csv.reader(handle, skipinitialspace=True)  # "a, b" as spreadsheets write it
    header = next(reader, None)
    if header is None:
        return
    header = [h.strip() for h in header]
    width = len(header)
    who = header.index(RESPONDENT) if RESPONDENT in header else None
    for number, cells in enumerate(reader, start=2):
        if len(cells) != width:
            if cells:
                yield number, f"has {len(cells)} cells but the header has {width}"
            continue
        answers = {k: v for k, v in zip(header, cells, strict=True) if v}
        respondent = answers.pop(RESPONDENT, number) if who is not None else number
        yield Row(number, str(respondent), answers)


def _from_cells(multi: frozenset[str], row: Row) -> Row:
    """CSV cells are text; a multi-choice cell holds several answers separated by ';'."""
    answers = row.answers
    for key in multi & answers.keys():
        answers[key] = [part.strip() for part in answers[key].split(";") if part.strip()]
    return row


def score_chunk(
    kb: KnowledgeBase, rows: list[Row], columns: dict[str, list[int]], top: int
) -> list[list[tuple[str, float, bool]]]:
    """The top matches of each valid row: role id, fit, ready; numpy, one chunk at a time."""
    import numpy as np

    t = fitcore.tables(kb)
    rules = kb.questions_file.factors
    n, roles = len(rows), len(kb.roles)
    # Person features, question by question, in the same order as scoring.person_from.
    totals = {d.id: [np.zeros(n), np.zeros(n), np.zeros(n)] for d in t.dims}
    chosen_settings = np.zeros(n, dtype=np.int64)
    held = np.zeros(n, dtype=np.int64)
    need = np.zeros(n)
    have = np.full(n, -1)
    study = np.full(n, -1)
    credential_bits = t.credential_bits
    for q in t.questions:
        if q.multi:
            masks = np.array(columns[q.id], dtype=np.int64)
            if any(o.setting is not None for o in q.options):
                chosen_settings |= masks
            else:
                held |= masks
            continue
        picks = np.array(columns[q.id], dtype=np.int64)
        answered = picks >= 0
        for dim, moves, lowest, highest in q.moves:
            acc = totals[dim]
            acc[0] = acc[0] + np.where(answered, np.array((*moves, 0))[picks], 0)
            acc[1] = acc[1] + np.where(answered, lowest, 0)
            acc[2] = acc[2] + np.where(answered, highest, 0)
        for index, option in enumerate(q.options):
            hit = picks == index
            if option.pay:
                need = np.where(hit, float(option.pay), need)
            if option.education is not None:
                have = np.where(hit, option.education.rank, have)
            if option.study is not None:
                study = np.where(hit, option.study.rank, study)
    reach = np.where(study > have, study, have)
    # Every factor's closeness for every respondent and role (n x roles), then the fits.
    factors: list[tuple[float, Any, Any]] = []  # weight, active (n,), closeness (n, roles)
    for d, levels in zip(t.dims, t.levels, strict=True):
        s, lo, hi = totals[d.id]
        active = hi > lo
        mine = np.divide(s - lo, hi - lo, out=np.zeros(n), where=active)
        close = fitcore.dimension(np, mine[:, None], np.array(levels)[None, :])
        factors.append((d.weight, active, close))
    known_settings = np.array([bits != 0 for bits in t.offered])
    close = fitcore.settings(np, chosen_settings[:, None], np.array(t.offered)[None, :])
    factors.append(
        (rules.settings.weight, chosen_settings != 0, _impute(np, close, known_settings))
    )
    known_pay = np.array([p is not None for p in t.pay])
    figures = np.array([p if p is not None else 0.0 for p in t.pay])
    safe_need = np.where(need > 0, need, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        close = fitcore.pay(np, safe_need[:, None], figures[None, :], rules.pay.shortfall_to_zero)
    factors.append((rules.pay.weight, need > 0, _impute(np, close, known_pay)))
    known_usual = np.array([u is not None for u in t.usual])
    usual = np.array([u if u is not None else 0 for u in t.usual])
    rule = rules.preparation
    close = fitcore.preparation(
        np, have[:, None], reach[:, None], usual[None, :], rule.within_reach, rule.per_level_short
    )
    factors.append((rule.weight, have >= 0, _impute(np, close, known_usual)))
    total = np.zeros(n)
    for weight, active, _ in factors:
        total = total + np.where(active, weight, 0)
    fit = np.zeros((n, roles))
    safe_total = np.where(total > 0, total, 1.0)
    for weight, active, close in factors:
        term = 100 * (weight / safe_total)[:, None] * close
        fit = fit + np.where(active[:, None], term, 0.0)
    ready = _ready(np, kb, have, held, credential_bits)
    order = np.argsort(-fit, axis=1, kind="stable")[:, :top]
    ids = [r.id for r in kb.roles]
    fits = np.take_along_axis(fit, order, axis=1).tolist()
    oks = np.take_along_axis(ready, order, axis=1).tolist()
    return [
        [(ids[j], f, ok) for j, f, ok in zip(js, fs, rs, strict=True)]
        for js, fs, rs in zip(order.tolist(), fits, oks, strict=True)
    ]


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


def _ready(np: Any, kb: KnowledgeBase, have: Any, held: Any, bits: dict[str, int]) -> Any:
    """Whether each respondent meets each role's hard requirements (as in requirements.gaps)."""
    minimum = np.array(
        [r.education.minimum.level.rank if r.education.minimum else -1 for r in kb.roles]
    )
    required = np.array(
        [
            sum(
                bits[c.credential]
                for c in r.credentials
                if c.status is CredentialStatus.required and c.region is None
            )
            for r in kb.roles
        ],
        dtype=np.int64,
    )
    education_ok = (have[:, None] < 0) | (have[:, None] >= minimum[None, :])
    credentials_ok = (required[None, :] & ~held[:, None]) == 0
    return education_ok & credentials_ok


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
        return _run(kb, source, kind, sink, top, progress)
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
    encoder = _Encoder(kb)
    multi = frozenset(q.id for q in encoder.tables.questions if q.multi)
    summary = Summary()
    writer = _writer(sink, kind, top)
    pending: list[Row] = []

    def flush() -> None:
        if not pending:
            return
        rows, columns, invalid = encoder.encode(pending)
        summary.invalid.extend(invalid)
        if rows:
            for row, matches in zip(rows, score_chunk(kb, rows, columns, top), strict=True):
                writer(row, matches)
                summary.first[matches[0][0]] += 1
            summary.scored += len(rows)
        if progress is not None:
            progress(len(pending))
        pending.clear()

    for item in read_rows(source, kind):
        if not isinstance(item, Row):
            summary.invalid.append(item)
            continue
        pending.append(_from_cells(multi, item) if kind == "csv" else item)
        if len(pending) >= CHUNK:
            flush()
    flush()
    summary.invalid.sort()
    return summary


def _writer(sink: IO[str], kind: str, top: int) -> Callable[[Row, list], None]:
    if kind == "csv":
        out = csv.writer(sink, lineterminator="\n")
        header = [RESPONDENT, "line"]
        for k in range(1, top + 1):
            header += [f"match_{k}", f"fit_{k}", f"ready_{k}"]
        out.writerow(header)

        def write_csv(row: Row, matches: list) -> None:
            cells: list[Any] = [row.respondent, row.line]
            for role, fit, ready in matches:
                cells += [role, round(fit, 2), "yes" if ready else "no"]
            out.writerow(cells)

        return write_csv

    def write_json(row: Row, matches: list) -> None:
        # Written by hand (role ids and numbers need no escaping): json.dumps per row would
        # cost as much as all the scoring.
        top_json = ", ".join(
            f'{{"role": "{role}", "fit": {round(fit, 2)!r}, "ready": {_JSON_BOOL[ready]}}}'
            for role, fit, ready in matches
        )
        who = json.dumps(row.respondent)
        sink.write(f'{{"{RESPONDENT}": {who}, "line": {row.line}, "top": [{top_json}]}}\n')

    return write_json


def kind_of(path: Path, override: str | None) -> str:
    """``csv`` or ``jsonl``, from an explicit choice or the file name."""
    if override:
        return override
    return "csv" if path.suffix.lower() == ".csv" else "jsonl"
