"""How many questions does the adaptive quiz ask, and does it agree with the full form?

Prints figures; nothing asserted. The adaptive quiz is driven exactly as the terminal quiz
drives it (the same order object chooses each question), by the 32 validity people of
benchmarks/personas/ (answers written blind) and by noisy variants of them (each answer
moved to an adjacent answer with probability 15%, as in quality.py). A question someone has
no answer for is skipped.

    python benchmarks/adaptive.py [--variants N] [--seed S]

Reports:
1. questions asked: median, 90th percentile and range, for the people and the variants;
2. agreement: how often the adaptive first role equals the full form's, and any must-not
   role in an adaptive top 3 that the full form kept out;
3. why the quizzes stopped;
4. the time to choose the next question, on the bundled knowledge base (whole quizzes) and
   on a synthetic one of 1,000 roles and 300 questions (the first 30 questions of each);
5. the fewest questions any order could need, as a floor for figure 1: an order that knows
   every answer in advance asks what the person brings, then each time the question that
   widens the full form's first role's lead most, until that role leads and there are
   enough answers about the work to rank. No real quiz can know the answers, or stop
   without checking that the lead is settled, so it can only do worse.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

HERE = Path(__file__).resolve().parent
REPEATS = 3
T = TypeVar("T")
sys.path.insert(0, str(HERE.parent / "tests"))

from careerfit.fit.adaptive import asked_first, plan  # noqa: E402
from careerfit.fit.certainty import enough  # noqa: E402
from careerfit.fit.person import person_from  # noqa: E402
from careerfit.fit.ranking import fits, rank  # noqa: E402
from careerfit.fit.tables import tables  # noqa: E402
from careerfit.kb.load import load  # noqa: E402
from careerfit.kb.location import bundled_data_dir  # noqa: E402
from quality import noisy, people  # noqa: E402
from support import synthetic  # noqa: E402
from support.simulate import adaptive_walk, answers_like  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", type=int, default=5, help="noisy variants per person")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    started = time.perf_counter()
    kb = load(bundled_data_dir())
    group = people(kb)
    rng = random.Random(args.seed)
    runs = {"people": [(p, p["answers"]) for p in group]}
    runs["noisy variants"] = [
        (p, noisy(kb, p["answers"], rng)) for p in group for _ in range(args.variants)
    ]
    print(f"{len(kb.roles)} roles, {len(kb.questions)} questions, {len(group)} people, "
          f"{args.variants} noisy variants each\n")  # fmt: skip
    results = {name: [_walk(kb, p, answers) for p, answers in rs] for name, rs in runs.items()}
    print("1. questions asked")
    for name, rows in results.items():
        counts = sorted(r["asked"] for r in rows)
        p90 = statistics.quantiles(counts, n=10)[-1]
        print(f"  {name:15} median {statistics.median(counts):4.1f}, 90th percentile "
              f"{p90:4.1f}, range {counts[0]}-{counts[-1]}")  # fmt: skip
    print("2. agreement with the full form")
    for name, rows in results.items():
        same = sum(r["same"] for r in rows)
        print(f"  {name:15} same first role {same} of {len(rows)} ({same / len(rows):.1%}); "
              f"must-not roles entering a top 3: {sum(r['must_not'] for r in rows)}, "
              f"{sum(r['as_match'] for r in rows)} of them shown as a match")  # fmt: skip
    print("3. why the quiz stopped")
    for why, n in Counter(r["why"] for rows in results.values() for r in rows).most_common():
        print(f"  {n:4}  {why}")
    _timing(kb)
    _floor(kb, group)
    print(f"\ntook {time.perf_counter() - started:.1f} s")


def _walk(kb: Any, person: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    asked, given, last = adaptive_walk(kb, answers)
    full = [r.role.id for r in rank(kb, answers).ranked]
    shown = rank(kb, given).ranked
    short = [r.role.id for r in shown]
    entered = (set(short[:3]) - set(full[:3])) & set(person["must_not"])
    return {
        "asked": len(asked),
        "same": short[0] == full[0],
        "must_not": len(entered),
        # a fit above 0 is shown as a match; 0 or less as "no better than chance"
        "as_match": sum(1 for r in shown[:3] if r.role.id in entered and round(r.fit) > 0),
        "why": last.why if last is not None else "every question has been asked",
    }


def _timing(kb: Any) -> None:
    print("4. choosing the next question, in ms: median / 90th percentile / max over the steps")
    print("   (the scoring tables are built once per run before the first question, not counted;")
    print(f"   each step is timed {REPEATS} times and the fastest kept: the slower ones measure")
    print("   whatever else the machine was doing)")
    with tempfile.TemporaryDirectory() as work:
        big = load(synthetic.write(Path(work) / "kb-1000", 1000, 300, seed=1))
    for name, base, steps in (("bundled", kb, 40), ("1,000 roles", big, 30)):
        tables(base)
        times = []
        for role in base.roles[:: max(1, len(base.roles) // 8)][:8]:
            answers, given, asked = answers_like(base, role), {}, []
            for _ in range(steps):
                step, took = _fastest(partial(plan, base, given, asked))
                times.append(took)
                if step.question is None:
                    break
                asked.append(step.question.id)
                if step.question.id in answers:
                    given[step.question.id] = answers[step.question.id]
        q = statistics.quantiles(times, n=10)
        print(f"  {name:12} {statistics.median(times):6.1f} / {q[-1]:6.1f} / {max(times):6.1f}"
              f"  ({len(times)} steps, {len(base.questions)} questions)")  # fmt: skip


def _floor(kb: Any, group: list[dict[str, Any]]) -> None:
    counts = sorted(_fewest(kb, p["answers"]) for p in group)
    print("5. the fewest questions any order could need (knowing the answers in advance):")
    p90 = statistics.quantiles(counts, n=10)[-1]
    print(f"  people          median {statistics.median(counts):4.1f}, 90th percentile "
          f"{p90:4.1f}, range {counts[0]}-{counts[-1]}")  # fmt: skip


def _fewest(kb: Any, answers: dict[str, Any]) -> int:
    """Questions a greedy order that knows ``answers`` needs to reach the full form's first."""
    full = fits(kb, answers)
    first = max(range(len(full)), key=lambda r: (full[r], -r))
    given = {q.id: answers[q.id] for q in kb.questions if q.id in answers and asked_first(q)}
    left = [q.id for q in kb.questions if q.id in answers and q.id not in given]
    while left:
        lead, best = max((_lead(fits(kb, {**given, q: answers[q]}), first), q) for q in left)
        given[best] = answers[best]
        left.remove(best)
        if lead > 0 and enough(kb, person_from(kb, given)):
            break
    return len(given)


def _lead(fit: list[float], first: int) -> float:
    return fit[first] - max(f for r, f in enumerate(fit) if r != first)


def _fastest(work: Callable[[], T]) -> tuple[T, float]:
    """``work``'s result and its fastest time in ms over REPEATS runs, as timeit advises."""
    best = math.inf
    for _ in range(REPEATS):
        t = time.perf_counter()
        result = work()
        best = min(best, (time.perf_counter() - t) * 1000)
    return result, best


if __name__ == "__main__":
    main()
