"""Performance figures for this machine, one run: start-up, load and scoring, batch throughput.

    python benchmarks/perf.py [--runs N] [--quick]

1. Whole-process median wall time of careerfit commands, each next to a Typer hello-world
   app measured in the same run (runs interleaved), and the ratio. careerfit's modules are
   compiled to bytecode first, as pip does when it installs a wheel.
2. Synthetic knowledge bases of N roles and M questions: load time (validating from YAML,
   and from the cache) and single-quiz scoring time.
3. Batch throughput of 'careerfit score' for 1,000 / 10,000 / 100,000 respondents, JSON
   Lines and CSV, with the peak memory of the scoring process.

Nothing here is asserted: it prints figures. Timings include this machine's noise; the
medians of several runs are reported.
"""

from __future__ import annotations

import argparse
import compileall
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HELLO = """
import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    typer.echo(f"hello {name}")


if __name__ == "__main__":
    app()
"""

BATCH = """
import resource, sys, time
from collections.abc import Callable
from pathlib import Path
from careerfit.batch import pipeline as batch
from careerfit.kb.location import bundled_data_dir
from careerfit.kb.cache import load_cached
kb = load_cached(bundled_data_dir())
started = time.perf_counter()
with open(sys.argv[1], encoding="utf-8", newline="") as source, open(sys.argv[2], "w") as sink:
    summary = batch.run(kb, source, sys.argv[3], sink)
elapsed = time.perf_counter() - started
# VmHWM is this process's own peak; ru_maxrss on Linux keeps the parent's from before exec.
try:
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(summary.scored, elapsed, peak)
"""


def wall(argv: list[str], env: dict[str, str]) -> float:
    """Wall time of one whole process, start to exit."""
    started = time.perf_counter()
    subprocess.run(argv, env=env, capture_output=True, check=True)
    return time.perf_counter() - started


def startup(runs: int, work: Path) -> None:
    import careerfit

    # Measure careerfit as installed: pip compiles a wheel's modules to bytecode when it
    # installs it, but an editable install (or PYTHONDONTWRITEBYTECODE) leaves the source
    # to be compiled on every run, which would add ~20 ms that no user pays.
    compileall.compile_dir(Path(careerfit.__file__).parent, quiet=1)
    env = {
        **os.environ,
        "CAREERFIT_HOME": str(work / "home"),
        "CAREERFIT_CACHE": str(work / "cache"),
    }
    hello = work / "hello.py"
    hello.write_text(HELLO)
    # A validity person's answers (written blind for the current questions), so that the
    # file never falls behind the question bank.
    answers = next((Path(__file__).parent / "personas" / "answers").glob("p01-*.yaml"))
    exe = Path(sys.executable).with_name("careerfit")
    base = [str(exe)] if exe.exists() else [sys.executable, "-m", "careerfit"]
    commands = {
        "hello": [sys.executable, str(hello)],
        "careerfit --help": [*base, "--help"],
        "careerfit roles": [*base, "roles"],
        "careerfit profile paralegal": [*base, "profile", "paralegal"],
        "careerfit quiz --answers FILE": [*base, "quiz", "--answers", str(answers)],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for argv in commands.values():  # warm-up: the cache is filled, files are in memory
        wall(argv, env)
    for _ in range(runs):  # interleaved, so that drift in the machine's speed hits all alike
        for name, argv in commands.items():
            times[name].append(wall(argv, env))
    ref = statistics.median(times.pop("hello"))
    print(f"1. Start-up: median of {runs} interleaved runs after a warm-up (s)\n")
    print(f"   {'command':36} {'careerfit':>9} {'hello':>7} {'ratio':>6}")
    for name, measured in times.items():
        mine = statistics.median(measured)
        print(f"   {name:36} {mine:9.3f} {ref:7.3f} {mine / ref:6.2f}")
    print()


def knowledge_bases(work: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # support/
    from careerfit.fit.ranking import rank as score
    from careerfit.kb.cache import load_cached
    from careerfit.kb.load import load
    from support import synthetic
    from support.simulate import answers_like

    print("2. Knowledge-base size: load, and score one respondent (best of 5)\n")
    print(
        f"   {'roles x questions':18} {'validate':>9} {'cached':>8} {'rank':>9} {'+ explain':>10}"
    )
    for n, m in ((16, 26), (100, 60), (1000, 300)):
        folder = synthetic.write(work / f"kb-{n}", n, m, seed=1)
        os.environ["CAREERFIT_CACHE"] = str(work / f"cache-{n}")
        validate = _best_of(1, load, folder)
        load_cached(folder)  # fills the cache
        cached = _best_of(5, load_cached, folder)
        kb = load(folder)
        answers = answers_like(kb, kb.roles[0])
        rank = _best_of(5, score, kb, answers)
        explained = _best_of(5, _score_and_explain, score, kb, answers)
        print(
            f"   {f'{n} x {m}':18} {validate:8.3f}s {cached:7.3f}s {rank * 1000:7.2f}ms "
            f"{explained * 1000:8.2f}ms"
        )
    print()


def _score_and_explain(score: Callable, kb: object, answers: dict) -> None:
    best = score(kb, answers).ranked[0]
    best.contributions, best.gaps  # noqa: B018 - computing the explanation is the point


def _best_of(times: int, action: Callable, *args: object) -> float:
    best = float("inf")
    for _ in range(times):
        started = time.perf_counter()
        action(*args)
        best = min(best, time.perf_counter() - started)
    return best


def batch_throughput(work: Path, sizes: list[int]) -> None:
    from careerfit.kb.load import load
    from careerfit.kb.location import bundled_data_dir

    kb = load(bundled_data_dir())
    rng = random.Random(2026)
    questions = kb.questions_file.questions
    print("3. Batch: careerfit score on the bundled knowledge base, one process each\n")
    print(f"   {'respondents':>11} {'format':>6} {'seconds':>8} {'per second':>11} {'peak MB':>8}")
    timings: dict[str, list[tuple[int, float]]] = {"jsonl": [], "csv": []}
    for size in sizes:
        for kind in ("jsonl", "csv"):
            source = work / f"responses-{size}.{kind}"
            with source.open("w", newline="") as handle:
                writer = csv.writer(handle) if kind == "csv" else None
                if writer:
                    writer.writerow([q.id for q in questions])
                for _ in range(size):
                    answers = {}
                    for q in questions:
                        if q.kind.value == "multi":
                            plain = [o.value for o in q.options if not o.exclusive]
                            answers[q.id] = rng.sample(plain, rng.randint(1, 2))
                        else:
                            answers[q.id] = rng.choice(q.options).value
                    if writer:
                        writer.writerow(
                            [";".join(v) if isinstance(v, list) else v for v in answers.values()]
                        )
                    else:
                        handle.write(json.dumps(answers) + "\n")
            out = subprocess.run(
                [sys.executable, "-c", BATCH, str(source), str(work / f"out.{kind}"), kind],
                capture_output=True, text=True, check=True,
            ).stdout.split()  # fmt: skip
            scored, seconds, peak_kb = int(out[0]), float(out[1]), int(out[2])
            rate, peak = scored / seconds, peak_kb / 1024
            print(f"   {scored:>11,} {kind:>6} {seconds:8.2f} {rate:11,.0f} {peak:8.1f}")
            timings[kind].append((scored, seconds))
    # Linear in respondents means seconds = fixed + n x per-respondent; fit both.
    print()
    for kind, points in timings.items():
        fit = statistics.linear_regression([n for n, _ in points], [t for _, t in points])
        print(
            f"   {kind}: {fit.intercept:.3f} s fixed (numpy, tables) + {fit.slope * 1e6:.2f} us "
            f"per respondent ({1 / fit.slope:,.0f} per second once running)"
        )
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per start-up figure")
    parser.add_argument("--quick", action="store_true", help="skip the 100,000-respondent batch")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]} on {os.cpu_count()} cores\n")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        startup(args.runs, work)
        knowledge_bases(work)
        batch_throughput(work, [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000])


if __name__ == "__main__":
    main()
