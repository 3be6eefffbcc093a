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
    """The knowledge base that ships with careerfit."""
    from importlib.resources import files

    packaged = Path(str(files("careerfit"))) / "data"
    if (packaged / "roles.yaml").is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"


def resolve_data_dir(option: Path | None) -> Path:
    """The directory to load: the option, else the environment variable, else bundled."""
    if option is not None:
        return option
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    return bundled_data_dir()
