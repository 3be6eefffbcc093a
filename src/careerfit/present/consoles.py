"""The two consoles: results go to stdout, messages to stderr.

Keeping them apart means ``careerfit roles > roles.txt`` captures only the table. Consoles
are made on demand (not at import) so tests that swap ``sys.stdout`` see the output.
"""

from __future__ import annotations

import sys

from rich.console import Console


def console() -> Console:
    """Console for results (stdout).

    ``emoji=False``: careerfit writes no ``:emoji:`` codes, so a title or caption that
    happens to contain one stays as written, and Rich's emoji table (a 2 ms import) is
    never loaded.
    """
    return Console(file=sys.stdout, emoji=False)


def error_console() -> Console:
    """Console for errors and notices (stderr)."""
    return Console(file=sys.stderr, soft_wrap=True, emoji=False)
