"""The order of a quiz being taken: every question in turn, or chosen one at a time.

:class:`careerfit.quiz.flow.Fixed` asks every question in the bank's order (``--full``).
:class:`Adaptive` asks the questions already asked (in the order they were, so a resumed
quiz and going back see the same sequence) and then lets
:func:`careerfit.fit.adaptive.plan` choose each next one from the answers so far, until the
top match is settled. Asking "a few more" goes on past that point.
"""

from __future__ import annotations

from careerfit.fit.adaptive import Plan, plan
from careerfit.fit.answers import Value
from careerfit.kb.knowledge_base import KnowledgeBase
from careerfit.kb.questions import Question


class Adaptive:
    """Questions chosen as the quiz goes; ``asked`` grows as each is chosen.

    ``answers`` is the live answers dict the flow updates, so each choice sees every answer
    given so far. ``more`` questions are asked past the point where the top match is
    settled (the person asked to sharpen the ranking).
    """

    def __init__(
        self, kb: KnowledgeBase, answers: dict[str, Value], asked: list[str], more: int = 0
    ) -> None:
        self.kb = kb
        self.answers = answers
        self.asked = asked
        self.more = more
        self.last: Plan | None = None  # the plan that ended the quiz, once it has ended

    @property
    def total(self) -> None:
        """Not known in advance: the quiz stops once the top match is settled."""
        return None

    def at(self, position: int) -> Question | None:
        """The question at ``position``: one already asked, else the next one chosen."""
        if position < len(self.asked):  # every id in asked is one the bank has
            return self.kb.question(self.asked[position])
        step = plan(self.kb, self.answers, self.asked, go_on=self.more > 0)
        if step.question is None:
            self.last = step
            return None
        self.more = max(0, self.more - 1)
        self.asked.append(step.question.id)
        return step.question
