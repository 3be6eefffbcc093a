"""One assessment of one set of answers: the ranking, the caveats and the top-two swap.

:func:`assess` is the one path from answers to results: the quiz, stored results, what-if,
reports and exports all call it, so a new caveat or explanation is added once and shows
everywhere. (Batch scoring ranks many people with the same formulas and tables, vectorised;
see :mod:`careerfit.batch`.)
"""

from __future__ import annotations

from careerfit.fit.answers import Answers, Value
from careerfit.fit.caveats import Concern, concerns
from careerfit.fit.certainty import enough, leaders
from careerfit.fit.person import Person
from careerfit.fit.ranking import RoleResult, rank
from careerfit.fit.whatif import Swap, best_swap
from careerfit.kb.knowledge_base import KnowledgeBase
from careerfit.records import record


@record(eq=False)
class Assessment:
    """Everything the results say about one set of answers."""

    answers: dict[str, Value]
    person: Person
    ranked: tuple[RoleResult, ...]
    concerns: tuple[Concern, ...]
    swap: Swap | None  # the single change of answer that does most for the runner-up
    enough: bool  # False: too few answers about the work to rank the roles
    leaders: tuple[RoleResult, ...]  # the first role and those too close to it to call

    @property
    def best(self) -> RoleResult:
        """The first role."""
        return self.ranked[0]

    @property
    def settled(self) -> bool:
        """A ranking with a clear first role."""
        return self.enough and len(self.leaders) == 1


def assess(kb: KnowledgeBase, answers: Answers) -> Assessment:
    """Rank every role for these answers, and say how sure the ranking is.

    Also what the answers themselves suggest: careless-looking answers, and the one change
    of a preference that would reorder the top two.
    """
    ranking = rank(kb, answers)
    return Assessment(
        dict(answers),
        ranking.person,
        ranking.ranked,
        tuple(concerns(kb, answers)),
        best_swap(kb, answers, ranking),
        enough(kb, ranking.person),
        leaders(kb, answers, ranking),
    )
