"""Simulated respondents, for the scoring tests and the quality benchmark.

:func:`answers_like` answers every question the way a person whose tastes *are* a role's
profile would. It is the yardstick for "does the quiz recover the role someone is made
for"; personas in the tests are written by hand instead, as real people would answer.
:func:`random_answers` answers at random, for the properties that must hold whatever
someone answers.
"""

from __future__ import annotations

import random

from careerfit.fit.adaptive import Plan
from careerfit.fit.answers import Value
from careerfit.fit.tables import role_level
from careerfit.kb.facts import CredentialStatus, EducationLevel
from careerfit.kb.knowledge_base import KnowledgeBase
from careerfit.kb.questions import Question, QuestionKind
from careerfit.kb.roles import Role
from careerfit.quiz.order import Adaptive


def answers_like(kb: KnowledgeBase, role: Role) -> dict[str, Value]:
    """Answers of someone whose tastes match ``role`` exactly, as far as answers can.

    For the dimensions, answers are chosen in question order so that the running total on
    each dimension stays as close as possible to the role's level (error diffusion); a
    dimension no source places the role on is answered in the middle. This is a property of
    the engine (every role can come first for someone), never a measure of quality.
    """
    target = {d.id: role_level(role, d) for d in kb.dimensions}
    acc: dict[str, list[float]] = {d.id: [0.0, 0.0] for d in kb.dimensions}
    where = {s for w in role.workplaces for s in w.settings}
    point = role.education.typical or role.education.minimum
    pay = role.scoring_pay
    wanted = {
        rc.credential for rc in role.credentials if rc.status is not CredentialStatus.optional
    }
    out: dict[str, Value] = {}
    for q in kb.questions:
        record = q.records
        if record == "setting":
            picked = tuple(o.value for o in q.options if o.setting in where)
            if picked:
                out[q.id] = picked
        elif record == "credential":
            held = tuple(o.value for o in q.options if o.credential in wanted)
            exclusive = [o.value for o in q.options if o.exclusive]
            out[q.id] = held or tuple(exclusive[:1])
        elif record == "education":
            level = point.level if point else EducationLevel.high_school
            out[q.id] = _closest_level(q, "education", level)
        elif record == "study":
            out[q.id] = _closest_level(q, "study", EducationLevel.none)
        elif record == "pay":
            affordable = [o for o in q.options if pay is None or (o.pay or 0) <= pay.representative]
            out[q.id] = max(affordable, key=lambda o: o.pay or 0).value
        elif q.dimension is not None:
            out[q.id] = _diffuse(q, target.get(q.dimension), acc[q.dimension])
    return out


def _closest_level(q: Question, field: str, level: EducationLevel) -> str:
    return min(q.options, key=lambda o: abs(getattr(o, field).rank - level.rank)).value


def _diffuse(q: Question, target: float | None, acc: list[float]) -> str:
    """The answer that keeps the running place on its dimension nearest the target."""
    dim = q.dimension
    assert dim is not None
    moves = [o.moves.get(dim, 0) for o in q.options]
    lo, hi = min(moves), max(moves)
    goal = 0.5 if target is None else target
    best = min(
        q.options,
        key=lambda o: abs((acc[0] + o.moves.get(dim, 0) - lo) / (acc[1] + hi - lo) - goal),
    )
    acc[0] += best.moves.get(dim, 0) - lo
    acc[1] += hi - lo
    return best.value


def random_answers(kb: KnowledgeBase, rng: random.Random, skip: float = 0.0) -> dict[str, Value]:
    """Valid answers picked at random; each skippable question skipped with chance ``skip``."""
    out: dict[str, Value] = {}
    for q in kb.questions:
        if q.skippable and rng.random() < skip:
            continue
        if q.kind is QuestionKind.multi:
            plain = [o.value for o in q.options if not o.exclusive]
            out[q.id] = tuple(v for v in plain if v in rng.sample(plain, rng.randint(1, 3)))
        else:
            out[q.id] = rng.choice(q.options).value
    return out


def noisy(
    kb: KnowledgeBase, answers: dict[str, Value], noise: float, rng: random.Random
) -> dict[str, Value]:
    """The same answers with each one, with probability ``noise``, replaced at random."""
    out = dict(answers)
    for q in kb.questions:
        if q.id in out and rng.random() < noise:
            if q.kind is QuestionKind.multi:
                plain = [o.value for o in q.options if not o.exclusive]
                out[q.id] = tuple(sorted(rng.sample(plain, rng.randint(1, 2)), key=plain.index))
            else:
                out[q.id] = rng.choice(q.options).value
    return out


def adaptive_walk(
    kb: KnowledgeBase, answers: dict[str, Value], more: int = 0
) -> tuple[list[str], dict[str, Value], Plan | None]:
    """The adaptive quiz taken by someone who would answer as in ``answers``.

    The same order the terminal quiz uses chooses each question; a question the person
    has no answer for is skipped. Returns the questions asked, in order, the answers given
    and the plan that ended the quiz (None if it ran out of questions). ``more``: questions
    asked past the point where the top match is settled, as "answer a few more" does.
    """
    given: dict[str, Value] = {}
    asked: list[str] = []
    for extra in (0, more) if more else (0,):  # to the stop, then on as the person asked
        order = Adaptive(kb, given, asked, extra)
        position = len(asked)
        while (question := order.at(position)) is not None:
            if question.id in answers:
                given[question.id] = answers[question.id]
            position += 1
    return asked, given, order.last
