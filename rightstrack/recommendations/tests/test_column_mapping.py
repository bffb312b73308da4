"""Any CSV/XLSX/JSON of recommendations, with the columns the user chooses: on the web (upload → the first
rows and a select per field, guessed from the headers → read again → dry run → import as a job), on the
command line (``--map`` or ``--map-file``) and over the API (``mapping``); a choice that cannot apply is
said and nothing is saved."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from rightstrack.core.jobs.models import Job
from rightstrack.exchange.tests.test_un_mapping import VI_HEADERS, VI_ROWS, csv_bytes, json_bytes
from rightstrack.exchange.tests.test_un_recommendations import to_cp1258, xlsx_bytes
from rightstrack.recommendations.models import Recommendation
from tests.world import World


@pytest.fixture
def run_jobs(django_capture_on_commit_callbacks: Any) -> Any:
    return django_capture_on_commit_callbacks


def latest_job() -> Job:
    return Job.objects.filter(kind="recommendations.import").latest("pk")


def test_the_web_import_guesses_the_columns_then_imports_what_the_user_chose(
    world: World, signed_in: Any, run_jobs: Any
) -> None:
    client = signed_in("secretariat", language="vi")
    data = to_cp1258(csv_bytes(VI_HEADERS, VI_ROWS).decode())  # as Excel on a Vietnamese Windows saves it
    with run_jobs(execute=True):
        client.post(
            reverse("recommendations:import"),
            {"file": SimpleUploadedFile("khuyen-nghi.csv", data), "owner": world.national.pk},
        )
    dry = latest_job()
    preview = client.get(reverse("recommendations:import_preview", args=[dry.pk]))
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Thiếu cột “Text”" in html  # not a UHRI export as it is
    form = preview.context["columns_form"]
    assert preview.context["columns_open"]
    assert {name: form[f"col_{name}"].value() for name in ("number", "text", "text_vi", "position")} == {
        "number": "0",
        "text": "1",
        "text_vi": "2",
        "position": "5",
    }
    assert "Phê chuẩn Nghị định thư tùy chọn" in html  # the first rows, decoded from Windows-1258
    assert '<option value="1" selected>B · Nội dung</option>' in html

    choice = {f"col_{name}": str(i) for name, i in form.initial_columns().items()} | {"mechanism": "UPR"}
    with run_jobs(execute=True):
        chosen = client.post(reverse("recommendations:import_columns", args=[dry.pk]), choice)
    assert chosen.status_code == 302
    again = latest_job()
    assert again.params["mapping"]["text_vi"] == 2 and again.params["mechanism"] == "UPR"
    plan = client.get(reverse("recommendations:import_preview", args=[again.pk])).context["plan"]
    assert plan["counts"] == {"create": 2, "update": 0, "skip": 0}, plan["problems"]
    assert plan["format"] == "mapped_csv"
    assert not Recommendation.objects.filter(number="140.116").exists()

    with run_jobs(execute=True):
        client.post(reverse("recommendations:import_preview", args=[again.pk]))
    applied = latest_job()
    assert (applied.state, applied.done, applied.total) == ("succeeded", 2, 2), applied.error
    rec = Recommendation.objects.get(mechanism="UPR", session="46", number="140.116")
    assert (rec.text, rec.text_vi, rec.position) == (
        "Strengthen legal aid",
        "Tăng cường trợ giúp pháp lý",
        "noted",
    )
    assert rec.recommending_states == ["Egypt"]


def test_a_column_chosen_twice_or_no_text_is_refused_on_the_page(
    world: World, signed_in: Any, run_jobs: Any
) -> None:
    client = signed_in("secretariat", language="en")
    with run_jobs(execute=True):
        client.post(
            reverse("recommendations:import"),
            {
                "file": SimpleUploadedFile("k.xlsx", xlsx_bytes(VI_HEADERS, VI_ROWS)),
                "owner": world.national.pk,
            },
        )
    dry = latest_job()
    url = reverse("recommendations:import_columns", args=[dry.pk])
    jobs = Job.objects.count()
    with run_jobs(execute=True):
        refused = client.post(url, {"col_number": "1", "col_text": "1"})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "This column is already chosen for Number." in html
    assert "Choose the column that holds the mechanism, or the mechanism of every row." in html
    assert Job.objects.count() == jobs and not Recommendation.objects.filter(number="140.9").exists()


def test_the_columns_of_another_users_upload_cannot_be_chosen(
    world: World, signed_in: Any, run_jobs: Any
) -> None:
    with run_jobs(execute=True):
        signed_in("secretariat", language="en").post(
            reverse("recommendations:import"),
            {"file": SimpleUploadedFile("k.csv", csv_bytes(VI_HEADERS, VI_ROWS)), "owner": world.national.pk},
        )
    dry = latest_job()
    response = signed_in("focal_a", language="en").post(
        reverse("recommendations:import_columns", args=[dry.pk]), {"col_text": "1", "mechanism": "UPR"}
    )
    assert response.status_code == 404


def test_the_cli_imports_with_a_mapping_given_inline_or_in_a_file(world: World, tmp_path: Path) -> None:
    source = tmp_path / "khuyen-nghi.xlsx"
    source.write_bytes(xlsx_bytes(VI_HEADERS, VI_ROWS))
    out = io.StringIO()
    with translation.override("en"):
        call_command(
            "recommendations_import",
            str(source),
            "--map",
            "Số=number,Nội dung=text,Nội dung tiếng Việt=text_vi,Phiên=session,Lập trường=position",
            "--mechanism",
            "UPR",
            "--dry-run",
            stdout=out,
        )
    assert "Excel workbook, with the columns chosen: 2 to create" in out.getvalue()
    assert not Recommendation.objects.filter(number="140.9").exists()

    mapping = tmp_path / "columns.json"
    mapping.write_text(json.dumps({"Số": "number", "Nội dung": "text", "Phiên": "session"}), encoding="utf-8")
    with translation.override("en"):
        call_command(
            "recommendations_import",
            str(source),
            "--map-file",
            str(mapping),
            "--mechanism",
            "UPR",
            stdout=out,
            stderr=io.StringIO(),
        )
    assert "2 created, 0 updated, 0 unchanged" in out.getvalue()
    assert Recommendation.objects.get(number="140.9", session="46").text == "Ratify the Optional Protocol"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--map", "Số=number"], "Choose the column that holds the text of each recommendation."),
        (
            ["--map", "Text=text", "--mechanism", "UPR"],
            "The column “Text” chosen for Text is not in the file",
        ),
        (["--map", "Nội dung"], "is not COLUMN=FIELD"),
        (["--map-file", "/nonexistent.json"], "Cannot read the mapping file"),
    ],
)
def test_the_cli_says_why_a_mapping_cannot_apply(
    world: World, tmp_path: Path, args: list[str], said: str
) -> None:
    source = tmp_path / "k.csv"
    source.write_bytes(csv_bytes(VI_HEADERS, VI_ROWS))
    out = io.StringIO()
    with translation.override("en"), pytest.raises(CommandError) as caught:
        call_command("recommendations_import", str(source), *args, stdout=out)
    assert said in out.getvalue() + str(caught.value)
    assert not Recommendation.objects.filter(number="140.9").exists()


def test_the_api_reads_with_a_mapping(world: World, api_for: Any, run_jobs: Any) -> None:
    client = api_for("secretariat")
    with run_jobs(execute=True):
        started = client.post(
            "/api/recommendations/import/",
            {
                "file": SimpleUploadedFile("k.csv", csv_bytes(VI_HEADERS, VI_ROWS)),
                "owner": world.national.pk,
                "mapping": json.dumps({"Số": "number", "Nội dung": "text", "Phiên": "session"}),
                "mechanism": "UPR",
            },
            format="multipart",
        )
    assert started.status_code == 202, started.content
    plan = client.get(started.json()["url"]).json()["result"]["plan"]
    assert plan["counts"]["create"] == 2 and plan["format"] == "mapped_csv"
    assert plan["table"]["headers"] == VI_HEADERS
    refused = client.post(
        "/api/recommendations/import/",
        {
            "file": SimpleUploadedFile("k.csv", csv_bytes(VI_HEADERS, VI_ROWS)),
            "owner": world.national.pk,
            "mapping": json.dumps({"Số": "text", "Nội dung": "text"}),
        },
        format="multipart",
    )
    assert refused.status_code == 400 and "mapping" in refused.json()


def test_a_json_file_with_its_own_keys_is_mapped_on_the_page_then_imported(
    world: World, signed_in: Any, run_jobs: Any
) -> None:
    client = signed_in("secretariat", language="vi")
    with run_jobs(execute=True):
        client.post(
            reverse("recommendations:import"),
            {
                "file": SimpleUploadedFile("k.json", json_bytes(VI_HEADERS, VI_ROWS)),
                "owner": world.national.pk,
            },
        )
    dry = latest_job()
    preview = client.get(reverse("recommendations:import_preview", args=[dry.pk]))
    assert preview.status_code == 200 and preview.context["columns_open"]
    form = preview.context["columns_form"]
    assert form["col_text"].value() == "1" and form["col_recommending_states"].value() == "4"
    assert "Chile; Peru" in preview.content.decode()  # a JSON list shown as one cell

    choice = {f"col_{name}": str(i) for name, i in form.initial_columns().items()} | {"mechanism": "UPR"}
    with run_jobs(execute=True):
        client.post(reverse("recommendations:import_columns", args=[dry.pk]), choice)
    again = latest_job()
    plan = client.get(reverse("recommendations:import_preview", args=[again.pk])).context["plan"]
    assert (plan["format"], plan["counts"]["create"]) == ("mapped_json", 2), plan["problems"]
    with run_jobs(execute=True):
        client.post(reverse("recommendations:import_preview", args=[again.pk]))
    assert latest_job().state == "succeeded", latest_job().error
    rec = Recommendation.objects.get(mechanism="UPR", session="46", number="140.9")
    assert (rec.text_vi, rec.recommending_states) == ("Phê chuẩn Nghị định thư tùy chọn", ["Chile", "Peru"])


def test_the_cli_maps_a_json_file_and_says_in_vietnamese_why_a_mapping_cannot_apply(
    world: World, tmp_path: Path
) -> None:
    source = tmp_path / "k.json"
    source.write_bytes(json_bytes(VI_HEADERS, VI_ROWS))
    out = io.StringIO()
    with translation.override("vi"), pytest.raises(CommandError) as caught:
        call_command(
            "recommendations_import", str(source), "--map", "Text=text", "--mechanism", "UPR", stdout=out
        )
    assert "Cột “Text” được chọn cho" in out.getvalue() + str(caught.value)
    assert not Recommendation.objects.exists()
    with translation.override("en"):
        call_command(
            "recommendations_import",
            str(source),
            "--map",
            "Số=number,Nội dung=text,Phiên=session,Quốc gia khuyến nghị=recommending_states",
            "--mechanism",
            "UPR",
            stdout=out,
            stderr=io.StringIO(),
        )
    assert "JSON file, with the columns chosen" in out.getvalue()
    assert Recommendation.objects.get(number="140.116", session="46").recommending_states == ["Egypt"]
