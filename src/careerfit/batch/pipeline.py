"""Score many respondents at once: a class, a cohort, a workforce programme.

The pipeline of ``careerfit score``: rows are read in blocks (:mod:`careerfit.batchread`),
turned into codes and checked (:mod:`careerfit.batchcode`), scored :data:`CHUNK` at a time
with numpy (:mod:`careerfit.batchscore`), and written out here, one row per respondent with
the top matches, their fits and whether the person can enter each role today, formatted a
chunk at a time with one template per row. Memory stays flat: one chunk is held at a time.
The figures are in ``benchmarks/perf.py``.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TextIO

from careerfit.batch.encode import Coded, Encoder
from careerfit.batch.read import JsonRows, csv_blocks
from careerfit.batch.score import Scorer
from careerfit.batch.write import Formatter
from careerfit.errors import DataError, Problem
from careerfit.files import atomic_writer, check_writable
from careerfit.fit.tables import tables
from careerfit.gcpause import paused
from careerfit.kb.knowledge_base import KnowledgeBase

CHUNK = 8192  # rows scored together


@dataclass
class Summary:
    """What a batch run did: counts per first match, and the invalid rows."""

    scored: int = 0
    first: Counter[str] = field(default_factory=Counter)
    invalid: list[tuple[int, str]] = field(default_factory=list)


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
    with paused():
        return _run(kb, source, kind, sink, min(top, len(kb.roles)), progress)


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
    blocks = csv_blocks(source, kb) if text else JsonRows(tables(kb).questions).blocks(source)
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
        if coded.lines:
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


Progress = Callable[[int, int], None]  # bytes read so far, bytes in all


def score_file(
    kb: KnowledgeBase,
    responses: Path,
    kind: str,
    output: Path,
    top: int = 3,
    force: bool = False,
    progress: Progress | None = None,
) -> Summary:
    """Score a responses file ('-': stdin) into a results file ('-': stdout).

    The results file is written atomically, and an existing one is replaced only with
    ``force`` (checked before any work). ``progress`` hears how far through the input the
    run is, when the input is a file whose size is known.
    """
    to_stdout = str(output) == "-"
    if not to_stdout:
        check_writable(output, force)
    with _opened(responses) as (source, size):
        target = nullcontext(sys.stdout) if to_stdout else atomic_writer(output, True)
        with target as sink:
            tick = None
            if progress is not None and size:
                tick = lambda _rows: progress(source.buffer.tell(), size)  # noqa: E731
            return run(kb, source, kind, sink, top, tick)


@contextmanager
def _opened(responses: Path) -> Iterator[tuple[TextIO, int | None]]:
    """The responses as text, with their size in bytes when they are a file."""
    if str(responses) == "-":
        yield sys.stdin, None
        return
    try:
        # utf-8-sig: spreadsheets (Excel's "CSV UTF-8") start the file with a BOM
        source = responses.open(encoding="utf-8-sig", newline="", errors="replace")
    except OSError as err:
        problem = Problem(
            str(responses), None, "", f"cannot be read ({err.strerror}); check the path"
        )
        raise DataError([problem], "responses file") from None
    with source:
        yield source, responses.stat().st_size
