"""Every read of directives and tasks, scoped, with relations loaded up front (a fixed number of queries)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, cast

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from rightstrack.core.scope import scope_root, scoped
from rightstrack.followup.choices import LIVE_STATUSES, TaskStatus
from rightstrack.followup.models import Directive, Task, TaskAnswer, TaskEvidence, TaskQuerySet, TaskUpdate
from rightstrack.reporting.extensions import field_name

HOME_LIMIT = 5
DOCUMENT_HEAVY = ("text", "folded_text", "folded_title", "minhash", "sections", "facts")
DUE_SOON_DAYS = 14


def directive_list(*, user: Any, today: datetime.date | None = None) -> QuerySet[Directive]:
    """Directives with counts of the tasks ``user`` may see, by status (overdue counted apart)."""
    today = today or timezone.localdate()
    visible = scoped(user, Task.objects.all()).values("pk")
    in_view = Q(tasks__pk__in=visible)
    live = Q(tasks__status__in=LIVE_STATUSES)
    return Directive.objects.select_related("issuer", "kind", "conference").annotate(
        task_count=Count("tasks", filter=in_view, distinct=True),
        done_count=Count("tasks", filter=in_view & Q(tasks__status=TaskStatus.DONE), distinct=True),
        overdue_count=Count("tasks", filter=in_view & live & Q(tasks__due_on__lt=today), distinct=True),
    )


def directive_detail() -> QuerySet[Directive]:
    return Directive.objects.select_related("issuer", "kind", "conference", "created_by")


def _scoped_tasks(user: Any, tasks: QuerySet[Task]) -> TaskQuerySet:
    return cast(TaskQuerySet, scoped(user, tasks))


def directive_tasks(directive: Directive, *, user: Any) -> QuerySet[Task]:
    """The tasks of ``directive`` that ``user`` may see, with ``overdue`` annotated."""
    return (
        _scoped_tasks(user, Task.objects.filter(directive=directive))
        .with_overdue()
        .select_related("body", "body__unit")
        .order_by("body__name", "pk")
    )


@dataclass(frozen=True)
class Completion:
    """How a directive's tasks stand (those the reader may see): each status, overdue apart."""

    open: int
    in_progress: int
    overdue: int
    done: int
    cancelled: int

    @property
    def total(self) -> int:
        return self.open + self.in_progress + self.overdue + self.done + self.cancelled

    @property
    def percent_done(self) -> int:
        counted = self.total - self.cancelled
        return round(100 * self.done / counted) if counted else 0


def completion(tasks: QuerySet[Task], today: datetime.date | None = None) -> Completion:
    """One query: the counts by status of ``tasks``, late open or in-progress tasks counted as overdue."""
    today = today or timezone.localdate()
    late = Q(status__in=LIVE_STATUSES, due_on__lt=today)
    counts = tasks.order_by().aggregate(
        open=Count("pk", filter=Q(status=TaskStatus.OPEN) & ~late),
        in_progress=Count("pk", filter=Q(status=TaskStatus.IN_PROGRESS) & ~late),
        overdue=Count("pk", filter=late),
        done=Count("pk", filter=Q(status=TaskStatus.DONE)),
        cancelled=Count("pk", filter=Q(status=TaskStatus.CANCELLED)),
    )
    return Completion(**counts)


def task_list() -> TaskQuerySet:
    """Tasks with their body and directive (scoped by the caller), ``overdue`` annotated."""
    return Task.objects.with_overdue().select_related(
        "body", "directive", "directive__kind", "directive__issuer"
    )


def own_tasks(*, user: Any) -> TaskQuerySet:
    """Tasks assigned to the user's own body or a body below it (not those the body issued)."""
    root = scope_root(user)
    if root is None:
        return Task.objects.none()
    return _scoped_tasks(user, task_list().filter(body__path__startswith=root.path))


def overdue_tasks(*, today: datetime.date | None = None) -> TaskQuerySet:
    return task_list().overdue(today).order_by("due_on", "body__name", "pk")


def task_detail() -> QuerySet[Task]:
    return (
        Task.objects.with_overdue()
        .select_related("body", "directive", "directive__kind", "directive__issuer", "directive__conference")
        .prefetch_related(
            Prefetch(
                "updates",
                queryset=TaskUpdate.objects.select_related("author")
                .prefetch_related(
                    Prefetch(
                        "evidence",
                        queryset=TaskEvidence.objects.select_related(
                            "report_section",
                            "report_section__section",
                            "report_section__report",
                            "report_section__report__cycle",
                            "legal_document",
                            "activity",
                            "activity__body",
                            "document",
                            "document__body",
                        ).defer(*(f"document__{name}" for name in DOCUMENT_HEAVY)),
                    )
                )
                .order_by("-created_at", "-pk"),
            ),
            Prefetch(
                "answers",
                queryset=TaskAnswer.objects.select_related("report", "report__cycle", "updated_by")
                .exclude(text="")
                .order_by("-report__cycle__period_end", "-pk"),
            ),
        )
    )


def home_tasks(*, user: Any, today: datetime.date | None = None) -> dict[str, Any] | None:
    """The home panel. Focal points: their body's open tasks, soonest due first. The standing office and
    reviewers: tasks proposed done that wait for their confirmation, and how many are overdue."""
    today = today or timezone.localdate()
    role = getattr(user, "role", None)
    if role in ("provincial_focal_point", "agency_focal_point"):
        # The body's own tasks are listed; those of the bodies under it (a province's commune-level police
        # and People's Committees) are counted apart, so a province's own work is not buried under them.
        root = scope_root(user)
        root_pk = root.pk if root is not None else 0  # no body: own_tasks is empty anyway
        live = own_tasks(user=user).live()
        mine, late = Q(body_id=root_pk), Q(due_on__lt=today)
        counts = live.order_by().aggregate(  # one query for the four counts
            total=Count("pk", filter=mine),
            overdue=Count("pk", filter=mine & late),
            below=Count("pk", filter=~mine),
            below_overdue=Count("pk", filter=~mine & late),
        )
        if not counts["total"] and not counts["below"] and role == "agency_focal_point":
            return None  # the bodies app's "nothing is assigned to your body yet" says it for agencies
        own = live.filter(mine).order_by("due_on", "pk")
        return {
            "mode": "assignee",
            "tasks": list(own[:HOME_LIMIT]) if counts["total"] else [],
            **counts,
            "body": user.body,
        }
    root = scope_root(user)
    if root is None:
        return None
    issued = _scoped_tasks(user, task_list().filter(directive__issuer__path__startswith=root.path))
    waiting = issued.filter(status=TaskStatus.IN_PROGRESS, done_proposed_at__isnull=False).order_by(
        "done_proposed_at", "pk"
    )
    waiting_total = waiting.count()
    overdue = issued.overdue(today).count()
    if not waiting_total and not overdue:
        return None
    return {
        "mode": "issuer",
        "tasks": list(waiting[:HOME_LIMIT]),
        "total": waiting_total,
        "overdue": overdue,
    }


def evidence_links(task: Task, *, user: Any) -> dict[str, set[int]]:
    """Which of the activities and documents a task's evidence cites ``user`` may open (one query each)."""
    activities: dict[int, Any] = {}
    documents: dict[int, Any] = {}
    for update in task.updates.all():
        for item in update.evidence.all():
            if item.activity_id is not None:
                activities[item.activity_id] = item.activity
            if item.document_id is not None:
                documents[item.document_id] = item.document
    return {
        "editable_activities": {
            pk for pk, activity in activities.items() if user.has_perm("activities.change_activity", activity)
        },
        "readable_documents": set(
            evidence_documents(user=user).filter(pk__in=list(documents)).values_list("pk", flat=True)
        )
        if documents
        else set(),
    }


def evidence_sections(task: Task) -> QuerySet[Any]:
    """The report sections a task's evidence may point to: those of its own body's reports."""
    from rightstrack.reporting.models import ReportSection

    return (
        ReportSection.objects.filter(report__body_id=task.body_id)
        .exclude(html="")
        .select_related("report", "report__cycle", "section")
        .order_by("-report__cycle__period_end", "section__order", "pk")
    )


# A report answers its body's tasks (the section on earlier directives) ------------------------------------


def report_tasks(report: Any) -> TaskQuerySet:
    """The tasks a body's report answers: its open and in-progress tasks, those closed since the cycle's
    period began, and any it has answered already (an answer never disappears from its report). One query,
    with this report's answer loaded as ``report_answers``."""
    answered = TaskAnswer.objects.filter(report_id=report.pk, task_id=OuterRef("pk"))
    closed_recently = Q(
        status__in=(TaskStatus.DONE, TaskStatus.CANCELLED), closed_on__gte=report.cycle.period_start
    )
    return (
        Task.objects.filter(body_id=report.body_id)
        .filter(Q(status__in=LIVE_STATUSES) | closed_recently | Exists(answered))
        .with_overdue()
        .select_related("directive", "directive__issuer", "directive__conference")
        .prefetch_related(
            Prefetch(
                "answers",
                # One report's answers to a task: the default order (task, report, id) is by id, without
                # the joins to the task, its body, the report and its cycle that ordering by them brings.
                queryset=TaskAnswer.objects.filter(report_id=report.pk).order_by("id"),
                to_attr="report_answers",
            )
        )
        .order_by("due_on", "directive__issued_on", "pk")
    )


@dataclass
class AnswerRow:
    """One task in the report's section on earlier directives, with what the report says about it."""

    task: Task
    text: str  # what the report holds
    shown: str  # what the box shows: what was typed (not saved yet) or what the report holds
    proposed: bool  # done proposed (waiting for the issuer) or done already
    propose_typed: bool
    text_field: str
    done_field: str
    answerable: bool  # a cancelled task takes no answer

    @property
    def dirty(self) -> bool:
        return self.shown != self.text


def answer_rows(*, report: Any, user: Any, typed: Any = None) -> dict[str, Any] | None:
    """The report extension's items: the tasks the report answers, each with its box (``None``: the body has
    no task to answer). ``typed``: what the writer typed and has not saved (shown in place of the stored)."""
    typed = (typed or {}).get("task_answers", {})
    rows = []
    for task in report_tasks(report):
        found = getattr(task, "report_answers", [])
        answer = found[0] if found else None
        text = answer.text if answer is not None else ""
        mine = typed.get(str(task.pk), {})
        rows.append(
            AnswerRow(
                task=task,
                text=text,
                shown=str(mine["text"]) if mine.get("text") is not None else text,
                proposed=task.done_proposed_at is not None or task.status == TaskStatus.DONE,
                propose_typed=str(mine.get("propose_done", "")).lower() in ("1", "on", "true"),
                text_field=field_name("task_answers", task.pk, "text"),
                done_field=field_name("task_answers", task.pk, "propose_done"),
                answerable=task.status != TaskStatus.CANCELLED,
            )
        )
    if not rows:
        return None
    return {"rows": rows, "report": report}


def answers_data(*, report: Any) -> dict[str, Any]:
    """The report API's ``extensions["task_answers"]``: each task the report answers (as the writing page
    lists them), with its answer. One query."""
    data = {}
    for task in report_tasks(report):
        found = getattr(task, "report_answers", [])
        data[str(task.pk)] = {
            "directive": task.directive_id,
            "directive_text": task.directive.text,
            "due_on": task.due_on.isoformat(),
            "status": task.status,
            "overdue": task.is_overdue(),
            "done_proposed": task.done_proposed_at is not None,
            "answerable": task.status != TaskStatus.CANCELLED,
            "text": found[0].text if found else "",
        }
    return data


def answer_line(directive_text: str, answer: str) -> str:
    """ "Task: <directive> — <answer>" as one paragraph of HTML (escaped), for the report and its files."""
    text = escape(answer).replace("\n", "<br>")
    return f"<p><strong>{escape(_('Task'))}: {escape(directive_text)}</strong> — {text}</p>"


def answers_html(*, report: Any) -> str:
    """What the report answered about its tasks, as section content (only answers with text). One query."""
    answers = (
        TaskAnswer.objects.filter(report_id=report.pk)
        .exclude(text="")
        .select_related("task", "task__directive")
        .order_by("task__due_on", "task__directive__issued_on", "task_id")
    )
    return "".join(answer_line(a.task.directive.display_text, a.text) for a in answers)


# Evidence a progress note may cite ----------------------------------------------------------------------


def evidence_legal_documents() -> QuerySet[Any]:
    """The register's documents (every signed-in user reads them), newest first."""
    from rightstrack.laws.models import LegalDocument

    return LegalDocument.objects.order_by("-issued_on", "title", "pk")


def evidence_activities(task: Task) -> QuerySet[Any]:
    """The activities a task's evidence may point to: those of its body and of the bodies under it, newest
    first (``activities.selectors.activities_for_body``; the caller scopes them to the reader)."""
    from rightstrack.activities.selectors import activities_for_body

    return activities_for_body(task.body, None, None).order_by("-date", "-pk")


# The documents app sits above this one: it offers its documents as evidence by registering
# ``f(*, user) -> QuerySet`` (scoped to ``user``; None: every document) by its dotted path, from its apps.py.
EVIDENCE_DOCUMENTS: list[str] = []


def register_evidence_documents(path: str) -> None:
    if path not in EVIDENCE_DOCUMENTS:
        EVIDENCE_DOCUMENTS.append(path)


def evidence_documents(*, user: Any) -> QuerySet[Any]:
    """The kept documents ``user`` may cite as evidence (none when no app offers documents)."""
    from rightstrack.core.registry import resolve

    if not EVIDENCE_DOCUMENTS:
        return TaskEvidence.objects.none()
    return resolve(EVIDENCE_DOCUMENTS[0])(user=user)  # type: ignore[no-any-return]


def legal_document_block(*, user: Any, document: Any) -> Any:
    """The tasks the user sees whose progress notes cite ``document`` (for its page in the register,
    registered with ``laws.selectors.register_linked``)."""
    from django.utils.translation import gettext as _

    from rightstrack.laws.selectors import LinkBlock

    tasks = scoped(
        user, Task.objects.filter(updates__evidence__legal_document=document).distinct()
    ).select_related("body", "directive")
    rows = [
        (task.get_absolute_url(), str(task.directive), f"{task.body.name} · {task.display_status}")
        for task in tasks.order_by("due_on", "body__name", "pk")[:LAW_PAGE_TASKS]
    ]
    return LinkBlock(
        title=_("Tasks citing this document as evidence"),
        empty=_("No task you can see cites this document."),
        rows=rows,
        total=tasks.count(),
    )


LAW_PAGE_TASKS = 20


def taken_statements(*, document_id: int, user: Any) -> dict[str, Directive | None]:
    """The sentences of a kept article already taken into directives, by key: the directive when ``user``
    sees it, else None (taken, but not for this reader to open). Two queries."""
    taken = dict(
        Directive.objects.filter(source_article_id=document_id)
        .exclude(statement_key="")
        .values_list("statement_key", "pk")
    )
    visible = {d.pk: d for d in scoped(user, Directive.objects.filter(pk__in=list(taken.values())))}
    return {key: visible.get(pk) for key, pk in taken.items()}
