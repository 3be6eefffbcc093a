"""Six realistic people, answering the quiz as they would: by their own words, not by the
role profiles. Each says what the sources lead us to expect for them, and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Persona:
    name: str
    story: str
    answers: dict[str, str | tuple[str, ...]]
    top: set[str]  # a sensible best match is one of these
    not_high: set[str]  # none of these may rank in the top five
    why: str = ""
    below: dict[str, str] = field(default_factory=dict)  # role -> role it must rank below


BOOKKEEPER = Persona(
    name="Dana, career changer from bookkeeping",
    story="41, fifteen years keeping the books for a builder; likes invoices, billing runs and "
    "month-end deadlines; associate degree in accounting; will do a short course, not a degree.",
    answers={
        "draft-or-schedule": "schedule",
        "enjoy-research": "disagree",
        "client-interviews": "neutral",
        "research-or-format": "format",
        "deadlines": "strongly-agree",
        "switching": "neutral",
        "interview-or-phones": "phones",
        "courtroom": "disagree",
        "enjoy-writing": "disagree",
        "strategy-or-operations": "operations",
        "manage-people": "neutral",
        "front-desk": "agree",
        "summarize-or-bill": "bill",
        "avoid-research": "agree",
        "steady-pace": "disagree",
        "checklist-or-judgement": "checklist",
        "prefer-behind-scenes": "neutral",
        "volume-or-depth": "volume",
        "one-thing-deeply": "neutral",
        "manage-or-do": "do",
        "ideal-day": "clear-list",
        "settings": ("small-firm",),
        "education": "associate",
        "study": "certificate",
        "credentials": ("none",),
        "pay": "45k",
    },
    top={
        "legal-assistant",
        "legal-case-manager",
        "legal-secretary",
        "legal-administrative-assistant",
    },
    not_high={"law-clerk", "legal-researcher", "compliance-officer"},
    why="Billing and deadlines are procedural work: s004:39 gives 'send out bills and resolve "
    "billing issues' to the legal assistant, s001:153 'client billing and case time management' "
    "to the case manager, and s001:17/s003:11 describe the legal secretary's schedules and "
    "documents. Law clerks, legal researchers and compliance officers do research and legal "
    "judgement (s001:139-149), which Dana says she does not enjoy.",
)

IMMIGRATION_VOLUNTEER = Persona(
    name="Marisol, bilingual immigration-clinic volunteer",
    story="29, bachelor's in political science, volunteers at an immigration legal-aid clinic "
    "interviewing clients in Spanish and English; enjoys hearing people's stories and turning "
    "them into declarations; would take a paralegal certificate.",
    answers={
        "draft-or-schedule": "draft",
        "enjoy-research": "agree",
        "client-interviews": "strongly-agree",
        "research-or-format": "research",
        "deadlines": "neutral",
        "switching": "agree",
        "interview-or-phones": "interview",
        "courtroom": "agree",
        "enjoy-writing": "agree",
        "strategy-or-operations": "strategy",
        "manage-people": "disagree",
        "front-desk": "agree",
        "summarize-or-bill": "summarize",
        "avoid-research": "disagree",
        "steady-pace": "neutral",
        "checklist-or-judgement": "judgement",
        "prefer-behind-scenes": "strongly-disagree",
        "volume-or-depth": "depth",
        "one-thing-deeply": "neutral",
        "manage-or-do": "do",
        "ideal-day": "people",
        "settings": ("small-firm", "legal-aid"),
        "education": "bachelor",
        "study": "certificate",
        "credentials": ("none",),
        "pay": "45k",
    },
    top={"paralegal"},
    not_high={"legal-transcriptionist", "law-office-manager", "legal-administrative-assistant"},
    why="Interviewing clients and witnesses and drafting are paralegal duties (s004:15-19); "
    "paralegals specialise in immigration law among others (s004:26) and a bachelor's plus a "
    "paralegal certificate is one of the three pathways (s001:78). Transcription, office "
    "management and administrative assistance involve little client interviewing.",
)

LAW_GRADUATE = Persona(
    name="Theo, new law-school graduate",
    story="27, just finished a J.D.; happiest in the library writing memos; wants a year in a "
    "courthouse before practice; not keen on client hand-holding.",
    answers={
        "draft-or-schedule": "draft",
        "enjoy-research": "strongly-agree",
        "client-interviews": "disagree",
        "research-or-format": "research",
        "deadlines": "neutral",
        "switching": "disagree",
        "interview-or-phones": "interview",
        "courtroom": "strongly-agree",
        "enjoy-writing": "strongly-agree",
        "strategy-or-operations": "strategy",
        "manage-people": "disagree",
        "front-desk": "disagree",
        "summarize-or-bill": "summarize",
        "avoid-research": "strongly-disagree",
        "steady-pace": "neutral",
        "checklist-or-judgement": "judgement",
        "prefer-behind-scenes": "agree",
        "volume-or-depth": "depth",
        "one-thing-deeply": "agree",
        "manage-or-do": "do",
        "ideal-day": "answer-question",
        "settings": ("court",),
        "education": "jd",
        "study": "none",
        "credentials": ("none",),
        "pay": "55k",
    },
    top={"law-clerk"},
    not_high={"legal-secretary", "legal-intake-specialist", "legal-administrative-assistant"},
    why="A law clerk is a law-school graduate who helps a judge or attorney with research, "
    "writing and analysis (s001:139); judicial law clerks research law and draft opinions "
    "(facts:48-50). Secretarial and intake roles are administrative and client-facing.",
)

OFFICE_ADMINISTRATOR = Persona(
    name="Gloria, office administrator moving into law",
    story="52, runs the front office of a dental practice with four staff: rotas, suppliers, "
    "scheduling; wants to run a law office, with no law school.",
    answers={
        "draft-or-schedule": "schedule",
        "enjoy-research": "disagree",
        "client-interviews": "neutral",
        "research-or-format": "format",
        "deadlines": "agree",
        "switching": "agree",
        "interview-or-phones": "phones",
        "courtroom": "strongly-disagree",
        "enjoy-writing": "disagree",
        "strategy-or-operations": "operations",
        "manage-people": "strongly-agree",
        "front-desk": "agree",
        "summarize-or-bill": "bill",
        "avoid-research": "agree",
        "steady-pace": "neutral",
        "checklist-or-judgement": "checklist",
        "prefer-behind-scenes": "disagree",
        "volume-or-depth": "volume",
        "one-thing-deeply": "disagree",
        "manage-or-do": "manage",
        "ideal-day": "run-team",
        "settings": ("small-firm", "large-firm"),
        "education": "high-school",
        "study": "certificate",
        "credentials": ("none",),
        "pay": "55k",
    },
    top={"law-office-manager"},
    not_high={"law-clerk", "legal-researcher", "compliance-officer"},
    why="Office management is where legal-secretary experience leads (s003:16, s003:36), and "
    "running the office and its people is the job; research roles ask for the legal analysis "
    "she says she does not want.",
)

REMOTE_TYPIST = Persona(
    name="Sam, home-based transcriber",
    story="35, did medical transcription from home for years, types fast and accurately, "
    "wants quiet remote work with no phones and no clients.",
    answers={
        "draft-or-schedule": "schedule",
        "enjoy-research": "disagree",
        "client-interviews": "strongly-disagree",
        "research-or-format": "format",
        "deadlines": "neutral",
        "switching": "disagree",
        "courtroom": "strongly-disagree",
        "enjoy-writing": "disagree",
        "strategy-or-operations": "operations",
        "manage-people": "strongly-disagree",
        "front-desk": "strongly-disagree",
        "summarize-or-bill": "summarize",
        "avoid-research": "agree",
        "steady-pace": "agree",
        "checklist-or-judgement": "checklist",
        "prefer-behind-scenes": "strongly-agree",
        "volume-or-depth": "volume",
        "one-thing-deeply": "strongly-agree",
        "manage-or-do": "do",
        "ideal-day": "clear-list",
        "settings": ("remote",),
        "education": "certificate",
        "study": "none",
        "credentials": ("none",),
        "pay": "35k",
    },  # skips interview-or-phones: Sam wants neither
    top={"legal-transcriptionist", "virtual-legal-assistant"},
    not_high={"law-office-manager", "paralegal", "law-clerk"},
    below={"legal-intake-specialist": "legal-transcriptionist"},
    why="Legal transcription is typing others' words (s002:14) and virtual legal assistants "
    "work remotely (s002:4). Office managers run people (s003:16, 36), paralegals interview "
    "clients and witnesses (s004:17-19), law clerks are law-school graduates doing research "
    "(s001:139). An intake specialist meets every new client, so must rank below "
    "transcription for someone who wants no clients (its profile rests only on the title, "
    "s002:53, so only this weaker check is made).",
)

SMALL_FIRM_ALLROUNDER = Persona(
    name="Jordan, small-firm all-rounder",
    story="31, receptionist at a three-lawyer general practice with an associate degree in "
    "paralegal studies; loves that no two hours are alike: a bit of research, then the "
    "calendar, then a client call; wants to stay in a small firm.",
    answers={
        "draft-or-schedule": "draft",
        "enjoy-research": "agree",
        "client-interviews": "agree",
        "research-or-format": "format",
        "deadlines": "agree",
        "switching": "strongly-agree",
        "interview-or-phones": "interview",
        "courtroom": "neutral",
        "enjoy-writing": "agree",
        "strategy-or-operations": "operations",
        "manage-people": "disagree",
        "front-desk": "agree",
        "summarize-or-bill": "bill",
        "avoid-research": "disagree",
        "steady-pace": "disagree",
        "checklist-or-judgement": "judgement",
        "prefer-behind-scenes": "disagree",
        "volume-or-depth": "volume",
        "one-thing-deeply": "strongly-disagree",
        "manage-or-do": "do",
        "ideal-day": "clear-list",
        "settings": ("small-firm",),
        "education": "associate",
        "study": "none",
        "credentials": ("none",),
        "pay": "45k",
    },
    top={"paralegal-secretary", "paralegal"},
    not_high={"compliance-officer", "law-office-manager", "legal-transcriptionist"},
    why="The paralegal secretary spans substantive and procedural work in one day and is "
    "found mostly in smaller practices where roles blend (s000:2-5); Jordan wants exactly that "
    "switching. Compliance, office management and transcription are single-track roles.",
)

PERSONAS = [BOOKKEEPER, IMMIGRATION_VOLUNTEER, LAW_GRADUATE, OFFICE_ADMINISTRATOR,
            REMOTE_TYPIST, SMALL_FIRM_ALLROUNDER]  # fmt: skip
