"""Templates: the default outline, idempotent creation, and revisions that never touch written reports."""

from __future__ import annotations

import dataclasses

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from rightstrack.core.models import AuditEntry
from rightstrack.reporting.default_template import DEFAULT_FAMILY
from rightstrack.reporting.models import Report, ReportSection, ReportTemplate
from rightstrack.reporting.services import report_save, template_create_default, template_revise
from rightstrack.reporting.specs import IndicatorSpec, SectionSpec, specs_of


def test_default_template_follows_the_design_outline(template: ReportTemplate) -> None:
    sections = list(template.sections.order_by("order"))
    top = [s.title for s in sections if s.parent_id is None]
    assert top == [
        "Tình hình chung",
        "Kết quả thực hiện theo lĩnh vực",
        "Hạn chế, thiếu sót",
        "Khó khăn, thách thức và nguyên nhân",
        "Bài học kinh nghiệm",
        "Kiến nghị, đề xuất với cấp trên",
        "Kết quả thực hiện các chỉ đạo trước đây",
    ]
    work_areas = [s.title for s in sections if s.parent and s.parent.key == "results"]
    assert work_areas == [
        "Xây dựng, hoàn thiện thể chế, chính sách pháp luật",
        "Giáo dục, đào tạo, tuyên truyền, nâng cao nhận thức về quyền con người",
        "Thực hiện chính sách an sinh xã hội (giảm nghèo, hỗ trợ nhóm yếu thế, hỗ trợ trong tình huống "
        "khẩn cấp)",
        "Công tác tôn giáo, dân tộc",
        "Công tác phối hợp giữa các cơ quan",
        "Hợp tác quốc tế và báo cáo quốc gia",
    ]
    assert all(s.title_en and s.guidance and s.guidance_en and s.match_aliases for s in sections)
    assert all(s.level == (2 if s.parent_id else 1) for s in sections)


def test_default_indicators_are_bilingual_and_the_counts_sum(template: ReportTemplate) -> None:
    indicators = {i.key: i for i in template.indicators.all()}
    for key in (
        "awareness-sessions",
        "awareness-participants",
        "staff-trained",
        "legal-documents",
        "households-supported",
    ):
        assert indicators[key].sums_across_bodies
        assert indicators[key].decimals == 0
        assert not indicators[key].allow_negative
        assert indicators[key].label and indicators[key].label_en and indicators[key].unit_en
    assert not indicators["poverty-rate"].sums_across_bodies
    with translation.override("en"):
        assert indicators["awareness-sessions"].display_label == "Awareness sessions held"
    with translation.override("vi"):
        assert indicators["staff-trained"].display_label == "Số cán bộ được tập huấn, bồi dưỡng"


def test_creating_the_default_twice_creates_it_once(world, template: ReportTemplate) -> None:
    audit_rows = AuditEntry.objects.count()
    again = template_create_default(actor=world.secretariat)
    assert again.pk == template.pk
    assert ReportTemplate.objects.filter(family=DEFAULT_FAMILY).count() == 1
    assert AuditEntry.objects.count() == audit_rows


def test_revision_is_a_new_current_version(world, template: ReportTemplate) -> None:
    sections, indicators = specs_of(template)
    sections.append(SectionSpec(key="gender", title="Bình đẳng giới", title_en="Gender equality"))
    revised = template_revise(actor=world.secretariat, template=template, sections=sections)
    template.refresh_from_db()
    assert (revised.family, revised.version, revised.is_current) == (DEFAULT_FAMILY, 2, True)
    assert not template.is_current
    assert revised.sections.filter(key="gender").exists()
    assert not template.sections.filter(key="gender").exists()
    assert [i.key for i in revised.indicators.order_by("order")] == [i.key for i in indicators]
    assert AuditEntry.objects.filter(action="revised", object_id=str(revised.pk)).count() == 1


def test_revising_never_changes_reports_written_on_an_older_version(world, template, report: Report) -> None:
    report = report_save(
        actor=world.focal_hanoi,
        report=report,
        expected_version=report.version,
        sections={"situation": "<p>Ổn định.</p>"},
        figures={"staff-trained": "40"},
    )
    sections, indicators = specs_of(template)
    renamed = [
        dataclasses.replace(s, title="Tình hình kinh tế - xã hội") if s.key == "situation" else s
        for s in sections
    ]
    template_revise(
        actor=world.secretariat,
        template=template,
        sections=renamed,
        indicators=[i for i in indicators if i.key != "staff-trained"],
    )
    report.refresh_from_db()
    assert report.template_id == template.pk
    row = ReportSection.objects.select_related("section").get(report=report, section__key="situation")
    assert row.section.title == "Tình hình chung"
    assert row.html == "<p>Ổn định.</p>"
    assert report.figures.get(indicator__key="staff-trained").value == 40


def test_a_focal_point_cannot_revise_a_template(world, template: ReportTemplate) -> None:
    with pytest.raises(PermissionDenied):
        template_revise(actor=world.focal_hanoi, template=template, name="X")
    assert ReportTemplate.objects.count() == 1


def test_revision_rejects_bad_outlines_with_every_problem(world, template: ReportTemplate) -> None:
    bad_sections = [
        SectionSpec(key="a", title="A"),
        SectionSpec(key="a", title="A again"),
        SectionSpec(key="b", title="B", parent="missing"),
    ]
    with pytest.raises(ValidationError) as caught:
        template_revise(
            actor=world.secretariat,
            template=template,
            sections=bad_sections,
            indicators=[IndicatorSpec(key="x", label="X", decimals=9)],
        )
    assert len(caught.value.messages) == 3
    assert ReportTemplate.objects.count() == 1
    template.refresh_from_db()
    assert template.is_current
