"""The test world: one small country built through the services, and the one set of personas who work in it.

National steering committee (national)            admin, reviewer
├── Standing office (office)                      secretariat (acts for the whole committee)
├── Ministry of Justice (justice = ministry)      agency
├── Ministry of Foreign Affairs (foreign)
├── Steering committee of A, Đà Nẵng (committee_a)    focal_a
│   └── People's Committee of A (pc_a)
├── Steering committee of B, Cần Thơ (committee_b)    focal_b
│   └── People's Committee of B (pc_b)
├── Steering committee of Hà Nội (hanoi_committee)    focal_hanoi (vi), focal_hanoi_en (en)
├── Steering committee of Huế (hue_committee)          focal_hue (vi, no e-mail)
└── Steering committee of the old Quảng Trị (quang_tri_committee), dissolved on 1 July 2025

Places: Viet Nam with Đà Nẵng (province_a, its commune Hải Châu), Cần Thơ (province_b, in the Mekong Delta
region), Hà Nội, Huế and the old Quảng Trị (both in the North Central region; the old Quảng Trị ended
on 30 June 2025).

The world is built once per test session (per xdist worker) and kept in an open savepoint; every test gets
a deep copy of the objects and runs in its own transaction, rolled back after it (``tests/layers.py``).
``World.reporting()`` adds a default template, a cycle open for A and B with A's draft (saved twice, one
attachment) and B's submitted report, and a notification for focal_a; the ``reporting`` fixture has it
built once as well.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import User
from rightstrack.bodies.choices import BodyKind, BodyLevel, Position
from rightstrack.bodies.models import Body, Membership
from rightstrack.places.choices import UnitLevel
from rightstrack.places.models import AdministrativeUnit, Region

if TYPE_CHECKING:
    from django.test import Client
    from rest_framework.test import APIClient

from tests.factories import (
    BodyFactory,
    MembershipFactory,
    PersonFactory,
    RegionFactory,
    RegionMembershipFactory,
    UnitFactory,
    UserFactory,
)

ANONYMOUS = "anonymous"
PERSONAS = (ANONYMOUS, "admin", "secretariat", "reviewer", "focal_a", "focal_b", "agency")
SIGNED_IN = PERSONAS[1:]
REFORM_DAY = datetime.date(2025, 7, 1)
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass
class Reporting:
    template: Any
    cycle: Any
    report_a: Any
    report_b: Any
    attachment: Any
    notification: Any


@dataclass
class Conferences:
    """Two conferences of the national committee (organised by its standing office) on the reporting cycle:
    ``with_a`` (A and Hà Nội take part, A presents its report; one document, one article) and ``with_b``
    (B alone, presenting its report). Chaired by ``chair_seat``, the national standing deputy head."""

    chair_seat: Any
    with_a: Any
    with_b: Any
    document: Any
    media_link: Any


@dataclass
class Followup:
    """Directives of the national committee and their tasks: ``from_conference`` (from ``with_a``, assigned
    to its participants A and Hà Nội, due 31/12/2025: overdue) with ``task_a`` and its progress note
    ``update_a`` (a reference and a PDF: ``evidence_file``); ``to_b`` (B alone, due 2030: ``task_b``);
    ``to_ministries`` (every member ministry: ``task_justice``)."""

    kind: Any
    from_conference: Any
    to_b: Any
    to_ministries: Any
    task_a: Any
    task_b: Any
    task_justice: Any
    update_a: Any
    evidence_file: Any


@dataclass
class Activities:
    """Activities in the reporting cycle's period: A's committee (a training and an awareness session)
    and A's People's Committee (a law-dissemination session) under it; B's committee (one awareness
    session). Sums for A's report: 3 activities, 2 awareness-type, 120+80+200 participants, 30 trained."""

    a_training: Any
    a_awareness: Any
    pc_a_dissemination: Any
    b_awareness: Any


@dataclass
class Documents:
    """Documents kept by A's committee: ``article_a``, a Vietnamese article on the conference ``with_a``
    (not linked yet, so it proposes that conference), and ``report_a``, a meeting report linked to it."""

    article_a: Any
    report_a: Any


@dataclass
class Recommendations:
    """Recommendations kept by the national committee: ``upr`` (UPR 46, 120.1, supported, themes "Right to
    education" and "Rights of the child", children, SDG 4.7, Vietnamese text with diacritics) and ``cedaw``
    (CEDAW, no position); and ``province`` (UPR 46, 120.2, noted) kept by committee A, which A's focal point
    sees and B's does not."""

    upr: Any
    cedaw: Any
    province: Any
    education: Any  # the theme
    children: Any  # the affected-person group


@dataclass
class Legal:
    """The register of laws and policies on top of the reporting objects: the 2013 Constitution's Chapter II
    and Decree 30/2020/NĐ-CP; the decree applied in A and in force but not yet in practice in B; A's draft
    report cites the decree (as "30/2020/ND-CP") in its proposals section, found as ``mention``."""

    constitution: Any
    decree: Any
    status_a: Any
    status_b: Any
    mention: Any


@dataclass
class Proposals:
    """Proposals on top of the register: A's (from its report's proposals section, concerning the decree),
    B's (from its report) and the standing office's (from the conference A took part in)."""

    of_a: Any
    of_b: Any
    national: Any


@dataclass
class World:
    country: AdministrativeUnit
    province_a: AdministrativeUnit
    province_b: AdministrativeUnit
    commune_a: AdministrativeUnit
    hanoi: AdministrativeUnit
    hue: AdministrativeUnit
    quang_tri_old: AdministrativeUnit
    region: Region
    north_central: Region
    national: Body
    office: Body
    justice: Body
    foreign: Body
    committee_a: Body
    pc_a: Body
    committee_b: Body
    pc_b: Body
    hanoi_committee: Body
    hue_committee: Body
    quang_tri_committee: Body
    seat_national: Membership
    seat_a: Membership
    seat_pc_a: Membership
    seat_b: Membership
    seat_justice: Membership
    users: dict[str, User]
    _reporting: Reporting | None = field(default=None, repr=False)
    _conferences: Conferences | None = field(default=None, repr=False)
    _followup: Followup | None = field(default=None, repr=False)
    _activities: Activities | None = field(default=None, repr=False)
    _documents: Documents | None = field(default=None, repr=False)
    _recommendations: Recommendations | None = field(default=None, repr=False)
    _legal: Legal | None = field(default=None, repr=False)
    _proposals: Proposals | None = field(default=None, repr=False)

    def user(self, persona: str) -> User | None:
        return self.users.get(persona)

    # The names the reporting tests know the personas by.
    @property
    def ministry(self) -> Body:
        return self.justice

    @property
    def admin(self) -> User:
        return self.users["admin"]

    @property
    def secretariat(self) -> User:
        return self.users["secretariat"]

    @property
    def reviewer(self) -> User:
        return self.users["reviewer"]

    @property
    def agency(self) -> User:
        return self.users["agency"]

    @property
    def focal_a(self) -> User:
        return self.users["focal_a"]

    @property
    def focal_b(self) -> User:
        return self.users["focal_b"]

    @property
    def focal_hanoi(self) -> User:
        return self.users["focal_hanoi"]

    @property
    def focal_hanoi_en(self) -> User:
        return self.users["focal_hanoi_en"]

    @property
    def focal_hue(self) -> User:
        return self.users["focal_hue"]

    def reporting(self) -> Reporting:
        """A default template and a cycle for the first half of 2025 open for A and B: A's report a draft
        saved twice with one attachment, B's submitted; and a notification for focal_a."""
        if self._reporting is None:
            self._reporting = build_reporting(self)
        return self._reporting

    def conferences(self) -> Conferences:
        """Two conferences on the reporting cycle (``Conferences``); builds the reporting objects first."""
        if self._conferences is None:
            self._conferences = build_conferences(self, self.reporting())
        return self._conferences

    def followup(self) -> Followup:
        """Directives and tasks (``Followup``); builds the conferences first."""
        if self._followup is None:
            self._followup = build_followup(self, self.conferences())
        return self._followup

    def activities(self) -> Activities:
        """Four activities in the reporting cycle's period (``Activities``); builds reporting first."""
        if self._activities is None:
            self.reporting()
            self._activities = build_activities(self)
        return self._activities

    def documents(self) -> Documents:
        """An article and a meeting report of A's (``Documents``); builds the conferences first."""
        if self._documents is None:
            self._documents = build_documents(self, self.conferences())
        return self._documents

    def recommendations(self) -> Recommendations:
        """Three recommendations with their themes (``Recommendations``)."""
        if self._recommendations is None:
            self._recommendations = build_recommendations(self)
        return self._recommendations

    def legal(self) -> Legal:
        """The register of laws and policies (``Legal``); builds the conferences (and reporting) first."""
        if self._legal is None:
            self.conferences()
            self._legal = build_legal(self, self.reporting())
        return self._legal

    def proposals(self) -> Proposals:
        """Three proposals (``Proposals``); builds the register (and what it stands on) first."""
        if self._proposals is None:
            self._proposals = build_proposals(self, self.legal())
        return self._proposals


def sign_in_once(users: dict[str, User]) -> None:
    """Sign every persona in once, as ``Client.force_login`` does, and keep the session key on the user
    object: ``signed_in`` then only sets the cookie (the session row lives in the world's layer).

    These sessions never ask for the idle renewal (``IdleSessionMiddleware``: one session write at most once a
    minute, tested in tests/test_logins.py): otherwise the first request past the minute writes the session,
    and a page's query count would depend on when in the run it is measured."""
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import Client

    from rightstrack.core.middleware import IdleSessionMiddleware

    for user in users.values():
        client = Client()
        client.force_login(user)
        key = client.cookies[settings.SESSION_COOKIE_NAME].value
        session = SessionStore(session_key=key)
        session[IdleSessionMiddleware.KEY] = 2**40  # renewed "in the future": never due
        session.save()
        user._test_session_key = key  # type: ignore[attr-defined]


def signed_in(user: User | None, language: str = "en") -> Client:
    """A browser-like client signed in as ``user`` (``None``: anonymous) whose language is ``language``
    (the Accept-Language header and the language cookie)."""
    from django.conf import settings
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        key = getattr(user, "_test_session_key", None)
        if key is None:
            client.force_login(user)
        else:
            client.cookies[settings.SESSION_COOKIE_NAME] = key
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def api_client(user: User | None, language: str = "en") -> APIClient:
    """An API client authenticated as ``user`` (``None``: no credentials)."""
    from rest_framework.test import APIClient

    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_authenticate(user=user)
    return client


def url(name: str, *args: Any, **kwargs: Any) -> str:
    """``reverse`` with positional or keyword arguments: ``url("reporting:report_detail", report.pk)``."""
    from django.urls import reverse

    return reverse(name, args=args or None, kwargs=kwargs or None)


def build_reporting(world: World) -> Reporting:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rightstrack.notifications.choices import NotificationKind
    from rightstrack.notifications.services import notify
    from rightstrack.reporting.models import Report
    from rightstrack.reporting.services import (
        attachment_add,
        cycle_create,
        cycle_open,
        report_save,
        report_submit,
        template_create_default,
    )

    secretariat = world.users["secretariat"]
    template = template_create_default(actor=secretariat)
    cycle = cycle_open(
        actor=secretariat,
        cycle=cycle_create(
            actor=secretariat,
            name="Báo cáo 6 tháng đầu năm 2025",
            name_en="First half of 2025",
            period_start=datetime.date(2025, 1, 1),
            period_end=datetime.date(2025, 6, 30),
            deadline=datetime.date(2025, 7, 15),
            template=template,
            participants=[world.committee_a, world.committee_b],
        ),
    )
    report_a = Report.objects.get(cycle=cycle, body=world.committee_a)
    for text in ("<p>Tình hình ổn định.</p>", "<p>Tình hình ổn định, có tiến bộ.</p>"):
        report_a = report_save(
            actor=world.users["focal_a"],
            report=report_a,
            expected_version=report_a.version,
            sections={"situation": text},
            figures={},
        )
    report_b = report_submit(
        actor=world.users["focal_b"], report=Report.objects.get(cycle=cycle, body=world.committee_b)
    )
    attachment = attachment_add(
        actor=world.users["focal_a"],
        report=report_a,
        uploaded_file=SimpleUploadedFile("Phụ lục 1.pdf", MINIMAL_PDF, content_type="application/pdf"),
    )
    (notification,) = notify(
        users=[world.users["focal_a"]],
        kind=NotificationKind.OTHER,
        title_factory=lambda: "Thông báo thử",
        url=world.committee_a.get_absolute_url(),
        email=False,
    )
    return Reporting(
        template=template,
        cycle=cycle,
        report_a=report_a,
        report_b=report_b,
        attachment=attachment,
        notification=notification,
    )


def build_activities(world: World) -> Activities:
    from rightstrack.activities.choices import ActivityKind
    from rightstrack.activities.models import AudienceGroup
    from rightstrack.activities.services import ActivityInput, activities_save_batch, audience_groups_ensure

    audience_groups_ensure()  # a flushed database (the browser tests') lost what the migration seeded
    groups = {group.code: group for group in AudienceGroup.objects.all()}
    a = activities_save_batch(
        actor=world.users["focal_a"],
        body=world.committee_a,
        rows=[
            ActivityInput(
                date=datetime.date(2025, 3, 10),
                date_end=datetime.date(2025, 3, 11),
                kind=ActivityKind.TRAINING,
                topic="Tập huấn về quyền con người cho cán bộ xã",
                participants=120,
                officials_trained=30,
                audiences=[groups["officials"]],
            ),
            ActivityInput(
                date=datetime.date(2025, 4, 2),
                kind=ActivityKind.AWARENESS,
                topic="Tuyên truyền quyền của người dân tộc thiểu số",
                participants=80,
                audiences=[groups["ethnic-minorities"], groups["women"]],
                place_text="Xã Hải Châu",
            ),
        ],
    ).created
    pc_a = activities_save_batch(
        actor=world.users["admin"],
        body=world.pc_a,
        rows=[
            ActivityInput(
                date=datetime.date(2025, 5, 20),
                kind=ActivityKind.LAW_DISSEMINATION,
                topic="Phổ biến Luật Tín ngưỡng, tôn giáo",
                participants=200,
                audiences=[groups["religious-dignitaries"]],
            )
        ],
    ).created
    b = activities_save_batch(
        actor=world.users["focal_b"],
        body=world.committee_b,
        rows=[
            ActivityInput(
                date=datetime.date(2025, 2, 14),
                kind=ActivityKind.AWARENESS,
                topic="Truyền thông về quyền trẻ em",
                participants=55,
                audiences=[groups["children"]],
            )
        ],
    ).created
    return Activities(a_training=a[0], a_awareness=a[1], pc_a_dissemination=pc_a[0], b_awareness=b[0])


CONFERENCE_DAY = datetime.date(2025, 8, 2)


def build_conferences(world: World, reporting: Reporting) -> Conferences:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rightstrack.conferences.services import (
        Participants,
        Presenter,
        conference_create,
        conference_document_add,
        conference_media_link_add,
    )

    secretariat = world.users["secretariat"]
    chair_seat = cast(
        Membership,
        MembershipFactory(
            body=world.national,
            person=PersonFactory(full_name="Võ Minh Chương", title="Thứ trưởng"),
            position=Position.STANDING_DEPUTY_HEAD,
            start_on=datetime.date(2021, 4, 1),
        ),
    )
    with_a = conference_create(
        actor=secretariat,
        kind="regional_review",
        title="Hội nghị sơ kết khu vực miền Trung",
        title_en="Central region review conference",
        date=CONFERENCE_DAY,
        start_time=datetime.time(8, 0),
        organiser=world.office,
        place=world.province_a,
        chair=chair_seat,
        cycle=reporting.cycle,
        attendee_count=120,
        agenda="1. Khai mạc\n2. Báo cáo của các tỉnh",
        participants=Participants(bodies=[world.committee_a, world.hanoi_committee]),
        presenters=[Presenter(body=world.committee_a, report=reporting.report_a)],
    )
    with_b = conference_create(
        actor=secretariat,
        kind="annual_review",
        title="Hội nghị tổng kết tại Cần Thơ",
        title_en="Annual review in Can Tho",
        date=datetime.date(2025, 9, 10),
        organiser=world.national,
        place=world.province_b,
        cycle=reporting.cycle,
        participants=Participants(bodies=[world.committee_b]),
        presenters=[world.committee_b],
    )
    document = conference_document_add(
        actor=secretariat,
        conference=with_a,
        uploaded_file=SimpleUploadedFile(
            "Biên bản hội nghị.pdf", MINIMAL_PDF, content_type="application/pdf"
        ),
        title="Biên bản",
    )
    media_link = conference_media_link_add(
        actor=secretariat,
        conference=with_a,
        url="https://example.org/tin-tuc/hoi-nghi",
        title="Hội nghị sơ kết công tác nhân quyền",
        outlet="Báo Mẫu",
    )
    return Conferences(
        chair_seat=chair_seat, with_a=with_a, with_b=with_b, document=document, media_link=media_link
    )


def build_followup(world: World, conferences: Conferences) -> Followup:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rightstrack.followup.models import DirectiveKind, Task
    from rightstrack.followup.services import (
        Evidence,
        Target,
        directive_create,
        directive_kinds_ensure,
        task_update,
        tasks_assign,
    )

    directive_kinds_ensure()  # a test that commits flushes the migration's rows away
    office = world.users["secretariat"]
    review = DirectiveKind.objects.get(code="review")
    from_conference = directive_create(
        actor=office,
        issuer=world.national,
        kind=review,
        number=1,
        text="Rà soát, đánh giá kết quả đạt được và những tồn tại, hạn chế.",
        text_en="Review and assess the results and the shortcomings.",
        issued_by_name="Võ Minh Chương",
        issued_by_position="Phó Trưởng ban Thường trực",
        conference=conferences.with_a,
    )
    tasks_assign(
        actor=office,
        directive=from_conference,
        target=Target(conference_participants=True),
        due_on=datetime.date(2025, 12, 31),
    )
    to_b = directive_create(
        actor=office,
        issuer=world.national,
        kind=DirectiveKind.objects.get(code="education"),
        text="Đẩy mạnh công tác giáo dục, phổ biến pháp luật.",
        issued_on=datetime.date(2025, 9, 10),
        source_document="Thông báo kết luận số 12/TB-BCĐ",
    )
    tasks_assign(
        actor=office,
        directive=to_b,
        target=Target(bodies=[world.committee_b]),
        due_on=datetime.date(2030, 6, 30),
    )
    to_ministries = directive_create(
        actor=office,
        issuer=world.national,
        kind=DirectiveKind.objects.get(code="legislation"),
        text="Đề xuất bổ sung chính sách, pháp luật về quyền con người.",
        issued_on=datetime.date(2025, 8, 2),
    )
    tasks_assign(
        actor=office,
        directive=to_ministries,
        target=Target(member_ministries=True),
        due_on=datetime.date(2030, 12, 31),
    )
    task_a = Task.objects.get(directive=from_conference, body=world.committee_a)
    update_a = task_update(
        actor=world.users["focal_a"],
        task=task_a,
        text="Đã rà soát kết quả 6 tháng đầu năm.",
        status="in_progress",
        evidence=[
            Evidence(reference="Báo cáo số 45/BC-BCĐ"),
            Evidence(
                file=SimpleUploadedFile("Báo cáo rà soát.pdf", MINIMAL_PDF, content_type="application/pdf")
            ),
        ],
    )
    return Followup(
        kind=review,
        from_conference=from_conference,
        to_b=to_b,
        to_ministries=to_ministries,
        task_a=task_a,
        task_b=Task.objects.get(directive=to_b, body=world.committee_b),
        task_justice=Task.objects.get(directive=to_ministries, body=world.justice),
        update_a=update_a,
        evidence_file=update_a.evidence.get(kind="file"),
    )


DOCUMENT_ARTICLE = (
    "Hội nghị sơ kết khu vực miền Trung về công tác nhân quyền\n\n"
    "Sáng 2/8/2025, tại Đà Nẵng, Ban Chỉ đạo về quyền con người của Chính phủ tổ chức Hội nghị sơ "
    "kết khu vực "
    "miền Trung với 120 đại biểu. Đồng chí Võ Minh Chương, Thứ trưởng, Phó Trưởng ban Thường trực, "
    "chủ trì hội "
    "nghị. Ban Chỉ đạo tỉnh A báo cáo kết quả công tác. Hội nghị yêu cầu các tỉnh nâng cao chất "
    "lượng báo cáo. "
    "Công tác phối hợp giữa các sở, ngành còn hạn chế."
)
DOCUMENT_REPORT = (
    "Báo cáo kết quả Hội nghị sơ kết khu vực miền Trung\n\n"
    "Hội nghị ngày 2/8/2025 tại Đà Nẵng đã đánh giá kết quả sáu tháng đầu năm của các tỉnh miền "
    "Trung và thống "
    "nhất nhiệm vụ trọng tâm sáu tháng cuối năm về bảo đảm quyền con người."
)


def build_documents(world: World, conferences: Conferences) -> Documents:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rightstrack.documents.services import conference_from_document, document_ingest

    def keep(name: str, text: str, kind: str) -> Any:
        data = text.encode()
        return document_ingest(actor=world.users["focal_a"], body=world.committee_a, kind=kind, name=name,
                               uploaded_file=SimpleUploadedFile(name, data))  # fmt: skip

    article_a = keep("hoi-nghi-so-ket.txt", DOCUMENT_ARTICLE, "article")
    report_a = keep("bao-cao-hoi-nghi.txt", DOCUMENT_REPORT, "meeting_report")
    conference_from_document(
        actor=world.users["secretariat"], document=report_a, conference=conferences.with_a
    )
    report_a.refresh_from_db()
    return Documents(article_a=article_a, report_a=report_a)


def build_recommendations(world: World) -> Recommendations:
    from rightstrack.recommendations.models import SdgGoal, SdgTarget
    from rightstrack.recommendations.services import (
        affected_persons_for,
        recommendation_create,
        sdg_load,
        themes_for,
    )

    sdg_load()  # a test that commits flushes the migration's rows away; a second load writes nothing
    secretariat = world.users["secretariat"]
    education, rights_of_child = themes_for(["Right to education", "Rights of the child"])
    education.name_vi = "Quyền được giáo dục"
    education.save()
    [children] = affected_persons_for(["Children"])
    upr = recommendation_create(
        actor=secretariat,
        owner=world.national,
        mechanism="UPR",
        session="46",
        cycle=4,
        number="120.1",
        text="Include human rights education in school curricula",
        text_vi="Đưa giáo dục quyền con người vào chương trình học ở trường",
        recommending_states=["Morocco", "Iran (Islamic Republic of)"],
        position="supported",
        position_source="A/HRC/DEMO/46/Add.1 - Para. 2",
        themes=[education, rights_of_child],
        affected_persons=[children],
        sdg_goals=[SdgGoal.objects.get(number=4)],
        sdg_targets=[SdgTarget.objects.get(code="4.7")],
    )
    cedaw = recommendation_create(
        actor=secretariat,
        owner=world.national,
        mechanism="CEDAW",
        session="DEMO-86",
        number="24(b)",
        text="Allocate resources to preventing violence against women at the commune level",
        external_id="demo-cedaw-24b",
    )
    province = recommendation_create(
        actor=world.users["admin"],
        owner=world.committee_a,
        mechanism="UPR",
        session="46",
        number="120.2",
        text="Ensure birth registration in remote areas",
        text_vi="Bảo đảm đăng ký khai sinh ở vùng sâu, vùng xa",
        position="noted",
        themes=[rights_of_child],
    )
    from rightstrack.recommendations.services import recommendation_publish

    # The portal shows this one (and no other): published by the standing office.
    recommendation_publish(actor=secretariat, recommendation=cedaw)
    return Recommendations(upr=upr, cedaw=cedaw, province=province, education=education, children=children)


def build_world() -> World:
    country = cast(
        AdministrativeUnit,
        UnitFactory(code="VN", name="Việt Nam", name_en="Viet Nam", level=UnitLevel.COUNTRY),
    )
    province_a = cast(
        AdministrativeUnit, UnitFactory(code="48", name="Đà Nẵng", name_en="Da Nang", parent=country)
    )
    province_b = cast(
        AdministrativeUnit, UnitFactory(code="92", name="Cần Thơ", name_en="Can Tho", parent=country)
    )
    commune_a = cast(
        AdministrativeUnit,
        UnitFactory(
            code="20194", name="Hải Châu", name_en="Hai Chau", level=UnitLevel.COMMUNE, parent=province_a
        ),
    )
    hanoi = cast(AdministrativeUnit, UnitFactory(code="01", name="Hà Nội", name_en="Ha Noi"))
    hue = cast(AdministrativeUnit, UnitFactory(code="46", name="Huế", name_en="Hue"))
    quang_tri_old = cast(
        AdministrativeUnit,
        UnitFactory(
            code="45", name="Quảng Trị", name_en="Quang Tri", valid_to=REFORM_DAY - datetime.timedelta(days=1)
        ),
    )
    region = cast(
        Region, RegionFactory(code="mekong", name="Đồng bằng sông Cửu Long", name_en="Mekong Delta")
    )
    RegionMembershipFactory(region=region, unit=province_b)
    north_central = cast(
        Region, RegionFactory(code="north-central", name="Bắc Trung Bộ", name_en="North Central")
    )
    RegionMembershipFactory(region=north_central, unit=hue)
    RegionMembershipFactory(region=north_central, unit=quang_tri_old)

    national = cast(
        Body,
        BodyFactory(
            code="national",
            name="Ban Chỉ đạo về quyền con người của Chính phủ",
            name_en="Government Steering Committee for Human Rights",
            kind=BodyKind.NATIONAL_COMMITTEE,
            level=BodyLevel.NATIONAL,
            unit=country,
        ),
    )

    def child(
        code: str, name: str, kind: str, parent: Body, unit: AdministrativeUnit | None = None, **extra: Any
    ) -> Body:
        level = BodyLevel.NATIONAL if parent == national and unit is None else BodyLevel.PROVINCIAL
        return cast(
            Body, BodyFactory(code=code, name=name, kind=kind, level=level, parent=parent, unit=unit, **extra)
        )

    office = child(
        "office", "Văn phòng thường trực", BodyKind.STANDING_OFFICE, national, name_en="Standing Office"
    )
    justice = child("justice", "Bộ Tư pháp", BodyKind.MINISTRY, national, name_en="Ministry of Justice")
    foreign = child("foreign", "Bộ Ngoại giao", BodyKind.MINISTRY, national)
    committee_a = child(
        "committee-a", "Ban Chỉ đạo Đà Nẵng", BodyKind.PROVINCIAL_COMMITTEE, national, province_a
    )
    pc_a = child("pc-a", "Ủy ban nhân dân Đà Nẵng", BodyKind.PEOPLES_COMMITTEE, committee_a, province_a)
    committee_b = child(
        "committee-b", "Ban Chỉ đạo Cần Thơ", BodyKind.PROVINCIAL_COMMITTEE, national, province_b
    )
    pc_b = child("pc-b", "Ủy ban nhân dân Cần Thơ", BodyKind.PEOPLES_COMMITTEE, committee_b, province_b)

    def province_committee(code: str, unit: AdministrativeUnit, **extra: Any) -> Body:
        return child(
            code,
            f"Ban Chỉ đạo tỉnh {unit.name}",
            BodyKind.PROVINCIAL_COMMITTEE,
            national,
            unit,
            name_en=f"{unit.name_en} Provincial Steering Committee",
            **extra,
        )

    hanoi_committee = province_committee("bcd-hanoi", hanoi)
    hue_committee = province_committee("bcd-hue", hue)
    quang_tri_committee = province_committee(
        "bcd-quang-tri", quang_tri_old, established_on=datetime.date(2010, 1, 1), dissolved_on=REFORM_DAY
    )

    seat_national = cast(Membership, MembershipFactory(body=national, person=None, member_body=justice))
    seat_a = cast(
        Membership,
        MembershipFactory(
            body=committee_a,
            person=PersonFactory(full_name="Nguyễn Văn An", title="Chủ tịch UBND"),
            position=Position.HEAD,
        ),
    )
    seat_pc_a = cast(Membership, MembershipFactory(body=pc_a, person=PersonFactory(full_name="Lê Thị Cúc")))
    seat_b = cast(
        Membership,
        MembershipFactory(
            body=committee_b,
            person=PersonFactory(full_name="Trần Thị Bình", title="Chủ tịch UBND"),
            position=Position.HEAD,
        ),
    )
    seat_justice = cast(
        Membership,
        MembershipFactory(
            body=justice, person=PersonFactory(full_name="Phạm Văn Dũng"), position=Position.FOCAL_POINT
        ),
    )

    focal = Role.PROVINCIAL_FOCAL_POINT
    users = {
        "admin": cast(User, UserFactory(username="admin", body=national, role=Role.ADMIN)),
        "secretariat": cast(User, UserFactory(username="secretariat", body=office, role=Role.SECRETARIAT)),
        "reviewer": cast(User, UserFactory(username="reviewer", body=national, role=Role.REVIEWER)),
        "focal_a": cast(User, UserFactory(username="focal_a", body=committee_a, role=focal)),
        "focal_b": cast(User, UserFactory(username="focal_b", body=committee_b, role=focal)),
        "agency": cast(User, UserFactory(username="agency", body=justice, role=Role.AGENCY_FOCAL_POINT)),
        "focal_hanoi": cast(
            User, UserFactory(username="hanoi", body=hanoi_committee, role=focal, preferred_language="vi")
        ),
        "focal_hanoi_en": cast(User, UserFactory(username="hanoi.en", body=hanoi_committee, role=focal)),
        "focal_hue": cast(
            User,
            UserFactory(username="hue", body=hue_committee, role=focal, preferred_language="vi", email=""),
        ),
    }
    sign_in_once(users)
    return World(
        country=country,
        province_a=province_a,
        province_b=province_b,
        commune_a=commune_a,
        hanoi=hanoi,
        hue=hue,
        quang_tri_old=quang_tri_old,
        region=region,
        north_central=north_central,
        national=national,
        office=office,
        justice=justice,
        foreign=foreign,
        committee_a=committee_a,
        pc_a=pc_a,
        committee_b=committee_b,
        pc_b=pc_b,
        hanoi_committee=hanoi_committee,
        hue_committee=hue_committee,
        quang_tri_committee=quang_tri_committee,
        seat_national=seat_national,
        seat_a=seat_a,
        seat_pc_a=seat_pc_a,
        seat_b=seat_b,
        seat_justice=seat_justice,
        users=users,
    )


def add_communes(province: AdministrativeUnit, start: int, count: int) -> list[AdministrativeUnit]:
    """``count`` communes of ``province`` from 1 July 2025 (codes 7nnnn), written in bulk as the shipped-data
    loader writes them; the commune level's tests grow a province with it (50 and 500 communes)."""
    from rightstrack.places.normalize import fold, match_key

    kinds = ("phường", "xã", "đặc khu")
    units = []
    for n in range(start, start + count):
        name = f"Tân Lập {n}" if n % 3 else f"Hòa Đông {n}"
        units.append(
            AdministrativeUnit(
                code=f"{province.code}{n:04d}",
                name=name,
                name_ascii=fold(name),
                match_key=match_key(name),
                kind=kinds[n % 3],
                level=UnitLevel.COMMUNE,
                parent=province,
                valid_from=REFORM_DAY,
            )
        )
    return AdministrativeUnit.objects.bulk_create(units)


def build_legal(world: World, reporting: Reporting) -> Legal:
    from rightstrack.laws.choices import ImplementationStatus, LegalKind
    from rightstrack.laws.models import LegalMention
    from rightstrack.laws.services import legal_document_create, legal_status_set, mentions_detect
    from rightstrack.reporting.services import report_save

    secretariat = world.users["secretariat"]
    constitution = legal_document_create(
        actor=secretariat,
        kind=LegalKind.CONSTITUTION,
        part="Chương II",
        title="Hiến pháp nước Cộng hoà xã hội chủ nghĩa Việt Nam năm 2013",
        title_en="Constitution of the Socialist Republic of Viet Nam (2013)",
        issuer="Quốc hội",
        issued_on=datetime.date(2013, 11, 28),
        in_force_from=datetime.date(2014, 1, 1),
    )
    decree = legal_document_create(
        actor=secretariat,
        kind=LegalKind.DECREE,
        symbol="30/2020/NĐ-CP",
        title="Nghị định về công tác văn thư",
        title_en="Decree on clerical work",
        issuer="Chính phủ",
        issued_on=datetime.date(2020, 3, 5),
        in_force_from=datetime.date(2020, 3, 5),
    )
    status_a = legal_status_set(
        actor=world.users["focal_a"],
        document=decree,
        body=world.committee_a,
        status=ImplementationStatus.APPLIED,
    )
    status_b = legal_status_set(
        actor=secretariat,
        document=decree,
        body=world.committee_b,
        status=ImplementationStatus.NOT_IN_PRACTICE,
        note="Chưa triển khai",
    )
    report = reporting.report_a
    report.refresh_from_db()
    reporting.report_a = report_save(
        actor=world.users["focal_a"],
        report=report,
        expected_version=report.version,
        sections={
            "proposals": "<p>Đề nghị sửa đổi Nghị định số 30/2020/ND-CP về công tác văn thư cho phù hợp với "
            "văn bản điện tử.</p>"
        },
        figures={},
    )
    mentions_detect(actor=None)
    return Legal(
        constitution=constitution,
        decree=decree,
        status_a=status_a,
        status_b=status_b,
        mention=LegalMention.objects.get(document=decree),
    )


def build_proposals(world: World, legal: Legal) -> Proposals:
    from rightstrack.proposals.services import Source, proposal_create
    from rightstrack.reporting.models import ReportSection

    reporting = world.reporting()
    section_a = ReportSection.objects.get(report=reporting.report_a, section__key="proposals")
    section_b = ReportSection.objects.get(report=reporting.report_b, section__key="proposals")
    of_a = proposal_create(
        actor=world.users["focal_a"],
        body=world.committee_a,
        kind="amend",
        topic="Sửa đổi Nghị định về công tác văn thư",
        text="Đề nghị sửa đổi Nghị định số 30/2020/NĐ-CP cho phù hợp với văn bản điện tử.",
        authority="Chính phủ",
        documents=[legal.decree],
        sources=[Source(section=section_a)],
    )
    of_b = proposal_create(
        actor=world.users["focal_b"],
        body=world.committee_b,
        kind="resources",
        topic="Bố trí kinh phí cho Ban Chỉ đạo tỉnh",
        text="Đề nghị bố trí kinh phí riêng cho hoạt động của Ban Chỉ đạo.",
        authority="Bộ Tài chính",
        sources=[Source(section=section_b, text="Đề nghị bố trí kinh phí riêng.")],
    )
    national = proposal_create(
        actor=world.users["secretariat"],
        body=world.office,
        kind="issue",
        topic="Bổ sung chính sách về quyền con người ở cơ sở",
        text="Đề xuất bổ sung chính sách, pháp luật về bảo đảm quyền con người ở cấp cơ sở.",
        authority="Chính phủ",
        sources=[Source(conference=world.conferences().with_a, text="đề xuất bổ sung chính sách")],
    )
    return Proposals(of_a=of_a, of_b=of_b, national=national)
