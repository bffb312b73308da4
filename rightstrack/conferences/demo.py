"""The conferences part of the demo: the 2024 regional review of the 38 central and southern provinces, and a
training coming up for the 34 provinces of today (so the calendar and the home page have something ahead).

The review is dated 2 August 2025: the 2024 cycle closed on 31 March 2025, so its reports could be presented
only in the following year (docs/decisions/0027-conferences.md). By then Bà Rịa–Vũng Tàu had been part of Hồ
Chí Minh City for a month: the place is recorded under its name on the day and shown with today's
successor, and the participants are the 2024 cycle's 38 committees, as they reported. Written through the
services; idempotent (each conference is looked up by its title). People and articles are fictional.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from rightstrack.accounts.models import User
from rightstrack.bodies.choices import BodyKind, Position
from rightstrack.bodies.models import Body, Membership
from rightstrack.bodies.services import membership_create
from rightstrack.conferences.choices import ConferenceKind
from rightstrack.conferences.models import Conference
from rightstrack.conferences.services import (
    Participants,
    conference_create,
    conference_media_link_add,
)
from rightstrack.core.registry import DemoResult
from rightstrack.places.choices import UnitLevel
from rightstrack.places.resolve import resolve_place
from rightstrack.reporting.models import ReportingCycle

REVIEW_TITLE = "Hội nghị sơ kết công tác nhân quyền năm 2024 khu vực miền Trung và miền Nam"
REVIEW_TITLE_EN = "Review of human rights work in 2024: the central and southern regions"
REVIEW_DAY = datetime.date(2025, 8, 2)
REVIEW_CYCLE = "Báo cáo công tác nhân quyền năm 2024"  # reporting.demo.cycles.PAST_NAME
NAMES_AS_OF = datetime.date(2025, 1, 1)  # the province names as the 2024 cycle knew them
PLACE = "Bà Rịa–Vũng Tàu"
PRESENTERS = (
    "Bạc Liêu",
    "Trà Vinh",
    "An Giang",
    "Đắk Nông",
    "Quảng Bình",
    "Sóc Trăng",
    "Hậu Giang",
    "Lâm Đồng",
)
TRAINING_TITLE = "Tập huấn kỹ năng xây dựng báo cáo công tác nhân quyền cấp tỉnh"
TRAINING_TITLE_EN = "Training: writing the provincial human rights report"
TRAINING_IN_DAYS = 21

AGENDA = "\n".join(
    (
        "1. Khai mạc, giới thiệu đại biểu",
        "2. Báo cáo tổng hợp kết quả công tác nhân quyền năm 2024 của 38 tỉnh, thành phố"
        " khu vực miền Trung và miền Nam",
        "3. Tham luận của 8 tỉnh: " + ", ".join(PRESENTERS),
        "4. Thảo luận: kết quả, hạn chế, khó khăn, bài học kinh nghiệm và kiến nghị",
        "5. Phát biểu kết luận của đồng chí Phó Trưởng Ban Thường trực",
    )
)

MINUTES = "\n\n".join(
    (
        "Hội nghị đã nghe báo cáo tổng hợp và tham luận của 8 tỉnh về kết quả công tác năm 2024: xây dựng"
        " văn bản pháp luật, chính sách; giáo dục, đào tạo và tuyên truyền về quyền con người; thực hiện"
        " chính sách xã hội, giảm nghèo, hỗ trợ nhóm yếu thế; công tác tôn giáo, dân tộc.",
        "Các đại biểu nêu các hạn chế chung: đội ngũ cán bộ làm công tác nhân quyền ở cơ sở còn mỏng, kiêm"
        " nhiệm; kinh phí cho tuyên truyền còn hạn chế; việc phối hợp giữa các sở, ngành chưa thường xuyên.",
        "Kết luận, đồng chí chủ trì đề nghị các Ban Chỉ đạo cấp tỉnh: rà soát, đánh giá kết quả và hạn chế;"
        " đề xuất bổ sung chính sách, pháp luật; giao nhiệm vụ cho lực lượng cấp xã bảo đảm quyền con người"
        " ở cơ sở; lãnh đạo tỉnh đẩy mạnh tuyên truyền, phổ biến pháp luật; nâng cao trình độ của đội ngũ"
        " cán bộ địa phương.",
    )
)

ARTICLES = (
    (
        "https://example.org/tin-tuc/2025/08/so-ket-cong-tac-nhan-quyen-mien-trung-mien-nam",
        "Sơ kết công tác nhân quyền năm 2024 tại 38 tỉnh, thành phố miền Trung và miền Nam",
        "Báo Mẫu (minh hoạ)",
        "vi",
    ),
    (
        "https://example.org/en/news/2025/08/regional-human-rights-review",
        "Central and southern provinces review their human rights work",
        "Example News (illustration)",
        "en",
    ),
)


def _chair(national: Body) -> Membership:
    """The national committee's standing deputy head on the day (seated here if the demo lacks one)."""
    seats = Membership.objects.filter(
        body=national, position=Position.STANDING_DEPUTY_HEAD, person__isnull=False
    ).order_by("-start_on")
    for seat in seats:
        if seat.is_current(REVIEW_DAY):
            return seat
    return membership_create(
        actor=None,
        body=national,
        position=Position.STANDING_DEPUTY_HEAD,
        start_on=datetime.date(2021, 4, 1),
        person_name="Trần Quốc Minh",
        person_title="Thứ trưởng Bộ Công an",
    )


def _review(office: Body, national: Body, actor: User | None) -> Conference | None:
    cycle = ReportingCycle.objects.filter(name=REVIEW_CYCLE).first()
    if cycle is None:
        return None
    place = resolve_place(PLACE, level=UnitLevel.PROVINCE, on=NAMES_AS_OF).unit
    by_unit = {p.body.unit_id: p.body for p in cycle.participants.select_related("body")}
    presenters = []
    for name in PRESENTERS:
        unit = resolve_place(name, level=UnitLevel.PROVINCE, on=NAMES_AS_OF).unit
        if unit is not None and unit.pk in by_unit:
            presenters.append(by_unit[unit.pk])
    conference = conference_create(
        actor=actor,
        kind=ConferenceKind.REGIONAL_REVIEW,
        title=REVIEW_TITLE,
        title_en=REVIEW_TITLE_EN,
        date=REVIEW_DAY,
        start_time=datetime.time(8, 0),
        end_time=datetime.time(11, 30),
        place=place,
        venue="Trung tâm Hội nghị tỉnh",
        organiser=office,
        chair=_chair(national),
        cycle=cycle,
        attendee_count=250,
        agenda=AGENDA,
        minutes=MINUTES,
        participants=Participants(from_cycle=True),
        presenters=presenters,
    )
    for url, title, outlet, language in ARTICLES:
        conference_media_link_add(
            actor=actor,
            conference=conference,
            url=url,
            title=title,
            outlet=outlet,
            language=language,
            published_on=REVIEW_DAY,
        )
    return conference


def _training(office: Body, actor: User | None, today: datetime.date) -> Conference:
    day = today + datetime.timedelta(days=TRAINING_IN_DAYS)
    while day.weekday() >= 5:  # a working day
        day += datetime.timedelta(days=1)
    return conference_create(
        actor=actor,
        kind=ConferenceKind.TRAINING,
        title=TRAINING_TITLE,
        title_en=TRAINING_TITLE_EN,
        date=day,
        start_time=datetime.time(8, 30),
        end_time=datetime.time(16, 30),
        place=resolve_place("Hà Nội", level=UnitLevel.PROVINCE, on=day).unit,
        organiser=office,
        attendee_count=120,
        agenda="1. Khung báo cáo năm\n2. Số liệu và chỉ tiêu\n3. Thực hành trên rightstrack",
        participants=Participants(all_provincial=True, on=day),
    )


@transaction.atomic
def load_conferences_demo(*, today: datetime.date | None = None) -> list[str]:
    today = today or timezone.localdate()
    office = Body.objects.filter(
        kind=BodyKind.STANDING_OFFICE, parent__kind=BodyKind.NATIONAL_COMMITTEE
    ).first()
    if office is None or office.parent is None:
        return []
    actor = User.objects.filter(username="vanphong").first()
    created = []
    if not Conference.objects.filter(title=REVIEW_TITLE).exists() and _review(office, office.parent, actor):
        created.append(REVIEW_TITLE)
    if not Conference.objects.filter(title=TRAINING_TITLE).exists():
        _training(office, actor, today)
        created.append(TRAINING_TITLE)
    return created


def conferences_demo_summary() -> str:
    parts = []
    for conference in Conference.objects.filter(title__in=[REVIEW_TITLE, TRAINING_TITLE]).order_by("date"):
        parts.append(
            f"“{conference.title}” on {conference.date:%d/%m/%Y}: "
            f"{conference.participants.count()} participating bodies, "
            f"{conference.presentations.count()} presenting"
        )
    return "Conferences: " + ("; ".join(parts) if parts else "none") + "."


def load() -> DemoResult:
    """The registered demo loader: the 2024 regional review and an upcoming training."""
    load_conferences_demo()
    return DemoResult(lines=[conferences_demo_summary()])
