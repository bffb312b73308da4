"""Every write on directives and tasks: keyword-only, atomic, scope-checked for every body, conference,
report section and file it sets, audited. A refusal (``ValidationError``) changes nothing.

Transitions of a task (``TRANSITIONS``): the assignee's focal point moves it between open and in progress
and *proposes* it done (it stays in progress, marked "done proposed"); the issuer's side (standing office,
reviewer, administrator) confirms done, cancels, or reopens a closed task — with a reason.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from rightstrack.bodies.choices import BodyKind, BodyLevel
from rightstrack.bodies.models import Body
from rightstrack.bodies.rules import acting_for
from rightstrack.conferences.models import Conference
from rightstrack.core.audit import audit_record, snapshot
from rightstrack.core.scope import ensure_can, scoped
from rightstrack.core.types import Actor
from rightstrack.exchange.uploads import check_upload, clean_upload_name
from rightstrack.followup.choices import CLOSED_STATUSES, EvidenceKind, TargetMode, TaskStatus
from rightstrack.followup.models import Directive, DirectiveKind, Task, TaskEvidence, TaskUpdate
from rightstrack.reporting.models import ReportSection
from rightstrack.reporting.selectors import provincial_committees_on

EVIDENCE_KINDS = frozenset({"pdf", "docx", "xlsx", "odt", "ods", "png", "jpeg"})
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
MAX_TEXT = 20_000

DIRECTIVE_FIELDS = (
    "issuer",
    "kind",
    "number",
    "text",
    "text_en",
    "issued_by_name",
    "issued_by_position",
    "issued_on",
    "conference",
    "source_document",
)

# Which status may follow which. Closing (done, cancelled) and reopening are the issuer's side's.
TRANSITIONS: dict[str, frozenset[str]] = {
    TaskStatus.OPEN: frozenset({TaskStatus.IN_PROGRESS, TaskStatus.DONE, TaskStatus.CANCELLED}),
    TaskStatus.IN_PROGRESS: frozenset({TaskStatus.OPEN, TaskStatus.DONE, TaskStatus.CANCELLED}),
    TaskStatus.DONE: frozenset({TaskStatus.OPEN, TaskStatus.IN_PROGRESS}),
    TaskStatus.CANCELLED: frozenset({TaskStatus.OPEN}),
}


def _day(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"


def _names(bodies: Iterable[Body]) -> str:
    return ", ".join(sorted(body.name for body in bodies))


def _clean_text(value: str | None, *, field_name: str) -> str:
    text = (value or "").strip()
    if len(text) > MAX_TEXT:
        raise ValidationError({field_name: _("This text is too long: keep it under 20,000 characters.")})
    return text


# The taxonomy ------------------------------------------------------------------------------------------


@transaction.atomic
def directive_kind_create(
    *, actor: Actor | None, code: str, name: str, name_en: str = "", order: int = 0, is_active: bool = True
) -> DirectiveKind:
    """A new kind of directive (standing office and administrators)."""
    if actor is not None:
        ensure_can(actor, "followup.change_directivekind")
    kind = DirectiveKind(
        code=(code or "").strip(),
        name=(name or "").strip(),
        name_en=(name_en or "").strip(),
        order=order,
        is_active=is_active,
    )
    kind.full_clean()
    kind.save()
    audit_record(obj=kind, action="create", actor=actor)
    return kind


@transaction.atomic
def directive_kind_update(
    *, actor: Actor | None, directive_kind: DirectiveKind, **fields: Any
) -> DirectiveKind:
    """Rename, reorder or retire a kind (a retired kind stays on its directives, offered for no new one)."""
    unknown = set(fields) - {"code", "name", "name_en", "order", "is_active"}
    if unknown:
        raise TypeError(f"directive_kind_update cannot set {sorted(unknown)}")
    if actor is not None:
        ensure_can(actor, "followup.change_directivekind", directive_kind)
    locked = DirectiveKind.objects.select_for_update().get(pk=directive_kind.pk)
    before = snapshot(locked)
    for name, value in fields.items():
        setattr(locked, name, value.strip() if isinstance(value, str) else value)
    locked.full_clean()
    locked.save()
    if snapshot(locked) != before:
        audit_record(obj=locked, action="update", before=before, actor=actor)
    return locked


# Directives --------------------------------------------------------------------------------------------


def _check_directive_references(actor: Actor | None, fields: dict[str, Any]) -> None:
    """Every object the call names must be within the actor's scope (404 otherwise, like a missing one)."""
    if actor is None:
        return
    if fields.get("issuer") is not None:
        ensure_can(actor, "bodies.view_body", fields["issuer"])
    if fields.get("conference") is not None:
        ensure_can(actor, "conferences.view_conference", fields["conference"])


def _check_directive(directive: Directive, *, kind_changed: bool) -> None:
    errors: dict[str, Any] = {}
    if kind_changed and directive.kind_id and not directive.kind.is_active:
        errors["kind"] = _("This kind of directive is no longer in use: choose another.")
    conference: Conference | None = directive.conference
    if conference is not None and directive.issued_on and directive.issued_on < conference.date:
        errors["issued_on"] = ValidationError(
            _(
                "The conference took place on %(date)s: a directive it gave cannot be issued before, on "
                "%(issued)s. Check the date."
            ),
            params={"date": _day(conference.date), "issued": _day(directive.issued_on)},
        )
    if directive.pk is not None and directive.issued_on:
        early = (
            Task.objects.filter(directive_id=directive.pk, due_on__lt=directive.issued_on)
            .select_related("body")
            .order_by("due_on")
            .first()
        )
        if early is not None:
            errors["issued_on"] = ValidationError(
                _(
                    "The task of %(body)s is due on %(due)s, before %(issued)s: change its due date first, "
                    "or keep the date of issue."
                ),
                params={
                    "body": early.body.name,
                    "due": _day(early.due_on),
                    "issued": _day(directive.issued_on),
                },
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def directive_create(
    *,
    actor: Actor | None,
    issuer: Body,
    kind: DirectiveKind,
    text: str,
    issued_on: datetime.date | None = None,
    text_en: str = "",
    issued_by_name: str = "",
    issued_by_position: str = "",
    conference: Conference | None = None,
    source_document: str = "",
    number: int | None = None,
) -> Directive:
    """Record a directive; from a conference it is issued on the conference's day unless told otherwise."""
    fields: dict[str, Any] = {
        "issuer": issuer,
        "kind": kind,
        "number": number,
        "text": _clean_text(text, field_name="text"),
        "text_en": _clean_text(text_en, field_name="text_en"),
        "issued_by_name": (issued_by_name or "").strip(),
        "issued_by_position": (issued_by_position or "").strip(),
        "issued_on": issued_on or (conference.date if conference is not None else None),
        "conference": conference,
        "source_document": (source_document or "").strip(),
    }
    _check_directive_references(actor, fields)
    if actor is not None:
        ensure_can(actor, "followup.add_directive", Directive(issuer=issuer))
    directive = Directive(**fields, created_by=actor)
    directive.full_clean()
    _check_directive(directive, kind_changed=True)
    directive.save()
    audit_record(obj=directive, action="create", actor=actor)
    return directive


@transaction.atomic
def directive_update(*, actor: Actor | None, directive: Directive, **fields: Any) -> Directive:
    """Change a directive's fields; its tasks must still fall due on or after its date of issue."""
    unknown = set(fields) - set(DIRECTIVE_FIELDS)
    if unknown:
        raise TypeError(f"directive_update cannot set {sorted(unknown)}")
    if actor is not None:
        ensure_can(actor, "followup.change_directive", directive)
    locked = Directive.objects.select_for_update().select_related("kind", "conference").get(pk=directive.pk)
    before = snapshot(locked)
    _check_directive_references(actor, fields)
    if actor is not None and "issuer" in fields and fields["issuer"] != locked.issuer:
        ensure_can(actor, "followup.add_directive", Directive(issuer=fields["issuer"]))
    for name, value in fields.items():
        if name in {"text", "text_en"}:
            value = _clean_text(value, field_name=name)
        elif isinstance(value, str):
            value = value.strip()
        setattr(locked, name, value)
    locked.full_clean()
    _check_directive(locked, kind_changed=locked.kind_id != before["kind"])
    if "issuer" in fields:
        _check_reach(locked, [task.body for task in locked.tasks.select_related("body")])
    locked.save()
    after = snapshot(locked)
    if after != before:
        audit_record(obj=locked, action="update", before=before, after=after, actor=actor)
    return locked


# Fanning a directive out into tasks ----------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """Whom a directive's tasks go to: exactly one of a list of bodies, the conference's participants, all
    provincial committees, all member ministries, or the commune-level bodies of a province (optionally of
    some kinds only, e.g. the police); the groups are taken as of ``on`` (default: today)."""

    bodies: Sequence[Body] | None = None
    conference_participants: bool = False
    all_provincial: bool = False
    member_ministries: bool = False
    communes_of: Body | None = None
    commune_kinds: Sequence[str] = ()
    on: datetime.date | None = None

    @property
    def ways(self) -> int:
        return sum(
            [
                self.bodies is not None,
                self.conference_participants,
                self.all_provincial,
                self.member_ministries,
                self.communes_of is not None,
            ]
        )

    @property
    def mode(self) -> str:
        if self.conference_participants:
            return TargetMode.CONFERENCE
        if self.all_provincial:
            return TargetMode.PROVINCIAL
        if self.member_ministries:
            return TargetMode.MINISTRIES
        if self.communes_of is not None:
            return TargetMode.COMMUNES
        return TargetMode.BODIES


@dataclass
class Assigned:
    """What a fan-out did: the tasks it created, and the bodies that had one already (left as they were)."""

    created: list[Task] = field(default_factory=list)
    existing: int = 0


def commune_bodies_of(province: Body, *, on: datetime.date, kinds: Sequence[str] = ()) -> list[Body]:
    """The commune-level bodies under a province's committee (its communes' People's Committees, police…)
    that exist on ``on``; with ``kinds``, those of these kinds only."""
    bodies = Body.objects.subtree_of(province).filter(level=BodyLevel.COMMUNE).active_on(on)
    if kinds:
        bodies = bodies.filter(kind__in=list(kinds))
    return list(bodies.order_by("name", "pk"))


def target_bodies(directive: Directive, target: Target, actor: Actor | None = None) -> list[Body]:
    """The bodies ``target`` names for ``directive`` (checked for scope by ``tasks_assign``)."""
    if target.ways != 1:
        raise ValidationError(
            _(
                "Choose whom to assign one way: bodies from the list, all participants of the conference, "
                "all provincial committees, all member ministries, or the commune-level bodies of a province."
            )
        )
    on = target.on or timezone.localdate()
    reach = acting_for(directive.issuer)
    assert reach is not None
    if target.conference_participants:
        if directive.conference_id is None:
            raise ValidationError(
                {"target": _("This directive has no conference: choose the bodies another way.")}
            )
        return [
            p.body
            for p in directive.conference.participants.select_related("body").order_by("body__name")  # type: ignore[union-attr]
        ]
    if target.all_provincial:
        return list(provincial_committees_on(on).filter(path__startswith=reach.path))
    if target.member_ministries:
        return list(
            Body.objects.subtree_of(reach).filter(kind=BodyKind.MINISTRY).active_on(on).order_by("name", "pk")
        )
    if target.communes_of is not None:
        if actor is not None:
            ensure_can(actor, "bodies.view_body", target.communes_of)
        return commune_bodies_of(target.communes_of, on=on, kinds=target.commune_kinds)
    seen: dict[int, Body] = {}
    for body in target.bodies or ():
        seen.setdefault(body.pk, body)
    return list(seen.values())


def _check_reach(directive: Directive, bodies: list[Body]) -> None:
    reach = acting_for(directive.issuer)
    assert reach is not None
    outside = [body for body in bodies if not body.path.startswith(reach.path)]
    if outside:
        raise ValidationError(
            {
                "target": ValidationError(
                    _(
                        "These bodies are outside the scope of the issuing body (%(issuer)s): %(names)s. "
                        "Assign tasks to the issuer's own bodies."
                    ),
                    params={"issuer": directive.issuer.name, "names": _names(outside)},
                )
            }
        )


@transaction.atomic
def tasks_assign(
    *,
    actor: Actor | None,
    directive: Directive,
    target: Target,
    due_on: datetime.date,
    note: str = "",
) -> Assigned:
    """One task per body ``target`` names, due on ``due_on``; a body that has a task of this directive
    already keeps it (running the same fan-out twice adds nothing)."""
    if actor is not None:
        ensure_can(actor, "followup.assign_task", directive)
    locked = Directive.objects.select_for_update().select_related("issuer", "conference").get(pk=directive.pk)
    if due_on is None:
        raise ValidationError({"due_on": _("Enter the date the tasks are due.")})
    if due_on < locked.issued_on:
        raise ValidationError(
            {
                "due_on": ValidationError(
                    _(
                        "A task cannot be due (%(due)s) before its directive was issued (%(issued)s). "
                        "Choose a later date."
                    ),
                    params={"due": _day(due_on), "issued": _day(locked.issued_on)},
                )
            }
        )
    bodies = target_bodies(locked, target, actor)
    if not bodies:
        raise ValidationError({"target": _("No body matches this choice: nothing was assigned.")})
    if actor is not None:
        ids = {body.pk for body in bodies}
        visible = set(scoped(actor, Body.objects.filter(pk__in=ids)).values_list("pk", flat=True))
        if visible != ids:
            raise Http404(_("Not found, or not within your scope."))
    _check_reach(locked, bodies)
    present = set(Task.objects.filter(directive=locked).values_list("body_id", flat=True))
    note = _clean_text(note, field_name="note")
    result = Assigned(existing=sum(1 for body in bodies if body.pk in present))
    for body in bodies:
        if body.pk in present:
            continue
        task = Task(directive=locked, body=body, due_on=due_on, note=note, created_by=actor)
        task.full_clean(validate_unique=False)
        task.save()
        result.created.append(task)
    for task in result.created:
        audit_record(obj=task, action="create", actor=actor, after={**snapshot(task), "mode": target.mode})
    return result


# Progress, status and evidence --------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence: a section of the task's body's own report, an uploaded file, or a reference."""

    report_section: ReportSection | None = None
    file: UploadedFile | None = None
    reference: str = ""


def _evidence_rows(
    actor: Actor | None, task: Task, evidence: Sequence[Evidence]
) -> list[tuple[TaskEvidence, UploadedFile | None]]:
    """Unsaved evidence rows (with the file each stores, if any), every reference checked."""
    rows: list[tuple[TaskEvidence, UploadedFile | None]] = []
    for item in evidence:
        given = [item.report_section is not None, item.file is not None, bool((item.reference or "").strip())]
        if sum(given) != 1:
            raise ValidationError(
                {"evidence": _("Each piece of evidence is one of: a report section, a file, or a reference.")}
            )
        if item.report_section is not None:
            section = item.report_section
            if actor is not None:
                ensure_can(actor, "reporting.view_report", section.report)
            if section.report.body_id != task.body_id:
                raise ValidationError(
                    {
                        "evidence": ValidationError(
                            _(
                                "This section is from the report of %(other)s: the evidence of a task of "
                                "%(body)s comes from its own report."
                            ),
                            params={"other": section.report.body.name, "body": task.body.name},
                        )
                    }
                )
            rows.append((TaskEvidence(kind=EvidenceKind.REPORT_SECTION, report_section=section), None))
        elif item.file is not None:
            upload = item.file
            file_kind = check_upload(
                upload, allowed=set(EVIDENCE_KINDS), max_bytes=EVIDENCE_MAX_BYTES, name=upload.name
            )
            row = TaskEvidence(
                kind=EvidenceKind.FILE,
                original_name=clean_upload_name(upload.name or "", file_kind),
                size=upload.size or 0,
                file_kind=file_kind,
            )
            rows.append((row, upload))
        else:
            reference = item.reference.strip()
            if len(reference) > 500:
                raise ValidationError({"evidence": _("Keep a reference under 500 characters.")})
            rows.append((TaskEvidence(kind=EvidenceKind.REFERENCE, reference=reference), None))
    return rows


def _status_label(status: str) -> str:
    return str(TaskStatus(status).label)


@transaction.atomic
def task_update(
    *,
    actor: Actor | None,
    task: Task,
    text: str = "",
    status: str | None = None,
    propose_done: bool = False,
    evidence: Sequence[Evidence] = (),
) -> TaskUpdate:
    """A progress note on a task, perhaps with a change of status and evidence, in one step or not at all.

    The assignee's focal point may move the task between open and in progress and propose it done; only the
    issuer's side confirms done, cancels, reopens a closed task (with a reason) or turns a proposal down."""
    if actor is not None:
        ensure_can(actor, "followup.update_task", task)
    locked = (
        Task.objects.select_for_update()
        .select_related("body", "directive", "directive__issuer")
        .get(pk=task.pk)
    )
    confirms = actor is None or actor.has_perm("followup.confirm_task", locked)
    before = snapshot(locked)
    text = _clean_text(text, field_name="text")
    current = locked.status
    target = status or None
    turning_down = False
    if target == current:
        if (
            target == TaskStatus.IN_PROGRESS
            and locked.done_proposed_at is not None
            and confirms
            and not propose_done
        ):
            turning_down = True
        target = None
    if target is not None and target not in TaskStatus.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    if propose_done:
        if current in CLOSED_STATUSES or target in CLOSED_STATUSES:
            raise ValidationError(
                {"status": _("This task is closed: there is nothing to propose. Write a note instead.")}
            )
        if target == TaskStatus.OPEN:
            raise ValidationError({"status": _("A task proposed done is in progress, not open.")})
        if current == TaskStatus.OPEN:
            target = TaskStatus.IN_PROGRESS
    if target is not None:
        if target not in TRANSITIONS[current]:
            raise ValidationError(
                {
                    "status": ValidationError(
                        _("A task that is %(current)s cannot become %(target)s."),
                        params={"current": _status_label(current), "target": _status_label(target)},
                    )
                }
            )
        if (target in CLOSED_STATUSES or current in CLOSED_STATUSES) and not confirms:
            raise ValidationError(
                {
                    "status": _(
                        "Only the issuing office confirms, cancels or reopens a task. Propose it done "
                        "instead, with your evidence."
                    )
                }
            )
        if current in CLOSED_STATUSES and not text:
            raise ValidationError(
                {
                    "text": ValidationError(
                        _("Say why this task, %(current)s, is opened again."),
                        params={"current": _status_label(current).lower()},
                    )
                }
            )
    if turning_down and not text:
        raise ValidationError({"text": _("Say why the task is not done yet.")})
    rows = _evidence_rows(actor, locked, evidence)
    if not (text or target or propose_done or rows or turning_down):
        raise ValidationError(
            _("Write a progress note, change the status or add evidence: there was nothing to record.")
        )
    today = timezone.localdate()
    if target is not None:
        locked.status = target
        if target in CLOSED_STATUSES:
            locked.closed_on = today
            locked.done_proposed_at = None
        else:
            locked.closed_on = None
    if target in (TaskStatus.OPEN,) or turning_down:
        locked.done_proposed_at = None
    if propose_done:
        locked.done_proposed_at = timezone.now()
    update = TaskUpdate(
        task=locked,
        text=text,
        status_from=current if target else "",
        status_to=target or "",
        proposes_done=propose_done,
        author=actor,
    )
    update.full_clean()
    update.save()
    for row, upload in rows:
        row.update = update
        if upload is not None:
            upload.seek(0)
            row.file.save(row.original_name, upload, save=False)
        row.full_clean()
        row.save()
    locked.save()
    after = snapshot(locked)
    if after != before:
        audit_record(obj=locked, action="update", before=before, after=after, actor=actor)
    audit_record(
        obj=update,
        action="create",
        actor=actor,
        after={**snapshot(update), "evidence": [snapshot(row) for row, _upload in rows]},
    )
    return update


@transaction.atomic
def task_reschedule(*, actor: Actor | None, task: Task, due_on: datetime.date, reason: str = "") -> Task:
    """Move a task's due date (the issuer's side): never before its directive was issued."""
    if actor is not None:
        ensure_can(actor, "followup.confirm_task", task)
    locked = Task.objects.select_for_update().select_related("directive").get(pk=task.pk)
    if due_on is None or due_on < locked.directive.issued_on:
        raise ValidationError(
            {
                "due_on": ValidationError(
                    _(
                        "A task cannot be due before its directive was issued (%(issued)s). Choose a "
                        "later date."
                    ),
                    params={"issued": _day(locked.directive.issued_on)},
                )
            }
        )
    before = snapshot(locked)
    locked.due_on = due_on
    locked.save(update_fields=["due_on", "updated_at"])
    after = snapshot(locked)
    if after != before:
        audit_record(
            obj=locked, action="update", before=before, after={**after, "reason": reason.strip()}, actor=actor
        )
    return locked


__all__ = [
    "DIRECTIVE_FIELDS",
    "EVIDENCE_KINDS",
    "TRANSITIONS",
    "Assigned",
    "Evidence",
    "Target",
    "commune_bodies_of",
    "directive_create",
    "directive_kind_create",
    "directive_kind_update",
    "directive_update",
    "target_bodies",
    "task_reschedule",
    "task_update",
    "tasks_assign",
]
