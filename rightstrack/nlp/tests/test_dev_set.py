"""The development articles (../shared/data/articles, read by hand in its SOURCES.md): every hand-read fact
the text states is extracted, and the same-event groups are exact. Skipped where the shared folder is
absent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rightstrack.nlp.evaluate import evaluate, load_expected
from rightstrack.nlp_cli import extract_files

ARTICLES = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "articles"
FACTS = Path(__file__).parent / "data" / "articles-facts.json"
# Read by hand from the page's address, not from its text: no rule may find it (SOURCES.md, file 2).
NOT_IN_THE_TEXT = {("kind", "en-hcm-training-vietnamvn.txt")}

pytestmark = pytest.mark.skipif(
    not (ARTICLES / "SOURCES.md").is_file(), reason=f"the development articles are not at {ARTICLES}"
)


@pytest.fixture(scope="module")
def report(django_db_setup: None, django_db_blocker: Any) -> dict[str, Any]:
    expected = load_expected(FACTS)
    paths = [ARTICLES / name for name in expected.files]
    with django_db_blocker.unblock():
        results, failed = extract_files(paths, published=None, persons_file=None, log=lambda message: None)
    assert failed == 0
    return evaluate(expected, {path.name: facts for path, facts in zip(paths, results, strict=True) if facts})


def test_every_fact_the_text_states_is_right(report: dict[str, Any]) -> None:
    misses = [
        (field, miss["file"], miss["expected"], miss["got"])
        for field, figures in report["fields"].items()
        for miss in figures["wrong"]
        if (field, miss["file"]) not in NOT_IN_THE_TEXT
    ]
    assert misses == []


def test_same_event_groups_are_exact(report: dict[str, Any]) -> None:
    assert report["grouping"]["precision"] == 1.0 and report["grouping"]["recall"] == 1.0
