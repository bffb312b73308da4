"""Figures as the writer writes them (26.019 and 0,35 in Vietnamese; 26,019 and 0.35 in English) on the
editor, its autosave and the report page; the API keeps the plain form; the dashboard lists provinces in
Vietnamese alphabetical order (decision 0041)."""

from __future__ import annotations

import json

import pytest

from rightstrack.places.models import AdministrativeUnit
from rightstrack.reporting.models import Report
from rightstrack.reporting.selectors import cycle_dashboard
from tests.world import api_client, signed_in

from .conftest import World
from .pages import figures_of, url

FORMS = {
    "vi": {"sessions": "26.019", "rate": "0,35"},
    "en": {"sessions": "26,019", "rate": "0.35"},
}


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_editor_reads_and_shows_figures_in_the_writers_language(
    world: World, report: Report, language: str
) -> None:
    client = signed_in(world.focal_hanoi, language)
    typed = FORMS[language]
    response = client.post(
        url("report_edit", report.pk),
        {
            "expected_version": "1",
            "figure_awareness-sessions": typed["sessions"],
            "figure_poverty-rate": typed["rate"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert (
        figures_of(report)["awareness-sessions"] == "26019" and figures_of(report)["poverty-rate"] == "0.35"
    )

    page = client.get(url("report_edit", report.pk)).content.decode()
    assert f'value="{typed["sessions"]}"' in page and f'value="{typed["rate"]}"' in page
    shown = client.get(url("report_detail", report.pk)).content.decode()
    assert f">{typed['sessions']}<" in shown and f">{typed['rate']}<" in shown

    # The API stays machine format.
    data = api_client(world.focal_hanoi).get(f"/api/reports/{report.pk}/").json()
    assert data["figures"]["awareness-sessions"] == "26019"


def test_in_vietnamese_a_dot_before_three_digits_groups_thousands_and_the_plain_form_is_read_too(
    world: World, report: Report
) -> None:
    client = signed_in(world.focal_hanoi, "vi")
    response = client.post(
        url("report_autosave", report.pk),
        data=json.dumps({"version": 1, "figures": {"awareness-sessions": "1.234", "poverty-rate": "0.35"}}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert figures_of(report)["awareness-sessions"] == "1234" and figures_of(report)["poverty-rate"] == "0.35"


def test_a_stale_autosave_answers_the_newer_figures_in_the_writers_form(world: World, report: Report) -> None:
    client = signed_in(world.focal_hanoi, "vi")
    first = client.post(
        url("report_autosave", report.pk),
        data=json.dumps({"version": 1, "figures": {"awareness-sessions": "26.019"}}),
        content_type="application/json",
    )
    assert first.status_code == 200
    stale = client.post(
        url("report_autosave", report.pk),
        data=json.dumps({"version": 1, "figures": {"poverty-rate": "0,35"}}),
        content_type="application/json",
    )
    assert stale.status_code == 409
    answer = stale.json()
    assert answer["figures"]["awareness-sessions"] == "26.019"
    assert answer["merge"]["refreshed"]["figures"]["awareness-sessions"] == "26.019"


def test_the_dashboard_lists_provinces_in_vietnamese_alphabetical_order(world: World, cycle) -> None:
    # Binary order would put "Gia Lai" before "Đắk Lắk" (Đ is U+0110); Vietnamese puts Đ right after D.
    AdministrativeUnit.objects.filter(bodies=world.hanoi_committee).update(name="Gia Lai")
    AdministrativeUnit.objects.filter(bodies=world.hue_committee).update(name="Đắk Lắk")
    board = cycle_dashboard(user=world.secretariat, cycle=cycle)
    assert [row.body.code for row in board.rows] == ["bcd-hue", "bcd-hanoi"]
