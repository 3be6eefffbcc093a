"""Properties of the bundled knowledge base: every reference resolves, every fact is cited."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from careerfit.kb.citations import iter_cites
from careerfit.kb.facts import OPTIONAL_SECTIONS, DutyKind


@pytest.fixture(scope="module")
def sources(kb):
    """The source documents the knowledge base cites, by id."""
    return {s.id: s for s in kb.roles_file.sources}


def test_every_reference_of_a_role_resolves(kb, role):
    for move in role.moves:
        assert move.to in kb.by_id and move.to != role.id
    credential_ids = {c.id for c in kb.roles_file.credentials}
    for rc in role.credentials:
        assert rc.credential in credential_ids
    own = {d.id for d in role.duties} | {s.id for s in role.skills}
    for q in role.interview_questions:
        assert set(q.based_on) <= own
    # Every dimension is placed from evidence or said to have none, never left silent.
    assert set(role.fit) | set(role.fit_unknown) == {d.id for d in kb.dimensions}
    assert all(reason.strip() for reason in role.fit_unknown.values())


def test_every_citation_points_inside_a_known_source(sources, role):
    cites = list(iter_cites(role, ()))
    assert cites
    for _, cite in cites:
        first, last = cite.lines
        assert cite.source in sources
        assert 1 <= first <= last <= sources[cite.source].lines


def test_every_section_is_filled_or_marked_not_known(role):
    for section in OPTIONAL_SECTIONS:
        assert bool(getattr(role, section)) != (section in role.not_known), section
    assert all(reason.strip() for reason in role.not_known.values())
    assert role.duties and all(d.kind in DutyKind for d in role.duties)


def test_sources_disagree_openly_where_the_seed_readme_says_they_do(kb):
    # seeds/README.md: what a legal assistant does, what a legal clerk earns.
    for rid in ("legal-assistant", "legal-clerk", "legal-secretary"):
        disagreements = [v for v in kb.by_id[rid].varies if v.kind.value == "disagreement"]
        assert disagreements, rid
        for v in disagreements:
            assert len({c.source for c in v.cite}) >= 2


def test_comparisons_name_existing_roles(kb):
    for comparison in kb.roles_file.comparisons:
        assert set(comparison.roles) <= set(kb.by_id)


def _shared_dir() -> Path | None:
    here = Path(__file__).resolve().parents[2]
    for candidate in (here.parent / "shared", here / "shared"):
        if (candidate / "seeds").is_dir():
            return candidate
    env = os.environ.get("CAREERFIT_SHARED")
    return Path(env) if env else None


@pytest.fixture
def source_texts(sources) -> dict[str, list[str]]:
    """The lines of every source document, when they are beside this checkout."""
    shared = _shared_dir()
    if shared is None:
        pytest.skip("the source documents are not beside this checkout")
    return {
        s.id: (shared / s.file).read_text(encoding="utf-8").splitlines() for s in sources.values()
    }


def test_cited_lines_exist_and_are_not_blank(kb, sources, source_texts):
    texts = source_texts
    for sid, lines in texts.items():
        assert len(lines) == sources[sid].lines, f"{sid}: declared line count is stale"
    for role in kb.roles:
        for loc, cite in iter_cites(role, ()):
            first, last = cite.lines
            cited = " ".join(texts[cite.source][first - 1 : last]).strip()
            assert cited, f"{role.id} {loc} cites blank line(s) {cite}"


EVIDENCE_SHEET = "reference/occupation-evidence.md"


def test_evidence_sheet_lines_are_cited_through_the_page_they_record(kb, sources, source_texts):
    # Every line of the occupation evidence sheet ends with the address of the public page it
    # records, in square brackets; a source on that file stands for one such page. So a line
    # cited through a source must name that source's address, or the reader is sent to the
    # wrong page.
    on_sheet = {sid: s for sid, s in sources.items() if s.file == EVIDENCE_SHEET}
    assert on_sheet, "no public page is cited through the evidence sheet"
    for sid, source in on_sheet.items():
        assert source.url, f"{sid} is on the evidence sheet but has no url"
    checked = 0
    for owner, obj in [
        *((f"credential {c.id}", c) for c in kb.roles_file.credentials),
        *((f"role {r.id}", r) for r in kb.roles),
        *((f"comparison {i}", c) for i, c in enumerate(kb.roles_file.comparisons)),
    ]:
        for loc, cite in iter_cites(obj, ()):
            source = on_sheet.get(cite.source)
            if source is None:
                continue
            first, last = cite.lines
            for number in range(first, last + 1):
                line = source_texts[cite.source][number - 1]
                assert f"[{source.url}]" in line, (
                    f"{owner} {loc} cites {cite}, but line {number} of the evidence sheet does not "
                    f"record {source.url}"
                )
                checked += 1
    assert checked >= 50


def test_every_pay_figure_appears_in_the_lines_it_cites(kb, source_texts):
    texts = source_texts
    checked = 0
    for role in kb.roles:
        for pay in role.pay:
            cited = " ".join(
                " ".join(texts[c.source][c.lines[0] - 1 : c.lines[1]]) for c in pay.cite
            )
            for figure in (pay.amount, pay.low, pay.high):
                if figure is not None:
                    assert f"{figure:,}" in cited, (role.id, pay.label, figure)
                    checked += 1
    assert checked >= 10


def test_knowledge_base_objects_are_read_only_and_survive_the_cache_round_trip(kb):
    import pickle

    role = kb.by_id["paralegal"]
    with pytest.raises(AttributeError, match="read-only"):
        role.title = "Something else"
    again = pickle.loads(pickle.dumps(role))
    assert (again.title, again.substantive_share) == (role.title, role.substantive_share)
    assert [d.text for d in again.duties] == [d.text for d in role.duties]
