"""The answers-file reader on any text: only its own error, and what it accepts can be scored."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerfit.errors import DataError
from careerfit.fit.ranking import rank
from careerfit.quiz import answers_file as answersfile

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.text(max_size=1000) | st.binary(max_size=1000).map(lambda b: b.decode("latin-1")))
def test_the_answers_reader_raises_only_its_own_error_on_any_text(kb, text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "answers.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            answers = answersfile.load(kb, path)
        except DataError as err:
            assert err.problems
        else:
            rank(kb, answers)  # whatever it accepted can be scored
