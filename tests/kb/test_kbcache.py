"""The knowledge-base cache: used when the files are unchanged, never trusted over them."""

from __future__ import annotations

import os
import pickle

import pytest

from careerfit.kb import load as knowledge
from careerfit.kb.cache import load_cached
from support.processes import run_python


def _cache_files(tmp_path):
    return sorted((tmp_path / "cache").glob("kb-*.pickle"))


def test_second_load_comes_from_the_cache(kb_copy, tmp_path, monkeypatch):
    first = load_cached(kb_copy)
    assert len(_cache_files(tmp_path)) == 1

    def no_validation(directory):
        raise AssertionError("validated again although nothing changed")

    monkeypatch.setattr(knowledge, "load", no_validation)
    again = load_cached(kb_copy)
    assert again.version == first.version
    assert [r.id for r in again.roles] == [r.id for r in first.roles]
    assert again.by_id["paralegal"].substantive_share == first.by_id["paralegal"].substantive_share


def test_any_edit_to_the_source_is_seen(kb_copy, tmp_path):
    load_cached(kb_copy)
    path = kb_copy / "roles.yaml"
    path.write_text(path.read_text().replace("title: Legal Clerk\n", "title: Records Clerk\n"))
    assert load_cached(kb_copy).by_id["legal-clerk"].title == "Records Clerk"
    path.write_text(path.read_text().replace("  - id: legal-secretary\n", "  - id: paralegal\n"))
    with pytest.raises(knowledge.DataError):
        load_cached(kb_copy)


@pytest.mark.parametrize("damage", ["garbage", "wrong-shape", "group-writable"])
def test_a_bad_cache_file_is_ignored_not_trusted(kb_copy, tmp_path, damage):
    load_cached(kb_copy)
    (cached,) = _cache_files(tmp_path)
    if damage == "garbage":
        cached.write_bytes(b"\x80\x04not a pickle")
    elif damage == "wrong-shape":
        cached.write_bytes(pickle.dumps(["something", "else"]))
    else:
        os.chmod(cached, 0o666)
    kb = load_cached(kb_copy)
    assert len(kb.roles) == 16


def test_cache_can_be_turned_off(kb_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("CAREERFIT_CACHE", "off")
    assert len(load_cached(kb_copy).roles) == 16
    assert not (tmp_path / "cache").exists()


def test_an_unwritable_cache_folder_only_means_no_cache(kb_copy, tmp_path, monkeypatch):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    monkeypatch.setenv("CAREERFIT_CACHE", str(blocker / "cache"))
    assert len(load_cached(kb_copy).roles) == 16


@pytest.mark.slow
def test_a_cached_load_does_not_import_the_yaml_reader(kb_copy, tmp_path):
    """What the split of knowledgebase from knowledge is for: start-up of cached commands."""
    load_cached(kb_copy)
    code = (
        "import sys; from pathlib import Path; from careerfit.kb.cache import load_cached; "
        f"load_cached(Path({str(kb_copy)!r})); "
        "print(sorted(m for m in sys.modules if m in ('careerfit.kb.load', 'yaml', "
        "'careerfit.kb.yamlread', 'pydantic')))"
    )
    out = run_python(code, home=tmp_path / "home", cache=tmp_path / "cache")
    assert out.stdout.strip() == "[]", out.stderr


def test_a_cached_load_leaves_the_garbage_collector_as_it_found_it(kb_copy):
    import gc

    load_cached(kb_copy)  # fills the cache; the next load unpickles with the collector paused
    assert gc.isenabled()
    load_cached(kb_copy)
    assert gc.isenabled()
    gc.disable()
    try:
        load_cached(kb_copy)
        assert not gc.isenabled()
    finally:
        gc.enable()
