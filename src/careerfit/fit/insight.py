"""What the results can and cannot tell you, as pure functions over the scoring engine.

Careless-answer checks, what single change would swap the top two, and "what if"
re-ranking with a changed answer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from careerfit.errors import UsageError
from careerfit.fit.answers import AnswerRejected, Answers, Value, check_answer
from careerfit.fit.assess import Results, fits
from careerfit.kb.knowledge_base import KnowledgeBase
from careerfit.kb.questions import Question, QuestionKind
from careerfit.records import record


@record
class Concern:
    """A sign that answers may not reflect the person, and the questions to revisit."""

    text: str
    questions: tuple[str, ...]


def concerns(kb: KnowledgeBase, answers: Answers) -> list[Concern]:
    """Long runs of the same agree/disagree answer, and opposite statements both agreed with."""
    bank = kb.questions_file
    scales = [q for q in bank.questions if q.kind is QuestionKind.scale and q.id in answers]
    out: list[Concern] = []
    if len(scales) >= bank.quality.min_scale_answers:
        value, count = Counter(answers[q.id] for q in scales).most_common(1)[0]
        if count / len(scales) >= bank.quality.same_answer_share:
            label = next(o.label for o in scales[0].options if o.value == value)
            out.append(
                Concern(
                    f"You answered '{label}' to {count} of the {len(scales)} agree/disagree "
                    "questions, which usually means the questions were not read closely.",
                    tuple(q.id for q in scales),
                )
            )
    by_id = {q.id: q for q in bank.questions}
    clashes = []
    for q in bank.questions:
        other = by_id.get(q.reverse_of or "")
        if other is None or q.id not in answers or other.id not in answers:
            continue
        side, other_side = _side(q, answers[q.id]), _side(other, answers[other.id])
        if side and side == other_side:
            clashes.append((other.id, q.id))
    if clashes:
        first, second = by_id[clashes[0][0]], by_id[clashes[0][1]]
        more = f" (and {len(clashes) - 1} more such pairs)" if len(clashes) > 1 else ""
        out.append(
            Concern(
                f"You gave the same answer to statements that say opposite things, such as "
                f"'{first.text}' and '{second.text}'{more}.",
                tuple(qid for pair in clashes for qid in pair),
            )
        )
    return out


def _side(question: Question, value: Value) -> int:
    """+1 for the agree half of a scale, -1 for the disagree half, 0 for the middle."""
    values = [o.value for o in question.options]
    middle = (len(values) - 1) / 2
    index = values.index(value) if isinstance(value, str) else middle
    return (index > middle) - (index < middle)


def _changes(kb: KnowledgeBase, answers: Answers) -> Iterator[tuple[Question, Value]]:
    """Every answers set that differs from ``answers`` in exactly one answer."""
    for q in kb.questions_file.questions:
        current = answers.get(q.id)
        if q.kind is QuestionKind.multi:
            chosen = set(current or ())
            for o in q.options:
                if o.exclusive:
                    continue
                toggled = (chosen ^ {o.value}) - {x.value for x in q.options if x.exclusive}
                if toggled:
                    yield q, tuple(v.value for v in q.options if v.value in toggled)
        else:
            for o in q.options:
                if o.value != current:
                    yield q, o.value


@record
class Swap:
    """The single answer change that does most for the runner-up against the leader."""

    question: Question
    value: Value
    margin: float  # runner-up's fit minus the leader's after the change; > 0 means it swaps


def best_swap(kb: KnowledgeBase, answers: Answers, results: Results) -> Swap | None:
    """Try every single-answer change and keep the one best for the runner-up."""
    if len(results.ranked) < 2:
        return None
    order = [r.id for r in kb.roles]
    first = order.index(results.ranked[0].role.id)
    second = order.index(results.ranked[1].role.id)
    best: Swap | None = None
    for question, value in _changes(kb, answers):
        leader, runner_up = fits(kb, {**answers, question.id: value}, (first, second))
        margin = runner_up - leader
        if best is None or margin > best.margin:
            best = Swap(question, value, margin)
    return best


def swap_hint(kb: KnowledgeBase, answers: Answers, results: Results) -> str | None:
    """What single change of answer would put the runner-up first, in words."""
    swap = best_swap(kb, answers, results)
    if swap is None:
        return None
    first, second = results.ranked[0], results.ranked[1]
    gap = first.fit - second.fit
    if swap.margin <= 0:
        return (
            f"No single answer would put {second.role.title} ahead of {first.role.title}; "
            f"it trails by {_points(gap)}."
        )
    chosen = swap.value if isinstance(swap.value, tuple) else (swap.value,)
    labels = [o.label for o in swap.question.options if o.value in chosen]
    return (
        f"{second.role.title} is {_points(gap)} behind {first.role.title}. Answering "
        f"'{'; '.join(labels)}' to \"{swap.question.text}\" would put it first."
    )


def what_if(kb: KnowledgeBase, answers: Answers, specs: list[str]) -> dict[str, Value]:
    """Answers with ``question=value`` overrides applied (nothing is stored).

    A question can be named by its id or an alias (``degree`` for ``education``); a
    multi-choice value is a comma-separated list.
    """
    names = {q.id: q for q in kb.questions_file.questions}
    for q in kb.questions_file.questions:
        for alias in q.aliases:
            names.setdefault(alias, q)
    out = dict(answers)
    for spec in specs:
        name, sep, raw = spec.partition("=")
        question = names.get(name.strip())
        if not sep or question is None:
            raise UsageError(
                f"--what-if {spec!r} is not QUESTION=ANSWER with a known question, e.g. "
                "--what-if degree=associate. 'careerfit answers template' lists every "
                "question id and its answers."
            )
        try:
            out[question.id] = check_answer(question, raw.strip())
        except AnswerRejected as err:
            raise UsageError(f"--what-if {spec!r}: {err}.") from None
    return out


def _points(gap: float) -> str:
    """A gap in fit points, in words: "less than a point", "1 point", "7 points"."""
    if gap < 0.5:
        return "less than a point"
    return "1 point" if round(gap) == 1 else f"{gap:.0f} points"
