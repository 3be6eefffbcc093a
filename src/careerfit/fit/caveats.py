"""What the answers themselves may be saying: signs of careless answering, and what to revisit.

Long runs of the same agree/disagree answer, and opposite statements both agreed with. The
thresholds live in questions.yaml (``quality``).
"""

from __future__ import annotations

from collections import Counter

from careerfit.fit.answers import Answers, Value
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
    scales = [q for q in kb.questions if q.kind is QuestionKind.scale and q.id in answers]
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
    clashes = _opposites_agreed(kb, answers)
    if len(clashes) >= bank.quality.opposite_pairs:
        first, second = clashes[0]
        more = f" (and {len(clashes) - 1} more such pairs)" if len(clashes) > 1 else ""
        out.append(
            Concern(
                f"You agreed with statements that say opposite things, such as "
                f"'{first.text}' and '{second.text}'{more}.",
                tuple(dict.fromkeys(q.id for pair in clashes for q in pair)),
            )
        )
    return out


def _opposites_agreed(kb: KnowledgeBase, answers: Answers) -> list[tuple[Question, Question]]:
    """Pairs of statements about the same work, keyed opposite ways, both agreed with."""
    agreed = [
        q
        for q in kb.questions
        if q.kind is QuestionKind.scale and q.id in answers and _leaning(q, answers[q.id]) > 0
    ]
    return [
        (a, b)
        for i, a in enumerate(agreed)
        for b in agreed[i + 1 :]
        if a.measures == b.measures and a.keyed != b.keyed
    ]


def _leaning(question: Question, value: Value) -> int:
    """+1 for the agree half of a scale, -1 for the disagree half, 0 for the middle."""
    values = [o.value for o in question.options]
    middle = (len(values) - 1) / 2
    index = values.index(value) if isinstance(value, str) else middle
    return (index > middle) - (index < middle)
