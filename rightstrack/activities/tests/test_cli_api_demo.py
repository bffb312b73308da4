"""The command line, the API and the demo."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from rightstrack.activities.demo import COUNT, load_activities_demo
from rightstrack.activities.models import Activity
from rightstrack.activities.tests.conftest import good_row, workbook
from tests.world import Activities, World


def write(tmp_path: Path, rows: list[list[Any]]) -> Path:
    path = tmp_path / "hoat-dong.xlsx"
    path.write_bytes(workbook(rows).getvalue())
    return path


def test_the_command_imports_with_a_dry_run_first(world: World, tmp_path: Path) -> None:
    path = write(tmp_path, [good_row(topic=f"Dòng lệnh {n}") for n in range(4)])
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "activities_import", str(path), "--body", world.committee_a.code, "--dry-run", stdout=out, stderr=err
    )
    assert "Dry run: 4 activities" in out.getvalue() and "Dòng lệnh 3" in out.getvalue()
    assert not Activity.objects.filter(topic__startswith="Dòng lệnh").exists()
    call_command(
        "activities_import", str(path), "--body", world.committee_a.code, "--as", "focal_a", stdout=out
    )
    assert Activity.objects.filter(topic__startswith="Dòng lệnh", created_by=world.focal_a).count() == 4


def test_the_command_lists_every_problem_and_saves_nothing(world: World, tmp_path: Path) -> None:
    path = write(tmp_path, [good_row(), good_row(topic="B", participants="nhiều"), good_row(day="5 March")])
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 problems"):
        call_command("activities_import", str(path), "--body", world.committee_a.code, stderr=err)
    assert "Row 3, column E" in err.getvalue() and "Row 4, column A" in err.getvalue()
    assert not Activity.objects.filter(topic="Tuyên truyền pháp luật").exists()


def test_the_command_refuses_a_body_outside_the_users_scope(world: World, tmp_path: Path) -> None:
    path = write(tmp_path, [good_row()])
    with pytest.raises(CommandError, match="may not record"):
        call_command("activities_import", str(path), "--body", world.committee_b.code, "--as", "focal_a")


def test_the_api_lists_within_scope_and_records(world: World, activities: Activities, api_for: Any) -> None:
    client = api_for("focal_a")
    listed = client.get("/api/activities/?kind=training").json()
    assert [row["topic"] for row in listed["results"]] == [activities.a_training.topic]
    assert listed["results"][0]["audiences"] == ["officials"]
    created = client.post(
        "/api/activities/",
        {
            "body": world.pc_a.pk,
            "date": "2025-06-02",
            "kind": "training",
            "topic": "API",
            "audiences": ["women"],
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    assert client.get(f"/api/activities/{activities.b_awareness.pk}/").status_code == 404


def test_the_api_batch_names_refused_rows_and_saves_nothing(world: World, api_for: Any) -> None:
    rows = [
        {"date": "2025-06-02", "kind": "awareness", "topic": "Một", "participants": 5},
        {"date": "2025-06-02", "kind": "awareness", "topic": "một", "participants": 5},
    ]
    response = api_for("focal_a").post(
        "/api/activities/batch/", {"body": world.committee_a.pk, "rows": rows}, format="json"
    )
    assert response.status_code == 400 and list(response.json()["rows"]) == ["1"]
    assert not Activity.objects.filter(topic="Một").exists()
    rows[1]["topic"] = "Hai"
    ok = api_for("focal_a").post(
        "/api/activities/batch/", {"body": world.committee_a.pk, "rows": rows}, format="json"
    )
    assert ok.status_code == 200 and len(ok.json()["created"]) == 2


def test_the_api_import_is_a_job(
    world: World, api_for: Any, django_capture_on_commit_callbacks: Any, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    file = workbook([good_row(topic="Qua API")])
    with django_capture_on_commit_callbacks(execute=True):
        response = api_for("focal_a").post(
            "/api/activities/import/",
            {"body": world.committee_a.pk, "file": file, "dry_run": "false"},
            format="multipart",
        )
    assert response.status_code == 202
    job = api_for("focal_a").get(response["Location"]).json()
    assert job["result"]["saved"] is True and job["result"]["created"] == 1
    assert Activity.objects.filter(topic="Qua API").exists()


def test_the_demo_adds_forty_activities_across_provinces_once(world: World) -> None:
    created = load_activities_demo()
    assert created == COUNT
    assert Activity.objects.values("body").distinct().count() >= 2
    assert load_activities_demo() == 0
