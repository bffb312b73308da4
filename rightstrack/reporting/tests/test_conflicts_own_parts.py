"""Several people write one report, each in their own part. One person's consecutive autosaves update one
revision, so the content of the versions in between is gone; a colleague's stale save on such a version is
still no clash where nobody wrote after it: each part records the version it last changed in (``changed_in``)
and ``services.conflicts.find_conflicts`` lets the writer's text stand there (decision 0065)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from rightstrack.reporting.models import Report, ReportFigure, ReportRevision, ReportSection
from rightstrack.reporting.services import report_import_content, report_save
from tests.world import signed_in

from .conftest import World
from .pages import figures_of, sections_of, url

MINH_LESSONS = "<p>Bài học của Minh, viết tiếp</p>"


def _autosave(client: Any, report: Report, version: int, **content: Any) -> Any:
    return client.post(
        url("report_autosave", report.pk),
        json.dumps({"version": version} | content),
        content_type="application/json",
    )


@pytest.fixture
def desks(world: World, report: Report) -> tuple[Any, Any]:
    """Lan writes "situation", Minh "lessons"; Minh's editor holds version 3, which Lan's second autosave
    (v3 → v4) folded into her revision of version 4: no revision of version 3 is left."""
    lan, minh = signed_in(world.focal_hanoi), signed_in(world.focal_hanoi_en)
    assert _autosave(minh, report, 1, sections={"lessons": "<p>Bài học của Minh</p>"}).status_code == 200
    assert _autosave(lan, report, 2, sections={"situation": "<p>Lan viết</p>"}).status_code == 200
    assert _autosave(lan, report, 3, sections={"situation": "<p>Lan viết tiếp</p>"}).status_code == 200
    assert Report.objects.get(pk=report.pk).version == 4
    assert not ReportRevision.objects.filter(report=report, report_version=3).exists()  # the bug's cause
    return lan, minh


def _merge(response: Any) -> dict[str, Any]:
    assert response.status_code == 409 and response.json()["code"] == "stale"
    return response.json()["merge"]  # type: ignore[no-any-return]


def _no_clash(merge: dict[str, Any]) -> bool:
    return merge["conflicts"] == {"sections": {}, "figures": {}, "unplaced": None}


def test_ones_own_section_after_a_colleagues_merged_autosaves_is_no_clash(
    desks: tuple[Any, Any], report: Report
) -> None:
    lan, minh = desks
    merge = _merge(_autosave(minh, report, 3, sections={"lessons": MINH_LESSONS}))
    assert _no_clash(merge)
    assert "lessons" not in merge["refreshed"]["sections"]  # Minh's text stands: the editor sends it again
    assert merge["refreshed"]["sections"]["situation"] == "<p>Lan viết tiếp</p>"
    assert sections_of(report)["lessons"] == "<p>Bài học của Minh</p>"  # nothing saved by the refusal

    again = _autosave(minh, report, merge["version"], sections={"lessons": MINH_LESSONS})
    assert again.status_code == 200 and again.json()["version"] == 5
    saved = sections_of(report)
    assert saved["lessons"] == MINH_LESSONS and saved["situation"] == "<p>Lan viết tiếp</p>"


def test_a_section_both_changed_after_the_writers_version_still_clashes(
    desks: tuple[Any, Any], report: Report
) -> None:
    lan, minh = desks
    both = {"situation": "<p>Lan viết tiếp</p>", "lessons": "<p>Lan sửa bài học</p>"}
    assert _autosave(lan, report, 4, sections=both).status_code == 200  # folded into her revision too
    merge = _merge(_autosave(minh, report, 3, sections={"lessons": MINH_LESSONS}))
    assert merge["conflicts"]["sections"] == {"lessons": "<p>Lan sửa bài học</p>"}
    assert sections_of(report)["lessons"] == "<p>Lan sửa bài học</p>"  # nothing overwritten unseen


def test_rows_written_before_versions_were_counted_clash_as_before(
    desks: tuple[Any, Any], report: Report
) -> None:
    lan, minh = desks
    ReportSection.objects.filter(report=report).update(changed_in=0)  # as the migration leaves old rows
    ReportFigure.objects.filter(report=report).update(changed_in=0)
    Report.objects.filter(pk=report.pk).update(unplaced_changed_in=0)
    sent = {"sections": {"lessons": MINH_LESSONS}, "figures": {"staff-trained": "3"}, "unplaced": "<p>x</p>"}
    merge = _merge(_autosave(minh, report, 3, **sent))
    assert merge["conflicts"] == {
        "sections": {"lessons": "<p>Bài học của Minh</p>"},  # the starting point is unknown: shown, not lost
        "figures": {"staff-trained": ""},
        "unplaced": "",
    }


def test_figures_and_unplaced_text_follow_the_same_rule(desks: tuple[Any, Any], report: Report) -> None:
    lan, minh = desks
    # Lan also changes one figure after Minh's version; Minh sends it, another figure and the unplaced text.
    lan_figures = {"situation": "<p>Lan viết tiếp</p>"}
    assert _autosave(lan, report, 4, sections=lan_figures, figures={"poverty-rate": "2,5"}).status_code == 200
    sent = {"figures": {"staff-trained": "12", "poverty-rate": "3"}, "unplaced": "<p>Minh chưa xếp</p>"}
    merge = _merge(_autosave(minh, report, 3, **sent))
    assert merge["conflicts"] == {"sections": {}, "figures": {"poverty-rate": "2.50"}, "unplaced": None}
    assert merge["refreshed"]["unplaced"] is None

    mine = {"figures": {"staff-trained": "12"}, "unplaced": "<p>Minh chưa xếp</p>"}  # the clash stays open
    assert _autosave(minh, report, merge["version"], **mine).status_code == 200
    assert figures_of(report)["staff-trained"] == "12" and figures_of(report)["poverty-rate"] == "2.50"
    assert Report.objects.get(pk=report.pk).unplaced_html == "<p>Minh chưa xếp</p>"


def test_the_api_answers_from_the_same_merge(world: World, desks: tuple[Any, Any], report: Report) -> None:
    api = APIClient()
    api.force_authenticate(world.focal_hanoi_en)
    path = f"/api/reports/{report.pk}/content/"
    sent = {"sections": {"lessons": MINH_LESSONS}, "figures": {"staff-trained": "12"}}
    refused = api.patch(path, {"expected_version": 3} | sent, format="json")
    assert refused.status_code == 409
    merge = refused.json()["merge"]
    assert _no_clash(merge) and merge["version"] == 4
    assert api.patch(path, {"expected_version": merge["version"]} | sent, format="json").status_code == 200
    assert sections_of(report)["lessons"] == MINH_LESSONS
    assert sections_of(report)["situation"] == "<p>Lan viết tiếp</p>"


def test_each_write_records_the_version_of_the_parts_it_changed(world: World, report: Report) -> None:
    def changed_in() -> dict[str, int]:
        rows = ReportSection.objects.filter(report=report, section__key__in=["situation", "lessons"])
        figures = ReportFigure.objects.filter(report=report, indicator__key="staff-trained")
        return {row.section.key: row.changed_in for row in rows.select_related("section")} | {
            "staff-trained": figures.get().changed_in,
            "unplaced": Report.objects.get(pk=report.pk).unplaced_changed_in,
        }

    assert set(changed_in().values()) == {1}  # empty since the cycle opened
    report_save(
        actor=world.focal_hanoi,
        report=report,
        expected_version=1,
        sections={"situation": "<p>a</p>"},
        figures={},
    )
    report_save(  # the same text again and the same figure as written otherwise: nothing changes
        actor=world.focal_hanoi,
        report=report,
        expected_version=2,
        sections={"situation": "<p>a</p>", "lessons": ""},
        figures={"staff-trained": "7"},
    )
    assert changed_in() == {"situation": 2, "lessons": 1, "staff-trained": 3, "unplaced": 1}
    report_import_content(
        actor=world.focal_hanoi,
        report=report,
        expected_version=3,
        sections={"lessons": "<p>b</p>"},
        figures={"staff-trained": "7,0"},
        unplaced_html="<p>c</p>",
    )
    assert changed_in() == {"situation": 2, "lessons": 4, "staff-trained": 3, "unplaced": 4}


def test_a_part_nobody_touched_since_needs_no_revision(desks: tuple[Any, Any], report: Report) -> None:
    """The 409 reads the starting revision only for a part changed after the writer's version."""
    lan, minh = desks
    with CaptureQueriesContext(connection) as queries:
        _merge(_autosave(minh, report, 3, sections={"lessons": MINH_LESSONS}))
    assert not [q for q in queries if "reporting_reportrevision" in q["sql"]]


def test_a_version_the_report_never_had_trusts_no_record(desks: tuple[Any, Any], report: Report) -> None:
    lan, minh = desks
    merge = _merge(_autosave(minh, report, 99, sections={"lessons": MINH_LESSONS}))
    assert merge["conflicts"]["sections"] == {"lessons": "<p>Bài học của Minh</p>"}
