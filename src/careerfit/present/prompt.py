"""The interactive side of the quiz: showing a question and reading the reply.

This is the only code that reads the keyboard. It turns each reply into an action with
:func:`careerfit.quiz.parse_reply` and re-asks, with the valid range, until the reply means
something; the flow itself lives in :mod:`careerfit.quiz`.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from careerfit.present.render import bar, plain
from careerfit.quiz.flow import Action, InvalidReply, Prompt, help_line, parse_reply


def asker(console: Console) -> Callable[[Prompt], Action]:
    """An ``ask`` function for :func:`careerfit.quiz.run` that uses this console."""

    def ask(prompt: Prompt) -> Action:
        show(console, prompt)
        while True:
            reply = console.input("> ")
            try:
                action = parse_reply(prompt, reply)
            except InvalidReply as err:
                console.print(plain(str(err), "yellow"))
                continue
            if action.kind == "why":
                console.print(plain(f"Why we ask: {prompt.question.why}", "italic"))
                continue
            return action

    return ask


def show(console: Console, prompt: Prompt) -> None:
    """Progress, the question, its numbered answers, and the keys that work."""
    q = prompt.question
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
