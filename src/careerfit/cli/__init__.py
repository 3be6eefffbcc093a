"""The command line: the Typer app and its commands."""

from careerfit.cli.app import app, main

__all__ = ["app", "main"]
