"""The recommendations part of the demo: the SDG framework, and a few dozen recommendations to Viet Nam
across mechanisms.

DEMO DATA. The recommendations (``texts.py``) were written for this demo in the UN's format (number, text, the
recommending States in brackets, position, source of position); they are generic and plausible, not the text
of any real recommendation, and their document symbols carry "DEMO" so that no one takes them for the UN's.
Written through the services; idempotent (each is matched on mechanism, session and number).
"""

from __future__ import annotations

from django.db import transaction

from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import User
from rightstrack.bodies.choices import BodyKind
from rightstrack.bodies.models import Body
from rightstrack.core.registry import DemoResult
from rightstrack.recommendations.choices import Mechanism
from rightstrack.recommendations.demo.texts import THEME_VI as THEME_VI
from rightstrack.recommendations.demo.texts import TREATY as TREATY
from rightstrack.recommendations.demo.texts import UPR as UPR
from rightstrack.recommendations.demo.texts import UPR_SESSION as UPR_SESSION
from rightstrack.recommendations.demo.texts import UPR_SOURCE as UPR_SOURCE
from rightstrack.recommendations.models import AffectedPersons, Recommendation, SdgGoal, SdgTarget, Theme
from rightstrack.recommendations.services import (
    affected_persons_for,
    recommendation_create,
    sdg_load,
    taxonomy_rename,
    themes_for,
)


def _name_in_vietnamese(actor: User | None) -> None:
    """Give the demo's themes and groups their Vietnamese names (through the service, as a person would)."""
    if actor is None:
        return
    for model in (Theme, AffectedPersons):
        for item in model.objects.filter(name__in=THEME_VI, name_vi=""):
            taxonomy_rename(actor=actor, item=item, name=item.name, name_vi=THEME_VI[item.name])


def _keeper() -> Body | None:
    return Body.objects.filter(kind=BodyKind.NATIONAL_COMMITTEE, parent__isnull=True).order_by("pk").first()


@transaction.atomic
def load_recommendations_demo() -> int:
    """Create the demo recommendations that are missing; how many were created."""
    owner = _keeper()
    if owner is None:
        return 0
    actor = (
        User.objects.filter(username="vanphong").first()
        or User.objects.filter(role=Role.SECRETARIAT, is_active=True).order_by("pk").first()
    )
    targets = {t.code: t for t in SdgTarget.objects.select_related("goal")}
    created = 0

    def add(mechanism: str, session: str, number: str, **fields: object) -> None:
        nonlocal created
        if Recommendation.objects.filter(mechanism=mechanism, session=session, number=number).exists():
            return
        codes: list[str] = fields.pop("targets")  # type: ignore[assignment]
        chosen = [targets[c] for c in codes if c in targets]
        goal_ids = {t.goal_id for t in chosen}
        recommendation_create(
            actor=actor,
            owner=owner,
            mechanism=mechanism,
            session=session,
            number=number,
            sdg_targets=chosen,
            sdg_goals=list(SdgGoal.objects.filter(pk__in=goal_ids)),
            **fields,  # type: ignore[arg-type]
        )
        created += 1

    for number, text, states, position, themes, persons, codes, text_vi in UPR:
        add(
            Mechanism.UPR,
            UPR_SESSION,
            number,
            cycle=4,
            document_symbol="A/HRC/DEMO/46",
            text=text,
            text_vi=text_vi,
            recommending_states=states,
            position=position,
            position_source=UPR_SOURCE,
            themes=themes_for(themes),
            affected_persons=affected_persons_for(persons),
            targets=codes,
        )
    for mechanism, session, number, text, themes, persons, codes, text_vi in TREATY:
        add(
            mechanism,
            session,
            number,
            document_symbol=f"{mechanism}/C/VNM/CO/DEMO",
            text=text,
            text_vi=text_vi,
            themes=themes_for(themes),
            affected_persons=affected_persons_for(persons),
            targets=codes,
        )
    _name_in_vietnamese(actor)
    return created


# (number, lead ministry's code or None for a province, status, measure) — assigned and assessed in the demo.
STAGES = (
    ("120.4", "implemented", "Ban hành quy chế phối hợp theo dõi thực hiện khuyến nghị UPR ở cấp tỉnh"),
    ("120.6", "in_progress", "Tập huấn về quyền con người cho cán bộ tư pháp cấp tỉnh"),
    ("120.13", "partially_implemented", "Mở rộng mô hình nhà tạm lánh cho nạn nhân bạo lực gia đình"),
    ("120.17", "in_progress", "Đưa trợ giúp pháp lý lưu động về các xã vùng sâu, vùng xa"),
    ("120.20", "not_started", "Rà soát quy trình đăng ký khai sinh lưu động"),
)


def _assign_and_assess(actor: User | None) -> int:
    """A few demo recommendations assigned to a ministry (lead) and a province (supporting), each with a
    measure and an assessment at a different stage."""
    import datetime

    from rightstrack.recommendations.services import assessment_add, measure_add, recommendation_assign

    # The Ministry of Justice where the demo has it (its focal point, bo.tuphap, has work), else the first.
    ministry = (
        Body.objects.filter(code="ministry-justice").first()
        or Body.objects.filter(kind=BodyKind.MINISTRY).order_by("pk").first()
    )
    province = (
        Body.objects.filter(kind=BodyKind.PROVINCIAL_COMMITTEE, dissolved_on__isnull=True)
        .order_by("pk")
        .first()
    )
    if actor is None or ministry is None:
        return 0
    from rightstrack.followup.models import Task

    evidence = list(Task.objects.filter(body=ministry).order_by("due_on", "pk")[:1])
    done = 0
    for number, status, what in STAGES:
        rec = Recommendation.objects.filter(
            mechanism=Mechanism.UPR, session=UPR_SESSION, number=number
        ).first()
        if rec is None or rec.assignments.exists():
            continue
        recommendation_assign(
            actor=actor, recommendation=rec, lead=ministry, supporting=[province] if province else []
        )
        measure_add(actor=actor, recommendation=rec, what=what, due_on=datetime.date(2027, 6, 30))
        assessment_add(
            actor=actor,
            recommendation=rec,
            status=status,
            assessed_on=datetime.date(2026, 11, 15),
            tasks=evidence[:1] if status != "not_started" else [],  # the ministry's task of a directive
        )
        done += 1
    return done


# Shown on the public portal in the demo: these assessed ones (120.20 stays internal) and every third of the
# others, so the portal has something to search and a recommendation to publish is left for the office.
PUBLISHED = ("120.4", "120.6", "120.13", "120.17")


def _publish(actor: User | None) -> int:
    """Publish some demo recommendations (with their assessments) on the public portal."""
    from rightstrack.recommendations.services import recommendation_publish

    if actor is None:
        return 0
    demo = Recommendation.objects.filter(document_symbol__contains="DEMO").order_by("pk")
    chosen = [
        r for n, r in enumerate(demo) if r.number in PUBLISHED or (n % 3 == 1 and not r.assignments.exists())
    ]
    for rec in chosen:
        recommendation_publish(actor=actor, recommendation=rec)
    return len(chosen)


def load() -> DemoResult:
    """The registered demo loader: the SDG framework, then the demo recommendations."""
    sdg = sdg_load(actor=None)
    load_recommendations_demo()
    office = (
        User.objects.filter(username="vanphong").first()
        or User.objects.filter(role=Role.SECRETARIAT, is_active=True).order_by("pk").first()
    )
    _assign_and_assess(office)
    _publish(office)
    count = Recommendation.objects.filter(document_symbol__contains="DEMO").count()
    return DemoResult(
        lines=[
            f"Recommendations: SDG framework ({sdg.goals} goals, {sdg.targets} targets, {sdg.indicators} "
            f"indicators); {count} demo recommendations to Viet Nam (written for the demo, not UN text)."
        ]
    )
