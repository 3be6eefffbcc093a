"""Counts that tests add to and the end of a run prints (corpus cases, kills, answers)."""

from __future__ import annotations

from collections import Counter

FIGURES: Counter[str] = Counter()
