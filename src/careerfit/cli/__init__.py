"""The command line: the Typer app and its commands, each parsing, calling one function, rendering.

Importing this package registers every command on :data:`app`.
"""

from careerfit.cli import batch_commands, quiz_commands, role_commands
from careerfit.cli.app import app
from careerfit.cli.process import main

__all__ = ["app", "batch_commands", "main", "quiz_commands", "role_commands"]
