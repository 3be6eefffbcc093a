"""Score many respondents at once: a class, a cohort, a workforce programme.

The pipeline of ``careerfit score``: rows are read in blocks (:mod:`careerfit.batchread`),
turned into codes and checked (:mod:`careerfit.batchcode`), scored :data:`CHUNK` at a time
with numpy (:mod:`careerfit.batchscore`), and written out here, one row per respondent with
the top matches, their fits and whether the person can enter each role today, formatted a
chunk at a time with one template per row. Memory stays flat: one chunk is held at a time.
The figures are in ``benchmarks/perf.py``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from careerfit.batch.encode import Coded, Encoder
from careerfit.batch.read import RESPONDENT, JsonRows, csv_blocks
from careerfit.batch.score import Scorer
from careerfit.gcpause import paused
from careerfit.kb.knowledge_base import KnowledgeBase

CHUNK = 8192  # rows scored together


@dataclass
class Summary:
    """What a batch run did: counts per first match, and the invalid rows."""

    scored: int = 0
    first: Counter[str] = field(default_factory=Counter)
    invalid: list[tuple[int, str]] = field(default_factory=list)


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
