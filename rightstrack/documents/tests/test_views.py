"""The documents' pages and API: upload, duplicates with a link, search with and without diacritics, the
bulk job, an article confirmed into a new conference, another one proposed as coverage of it, the CLI."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from rightstrack.conferences.models import Conference
from rightstrack.core.jobs.models import Job, JobState
from rightstrack.documents.models import Document
from rightstrack.documents.tests.files import ARTICLE_EN, ARTICLE_VI, docx_bytes, upload, zip_bytes
from tests.world import World


def upload_form(world: World, name: str, data: bytes, **changes: Any) -> dict[str, Any]:
    return {"file": upload(name, data), "body": world.committee_a.pk, "kind": "article"} | changes


def test_upload_shows_the_text_and_a_second_copy_links_to_the_first(
    world: World, signed_in: Any, media_root: Any
) -> None:
    client = signed_in("focal_a")
    response = client.post(
        reverse("documents:document_upload"), upload_form(world, "a.txt", ARTICLE_VI.encode())
    )
    document = Document.objects.get()
    assert response.status_code == 302 and response["Location"] == document.get_absolute_url()
    page = client.get(document.get_absolute_url()).content.decode()
    assert "200 đại biểu" in page and "Nguyễn Văn Đức" in page
    again = client.post(
        reverse("documents:document_upload"), upload_form(world, "b.txt", ARTICLE_VI.encode())
    )
    assert again.status_code == 200
    assert f'href="{document.get_absolute_url()}"' in again.content.decode()
    assert Document.objects.count() == 1


def test_a_refused_file_says_why_in_vietnamese(world: World, signed_in: Any, media_root: Any) -> None:
    client = signed_in("focal_a", language="vi")
    response = client.post(
        reverse("documents:document_upload"), upload_form(world, "x.bin", bytes(range(256)) * 9)
    )
    assert response.status_code == 200
    assert "Tệp" in response.content.decode() or "tệp" in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.parametrize("query", ["tập huấn", "tap huan", "TẬP HUẤN NHÂN QUYỀN", "nhan quyen da nang"])
def test_the_list_searches_without_minding_diacritics(
    world: World, signed_in: Any, media_root: Any, query: str
) -> None:
    client = signed_in("focal_a")
    client.post(reverse("documents:document_upload"), upload_form(world, "a.txt", ARTICLE_VI.encode()))
    client.post(reverse("documents:document_upload"), upload_form(world, "e.txt", ARTICLE_EN.encode()))
    page = client.get(reverse("documents:document_list"), {"q": query, "language": "vi"}).content.decode()
    assert "Hội nghị tập huấn công tác nhân quyền năm 2024" in page
    english = client.get(reverse("documents:document_list"), {"q": query, "language": "en"}).content.decode()
    assert "Hội nghị tập huấn công tác nhân quyền năm 2024" not in english


def test_another_province_sees_nothing(world: World, signed_in: Any, media_root: Any) -> None:
    signed_in("focal_a").post(
        reverse("documents:document_upload"), upload_form(world, "a.txt", ARTICLE_VI.encode())
    )
    document = Document.objects.get()
    other = signed_in("focal_b")
    assert other.get(document.get_absolute_url()).status_code == 404
    assert "tập huấn" not in other.get(reverse("documents:document_list"), {"q": "tap huan"}).content.decode()


def test_two_articles_of_one_meeting_become_one_conference_and_its_coverage(
    world: World, signed_in: Any, media_root: Any
) -> None:
    """The Vietnamese article is confirmed as a new conference (fields corrected where needed); the English
    one is then proposed as coverage of the same conference, and the conference shows both."""
    office = signed_in("secretariat")
    office.post(reverse("documents:document_upload"), upload_form(world, "vi.txt", ARTICLE_VI.encode()))
    office.post(reverse("documents:document_upload"), upload_form(world, "en.txt", ARTICLE_EN.encode()))
    vietnamese, english = Document.objects.get(language="vi"), Document.objects.get(language="en")
    confirm = reverse("documents:document_conference", args=[vietnamese.pk])
    form = office.get(confirm).context["form"]
    assert form.initial["date"].isoformat() == "2024-05-29"
    assert form.initial["place"] == world.province_a
    assert form.initial["attendee_count"] == 200
    assert form.initial["title"] == "Hội nghị tập huấn công tác nhân quyền năm 2024"
    response = office.post(
        confirm,
        {
            "kind": "training",
            "title": form.initial["title"],
            "date": "2024-05-29",
            "place": world.province_a.pk,
            "venue": "Đà Nẵng",
            "organiser": world.office.pk,
            "attendee_count": 200,
        },
    )
    conference = Conference.objects.get(title=form.initial["title"])
    assert response.status_code == 302 and response["Location"].startswith(conference.get_absolute_url())
    english_page = office.get(english.get_absolute_url())
    assert [m.conference for m in english_page.context["matches"]] == [conference]
    assert (
        office.get(reverse("documents:document_conference", args=[english.pk]))
        .context["form"]
        .initial["conference"]
        == conference
    )
    office.post(reverse("documents:document_conference", args=[english.pk]), {"conference": conference.pk})
    coverage = office.get(conference.get_absolute_url()).content.decode()
    assert vietnamese.title in coverage and english.title in coverage


def test_another_meeting_is_not_proposed(world: World, signed_in: Any, media_root: Any) -> None:
    office = signed_in("secretariat")
    office.post(reverse("documents:document_upload"), upload_form(world, "vi.txt", ARTICLE_VI.encode()))
    other = ARTICLE_EN.replace("May 29, 2024", "June 12, 2024").replace("200 delegates", "80 delegates")
    office.post(reverse("documents:document_upload"), upload_form(world, "en.txt", other.encode()))
    vietnamese, english = Document.objects.get(language="vi"), Document.objects.get(language="en")
    data = {"kind": "training", "title": "Tập huấn", "date": "2024-05-29", "organiser": world.office.pk}
    office.post(reverse("documents:document_conference", args=[vietnamese.pk]), data)
    assert office.get(english.get_absolute_url()).context["matches"] == []


def test_the_article_of_the_world_proposes_its_conference(
    world: World, documents: Any, signed_in: Any, media_root: Any
) -> None:
    page = signed_in("secretariat").get(documents.article_a.get_absolute_url())
    assert [m.conference for m in page.context["matches"]] == [world.conferences().with_a]
    statements = page.context["statements"]
    assert statements["directives"] or statements["shortcomings"]


def test_a_zip_is_read_as_a_job_and_each_file_reported(
    world: World, signed_in: Any, media_root: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = signed_in("focal_a")
    archive = zip_bytes(
        {
            "vi.txt": ARTICLE_VI.encode(),
            "again/vi-copy.txt": ARTICLE_VI.encode(),
            "report.docx": docx_bytes(
                "Báo cáo hội nghị", ["Hội nghị đánh giá kết quả công tác nhân quyền năm."]
            ),
            "junk.bin": bytes(range(256)) * 9,
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(
            reverse("documents:document_bulk"),
            {"archive": upload("docs.zip", archive), "body": world.committee_a.pk, "kind": "article"},
        )
    job = Job.objects.get(kind="documents.ingest")
    assert started.status_code == 302 and started["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED, job.error
    assert job.success_url() == reverse("documents:ingest_result", args=[job.pk])
    response = client.get(job.success_url())
    summary = response.context["summary"]
    assert signed_in("focal_b").get(job.success_url()).status_code == 404
    assert (summary["added"], summary["duplicates"], summary["refused"]) == (2, 1, 1)
    assert Document.objects.count() == 2


def test_a_zip_bomb_is_refused_before_any_job(world: World, signed_in: Any, media_root: Any) -> None:
    bomb = zip_bytes({"big.txt": b"a" * (20 * 1024 * 1024)})  # 20 MB packed into ~20 KB: 1000 to 1
    form = {"archive": upload("bomb.zip", bomb), "body": world.committee_a.pk, "kind": "article"}
    response = signed_in("focal_a").post(reverse("documents:document_bulk"), form)
    assert response.status_code == 200 and response.context["form"].errors["archive"]
    assert not Document.objects.exists()


def test_the_cli_ingests_a_folder_and_a_zip(world: World, tmp_path: Any, media_root: Any) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "vi.txt").write_text(ARTICLE_VI, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    archive = tmp_path / "more.zip"
    archive.write_bytes(zip_bytes({"en.txt": ARTICLE_EN.encode(), "vi-again.txt": ARTICLE_VI.encode()}))
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exit_status:
        call_command(
            "documents_ingest", str(folder), str(archive), "--body", "committee-a", stdout=out, stderr=err
        )
    assert exit_status.value.code == 1  # the empty file was refused
    outcomes = [json.loads(line) for line in out.getvalue().splitlines()]
    assert sorted(o["status"] for o in outcomes) == ["added", "added", "duplicate", "refused"]
    assert "empty.txt" in err.getvalue()
    assert Document.objects.filter(body=world.committee_a).count() == 2


def test_the_api_uploads_searches_and_links(
    world: World, documents: Any, api_for: Any, media_root: Any
) -> None:
    api = api_for("focal_a")

    def form(name: str) -> dict[str, Any]:
        return {"file": upload(name, ARTICLE_VI.encode()), "body": world.committee_a.pk}

    created = api.post("/api/documents/", form("a.txt"), format="multipart")
    assert created.status_code == 201, created.content
    assert created.json()["facts"]["date"] == {"year": 2024, "month": 5, "day": 29}
    again = api.post("/api/documents/", form("b.txt"), format="multipart")
    assert again.status_code == 400
    assert f"/documents/{created.json()['id']}/" in json.dumps(again.json(), ensure_ascii=False)
    found = api.get("/api/documents/", {"q": "tap huan"}).json()
    assert [d["id"] for d in found["results"]] == [created.json()["id"]]
    other = api_for("focal_b")
    assert other.get(f"/api/documents/{created.json()['id']}/").status_code == 404
    linked = api_for("secretariat").post(
        f"/api/documents/{documents.article_a.pk}/conference/", {"conference": world.conferences().with_a.pk}
    )
    assert linked.status_code == 200 and linked.json()["id"] == world.conferences().with_a.pk


SILENT_EN = (
    "Speaking at the conference, the deputy director of the provincial police affirmed that human rights "
    "work in the province has been carried out in a coordinated and effective manner."
)
FRENCH = (
    "La conférence provinciale sur les droits de l'homme s'est tenue hier matin avec deux cents délégués "
    "venus de toutes les communes de la province, qui ont discuté des résultats de l'année écoulée."
)


def test_the_page_says_when_the_kind_came_from_the_web_address(
    world: World, signed_in: Any, media_root: Any
) -> None:
    client = signed_in("focal_a", language="en")
    address = "https://news.example.vn/en/hoi-nghi-tap-huan-cong-tac-nhan-quyen-nam-2025-post4711.html"
    client.post(
        reverse("documents:document_upload"),
        upload_form(world, "silent.txt", SILENT_EN.encode(), source_url=address),
    )
    page = client.get(Document.objects.get().get_absolute_url()).content.decode()
    kind = page.split('id="fact-kind">', 1)[1].split("</dd>", 1)[0]
    assert kind.startswith("Training") and "read from the web address: the text does not state it" in kind


def test_a_text_in_another_language_says_why_no_facts_are_read(
    world: World, signed_in: Any, media_root: Any
) -> None:
    client = signed_in("focal_a", language="en")
    client.post(reverse("documents:document_upload"), upload_form(world, "fr.txt", FRENCH.encode()))
    document = Document.objects.get()
    assert document.language == "unknown" and document.facts is None
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Meeting facts are read from Vietnamese and English texts only" in page
    assert 'id="fact-kind"' not in page and "Record a conference from this article" not in page
