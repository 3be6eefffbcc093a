"""The loader on any text, any bytes and any damage to the real files: only its own error."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerfit.errors import DataError
from careerfit.kb.load import load
from careerfit.kb.location import bundled_data_dir

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
VALID_QUESTIONS = (bundled_data_dir() / "questions.yaml").read_bytes()
VALID_ROLES = (bundled_data_dir() / "roles.yaml").read_bytes()


def _load_roles(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "roles.yaml").write_bytes(raw)
        (Path(folder) / "questions.yaml").write_bytes(VALID_QUESTIONS)
        try:
            load(Path(folder))
        except DataError as err:
            assert err.problems and all(p.message for p in err.problems)


@SETTINGS
@given(st.text(max_size=2000))
def test_the_loader_raises_only_its_own_error_on_any_text(text):
    _load_roles(text.encode("utf-8", "surrogatepass"))


@SETTINGS
@given(st.binary(max_size=2000))
def test_the_loader_raises_only_its_own_error_on_any_bytes(raw):
    _load_roles(raw)


@SETTINGS
@given(st.integers(0, len(VALID_ROLES) - 1), st.integers(1, 40), st.binary(max_size=20))
def test_the_loader_raises_only_its_own_error_on_a_damaged_real_file(at, cut, insert):
    _load_roles(VALID_ROLES[:at] + insert + VALID_ROLES[at + cut :])
