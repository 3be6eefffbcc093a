"""Fail when a module of src/ is over 400 lines or a function over 60 (docs/architecture.md).

Long modules and functions are where a newcomer gets lost; data tables are the exception
and are written as module-level constants, which this does not count.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

MAX_MODULE = 400
MAX_FUNCTION = 60


def main() -> int:
    """Print every module and function over the limits; exit 1 if there is any."""
    found = []
    for path in sorted(Path("src").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if (lines := len(text.splitlines())) > MAX_MODULE:
            found.append(f"{path}: {lines} lines (at most {MAX_MODULE})")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION:
                    found.append(
                        f"{path}:{node.lineno}: {node.name} is {length} lines "
                        f"(at most {MAX_FUNCTION})"
                    )
    print("\n".join(found) or "sizes: every module and function within the limits")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
