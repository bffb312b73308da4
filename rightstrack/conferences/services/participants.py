"""Who takes part in a conference and who presents: chosen as a list, a region, all provincial
committees or the reviewed cycle's participants, each within the actor's and the organiser's scope.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from rightstrack.bodies.models import Body
from rightstrack.bodies.rules import acting_for
from rightstrack.conferences.choices import ParticipantsMode
from rightstrack.conferences.models import (
    Conference,
    ConferenceParticipant,
    ConferencePresentation,
)
from rightstrack.core.collation import vi_order
from rightstrack.core.scope import ensure_can
from rightstrack.core.text import vi_sorted
from rightstrack.core.types import Actor
from rightstrack.places.models import Region
from rightstrack.reporting.models import Report
from rightstrack.reporting.selectors import provincial_committees_on

AS_OF_MODES = (ParticipantsMode.REGION, ParticipantsMode.ALL_PROVINCIAL)  # participants taken as of a date


@dataclass(frozen=True)
class Presenter:
    """A presenting body and the report it presented (None: its report of the reviewed cycle, if any);
    ``order``, its place in the order of presentation (1 first; None: after those given one, as listed)."""

    body: Body
    report: Report | None = None
    order: int | None = None


def in_order(presenters: Sequence[Body | Presenter]) -> list[Presenter]:
    """The presenters in the order they present: those given an ``order`` by it, then the others as listed."""
    specs = [p if isinstance(p, Presenter) else Presenter(body=p) for p in presenters]
    for spec in specs:
        if spec.order is not None and spec.order < 1:
            raise ValidationError(
                {"presenters": _("The order of presentation starts at 1 (who presents first).")}
            )
    ranked = sorted(
        enumerate(specs),
        key=lambda item: (item[1].order is None, item[1].order or 0, item[0]),
    )
    return [spec for _index, spec in ranked]


@dataclass(frozen=True)
class Participants:
    """How the participants are chosen: exactly one of a list, a region, all provincial committees, or the
    reviewed cycle's participants; ``on`` is the day the region or the committees are taken as of."""

    bodies: Sequence[Body] | None = None
    region: Region | None = None
    all_provincial: bool = False
    from_cycle: bool = False
    on: datetime.date | None = None

    @property
    def mode(self) -> str:
        if self.region is not None:
            return ParticipantsMode.REGION
        if self.all_provincial:
            return ParticipantsMode.ALL_PROVINCIAL
        if self.from_cycle:
            return ParticipantsMode.CYCLE
        return ParticipantsMode.LIST


def _unique(bodies: Iterable[Body]) -> list[Body]:
    seen: dict[int, Body] = {}
    for body in bodies:
        seen.setdefault(body.pk, body)
    return list(seen.values())


def _names(bodies: Iterable[Body]) -> str:
    return ", ".join(vi_sorted(body.name for body in bodies))


def _choose(conference: Conference, choice: Participants, actor: Actor | None) -> list[Body]:
    """The participating bodies ``choice`` names, each within the actor's and the organiser's scope."""
    ways = [choice.bodies is not None, choice.region is not None, choice.all_provincial, choice.from_cycle]
    if sum(ways) > 1:
        raise ValidationError(
            _(
                "Choose the participants one way: a list of bodies, a region, all provincial committees, "
                "or the participants of the reviewed cycle."
            )
        )
    if actor is not None and choice.region is not None:
        ensure_can(actor, "places.view_region", choice.region)
    as_of = choice.on or conference.date
    if choice.from_cycle:
        if conference.cycle is None:
            raise ValidationError(
                {"participants_mode": _("Choose the cycle reviewed to take its participants.")}
            )
        bodies = [
            p.body
            for p in conference.cycle.participants.select_related("body").order_by(vi_order("body__name"))
        ]
    elif choice.region is not None or choice.all_provincial:
        bodies = list(provincial_committees_on(as_of, region=choice.region))
    else:
        bodies = _unique(choice.bodies or ())
    if actor is not None:
        for body in bodies:
            ensure_can(actor, "bodies.view_body", body)
    reach = acting_for(conference.organiser)
    assert reach is not None
    outside = [body for body in bodies if not body.path.startswith(reach.path)]
    if outside:
        raise ValidationError(
            {
                "participants": ValidationError(
                    _(
                        "These bodies are outside the scope of the organising body (%(organiser)s): "
                        "%(names)s. Choose participants from the organiser's own bodies, or another "
                        "organiser."
                    ),
                    params={"organiser": conference.organiser.name, "names": _names(outside)},
                )
            }
        )
    return bodies


def _presentations(
    conference: Conference, bodies: list[Body], presenters: Sequence[Body | Presenter], actor: Actor | None
) -> list[ConferencePresentation]:
    """Unsaved presentation rows: each presenter a participant, each report its own in the reviewed cycle,
    numbered in the order of presentation (``in_order``)."""
    specs = in_order(presenters)
    participating = {body.pk for body in bodies}
    strangers = [spec.body for spec in specs if spec.body.pk not in participating]
    if strangers:
        raise ValidationError(
            {
                "presenters": ValidationError(
                    _("Only participants present: %(names)s do not take part in this conference."),
                    params={"names": _names(strangers)},
                )
            }
        )
    cycle = conference.cycle
    found: dict[int, Report] = {}
    if cycle is not None:
        wanted = [spec.body.pk for spec in specs if spec.report is None]
        found = {r.body_id: r for r in Report.objects.filter(cycle=cycle, body_id__in=wanted)}
    rows: list[ConferencePresentation] = []
    seen: set[int] = set()
    for order, spec in enumerate(specs, start=1):
        if spec.body.pk in seen:
            continue
        seen.add(spec.body.pk)
        report = spec.report
        if report is not None:
            if actor is not None:
                ensure_can(actor, "reporting.view_report", report)
            if cycle is None or report.cycle_id != cycle.pk or report.body_id != spec.body.pk:
                raise ValidationError(
                    {
                        "presenters": ValidationError(
                            _(
                                "The report presented by %(body)s must be its own report of the cycle "
                                "reviewed."
                            ),
                            params={"body": spec.body.name},
                        )
                    }
                )
        else:
            report = found.get(spec.body.pk)
        rows.append(ConferencePresentation(conference=conference, body=spec.body, report=report, order=order))
    return rows


def _write_rows(
    conference: Conference, bodies: list[Body] | None, rows: list[ConferencePresentation] | None
) -> None:
    if bodies is not None:
        conference.participants.exclude(body__in=bodies).delete()
        present = set(conference.participants.values_list("body_id", flat=True))
        ConferenceParticipant.objects.bulk_create(
            ConferenceParticipant(conference=conference, body=body)
            for body in bodies
            if body.pk not in present
        )
    if rows is not None:
        conference.presentations.all().delete()
        ConferencePresentation.objects.bulk_create(rows)
