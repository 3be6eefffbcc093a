"""Presentation: view models and wording, and their terminal (Rich), Markdown and JSON forms.

Submodules are imported when first used (``present.role_screens``), so a command pays only
for the format it prints: Rich's table code alone is 20 ms of start-up a JSON run need not pay.
"""

from __future__ import annotations

import importlib
from types import ModuleType

_SUBMODULES = {
    "consoles",
    "jsondata",
    "markdown",
    "prompt",
    "report",
    "result_screens",
    "role_screens",
    "views",
    "widgets",
    "wording",
}


def __getattr__(name: str) -> ModuleType:
    if name not in _SUBMODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return importlib.import_module(f"{__name__}.{name}")
