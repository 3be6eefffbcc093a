"""careerfit: choose between legal-support careers from a cited knowledge base."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """``careerfit.__version__``, read from the package metadata only when asked for.

    Importing importlib.metadata costs more than the rest of a command's own start-up, so
    it happens only for ``--version``, reports and cache keys.
    """
    if name != "__version__":
        raise AttributeError(name)
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("careerfit")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"
