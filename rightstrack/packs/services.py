"""Every write of packs: make one, store what a build produced, delete one; and the build itself.

A build reads the sources (``selectors.pack_sources``, scoped to the builder), hashes their content, and
either reuses the stored content (same hash: the cache) or builds it again (``content.build_content``) and
stores it; then it lays out the file asked for. Long: it runs as a job (``jobs.py``) or from the command line.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from rightstrack.bodies.models import Body
from rightstrack.bodies.selectors import letterhead_values
from rightstrack.conferences.models import Conference
from rightstrack.core.audit import audit_record, audited_delete, snapshot
from rightstrack.core.jobs.registry import Progress
from rightstrack.core.scope import ensure_can, scope_root
from rightstrack.core.text import ascii_file_name
from rightstrack.core.types import Actor
from rightstrack.exchange.official import DEFAULT_KIND, OfficialHeading
from rightstrack.packs import content as pack_content
from rightstrack.packs import render, selectors
from rightstrack.packs.choices import Selection
from rightstrack.packs.models import ConsolidatedPack
from rightstrack.places.models import Region
from rightstrack.reporting.models import CycleParticipant, ReportingCycle
from rightstrack.reporting.services.exports import cycle_file_stem
from rightstrack.reporting.services.official import default_summary

FORMATS = ("docx", "pdf")
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _organiser(actor: Actor | None) -> Body:
    """The body preparing the pack: the one the actor acts for; from the command line, the top of the tree."""
    body = scope_root(actor) if actor is not None else None
    if body is None:
        body = Body.objects.filter(parent__isnull=True).order_by("pk").first()
    if body is None:
        raise ValidationError(
            _("There is no body to organise the pack: create the national committee first.")
        )
    return body


def _participants(cycle: ReportingCycle) -> list[Body]:
    return [p.body for p in CycleParticipant.objects.filter(cycle=cycle).select_related("body__unit")]


def resolve_bodies(
    *,
    cycle: ReportingCycle,
    selection: str,
    region: Region | None = None,
    bodies: Iterable[Body] | None = None,
) -> list[Body]:
    """The bodies a pack covers: all of the cycle's participants, those whose province is in ``region`` on
    the cycle's reference day (the day its participants were chosen, else the period's last day), or a
    list."""
    if selection == Selection.REGION:
        if region is None:
            raise ValidationError({"region": _("Choose the region.")})
        day = cycle.region_on or cycle.period_end
        units = set(region.units_on(day).values_list("pk", flat=True))
        chosen = [body for body in _participants(cycle) if body.unit_id in units]
    elif selection in (Selection.LIST, Selection.CONFERENCE):
        chosen = list(dict.fromkeys(bodies or ()))
    else:
        chosen = _participants(cycle)
    if not chosen:
        raise ValidationError(
            _("No body of this cycle is in the set you chose: the pack would cover nobody.")
        )
    return chosen


def default_title(cycle: ReportingCycle, conference: Conference | None = None) -> tuple[str, str]:
    if conference is not None:
        return (
            f"Tài liệu tổng hợp — {conference.title}",
            f"Consolidated pack — {conference.title_en or conference.title}",
        )
    return (
        f"Tổng hợp báo cáo — {cycle.name}",
        f"Consolidated reports — {cycle.name_en or cycle.name}",
    )


@transaction.atomic
def pack_create(
    *,
    actor: Actor | None,
    cycle: ReportingCycle | None = None,
    conference: Conference | None = None,
    selection: str = Selection.ALL,
    region: Region | None = None,
    bodies: Iterable[Body] | None = None,
    presenting: Iterable[Body] | None = None,
    title: str = "",
    title_en: str = "",
) -> ConsolidatedPack:
    """A pack for ``cycle`` covering all its participants, a region's, or a list; or for a ``conference``:
    the cycle it reviews, its participants, its presenters first. ``presenting`` bodies (which must be
    covered) come first and are marked. Every body and the conference must be within the actor's scope."""
    if actor is not None:
        ensure_can(actor, "packs.add_consolidatedpack")
        for body in [*(bodies or ()), *(presenting or ())]:
            ensure_can(actor, "bodies.view_body", body)
        if conference is not None:
            ensure_can(actor, "conferences.view_conference", conference)
    if conference is not None:
        if conference.cycle_id is None:
            raise ValidationError(
                {
                    "conference": _(
                        "This conference reviews no reporting cycle: record the cycle it reviews first."
                    )
                }
            )
        if cycle is not None and cycle.pk != conference.cycle_id:
            raise ValidationError({"cycle": _("The conference reviews another reporting cycle.")})
        cycle = conference.cycle
        selection = Selection.CONFERENCE
        bodies = [p.body for p in conference.participants.select_related("body__unit")]
        presenters = [p.body for p in conference.presentations.select_related("body").order_by("order", "id")]
        presenting = [*presenters, *(presenting or ())]
    elif selection == Selection.CONFERENCE:
        raise ValidationError({"conference": _("Choose the conference.")})
    if cycle is None:
        raise ValidationError({"cycle": _("Choose the reporting cycle.")})
    if selection not in Selection.values:
        raise ValidationError({"selection": _("Choose which bodies the pack covers.")})
    if selection != Selection.REGION:
        region = None
    covered = resolve_bodies(cycle=cycle, selection=selection, region=region, bodies=bodies)
    presenters = list(dict.fromkeys(presenting or ()))
    outside = [body.name for body in presenters if body not in covered]
    if outside:
        raise ValidationError(
            {
                "presenting": _("A presenting body must be one of the bodies covered: %(names)s.")
                % {"names": ", ".join(outside)}
            }
        )
    default, default_en = default_title(cycle, conference)
    pack = ConsolidatedPack(
        title=(title or default)[:255],
        title_en=(title_en or (default_en if not title else ""))[:255],
        cycle=cycle,
        conference=conference,
        organiser=_organiser(actor),
        selection=selection,
        region=region,
        created_by=actor,
    )
    pack.full_clean()
    pack.save()
    pack.bodies.set(covered)
    pack.presenting.set(presenters)
    audit_record(
        obj=pack,
        action="create",
        after={**snapshot(pack), "bodies": [b.pk for b in covered], "presenting": [b.pk for b in presenters]},
        actor=actor,
    )
    return pack


@transaction.atomic
def pack_store(
    *,
    actor: Actor | None,
    pack: ConsolidatedPack,
    content: dict[str, Any] | None,
    content_hash: str,
    versions: dict[str, int],
) -> ConsolidatedPack:
    """Record a build: new content (or, with ``content`` None, the stored content found still current) and
    the sources' versions it stands for, so the pack is no longer stale."""
    if actor is not None:
        ensure_can(actor, "packs.build_consolidatedpack", pack)
    locked = ConsolidatedPack.objects.select_for_update().get(pk=pack.pk)
    fields = ["content_hash", "source_versions", "built_at", "builds"]
    if content is not None:
        locked.content = content
        fields.append("content")
    locked.content_hash = content_hash
    locked.source_versions = versions
    locked.built_at = timezone.now()
    locked.builds += 1
    locked.save(update_fields=fields)
    audit_record(
        obj=locked,
        action="built" if content is not None else "build_reused",
        after={"content_hash": content_hash, "reports": len(versions)},
        actor=actor,
    )
    return locked


@transaction.atomic
def pack_follow_conference(*, actor: Actor | None, pack: ConsolidatedPack) -> ConsolidatedPack:
    """A conference's pack covers the conference's participants and presenters as they are now: when they
    changed since the pack was made (or last built), the pack's bodies follow, audited. Another pack, or one
    whose conference has not changed, is returned as it is."""
    now = selectors.conference_bodies(pack)
    if now is None:
        return pack
    covered = set(pack.bodies.values_list("pk", flat=True))
    presenting = set(pack.presenting.values_list("pk", flat=True))
    wanted_presenting = {body for body in now.presenters if body in now.participants}
    if covered == set(now.participants) and presenting == wanted_presenting:
        return pack
    if actor is not None:
        ensure_can(actor, "packs.build_consolidatedpack", pack)
    if not now.participants:
        raise ValidationError(
            _("No body of this cycle is in the set you chose: the pack would cover nobody.")
        )
    bodies = list(Body.objects.filter(pk__in=now.participants))
    if actor is not None:
        for body in bodies:
            ensure_can(actor, "bodies.view_body", body)
    before = {"bodies": sorted(covered), "presenting": sorted(presenting)}
    pack.bodies.set(bodies)
    pack.presenting.set(Body.objects.filter(pk__in=wanted_presenting))
    audit_record(
        obj=pack,
        action="update",
        before=before,
        after={"bodies": sorted(now.participants), "presenting": sorted(wanted_presenting)},
        actor=actor,
    )
    return pack


@transaction.atomic
def pack_delete(*, actor: Actor | None, pack: ConsolidatedPack) -> None:
    if actor is not None:
        ensure_can(actor, "packs.delete_consolidatedpack", pack)
    audited_delete(pack, actor=actor)


def pack_build_enqueue(
    *,
    actor: Actor,
    pack: ConsolidatedPack,
    file_format: str = "docx",
    number: str = "",
    place: str = "",
    date: datetime.date | None = None,
) -> Any:
    """Ask for the pack to be built as ``file_format`` in the background; the same request while it runs
    returns the running job. ``number``, ``place`` and ``date`` go into the document's heading instead of
    a blank number, the letterhead's place and the day it is built. Returns the job (its page shows
    progress, then the download)."""
    from rightstrack.core.jobs.services import job_enqueue
    from rightstrack.packs.jobs import PACK_BUILD

    ensure_can(actor, "packs.build_consolidatedpack", pack)
    if file_format not in FORMATS:
        raise ValidationError({"file_format": _("Choose the file format: Word (docx) or PDF.")})
    params: dict[str, Any] = {"pack": pack.pk, "format": file_format}
    heading = {
        "number": (number or "").strip()[:MAX_HEADING_CHARS],
        "place": (place or "").strip()[:MAX_HEADING_CHARS],
        "date": date.isoformat() if date else "",
    }
    params.update({key: value for key, value in heading.items() if value})
    return job_enqueue(actor=actor, kind=PACK_BUILD, params=params)


MAX_HEADING_CHARS = 100


@dataclass(frozen=True)
class BuiltFile:
    content: bytes
    name: str
    content_type: str
    reused: bool  # the stored content was current: nothing was grouped again


# Words of file names, in the site's language whoever downloads the file (as the reports' files).
PACK_WORD = gettext_noop("consolidated")
CONFERENCE_WORD = gettext_noop("conference")
MAX_TITLE_SLUG = 60


def _file_word(text: str, default: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return ascii_file_name(_(text), default=default).lower()


def _slug(text: str, limit: int = MAX_TITLE_SLUG) -> str:
    """A name cut at a word boundary: "hoi-nghi-so-ket-cong-tac-nhan-quyen-khu-vuc-mien-trung"."""
    slug = ascii_file_name(text, default="").lower()
    if len(slug) > limit:
        slug = slug[: limit + 1].rsplit("-", 1)[0]
    return slug


def pack_file_name(pack: ConsolidatedPack, file_format: str) -> str:
    """What people call the file: what it consolidates (the cycle's reports), the region or the conference,
    never an internal id: "tong-hop-bao-cao-nhan-quyen-2024-dong-bang-song-cuu-long.docx",
    "tong-hop-bao-cao-nhan-quyen-2024-hoi-nghi-so-ket-…-2025-08-02.pdf"."""
    parts = [_file_word(PACK_WORD, "consolidated"), cycle_file_stem(pack.cycle)]
    if pack.region is not None:
        parts.append(_slug(pack.region.name))
    conference = pack.conference
    if conference is not None:
        title = _slug(conference.title) or _file_word(CONFERENCE_WORD, "conference")
        parts += [title, conference.date.isoformat()]
    return "-".join(part for part in parts if part) + f".{file_format}"


def pack_issuer(pack: ConsolidatedPack) -> Body:
    """Who issues the pack's document: the conference's organiser, else the body that prepared the pack."""
    return pack.conference.organiser if pack.conference is not None else pack.organiser


def pack_summary(pack: ConsolidatedPack) -> str:
    """The summary under "BÁO CÁO", in Vietnamese as the decree's form is: "Tổng hợp báo cáo công tác nhân
    quyền năm 2024 của các tỉnh Vùng Đồng bằng sông Cửu Long", "… phục vụ Hội nghị sơ kết …"."""
    cycle_summary = default_summary(pack.cycle)
    text = f"Tổng hợp báo cáo {cycle_summary[:1].lower()}{cycle_summary[1:]}"
    if pack.region is not None:
        text += f" – {pack.region.name}"
    if pack.conference is not None:
        title = pack.conference.title
        text += (
            f" phục vụ {title[:1].lower()}{title[1:]}" if title[:8].lower() == "hội nghị" else f" – {title}"
        )
    return text


def pack_heading(
    pack: ConsolidatedPack, *, day: datetime.date | None = None, number: str = "", place: str = ""
) -> OfficialHeading:
    """The pack's document under its issuer's letterhead (decision 0022): the body's remembered letterhead
    or what its data suggests, dated ``day`` (today), numbered ``number`` (blank: the registry gives it),
    at ``place`` (the letterhead's, else the conference's province)."""
    day = day or timezone.localdate()
    issuer = pack_issuer(pack)
    values = letterhead_values(issuer, day=day)
    place = place.strip() or values.place
    if not place and pack.conference is not None and pack.conference.place is not None:
        place = pack.conference.place.name
    recipients = list(values.recipients)
    if pack.conference is not None:
        recipients.append(CONFERENCE_RECIPIENTS)
    return OfficialHeading(
        issuing_body=values.issuing_name,
        parent_body=values.parent_name,
        number=number.strip(),
        symbol=values.symbol,
        place=place,
        date=day,
        kind=DEFAULT_KIND,
        summary=pack_summary(pack),
        recipients=recipients,
        signer_authority=values.signer_authority,
        signer_position=values.signer_position,
        signer_name=values.signer_name,
    )


# The decree's form is Vietnamese whatever the reader's language (decision 0022): not interface text.
CONFERENCE_RECIPIENTS = "Các cơ quan, đơn vị dự hội nghị"


def pack_refresh(
    *, actor: Actor | None, pack: ConsolidatedPack, progress: Progress | None = None, extra_steps: int = 0
) -> tuple[ConsolidatedPack, bool]:
    """Bring the pack's content up to date: reused when its sources' content hash is unchanged, built again
    otherwise. Returns the stored pack and whether the content was reused. Not inside a transaction: the
    reads are one step, the store another."""
    if actor is not None:
        ensure_can(actor, "packs.build_consolidatedpack", pack)
    if pack.conference_id is not None:
        pack = pack_follow_conference(actor=actor, pack=pack)
    sources = selectors.pack_sources(pack, user=actor)
    digest = pack_content.content_hash(sources)
    reused = bool(pack.content is not None and digest == pack.content_hash)
    included = sum(1 for s in sources.reports.values() if s.report.status in pack_content.INCLUDED)
    if progress is not None:
        total = (0 if reused else included + 1 + len(pack_content.THEMES)) + extra_steps
        progress.start(total, gettext_noop("Reading %(count)s reports…"), count=included)
    built = None if reused else pack_content.build_content(sources, progress=progress)
    stored = pack_store(
        actor=actor, pack=pack, content=built, content_hash=digest, versions=sources.versions()
    )
    return stored, reused


def pack_build(
    *,
    actor: Actor | None,
    pack: ConsolidatedPack,
    file_format: str = "docx",
    progress: Progress | None = None,
    number: str = "",
    place: str = "",
    day: datetime.date | None = None,
) -> BuiltFile:
    """The pack's content brought up to date (``pack_refresh``), laid out as ``file_format`` in the official
    layout (``pack_heading``: ``number``, ``place`` and ``day`` when given)."""
    if file_format not in FORMATS:
        raise ValidationError(_("Choose the file format: Word (docx) or PDF."))
    stored, reused = pack_refresh(actor=actor, pack=pack, progress=progress, extra_steps=2)
    assert stored.content is not None
    heading = pack_heading(pack, day=day, number=number, place=place)
    data = render.pack_file(stored.content, file_format, heading=heading, progress=progress)
    return BuiltFile(
        content=data,
        name=pack_file_name(pack, file_format),
        content_type=CONTENT_TYPES[file_format],
        reused=reused,
    )
