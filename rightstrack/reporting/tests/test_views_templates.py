"""The template pages: who sees them, revising a template into a new version."""

from __future__ import annotations

from typing import Any

import pytest

from rightstrack.reporting.models import ReportTemplate, TemplateSection
from tests.world import signed_in

from .pages import url

# Templates --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["secretariat", "focal_hanoi"])
def test_the_template_pages_render(world, template, persona) -> None:
    client = signed_in(getattr(world, persona))
    listing = client.get(url("template_list"))
    assert listing.status_code == 200 and template in listing.context["object_list"]
    detail = client.get(url("template_detail", template.pk))
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "Results by work area" in html and "give figures where you have them" in html  # title, guidance
    assert [v.pk for v in detail.context["versions"]] == [template.pk]
    assert (url("template_revise", template.pk) in html) is (persona == "secretariat")


def _revise_data(response: Any) -> dict[str, Any]:
    """The revise page's forms as the browser would post them, unchanged."""
    data: dict[str, Any] = {}
    name_form = response.context["name_form"]
    data.update({name: name_form.initial.get(name, "") for name in name_form.fields})
    for formset in (response.context["sections"], response.context["indicators"]):
        management = formset.management_form
        for name in management.fields:
            data[f"{formset.prefix}-{name}"] = management.initial.get(name, "")
        for form in formset.forms:
            for name, field in form.fields.items():
                value = form.initial.get(name, field.initial)
                if isinstance(value, bool):
                    if value:
                        data[form.add_prefix(name)] = "on"
                    continue
                data[form.add_prefix(name)] = "" if value is None else value
    return data


def test_revising_a_template_writes_a_new_version_and_leaves_reports_on_the_old(
    world, template, report
) -> None:
    old_titles = list(template.sections.order_by("order").values_list("key", "title"))
    client = signed_in(world.secretariat)
    page = client.get(url("template_revise", template.pk))
    assert page.status_code == 200
    assert "Version 1 stays exactly as it is" in page.content.decode()
    data = _revise_data(page)
    sections = page.context["sections"]
    first = sections.forms[0].prefix
    data[f"{first}-title"] = "Tình hình chung (sửa đổi)"
    last = sections.forms[sections.initial_form_count() - 1].prefix
    data[f"{last}-DELETE"] = "on"
    extra = sections.forms[sections.initial_form_count()].prefix  # the blank row at the end
    data[f"{extra}-title"] = "Đánh giá chung"
    data[f"{extra}-title_en"] = "Overall assessment"
    data[f"{extra}-ORDER"] = "2"
    response = client.post(url("template_revise", template.pk), data)
    assert response.status_code == 302, response.context and response.context["name_form"].errors
    revised = ReportTemplate.objects.get(family=template.family, version=2)
    assert response["Location"] == url("template_detail", revised.pk)
    assert revised.is_current and not ReportTemplate.objects.get(pk=template.pk).is_current
    keys = list(revised.sections.order_by("order").values_list("key", flat=True))
    assert keys[:2] == ["situation", "overall-assessment"]
    assert old_titles[-1][0] not in keys
    assert revised.sections.get(key="situation").title == "Tình hình chung (sửa đổi)"
    # The report and the old version are untouched.
    report.refresh_from_db()
    assert report.template_id == template.pk
    assert list(template.sections.order_by("order").values_list("key", "title")) == old_titles
    assert set(report.sections.values_list("section__template_id", flat=True)) == {template.pk}
    assert TemplateSection.objects.filter(template=template).count() == len(old_titles)


def test_a_revision_that_changes_nothing_writes_nothing(world, template) -> None:
    client = signed_in(world.secretariat)
    data = _revise_data(client.get(url("template_revise", template.pk)))
    response = client.post(url("template_revise", template.pk), data)
    assert response.status_code == 200
    assert "Nothing was changed" in response.content.decode()
    assert ReportTemplate.objects.filter(family=template.family).count() == 1


def test_service_errors_of_a_revision_are_shown(world, template) -> None:
    client = signed_in(world.secretariat)
    page = client.get(url("template_revise", template.pk))
    data = _revise_data(page)
    indicators = page.context["indicators"]
    extra = indicators.forms[indicators.initial_form_count()].prefix
    data[f"{extra}-key"] = indicators.forms[0].initial["key"]  # a key already used
    data[f"{extra}-label"] = "Trùng"
    response = client.post(url("template_revise", template.pk), data)
    assert response.status_code == 200
    assert "is used twice" in response.content.decode()
    assert ReportTemplate.objects.filter(family=template.family).count() == 1


def test_revising_an_indicator_keeps_its_key(world, template) -> None:
    client = signed_in(world.secretariat)
    page = client.get(url("template_revise", template.pk))
    data = _revise_data(page)
    first = page.context["indicators"].forms[0]
    data[first.add_prefix("key")] = "hijacked"  # a disabled field: the posted value is ignored
    data[first.add_prefix("unit_en")] = "events"
    assert client.post(url("template_revise", template.pk), data).status_code == 302
    revised = ReportTemplate.objects.get(family=template.family, is_current=True)
    indicator = revised.indicators.get(key=first.initial["key"])
    assert indicator.unit_en == "events"
    assert not revised.indicators.filter(key="hijacked").exists()
