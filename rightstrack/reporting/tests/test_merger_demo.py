"""The 2025 merger on the demo's real data: the region filter of the open cycle finds the Mekong Delta's
provinces, and Hồ Chí Minh City's focal point reads (never edits) the 2024 reports of the three committees
whose work its committee took over.

The whole demo country is loaded once for the suite (the `demo` fixture) and shared by the demo tests.
"""

from __future__ import annotations

from django.urls import reverse

from rightstrack.accounts.models import User
from rightstrack.places.models import Region
from rightstrack.reporting.choices import CycleStatus
from rightstrack.reporting.models import Report, ReportingCycle
from tests.world import api_client, signed_in

MEKONG_DELTA_2025 = {"An Giang", "Cà Mau", "Cần Thơ", "Đồng Tháp", "Tây Ninh", "Vĩnh Long"}


def test_the_merger_carried_through_on_the_demo(demo: None) -> None:
    open_cycle = ReportingCycle.objects.get(status=CycleStatus.OPEN)
    secretariat = User.objects.get(username="vanphong")
    mekong = Region.objects.get(code="mekong-delta")

    # The region filter of the open cycle: the six provinces of the Mekong Delta after 1 July 2025.
    page = signed_in(secretariat).get(
        reverse("reporting:cycle_detail", args=[open_cycle.pk]), {"region": mekong.pk}
    )
    assert page.status_code == 200
    rows = [row.body.unit.name for row in page.context["board"].rows]
    assert set(rows) == MEKONG_DELTA_2025 and len(rows) == 6
    # Tây Ninh (Tây Ninh and Long An) straddles the Southeast and the Mekong Delta: it is in both.
    southeast = Region.objects.get(code="southeast")
    page = signed_in(secretariat).get(
        reverse("reporting:cycle_detail", args=[open_cycle.pk]), {"region": southeast.pk}
    )
    assert {row.body.unit.name for row in page.context["board"].rows} == {
        "Đồng Nai",
        "Hồ Chí Minh",
        "Tây Ninh",
    }

    # A region without a participant says so, not "no participant you can see".
    hcm = User.objects.get(username="hcm")
    page = signed_in(hcm).get(reverse("reporting:cycle_detail", args=[open_cycle.pk]), {"region": mekong.pk})
    assert "No participant in this region." in page.content.decode()

    # Hồ Chí Minh City's focal point reads the 2024 reports of the three committees before 1 July 2025.
    old_reports = Report.objects.filter(body__successor=hcm.body, cycle__period_end__year=2024)
    # Bình Dương, Bà Rịa–Vũng Tàu and the old Hồ Chí Minh City
    assert {r.body.unit.code for r in old_reports if r.body.unit} == {"74", "77", "79"}
    brvt = old_reports.get(body__unit__code="77")
    page = signed_in(hcm).get(brvt.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-testid="predecessor-report"' in text and "(before 07/2025)" in text
    assert reverse("reporting:report_edit", args=[brvt.pk]) not in text
    assert signed_in(hcm).get(reverse("reporting:report_edit", args=[brvt.pk])).status_code == 403
    api = api_client(hcm)
    assert api.get(f"/api/reports/{brvt.pk}/").status_code == 200
    assert (
        api.patch(
            f"/api/reports/{brvt.pk}/content/", {"expected_version": brvt.version}, format="json"
        ).status_code
        == 403
    )
    listing = signed_in(hcm).get(reverse("reporting:cycle_list")).content.decode()
    assert "Before 01/07/2025" in listing
    for report in old_reports:
        assert report.get_absolute_url() in listing
    # Đà Nẵng's focal point sees none of them.
    danang = User.objects.get(username="danang")
    assert signed_in(danang).get(brvt.get_absolute_url()).status_code == 404
