"""What a role asks that someone does not have yet: education and credentials.

One function serves both the quiz (a person's education and credentials against a role)
and career paths (one role's usual education and credentials against the next), so the two
can never disagree about what a step takes.
"""

from __future__ import annotations

from careerfit.kb.facts import CredentialStatus, EducationLevel, RoleCredential
from careerfit.kb.knowledge_base import KnowledgeBase
from careerfit.kb.roles import Role
from careerfit.records import record

LEVEL_NAMES = {
    EducationLevel.none: "no diploma",
    EducationLevel.high_school: "a high school diploma",
    EducationLevel.some_college: "some college",
    EducationLevel.certificate: "a certificate or diploma",
    EducationLevel.associate: "an associate degree",
    EducationLevel.bachelor: "a bachelor's degree",
    EducationLevel.post_degree_certificate: "a certificate after a degree",
    EducationLevel.master: "a master's degree",
    EducationLevel.jd: "a law degree (J.D.)",
}


@record
class Gap:
    """Something between someone and a role, and what the sources say about it.

    ``hard`` gaps are requirements (the role is marked "needs ..."); the others are what
    the role usually asks or what sources recommend. Each part is said once: what it is
    (``name``), how firmly the role asks it (``status``), why (``reason``, the source's
    words) and, for a credential, who issues it and who may take it (``how``).
    """

    kind: str  # "education" or "credential"
    hard: bool
    name: str  # "a law degree (J.D.)", "Certified Paralegal (CP)"
    short: str  # for a status cell after "needs": "a law degree (J.D.)", "CP"
    status: str  # "required", "usual", "recommended", "required in California"
    reason: str
    how: str  # "Issued by NALA, The Paralegal Association. Eligibility: ..." or ""
    cites: tuple[str, ...]


def is_hard(credential: RoleCredential) -> bool:
    """A credential the role requires everywhere: without it, the role is not open yet.

    A requirement limited to one region is shown but does not bar the way.
    """
    return credential.status is CredentialStatus.required and credential.region is None


def gaps(
    kb: KnowledgeBase, education: EducationLevel | None, held: frozenset[str], role: Role
) -> list[Gap]:
    """Education and credentials ``role`` asks beyond ``education`` and ``held``.

    With ``education`` unknown, no education gap is claimed. Optional credentials are never
    gaps; a requirement limited to one region is shown but is not hard.
    """
    out: list[Gap] = []
    minimum, typical = role.education.minimum, role.education.typical
    if education is not None:
        if minimum and education.rank < minimum.level.rank:
            name = LEVEL_NAMES[minimum.level]
            out.append(
                Gap("education", True, name, name, "required", minimum.text, "",
                    tuple(minimum.cite))
            )  # fmt: skip
        elif typical and education.rank < typical.level.rank:
            name = LEVEL_NAMES[typical.level]
            out.append(
                Gap("education", False, name, name, "usual", typical.text, "",
                    tuple(typical.cite))
            )  # fmt: skip
    for rc in role.credentials:
        if rc.credential in held or rc.status is CredentialStatus.optional:
            continue
        cred = kb.credential(rc.credential)
        how = f"Issued by {cred.body}."
        if cred.eligibility:
            how += f" Eligibility: {cred.eligibility}"
        if cred.study_time:
            how += f" Study: {cred.study_time}"
        status = rc.status.value + (f" in {rc.region}" if rc.region else "")
        out.append(
            Gap(
                "credential",
                is_hard(rc),
                kb.credential_name(rc.credential),
                cred.abbreviation or cred.name,
                status,
                rc.why,
                how,
                tuple(dict.fromkeys([*rc.cite, *cred.cite])),
            )
        )
    return out
