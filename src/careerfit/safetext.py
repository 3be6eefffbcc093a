"""Text from data files and people, made safe to show: control characters made visible.

Knowledge bases, answers files and batch rows are written by people careerfit does not
control. An escape sequence in one of them could move the cursor, clear the screen or
retitle the window if it reached a terminal as it is, so every place that shows or stores
such text for display goes through :func:`clean` (and the knowledge base refuses them).
"""

from __future__ import annotations

import re

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(value: str) -> str:
    r"""Replace control characters (ESC and friends) with a visible ``\xNN`` form."""
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", value)
