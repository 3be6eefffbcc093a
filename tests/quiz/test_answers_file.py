"""The answers-file reader on any text: only its own error, and what it accepts can be scored."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
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


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_an_answer_in_another_case_or_spacing_means_the_same(data):
    """Answers files are written by hand: 'Agree', 'STRONGLY_AGREE', ' bachelor '."""
    from careerfit.fit.answers import check_answer
    from support.bundled import bundled_kb

    q = data.draw(st.sampled_from([q for q in bundled_kb().questions if q.kind.value != "multi"]))
    option = data.draw(st.sampled_from(q.options))
    words = option.value.split("-")
    cased = [data.draw(st.sampled_from([w, w.upper(), w.title()])) for w in words]
    joiner = data.draw(st.sampled_from(["-", "_", " "]))
    typed = data.draw(st.sampled_from(["{}", " {} ", "{}\t"])).format(joiner.join(cased))
    assert check_answer(q, typed) == option.value


def test_a_misspelled_answer_gets_a_suggestion(kb, tmp_path):
    from careerfit.quiz import answers_file

    path = tmp_path / "a.yaml"
    path.write_text("research-law: agre\neducation: bachelors\n")
    with pytest.raises(DataError) as err:
        answers_file.load(kb, path)
    text = str(err.value)
    assert "did you mean 'agree'?" in text and "did you mean 'bachelor'?" in text
