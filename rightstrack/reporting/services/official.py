"""The official format of a report's files (Decree 30/2020/NĐ-CP): what the person exporting chooses for the
heading and closing, the defaults offered, the heading built from them, and remembering them for the cycle."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rightstrack.bodies.models import Body, Letterhead, Membership
from rightstrack.bodies.selectors import LetterheadValues, letterhead_values, signer_lines
from rightstrack.bodies.services import letterhead_save
from rightstrack.core.jobs.models import Job
from rightstrack.core.jobs.services import job_enqueue
from rightstrack.core.scope import ensure_can
from rightstrack.core.text import fold
from rightstrack.core.types import Actor
from rightstrack.exchange.official import DEFAULT_KIND, OfficialHeading
from rightstrack.reporting.choices import ReportingJob
from rightstrack.reporting.models import Report, ReportingCycle


@dataclass(frozen=True)
class OfficialChoices:
    """What the person exporting chose for the heading and closing (the export form, the API, a job)."""

    issuing_name: str
    parent_name: str = ""
    number: str = ""
    symbol: str = ""
    place: str = ""
    date: datetime.date | None = None
    summary: str = ""
    recipients: str = ""  # one a line
    signer: Membership | None = None
    signer_authority: str = ""
    signer_position: str = ""
    signer_name: str = ""

    def heading(self) -> OfficialHeading:
        """The heading; signer lines left blank are those of the chosen seat."""
        authority, position, name = self.signer_authority, self.signer_position, self.signer_name
        if self.signer is not None:
            seat = signer_lines(self.signer)
            authority, position, name = authority or seat[0], position or seat[1], name or seat[2]
        return OfficialHeading(
            issuing_body=self.issuing_name,
            parent_body=self.parent_name,
            number=self.number,
            symbol=self.symbol,
            place=self.place,
            date=self.date,
            kind=DEFAULT_KIND,
            summary=self.summary,
            recipients=[line for line in self.recipients.splitlines() if line.strip()],
            signer_authority=authority,
            signer_position=position,
            signer_name=name,
        )

    def to_json(self) -> dict[str, object]:
        """For a job's parameters (the PDF is laid out in the background)."""
        data: dict[str, object] = {
            name: getattr(self, name) for name in self.__dataclass_fields__ if name not in ("date", "signer")
        }
        data["date"] = self.date.isoformat() if self.date else None
        data["signer"] = self.signer.pk if self.signer else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, object], *, body: Body) -> OfficialChoices:
        """Back from a job's parameters; the signer is looked up in the body again (gone: none)."""
        values = {name: str(data.get(name) or "") for name in cls.__dataclass_fields__}
        signer_id = data.get("signer")
        signer = Membership.objects.filter(body=body, pk=int(str(signer_id or 0))).select_related(
            "person", "body__unit"
        )
        day = data.get("date")
        return cls(
            **{k: v for k, v in values.items() if k not in ("date", "signer")},
            date=datetime.date.fromisoformat(str(day)) if day else None,
            signer=signer.first() if signer_id else None,
        )


def default_summary(cycle: ReportingCycle) -> str:
    """The summary under "BÁO CÁO": the cycle's Vietnamese name without a leading "Báo cáo" (the kind says
    it already): "Báo cáo công tác nhân quyền năm 2024" → "Công tác nhân quyền năm 2024"."""
    name = " ".join(cycle.name.split())
    kind = fold(DEFAULT_KIND)
    if fold(name).startswith(kind + " "):
        rest = name[len(kind) + 1 :].strip()
        return rest[:1].upper() + rest[1:]
    return name


def official_choices(report: Report, *, day: datetime.date) -> OfficialChoices:
    """What the export form offers: the body's remembered letterhead (or suggestions), today, the cycle.

    Where the letterhead says nothing (a value it does not remember, or only a suggestion of the data), the
    imported Word letter (``Report.letter``) says it: its number and symbol, place, date, signer, bodies and
    recipients, as the province wrote them.
    """
    values: LetterheadValues = letterhead_values(report.body, day=day)
    letter: dict[str, Any] = report.letter or {}

    def choose(kept: str, imported: str) -> str:
        return kept if kept and values.remembered else (imported or kept)

    imported_date = None
    if letter.get("date"):
        try:
            imported_date = datetime.date.fromisoformat(str(letter["date"]))
        except ValueError:
            imported_date = None
    signer, authority, position, name = (
        values.signer,
        values.signer_authority,
        values.signer_position,
        values.signer_name,
    )
    if letter.get("signer_name") and not (values.remembered and values.signer_name):
        signer, name = None, str(letter["signer_name"])
        authority = " ".join(str(letter.get("signer_authority", "")).split())
        position = " ".join(str(letter.get("signer_position", "")).split())
    recipients = values.recipients
    if letter.get("recipients") and not (values.remembered and values.recipients):
        recipients = [str(line) for line in letter["recipients"]]
    return OfficialChoices(
        issuing_name=choose(values.issuing_name, str(letter.get("issuing_body", ""))),
        parent_name=choose(values.parent_name, str(letter.get("parent_body", ""))),
        number=str(letter.get("number", "")),
        symbol=choose(values.symbol, str(letter.get("symbol", ""))),
        place=choose(values.place, str(letter.get("place", ""))),
        date=imported_date or day,
        summary=default_summary(report.cycle),
        recipients="\n".join(recipients),
        signer=signer,
        signer_authority=authority,
        signer_position=position,
        signer_name=name,
    )


def report_official_heading(report: Report, *, day: datetime.date) -> OfficialHeading:
    """The heading a report gets without anyone choosing (a cycle's ZIP): its body's letterhead, today."""
    return official_choices(report, day=day).heading()


@transaction.atomic
def report_official_remember(*, actor: Actor, report: Report, choices: OfficialChoices) -> bool:
    """Keep what was chosen as the report's body's letterhead for its next official document, when the
    actor may change that letterhead (its own focal point, the secretariat, an administrator); anyone
    else who may read the report exports with their choices, remembered for nobody. True when kept."""
    ensure_can(actor, "reporting.view_report", report)
    if choices.signer is not None and choices.signer.body_id != report.body_id:
        raise ValidationError({"signer": _("The signer must hold a seat in this body.")}, code="invalid")
    probe = Letterhead(body=report.body)
    if not actor.has_perm("bodies.change_letterhead", probe):
        return False
    letterhead_save(
        actor=actor,
        body=report.body,
        parent_name=choices.parent_name,
        issuing_name=choices.issuing_name,
        symbol=choices.symbol,
        place=choices.place,
        recipients=choices.recipients,
        signer=choices.signer,
        signer_authority=choices.signer_authority,
        signer_position=choices.signer_position,
        signer_name=choices.signer_name,
    )
    return True


@transaction.atomic
def report_official_export(
    *, actor: Actor, report: Report, choices: OfficialChoices, pdf: bool
) -> Job | None:
    """The official document asked for on the report's page: the choices remembered (as
    ``report_official_remember``) and, for a PDF, the job that writes it queued (after commit), in one
    transaction: both or neither. A Word file is written in the request from the choices (None here)."""
    report_official_remember(actor=actor, report=report, choices=choices)
    if not pdf:
        return None
    params = {"report": report.pk, "official": choices.to_json()}
    return job_enqueue(actor=actor, kind=ReportingJob.REPORT_PDF.value, params=params)
