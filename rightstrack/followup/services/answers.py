"""A body's report answers its tasks: what was done, and perhaps "propose as done" (docs/decisions: the next
cycle answers the directives).

``task_answers_save`` is the report extension's save (``core.registry.ReportExtension``): the report's save
(``reporting.services.report_save``) calls it inside its own transaction, after its version check, with what
was typed in the section on earlier directives. A refusal raises ``ValidationError`` and the whole save,
report text included, is undone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from rightstrack.core.audit import audit_record, snapshot
from rightstrack.core.scope import ensure_can
from rightstrack.core.types import Actor
from rightstrack.followup.choices import CLOSED_STATUSES, TaskStatus
from rightstrack.followup.models import Task, TaskAnswer
from rightstrack.followup.services._common import clean_text
from rightstrack.followup.services.progress import task_update
from rightstrack.reporting.models import Report

EXTENSION = "task_answers"
TRUE_TEXTS = frozenset({"1", "on", "true", "yes"})


def _error(task_id: str, message: str, **params: Any) -> ValidationError:
    return ValidationError({f"extensions.{EXTENSION}.{task_id}": ValidationError(message, params=params)})


def _ticked(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value or "").strip().lower() in TRUE_TEXTS


def task_answers_save(
    *, actor: Actor | None, report: Report, payload: Mapping[str, Mapping[str, Any]]
) -> dict:
    """Save what ``report`` says about its body's tasks: ``{task id: {"text": ..., "propose_done": ...}}``
    (a part left out stays as it is). A task of another body, an unknown one and a cancelled one are refused,
    naming the task; proposing done goes through ``task_update`` (its checks, its progress note, its audit).
    Returns what changed, by task id (empty: nothing)."""
    wanted: dict[int, Mapping[str, Any]] = {}
    for key, parts in payload.items():
        if not str(key).isdigit():
            raise _error(str(key), _("This is not a task."))
        wanted[int(key)] = parts
    if not wanted:
        return {}
    tasks = {
        task.pk: task
        for task in Task.objects.select_for_update(of=("self",))
        .select_related("body", "directive", "directive__issuer")
        .filter(pk__in=list(wanted))
    }
    answers = {a.task_id: a for a in TaskAnswer.objects.filter(report=report, task_id__in=list(wanted))}
    changes: dict[str, Any] = {}
    for task_id, parts in sorted(wanted.items()):
        task = tasks.get(task_id)
        if task is None or task.body_id != report.body_id:
            # Another body's task (or none): refused whether or not the writer can see it.
            raise _error(
                str(task_id),
                _("This task is not one of %(body)s's tasks: a report answers only its own body's tasks."),
                body=report.body.name,
            )
        answer = answers.get(task_id)
        text = clean_text(str(parts["text"]), field_name="text") if parts.get("text") is not None else None
        propose = _ticked(parts.get("propose_done"))
        text_changes = text is not None and text != (answer.text if answer is not None else "")
        proposes = propose and task.done_proposed_at is None and task.status not in CLOSED_STATUSES
        if not (text_changes or proposes):
            continue
        if actor is not None:
            ensure_can(actor, "followup.update_task", task)
        if task.status == TaskStatus.CANCELLED:
            raise _error(
                str(task_id),
                _("The task “%(task)s” was cancelled: it takes no answer. Leave its box as it was."),
                task=str(task.directive),
            )
        change: dict[str, Any] = {}
        if text_changes:
            assert text is not None
            before = snapshot(answer) if answer is not None else None
            if answer is None:
                answer = TaskAnswer(task=task, report=report)
            answer.text, answer.updated_by = text, actor
            answer.full_clean(validate_unique=False)
            answer.save()
            answers[task_id] = answer
            audit_record(
                obj=answer,
                action="update" if before is not None else "create",
                before=before,
                after=snapshot(answer),
                actor=actor,
            )
            change["text"] = text
        if proposes:
            written = answers[task_id].text if task_id in answers else ""
            note = written or _("Proposed done in the report for %(cycle)s.") % {
                "cycle": report.cycle.display_name
            }
            task_update(actor=actor, task=task, text=note, propose_done=True)
            change["propose_done"] = True
        changes[str(task_id)] = change
    return changes
