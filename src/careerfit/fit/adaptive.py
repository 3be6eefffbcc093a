"""Adaptive questioning: which question to ask next, and when the top match is settled.

The rule works on careerfit's own scoring, not on a separate test model. For every question
not asked yet, each of its answers is scored for the leading roles (the person is placed as
if they had given it); a person is expected to answer questions about a kind of work they
have already answered in line with those answers (within about one step of the scale), and
anything else evenly. That gives, for each question, how far it is expected to move the gap
between the first role and each close contender, and how much it could swing it.

* **Next question**: what the person brings first (education, credentials, their job and
  years in legal work decide what is open to them and the path from where they are);
  then, until there are enough answers about the work to rank at all, the question whose
  kind of work the leading roles differ on most; then the question whose answer is
  expected to swing the close gaps most.
* **Settled**: enough answers to rank, the first role not too close to call with another
  (as the results would show it), and even if every remaining question were answered,
  the chance that the first role changes is below ``stop_chance`` (questions.yaml): for
  each contender, the gap to the first role plus the expected moves of the remaining
  questions, against the square root of the sum of their swings (a normal approximation
  of many small independent moves).

Nothing here prompts or stores: :mod:`careerfit.quiz.sessions` asks and saves.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Hashable, Mapping, Sequence
from typing import TypeVar

from careerfit.fit import many
from careerfit.fit.answers import Answers
from careerfit.fit.certainty import Scoring, enough, too_close
from careerfit.fit.person import Person, person_from
from careerfit.fit.ranking import fits_of
from careerfit.fit.tables import QuestionTable, recorded, tables
from careerfit.kb.knowledge_base import KnowledgeBase
from careerfit.kb.questions import Question
from careerfit.records import record, replace

# What the person brings (education, credentials, their job and years in legal work): asked
# first, whatever the answers so far. They decide which roles are open to the person and
# the path from the job they have, which the fit alone would never ask about.
BROUGHT = ("education", "credential", "role", "years")

# How much more a question that could move a close gap counts than one that could move a
# wide one: gaps are weighed by 1 / (1 + (gap / CLOSE)^2), in fit points.
CLOSE = 10.0

K = TypeVar("K", bound=Hashable)


@record
class Plan:
    """What the quiz should do next: ask ``question``, or stop (``question`` None).

    ``settled``: it stops because the top match is settled, so asking a few more could
    still sharpen the rest of the ranking; otherwise nothing left could change it.
    """

    question: Question | None
    settled: bool
    chance: float | None  # the estimated chance that the remaining questions change the first
    why: str  # in plain words, why the quiz stops (or why it cannot yet)


def plan(
    kb: KnowledgeBase,
    answers: Answers,
    asked: Collection[str],
    go_on: bool = False,
    score: Scoring = many.fits_of_each,
) -> Plan:
    """The next question to ask, or that the top match is settled and the quiz can stop.

    ``go_on``: choose the next question even when the top match is settled (the person
    asked for a few more to sharpen the ranking). ``score`` scores the candidate answers:
    in one numpy pass by default, which pays while a quiz asks question after question;
    :func:`careerfit.fit.certainty.one_by_one` gives the same fits, bit for bit, without
    loading numpy, for a one-off such as saying again why a stored quiz stopped.
    """
    bank = kb.questions
    left = [q for q in bank if q.id not in asked]
    if not left:
        return Plan(None, False, None, "every question has been asked")
    brought = next((q for q in left if asked_first(q)), None)
    if brought is not None:
        return Plan(brought, False, None, "")
    person = person_from(kb, answers)
    base = fits_of(kb, person)
    order = sorted(range(len(base)), key=lambda r: (-base[r], r))
    leading = order[: kb.questions_file.adaptive.contenders]
    table = tables(kb).question_at
    if not enough(kb, person):
        return Plan(_widest(kb, person, leading, left, table), False, None, "")
    keys = {q.id: _alike(table[q.id]) for q in left}
    firsts: dict[tuple[object, ...], QuestionTable] = {}
    for qid, key in keys.items():
        firsts.setdefault(key, table[qid])
    alike = _moves(kb, person, firsts, leading, score)
    moves = {qid: alike[key] for qid, key in keys.items() if alike[key]}
    gaps = [base[leading[0]] - base[r] for r in leading[1:]]
    chance = _flip_chance(gaps, moves.values())
    rule = kb.questions_file.adaptive
    if not moves:
        return Plan(None, False, chance, "no remaining question could change the ranking")
    if chance < rule.stop_chance and not go_on and not _tied(kb, answers, base, leading, score):
        why = (
            f"the remaining questions have less than a {rule.stop_chance:.0%} chance "
            "of changing your top match"
        )
        return Plan(None, True, chance, why)
    best = max(moves, key=lambda qid: _swing(gaps, moves[qid]))
    return Plan(next(q for q in left if q.id == best), False, chance, "")


def _alike(row: QuestionTable) -> tuple[object, ...]:
    """What a question's likely answers and their effects depend on, to work them out once.

    Questions that move the same kind of work by the same steps (whichever way they are
    keyed) have the same likely answers and effects.
    """
    return (row.dim, tuple(sorted(row.moves))) if row.dim and not row.multi else (row.id,)


def asked_first(question: Question) -> bool:
    """Whether a question is asked before any other, whatever the answers so far.

    What the person brings (:data:`BROUGHT`), and any question that cannot be skipped.
    """
    return not question.skippable or question.records in BROUGHT


def _tied(
    kb: KnowledgeBase, answers: Answers, fit: list[float], leading: list[int], score: Scoring
) -> bool:
    """Whether the results would show the first role as too close to call with another.

    The quiz keeps asking then, even when the remaining questions look unlikely to change
    the order: the results must not show a tie as settled. Only the leading roles can be
    that close.
    """
    return bool(too_close(kb, answers, fit, leading[0], leading[1:], score))


def _widest(
    kb: KnowledgeBase,
    person: Person,
    leading: Sequence[int],
    left: Sequence[Question],
    table: Mapping[str, QuestionTable],
) -> Question:
    """The question about the kind of work the leading roles differ on most.

    Before there are enough answers to rank, the fits say little; the roles' own profiles
    say which kinds of work would tell them apart. A kind already answered counts less
    for each answer it has.
    """
    t = tables(kb)
    best, best_value = left[0], -1.0
    for q in left:
        dim = table[q.id].dim
        if dim is None:
            continue
        levels = [lv for lv in (t.levels[t.dim_index(dim)][r] for r in leading) if lv is not None]
        if len(levels) < 2:
            continue
        mean = sum(levels) / len(levels)
        spread = sum((lv - mean) ** 2 for lv in levels) / len(levels)
        value = spread / (1 + person.answered.get(dim, 0))
        if value > best_value:
            best, best_value = q, value
    return best


def _moves(
    kb: KnowledgeBase,
    person: Person,
    questions: Mapping[K, QuestionTable],
    leading: Sequence[int],
    score: Scoring,
) -> dict[K, list[tuple[float, list[float]]]]:
    """Each likely answer to each question: its probability, and the gaps it leaves.

    The gaps are the first role's fit minus each contender's. An empty list: no answer to
    the question changes any of these fits (it records something the fit does not use).
    Every likely answer to every question is scored in one call of ``score``.
    """
    spread = kb.questions_file.adaptive.answer_spread
    tried = [
        (key, chances, _with(person, q, picked))
        for key, q in questions.items()
        for chances, picked in _answers(person, q, spread)
    ]
    fit = score(kb, [p for _, _, p in tried], leading)
    out: dict[K, list[tuple[float, list[float]]]] = {key: [] for key in questions}
    for (key, chances, _), row in zip(tried, fit, strict=True):
        out[key].append((chances, [row[0] - f for f in row[1:]]))
    for key, outcomes in out.items():
        first = outcomes[0][1]
        if all(gaps == first for _, gaps in outcomes):
            out[key] = []
    return out


def _answers(
    person: Person, q: QuestionTable, spread: float
) -> list[tuple[float, tuple[int, ...]]]:
    """The answers worth trying, each with how likely the person is to give it.

    A question about a kind of work the person has answered before: within about one step
    of where they stand. Anything else: every answer (each choice of a multi-choice one
    alone) equally likely.
    """
    n = len(q.options)
    if q.multi:
        singles = [(i,) for i, o in enumerate(q.options) if not o.exclusive]
        return [(1 / len(singles), p) for p in singles]
    if q.dim is None or q.dim not in person.levels or q.highest == q.lowest:
        return [(1 / n, (i,)) for i in range(n)]
    place = person.levels[q.dim]
    span = q.highest - q.lowest
    weights = [math.exp(-(((m - q.lowest) / span - place) ** 2) / (2 * spread**2)) for m in q.moves]
    total = sum(weights)
    return [(w / total, (i,)) for i, w in enumerate(weights)]


def _with(person: Person, q: QuestionTable, picked: tuple[int, ...]) -> Person:
    """The person as if they had also answered ``q`` with the options ``picked``."""
    if q.dim is not None:
        span = person.spans.get(q.dim, 0)
        above = person.levels.get(q.dim, 0.0) * span  # the total's distance above its lowest
        moved = sum(q.moves[i] for i in picked) - q.lowest
        new_span = span + q.highest - q.lowest
        if new_span <= 0:
            return person
        return replace(
            person,
            levels={**person.levels, q.dim: (above + moved) / new_span},
            answered={**person.answered, q.dim: person.answered.get(q.dim, 0) + 1},
            spans={**person.spans, q.dim: new_span},
        )
    told = recorded(q.options[i] for i in picked)
    return replace(
        person,
        settings=person.settings | told.settings,
        credentials=person.credentials | told.credentials,
        pay_need=told.pay if told.pay is not None else person.pay_need,
        education=told.education or person.education,
        study=told.study or person.study,
    )


def _stats(outcomes: list[tuple[float, list[float]]], k: int) -> tuple[float, float]:
    """Mean and variance of the gap to contender ``k`` over a question's likely answers."""
    mean = sum(p * gaps[k] for p, gaps in outcomes)
    return mean, sum(p * (gaps[k] - mean) ** 2 for p, gaps in outcomes)


def _flip_chance(
    gaps: list[float], questions: Collection[list[tuple[float, list[float]]]]
) -> float:
    """The chance that answering every remaining question puts another role first.

    For each contender: the gap now, moved by each question's expected shift (its mean gap
    minus the gap now), with the sum of the questions' variances; the chance the result is
    below zero under a normal approximation. The largest over the contenders is returned.
    """
    worst = 0.0
    for k, gap in enumerate(gaps):
        shift = variance = 0.0
        for outcomes in questions:
            mean, var = _stats(outcomes, k)
            shift += mean - gap
            variance += var
        final = gap + shift
        if variance <= 0:
            chance = 1.0 if final <= 0 else 0.0
        else:
            chance = 0.5 * math.erfc(final / math.sqrt(2 * variance))
        worst = max(worst, chance)
    return worst


def _swing(gaps: list[float], outcomes: list[tuple[float, list[float]]]) -> float:
    """How much a question is expected to unsettle the close gaps (more for closer ones)."""
    value = 0.0
    for k, gap in enumerate(gaps):
        _, var = _stats(outcomes, k)
        chance_flip = sum(p for p, moved in outcomes if moved[k] < 0)
        value += (var + 100 * chance_flip) / (1 + (gap / CLOSE) ** 2)
    return value
