"""Recording progress on a task: its status, notes and evidence, and a new due date."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from rightstrack.activities.models import Activity
from rightstrack.activities.selectors import activities_for_body
from rightstrack.core.audit import audit_record, snapshot
from rightstrack.core.scope import ensure_can
from rightstrack.core.types import Actor
from rightstrack.exchange.stored_uploads import accept_upload, store_on
from rightstrack.followup.choices import CLOSED_STATUSES, EvidenceKind, TaskStatus
from rightstrack.followup.models import Task, TaskEvidence, TaskUpdate
from rightstrack.followup.selectors import evidence_documents
from rightstrack.followup.services._common import (
    EVIDENCE_KINDS,
    EVIDENCE_MAX_BYTES,
    TRANSITIONS,
    clean_text,
    day_text,
)
from rightstrack.laws.models import LegalDocument
from rightstrack.reporting.models import ReportSection


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence: a section of the task's body's own report, an uploaded file, a reference, a
    legal document of the register, an activity of the task's body (or of a body under it), or a kept
    document (a ``documents.Document``, which this app names but never imports) the actor can read."""

    report_section: ReportSection | None = None
    file: UploadedFile | None = None
    reference: str = ""
    legal_document: LegalDocument | None = None
    activity: Activity | None = None
    document: Any = None

    @property
    def given(self) -> int:
        return sum(
            [
                self.report_section is not None,
                self.file is not None,
                bool((self.reference or "").strip()),
                self.legal_document is not None,
                self.activity is not None,
                self.document is not None,
            ]
        )


def _check_activity(actor: Actor | None, task: Task, activity: Activity) -> Activity:
    """An activity the actor sees, of the task's body or of a body under it (``activities_for_body``)."""
    if actor is not None:
        ensure_can(actor, "activities.view_activity", activity)
    if not activities_for_body(task.body, None, None).filter(pk=activity.pk).exists():
        raise ValidationError(
            {
                "evidence": ValidationError(
                    _(
                        "This activity is one of %(other)s: the evidence of a task of %(body)s is an "
                        "activity of its own."
                    ),
                    params={"other": activity.body.name, "body": task.body.name},
                )
            }
        )
    return activity


def _check_document(actor: Actor | None, document: Any) -> Any:
    """A document the actor can read, offered by the documents app (``selectors.evidence_documents``)."""
    if actor is not None:
        ensure_can(actor, "documents.view_document", document)
    if not evidence_documents(user=None).filter(pk=document.pk).exists():
        raise Http404(_("Not found, or not within your scope."))
    return document


def _evidence_rows(
    actor: Actor | None, task: Task, evidence: Sequence[Evidence]
) -> list[tuple[TaskEvidence, UploadedFile | None]]:
    """Unsaved evidence rows (with the file each stores, if any), every reference checked."""
    rows: list[tuple[TaskEvidence, UploadedFile | None]] = []
    for item in evidence:
        if item.given != 1:
            raise ValidationError(
                {
                    "evidence": _(
                        "Each piece of evidence is one of: a report section, a file, a reference, a legal "
                        "document, an activity or a document."
                    )
                }
            )
        if item.legal_document is not None:
            if actor is not None:
                ensure_can(actor, "laws.view_legaldocument", item.legal_document)
            rows.append(
                (TaskEvidence(kind=EvidenceKind.LEGAL_DOCUMENT, legal_document=item.legal_document), None)
            )
        elif item.activity is not None:
            rows.append(
                (
                    TaskEvidence(
                        kind=EvidenceKind.ACTIVITY, activity=_check_activity(actor, task, item.activity)
                    ),
                    None,
                )
            )
        elif item.document is not None:
            rows.append(
                (
                    TaskEvidence(kind=EvidenceKind.DOCUMENT, document=_check_document(actor, item.document)),
                    None,
                )
            )
        elif item.report_section is not None:
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
            checked = accept_upload(
                upload, allowed=set(EVIDENCE_KINDS), max_bytes=EVIDENCE_MAX_BYTES, refuse_misnamed=True
            )
            row = TaskEvidence(
                kind=EvidenceKind.FILE,
                original_name=checked.name,
                size=checked.size,
                file_kind=checked.kind,
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
        Task.objects.select_for_update(of=("self",))
        .select_related("body", "directive", "directive__issuer")
        .get(pk=task.pk)
    )
    confirms = actor is None or actor.has_perm("followup.confirm_task", locked)
    before = snapshot(locked)
    text = clean_text(text, field_name="text")
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
            store_on(row, "file", upload, name=row.original_name)
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
    locked = Task.objects.select_for_update(of=("self",)).select_related("directive").get(pk=task.pk)
    if due_on is None or due_on < locked.directive.issued_on:
        raise ValidationError(
            {
                "due_on": ValidationError(
                    _(
                        "A task cannot be due before its directive was issued (%(issued)s). Choose a "
                        "later date."
                    ),
                    params={"issued": day_text(locked.directive.issued_on)},
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
