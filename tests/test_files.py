"""Files: output written whole or not at all."""

from __future__ import annotations

import os

import pytest

from careerfit.files import OutputError, write_atomic


def test_an_interrupted_write_leaves_no_half_file(tmp_path, monkeypatch):
    target = tmp_path / "r.md"
    target.write_text("old")

    class PowerCut(Exception):
        pass

    def boom(fd):
        raise PowerCut

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(PowerCut):
        write_atomic(target, "new " * 1000, force=True)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]
    with pytest.raises(OutputError, match="folder"):
        write_atomic(tmp_path, "x", force=True)
