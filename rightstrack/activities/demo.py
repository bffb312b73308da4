"""The activities part of the demo: forty awareness, training and law-dissemination activities of eight
provincial committees (Hồ Chí Minh City and Đà Nẵng first, whose focal points have demo logins), dated
within the open reporting cycle's period and not after today, so the report pages offer their sums as
figures. Written through ``activities_save_batch``; idempotent (nothing is added once the demo's
activities exist). Numbers are invented; no person is named."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from rightstrack.activities.choices import ActivityKind
from rightstrack.activities.models import Activity, AudienceGroup
from rightstrack.activities.services import ActivityInput, activities_save_batch, audience_groups_ensure
from rightstrack.bodies.choices import BodyKind
from rightstrack.bodies.models import Body
from rightstrack.core.registry import DemoResult
from rightstrack.reporting.choices import CycleStatus
from rightstrack.reporting.models import ReportingCycle

COUNT = 40
FIRST_CODES = ("79", "48")  # the provinces whose focal points have demo logins
PROVINCES = 8

# (kind, topic, English topic, audiences, place as written)
PLAN: tuple[tuple[str, str, str, tuple[str, ...], str], ...] = (
    (
        ActivityKind.AWARENESS,
        "Tuyên truyền về quyền của người dân tộc thiểu số",
        "Awareness of the rights of ethnic minorities",
        ("ethnic-minorities",),
        "Nhà văn hóa xã",
    ),
    (
        ActivityKind.TRAINING,
        "Tập huấn kiến thức về quyền con người cho cán bộ cấp xã",
        "Training on human rights for commune officials",
        ("officials",),
        "Hội trường UBND tỉnh",
    ),
    (
        ActivityKind.LAW_DISSEMINATION,
        "Phổ biến Luật Tín ngưỡng, tôn giáo cho chức sắc tôn giáo",
        "The Law on Belief and Religion for religious dignitaries",
        ("religious-dignitaries",),
        "Trung tâm Văn hóa tỉnh",
    ),
    (
        ActivityKind.AWARENESS,
        "Truyền thông về phòng, chống bạo lực gia đình",
        "Preventing domestic violence",
        ("women", "children"),
        "Các thôn, tổ dân phố",
    ),
    (
        ActivityKind.LAW_DISSEMINATION,
        "Phổ biến pháp luật về quyền của người khuyết tật",
        "The law on the rights of persons with disabilities",
        ("persons-with-disabilities", "general-public"),
        "Hội Người khuyết tật tỉnh",
    ),
    (
        ActivityKind.TRAINING,
        "Bồi dưỡng kỹ năng xây dựng báo cáo công tác nhân quyền",
        "Writing the human rights work report",
        ("officials",),
        "Sở Tư pháp",
    ),
    (
        ActivityKind.AWARENESS,
        "Tọa đàm về quyền trẻ em trong trường học",
        "Children's rights at school",
        ("children",),
        "Trường THCS thị trấn",
    ),
    (
        ActivityKind.LAW_DISSEMINATION,
        "Phổ biến Hiến pháp năm 2013, chương Quyền con người",
        "The 2013 Constitution's chapter on human rights",
        ("general-public",),
        "Đài Phát thanh – Truyền hình tỉnh",
    ),
    (
        ActivityKind.OTHER,
        "Đối thoại chính sách với đồng bào dân tộc thiểu số",
        "Policy dialogue with ethnic minority communities",
        ("ethnic-minorities",),
        "Xã vùng cao",
    ),
    (
        ActivityKind.TRAINING,
        "Tập huấn nghiệp vụ bảo đảm quyền con người cho công an xã",
        "Training commune police on human rights in their work",
        ("officials",),
        "Công an tỉnh",
    ),
)


def _bodies() -> list[Body]:
    committees = Body.objects.filter(
        kind=BodyKind.PROVINCIAL_COMMITTEE, dissolved_on__isnull=True, unit__isnull=False
    ).select_related("unit")
    first = [b for code in FIRST_CODES for b in committees.filter(unit__code=code)]
    rest = list(
        committees.exclude(pk__in=[b.pk for b in first]).order_by("unit__code")[: PROVINCES - len(first)]
    )
    return [*first, *rest]


def _period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    cycle = (
        ReportingCycle.objects.filter(status=CycleStatus.OPEN, period_start__lte=today)
        .order_by("-period_end")
        .first()
    )
    if cycle is None:
        return datetime.date(today.year, 1, 1), today
    return cycle.period_start, min(cycle.period_end, today)


@transaction.atomic
def load_activities_demo(*, today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    bodies = _bodies()
    if not bodies or Activity.objects.filter(body__in=bodies).exists():
        return 0
    start, end = _period(today)
    span = max((end - start).days, 1)
    audience_groups_ensure()
    groups = {group.code: group for group in AudienceGroup.objects.all()}
    by_body: dict[Body, list[ActivityInput]] = {}
    for index in range(COUNT):
        body = bodies[index % len(bodies)]
        # Each province gets a mix of kinds: the plan shifts by one each round of the provinces.
        kind, topic, topic_en, audiences, place = PLAN[(index + index // len(bodies)) % len(PLAN)]
        day = start + datetime.timedelta(days=(index * 37) % span)
        trained = 20 + (index * 7) % 60 if kind == ActivityKind.TRAINING else 0
        by_body.setdefault(body, []).append(
            ActivityInput(
                date=day,
                date_end=day + datetime.timedelta(days=1) if kind == ActivityKind.TRAINING else None,
                kind=kind,
                topic=topic,
                topic_en=topic_en,
                participants=trained or 60 + (index * 53) % 400,
                officials_trained=trained,
                audiences=[groups[code] for code in audiences if code in groups],
                place_text=place,
            )
        )
    created = 0
    for body, rows in by_body.items():
        created += len(activities_save_batch(actor=None, body=body, rows=rows).created)
    return created


def load() -> DemoResult:
    """The registered demo loader: forty activities of eight provinces."""
    created = load_activities_demo()
    total = Activity.objects.count()
    return DemoResult(lines=[f"Activities: {total} recorded ({created} added now)."])
