"""The consolidated pack's part "Implementation of directives" (``core.registry.PackPart``, decision 0046):
for each directive with tasks for the pack's bodies, how those tasks stand (counts by status, overdue apart)
and what each body wrote about its task in the report the pack includes. Two queries, whatever the number
of bodies, directives, tasks and reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from rightstrack.followup.choices import LIVE_STATUSES, TaskStatus
from rightstrack.followup.models import Directive, TaskAnswer
from rightstrack.reporting.content import localized

COUNTS = ("open", "in_progress", "overdue", "done", "cancelled")


def _labels() -> dict[str, str]:
    return {
        "open": _("Open"),
        "in_progress": _("In progress"),
        "overdue": _("Overdue"),
        "done": _("Done"),
        "cancelled": _("Cancelled"),
    }


def directives_part(*, cycle: Any, bodies: Sequence[int], reports: dict[int, int]) -> dict[str, Any] | None:
    """The part as plain JSON (``key``, ``title``, ``directives``, ``html``), or None when none of the
    bodies has a task."""
    today = timezone.localdate()
    ours = Q(tasks__body_id__in=list(bodies))
    late = Q(tasks__status__in=LIVE_STATUSES, tasks__due_on__lt=today)
    directives = list(
        Directive.objects.filter(tasks__body_id__in=list(bodies))
        .annotate(
            total=Count("tasks", filter=ours, distinct=True),
            open=Count("tasks", filter=ours & Q(tasks__status=TaskStatus.OPEN) & ~late, distinct=True),
            in_progress=Count(
                "tasks", filter=ours & Q(tasks__status=TaskStatus.IN_PROGRESS) & ~late, distinct=True
            ),
            overdue=Count("tasks", filter=ours & late, distinct=True),
            done=Count("tasks", filter=ours & Q(tasks__status=TaskStatus.DONE), distinct=True),
            cancelled=Count("tasks", filter=ours & Q(tasks__status=TaskStatus.CANCELLED), distinct=True),
        )
        .order_by("issued_on", "number", "pk")
        .distinct()
    )
    if not directives:
        return None
    answers: dict[int, list[dict[str, Any]]] = {}
    rows = (
        TaskAnswer.objects.filter(report_id__in=list(reports.values()), task__body_id__in=list(bodies))
        .exclude(text="")
        .select_related("task__body")
        .order_by("task__body__name", "pk")
    )
    for answer in rows:
        body = answer.task.body
        answers.setdefault(answer.task.directive_id, []).append(
            {
                "body": body.pk,
                "name": localized(body.name, body.name_en),
                "status": answer.task.status,
                "text": answer.text,
                "report": answer.report_id,
            }
        )
    entries = []
    for directive in directives:
        counts = {key: getattr(directive, key) for key in COUNTS}
        counted = directive.total - counts["cancelled"]
        entries.append(
            {
                "id": directive.pk,
                "text": directive.display_text,
                "issued_on": directive.issued_on.isoformat(),
                "total": directive.total,
                "counts": counts,
                "percent_done": round(100 * counts["done"] / counted) if counted else 0,
                "answers": answers.get(directive.pk, []),
            }
        )
    return {
        "key": "directives",
        "title": _("Implementation of directives"),
        "directives": entries,
        "html": part_html(entries),
    }


def part_html(entries: list[dict[str, Any]]) -> str:
    """One table of completion (a row per directive), then what each body wrote, directive by directive."""
    labels = _labels()
    head = "".join(
        f"<th>{escape(h)}</th>" for h in (_("Directive"), _("Tasks"), *labels.values(), _("% done"))
    )
    rows = "".join(
        "<tr><td>{text}</td><td>{total}</td>{counts}<td>{percent}%</td></tr>".format(
            text=escape(entry["text"]),
            total=entry["total"],
            counts="".join(f"<td>{entry['counts'][key]}</td>" for key in COUNTS),
            percent=entry["percent_done"],
        )
        for entry in entries
    )
    parts = [
        "<p>"
        + escape(
            _("How the tasks of these bodies stand, by directive; then what each body wrote in its report.")
        )
        + "</p>",
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>",
    ]
    for number, entry in enumerate(entries, start=1):
        parts.append(f"<h3>{number}. {escape(entry['text'])}</h3>")
        if entry["answers"]:
            parts.append(
                "<ul>"
                + "".join(
                    f"<li><strong>{escape(a['name'])}:</strong> {escape(a['text'])}</li>"
                    for a in entry["answers"]
                )
                + "</ul>"
            )
        else:
            parts.append(f"<p><em>{escape(_('No report included here answered this directive.'))}</em></p>")
    return "".join(parts)
