"""Does the quiz give real people the right role? Prints the validity figures. Nothing asserted.

Judged on people, never on respondents built from the role profiles (that could only confirm
itself): the 32 people of benchmarks/personas/people.yaml, two per role, each modelled on a
real job posting, whose answers (benchmarks/personas/answers/) were written blind, from their
story and the answers template alone.

    python benchmarks/quality.py [--variants N] [--random N] [--seed S]

Reports, for the bundled knowledge base:
1. top-1: how many people get an expected role first; which do not, and what they get;
2. must-not roles in anyone's top 3;
3. noise robustness: each answer moved to an adjacent answer with probability 15%, N
   variants per person: how often an expected role is still first;
4. calibration: the median top-1 fit of random answer sets against the people's;
5. margins between the first two roles, and how often the results call them a tie;
6. which roles come first for someone, and for both of their people.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from careerfit.fit.assess import assess
from careerfit.fit.ranking import rank
from careerfit.kb.load import load
from careerfit.kb.location import bundled_data_dir
from careerfit.kb.questions import QuestionKind

HERE = Path(__file__).resolve().parent
NOISE = 0.15
# Facts about the person that do not change from one day to the next.
FACTS = {"education", "study", "credentials", "current-job", "experience"}


def people(kb: Any) -> list[dict[str, Any]]:
    """The validity set with each person's blind answers, checked against the questions."""
    from careerfit.quiz.answers_file import load as load_answers

    out = []
    for person in yaml.safe_load((HERE / "personas" / "people.yaml").read_text()):
        path = HERE / "personas" / "answers" / f"{person['id']}.yaml"
        if not path.exists():
            sys.exit(f"{path} is missing: write the persona answers first (personas/README.md)")
        out.append({**person, "answers": load_answers(kb, path)})
    return out


def noisy(kb: Any, answers: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The same answers, each moved to an adjacent answer with probability NOISE."""
    out = dict(answers)
    for q in kb.questions:
        if q.id not in out or q.id in FACTS or rng.random() >= NOISE:
            continue
        values = [o.value for o in q.options]
        if q.kind is QuestionKind.multi:
            plain = [o.value for o in q.options if not o.exclusive]
            chosen = set(out[q.id]) - {o.value for o in q.options if o.exclusive}
            flipped = chosen ^ {rng.choice(plain)}
            if flipped:
                out[q.id] = tuple(v for v in plain if v in flipped)
            continue
        i = values.index(out[q.id])
        near = [j for j in (i - 1, i + 1) if 0 <= j < len(values)]
        out[q.id] = values[rng.choice(near)]
    return out


def random_answers(kb: Any, rng: random.Random) -> dict[str, Any]:
    """Every question answered uniformly at random (a multi-choice: one choice at random).

    The same random answerer the fit's chance levels assume (careerfit.fit.chance).
    """
    out: dict[str, Any] = {}
    for q in kb.questions:
        if q.kind is QuestionKind.multi:
            plain = [o.value for o in q.options if not o.exclusive]
            out[q.id] = (rng.choice(plain),)
        else:
            out[q.id] = rng.choice(q.options).value
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", type=int, default=20, help="noisy variants per person")
    parser.add_argument("--random", type=int, default=500, help="random answer sets")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    started = time.perf_counter()
    kb = load(bundled_data_dir())
    group = people(kb)
    print(f"{len(kb.roles)} roles, {len(kb.questions)} questions, {len(group)} people "
          f"(answers written blind), knowledge base {kb.version}\n")  # fmt: skip
    firsts = _top1(kb, group)
    _robustness(kb, group, args.variants, random.Random(args.seed))
    _calibration(kb, group, args.random, random.Random(args.seed + 1))
    _margins(kb, group)
    _who_comes_first(kb, group, firsts)
    print(f"\ntook {time.perf_counter() - started:.1f} s")


def _top1(kb: Any, group: list[dict[str, Any]]) -> dict[str, str]:
    hits, shared, must_not, firsts = 0, 0, [], {}
    misses = []
    matches = 0  # people with a must-not role in the top 3 at a fit shown above 0
    for person in group:
        results = rank(kb, person["answers"]).ranked
        ranked = [r.role.id for r in results]
        firsts[person["id"]] = ranked[0]
        if ranked[0] in person["expected"]:
            hits += 1
        else:
            misses.append(f"  {person['id']}: got {ranked[0]}, then {', '.join(ranked[1:3])}")
        # What the person sees: the results show the first role together with any role too
        # close to call with it.
        tied = {r.role.id for r in assess(kb, person["answers"]).leaders}
        shared += bool(tied & set(person["expected"]))
        bad = set(person["must_not"]) & set(ranked[:3])
        if bad:
            fits = {r.role.id: r.fit for r in results[:3]}
            shown = ", ".join(f"{b} (fit {fits[b]:.1f})" for b in sorted(bad))
            must_not.append(f"  {person['id']}: {shown} in the top 3")
            matches += any(round(fits[b]) > 0 for b in bad)
    print(f"1. top-1 in the expected roles: {hits} of {len(group)}")
    print("\n".join(misses) or "  (everyone)")
    print(
        f"  an expected role first, or too close to call with the first: {shared} of {len(group)}"
    )
    print(f"2. must-not roles in a top 3: {len(must_not)}")
    print("\n".join(must_not) or "  (none)")
    print(f"  of which shown as a match (a fit above 0, not 'no better than chance'): {matches}")
    return firsts


def _robustness(kb: Any, group: list[dict[str, Any]], variants: int, rng: random.Random) -> None:
    kept = same = total = 0
    for person in group:
        first = rank(kb, person["answers"]).ranked[0].role.id
        for _ in range(variants):
            top = rank(kb, noisy(kb, person["answers"], rng)).ranked[0].role.id
            kept += top in person["expected"]
            same += top == first
            total += 1
    print(f"3. noise robustness ({NOISE:.0%} of answers moved to a neighbour, {variants} "
          f"variants a person): an expected role first in {kept / total:.1%}; the same first "
          f"role as without noise in {same / total:.1%}")  # fmt: skip


def _calibration(kb: Any, group: list[dict[str, Any]], count: int, rng: random.Random) -> None:
    real = [rank(kb, p["answers"]).ranked[0].fit for p in group]
    noise = [rank(kb, random_answers(kb, rng)).ranked[0].fit for _ in range(count)]
    people, chance = statistics.median(real), statistics.median(noise)
    print(f"4. median top-1 fit: people {people:.1f}, {count} random answer sets {chance:.1f} "
          f"(gap {people - chance:.1f} points); random sets' 90th percentile "
          f"{statistics.quantiles(noise, n=10)[-1]:.1f}")  # fmt: skip


def _margins(kb: Any, group: list[dict[str, Any]]) -> None:
    gaps, ties = [], 0
    for person in group:
        assessment = assess(kb, person["answers"])
        ranked = assessment.ranked
        gaps.append(ranked[0].fit - ranked[1].fit)
        ties += len(assessment.leaders) > 1
    q = statistics.quantiles(gaps, n=4)
    print(f"5. top-1 minus top-2 (fit points): quartiles {q[0]:.1f} / {q[1]:.1f} / {q[2]:.1f}; "
          f"within 2 points for {sum(g < 2 for g in gaps)} of {len(gaps)}; shown as too close "
          f"to call for {ties}")  # fmt: skip


def _who_comes_first(kb: Any, group: list[dict[str, Any]], firsts: dict[str, str]) -> None:
    by_role: dict[str, list[bool]] = {}
    for person in group:
        for role in person["expected"][:1]:
            by_role.setdefault(role, []).append(firsts[person["id"]] == role)
    counted = Counter(firsts.values())
    both = [role for role, hits in by_role.items() if all(hits)]
    print(f"6. roles first for someone: {len(counted)} of {len(kb.roles)}; first for both of "
          f"their people: {len(both)} of {len(by_role)}")  # fmt: skip
    for role in kb.roles:
        hits = by_role.get(role.id, [])
        print(f"  {role.id:32} first for {sum(hits)} of its {len(hits)}; first for "
              f"{counted.get(role.id, 0)} people in all")  # fmt: skip


if __name__ == "__main__":
    main()
