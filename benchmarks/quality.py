"""How well does the quiz recover the role a respondent is made for? Prints figures.

For every role, simulated respondents answer as that role's profile would, except that each
answer is, with probability NOISE, replaced by a random one. We report how often the role
comes out first (top-1) and among the first three (top-3). Seeded, so runs are repeatable.

    python benchmarks/quality.py [--per-role N] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import time

from careerfit.fit.assess import score
from careerfit.kb.load import load
from careerfit.kb.location import bundled_data_dir
from support.simulate import answers_like, noisy

NOISE_LEVELS = (0.0, 0.1, 0.2, 0.3, 0.5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--per-role", type=int, default=100, help="respondents per role and noise level"
    )
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    kb = load(bundled_data_dir())
    rng = random.Random(args.seed)
    started = time.perf_counter()
    print(
        f"{len(kb.roles)} roles, {len(kb.questions_file.questions)} questions, "
        f"{args.per_role} respondents per role and noise level, seed {args.seed}\n"
    )
    print(f"{'noise':>6} {'top-1':>7} {'top-3':>7}   worst role (top-1)")
    for level in NOISE_LEVELS:
        hits1 = hits3 = 0
        per_role: dict[str, int] = {}
        for role in kb.roles:
            ideal = answers_like(kb, role)
            for _ in range(args.per_role):
                ranked = [r.role.id for r in score(kb, noisy(kb, ideal, level, rng)).ranked]
                position = ranked.index(role.id)
                hits1 += position == 0
                hits3 += position < 3
                per_role[role.id] = per_role.get(role.id, 0) + (position == 0)
        total = len(kb.roles) * args.per_role
        worst = min(per_role, key=lambda rid: per_role[rid])
        print(
            f"{level:>6.0%} {hits1 / total:>7.1%} {hits3 / total:>7.1%}   "
            f"{worst} {per_role[worst] / args.per_role:.0%}"
        )
    print(
        f"\nchance level: top-1 {1 / len(kb.roles):.1%}, top-3 {3 / len(kb.roles):.1%}; "
        f"took {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
