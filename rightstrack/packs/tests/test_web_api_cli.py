"""Packs through the web (make, build as a job with progress, download, stale flag), the API (202 + job) and
the command line (progress on stderr)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import TestCase

from rightstrack.core.models import Job, JobState
from rightstrack.packs.models import ConsolidatedPack
from rightstrack.packs.services import pack_create
from rightstrack.packs.tests.helpers import docx_text
from rightstrack.reporting.services import report_return
from tests.world import api_client, signed_in

pytestmark = pytest.mark.django_db


def test_the_office_makes_a_pack_builds_it_and_downloads_the_word_file(world, pack_world):
    client = signed_in(world.secretariat, "vi")
    made = client.post(
        "/packs/new/",
        {"cycle": pack_world.cycle.pk, "selection": "all", "presenting": [world.committee_b.pk]},
    )
    assert made.status_code == 302, made.content.decode()[:2000]
    pack = ConsolidatedPack.objects.get()
    page = client.get(made["Location"]).content.decode()
    assert "Build" in page or "Tạo" in page or "pack-build" in page
    with TestCase.captureOnCommitCallbacks(execute=True):
        started = client.post(f"/packs/{pack.pk}/build/", {"file_format": "docx"})
    assert started.status_code == 302 and started["Location"].startswith("/jobs/")
    job_page = client.get(started["Location"]).content.decode()
    assert 'role="progressbar"' in job_page
    link = re.search(r'href="(/jobs/\d+/download/)"', job_page)
    assert link is not None, job_page
    download = client.get(link.group(1))
    text = docx_text(b"".join(download.streaming_content))  # type: ignore[attr-defined]
    assert world.committee_b.name in text and "Thành phố Cần Thơ giữ vững ổn định chính trị." in text
    detail = client.get(f"/packs/{pack.pk}/").content.decode()
    assert "data-pack-stale" not in detail and 'id="pack-charts"' in detail
    assert "chart.umd.min.js" in detail
    report_return(actor=world.secretariat, report=pack_world.reports["committee_a"], comments=[("", "Sửa.")])
    assert "data-pack-stale" in client.get(f"/packs/{pack.pk}/").content.decode()


def test_a_focal_point_does_not_find_the_pack(world, pack_world):
    pack = pack_create(actor=world.secretariat, cycle=pack_world.cycle)
    client = signed_in(world.focal_a)
    assert client.get(f"/packs/{pack.pk}/").status_code == 404
    assert client.post(f"/packs/{pack.pk}/build/", {"file_format": "docx"}).status_code == 404
    assert not Job.objects.exists()


def test_a_bad_form_changes_nothing(world, pack_world):
    client = signed_in(world.secretariat)
    response = client.post("/packs/new/", {"cycle": pack_world.cycle.pk, "selection": "list"})
    assert response.status_code == 200 and "Choose the bodies in the list." in response.content.decode()
    response = client.post(
        "/packs/new/",
        {
            "cycle": pack_world.cycle.pk,
            "selection": "region",
            "region": world.region.pk,
            "presenting": [world.committee_a.pk],
        },
    )
    assert response.status_code == 200
    assert "A presenting body must be one of the bodies covered" in response.content.decode()
    assert not ConsolidatedPack.objects.exists()


def test_the_api_makes_a_pack_and_builds_it_as_a_job(world, pack_world):
    client = api_client(world.secretariat)
    made = client.post("/api/packs/", {"cycle": pack_world.cycle.pk}, format="json")
    assert made.status_code == 201, made.content
    assert made.json()["is_built"] is False and made.json()["stale"] is False
    with TestCase.captureOnCommitCallbacks(execute=True):
        started = client.post(f"/api/packs/{made.json()['id']}/build/", {"format": "pdf"}, format="json")
    assert started.status_code == 202 and started["Location"] == started.json()["url"]
    job = client.get(started.json()["url"]).json()
    assert job["state"] == JobState.SUCCEEDED, job
    assert client.get(job["result_url"]).getvalue().startswith(b"%PDF")
    pack = client.get(f"/api/packs/{made.json()['id']}/").json()
    assert pack["is_built"] and pack["content"]["included"] == 3
    assert api_client(world.focal_a).get(f"/api/packs/{made.json()['id']}/").status_code == 403
    refused = client.post(f"/api/packs/{made.json()['id']}/build/", {"format": "odt"}, format="json")
    assert refused.status_code == 400


def test_the_command_line_builds_a_pack_with_progress_on_stderr(world, pack_world, tmp_path: Path):
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / "pack.docx"
    call_command(
        "pack_build",
        "--cycle",
        str(pack_world.cycle.pk),
        "--format",
        "docx",
        "-o",
        str(target),
        stdout=out,
        stderr=err,
    )
    assert target.read_bytes()[:2] == b"PK"
    assert "[###" in err.getvalue() and str(target) in out.getvalue()
    assert ConsolidatedPack.objects.count() == 1
    call_command(  # the same pack again: reused
        "pack_build",
        "--cycle",
        str(pack_world.cycle.pk),
        "--format",
        "pdf",
        "-o",
        str(tmp_path / "p.pdf"),
        stdout=out,
        stderr=err,
    )
    assert ConsolidatedPack.objects.count() == 1 and (tmp_path / "p.pdf").read_bytes()[:4] == b"%PDF"


def test_the_number_place_and_date_of_the_document_come_from_the_form_and_the_api(world, pack_world):
    pack = pack_create(actor=world.secretariat, cycle=pack_world.cycle)
    client = signed_in(world.secretariat, "vi")
    page = client.get(f"/packs/{pack.pk}/").content.decode()
    assert 'name="number"' in page and "Số, địa danh và ngày của văn bản" in page
    with TestCase.captureOnCommitCallbacks(execute=True):
        started = client.post(
            f"/packs/{pack.pk}/build/",
            {"file_format": "docx", "number": "25", "place": "Bà Rịa - Vũng Tàu", "date": "02/08/2025"},
        )
    assert started.status_code == 302
    job = Job.objects.get(pk=int(started["Location"].strip("/").split("/")[-1]))
    assert job.state == JobState.SUCCEEDED, job.error
    job.result.open("rb")
    text = docx_text(job.result.read())
    assert "Số: 25/BC" in text and "Bà Rịa - Vũng Tàu, ngày 02 tháng 8 năm 2025" in text
    with TestCase.captureOnCommitCallbacks(execute=True):
        answered = api_client(world.secretariat).post(
            f"/api/packs/{pack.pk}/build/",
            {"format": "pdf", "number": "26", "date": "2025-08-03"},
            format="json",
        )
    job = Job.objects.get(pk=answered.json()["id"])
    assert job.params["number"] == "26" and job.params["date"] == "2025-08-03" and "place" not in job.params
