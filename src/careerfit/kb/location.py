"""Where the knowledge base comes from: ``--data``, ``CAREERFIT_DATA``, or the bundled one.

An installed wheel carries the knowledge base as package data (``careerfit/data``); an
editable install or a source checkout reads the repository's top-level ``data/`` directly,
so that editing ``data/roles.yaml`` takes effect without reinstalling.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "CAREERFIT_DATA"


def bundled_data_dir() -> Path:
    """The knowledge base that ships with careerfit.

    Found beside this module rather than through importlib.resources: careerfit is never
    run from a zip file, and importing the resources machinery cost every command 3 ms.
    """
    package = Path(__file__).resolve().parents[1]  # careerfit/
    packaged = package / "data"
    if (packaged / "roles.yaml").is_file():
        return packaged
    return package.parents[1] / "data"  # a checkout: src/careerfit -> the repository


def resolve_data_dir(option: Path | None) -> Path:
    """The directory to load: the option, else the environment variable, else bundled."""
    if option is not None:
        return option
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    return bundled_data_dir()
