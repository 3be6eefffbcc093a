"""The quiz in the terminal: showing a question, reading the reply, asking yes or no.

This is the only code that reads the keyboard. It turns each reply into an action with
:func:`careerfit.quiz.flow.parse_reply` and re-asks, with the valid range, until the reply
means something; the flow itself lives in :mod:`careerfit.quiz`.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from careerfit.errors import InvalidReply
from careerfit.present.widgets import bar, plain
from careerfit.quiz.flow import Action, Prompt, help_line, parse_reply


class TerminalUI:
    """The quiz's conversation (:class:`careerfit.quiz.sessions.QuizUI`) on a Rich console."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def ask(self, prompt: Prompt) -> Action:
        """Show the question and read replies until one means something here."""
        show(self.console, prompt)
        while True:
            reply = self.console.input("> ")
            try:
                action = parse_reply(prompt, reply)
            except InvalidReply as err:
                self.console.print(plain(str(err), "yellow"))
                continue
            if action.kind == "why":
                self.console.print(plain(f"Why we ask: {prompt.question.why}", "italic"))
                continue
            return action

    def confirm(self, question: str, default: bool) -> bool:
        """Ask yes or no; Enter gives the default, shown in capitals.

        Anything else ('yy', a pasted '1') is asked again: a typo must not decide for the
        person (declining a resume, say, sets a quiz aside).
        """
        keys = "[Y/n]" if default else "[y/N]"
        while True:
            reply = self.console.input(plain(f"{question} {keys} ")).strip().lower()
            if not reply:
                return default
            if reply in {"y", "yes", "n", "no"}:
                return reply.startswith("y")
            self.console.print(plain("Please type y for yes or n for no.", "yellow"))

    def tell(self, text: str) -> None:
        """A notice on its own line."""
        self.console.print(plain(text))


def show(console: Console, prompt: Prompt) -> None:
    """Progress, the question, its numbered answers, and the keys that work."""
    q = prompt.question
    if prompt.total is None:  # adaptive: the length depends on the answers
        progress = Text(f"Question {prompt.number}", style="bold")
        progress.append("  (the quiz stops once your top match is settled)", style="dim")
    else:
        done = (prompt.number - 1) / prompt.total
        progress = Text(f"Question {prompt.number} of {prompt.total}  ", style="bold")
        progress.append_text(bar(done, 20))
        progress.append(f" {round(done * 100)}%")
    console.print()
    console.print(progress)
    console.print(plain(q.text, "bold"))
    current = prompt.current if isinstance(prompt.current, tuple) else (prompt.current,)
    choices = Table.grid(padding=(0, 1))
    choices.add_column(justify="right", no_wrap=True)
    choices.add_column()
    for n, option in enumerate(q.options, start=1):
        label = plain(option.label)
        if option.value in current:
            label.append("  (your answer)", style="green")
        choices.add_row(plain(f"  {n}."), label)
    console.print(choices)
    console.print(plain(help_line(prompt), "dim"))
