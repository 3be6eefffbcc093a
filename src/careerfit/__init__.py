"""careerfit: choose between legal-support careers from a cited knowledge base."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("careerfit")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
