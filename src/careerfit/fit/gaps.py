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


# The status of a gap the sources call usual rather than required: the role is open without
# it, but the results say the role usually asks it (RoleResult.status).
USUAL = "usual"


@record
class Gap:
    """Something between someone and a role, and what the sources say about it.

    ``hard`` gaps are requirements (the role is marked "needs ..."); the others are what
    the role usually asks or what sources recommend. Each part is said once: what it is
    (``name``), how firmly the role asks it (``status``), why (``reason``, the source's
    words) and, for a credential, who issues it and who may take it (``how``).
    """

    kind: str  # "education", "experience" or "credential"
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
    kb: KnowledgeBase,
    education: EducationLevel | None,
    held: frozenset[str],
    role: Role,
    years: int | None = None,
) -> list[Gap]:
    """Education, experience and credentials ``role`` asks beyond what someone has.

    With ``education`` (or ``years``) unknown, no education (or experience) gap is claimed.
    An optional credential is listed only when the person's years of work may already
    qualify them for it (a step within reach); a requirement limited to one region is shown
    but is not hard. Where a credential can be earned through years of work and ``years`` is
    enough, the step says so.
    """
    out: list[Gap] = []
    usual = role.experience
    if usual is not None and years is not None and years < usual.years:
        name = f"about {usual.years} years' experience"
        out.append(Gap("experience", False, name, name, USUAL, usual.text, "", tuple(usual.cite)))
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
                Gap("education", False, name, name, USUAL, typical.text, "",
                    tuple(typical.cite))
            )  # fmt: skip
    for rc in role.credentials:
        if rc.credential not in held:
            out.extend(_credential_gap(kb, rc, years))
    return out


def _credential_gap(kb: KnowledgeBase, rc: RoleCredential, years: int | None) -> list[Gap]:
    """The gap a credential the person lacks makes, if it is one worth showing."""
    cred = kb.credential(rc.credential)
    route = cred.experience_route
    qualifies = route is not None and years is not None and years >= route.years
    if rc.status is CredentialStatus.optional and not qualifies:
        return []
    how = f"Issued by {cred.body}."
    if cred.eligibility:
        how += f" Eligibility: {cred.eligibility}"
    if cred.study_time:
        how += f" Study: {cred.study_time}"
    if route is not None and qualifies:
        how += f" With {years}+ years in legal work you may already qualify: {route.text}"
    status = rc.status.value + (f" in {rc.region}" if rc.region else "")
    return [
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
    ]
