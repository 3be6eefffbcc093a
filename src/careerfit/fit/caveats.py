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
    clashes = []
    for q in kb.questions:
        other = kb.question(q.reverse_of) if q.reverse_of else None
        if other is None or q.id not in answers or other.id not in answers:
            continue
        side, other_side = _leaning(q, answers[q.id]), _leaning(other, answers[other.id])
        if side and side == other_side:
            clashes.append((other.id, q.id))
    if clashes:
        first, second = kb.question(clashes[0][0]), kb.question(clashes[0][1])
        assert first is not None and second is not None
        more = f" (and {len(clashes) - 1} more such pairs)" if len(clashes) > 1 else ""
        out.append(
            Concern(
                f"You gave the same answer to statements that say opposite things, such as "
                f"'{first.text}' and '{second.text}'{more}.",
                tuple(qid for pair in clashes for qid in pair),
            )
        )
    return out


def _leaning(question: Question, value: Value) -> int:
    """+1 for the agree half of a scale, -1 for the disagree half, 0 for the middle."""
    values = [o.value for o in question.options]
    middle = (len(values) - 1) / 2
    index = values.index(value) if isinstance(value, str) else middle
    return (index > middle) - (index < middle)
