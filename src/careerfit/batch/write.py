r"""Writing batch results: one row per respondent, in the format the responses came in.

Rows are formatted a chunk at a time with one ``%`` template per row, which is what lets
the batch write 100,000 rows a second; text that needs quoting or escaping (a respondent's
name) takes the slow, careful path.

The respondent is the one piece of text in the results that comes from the responses, so
it is the one that can carry something hostile, and each format makes it safe in its own
way:

- JSON Lines is data for programs: the name is kept exactly, as a JSON string, where every
  control character is an escape (``\u001b``), never the character itself; DEL, which JSON
  allows raw, is escaped too. No raw control byte is written, and reading the JSON gives
  back the name as it was.
- CSV is read by people as much as by programs: it is printed to terminals and opened in
  spreadsheets. So a control character in a name is written the way careerfit shows one
  on screen, visibly, as ``\xNN`` (ESC as ``\x1b``; :mod:`careerfit.safetext`, which keeps
  tab and line feed, ordinary text in a quoted cell); and a name that a spreadsheet would
  run as a formula (one starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return)
  gets a single quote in front, as OWASP advises against CSV injection, so ``=HYPERLINK(...)``
  is written as ``'=HYPERLINK(...)``. The other cells are careerfit's own role ids, numbers
  and yes/no, and are never changed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from careerfit.batch.encode import Coded
from careerfit.batch.read import RESPONDENT
from careerfit.safetext import clean

_JSON_SAFE = re.compile(r"[ !#-\[\]-~]*").fullmatch  # printable ASCII but " and \
# No comma, quote, control character or lone surrogate, and no formula at the start.
_CSV_SAFE = re.compile('(?![=+\\-@])[^,"\x00-\x1f\x7f-\x9f\ud800-\udfff]*').fullmatch
_SURROGATE = re.compile("[\ud800-\udfff]")  # not text: never in a UTF-8 file
FORMULA = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet reads as the start of one


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
            self.quote: Callable[[str], str] = csv_cell
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
    """Text as a JSON string with every control character escaped (ensure_ascii: C1 too)."""
    return f'"{text}"' if _JSON_SAFE(text) else json.dumps(text).replace("\x7f", "\\u007f")


def csv_cell(text: str) -> str:
    """Text from the responses as one CSV cell: controls visible, formulas inert, quoted."""
    if _CSV_SAFE(text):
        return text
    text = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", clean(text))
    if text.startswith(FORMULA):
        text = "'" + text
    if any(c in text for c in ',"\n\t'):
        return '"' + text.replace('"', '""') + '"'
    return text
