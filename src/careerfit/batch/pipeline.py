"""Score many respondents at once: a class, a cohort, a workforce programme.

The pipeline of ``careerfit score``: responses are opened and decoded
(:mod:`careerfit.batch.source`), rows are read in blocks (:mod:`careerfit.batch.read`),
turned into codes and checked (:mod:`careerfit.batch.encode`), scored :data:`CHUNK` at a
time with numpy (:mod:`careerfit.batch.score`), and written out, one row per respondent
with the top matches, their fits and whether the person can enter each role today,
formatted a chunk at a time with one template per row (:mod:`careerfit.batch.write`).
Memory stays flat: one chunk is held at a time. The figures are in ``benchmarks/perf.py``.

Results are a data file, wherever they go: UTF-8, like the file ``-o`` writes, even on
standard output (a terminal's encoding must not be able to stop a run halfway). A file is
written atomically and only replaces an existing one with ``force``
(:func:`careerfit.files.atomic_writer`, which checks again at the very end, so a file that
appears meanwhile is not replaced either).
"""

from __future__ import annotations

import errno
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, Protocol

from careerfit.batch.encode import Coded, Encoder, Invalid
from careerfit.batch.read import Block, JsonRows, csv_blocks
from careerfit.batch.score import Scorer
from careerfit.batch.source import opened, undecodable
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
    invalid: list[Invalid] = field(default_factory=list)  # each row with all its problems


class Sink(Protocol):
    """Where result rows go: a text file, or standard output."""

    def write(self, text: str, /) -> object:
        """Write ``text``."""


def run(
    kb: KnowledgeBase,
    source: Iterable[str],
    kind: str,
    sink: Sink,
    top: int = 3,
    progress: Callable[[int], None] | None = None,
    *,
    name: str = "responses",
    encoding: str = "UTF-8",
) -> Summary:
    """Score every row of ``source`` (lines of text) into ``sink`` (same format), chunk by chunk.

    ``name`` and ``encoding`` are for messages: what the responses are called, and what
    their bytes were read as. Responses without a single row are an error (DataError):
    there is nobody to score, and a script must not take an empty result for a run.

    Python's cyclic garbage collector is paused meanwhile: the batch makes no reference
    cycles, and the collector would otherwise rescan every row's objects again and again
    (it halves the throughput). Memory stays flat because each chunk is released.
    """
    check = partial(undecodable, encoding=encoding)
    blocks = (
        csv_blocks(source, kb, check, name)
        if kind == "csv"
        else JsonRows(tables(kb).questions).blocks(source, check)
    )
    with paused():
        summary = _run(kb, blocks, kind, sink, min(top, len(kb.roles)), progress)
    if not summary.scored and not summary.invalid:
        problem = Problem(
            name,
            None,
            "",
            "has no respondents to score: no row of answers was found in it. Give one JSON "
            "object of answers per line, or a CSV header of question ids and then one row "
            "per respondent ('careerfit answers template' lists the question ids).",
        )
        raise DataError([problem], "responses file")
    return summary


def _run(
    kb: KnowledgeBase,
    blocks: Iterable[Block],
    kind: str,
    sink: Sink,
    top: int,
    progress: Callable[[int], None] | None,
) -> Summary:
    import numpy as np

    encoder = Encoder(kb)
    scorer = Scorer(kb, encoder.columns)
    formatter = Formatter(kind, scorer.ids, top)
    summary = Summary()
    text = kind == "csv"
    pending: list[Coded] = []
    started = False  # the header is written with the first row: none for no rows at all

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
        if not started and (block.lines or block.unreadable):
            sink.write(formatter.header)
            started = True
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


def kind_of(path: Path, override: str | None) -> str | None:
    """``csv`` or ``jsonl`` from an explicit choice or the file name; None: the content says."""
    if override:
        return override
    return _SUFFIXES.get(path.suffix.lower()) if str(path) != "-" else None


_SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl"}

Progress = Callable[[int, int], None]  # bytes read so far, bytes in all


def score_file(
    kb: KnowledgeBase,
    responses: Path,
    kind: str | None,
    output: Path,
    top: int = 3,
    force: bool = False,
    progress: Progress | None = None,
) -> Summary:
    """Score a responses file ('-': stdin) into a results file ('-': stdout).

    ``kind`` None: the format is the file name's, else the content's. The results file is
    written atomically, and an existing one is replaced only with ``force`` (checked before
    any work, and again when the finished file is put in place). ``progress`` hears how far
    through the input the run is, when the input is a file whose size is known.
    """
    to_stdout = str(output) == "-"
    if not to_stdout:
        check_writable(output, force)
    else:
        _stdout()  # a closed standard output fails here, before any work
    with (
        opened(responses, kind_of(responses, kind)) as source,
        _stdout_sink() if to_stdout else atomic_writer(output, force) as sink,
    ):
        tick = None
        if progress is not None and source.size:
            size, counted = source.size, source.counted
            tick = lambda _rows: progress(counted.count, size)  # noqa: E731
        return run(
            kb,
            source.lines,
            source.kind,
            sink,
            top,
            tick,
            name=source.name,
            encoding=source.encoding,
        )


def _stdout() -> IO[bytes]:
    """Standard output's bytes; closed (or never opened) is an output that cannot be written."""
    binary = getattr(sys.stdout, "buffer", None)
    if binary is None:
        raise OSError(errno.EBADF, "standard output is closed")
    return binary


@contextmanager
def _stdout_sink() -> Iterator[Sink]:
    """Results on standard output as UTF-8 bytes, whatever its text encoding."""
    sys.stdout.flush()
    binary = _stdout()
    yield _Utf8(binary)
    binary.flush()


class _Utf8:
    """Text written to a binary stream as UTF-8 (results are few, large writes)."""

    def __init__(self, binary: IO[bytes]) -> None:
        self.binary = binary

    def write(self, text: str, /) -> int:
        """Write ``text`` as UTF-8."""
        return self.binary.write(text.encode("utf-8"))
