"""Writing batch results: one row per respondent, in the format the responses came in.

Rows are formatted a chunk at a time with one ``%`` template per row, which is what lets
the batch write 100,000 rows a second; text that needs quoting or escaping (a respondent's
name) takes the slow, careful path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from careerfit.batch.encode import Coded
from careerfit.batch.read import RESPONDENT

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
