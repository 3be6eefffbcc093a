"""Times as people read them: stored in UTC, shown in the local time of the machine.

The store and reports record UTC (ISO 8601), which sorts and compares the same everywhere;
a person reading "started 14:05" expects their own clock, so every time shown goes through
:func:`local`.
"""

from __future__ import annotations

from datetime import UTC, datetime


def local(stamp: str) -> str:
    """An ISO 8601 time (UTC when it has no zone) as local ``YYYY-MM-DD HH:MM``."""
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp[:16].replace("T", " ")  # not a time we wrote: show it as it is
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


def now() -> str:
    """The local time now, ``YYYY-MM-DD HH:MM`` with its zone's abbreviation."""
    return datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M %Z")
