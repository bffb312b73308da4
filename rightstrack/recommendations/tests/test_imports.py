"""Importing recommendations: the real thematic lists give their counts, a re-import changes nothing, a
changed file updates what changed, a bad file is reported and nothing applied; the CLI and the job do the
same; exports give back what was imported."""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.http import Http404
from django.utils import translation

from rightstrack.core.jobs.models import Job, JobState
from rightstrack.core.jobs.services import job_enqueue, job_run
from rightstrack.core.models import AuditEntry
from rightstrack.exchange.tests.test_un_recommendations import (
    HEADERS,
    ROWS,
    UPR20_DOCX,
    UPR48_MD,
    needs_shared,
    xlsx_bytes,
)
from rightstrack.recommendations import import_copy, imports
from rightstrack.recommendations.models import Recommendation, SdgGoal, SdgIndicator, SdgTarget, Theme
from tests.world import World


def plan(world: World, data: bytes) -> imports.ImportPlan:
    return imports.import_plan(actor=world.secretariat, owner=world.national, file=io.BytesIO(data))


def apply(world: World, data: bytes) -> imports.ImportResult:
    return imports.import_apply(actor=world.secretariat, owner=world.national, file=io.BytesIO(data))


def test_the_sdg_framework_is_in_every_database(db: None) -> None:
    assert SdgGoal.objects.count() == 17
    assert SdgTarget.objects.count() == 169
    assert SdgIndicator.objects.count() >= 231
    assert SdgTarget.objects.get(code="16.3").goal.number == 16
    assert SdgGoal.objects.get(number=16).short_vi == "Hòa bình, công lý và thể chế vững mạnh"


def test_load_sdg_again_changes_nothing(db: None) -> None:
    out = io.StringIO()
    call_command("recommendations_load_sdg", stdout=out)
    assert "17" in out.getvalue() and "169" in out.getvalue()
    assert SdgTarget.objects.count() == 169


@needs_shared
def test_the_real_thematic_lists_import_with_their_counts_and_again_change_nothing(world: World) -> None:
    result = apply(world, UPR20_DOCX.read_bytes())
    assert (result.created, result.updated, result.skipped) == (163, 0, 0)
    upr20 = Recommendation.objects.filter(mechanism="UPR", session="20")
    assert Counter(upr20.values_list("position", flat=True)) == {"supported": 142, "noted": 21}
    rec = upr20.get(number="115.3")
    assert rec.recommending_states == ["Portugal", "Slovakia"]
    assert [t.name for t in rec.themes.all()] == ["Acceptance of international norms"]
    assert Theme.objects.get(name="Acceptance of international norms").code == "A12"
    assert [p.name for p in rec.affected_persons.all()] == ["Children"]

    result = apply(world, UPR48_MD.read_bytes())
    assert result.created == 254
    upr48 = Recommendation.objects.filter(mechanism="UPR", session="48")
    assert Counter(upr48.values_list("position", flat=True)) == {"supported": 217, "noted": 37}
    assert upr48.get(number="140.253").sdg_goals.count() == 2

    before = AuditEntry.objects.count()
    with translation.override("en"):
        again = plan(world, UPR20_DOCX.read_bytes())
    assert again.counts == {"create": 0, "update": 0, "skip": 163}
    assert {r.reason for r in again.rows} == {"already recorded, unchanged"}
    assert apply(world, UPR48_MD.read_bytes()).as_dict() == {
        "created": 0,
        "updated": 0,
        "skipped": 254,
        "format": "thematic_markdown",
    }
    assert Recommendation.objects.count() == 163 + 254 + 0
    assert AuditEntry.objects.count() == before + 1  # the import itself, recorded


def test_a_uhri_workbook_imports_then_updates_only_what_changed(world: World) -> None:
    result = apply(world, xlsx_bytes(HEADERS, ROWS))
    assert (result.created, result.updated) == (2, 0)
    rec = Recommendation.objects.get(external_id="a1b2c3")
    assert (rec.number, rec.position, str(rec.document_date)) == ("46.12", "supported", "2024-06-20")
    assert sorted(t.code for t in rec.sdg_targets.all()) == ["1.4", "16.3"]
    assert sorted(g.number for g in rec.sdg_goals.all()) == [1, 16]
    assert rec.search_text.split()[0] == "46.12"
    assert "tang cuong tro giup phap ly" in rec.search_text

    changed = [list(row) for row in ROWS]
    changed[0][13] = "Noted"
    dry = plan(world, xlsx_bytes(HEADERS, changed))
    assert dry.counts == {"create": 0, "update": 1, "skip": 1}
    update = next(r for r in dry.rows if r.action == "update")
    assert update.changed == ["position"]
    assert (
        Recommendation.objects.get(external_id="a1b2c3").position == "supported"
    )  # a dry run writes nothing
    apply(world, xlsx_bytes(HEADERS, changed))
    assert Recommendation.objects.get(external_id="a1b2c3").position == "noted"
    assert Recommendation.objects.filter(external_id__in=["a1b2c3", "d4e5f6"]).count() == 2


def test_an_imported_row_holds_what_a_saved_one_would(world: World) -> None:
    """On PostgreSQL new rows are copied in without a model instance (decision 0055): every column must
    still be what saving the recommendation through the ORM gives."""
    apply(world, xlsx_bytes(HEADERS, ROWS))
    rec = Recommendation.objects.get(external_id="a1b2c3")
    assert (rec.owner_id, rec.created_by_id, rec.mechanism, rec.session, rec.cycle) == (
        world.national.pk,
        world.secretariat.pk,
        "UPR",
        "46",
        4,
    )
    assert (rec.countries, rec.recommending_states) == (["Viet Nam"], ["Egypt", "Iran (Islamic Republic of)"])
    assert (rec.is_published, rec.published_at, rec.text_vi, rec.response_text_vi) == (False, None, "", "")
    assert rec.created_at is not None and rec.updated_at >= rec.created_at
    assert (rec.search_text, rec.sort_key) == (rec.folded(), "0000000046 0000000046.0000000012")
    assert sorted(t.name for t in rec.themes.all()) == [
        "Administration of justice & fair trial",
        "Right to an effective remedy",
    ]
    assert [p.name for p in rec.affected_persons.all()] == ["Persons living in poverty"]
    other = Recommendation.objects.get(external_id="d4e5f6")
    assert (other.mechanism, other.session, other.cycle, other.recommending_states) == (
        "CEDAW",
        "CEDAW/C/VNM/CO/9",
        None,
        [],
    )


def test_a_bulk_import_leaves_the_planner_statistics(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """After a bulk load (here lowered to 2 rows) PostgreSQL's statistics of the recommendations and their
    link tables are renewed inside the import, so that the next import's lookups use the indexes."""
    monkeypatch.setattr(import_copy, "ANALYZE_AFTER", 2)
    assert apply(world, xlsx_bytes(HEADERS, ROWS)).created == 2
    if connection.vendor == "postgresql":  # SQLite has no such step: bulk_create, no statistics kept
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT tablename FROM pg_stats WHERE tablename LIKE %s",
                ["recommendations_recommendation%"],
            )
            analysed = {name for (name,) in cursor.fetchall()}
        assert {
            "recommendations_recommendation",
            "recommendations_recommendation_themes",
            "recommendations_recommendation_sdg_goals",
        } <= analysed


def bad_files() -> list[tuple[str, bytes, str]]:
    renamed = [h if h != "Text" else "Recommendation body" for h in HEADERS]
    duplicate = [ROWS[0], [*ROWS[1][:10], "a1b2c3", *ROWS[1][11:]]]
    conflict = [[*ROWS[0][:10], "", *ROWS[0][11:]], ["46.12 Another text", *ROWS[0][1:10], "", *ROWS[0][11:]]]
    good = xlsx_bytes(HEADERS, ROWS)
    return [
        ("renamed column", xlsx_bytes(renamed, ROWS), "Row 1, column “Text”"),
        ("duplicate ids", xlsx_bytes(HEADERS, duplicate), "Row 3, column “OHCHR Annotation Id”"),
        ("number repeated", xlsx_bytes(HEADERS, conflict), "Row 3"),
        ("broken workbook", good[: len(good) // 2], ""),
        (
            "UTF-16 with a bad date",
            "Text,Reccomending Body,Document Publication Date\nDo X,UPR,soon\n".encode("utf-16"),
            "Row 2, column “Document Publication Date”",
        ),
    ]


@pytest.mark.parametrize(("case", "data", "where"), bad_files(), ids=[c[0] for c in bad_files()])
def test_a_bad_file_is_reported_where_and_nothing_is_applied(
    world: World, case: str, data: bytes, where: str
) -> None:
    before = (Recommendation.objects.count(), Theme.objects.count(), AuditEntry.objects.count())
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        apply(world, data)
    assert caught.value.messages[0].startswith("Nothing was imported") or case == "broken workbook"
    assert where in caught.value.messages[0]
    assert (Recommendation.objects.count(), Theme.objects.count(), AuditEntry.objects.count()) == before


def test_the_report_is_in_vietnamese_for_a_vietnamese_user(world: World) -> None:
    renamed = [h if h != "Text" else "Nội dung" for h in HEADERS]
    with translation.override("vi"):
        result = plan(world, xlsx_bytes(renamed, ROWS))
        message = imports.describe(result.errors[0])
    assert message.startswith("Dòng 1, cột “Text”")
    assert "Nội dung" in message


def test_a_province_may_not_import_for_the_national_committee(world: World) -> None:
    with pytest.raises(Http404):
        imports.import_plan(
            actor=world.focal_a, owner=world.national, file=io.BytesIO(xlsx_bytes(HEADERS, ROWS))
        )


def test_the_cli_dry_run_then_import_then_export(world: World, tmp_path: Path) -> None:
    source = tmp_path / "uhri.xlsx"
    source.write_bytes(xlsx_bytes(HEADERS, ROWS))
    out = io.StringIO()
    with translation.override("en"):
        call_command("recommendations_import", str(source), "--dry-run", stdout=out)
    assert "2 to create, 0 to update, 0 to skip" in out.getvalue()
    assert "Row 3, column “Themes”" in out.getvalue()  # the UUID left out, said
    assert not Recommendation.objects.filter(external_id="a1b2c3").exists()
    with translation.override("en"):
        call_command("recommendations_import", str(source), stdout=out, stderr=io.StringIO())
    assert "2 created, 0 updated, 0 unchanged" in out.getvalue()

    target = tmp_path / "all.json"
    call_command("recommendations_export", "--format", "json", "-o", str(target), stderr=io.StringIO())
    exported = {r["external_id"]: r for r in json.loads(target.read_text(encoding="utf-8"))}
    first = exported["a1b2c3"]
    assert first["number"] == "46.12" and first["position"] == "supported"
    assert first["recommending_states"] == ["Egypt", "Iran (Islamic Republic of)"]
    assert (first["sdg_goals"], first["sdg_targets"]) == ([1, 16], ["1.4", "16.3"])
    assert set(first) >= {"number", "text", "mechanism", "session", "themes", "affected_persons"}

    workbook_path = tmp_path / "all.xlsx"
    call_command("recommendations_export", "--format", "xlsx", "-o", str(workbook_path), stderr=io.StringIO())
    sheet = openpyxl.load_workbook(workbook_path).active
    assert sheet is not None
    assert sheet.max_row == Recommendation.objects.count() + 1
    csv_path = tmp_path / "all.csv"
    call_command("recommendations_export", "--format", "csv", "-o", str(csv_path), stderr=io.StringIO())
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbfnumber,text")


def test_the_cli_refuses_a_bad_file_with_its_errors(world: World, tmp_path: Path) -> None:
    source = tmp_path / "bad.csv"
    source.write_bytes(b"Text,Author\nDo X,Someone\n")
    out = io.StringIO()
    with translation.override("en"), pytest.raises(CommandError, match="Nothing was imported"):
        call_command("recommendations_import", str(source), stdout=out)
    assert "column “Reccomending Body" in out.getvalue()


def test_the_import_job_reads_then_applies_with_progress(world: World) -> None:
    upload = ContentFile(xlsx_bytes(HEADERS, ROWS), name="uhri.xlsx")
    dry = job_enqueue(
        actor=world.secretariat,
        kind="recommendations.import",
        params={"owner": world.national.pk, "dry_run": True, "file_name": "uhri.xlsx"},
        idempotency_key="",
        input_file=upload,
    )
    dry = job_run(job_id=dry.pk) or dry
    dry.refresh_from_db()
    assert dry.state == JobState.SUCCEEDED, dry.error
    assert (dry.result_data or {})["plan"]["counts"] == {"create": 2, "update": 0, "skip": 0}
    assert dry.success_url().endswith(f"/recommendations/import/{dry.pk}/")
    assert not Recommendation.objects.filter(external_id="a1b2c3").exists()

    applied = job_enqueue(
        actor=world.secretariat,
        kind="recommendations.import",
        params={"owner": world.national.pk, "dry_run": False, "source_job": dry.pk},
        idempotency_key="",
    )
    job_run(job_id=applied.pk)
    applied.refresh_from_db()
    assert applied.state == JobState.SUCCEEDED, applied.error
    assert (applied.done, applied.total) == (2, 2)
    assert (applied.result_data or {})["result"]["created"] == 2
    assert Recommendation.objects.filter(external_id="a1b2c3").exists()


def test_another_users_upload_cannot_be_applied(world: World) -> None:
    dry = job_enqueue(
        actor=world.secretariat,
        kind="recommendations.import",
        params={"owner": world.national.pk, "dry_run": True, "file_name": "x.xlsx"},
        idempotency_key="",
        input_file=ContentFile(xlsx_bytes(HEADERS, ROWS), name="x.xlsx"),
    )
    job_run(job_id=dry.pk)
    theirs = job_enqueue(
        actor=world.admin,
        kind="recommendations.import",
        params={"owner": world.national.pk, "dry_run": False, "source_job": dry.pk},
        idempotency_key="",
    )
    job_run(job_id=theirs.pk)
    theirs.refresh_from_db()
    assert theirs.state == JobState.FAILED
    assert not Recommendation.objects.filter(external_id="a1b2c3").exists()
    assert Job.objects.get(pk=dry.pk).state == JobState.SUCCEEDED
