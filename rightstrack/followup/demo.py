"""The follow-up part of the demo: the five directives the chair gave at the end of the 2 August 2025 review,
fanned out into tasks at different stages — some done with evidence, some in progress, some proposed done
and waiting for the office, some overdue.

1. review and assess results and shortcomings — the conference's participants (as they are today: the
   committees of the 19 provinces that succeeded the 38 that took part);
2. propose to higher authorities additional policies and laws on human rights — the member ministries;
3. task the commune-level police with ensuring human rights at the grassroots — the commune-level police of
   Đà Nẵng and Hồ Chí Minh City (their provincial committees while the commune level is not loaded; a later
   run adds the communes' tasks);
4. provincial People's Committee leaders to step up law education and dissemination — all provincial
   committees;
5. improve the qualifications of local staff — all provincial committees.

Written through the services; idempotent (a directive is looked up by its conference and number, progress is
written only on a task that has none). Names are fictional.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction

from rightstrack.accounts.models import User
from rightstrack.bodies.choices import BodyKind
from rightstrack.bodies.models import Body
from rightstrack.bodies.selectors import commune_bodies_of
from rightstrack.conferences.models import Conference
from rightstrack.core.registry import DemoResult
from rightstrack.followup.choices import TaskStatus
from rightstrack.followup.models import Directive, DirectiveKind, Task
from rightstrack.followup.services import (
    Evidence,
    Target,
    directive_create,
    directive_kinds_ensure,
    task_update,
    tasks_assign,
)

REVIEW_TITLE = "Hội nghị sơ kết công tác nhân quyền năm 2024 khu vực miền Trung và miền Nam"
COMMUNE_PROVINCES = ("48", "79")  # Đà Nẵng, Hồ Chí Minh City (their focal points have demo logins)


@dataclass(frozen=True)
class Spec:
    number: int
    kind: str
    text: str
    text_en: str
    due_on: datetime.date
    # How far the tasks have come, by position in the list of bodies (cycled): done, in progress, proposed
    # done, open.
    stages: str


DIRECTIVES = (
    Spec(
        1,
        "review",
        "Rà soát, đánh giá kết quả đạt được và những tồn tại, hạn chế trong công tác bảo đảm quyền con người "
        "năm 2024; làm rõ nguyên nhân và đề ra giải pháp khắc phục.",
        "Review and assess the results achieved and the shortcomings of the human rights work in 2024; set "
        "out their causes and the remedies.",
        datetime.date(2025, 12, 31),
        "DDDDIPO",
    ),
    Spec(
        2,
        "legislation",
        "Nghiên cứu, đề xuất với cấp có thẩm quyền bổ sung, hoàn thiện chính sách, pháp luật về quyền con "
        "người; kiến nghị xử lý những chính sách đã ban hành nhưng chưa được triển khai trên thực tế.",
        "Study and propose to the higher authorities additional policies and laws on human rights; "
        "report the policies issued but not yet put into practice.",
        datetime.date(2026, 6, 30),
        "DIPO",
    ),
    Spec(
        3,
        "grassroots",
        "Giao nhiệm vụ cho lực lượng công an cấp xã trong việc bảo đảm quyền con người ở cơ sở.",
        "Task the commune-level police with ensuring human rights at the grassroots.",
        datetime.date(2026, 9, 30),
        "DI",
    ),
    Spec(
        4,
        "education",
        "Lãnh đạo Ủy ban nhân dân các tỉnh, thành phố đẩy mạnh công tác giáo dục, tuyên truyền, phổ biến "
        "pháp luật về quyền con người.",
        "The leaders of the provincial People's Committees to step up education on, and the dissemination "
        "of, the law on human rights.",
        datetime.date(2027, 6, 30),
        "IPOOIO",
    ),
    Spec(
        5,
        "capacity",
        "Nâng cao trình độ, năng lực của đội ngũ cán bộ làm công tác nhân quyền ở địa phương.",
        "Improve the qualifications and capacity of the local staff who work on human rights.",
        datetime.date(2027, 12, 31),
        "OOIO",
    ),
)

# The demo's ministry login (bo.tuphap) has live work: its task of directive 2 is in progress (and late).
STAGE_OF = {(2, "ministry-justice"): "I"}

NOTES = {
    "D": "Đã hoàn thành; kết quả được báo cáo tại báo cáo định kỳ.",
    "I": "Đang triển khai theo kế hoạch.",
    "P": "Đã triển khai xong, đề nghị Văn phòng thường trực xác nhận hoàn thành.",
}


def _target(spec: Spec, conference: Conference) -> list[Target]:
    if spec.number == 1:
        return [Target(conference_participants=True)]
    if spec.number == 2:
        return [Target(member_ministries=True)]
    if spec.number == 3:
        targets = []
        for code in COMMUNE_PROVINCES:
            committee = Body.objects.filter(
                kind=BodyKind.PROVINCIAL_COMMITTEE, unit__code=code, dissolved_on__isnull=True
            ).first()
            if committee is None:
                continue
            if commune_bodies_of(committee, user=None, kinds=(BodyKind.POLICE,)).exists():
                targets.append(Target(communes_of=committee, commune_kinds=(BodyKind.POLICE,)))
            else:
                targets.append(Target(bodies=[committee]))
        return targets
    return [Target(all_provincial=True)]


def _progress(task: Task, stage: str, users: dict[int, User], office: User | None) -> None:
    """Write one task's stage (only on a task without progress yet)."""
    if task.updates.exists() or stage == "O":
        return
    assignee = users.get(task.body_id)
    text = NOTES[stage]
    if stage == "D":
        task_update(
            actor=assignee,
            task=task,
            text=text,
            propose_done=True,
            evidence=[Evidence(reference=f"Báo cáo số {task.pk}/BC-BCĐ (minh hoạ)")],
        )
        task_update(actor=office, task=task, status=TaskStatus.DONE, text="Xác nhận hoàn thành.")
    elif stage == "P":
        task_update(
            actor=assignee,
            task=task,
            text=text,
            propose_done=True,
            evidence=[Evidence(reference=f"Kế hoạch số {task.pk}/KH-UBND (minh hoạ)")],
        )
    else:
        task_update(actor=assignee, task=task, text=text, status=TaskStatus.IN_PROGRESS)


@transaction.atomic
def load_followup_demo() -> list[str]:
    directive_kinds_ensure()
    conference = Conference.objects.filter(title=REVIEW_TITLE).select_related("chair__person").first()
    if conference is None:
        return []
    national = conference.organiser.parent or conference.organiser
    office = User.objects.filter(username="vanphong").first()
    users = {
        u.body_id: u for u in User.objects.filter(role__in=("provincial_focal_point", "agency_focal_point"))
    }
    chair = conference.chair
    lines = []
    for spec in DIRECTIVES:
        directive = Directive.objects.filter(conference=conference, number=spec.number).first()
        if directive is None:
            directive = directive_create(
                actor=office,
                issuer=national,
                kind=DirectiveKind.objects.get(code=spec.kind),
                number=spec.number,
                text=spec.text,
                text_en=spec.text_en,
                issued_by_name=chair.person.full_name if chair and chair.person else "",
                issued_by_position=chair.get_position_display() if chair else "",
                conference=conference,
            )
        for target in _target(spec, conference):
            tasks_assign(actor=office, directive=directive, target=target, due_on=spec.due_on)
        tasks = list(directive.tasks.select_related("body").order_by("body__name", "pk"))
        for index, task in enumerate(tasks):
            stage = STAGE_OF.get((spec.number, task.body.code), spec.stages[index % len(spec.stages)])
            _progress(task, stage, users, office)
        lines.append(f"{spec.number}: {len(tasks)} tasks")
    return lines


def load() -> DemoResult:
    """The registered demo loader: the review's five directives and their tasks."""
    lines = load_followup_demo()
    overdue = Task.objects.overdue().count()
    done = Task.objects.filter(status=TaskStatus.DONE).count()
    text = (
        f"Directives of the 2 August 2025 review: {', '.join(lines) or 'none'}; {done} done, {overdue} late."
    )
    return DemoResult(lines=[text])
