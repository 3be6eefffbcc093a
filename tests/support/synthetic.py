"""Synthetic knowledge bases of any size, valid under the schema.

For the property tests (random small knowledge bases) and the benchmarks (an O*NET-sized
one with about 1,000 roles). The content is meaningless; the shape is the real format.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

from careerfit.kb.facts import OPTIONAL_SECTIONS

SETTINGS = ["small-firm", "large-firm", "court", "corporate", "government", "legal-aid", "remote"]
LEVELS = ["none", "high-school", "certificate", "associate", "bachelor", "master", "jd"]
SCALE = ["strongly-disagree", "disagree", "neutral", "agree", "strongly-agree"]
SOURCE_LINES = 1000


def build(n_roles: int, n_questions: int, seed: int = 0, n_dims: int = 6) -> tuple[dict, dict]:
    """Plain data for roles.yaml and questions.yaml (``n_questions`` >= 7)."""
    rng = random.Random(seed)
    # Each interest is measured by at least three questions, as the schema asks.
    n_dims = max(3, min(n_dims, (n_questions - 6) // 3))
    dims = [f"dim-{i}" for i in range(n_dims)]
    credentials = [f"cred-{i}" for i in range(5)]

    def cite() -> list[str]:
        first = rng.randint(1, SOURCE_LINES - 5)
        return [f"syn:{first}-{first + rng.randint(0, 4)}"]

    roles = []
    for i in range(n_roles):
        # Some roles lack data on a dimension, so "no data" paths are exercised too.
        unknown = set(rng.sample([*dims, "home"], rng.choice([0, 0, 1, 2])))
        typical = rng.randint(1, len(LEVELS) - 1)
        minimum = rng.randint(0, typical)
        duties = [
            {
                "id": f"d{j}",
                "text": f"Duty {j} of role {i}.",
                "kind": rng.choice(["substantive", "procedural"]),
                "cite": cite(),
            }
            for j in range(rng.randint(2, 8))
        ]
        others = [k for k in range(n_roles) if k != i]
        moves = [
            {"to": f"role-{k}", "kind": rng.choice(["advancement", "lateral"]), "cite": cite()}
            for k in rng.sample(others, min(len(others), rng.randint(0, 3)))
        ]
        role: dict[str, Any] = {
            "id": f"role-{i}",
            "title": f"Role {i}",
            "cite": cite(),
            "summary": {"text": f"Synthetic role {i}.", "cite": cite()},
            "duties": duties,
            "education": {
                "typical": {"level": LEVELS[typical], "text": "Typical.", "cite": cite()},
                "minimum": {"level": LEVELS[minimum], "text": "Minimum.", "cite": cite()},
            },
            "credentials": [
                {
                    "credential": c,
                    "status": rng.choice(["required", "recommended", "optional"]),
                    "why": "Synthetic reason.",
                    "cite": cite(),
                }
                for c in rng.sample(credentials, rng.randint(0, 2))
            ],
            "pay": [
                {
                    "label": "Median pay",
                    "kind": "median",
                    "amount": rng.randint(30, 90) * 1000,
                    "year": "2024",
                    "scoring": True,
                    "cite": cite(),
                }
            ]
            if rng.random() < 0.8
            else [],
            "workplaces": [
                {
                    "text": "Somewhere.",
                    "settings": rng.sample(SETTINGS, rng.randint(1, 3)),
                    "cite": cite(),
                }
            ]
            if rng.random() < 0.9
            else [],
            "moves": moves,
            "fit": {
                d: {"level": rng.randint(0, 4), "why": "Synthetic.", "cite": cite()}
                for d in [*dims, "home"]
                if d not in unknown
            },
            "fit_unknown": {d: "Synthetic: no source." for d in unknown},
        }
        filled = {k for k in ("credentials", "pay", "workplaces", "moves") if role[k]}
        role["not_known"] = {
            s: "Synthetic: not known." for s in OPTIONAL_SECTIONS if s not in filled
        }
        roles.append(role)
    roles_file = {
        "version": f"synthetic-{n_roles}x{n_questions}-{seed}",
        "sources": [{"id": "syn", "title": "Synthetic", "file": "none", "lines": SOURCE_LINES}],
        "credentials": [
            {
                "id": c,
                "name": f"Credential {c}",
                "body": "A body",
                "about": "An exam.",
                "cite": cite(),
            }
            for c in credentials
        ],
        "roles": roles,
    }
    questions: list[dict[str, Any]] = [
        {
            "id": "education",
            "kind": "choice",
            "text": "Education?",
            "why": "Requirements.",
            "skippable": False,
            "options": [{"value": lv, "label": lv, "education": lv} for lv in LEVELS],
        },
        {
            "id": "study",
            "kind": "choice",
            "text": "Study?",
            "why": "Reach.",
            "options": [{"value": lv, "label": lv, "study": lv} for lv in LEVELS],
        },
        {
            "id": "pay",
            "kind": "choice",
            "text": "Pay?",
            "why": "Pay.",
            "options": [
                {"value": f"p{k}", "label": f"${k}k", "pay": k * 1000} for k in (0, 40, 60, 80)
            ],
        },
        {
            "id": "settings",
            "kind": "multi",
            "text": "Where?",
            "why": "Settings.",
            "options": [{"value": s, "label": s, "setting": s} for s in SETTINGS],
        },
        {
            "id": "credentials",
            "kind": "multi",
            "text": "Held?",
            "why": "Credentials.",
            "options": [{"value": "none", "label": "None", "exclusive": True}]
            + [{"value": c, "label": c, "credential": c} for c in credentials],
        },
    ]
    questions.append(
        {
            "id": "where",
            "kind": "choice",
            "text": "Home or site?",
            "why": "Home.",
            "options": [
                {"value": f"h{k}", "label": f"Home {k}", "moves": {"home": k}} for k in range(5)
            ],
        }
    )
    for i in range(max(3 * n_dims, n_questions - len(questions))):
        dim = dims[i % n_dims]
        if i % 4 == 3:
            questions.append(
                {
                    "id": f"pair-{i}",
                    "kind": "pair",
                    "text": f"Pair {i}?",
                    "why": "Taste.",
                    "options": [
                        {"value": "a", "label": "A", "moves": {dim: 2}},
                        {"value": "b", "label": "B", "moves": {dim: 0}},
                    ],
                }
            )
        else:
            questions.append(
                {
                    "id": f"scale-{i}",
                    "kind": "scale",
                    "measures": dim,
                    "keyed": rng.choice(["agree", "disagree"]),
                    "text": f"Statement {i}.",
                    "why": "Taste.",
                }
            )
    questions_file = {
        "version": roles_file["version"],
        "dimensions": [
            {
                "id": d,
                "label": d,
                "activity": f"doing {d}",
                "low": "low",
                "high": "high",
                "weight": rng.choice([1, 1.5, 2]),
            }
            for d in dims
        ]
        + [
            {
                "id": "home",
                "label": "Home",
                "activity": "working from home",
                "low": "on site",
                "high": "at home",
                "weight": 1,
                "kind": "condition",
            }
        ],
        "factors": {
            "settings": {"label": "Setting", "weight": 1},
            "pay": {"label": "Pay", "weight": 1.5, "shortfall_to_zero": 0.4},
            "preparation": {
                "label": "Education",
                "weight": 1,
                "per_level_short": 0.25,
                "per_level_over": 0.1,
            },
            "credentials": {"label": "Credentials", "weight": 1},
        },
        "quality": {
            "same_answer_share": 0.8,
            "min_scale_answers": 6,
            "opposite_pairs": 3,
            "min_work_answers": 4,
            "min_dimensions": 3,
            "answer_noise": 0.15,
            "tie_z": 1.0,
            "min_shared_dimensions": 3,
            "neutral_weight": 0.33,
        },
        "questions": questions,
    }
    return roles_file, questions_file


def write(directory: Path, n_roles: int, n_questions: int, seed: int = 0) -> Path:
    """Write a synthetic knowledge base to ``directory`` and return it."""
    roles, questions = build(n_roles, n_questions, seed)
    directory.mkdir(parents=True, exist_ok=True)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    for name, data in (("roles.yaml", roles), ("questions.yaml", questions)):
        with (directory / name).open("w", encoding="utf-8") as handle:
            yaml.dump(data, handle, Dumper=dumper, sort_keys=False)
    return directory
