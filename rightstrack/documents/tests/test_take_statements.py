"""The directives and shortcomings an article states, taken into its conference's directives in one click
each (issue 11 item 5): issued by the conference's organiser on its day, by its chair, in the field of the
sentence's language, of the kind its words tell; audited; taken once (a second click adds nothing); refused
for a document the user cannot read (404), an article without a conference, a sentence it does not state."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from rightstrack.core.models import AuditEntry
from rightstrack.documents.services import conference_from_document, document_ingest
from rightstrack.documents.tests.files import ARTICLE_EN
from rightstrack.followup.models import Directive
from rightstrack.followup.services import (
    directive_take_statement,
    guess_kind,
    stated_sentences,
    statement_key,
)
from tests.world import World

pytestmark = pytest.mark.usefixtures("documents")


def linked_article(world: World) -> Any:
    article = world.documents().article_a
    conference_from_document(actor=world.secretariat, document=article, conference=world.conferences().with_a)
    article.refresh_from_db()
    return article


def key_of(article: Any, part: str) -> tuple[str, str]:
    sentence = article.statements[part][0]
    return statement_key(sentence), sentence


def test_a_stated_directive_becomes_a_directive_of_the_conference_once(world: World) -> None:
    article = linked_article(world)
    key, sentence = key_of(article, "directives")
    conference = world.conferences().with_a
    taken = directive_take_statement(actor=world.secretariat, document=article, key=key)
    directive = taken.directive
    assert taken.created
    assert directive.text == sentence and directive.text_en == ""  # a Vietnamese sentence
    assert directive.conference == conference and directive.issued_on == conference.date
    assert directive.issuer == world.national  # the organiser is the standing office: its committee issues
    assert directive.issued_by_name == "Võ Minh Chương"
    assert directive.issued_by_position.startswith("Phó Trưởng ban")
    assert directive.source_article_id == article.pk and directive.statement_key == key
    assert directive.kind.code == guess_kind(sentence)
    entry = AuditEntry.objects.for_object(directive).get(action="create")
    assert (entry.after or {})["taken_from"] == {"document": article.pk, "sentence": sentence}
    count = Directive.objects.count()
    again = directive_take_statement(actor=world.secretariat, document=article, key=key)
    assert not again.created and again.directive == directive
    assert Directive.objects.count() == count


def test_a_shortcoming_may_be_taken_too(world: World) -> None:
    article = linked_article(world)
    key, sentence = key_of(article, "shortcomings")
    assert (
        directive_take_statement(actor=world.secretariat, document=article, key=key).directive.text
        == sentence
    )


def test_an_english_sentence_fills_the_english_text(world: World) -> None:
    article = document_ingest(
        actor=world.secretariat,
        body=world.national,
        kind="article",
        name="en.txt",
        uploaded_file=_file("en.txt", ARTICLE_EN),
    )
    conference_from_document(actor=world.secretariat, document=article, conference=world.conferences().with_b)
    article.refresh_from_db()
    sentences = stated_sentences(article)
    assert sentences, article.facts
    key, sentence = next(iter(sentences.items()))
    directive = directive_take_statement(actor=world.secretariat, document=article, key=key).directive
    assert directive.text == "" and directive.text_en == sentence
    assert directive.issuer == world.national and directive.issued_by_name == ""  # with_b has no chair
    assert str(directive) == sentence[:89] or sentence.startswith(str(directive).rstrip("…"))


def _file(name: str, text: str) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, text.encode())


def test_refusals_change_nothing(world: World) -> None:
    article = world.documents().article_a  # not linked to a conference yet
    key, _sentence = key_of(article, "directives")
    count = Directive.objects.count()
    with pytest.raises(ValidationError):
        directive_take_statement(actor=world.secretariat, document=article, key=key)
    article = linked_article(world)
    with pytest.raises(ValidationError):
        directive_take_statement(actor=world.secretariat, document=article, key="0" * 64)
    with pytest.raises(Http404):  # B's focal point cannot read A's article
        directive_take_statement(actor=world.focal_b, document=article, key=key)
    with pytest.raises(PermissionDenied):  # A's focal point reads it but writes no national directive
        directive_take_statement(actor=world.focal_a, document=article, key=key)
    assert Directive.objects.count() == count


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Đẩy mạnh công tác giáo dục, phổ biến pháp luật về quyền con người.", "education"),
        ("Đề xuất sửa đổi, bổ sung chính sách, pháp luật về quyền con người.", "legislation"),
        ("Giao công an cấp xã bảo đảm quyền con người ở cơ sở.", "grassroots"),
        ("Nâng cao trình độ, năng lực của đội ngũ cán bộ làm công tác nhân quyền.", "capacity"),
        ("Rà soát, đánh giá kết quả đạt được và những tồn tại, hạn chế.", "review"),
        ("He asked agencies to step up the dissemination of legal education.", "education"),
        ("The committee asked ministries to propose amendments to laws and policies.", "legislation"),
        ("Improve the qualifications and skills of local staff.", "capacity"),
        ("Review and assess the results and the shortcomings.", "review"),
        ("Tổ chức thành công hội nghị.", "other"),
    ],
)
def test_the_kind_is_read_from_the_words(text: str, kind: str) -> None:
    assert guess_kind(text) == kind


def test_the_page_takes_a_sentence_in_one_click_and_says_taken(world: World, client_for: Any) -> None:
    article = linked_article(world)
    key, sentence = key_of(article, "directives")
    office = client_for("secretariat", language="en")
    page = office.get(reverse("documents:document_detail", args=[article.pk])).content.decode()
    assert (
        "Take into the conference&#x27;s directives" in page
        or "Take into the conference's directives" in page
    )
    take = reverse("documents:document_take_statement", args=[article.pk])
    response = office.post(take, {"key": key}, follow=True)
    assert response.status_code == 200
    directive = Directive.objects.get(source_article=article, statement_key=key)
    text = response.content.decode()
    assert "Taken into the conference" in text and directive.get_absolute_url() in text
    office.post(take, {"key": key})
    assert Directive.objects.filter(source_article=article).count() == 1
    # A's focal point reads the article but may not write national directives: no button, and a POST is 403.
    focal = client_for("focal_a", language="en")
    page = focal.get(reverse("documents:document_detail", args=[article.pk])).content.decode()
    assert take not in page
    assert focal.post(take, {"key": key}).status_code == 403
    # B's focal point cannot read the article: not found.
    assert client_for("focal_b", language="en").post(take, {"key": key}).status_code == 404


def test_the_api_lists_the_keys_and_takes_once(world: World, api_for: Any) -> None:
    article = linked_article(world)
    api = api_for("secretariat")
    detail = api.get(f"/api/documents/{article.pk}/").json()
    rows = detail["takeable"]
    assert {row["part"] for row in rows} == {"directives", "shortcomings"}
    first = rows[0]
    url = f"/api/documents/{article.pk}/take-statement/"
    created = api.post(url, {"key": first["key"]}, format="json")
    assert created.status_code == 201 and created.json()["created"] is True
    again = api.post(url, {"key": first["key"]}, format="json")
    assert again.status_code == 200 and again.json()["directive"] == created.json()["directive"]
    rows = api.get(f"/api/documents/{article.pk}/").json()["takeable"]
    assert rows[0]["taken"] and rows[0]["directive"] == created.json()["directive"]
    assert api_for("focal_b").post(url, {"key": first["key"]}, format="json").status_code == 404
    assert api.post(url, {"key": "x"}, format="json").status_code == 400
