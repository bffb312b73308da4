"""The demo's documents: two articles on the 2024 regional review; the Vietnamese one is its coverage, the
English one proposes the same conference; a second load keeps nothing new."""

from __future__ import annotations

from rightstrack.conferences.demo import REVIEW_TITLE
from rightstrack.conferences.models import Conference
from rightstrack.documents.demo import load_documents_demo
from rightstrack.documents.extraction import matching_conferences
from rightstrack.documents.models import Document


def test_the_demo_articles_cover_the_regional_review_and_load_once(demo: None) -> None:
    review = Conference.objects.get(title=REVIEW_TITLE)
    vietnamese, english = Document.objects.get(language="vi"), Document.objects.get(language="en")
    assert vietnamese.conference == review and english.conference is None
    assert [m.conference for m in matching_conferences(Conference.objects.all(), english.facts)] == [review]
    load_documents_demo()
    assert Document.objects.count() == 2
