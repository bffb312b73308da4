"""Pages and API lists cost the same number of queries with 5 objects as with 50: no N+1 anywhere."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rightstrack.bodies.choices import BodyKind, Position
from rightstrack.bodies.models import Body
from rightstrack.bodies.services import body_update
from rightstrack.places.choices import UnitLevel
from rightstrack.places.models import UnitAlias, UnitSuccession
from tests.conftest import MINIMAL_PDF, World
from tests.factories import BodyFactory, MembershipFactory, PersonFactory, UnitFactory, UserFactory


def add_bodies(world: World, start: int, count: int) -> None:
    """Departments under A and B, some with a unit, a successor and members (all shown in the list)."""
    for n in range(start, start + count):
        parent = world.committee_a if n % 2 else world.committee_b
        body = BodyFactory(
            code=f"dept-{n}",
            name=f"Sở số {n}",
            kind=BodyKind.DEPARTMENT,
            parent=parent,
            unit=world.province_a if n % 2 else None,
        )
        MembershipFactory(body=body, person=PersonFactory(full_name=f"Giám đốc {n}"), position=Position.HEAD)
        if n % 3 == 0:
            body_update(
                actor=None,
                body=body,
                established_on=datetime.date(2020, 1, 1),
                dissolved_on=datetime.date(2025, 6, 30),
                successor=parent,
            )


def add_seats(world: World, start: int, count: int) -> None:
    """Seats in A: people with titles and agencies, some already ended."""
    for n in range(start, start + count):
        if n % 4 == 0:
            agency = BodyFactory(
                code=f"agency-{n}", name=f"Cơ quan {n}", kind=BodyKind.DEPARTMENT, parent=world.pc_a
            )
            MembershipFactory(body=world.committee_a, person=None, member_body=agency, title=f"Cơ quan {n}")
        else:
            MembershipFactory(
                body=world.committee_a,
                person=PersonFactory(full_name=f"Thành viên {n}", title="Phó Giám đốc"),
                end_on=datetime.date(2025, 12, 31) if n % 3 == 0 else None,
            )
    # Predecessors are listed too.
    body_update(actor=None, body=world.committee_b, successor=world.committee_a)


def add_units(world: World, start: int, count: int) -> None:
    """Communes of A, some merged into another (a succession) and with an alias."""
    for n in range(start, start + count):
        unit = UnitFactory(
            code=f"9{n:04d}",
            name=f"Xã Số {n}",
            level=UnitLevel.COMMUNE,
            parent=world.province_a,
            valid_to=datetime.date(2025, 6, 30) if n % 2 else None,
        )
        if n % 2:
            UnitSuccession.objects.create(
                predecessor=unit, successor=world.commune_a, effective_on=datetime.date(2025, 7, 1)
            )
            UnitAlias.objects.create(unit=unit, alias=f"X{n}")


def add_communes_of_a(world: World, start: int, count: int) -> None:
    """Communes of A from 1 July 2025, as the shipped-data loader writes them (the province page)."""
    from tests.world import add_communes

    add_communes(world.province_a, start, count)


def add_commune_bodies(world: World, start: int, count: int) -> None:
    """Communes of A with their People's Committee and police (the commune level)."""
    from rightstrack.bodies.services import commune_bodies_create
    from tests.world import add_communes

    add_communes(world.province_a, start, count)
    commune_bodies_create(actor=None, province=world.province_a)


def add_users(world: World, start: int, count: int) -> None:
    for n in range(start, start + count):
        UserFactory(username=f"staff{n}", body=world.pc_a if n % 2 else world.committee_b)


def add_cycles(world: World, start: int, count: int) -> None:
    """Open cycles for A and B, past their deadline: B's report submitted (late), A's never sent."""
    from rightstrack.reporting.models import Report, ReportTemplate
    from rightstrack.reporting.services import (
        cycle_create,
        cycle_open,
        report_submit,
        template_create_default,
    )

    template = ReportTemplate.objects.first() or template_create_default(actor=world.secretariat)
    for n in range(start, start + count):
        cycle = cycle_open(
            actor=world.secretariat,
            cycle=cycle_create(
                actor=world.secretariat,
                name=f"Kỳ báo cáo số {n}",
                period_start=datetime.date(2024, 1, 1),
                period_end=datetime.date(2024, 12, 31),
                deadline=datetime.date(2025, 1, 15),
                template=template,
                participants=[world.committee_a, world.committee_b],
            ),
        )
        report_submit(actor=world.focal_b, report=Report.objects.get(cycle=cycle, body=world.committee_b))


def add_admin_work(world: World, start: int, count: int) -> None:
    """Accounts without a body and failed jobs: what the administrator's home lists."""
    from rightstrack.accounts.services import user_create
    from rightstrack.core.jobs.models import Job, JobState

    for n in range(start, start + count):
        user_create(actor=None, username=f"lost{n}", body=None, role="reviewer", superuser=True)
        Job.objects.create(actor=world.admin, kind="report-pdf", state=JobState.FAILED, error=f"Lỗi {n}")


def add_conferences(world: World, start: int, count: int) -> None:
    """Conferences A and B take part in, on days of August 2025, in A's province (shown in every list)."""
    from rightstrack.conferences.services import Participants, conference_create

    for n in range(start, start + count):
        conference_create(
            actor=None,
            kind="training",
            title=f"Tập huấn số {n}",
            date=datetime.date(2025, 8, 1 + n % 28),
            organiser=world.office,
            place=world.province_a,
            participants=Participants(bodies=[world.committee_a, world.committee_b]),
            presenters=[world.committee_a],
        )


def growing_conference(world: World) -> Any:
    from rightstrack.conferences.models import Conference
    from rightstrack.conferences.services import Participants, conference_create

    found = Conference.objects.filter(title="Hội nghị lớn dần").first()
    return found or conference_create(
        actor=None,
        kind="regional_review",
        title="Hội nghị lớn dần",
        date=datetime.date(2025, 8, 2),
        organiser=world.office,
        place=world.quang_tri_old,
        participants=Participants(bodies=[world.committee_a]),
    )


def add_participants(world: World, start: int, count: int) -> None:
    """More committees take part and present, each with a document and an article."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rightstrack.conferences.services import (
        conference_document_add,
        conference_media_link_add,
        conference_update,
    )
    from tests.world import MINIMAL_PDF

    conference = growing_conference(world)
    bodies = [p.body for p in conference.participants.select_related("body")]
    for n in range(start, start + count):
        bodies.append(
            BodyFactory(
                code=f"bcd-{n}",
                name=f"Ban Chỉ đạo số {n}",
                kind=BodyKind.PROVINCIAL_COMMITTEE,
                parent=world.national,
            )
        )
        conference_document_add(
            actor=None,
            conference=conference,
            uploaded_file=SimpleUploadedFile(
                f"tai-lieu-{n}.pdf", MINIMAL_PDF, content_type="application/pdf"
            ),
        )
        conference_media_link_add(
            actor=None, conference=conference, url=f"https://example.org/{n}", title=f"Tin {n}"
        )
    from rightstrack.conferences.services import Participants

    conference_update(
        actor=None, conference=conference, participants=Participants(bodies=bodies), presenters=bodies
    )


def add_directives(world: World, start: int, count: int) -> None:
    """Directives of the national committee, each assigned to A and B (overdue), A's proposed done."""
    from rightstrack.followup.models import DirectiveKind
    from rightstrack.followup.services import Target, directive_create, task_update, tasks_assign

    kinds = list(DirectiveKind.objects.order_by("order"))
    for n in range(start, start + count):
        directive = directive_create(
            actor=None,
            issuer=world.national,
            kind=kinds[n % len(kinds)],
            text=f"Chỉ đạo số {n}: rà soát, đánh giá kết quả.",
            issued_on=datetime.date(2025, 8, 2),
            conference=world.conferences().with_a if n % 2 else None,
        )
        result = tasks_assign(
            actor=None,
            directive=directive,
            target=Target(bodies=[world.committee_a, world.committee_b]),
            due_on=datetime.date(2025, 12, 31) if n % 3 else datetime.date(2030, 1, 1),
        )
        task_update(actor=None, task=result.created[0], text=f"Tiến độ {n}", propose_done=True)


def growing_directive(world: World) -> Any:
    from rightstrack.followup.models import Directive, DirectiveKind
    from rightstrack.followup.services import directive_create

    found = Directive.objects.filter(text="Chỉ đạo lớn dần").first()
    return found or directive_create(
        actor=None,
        issuer=world.national,
        kind=DirectiveKind.objects.get(code="capacity"),
        text="Chỉ đạo lớn dần",
        issued_on=datetime.date(2025, 8, 2),
    )


def add_directive_tasks(world: World, start: int, count: int) -> None:
    """More bodies under A and B receive the growing directive's task, at every stage."""
    from rightstrack.followup.services import Target, task_update, tasks_assign

    directive = growing_directive(world)
    bodies = [
        BodyFactory(code=f"so-{n}", name=f"Sở số {n}", kind=BodyKind.DEPARTMENT, parent=world.committee_a)
        for n in range(start, start + count)
    ]
    result = tasks_assign(
        actor=None, directive=directive, target=Target(bodies=bodies), due_on=datetime.date(2026, 1, 31)
    )
    for n, task in enumerate(result.created):
        if n % 3 == 1:
            task_update(actor=None, task=task, text="Đang làm", status="in_progress")
        elif n % 3 == 2:
            task_update(actor=None, task=task, status="done")


def add_task_updates(world: World, start: int, count: int) -> None:
    """Progress notes on A's task, each with a reference and some with a file."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rightstrack.followup.services import Evidence, task_update

    task = world.followup().task_a
    for n in range(start, start + count):
        evidence = [Evidence(reference=f"Văn bản số {n}/BC")]
        if n % 5 == 0:
            evidence.append(Evidence(file=SimpleUploadedFile(f"bc-{n}.pdf", MINIMAL_PDF)))
        task_update(actor=world.focal_a, task=task, text=f"Tiến độ lần {n}", evidence=evidence)


def add_answered_tasks(world: World, start: int, count: int) -> None:
    """Directives for A, each task answered in A's report (the section on earlier directives)."""
    from rightstrack.followup.models import DirectiveKind
    from rightstrack.followup.services import Target, directive_create, tasks_assign
    from rightstrack.reporting.models import Report
    from rightstrack.reporting.services import report_save

    kind = DirectiveKind.objects.get(code="review")
    answers = {}
    for n in range(start, start + count):
        directive = directive_create(
            actor=None,
            issuer=world.national,
            kind=kind,
            text=f"Chỉ đạo được trả lời số {n}.",
            issued_on=datetime.date(2025, 8, 2),
        )
        (task,) = tasks_assign(
            actor=None,
            directive=directive,
            target=Target(bodies=[world.committee_a]),
            due_on=datetime.date(2030, 1, 1),
        ).created
        answers[str(task.pk)] = {"text": f"Đã thực hiện chỉ đạo số {n}."}
    report = Report.objects.select_related("cycle", "body").get(pk=world.reporting().report_a.pk)
    report_save(
        actor=None,
        report=report,
        expected_version=report.version,
        sections={},
        figures={},
        extensions={"task_answers": answers},
    )


def add_activities(world: World, start: int, count: int) -> None:
    """Activities of A and of A's People's Committee, each reaching two audience groups (all listed)."""
    from rightstrack.activities.models import AudienceGroup
    from rightstrack.activities.services import ActivityInput, activities_save_batch

    groups = list(AudienceGroup.objects.order_by("pk")[:3])
    for body in (world.committee_a, world.pc_a):
        rows = [
            ActivityInput(
                date=datetime.date(2025, 1 + n % 12, 1 + n % 28),
                kind=("awareness", "training", "law_dissemination")[n % 3],
                topic=f"Hoạt động số {n} của {body.code}",
                participants=10 + n,
                officials_trained=n % 5,
                audiences=groups[n % 2 : n % 2 + 2],
                place_text=f"Xã {n}",
            )
            for n in range(start, start + count)
        ]
        activities_save_batch(actor=None, body=body, rows=rows)


def add_documents(world: World, start: int, count: int) -> None:
    """Articles of A and B, every other one covering a conference (the list shows its title)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rightstrack.documents.services import conference_from_document, document_ingest

    conference = growing_conference(world)
    for n in range(start, start + count):
        text = (
            f"Hội nghị số {n} về công tác nhân quyền\n\nBài viết số {n} kể về hội nghị tập huấn nhân "
            f"quyền lần "
            f"thứ {n} với {n + 10} đại biểu, mã {n * 7919} và {n * 104729}."
        )
        document = document_ingest(
            actor=None,
            body=world.committee_a if n % 2 else world.committee_b,
            uploaded_file=SimpleUploadedFile(f"bai-{n}.txt", text.encode()),
            name=f"bai-{n}.txt",
        )
        if n % 2:
            conference_from_document(actor=None, document=document, conference=conference)


def accept_sdg_16(model: Any, **target: Any) -> None:
    """An accepted tag (SDG 16) on every object of ``model`` that has none yet."""
    from rightstrack.tagging.models import Suggestion

    field = model._meta.model_name
    tagged = Suggestion.objects.filter(**{f"{field}__isnull": False}).values(field)
    Suggestion.objects.bulk_create(
        Suggestion(
            taxonomy="sdg-goal",
            code="16",
            score=0.7,
            model_version="t",
            state="accepted",
            **target,
            **{field: obj},
        )
        for obj in model.objects.exclude(pk__in=tagged)
    )


def add_tagged_documents(world: World, start: int, count: int) -> None:
    """Documents, as ``add_documents``, each with an accepted SDG 16 (what the tag filter keeps)."""
    from rightstrack.documents.models import Document

    add_documents(world, start, count)
    accept_sdg_16(Document, kind="document")


def add_tagged_conferences(world: World, start: int, count: int) -> None:
    from rightstrack.conferences.models import Conference

    add_conferences(world, start, count)
    accept_sdg_16(Conference, kind="conference")


def add_tagged_reports(world: World, start: int, count: int) -> None:
    """Reports, as ``add_cycles``, each with SDG 16 accepted on its shortcomings."""
    from rightstrack.reporting.models import Report

    add_cycles(world, start, count)
    accept_sdg_16(Report, kind="report_section", section_key="limitations")


def add_tagged_participants(world: World, start: int, count: int) -> None:
    """Provincial committees join the reporting cycle, each report with SDG 16 accepted on its shortcomings
    (the cycle dashboard filtered by that tag lists them all)."""
    from rightstrack.reporting.models import Report
    from rightstrack.reporting.services import cycle_add_participants

    bodies = [
        BodyFactory(
            code=f"bcd-tag-{n}",
            name=f"Ban Chỉ đạo gắn nhãn {n}",
            kind=BodyKind.PROVINCIAL_COMMITTEE,
            parent=world.national,
            unit=world.province_a if n % 2 else None,
        )
        for n in range(start, start + count)
    ]
    cycle_add_participants(actor=None, cycle=world.reporting().cycle, bodies=bodies)
    accept_sdg_16(Report, kind="report_section", section_key="limitations")


def add_recommendations(world: World, start: int, count: int) -> None:
    """Recommendations kept nationally, each with themes, groups and SDGs (all shown in lists and facets)."""
    from rightstrack.recommendations.models import SdgGoal, SdgTarget
    from rightstrack.recommendations.services import affected_persons_for, recommendation_create, themes_for

    goals = list(SdgGoal.objects.order_by("number"))
    targets = list(SdgTarget.objects.order_by("pk")[:40])
    for n in range(start, start + count):
        recommendation_create(
            actor=None,
            owner=world.national,
            mechanism="UPR" if n % 3 else "CRC",
            session="46",
            number=f"130.{n}",
            text=f"Tăng cường bảo vệ quyền số {n} (Chile)",
            recommending_states=["Chile", f"State {n}"],
            position="supported" if n % 2 else "noted",
            themes=themes_for([f"Theme {n % 7}", f"Theme {n}"]),
            affected_persons=affected_persons_for([f"Group {n % 5}"]),
            sdg_goals=[goals[n % 17]],
            sdg_targets=[targets[n % 40]],
        )


def add_published(world: World, start: int, count: int) -> None:
    """Published recommendations, each assessed and its assessment published (the portal shows them)."""
    from rightstrack.recommendations.models import Recommendation
    from rightstrack.recommendations.services import (
        assessment_add,
        recommendation_assign,
        recommendation_publish,
    )

    add_recommendations(world, 2000 + start, count)
    for rec in Recommendation.objects.filter(
        number__in=[f"130.{2000 + n}" for n in range(start, start + count)]
    ):
        recommendation_assign(actor=None, recommendation=rec, lead=world.justice)
        assessment_add(
            actor=None, recommendation=rec, status="in_progress", assessed_on=datetime.date(2026, 1, 1)
        )
        recommendation_publish(actor=None, recommendation=rec)


def add_assigned(world: World, start: int, count: int) -> None:
    """Recommendations assigned to the Ministry of Justice, each assessed (its home panel lists them)."""
    from rightstrack.recommendations.models import Recommendation
    from rightstrack.recommendations.services import assessment_add, recommendation_assign

    add_recommendations(world, 1000 + start, count)
    for rec in Recommendation.objects.filter(
        number__in=[f"130.{1000 + n}" for n in range(start, start + count)]
    ):
        recommendation_assign(
            actor=None, recommendation=rec, lead=world.justice, supporting=[world.committee_a]
        )
        assessment_add(
            actor=None, recommendation=rec, status="in_progress", assessed_on=datetime.date(2026, 1, 1)
        )


def growing_recommendation(world: World) -> Any:
    """One recommendation of the national committee, led by the Ministry of Justice."""
    from rightstrack.recommendations.models import Recommendation
    from rightstrack.recommendations.services import recommendation_assign, recommendation_create

    found = Recommendation.objects.filter(number="140.999").first()
    if found is None:
        found = recommendation_create(
            actor=None, owner=world.national, mechanism="UPR", session="46", number="140.999", text="Grow"
        )
        recommendation_assign(actor=None, recommendation=found, lead=world.justice)
    return found


def add_assessments(world: World, start: int, count: int) -> None:
    """Measures and assessments of one recommendation, each citing a law of the register and a task of the
    ministry (its page and the API list them with their evidence)."""
    from rightstrack.followup.models import Directive, DirectiveKind, Task
    from rightstrack.laws.services import legal_document_create
    from rightstrack.recommendations.services import assessment_add, measure_add

    recommendation = growing_recommendation(world)
    kind = DirectiveKind.objects.order_by("pk").first() or DirectiveKind.objects.create(code="x", name="X")
    for n in range(start, start + count):
        law = legal_document_create(
            actor=None,
            kind="decree",
            symbol=f"{n + 500}/2024/NĐ-CP",
            title=f"Nghị định {n}",
            issuer="Chính phủ",
        )
        directive = Directive.objects.create(
            text=f"Chỉ đạo {n}", issuer=world.national, issued_on=datetime.date(2025, 1, 1), kind=kind
        )
        task = Task.objects.create(directive=directive, body=world.justice, due_on=datetime.date(2026, 1, 1))
        measure_add(actor=None, recommendation=recommendation, what=f"Biện pháp {n}")
        assessment_add(
            actor=None,
            recommendation=recommendation,
            status="in_progress",
            assessed_on=datetime.date(2026, 1, 1),
            legal_documents=[law],
            tasks=[task],
        )


def add_laws(world: World, start: int, count: int) -> None:
    """Documents in the register, each applied in A (the list counts statuses and citations per row)."""
    from rightstrack.laws.services import legal_document_create, legal_status_set

    for n in range(start, start + count):
        document = legal_document_create(
            actor=None,
            kind="decree",
            symbol=f"{n + 1}/2024/NĐ-CP",
            title=f"Nghị định {n}",
            issuer="Chính phủ",
        )
        legal_status_set(actor=None, document=document, body=world.committee_a, status="applied")


def growing_law(world: World) -> Any:
    from rightstrack.laws.models import LegalDocument
    from rightstrack.laws.services import legal_document_create

    found = LegalDocument.objects.filter(symbol="99/2024/QH15").first()
    return found or legal_document_create(
        actor=None, kind="law", symbol="99/2024/QH15", title="Luật lớn dần", issuer="Quốc hội"
    )


def add_law_statuses(world: World, start: int, count: int) -> None:
    """Statuses in departments under A (each changed once, so it has a history) and citations in A's and
    B's report sections, as many as there are sections."""
    from rightstrack.laws.models import LegalMention
    from rightstrack.laws.services import legal_status_set
    from rightstrack.reporting.models import ReportSection

    document = growing_law(world)
    for n in range(start, start + count):
        body = BodyFactory(
            code=f"law-body-{n}", name=f"Sở {n}", kind=BodyKind.DEPARTMENT, parent=world.committee_a
        )
        legal_status_set(actor=None, document=document, body=body, status="drafting")
        legal_status_set(
            actor=None, document=document, body=body, status="not_in_practice", note=f"Ghi chú {n}"
        )
    reporting = world.reporting()
    sections = list(
        ReportSection.objects.filter(report__in=[reporting.report_a, reporting.report_b]).order_by("pk")
    )[start : start + count]
    LegalMention.objects.bulk_create(
        LegalMention(
            document=document, section=section, cited_as="99/2024/QH15", excerpt=f"Đoạn {section.pk}"
        )
        for section in sections
    )


def add_proposals(world: World, start: int, count: int) -> None:
    """Proposals of A and B, half of them concerning a law, some answered."""
    from rightstrack.proposals.services import proposal_create, proposal_status_change

    law = growing_law(world)
    for n in range(start, start + count):
        proposal = proposal_create(
            actor=None,
            body=world.committee_a if n % 2 else world.committee_b,
            kind="other",
            topic=f"Đề xuất {n}",
            text="Nội dung",
            authority="Chính phủ",
            documents=[law] if n % 2 else [],
        )
        if n % 3 == 0:
            proposal_status_change(
                actor=None, proposal=proposal, status="considering", response=f"Trả lời {n}"
            )


def growing_proposal(world: World) -> Any:
    from rightstrack.proposals.models import Proposal
    from rightstrack.proposals.services import proposal_create

    found = Proposal.objects.filter(topic="Đề xuất lớn dần").first()
    return found or proposal_create(
        actor=None,
        body=world.office,
        kind="issue",
        topic="Đề xuất lớn dần",
        text="Nội dung",
        authority="Chính phủ",
    )


def add_merged(world: World, start: int, count: int) -> None:
    """Proposals of A, each from a passage of A's report and concerning a law, merged into the growing one."""
    from rightstrack.laws.services import legal_document_create
    from rightstrack.proposals.services import Source, proposal_create, proposal_merge
    from rightstrack.reporting.models import ReportSection

    section = ReportSection.objects.filter(report=world.reporting().report_a).order_by("pk").first()
    others = []
    for n in range(start, start + count):
        law = legal_document_create(
            actor=None,
            kind="decree",
            symbol=f"{n + 1}/2023/NĐ-CP",
            title=f"Nghị định {n}",
            issuer="Chính phủ",
        )
        others.append(
            proposal_create(
                actor=None,
                body=world.committee_a,
                kind="other",
                topic=f"Đề xuất gộp {n}",
                text="Nội dung",
                authority="Chính phủ",
                documents=[law],
                sources=[Source(section=section, text=f"Đoạn {n}")],
            )
        )
    proposal_merge(actor=None, target=growing_proposal(world), proposals=others)


TAGGED_16 = "tag_taxonomy=sdg-goal&tag=16"  # tagging's filter, contributed to the lists through core


@dataclass(frozen=True)
class Page:
    name: str
    url: Callable[[World], str]
    persona: str
    grow: Callable[[World, int, int], None]


PAGES = [
    Page("body list", lambda w: reverse("bodies:body_list"), "secretariat", add_bodies),
    Page("body list, focal point", lambda w: reverse("bodies:body_list"), "focal_a", add_bodies),
    Page(
        "body detail", lambda w: reverse("bodies:body_detail", args=[w.committee_a.pk]), "focal_a", add_seats
    ),
    Page("unit list", lambda w: reverse("places:unit_list"), "focal_a", add_units),
    Page(
        "unit detail",
        lambda w: reverse("places:unit_detail", args=[w.province_a.pk]),
        "secretariat",
        add_bodies,
    ),
    Page(
        "province page, communes",
        lambda w: reverse("places:unit_detail", args=[w.province_a.pk]),
        "focal_a",
        add_communes_of_a,
    ),
    Page(
        "province page, communes searched",
        lambda w: reverse("places:unit_detail", args=[w.province_a.pk]) + "?q=tan+lap",
        "focal_a",
        add_communes_of_a,
    ),
    Page(
        "body list, commune level",
        lambda w: reverse("bodies:body_list") + "?level=commune",
        "focal_a",
        add_commune_bodies,
    ),
    Page("user list", lambda w: reverse("accounts:user_list"), "secretariat", add_users),
    # Filtered to bodies, so that the first page is not full before the data grows.
    Page("audit log", lambda w: reverse("core:audit_log") + "?object_type=body", "admin", add_bodies),
    Page(
        "history",
        lambda w: reverse("core:history", args=["bodies", "body", w.committee_a.pk]),
        "admin",
        add_seats,
    ),
    # Home: each role's work list (decision 0018).
    Page("home, focal point", lambda w: reverse("home"), "focal_a", add_cycles),
    Page("home, reviewer", lambda w: reverse("home"), "reviewer", add_cycles),
    Page("home, standing office", lambda w: reverse("home"), "secretariat", add_cycles),
    Page("home, administrator", lambda w: reverse("home"), "admin", add_admin_work),
    Page("home, ministry with recommendations", lambda w: reverse("home"), "agency", add_assigned),
    Page("api bodies", lambda w: "/api/bodies/", "secretariat", add_bodies),
    Page("api bodies, focal point", lambda w: "/api/bodies/", "focal_b", add_bodies),
    Page("api memberships", lambda w: "/api/memberships/", "focal_a", add_seats),
    Page("api units", lambda w: "/api/units/", "agency", add_units),
    Page("api users", lambda w: "/api/users/", "secretariat", add_users),
    Page("api audit", lambda w: "/api/audit/", "admin", add_bodies),
    Page("conference list", lambda w: reverse("conferences:conference_list"), "secretariat", add_conferences),
    Page(
        "conference list, focal point",
        lambda w: reverse("conferences:conference_list"),
        "focal_b",
        add_conferences,
    ),
    Page(
        "conference calendar",
        lambda w: reverse("conferences:conference_calendar") + "?year=2025&month=8",
        "focal_a",
        add_conferences,
    ),
    Page(
        "conference detail",
        lambda w: reverse("conferences:conference_detail", args=[growing_conference(w).pk]),
        "secretariat",
        add_participants,
    ),
    Page(
        "conference detail, focal point",
        lambda w: reverse("conferences:conference_detail", args=[growing_conference(w).pk]),
        "focal_a",
        add_participants,
    ),
    Page("api conferences", lambda w: "/api/conferences/", "focal_a", add_conferences),
    Page("directive list", lambda w: reverse("followup:directive_list"), "secretariat", add_directives),
    Page(
        "directive list, focal point", lambda w: reverse("followup:directive_list"), "focal_b", add_directives
    ),
    Page(
        "directive detail",
        lambda w: reverse("followup:directive_detail", args=[growing_directive(w).pk]),
        "secretariat",
        add_directive_tasks,
    ),
    Page(
        "directive detail, focal point",
        lambda w: reverse("followup:directive_detail", args=[growing_directive(w).pk]),
        "focal_a",
        add_directive_tasks,
    ),
    Page("task list, focal point", lambda w: reverse("followup:task_list"), "focal_a", add_directives),
    Page(
        "task list, standing office", lambda w: reverse("followup:task_list"), "secretariat", add_directives
    ),
    Page("overdue tasks", lambda w: reverse("followup:task_overdue"), "secretariat", add_directives),
    Page(
        "task detail",
        lambda w: reverse("followup:task_detail", args=[w.followup().task_a.pk]),
        "focal_a",
        add_task_updates,
    ),
    Page("home, focal point, tasks", lambda w: reverse("home"), "focal_a", add_directives),
    Page("home, standing office, tasks", lambda w: reverse("home"), "secretariat", add_directives),
    Page("api directives", lambda w: "/api/directives/", "focal_a", add_directives),
    Page("api tasks", lambda w: "/api/tasks/", "secretariat", add_directives),
    Page("api task detail", lambda w: f"/api/tasks/{w.followup().task_a.pk}/", "focal_a", add_task_updates),
    Page(
        "report editor, answered tasks",
        lambda w: reverse("reporting:report_edit", args=[w.reporting().report_a.pk]),
        "focal_a",
        add_answered_tasks,
    ),
    Page(
        "report, answered tasks",
        lambda w: reverse("reporting:report_detail", args=[w.reporting().report_a.pk]),
        "focal_a",
        add_answered_tasks,
    ),
    Page("activity list", lambda w: reverse("activities:activity_list"), "focal_a", add_activities),
    Page(
        "activity list, filtered",
        lambda w: reverse("activities:activity_list") + "?kind=training&date_from=2025-01-01",
        "secretariat",
        add_activities,
    ),
    Page(
        "activity list form, a month",
        lambda w: reverse("activities:activity_entry") + f"?body={w.committee_a.pk}&month=2025-03",
        "focal_a",
        add_activities,
    ),
    Page(
        "report figures from activities",
        lambda w: reverse("activities:report_figures", args=[w.reporting().report_a.pk]),
        "focal_a",
        add_activities,
    ),
    Page("api activities", lambda w: "/api/activities/", "focal_a", add_activities),
    Page("document list", lambda w: reverse("documents:document_list"), "secretariat", add_documents),
    Page(
        "document list, search",
        lambda w: reverse("documents:document_list") + "?q=hoi+nghi+nhan+quyen&language=vi",
        "focal_a",
        add_documents,
    ),
    Page(
        "conference detail, coverage",
        lambda w: reverse("conferences:conference_detail", args=[growing_conference(w).pk]),
        "secretariat",
        add_documents,
    ),
    Page("api documents", lambda w: "/api/documents/?q=nhan+quyen", "focal_a", add_documents),
    Page(
        "document list, by tag",
        lambda w: reverse("documents:document_list") + f"?{TAGGED_16}",
        "secretariat",
        add_tagged_documents,
    ),
    Page("api documents, by tag", lambda w: "/api/documents/?tag=16", "focal_a", add_tagged_documents),
    Page(
        "conference list, by tag",
        lambda w: reverse("conferences:conference_list") + f"?{TAGGED_16}",
        "focal_b",
        add_tagged_conferences,
    ),
    Page(
        "api reports, by tag on their shortcomings",
        lambda w: f"/api/reports/?{TAGGED_16}&tag_section=limitations",
        "secretariat",
        add_tagged_reports,
    ),
    Page(
        "cycle dashboard, by tag on the shortcomings",
        lambda w: (
            reverse("reporting:cycle_detail", args=[w.reporting().cycle.pk])
            + f"?{TAGGED_16}&tag_section=limitations"
        ),
        "secretariat",
        add_tagged_participants,
    ),
    Page(
        "api cycle dashboard, by tag on the shortcomings",
        lambda w: f"/api/cycles/{w.reporting().cycle.pk}/dashboard/?{TAGGED_16}&tag_section=limitations",
        "secretariat",
        add_tagged_participants,
    ),
    Page(
        "recommendation list",
        lambda w: reverse("recommendations:recommendation_list"),
        "secretariat",
        add_recommendations,
    ),
    Page(
        "recommendation list, searched",
        lambda w: reverse("recommendations:recommendation_list") + "?q=tang+cuong&position=supported",
        "reviewer",
        add_recommendations,
    ),
    Page(
        "api recommendations", lambda w: "/api/recommendations/?q=chile", "secretariat", add_recommendations
    ),
    Page(
        "recommendations by theme",
        lambda w: reverse("recommendations:clusters") + "?by=theme",
        "secretariat",
        add_published,
    ),
    Page(
        "recommendation detail, assessments with evidence",
        lambda w: reverse("recommendations:recommendation_detail", args=[growing_recommendation(w).pk]),
        "agency",
        add_assessments,
    ),
    Page(
        "api assessments of a recommendation",
        lambda w: f"/api/recommendation-assessments/?recommendation={growing_recommendation(w).pk}",
        "agency",
        add_assessments,
    ),
    Page("portal list", lambda w: reverse("portal:recommendation_list"), "anonymous", add_published),
    Page(
        "portal list, searched and filtered",
        lambda w: reverse("portal:recommendation_list") + "?q=tang+cuong&status=in_progress&mechanism=UPR",
        "anonymous",
        add_published,
    ),
    Page(
        "portal export",
        lambda w: reverse("portal:recommendation_export_json") + "?position=supported",
        "anonymous",
        add_published,
    ),
    Page("law list", lambda w: reverse("laws:document_list"), "focal_b", add_laws),
    Page(
        "law detail",
        lambda w: reverse("laws:document_detail", args=[growing_law(w).pk]),
        "secretariat",
        add_law_statuses,
    ),
    Page(
        "law detail, focal point",
        lambda w: reverse("laws:document_detail", args=[growing_law(w).pk]),
        "focal_a",
        add_law_statuses,
    ),
    Page("api laws", lambda w: "/api/laws/", "agency", add_laws),
    Page("proposal list", lambda w: reverse("proposals:proposal_list"), "secretariat", add_proposals),
    Page(
        "proposal list, focal point", lambda w: reverse("proposals:proposal_list"), "focal_a", add_proposals
    ),
    Page(
        "proposal detail",
        lambda w: reverse("proposals:proposal_detail", args=[growing_proposal(w).pk]),
        "secretariat",
        add_merged,
    ),
    Page(
        "law detail with proposals",
        lambda w: reverse("laws:document_detail", args=[growing_law(w).pk]),
        "focal_a",
        add_proposals,
    ),
    Page("api proposals", lambda w: "/api/proposals/", "focal_b", add_proposals),
    Page("api proposal", lambda w: f"/api/proposals/{growing_proposal(w).pk}/", "admin", add_merged),
    Page("api law", lambda w: f"/api/laws/{growing_law(w).pk}/", "secretariat", add_law_statuses),
]
PAGES_BY_NAME = {page.name: page for page in PAGES}


def measure(client: Any, url: str) -> tuple[int, int]:
    """(queries, response size) for one GET, right after a warm-up GET: the session's idle clock renews
    at most once a minute (a write), and on a loaded machine a minute can pass between two measures."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        content = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200, url
    return len(queries), len(content)


@pytest.mark.parametrize("name", list(PAGES_BY_NAME))
def test_query_count_does_not_grow_with_the_data(
    name: str, world: World, client_for: Any, api_for: Any, settings: Any
) -> None:
    page = PAGES_BY_NAME[name]
    url = page.url(world)
    settings.PUBLIC_CACHE_SECONDS = 0  # the portal's pages are measured as they are built, not as kept
    client = api_for(page.persona) if url.startswith("/api/") else client_for(page.persona)
    if page.name == "history":  # the history of A grows with A's own changes
        page.grow(world, 0, 5)
        add = lambda start, count: [  # noqa: E731
            body_update(actor=None, body=world.committee_a, name_en=f"Committee A, version {n}")
            for n in range(start, start + count)
        ]
    else:
        add = lambda start, count: page.grow(world, start, count)  # noqa: E731
    client.get(url)  # warm caches (content types, the session) so both measures start alike
    add(0, 5)
    few, few_size = measure(client, url)
    add(5, 45)
    many, many_size = measure(client, url)
    assert many_size > few_size  # the page really shows more
    assert many == few, f"{name}: {few} queries with 5 objects, {many} with 50"


def test_the_body_list_has_a_small_fixed_cost(world: World, client_for: Any) -> None:
    """A baseline, so that a new per-request query is noticed (raise it knowingly, with a reason)."""
    client = client_for("secretariat")
    client.get(reverse("bodies:body_list"))
    queries, _ = measure(client, reverse("bodies:body_list"))
    assert queries <= 12, queries
    assert Body.objects.count() == 11
