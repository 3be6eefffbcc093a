"""Quiz sessions: taking a quiz (resuming, claiming, revisiting), and reading one back.

Everything between "the person runs the quiz" and "these are their answers", without a
terminal: the conversation goes through a :class:`QuizUI` (the terminal one lives in
:mod:`careerfit.present.prompt`; tests pass a scripted one), and every answer goes to the
:class:`~careerfit.quiz.store.Store` the moment it is given.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from careerfit.clock import local
from careerfit.errors import QuizStopped, SessionBusy, UsageError
from careerfit.fit.adaptive import plan
from careerfit.fit.answers import Value, replay
from careerfit.fit.assess import Assessment, assess
from careerfit.fit.caveats import concerns
from careerfit.fit.certainty import one_by_one
from careerfit.fit.whatif import what_if
from careerfit.kb.knowledge_base import KnowledgeBase
from careerfit.quiz import answers_file, flow
from careerfit.quiz.order import Adaptive
from careerfit.records import record, replace

if TYPE_CHECKING:
    from careerfit.quiz.store import Session, Store


class QuizUI(Protocol):
    """How the quiz talks to the person: ask a question, ask yes or no, tell them something."""

    def ask(self, prompt: flow.Prompt) -> flow.Action:
        """Show a question and return what the person chose to do."""

    def confirm(self, question: str, default: bool) -> bool:
        """A yes-or-no question; Enter gives ``default``."""

    def tell(self, text: str) -> None:
        """A notice on its own line."""


@record
class Answered:
    """A set of answers and where it came from, as results, reports and history need it."""

    answers: dict[str, Value]
    origin: str  # "quiz" (just taken), "stored" (read back) or "file"
    session_id: int | None = None
    started: str | None = None  # when a stored quiz was started (ISO date and time, UTC)
    file_name: str | None = None
    unfinished: bool = False  # a stored quiz that was never finished
    answered_against: str | None = None  # an older knowledge-base version it was answered for
    dropped: tuple[str, ...] = ()  # answers to questions no longer asked
    changes: tuple[str, ...] = ()  # what-if changes applied, not stored
    finished: bool = True  # False when the person saved and quit before the last question
    asked: int | None = None  # questions asked, when the quiz chose them as it went
    stopped: str | None = None  # why an adaptive quiz stopped early, in words
    more: bool = False  # it stopped once settled: more questions could sharpen the ranking


def take(
    kb: KnowledgeBase,
    store: Store,
    ui: QuizUI,
    restart: bool,
    resume: int | None = None,
    full: bool = False,
) -> Answered:
    """Run the quiz, resuming the unfinished one if the person wants; every answer is saved.

    By default each next question is chosen from the answers so far and the quiz stops once
    the top match is settled (:mod:`careerfit.quiz.order`); ``full`` asks every question.
    Raises :class:`QuizStopped` on Ctrl-C or end of input (the answers given are kept), and
    :class:`SessionBusy` if the quiz to resume is open in another window.
    """
    try:
        session_id, answers, asked = _open(kb, store, ui, restart, resume)
    except (KeyboardInterrupt, EOFError) as stop:  # at the resume question: nothing changed
        ui.tell("")
        raise QuizStopped(0, isinstance(stop, KeyboardInterrupt)) from None
    # Where the person stopped (earlier than the last question asked if they went back).
    stopped_at = store.session(session_id).position
    order: flow.Order
    if full:
        order = flow.Fixed(kb.questions)
        first_new = next((i for i, q in enumerate(kb.questions) if q.id not in asked), 0)
        position = min(stopped_at, first_new)
    else:
        order, position = Adaptive(kb, answers, asked), min(stopped_at, len(asked))
    outcome = _ask(store, ui, session_id, order, answers, position)
    if outcome == "quit":
        _discard_if_empty(store, session_id)
        return Answered(answers, "quiz", session_id, finished=False)
    _revisit(kb, store, ui, session_id, answers)
    return _taken(kb, session_id, answers, order)


def more(kb: KnowledgeBase, store: Store, ui: QuizUI, answered: Answered) -> Answered:
    """Go on with a quiz that stopped once settled: a few more questions, then stop again.

    How many is ``more_at_a_time`` (questions.yaml). The same quiz continues (same number,
    same answers), as if it had never stopped.
    """
    assert answered.session_id is not None
    session_id = answered.session_id
    answers = dict(answered.answers)
    asked = _still_asked(kb, store.answers(session_id, skipped=True))
    count = kb.questions_file.adaptive.more_at_a_time
    order = Adaptive(kb, answers, asked, more=count)
    outcome = _ask(store, ui, session_id, order, answers, len(asked), finished=True)
    if outcome == "quit":
        return Answered(answers, "quiz", session_id, asked=len(asked))
    return _taken(kb, session_id, answers, order)


def _ask(
    store: Store,
    ui: QuizUI,
    session_id: int,
    order: flow.Order,
    answers: dict[str, Value],
    position: int,
    finished: bool = False,
) -> flow.Outcome:
    """Run the flow on a claimed session, saving every answer; Ctrl-C or EOF stop it.

    ``finished``: the quiz had finished and these are extra questions (:func:`more`).
    """
    if not store.claim(session_id):
        raise SessionBusy(session_id)
    try:
        return flow.run(
            order,
            answers,
            position,
            ui.ask,
            save=lambda qid, value, pos: store.record(session_id, qid, value, pos),
            moved=lambda pos: store.move(session_id, pos),
        )
    except (KeyboardInterrupt, EOFError) as stop:
        ui.tell("")  # the message starts on its own line, not after the prompt
        _discard_if_empty(store, session_id)
        raise QuizStopped(len(answers), isinstance(stop, KeyboardInterrupt), finished) from None


def _taken(
    kb: KnowledgeBase, session_id: int, answers: dict[str, Value], order: flow.Order
) -> Answered:
    """A quiz just finished, with how many questions it asked and why it stopped."""
    if isinstance(order, Adaptive) and order.last is not None:
        early = len(order.asked) < len(kb.questions)
        return Answered(
            answers,
            "quiz",
            session_id,
            asked=len(order.asked),
            stopped=order.last.why if early else None,
            more=order.last.settled,
        )
    return Answered(answers, "quiz", session_id)


def _discard_if_empty(store: Store, session_id: int) -> None:
    """Forget a quiz left before its first answer, so it never becomes "the latest" quiz."""
    session = store.session(session_id)
    if session.position == 0 and not store.answers(session_id):
        store.delete([session_id])


def _open(
    kb: KnowledgeBase, store: Store, ui: QuizUI, restart: bool, resume: int | None
) -> tuple[int, dict[str, Value], list[str]]:
    """The session to answer, its answers so far and the questions already asked, in order.

    A quiz set aside (the person declined to resume it, or started afresh) keeps its
    answers and can be taken up again by number: nothing a person answered is lost.
    """
    if resume is not None:
        chosen = store.session(resume)
        if chosen.status == "complete":
            raise UsageError(f"Quiz {resume} is finished; there is nothing left to resume.")
        store.abandon(resume, resume=True)
        return _continue(kb, store, ui, chosen)
    unfinished = store.unfinished()
    if unfinished is not None and not restart:
        when = local(unfinished.updated_at)
        question = f"Unfinished quiz from {when} ({unfinished.answered} answered). Resume it?"
        if ui.confirm(question, default=True):
            return _continue(kb, store, ui, unfinished)
    if unfinished is not None:
        store.abandon(unfinished.id)
        ui.tell(
            f"Quiz {unfinished.id} is set aside with its answers; "
            f"'careerfit quiz --resume {unfinished.id}' takes it up again."
        )
    return store.start(kb.version), {}, []


def _continue(
    kb: KnowledgeBase, store: Store, ui: QuizUI, session: Session
) -> tuple[int, dict[str, Value], list[str]]:
    """A stored quiz's answers and the questions it asked (after any change of questions)."""
    logged = store.answers(session.id, skipped=True)
    answers, dropped = replay(kb.questions_file, {q: v for q, v in logged.items() if v is not None})
    asked = _still_asked(kb, logged)
    if session.kb_version != kb.version:
        note = f"The questions have changed since; kept {len(answers)} answers"
        ui.tell(note + (f", dropped {', '.join(dropped)}." if dropped else "."))
        store.rebase(session.id, kb.version)
    return session.id, answers, asked


def _still_asked(kb: KnowledgeBase, logged: dict[str, object]) -> list[str]:
    """The questions a stored quiz asked, in the order asked, that the bank still has."""
    current = {q.id for q in kb.questions}
    return [q for q in logged if q in current]


def _revisit(
    kb: KnowledgeBase, store: Store, ui: QuizUI, session_id: int, answers: dict[str, Value]
) -> None:
    """Offer to re-ask questions whose answers look careless; store what changes."""
    found = concerns(kb, answers)
    if not found:
        return
    for concern in found:
        ui.tell(f"Careful: {concern.text}")
    ids = list(dict.fromkeys(q for c in found for q in c.questions))
    end = store.session(session_id).position
    try:
        if not ui.confirm(f"Revisit those {len(ids)} questions now?", default=False):
            return
        flow.run(
            flow.Fixed([q for q in kb.questions if q.id in ids]),
            answers,
            0,
            ui.ask,
            save=lambda qid, value, pos: store.record(session_id, qid, value, end),
            moved=lambda pos: None,
        )
    except (KeyboardInterrupt, EOFError):
        ui.tell("Kept your answers as they were.")


@record
class Overview:
    """One quiz as ``history`` lists it: its top match by title, and whether it is final."""

    session: Session
    top: str | None  # the top match's title
    fit: float | None
    so_far: bool  # an unfinished quiz, ranked on the answers it has


def overview(kb: KnowledgeBase, store: Store) -> list[Overview]:
    """Every quiz, newest first, with its top match; unfinished ones ranked as they stand.

    A finished quiz keeps the top match it had when finished; an unfinished one with enough
    answers to rank is ranked now, and says so, rather than showing nothing.
    """
    out = []
    for s in store.sessions():
        if s.status == "complete" and s.top_role is not None:
            role = kb.by_id.get(s.top_role)
            title = role.title if role is not None else s.top_role
            out.append(Overview(s, title, s.top_fit, False))
            continue
        answers, _ = replay(kb.questions_file, store.answers(s.id))
        assessment = assess(kb, answers) if answers else None
        if assessment is not None and assessment.enough:
            best = assessment.best
            out.append(Overview(s, best.role.title, best.fit, True))
        else:
            out.append(Overview(s, None, None, s.status != "complete"))
    return out


def stored(kb: KnowledgeBase, store: Store, session_id: int | None) -> Answered:
    """A stored quiz's answers (default: the latest) re-checked against the current questions.

    A finished adaptive quiz says again how many questions it asked and why it stopped:
    the stop rule depends only on the answers, the order they were asked in and the
    knowledge base, so it is worked out again rather than stored (and not at all when the
    knowledge base has changed since, as it might not stop there now).
    """
    session = store.session(session_id)
    logged = store.answers(session.id, skipped=True)
    answers, dropped = replay(kb.questions_file, {q: v for q, v in logged.items() if v is not None})
    older = session.kb_version if session.kb_version != kb.version else None
    asked, stopped = None, None
    if session.status == "complete" and older is None and len(logged) < len(kb.questions):
        done = plan(kb, answers, list(logged), score=one_by_one)
        if done.question is None:
            asked, stopped = len(logged), done.why
    return Answered(
        answers,
        "stored",
        session.id,
        started=session.started_at,
        unfinished=session.status == "in-progress",
        answered_against=older,
        dropped=tuple(dropped) if older else (),
        asked=asked,
        stopped=stopped,
    )


def from_file(kb: KnowledgeBase, path: Path) -> Answered:
    """The answers of an answers file, checked; nothing is stored."""
    return Answered(answers_file.load(kb, path), "file", file_name=path.name)


def changed(kb: KnowledgeBase, answered: Answered, specs: list[str]) -> Answered:
    """The same answers with what-if changes applied (``question=answer``); nothing is stored."""
    return replace(
        answered,
        answers=what_if(kb, answered.answers, specs),
        changes=answered.changes + tuple(specs),
    )


def conclude(kb: KnowledgeBase, store: Store | None, answered: Answered) -> Assessment:
    """Assess the answers; a quiz just finished is stored with its top match for history."""
    assessment = assess(kb, answered.answers)
    if store is not None and answered.origin == "quiz" and answered.session_id is not None:
        best = assessment.best
        store.finish(answered.session_id, best.role.id, best.fit)
    return assessment
